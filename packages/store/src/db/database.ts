import { Dexie, type Table, type Transaction } from 'dexie';
import { parseCaseNumber } from '@yichuang/core';
import { storeKind } from '../kinds/registry.js';
import type {
  AssistVisitRow,
  RemoteCaseRow,
  AttachmentRow,
  AuditRow,
  CaseNumberRow,
  CaseRow,
  CatalogRow,
  DraftRow,
  KeyringRow,
  OutboxOrderRow,
  OutboxRow,
  RatingRow,
  RecordTable,
  SyncStateRow,
  SyncedRecord,
  TicketRow,
} from './rows.js';

/** The default database name: one per clerk workstation profile. */
export const DEFAULT_DATABASE_NAME = 'yichuang';

/** Tables unchanged since version 1. */
const BASE_TABLES = {
  catalog: 'version, savedAt',
  drafts: 'id, caseId, updatedAt',
  attachments: 'sha256, uploaded',
  tickets: 'id, status, issuedAt',
  ratings: 'id, caseId, synced',
  outbox: 'id, state, subject, record',
  audit: 'id, caseId',
  syncState: 'key',
  caseNumbers: 'key',
  keyring: 'user',
} as const;

/**
 * Every schema version, oldest first, with the upgrade that brings data from the version before. The store opens
 * the last one; tests open an older one to check the upgrades.
 *
 * - 1: first layout; a case's `synced` was a boolean (not indexable).
 * - 2: `synced` becomes 0/1 and is indexed (the purge and the sync engine find synced cases without a scan); a
 *   case gains `day` (China day of its number) with `[status+day]` for "today's cases by status"; attachments
 *   are indexed by the cases that reference them.
 * - 3: outbox rows gain `seq` (indexed), their sending order; existing rows are numbered in id order.
 * - 4: the sending order moves to its own table, `outboxOrder` (`++seq, &id`): IndexedDB's key generator numbers
 *   a mutation when its save commits, so the save need not read the highest `seq` first. Each outbox row's `seq`
 *   is carried over as it was (the generator continues after the highest) and removed from the row.
 * - 5: saves of versioned records (cases) name their base (`OutboxRow.base`) and the record keeps its hall version
 *   and last unacknowledged save (`SyncedRecord.version`, `.pending`): new optional fields, no new index. Saves
 *   queued before are chained: each waiting save of a record after the first is based on the one before it
 *   (`{ mutation }`), and the record's pending marker names its last. (The first waiting save of a record the hall
 *   already holds has no base to name, the version being unknown: the hall refuses it as stale, for the clerk.)
 * - 6: `assistVisits`, the helper desk's visits (帮办代办), found by helper and status for the helper's ledger.
 * - 7: `remoteCases`, the cases collected at a window for another region's hall (跨省通办).
 */
export const SCHEMA_VERSIONS: readonly {
  version: number;
  stores: Record<string, string>;
  upgrade?: (tx: Transaction) => Promise<unknown>;
}[] = [
  { version: 1, stores: { ...BASE_TABLES, cases: 'id, status, updatedAt' } },
  {
    version: 2,
    stores: { ...BASE_TABLES, cases: 'id, status, updatedAt, synced, day, [status+day], *attachments' },
    upgrade: (tx) =>
      tx
        .table('cases')
        .toCollection()
        .modify((row: Record<string, unknown>) => {
          row.synced = row.synced === true || row.synced === 1 ? 1 : 0;
          row.day = typeof row.number === 'string' ? parseCaseNumber(row.number).date : '';
          if (!Array.isArray(row.attachments)) row.attachments = [];
        }),
  },
  {
    version: 3,
    stores: {
      ...BASE_TABLES,
      cases: 'id, status, updatedAt, synced, day, [status+day], *attachments',
      outbox: 'id, state, subject, record, seq',
    },
    upgrade: async (tx) => {
      const table = tx.table('outbox');
      const rows = (await table.toArray()) as { id: string; seq?: number }[];
      rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      rows.forEach((row, i) => (row.seq = i + 1));
      await table.bulkPut(rows);
    },
  },
  {
    version: 4,
    stores: {
      ...BASE_TABLES,
      cases: 'id, status, updatedAt, synced, day, [status+day], *attachments',
      outbox: 'id, state, subject, record',
      outboxOrder: '++seq, &id',
    },
    upgrade: async (tx) => {
      const table = tx.table('outbox');
      const rows = (await table.toArray()) as { id: string; seq: number }[];
      await tx.table('outboxOrder').bulkAdd(rows.map(({ id, seq }) => ({ seq, id })));
      await table.toCollection().modify((row: { seq?: number }) => {
        delete row.seq;
      });
    },
  },
  {
    version: 5,
    stores: {
      ...BASE_TABLES,
      cases: 'id, status, updatedAt, synced, day, [status+day], *attachments',
      outbox: 'id, state, subject, record',
      outboxOrder: '++seq, &id',
    },
    upgrade: chainQueuedSaves,
  },
  {
    version: 6,
    stores: {
      ...BASE_TABLES,
      cases: 'id, status, updatedAt, synced, day, [status+day], *attachments',
      outbox: 'id, state, subject, record',
      outboxOrder: '++seq, &id',
      assistVisits: 'id, status, synced, [helper+status], *attachments',
    },
  },
  {
    version: 7,
    stores: {
      ...BASE_TABLES,
      cases: 'id, status, updatedAt, synced, day, [status+day], *attachments',
      outbox: 'id, state, subject, record',
      outboxOrder: '++seq, &id',
      assistVisits: 'id, status, synced, [helper+status], *attachments',
      remoteCases: 'id, synced, window, collectedAt, *attachments',
    },
  },
];

