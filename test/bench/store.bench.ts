// Runs in Chromium (bundled and served by scripts/bench.mjs): the workstation store's save of a case with its
// outbox entry (encrypted, committed) beside a raw IndexedDB put of the same rows, and the sync engine sending
// 1,000 queued mutations to a real hall server on loopback.
import { HttpHallClient } from '@yichuang/hall-client';
import { SyncEngine, WorkstationStore } from '@yichuang/store';
import { LOGINS, makeCase } from '../../packages/hall-client/test/support/fixtures.js';

const WARM_UP = 50;

/** p-th percentile of samples (ms), rounded to 0.001 ms. */
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const value = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  return Math.round(value * 1000) / 1000;
}

function idbRequest<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Opens a bare IndexedDB database with two object stores, for the baseline. */
async function rawDatabase(name: string): Promise<IDBDatabase> {
  await idbRequest(indexedDB.deleteDatabase(name));
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    open.result.createObjectStore('cases');
    open.result.createObjectStore('outbox');
  };
  return idbRequest(open);
}

/**
 * `store.save`: `count` cases saved one after another (after a warm-up), each timed from the call to the
 * committed transaction. Baseline: the very rows the store wrote (the encrypted case row and its outbox row), put
 * into a raw IndexedDB database in one transaction, each timed the same way.
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
  const raw = await rawDatabase('yichuang-bench-raw');
  const baseline: number[] = [];
  for (const [i, row] of [...rows.slice(0, WARM_UP), ...rows].entries()) {
    const start = performance.now();
    const tx = raw.transaction(['cases', 'outbox'], 'readwrite');
    tx.objectStore('cases').put(row.caseRow, `${i}:${row.caseId}`);
    tx.objectStore('outbox').put(row.outboxRow, `${i}:${row.mutationId}`);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    if (i >= WARM_UP) baseline.push(performance.now() - start);
  }
  const bytes = new Blob([JSON.stringify(rows[0]!.caseRow), JSON.stringify(rows[0]!.outboxRow)]).size;
  raw.close();
  await idbRequest(indexedDB.deleteDatabase('yichuang-bench-raw'));
  await store.deleteDatabase();
  return {
    'store.save.p50_ms': percentile(samples, 50),
    'store.save.p95_ms': percentile(samples, 95),
    'store.save.baseline_p50_ms': percentile(baseline, 50),
    'store.save.baseline_p95_ms': percentile(baseline, 95),
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
