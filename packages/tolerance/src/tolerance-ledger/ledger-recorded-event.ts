/**
 * Detail of `yc-ledger-recorded`: what was done on a commitment (a case of another window opened on the applicant's
 * document, a supplement, a reminder, the overdue handling), on which case, and the sentence the clerk saw. Never the
 * applicant's name, number or phone.
 */
export interface LedgerRecordedDetail {
  kind: 'claim' | 'supplement' | 'remind' | 'overdue';
  caseId: string;
  number: string;
  message: string;
}

/** Fired when a step on a commitment was saved. Bubbles and crosses shadow roots, for the host page. */
export class LedgerRecordedEvent extends CustomEvent<LedgerRecordedDetail> {
  static readonly type = 'yc-ledger-recorded';
  constructor(detail: LedgerRecordedDetail) {
    super(LedgerRecordedEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'yc-ledger-recorded': LedgerRecordedEvent;
  }
}
