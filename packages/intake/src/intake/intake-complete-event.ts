import type { Case, IntakeDecision } from '@yichuang/core';

/** Detail of `yc-intake-complete`: the decision, the case as saved (numbered), and its outbox mutation. */
export interface IntakeCompleteDetail {
  decision: IntakeDecision;
  case: Case;
  /** The `case.save` mutation that sends it to the hall. */
  mutationId: string;
}

/**
 * Fired when an intake's decided case is saved in the workstation store. Bubbles and crosses shadow roots: a host
 * page offers the rating pad (好差评) and prints the documents from here.
 */
export class IntakeCompleteEvent extends CustomEvent<IntakeCompleteDetail> {
  static readonly type = 'yc-intake-complete';
  constructor(detail: IntakeCompleteDetail) {
    super(IntakeCompleteEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'yc-intake-complete': IntakeCompleteEvent;
  }
}
