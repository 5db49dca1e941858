import * as v from 'valibot';
import { ulidSchema } from '../ids/ulid.js';
import { AddressSchema, ApplicantSchema, PhoneSchema, ProxySchema } from '../people/applicant.js';
import { PersonNameSchema } from '../people/id-document.js';
import { CASE_DOCUMENT_KINDS, type CaseDocumentKind } from './document-kinds.js';
import { CASE_STATUSES, isResultStatus } from './status.js';
import { CaseNumberSchema, WindowCodeSchema, HallCodeSchema, isCaseNumber, parseCaseNumber } from './case-number.js';
import { codeSchema, isoDateSchema, isoTimestampSchema, objectMessage, textSchema } from './fields.js';
import { bilingual } from '../i18n/schema-message.js';
import { FormValuesSchema } from './form.js';
import { MAX_REFUSAL_GROUND } from './refusal.js';

/** How a material was received at intake (收取方式). */
export const RECEIPT_KINDS = {
  paper: { zh: '纸质', en: 'Paper' },
  attachment: { zh: '电子附件', en: 'Electronic attachment' },
  scan: { zh: '扫描件', en: 'Scanned at the window' },
  'e-licence': { zh: '电子证照', en: 'E-licence' },
  tolerated: { zh: '容缺', en: 'Tolerated (to be supplemented)' },
  commitment: { zh: '告知承诺', en: 'Replaced by commitment' },
  missing: { zh: '缺', en: 'Missing' },
} as const;
/** Key of {@link RECEIPT_KINDS}. */
export type ReceiptKind = keyof typeof RECEIPT_KINDS;

const DOCUMENT_KEYS = Object.keys(CASE_DOCUMENT_KINDS) as [CaseDocumentKind, ...CaseDocumentKind[]];
const RECEIPT_KEYS = Object.keys(RECEIPT_KINDS) as [ReceiptKind, ...ReceiptKind[]];
const STATUS_MESSAGE = bilingual(
  `status: one of ${CASE_STATUSES.join(', ')}`,
  `status: 应为以下之一：${CASE_STATUSES.join('、')}`,
);

const ReasonSchema = textSchema('reason', 500);

/**
 * Bounds of a case, checked on the window and by the hall: no list a client sends is unbounded. Generous for a real
 * case (a bundle of a dozen items, a few hundred steps over its life), small enough that no case costs the hall much.
 */
export const MAX_CASE_ITEMS = 50;
export const MAX_CASE_MATERIALS = 200;
export const MAX_CASE_AUDIT = 1000;
export const MAX_MATERIAL_FILES = 50;
/** Longest note on a case material (what is wrong with it, for the one-time notice). */
export const MAX_MATERIAL_NOTE = 200;

/** One line of a case's audit trail. */
export const AuditEntrySchema = v.object(
  {
    at: isoTimestampSchema('at'),
    /** Clerk id. */
    actor: codeSchema('actor'),
    window: WindowCodeSchema,
    /** What was done, e.g. `accept`, `refuse`, `print-notice`. */
    action: v.pipe(
      v.string(bilingual('action: a string', 'action: 应为文字')),
      v.regex(
        /^[a-z][a-z0-9-]{0,63}$/,
        bilingual(
          'action: lower-case letters, digits and -, starting with a letter',
          'action: 只能包含小写字母、数字和 -，且以字母开头',
        ),
      ),
    ),
    /** Status before and after, when the step changed it. */
    from: v.optional(v.picklist(CASE_STATUSES, STATUS_MESSAGE)),
    to: v.optional(v.picklist(CASE_STATUSES, STATUS_MESSAGE)),
    reason: v.optional(ReasonSchema),
    /** The materials the step concerns, e.g. those supplied by a `supplement`. */
    materialIds: v.optional(
      v.pipe(
        v.array(
          codeSchema('materialIds'),
          bilingual('materialIds: a list of material ids', 'materialIds: 应为材料编号列表'),
        ),
        v.minLength(
          1,
          bilingual('materialIds: at least one material when given', 'materialIds: 填写时至少包含一项材料'),
        ),
      ),
    ),
  },
  objectMessage('audit entry'),
);
export type AuditEntry = v.InferOutput<typeof AuditEntrySchema>;

