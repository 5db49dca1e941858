import * as v from 'valibot';
import { codeSchema, isoDateSchema, isoTimestampSchema, objectMessage, textSchema } from '../case/fields.js';
import { checkPhone } from '../identity/phone.js';
import { checkUsccStructure } from '../identity/uscc-structure.js';
import {
  IdDocumentTypeSchema,
  IdNumberSchema,
  PersonNameSchema,
  IdentitySchema,
  idNumberCheck,
  idNumberNormalize,
} from './id-document.js';
import { bilingual, schemaLocale } from '../i18n/schema-message.js';

/** Groups that get priority and a helper (帮办代办) at the hall. */
export const SPECIAL_GROUPS = {
  elderly: { zh: '老年人', en: 'Elderly' },
  disabled: { zh: '残疾人', en: 'Person with a disability' },
  pregnant: { zh: '孕妇', en: 'Pregnant' },
  veteran: { zh: '退役军人', en: 'Veteran' },
  other: { zh: '其他特殊群体', en: 'Other special group' },
} as const;
/** Key of {@link SPECIAL_GROUPS}. */
export type SpecialGroup = keyof typeof SPECIAL_GROUPS;

/** How a proxy (代理人) is authorised to act for the applicant. */
export const AUTHORISATION_KINDS = {
  'power-of-attorney': { zh: '授权委托书', en: 'Power of attorney' },
  guardian: { zh: '监护人', en: 'Guardian' },
  statutory: { zh: '法定代理', en: 'Statutory agent' },
  'helper-desk': { zh: '帮办代办', en: 'Hall helper desk' },
} as const;
/** Key of {@link AUTHORISATION_KINDS}. */
export type AuthorisationKind = keyof typeof AUTHORISATION_KINDS;

const SPECIAL_GROUP_KEYS = Object.keys(SPECIAL_GROUPS) as [SpecialGroup, ...SpecialGroup[]];
const AUTHORISATION_KEYS = Object.keys(AUTHORISATION_KINDS) as [AuthorisationKind, ...AuthorisationKind[]];

/** The identifier checks' options for a parse: their messages in the parse's language (valibot's `lang`). */
const checkOptions = (lang: string | undefined) => ({ locale: schemaLocale(lang) });
/** What a refusal says should a check ever refuse without saying why. */
const NOT_A_PHONE_NUMBER = bilingual('not a phone number', '不是有效的电话号码。');
const NOT_A_USCC = bilingual('not a unified social credit code', '不是有效的统一社会信用代码。');

/**
 * A phone number, judged by `checkPhone` and stored in its canonical form: a mainland mobile number or a landline
 * number with its area code, with an optional `+86` / `0086`, separators and (landlines) an extension; stored as digits
 * only (`13812345678`, `02223456789`, `02223456789-8001`). The schema accepts exactly what `checkPhone` accepts.
 */
export const PhoneSchema = v.pipe(
  v.string(bilingual('phone: a phone number string is required', 'phone: 应填写电话号码')),
  v.rawCheck<string>(({ dataset, config, addIssue }) => {
    if (!dataset.typed) return;
    const result = checkPhone(dataset.value, checkOptions(config.lang));
    if (!result.valid) addIssue({ message: (issue) => `phone: ${result.error ?? NOT_A_PHONE_NUMBER(issue)}` });
  }),
  v.transform((s) => checkPhone(s).normalized ?? s),
);

/** A postal address, free text. */
export const AddressSchema = v.pipe(
  v.string(bilingual('address: an address string is required', 'address: 应填写地址')),
  v.trim(),
  v.minLength(1, bilingual('address: must not be empty', 'address: 不能为空')),
  v.maxLength(200, bilingual('address: at most 200 characters', 'address: 不能超过 200 个字符')),
);

