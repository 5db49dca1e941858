import type { Observable } from 'rxjs';
import { BehaviorSubject, combineLatest, distinctUntilChanged, map, shareReplay, tap } from 'rxjs';
import {
  HallError,
  MAX_SYNC_BATCH,
  hallMessage,
  type HallClient,
  type MessageArgs,
  type Mutation,
  type MutationResult,
} from '@yichuang/hall-client';
import type { OutboxRow } from '../db/rows.js';
import { AttachmentUnreadableError, StoreLockedError } from '../errors.js';
import { storeKind } from '../kinds/registry.js';
import {
  isStoreLocale,
  storeMessage,
  type STORE_MESSAGES,
  type StoreLocale,
  type StoreMessageKey,
} from '../messages.js';
import type { OutboxCounts, ParkedMutation, Settlement } from '../outbox/outbox.js';
import type { WorkstationStore } from '../store.js';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from './backoff.js';

/**
 * What the engine is doing.
 * - `idle`: nothing it can send right now (everything acknowledged, parked, held or sealed by another clerk).
 * - `syncing`: sending.
 * - `offline`: the hall cannot be reached (network or timeout); retrying with backoff, probing `health()`.
 * - `backoff`: the hall answered with a transient error (5xx, 429); retrying with backoff.
 * - `signed-out`: the hall answered 401 (or 403): stopped until {@link SyncEngine.start} is called again after a login.
 * - `stopped`: not started, or {@link SyncEngine.stop}ped.
 */
export type SyncState = 'idle' | 'syncing' | 'offline' | 'backoff' | 'signed-out' | 'stopped';

/** The last problem the engine met, for the clerk. */
export interface SyncError {
  /** `network`, `locked`, `internal`, or the hall's error code (`unauthenticated`, `unavailable` …). */
  code: string;
  /**
   * For the clerk, in the engine's locale: the store's own sentence, or the hall's (the client's) message as the
   * hall client gave it (the HTTP client asks the hall in its own `language`).
   */
  message: string;
  /** What the browser said, when it was not the hall (a failed `fetch`, an IndexedDB error): for logs, in English. */
  detail?: string;
  /** The HTTP status the hall (or something between) answered, when it answered. */
  status?: number;
  at: string;
}

/** The engine's status, as {@link SyncEngine.status$} emits it. */
export interface SyncStatus {
  state: SyncState;
  /** Mutations not yet acknowledged nor parked. */
  pending: number;
  /** Mutations parked for the clerk. */
  parked: number;
  /** When the hall last answered a sync (ISO), across restarts. */
  lastSuccessAt: string | undefined;
  /** The current problem; cleared by the next successful exchange. */
  error: SyncError | undefined;
  /** {@link SyncEngine.start} was called and the engine has not stopped. */
  running: boolean;
  /** This tab holds the `yc-sync-engine` Web Lock and runs the loop (only one tab does). */
  leader: boolean;
  /** When the next retry is due, while in `offline` or `backoff`. */
  retryAt: string | undefined;
}

/** What one pass over the outbox did ({@link SyncEngine.syncNow}). */
export interface SyncReport {
  /** `done`: every sendable mutation was tried; otherwise why the pass stopped early. */
  outcome: 'done' | 'offline' | 'backoff' | 'signed-out' | 'locked' | 'stopped';
  /** Mutations sent (counting each send). */
  sent: number;
  acknowledged: number;
  parked: number;
  /** Attachments uploaded. */
  uploaded: number;
  /** Mutations still pending afterwards. */
  remaining: number;
}

/** Options of {@link SyncEngine}. */
export interface SyncEngineOptions {
  /** Mutations per request: 100 by default, at most {@link MAX_SYNC_BATCH}. */
  batchSize?: number;
  /** Backoff after transient failures: `{ baseMs: 500, capMs: 30_000 }` by default. */
  backoff?: BackoffOptions;
  /** Source of jitter, a number in [0, 1); `Math.random` by default. */
  random?: () => number;
  /** Web Lock that lets one tab run the engine: `yc-sync-engine` (plus `:<database>` for a non-default database). */
  lockName?: string;
  /** A sync or upload request taking longer is abandoned as a network failure: 30 s by default. */
  requestTimeoutMs?: number;
  /** A `health()` probe taking longer counts as unreachable: 10 s by default. */
  probeTimeoutMs?: number;
  /** Rounds of "missing attachments → upload → resend" before a mutation is parked: 3 by default. */
  maxAttachmentRounds?: number;
  /** Where `online` events come from (hints to probe sooner): `globalThis` by default; `null` for none. */
  hints?: EventTarget | null;
  /**
   * The clerk's language: of the reasons the engine parks mutations for ({@link ParkedMutation.message}, when they
   * are the engine's, not the hall's) and of its errors ({@link SyncStatus.error}). The store's locale by default
   * (`zh-CN` unless the store was opened with another).
   */
  locale?: StoreLocale;
}

