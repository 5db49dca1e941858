/**
 * What each table of the workstation database holds. Indexed fields never carry personal data: personal fields
 * live only inside `sealed` (see {@link Sealed}).
 * @module
 */
import type {
  AssistVisit,
  AuditEntry,
  Case,
  CaseNumbererState,
  CaseStatus,
  Rating,
  RemotePackage,
  Ticket,
} from '@yichuang/core';
import type { CatalogSnapshot, MutationBase, MutationKind, RejectionCode } from '@yichuang/hall-client';
import type { Sealed } from '../crypto/cipher.js';

export type { KeyringRow } from '../crypto/keyring.js';

/**
 * What every record a mutation saves keeps for the outbox's bookkeeping (a row of a table of `RecordTables`; see
 * the store's kind registry, `kinds/registry.ts`).
 */
export interface SyncedRecord {
  id: string;
  /** 1 once every mutation of the record is acknowledged by the hall; 0 while one is pending or parked. */
  synced: 0 | 1;
  /**
   * 1 when the clerk discarded the record's last mutation: the version held here never reached the hall and never
   * will (until the record is saved again). Such a record is not synced and a purge keeps it.
   */
  diverged?: 1;
  /**
   * Versioned records: the hall's version of the record, from the acknowledgement (applied or duplicate) of its
   * latest save the hall acknowledged; absent until one is (a record new to the hall).
   */
  version?: number;
  /**
   * Versioned records: the id of the record's last save not yet acknowledged (pending or parked): the base of its
   * next save, so saves made offline apply in order. Cleared when that save is acknowledged; pointed back to the
   * save before it when it is discarded.
   */
  pending?: string;
  /** SHA-256 of every attachment the record cites (kept by a purge while the record stays). */
  attachments?: string[];
}

/**
 * The fields of a case that are sealed (encrypted) at rest: the applicant, the proxy, a posted result's recipient and
 * address, the application form's answers (names, numbers, addresses) and the audit trail. Rows written before the
 * form and delivery were sealed keep them in `body`; a case is read as `body` and these fields together either way.
 */
export type CasePersonalFields = Pick<Case, 'applicant' | 'proxy' | 'delivery' | 'form' | 'audit'>;

/** A case at rest: everything but its personal fields in clear, those sealed. */
export interface CaseRow extends SyncedRecord {
  id: string;
  number: string;
  hall: string;
  window: string;
  status: CaseStatus;
  /** China calendar day of the case number, `yyyyMMdd` (added in schema version 2). */
  day: string;
  createdAt: string;
  updatedAt: string;
  /** SHA-256 of every attachment its materials reference. */
  attachments: string[];
  /** The case without its personal fields. */
  body: Omit<Case, keyof CasePersonalFields>;
  /** {@link CasePersonalFields}, sealed for `cases`/`id`. */
  sealed: Sealed;
}

/** A rating at rest: the comment sealed (only when there is one). */
export interface RatingRow extends SyncedRecord {
  caseId?: string;
  at: string;
  body: Omit<Rating, 'comment'>;
  /** `{ comment }`, sealed for `ratings`/`id`. */
  sealed?: Sealed;
}

/** The fields of a helper-desk visit sealed at rest: the person served, the proxy, the help log (its notes). */
export type VisitPersonalFields = Pick<AssistVisit, 'served' | 'proxy' | 'help'>;

/** A helper-desk visit at rest (schema version 6): the person, the proxy and the help log sealed. */
export interface AssistVisitRow extends SyncedRecord {
  window: string;
  helper: string;
  status: AssistVisit['status'];
  updatedAt: string;
  attachments: string[];
  body: Omit<AssistVisit, keyof VisitPersonalFields>;
  /** {@link VisitPersonalFields}, sealed for `assistVisits`/`id`. */
  sealed: Sealed;
}

/** The fields of a collected package sealed at rest: the applicant, the proxy, the address. */
export type RemotePersonalFields = Pick<RemotePackage, 'applicant' | 'proxy' | 'address'>;

/** A case collected here for another hall (schema version 7): the package, its personal fields sealed. */
export interface RemoteCaseRow extends SyncedRecord {
  number: string;
  window: string;
  /** The deciding hall. */
  target: string;
  collectedAt: string;
  attachments: string[];
  body: Omit<RemotePackage, keyof RemotePersonalFields>;
  /** {@link RemotePersonalFields}, sealed for `remoteCases`/`id`. */
  sealed: Sealed;
}