/** An organisation's name as registered: any printable text, no line breaks. */
const OrganisationNameSchema = v.pipe(
  v.string(bilingual('name: a name is required', 'name: 应填写名称')),
  v.trim(),
  v.minLength(1, bilingual('name: must not be empty', 'name: 不能为空')),
  v.maxLength(200, bilingual('name: at most 200 characters', 'name: 不能超过 200 个字符')),
  v.regex(
    /^[^\p{Cc}\p{Cf}\u2028\u2029]+$/u,
    bilingual('name: no line breaks or control characters', 'name: 不能包含换行符或控制字符'),
  ),
);

/** Whether a credit code failed only its check characters: the case a clerk may confirm (early-pilot codes). */
const confirmable = (reason: string | undefined): boolean => reason === 'check-digit' || reason === 'org-code';

/**
 * Unified social credit code (统一社会信用代码), judged by `checkUscc` in full (characters, GB 32100 check character, and
 * the GB 11714 check of the organisation code inside) and stored in its canonical form (upper case, no spaces). Kept
 * under its old name; for an organisation applicant, whose early-pilot code may need a clerk's confirmation, see
 * {@link OrganisationApplicantSchema}.
 */
export const UsccFormatSchema = v.pipe(
  v.string(bilingual('uscc: a unified social credit code string is required', 'uscc: 应填写统一社会信用代码')),
  v.rawCheck<string>(({ dataset, config, addIssue }) => {
    if (!dataset.typed) return;
    const result = checkUsccStructure(dataset.value, checkOptions(config.lang));
    if (!result.valid) addIssue({ message: (issue) => `uscc: ${result.error ?? NOT_A_USCC(issue)}` });
  }),
  v.transform((s) => checkUsccStructure(s).normalized ?? s),
);

/**
 * The `uscc` field of an organisation applicant: length and characters here, the check characters in
 * {@link usccConfirmationCheck} (which knows whether a clerk confirmed the code).
 */
const ApplicantUsccSchema = v.pipe(
  v.string(bilingual('uscc: a unified social credit code string is required', 'uscc: 应填写统一社会信用代码')),
  v.rawCheck<string>(({ dataset, config, addIssue }) => {
    if (!dataset.typed) return;
    const result = checkUsccStructure(dataset.value, checkOptions(config.lang));
    if (!result.valid && !confirmable(result.reason))
      addIssue({ message: (issue) => `uscc: ${result.error ?? NOT_A_USCC(issue)}` });
  }),
  v.transform((s) => checkUsccStructure(s).normalized ?? s),
);

/**
 * A clerk's confirmation of a credit code that fails its check characters (GB 32100 / GB 11714): a few codes issued in
 * the early pilots do, and are still valid. The clerk compares the code with the licence and records who, when and
 * why; the intake copies it into the case's audit trail. Without it such a code is refused; with it on a code that
 * passes, the record is refused too (a confirmation must not outlive the error it was for).
 */
export const UsccConfirmationSchema = v.object(
  {
    /** The confirming clerk's id. */
    by: codeSchema('by'),
    /** When the clerk confirmed it, an ISO 8601 timestamp with a zone. */
    at: isoTimestampSchema('at'),
    /** What the clerk checked, in their words, e.g. 与营业执照原件核对一致（早期试点代码）. */
    reason: v.pipe(
      v.string(bilingual('reason: what the clerk checked is required', 'reason: 应填写工作人员核对的情况')),
      v.trim(),
      v.minLength(1, bilingual('reason: must not be empty', 'reason: 不能为空')),
      v.maxLength(200, bilingual('reason: at most 200 characters', 'reason: 不能超过 200 个字符')),
    ),
  },
  objectMessage('usccConfirmed'),
);
export type UsccConfirmation = v.InferOutput<typeof UsccConfirmationSchema>;

/**
 * The cross-field check of an organisation's credit code: it passes `checkUscc`, or it fails only its check characters
 * and carries `usccConfirmed`. Objects of another `kind` pass, so it also fits the applicant variant. Issues are
 * reported on `uscc` (a failing code without confirmation) or `usccConfirmed` (a confirmation of a passing code).
 */
