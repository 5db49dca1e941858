/**
 * Every table the hall keeps, declared once: the SQLite and IndexedDB adapters build their layout from these specs.
 * Personal data lives only in `sealed` fields (AES-GCM, see `vault/vault.ts`); what the hall counts, orders and
 * looks up is in the clear and never personal.
 * @module
 */
import type {
  CaseItemFacts,
  CaseStatus,
  HolidaySchedule,
  RemoteResult,
  RemoteState,
  RemoteStep,
  Ticket,
  WindowPauseReason,
} from '@yichuang/core';
import type {
  FollowUp,
  FollowUpAction,
  HallEvent,
  MutationResult,
  ReviewOutcome,
  Role,
} from '@yichuang/hall-client/protocol.js';
import type { StorageSchema, TableSpec } from './port.js';

/** Layout version of these tables: raise it whenever a table or an index is added or changed. */
export const STORAGE_VERSION = 6;

/** A hall setting: the hall's code and name, the current catalog version, secrets' public material, … */
export interface SettingRow {
  key: string;
  value: unknown;
}
export const SETTINGS: TableSpec<SettingRow> = { name: 'settings', key: 'key' };

/** A window and the queue categories it calls, in the order it prefers them; `paused` while it does not call. */
export interface WindowRow {
  code: string;
  name: string;
  categories: string[];
  position: number;
  /** Since when, why and by whom (a session's subject) the window does not call; the note is staff only. */
  paused?: { reason: WindowPauseReason; since: string; by: string; note?: string };
}
export const WINDOWS: TableSpec<WindowRow> = { name: 'windows', key: 'code', indexes: { position: ['position'] } };

/** A queue category the hall issues tickets of. */
export interface CategoryRow {
  code: string;
  letter: string;
  name: { zh: string; en: string };
  position: number;
}
export const CATEGORIES: TableSpec<CategoryRow> = {
  name: 'categories',
  key: 'code',
  indexes: { position: ['position'] },
};

/** A person who logs in with a password. `credential` is opaque to the engine (see `HallSecrets`). */
export interface AccountRow {
  user: string;
  name: string;
  role: Extract<Role, 'clerk' | 'manager'>;
  /** The windows a clerk may staff, the usual one first. */
  windows: string[];
  credential: unknown;
  /** When the account was disabled; it logs in no more. */
  disabledAt?: string;
  createdAt: string;
  updatedAt: string;
}
export const ACCOUNTS: TableSpec<AccountRow> = { name: 'accounts', key: 'user' };

/** An enrolled device; its token is kept only as a verifier (a slow hash), by which a login finds it. */
export interface DeviceRow {
  id: string;
  name: string;
  role: Extract<Role, 'kiosk' | 'display' | 'rating-pad'>;
  /** The window a rating pad sits at. */
  window?: string;
  verifier: string;
  enrolledAt: string;
  /** When the device was revoked; its token logs in no more. */
  revokedAt?: string;
}
export const DEVICES: TableSpec<DeviceRow> = {
  name: 'devices',
  key: 'id',
  indexes: { verifier: ['verifier'] },
  unique: ['verifier'],
};

/** A live session, found by the SHA-256 of its token (the token itself is never stored). */
export interface SessionRow {
  tokenHash: string;
  role: Role;
  subject: string;
  name: string;
  hall: string;
  /** The window a clerk staffs in this session, or the window of a rating pad. */
  window?: string;
  /** The windows whose cases the session reads and saves (a clerk's account windows). */
  windows: string[];
  createdAt: string;
  expiresAt: string;
}
export const SESSIONS: TableSpec<SessionRow> = {
  name: 'sessions',
  key: 'tokenHash',
  indexes: { expiry: ['expiresAt'], window: ['window'], subject: ['subject'] },
};

/** Recent failed logins of one user name or address. */
export interface LoginFailureRow {
  key: string;
  /** Epoch milliseconds of the recent failures, oldest first. */
  times: number[];
  last: number;
}
export const LOGIN_FAILURES: TableSpec<LoginFailureRow> = {
  name: 'loginFailures',
  key: 'key',
  indexes: { last: ['last'] },
};

