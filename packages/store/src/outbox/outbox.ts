import { ulid } from '@yichuang/core';
import type { Mutation, MutationKind } from '@yichuang/hall-client';
import type { Table } from 'dexie';
import type { Observable } from 'rxjs';
import { unseal } from '../crypto/cipher.js';
import type { StoreDatabase } from '../db/database.js';
import type { OutboxRow, OutboxState, ParkCode, RecordTable, SyncedRecord } from '../db/rows.js';
import { NotFoundError } from '../errors.js';
import { RECORD_TABLES, STORE_KINDS, baseOf, storeKind, type StoreKind } from '../kinds/registry.js';
import { storeMessage, type StoreLocale } from '../messages.js';
import type { WorkstationStore } from '../store.js';

/** How many mutations wait, and how many are parked for the clerk. */
export interface OutboxCounts {
  /** Not yet acknowledged and not parked (including those held behind a parked one of the same case). */
  pending: number;
  /** Refused by the hall (or unsendable), waiting for the clerk. */
  parked: number;
}

/** A parked mutation as the clerk sees it: what it is, why it was refused. No personal data. */
export interface ParkedMutation {
  id: string;
  kind: MutationKind;
  /** The case (or rating) it saves. */
  record: string;
  /** The case number, for case mutations. */
  label?: string;
  code: ParkCode;
  /** The hall's message (or the store's), for the clerk. */
  message: string;
  /**
   * For `missing-attachments`: the hashes the hall still lacks; for `attachment-unreadable`: the hashes this
   * workstation cannot read back.
   */
  missing?: string[];
  /** For `invalid`: the hall's problem lines, each starting with the field's path. */
  issues?: string[];
  at: string;
  /** Times it was sent. */
  attempts: number;
  /** Later mutations of the same case held behind it. */
  holding: number;
}

/** One outbox entry as listed by {@link Outbox.entries} (no payload). */
export interface OutboxEntry {
  id: string;
  /** Sending order. */
  seq: number;
  kind: MutationKind;
  subject: string;
  record: string;
  label?: string;
  state: OutboxState;
  attempts: number;
  createdAt: string;
  attachments: string[];
  parked?: OutboxRow['parked'];
  acknowledged?: OutboxRow['acknowledged'];
}

/** The hall's verdict on sent mutations, for {@link Outbox.settle}. */
export interface Settlement {
  /**
   * Applied (or already applied: `duplicate`); `version` is the hall version the mutation made (versioned records),
   * as the hall's result said.
   */
  acknowledged?: { id: string; status: 'applied' | 'duplicate'; appliedAt: string; version?: number }[];
  /** Refused: parked for the clerk. */
  parked?: { id: string; code: ParkCode; message: string; missing?: string[]; issues?: string[] }[];
  /** Sent but still pending (e.g. to be retried after uploading attachments). */
  retried?: string[];
}

/** An outbox row with its sending order (from the `outboxOrder` table). */
type OrderedRow = OutboxRow & { seq: number };

/** Sending order: the local sequence, allocated when the mutation was queued (not the id: see `OutboxOrderRow`). */
const bySeq = (a: { seq: number }, b: { seq: number }): number => a.seq - b.seq;

function entryOf(row: OrderedRow): OutboxEntry {
  const { sealed: _sealed, ...rest } = row;
  return rest;
}

/**
 * The queue of mutations for the hall. Each mutation carries its client ULID (the hall applies it at most once) and
 * a local sequence number (`seq`, in the `outboxOrder` table) that follows the commit order of the transactions
 * that queued them: mutations go in `seq` order, and those of one subject (a case, with its ratings) one after the
 * other: a subject's first mutation not yet acknowledged must be acknowledged before the next is sent, and a parked
 * one holds the later ones.
 */
export class Outbox {
  readonly #store: WorkstationStore;

  /** @internal made by the store. */
  constructor(store: WorkstationStore) {
    this.#store = store;
  }

  /** Counts by state (no key needed). */
  async counts(): Promise<OutboxCounts> {
    const db = this.#store.db;
    return this.#store.run(() => countOutbox(db));
  }

  /** Counts by state, live. */
  counts$(): Observable<OutboxCounts> {
    const db = this.#store.db;
    return this.#store.live(() => countOutbox(db));
  }

