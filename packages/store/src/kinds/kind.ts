/**
 * What the workstation store knows of a kind of mutation: how it keeps the records that kind saves. See
 * `registry.ts` for the registry and how to add a kind.
 * @module
 */
import type { MUTATION_KINDS_SPEC, MutationKind, MutationPayload } from '@yichuang/hall-client';
import type { RecordTable, SyncedRecord } from '../db/rows.js';

/** What the hall's acknowledgement of one mutation (applied, or `duplicate`) tells the record it saved. */
export interface Acknowledgement {
  /** The mutation acknowledged. */
  mutation: string;
  /** For a versioned record: the hall version that mutation made, when the hall said. */
  version?: number;
  /** None of the record's mutations waits any more (pending or parked): the hall holds the version stored here. */
  settled: boolean;
}

/**
 * How the store keeps the records of mutation kind `K`. Everything here is read from the payload as queued and is
 * stored in clear on the outbox row: none of it may be personal data.
 */
export interface StoreKind<K extends MutationKind> {
  readonly kind: K;
  /** The local table that holds its records (their rows extend {@link SyncedRecord}). */
  readonly table: RecordTable;
  /**
   * Whether the hall versions its records (the protocol's `MUTATION_KINDS_SPEC`): a save then names its base, the
   * record keeps the hall's version and its last save not yet acknowledged (`SyncedRecord.version`, `.pending`).
   */
  readonly versioned: (typeof MUTATION_KINDS_SPEC)[K]['versioned'];
  /**
   * Whether lines of the workstation's audit log about a record are filed under its id (`AuditRow.caseId`): a
   * discarded mutation's line goes there, and a purge removes them with the record.
   */
  readonly auditUnderRecord: boolean;
  /** The id of the record it saves. */
  record(payload: MutationPayload<K>): string;
  /**
   * Its ordering subject: mutations of one subject are sent one after the other, a parked one holds the later
   * ones, and a purge keeps a record while a mutation of its subject waits.
   */
  subject(payload: MutationPayload<K>): string;
  /** What the clerk recognises the record by in lists of parked mutations (a case number), never personal data. */
  label(payload: MutationPayload<K>): string | undefined;
  /** SHA-256 of every attachment it cites: uploaded before it is sent, kept by a purge while it waits. */
  attachments(payload: MutationPayload<K>): string[];
  /** The record as the hall's acknowledgement leaves it (mark synced, record the hall version …). */
  acknowledged<R extends SyncedRecord>(row: R, ack: Acknowledgement): R;
}

/** Marks a record synced once none of its mutations waits (no longer diverged: the hall holds this version). */
export function markSynced<R extends SyncedRecord>(row: R, ack: Acknowledgement): R {
  if (!ack.settled) return row;
  const { diverged: _diverged, ...rest } = row;
  return { ...rest, synced: 1 } as R;
}

/**
 * Records the hall version an acknowledged save made (versions only grow: an older one, from a late duplicate,
 * changes nothing) and clears the record's pending marker when it names the acknowledged mutation.
 */
export function recordVersion<R extends SyncedRecord>(row: R, ack: Acknowledgement): R {
  const next = { ...row };
  if (ack.version !== undefined && (next.version === undefined || ack.version > next.version)) {
    next.version = ack.version;
  }
  if (next.pending === ack.mutation) delete next.pending;
  return next;
}
