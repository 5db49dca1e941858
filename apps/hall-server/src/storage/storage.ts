import type { Case, Ticket, TicketKind } from '@yichuang/core';
import type {
  HallEvent,
  HallStatistics,
  Licence,
  Mutation,
  QueueCategory,
  RejectionCode,
  Role,
} from '@yichuang/hall-client/protocol.js';

/**
 * Everything the hall server keeps, behind one interface. The reference implementation is
 * {@link SqliteHallStorage} (one SQLite file in `DATA_DIR`); a district or a city that runs several server
 * instances implements this interface over PostgreSQL and passes it to `createHallServer({ storage })`.
 *
 * Rules every implementation must keep (the server relies on them; the server's tests check them):
 * - Each method that writes does so in ONE database transaction: after a crash, either all of it is stored or
 *   none of it.
 * - {@link HallStorage.applyMutation} stores the change, its row in `mutations` and its event together, and
 *   decides duplicates, conflicts and missing attachments inside that same transaction.
 * - Event ids grow strictly and become visible in id order (SQLite: one writer; PostgreSQL: take the id under a
 *   lock or from a sequence inside a serialised section), so a reader that has seen event `n` never later meets
 *   an event `< n` it has not seen.
 * - Methods resolve or reject; they never throw synchronously.
 */
export interface HallStorage {
  /** A short name for logs and the health check, e.g. `sqlite`. */
  readonly kind: string;

  /** The hall this database serves, once seeded or configured. */
  hall(): Promise<HallInfo | undefined>;
  /**
   * Stores the seed in one transaction, skipping every row that already exists (by its key): running it again
   * changes nothing. Resolves whether anything new was stored.
   */
  seed(data: SeedData, at: string): Promise<boolean>;

  /** A person who logs in with a password. */
  findUser(user: string): Promise<UserRecord | undefined>;
  /** An enrolled device, by the SHA-256 (hex) of its device token. */
  findDevice(tokenHash: string): Promise<DeviceRecord | undefined>;

  /** Stores a new session (its token only as a hash). */
  createSession(session: SessionRecord): Promise<void>;
  /** A session by the SHA-256 (hex) of its token, expired or not (the caller checks `expiresAt`). */
  findSession(tokenHash: string): Promise<SessionRecord | undefined>;
  /** Ends a session; resolves whether it existed. */
  deleteSession(tokenHash: string): Promise<boolean>;
  /** Removes every session that expired before `now`; resolves how many. */
  deleteExpiredSessions(now: string): Promise<number>;

  /** The hall's windows, in their configured order. */
  windows(): Promise<WindowRecord[]>;
  /** The queue categories the hall issues tickets for, in their configured order. */
  categories(): Promise<QueueCategory[]>;

  /** The version of the catalog published last, or `undefined` before any. */
  currentCatalogVersion(): Promise<string | undefined>;
  /** The catalog published last, as stored (JSON text), or `undefined` before any. */
  currentCatalog(): Promise<CatalogRecord | undefined>;
  /**
   * Publishes a catalog version with a `catalog.published` event. A version already stored is left as it is
   * (resolves `undefined`); otherwise resolves the event.
   */
  publishCatalog(version: string, json: string, at: string): Promise<HallEvent | undefined>;

  /** The original result of a mutation id the hall applied, or `undefined`. */
  findMutation(id: string): Promise<AppliedMutation | undefined>;
  /**
   * Applies one validated mutation at most once, in its own transaction with its `mutations` row (which keeps
   * `options.contentHash`) and its event:
   * - an id already applied with the same content hash (or one stored before hashes were kept) → `duplicate`
   *   with the original `appliedAt` and `eventId`, nothing changes;
   * - an id already applied with ANOTHER content hash → `rejected`/`conflict`, reason `id-reused` (nothing
   *   changes: a client that reuses an id for other content must hear about it, not lose the content);
   * - `case.save` when `options.window` is set, of a case the hall holds under another window, or of a new case
   *   whose payload names another window → `rejected`/`forbidden`, reason `other-window` (decided inside the
   *   transaction, so two sessions racing to create the same case id cannot slip past it);
   * - `case.save` whose materials cite attachments the hall does not hold → `rejected`/`missing-attachments`
   *   with the hashes (NOT recorded: the same id applies once they are uploaded);
   * - `case.save` of a case whose stored `updatedAt` is later, or whose number belongs to another case id →
   *   `rejected`/`conflict` (not recorded);
   * - `rating.save` of a rating id already stored under another mutation → `rejected`/`conflict`;
   * - otherwise `applied`, with the event it appended.
   *
   * The other permission checks (hall, role, a rating's window) are the caller's, before this call.
   */
  applyMutation(mutation: Mutation, at: string, options: ApplyOptions): Promise<ApplyOutcome>;
  /** A case as stored, or `undefined`. */
  getCase(id: string): Promise<Case | undefined>;

  /** The record of a stored attachment, or `undefined`. */
  getAttachment(sha256: string): Promise<AttachmentRecord | undefined>;
  /** Records an attachment whose file is already in place; resolves `false` if it was recorded before. */
  recordAttachment(record: AttachmentRecord): Promise<boolean>;