type Internal = Omit<SyncStatus, 'pending' | 'parked'>;
type Failure = 'offline' | 'backoff' | 'signed-out' | 'stopped';
type Step = 'ok' | Failure;

interface PassContext {
  signal: AbortSignal;
  report: SyncReport;
  /** Mutations not to try again in this pass. */
  skip: Set<string>;
  /** Missing-attachment rounds per mutation. */
  rounds: Map<string, number>;
  /** Attachments uploaded in this pass. */
  uploaded: Set<string>;
  /** Attachments found unreadable on this workstation in this pass. */
  unreadable: Set<string>;
  /** The hall answered a sync request in this pass: its route works. */
  accepted: boolean;
  /** Mutations the hall refused alone (a whole-request 4xx) before any request of the pass was accepted. */
  suspects: { id: string; error: unknown }[];
  /** The hall accepted an attachment upload in this pass: its upload route works. */
  uploadAccepted: boolean;
  /** Files whose upload the hall refused (a 4xx) while no upload of the pass had been accepted, with its answer. */
  refusedFiles: Map<string, unknown>;
  /** Mutations held back by such a file: parked at the end of the pass if an upload was accepted by then. */
  fileSuspects: { id: string; sha256: string; error: unknown }[];
}

/** Why a mutation cannot be sent because of its attachments. */
interface AttachmentRefusal {
  code: 'attachment-refused' | 'attachment-unreadable';
  message: string;
  missing?: string[];
}

/** A file of the mutation was refused before any upload of the pass was accepted: the route may be at fault. */
interface AttachmentSuspect {
  code: 'attachment-suspect';
  sha256: string;
  error: unknown;
}

/** Failure of a request, classified; thrown through the pass to its top. */
class StepFailure extends Error {
  constructor(
    readonly kind: Failure,
    readonly error: SyncError,
  ) {
    super(error.message);
  }
}

function isHallError(error: unknown): error is HallError {
  return (
    error instanceof HallError ||
    ((error as { name?: unknown } | null)?.name === 'HallError' &&
      typeof (error as { status?: unknown }).status === 'number')
  );
}

const sameStatus = (a: SyncStatus, b: SyncStatus): boolean =>
  (Object.keys(a) as (keyof SyncStatus)[]).every((key) => a[key] === b[key]);

/**
 * Sends the store's outbox to the hall.
 *
 * - Every mutation carries its client ULID; the hall applies each at most once, so resending after a lost reply is
 *   safe (`duplicate` counts as acknowledged).
 * - Per case, in order: a case's mutation waits for its earlier ones; a parked one holds the later ones of its case
 *   and nothing else. Batches of {@link SyncEngineOptions.batchSize}.
 * - A save of a versioned record (a case) goes with the base it was given when it was queued (see
 *   {@link WorkstationStore.saveCase}); the hall version its acknowledgement names is recorded for the record (the
 *   base of its next save). A save the hall finds stale (`conflict`) is parked with the hall's message, holding the
 *   later saves of that case. The kinds come from the store's registry (`kinds/registry.ts`): a mutation of a kind
 *   this build does not know is parked (`unknown-kind`), not sent.
 * - What the engine says itself (why it parked a mutation, {@link SyncStatus.error}) is in its
 *   {@link SyncEngineOptions.locale}, from the store's message table; what the hall says is passed as it is.
 * - Attachments a mutation references are uploaded first (unless known uploaded); a `missing-attachments`
 *   rejection uploads what the hall lacks and resends. A file that cannot be read back here parks the mutations
 *   that reference it (`attachment-unreadable`). Any other rejection parks the mutation with the hall's reason
 *   ({@link parked$}, {@link retryParked}, {@link retryAllParked}, {@link discardParked}).
 * - A whole request refused with a 4xx (other than 401/403) is split in halves to find the mutation at fault. One
 *   refused alone is parked (`request-refused`) only if the hall accepted another sync request in the same pass:
 *   otherwise the route itself is likely at fault (a wrong base path, a proxy's 404/405/415, a firewall's 400), so
 *   nothing is parked, the engine backs off showing the hall's status and message in {@link SyncStatus.error}, and
 *   sends those mutations last on the next pass.
 * - The same rule holds for attachment uploads: a file the hall refuses with a 4xx parks the mutations that
 *   reference it (`attachment-refused`) only if the hall accepted another upload in the same pass (evidence from
 *   earlier passes is not used: the route may have broken since). Otherwise nothing is parked: the pass ends in
 *   backoff with the hall's status and message in {@link SyncStatus.error}, and those mutations go last on the next
 *   pass, where other uploads may show that the route works. Once two files are refused and none accepted, the pass
 *   tries no more uploads (mutations without files still go). A `hash-mismatch` (422: the bytes do not hash to their
 *   name) or `too-large` (413) is always the file's own fault and parks at once.
 * - Transient failures (network, timeouts, 5xx, 429) back off exponentially with full jitter and a cap; while
 *   waiting, the engine probes `client.health()` (an `online` event probes at once). A 401 (or 403) stops it as
 *   `signed-out` until {@link start} is called again.
 * - {@link start} runs the loop in one tab only (Web Lock `yc-sync-engine`); the others wait to take over.
 *
 * ```ts
 * const engine = new SyncEngine(store, client);
 * engine.status$.subscribe(showSyncBadge);
 * engine.start();
 * ```
 */
