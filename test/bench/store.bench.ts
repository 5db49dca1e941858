// Runs in Chromium (bundled and served by scripts/bench.mjs): the workstation store's save of a case with its
// outbox entry (encrypted, committed) beside a raw IndexedDB put of the same rows, and the sync engine sending
// 1,000 queued mutations to a real hall server on loopback.
import { HttpHallClient } from '@yichuang/hall-client';
import { SyncEngine, WorkstationStore } from '@yichuang/store';
import { LOGINS, makeCase } from '../../packages/hall-client/test/support/fixtures.js';
import { percentileMs } from './percentile.mjs';

const WARM_UP = 50;

function idbRequest<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** An object store's layout: key path and indexes. */
interface Layout {
  keyPath: string;
  indexes: { name: string; keyPath: string | string[]; multiEntry: boolean }[];
}

/** The layout of one of the store's tables, as its IndexedDB object store has it. */
function layoutOf(db: IDBDatabase, table: string): Layout {
  const objectStore = db.transaction(table).objectStore(table);
  return {
    keyPath: objectStore.keyPath as string,
    indexes: [...objectStore.indexNames].map((name) => {
      const index = objectStore.index(name);
      return { name, keyPath: index.keyPath, multiEntry: index.multiEntry };
    }),
  };
}

/**
 * Opens a bare IndexedDB database whose `cases` and `outbox` object stores have the same key paths and indexes as
 * the store's (so the baseline does the same storage work: the same rows, the same index entries).
 */
async function rawDatabase(name: string, layouts: Record<'cases' | 'outbox', Layout>): Promise<IDBDatabase> {
  await idbRequest(indexedDB.deleteDatabase(name));
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    for (const [table, layout] of Object.entries(layouts)) {
      const objectStore = open.result.createObjectStore(table, { keyPath: layout.keyPath });
      for (const index of layout.indexes) {
        objectStore.createIndex(index.name, index.keyPath, { multiEntry: index.multiEntry });
      }
    }
  };
  return idbRequest(open);
}

/**
 * `store.save`: `count` cases saved one after another (after a warm-up), each timed from the call to the
 * committed transaction. Baseline: the very rows the store wrote (the encrypted case row and its outbox row), put
 * with the raw IndexedDB API in one transaction into object stores of the same key paths and indexes, each timed
 * the same way. The difference is what the store adds: validation, encryption, Dexie.
 */
export async function storeSave(count = 500): Promise<Record<string, number>> {
  const name = 'yichuang-bench-save';
  await WorkstationStore.open({ name, persist: false }).then((old) => old.deleteDatabase());
  const store = await WorkstationStore.open({ name, persist: false });
  await store.unlock(LOGINS.clerk.user, LOGINS.clerk.password);
  const cases = Array.from({ length: WARM_UP + count }, () => makeCase());
  const samples: number[] = [];
  const saved: { caseId: string; mutationId: string }[] = [];
  for (const [i, value] of cases.entries()) {
    const start = performance.now();
    const result = await store.saveCase(value);
    const elapsed = performance.now() - start;
    if (i >= WARM_UP) {
      samples.push(elapsed);
      saved.push({ caseId: result.case.id, mutationId: result.mutationId });
    }
  }
  const rows = await Promise.all(
    saved.map(async ({ caseId, mutationId }) => ({
      caseRow: await store.db.cases.get(caseId),
      outboxRow: await store.db.outbox.get(mutationId),
      caseId,
      mutationId,
    })),
  );
  if (rows.some((row) => !row.caseRow || !row.outboxRow)) throw new Error('store.save: a saved row is missing');
  const idb = store.db.backendDB();
  const raw = await rawDatabase('yichuang-bench-raw', {
    cases: layoutOf(idb, 'cases'),
    outbox: layoutOf(idb, 'outbox'),
  });
  const baseline: number[] = [];
  const warmUp = rows.slice(0, WARM_UP).map((row) => ({
    ...row,
    caseRow: { ...row.caseRow!, id: `warm-${row.caseId}` },
    outboxRow: { ...row.outboxRow!, id: `warm-${row.mutationId}` },
  }));
  for (const [i, row] of [...warmUp, ...rows].entries()) {
    const start = performance.now();
    const tx = raw.transaction(['cases', 'outbox'], 'readwrite');
    tx.objectStore('cases').put(row.caseRow);
    tx.objectStore('outbox').put(row.outboxRow);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    if (i >= WARM_UP) baseline.push(performance.now() - start);
  }
  // A third reference: the same rows through a bare Dexie transaction on the store's own tables (no validation, no
  // encryption), to show how much of the store's time is Dexie's own (transaction, live-query bookkeeping).
  const dexie: number[] = [];
  for (const [i, row] of [...warmUp, ...rows].entries()) {
    const caseRow = { ...row.caseRow!, id: `dexie-${i}-${row.caseId}` };
    const outboxRow = { ...row.outboxRow!, id: `dexie-${i}-${row.mutationId}` };
    const start = performance.now();
    await store.db.transaction('rw', [store.db.cases, store.db.outbox], () =>
      Promise.all([store.db.cases.put(caseRow), store.db.outbox.add(outboxRow)]),
    );
    if (i >= WARM_UP) dexie.push(performance.now() - start);
  }
  const bytes = new Blob([JSON.stringify(rows[0]!.caseRow), JSON.stringify(rows[0]!.outboxRow)]).size;
  raw.close();
  await idbRequest(indexedDB.deleteDatabase('yichuang-bench-raw'));
  await store.deleteDatabase();
  return {
    'store.save.p50_ms': percentileMs(samples, 50),
    'store.save.p95_ms': percentileMs(samples, 95),
    'store.save.baseline_p50_ms': percentileMs(baseline, 50),
    'store.save.baseline_p95_ms': percentileMs(baseline, 95),
    'store.save.dexie_only_p50_ms': percentileMs(dexie, 50),
    'store.save.dexie_only_p95_ms': percentileMs(dexie, 95),
    'store.save.count': count,
    'store.save.record_bytes': bytes,
  };
}

/**
 * `sync.1000`: 1,000 cases confirmed at the window while the engine is idle, then sent to the hall by the sync
 * engine (batches of 100), timed from the first request to the last acknowledgement. Resolves with the time and
 * the case ids, so the bench script can count on the hall's own database what arrived.
 */
export async function sync1000(hallUrl: string, count = 1000): Promise<{ ms: number; ids: string[]; outcome: string }> {
  const name = 'yichuang-bench-sync';
  await WorkstationStore.open({ name, persist: false }).then((old) => old.deleteDatabase());
  const store = await WorkstationStore.open({ name, persist: false });
  await store.unlock(LOGINS.clerk.user, LOGINS.clerk.password);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await store.saveCase(makeCase())).case.id);
  const client = new HttpHallClient({ baseUrl: hallUrl });
  await client.login(LOGINS.clerk);
  const engine = new SyncEngine(store, client, { hints: null, lockName: `yc-sync-engine:${name}` });
  const start = performance.now();
  let report = await engine.syncNow();
  while (report.outcome === 'done' && report.remaining > 0) report = await engine.syncNow();
  const ms = Math.round((performance.now() - start) * 10) / 10;
  await client.logout();
  await store.deleteDatabase();
  return { ms, ids, outcome: report.outcome };
}
