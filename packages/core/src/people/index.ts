export type { IdDocumentType, Identity } from './id-document.js';
export {
  ID_DOCUMENT_TYPES,
  IdDocumentTypeSchema,
  IdNumberSchema,
  IdentitySchema,
  PersonNameSchema,
  idNumberCheck,
  idNumberFits,
  idNumberFormatMessage,
} from './id-document.js';
export type {
  Applicant,
  ApplicantProxy,
  AuthorisationKind,
  OrganisationApplicant,
  PersonApplicant,
  SpecialGroup,
} from './applicant.js';
export {
  AUTHORISATION_KINDS,
  AddressSchema,
  ApplicantSchema,
  OrganisationApplicantSchema,
  PersonApplicantSchema,
  PhoneSchema,
  ProxySchema,
  SPECIAL_GROUPS,
  UsccFormatSchema,
} from './applicant.js';
