import * as v from 'valibot';
import { objectMessage } from '../case/fields.js';
import {
  IdDocumentTypeSchema,
  IdNumberSchema,
  PersonNameSchema,
  IdentitySchema,
  idNumberCheck,
} from './id-document.js';

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

/**
 * A phone number: a mainland mobile (11 digits starting 13–19), a landline with or without its area code
 * (`022-12345678`, extension after a second `-`), or an international number starting `+`. Spaces are removed.
 */
export const PhoneSchema = v.pipe(
  v.string('phone: a phone number string is required'),
  v.transform((s) => s.replace(/\s+/g, '')),
  v.minLength(1, 'phone: must not be empty'),
  v.regex(
    /^(?:1[3-9]\d{9}|(?:0\d{2,3}-?)?[1-9]\d{6,7}(?:-\d{1,6})?|\+\d{6,15})$/,
    'phone: a mobile number (11 digits starting 13–19), a landline such as 022-12345678, or +country code and number',
  ),
);

/** A postal address, free text. */
export const AddressSchema = v.pipe(
  v.string('address: an address string is required'),
  v.trim(),
  v.minLength(1, 'address: must not be empty'),
  v.maxLength(200, 'address: at most 200 characters'),
);

/** An organisation's name as registered: any printable text, no line breaks. */
const OrganisationNameSchema = v.pipe(
  v.string('name: a name is required'),
  v.trim(),
  v.minLength(1, 'name: must not be empty'),
  v.maxLength(200, 'name: at most 200 characters'),
  v.regex(/^[^\p{Cc}\p{Cf}\u2028\u2029]+$/u, 'name: no line breaks or control characters'),
);

/** Unified social credit code, structurally: 18 characters of 0–9 and A–Y without I, O, S, V, Z. */
export const UsccFormatSchema = v.pipe(
  v.string('uscc: a unified social credit code string is required'),
  v.trim(),
  v.toUpperCase(),
  v.regex(
    /^[0-9A-HJ-NPQRTUWXY]{18}$/,
    'uscc: a unified social credit code is 18 characters of digits and capital letters other than I, O, S, V, Z',
  ),
);

const SpecialGroupsSchema = v.pipe(
  v.array(
    v.picklist(SPECIAL_GROUP_KEYS, `specialGroups: each one of ${SPECIAL_GROUP_KEYS.join(', ')}`),
    'specialGroups: a list',
  ),
  v.check((groups) => new Set(groups).size === groups.length, 'specialGroups: each group at most once'),
);

const PersonApplicantObject = v.object(
  {
    kind: v.literal('person', "kind: 'person'"),
    name: PersonNameSchema,
    idType: IdDocumentTypeSchema,
    idNumber: IdNumberSchema,
    phone: v.optional(PhoneSchema),
    address: v.optional(AddressSchema),
    specialGroups: v.optional(SpecialGroupsSchema),
  },
  objectMessage('applicant'),
);

/** An applicant who is a natural person (自然人). */
export const PersonApplicantSchema = v.pipe(PersonApplicantObject, idNumberCheck());
export type PersonApplicant = v.InferOutput<typeof PersonApplicantSchema>;

/** An applicant that is a legal person or other organisation (法人和其他组织). */
export const OrganisationApplicantSchema = v.object(
  {
    kind: v.literal('organisation', "kind: 'organisation'"),
    name: OrganisationNameSchema,
    uscc: UsccFormatSchema,
    /** 法定代表人 / 负责人. */
    legalRepresentative: IdentitySchema,
    phone: v.optional(PhoneSchema),
    address: v.optional(AddressSchema),
  },
  objectMessage('applicant'),
);
export type OrganisationApplicant = v.InferOutput<typeof OrganisationApplicantSchema>;

/** The applicant (申请人) of a case: a person or an organisation, told apart by `kind`. */
export const ApplicantSchema = v.pipe(
  v.variant('kind', [PersonApplicantObject, OrganisationApplicantSchema], "kind: 'person' or 'organisation'"),
  idNumberCheck(),
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
        v.string('relation: the relation to the applicant is required'),
        v.trim(),
        v.minLength(1, 'relation: must not be empty'),
        v.maxLength(50, 'relation: at most 50 characters'),
      ),
      authorisation: v.object(
        {
          kind: v.picklist(AUTHORISATION_KEYS, `authorisation kind: one of ${AUTHORISATION_KEYS.join(', ')}`),
          /** Number of the power of attorney, guardianship certificate or helper log entry. */
          reference: v.optional(
            v.pipe(
              v.string('reference: a string'),
              v.trim(),
              v.minLength(1, 'reference: must not be empty when given'),
              v.maxLength(100, 'reference: at most 100 characters'),
            ),
          ),
        },
        objectMessage('authorisation'),
      ),
    },
    objectMessage('proxy'),
  ),
  idNumberCheck(),
);
export type ApplicantProxy = v.InferOutput<typeof ProxySchema>;
