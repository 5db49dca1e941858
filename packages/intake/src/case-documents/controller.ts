import { BehaviorSubject, type Observable } from 'rxjs';
import {
  caseDocument,
  caseDocumentKinds,
  documentDigest,
  type Case,
  type CaseDocumentKind,
  type CaseItemFacts,
} from '@yichuang/core';
import { BrowserDocumentPrinter, type DocumentPrinter, type PrintableDocument } from '@yichuang/devices';

/** Where the documents are issued: the names printed on them, and the status page their QR code opens. */
export interface CaseDocumentsOptions {
  /** The hall's name as printed. */
  hallName: string;
  /** The window's name as printed; its code when absent. */
  windowName?: string;
  /** The clerk's name as printed; the clerk id when absent. */
  clerkName?: string;
  /** The status page of a case (no personal data in it: the case id is enough). */
  statusUrl: (kase: Case) => string;
  /** The window's A4 printer; the browser's own printing by default. */
  printer?: DocumentPrinter;
}

/** What the documents view shows. */
export interface CaseDocumentsState {
  /** `empty` (no decided case), `preparing` (hashing), `ready`, `printing`, or `failed` (see `error`). */
  phase: 'empty' | 'preparing' | 'ready' | 'printing' | 'failed';
  /** The case's documents in print order, each with the SHA-256 printed at its foot. */
  documents: readonly PrintableDocument[];
  /** The kinds sent to the printer at least once. */
  printed: readonly CaseDocumentKind[];
  /** Why the last job was not printed (a `PrinterError` says `reason`). */
  error: Error | undefined;
}

/**
 * The documents a decided case issues at the window, ready to print, without a DOM: which ones and every word on
 * them are the core's (`caseDocumentKinds`, `caseDocument`); here they are dated, hashed and sent to the printer.
 * A document is dated by the decision that issued it, so a reprint is the same paper with the same digest.
 */
export class CaseDocumentsController {
  readonly #state = new BehaviorSubject<CaseDocumentsState>({
    phase: 'empty',
    documents: [],
    printed: [],
    error: undefined,
  });
  #printer: DocumentPrinter | undefined;
  #loading = 0;

  get state$(): Observable<CaseDocumentsState> {
    return this.#state.asObservable();
  }

  get state(): CaseDocumentsState {
    return this.#state.value;
  }

  /**
   * Prepares the documents of `kase` (with the catalog entries of its items as pinned), issued where `options` say;
   * none for a case not decided.
   */
  async load(kase: Case | undefined, items: readonly CaseItemFacts[], options: CaseDocumentsOptions): Promise<void> {
    const load = ++this.#loading;
    this.#printer = options.printer;
    const kinds = kase ? caseDocumentKinds(kase.status) : [];
    if (!kase || kinds.length === 0) {
      this.#state.next({ phase: 'empty', documents: [], printed: [], error: undefined });
      return;
    }
    this.#state.next({ phase: 'preparing', documents: [], printed: [], error: undefined });
    const { hallName, windowName, clerkName, statusUrl } = options;
    const decided = [...kase.audit].reverse().find((entry) => entry.to === kase.status);
    const context = {
      hallName,
      ...(windowName ? { windowName } : {}),
      ...(clerkName ? { clerkName } : {}),
      issuedAt: decided?.at ?? kase.updatedAt,
      statusUrl: statusUrl(kase),
      items,
    };
    const documents = await Promise.all(
      kinds.map(async (kind) => {
        const document = caseDocument(kind, kase, context);
        return { document, digest: await documentDigest(document) };
      }),
    );
    if (load !== this.#loading) return; // a newer case came meanwhile
    this.#state.next({ phase: 'ready', documents, printed: [], error: undefined });
  }

  /**
   * Prints the documents of `kinds` (all of them by default) as one job. Resolves `true` once sent to the printer,
   * `false` when it failed (the state says why; the documents stay ready for another try).
   */
  async print(kinds?: readonly CaseDocumentKind[]): Promise<boolean> {
    const state = this.state;
    if (state.phase !== 'ready' && state.phase !== 'failed') return false;
    const job = state.documents.filter((d) => !kinds || kinds.includes(d.document.kind));
    if (job.length === 0) return false;
    this.#state.next({ ...state, phase: 'printing', error: undefined });
    this.#printer ??= new BrowserDocumentPrinter();
    try {
      await this.#printer.print(job);
    } catch (error) {
      this.#state.next({ ...this.state, phase: 'failed', error: error as Error });
      return false;
    }
    const printed = new Set([...state.printed, ...job.map((d) => d.document.kind)]);
    this.#state.next({ ...this.state, phase: 'ready', printed: [...printed] });
    return true;
  }
}
