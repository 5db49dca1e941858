export { MaterialChecklist } from './material-checklist/material-checklist.js';
export {
  MaterialChecklistController,
  type AttachmentSink,
  type ChecklistRow,
  type ChecklistState,
  type ChecklistSummary,
  type LicenceLookupState,
  type LicenceSource,
  type ScanState,
} from './material-checklist/controller.js';
export { MaterialsChangeEvent, type MaterialsChangeDetail } from './material-checklist/materials-change-event.js';
export { ItemForm } from './item-form/item-form.js';
export { ItemFormController, type ItemFormState } from './item-form/controller.js';
export { ItemFormChangeEvent, type ItemFormChangeDetail } from './item-form/item-form-change-event.js';
export { IntakeDecisionElement } from './intake-decision/intake-decision.js';
export {
  IntakeDecisionController,
  type DecisionContext,
  type DecisionState,
  type DeliveryFields,
} from './intake-decision/controller.js';
export { IntakeDecideEvent, type IntakeDecideDetail } from './intake-decision/intake-decide-event.js';
export { INTAKE_MESSAGES, type IntakeMessageKey } from './i18n/messages.js';
export {
  IntakeIncompleteError,
  IntakeSession,
  intakeItem,
  type IntakeDraftData,
  type IntakeItem,
  type IntakeSessionOptions,
  type IntakeStart,
} from './session/intake-session.js';
export { ApplicantForm } from './applicant-form/applicant-form.js';
export {
  ApplicantFormController,
  type ApplicantField,
  type ApplicantFields,
  type ApplicantFormOptions,
  type ApplicantFormState,
  type CardFacts,
} from './applicant-form/controller.js';
export { ApplicantChangeEvent, type ApplicantChangeDetail } from './applicant-form/applicant-change-event.js';
export { ProxyForm } from './proxy-form/proxy-form.js';
export {
  ProxyFormController,
  type ProxyField,
  type ProxyFields,
  type ProxyFormOptions,
  type ProxyFormState,
} from './proxy-form/controller.js';
export { ProxyChangeEvent, type ProxyChangeDetail } from './proxy-form/proxy-change-event.js';
export { Intake } from './intake/intake.js';
export {
  INTAKE_STEPS,
  IntakeFlowController,
  type IntakeFlowOptions,
  type IntakeFlowState,
  type IntakeStep,
} from './intake/controller.js';
export { IntakeCompleteEvent, type IntakeCompleteDetail } from './intake/intake-complete-event.js';
export { CaseDocuments } from './case-documents/case-documents.js';
export {
  CaseDocumentsController,
  type CaseDocumentsOptions,
  type CaseDocumentsState,
} from './case-documents/controller.js';
export { DocumentsPrintEvent, type DocumentsPrintDetail } from './case-documents/documents-print-event.js';
export {
  CASE_ARCHIVE_FORMAT,
  CaseArchiveIncompleteError,
  caseArchive,
  type CaseArchiveFile,
  type CaseArchiveInput,
  type CaseArchiveManifest,
} from './archive/case-archive.js';
export { DocumentSignEvent, type DocumentSignDetail } from './case-documents/document-sign-event.js';
export { SignaturePadElement } from './signature-pad/signature-pad.js';
export { SignEvent, type SignDetail } from './signature-pad/sign-event.js';
