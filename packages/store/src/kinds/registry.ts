/**
 * The registry of mutation kinds of the workstation store: for each kind of the protocol, how the store keeps the
 * records it saves ({@link StoreKind}). The outbox (queueing, `settle`, `discardParked`), the purge and the sync
 * engine read it; none of them names a kind or a table of its own.
 *
 * ## Adding a kind
 *
 * 1. Declare it in the protocol: its payload schema and whether the hall versions its records, in
 *    `MUTATION_KINDS_SPEC` (`packages/hall-client/src/protocol/mutation.ts`).
 * 2. Teach the hall to apply it: one file in `packages/hall/src/kinds/`, listed in that registry (the engine's).
 * 3. Teach the store to keep it: one file here (`<kind>.ts`, a {@link StoreKind}: its local table, the record id,
 *    the ordering subject, the clerk's label, the attachments it cites, whether it is versioned, what an
 *    acknowledgement does to its record), listed in {@link STORE_KINDS}. A new table also needs its row type
 *    (extending `SyncedRecord`) in `RecordTables` (`db/rows.ts`), a schema version declaring it, with a `synced`
 *    index (`db/database.ts`), and a method of `WorkstationStore` that seals the record's personal fields and
 *    queues the mutation with `queueSave` (`outbox/outbox.ts`).
 *
 * Both registries are typed by the protocol's `MutationKind`: a kind declared in the protocol without its file
 * here (or there) does not compile.
 * @module
 */
import type { MutationBase, MutationKind, MutationPayload } from '@yichuang/hall-client';
import type { Sealed } from '../crypto/cipher.js';
import type { OutboxRow, RecordTable, SyncedRecord } from '../db/rows.js';
import { assistSave } from './assist-save.js';
import { caseSave } from './case-save.js';
import type { StoreKind } from './kind.js';
import { ratingSave } from './rating-save.js';
import { remoteSave } from './remote-save.js';

export type { Acknowledgement, StoreKind } from './kind.js';

/** Every kind of mutation the store queues, by kind. */
export const STORE_KINDS: { readonly [K in MutationKind]: StoreKind<K> } = {
  'case.save': caseSave,
  'rating.save': ratingSave,
  'assist.save': assistSave,
  'remote.save': remoteSave,
};

/**
 * The store's entry for a kind, `undefined` for a kind this build does not know (a row queued by a newer build of
 * the workstation in another tab).
 */
export function storeKind(kind: string): StoreKind<MutationKind> | undefined {
  return Object.hasOwn(STORE_KINDS, kind) ? (STORE_KINDS[kind as MutationKind] as StoreKind<MutationKind>) : undefined;
}

/** Every local table that holds records of some kind, each once. */
export const RECORD_TABLES: readonly RecordTable[] = [
  ...new Set(Object.values(STORE_KINDS).map((kind: StoreKind<MutationKind>) => kind.table)),
];

/** The kinds whose records a table holds. */
export function kindsOf(table: RecordTable): StoreKind<MutationKind>[] {
  return Object.values(STORE_KINDS).filter((kind: StoreKind<MutationKind>) => kind.table === table);
}

/**
 * What a save of a versioned record is based on, from the record as stored: its last save not yet acknowledged
 * (`{ mutation }`), else the hall version last acknowledged (`{ version }`), else nothing (a record new to the hall).
 */
export function baseOf(stored: SyncedRecord | undefined): MutationBase | undefined {
  if (stored?.pending !== undefined) return { mutation: stored.pending };
  if (stored?.version !== undefined) return { version: stored.version };
  return undefined;
}

/** The outbox row of a new mutation of kind `K` (pending, never sent), its facts read through the registry. */
export function outboxRowOf<K extends MutationKind>(
  kind: K,
  mutation: { id: string; payload: MutationPayload<K>; sealed: Sealed; createdAt: string },
): OutboxRow {
  const entry = STORE_KINDS[kind] as StoreKind<K>;
  const { id, payload, sealed, createdAt } = mutation;
  const label = entry.label(payload);
  return {
    id,
    kind,
    subject: entry.subject(payload),
    table: entry.table,
    record: entry.record(payload),
    ...(label === undefined ? {} : { label }),
    attachments: entry.attachments(payload),
    state: 'pending',
    createdAt,
    attempts: 0,
    sealed,
  };
}