function usccConfirmationCheck<TInput>() {
  return v.rawCheck<TInput>(({ dataset, config, addIssue }) => {
    const blocked = dataset.issues?.some((issue) => {
      const key = issue.path?.[0]?.key;
      return key === undefined || key === 'kind' || key === 'uscc' || key === 'usccConfirmed';
    });
    if (blocked) return;
    const value: unknown = dataset.value;
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (record.kind !== 'organisation' || typeof record.uscc !== 'string') return;
    const result = checkUsccStructure(record.uscc, checkOptions(config.lang));
    const confirmed = record.usccConfirmed !== undefined;
    if (!result.valid && !confirmed) {
      addIssue({
        message: bilingual(
          (issue) =>
            `uscc: ${result.error ?? NOT_A_USCC(issue)} If the licence shows exactly this code, record the clerk’s confirmation in usccConfirmed.`,
          (issue) =>
            `uscc: ${result.error ?? NOT_A_USCC(issue)}如营业执照上的代码确实如此，请在 usccConfirmed 中记录工作人员的确认。`,
        ),
        path: [{ type: 'object', origin: 'value', input: record, key: 'uscc', value: record.uscc }],
      });
    } else if (result.valid && confirmed) {
      addIssue({
        message: bilingual(
          'usccConfirmed: only for a credit code that fails its check; this one passes, so leave it out',
          'usccConfirmed: 仅用于未通过校验的信用代码；此代码已通过校验，请不要填写',
        ),
        path: [{ type: 'object', origin: 'value', input: record, key: 'usccConfirmed', value: record.usccConfirmed }],
      });
    }
  });
}

const SpecialGroupsSchema = v.pipe(
  v.array(
    v.picklist(
      SPECIAL_GROUP_KEYS,
      bilingual(
        `specialGroups: each one of ${SPECIAL_GROUP_KEYS.join(', ')}`,
        `specialGroups: 每项应为以下之一：${SPECIAL_GROUP_KEYS.join('、')}`,
      ),
    ),
    bilingual('specialGroups: a list', 'specialGroups: 应为列表'),
  ),
  v.check(
    (groups) => new Set(groups).size === groups.length,
    bilingual('specialGroups: each group at most once', 'specialGroups: 每类群体只能出现一次'),
  ),
);

const PersonApplicantObject = v.object(
  {
    kind: v.literal('person', bilingual("kind: 'person'", "kind: 应为 'person'（自然人）")),
    name: PersonNameSchema,
    idType: IdDocumentTypeSchema,
    idNumber: IdNumberSchema,
    phone: v.optional(PhoneSchema),
    address: v.optional(AddressSchema),
    specialGroups: v.optional(SpecialGroupsSchema),
  },
  objectMessage('applicant'),
);

/** An applicant who is a natural person (自然人); `idNumber` and `phone` come out in their canonical form. */
export const PersonApplicantSchema = v.pipe(PersonApplicantObject, idNumberCheck(), idNumberNormalize());
export type PersonApplicant = v.InferOutput<typeof PersonApplicantSchema>;

const OrganisationApplicantObject = v.object(
  {
    kind: v.literal('organisation', bilingual("kind: 'organisation'", "kind: 应为 'organisation'（法人和其他组织）")),
    name: OrganisationNameSchema,
    uscc: ApplicantUsccSchema,
    /** A clerk's confirmation of a credit code that fails its check (early pilots); see {@link UsccConfirmationSchema}. */
    usccConfirmed: v.optional(UsccConfirmationSchema),
    /** 法定代表人 / 负责人. */
    legalRepresentative: IdentitySchema,
    phone: v.optional(PhoneSchema),
    address: v.optional(AddressSchema),
  },
  objectMessage('applicant'),
);