/** A published catalog version, whole. */
export interface CatalogRow {
  version: string;
  publishedAt: string;
  /** Who published it (a manager, or `seed`). */
  by: string;
  /** Order of publication. */
  seq: number;
  catalog: unknown;
}
export const CATALOGS: TableSpec<CatalogRow> = { name: 'catalogs', key: 'version', indexes: { seq: ['seq'] } };

/** One item version of a published catalog, with what a case taken in under it is checked against. */
export interface CatalogItemRow {
  /** `itemId@version`. */
  key: string;
  itemId: string;
  version: number;
  facts: CaseItemFacts;
}
export const CATALOG_ITEMS: TableSpec<CatalogItemRow> = { name: 'catalogItems', key: 'key' };

/** A case: what the hall counts and checks in the clear, the applicant, proxy, posted delivery and audit trail sealed. */
export interface CaseRow {
  id: string;
  number: string;
  hall: string;
  window: string;
  status: CaseStatus;
  /** China day (YYYY-MM-DD) the case was created. */
  day: string;
  /** The hall's version of the case: 1 for the first save, one more for each save after. */
  version: number;
  /** The mutation that made this version. */
  mutation: string;
  responsibleClerk: string;
  createdAt: string;
  updatedAt: string;
  /** The case without `applicant`, `proxy` and `audit`. */
  body: Record<string, unknown>;
  /** `{ applicant, proxy, delivery, audit }`, sealed for `case:<id>`. */
  sealed: string;
  /** How many audit lines the case has (the hall checks that a save only adds to them). */
  auditLength: number;
  /**
   * The supplement deadline of the case's open tolerance commitment (容缺承诺), only while it has one: the ledger's
   * index (added in layout version 3; a case saved before it joins the ledger on its next save).
   */
  commitmentDue?: string;
  /**
   * When the case's result became ready to hand over (出件), only while it waits for it: the index of the results to
   * hand over (added in layout version 4), with how it goes (`window` or `post`: not personal, unlike the address).
   */
  handoverSince?: string;
  handoverWay?: 'window' | 'post';
}
export const CASES: TableSpec<CaseRow> = {
  name: 'cases',
  key: 'id',
  indexes: {
    number: ['number'],
    day: ['day'],
    window: ['window', 'day'],
    commitmentDue: ['commitmentDue'],
    handoverSince: ['handoverSince'],
  },
  unique: ['number'],
};

/** A file a case cites. */
export interface CaseAttachmentRow {
  /** `caseId|sha256`. */
  key: string;
  caseId: string;
  sha256: string;
}
export const CASE_ATTACHMENTS: TableSpec<CaseAttachmentRow> = {
  name: 'caseAttachments',
  key: 'key',
  indexes: { sha256: ['sha256'], caseId: ['caseId'] },
};

/** A case granted to a clerk outside its window (the applicant at the counter presented its number and ID). */
export interface CaseGrantRow {
  /** `caseId|subject`. */
  key: string;
  caseId: string;
  subject: string;
  at: string;
  expiresAt: string;
}
export const CASE_GRANTS: TableSpec<CaseGrantRow> = {
  name: 'caseGrants',
  key: 'key',
  indexes: { subject: ['subject'] },
};

/** A read of a case's personal data by a person: who, when, which case, why. */
export interface CaseReadRow {
  id: string;
  caseId: string;
  subject: string;
  role: Role;
  window?: string;
  at: string;
  purpose: string;
}
export const CASE_READS: TableSpec<CaseReadRow> = {
  name: 'caseReads',
  key: 'id',
  indexes: { caseId: ['caseId', 'id'] },
};

/** A mutation the hall applied, with what it answered. */
export interface MutationRow {
  id: string;
  kind: string;
  appliedAt: string;
  /** SHA-256 (hex) of the canonical `{ kind, payload, base }` it was applied with. */
  contentHash: string;
  result: MutationResult;
}
export const MUTATIONS: TableSpec<MutationRow> = { name: 'mutations', key: 'id' };

/** An event of the log; its id is given by the storage, in commit order. */
export type EventRow = Omit<HallEvent, 'id'> & { id?: number };
export const EVENTS: TableSpec<EventRow> = { name: 'events', key: 'id', autoIncrement: true };

