import type { Case, CaseItemFacts, CaseResult, Catalog, HolidaySchedule, Ticket } from '@yichuang/core';
import { hallIssue } from '@yichuang/hall-client/protocol.js';
import type {
  CaseRead,
  CatalogSnapshot,
  EnrolledDevice,
  FollowUp,
  FollowUpList,
  CommitmentList,
  ResultRecorded,
  ReadyResultList,
  HallEvent,
  HallHealth,
  HallLocale,
  HallSettings,
  HallStatistics,
  Licence,
  MutationResult,
  PublicTicket,
  QueueReport,
  QueueSnapshot,
  QueueWindow,
  AppointmentImportResult,
  RecoveryPublicKey,
  RouteName,
  Session,
  SettingsAuditEntry,
  HallIdentity,
  Peer,
  PackageReceipt,
  RemoteCase,
} from '@yichuang/hall-client/protocol.js';
import { EVENTS, HALL_SCHEMA, SETTINGS, type ExchangeOutboxRow, type SessionRow } from '../storage/tables.js';
import { get, type HallStoragePort, type StorageOp, type TxBody } from '../storage/port.js';
import { sha256Hex, type Vault } from '../vault/vault.js';
import type { Viewer } from '../kinds/kind.js';
import * as attachments from './attachments.js';
import * as catalog from './catalog.js';
import * as exchange from './exchange.js';
import * as followups from './followups.js';
import * as cases from './cases.js';
import * as commitments from './commitments.js';
import * as results from './results.js';
import type { ApplicantNotifier } from './results.js';
import { fail, type Caller, type EngineContext, type FileStore } from './context.js';
import { eventView, eventsAfter, lastEventId } from './events.js';
import { DEFAULT_LIMITS, type HallLimits } from './limits.js';
import { lookupLicences } from './licences.js';
import * as queue from './queue.js';
import * as appointments from './appointments.js';
import type { HallSecrets } from './secrets.js';
import { resealAll } from './reseal.js';
import { initialiseHall, seedHall, type HallSeed } from './seed.js';
import * as sessions from './sessions.js';
import * as settings from './settings.js';
import { statistics } from './stats.js';
import { queueReport } from './queue-report.js';
import { ItemFactsCache, sync } from './sync.js';

/** The id a client resumes its event stream after: a whole number (or its text), absent when none is named. */
function resumeId(caller: Caller, lastEventId: unknown): number | undefined {
  const text =
    typeof lastEventId === 'number'
      ? String(lastEventId)
      : typeof lastEventId === 'string'
        ? lastEventId.trim()
        : lastEventId;
  if (text === undefined || text === '') return undefined;
  if (typeof text !== 'string' || !/^\d{1,15}$/.test(text)) {
    throw fail(caller.locale, 'invalid', 'invalid', {}, [hallIssue('lastEventId', caller.locale)]);
  }
  return Number(text);
}

/** How to open a {@link HallEngine}. */
export interface HallEngineOptions {
  /** Where the hall keeps its data: SQLite (the hall server), IndexedDB (the hall inside one browser). */
  storage: HallStoragePort;
  /** How the hall keeps passwords, device tokens and its keys. */
  secrets: HallSecrets;
  /** Where the transport keeps attachment bytes (the engine only removes orphans). */
  files?: FileStore;
  /** The hall's clock, epoch milliseconds; `Date.now` by default. */
  now?: () => number;
  /** Bounds; {@link DEFAULT_LIMITS} for any not given. */
  limits?: Partial<HallLimits>;
  /** Reported by health. */
  version?: string;
  /** Where the hall's messages to applicants go (an SMS gateway); none: applicants are not told by SMS. */
  notifier?: ApplicantNotifier;
}

type EventsListener = (events: readonly HallEvent[] | undefined) => void;

/**
 * The hall, written once: sessions, roles and window binding, the registry of mutation kinds, numbering, the event
 * log and who receives what, settings and reference data, checked against the hall's own data. It runs in Node and
 * in the browser, over a {@link HallStoragePort}; the hall server (HTTP + Server-Sent Events) and `LocalHallClient`
 * (in-process) are transports over it, without rules of their own.
 *
 * Every method that answers a caller rejects with a `HallError` (the protocol's error, with its status and a message
 * in the caller's language).
 */