/**
 * An applicant that is a legal person or other organisation (法人和其他组织). Its credit code must pass `checkUscc`,
 * unless it fails only the check characters and `usccConfirmed` records the clerk who confirmed it against the licence.
 */
export const OrganisationApplicantSchema = v.pipe(OrganisationApplicantObject, usccConfirmationCheck());
export type OrganisationApplicant = v.InferOutput<typeof OrganisationApplicantSchema>;

/**
 * The applicant (申请人) of a case: a person or an organisation, told apart by `kind`. Identifiers are checked in full
 * (`checkResidentId`, `checkUscc`, `checkPhone`) and come out in their canonical form.
 */
export const ApplicantSchema = v.pipe(
  v.variant(
    'kind',
    [PersonApplicantObject, OrganisationApplicantObject],
    bilingual("kind: 'person' or 'organisation'", "kind: 应为 'person'（自然人）或 'organisation'（法人和其他组织）"),
  ),
  idNumberCheck(),
  usccConfirmationCheck(),
  idNumberNormalize(),
);
export type Applicant = v.InferOutput<typeof ApplicantSchema>;

/** A proxy (代理人) taking in a case on the applicant's behalf, with their authorisation. */
export const ProxySchema = v.pipe(
  v.object(
    {
      name: PersonNameSchema,
      idType: IdDocumentTypeSchema,
      idNumber: IdNumberSchema,
      phone: PhoneSchema,
      /** Relation to the applicant in the clerk's words, e.g. 子女, 配偶, 员工. */
      relation: v.pipe(
        v.string(bilingual('relation: the relation to the applicant is required', 'relation: 应填写与申请人的关系')),
        v.trim(),
        v.minLength(1, bilingual('relation: must not be empty', 'relation: 不能为空')),
        v.maxLength(50, bilingual('relation: at most 50 characters', 'relation: 不能超过 50 个字符')),
      ),
      authorisation: v.object(
        {
          kind: v.picklist(
            AUTHORISATION_KEYS,
            bilingual(
              `authorisation kind: one of ${AUTHORISATION_KEYS.join(', ')}`,
              `authorisation kind: 应为以下之一：${AUTHORISATION_KEYS.join('、')}`,
            ),
          ),
          /** Number of the power of attorney, guardianship certificate or helper log entry. */
          reference: v.optional(textSchema('reference', 100)),
          /** What the proxy may do (委托事项), as the power of attorney words it; required for a power of attorney. */
          scope: v.optional(textSchema('scope', 200)),
          /** Last day (China time, `YYYY-MM-DD`) the authorisation holds (委托期限), when it is limited. */
          validUntil: v.optional(isoDateSchema('validUntil')),
        },
        objectMessage('authorisation'),
      ),
    },
    objectMessage('proxy'),
  ),
  // A power of attorney says what it empowers; a guardian or statutory agent acts by law, a helper by the hall's log.
  v.forward(
    v.partialCheck(
      [
        ['authorisation', 'kind'],
        ['authorisation', 'scope'],
      ],
      (proxy) => proxy.authorisation.kind !== 'power-of-attorney' || proxy.authorisation.scope !== undefined,
      bilingual(
        'scope: a power of attorney must say what it empowers the proxy to do',
        'scope: 授权委托书应写明委托事项',
      ),
    ),
    ['authorisation', 'scope'],
  ),
  idNumberCheck(),
  idNumberNormalize(),
);
export type ApplicantProxy = v.InferOutput<typeof ProxySchema>;

/**
 * Whether a proxy's authorisation has lapsed on `today` (China time, `YYYY-MM-DD`): its `validUntil` is before it.
 * An authorisation without a term does not lapse. The state machine refuses to accept a case on a lapsed one.
 */
export function authorisationLapsed(proxy: Pick<ApplicantProxy, 'authorisation'>, today: string): boolean {
  const until = proxy.authorisation.validUntil;
  return until !== undefined && until < today;
}
