import { BehaviorSubject, filter, firstValueFrom, type Observable, type Subscription } from 'rxjs';
import {
  CASE_STATUS_LABELS,
  IllegalTransitionError,
  OVERDUE_RULES,
  commitmentLedger,
  contactMobile,
  handleOverdue,
  openCommitment,
  overdueRule,
  recordReminder,
  recordSupplement,
  reminderText,
  toChinaDate,
  type Case,
  type CaseItemFacts,
  type Catalog,
  type Commitment,
  type OverdueRule,
  type SuppliedMaterial,
} from '@yichuang/core';
import { DocumentCameraError, maskPhone, type DocumentCamera, type NotificationAdapter } from '@yichuang/devices';
import { HallError, type CommitmentFilter, type HallClient } from '@yichuang/hall-client';
import type { WorkstationStore } from '@yichuang/store';
import type { Locale } from '@yichuang/ui';
import { msg } from '../i18n/messages.js';

/** What the ledger needs of the hall: the session, the list, reading and claiming a case, and the events. */
export type LedgerHall = Pick<HallClient, 'session' | 'commitments' | 'getCase' | 'claimCase' | 'events'>;

/** What the ledger needs of the workstation store: cases kept here, a case read from the hall, saves, scans. */
export type LedgerStore = Pick<
  WorkstationStore,
  'cases$' | 'getCase' | 'adoptCase' | 'saveCase' | 'caseVersion' | 'putAttachment'
>;

/** Where the list came from: the hall (every window the person may see), or this PC's store while the hall is away. */
export type LedgerSource = 'hall' | 'local';

/** One line of the ledger: the commitment with its items' and materials' names from the catalog. */
export interface LedgerRow {
  commitment: Commitment;
  /** The hall's version of the case (absent for a case read from this PC's store). */
  version?: number;
  itemNames: string[];
  materialNames: string[];
  /** The rule for the case when overdue, from its items (escalate when they are not in the catalog). */
  rule: OverdueRule;
}

/** How one awaited material is being supplied: not now, on paper (copies), or as scanned pages. */
export interface SupplyChoice {
  receipt: 'none' | 'paper' | 'scan';
  copies: number;
  /** SHA-256 of each page captured, kept in the store. */
  pages: string[];
}

/** The case opened from the ledger, once it is at hand. */
export interface OpenedCase {
  value: Case;
  items: CaseItemFacts[];
}

export interface LedgerState {
  /** `loading` the list, `ready`, or `failed` (see `error`). */
  status: 'loading' | 'ready' | 'failed';
  source: LedgerSource;
  filter: CommitmentFilter;
  today?: string;
  rows: readonly LedgerRow[];
  /** The case id of the row opened. */
  opened?: string;
  /** The case opened, once read (from this PC, the hall, or claimed with the applicant's document). */
  current?: OpenedCase;
  /** The case must be claimed with the applicant's document first (another window's case). */
  needsClaim: boolean;
  /** What is being supplied, by material id. */
  supply: Readonly<Record<string, SupplyChoice>>;
  /** A command on its way. */
  busy: boolean;
  /** What went wrong with the last command, in the person's language, with the hall's issue lines. */
  error?: { message: string; issues: readonly string[] };
  /** What the last command did, to be announced. */
  done?: string;
  /** The material a page capture failed for, and why. */
  camera?: { materialId: string; message: string };
}

/** What a ledger controller is given. */
export interface LedgerOptions {
  hall: LedgerHall;
  store: LedgerStore;
  catalog: Catalog;
  /** The hall's name, as reminders are signed. */
  hallName: string;
  /** The window this workstation is at (a manager's has none in the session). */
  window?: string;
  /** Where reminders go; none: reminders cannot be sent. */
  notifier?: NotificationAdapter;
  /** The window's document camera, for supplements received as scans. */
  camera?: DocumentCamera;
  locale?: Locale;
  now?: () => Date;
}

/** Who acts, where and when. */
type Who = { actor: string; window: string; at: string };

/** Statuses a case with an open commitment can be in: what is read from this PC's store while the hall is away. */
const OPEN_STATUSES = ['accepted-with-tolerance', 'overdue', 'supplemented', 'forwarded'] as const;

/**
 * The tolerance ledger (容缺台账) without a DOM: lists the open commitments (from the hall, or from this PC's store
 * while it is away), overdue first; opens one — a case of another window after the applicant's document is checked
 * by the hall (`claimCase`) — and records, each through the core and the store's outbox: a supplement (paper or
 * scans), an SMS reminder (sent first, recorded only once sent), and the overdue handling the items' rule names. Views
 * render `state$` and call the commands; `start()` and `stop()` follow the view's life.
 */
