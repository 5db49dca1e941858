// Defines the elements of @yichuang/intake. The only module of the package with a side effect: a host page, or a
// second copy of the SDK, decides what gets defined; an element already defined is left alone.
// The item picker of @yichuang/ui, which the whole intake shows.
import '@yichuang/ui/define.js';
import { ApplicantForm } from './applicant-form/applicant-form.js';
import { CaseDocuments } from './case-documents/case-documents.js';
import { SignaturePadElement } from './signature-pad/signature-pad.js';
import { IntakeDecisionElement } from './intake-decision/intake-decision.js';
import { Intake } from './intake/intake.js';
import { ItemForm } from './item-form/item-form.js';
import { MaterialChecklist } from './material-checklist/material-checklist.js';
import { ProxyForm } from './proxy-form/proxy-form.js';

export const INTAKE_ELEMENTS = {
  'yc-intake': Intake,
  'yc-applicant-form': ApplicantForm,
  'yc-proxy-form': ProxyForm,
  'yc-material-checklist': MaterialChecklist,
  'yc-item-form': ItemForm,
  'yc-intake-decision': IntakeDecisionElement,
  'yc-case-documents': CaseDocuments,
  'yc-signature-pad': SignaturePadElement,
} as const;

for (const [tag, element] of Object.entries(INTAKE_ELEMENTS)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'yc-intake': Intake;
    'yc-applicant-form': ApplicantForm;
    'yc-proxy-form': ProxyForm;
    'yc-material-checklist': MaterialChecklist;
    'yc-item-form': ItemForm;
    'yc-intake-decision': IntakeDecisionElement;
    'yc-case-documents': CaseDocuments;
    'yc-signature-pad': SignaturePadElement;
  }
}
