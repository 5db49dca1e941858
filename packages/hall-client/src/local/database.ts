import { Dexie, type Table } from 'dexie';
import type { Catalog, HolidaySchedule, Ticket } from '@yichuang/core';
import type { HallEvent, QueueCategory, Role } from '../protocol.js';
import { randomBytes, type Sealed, type SealedFor, type WrappedKeys } from './crypto.js';

/** A window of the hall and the queue categories it calls, in the order it prefers them. */
export interface HallWindow {
  code: string;
  name: string;
  categories: readonly string[];
}

/** How the hall keeps device tokens: PBKDF2 verifiers with one salt for the hall, so one derivation finds a device. */
export interface DeviceLoginParams {
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
}

/**
 * The key that seals ratings: its ECDH P-256 public key in the clear (any session that saves ratings seals with it,
 * and cannot read them back), its private key sealed with the hall's data key (clerks and managers open it).
 */
export interface RatingKey {
  publicKey: ArrayBuffer;
  /** PKCS #8 bytes of the private key, sealed with the data key under the context `rating-key`. */
  privateKey: Sealed;
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
  /** Set by the seed, or by the upgrade to version 3 for a hall seeded before. */
  deviceLogin: DeviceLoginParams;
  /**
   * Absent only in a hall seeded before version 3, until its first clerk or manager login creates it (only they hold
   * the data key that seals its private key).
   */
  ratingKey?: RatingKey;
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

/**
 * An enrolled device (kiosk, hall display, rating pad). It holds none of the hall's keys: what it reads (tickets,
 * queue, catalog, its events) is not personal and stored in the clear, and it seals ratings with the public
 * {@link RatingKey}.
 */
export interface DeviceRow {
  id: string;
  role: Extract<Role, 'kiosk' | 'display' | 'rating-pad'>;
  name: string;
  window?: string;
  /**
   * PBKDF2-SHA-256 of the device token, hex: with the hall's {@link DeviceLoginParams} (looked up by it at login), or
   * with this row's own `salt` and `iterations` on a row carried over from version 2.
   */
  verifier: string;
  /** Only on a row carried over from version 2, until the device next logs in. */
  salt?: Uint8Array<ArrayBuffer>;
  iterations?: number;
}

/** A device as versions 1 and 2 stored it: found by the SHA-256 of its token, wrapping the hall's keys. */
interface DeviceRowV2 {
  tokenHash: string;
  id: string;
  role: DeviceRow['role'];
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

/**
 * A rating: what the statistics need in the clear, the whole rating (its comment) sealed for the {@link RatingKey}
 * (`SealedFor`), or with the data key on a row written before version 3 (`Sealed`).
 */
export interface RatingRow {
  id: string;
  day: string;
  window: string;
  grade: number;
  sealed: SealedFor | Sealed;
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
  declare enrolledDevices: Table<DeviceRow, string>;
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
    // 3: devices by id with a salted slow verifier, holding no keys (they wrapped the hall's keys and were found by
    // an unsalted SHA-256 of their token). Rows carried over keep their own salt until the device next logs in; the
    // hall gets its device salt. The old table goes in version 4 (Dexie reads a table in the upgrade of the version
    // after which it is deleted, not of the same one).
    this.version(3)
      .stores({ enrolledDevices: 'id, verifier' })
      .upgrade(async (tx) => {
        const old = (await tx.table('devices').toArray()) as DeviceRowV2[];
        await tx.table('enrolledDevices').bulkAdd(
          old.map((row): DeviceRow => ({
            id: row.id,
            role: row.role,
            name: row.name,
            ...(row.window === undefined ? {} : { window: row.window }),
            verifier: row.verifier,
            salt: row.salt,
            iterations: row.iterations,
          })),
        );
        const deviceLogin: DeviceLoginParams = { salt: randomBytes(16), iterations: old[0]?.iterations ?? 310_000 };
        await tx
          .table('meta')
          .toCollection()
          .modify((hall: HallRow) => {
            hall.deviceLogin = deviceLogin;
          });
      });
    this.version(4).stores({ devices: null });
  }
}
