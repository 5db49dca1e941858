import { BehaviorSubject, filter, firstValueFrom, type Observable, type Subscription } from 'rxjs';
import {
  CASE_STATUS_LABELS,
  IllegalTransitionError,
  handOver,
  toChinaDate,
  type Case,
  type Catalog,
  type SignatureWay,
} from '@yichuang/core';
import { SignaturePadError, type SignaturePad } from '@yichuang/devices';
import { HallError, type HallClient, type ReadyResult } from '@yichuang/hall-client';
import type { WorkstationStore } from '@yichuang/store';
import type { Locale } from '@yichuang/ui';
import { msg } from '../i18n/messages.js';

/** What the hand-over needs of the hall: the session, the list, reading and claiming a case, and the events. */
export type HandoverHall = Pick<HallClient, 'session' | 'readyResults' | 'getCase' | 'claimCase' | 'events'>;

/** What it needs of the workstation store: cases kept here, a case read from the hall, saves, the pad's image. */
export type HandoverStore = Pick<WorkstationStore, 'cases$' | 'getCase' | 'adoptCase' | 'saveCase' | 'putAttachment'>;

/** One line of the list: a result ready to hand over, its items named from the catalog. */
export interface HandoverRow {
  ready: ReadyResult;
  itemNames: string[];
}

/** What the clerk fills in: who collects and how they sign, or the posting's carrier and tracking number. */
export interface HandoverForm {
  receiver: 'applicant' | 'proxy';
  /** The number of the document presented: compared by the core, never saved. */
  presentedId: string;
  signature: SignatureWay;
  /** SHA-256 of the pad's image, once signed on the pad. */
  image?: string;
  carrier: string;
  trackingNumber: string;
}

export interface HandoverState {
  status: 'loading' | 'ready' | 'failed';
  /** Where the list came from: the hall, or this PC's store while the hall is away. */
  source: 'hall' | 'local';
  today?: string;
  rows: readonly HandoverRow[];
  /** The case id of the row opened. */
  opened?: string;
  /** The case opened, once read. */
  current?: Case;
  form: HandoverForm;
  busy: boolean;
  error?: { message: string; issues: readonly string[] };
  done?: string;
}

export interface HandoverOptions {
  hall: HandoverHall;
  store: HandoverStore;
  catalog: Catalog;
  /** This workstation's window, for a person whose session names none. */
  window?: string;
  /** The window's signature pad; without one, receivers sign on paper. */
  signaturePad?: SignaturePad;
  locale?: Locale;
  now?: () => Date;
}

const EMPTY_FORM: HandoverForm = {
  receiver: 'applicant',
  presentedId: '',
  signature: 'paper',
  carrier: '中国邮政 EMS',
  trackingNumber: '',
};

/**
 * Results at the window (综合窗口出件) without a DOM: lists the results ready to hand over (from the hall, or this PC's
 * store while it is away), opens one — a case of another window once the hall checked the applicant's document — and
 * hands it over through the core (`handOver`): to the applicant or proxy whose document matches, signed on the pad
 * or on paper, or posted with its tracking number; saved through the store's outbox. Views render `state$`.
 */
export class HandoverController {
  readonly #options: HandoverOptions;
  readonly #state: BehaviorSubject<HandoverState>;
  #events?: Subscription;
  #loads = 0;

