import * as v from 'valibot';
import { ulidSchema } from '../ids/ulid.js';
import { ApplicantSchema, ProxySchema } from '../people/applicant.js';
import { CASE_STATUSES, isResultStatus } from './status.js';
import { CaseNumberSchema, WindowCodeSchema, HallCodeSchema, isCaseNumber, parseCaseNumber } from './case-number.js';
import { codeSchema, isoDateSchema, isoTimestampSchema, objectMessage, textSchema } from './fields.js';

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

const RECEIPT_KEYS = Object.keys(RECEIPT_KINDS) as [ReceiptKind, ...ReceiptKind[]];
const STATUS_MESSAGE = `status: one of ${CASE_STATUSES.join(', ')}`;

const ReasonSchema = textSchema('reason', 500);

/** One line of a case's audit trail. */
export const AuditEntrySchema = v.object(
  {
    at: isoTimestampSchema('at'),
    /** Clerk id. */
    actor: codeSchema('actor'),
    window: WindowCodeSchema,
    /** What was done, e.g. `accept`, `refuse`, `print-notice`. */
    action: v.pipe(
      v.string('action: a string'),
      v.regex(/^[a-z][a-z0-9-]{0,63}$/, 'action: lower-case letters, digits and -, starting with a letter'),
    ),
    /** Status before and after, when the step changed it. */
    from: v.optional(v.picklist(CASE_STATUSES, STATUS_MESSAGE)),
    to: v.optional(v.picklist(CASE_STATUSES, STATUS_MESSAGE)),
    reason: v.optional(ReasonSchema),
    /** The materials the step concerns, e.g. those supplied by a `supplement`. */
    materialIds: v.optional(
      v.pipe(
        v.array(codeSchema('materialIds'), 'materialIds: a list of material ids'),
        v.minLength(1, 'materialIds: at least one material when given'),
      ),
    ),
  },
  objectMessage('audit entry'),
);
export type AuditEntry = v.InferOutput<typeof AuditEntrySchema>;

/** A material as received for a case, traceable to the items that need it. */
export const CaseMaterialSchema = v.object(
  {
    materialId: codeSchema('materialId'),
    itemIds: v.pipe(
      v.array(codeSchema('itemIds'), 'itemIds: a list of item ids'),
      v.minLength(1, 'itemIds: at least one item needs this material'),
      v.check((ids) => new Set(ids).size === ids.length, 'itemIds: each item at most once'),
    ),
    receipt: v.picklist(RECEIPT_KEYS, `receipt: one of ${RECEIPT_KEYS.join(', ')}`),
    copies: v.pipe(
      v.number('copies: a number'),
      v.integer('copies: a whole number'),
      v.minValue(0, 'copies: 0 or more'),
      v.maxValue(99, 'copies: at most 99'),
    ),
    /** SHA-256 (hex) of each stored file. */
    attachments: v.optional(
      v.array(
        v.pipe(
          v.string('attachments: SHA-256 hex strings'),
          v.toLowerCase(),
          v.regex(/^[0-9a-f]{64}$/, 'attachments: each a SHA-256 hash, 64 hexadecimal characters'),
        ),
        'attachments: a list of SHA-256 hashes',
      ),
    ),
  },
  objectMessage('material'),
);
export type CaseMaterial = v.InferOutput<typeof CaseMaterialSchema>;

/** An item taken in, pinned to the catalog version it was taken in under. */
export const CaseItemSchema = v.object(
  {
    itemId: codeSchema('itemId'),
    version: v.pipe(
      v.number('version: a number'),
      v.integer('version: a whole number'),
      v.minValue(1, 'version: 1 or more'),
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
    items: v.pipe(v.array(CaseItemSchema, 'items: a list'), v.minLength(1, 'items: a case takes in at least one item')),
    bundleId: v.optional(codeSchema('bundleId')),
    applicant: ApplicantSchema,
    proxy: v.optional(ProxySchema),
    materials: v.array(CaseMaterialSchema, 'materials: a list'),
    status: v.picklist(CASE_STATUSES, STATUS_MESSAGE),
    /** The first clerk, responsible for the case throughout (首问负责). */
    responsibleClerk: codeSchema('responsibleClerk'),
    /** Last day (China time) to supplement tolerated materials. */
    supplementDue: v.optional(isoDateSchema('supplementDue')),
    /** 承诺办结日期. */
    promisedDate: v.optional(isoDateSchema('promisedDate')),
    audit: v.array(AuditEntrySchema, 'audit: a list'),
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
      'number: the hall and window in the case number must be the case’s hall and window',
    ),
    ['number'],
  ),
  v.forward(
    v.partialCheck(
      [['items']],
      (c) => new Set(c.items.map((i) => i.itemId)).size === c.items.length,
      'items: each item at most once',
    ),
    ['items'],
  ),
  v.forward(
    v.partialCheck(
      [['materials']],
      (c) => new Set(c.materials.map((m) => m.materialId)).size === c.materials.length,
      'materials: each material at most once (merge the items that need it into itemIds)',
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
      'materials: every itemIds entry must be one of the case’s items',
    ),
    ['materials'],
  ),
  v.forward(
    v.partialCheck(
      [['status'], ['supplementDue']],
      (c) => !(c.status === 'accepted-with-tolerance' || c.status === 'overdue') || c.supplementDue !== undefined,
      'supplementDue: required while tolerated materials are awaited',
    ),
    ['supplementDue'],
  ),
  v.forward(
    v.partialCheck(
      [['status'], ['materials']],
      (c) => !isResultStatus(c.status) || c.materials.every((material) => material.receipt !== 'tolerated'),
      'materials: a decided case has no tolerated material still awaited',
    ),
    ['materials'],
  ),
  v.forward(
    v.partialCheck(
      [['createdAt'], ['updatedAt']],
      (c) => Date.parse(c.updatedAt) >= Date.parse(c.createdAt),
      'updatedAt: must not be before createdAt',
    ),
    ['updatedAt'],
  ),
);
export type Case = CaseShape;
