import { ulid } from '@yichuang/core';
import type { Mutation, MutationBase, MutationKind } from '@yichuang/hall-client';
import { Dexie, type Table } from 'dexie';
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
    const records = await this.#store.run(() =>
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
        const standing = await acknowledgeRecords(db, acked);
        if (uploaded.size)
          await db.attachments
            .where('sha256')
            .anyOf([...uploaded])
            .modify({ uploaded: 1 });
        return standing;
      }),
    );
    // The next save of each (its base, its hall version) is guessed from them as they now stand.
    for (const [table, row] of records) this.#store.known.noteRow(table, row);
  }

  /**
   * Sends a parked mutation again (after the clerk fixed what the hall refused, or the hall was fixed). The engine
   * picks it up on its next pass.
   *
   * @throws NotFoundError if it is not parked.
   */
  async retryParked(id: string): Promise<void> {
    const db = this.#store.db;
    await this.#store.run(() =>
      db.transaction('rw', db.outbox, async () => {
        const row = await db.outbox.get(id);
        if (!row || row.state !== 'parked') throw notParked(id, this.#store.locale);
        const { parked: _parked, ...rest } = row;
        await db.outbox.put({ ...rest, state: 'pending' });
      }),
    );
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
    let changed: [RecordTable, string] | undefined;
    await this.#store.run(() =>
      db.transaction('rw', [db.outbox, db.outboxOrder, ...recordTables(db), db.audit], async () => {
        const row = await db.outbox.get(id);
        if (!row || row.state !== 'parked') throw notParked(id, this.#store.locale);
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
        if (!kind) return;
        changed = [kind.table, row.record];
        const table = recordTable(db, kind.table);
        const stored = await table.get(row.record);
        if (!stored || (!last && stored.pending !== id)) return;
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
      }),
    );
    if (changed) this.#store.known.forget(...changed);
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
 *
 * @returns each versioned record as it now stands, with its table.
 */
async function acknowledgeRecords(db: StoreDatabase, acked: readonly Acked[]): Promise<[RecordTable, SyncedRecord][]> {
  if (!acked.length) return [];
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
  const standing: [RecordTable, SyncedRecord][] = [];
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
      if (list.some(({ kind }) => kind.versioned)) for (const row of next.values()) standing.push([name, row]);
    }),
  );
  return standing;
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
 * What is known of a versioned record as stored, as far as its next save needs it: its hall version and its last save
 * not yet acknowledged (the next save's base, see {@link baseOf}), and when it was last changed (a case's
 * `updatedAt`: the stale check's).
 */
export interface KnownRecord {
  version?: number;
  pending?: string;
  updatedAt?: string;
}

/**
 * What one store instance last wrote or read of versioned records, by table and id: a guess at the stored record,
 * so that a save can write at once, in the same breath as the read that checks it (see {@link queueSave}). Only a
 * guess, never trusted: another tab, or an acknowledgement this instance did not see, may have changed the record;
 * the save's read then corrects the writes in the same transaction. Nothing personal (ids, versions, times).
 * Bounded: the records least recently noted are forgotten first (a record not known is guessed new).
 */
export class KnownRecords {
  /** How many records are kept. */
  static readonly LIMIT = 2000;
  readonly #known = new Map<string, KnownRecord>();

  /** What is known of record `id` of `table`, `undefined` if nothing is. */
  get(table: RecordTable, id: string): KnownRecord | undefined {
    return this.#known.get(`${table}/${id}`);
  }

  /** Notes record `id` of `table` as it is now stored (written by a committed transaction, or read). */
  note(table: RecordTable, id: string, known: KnownRecord): void {
    const key = `${table}/${id}`;
    this.#known.delete(key);
    this.#known.set(key, known);
    if (this.#known.size > KnownRecords.LIMIT) this.#known.delete(this.#known.keys().next().value!);
  }

  /** Notes a stored row (see {@link note}). */
  noteRow(table: RecordTable, row: SyncedRecord & { updatedAt?: unknown }): void {
    const known: KnownRecord = {};
    if (row.version !== undefined) known.version = row.version;
    if (row.pending !== undefined) known.pending = row.pending;
    if (typeof row.updatedAt === 'string') known.updatedAt = row.updatedAt;
    this.note(table, row.id, known);
  }

  /** Forgets record `id` of `table` (its next save waits for its read, or guesses it new). */
  forget(table: RecordTable, id: string): void {
    this.#known.delete(`${table}/${id}`);
  }

  /** Forgets every record. */
  clear(): void {
    this.#known.clear();
  }
}

/** Options of {@link queueSave}. */
export interface QueueOptions<R extends SyncedRecord> {
  /**
   * Sees the stored record, as it was before this save (read in the save's transaction, before its writes): throws
   * to refuse the save (the transaction aborts, taking back every write already made).
   */
  check?: (stored: R | undefined) => void;
  /**
   * For a versioned kind: the stored record as the caller expects it (`stored`: `undefined` for none, a record new
   * to the hall), from what this store instance last wrote or read of it ({@link KnownRecords}). Given, the record
   * and the mutation are written at once, with the hall version and the base `stored` implies, in the same breath
   * as the read; if the read finds otherwise, its callback writes both again with what it found, before the
   * transaction commits. Not given, the writes wait for the read.
   */
  expected?: { stored: KnownRecord | undefined };
}

/**
 * Stores a record as saved and queues the mutation that sends it, with its sending order, inside the caller's
 * transaction. The `outboxOrder` row's `seq` comes from IndexedDB's key generator when the transaction adds it, so
 * mutations queued by two tabs are numbered in the order their transactions commit (see `OutboxOrderRow`).
 *
 * For a versioned kind (or when `options.check` is given), the stored record is read first, in the same breath as
 * the caller's other requests: `check` sees it (and throws to abort the transaction: another request's write is then
 * taken back); the row is written with the stored hall version carried over and this mutation as its pending save,
 * and the mutation with its base ({@link baseOf}: the pending save, else the hall version, else none). With
 * `options.expected` those writes go at once, with what was expected, and are made again from the read only when it
 * finds otherwise; IndexedDB answers a transaction's requests in the order they were made, so the read sees the
 * record as it was before this save either way. Otherwise (not versioned, no check) nothing is read: every request
 * goes at once.
 *
 * The requests are made on the tables' DBCore (`Table.core`, every Dexie middleware included: the creating and
 * updating hooks, live-query bookkeeping) rather than through the Table API, whose own promises and scope per request
 * a save need not pay for (the store subscribes no reading hook, the one thing the Table API would add to the read).
 *
 * @returns the requests, to await with the caller's others.
 */
export function queueSave<R extends SyncedRecord>(
  db: StoreDatabase,
  mutation: OutboxRow,
  row: R,
  options: QueueOptions<R> = {},
): Promise<unknown>[] {
  const { check, expected } = options;
  const kind: StoreKind<MutationKind> = STORE_KINDS[mutation.kind];
  const table = recordTable(db, kind.table);
  const trans = Dexie.currentTransaction?.idbtrans;
  if (!trans) throw new Error('queueSave: outside a transaction');
  const order = write(db.outboxOrder, trans, 'add', { id: mutation.id });
  if (!kind.versioned && !check) {
    return [write(table, trans, 'put', row), write(db.outbox, trans, 'add', mutation), order];
  }
  const read = table.core.get({ trans, key: row.id }) as Promise<R | undefined>;
  /** The record as this save leaves it, and the mutation with its base, over `stored` (as they are, not versioned). */
  const saved = (stored: KnownRecord | undefined): [SyncedRecord, OutboxRow] => {
    if (!kind.versioned) return [row, mutation];
    const next: SyncedRecord = { ...row, pending: mutation.id };
    if (stored?.version !== undefined) next.version = stored.version;
    const base = baseOf(stored as SyncedRecord | undefined);
    return [next, base ? { ...mutation, base } : mutation];
  };
  if (!expected || !kind.versioned) {
    return [
      order,
      read.then((stored) => {
        check?.(stored);
        const [record, queued] = saved(stored);
        return Promise.all([write(table, trans, 'put', record), write(db.outbox, trans, 'add', queued)]);
      }),
    ];
  }
  const [record, queued] = saved(expected.stored);
  return [
    order,
    read.then((stored) => {
      check?.(stored);
      const versionKnown = stored?.version === expected.stored?.version;
      const baseKnown = sameBase(baseOf(stored), queued.base);
      if (versionKnown && baseKnown) return undefined;
      // Not as expected (another tab saved the record, or an acknowledgement this instance did not see changed it):
      // written again over the guess, in the same transaction, before it commits.
      const [actual, requeued] = saved(stored);
      return Promise.all([
        versionKnown ? undefined : write(table, trans, 'put', actual),
        baseKnown ? undefined : write(db.outbox, trans, 'put', requeued),
      ]);
    }),
    write(table, trans, 'put', record),
    write(db.outbox, trans, 'add', queued),
  ];
}

/**
 * `value` put into (or added to) `table` inside the transaction `trans`, by the table's DBCore; fails with the
 * request's error as `Table.put` and `Table.add` do (the caller's transaction then aborts).
 */
function write(table: Table, trans: IDBTransaction, type: 'put' | 'add', value: unknown): Promise<unknown> {
  return table.core.mutate({ trans, type, values: [value] }).then((result) => {
    if (result.numFailures) throw result.failures[0];
    return result.lastResult;
  });
}

/** Whether two bases are the same (both none, the same mutation, or the same version). */
function sameBase(a: MutationBase | undefined, b: MutationBase | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return 'mutation' in a ? 'mutation' in b && a.mutation === b.mutation : 'version' in b && a.version === b.version;
}

function notParked(id: string, locale: StoreLocale): NotFoundError {
  return new NotFoundError({
    message: `No parked mutation ${id}.`,
    localized: storeMessage('noParkedMutation', locale),
  });
}