export class LedgerController {
  readonly #options: LedgerOptions;
  readonly #state: BehaviorSubject<LedgerState>;
  #events?: Subscription;
  /** Which load is the latest: an older answer arriving late is dropped. */
  #loads = 0;

  constructor(options: LedgerOptions) {
    this.#options = options;
    this.#state = new BehaviorSubject<LedgerState>({
      status: 'loading',
      source: 'hall',
      filter: 'open',
      rows: [],
      needsClaim: false,
      supply: {},
      busy: false,
    });
  }

  get state$(): Observable<LedgerState> {
    return this.#state.asObservable();
  }

  get state(): LedgerState {
    return this.#state.value;
  }

  /** The row opened, if any. */
  get openedRow(): LedgerRow | undefined {
    return this.state.rows.find((row) => row.commitment.caseId === this.state.opened);
  }

  get #locale(): Locale {
    return this.#options.locale ?? 'zh-CN';
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  #set(patch: Partial<LedgerState>): void {
    this.#state.next({ ...this.state, ...patch });
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

  /** Shows every open commitment, or the overdue ones only. */
  setFilter(value: CommitmentFilter): void {
    if (value === this.state.filter) return;
    this.#set({ filter: value });
    void this.load();
  }

  /** Loads the list again: from the hall, or from this PC's store when the hall cannot be reached. */
  async load(): Promise<void> {
    const load = ++this.#loads;
    if (this.state.rows.length === 0) this.#set({ status: 'loading' });
    try {
      const list = await this.#options.hall.commitments({ status: this.state.filter });
      if (load !== this.#loads) return;
      this.#set({
        status: 'ready',
        source: 'hall',
        today: list.today,
        rows: list.commitments.map((c) => this.#row(c, c.version)),
      });
    } catch (error) {
      if (load !== this.#loads) return;
      if (error instanceof HallError && error.transient) {
        await this.#loadLocal(load);
        return;
      }
      this.#set({ status: 'failed', error: this.#errorOf(error) });
    }
  }

  async #loadLocal(load: number): Promise<void> {
    try {
      const cases = await firstValueFrom(this.#options.store.cases$({ status: [...OPEN_STATUSES] }));
      if (load !== this.#loads) return;
      const now = this.#now();
      const ledger = commitmentLedger(cases, now).filter(
        (c) => this.state.filter !== 'overdue' || c.state === 'overdue',
      );
      this.#set({ status: 'ready', source: 'local', today: toChinaDate(now), rows: ledger.map((c) => this.#row(c)) });
    } catch (error) {
      if (load === this.#loads) this.#set({ status: 'failed', error: this.#errorOf(error) });
    }
  }

  /** The catalog entries of the items a case (or a commitment) names, in the versions given, where the catalog has them. */
  #items(refs: readonly { itemId: string; version?: number }[]): CaseItemFacts[] {
    return refs.flatMap(({ itemId, version }) =>
      this.#options.catalog.items.filter((i) => i.id === itemId && (version === undefined || i.version === version)),
    );
  }

  #row(commitment: Commitment, version?: number): LedgerRow {
    const items = this.#items(commitment.itemIds.map((itemId) => ({ itemId })));
    const byId = new Map(items.flatMap((item) => item.materials.map((m) => [m.id, m.name] as const)));
    const materials = commitment.materialIds.map((id) => ({
      materialId: id,
      itemIds: commitment.itemIds,
      receipt: 'tolerated' as const,
      copies: 0,
    }));
    return {
      commitment,
      ...(version === undefined ? {} : { version }),
      itemNames: commitment.itemIds.map((id) => items.find((i) => i.id === id)?.name ?? id),
      materialNames: commitment.materialIds.map((id) => byId.get(id) ?? id),
      rule: overdueRule({ materials }, items),
    };
  }

  /**
   * Opens a commitment: the case as the hall holds it (kept on this PC at the listed version, so that the next save
   * is based on it; this PC's own saves not yet sent win), or this PC's copy while the hall is away. A case the hall
   * no longer lets the person read (a grant run out) waits for {@link claim}.
   */
  async open(caseId: string): Promise<void> {
    const row = this.state.rows.find((r) => r.commitment.caseId === caseId);
    if (!row) return;
    this.#set({ opened: caseId, current: undefined, needsClaim: false, supply: {}, error: undefined, done: undefined });
    await this.#run(async () => {
      let value: Case | undefined;
      if (this.state.source === 'hall') {
        value = await this.#options.hall.getCase(caseId, 'supplement');
        if (!value) return this.#set({ needsClaim: true });
        if (row.version !== undefined) await this.#options.store.adoptCase(value, row.version);
      }
      value = (await this.#options.store.getCase(caseId)) ?? value;
      if (!value) throw new Error(msg(this.#locale, 'ledger.problem.noCase'));
      this.#opened(value);
    });
  }

  /** Goes back to the list. */
  close(): void {
    this.#set({
      opened: undefined,
      current: undefined,
      needsClaim: false,
      supply: {},
      error: undefined,
      camera: undefined,
    });
  }

  /**
   * Opens a case of any window on the applicant's word (无差别受理): its number (the one opened by default) and the
   * applicant's or proxy's identity document number, checked by the hall, which then lists the case to this person.
   */
  async claim(idNumber: string, number = this.openedRow?.commitment.number): Promise<void> {
    const fail = (key: Parameters<typeof msg>[1]) =>
      this.#set({ error: { message: msg(this.#locale, key), issues: [] } });
    if (this.state.source !== 'hall') return fail('ledger.problem.offline');
    if (!number?.trim() || !idNumber.trim()) return fail('ledger.claim.empty');
    await this.#run(async () => {
      const value = await this.#options.hall
        .claimCase({ number: number.trim(), idNumber, purpose: 'supplement' })
        .catch((error: unknown) => {
          // Which half was wrong the hall does not tell, and neither does the ledger.
          if (error instanceof HallError && error.status === 404)
            throw new Error(msg(this.#locale, 'ledger.claim.refused'));
          throw error;
        });
      await this.load();
      const row = this.state.rows.find((r) => r.commitment.caseId === value.id);
      if (!row) throw new Error(msg(this.#locale, 'ledger.claim.noCommitment', { number: value.number }));
      if (row.version !== undefined) await this.#options.store.adoptCase(value, row.version);
      this.#set({ opened: value.id, needsClaim: false, supply: {} });
      this.#opened((await this.#options.store.getCase(value.id)) ?? value);
    });
  }

  #opened(value: Case): void {
    const items = this.#items(value.items);
    if (items.length !== value.items.length) throw new Error(msg(this.#locale, 'ledger.problem.catalog'));
    const supply: Record<string, SupplyChoice> = {};
    for (const m of value.materials)
      if (m.receipt === 'tolerated') supply[m.materialId] = { receipt: 'none', copies: 1, pages: [] };
    this.#set({ current: { value, items }, supply });
  }

  /** Chooses how an awaited material is received now (and how many paper copies). */
  setSupply(materialId: string, receipt: SupplyChoice['receipt'], copies?: number): void {
    const choice = this.state.supply[materialId];
    if (!choice) return;
    const next: SupplyChoice = {
      ...choice,
      receipt,
      copies: Math.min(99, Math.max(1, Math.round(copies ?? choice.copies) || 1)),
    };
    this.#set({ supply: { ...this.state.supply, [materialId]: next }, error: undefined });
  }

  /** Captures one page of an awaited material through the window's document camera, kept encrypted in the store. */
  async capture(materialId: string): Promise<void> {
    const camera = this.#options.camera;
    const choice = this.state.supply[materialId];
    if (!camera || !choice || this.state.busy) return;
    this.#set({ busy: true, camera: undefined });
    try {
      const name = this.#materialName(materialId);
      const page = await camera.capture({ label: name });
      const sha256 = await this.#options.store.putAttachment(page);
      const current = this.state.supply[materialId] ?? choice;
      this.#set({
        supply: {
          ...this.state.supply,
          [materialId]: { ...current, receipt: 'scan', pages: [...current.pages, sha256] },
        },
      });
    } catch (error) {
      const reason = error instanceof DocumentCameraError ? error.message : String((error as Error)?.message ?? error);
      this.#set({ camera: { materialId, message: msg(this.#locale, 'ledger.camera.failed', { reason }) } });
    } finally {
      this.#set({ busy: false });
    }
  }

  #materialName(materialId: string): string {
    const items = this.state.current?.items ?? [];
    return items.flatMap((i) => i.materials).find((m) => m.id === materialId)?.name ?? materialId;
  }

  /** Records the supplement of the materials chosen: through the core (`recordSupplement`) into the store's outbox. */
  async recordSupplement(): Promise<void> {
    const current = this.state.current;
    if (!current) return;
    const chosen = Object.entries(this.state.supply).filter(([, c]) => c.receipt !== 'none');
    if (chosen.length === 0) {
      this.#set({ error: { message: msg(this.#locale, 'ledger.supplement.nothing'), issues: [] } });
      return;
    }
    const unscanned = chosen.find(([, c]) => c.receipt === 'scan' && c.pages.length === 0);
    if (unscanned) {
      const material = this.#materialName(unscanned[0]);
      this.#set({ error: { message: msg(this.#locale, 'ledger.supplement.noPages', { material }), issues: [] } });
      return;
    }
    const materials: SuppliedMaterial[] = chosen.map(([materialId, c]) =>
      c.receipt === 'scan'
        ? { materialId, receipt: 'scan', copies: 0, attachments: c.pages }
        : { materialId, receipt: 'paper', copies: c.copies },
    );
    await this.#save(
      (who) => recordSupplement(current.value, { materials, ...who, items: current.items }),
      (next) =>
        msg(this.#locale, 'ledger.supplement.done', {
          materials: materials.map((m) => this.#materialName(m.materialId)).join('、'),
          status: this.#status(next),
        }),
    );
  }

  /** Sends the applicant an SMS reminder; records it in the case only once the gateway took it. */
  async remind(): Promise<void> {
    const current = this.state.current;
    const notifier = this.#options.notifier;
    if (!current) return;
    const fail = (key: Parameters<typeof msg>[1]) =>
      this.#set({ error: { message: msg(this.#locale, key), issues: [] } });
    if (!notifier) return fail('ledger.remind.noGateway');
    const value = current.value;
    const phone = contactMobile(value);
    if (!phone) return fail('ledger.remind.noPhone');
    const commitment = openCommitment(value, toChinaDate(this.#now()));
    if (!commitment) return;
    const text = reminderText(commitment, current.items, this.#options.hallName)[this.#locale];
    await this.#save(
      async (who) => {
        try {
          await notifier.send({ to: phone, text });
        } catch {
          throw new Error(msg(this.#locale, 'ledger.remind.failed'));
        }
        return recordReminder(value, { ...who, channel: 'sms' });
      },
      () => msg(this.#locale, 'ledger.remind.done', { phone: maskPhone(phone) }),
    );
  }

  /** Handles the overdue commitment as the items' rule says (`handleOverdue`), after the person confirmed it. */
  async handleOverdue(): Promise<void> {
    const current = this.state.current;
    if (!current) return;
    await this.#save(
      (who) => handleOverdue(current.value, { ...who, items: current.items }).case,
      (next) => {
        const rule = next.status === 'refused' ? 'revoke' : next.status === 'discarded' ? 'void' : 'escalate';
        return msg(this.#locale, 'ledger.overdue.done', {
          rule: this.ruleLabel(rule),
          status: this.#status(next),
        });
      },
    );
  }

  /** The rule's name in the person's language. */
  ruleLabel(rule: OverdueRule): string {
    return OVERDUE_RULES[rule][this.#locale === 'en-US' ? 'en' : 'zh'];
  }

  #status(value: Case): string {
    return CASE_STATUS_LABELS[value.status][this.#locale === 'en-US' ? 'en' : 'zh'];
  }

  /** Who acts, where and when: the session's person at this workstation's window, now. */
  #who(): Who {
    const session = this.#options.hall.session;
    const window = session?.window ?? this.#options.window;
    if (!session || !window) throw new Error(msg(this.#locale, 'ledger.problem.window'));
    return { actor: session.subject, window, at: this.#now().toISOString() };
  }

  /** Makes the next case with `step`, saves it through the store's outbox, announces `done`, and loads the list. */
  async #save(step: (who: Who) => Case | Promise<Case>, done: (next: Case) => string): Promise<void> {
    await this.#run(async () => {
      const next = await step(this.#who());
      const saved = (await this.#options.store.saveCase(next)).case;
      const items = this.state.current?.items ?? [];
      const stillOpen = openCommitment(saved, toChinaDate(this.#now())) !== undefined;
      this.#set({
        done: done(saved),
        current: stillOpen ? { value: saved, items } : undefined,
        ...(stillOpen ? {} : { opened: undefined, supply: {} }),
      });
      if (stillOpen) this.#opened(saved);
      await this.load();
    });
  }

  async #run(command: () => Promise<void>): Promise<void> {
    if (this.state.busy) return;
    this.#set({ busy: true, error: undefined, done: undefined, camera: undefined });
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
      if (error.transient) return { message: msg(this.#locale, 'ledger.problem.offline'), issues: [] };
      if (error.status === 404) return { message: msg(this.#locale, 'ledger.problem.noCase'), issues: [] };
      return { message: error.message, issues: error.issues };
    }
    return { message: error instanceof Error ? error.message : String(error), issues: [] };
  }
}
