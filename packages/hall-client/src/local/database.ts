import { Dexie, type Table } from 'dexie';
import type { Catalog, HolidaySchedule, Ticket } from '@yichuang/core';
import type { HallEvent, QueueCategory, Role } from '../protocol.js';
import type { Sealed, WrappedKeys } from './crypto.js';

/** A window of the hall and the queue categories it calls, in the order it prefers them. */
export interface HallWindow {
  code: string;
  name: string;
  categories: readonly string[];
}

/** The hall's own description, written once when it is seeded. */
export interface HallRow {
  key: 'hall';
  code: string;
  name: string;
  windows: HallWindow[];
  categories: QueueCategory[];
  catalogVersion: string;
  seededAt: string;
}

/** A clerk or manager: the password is kept only as a PBKDF2 verifier. */
export interface UserRow {
  user: string;
  role: Extract<Role, 'clerk' | 'manager'>;
  name: string;
  window?: string;
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
  verifier: string;
  keys: WrappedKeys;
}

/** An enrolled device, found by the SHA-256 of its token. */
export interface DeviceRow {
  tokenHash: string;
  id: string;
  role: Extract<Role, 'kiosk' | 'display' | 'rating-pad'>;
  name: string;
  window?: string;
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
  verifier: string;
  keys: WrappedKeys;
}

/** A live session, found by the SHA-256 of its token (the token itself is never stored). */
export interface SessionRow {
  tokenHash: string;
  role: Role;
  subject: string;
  name: string;
  window?: string;
  expiresAt: string;
}

/** A published catalog version. */
export interface CatalogRow {
  version: string;
  catalog: Catalog;
  holidays: HolidaySchedule[];
  publishedAt: string;
}

/** A case: what the hall counts and looks up in the clear, the whole case sealed (it holds personal data). */
export interface CaseRow {
  id: string;
  number: string;
  window: string;
  status: string;
  /** China day (YYYY-MM-DD) the case was created. */
  day: string;
  updatedAt: string;
  sealed: Sealed;
}

/** A mutation the hall applied, with what it answered. */
export interface MutationRow {
  id: string;
  kind: string;
  appliedAt: string;
  eventId: number;
  /**
   * SHA-256 (hex) of the canonical JSON of `{ kind, payload }` it was applied with: the same id with other content
   * is refused. Absent on rows written before version 2.
   */
  contentHash?: string;
}

/** Recent failed logins of one user name (the hall refuses more for a while). */
export interface LoginFailureRow {
  user: string;
  /** Epoch milliseconds of the recent failed attempts, oldest first. */
  times: number[];
  /** The latest of `times`: rows whose latest failure is old are purged. */
  last: number;
}

/** An event as stored; `id` is assigned by the table's key generator. */
export type EventRow = Omit<HallEvent, 'id'> & { id?: number };

/** A ticket, with the China day it was issued for numbering and the day's queue. */
export interface TicketRow {
  id: string;
  day: string;
  category: string;
  status: Ticket['status'];
  window?: string;
  ticket: Ticket;
}

/** A rating: what the statistics need in the clear, the whole rating (its comment) sealed. */
export interface RatingRow {
  id: string;
  day: string;
  window: string;
  grade: number;
  sealed: Sealed;
}

/** A file, stored encrypted under the SHA-256 of its plain bytes. */
export interface AttachmentRow {
  sha256: string;
  size: number;
  iv: Uint8Array<ArrayBuffer>;
  /** The ciphertext. */
  data: Blob;
}

/** An e-licence of the simulated issuer, found by a blind index of its holder. */
export interface LicenceRow {
  key?: number;
  holderIndex: string;
  sealed: Sealed;
}

/** The local hall's IndexedDB database. */
export class HallDatabase extends Dexie {
  declare meta: Table<HallRow, string>;
  declare users: Table<UserRow, string>;
  declare devices: Table<DeviceRow, string>;
  declare sessions: Table<SessionRow, string>;
  declare catalogs: Table<CatalogRow, string>;
  declare cases: Table<CaseRow, string>;
  declare mutations: Table<MutationRow, string>;
  declare events: Table<EventRow, number>;
  declare tickets: Table<TicketRow, string>;
  declare ratings: Table<RatingRow, string>;
  declare attachments: Table<AttachmentRow, string>;
  declare licences: Table<LicenceRow, number>;
  declare loginFailures: Table<LoginFailureRow, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      meta: 'key',
      users: 'user',
      devices: 'tokenHash, &id',
      sessions: 'tokenHash, expiresAt',
      catalogs: 'version',
      cases: 'id, &number, day',
      mutations: 'id',
      events: '++id',
      tickets: 'id, [day+category], [day+status]',
      ratings: 'id, day',
      attachments: 'sha256',
      licences: '++key, holderIndex',
    });
    // 2: failed logins per user name; mutation rows keep a content hash (no index: nothing to migrate).
    this.version(2).stores({ loginFailures: 'user, last' });
  }
}