/** A SHA-256 (hex, lower case) of a stored file; `each` for the items of a list of them. */
function sha256Schema(field: string, each: boolean) {
  const [en, zh] = each ? ['each a', '每项应为'] : ['a', '应为'];
  return v.pipe(
    v.string(bilingual(`${field}: ${en} SHA-256 hex string`, `${field}: ${zh} SHA-256 十六进制字符串`)),
    v.toLowerCase(),
    v.regex(
      /^[0-9a-f]{64}$/,
      bilingual(
        `${field}: ${en} SHA-256 hash, 64 hexadecimal characters`,
        `${field}: ${zh} SHA-256 哈希值，即 64 位十六进制字符`,
      ),
    ),
  );
}

/** How a document was signed: on the window's signature pad (its image kept), or on the paper itself. */
export const SIGNATURE_WAYS = {
  pad: { zh: '签字板签名', en: 'Signed on the pad' },
  paper: { zh: '纸质签字', en: 'Signed on paper' },
} as const;
/** Key of {@link SIGNATURE_WAYS}. */
export type SignatureWay = keyof typeof SIGNATURE_WAYS;

/** What the deciding department decided: granted (准予), or denied (不予, a decision handed over as well). */
export const RESULT_OUTCOMES = {
  granted: { zh: '准予', en: 'Granted' },
  denied: { zh: '不予', en: 'Denied' },
} as const;
/** Key of {@link RESULT_OUTCOMES}. */
export type ResultOutcome = keyof typeof RESULT_OUTCOMES;

/** The case's result (办结结果) as the deciding department sent it back. */
export const CaseResultSchema = v.object(
  {
    outcome: v.picklist(
      Object.keys(RESULT_OUTCOMES) as [ResultOutcome, ...ResultOutcome[]],
      bilingual("outcome: 'granted' or 'denied'", "outcome: 应为 'granted'（准予）或 'denied'（不予）"),
    ),
    /** The result's name as issued, e.g. 公共租赁住房保障资格确认, 不予行政许可决定书. */
    name: textSchema('result.name', 100),
    /** The decision's document number (文书编号), e.g. 和住保〔2026〕123号. */
    documentNumber: v.optional(textSchema('result.documentNumber', 64)),
    /** The deciding department. */
    department: textSchema('result.department', 100),
    /** When it decided, by its clock. */
    decidedAt: isoTimestampSchema('result.decidedAt'),
    /** SHA-256 of the result document, when it came as a file (stored as an attachment). */
    sha256: v.optional(sha256Schema('result.sha256', false)),
  },
  objectMessage('result'),
);
export type CaseResult = v.InferOutput<typeof CaseResultSchema>;

/**
 * How the result was handed over (出件): at a comprehensive window to the applicant or their proxy, whose identity
 * document matched and who signed for it (on the pad, its image kept, or on paper); or posted, with the carrier and
 * the tracking number.
 */
export const CaseHandoverSchema = v.variant(
  'way',
  [
    v.pipe(
      v.object(
        {
          way: v.literal('window'),
          receiver: v.picklist(
            ['applicant', 'proxy'],
            bilingual("receiver: 'applicant' or 'proxy'", "receiver: 应为 'applicant'（申请人）或 'proxy'（代理人）"),
          ),
          signature: v.picklist(
            Object.keys(SIGNATURE_WAYS) as [SignatureWay, ...SignatureWay[]],
            bilingual("signature: 'pad' or 'paper'", "signature: 应为 'pad'（签字板）或 'paper'（纸质）"),
          ),
          /** The signature pad's image (PNG), stored as an encrypted attachment. */
          image: v.optional(sha256Schema('image', false)),
          at: isoTimestampSchema('at'),
        },
        objectMessage('handover'),
      ),
      v.check(
        (h) => (h.signature === 'pad') === (h.image !== undefined),
        bilingual(
          'image: required for a pad signature, and only for one',
          'image: 签字板签名须有签名图像，纸质签字不带图像',
        ),
      ),
    ),
    v.object(
      {
        way: v.literal('post'),
        carrier: textSchema('carrier', 40),
        trackingNumber: v.pipe(
          v.string(bilingual('trackingNumber: a tracking number is required', 'trackingNumber: 应填写邮件运单号')),
          v.trim(),
          v.toUpperCase(),
          v.regex(
            /^[0-9A-Z]{8,32}$/,
            bilingual('trackingNumber: 8 to 32 letters and digits', 'trackingNumber: 运单号应为 8 到 32 位字母或数字'),
          ),
        ),
        at: isoTimestampSchema('at'),
      },
      objectMessage('handover'),
    ),
  ],
  bilingual("way: 'window' or 'post'", "way: 应为 'window'（窗口领取）或 'post'（邮寄送达）"),
);
export type CaseHandover = v.InferOutput<typeof CaseHandoverSchema>;

