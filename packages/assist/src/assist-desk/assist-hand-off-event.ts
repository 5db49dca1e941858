import type { HandOff } from './controller.js';

/** What `yc-assist-hand-off` carries: the visit, the intake draft started for the person, the case it becomes. */
export type AssistHandOffDetail = HandOff;

/**
 * The helper handed the person over to an intake: a draft pre-filled with the applicant and the proxy is stored
 * (`draftId`), and the visit lists the case it becomes (`caseId`). A host without `<yc-intake>` on the page opens
 * the draft where it takes in cases.
 */
export class AssistHandOffEvent extends CustomEvent<AssistHandOffDetail> {
  static readonly type = 'yc-assist-hand-off';
  constructor(detail: AssistHandOffDetail) {
    super(AssistHandOffEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'yc-assist-hand-off': AssistHandOffEvent;
  }
}