/** Version 5's upgrade: bases for the saves of versioned records already queued, pending markers for their records. */
async function chainQueuedSaves(tx: Transaction): Promise<void> {
  const [rows, order] = await Promise.all([
    tx.table('outbox').toArray() as Promise<OutboxRow[]>,
    tx.table('outboxOrder').toArray() as Promise<OutboxOrderRow[]>,
  ]);
  const seqOf = new Map(order.map(({ id, seq }) => [id, seq]));
  const waiting = rows
    .filter((row) => row.state !== 'acknowledged' && storeKind(row.kind)?.versioned)
    .sort((a, b) => (seqOf.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (seqOf.get(b.id) ?? Number.MAX_SAFE_INTEGER));
  const lastOf = new Map<RecordTable, Map<string, string>>();
  const chained: OutboxRow[] = [];
  for (const row of waiting) {
    const table = storeKind(row.kind)!.table;
    const last = lastOf.get(table) ?? new Map<string, string>();
    const previous = last.get(row.record);
    if (previous !== undefined && row.base === undefined) chained.push({ ...row, base: { mutation: previous } });
    last.set(row.record, row.id);
    lastOf.set(table, last);
  }
  await tx.table('outbox').bulkPut(chained);
  for (const [table, last] of lastOf) {
    await tx
      .table(table)
      .where('id')
      .anyOf([...last.keys()])
      .modify((record: SyncedRecord) => {
        record.pending ??= last.get(record.id);
      });
  }
}

/** The newest schema version. */
export const SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

/**
 * Declares schema versions `1..upTo` on a Dexie instance.
 *
 * @param upTo the last version to declare; the newest by default.
 */
export function declareSchema(db: Dexie, upTo = SCHEMA_VERSION): void {
  for (const step of SCHEMA_VERSIONS) {
    if (step.version > upTo) break;
    const version = db.version(step.version).stores(step.stores);
    if (step.upgrade) version.upgrade(step.upgrade);
  }
}

/**
 * The workstation's IndexedDB database. Use it through {@link WorkstationStore}, which encrypts personal fields and
 * keeps writes that belong together in one transaction; reading it directly gives sealed rows only.
 */
export class StoreDatabase extends Dexie {
  declare catalog: Table<CatalogRow, string>;
  declare drafts: Table<DraftRow, string>;
  declare cases: Table<CaseRow, string>;
  declare attachments: Table<AttachmentRow, string>;
  declare tickets: Table<TicketRow, string>;
  declare ratings: Table<RatingRow, string>;
  declare assistVisits: Table<AssistVisitRow, string>;
  declare remoteCases: Table<RemoteCaseRow, string>;
  declare outbox: Table<OutboxRow, string>;
  declare outboxOrder: Table<OutboxOrderRow, number, Omit<OutboxOrderRow, 'seq'>>;
  declare audit: Table<AuditRow, string>;
  declare syncState: Table<SyncStateRow, string>;
  declare caseNumbers: Table<CaseNumberRow, string>;
  declare keyring: Table<KeyringRow, string>;

  constructor(name = DEFAULT_DATABASE_NAME) {
    super(name);
    declareSchema(this);
  }
}