/** A queue ticket of a day. */
export interface TicketRow {
  id: string;
  day: string;
  category: string;
  seq: number;
  status: Ticket['status'];
  ticket: Ticket;
  /** Whether the window called it ahead of walk-ins (priority, or an appointment at its slot): for the ratio. */
  ahead?: boolean;
}
export const TICKETS: TableSpec<TicketRow> = {
  name: 'tickets',
  key: 'id',
  indexes: { seq: ['day', 'category', 'seq'], status: ['day', 'status'] },
  unique: ['seq'],
};

/**
 * A booking imported from the district's booking system (layout 2): its code, category and slot, never a person;
 * `ticketId` once it has been checked in.
 */
export interface AppointmentRow {
  code: string;
  /** China day of the slot. */
  day: string;
  category: string;
  slotStart: string;
  slotEnd: string;
  importedAt: string;
  /** The ticket it was checked in with. */
  ticketId?: string;
  checkedInAt?: string;
}
export const APPOINTMENTS: TableSpec<AppointmentRow> = { name: 'appointments', key: 'code', indexes: { day: ['day'] } };

/** A rating: what statistics need in the clear, the comment sealed. */
export interface RatingRow {
  id: string;
  window: string;
  clerk: string;
  grade: number;
  day: string;
  at: string;
  /** The rating without its comment. */
  body: Record<string, unknown>;
  /** `{ comment }`, sealed for `rating:<id>`, when there is a comment. */
  sealed?: string;
}
export const RATINGS: TableSpec<RatingRow> = { name: 'ratings', key: 'id', indexes: { day: ['day'] } };

/** One action of a follow-up, in the clear: its note is in the follow-up's `sealed` notes, at the same position. */
export interface FollowUpActionRow {
  action: FollowUpAction;
  outcome?: ReviewOutcome;
  by: string;
  at: string;
}

/**
 * A bad rating's follow-up (差评整改), opened with the rating (layout 2): what is counted and filtered in the clear
 * (window, clerk, grade, reason codes, days, status), the notes of its actions sealed.
 */
export interface FollowUpRow extends Omit<FollowUp, 'overdue' | 'actions' | 'at'> {
  actions: FollowUpActionRow[];
  /** `{ notes: string[] }`, one per action, sealed for `followup:<ratingId>`, once an action is recorded. */
  sealed?: string;
}
export const FOLLOWUPS: TableSpec<FollowUpRow> = {
  name: 'followUps',
  key: 'ratingId',
  indexes: { day: ['day'], status: ['status', 'due'] },
};

/** An e-licence of the simulated issuer, found by a blind index of its holder. */
export interface LicenceRow {
  /** A blind index of its type and number (a number can be an identity number). */
  key: string;
  holderIndex: string;
  /** The licence, sealed for `licence:<key>`. */
  sealed: string;
}
export const LICENCES: TableSpec<LicenceRow> = { name: 'licences', key: 'key', indexes: { holder: ['holderIndex'] } };

/** A file the hall holds (the bytes are in the file store). */
export interface AttachmentRow {
  sha256: string;
  size: number;
  storedAt: string;
  /** Who uploaded it first. */
  by: string;
  /** Since when no case cites it (absent while one does): removed once this is older than the grace period. */
  orphanSince?: string;
}
export const ATTACHMENTS: TableSpec<AttachmentRow> = {
  name: 'attachments',
  key: 'sha256',
  indexes: { orphan: ['orphanSince'] },
};

/** A line of the hall's settings audit: who changed which setting, when. Never a password or token. */
export interface HallAuditRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail?: Record<string, unknown>;
}
export const HALL_AUDIT: TableSpec<HallAuditRow> = { name: 'hallAudit', key: 'id' };

/**
 * A visit at the helper desk (帮办代办, added in layout version 5): what the hall counts in the clear (window, helper,
 * day, status, minutes of help), the served person, the proxy and the help log's notes sealed.
 */
export interface AssistVisitRow {
  id: string;
  window: string;
  helper: string;
  status: 'open' | 'closed';
  /** China day (YYYY-MM-DD) the visit began. */
  day: string;
  version: number;
  /** The mutation that made this version. */
  mutation: string;
  createdAt: string;
  updatedAt: string;
  /** The visit without `served`, `proxy` and `help`. */
  body: Record<string, unknown>;
  /** `{ served, proxy, help }`, sealed for `assist:<id>`. */
  sealed: string;
  /** How many help entries the visit logged (a save only adds to them). */
  helpLength: number;
  /** Minutes of help logged in all. */
  minutes: number;
}
export const ASSIST_VISITS: TableSpec<AssistVisitRow> = {
  name: 'assistVisits',
  key: 'id',
  indexes: { window: ['window', 'day'], day: ['day'] },
};

