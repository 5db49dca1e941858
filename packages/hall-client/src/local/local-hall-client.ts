import { Observable } from 'rxjs';
import * as v from 'valibot';
import { HOLIDAY_SCHEDULES, isUlid, toChinaDate, ulid, type Case, type Rating, type Ticket } from '@yichuang/core';
import type { HallClient } from '../hall-client.js';
import {
  CallNextSchema,
  EVENT_AUDIENCE,
  HallError,
  IssueTicketSchema,
  LicenceLookupSchema,
  LoginSchema,
  MutationSchema,
  ROLES,
  licenceDocument,
  mutationContent,
  ROUTES,
  SyncRequestSchema,
  formatBytes,
  type CallNext,
  type CatalogSnapshot,
  type HallEvent,
  type HallHealth,
  type HallStatistics,
  type IssueTicket,
  type Licence,
  type Login,
  type Mutation,
  type MutationResult,
  type QueueCategory,
  type HallLocale,
  type HallMessageKey,
  type ErrorCode,
  type RejectionCode,
  type Role,
  type RouteName,
  type Session,
} from '../protocol.js';
import {
  HallVault,
  constantTimeEqual,
  deriveCredential,
  deriveVerifier,
  generateSealingKeys,
  randomBytes,
  randomToken,
  sealFor,
  sha256Hex,
} from './crypto.js';
import {
  HallDatabase,
  type DeviceRow,
  type EventRow,
  type HallRow,
  type MutationRow,
  type RatingKey,
  type SessionRow,
} from './database.js';
import { hallError, message, type LocalMessageArgs, type MessageKey } from './messages.js';
import { loadDemoSeed, type LocalHallSeed } from './seed.js';

/** Version the local hall reports in {@link HallHealth}. */
export const LOCAL_HALL_VERSION = 'yichuang-local-hall/0.1.0';

const SHA256_REGEX = /^[0-9a-f]{64}$/;
/** Failed logins of one user name tolerated within {@link LOGIN_WINDOW_MS}, as on the hall server. */
const LOGIN_LIMIT = 5;
/** The window over which failed logins are counted: 15 minutes. */
const LOGIN_WINDOW_MS = 15 * 60_000;
const TICKET_SEQ_MAX = 9999;
/** Events read from the database per step of a replay. */
const REPLAY_PAGE = 200;

/** How to open a local hall. */
export interface LocalHallClientOptions {
  /** The hall's code, e.g. `TJHP01`: names the database and the tab channel unless they are given. */
  hall: string;
  /** IndexedDB database name; default `yichuang-hall-<hall>`. */
  databaseName?: string;
  /** BroadcastChannel name linking the tabs of this hall; default the database name. */
  channelName?: string;
  /** PBKDF2 iterations for passwords and device tokens when seeding; default 310,000. */
  iterations?: number;
  /** How long a session lasts; default 12 hours. */
  sessionTtlMs?: number;
  /** Largest attachment accepted; default 20 MiB. */
  maxAttachmentBytes?: number;
  /** Language of the error messages; default zh-CN. */
  locale?: HallLocale;
  /** The clock (epoch milliseconds); default `Date.now`. */
  now?: () => number;
}

/** A session this client holds: the token's hash, the role and the hall's keys it unwrapped (a person's only). */
interface Held {
  session: Session;
  tokenHash: string;
  /** Absent for a device: kiosks, displays and rating pads hold none of the hall's keys. */
  vault: HallVault | undefined;
}

/** What an authorised call works with. */
interface Authorised {
  db: HallDatabase;
  hall: HallRow;
  row: SessionRow;
  vault: HallVault | undefined;
}

/** Where a mutation's application ended. */
type Applied = { result: MutationResult; event?: HallEvent };