  /**
   * Issues the next ticket of a category for the China-time day of `at` (`A001`, `A002`, …; a new day starts
   * at 001), with a `ticket.issued` event. Rejects with {@link StorageError} `unknown-category` or
   * `queue-full` (after 9999 tickets of one category in a day).
   */
  issueTicket(request: TicketRequest): Promise<{ ticket: Ticket; event: HallEvent }>;
  /**
   * Calls the next waiting ticket of the day to a window, with a `ticket.called` event: priority tickets first,
   * then by the order of `categories`, then in the order issued. The tickets this window called before become
   * `done`. Resolves `undefined` when no one is waiting.
   */
  callNext(request: CallRequest): Promise<{ ticket: Ticket; event: HallEvent } | undefined>;
  /** The waiting and called tickets of a China-time day (`YYYY-MM-DD`), in the order issued. */
  tickets(day: string): Promise<Ticket[]>;

  /** The e-licences held for a resident identity number or credit code (canonical, upper case). */
  findLicences(holderId: string): Promise<Licence[]>;

  /** The hall's figures for a China-time day (`YYYY-MM-DD`). */
  statistics(day: string): Promise<HallStatistics>;

  /** Events with an id greater than `afterId`, oldest first, at most `limit`. */
  eventsAfter(afterId: number, limit: number): Promise<HallEvent[]>;
  /** The id of the last event (0 before any). */
  lastEventId(): Promise<number>;

  /** Number of rows per table: for tests and operators (nothing personal). */
  counts(): Promise<Record<string, number>>;
  /** Closes the database; later calls reject. Safe to call twice. */
  close(): Promise<void>;
}

/** The hall a database serves. */
export interface HallInfo {
  code: string;
  name: string;
}

/** A window and the queue categories it calls, in the order it prefers them. */
export interface WindowRecord {
  code: string;
  name: string;
  categories: string[];
}

/** A person who logs in with a password (clerk or manager). */
export interface UserRecord {
  user: string;
  name: string;
  role: Extract<Role, 'clerk' | 'manager'>;
  /** A clerk's usual window. */
  window?: string;
  /** `scrypt$…`, see `session/passwords.ts`. */
  passwordHash: string;
}

/** An enrolled device. */
export interface DeviceRecord {
  id: string;
  name: string;
  role: Extract<Role, 'kiosk' | 'display' | 'rating-pad'>;
  /** The window a rating pad sits at. */
  window?: string;
  /** SHA-256 (hex) of the device token; the token itself is never stored. */
  tokenHash: string;
}

/** A session as stored: the token only as its SHA-256. */
export interface SessionRecord {
  tokenHash: string;
  role: Role;
  subject: string;
  name: string;
  hall: string;
  window?: string;
  createdAt: string;
  expiresAt: string;
}

/** A catalog version as stored. */
export interface CatalogRecord {
  version: string;
  publishedAt: string;
  /** The catalog, JSON text. */
  json: string;
}

/** The original result of an applied mutation. */
export interface AppliedMutation {
  id: string;
  kind: string;
  appliedAt: string;
  eventId?: number;
  /**
   * The SHA-256 (hex) of the canonical mutation it was applied with (see `mutationHash` in `sync/routes.ts`);
   * absent for mutations applied before the hall kept it.
   */
  contentHash?: string;
}

/** How {@link HallStorage.applyMutation} applies one mutation. */
export interface ApplyOptions {
  /**
   * SHA-256 (hex) of the canonical JSON of the mutation's `kind` and `payload` as sent: stored with its id, and
   * compared when the same id comes again.
   */
  contentHash: string;
  /**
   * The window the session works at, when it may touch only that window's cases (a clerk): a new case must be of
   * this window, a stored case must already be. Absent: any window (a manager).
   */
  window?: string;
}

/** Why {@link HallStorage.applyMutation} refused a mutation, in more detail than the protocol's code. */
export type RejectionReason =
  'missing-attachments' | 'stale-case' | 'number-taken' | 'rating-exists' | 'id-reused' | 'other-window';

/** What {@link HallStorage.applyMutation} did with one mutation. */
export type ApplyOutcome =
  | { status: 'applied'; appliedAt: string; event: HallEvent }
  | { status: 'duplicate'; appliedAt: string; eventId?: number }
  | {
      status: 'rejected';
      code: RejectionCode;
      reason: RejectionReason;
      /** For `missing-attachments`: the hashes the hall does not hold. */
      missing?: string[];
      /** For `stale-case`: the `updatedAt` the hall holds. */
      storedUpdatedAt?: string;
    };

/** An attachment the hall holds (the file itself lives in the attachment folder). */
export interface AttachmentRecord {
  sha256: string;
  size: number;
  storedAt: string;
}

/** A ticket to issue. */
export interface TicketRequest {
  /** The new ticket's ULID. */
  id: string;
  category: string;
  kind: TicketKind;
  appointmentRef?: string;
  /** When it is issued (ISO timestamp); its China-time day is the ticket's day. */
  at: string;
}

/** A window calling its next ticket. */
export interface CallRequest {
  window: string;
  /** Categories the window calls, in the order it prefers them. */
  categories: readonly string[];
  at: string;
}

/** What a hall is seeded with (see `seed/demo.ts`). */
export interface SeedData {
  hall: HallInfo;
  windows: WindowRecord[];
  categories: QueueCategory[];
  users: UserRecord[];
  devices: DeviceRecord[];
  licences: Licence[];
  catalog?: { version: string; json: string };
}

/** A refusal a storage method reports on purpose (not a database failure). */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly code: 'unknown-category' | 'queue-full' | 'closed',
    message: string,
  ) {
    super(message);
  }
}