/** A document the applicant (or their proxy) signed: which, who, how, when, and the pad's image. */
export const CaseSignatureSchema = v.pipe(
  v.object(
    {
      document: v.picklist(
        DOCUMENT_KEYS,
        bilingual(
          `document: one of ${DOCUMENT_KEYS.join(', ')}`,
          `document: 应为以下之一：${DOCUMENT_KEYS.join('、')}`,
        ),
      ),
      signer: v.picklist(
        ['applicant', 'proxy'],
        bilingual("signer: 'applicant' or 'proxy'", "signer: 应为 'applicant'（申请人）或 'proxy'（代理人）"),
      ),
      way: v.picklist(
        Object.keys(SIGNATURE_WAYS) as [SignatureWay, ...SignatureWay[]],
        bilingual("way: 'pad' or 'paper'", "way: 应为 'pad'（签字板）或 'paper'（纸质）"),
      ),
      at: isoTimestampSchema('at'),
      /** The signature pad's image (PNG), stored as an encrypted attachment. */
      image: v.optional(sha256Schema('image', false)),
    },
    objectMessage('signature'),
  ),
  v.check(
    (s) => (s.way === 'pad') === (s.image !== undefined),
    bilingual(
      'image: a signature on the pad keeps its image, and one on paper has none',
      'image: 签字板签名必须保存签名图像，纸质签字则不填',
    ),
  ),
);
export type CaseSignature = v.InferOutput<typeof CaseSignatureSchema>;

/** How the applicant gets the case's result (办结结果): at a comprehensive window, or by post where every item allows. */
export const RESULT_DELIVERY_WAYS = {
  window: { zh: '窗口领取', en: 'Collected at a window' },
  post: { zh: '邮寄送达', en: 'Sent by post' },
} as const;
/** Key of {@link RESULT_DELIVERY_WAYS}. */
export type ResultDeliveryWay = keyof typeof RESULT_DELIVERY_WAYS;

/** Where the result goes: collected at any comprehensive window, or posted to the recipient at the address. */
export const ResultDeliverySchema = v.variant(
  'way',
  [
    v.object({ way: v.literal('window') }, objectMessage('delivery')),
    v.object(
      {
        way: v.literal('post'),
        /** Who receives the post (the applicant, or someone they name). */
        recipient: PersonNameSchema,
        phone: PhoneSchema,
        address: AddressSchema,
      },
      objectMessage('delivery'),
    ),
  ],
  bilingual("way: 'window' or 'post'", "way: 应为 'window'（窗口领取）或 'post'（邮寄送达）"),
);
export type ResultDelivery = v.InferOutput<typeof ResultDeliverySchema>;

/** A material as received for a case, traceable to the items that need it. */
export const CaseMaterialSchema = v.pipe(
  v.object(
    {
      materialId: codeSchema('materialId'),
      itemIds: v.pipe(
        v.array(codeSchema('itemIds'), bilingual('itemIds: a list of item ids', 'itemIds: 应为事项编号列表')),
        v.minLength(
          1,
          bilingual('itemIds: at least one item needs this material', 'itemIds: 至少要有一个事项需要此材料'),
        ),
        v.check(
          (ids) => new Set(ids).size === ids.length,
          bilingual('itemIds: each item at most once', 'itemIds: 每个事项只能出现一次'),
        ),
      ),
      receipt: v.picklist(
        RECEIPT_KEYS,
        bilingual(`receipt: one of ${RECEIPT_KEYS.join(', ')}`, `receipt: 应为以下之一：${RECEIPT_KEYS.join('、')}`),
      ),
      copies: v.pipe(
        v.number(bilingual('copies: a number', 'copies: 份数应为数字')),
        v.integer(bilingual('copies: a whole number', 'copies: 份数应为整数')),
        v.minValue(0, bilingual('copies: 0 or more', 'copies: 份数不能小于 0')),
        v.maxValue(99, bilingual('copies: at most 99', 'copies: 份数不能超过 99')),
      ),
      /**
       * What is wrong with it or what is still needed (复印件不清晰, 需加盖公章): said to the applicant in the one-time
       * notice (一次性告知书) and the commitment letter.
       */
      note: v.optional(textSchema('note', MAX_MATERIAL_NOTE)),
      /** The e-licence (电子证照) it was taken as, when it came from the hall's look-up: the very document, by hash. */
      licence: v.optional(
        v.object(
          {
            type: codeSchema('licence.type'),
            number: textSchema('licence.number', 64),
            issuer: textSchema('licence.issuer', 100),
            sha256: sha256Schema('licence.sha256', false),
          },
          objectMessage('licence'),
        ),
      ),
      /** SHA-256 (hex) of each stored file. */
      attachments: v.optional(
        v.pipe(
          v.array(
            sha256Schema('attachments', true),
            bilingual('attachments: a list of SHA-256 hashes', 'attachments: 应为 SHA-256 哈希值列表'),
          ),
          v.maxLength(
            MAX_MATERIAL_FILES,
            bilingual(
              `attachments: at most ${MAX_MATERIAL_FILES} files`,
              `attachments: 每项材料最多 ${MAX_MATERIAL_FILES} 个文件`,
            ),
          ),
        ),
      ),
    },
    objectMessage('material'),
  ),
  v.forward(
    v.partialCheck(
      [['receipt'], ['licence']],
      (m) => m.licence === undefined || m.receipt === 'e-licence',
      bilingual(
        'licence: only a material taken as an e-licence cites one',
        'licence: 只有以电子证照收取的材料才能引用电子证照',
      ),
    ),
    ['licence'],
  ),
);
export type CaseMaterial = v.InferOutput<typeof CaseMaterialSchema>;