export class HallEngine {
  readonly #context: EngineContext;
  readonly #items = new ItemFactsCache();
  readonly #vaults = new Map<string, Vault>();
  readonly #eventListeners = new Set<EventsListener>();
  readonly #endedListeners = new Set<(tokenHashes: readonly string[]) => void>();
  readonly #streams = new Map<string, number>();
  #streamsTotal = 0;
  readonly #unwatch: () => void;
  #closed = false;

  private constructor(options: HallEngineOptions) {
    const { storage } = options;
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    // What this engine's listeners hear, of its own transactions and (through the storage) of other instances'.
    const hearEvents = (events: readonly HallEvent[] | undefined) => {
      for (const listener of [...this.#eventListeners]) listener(events);
    };
    const hearSessionsEnded = (tokenHashes: readonly string[]) => {
      for (const hash of tokenHashes) this.#vaults.delete(hash);
      for (const listener of [...this.#endedListeners]) listener(tokenHashes);
    };
    this.#context = {
      storage,
      secrets: options.secrets,
      files: options.files ?? { delete: async () => {} },
      limits,
      now: options.now ?? Date.now,
      version: options.version ?? 'yichuang-hall',
      sha256: options.secrets.sha256 ? async (text) => options.secrets.sha256!(text) : sha256Hex,
      read: (body) => storage.transact('read', body),
      async write<T>(body: () => TxBody<T>): Promise<T> {
        const appended: HallEvent[] = [];
        const result = await storage.transact('write', function* (): TxBody<T> {
          const inner = body();
          let step = inner.next();
          while (!step.done) {
            const op: StorageOp = step.value;
            const answer: unknown = yield op;
            if (op.op === 'add' && op.table === EVENTS)
              appended.push({ ...(op.row as object), id: answer } as HallEvent);
            step = inner.next(answer);
          }
          return step.value;
        });
        if (appended.length) this.committed(appended);
        return result;
      },
      committed(events) {
        storage.announce({ type: 'events' });
        hearEvents(events);
      },
      sessionsEnded(tokenHashes) {
        storage.announce({ type: 'sessions-ended', tokenHashes });
        hearSessionsEnded(tokenHashes);
      },
      ...(options.notifier ? { notifier: options.notifier } : {}),
    };
    this.#unwatch = storage.watch((news) =>
      news.type === 'events' ? hearEvents(undefined) : hearSessionsEnded(news.tokenHashes),
    );
  }

  /** Opens the hall's storage (creating or upgrading its tables) and loads its secrets. */
  static async open(options: HallEngineOptions): Promise<HallEngine> {
    await options.storage.open(HALL_SCHEMA);
    const engine = new HallEngine(options);
    await engine.#loadSecrets();
    return engine;
  }

  #secretsLoaded = false;

  async #loadSecrets(): Promise<void> {
    const material = (await this.#context.read(() => get(SETTINGS, 'secrets')))?.value;
    if (material === undefined) return;
    await this.#context.secrets.load(material);
    this.#secretsLoaded = true;
  }

  /** The bounds in force. */
  get limits(): Readonly<HallLimits> {
    return this.#context.limits;
  }

  // ---- setting up ----

  /** Seeds an empty hall; resolves `false`, changing nothing, if it was set up before. */
  async seed(seed: HallSeed): Promise<boolean> {
    const seeded = await seedHall(this.#context, seed);
    if (seeded) this.#secretsLoaded = true;
    else await this.#loadSecrets();
    return seeded;
  }

  /** Sets up a new, empty hall with its first manager. */
  async initialise(hall: {
    code: string;
    name: string;
    manager: { user: string; name: string; password: string };
  }): Promise<void> {
    await initialiseHall(this.#context, hall);
    this.#secretsLoaded = true;
  }

  /**
   * Key rotation: seals again what an older key sealed, when the current key is not the one the hall last sealed with.
   * Resolves how many rows changed.
   */
  resealAll(): Promise<number> {
    return resealAll(this.#context);
  }

  /** The hall's code and name, or `undefined` before it is set up. */
  hall(): Promise<sessions.HallInfo | undefined> {
    return this.#context.read(sessions.hallInfo);
  }

  /** Is the hall there? Needs no session. */
  async health(): Promise<HallHealth> {
    const { hall, version } = await this.#context.read(function* () {
      return { hall: yield* sessions.hallInfo(), version: yield* catalog.currentCatalogVersion() };
    });
    return {
      status: 'ok',
      version: this.#context.version,
      hall: hall?.code ?? '',
      catalogVersion: version ?? '',
      time: new Date(this.#context.now()).toISOString(),
    };
  }

  // ---- sessions ----

  /** Logs in (see the protocol's `LoginSchema`); `address` counts failed logins per network address. */
  async login(body: unknown, options: sessions.LoginContext): Promise<Session> {
    // Opened before the hall was set up (by another tab, another process): its secrets are there now.
    if (!this.#secretsLoaded) await this.#loadSecrets();
    const { session, caller } = await sessions.login(this.#context, body, options);
    if (
      caller.vault &&
      caller.vault !== this.#context.secrets.hallVault() &&
      caller.vault !== this.#context.secrets.deviceVault()
    ) {
      this.#vaults.set(caller.tokenHash, caller.vault);
    }
    return session;
  }

  /** The caller of `route` holding `token`: 401 without a live session, 403 for a role the route does not allow. */
  authenticate(token: string | undefined, route: RouteName, locale: HallLocale): Promise<Caller> {
    return sessions.authenticate(this.#context, token, route, locale, (row) => this.#vaultOf(row));
  }

  #vaultOf(row: SessionRow): Vault | undefined {
    const held = this.#vaults.get(row.tokenHash);
    if (held) return held;
    return row.role === 'clerk' || row.role === 'manager'
      ? this.#context.secrets.hallVault()
      : this.#context.secrets.deviceVault();
  }

  /** The protocol's session of a caller (`GET /api/v1/session`). */
  sessionOf(caller: Caller, token: string): Session {
    return sessions.sessionBody(caller.session, token);
  }

  logout(caller: Caller): Promise<void> {
    return sessions.logout(this.#context, caller);
  }

  changePassword(caller: Caller, body: unknown): Promise<void> {
    return sessions.changePassword(this.#context, caller, body);
  }

  // ---- catalog and calendar ----

  /** The current catalog with the calendar, and a tag that changes with either; `undefined` before any. */
  catalog(): Promise<{ snapshot: CatalogSnapshot; tag: string } | undefined> {
    return catalog.catalogSnapshot(this.#context);
  }

  /** The current catalog's version and tag, without reading the catalog; `undefined` before any. */
  catalogTag(): Promise<{ version: string; tag: string } | undefined> {
    return catalog.catalogTag(this.#context);
  }

  publishCatalog(caller: Caller, body: unknown): Promise<void> {
    return catalog.publishCatalog(this.#context, caller, body);
  }

  calendar(): Promise<HolidaySchedule[]> {
    return this.#context.read(catalog.schedules);
  }

  publishCalendar(caller: Caller, year: unknown, body: unknown): Promise<void> {
    return catalog.publishCalendar(this.#context, caller, year, body);
  }

  // ---- queue ----

  issueTicket(caller: Caller, body: unknown): Promise<Ticket | PublicTicket> {
    return queue.issueTicket(this.#context, caller, body);
  }

  callNext(caller: Caller, body: unknown): Promise<Ticket | undefined> {
    return queue.callNext(this.#context, caller, body);
  }

  /**
   * A clerk's command on the tickets of their window (call out of turn, recall, no-show, transfer, hold, resume,
   * finish: answers the ticket) or on the window (pause, reopen: answers the window).
   */
  queueCommand(caller: Caller, body: unknown): Promise<Ticket | QueueWindow> {
    return queue.queueCommand(this.#context, caller, body);
  }

  /** Imports bookings of the district's booking system (managers). */
  importAppointments(caller: Caller, body: unknown): Promise<AppointmentImportResult> {
    return appointments.importAppointments(this.#context, caller, body);
  }

  queue(caller: Caller): Promise<QueueSnapshot> {
    return queue.queue(this.#context, caller);
  }

  // ---- sync and cases ----

  /** Applies a batch of mutations (see the protocol's `SyncRequestSchema`), one result per mutation. */
  sync(caller: Caller, body: unknown, signal?: AbortSignal): Promise<{ results: MutationResult[] }> {
    return sync(this.#context, caller, body, this.#items, signal);
  }

  getCase(caller: Caller, id: unknown, purpose?: unknown): Promise<Case | undefined> {
    return cases.getCase(this.#context, caller, id, purpose);
  }

  claimCase(caller: Caller, body: unknown): Promise<Case> {
    return cases.claimCase(this.#context, caller, body);
  }

  caseReads(caller: Caller, id: unknown): Promise<CaseRead[]> {
    return cases.caseReads(this.#context, caller, id);
  }

  /** Records the deciding department's result of a forwarded case (a clerk of its window, or a manager). */
  recordResult(caller: Caller, id: unknown, body: unknown): Promise<ResultRecorded> {
    return results.recordResult(this.#context, caller, id, body, (value) => this.#itemsOf(value));
  }

  /**
   * Records a result the deciding department sent through the hall server's adapter (`department`: its code, named in
   * the case's trail), with the hall's vault.
   */
  recordDepartmentResult(caseId: string, department: string, result: CaseResult): Promise<ResultRecorded> {
    return results.recordDepartmentResult(this.#context, caseId, department, result, (value) => this.#itemsOf(value));
  }

  /** The results ready to hand over the caller may see (see the protocol's `ReadyResultQuerySchema`). */
  readyResults(caller: Caller, query: unknown): Promise<ReadyResultList> {
    return results.readyResults(this.#context, caller, query);
  }

  /** The forwarded cases awaiting their result, last saved at or before `before` (for the department adapter). */
  awaitingResults(before: string): Promise<results.AwaitingResult[]> {
    return results.awaitingResults(this.#context, before);
  }

  /** The catalog entries of a case's items in the versions it pinned (those the hall holds). */
  async #itemsOf(value: Case): Promise<CaseItemFacts[]> {
    const facts = await Promise.all(
      value.items.map((item) => this.#items.get(this.#context, item.itemId, item.version)),
    );
    return facts.filter((fact): fact is CaseItemFacts => fact !== undefined);
  }

  /** The open tolerance commitments the caller may see (see the protocol's `CommitmentQuerySchema`). */
  commitments(caller: Caller, query: unknown): Promise<CommitmentList> {
    return commitments.commitments(this.#context, caller, query);
  }

  // ---- attachments ----

  /** Checks an upload before its bytes are stored; resolves the file's canonical name. */
  checkUpload(caller: Caller, sha256: unknown, size: number): Promise<string> {
    return attachments.checkUpload(this.#context, caller, sha256, size);
  }

  /** Records a file whose bytes are stored and hash to its name; resolves whether it is new. */
  recordAttachment(caller: Caller, sha256: string, size: number): Promise<boolean> {
    return attachments.recordAttachment(this.#context, caller, sha256, size);
  }

  /**
   * Whether the hall holds a record of the file, whoever may read it: for a transport deciding whether bytes it
   * stored for a refused upload are another upload's (never an answer to a caller).
   */
  holdsAttachment(sha256: string): Promise<boolean> {
    return attachments.holdsAttachment(this.#context, sha256);
  }

  /** The record of a file the caller may read, or `undefined`. */
  attachment(caller: Caller, sha256: unknown): Promise<{ sha256: string; size: number } | undefined> {
    return attachments.readableAttachment(this.#context, caller, sha256);
  }

  /** Removes files no case has cited for longer than the grace period; resolves how many. */
  sweepAttachments(): Promise<number> {
    return attachments.sweepAttachments(this.#context);
  }

  // ---- licences, statistics ----

  lookupLicences(caller: Caller, body: unknown): Promise<Licence[]> {
    return lookupLicences(this.#context, caller, body);
  }

  statistics(): Promise<HallStatistics> {
    return statistics(this.#context);
  }

  /** `day`'s queue in figures (managers): the board's and the daily report's. */
  queueReport(caller: Caller, day: unknown): Promise<QueueReport> {
    return queueReport(this.#context, caller, day);
  }

  // ---- settings ----

  settings(): Promise<HallSettings> {
    return settings.settings(this.#context);
  }

  saveWindows(caller: Caller, body: unknown): Promise<void> {
    return settings.saveWindows(this.#context, caller, body);
  }

  saveCategories(caller: Caller, body: unknown): Promise<void> {
    return settings.saveCategories(this.#context, caller, body);
  }

  saveAccount(caller: Caller, user: unknown, body: unknown): Promise<void> {
    return settings.saveAccount(this.#context, caller, user, body);
  }

  disableAccount(caller: Caller, user: unknown): Promise<void> {
    return settings.disableAccount(this.#context, caller, user);
  }

  enrolDevice(caller: Caller, body: unknown): Promise<EnrolledDevice> {
    return settings.enrolDevice(this.#context, caller, body);
  }

  revokeDevice(caller: Caller, id: unknown): Promise<void> {
    return settings.revokeDevice(this.#context, caller, id);
  }

  settingsAudit(): Promise<SettingsAuditEntry[]> {
    return settings.settingsAudit(this.#context);
  }

  recoveryKey(): Promise<RecoveryPublicKey | undefined> {
    return settings.recoveryKey(this.#context);
  }

  // ---- follow-ups of bad ratings ----

  /** The follow-ups of a range of days (see the protocol's `FollowUpQuerySchema`); clerks those of their windows. */
  followUps(caller: Caller, query: unknown): Promise<FollowUpList> {
    return followups.followUps(this.#context, caller, query);
  }

  /** Records an action on a follow-up (managers); answers the follow-up. */
  actOnFollowUp(caller: Caller, id: unknown, body: unknown): Promise<FollowUp> {
    return followups.actOnFollowUp(this.#context, caller, id, body);
  }

  /** Sets the working days a new follow-up is given (managers). */
  saveFollowUpSettings(caller: Caller, body: unknown): Promise<void> {
    return followups.saveFollowUpSettings(this.#context, caller, body);
  }

  setRecoveryKey(caller: Caller, body: unknown): Promise<void> {
    return settings.setRecoveryKey(this.#context, caller, body);
  }

  // ---- the exchange between halls (跨省通办) ----

  /** This hall's code, name and public key, for another hall's manager to enrol it (made on first use). */
  exchangeIdentity(): Promise<HallIdentity> {
    return exchange.identity(this.#context);
  }

  /** A manager enrols another hall (address, region, public key). */
  enrolPeer(caller: Caller, body: unknown): Promise<Peer> {
    return exchange.enrolPeer(this.#context, caller, body);
  }

  /** The halls this one exchanges with. */
  peers(): Promise<Peer[]> {
    return exchange.peers(this.#context);
  }

  /** The address of an enrolled hall, for the transport; `undefined` for one not enrolled. */
  peerUrl(hall: string): Promise<string | undefined> {
    return exchange.peerUrl(this.#context, hall);
  }

  /** Keeps the catalog another hall answered (the transport fetched it). */
  keepPeerCatalog(hall: string, snapshot: CatalogSnapshot): Promise<void> {
    return exchange.keepPeerCatalog(this.#context, hall, snapshot);
  }

  /** The copy kept of an enrolled hall's catalog (what the cross-province desk collects by). */
  peerCatalog(caller: Caller, hall: unknown): Promise<Catalog> {
    return exchange.peerCatalog(this.#context, caller, hall);
  }

  /** Signs a request from this hall to another (the transport sends it with these headers). */
  signExchange(to: string, method: string, path: string, body: string) {
    return exchange.signRequest(this.#context, to, method, path, body);
  }

  /** The enrolled hall a signed request comes from: 401 for an unknown hall, a wrong signature or an odd time. */
  verifyExchange(
    headers: { hall?: string | undefined; time?: string | undefined; signature?: string | undefined },
    method: string,
    path: string,
    body: string,
  ): Promise<string> {
    return exchange.verifyRequest(this.#context, headers, method, path, body);
  }

  /** What the transport has to send to other halls now. */
  dueExchanges(limit?: number) {
    return exchange.dueExchanges(this.#context, limit);
  }

  /** When the next exchange is due (epoch ms), if any. */
  nextExchangeAt(): Promise<number | undefined> {
    return exchange.nextExchangeAt(this.#context);
  }

  /** The other hall answered an exchange. */
  exchangeDelivered(row: ExchangeOutboxRow, receipt?: PackageReceipt): Promise<void> {
    return exchange.exchangeDelivered(this.#context, row, receipt);
  }

  /** An exchange failed: tried again later. */
  exchangeFailed(row: ExchangeOutboxRow, why: string): Promise<void> {
    return exchange.exchangeFailed(this.#context, row, why);
  }

  /** A package another hall forwarded (its files stored by the transport). */
  receivePackage(from: string, body: unknown, files: ReadonlyMap<string, number>): Promise<PackageReceipt> {
    return exchange.receivePackage(this.#context, from, body, files);
  }

  /** A change of state another hall reports of a case forwarded to it. */
  receiveUpdate(from: string, body: unknown): Promise<{ status: 'applied' | 'duplicate' }> {
    return exchange.receiveUpdate(this.#context, from, body);
  }

  /** The deciding hall's clerk moves a received case on. */
  decideRemote(caller: Caller, id: unknown, body: unknown): Promise<RemoteCase> {
    return exchange.decideRemote(this.#context, caller, id, body);
  }

  /** The forwarded cases a clerk sees (`?direction=out|in`). */
  remoteCases(caller: Caller, query: unknown): Promise<RemoteCase[]> {
    return exchange.remoteCases(this.#context, caller, query);
  }

  // ---- events ----

  /** Events after `afterId`, oldest first, at most `limit` (all types: filter with {@link view}). */
  eventsAfter(afterId: number, limit: number): Promise<HallEvent[]> {
    return this.#context.read(() => eventsAfter(afterId, limit));
  }

  /** The id of the last event (0 before any). */
  lastEventId(): Promise<number> {
    return this.#context.read(lastEventId);
  }

  /** What a session receives of each event (the event, a public form of it, or nothing). */
  view(viewer: Caller | Viewer): (event: HallEvent) => HallEvent | undefined {
    return eventView('session' in viewer ? viewer.session : viewer);
  }

  /**
   * Calls `listener` after a transaction of this engine appended events (with them, in id order), or when another
   * process or tab appended some (`undefined`: read the log).
   */
  onEvents(listener: EventsListener): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** Calls `listener` with the token hashes of sessions that ended (logout, take-over, revocation, disabling). */
  onSessionsEnded(listener: (tokenHashes: readonly string[]) => void): () => void {
    this.#endedListeners.add(listener);
    return () => this.#endedListeners.delete(listener);
  }

  /**
   * Opens an event stream of a session: counts it within the bounds (per session, in total; 429 `rate-limited`
   * beyond them) and says where it starts. `lastEventId`, the id of the last event the client received (a whole
   * number, or its text as the `Last-Event-ID` header carries it; 400 otherwise), makes it replay what came after;
   * a client ahead of this log (restored from a backup) resumes from its end. Without one (`after` absent) the stream
   * starts with the next event. `release` counts the stream closed.
   */
  async startStream(caller: Caller, lastEventId?: unknown): Promise<{ after?: number; release: () => void }> {
    const asked = resumeId(caller, lastEventId);
    const after = asked === undefined ? undefined : Math.min(asked, await this.lastEventId());
    const release = this.#countStream(caller);
    return after === undefined ? { release } : { after, release };
  }

  #countStream(caller: Caller): () => void {
    const { streamsPerSession, streamsTotal } = this.#context.limits;
    const held = this.#streams.get(caller.tokenHash) ?? 0;
    if (held >= streamsPerSession)
      throw fail(caller.locale, 'rate-limited', 'tooManyStreams', { limit: streamsPerSession });
    if (this.#streamsTotal >= streamsTotal)
      throw fail(caller.locale, 'rate-limited', 'tooManyStreams', { limit: streamsTotal });
    this.#streams.set(caller.tokenHash, held + 1);
    this.#streamsTotal++;
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      this.#streamsTotal--;
      const now = (this.#streams.get(caller.tokenHash) ?? 1) - 1;
      if (now > 0) this.#streams.set(caller.tokenHash, now);
      else this.#streams.delete(caller.tokenHash);
    };
  }

  /** Closes the engine and its storage. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#unwatch();
    this.#eventListeners.clear();
    this.#endedListeners.clear();
    await this.#context.storage.close();
  }
}
