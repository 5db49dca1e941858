export type { IdDocumentType, Identity } from './id-document.js';
export {
  ID_DOCUMENT_TYPES,
  IdDocumentTypeSchema,
  IdNumberSchema,
  IdentitySchema,
  PersonNameSchema,
  idNumberCheck,
  idNumberNormalize,
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
  UsccConfirmation,
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
  UsccConfirmationSchema,
  UsccFormatSchema,
  authorisationLapsed,
} from './applicant.js';
