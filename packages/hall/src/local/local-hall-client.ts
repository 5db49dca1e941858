import { Observable } from 'rxjs';
import type { Case, Catalog, HolidaySchedule, Ticket } from '@yichuang/core';
import type { HallClient } from '@yichuang/hall-client';
import {
  HallError,
  hallIssue,
  type AccountSetting,
  type CallNext,
  type QueueCommand,
  type QueueCommandAnswer,
  type AppointmentImport,
  type AppointmentImportResult,
  type CaseRead,
  type CaseReadPurpose,
  type CatalogSnapshot,
  type ClaimCase,
  type CommitmentList,
  type CommitmentQuery,
  type RecordResult,
  type ReadyResultList,
  type ReadyResultQuery,
  type ResultRecorded,
  type DeviceEnrol,
  type EnrolledDevice,
  type FollowUp,
  type FollowUpAct,
  type FollowUpList,
  type FollowUpQuery,
  type FollowUpSetting,
  type HallEvent,
  type HallHealth,
  type HallLocale,
  type HallSettings,
  type HallStatistics,
  type QueueReport,
  type IssueTicket,
  type Licence,
  type Login,
  type Mutation,
  type MutationResult,
  type PublicTicket,
  type QueueCategory,
  type QueueSnapshot,
  type RecoveryPublicKey,
  type RouteName,
  type Session,
  type SettingsAuditEntry,
  type WindowSetting,
  type Peer,
  type RemoteCase,
  type RemoteDecision,
} from '@yichuang/hall-client/protocol.js';
import { HallEngine } from '../engine/engine.js';
import { fail, openingVault, say, type Caller } from '../engine/context.js';
import type { HallLimits } from '../engine/limits.js';
import type { HallSeed } from '../engine/seed.js';
import { demoHallSeed } from '../seed/demo.js';
import { IndexedDbStorage } from '../storage/indexeddb.js';
import { sha256Hex } from '../vault/vault.js';
import { LocalFiles } from './files.js';
import { LocalSecrets } from './secrets.js';
import type { ApplicantNotifier } from '../engine/results.js';

/** Version the local hall reports in {@link HallHealth}. */
export const LOCAL_HALL_VERSION = 'yichuang-local-hall/0.2.0';

/** Events read from the log per step of a replay. */
const REPLAY_PAGE = 200;

/** How to open a local hall. */
export interface LocalHallClientOptions {
  /** The hall's code, e.g. `TJHP01`: names the database and the tab channel unless they are given. */
  hall: string;
  /** IndexedDB database name; default `yichuang-local-hall-<hall>` (its files in `<name>-files`). */
  databaseName?: string;
  /** BroadcastChannel name linking the tabs of this hall; default the database name. */
  channelName?: string;
  /** PBKDF2 iterations for passwords and device tokens when they are set; default 310,000. */
  iterations?: number;
  /** Bounds of the hall (session length, attachment sizes, streams …). */
  limits?: Partial<HallLimits>;
  /** Language of the hall's messages; default zh-CN. */
  locale?: HallLocale;
  /** The clock (epoch milliseconds); default `Date.now`. */
  now?: () => number;
  /** Where the hall's messages to applicants go (an SMS gateway); none: applicants are not told by SMS. */
  notifier?: ApplicantNotifier;
}

/**
 * The whole hall inside one browser: a village station's single PC, Storybook and demos. An in-process transport
 * over the hall engine (`@yichuang/hall`) on IndexedDB: every rule is the engine's, the same as the hall server's;
 * the tabs of one browser share the database and wake each other on a BroadcastChannel.
 *
 * Personal data is sealed with the hall's keys, which exist only wrapped by each person's password: a clerk's or
 * manager's login opens them; devices hold none (a rating pad seals ratings it cannot read back).
 *
 * Each instance holds its own session, like one browser tab of a hall server's client; open several on one hall
 * to play several windows and devices.
 *
 * @example
 * const hall = await LocalHallClient.demo();
 * await hall.login({ user: 'clerk01', password: 'yichuang-demo' });
 */
