export type { CaseStatus } from './status.js';
export {
  CASE_STATUSES,
  CASE_STATUS_LABELS,
  TRANSITION_ACTIONS,
  allowedTransitions,
  isCaseStatus,
  isResultStatus,
  isTerminalStatus,
} from './status.js';
export type {
  AuditEntry,
  Case,
  CaseItem,
  CaseHandover,
  CaseMaterial,
  CaseResult,
  CaseSignature,
  ReceiptKind,
  ResultOutcome,
  ResultDelivery,
  ResultDeliveryWay,
  SignatureWay,
} from './case.js';
export {
  AuditEntrySchema,
  CaseItemSchema,
  CaseMaterialSchema,
  CaseSchema,
  contactMobile,
  CaseHandoverSchema,
  CaseResultSchema,
  CaseSignatureSchema,
  RESULT_DELIVERY_WAYS,
  RESULT_OUTCOMES,
  ResultDeliverySchema,
  SIGNATURE_WAYS,
  MAX_MATERIAL_FILES,
  MAX_MATERIAL_NOTE,
  RECEIPT_KINDS,
} from './case.js';
export type { CaseNumberErrorCode, CaseNumberParts, CaseNumbererState } from './case-number.js';
export {
  CaseNumberError,
  CaseNumberSchema,
  CaseNumberer,
  HallCodeSchema,
  WindowCodeSchema,
  chinaDay,
  formatCaseNumber,
  isCaseNumber,
  isHallOrWindowCode,
  parseCaseNumber,
} from './case-number.js';
export type { CaseLocale, TransitionErrorCode, TransitionMessageParams } from './messages.js';
export { TRANSITION_MESSAGES, formatTransitionMessage } from './messages.js';
export type { CaseItemFacts, TransitionInput } from './transition.js';
export { IllegalTransitionError, checkTransition, postAllowed, transition } from './transition.js';
export type { SuppliedMaterial, SupplementInput, SupplementReceipt, SupplementState } from './supplement.js';
export { checkSupplement, recordSupplement, supplementState } from './supplement.js';
export type {
  Commitment,
  CommitmentSource,
  CommitmentState,
  OverdueInput,
  OverdueOutcome,
  OverdueRule,
  ReminderInput,
} from './commitment.js';
export {
  DEFAULT_OVERDUE_RULE,
  ESCALATE_ACTION,
  OVERDUE_RULES,
  REMIND_ACTION,
  commitmentLedger,
  handleOverdue,
  openCommitment,
  overdueRule,
  recordReminder,
  reminderDue,
  reminderText,
} from './commitment.js';
export { codeSchema, isoDateSchema, isoTimestampSchema, objectMessage, textSchema } from './fields.js';
export type { IntakeDecision, IntakeDecisionInput, IntakeDecisions, NoticeLine, PromisableItem } from './intake.js';
export {
  INTAKE_DECISIONS,
  INTAKE_DECISION_ORDER,
  intakeDecisions,
  isReceived,
  missingMaterials,
  needsAnswer,
  promisedCompletionDate,
  receiptChoices,
} from './intake.js';
export type { CaseDocumentKind } from './document-kinds.js';
export { CASE_DOCUMENT_KINDS } from './document-kinds.js';
export type { CaseDocument, CaseDocumentContext, CaseDocumentMaterial } from './documents.js';
export {
  caseDocument,
  caseDocumentKinds,
  documentDigest,
  maskIdNumber,
  printedDate,
  remoteReceiptDocument,
  sha256Hex,
  type RemoteReceiptContext,
} from './documents.js';
export type { SignatureInput } from './signature.js';
export { documentsToSign, recordSignature } from './signature.js';
export type { CitedLicence, ElectronicLicence } from './licences.js';
export { citeLicence, licenceHolderId, licencesForMaterials } from './licences.js';
export type { FormCheck, FormItem, FormValue, FormValues, MergedFormField, PrefillSources } from './form.js';
export {
  FormValuesSchema,
  MAX_FORM_TEXT,
  MAX_FORM_VALUES,
  checkForm,
  formProblemsText,
  isBlankAnswer,
  mergeItemForms,
  prefillAnswer,
  prefillForm,
} from './form.js';
export type { RefusalGround, RefusalItem } from './refusal.js';
export { MAX_REFUSAL_GROUND, refusalGround, refusalGrounds } from './refusal.js';
export type { PostHandoverInput, ResultInput, WindowHandoverInput } from './result.js';
export { handOver, recordResult, resultNoticeText } from './result.js';
