// Defines the elements of @yichuang/intake. The only module of the package with a side effect: a host page, or a
// second copy of the SDK, decides what gets defined; an element already defined is left alone.
import { ApplicantForm } from './applicant-form/applicant-form.js';
import { IntakeDecisionElement } from './intake-decision/intake-decision.js';
import { MaterialChecklist } from './material-checklist/material-checklist.js';

export const INTAKE_ELEMENTS = {
  'yc-applicant-form': ApplicantForm,
  'yc-material-checklist': MaterialChecklist,
  'yc-intake-decision': IntakeDecisionElement,
} as const;

for (const [tag, element] of Object.entries(INTAKE_ELEMENTS)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'yc-applicant-form': ApplicantForm;
    'yc-material-checklist': MaterialChecklist;
    'yc-intake-decision': IntakeDecisionElement;
  }
}
