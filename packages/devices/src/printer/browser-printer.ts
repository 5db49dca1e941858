import { pageRule, ticketDocument, type TicketLocale } from './ticket-html.js';
import { PrinterError, type PrintedTicket, type TicketPrinter } from './ticket-printer.js';

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

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A promise that rejects with the signal's reason when it aborts, and never settles otherwise. */
function rejectOnAbort(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal?.aborted) reject(signal.reason);
    else signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

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

  async #print(ticket: PrintedTicket, signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    if (typeof document === 'undefined') throw new PrinterError('offline', 'No browser document to print from');
    const { locale, afterPrintMs, loadTimeoutMs } = this.#options;
    const frame = document.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    // Laid out at the roll's width, out of sight (not display: none, which would leave nothing to measure or print).
    frame.style.cssText =
      'position: fixed; top: 0; left: 0; transform: translateX(-200%); width: 80mm; height: 1px; border: 0; ' +
      'opacity: 0; pointer-events: none;';
    frame.srcdoc = ticketDocument(ticket, locale);
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const tooLong = (what: string) =>
      delay(loadTimeoutMs).then(() => {
        throw new PrinterError('other', `The ticket's ${what} did not get ready in ${loadTimeoutMs} ms`);
      });
    const aborted = rejectOnAbort(signal);
    aborted.catch(() => undefined);
    try {
      (this.#options.container ?? document.body).append(frame);
      await Promise.race([loaded, tooLong('page'), aborted]);
      const view = frame.contentWindow;
      const page = frame.contentDocument;
      if (!view || !page) throw new PrinterError('other', 'The print frame has no document');
      await Promise.race([page.fonts.ready, tooLong('fonts'), aborted]);
      const style = page.createElement('style');
      style.textContent = pageRule(page.body.getBoundingClientRect().height * MM_PER_CSS_PIXEL);
      page.head.append(style);
      // From here the ticket is sent: an abort can no longer call it back.
      const done = new Promise((resolve) => view.addEventListener('afterprint', resolve, { once: true }));
      try {
        view.print();
      } catch (error) {
        throw new PrinterError('other', 'The browser refused to print', { cause: error });
      }
      await Promise.race([done, delay(afterPrintMs)]);
    } finally {
      frame.remove();
    }
  }
}