/** An item taken in, pinned to the catalog version it was taken in under. */
export const CaseItemSchema = v.object(
  {
    itemId: codeSchema('itemId'),
    version: v.pipe(
      v.number(bilingual('version: a number', 'version: 版本号应为数字')),
      v.integer(bilingual('version: a whole number', 'version: 版本号应为整数')),
      v.minValue(1, bilingual('version: 1 or more', 'version: 版本号不能小于 1')),
    ),
  },
  objectMessage('item'),
);
export type CaseItem = v.InferOutput<typeof CaseItemSchema>;

const CaseObjectSchema = v.object(
  {
    id: ulidSchema('id'),
    number: CaseNumberSchema,
    hall: HallCodeSchema,
    window: WindowCodeSchema,
    items: v.pipe(
      v.array(CaseItemSchema, bilingual('items: a list', 'items: 应为列表')),
      v.minLength(1, bilingual('items: a case takes in at least one item', 'items: 一个办件至少要受理一个事项')),
      v.maxLength(
        MAX_CASE_ITEMS,
        bilingual(`items: at most ${MAX_CASE_ITEMS}`, `items: 最多 ${MAX_CASE_ITEMS} 个事项`),
      ),
    ),
    bundleId: v.optional(codeSchema('bundleId')),
    /** The queue ticket (its id) called to the window for this case: from the call to the rating, one thread. */
    ticketId: v.optional(ulidSchema('ticketId')),
    /** The helper desk's visit (帮办代办) the case was taken in on: a helper took it in for the applicant. */
    assistVisit: v.optional(ulidSchema('assistVisit')),
    applicant: ApplicantSchema,
    proxy: v.optional(ProxySchema),
    /** How the result reaches the applicant, chosen on acceptance (personal data when posted: sealed at the hall). */
    delivery: v.optional(ResultDeliverySchema),
    /** The application form's answers (申请表), by field key (personal data: sealed at the hall). */
    form: v.optional(FormValuesSchema),
    /** The documents signed at the window (the tolerance commitment letter, 容缺受理承诺书). */
    signatures: v.optional(
      v.pipe(
        v.array(CaseSignatureSchema, bilingual('signatures: a list', 'signatures: 应为列表')),
        v.maxLength(10, bilingual('signatures: at most 10', 'signatures: 最多 10 项签字')),
      ),
    ),
    materials: v.pipe(
      v.array(CaseMaterialSchema, bilingual('materials: a list', 'materials: 应为列表')),
      v.maxLength(
        MAX_CASE_MATERIALS,
        bilingual(`materials: at most ${MAX_CASE_MATERIALS}`, `materials: 最多 ${MAX_CASE_MATERIALS} 项材料`),
      ),
    ),
    status: v.picklist(CASE_STATUSES, STATUS_MESSAGE),
    /** The first clerk, responsible for the case throughout (首问负责). */
    responsibleClerk: codeSchema('responsibleClerk'),
    /** Last day (China time) to supplement tolerated materials. */
    supplementDue: v.optional(isoDateSchema('supplementDue')),
    /** 承诺办结日期. */
    promisedDate: v.optional(isoDateSchema('promisedDate')),
    /** The result the deciding department sent back (办结结果), recorded when the case is decided. */
    result: v.optional(CaseResultSchema),
    /** How the result reached the applicant (出件), recorded when it is delivered. */
    handover: v.optional(CaseHandoverSchema),
    /** What a refusal (不予受理) rests on: the ground's id among the items' grounds and its text as printed. */
    refusalGround: v.optional(
      v.object(
        { id: codeSchema('refusalGround.id', 160), text: textSchema('refusalGround.text', MAX_REFUSAL_GROUND) },
        bilingual('refusalGround: an object with id and text', 'refusalGround: 应为包含 id 和 text 的对象'),
      ),
    ),
    audit: v.pipe(
      v.array(AuditEntrySchema, bilingual('audit: a list', 'audit: 应为列表')),
      v.maxLength(
        MAX_CASE_AUDIT,
        bilingual(`audit: at most ${MAX_CASE_AUDIT} lines`, `audit: 办理记录最多 ${MAX_CASE_AUDIT} 条`),
      ),
    ),
    createdAt: isoTimestampSchema('createdAt'),
    updatedAt: isoTimestampSchema('updatedAt'),
  },
  objectMessage('case'),
);

