import { documentsPage, type PrintableDocument } from './document-html.js';
import { printInFrame } from './print-frame.js';

/**
 * The window's A4 printer: what the documents of a case are printed on (受理通知书, 一次性告知书…). Yichuang ships
 * {@link BrowserDocumentPrinter} (the browser's own printing) and {@link SimulatedDocumentPrinter} (for stories and
 * tests); a district plugs in its own print service by implementing this interface. Failures are
 * {@link PrinterError}s, as for the ticket printer.
 */
export interface DocumentPrinter {
  /**
   * Prints documents, each on its own sheet, as one job. Resolves once the job has gone to the printer; rejects with
   * a {@link PrinterError} when it was not printed, or with the signal's reason when aborted before it was sent.
   */
  print(documents: readonly PrintableDocument[], signal?: AbortSignal): Promise<void>;
}

/** Options of {@link BrowserDocumentPrinter}. */
export interface BrowserDocumentPrinterOptions {
  /** Where the hidden frame goes while printing. Default `document.body`. */
  container?: HTMLElement;
  /** How long to wait for `afterprint` once `print()` has returned (headless Chromium never fires it). Default 1000 ms. */
  afterPrintMs?: number;
  /** Longest wait for the pages to load and their fonts to be ready. Default 5000 ms. */
  loadTimeoutMs?: number;
}

/**
 * Prints through the browser: the documents ({@link documentsPage}) in a hidden frame laid out at A4 width, then the
 * frame's `print()` — the print dialog on a clerk's PC, or straight to the default printer under Chromium's
 * `--kiosk-printing`. Jobs print one at a time, in the order asked.
 */
export class BrowserDocumentPrinter implements DocumentPrinter {
  readonly #options: BrowserDocumentPrinterOptions;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: BrowserDocumentPrinterOptions = {}) {
    this.#options = options;
  }

  print(documents: readonly PrintableDocument[], signal?: AbortSignal): Promise<void> {
    if (documents.length === 0) return Promise.reject(new RangeError('Nothing to print: no documents'));
    const html = documentsPage(
      documents,
      `${documents[0]!.document.caseNumber} ${documents.map((d) => d.document.title).join('、')}`,
    );
    const job = this.#queue.then(() =>
      printInFrame({
        html,
        width: '210mm',
        what: 'documents',
        container: this.#options.container,
        afterPrintMs: this.#options.afterPrintMs ?? 1000,
        loadTimeoutMs: this.#options.loadTimeoutMs ?? 5000,
        signal,
      }),
    );
    this.#queue = job.catch(() => undefined);
    return job;
  }
}
