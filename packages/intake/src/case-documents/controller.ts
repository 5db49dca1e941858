import { BehaviorSubject, type Observable } from 'rxjs';
import {
  caseDocument,
  caseDocumentKinds,
  documentDigest,
  documentsToSign,
  recordSignature,
  type Case,
  type CaseDocumentKind,
  type CaseItemFacts,
} from '@yichuang/core';
import { BrowserDocumentPrinter, type DocumentPrinter, type PrintableDocument } from '@yichuang/devices';
import type { WorkstationStore } from '@yichuang/store';
import type { SignDetail } from '../signature-pad/sign-event.js';

/** Where the documents are issued: the names printed on them, and the status page their QR code opens. */
export interface CaseDocumentsOptions {
  /** The hall's name as printed. */
  hallName: string;
  /** The window's name as printed; its code when absent. */
  windowName?: string;
  /** The clerk's name as printed; the clerk id when absent. */
  clerkName?: string;
  /** Issued in training (练习模式): every document is marked void. */
  training?: boolean;
  /** The status page of a case (no personal data in it: the case id is enough). */
  statusUrl: (kase: Case) => string;
  /** The window's A4 printer; the browser's own printing by default. */
  printer?: DocumentPrinter;
  /**
   * The workstation's store: where a signature's image is kept and the signed case saved. Without it the documents
   * print, but a signature cannot be recorded.
   */
  store?: WorkstationStore;
  /** The clerk recording signatures (their id), at `window`. */
  actor?: string;
  window?: string;
  /** The window's clock. */
  now?: () => Date;
}

/** What the documents view shows. */
export interface CaseDocumentsState {
  /**
   * `empty` (no decided case), `preparing` (hashing), `ready`, `printing`, `signing` (recording a signature), or
   * `failed` (see `error`).
   */
  phase: 'empty' | 'preparing' | 'ready' | 'printing' | 'signing' | 'failed';
  /** The case as it stands (signed, once a signature is recorded). */
  case: Case | undefined;
  /** The documents the applicant still has to sign (`documentsToSign`). */
  toSign: readonly CaseDocumentKind[];
  /** The case's documents in print order, each with the SHA-256 printed at its foot. */
  documents: readonly PrintableDocument[];
  /** The kinds sent to the printer at least once. */
  printed: readonly CaseDocumentKind[];
  /** Why the last job was not printed (a `PrinterError` says `reason`). */
  error: Error | undefined;
  /** Why the last signature was not recorded. */
  signError: Error | undefined;
}

const EMPTY: CaseDocumentsState = {
  phase: 'empty',
  case: undefined,
  toSign: [],
  documents: [],
  printed: [],
  error: undefined,
  signError: undefined,
};

/** A stored image as a `data:` URL, for the printed page. */
function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The image could not be read'));
    reader.readAsDataURL(blob);
  });
}

/**
 * The documents a decided case issues at the window, ready to print, without a DOM: which ones and every word on
 * them are the core's (`caseDocumentKinds`, `caseDocument`); here they are dated, hashed and sent to the printer.
 * A document is dated by the decision that issued it, so a reprint is the same paper with the same digest. A document
 * the applicant signs (the commitment letter) is signed through the core's `recordSignature`, audited, and saved.
 */
export class CaseDocumentsController {
  readonly #state = new BehaviorSubject<CaseDocumentsState>(EMPTY);
  #printer: DocumentPrinter | undefined;
  #loading = 0;
  #items: readonly CaseItemFacts[] = [];
  #options: CaseDocumentsOptions | undefined;

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
    this.#items = items;
    this.#options = options;
    const kinds = kase ? caseDocumentKinds(kase.status) : [];
    if (!kase || kinds.length === 0) {
      this.#state.next(EMPTY);
      return;
    }
    const printed = this.state.case?.id === kase.id ? this.state.printed : [];
    this.#state.next({ ...EMPTY, phase: 'preparing', case: kase, printed });
    const { hallName, windowName, clerkName, statusUrl } = options;
    const decided = [...kase.audit].reverse().find((entry) => entry.to === kase.status);
    const context = {
      hallName,
      ...(windowName ? { windowName } : {}),
      ...(clerkName ? { clerkName } : {}),
      issuedAt: decided?.at ?? kase.updatedAt,
      statusUrl: statusUrl(kase),
      items,
      ...(options.training ? { training: true } : {}),
    };
    const documents = await Promise.all(
      kinds.map(async (kind): Promise<PrintableDocument> => {
        const document = caseDocument(kind, kase, context);
        const image = document.signed?.image && (await options.store?.getAttachment(document.signed.image));
        return {
          document,
          digest: await documentDigest(document),
          ...(image ? { signatureImage: await dataUrl(image) } : {}),
        };
      }),
    );
    if (load !== this.#loading) return; // a newer case came meanwhile
    this.#state.next({ ...EMPTY, phase: 'ready', case: kase, toSign: documentsToSign(kase), documents, printed });
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

  /**
   * Records that the applicant (or proxy) signed `kind`: the pad's image kept as an encrypted attachment, the
   * signature audited on the case (`recordSignature`), the case saved (and queued for the hall), and the documents
   * prepared again with the signature on them. Resolves the signed case, or `undefined` when it failed (the state
   * says why; nothing is half saved: the case stays as it was).
   */
  async sign(kind: CaseDocumentKind, signer: 'applicant' | 'proxy', signed: SignDetail): Promise<Case | undefined> {
    const { case: kase } = this.state;
    const options = this.#options;
    if (!kase || !options || this.state.phase !== 'ready') return undefined;
    const { store, actor, window } = options;
    if (!store || !actor || !window) {
      this.#state.next({ ...this.state, signError: new Error('No store to record the signature in.') });
      return undefined;
    }
    this.#state.next({ ...this.state, phase: 'signing', signError: undefined });
    try {
      const image = signed.way === 'pad' ? await store.putAttachment(signed.image) : undefined;
      const next = recordSignature(kase, {
        document: kind,
        signer,
        way: signed.way,
        ...(image ? { image } : {}),
        actor,
        window,
        at: (options.now?.() ?? new Date()).toISOString(),
      });
      const saved = await store.saveCase(next);
      await this.load(saved.case, this.#items, options);
      return saved.case;
    } catch (error) {
      this.#state.next({ ...this.state, phase: 'ready', signError: error as Error });
      return undefined;
    }
  }
}