export class LocalHallClient implements HallClient {
  readonly hallCode: string;
  readonly databaseName: string;
  readonly channelName: string;
  readonly #options: LocalHallClientOptions;
  readonly #locale: HallLocale;
  #engine: Promise<HallEngine> | undefined;
  readonly #files: LocalFiles;
  #session: Session | undefined;
  #token: string | undefined;
  /** Ends each open event stream of this client, with an error or without. */
  readonly #streams = new Set<(error?: HallError) => void>();
  #closed = false;

  constructor(options: LocalHallClientOptions) {
    this.#options = options;
    this.hallCode = options.hall;
    this.databaseName = options.databaseName ?? `yichuang-local-hall-${options.hall}`;
    this.channelName = options.channelName ?? this.databaseName;
    this.#locale = options.locale ?? 'zh-CN';
    this.#files = new LocalFiles(`${this.databaseName}-files`);
  }

  /** Opens a local hall seeded with the demo hall and its catalog (with pinyin) if it is empty. */
  static async demo(options: Partial<LocalHallClientOptions> = {}): Promise<LocalHallClient> {
    const seed = await demoHallSeed();
    const client = new LocalHallClient({ ...options, hall: options.hall ?? seed.code });
    await client.seed(seed);
    return client;
  }

  /** Deletes a local hall's databases (every case, ticket and file in them). */
  static async deleteHall(databaseName: string): Promise<void> {
    await IndexedDbStorage.delete(databaseName);
    await LocalFiles.delete(`${databaseName}-files`);
  }