type CaseShape = v.InferOutput<typeof CaseObjectSchema>;

/** A case (办件) as the window takes it in and the hall server stores it. */
export const CaseSchema = v.pipe(
  CaseObjectSchema,
  v.forward(
    v.partialCheck(
      [['number'], ['hall'], ['window']],
      (c) => {
        if (!isCaseNumber(c.number)) return true; // already reported by CaseNumberSchema
        const parts = parseCaseNumber(c.number);
        return parts.hall === c.hall && parts.window === c.window;
      },
      bilingual(
        'number: the hall and window in the case number must be the case’s hall and window',
        'number: 办件编号中的大厅和窗口必须与本办件的大厅和窗口一致',
      ),
    ),
    ['number'],
  ),
  v.forward(
    v.partialCheck(
      [['items']],
      (c) => new Set(c.items.map((i) => i.itemId)).size === c.items.length,
      bilingual('items: each item at most once', 'items: 每个事项只能出现一次'),
    ),
    ['items'],
  ),
  v.forward(
    v.partialCheck(
      [['materials']],
      (c) => new Set(c.materials.map((m) => m.materialId)).size === c.materials.length,
      bilingual(
        'materials: each material at most once (merge the items that need it into itemIds)',
        'materials: 每种材料只能出现一次（需要同一材料的事项请合并写入该材料的 itemIds）',
      ),
    ),
    ['materials'],
  ),
  v.forward(
    v.partialCheck(
      [['items'], ['materials']],
      (c) => {
        const ids = new Set(c.items.map((i) => i.itemId));
        return c.materials.every((m) => m.itemIds.every((id) => ids.has(id)));
      },
      bilingual(
        'materials: every itemIds entry must be one of the case’s items',
        'materials: itemIds 中的每一项都必须是本办件受理的事项',
      ),
    ),
    ['materials'],
  ),
  v.forward(
    v.partialCheck(
      [['status'], ['supplementDue']],
      (c) => !(c.status === 'accepted-with-tolerance' || c.status === 'overdue') || c.supplementDue !== undefined,
      bilingual(
        'supplementDue: required while tolerated materials are awaited',
        'supplementDue: 有容缺材料待补齐时，必须填写补齐期限',
      ),
    ),
    ['supplementDue'],
  ),
  v.forward(
    v.partialCheck(
      [['status'], ['materials']],
      (c) => !isResultStatus(c.status) || c.materials.every((material) => material.receipt !== 'tolerated'),
      bilingual(
        'materials: a decided case has no tolerated material still awaited',
        'materials: 已作出决定的办件不能还有待补齐的容缺材料',
      ),
    ),
    ['materials'],
  ),
  v.forward(
    v.partialCheck(
      [['createdAt'], ['updatedAt']],
      (c) => Date.parse(c.updatedAt) >= Date.parse(c.createdAt),
      bilingual('updatedAt: must not be before createdAt', 'updatedAt: 更新时间不能早于创建时间（createdAt）'),
    ),
    ['updatedAt'],
  ),
);
export type Case = CaseShape;

/**
 * The mobile number a case's applicant is told on by SMS: the applicant's, else their proxy's; `undefined` when neither
 * left a mainland mobile number (phones are stored as digits).
 */
export function contactMobile(value: Pick<Case, 'applicant' | 'proxy'>): string | undefined {
  return [value.applicant.phone, value.proxy?.phone].find((phone) => phone !== undefined && /^1\d{10}$/.test(phone));
}
