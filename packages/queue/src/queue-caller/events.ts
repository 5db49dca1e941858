import type { Ticket } from '@yichuang/core';

/** `detail` of {@link TicketCalledEvent} and {@link TicketFinishedEvent}. */
export interface TicketEventDetail {
  /** The window of the caller. */
  window: string;
  /** The ticket, as the hall answered it. */
  ticket: Ticket;
}

/**
 * `yc-ticket-called`: the hall called a ticket to this caller's window (next, out of turn, or back from hold). A host
 * page opens the intake for the applicant with it. Bubbles and crosses shadow roots.
 */
export class TicketCalledEvent extends CustomEvent<TicketEventDetail> {
  static readonly type = 'yc-ticket-called';
  constructor(detail: TicketEventDetail) {
    super(TicketCalledEvent.type, { detail, bubbles: true, composed: true });
  }
}

/**
 * `yc-ticket-finished`: a ticket of this window is served (finished, or finished by calling another). The rating pad
 * of the window invites a rating for it. Bubbles and crosses shadow roots.
 */
export class TicketFinishedEvent extends CustomEvent<TicketEventDetail> {
  static readonly type = 'yc-ticket-finished';
  constructor(detail: TicketEventDetail) {
    super(TicketFinishedEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'yc-ticket-called': TicketCalledEvent;
    'yc-ticket-finished': TicketFinishedEvent;
  }
}