  /** The engine, opened on first use. */
  #open(): Promise<HallEngine> {
    this.#engine ??= HallEngine.open({
      storage: new IndexedDbStorage(this.databaseName, this.channelName),
      secrets: new LocalSecrets(this.#options.iterations),
      files: this.#files,
      version: LOCAL_HALL_VERSION,
      ...(this.#options.now ? { now: this.#options.now } : {}),
      ...(this.#options.limits ? { limits: this.#options.limits } : {}),
      ...(this.#options.notifier ? { notifier: this.#options.notifier } : {}),
    });
    return this.#engine;
  }

  /** Seeds an empty hall; resolves `false` if it was set up before (by this tab or another). */
  async seed(seed: HallSeed): Promise<boolean> {
    if (seed.code !== this.hallCode) {
      throw fail(this.#locale, 'invalid', 'invalid', {}, [
        hallIssue('seedCode', this.#locale, { hall: this.hallCode, code: seed.code }),
      ]);
    }
    const engine = await this.#open();
    return this.#guard(() => engine.seed(seed));
  }

  /** Seeds this hall with the demo hall and catalog if it is empty; see {@link seed}. */
  async seedDemo(): Promise<boolean> {
    return this.seed(await demoHallSeed());
  }

  /** Closes the database and the tab channel, and ends the event streams of this client. */
  close(): void {
    this.#closed = true;
    for (const end of [...this.#streams]) end();
    void this.#engine?.then((engine) => engine.close());
    this.#files.close();
  }

  get session(): Session | undefined {
    return this.#session ? { ...this.#session } : undefined;
  }

  async health(signal?: AbortSignal): Promise<HallHealth> {
    this.#checkSignal(signal);
    const engine = await this.#open();
    return this.#guard(() => engine.health());
  }

  async login(login: Login): Promise<Session> {
    const engine = await this.#open();
    // Like a browser tab logging in again: the session it held ends first (else it would hold its own window).
    if (this.#token) await this.logout();
    const session = await this.#guard(() => engine.login(login, { locale: this.#locale }));
    this.#session = session;
    this.#token = session.token;
    return { ...session };
  }

  async logout(): Promise<void> {
    const token = this.#token;
    this.#session = undefined;
    this.#token = undefined;
    // The session's event streams end with it, as on the hall server (its stream closes, the reconnect gets 401).
    for (const end of [...this.#streams]) end(fail(this.#locale, 'unauthenticated', 'sessionEnded'));
    if (!token) return;
    const engine = await this.#open();
    await this.#guard(async () => engine.logout(await engine.authenticate(token, 'logout', this.#locale))).catch(
      () => undefined,
    );
  }

  async changePassword(password: string, newPassword: string): Promise<void> {
    await this.#call('changePassword', (engine, caller) => engine.changePassword(caller, { password, newPassword }));
  }

  async catalog(knownVersion?: string): Promise<CatalogSnapshot | undefined> {
    return this.#call('catalog', async (engine) => {
      // The catalog is read only when the one held is not the current one.
      if (knownVersion !== undefined && (await engine.catalogTag())?.version === knownVersion) return undefined;
      const current = await engine.catalog();
      if (!current) throw fail(this.#locale, 'not-found', 'catalogNotFound');
      return current.snapshot;
    });
  }

  async publishCatalog(catalog: Catalog): Promise<void> {
    await this.#call('publishCatalog', (engine, caller) => engine.publishCatalog(caller, catalog));
  }

  async calendar(): Promise<HolidaySchedule[]> {
    return this.#call('calendar', (engine) => engine.calendar());
  }

  async publishCalendar(schedule: HolidaySchedule): Promise<void> {
    await this.#call('publishCalendar', (engine, caller) =>
      engine.publishCalendar(caller, (schedule as { year?: unknown })?.year, schedule),
    );
  }

  async issueTicket(request: IssueTicket): Promise<Ticket | PublicTicket> {
    return this.#call('issueTicket', (engine, caller) => engine.issueTicket(caller, request));
  }

  async callNext(request: CallNext): Promise<Ticket | undefined> {
    return this.#call('callNext', (engine, caller) => engine.callNext(caller, request));
  }

  async queueCommand<C extends QueueCommand>(command: C): Promise<QueueCommandAnswer<C>> {
    const answer = await this.#call('queueCommand', (engine, caller) => engine.queueCommand(caller, command));
    return answer as QueueCommandAnswer<C>;
  }

  async importAppointments(request: AppointmentImport): Promise<AppointmentImportResult> {
    return this.#call('importAppointments', (engine, caller) => engine.importAppointments(caller, request));
  }

  async queue(): Promise<QueueSnapshot> {
    return this.#call('queue', (engine, caller) => engine.queue(caller));
  }

  async sync(mutations: readonly Mutation[], signal?: AbortSignal): Promise<MutationResult[]> {
    const { results } = await this.#call('sync', (engine, caller) => engine.sync(caller, { mutations }, signal));
    this.#checkSignal(signal);
    return results;
  }

  async getCase(id: string, purpose?: CaseReadPurpose): Promise<Case | undefined> {
    return this.#call('getCase', (engine, caller) => engine.getCase(caller, id, purpose));
  }

  async claimCase(claim: ClaimCase): Promise<Case> {
    return this.#call('claimCase', (engine, caller) => engine.claimCase(caller, claim));
  }

  async recordResult(id: string, body: RecordResult): Promise<ResultRecorded> {
    return this.#call('recordResult', (engine, caller) => engine.recordResult(caller, id, body));
  }

  async readyResults(query: ReadyResultQuery = {}): Promise<ReadyResultList> {
    return this.#call('readyResults', (engine, caller) => engine.readyResults(caller, query));
  }

  async commitments(query: CommitmentQuery = {}): Promise<CommitmentList> {
    return this.#call('commitments', (engine, caller) => engine.commitments(caller, query));
  }

  async caseReads(id: string): Promise<CaseRead[]> {
    return this.#call('caseReads', (engine, caller) => engine.caseReads(caller, id));
  }

  async putAttachment(sha256: string, file: Blob, signal?: AbortSignal): Promise<void> {
    await this.#call('putAttachment', async (engine, caller) => {
      if (!(file instanceof Blob))
        throw fail(this.#locale, 'invalid', 'invalid', {}, [hallIssue('fileRequired', this.#locale)]);
      const name = await engine.checkUpload(caller, sha256, file.size);
      const bytes = await file.arrayBuffer();
      this.#checkSignal(signal);
      const actual = await sha256Hex(bytes);
      if (actual !== name) throw fail(this.#locale, 'hash-mismatch', 'hashMismatch', { actual });
      const vault = openingVault(caller);
      const fresh = await this.#files.put(name, bytes.byteLength, await vault.sealBytes(bytes, `attachment:${name}`));
      try {
        await engine.recordAttachment(caller, name, bytes.byteLength);
      } catch (error) {
        if (fresh) await this.#files.delete(name);
        throw error;
      }
    });
  }

  async hasAttachment(sha256: string): Promise<boolean> {
    return this.#call(
      'headAttachment',
      async (engine, caller) => (await engine.attachment(caller, sha256)) !== undefined,
    );
  }

  async getAttachment(sha256: string): Promise<Blob | undefined> {
    return this.#call('getAttachment', async (engine, caller) => {
      const record = await engine.attachment(caller, sha256);
      if (!record) return undefined;
      const sealed = await this.#files.get(record.sha256);
      if (!sealed || !caller.vault?.canOpen) return undefined;
      const plain = await caller.vault.openBytes(sealed, `attachment:${record.sha256}`);
      return new Blob([plain], { type: 'application/octet-stream' });
    });
  }

