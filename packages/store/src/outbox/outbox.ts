import { ulid } from '@yichuang/core';
import type { Mutation, MutationKind } from '@yichuang/hall-client';
import type { Observable } from 'rxjs';
import { unseal } from '../crypto/cipher.js';
import type { OutboxRow, OutboxState, ParkCode } from '../db/rows.js';
import { NotFoundError } from '../errors.js';
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
  /** Applied (or already applied: `duplicate`). */
  acknowledged?: { id: string; status: 'applied' | 'duplicate'; appliedAt: string }[];
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
   * The mutation a row will send, decrypted.
   *
   * @throws StoreLockedError while locked or if another clerk's key sealed it.
   * @throws DOMException `OperationError` if the sealed payload was damaged.
   */
  async payload(row: OutboxRow): Promise<Mutation> {
    if (!row.sealed) throw new NotFoundError(`Mutation ${row.id} has no payload any more (already acknowledged).`);
    const payload = await unseal<Mutation['payload']>(this.#store.keyFor(row.sealed), 'outbox', row.id, row.sealed);
    return { id: row.id, kind: row.kind, payload } as Mutation;
  }

  /**
   * Records the hall's verdicts in one transaction: acknowledged mutations drop their payload, their case (or
   * rating) is marked synced once none of its mutations waits any more and its attachments as uploaded; refused
   * ones are parked with the reason.
   */
  async settle(settlement: Settlement): Promise<void> {
    const db = this.#store.db;
    const acknowledged = settlement.acknowledged ?? [];
    const parked = settlement.parked ?? [];
    const retried = settlement.retried ?? [];
    if (!acknowledged.length && !parked.length && !retried.length) return;
    const at = new Date().toISOString();
    await this.#store.run(() =>
      db.transaction('rw', [db.outbox, db.cases, db.ratings, db.attachments], async () => {
        const ids = [...acknowledged.map((a) => a.id), ...parked.map((p) => p.id), ...retried];
        const rows = new Map<string, OutboxRow>();
        for (const row of await db.outbox.bulkGet(ids)) if (row) rows.set(row.id, row);
        const updated: OutboxRow[] = [];
        const ackedCases = new Set<string>();
        const ackedRatings = new Set<string>();
        const uploaded = new Set<string>();
        for (const verdict of acknowledged) {
          const row = rows.get(verdict.id);
          if (!row || row.state === 'acknowledged') continue;
          const { sealed: _sealed, parked: _parked, ...rest } = row;
          updated.push({
            ...rest,
            state: 'acknowledged',
            attempts: row.attempts + 1,
            acknowledged: { status: verdict.status, at, appliedAt: verdict.appliedAt },
          });
          (row.table === 'cases' ? ackedCases : ackedRatings).add(row.record);
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
        await markSynced(db, [...ackedCases], [...ackedRatings]);
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
    await this.#store.run(() =>
      db.transaction('rw', db.outbox, async () => {
        const row = await db.outbox.get(id);
        if (!row || row.state !== 'parked') throw new NotFoundError(`No parked mutation ${id}.`);
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
   * case. Written to the audit log. The record stays as it is here, not synced: when the discarded mutation was
   * the case's last one, the version held here is not the hall's (the case becomes `diverged`, see
   * {@link WorkstationStore.caseSyncState}) and a purge keeps it until the case is saved and sent again.
   *
   * @throws NotFoundError if it is not parked.
   */
  async discardParked(id: string): Promise<void> {
    const db = this.#store.db;
    const actor = this.#store.user ?? 'unknown';
    await this.#store.run(() =>
      db.transaction('rw', [db.outbox, db.outboxOrder, db.cases, db.audit], async () => {
        const row = await db.outbox.get(id);
        if (!row || row.state !== 'parked') throw new NotFoundError(`No parked mutation ${id}.`);
        // The case's last mutation, before this one goes: if it is this one, nothing queued carries the version
        // held here; if a later one does, the case is synced again once that one is acknowledged.
        const last =
          row.table === 'cases'
            ? (await inSendingOrder(db, () => db.outbox.where('record').equals(row.record).toArray())).at(-1)
            : undefined;
        await db.outbox.delete(id);
        await removeOrder(db, [id]);
        await db.audit.add({
          id: ulid(),
          ...(row.table === 'cases' ? { caseId: row.record } : {}),
          at: new Date().toISOString(),
          actor,
          action: 'discard-mutation',
          mutationId: row.id,
        });
        if (last?.id === id) await db.cases.where('id').equals(row.record).modify({ synced: 0, diverged: 1 });
      }),
    );
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

/** Marks cases and ratings synced when none of their mutations waits any more (at least one acknowledged). */
async function markSynced(db: WorkstationStore['db'], cases: string[], ratings: string[]): Promise<void> {
  if (!cases.length && !ratings.length) return;
  const rows = await db.outbox
    .where('record')
    .anyOf([...cases, ...ratings])
    .toArray();
  const seen = new Set(rows.map((row) => row.record));
  const waiting = new Set(rows.filter((row) => row.state !== 'acknowledged').map((row) => row.record));
  const done = (id: string): boolean => seen.has(id) && !waiting.has(id);
  const [caseRows, ratingRows] = await Promise.all([
    db.cases.bulkGet(cases.filter(done)),
    db.ratings.bulkGet(ratings.filter(done)),
  ]);
  await Promise.all([
    db.cases.bulkPut(
      caseRows.flatMap((row) => {
        if (!row) return [];
        const { diverged: _diverged, ...rest } = row;
        return [{ ...rest, synced: 1 as const }];
      }),
    ),
    db.ratings.bulkPut(ratingRows.flatMap((row) => (row ? [{ ...row, synced: 1 as const }] : []))),
  ]);
}