/** An attachment at rest: its bytes encrypted, named by the SHA-256 of the clear bytes. */
export interface AttachmentRow {
  sha256: string;
  size: number;
  type: string;
  /** 1 once the hall holds it. */
  uploaded: 0 | 1;
  createdAt: string;
  /** Key id and IV of the ciphertext in `data`. */
  key: string;
  iv: Uint8Array;
  /** Ciphertext (AES-GCM, additional data `attachments`/`sha256`). */
  data: Blob;
}

/** A draft at rest. */
export interface DraftRow {
  id: string;
  /** The case it will become, when known. */
  caseId?: string;
  updatedAt: string;
  /** Attachments its materials reference (kept through a purge). */
  attachments: string[];
  sealed: Sealed;
}

/** The local tables that hold the records mutations save, with their rows. */
export interface RecordTables {
  cases: CaseRow;
  ratings: RatingRow;
  assistVisits: AssistVisitRow;
  remoteCases: RemoteCaseRow;
}

/** A table of {@link RecordTables}. */
export type RecordTable = keyof RecordTables;

/** Where a mutation is in its life. */
export type OutboxState = 'pending' | 'parked' | 'acknowledged';

/** Why a mutation is parked: the hall's rejection code, or what stopped it before the hall saw it. */
export type ParkCode =
  RejectionCode | 'attachment-refused' | 'attachment-unreadable' | 'request-refused' | 'undecryptable' | 'unknown-kind';

/**
 * One queued mutation. Its payload is sealed until acknowledged, then dropped. Its sending order is in
 * {@link OutboxOrderRow} (schema version 4; in version 3 it was the row's own `seq`).
 */
export interface OutboxRow {
  /** The mutation's client ULID: the hall applies it at most once. */
  id: string;
  kind: MutationKind;
  /** Ordering key: mutations of one subject (a case) are sent one after the other. */
  subject: string;
  /** The table of the record it saves, as the kind registry said when it was queued (the registry is what is read). */
  table: RecordTable;
  /** The record the mutation saves. */
  record: string;
  /**
   * For a versioned record: what the save is based on (computed in the save's transaction from the stored record,
   * see `SyncedRecord.pending` and `.version`), sent with it. Absent for a record new to the hall. Not personal.
   */
  base?: MutationBase;
  /** What the clerk recognises it by (the case number), never personal data. */
  label?: string;
  /** Attachments the hall must hold before it accepts the mutation. */
  attachments: string[];
  state: OutboxState;
  createdAt: string;
  /** Times it was sent. */
  attempts: number;
  /** The payload, sealed for `outbox`/`id`; removed once acknowledged. */
  sealed?: Sealed;
  /** Why it is parked; `missing` lists the hashes at fault for `missing-attachments` and `attachment-unreadable`. */
  parked?: { code: ParkCode; message: string; at: string; missing?: string[]; issues?: string[] };
  /** The hall's acknowledgement; `version` is the hall version the mutation made, for a versioned record. */
  acknowledged?: { status: 'applied' | 'duplicate'; at: string; appliedAt: string; version?: number };
}

/**
 * The sending order of an outbox mutation (schema version 4), removed with it. `seq` comes from IndexedDB's key
 * generator when the transaction that queues the mutation adds this row, so it follows commit order across tabs,
 * and whatever the clock did, with no read in the save. Ids (ULIDs) do not: a clock stepped back, or a caller's id,
 * can sort a later mutation first.
 */
export interface OutboxOrderRow {
  /** Local sending order: increasing in commit order, never reused. */
  seq: number;
  /** The mutation ({@link OutboxRow.id}). */
  id: string;
}

/** A line of the workstation's own audit log (store events and entries given to saveCase). */
export interface AuditRow {
  id: string;
  caseId?: string;
  at: string;
  actor: string;
  window?: string;
  action: string;
  from?: AuditEntry['from'];
  to?: AuditEntry['to'];
  /** `{ reason, materialIds }` sealed for `audit`/`id`, when the entry has a reason. */
  sealed?: Sealed;
  materialIds?: string[];
  /** The outbox mutation the line is about (e.g. `discard-mutation`). */
  mutationId?: string;
}

/** A catalog version the workstation downloaded. */
export interface CatalogRow {
  version: string;
  savedAt: string;
  snapshot: CatalogSnapshot;
}

/** A ticket as last seen. */
export type TicketRow = Ticket;

/** A key/value of sync bookkeeping (`lastSuccessAt`, `lastEventId`, `catalogVersion` …). */
export interface SyncStateRow {
  key: string;
  value: unknown;
}

/** The case numberer of one window, saved with the case that used its last number. */
export interface CaseNumberRow {
  /** `hall/window`. */
  key: string;
  state: CaseNumbererState;
}