  async lookupLicences(holderId: string): Promise<Licence[]> {
    return this.#call('licences', (engine, caller) => engine.lookupLicences(caller, { holderId }));
  }

  async statistics(): Promise<HallStatistics> {
    return this.#call('stats', (engine) => engine.statistics());
  }

  async queueReport(day = 'today'): Promise<QueueReport> {
    return this.#call('queueReport', (engine, caller) => engine.queueReport(caller, day));
  }

  async settings(): Promise<HallSettings> {
    return this.#call('settings', (engine) => engine.settings());
  }

  async saveWindows(windows: readonly WindowSetting[]): Promise<void> {
    await this.#call('saveWindows', (engine, caller) => engine.saveWindows(caller, { windows }));
  }

  async saveCategories(categories: readonly QueueCategory[]): Promise<void> {
    await this.#call('saveCategories', (engine, caller) => engine.saveCategories(caller, { categories }));
  }

  async saveAccount(user: string, account: AccountSetting): Promise<void> {
    await this.#call('saveAccount', (engine, caller) => engine.saveAccount(caller, user, account));
  }

  async disableAccount(user: string): Promise<void> {
    await this.#call('disableAccount', (engine, caller) => engine.disableAccount(caller, user));
  }

  async enrolDevice(device: DeviceEnrol): Promise<EnrolledDevice> {
    return this.#call('enrolDevice', (engine, caller) => engine.enrolDevice(caller, device));
  }

  async revokeDevice(id: string): Promise<void> {
    await this.#call('revokeDevice', (engine, caller) => engine.revokeDevice(caller, id));
  }

  async settingsAudit(): Promise<SettingsAuditEntry[]> {
    return this.#call('settingsAudit', (engine) => engine.settingsAudit());
  }

  async recoveryKey(): Promise<RecoveryPublicKey | undefined> {
    return this.#call('recoveryKey', (engine) => engine.recoveryKey());
  }

  async peers(): Promise<Peer[]> {
    return this.#call('peers', (engine) => engine.peers());
  }

  async peerCatalog(hall: string): Promise<Catalog> {
    return this.#call('peerCatalog', (engine, caller) => engine.peerCatalog(caller, hall));
  }

  async remoteCases(direction: 'out' | 'in' = 'out'): Promise<RemoteCase[]> {
    return this.#call('remoteCases', (engine, caller) => engine.remoteCases(caller, { direction }));
  }

  async decideRemote(id: string, decision: RemoteDecision): Promise<RemoteCase> {
    return this.#call('decideRemote', (engine, caller) => engine.decideRemote(caller, id, decision));
  }

  async followUps(query: FollowUpQuery = {}): Promise<FollowUpList> {
    return this.#call('followUps', (engine, caller) => engine.followUps(caller, query));
  }

  async actOnFollowUp(ratingId: string, act: FollowUpAct): Promise<FollowUp> {
    return this.#call('actOnFollowUp', (engine, caller) => engine.actOnFollowUp(caller, ratingId, act));
  }

  async saveFollowUpSettings(setting: FollowUpSetting): Promise<void> {
    await this.#call('saveFollowUpSettings', (engine, caller) => engine.saveFollowUpSettings(caller, setting));
  }

