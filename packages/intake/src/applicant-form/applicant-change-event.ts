import type { Applicant } from '@yichuang/core';

/** Detail of `yc-applicant-change`: the applicant when every field passes, `undefined` otherwise. */
export interface ApplicantChangeDetail {
  applicant: Applicant | undefined;
}

/** Fired when the applicant becomes valid, changes, or stops being valid. Bubbles and crosses shadow roots. */
export class ApplicantChangeEvent extends CustomEvent<ApplicantChangeDetail> {
  static readonly type = 'yc-applicant-change';
  constructor(detail: ApplicantChangeDetail) {
    super(ApplicantChangeEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'yc-applicant-change': ApplicantChangeEvent;
  }
}
