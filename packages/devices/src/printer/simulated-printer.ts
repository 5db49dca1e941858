import { Subject, type Observable } from 'rxjs';
import { printing } from './printing.js';
import { ticketHtml } from './ticket-html.js';
import { PrinterError, type PrintedTicket, type PrinterErrorReason, type TicketPrinter } from './ticket-printer.js';

/** Options of {@link SimulatedTicketPrinter}. */
export interface SimulatedPrinterOptions {
  /** How long a ticket takes to print. Default 0 (tests); a story may use 800. */
  printMs?: number;
  /** Tickets left on the roll; printing past it fails with `paper-out` until {@link SimulatedTicketPrinter.refill}. Default: endless. */
  paper?: number;
}

/**
 * A printer that prints nothing: it takes the time a real one would, keeps what it printed, and can be made to fail
 * (an empty roll, a printer switched off) for stories and tests.
 */
export class SimulatedTicketPrinter implements TicketPrinter {
  readonly #printMs: number;
  readonly #printed = new Subject<PrintedTicket>();
  #failure: PrinterErrorReason | undefined;
  /** Everything printed so far, in order. */
  readonly printed: PrintedTicket[] = [];
  /** Each ticket as it comes out. */
  readonly printed$: Observable<PrintedTicket> = this.#printed.asObservable();
  /** Tickets left on the roll. */
  paper: number;

  constructor(options: SimulatedPrinterOptions = {}) {
    this.#printMs = options.printMs ?? 0;
    this.paper = options.paper ?? Infinity;
  }

  /** Makes every print fail with `reason` from now on (`undefined`: print again). */
  failWith(reason: PrinterErrorReason | undefined): void {
    this.#failure = reason;
  }

  /** A new roll: `tickets` more tickets (default: endless), and an empty roll no longer fails. */
  refill(tickets = Infinity): void {
    this.paper = tickets;
  }

  async print(ticket: PrintedTicket, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    ticketHtml(ticket); // the same checks as a real printer: no personal data, a real timestamp
    if (this.#failure) throw new PrinterError(this.#failure);
    if (this.paper <= 0) throw new PrinterError('paper-out', 'The roll is empty');
    await printing(this.#printMs, signal);
    this.paper--;
    const copy = structuredClone(ticket);
    this.printed.push(copy);
    this.#printed.next(copy);
  }
}