  async setRecoveryKey(key: RecoveryPublicKey): Promise<void> {
    await this.#call('setRecoveryKey', (engine, caller) => engine.setRecoveryKey(caller, key));
  }

  /**
   * The hall's events for this session. Replays from the log after `afterId` (or starts with the next event when it
   * is absent), then follows what any tab of this hall writes; whatever arrives out of order is read back from the
   * log, so no event is skipped or delivered twice. Ends with 401 when the session ends.
   */
  events(afterId?: number): Observable<HallEvent> {
    return new Observable<HallEvent>((subscriber) => {
      let stopped = false;
      let cursor = 0;
      let pulling = false;
      let again = false;
      let retry: ReturnType<typeof setTimeout> | undefined;
      let detach: (() => void)[] = [];
      let view: (event: HallEvent) => HallEvent | undefined = () => undefined;
      let caller: Caller | undefined;
      let engine: HallEngine | undefined;

      const end = (error?: HallError) => {
        if (stopped) return;
        stopped = true;
        clearTimeout(retry);
        for (const off of detach) off();
        detach = [];
        this.#streams.delete(end);
        if (error) subscriber.error(error);
        else subscriber.complete();
      };
      const deliver = (event: HallEvent) => {
        if (event.id <= cursor) return;
        cursor = event.id;
        if (caller && Date.parse(caller.session.expiresAt) <= (this.#options.now ?? Date.now)()) {
          end(fail(this.#locale, 'unauthenticated', 'sessionEnded'));
          return;
        }
        const seen = view(event);
        if (seen) subscriber.next(seen);
      };
      const pull = async (): Promise<void> => {
        if (pulling) {
          again = true;
          return;
        }
        pulling = true;
        try {
          do {
            again = false;
            for (;;) {
              const events = await engine!.eventsAfter(cursor, REPLAY_PAGE);
              for (const event of events) {
                if (stopped) return;
                deliver(event);
              }
              if (events.length < REPLAY_PAGE) break;
            }
          } while (again && !stopped);
        } catch {
          // The database is busy or was closed under us: read again shortly (the stream only fails on 401/403).
          if (!stopped) retry = setTimeout(() => void pull(), 500);
        } finally {
          pulling = false;
        }
      };
      this.#streams.add(end);
      const start = async (): Promise<void> => {
        try {
          engine = await this.#open();
          caller = await engine.authenticate(this.#token, 'events', this.#locale);
          const stream = await engine.startStream(caller, afterId);
          detach.push(stream.release);
          view = engine.view(caller);
          cursor = stream.after ?? (await engine.lastEventId());
        } catch (error) {
          end(error instanceof HallError ? error : fail(this.#locale, 'internal', 'internal'));
          return;
        }
        if (stopped) {
          for (const off of detach) off();
          return;
        }
        const hash = caller.tokenHash;
        detach.push(
          engine.onEvents((events) => {
            if (stopped) return;
            const next = events?.[0];
            if (!pulling && events && next && next.id === cursor + 1) for (const event of events) deliver(event);
            else void pull();
          }),
          engine.onSessionsEnded((hashes) => {
            if (hashes.includes(hash)) end(fail(this.#locale, 'unauthenticated', 'sessionEnded'));
          }),
        );
        await pull();
      };
      void start();
      return () => end();
    });
  }

  // ---- internals ----

  /** Authenticates the held session for `route`, then runs `work` with the engine and the caller. */
  async #call<T>(route: RouteName, work: (engine: HallEngine, caller: Caller) => Promise<T>): Promise<T> {
    const engine = await this.#open();
    return this.#guard(async () => work(engine, await engine.authenticate(this.#token, route, this.#locale)));
  }

  /** Runs a step; a failure that is not a {@link HallError} (the database failed) becomes `internal`. */
  async #guard<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof HallError) throw error;
      throw fail(this.#locale, 'internal', 'internal');
    }
  }

  #checkSignal(signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw new HallError(say(this.#locale, 'aborted'), 'aborted', 0);
  }

  /** Whether {@link close} was called. */
  get closed(): boolean {
    return this.#closed;
  }
}
