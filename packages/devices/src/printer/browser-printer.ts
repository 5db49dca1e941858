import { printInFrame } from './print-frame.js';
import { pageRule, ticketDocument, type TicketLocale } from './ticket-html.js';
import { type PrintedTicket, type TicketPrinter } from './ticket-printer.js';

/** Options of {@link BrowserTicketPrinter}. */
export interface BrowserTicketPrinterOptions {
  /** Language of the ticket's own text. Default `zh-CN`. */
  locale?: TicketLocale;
  /** Where the hidden frame goes while printing. Default `document.body`. */
  container?: HTMLElement;
  /**
   * How long to wait for `afterprint` once `print()` has returned. Chromium with `--kiosk-printing` renders the pages
   * inside `print()`; headless Chromium never fires `afterprint` at all. Default 1000 ms.
   */
  afterPrintMs?: number;
  /** Longest wait for the ticket to load and its fonts to be ready. Default 5000 ms. */
  loadTimeoutMs?: number;
}

const MM_PER_CSS_PIXEL = 25.4 / 96;

/**
 * Prints through the browser: the ticket ({@link ticketDocument}) in a hidden same-origin frame, measured so the page
 * is exactly as long as the ticket, then the frame's `print()`. Hall kiosks run Chromium with `--kiosk-printing`, which
 * prints to the default printer without a dialog. Tickets print one at a time, in the order asked.
 *
 * The browser tells nothing of the printer: an empty roll or a printer switched off are not seen here (a district
 * needing that plugs in its vendor's print service as a {@link TicketPrinter}).
 */
export class BrowserTicketPrinter implements TicketPrinter {
  readonly #options: Required<Omit<BrowserTicketPrinterOptions, 'container'>> &
    Pick<BrowserTicketPrinterOptions, 'container'>;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: BrowserTicketPrinterOptions = {}) {
    this.#options = { locale: 'zh-CN', afterPrintMs: 1000, loadTimeoutMs: 5000, ...options };
  }

  print(ticket: PrintedTicket, signal?: AbortSignal): Promise<void> {
    const job = this.#queue.then(() => this.#print(ticket, signal));
    this.#queue = job.catch(() => undefined);
    return job;
  }

  #print(ticket: PrintedTicket, signal: AbortSignal | undefined): Promise<void> {
    const { locale, afterPrintMs, loadTimeoutMs, container } = this.#options;
    return printInFrame({
      html: ticketDocument(ticket, locale),
      width: '80mm',
      what: 'ticket',
      container,
      afterPrintMs,
      loadTimeoutMs,
      signal,
      beforePrint: (page) => {
        const style = page.createElement('style');
        style.textContent = pageRule(page.body.getBoundingClientRect().height * MM_PER_CSS_PIXEL);
        page.head.append(style);
      },
    });
  }
}
