/**
 * The hall's ticket printer: what a kiosk prints a queue ticket on (an 80 mm thermal roll). Yichuang ships
 * {@link BrowserTicketPrinter} (the browser's own printing, silent under Chromium's `--kiosk-printing`) and
 * {@link SimulatedTicketPrinter} (for stories and tests); a district plugs in a vendor print service by implementing
 * this interface.
 * @module
 */

/**
 * What a ticket shows. Never personal data: no name, no identity number, no phone number — a ticket is left on
 * seats and thrown away in the hall. {@link ticketHtml} refuses text that looks like an identity or mobile number.
 */
export interface PrintedTicket {
  /** The ticket number as called: `A012`. */
  number: string;
  /** The service category the ticket waits for: `社保业务`. */
  categoryName: string;
  /** Tickets waiting before this one when it was issued. */
  peopleAhead: number;
  /** When it was issued, ISO 8601 with a zone (printed in China time). */
  issuedAt: string;
  /** The hall's name, printed on top: `高新区政务服务中心`. */
  hallName: string;
  /** A page where the applicant follows the queue, printed as a QR code. Must carry an opaque token only. */
  statusUrl?: string;
  /** Extra lines, printed under the number: a priority note (`优先办理`), a reminder of materials. */
  lines?: readonly string[];
}

/**
 * Why a printer failed, for code: `paper-out` (the roll is empty), `offline` (the printer or its service cannot be
 * reached), `other`.
 */
export type PrinterErrorReason = 'paper-out' | 'offline' | 'other';

/**
 * A ticket that was not printed. `message` is for developers; a kiosk shows its own sentence for `reason` from its
 * message table (and calls staff for `paper-out`).
 */
export class PrinterError extends Error {
  override readonly name = 'PrinterError';
  readonly reason: PrinterErrorReason;

  constructor(reason: PrinterErrorReason, message: string = `Ticket not printed (${reason})`, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
  }
}

/** A device that prints queue tickets. */
export interface TicketPrinter {
  /**
   * Prints a ticket. Resolves once the ticket has gone to the printer; rejects with a {@link PrinterError} when it
   * was not printed, or with the signal's reason when aborted before it was sent (a ticket already sent cannot be
   * called back, so an abort after that is ignored).
   */
  print(ticket: PrintedTicket, signal?: AbortSignal): Promise<void>;
}