/** Another hall this one exchanges cases with (跨省通办), enrolled by a manager: its address and public key. */
export interface PeerRow {
  hall: string;
  name: string;
  url: string;
  region: string;
  /** Its public key (EC P-256, JWK): what its signed requests are checked with. */
  publicKey: Record<string, string>;
  enrolledAt: string;
  by: string;
}
export const PEERS: TableSpec<PeerRow> = { name: 'peers', key: 'hall' };

/** The copy this hall keeps of another hall's catalog, so that a desk collects for it while it is away. */
export interface PeerCatalogRow {
  hall: string;
  version: string;
  fetchedAt: string;
  catalog: unknown;
}
export const PEER_CATALOGS: TableSpec<PeerCatalogRow> = { name: 'peerCatalogs', key: 'hall' };

/**
 * A case forwarded between halls (added in layout version 6): collected here for another hall (`out`), or received
 * here from another (`in`). The applicant, the proxy and the address are sealed.
 */
export interface RemoteCaseRow {
  id: string;
  direction: 'out' | 'in';
  /** The other hall. */
  peer: string;
  number: string;
  remoteNumber?: string;
  window: string;
  state: RemoteState;
  /** China day (YYYY-MM-DD) it was collected. */
  day: string;
  /** The package without `applicant`, `proxy` and `address`. */
  body: Record<string, unknown>;
  /** `{ applicant, proxy, address }`, sealed for `remote:<id>`. */
  sealed: string;
  /** The applicant's name, sealed apart for the lists (`remote-name:<id>`). */
  name: string;
  history: RemoteStep[];
  result?: RemoteResult;
  /** SHA-256 of the package as received or sent (its canonical JSON): a package sent again must be the same. */
  digest: string;
  createdAt: string;
  updatedAt: string;
}
export const REMOTE_CASES: TableSpec<RemoteCaseRow> = {
  name: 'remoteCases',
  key: 'id',
  indexes: { direction: ['direction', 'updatedAt'], day: ['direction', 'day'], number: ['number'] },
};

/** What this hall still has to tell another (a package to forward, a change of state), with its retries. */
export interface ExchangeOutboxRow {
  id: string;
  peer: string;
  kind: 'package' | 'update';
  caseId: string;
  /** For an update: what to send. */
  update?: { state: RemoteState; at: string; note?: string; result?: RemoteResult };
  attempts: number;
  /** Epoch milliseconds of the next attempt. */
  nextAt: number;
  /** Why the last attempt failed. */
  lastError?: string;
  createdAt: string;
}
export const EXCHANGE_OUTBOX: TableSpec<ExchangeOutboxRow> = {
  name: 'exchangeOutbox',
  key: 'id',
  indexes: { nextAt: ['nextAt'] },
};

/** The holiday schedule of a year the hall knows. */
export interface CalendarRow {
  year: number;
  schedule: HolidaySchedule;
  publishedAt: string;
  by: string;
}
export const CALENDARS: TableSpec<CalendarRow> = { name: 'calendars', key: 'year' };

/** The whole layout, for the adapters. */
export const HALL_SCHEMA: StorageSchema = {
  version: STORAGE_VERSION,
  tables: [
    SETTINGS,
    WINDOWS,
    CATEGORIES,
    ACCOUNTS,
    DEVICES,
    SESSIONS,
    LOGIN_FAILURES,
    CATALOGS,
    CATALOG_ITEMS,
    CASES,
    CASE_ATTACHMENTS,
    CASE_GRANTS,
    CASE_READS,
    MUTATIONS,
    EVENTS,
    TICKETS,
    APPOINTMENTS,
    RATINGS,
    LICENCES,
    ATTACHMENTS,
    HALL_AUDIT,
    CALENDARS,
    FOLLOWUPS,
    ASSIST_VISITS,
    PEERS,
    PEER_CATALOGS,
    REMOTE_CASES,
    EXCHANGE_OUTBOX,
  ],
};