  constructor(options: HandoverOptions) {
    this.#options = options;
    this.#state = new BehaviorSubject<HandoverState>({
      status: 'loading',
      source: 'hall',
      rows: [],
      form: EMPTY_FORM,
      busy: false,
    });
  }

  get state$(): Observable<HandoverState> {
    return this.#state.asObservable();
  }

  get state(): HandoverState {
    return this.#state.value;
  }

  /** The row opened, if any. */
  get openedRow(): HandoverRow | undefined {
    return this.state.rows.find((row) => row.ready.caseId === this.state.opened);
  }

  /** Whether a signature pad is at hand. */
  get hasPad(): boolean {
    return this.#options.signaturePad !== undefined;
  }

  get #locale(): Locale {
    return this.#options.locale ?? 'zh-CN';
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  #set(patch: Partial<HandoverState>): void {
    this.#state.next({ ...this.state, ...patch });
  }

  #fail(key: Parameters<typeof msg>[1], params: Record<string, string | number> = {}): void {
    this.#set({ error: { message: msg(this.#locale, key, params), issues: [] } });
  }

  /** Loads the list and follows the hall's case events. */
  start(): void {
    if (this.#events) return;
    this.#events = this.#options.hall
      .events()
      .pipe(filter((event) => event.type === 'case.saved'))
      .subscribe({ next: () => void this.load(), error: () => undefined });
    void this.load();
  }

  stop(): void {
    this.#events?.unsubscribe();
    this.#events = undefined;
  }

  #row(ready: ReadyResult): HandoverRow {
    const items = this.#options.catalog.items;
    return { ready, itemNames: ready.itemIds.map((id) => items.find((i) => i.id === id)?.name ?? id) };
  }

  /** Loads the list again: from the hall, or from this PC's store when the hall cannot be reached. */
  async load(): Promise<void> {
    const load = ++this.#loads;
    if (this.state.rows.length === 0) this.#set({ status: 'loading' });
    try {
      const list = await this.#options.hall.readyResults();
      if (load !== this.#loads) return;
      this.#set({ status: 'ready', source: 'hall', today: list.today, rows: list.results.map((r) => this.#row(r)) });
    } catch (error) {
      if (load !== this.#loads) return;
      if (!(error instanceof HallError && error.transient)) {
        this.#set({ status: 'failed', error: this.#errorOf(error) });
        return;
      }
      try {
        const cases = await firstValueFrom(this.#options.store.cases$({ status: 'result-ready' }));
        if (load !== this.#loads) return;
        const rows = cases.flatMap((value) => (value.result ? [this.#row(this.#readyOf(value))] : []));
        this.#set({ status: 'ready', source: 'local', today: toChinaDate(this.#now()), rows });
      } catch (stored) {
        if (load === this.#loads) this.#set({ status: 'failed', error: this.#errorOf(stored) });
      }
    }
  }

  /** A case kept on this PC as the list shows it (its version is the store's to know). */
  #readyOf(value: Case): ReadyResult {
    const { outcome, name, department, documentNumber } = value.result!;
    return {
      caseId: value.id,
      number: value.number,
      window: value.window,
      itemIds: value.items.map((item) => item.itemId),
      result: { outcome, name, department, ...(documentNumber === undefined ? {} : { documentNumber }) },
      way: value.delivery?.way ?? 'window',
      since: value.updatedAt,
      version: 1,
    };
  }

  /**
   * Opens a result: the case as the hall holds it, kept on this PC at the listed version so that the hand-over is
   * based on it (this PC's own saves not yet sent win), or this PC's copy while the hall is away.
   */
  async open(caseId: string): Promise<void> {
    const row = this.state.rows.find((r) => r.ready.caseId === caseId);
    if (!row) return;
    this.#set({ opened: caseId, current: undefined, form: EMPTY_FORM, error: undefined, done: undefined });
    await this.#run(async () => {
      let value: Case | undefined;
      if (this.state.source === 'hall') {
        value = await this.#options.hall.getCase(caseId, 'hand-over');
        if (value) await this.#options.store.adoptCase(value, row.ready.version);
      }
      value = (await this.#options.store.getCase(caseId)) ?? value;
      if (!value) throw new Error(msg(this.#locale, 'handover.problem.noCase'));
      this.#set({ current: value });
    });
  }

  /** Goes back to the list. */
  close(): void {
    this.#set({ opened: undefined, current: undefined, form: EMPTY_FORM, error: undefined });
  }

  /** Opens a case of any window on the applicant's word: its number and their (or their proxy's) document number. */
  async claim(number: string, idNumber: string): Promise<void> {
    if (this.state.source !== 'hall') return this.#fail('handover.problem.offline');
    if (!number.trim() || !idNumber.trim()) return this.#fail('handover.find.empty');
    await this.#run(async () => {
      const value = await this.#options.hall
        .claimCase({ number: number.trim(), idNumber, purpose: 'hand-over' })
        .catch((error: unknown) => {
          // Which half was wrong the hall does not tell, and neither does the screen.
          if (error instanceof HallError && error.status === 404) {
            throw new Error(msg(this.#locale, 'handover.find.refused'));
          }
          throw error;
        });
      await this.load();
      const row = this.state.rows.find((r) => r.ready.caseId === value.id);
      if (!row) throw new Error(msg(this.#locale, 'handover.find.notReady', { number: value.number }));
      await this.#options.store.adoptCase(value, row.ready.version);
      this.#set({
        opened: value.id,
        current: (await this.#options.store.getCase(value.id)) ?? value,
        form: { ...EMPTY_FORM, presentedId: idNumber.trim() },
      });
    });
  }

  /** Changes what the clerk filled in. */
  edit(patch: Partial<HandoverForm>): void {
    const form = { ...this.state.form, ...patch };
    // Another way of signing drops a pad image taken before.
    if (patch.signature !== undefined && patch.signature !== this.state.form.signature) delete form.image;
    this.#set({ form, error: undefined });
  }

  /** Has the receiver sign on the window's pad; the image is kept, encrypted, in the store. */
  async captureSignature(): Promise<void> {
    const pad = this.#options.signaturePad;
    if (!pad) return;
    await this.#run(async () => {
      let image: Blob;
      try {
        image = await pad.capture();
      } catch (error) {
        const reason = error instanceof SignaturePadError ? error.message : String((error as Error)?.message ?? error);
        throw new Error(msg(this.#locale, 'handover.signature.failed', { reason }));
      }
      const sha256 = await this.#options.store.putAttachment(image);
      this.#set({ form: { ...this.state.form, signature: 'pad', image: sha256 } });
    });
  }

  /** Hands the opened result over as filled in (at the window, or posted), through the core and the store's outbox. */
  async handOver(): Promise<void> {
    const current = this.state.current;
    if (!current) return;
    const form = this.state.form;
    const post = current.delivery?.way === 'post';
    if (!post && form.signature === 'pad' && form.image === undefined) return this.#fail('handover.signature.missing');
    await this.#run(async () => {
      const session = this.#options.hall.session;
      const window = session?.window ?? this.#options.window;
      if (!session || !window) throw new Error(msg(this.#locale, 'handover.problem.window'));
      const step = { actor: session.subject, window, at: this.#now().toISOString() };
      const next = post
        ? handOver(current, { way: 'post', carrier: form.carrier, trackingNumber: form.trackingNumber, ...step })
        : handOver(current, {
            way: 'window',
            receiver: form.receiver,
            presentedId: form.presentedId,
            signature: form.signature,
            ...(form.image === undefined ? {} : { image: form.image }),
            ...step,
          });
      const saved = (await this.#options.store.saveCase(next)).case;
      const status = CASE_STATUS_LABELS[saved.status][this.#locale === 'en-US' ? 'en' : 'zh'];
      const done =
        saved.handover?.way === 'post'
          ? msg(this.#locale, 'handover.done.post', {
              number: saved.number,
              tracking: saved.handover.trackingNumber,
              status,
            })
          : msg(this.#locale, 'handover.done.window', { number: saved.number, status });
      this.#set({ done, opened: undefined, current: undefined, form: EMPTY_FORM });
      await this.load();
    });
  }

  async #run(command: () => Promise<void>): Promise<void> {
    if (this.state.busy) return;
    this.#set({ busy: true, error: undefined, done: undefined });
    try {
      await command();
    } catch (error) {
      this.#set({ error: this.#errorOf(error) });
    } finally {
      this.#set({ busy: false });
    }
  }

  #errorOf(error: unknown): { message: string; issues: readonly string[] } {
    if (error instanceof IllegalTransitionError) return { message: error.localized(this.#locale), issues: [] };
    if (error instanceof HallError) {
      if (error.transient) return { message: msg(this.#locale, 'handover.problem.offline'), issues: [] };
      if (error.status === 404) return { message: msg(this.#locale, 'handover.problem.noCase'), issues: [] };
      return { message: error.message, issues: error.issues };
    }
    return { message: error instanceof Error ? error.message : String(error), issues: [] };
  }
}
