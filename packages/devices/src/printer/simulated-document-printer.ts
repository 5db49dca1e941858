import { Subject, type Observable } from 'rxjs';
import { printing } from './printing.js';
import { documentHtml, type PrintableDocument } from './document-html.js';
import type { DocumentPrinter } from './document-printer.js';
import { PrinterError, type PrinterErrorReason } from './ticket-printer.js';

/**
 * An A4 printer that prints nothing: it takes the time a real one would, keeps what it printed (each job, its
 * documents), and can be made to fail (out of paper, switched off) for stories and tests.
 */
export class SimulatedDocumentPrinter implements DocumentPrinter {
  readonly #printMs: number;
  readonly #printed = new Subject<readonly PrintableDocument[]>();
  #failure: PrinterErrorReason | undefined;
  /** Every job printed so far, in order. */
  readonly jobs: (readonly PrintableDocument[])[] = [];
  /** Each job as it comes out. */
  readonly printed$: Observable<readonly PrintableDocument[]> = this.#printed.asObservable();

  /** @param printMs How long a job takes. Default 0 (tests); a story may use 1500. */
  constructor(printMs = 0) {
    this.#printMs = printMs;
  }

  /** Makes every job fail with `reason` from now on (`undefined`: print again). */
  failWith(reason: PrinterErrorReason | undefined): void {
    this.#failure = reason;
  }

  async print(documents: readonly PrintableDocument[], signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (documents.length === 0) throw new RangeError('Nothing to print: no documents');
    documents.forEach(documentHtml); // the same checks as a real printer: a real digest, a real timestamp
    if (this.#failure) throw new PrinterError(this.#failure);
    await printing(this.#printMs, signal);
    const copy = structuredClone(documents);
    this.jobs.push(copy);
    this.#printed.next(copy);
  }
}