/**
 * The whole hall inside one browser: a village station's single PC, Storybook and demos. Everything the reference
 * hall server does, with the same validation, roles, error codes and answers, over the browser's IndexedDB (Dexie),
 * with the tabs of one browser linked by a BroadcastChannel.
 *
 * - Passwords are kept as PBKDF2 verifiers, each with its own salt; each password wraps the hall's keys, which a
 *   clerk's or manager's login unwraps.
 * - Device tokens (kiosk, display, rating pad) are kept as PBKDF2 verifiers with the hall's device salt: a login
 *   costs one derivation, which finds the device, and a guess costs the same, offline too. A device holds none of
 *   the hall's keys: what a kiosk or display reads (tickets, queue, catalog, events) holds no personal data and is
 *   stored in the clear, and ratings are sealed for the hall's rating key (ECDH), whose public half lets a rating
 *   pad save a rating it cannot read back; clerks and managers open its private half with the data key.
 * - Cases, attachments and e-licences (personal data) are stored encrypted with the data key (AES-GCM), ratings for
 *   the rating key; what the hall counts and looks up (status, window, day, grade, blind indexes) is in the clear.
 * - A mutation is applied in one transaction with its mutation row and its event: applied at most once. Its id
 *   coming back with other content is refused (`conflict`), as is a clerk's case or rating of another window.
 * - After 5 failed logins for one user name within 15 minutes, that user's logins answer 429 `rate-limited`
 *   (before any password hashing) until the oldest of them is 15 minutes old; a successful login clears the count.
 *   The count is kept in the hall's database, so every tab of the hall shares it.
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
  private readonly _db: HallDatabase;
  private readonly _iterations: number;
  private readonly _sessionTtlMs: number;
  private readonly _maxAttachmentBytes: number;
  private readonly _locale: HallLocale;
  private readonly _now: () => number;
  private _hall: HallRow | undefined;
  private _held: Held | undefined;
  private _channel: BroadcastChannel | undefined;
  /** Ends each open event stream of this client, with an error or without. */
  private readonly _streams = new Set<(error?: HallError) => void>();
  private _closed = false;

  constructor(options: LocalHallClientOptions) {
    this.hallCode = options.hall;
    this.databaseName = options.databaseName ?? `yichuang-hall-${options.hall}`;
    this.channelName = options.channelName ?? this.databaseName;
    this._iterations = options.iterations ?? 310_000;
    this._sessionTtlMs = options.sessionTtlMs ?? 12 * 3600_000;
    this._maxAttachmentBytes = options.maxAttachmentBytes ?? 20 * 1024 * 1024;
    this._locale = options.locale ?? 'zh-CN';
    this._now = options.now ?? Date.now;
    this._db = new HallDatabase(this.databaseName);
  }

  /**
   * Opens a local hall and seeds it with the demo hall and catalog if it is empty.
   *
   * @param options as for the constructor; `hall` defaults to the demo hall's code.
   */
  static async demo(options: Partial<LocalHallClientOptions> = {}): Promise<LocalHallClient> {
    const seed = await loadDemoSeed();
    const client = new LocalHallClient({ ...options, hall: options.hall ?? seed.code });
    await client.seed(seed);
    return client;
  }

  /** Deletes a local hall's database (every case, ticket and file in it). */
  static async deleteHall(databaseName: string): Promise<void> {
    await HallDatabase.delete(databaseName);
  }

  /** Seeds this hall with the demo hall and catalog if it is empty; see {@link seed}. */
  async seedDemo(): Promise<boolean> {
    return this.seed(await loadDemoSeed());
  }

  /**
   * Seeds an empty hall: its windows, categories, accounts, devices, e-licences and catalog. Does nothing (and
   * resolves `false`) if the hall was seeded before, by this tab or another.
   *
   * @throws HallError `invalid` if the seed's hall code is not this hall's.
   */
  async seed(seed: LocalHallSeed): Promise<boolean> {
    if (seed.code !== this.hallCode) {
      throw this._invalidIssues([`code: this hall is ${this.hallCode}, not ${seed.code}`]);
    }
    const db = this._db;
    if (await this._guard(() => db.meta.get('hall'))) return false;
    // All the hashing and wrapping first: none of it may run inside the transaction.
    const vault = await HallVault.generate();
    const iterations = this._iterations;
    const users = await Promise.all(
      seed.accounts.map(async (account) => {
        const salt = randomBytes(16);
        const credential = await deriveCredential(account.password, salt, iterations);
        return {
          user: account.user,
          role: account.role,
          name: account.name,
          ...(account.window === undefined ? {} : { window: account.window }),
          salt,
          iterations,
          verifier: credential.verifier,
          keys: await vault.wrapFor(credential.kek),
        };
      }),
    );
    const deviceLogin = { salt: randomBytes(16), iterations };
    const devices = await Promise.all(
      seed.devices.map(async (device): Promise<DeviceRow> => ({
        id: device.id,
        role: device.role,
        name: device.name,
        ...(device.window === undefined ? {} : { window: device.window }),
        verifier: await deriveVerifier(device.token, deviceLogin.salt, deviceLogin.iterations),
      })),
    );
    const ratingKey = await this._newRatingKey(vault);
    const licences = await Promise.all(
      seed.licences.map(async (licence) => {
        const holderIndex = await vault.index(licence.holderId);
        const full: Licence = { ...licence, sha256: await sha256Hex(licenceDocument(licence)) };
        return { holderIndex, sealed: await vault.seal(full, `licence:${holderIndex}`) };
      }),
    );
    const at = new Date(this._now()).toISOString();
    const hall: HallRow = {
      key: 'hall',
      code: seed.code,
      name: seed.name,
      windows: seed.windows.map((w) => ({ code: w.code, name: w.name, categories: [...w.categories] })),
      categories: seed.categories.map((c) => ({ code: c.code, letter: c.letter, name: { ...c.name } })),
      catalogVersion: seed.catalog.version,
      seededAt: at,
      deviceLogin,
      ratingKey,
    };
    return this._guard(() =>
      db.transaction('rw', [db.meta, db.users, db.enrolledDevices, db.licences, db.catalogs], async () => {
        if (await db.meta.get('hall')) return false;
        await db.users.bulkPut(users);
        await db.enrolledDevices.bulkPut(devices);
        await db.licences.bulkAdd(licences);
        await db.catalogs.put({
          version: seed.catalog.version,
          catalog: seed.catalog,
          holidays: [...(seed.holidays ?? HOLIDAY_SCHEDULES)],
          publishedAt: at,
        });
        await db.meta.put(hall);
        return true;
      }),
    );
  }

  /** Closes the database and the tab channel, and ends the event streams of this client. */
  close(): void {
    this._closed = true;
    for (const end of [...this._streams]) end();
    this._channel?.close();
    this._channel = undefined;
    this._db.close();
  }

  get session(): Session | undefined {
    return this._held ? { ...this._held.session } : undefined;
  }

  async health(signal?: AbortSignal): Promise<HallHealth> {
    this._checkSignal(signal);
    const hall = await this._hallRow();
    return {
      status: 'ok',
      version: LOCAL_HALL_VERSION,
      hall: hall.code,
      catalogVersion: hall.catalogVersion,
      time: new Date(this._now()).toISOString(),
    };
  }

  async login(login: Login): Promise<Session> {
    const hall = await this._hallRow();
    const parsed = v.safeParse(LoginSchema, login);
    if (!parsed.success) throw this._invalid(parsed.issues);
    const db = this._db;
    const request = parsed.output;
    let who: Omit<SessionRow, 'tokenHash' | 'expiresAt'>;
    let vault: HallVault | undefined;
    if ('deviceToken' in request) {
      const device = await this._findDevice(hall, request.deviceToken);
      if (!device) throw this._error('unauthenticated', 'badDevice');
      vault = undefined;
      who = {
        role: device.role,
        subject: device.id,
        name: device.name,
        ...(device.window === undefined ? {} : { window: device.window }),
      };
    } else {
      await this._countLoginAttempt(request.user);
      const user = await this._guard(() => db.users.get(request.user));
      // An unknown user costs the same PBKDF2 as a known one: the answer's timing does not tell who exists.
      const credential = await deriveCredential(request.password, user?.salt ?? randomBytes(16), user?.iterations ?? 1);
      if (!user || !constantTimeEqual(credential.verifier, user.verifier)) {
        throw this._error('unauthenticated', 'badPassword');
      }
      await this._guard(() => db.loginFailures.delete(request.user));
      if (request.window !== undefined && !hall.windows.some((w) => w.code === request.window)) {
        throw this._unknownWindow(request.window);
      }
      vault = await HallVault.unwrap(user.keys, credential.kek);
      if (!hall.ratingKey) await this._ensureRatingKey(vault);
      const window = request.window ?? user.window;
      who = { role: user.role, subject: user.user, name: user.name, ...(window === undefined ? {} : { window }) };
    }
    const token = randomToken();
    const tokenHash = await sha256Hex(token);
    const now = this._now();
    const expiresAt = new Date(now + this._sessionTtlMs).toISOString();
    const previous = this._held?.tokenHash;
    await this._guard(() =>
      db.transaction('rw', db.sessions, async () => {
        if (previous) await db.sessions.delete(previous);
        await db.sessions.where('expiresAt').below(new Date(now).toISOString()).delete();
        await db.sessions.put({ tokenHash, expiresAt, ...who });
      }),
    );
    const session: Session = { token, hall: hall.code, expiresAt, ...who };
    this._held = { session, tokenHash, vault };
    return { ...session };
  }

  async logout(): Promise<void> {
    const held = this._held;
    this._held = undefined;
    // The session's event streams end with it, as on the hall server (its stream closes, the reconnect gets 401).
    for (const end of [...this._streams]) end(this._error('unauthenticated', 'sessionEnded'));
    if (held) await this._guard(() => this._db.sessions.delete(held.tokenHash));
  }

  async catalog(knownVersion?: string): Promise<CatalogSnapshot | undefined> {
    const { db, hall } = await this._authorise('catalog');
    if (knownVersion === hall.catalogVersion) return undefined;
    const row = await this._guard(() => db.catalogs.get(hall.catalogVersion));
    if (!row) throw this._error('internal', 'internal');
    return { version: row.version, catalog: row.catalog, holidays: row.holidays };
  }

  async issueTicket(request: IssueTicket): Promise<Ticket> {
    const { db, hall } = await this._authorise('issueTicket');
    const parsed = v.safeParse(IssueTicketSchema, request);
    if (!parsed.success) throw this._invalid(parsed.issues);
    const { category: code, kind, appointmentRef } = parsed.output;
    const category = hall.categories.find((c) => c.code === code);
    if (!category) throw this._unknownCategory([code]);
    if (kind === 'appointment' && appointmentRef === undefined) {
      throw this._invalidIssues(['appointmentRef: an appointment ticket names its appointment']);
    }
    const now = this._now();
    const day = toChinaDate(new Date(now));
    const issuedAt = new Date(now).toISOString();
    const { ticket, event } = await this._guard(() =>
      db.transaction('rw', [db.tickets, db.events], async () => {
        const seq = (await db.tickets.where('[day+category]').equals([day, code]).count()) + 1;
        if (seq > TICKET_SEQ_MAX) throw this._error('conflict', 'queueFull', { category: code });
        const issued: Ticket = {
          id: ulid(now),
          number: `${category.letter}${String(seq).padStart(3, '0')}`,
          category: code,
          kind,
          issuedAt,
          status: 'waiting',
          ...(appointmentRef === undefined ? {} : { appointmentRef }),
        };
        await db.tickets.add({ id: issued.id, day, category: code, status: 'waiting', ticket: issued });
        return {
          ticket: issued,
          event: await this._record(db, { type: 'ticket.issued', at: issuedAt, data: { ticket: issued } }),
        };
      }),
    );
    this._broadcast(event);
    return ticket;
  }

  async callNext(request: CallNext): Promise<Ticket | undefined> {
    const { db, hall, row } = await this._authorise('callNext');
    const parsed = v.safeParse(CallNextSchema, request);
    if (!parsed.success) throw this._invalid(parsed.issues);
    const window = hall.windows.find((w) => w.code === parsed.output.window);
    if (!window) throw this._unknownWindow(parsed.output.window);
    // A clerk calls to the window they sit at.
    if (row.window !== undefined && row.window !== window.code) {
      throw this._error('forbidden', 'forbiddenWindow', { window: row.window });
    }
    const categories = parsed.output.categories ?? window.categories;
    const unknown = categories.filter((code) => !hall.categories.some((c) => c.code === code));
    if (unknown.length > 0) throw this._unknownCategory(unknown, 'categories');
    const now = this._now();
    const day = toChinaDate(new Date(now));
    const calledAt = new Date(now).toISOString();
    const rank = (row: { ticket: Ticket }) => categories.indexOf(row.ticket.category);
    const called = await this._guard(() =>
      db.transaction(
        'rw',
        [db.tickets, db.events],
        async (): Promise<{ ticket: Ticket; event: HallEvent } | undefined> => {
          const waiting = await db.tickets.where('[day+status]').equals([day, 'waiting']).toArray();
          const next = waiting
            .filter((row) => rank(row) >= 0)
            .sort(
              (a, b) =>
                Number(b.ticket.kind === 'priority') - Number(a.ticket.kind === 'priority') ||
                rank(a) - rank(b) ||
                a.ticket.issuedAt.localeCompare(b.ticket.issuedAt) ||
                a.id.localeCompare(b.id),
            )[0];
          if (!next) return undefined;
          // The ticket this window called before is done now.
          const before = await db.tickets
            .where('[day+status]')
            .equals([day, 'called'])
            .filter((row) => row.window === window.code)
            .toArray();
          for (const row of before) {
            await db.tickets.put({ ...row, status: 'done', ticket: { ...row.ticket, status: 'done' } });
          }
          const ticket: Ticket = { ...next.ticket, status: 'called', window: window.code, calledAt };
          await db.tickets.put({ ...next, status: 'called', window: window.code, ticket });
          return { ticket, event: await this._record(db, { type: 'ticket.called', at: calledAt, data: { ticket } }) };
        },
      ),
    );
    if (!called) return undefined;
    this._broadcast(called.event);
    return called.ticket;
  }

  async queue(): Promise<{ categories: QueueCategory[]; tickets: Ticket[] }> {
    const { db, hall } = await this._authorise('queue');
    const day = toChinaDate(new Date(this._now()));
    const rows = await this._guard(() =>
      db.tickets
        .where('[day+status]')
        .anyOf([
          [day, 'waiting'],
          [day, 'called'],
        ])
        .toArray(),
    );
    const tickets = rows.map((row) => row.ticket).sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
    return { categories: hall.categories.map((c) => ({ ...c, name: { ...c.name } })), tickets };
  }

  async sync(mutations: readonly Mutation[], signal?: AbortSignal): Promise<MutationResult[]> {
    const auth = await this._authorise('sync');
    const request = v.safeParse(SyncRequestSchema, { mutations });
    if (!request.success) throw this._invalid(request.issues);
    const results: MutationResult[] = [];
    for (const raw of request.output.mutations) {
      this._checkSignal(signal);
      const { result, event } = await this._apply(raw, auth);
      results.push(result);
      if (event) this._broadcast(event);
    }
    return results;
  }

  async getCase(id: string): Promise<Case | undefined> {
    const { db, vault } = await this._authoriseWithKeys('getCase');
    if (!isUlid(id)) throw this._invalidIssues(['id: a ULID (26 characters of 0-9 and A-Z without I, L, O, U)']);
    const row = await this._guard(() => db.cases.get(id));
    return row ? this._guard(() => vault.open<Case>(row.sealed, `case:${id}`)) : undefined;
  }

  async putAttachment(sha256: string, file: Blob, signal?: AbortSignal): Promise<void> {
    const { db, vault } = await this._authoriseWithKeys('putAttachment');
    const name = this._checkHash(sha256);
    if (!(file instanceof Blob)) throw this._invalidIssues(['body: a file (Blob) is required']);
    if (file.size > this._maxAttachmentBytes) {
      throw this._error('too-large', 'tooLarge', { limit: formatBytes(this._maxAttachmentBytes) });
    }
    const bytes = await file.arrayBuffer();
    this._checkSignal(signal);
    const actual = await sha256Hex(bytes);
    if (actual !== name) throw this._error('hash-mismatch', 'hashMismatch', { actual });
    const sealed = await vault.sealBytes(bytes, `attachment:${name}`);
    this._checkSignal(signal);
    await this._guard(() =>
      db.transaction('rw', db.attachments, async () => {
        if ((await db.attachments.where('sha256').equals(name).count()) > 0) return;
        await db.attachments.add({
          sha256: name,
          size: bytes.byteLength,
          iv: sealed.iv,
          data: new Blob([sealed.data]),
        });
      }),
    );
  }

  async hasAttachment(sha256: string): Promise<boolean> {
    const { db } = await this._authorise('headAttachment');
    const name = this._checkHash(sha256);
    return (await this._guard(() => db.attachments.where('sha256').equals(name).count())) > 0;
  }

  async getAttachment(sha256: string): Promise<Blob | undefined> {
    const { db, vault } = await this._authoriseWithKeys('getAttachment');
    const name = this._checkHash(sha256);
    const row = await this._guard(() => db.attachments.get(name));
    if (!row) return undefined;
    const plain = await vault.openBytes({ iv: row.iv, data: await row.data.arrayBuffer() }, `attachment:${name}`);
    return new Blob([plain], { type: 'application/octet-stream' });
  }

  async lookupLicences(holderId: string): Promise<Licence[]> {
    const { db, vault } = await this._authoriseWithKeys('licences');
    const parsed = v.safeParse(LicenceLookupSchema, { holderId });
    if (!parsed.success) throw this._invalid(parsed.issues);
    const holderIndex = await vault.index(parsed.output.holderId);
    const rows = await this._guard(() => db.licences.where('holderIndex').equals(holderIndex).sortBy('key'));
    return Promise.all(rows.map((row) => vault.open<Licence>(row.sealed, `licence:${holderIndex}`)));
  }

  async statistics(): Promise<HallStatistics> {
    const { db } = await this._authorise('stats');
    const day = toChinaDate(new Date(this._now()));
    const [cases, tickets, ratings] = await this._guard(() =>
      db.transaction('r', [db.cases, db.tickets, db.ratings], () =>
        Promise.all([
          db.cases.where('day').equals(day).toArray(),
          db.tickets.where('[day+status]').between([day, ''], [day, '\uffff']).toArray(),
          db.ratings.where('day').equals(day).toArray(),
        ]),
      ),
    );
    const tally = (values: readonly (string | number)[]) => {
      const out: Record<string, number> = {};
      for (const value of values) out[value] = (out[value] ?? 0) + 1;
      return out;
    };
    return {
      day,
      cases: { total: cases.length, byStatus: tally(cases.map((c) => c.status)) },
      tickets: {
        issued: tickets.length,
        waiting: tickets.filter((t) => t.status === 'waiting').length,
        called: tickets.filter((t) => t.ticket.calledAt !== undefined).length,
      },
      ratings: { total: ratings.length, byGrade: tally(ratings.map((r) => r.grade)) },
    };
  }

  /**
   * The hall's events for this session's role. Replays from the database after `afterId` (or starts with the
   * next event when it is absent), then follows what any tab of this hall writes; whatever arrives on the channel
   * out of order is read back from the database, so no event is skipped or delivered twice.
   */
  events(afterId?: number): Observable<HallEvent> {
    return new Observable<HallEvent>((subscriber) => {
      let stopped = false;
      let cursor: number | undefined;
      // Nothing from the channel counts until the session is authorised and the cursor placed.
      let ready = false;
      let audience: ReadonlySet<string> = new Set();
      let pulling = false;
      let again = false;
      let expiresAt = Infinity;
      let retry: ReturnType<typeof setTimeout> | undefined;
      const channel = new BroadcastChannel(this.channelName);
      const deliver = (event: EventRow & { id: number }) => {
        // A session that has ended sees nothing more, as the hall server ends its stream.
        if (this._now() >= expiresAt) {
          end(this._error('unauthenticated', 'sessionEnded'));
          return;
        }
        cursor = event.id;
        if (audience.has(event.type)) subscriber.next({ ...event } as HallEvent);
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
              const from = cursor ?? 0;
              const rows = await this._db.events.where('id').above(from).limit(REPLAY_PAGE).toArray();
              for (const row of rows) {
                if (stopped) return;
                deliver(row as EventRow & { id: number });
              }
              if (rows.length < REPLAY_PAGE) break;
            }
          } while (again && !stopped);
        } catch {
          // The database is busy or was closed under us: read again shortly (the stream only fails on 401/403).
          if (!stopped) retry = setTimeout(() => void pull(), 500);
        } finally {
          pulling = false;
        }
      };
      channel.onmessage = (msg: MessageEvent<unknown>) => {
        if (stopped || !ready || cursor === undefined) return;
        const event = msg.data as (EventRow & { id: number }) | null;
        // The next one in sequence can be delivered as posted; anything else is read back in order.
        if (!pulling && event && typeof event.id === 'number' && event.id === cursor + 1) deliver(event);
        else void pull();
      };
      const end = (error?: HallError) => {
        if (stopped) return;
        stopped = true;
        clearTimeout(retry);
        channel.close();
        this._streams.delete(end);
        if (error) subscriber.error(error);
      };
      this._streams.add(end);
      const start = async (): Promise<void> => {
        let row: SessionRow;
        try {
          ({ row } = await this._authorise('events'));
        } catch (error) {
          end(error instanceof HallError ? error : this._error('internal', 'internal'));
          return;
        }
        audience = new Set(EVENT_AUDIENCE[row.role]);
        expiresAt = Date.parse(row.expiresAt);
        try {
          const last = ((await this._db.events.orderBy(':id').lastKey()) as number | undefined) ?? 0;
          // A client ahead of this hall's log (the hall was reset or restored) resumes from its end, as on the server.
          cursor = afterId === undefined ? last : Math.min(afterId, last);
        } catch {
          if (!stopped) retry = setTimeout(() => void start(), 500);
          return;
        }
        ready = true;
        await pull();
      };
      void start();
      return () => end();
    });
  }

  // ---- internals ----

  /** Applies one mutation of a batch: validated, sealed, then stored with its mutation row and event. */
  private async _apply(raw: unknown, { db, hall, row, vault }: Authorised): Promise<Applied> {
    const object =
      typeof raw === 'object' && raw !== null
        ? (raw as { id?: unknown; kind?: unknown; payload?: unknown })
        : undefined;
    const id = typeof object?.id === 'string' ? object.id.slice(0, 64) : '';
    // What the id stands for: a retry carries the same content, an id reused for other content does not.
    let contentHash = '';
    if (object && isUlid(id)) {
      let text: string;
      try {
        text = mutationContent({ kind: object.kind, payload: object.payload });
      } catch {
        const issues = ['payload: plain JSON data is required'];
        return {
          result: { ...this._rejected(id, 'invalid', 'rejectedInvalid', { issues: issues[0]! }), issues },
        };
      }
      contentHash = await sha256Hex(text);
      // A retry is recognised by its id first, even if the schemas changed since it was applied.
      const done = await this._guard(() => db.mutations.get(id));
      if (done) return { result: this._known(done, contentHash) };
    }
    const parsed = v.safeParse(MutationSchema, raw);
    if (!parsed.success) {
      const issues = issuesOf(parsed.issues);
      return {
        result: {
          ...this._rejected(id, 'invalid', 'rejectedInvalid', { issues: issues.slice(0, 3).join('; ') }),
          issues,
        },
      };
    }
    const mutation = parsed.output;
    // A clerk and a rating pad work for their own window only; a manager for any.
    const ownWindow = row.role === 'clerk' || row.role === 'rating-pad' ? (row.window ?? '') : undefined;
    if (ownWindow === '') {
      return { result: this._rejected(id, 'forbidden', 'rejectedNoWindow') };
    }
    if (ownWindow !== undefined && mutation.kind === 'rating.save' && mutation.payload.window !== ownWindow) {
      return { result: this._rejected(id, 'forbidden', 'rejectedOtherWindow', { window: ownWindow }) };
    }
    const at = new Date(this._now()).toISOString();
    if (mutation.kind === 'case.save') {
      // Only a person's session holds the data key that seals cases (of those that sync, a rating pad has none).
      if (!vault) {
        return {
          result: this._rejected(id, 'forbidden', 'rejectedKind', { role: ROLES[row.role], kind: mutation.kind }),
        };
      }
      const value = mutation.payload;
      if (value.hall !== hall.code) {
        return { result: this._rejected(id, 'forbidden', 'rejectedOtherHall', { hall: hall.code }) };
      }
      const sealed = await vault.seal(value, `case:${value.id}`);
      const hashes = [...new Set(value.materials.flatMap((m) => m.attachments ?? []))];
      return this._guard(() =>
        db.transaction('rw', [db.mutations, db.cases, db.events, db.attachments], async (): Promise<Applied> => {
          const done = await db.mutations.get(mutation.id);
          if (done) return { result: this._known(done, contentHash) };
          const existing = await db.cases.get(value.id);
          // Decided in the transaction: a new case must be of the window, a stored one must already be.
          if (ownWindow !== undefined && (existing?.window ?? value.window) !== ownWindow) {
            return {
              result: this._rejected(mutation.id, 'forbidden', 'rejectedOtherWindowCase', { window: ownWindow }),
            };
          }
          const held = new Set(await db.attachments.where('sha256').anyOf(hashes).primaryKeys());
          const missing = hashes.filter((hash) => !held.has(hash));
          if (missing.length > 0) {
            return {
              result: {
                ...this._rejected(mutation.id, 'missing-attachments', 'rejectedMissing', { count: missing.length }),
                missing,
              },
            };
          }
          const sameNumber = await db.cases.where('number').equals(value.number).first();
          if (sameNumber && sameNumber.id !== value.id) {
            return {
              result: this._rejected(mutation.id, 'conflict', 'rejectedNumberTaken', { number: value.number }),
            };
          }
          if (existing && Date.parse(value.updatedAt) < Date.parse(existing.updatedAt)) {
            return {
              result: this._rejected(mutation.id, 'conflict', 'rejectedStale', { storedUpdatedAt: existing.updatedAt }),
            };
          }
          await db.cases.put({
            id: value.id,
            number: value.number,
            window: value.window,
            status: value.status,
            day: toChinaDate(new Date(value.createdAt)),
            updatedAt: value.updatedAt,
            sealed,
          });
          const event = await this._record(db, {
            type: 'case.saved',
            at,
            data: { caseId: value.id, number: value.number, window: value.window, status: value.status },
          });
          await db.mutations.add({
            id: mutation.id,
            kind: mutation.kind,
            appliedAt: at,
            eventId: event.id,
            contentHash,
          });
          return { result: { id: mutation.id, status: 'applied', appliedAt: at, eventId: event.id }, event };
        }),
      );
    }
    const rating: Rating = mutation.payload;
    const sealed = await sealFor((await this._ratingKey()).publicKey, rating, `rating:${rating.id}`);
    return this._guard(() =>
      db.transaction('rw', [db.mutations, db.ratings, db.events], async (): Promise<Applied> => {
        const done = await db.mutations.get(mutation.id);
        if (done) return { result: this._known(done, contentHash) };
        if (await db.ratings.get(rating.id)) {
          return { result: this._rejected(mutation.id, 'conflict', 'rejectedRatingExists') };
        }
        await db.ratings.add({
          id: rating.id,
          day: toChinaDate(new Date(rating.at)),
          window: rating.window,
          grade: rating.grade,
          sealed,
        });
        const event = await this._record(db, {
          type: 'rating.saved',
          at,
          data: { ratingId: rating.id, window: rating.window, grade: rating.grade },
        });
        await db.mutations.add({ id: mutation.id, kind: mutation.kind, appliedAt: at, eventId: event.id, contentHash });
        return { result: { id: mutation.id, status: 'applied', appliedAt: at, eventId: event.id }, event };
      }),
    );
  }

  /**
   * The device a token belongs to: one PBKDF2 with the hall's device salt, then a look-up by the verifier. A row
   * carried over from version 2 (its own salt) is tried one by one after that, and converted once its token is seen.
   */
  private async _findDevice(hall: HallRow, token: string): Promise<DeviceRow | undefined> {
    const db = this._db;
    const verifier = await deriveVerifier(token, hall.deviceLogin.salt, hall.deviceLogin.iterations);
    const device = await this._guard(() => db.enrolledDevices.where('verifier').equals(verifier).first());
    if (device) return device;
    const carried = await this._guard(() => db.enrolledDevices.filter((row) => row.salt !== undefined).toArray());
    for (const row of carried) {
      if (!constantTimeEqual(await deriveVerifier(token, row.salt!, row.iterations!), row.verifier)) continue;
      const converted: DeviceRow = {
        id: row.id,
        role: row.role,
        name: row.name,
        ...(row.window === undefined ? {} : { window: row.window }),
        verifier,
      };
      await this._guard(() => db.enrolledDevices.put(converted));
      return converted;
    }
    return undefined;
  }

  /** A new rating key: its private half sealed with the data key of `vault`. */
  private async _newRatingKey(vault: HallVault): Promise<RatingKey> {
    const { publicKey, privateKey } = await generateSealingKeys();
    return { publicKey, privateKey: await vault.sealBytes(privateKey, 'rating-key') };
  }

  /**
   * Gives a hall seeded before version 3 its rating key, at the first login of a clerk or manager (who holds the data
   * key that seals its private half). Another tab may have done it first: its key is kept.
   */
  private async _ensureRatingKey(vault: HallVault): Promise<void> {
    const ratingKey = await this._newRatingKey(vault);
    const db = this._db;
    this._hall = await this._guard(() =>
      db.transaction('rw', db.meta, async () => {
        const hall = (await db.meta.get('hall'))!;
        if (hall.ratingKey) return hall;
        const updated = { ...hall, ratingKey };
        await db.meta.put(updated);
        return updated;
      }),
    );
  }

  /**
   * The public key that seals ratings. A hall seeded before version 3 has none until a clerk or manager has logged
   * in: until then a rating waits (503 `unavailable`, retried by the sender) rather than being refused.
   */
  private async _ratingKey(): Promise<RatingKey> {
    const known = (await this._hallRow()).ratingKey;
    if (known) return known;
    const hall = await this._guard(() => this._db.meta.get('hall'));
    if (!hall?.ratingKey) throw this._error('unavailable', 'noRatingKey');
    this._hall = hall;
    return hall.ratingKey;
  }

  /** The answer to an id applied before: `duplicate` with the same content, `conflict` with other content. */
  private _known(done: MutationRow, contentHash: string): MutationResult {
    if (done.contentHash !== undefined && done.contentHash !== contentHash) {
      return this._rejected(done.id, 'conflict', 'rejectedIdReused');
    }
    return duplicate(done);
  }

  /**
   * Counts a login attempt of `user` as failed (the login clears the count once the password is right), or refuses
   * it with 429 `rate-limited` while the user's recent failures are at the limit. Counted before the password is
   * hashed, in one transaction, so that guesses sent at once (from several tabs) are all counted.
   */
  private async _countLoginAttempt(user: string): Promise<void> {
    const db = this._db;
    const now = this._now();
    const wait = await this._guard(() =>
      db.transaction('rw', db.loginFailures, async () => {
        await db.loginFailures
          .where('last')
          .below(now - LOGIN_WINDOW_MS)
          .delete();
        const row = await db.loginFailures.get(user);
        const times = (row?.times ?? []).filter((time) => now - time < LOGIN_WINDOW_MS);
        const oldest = times[times.length - LOGIN_LIMIT];
        if (oldest !== undefined) return Math.max(1, oldest + LOGIN_WINDOW_MS - now);
        times.push(now);
        await db.loginFailures.put({ user, times, last: now });
        return 0;
      }),
    );
    if (wait > 0) {
      throw this._error('rate-limited', 'rateLimited', { minutes: Math.ceil(wait / 60_000) });
    }
  }

  /** Stores an event inside the caller's transaction; the caller posts it once the transaction has committed. */
  private async _record(db: HallDatabase, event: Omit<HallEvent, 'id'>): Promise<HallEvent> {
    const id = await db.events.add(event as EventRow);
    return { ...event, id } as HallEvent;
  }

  /** Posts a committed event to the other tabs and to this tab's streams (each has a channel of its own). */
  private _broadcast(event: HallEvent): void {
    if (this._closed) return;
    this._channel ??= new BroadcastChannel(this.channelName);
    this._channel.postMessage(event);
  }

  /** The hall's description, read once. */
  private async _hallRow(): Promise<HallRow> {
    if (this._hall) return this._hall;
    const hall = await this._guard(() => this._db.meta.get('hall'));
    if (!hall) throw this._error('unavailable', 'notSeeded');
    this._hall = hall;
    return hall;
  }

  /** Checks the session and the role a route needs: 401 without a live session, 403 for a wrong role. */
  private async _authorise(route: RouteName): Promise<Authorised> {
    const hall = await this._hallRow();
    const held = this._held;
    if (!held) throw this._error('unauthenticated', 'unauthenticated');
    const row = await this._guard(() => this._db.sessions.get(held.tokenHash));
    if (!row || Date.parse(row.expiresAt) <= this._now()) {
      throw this._error('unauthenticated', 'sessionEnded');
    }
    const roles: 'public' | readonly Role[] = ROUTES[route].roles;
    if (roles !== 'public' && !roles.includes(row.role)) {
      throw this._error('forbidden', 'forbidden', { role: ROLES[row.role] });
    }
    return { db: this._db, hall, row, vault: held.vault };
  }

  /**
   * {@link _authorise} for a route that reads or writes personal data: only a clerk's or manager's session holds the
   * keys (the routes' roles already say so; a device session without keys is refused here too).
   */
  private async _authoriseWithKeys(route: RouteName): Promise<Authorised & { vault: HallVault }> {
    const auth = await this._authorise(route);
    if (!auth.vault) throw this._error('forbidden', 'forbidden', { role: ROLES[auth.row.role] });
    return { ...auth, vault: auth.vault };
  }

  /** Runs a database step; a failure that is not a {@link HallError} becomes `internal` (transient). */
  private async _guard<T>(step: () => PromiseLike<T> | T): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof HallError) throw error;
      throw this._error('internal', 'internal');
    }
  }

  private _checkSignal(signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw this._error('aborted', 'aborted');
  }

  private _checkHash(sha256: string): string {
    const name = typeof sha256 === 'string' ? sha256.toLowerCase() : '';
    if (!SHA256_REGEX.test(name)) {
      throw hallError('invalid', this._say('badHash'), ['sha256: 64 hexadecimal characters (the SHA-256 of the file)']);
    }
    return name;
  }

  private _invalid(issues: readonly v.BaseIssue<unknown>[]): HallError {
    return this._invalidIssues(issuesOf(issues));
  }

  private _invalidIssues(issues: readonly string[]): HallError {
    return hallError('invalid', this._say('invalid'), issues);
  }

  /** 400 `invalid` for a window the hall does not have, worded as the hall server words it. */
  private _unknownWindow(window: string): HallError {
    return hallError('invalid', this._say('unknownWindow', { window }), [`window: the hall has no window ${window}`]);
  }

  /** 400 `invalid` for ticket categories the hall does not issue, worded as the hall server words it. */
  private _unknownCategory(unknown: readonly string[], field: 'category' | 'categories' = 'category'): HallError {
    return hallError(
      'invalid',
      this._say('unknownCategory', { category: unknown.join(', ') }),
      unknown.map((code) => `${field}: the hall issues no tickets of category ${code}`),
    );
  }

  /** A message of this hall in its locale. */
  private _say<K extends MessageKey>(key: K, ...params: LocalMessageArgs<K>): string {
    return message(key, this._locale, ...params);
  }

  /** A {@link HallError} with `code` and the message of `key` in this hall's locale. */
  private _error<K extends MessageKey>(code: ErrorCode | 'aborted', key: K, ...params: LocalMessageArgs<K>): HallError {
    return hallError(code, this._say(key, ...params));
  }

  /** A rejected mutation: its code, and the protocol's message of `key` saying why, in this hall's locale. */
  private _rejected<K extends HallMessageKey>(
    id: string,
    code: RejectionCode,
    key: K,
    ...params: LocalMessageArgs<K>
  ): MutationResult & { status: 'rejected' } {
    return { id, status: 'rejected', code, message: this._say(key, ...params) };
  }
}

/**
 * One line per problem, starting with the field's full path (`payload.applicant.idNumber: …`), as the hall server
 * words them: the schemas' messages start with the field's own name, which the path replaces.
 */
function issuesOf(issues: readonly v.BaseIssue<unknown>[]): string[] {
  const lines = issues.slice(0, 50).map((issue) => {
    const path = v.getDotPath(issue);
    if (!path) return issue.message;
    const last = issue.path?.at(-1)?.key;
    const label = typeof last === 'string' || typeof last === 'number' ? `${String(last)}: ` : undefined;
    return label && issue.message.startsWith(label)
      ? `${path}: ${issue.message.slice(label.length)}`
      : `${path}: ${issue.message}`;
  });
  return [...new Set(lines)];
}

function duplicate(done: { id: string; appliedAt: string; eventId: number }): MutationResult {
  return { id: done.id, status: 'duplicate', appliedAt: done.appliedAt, eventId: done.eventId };
}