  /** Parked mutations, oldest first, live (no key needed: nothing personal in them). */
  parked$(): Observable<ParkedMutation[]> {
    const db = this.#store.db;
    return this.#store.live(() => listParked(db));
  }

  /** Parked mutations, oldest first. */
  async parked(): Promise<ParkedMutation[]> {
    const db = this.#store.db;
    return this.#store.run(() => listParked(db));
  }

  /** Every entry (acknowledged ones until purged), in sending order, without payloads. */
  async entries(): Promise<OutboxEntry[]> {
    const db = this.#store.db;
    const rows = await this.#store.run(() => inSendingOrder(db, () => db.outbox.toArray()));
    return rows.map(entryOf);
  }

  /**
   * Mutations that may be sent now, in sending order (`seq`): for each subject its first mutation not yet acknowledged, if it is
   * pending (not parked), not in `skip`, and sealed with the unlocked clerk's key. Empty while locked.
   *
   * @param limit at most this many.
   */
  async sendable(limit = Infinity, skip: ReadonlySet<string> = new Set()): Promise<OutboxRow[]> {
    const key = this.#store.user === undefined ? undefined : this.#store.requireKey();
    if (!key) return [];
    const db = this.#store.db;
    const rows = await this.#store.run(() => inSendingOrder(db, () => unacknowledged(db)));
    const decided = new Set<string>();
    const out: OutboxRow[] = [];
    for (const row of rows) {
      if (decided.has(row.subject)) continue;
      decided.add(row.subject);
      if (row.state !== 'pending' || skip.has(row.id) || row.sealed?.key !== key.keyId) continue;
      out.push(row);
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * The mutation a row will send, decrypted: `{ id, kind, payload }`, and the `base` its save was given when it
   * was queued (a versioned record the hall holds, or a save following another one still on its way).
   *
   * @throws StoreLockedError while locked or if another clerk's key sealed it.
   * @throws NotFoundError if it was acknowledged (its payload is gone).
   * @throws DOMException `OperationError` if the sealed payload was damaged.
   */
  async payload(row: OutboxRow): Promise<Mutation> {
    if (!row.sealed) {
      throw new NotFoundError({
        message: `Mutation ${row.id} has no payload any more (already acknowledged).`,
        localized: storeMessage('noPayload', this.#store.locale),
      });
    }
    const payload = await unseal<Mutation['payload']>(this.#store.keyFor(row.sealed), 'outbox', row.id, row.sealed);
    return { id: row.id, kind: row.kind, payload, ...(row.base === undefined ? {} : { base: row.base }) } as Mutation;
  }

  /**
   * Records the hall's verdicts in one transaction: acknowledged mutations drop their payload and tell their record
   * (through its kind's {@link StoreKind.acknowledged}: the hall version recorded, the pending marker cleared when it
   * names them, the record marked synced once none of its mutations waits any more), their attachments are marked
   * uploaded; refused ones are parked with the reason.
   */
  async settle(settlement: Settlement): Promise<void> {
    const db = this.#store.db;
    const acknowledged = settlement.acknowledged ?? [];
    const parked = settlement.parked ?? [];
    const retried = settlement.retried ?? [];
    if (!acknowledged.length && !parked.length && !retried.length) return;
    const at = new Date().toISOString();
    await this.#store.run(() =>
      db.transaction('rw', [db.outbox, ...recordTables(db), db.attachments], async () => {
        const ids = [...acknowledged.map((a) => a.id), ...parked.map((p) => p.id), ...retried];
        const rows = new Map<string, OutboxRow>();
        for (const row of await db.outbox.bulkGet(ids)) if (row) rows.set(row.id, row);
        const updated: OutboxRow[] = [];
        const acked: Acked[] = [];
        const uploaded = new Set<string>();
        for (const verdict of acknowledged) {
          const row = rows.get(verdict.id);
          if (!row || row.state === 'acknowledged') continue;
          const { sealed: _sealed, parked: _parked, ...rest } = row;
          const version = typeof verdict.version === 'number' ? verdict.version : undefined;
          updated.push({
            ...rest,
            state: 'acknowledged',
            attempts: row.attempts + 1,
            acknowledged: {
              status: verdict.status,
              at,
              appliedAt: verdict.appliedAt,
              ...(version === undefined ? {} : { version }),
            },
          });
          acked.push({ row, ...(version === undefined ? {} : { version }) });
          for (const sha of row.attachments) uploaded.add(sha);
        }
        for (const verdict of parked) {
          const row = rows.get(verdict.id);
          if (!row || row.state !== 'pending') continue;
          updated.push({
            ...row,
            state: 'parked',
            attempts: row.attempts + 1,
            parked: {
              code: verdict.code,
              message: verdict.message,
              at,
              ...(verdict.missing ? { missing: verdict.missing } : {}),
              ...(verdict.issues ? { issues: verdict.issues } : {}),
            },
          });
        }
        for (const id of retried) {
          const row = rows.get(id);
          if (row && row.state === 'pending') updated.push({ ...row, attempts: row.attempts + 1 });
        }
        await db.outbox.bulkPut(updated);
        await acknowledgeRecords(db, acked);
        if (uploaded.size)
          await db.attachments
            .where('sha256')
            .anyOf([...uploaded])
            .modify({ uploaded: 1 });
      }),
    );
  }

  /**
   * Sends a parked mutation again (after the clerk fixed what the hall refused, or the hall was fixed). The engine
   * picks it up on its next pass.
   *
   * @throws NotFoundError if it is not parked.
   */
  async retryParked(id: string): Promise<void> {
    const db = this.#store.db;
    const found = await this.#store.run(() =>
      db.transaction('rw', db.outbox, async () => {
        const row = await db.outbox.get(id);
        if (!row || row.state !== 'parked') return false;
        const { parked: _parked, ...rest } = row;
        await db.outbox.put({ ...rest, state: 'pending' });
        return true;
      }),
    );
    // Thrown outside the transaction: Dexie would wrap an error of this name thrown inside in its own.
    if (!found) throw notParked(id, this.#store.locale);
  }

  /**
   * Sends every parked mutation again (e.g. after the hall, or the route to it, was fixed). The engine picks them up
   * on its next pass.
   *
   * @returns how many were parked.
   */
  async retryAllParked(): Promise<number> {
    const db = this.#store.db;
    return this.#store.run(() =>
      db.outbox
        .where('state')
        .equals('parked')
        .modify((row: OutboxRow) => {
          row.state = 'pending';
          delete row.parked;
        }),
    );
  }

  /**
   * Drops a parked mutation for good (the clerk decided the hall was right), releasing the later mutations of its
   * subject. Written to the audit log. The record stays as it is here, not synced: when the discarded mutation was
   * the record's last one, the version held here is not the hall's (the record becomes `diverged`, see
   * {@link WorkstationStore.caseSyncState}) and a purge keeps it until it is saved and sent again.
   *
   * For a versioned record, the save that was based on the discarded one is based on what the discarded one was
   * based on instead (it would be refused as stale otherwise), and the record's pending marker, if it named the
   * discarded save, names the save before it still waiting (or nothing).
   *
   * @throws NotFoundError if it is not parked.
   */
  async discardParked(id: string): Promise<void> {
    const db = this.#store.db;
    const actor = this.#store.user ?? 'unknown';
    const found = await this.#store.run(() =>
      db.transaction('rw', [db.outbox, db.outboxOrder, ...recordTables(db), db.audit], async () => {
        const row = await db.outbox.get(id);
        if (!row || row.state !== 'parked') return false;
        const kind = storeKind(row.kind);
        // The record's mutations, before this one goes: if it is the last, nothing queued carries the version held
        // here; if a later one does, the record is synced again once that one is acknowledged.
        const ofRecord = await inSendingOrder(db, () => db.outbox.where('record').equals(row.record).toArray());
        const position = ofRecord.findIndex((other) => other.id === id);
        const last = position === ofRecord.length - 1;
        const previous = ofRecord
          .slice(0, position)
          .filter((other) => other.state !== 'acknowledged')
          .at(-1);
        const rebased = ofRecord
          .filter((other) => other.base !== undefined && 'mutation' in other.base && other.base.mutation === id)
          .map(({ seq: _seq, base: _base, ...other }): OutboxRow => (row.base ? { ...other, base: row.base } : other));
        await db.outbox.delete(id);
        await removeOrder(db, [id]);
        if (rebased.length) await db.outbox.bulkPut(rebased);
        await db.audit.add({
          id: ulid(),
          ...(kind?.auditUnderRecord ? { caseId: row.record } : {}),
          at: new Date().toISOString(),
          actor,
          action: 'discard-mutation',
          mutationId: row.id,
        });
        if (!kind) return true;
        const table = recordTable(db, kind.table);
        const stored = await table.get(row.record);
        if (!stored || (!last && stored.pending !== id)) return true;
        const next: SyncedRecord = { ...stored };
        if (next.pending === id) {
          if (previous) next.pending = previous.id;
          else delete next.pending;
        }
        if (last) {
          next.synced = 0;
          next.diverged = 1;
        }
        await table.put(next);
        return true;
      }),
    );
    if (!found) throw notParked(id, this.#store.locale);
  }
}

async function countOutbox(db: WorkstationStore['db']): Promise<OutboxCounts> {
  const [pending, parked] = await Promise.all([
    db.outbox.where('state').equals('pending').count(),
    db.outbox.where('state').equals('parked').count(),
  ]);
  return { pending, parked };
}

async function listParked(db: WorkstationStore['db']): Promise<ParkedMutation[]> {
  const rows = await inSendingOrder(db, () => unacknowledged(db));
  const out: ParkedMutation[] = [];
  const first = new Map<string, ParkedMutation>();
  for (const row of rows) {
    if (row.state === 'pending') {
      const blocking = first.get(row.subject);
      if (blocking) blocking.holding += 1;
      continue;
    }
    if (!row.parked) continue;
    const entry: ParkedMutation = {
      id: row.id,
      kind: row.kind,
      record: row.record,
      ...(row.label === undefined ? {} : { label: row.label }),
      code: row.parked.code,
      message: row.parked.message,
      ...(row.parked.missing ? { missing: row.parked.missing } : {}),
      ...(row.parked.issues ? { issues: row.parked.issues } : {}),
      at: row.parked.at,
      attempts: row.attempts,
      holding: 0,
    };
    out.push(entry);
    if (!first.has(row.subject)) first.set(row.subject, entry);
  }
  return out;
}

/** Mutations not yet acknowledged (pending or parked), in no particular order. */
function unacknowledged(db: WorkstationStore['db']): Promise<OutboxRow[]> {
  return db.outbox.where('state').anyOf(['pending', 'parked']).toArray();
}

/**
 * The outbox rows `query` reads, with their sending order, sorted by it. The rows and the order are read at once
 * (one round trip) in one transaction, so every row read has its order. The order table holds one small row per
 * mutation kept (acknowledged ones until purged): reading it whole is one request, where picking rows by id would
 * walk a cursor key by key.
 */
function inSendingOrder(db: WorkstationStore['db'], query: () => Promise<OutboxRow[]>): Promise<OrderedRow[]> {
  return db.transaction('r', [db.outbox, db.outboxOrder], async () => {
    const [rows, order] = await Promise.all([query(), db.outboxOrder.toArray()]);
    const seqOf = new Map(order.map(({ id, seq }) => [id, seq]));
    // A row written around the store, without an order, goes last.
    return rows.map((row) => ({ ...row, seq: seqOf.get(row.id) ?? Number.MAX_SAFE_INTEGER })).sort(bySeq);
  });
}

/**
 * Removes the sending order of mutations being removed from the outbox (inside the caller's transaction).
 *
 * @internal for the outbox and the store's purge.
 */
export async function removeOrder(db: WorkstationStore['db'], ids: readonly string[]): Promise<void> {
  if (ids.length) await db.outboxOrder.where('id').anyOf(ids).delete();
}

/** An acknowledged mutation and the hall version it made, for {@link acknowledgeRecords}. */
interface Acked {
  row: OutboxRow;
  version?: number;
}

/**
 * Tells each acknowledged mutation's record (inside the caller's transaction, after the acknowledged rows are
 * written): its kind's {@link StoreKind.acknowledged} with the hall version, and whether none of the record's
 * mutations waits any more. Acknowledgements of one record apply in the order given.
 */
async function acknowledgeRecords(db: StoreDatabase, acked: readonly Acked[]): Promise<void> {
  if (!acked.length) return;
  const records = [...new Set(acked.map(({ row }) => row.record))];
  const rows = await db.outbox.where('record').anyOf(records).toArray();
  const waiting = new Set(rows.filter((row) => row.state !== 'acknowledged').map((row) => row.record));
  const byTable = new Map<
    RecordTable,
    { kind: StoreKind<MutationKind>; record: string; mutation: string; version?: number }[]
  >();
  for (const { row, version } of acked) {
    const kind = storeKind(row.kind);
    if (!kind) continue; // a kind this build does not know: its record is not ours to change
    const list = byTable.get(kind.table) ?? [];
    list.push({ kind, record: row.record, mutation: row.id, ...(version === undefined ? {} : { version }) });
    byTable.set(kind.table, list);
  }
  await Promise.all(
    [...byTable].map(async ([name, list]) => {
      const table = recordTable(db, name);
      const stored = await table.bulkGet([...new Set(list.map((item) => item.record))]);
      const next = new Map<string, SyncedRecord>();
      for (const row of stored) if (row) next.set(row.id, row);
      for (const { kind, record, mutation, version } of list) {
        const row = next.get(record);
        if (!row) continue;
        const settled = !waiting.has(record);
        next.set(record, kind.acknowledged(row, { mutation, settled, ...(version === undefined ? {} : { version }) }));
      }
      // Only what an acknowledgement changed (a kind answers the row itself when there is nothing to change).
      await table.bulkPut([...next.values()].filter((row) => !stored.includes(row)));
    }),
  );
}

/** A table of records, as the outbox and the purge use it (the fields of {@link SyncedRecord}). */
export function recordTable(db: StoreDatabase, name: RecordTable): Table<SyncedRecord, string> {
  return db[name] as unknown as Table<SyncedRecord, string>;
}

/** Every table of records (for a transaction's scope). */
export function recordTables(db: StoreDatabase): Table<SyncedRecord, string>[] {
  return RECORD_TABLES.map((name) => recordTable(db, name));
}

/**
 * Stores a record as saved and queues the mutation that sends it, with its sending order, inside the caller's
 * transaction. The `outboxOrder` row's `seq` comes from IndexedDB's key generator when the transaction adds it, so
 * mutations queued by two tabs are numbered in the order their transactions commit (see `OutboxOrderRow`).
 *
 * For a versioned kind (or when `check` is given), the stored record is read first, in the same breath as the
 * caller's other requests: `check` sees it (and throws to abort the transaction: another request's write is then
 * taken back); the row is written with the stored hall version carried over and this mutation as its pending save,
 * and the mutation with its base ({@link baseOf}: the pending save, else the hall version, else none). Otherwise
 * nothing is read: every request goes at once.
 *
 * @returns the requests, to await with the caller's others.
 */
export function queueSave<R extends SyncedRecord>(
  db: StoreDatabase,
  mutation: OutboxRow,
  row: R,
  check?: (stored: R | undefined) => void,
): Promise<unknown>[] {
  const kind: StoreKind<MutationKind> = STORE_KINDS[mutation.kind];
  const table = recordTable(db, kind.table);
  const order = db.outboxOrder.add({ id: mutation.id });
  if (!kind.versioned && !check) return [table.put(row), db.outbox.add(mutation), order];
  return [
    order,
    table.get(row.id).then((stored) => {
      check?.(stored as R | undefined);
      if (!kind.versioned) return Promise.all([table.put(row), db.outbox.add(mutation)]);
      const base = baseOf(stored);
      const saved: SyncedRecord = { ...row, pending: mutation.id };
      if (stored?.version !== undefined) saved.version = stored.version;
      return Promise.all([table.put(saved), db.outbox.add(base ? { ...mutation, base } : mutation)]);
    }),
  ];
}

function notParked(id: string, locale: StoreLocale): NotFoundError {
  return new NotFoundError({
    message: `No parked mutation ${id}.`,
    localized: storeMessage('noParkedMutation', locale),
  });
}
