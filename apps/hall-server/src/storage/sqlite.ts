import Database from 'better-sqlite3';
import * as v from 'valibot';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { TicketSchema, toChinaDate, type Case, type Rating, type Ticket } from '@yichuang/core';
import type { HallEvent, HallStatistics, Licence, Mutation, QueueCategory } from '@yichuang/hall-client/protocol.js';
import {
  StorageError,
  type AppliedMutation,
  type ApplyOptions,
  type ApplyOutcome,
  type AttachmentRecord,
  type CallRequest,
  type CatalogRecord,
  type DeviceRecord,
  type HallInfo,
  type HallStorage,
  type SeedData,
  type SessionRecord,
  type TicketRequest,
  type UserRecord,
  type WindowRecord,
} from './storage.js';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` is the number applied. Never edit a migration that
 * has shipped: add the next one.
 */
const MIGRATIONS: readonly string[] = [
  /* 1: the hall */ `
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE windows (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, categories TEXT NOT NULL, position INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE categories (
    code TEXT PRIMARY KEY, letter TEXT NOT NULL, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
    position INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE users (
    user TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('clerk', 'manager')),
    window TEXT, password_hash TEXT NOT NULL
  ) STRICT;
  CREATE TABLE devices (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('kiosk', 'display', 'rating-pad')),
    window TEXT, token_hash TEXT NOT NULL UNIQUE
  ) STRICT;
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY, role TEXT NOT NULL, subject TEXT NOT NULL, name TEXT NOT NULL, hall TEXT NOT NULL,
    window TEXT, created_at TEXT NOT NULL, expires_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX sessions_expiry ON sessions (expires_at);
  CREATE TABLE catalog (version TEXT PRIMARY KEY, published_at TEXT NOT NULL, json TEXT NOT NULL) STRICT;
  CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, at TEXT NOT NULL, data TEXT NOT NULL
  );
  CREATE TABLE mutations (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, applied_at TEXT NOT NULL, event_id INTEGER REFERENCES events (id),
    result TEXT NOT NULL
  ) STRICT;
  CREATE TABLE attachments (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, stored_at TEXT NOT NULL) STRICT;
  CREATE TABLE cases (
    id TEXT PRIMARY KEY, number TEXT NOT NULL UNIQUE, window TEXT NOT NULL, status TEXT NOT NULL,
    created_day TEXT NOT NULL, updated_at TEXT NOT NULL, json TEXT NOT NULL
  ) STRICT;
  CREATE INDEX cases_day ON cases (created_day);
  CREATE TABLE case_attachments (
    case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL REFERENCES attachments (sha256),
    PRIMARY KEY (case_id, sha256)
  ) STRICT;
  CREATE TABLE tickets (
    id TEXT PRIMARY KEY, day TEXT NOT NULL, category TEXT NOT NULL REFERENCES categories (code),
    seq INTEGER NOT NULL, number TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL, window TEXT,
    appointment_ref TEXT, issued_at TEXT NOT NULL, called_at TEXT,
    UNIQUE (day, category, seq)
  ) STRICT;
  CREATE INDEX tickets_day_status ON tickets (day, status);
  CREATE TABLE ratings (
    id TEXT PRIMARY KEY, window TEXT NOT NULL, grade INTEGER NOT NULL, day TEXT NOT NULL, at TEXT NOT NULL,
    json TEXT NOT NULL
  ) STRICT;
  CREATE INDEX ratings_day ON ratings (day);
  CREATE TABLE licences (
    type TEXT NOT NULL, number TEXT NOT NULL, holder_id TEXT NOT NULL, json TEXT NOT NULL,
    PRIMARY KEY (type, number)
  ) STRICT;
  CREATE INDEX licences_holder ON licences (holder_id);
  `,
  /* 2: what each mutation id was applied with, so that an id reused for other content is refused */ `
  ALTER TABLE mutations ADD COLUMN content_sha256 TEXT;
  `,
];

/** The tables {@link SqliteHallStorage.counts} reports. */
const TABLES = [
  'users',
  'devices',
  'sessions',
  'windows',
  'categories',
  'catalog',
  'cases',
  'case_attachments',
  'mutations',
  'events',
  'tickets',
  'ratings',
  'licences',
  'attachments',
] as const;

/** Highest ticket sequence per category and day: the ticket number has at most four digits. */
const MAX_TICKET_SEQ = 9999;

interface TicketRow {
  id: string;
  number: string;
  category: string;
  kind: string;
  status: string;
  window: string | null;
  appointment_ref: string | null;
  issued_at: string;
  called_at: string | null;
}

/** Options of {@link SqliteHallStorage}. */
export interface SqliteHallStorageOptions {
  /**
   * `PRAGMA synchronous`: `FULL` (default) syncs the write-ahead log on every commit, so a case the hall
   * confirmed survives a power cut; `NORMAL` survives a crash of the process but not of the machine.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

/**
 * {@link HallStorage} in one SQLite file (better-sqlite3): write-ahead log, foreign keys, migrations by
 * `user_version`. better-sqlite3 is synchronous, so each method's transaction runs to its end without any other
 * request interleaving: one writer, event ids committed in order.
 */
export class SqliteHallStorage implements HallStorage {
  readonly kind = 'sqlite';
  readonly #db: Database.Database;
  #closed = false;

  /**
   * Opens (creating if needed) the database at `file` and migrates it.
   *
   * @throws Error if the file belongs to a newer version of the server (a `user_version` it does not know).
   */
  constructor(file: string, options: SqliteHallStorageOptions = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma('busy_timeout = 5000');
    this.#migrate();
  }

  #migrate(): void {
    const current = this.#db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) {
      throw new Error(
        `hall database schema version ${current} is newer than this server knows (${MIGRATIONS.length}): upgrade the server`,
      );
    }
    for (let version = current; version < MIGRATIONS.length; version++) {
      this.#db.transaction(() => {
        this.#db.exec(MIGRATIONS[version] ?? '');
        this.#db.pragma(`user_version = ${version + 1}`);
      })();
    }
  }

  /** The schema version (`PRAGMA user_version`). */
  get schemaVersion(): number {
    return this.#db.pragma('user_version', { simple: true }) as number;
  }

  /** Runs `work` unless closed; wraps the synchronous result (or error) in a promise. */
  #run<T>(work: () => T): Promise<T> {
    try {
      if (this.#closed) throw new StorageError('closed', 'the hall database is closed');
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #appendEvent(type: HallEvent['type'], data: HallEvent['data'], at: string): HallEvent {
    const info = this.#db
      .prepare('INSERT INTO events (type, at, data) VALUES (?, ?, ?)')
      .run(type, at, JSON.stringify(data));
    return { id: Number(info.lastInsertRowid), type, at, data } as HallEvent;
  }

  hall(): Promise<HallInfo | undefined> {
    return this.#run(() => {
      const rows = this.#db
        .prepare("SELECT key, value FROM settings WHERE key IN ('hall.code', 'hall.name')")
        .all() as { key: string; value: string }[];
      const get = (key: string) => rows.find((row) => row.key === key)?.value;
      const code = get('hall.code');
      return code === undefined ? undefined : { code, name: get('hall.name') ?? code };
    });
  }

  seed(data: SeedData, at: string): Promise<boolean> {
    return this.#run(() =>
      this.#db.transaction(() => {
        const db = this.#db;
        let changes = 0;
        const setting = db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)');
        changes += setting.run('hall.code', data.hall.code).changes;
        changes += setting.run('hall.name', data.hall.name).changes;
        const windowRow = db.prepare(
          'INSERT OR IGNORE INTO windows (code, name, categories, position) VALUES (?, ?, ?, ?)',
        );
        data.windows.forEach((w, i) => {
          changes += windowRow.run(w.code, w.name, JSON.stringify(w.categories), i).changes;
        });
        const categoryRow = db.prepare(
          'INSERT OR IGNORE INTO categories (code, letter, name_zh, name_en, position) VALUES (?, ?, ?, ?, ?)',
        );
        data.categories.forEach((c, i) => {
          changes += categoryRow.run(c.code, c.letter, c.name.zh, c.name.en, i).changes;
        });
        const userRow = db.prepare(
          'INSERT OR IGNORE INTO users (user, name, role, window, password_hash) VALUES (?, ?, ?, ?, ?)',
        );
        for (const u of data.users)
          changes += userRow.run(u.user, u.name, u.role, u.window ?? null, u.passwordHash).changes;
        const deviceRow = db.prepare(
          'INSERT OR IGNORE INTO devices (id, name, role, window, token_hash) VALUES (?, ?, ?, ?, ?)',
        );
        for (const d of data.devices)
          changes += deviceRow.run(d.id, d.name, d.role, d.window ?? null, d.tokenHash).changes;
        const licenceRow = db.prepare(
          'INSERT OR IGNORE INTO licences (type, number, holder_id, json) VALUES (?, ?, ?, ?)',
        );
        for (const l of data.licences)
          changes += licenceRow.run(l.type, l.number, l.holderId, JSON.stringify(l)).changes;
        if (data.catalog && !db.prepare('SELECT 1 FROM catalog WHERE version = ?').get(data.catalog.version)) {
          this.#insertCatalog(data.catalog.version, data.catalog.json, at);
          changes++;
        }
        return changes > 0;
      })(),
    );
  }

  findUser(user: string): Promise<UserRecord | undefined> {
    return this.#run(() => {
      const row = this.#db
        .prepare('SELECT user, name, role, window, password_hash FROM users WHERE user = ?')
        .get(user) as
        | { user: string; name: string; role: UserRecord['role']; window: string | null; password_hash: string }
        | undefined;
      if (!row) return undefined;
      return {
        user: row.user,
        name: row.name,
        role: row.role,
        ...(row.window === null ? {} : { window: row.window }),
        passwordHash: row.password_hash,
      };
    });
  }

  findDevice(tokenHash: string): Promise<DeviceRecord | undefined> {
    return this.#run(() => {
      const row = this.#db
        .prepare('SELECT id, name, role, window, token_hash FROM devices WHERE token_hash = ?')
        .get(tokenHash) as
        { id: string; name: string; role: DeviceRecord['role']; window: string | null; token_hash: string } | undefined;
      if (!row) return undefined;
      return {
        id: row.id,
        name: row.name,
        role: row.role,
        ...(row.window === null ? {} : { window: row.window }),
        tokenHash: row.token_hash,
      };
    });
  }

  createSession(session: SessionRecord): Promise<void> {
    return this.#run(() => {
      this.#db
        .prepare(
          `INSERT INTO sessions (token_hash, role, subject, name, hall, window, created_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          session.tokenHash,
          session.role,
          session.subject,
          session.name,
          session.hall,
          session.window ?? null,
          session.createdAt,
          session.expiresAt,
        );
    });
  }

  findSession(tokenHash: string): Promise<SessionRecord | undefined> {
    return this.#run(() => {
      const row = this.#db
        .prepare(
          'SELECT token_hash, role, subject, name, hall, window, created_at, expires_at FROM sessions WHERE token_hash = ?',
        )
        .get(tokenHash) as
        | {
            token_hash: string;
            role: SessionRecord['role'];
            subject: string;
            name: string;
            hall: string;
            window: string | null;
            created_at: string;
            expires_at: string;
          }
        | undefined;
      if (!row) return undefined;
      return {
        tokenHash: row.token_hash,
        role: row.role,
        subject: row.subject,
        name: row.name,
        hall: row.hall,
        ...(row.window === null ? {} : { window: row.window }),
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      };
    });
  }

  deleteSession(tokenHash: string): Promise<boolean> {
    return this.#run(() => this.#db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash).changes > 0);
  }

  deleteExpiredSessions(now: string): Promise<number> {
    return this.#run(() => this.#db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now).changes);
  }

  windows(): Promise<WindowRecord[]> {
    return this.#run(() =>
      (
        this.#db.prepare('SELECT code, name, categories FROM windows ORDER BY position, code').all() as {
          code: string;
          name: string;
          categories: string;
        }[]
      ).map((row) => ({ code: row.code, name: row.name, categories: JSON.parse(row.categories) as string[] })),
    );
  }

  categories(): Promise<QueueCategory[]> {
    return this.#run(() => this.#categories());
  }

  #categories(): QueueCategory[] {
    return (
      this.#db.prepare('SELECT code, letter, name_zh, name_en FROM categories ORDER BY position, code').all() as {
        code: string;
        letter: string;
        name_zh: string;
        name_en: string;
      }[]
    ).map((row) => ({ code: row.code, letter: row.letter, name: { zh: row.name_zh, en: row.name_en } }));
  }

  currentCatalogVersion(): Promise<string | undefined> {
    return this.#run(() => {
      const row = this.#db
        .prepare('SELECT version FROM catalog ORDER BY published_at DESC, rowid DESC LIMIT 1')
        .get() as { version: string } | undefined;
      return row?.version;
    });
  }

  currentCatalog(): Promise<CatalogRecord | undefined> {
    return this.#run(() => {
      const row = this.#db
        .prepare('SELECT version, published_at, json FROM catalog ORDER BY published_at DESC, rowid DESC LIMIT 1')
        .get() as { version: string; published_at: string; json: string } | undefined;
      return row && { version: row.version, publishedAt: row.published_at, json: row.json };
    });
  }

  #insertCatalog(version: string, json: string, at: string): HallEvent {
    this.#db.prepare('INSERT INTO catalog (version, published_at, json) VALUES (?, ?, ?)').run(version, at, json);
    return this.#appendEvent('catalog.published', { version }, at);
  }

  publishCatalog(version: string, json: string, at: string): Promise<HallEvent | undefined> {
    return this.#run(() =>
      this.#db.transaction(() =>
        this.#db.prepare('SELECT 1 FROM catalog WHERE version = ?').get(version)
          ? undefined
          : this.#insertCatalog(version, json, at),
      )(),
    );
  }

  #findMutation(id: string): AppliedMutation | undefined {
    const row = this.#db
      .prepare('SELECT id, kind, applied_at, event_id, content_sha256 FROM mutations WHERE id = ?')
      .get(id) as
      | { id: string; kind: string; applied_at: string; event_id: number | null; content_sha256: string | null }
      | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      kind: row.kind,
      appliedAt: row.applied_at,
      ...(row.event_id === null ? {} : { eventId: row.event_id }),
      ...(row.content_sha256 === null ? {} : { contentHash: row.content_sha256 }),
    };
  }

  findMutation(id: string): Promise<AppliedMutation | undefined> {
    return this.#run(() => this.#findMutation(id));
  }

  applyMutation(mutation: Mutation, at: string, options: ApplyOptions): Promise<ApplyOutcome> {
    return this.#run(() =>
      this.#db.transaction((): ApplyOutcome => {
        const before = this.#findMutation(mutation.id);
        if (before) {
          if (before.contentHash !== undefined && before.contentHash !== options.contentHash) {
            return { status: 'rejected', code: 'conflict', reason: 'id-reused' };
          }
          return {
            status: 'duplicate',
            appliedAt: before.appliedAt,
            ...(before.eventId === undefined ? {} : { eventId: before.eventId }),
          };
        }
        const outcome =
          mutation.kind === 'case.save'
            ? this.#saveCase(mutation.payload, at, options.window)
            : this.#saveRating(mutation.payload, at);
        if (outcome.status !== 'applied') return outcome;
        const result = { id: mutation.id, status: 'applied', appliedAt: at, eventId: outcome.event.id };
        this.#db
          .prepare(
            `INSERT INTO mutations (id, kind, applied_at, event_id, result, content_sha256)
             VALUES (?, ?, ?, ?, ?, ?)`,
          )
          .run(mutation.id, mutation.kind, at, outcome.event.id, JSON.stringify(result), options.contentHash);
        return outcome;
      })(),
    );
  }

  #saveCase(kase: Case, at: string, window: string | undefined): ApplyOutcome {
    const db = this.#db;
    if (window !== undefined) {
      const held = db.prepare('SELECT window FROM cases WHERE id = ?').get(kase.id) as { window: string } | undefined;
      if ((held?.window ?? kase.window) !== window) {
        return { status: 'rejected', code: 'forbidden', reason: 'other-window' };
      }
    }
    const cited = [...new Set(kase.materials.flatMap((m) => m.attachments ?? []))];
    const missing = this.#missingAttachments(cited);
    if (missing.length > 0) {
      return { status: 'rejected', code: 'missing-attachments', reason: 'missing-attachments', missing };
    }
    const stored = db.prepare('SELECT updated_at FROM cases WHERE id = ?').get(kase.id) as
      { updated_at: string } | undefined;
    if (stored && Date.parse(stored.updated_at) > Date.parse(kase.updatedAt)) {
      return { status: 'rejected', code: 'conflict', reason: 'stale-case', storedUpdatedAt: stored.updated_at };
    }
    const owner = db.prepare('SELECT id FROM cases WHERE number = ?').get(kase.number) as { id: string } | undefined;
    if (owner && owner.id !== kase.id) return { status: 'rejected', code: 'conflict', reason: 'number-taken' };

    const createdDay = toChinaDate(new Date(kase.createdAt));
    db.prepare(
      `INSERT INTO cases (id, number, window, status, created_day, updated_at, json) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET number = excluded.number, window = excluded.window, status = excluded.status,
         created_day = excluded.created_day, updated_at = excluded.updated_at, json = excluded.json`,
    ).run(kase.id, kase.number, kase.window, kase.status, createdDay, kase.updatedAt, JSON.stringify(kase));
    db.prepare('DELETE FROM case_attachments WHERE case_id = ?').run(kase.id);
    const link = db.prepare('INSERT INTO case_attachments (case_id, sha256) VALUES (?, ?)');
    for (const sha256 of cited) link.run(kase.id, sha256);
    const event = this.#appendEvent(
      'case.saved',
      { caseId: kase.id, number: kase.number, window: kase.window, status: kase.status },
      at,
    );
    return { status: 'applied', appliedAt: at, event };
  }

  #saveRating(rating: Rating, at: string): ApplyOutcome {
    const db = this.#db;
    if (db.prepare('SELECT 1 FROM ratings WHERE id = ?').get(rating.id)) {
      return { status: 'rejected', code: 'conflict', reason: 'rating-exists' };
    }
    db.prepare('INSERT INTO ratings (id, window, grade, day, at, json) VALUES (?, ?, ?, ?, ?, ?)').run(
      rating.id,
      rating.window,
      rating.grade,
      toChinaDate(new Date(rating.at)),
      rating.at,
      JSON.stringify(rating),
    );
    const event = this.#appendEvent(
      'rating.saved',
      { ratingId: rating.id, window: rating.window, grade: rating.grade },
      at,
    );
    return { status: 'applied', appliedAt: at, event };
  }

  getCase(id: string): Promise<Case | undefined> {
    return this.#run(() => {
      const row = this.#db.prepare('SELECT json FROM cases WHERE id = ?').get(id) as { json: string } | undefined;
      return row && (JSON.parse(row.json) as Case);
    });
  }

  #missingAttachments(sha256s: readonly string[]): string[] {
    const has = this.#db.prepare('SELECT 1 FROM attachments WHERE sha256 = ?');
    return sha256s.filter((sha256) => !has.get(sha256));
  }

  getAttachment(sha256: string): Promise<AttachmentRecord | undefined> {
    return this.#run(() => {
      const row = this.#db.prepare('SELECT sha256, size, stored_at FROM attachments WHERE sha256 = ?').get(sha256) as
        { sha256: string; size: number; stored_at: string } | undefined;
      return row && { sha256: row.sha256, size: row.size, storedAt: row.stored_at };
    });
  }

  recordAttachment(record: AttachmentRecord): Promise<boolean> {
    return this.#run(
      () =>
        this.#db
          .prepare('INSERT OR IGNORE INTO attachments (sha256, size, stored_at) VALUES (?, ?, ?)')
          .run(record.sha256, record.size, record.storedAt).changes > 0,
    );
  }

  #ticket(row: TicketRow): Ticket {
    const ticket = {
      id: row.id,
      number: row.number,
      category: row.category,
      kind: row.kind,
      issuedAt: row.issued_at,
      status: row.status,
      ...(row.window === null ? {} : { window: row.window }),
      ...(row.called_at === null ? {} : { calledAt: row.called_at }),
      ...(row.appointment_ref === null ? {} : { appointmentRef: row.appointment_ref }),
    };
    return ticket as Ticket;
  }

  issueTicket(request: TicketRequest): Promise<{ ticket: Ticket; event: HallEvent }> {
    return this.#run(() =>
      this.#db.transaction(() => {
        const db = this.#db;
        const category = db.prepare('SELECT code, letter FROM categories WHERE code = ?').get(request.category) as
          { code: string; letter: string } | undefined;
        if (!category) throw new StorageError('unknown-category', `no queue category ${request.category}`);
        const day = toChinaDate(new Date(request.at));
        const last = db
          .prepare('SELECT MAX(seq) AS seq FROM tickets WHERE day = ? AND category = ?')
          .get(day, category.code) as { seq: number | null };
        const seq = (last.seq ?? 0) + 1;
        if (seq > MAX_TICKET_SEQ) {
          throw new StorageError('queue-full', `category ${category.code} issued ${MAX_TICKET_SEQ} tickets today`);
        }
        const ticket: Ticket = {
          id: request.id,
          number: `${category.letter}${String(seq).padStart(3, '0')}`,
          category: category.code,
          kind: request.kind,
          issuedAt: request.at,
          status: 'waiting',
          ...(request.appointmentRef === undefined ? {} : { appointmentRef: request.appointmentRef }),
        };
        const checked = checkTicket(ticket);
        db.prepare(
          `INSERT INTO tickets (id, day, category, seq, number, kind, status, appointment_ref, issued_at)
           VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, ?)`,
        ).run(
          checked.id,
          day,
          checked.category,
          seq,
          checked.number,
          checked.kind,
          checked.appointmentRef ?? null,
          checked.issuedAt,
        );
        return { ticket: checked, event: this.#appendEvent('ticket.issued', { ticket: checked }, request.at) };
      })(),
    );
  }

  callNext(request: CallRequest): Promise<{ ticket: Ticket; event: HallEvent } | undefined> {
    return this.#run(() =>
      this.#db.transaction(() => {
        const db = this.#db;
        if (request.categories.length === 0) return undefined;
        const day = toChinaDate(new Date(request.at));
        const waiting = db
          .prepare(
            `SELECT * FROM tickets WHERE day = ? AND status = 'waiting'
             AND category IN (${request.categories.map(() => '?').join(', ')})`,
          )
          .all(day, ...request.categories) as (TicketRow & { seq: number })[];
        const rank = (row: TicketRow) => request.categories.indexOf(row.category);
        waiting.sort(
          (a, b) =>
            Number(b.kind === 'priority') - Number(a.kind === 'priority') ||
            rank(a) - rank(b) ||
            a.issued_at.localeCompare(b.issued_at) ||
            a.seq - b.seq,
        );
        const next = waiting[0];
        if (!next) return undefined;
        db.prepare(`UPDATE tickets SET status = 'done' WHERE day = ? AND status = 'called' AND window = ?`).run(
          day,
          request.window,
        );
        db.prepare(`UPDATE tickets SET status = 'called', window = ?, called_at = ? WHERE id = ?`).run(
          request.window,
          request.at,
          next.id,
        );
        const ticket = checkTicket(
          this.#ticket({ ...next, status: 'called', window: request.window, called_at: request.at }),
        );
        return { ticket, event: this.#appendEvent('ticket.called', { ticket }, request.at) };
      })(),
    );
  }

  tickets(day: string): Promise<Ticket[]> {
    return this.#run(() =>
      (
        this.#db
          .prepare(
            `SELECT * FROM tickets WHERE day = ? AND status IN ('waiting', 'called') ORDER BY issued_at, category, seq`,
          )
          .all(day) as TicketRow[]
      ).map((row) => this.#ticket(row)),
    );
  }

  findLicences(holderId: string): Promise<Licence[]> {
    return this.#run(() =>
      (
        this.#db.prepare('SELECT json FROM licences WHERE holder_id = ? ORDER BY rowid').all(holderId) as {
          json: string;
        }[]
      ).map((row) => JSON.parse(row.json) as Licence),
    );
  }

  statistics(day: string): Promise<HallStatistics> {
    return this.#run(() => {
      const db = this.#db;
      const byStatus: Record<string, number> = {};
      let cases = 0;
      for (const row of db
        .prepare('SELECT status, COUNT(*) AS n FROM cases WHERE created_day = ? GROUP BY status')
        .all(day) as { status: string; n: number }[]) {
        byStatus[row.status] = row.n;
        cases += row.n;
      }
      const tickets = db
        .prepare(
          `SELECT COUNT(*) AS issued, COALESCE(SUM(status = 'waiting'), 0) AS waiting,
             COALESCE(SUM(called_at IS NOT NULL), 0) AS called FROM tickets WHERE day = ?`,
        )
        .get(day) as { issued: number; waiting: number; called: number };
      const byGrade: Record<string, number> = {};
      let ratings = 0;
      for (const row of db
        .prepare('SELECT grade, COUNT(*) AS n FROM ratings WHERE day = ? GROUP BY grade')
        .all(day) as { grade: number; n: number }[]) {
        byGrade[String(row.grade)] = row.n;
        ratings += row.n;
      }
      return {
        day,
        cases: { total: cases, byStatus },
        tickets: { issued: tickets.issued, waiting: tickets.waiting, called: tickets.called },
        ratings: { total: ratings, byGrade },
      };
    });
  }

  eventsAfter(afterId: number, limit: number): Promise<HallEvent[]> {
    return this.#run(() =>
      (
        this.#db
          .prepare('SELECT id, type, at, data FROM events WHERE id > ? ORDER BY id LIMIT ?')
          .all(afterId, limit) as {
          id: number;
          type: string;
          at: string;
          data: string;
        }[]
      ).map((row) => ({ id: row.id, type: row.type, at: row.at, data: JSON.parse(row.data) }) as HallEvent),
    );
  }

  lastEventId(): Promise<number> {
    return this.#run(
      () => (this.#db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM events').get() as { id: number }).id,
    );
  }

  counts(): Promise<Record<string, number>> {
    return this.#run(() =>
      Object.fromEntries(
        TABLES.map((table) => [
          table,
          (this.#db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
        ]),
      ),
    );
  }

  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#db.close();
    }
    return Promise.resolve();
  }
}

/** A ticket as the core's schema reads it; a ticket the schema refuses is a bug here, never stored. */
function checkTicket(ticket: Ticket): Ticket {
  const result = v.safeParse(TicketSchema, ticket);
  if (!result.success) {
    throw new Error(`internal: a ticket the schema refuses (${result.issues.map((i) => i.message).join('; ')})`);
  }
  return result.output;
}
