import type { Case, IntakeDecision, NoticeLine } from '@yichuang/core';

/** Detail of `yc-intake-decide`: the decision, the decided case, and the notice's lines as they were shown. */
export interface IntakeDecideDetail {
  decision: IntakeDecision;
  case: Case;
  /** Every material still to bring or put right when the decision was taken. */
  lines: readonly NoticeLine[];
}

/** Fired when the clerk confirms a decision the state machine took. Bubbles and crosses shadow roots. */
export class IntakeDecideEvent extends CustomEvent<IntakeDecideDetail> {
  static readonly type = 'yc-intake-decide';
  constructor(detail: IntakeDecideDetail) {
    super(IntakeDecideEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'yc-intake-decide': IntakeDecideEvent;
  }
}