export class SyncEngine {
  /** The engine's status, live: state, pending and parked counts, last success, current error. */
  readonly status$: Observable<SyncStatus>;
  /** Name of the Web Lock held by the tab running the loop. */
  readonly lockName: string;
  /** The clerk's language (see {@link SyncEngineOptions.locale}). */
  readonly locale: StoreLocale;

  readonly #store: WorkstationStore;
  readonly #client: HallClient;
  readonly #batchSize: number;
  readonly #backoff: Required<BackoffOptions>;
  readonly #random: () => number;
  readonly #requestTimeoutMs: number;
  readonly #probeTimeoutMs: number;
  readonly #maxRounds: number;
  readonly #hints: EventTarget | null;
  readonly #internal$: BehaviorSubject<Internal>;
  #counts: OutboxCounts = { pending: 0, parked: 0 };
  #abort = new AbortController();
  #loop: Promise<void> | undefined;
  #passes: Promise<unknown> = Promise.resolve();
  #lastSuccessLoaded = false;
  #work = false;
  #hint = false;
  readonly #waiters = new Set<() => void>();
  /** Mutations refused alone without evidence that the route works: sent after the others. */
  readonly #suspects = new Set<string>();

  /**
   * @param store the workstation store whose outbox to send.
   * @param client the hall.
   * @throws RangeError for a batch size outside 1..{@link MAX_SYNC_BATCH}, or a locale other than zh-CN and en-US.
   */
  constructor(store: WorkstationStore, client: HallClient, options: SyncEngineOptions = {}) {
    this.#store = store;
    this.#client = client;
    this.#batchSize = options.batchSize ?? 100;
    if (!Number.isInteger(this.#batchSize) || this.#batchSize < 1 || this.#batchSize > MAX_SYNC_BATCH) {
      throw new RangeError(`batchSize: a whole number from 1 to ${MAX_SYNC_BATCH}`);
    }
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.#random = options.random ?? Math.random;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.#probeTimeoutMs = options.probeTimeoutMs ?? 10_000;
    this.#maxRounds = options.maxAttachmentRounds ?? 3;
    this.#hints = options.hints === undefined ? (globalThis as unknown as EventTarget) : options.hints;
    this.locale = options.locale ?? store.locale;
    if (!isStoreLocale(this.locale)) throw new RangeError('locale: zh-CN or en-US');
    this.lockName = options.lockName ?? (store.name === 'yichuang' ? 'yc-sync-engine' : `yc-sync-engine:${store.name}`);
    this.#internal$ = new BehaviorSubject<Internal>({
      state: 'stopped',
      lastSuccessAt: undefined,
      error: undefined,
      running: false,
      leader: false,
      retryAt: undefined,
    });
    this.status$ = combineLatest([
      this.#internal$,
      store.outbox.counts$().pipe(tap((counts) => (this.#counts = counts))),
    ]).pipe(
      map(([internal, counts]): SyncStatus => ({ ...internal, pending: counts.pending, parked: counts.parked })),
      distinctUntilChanged(sameStatus),
      shareReplay({ bufferSize: 1, refCount: true }),
    );
  }

  /** The status now (counts as of the last pass or emission). */
  get status(): SyncStatus {
    return { ...this.#internal$.value, ...this.#counts };
  }

  /** Parked mutations for the clerk, live. */
  get parked$(): Observable<ParkedMutation[]> {
    return this.#store.outbox.parked$();
  }

  /**
   * Starts the loop: in this tab once it holds the Web Lock {@link lockName}, sending whenever the outbox has
   * sendable mutations, backing off after transient failures. Calling it again while running does nothing; after
   * `signed-out`, call it again once the client has a session.
   */
  start(): void {
    if (this.#internal$.value.running) return;
    const controller = new AbortController();
    this.#abort = controller;
    const signal = controller.signal;
    this.#update({ state: 'idle', running: true, error: undefined, retryAt: undefined });
    const lead = (): Promise<void> => this.#lead(signal);
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    const loop = locks ? locks.request(this.lockName, { signal }, lead) : lead();
    this.#loop = Promise.resolve(loop)
      .catch((error: unknown) => {
        if (!signal.aborted) this.#update({ error: this.#errorOf('internal', error) });
      })
      .finally(() => {
        if (this.#abort !== controller) return;
        const state = this.#internal$.value.state === 'signed-out' ? 'signed-out' : 'stopped';
        this.#update({ state, running: false, leader: false, retryAt: undefined });
      });
  }

  /** Stops the loop (aborting a request in flight; the hall's at-most-once makes resending it later safe). */
  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#loop;
    await this.#passes;
    this.#loop = undefined;
    this.#abort = new AbortController();
    this.#update({ state: 'stopped', running: false, leader: false, retryAt: undefined });
  }

  /**
   * Tries the whole outbox now (in this tab, started or not, after any pass under way) and resolves when every
   * sendable mutation has been tried, or the hall could not be reached. Does not wait out a backoff.
   */
  async syncNow(): Promise<SyncReport> {
    const report = await this.#runPass(this.#abort.signal);
    if (report.outcome === 'done') this.#notify('hint');
    return report;
  }

  /**
   * Sends a parked mutation again (see {@link Outbox.retryParked}).
   *
   * @throws NotFoundError if it is not parked.
   */
  async retryParked(id: string): Promise<void> {
    await this.#store.outbox.retryParked(id);
    this.#notify('hint');
  }

  /**
   * Sends every parked mutation again (see {@link Outbox.retryAllParked}).
   *
   * @returns how many were parked.
   */
  async retryAllParked(): Promise<number> {
    const count = await this.#store.outbox.retryAllParked();
    this.#notify('hint');
    return count;
  }

  /**
   * Drops a parked mutation for good (see {@link Outbox.discardParked}).
   *
   * @throws NotFoundError if it is not parked.
   */
  async discardParked(id: string): Promise<void> {
    await this.#store.outbox.discardParked(id);
    this.#notify('hint');
  }

  // ---------------------------------------------------------------------------------------------------------------

  #update(patch: Partial<Internal>): void {
    this.#internal$.next({ ...this.#internal$.value, ...patch });
  }

  #notify(kind: 'work' | 'hint'): void {
    if (kind === 'work') this.#work = true;
    else this.#hint = true;
    for (const waiter of [...this.#waiters]) waiter();
  }

  /** Waits `ms` (Infinity: until woken), or until a hint (and, with `onWork`, new work) or the signal. */
  #sleep(ms: number, signal: AbortSignal, onWork: boolean): Promise<void> {
    return new Promise((resolve) => {
      const woken = (): boolean => this.#hint || (onWork && this.#work);
      if (signal.aborted || woken()) return resolve();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const waiter = (): void => {
        if (woken()) done();
      };
      if (ms !== Infinity) timer = setTimeout(done, ms);
      this.#waiters.add(waiter);
      signal.addEventListener('abort', done);
    });
  }

  async #lead(signal: AbortSignal): Promise<void> {
    this.#update({ leader: true });
    const subscriptions = [
      this.#store.outbox
        .counts$()
        .pipe(distinctUntilChanged((a, b) => a.pending === b.pending && a.parked === b.parked))
        .subscribe({
          next: (counts) => {
            this.#counts = counts;
            if (counts.pending > 0) this.#notify('work');
          },
          error: () => undefined,
        }),
      this.#store.user$.subscribe((user) => {
        if (user !== undefined) this.#notify('work');
      }),
    ];
    const onOnline = (): void => this.#notify('hint');
    this.#hints?.addEventListener('online', onOnline);
    try {
      let attempt = 0;
      while (!signal.aborted) {
        const report = await this.#runPass(signal);
        if (signal.aborted || report.outcome === 'signed-out') return;
        if (report.outcome === 'offline' || report.outcome === 'backoff') {
          let state: 'offline' | 'backoff' = report.outcome;
          for (;;) {
            const delay = backoffDelay(attempt++, this.#backoff, this.#random);
            this.#update({ state, retryAt: new Date(Date.now() + delay).toISOString() });
            await this.#sleep(delay, signal, false);
            if (signal.aborted) return;
            this.#hint = false;
            if (await this.#probe(signal)) break;
            state = 'offline';
          }
          this.#update({ retryAt: undefined });
          continue;
        }
        attempt = 0;
        await this.#sleep(Infinity, signal, true);
      }
    } finally {
      for (const subscription of subscriptions) subscription.unsubscribe();
      this.#hints?.removeEventListener('online', onOnline);
      this.#update({ leader: false });
    }
  }

  /** Whether the hall answers `health()` in time. */
  async #probe(signal: AbortSignal): Promise<boolean> {
    try {
      await this.#timed(signal, this.#probeTimeoutMs, (s) => this.#client.health(s));
      return true;
    } catch (error) {
      if (!signal.aborted) this.#update({ state: 'offline', error: this.#errorOf('network', error) });
      return false;
    }
  }

  /** Runs `call` with a signal aborted by `signal` or after `ms`; rejects at that moment even if `call` ignores it. */
  async #timed<T>(signal: AbortSignal, ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort);
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () =>
        reject(
          signal.aborted
            ? new HallError(hallMessage('aborted', this.locale), 'aborted', 0)
            : new HallError(hallMessage('noAnswerInTime', this.locale, { ms }), 'network', 0),
        ),
      );
    });
    timer = setTimeout(() => controller.abort(), ms);
    if (signal.aborted) controller.abort();
    try {
      return await Promise.race([call(controller.signal), aborted]);
    } finally {
      clearTimeout(timer);
      timer = undefined;
      signal.removeEventListener('abort', onAbort);
    }
  }

  #runPass(signal: AbortSignal): Promise<SyncReport> {
    const pass = this.#passes.then(() => this.#pass(signal));
    this.#passes = pass.catch(() => undefined);
    return pass;
  }

  async #pass(signal: AbortSignal): Promise<SyncReport> {
    this.#work = false;
    this.#hint = false;
    const report: SyncReport = { outcome: 'done', sent: 0, acknowledged: 0, parked: 0, uploaded: 0, remaining: 0 };
    if (!this.#lastSuccessLoaded) {
      this.#lastSuccessLoaded = true;
      const stored = await this.#store.getSyncState<string>('lastSuccessAt');
      if (stored && !this.#internal$.value.lastSuccessAt) this.#update({ lastSuccessAt: stored });
    }
    const context: PassContext = {
      signal,
      report,
      skip: new Set(),
      rounds: new Map(),
      uploaded: new Set(),
      unreadable: new Set(),
      accepted: false,
      suspects: [],
      uploadAccepted: false,
      refusedFiles: new Map(),
      fileSuspects: [],
    };
    if (signal.aborted) {
      report.outcome = 'stopped';
    } else if (this.#store.locked) {
      report.outcome = 'locked';
    } else {
      try {
        outer: for (;;) {
          const candidates = await this.#store.outbox.sendable(Infinity, context.skip);
          if (!candidates.length) {
            report.outcome = await this.#judgeSuspects(context);
            break;
          }
          // Suspects of an earlier pass last: the others may show that the route works.
          candidates.sort((a, b) => Number(this.#suspects.has(a.id)) - Number(this.#suspects.has(b.id)));
          for (let i = 0; i < candidates.length; i += this.#batchSize) {
            const step = signal.aborted
              ? 'stopped'
              : await this.#batch(candidates.slice(i, i + this.#batchSize), context);
            if (step !== 'ok') {
              report.outcome = step;
              break outer;
            }
          }
        }
      } catch (error) {
        if (!(error instanceof StoreLockedError)) throw error;
        report.outcome = 'locked';
      }
    }
    this.#counts = await this.#store.outbox.counts();
    report.remaining = this.#counts.pending;
    const running = this.#internal$.value.running;
    switch (report.outcome) {
      case 'done':
        this.#update({ state: running || this.#internal$.value.state !== 'stopped' ? 'idle' : 'stopped' });
        break;
      case 'locked':
        this.#update({
          state: running ? 'idle' : this.#internal$.value.state,
          error: report.remaining
            ? { code: 'locked', message: storeMessage('locked', this.locale), at: new Date().toISOString() }
            : undefined,
        });
        break;
      case 'stopped':
        break;
      default:
        this.#update({ state: report.outcome });
    }
    return report;
  }

  /** Decrypts, uploads attachments for, and sends one batch. */
  async #batch(batch: readonly OutboxRow[], context: PassContext): Promise<Step> {
    const parked: NonNullable<Settlement['parked']> = [];
    const ready: { row: OutboxRow; mutation: Mutation }[] = [];
    // A kind this build does not know (queued by a newer build in another tab): the hall may know it, this engine
    // does not know what its acknowledgement does to the record. Parked for the clerk; an updated workstation sends it.
    const rows: OutboxRow[] = [];
    for (const row of batch) {
      if (storeKind(row.kind)) rows.push(row);
      else parked.push({ id: row.id, code: 'unknown-kind', message: this.#say('unknownKind', { kind: row.kind }) });
    }
    const opened = await Promise.allSettled(rows.map((row) => this.#store.outbox.payload(row)));
    opened.forEach((outcome, i) => {
      const row = rows[i]!;
      if (outcome.status === 'fulfilled') {
        ready.push({ row, mutation: outcome.value });
      } else if (outcome.reason instanceof StoreLockedError) {
        throw outcome.reason;
      } else {
        parked.push({ id: row.id, code: 'undecryptable', message: this.#say('undecryptable') });
      }
    });
    const sendable: typeof ready = [];
    try {
      for (const item of ready) {
        const refused = await this.#upload(item.row.attachments, false, context);
        if (refused === undefined) {
          sendable.push(item);
        } else if (refused.code === 'attachment-suspect') {
          this.#holdBack(item.row.id, refused, context);
        } else {
          parked.push({ id: item.row.id, ...refused });
        }
      }
    } catch (error) {
      await this.#settle({ parked }, context);
      return this.#failed(error, context.signal);
    }
    await this.#settle({ parked }, context);
    return sendable.length ? this.#send(sendable, context) : 'ok';
  }

  /**
   * Sends mutations; on a whole-request 4xx, splits to find the one at fault, parked only once the hall accepted
   * another request of the pass (see {@link #judgeSuspects}).
   */
  async #send(items: readonly { row: OutboxRow; mutation: Mutation }[], context: PassContext): Promise<Step> {
    this.#update({ state: 'syncing' });
    let results: MutationResult[];
    try {
      results = await this.#timed(context.signal, this.#requestTimeoutMs, (signal) =>
        this.#client.sync(
          items.map((item) => item.mutation),
          signal,
        ),
      );
      if (!Array.isArray(results)) throw new HallError(hallMessage('malformed', this.locale), 'internal', 502);
    } catch (error) {
      const kind = this.#classify(error, context.signal);
      if (kind !== 'refused') return this.#failed(error, context.signal);
      if (items.length > 1) {
        const half = Math.ceil(items.length / 2);
        const first = await this.#send(items.slice(0, half), context);
        return first === 'ok' ? this.#send(items.slice(half), context) : first;
      }
      const only = items[0]!;
      if (context.accepted) {
        await this.#settle({ parked: [this.#requestRefusal(only.row.id, error)] }, context);
        return 'ok';
      }
      // No evidence yet that the route works: set it aside and go on with the others. A second one refused alone
      // without any request accepted: the route, not the mutations, is at fault.
      context.suspects.push({ id: only.row.id, error });
      context.skip.add(only.row.id);
      this.#suspects.add(only.row.id);
      return context.suspects.length > 1 ? this.#routeRefused(error, 'sync') : 'ok';
    }
    context.accepted = true;
    context.report.sent += items.length;
    const at = new Date().toISOString();
    this.#update({ lastSuccessAt: at, error: undefined });
    void this.#store.setSyncState('lastSuccessAt', at).catch(() => undefined);

    const byId = new Map(results.map((result) => [result.id, result]));
    const acknowledged: NonNullable<Settlement['acknowledged']> = [];
    const parked: NonNullable<Settlement['parked']> = [];
    const missing: { row: OutboxRow; hashes: string[] }[] = [];
    for (const { row } of items) {
      const result = byId.get(row.id);
      if (!result) {
        context.skip.add(row.id); // no verdict: leave it for a later pass
      } else if (result.status !== 'rejected') {
        // The hall version the save made, kept for a versioned record (the base of its next save).
        const version =
          storeKind(row.kind)?.versioned && Number.isSafeInteger(result.version) ? result.version : undefined;
        acknowledged.push({
          id: row.id,
          status: result.status,
          appliedAt: result.appliedAt,
          ...(version === undefined ? {} : { version }),
        });
      } else if (result.code === 'missing-attachments') {
        const rounds = (context.rounds.get(row.id) ?? 0) + 1;
        context.rounds.set(row.id, rounds);
        if (rounds > this.#maxRounds) parked.push(parkOf(row.id, result));
        else missing.push({ row, hashes: result.missing?.length ? result.missing : row.attachments });
      } else {
        parked.push(parkOf(row.id, result));
      }
    }
    await this.#settle({ acknowledged, parked }, context);

    if (!missing.length) return 'ok';
    const retried: string[] = [];
    const refusedUploads: NonNullable<Settlement['parked']> = [];
    try {
      for (const { row, hashes } of missing) {
        const absent: string[] = [];
        const refused = await this.#upload(hashes, true, context, absent);
        if (refused?.code === 'attachment-suspect') {
          this.#holdBack(row.id, refused, context);
        } else if (refused !== undefined) {
          refusedUploads.push({ id: row.id, ...refused });
        } else if (absent.length) {
          refusedUploads.push({
            id: row.id,
            code: 'missing-attachments',
            message: this.#say('attachmentsAbsent', { count: absent.length }),
            missing: absent,
          });
        } else {
          retried.push(row.id);
        }
      }
    } catch (error) {
      await this.#settle({ parked: refusedUploads, retried }, context);
      return this.#failed(error, context.signal);
    }
    await this.#settle({ parked: refusedUploads, retried }, context);
    return 'ok';
  }

  /**
   * The pass sent everything it could: mutations refused alone are parked if the hall accepted another request of
   * the pass, and mutations held back by a refused file if it accepted another upload of the pass; otherwise the
   * pass ends in backoff (nothing of that kind parked) with the hall's answer as the error.
   */
  async #judgeSuspects(context: PassContext): Promise<SyncReport['outcome']> {
    const { suspects, fileSuspects } = context;
    context.suspects = [];
    context.fileSuspects = [];
    const parked: NonNullable<Settlement['parked']> = [];
    if (context.accepted) {
      for (const { id, error } of suspects) parked.push(this.#requestRefusal(id, error));
    }
    if (context.uploadAccepted) {
      for (const { id, sha256, error } of fileSuspects) parked.push({ id, ...this.#fileRefusal(sha256, error) });
    }
    if (parked.length) await this.#settle({ parked }, context);
    if (suspects.length && !context.accepted) return this.#routeRefused(suspects[0]!.error, 'sync');
    if (fileSuspects.length && !context.uploadAccepted) return this.#routeRefused(fileSuspects[0]!.error, 'upload');
    return 'done';
  }

  /**
   * Sets aside, for the rest of the pass, a mutation whose file the hall refused while no upload of the pass had been
   * accepted; it is judged at the end of the pass and sent last on the next one.
   */
  #holdBack(id: string, suspect: AttachmentSuspect, context: PassContext): void {
    context.fileSuspects.push({ id, sha256: suspect.sha256, error: suspect.error });
    context.skip.add(id);
    this.#suspects.add(id);
  }

  /** A request was refused and nothing shows that its route works: back off, showing the hall's answer. */
  #routeRefused(error: unknown, route: 'sync' | 'upload'): 'backoff' {
    const status = statusOf(error);
    this.#update({
      error: {
        code: codeOf(error),
        message: this.#say(route === 'sync' ? 'syncRouteRefused' : 'uploadRouteRefused', {
          status,
          reason: this.#reasonOf(error),
        }),
        ...(status ? { status } : {}),
        at: new Date().toISOString(),
      },
    });
    return 'backoff';
  }

  /** A store message in the engine's locale. */
  #say<K extends StoreMessageKey>(key: K, ...params: MessageArgs<(typeof STORE_MESSAGES)[K]>): string {
    return storeMessage(key, this.locale, ...params);
  }

  /**
   * Uploads the attachments among `hashes` that the hall may lack (all of them when `force`).
   *
   * @returns `undefined`, or why the mutation cannot go: the hall refused a file for good (another upload of the
   *   pass was accepted, or the bytes did not hash to their name), a file cannot be read back here, or the hall
   *   refused a file before any upload of the pass was accepted (`attachment-suspect`: judged at the end of the pass).
   * @throws StepFailure for transient failures and 401.
   */
  async #upload(
    hashes: readonly string[],
    force: boolean,
    context: PassContext,
    absent: string[] = [],
  ): Promise<AttachmentRefusal | AttachmentSuspect | undefined> {
    for (const sha256 of hashes) {
      if (context.unreadable.has(sha256)) {
        return { code: 'attachment-unreadable', message: this.#say('attachmentUnreadable'), missing: [sha256] };
      }
      if (context.refusedFiles.has(sha256)) {
        return { code: 'attachment-suspect', sha256, error: context.refusedFiles.get(sha256) };
      }
      if (context.uploaded.has(sha256)) continue;
      const info = await this.#store.attachmentInfo(sha256);
      if (!info) {
        absent.push(sha256);
        continue;
      }
      if (info.uploaded && !force) continue;
      if (context.refusedFiles.size > 1 && !context.uploadAccepted) {
        // Two files refused and none accepted: the upload route looks broken; try no more uploads in this pass.
        const [first] = context.refusedFiles.values();
        return { code: 'attachment-suspect', sha256, error: first };
      }
      let file: Blob | undefined;
      try {
        file = await this.#store.getAttachment(sha256);
      } catch (error) {
        if (error instanceof AttachmentUnreadableError) {
          // Damaged or lost here: no retry can help. Park what references it; the others go on.
          context.unreadable.add(sha256);
          return { code: 'attachment-unreadable', message: this.#say('attachmentUnreadable'), missing: [sha256] };
        }
        if (!(error instanceof StoreLockedError)) throw error;
      }
      if (!file) {
        absent.push(sha256);
        continue;
      }
      const blob = file;
      try {
        await this.#timed(context.signal, this.#requestTimeoutMs, (signal) =>
          this.#client.putAttachment(sha256, blob, signal),
        );
      } catch (error) {
        const kind = this.#classify(error, context.signal);
        if (kind !== 'refused') throw new StepFailure(kind, this.#errorOf(codeOf(error), error));
        // The file's own fault, whatever else the hall accepts: bytes that do not hash to their name, or too large.
        const ownFault = isHallError(error) && (error.code === 'hash-mismatch' || error.code === 'too-large');
        if (ownFault || context.uploadAccepted) return this.#fileRefusal(sha256, error);
        context.refusedFiles.set(sha256, error);
        return { code: 'attachment-suspect', sha256, error };
      }
      context.uploadAccepted = true;
      context.uploaded.add(sha256);
      context.report.uploaded += 1;
      await this.#store.markAttachmentsUploaded([sha256]);
    }
    return undefined;
  }

  async #settle(settlement: Settlement, context: PassContext): Promise<void> {
    await this.#store.outbox.settle(settlement);
    for (const { id } of [...(settlement.acknowledged ?? []), ...(settlement.parked ?? [])]) this.#suspects.delete(id);
    context.report.acknowledged += settlement.acknowledged?.length ?? 0;
    context.report.parked += settlement.parked?.length ?? 0;
  }

  /** Records a failed request and says how the pass ends. */
  #failed(error: unknown, signal: AbortSignal): Failure {
    if (error instanceof StepFailure) {
      if (error.kind !== 'stopped') this.#update({ error: error.error });
      if (error.kind === 'signed-out') this.#update({ state: 'signed-out' });
      return error.kind;
    }
    if (error instanceof StoreLockedError) throw error;
    const kind = this.#classify(error, signal);
    const failure: Failure = kind === 'refused' ? 'backoff' : kind;
    if (failure !== 'stopped') this.#update({ error: this.#errorOf(codeOf(error), error) });
    if (failure === 'signed-out') this.#update({ state: 'signed-out' });
    return failure;
  }

  #classify(error: unknown, signal: AbortSignal): Failure | 'refused' {
    if (signal.aborted) return 'stopped';
    if (isHallError(error)) {
      if (error.status === 401 || error.status === 403) return 'signed-out';
      if (error.code === 'network' || error.code === 'aborted') return 'offline';
      if (error.transient) return 'backoff';
      return 'refused';
    }
    return isUnreachable(error) ? 'offline' : 'backoff';
  }

  /** Why a mutation the hall refused alone (a whole-request 4xx) is parked: the status and the hall's answer. */
  #requestRefusal(id: string, error: unknown): NonNullable<Settlement['parked']>[number] {
    const message = this.#say('requestRefused', { status: statusOf(error), reason: this.#reasonOf(error) });
    return { id, code: 'request-refused', message };
  }

  /** Why a mutation is parked when the hall refused one of its files for good: the hall's answer and the file. */
  #fileRefusal(sha256: string, error: unknown): AttachmentRefusal & { code: 'attachment-refused' } {
    const message = this.#say('attachmentRefused', { status: statusOf(error), reason: this.#reasonOf(error) });
    return { code: 'attachment-refused', message, missing: [sha256] };
  }

  /**
   * What a failure says to the clerk: the hall's (its client's) message, or, for what was not the hall, the store's
   * sentence (the hall unreachable, or an unexpected failure) with the browser's own words as `detail`.
   */
  #errorOf(code: string, error: unknown): SyncError {
    const detail = isHallError(error) ? undefined : messageOf(error);
    return {
      code,
      message: this.#reasonOf(error),
      ...(detail === undefined ? {} : { detail }),
      at: new Date().toISOString(),
    };
  }

  /** The hall's message for a HallError; otherwise the store's sentence for what happened. */
  #reasonOf(error: unknown): string {
    if (isHallError(error)) return error.message;
    return isUnreachable(error) ? hallMessage('unreachable', this.locale) : this.#say('syncFailed');
  }
}

function parkOf(
  id: string,
  result: Extract<MutationResult, { status: 'rejected' }>,
): NonNullable<Settlement['parked']>[number] {
  const issues = (result as { issues?: unknown }).issues;
  return {
    id,
    code: result.code,
    message: result.message,
    ...(result.missing ? { missing: result.missing } : {}),
    ...(Array.isArray(issues) ? { issues: issues.map(String) } : {}),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The hall's error code; `network` when the browser could not reach it, `internal` for any other failure. */
function codeOf(error: unknown): string {
  if (isHallError(error)) return error.code;
  return isUnreachable(error) ? 'network' : 'internal';
}

/** A failure of the browser to reach the hall (a failed `fetch`, an abort, a timeout), not the hall's answer. */
function isUnreachable(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return error instanceof TypeError || name === 'AbortError' || name === 'TimeoutError';
}

/** The HTTP status of a hall's answer; 0 when none came. */
function statusOf(error: unknown): number {
  return isHallError(error) ? error.status : 0;
}
