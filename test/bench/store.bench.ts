// Runs in Chromium (bundled and served by scripts/bench.mjs): the workstation store's save of a case with its
// outbox entry (encrypted, committed) beside raw IndexedDB puts of the same rows (sealed beforehand, and sealed in the
// timed work with raw WebCrypto), and the sync engine sending 1,000 queued mutations to a real hall server on
// loopback.
import type { Case } from '@yichuang/core';
import { HttpHallClient } from '@yichuang/hall-client';
import { SyncEngine, WorkstationStore } from '@yichuang/store';
import { additionalData } from '../../packages/store/src/crypto/cipher.js';
import { LOGINS, makeCase } from '../../packages/hall-client/test/support/fixtures.js';
import { percentileMs } from './percentile.mjs';

const WARM_UP = 50;

function idbRequest<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** An object store's layout: key path, key generator and indexes. */
interface Layout {
  keyPath: string;
  autoIncrement: boolean;
  indexes: { name: string; keyPath: string | string[]; multiEntry: boolean; unique: boolean }[];
}

/** The layout of one of the store's tables, as its IndexedDB object store has it. */
function layoutOf(db: IDBDatabase, table: string): Layout {
  const objectStore = db.transaction(table).objectStore(table);
  return {
    keyPath: objectStore.keyPath as string,
    autoIncrement: objectStore.autoIncrement,
    indexes: [...objectStore.indexNames].map((name) => {
      const index = objectStore.index(name);
      return { name, keyPath: index.keyPath, multiEntry: index.multiEntry, unique: index.unique };
    }),
  };
}

/**
 * Opens a bare IndexedDB database whose object stores have the same key paths, key generators and indexes as the
 * store's tables of the same names (so a baseline does the same storage work: the same rows, the same index entries).
 */
async function rawDatabase(name: string, layouts: Record<string, Layout>): Promise<IDBDatabase> {
  await idbRequest(indexedDB.deleteDatabase(name));
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    for (const [table, layout] of Object.entries(layouts)) {
      const objectStore = open.result.createObjectStore(table, {
        keyPath: layout.keyPath,
        autoIncrement: layout.autoIncrement,
      });
      for (const index of layout.indexes) {
        objectStore.createIndex(index.name, index.keyPath, { multiEntry: index.multiEntry, unique: index.unique });
      }
    }
  };
  return idbRequest(open);
}

/** `count` small read-write transactions on a scratch database (deleted afterwards). */
async function warmIndexedDb(count: number): Promise<void> {
  const name = 'yichuang-bench-warm-up';
  const db = await rawDatabase(name, { rows: { keyPath: 'id', autoIncrement: false, indexes: [] } });
  for (let i = 0; i < count; i++) {
    const tx = db.transaction('rows', 'readwrite');
    tx.objectStore('rows').put({ id: i % 20, at: i, text: 'warm-up' });
    await committed(tx);
  }
  db.close();
  await idbRequest(indexedDB.deleteDatabase(name));
}

/** Resolves when a transaction has committed. */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

const encoder = new TextEncoder();

/**
 * Seals a JSON value as the store does (`packages/store/src/crypto/cipher.ts`), with WebCrypto directly: AES-GCM under
 * `key`, a random 96-bit IV, the record's place (`yc1|table|id`) as additional data.
 */
async function rawSeal(key: CryptoKey, keyId: string, table: string, id: string, value: unknown) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(table, id) },
    key,
    encoder.encode(JSON.stringify(value)),
  );
  return { key: keyId, iv, data };
}

/**
 * `store.save`: `count` cases saved one after another (after a warm-up), each timed from the call to the
 * committed transaction. Two baselines, each timed the same way:
 *
 * - `baseline`: the very rows the store wrote (the encrypted case row and its outbox row), sealed beforehand, put
 *   with the raw IndexedDB API in one transaction into object stores of the same key paths and indexes. The
 *   difference is what the store adds: validation, encryption, Dexie.
 * - `baseline_sealed`: the least work a save must do. The same fields the store seals (the case's applicant, proxy
 *   and audit trail for its row; the whole case for its outbox entry), sealed with raw WebCrypto as the store seals
 *   them (AES-GCM, a non-extractable 256-bit key, a random 96-bit IV, the same additional data), and the resulting
 *   rows (the case row, its outbox row and its sending-order row, as the store writes them) put with the raw
 *   IndexedDB API in one transaction into object stores of the store's layout: sealing and put timed together. The
 *   difference is what the store adds beyond the work itself: validation, the stale check, Dexie.
 */
export async function storeSave(count = 500): Promise<Record<string, number>> {
  // The page's IndexedDB is warmed up first, so that the saves, timed first, do not pay for it alone while the
  // baselines, timed after them, run warm.
  await warmIndexedDb(300);
  const name = 'yichuang-bench-save';
  await WorkstationStore.open({ name, persist: false }).then((old) => old.deleteDatabase());
  const store = await WorkstationStore.open({ name, persist: false });
  await store.unlock(LOGINS.clerk.user, LOGINS.clerk.password);
  const cases = Array.from({ length: WARM_UP + count }, () => makeCase());
  const samples: number[] = [];
  const saved: { caseId: string; mutationId: string; value: Case }[] = [];
  for (const [i, value] of cases.entries()) {
    const start = performance.now();
    const result = await store.saveCase(value);
    const elapsed = performance.now() - start;
    if (i >= WARM_UP) {
      samples.push(elapsed);
      saved.push({ caseId: result.case.id, mutationId: result.mutationId, value: result.case });
    }
  }
  const rows = await Promise.all(
    saved.map(async ({ caseId, mutationId, value }) => ({
      caseRow: await store.db.cases.get(caseId),
      outboxRow: await store.db.outbox.get(mutationId),
      caseId,
      mutationId,
      value,
    })),
  );
  if (rows.some((row) => !row.caseRow || !row.outboxRow)) throw new Error('store.save: a saved row is missing');
  const idb = store.db.backendDB();
  const raw = await rawDatabase('yichuang-bench-raw', {
    cases: layoutOf(idb, 'cases'),
    outbox: layoutOf(idb, 'outbox'),
  });
  const rawSealed = await rawDatabase('yichuang-bench-raw-sealed', {
    cases: layoutOf(idb, 'cases'),
    outbox: layoutOf(idb, 'outbox'),
    outboxOrder: layoutOf(idb, 'outboxOrder'),
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
    await committed(tx);
    if (i >= WARM_UP) baseline.push(performance.now() - start);
  }
  // The least work: seal what the store seals, then put the rows, timed together. The rows are the store's own with
  // their sealed fields made anew in the timed work (the rest of a row is what the store builds from the case).
  const dataKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const keyId = rows[0]!.caseRow!.sealed.key;
  const sealedBaseline: number[] = [];
  for (const [i, row] of [...warmUp, ...rows].entries()) {
    const { applicant, proxy, audit } = row.value;
    const start = performance.now();
    const [caseSealed, payloadSealed] = await Promise.all([
      rawSeal(dataKey, keyId, 'cases', row.caseRow!.id, { applicant, proxy, audit }),
      rawSeal(dataKey, keyId, 'outbox', row.outboxRow!.id, row.value),
    ]);
    const tx = rawSealed.transaction(['cases', 'outbox', 'outboxOrder'], 'readwrite');
    tx.objectStore('cases').put({ ...row.caseRow!, sealed: caseSealed });
    tx.objectStore('outbox').put({ ...row.outboxRow!, sealed: payloadSealed });
    tx.objectStore('outboxOrder').add({ id: row.outboxRow!.id });
    await committed(tx);
    if (i >= WARM_UP) sealedBaseline.push(performance.now() - start);
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
  rawSealed.close();
  await idbRequest(indexedDB.deleteDatabase('yichuang-bench-raw'));
  await idbRequest(indexedDB.deleteDatabase('yichuang-bench-raw-sealed'));
  await store.deleteDatabase();
  return {
    'store.save.p50_ms': percentileMs(samples, 50),
    'store.save.p95_ms': percentileMs(samples, 95),
    'store.save.baseline_p50_ms': percentileMs(baseline, 50),
    'store.save.baseline_p95_ms': percentileMs(baseline, 95),
    'store.save.baseline_sealed_p50_ms': percentileMs(sealedBaseline, 50),
    'store.save.baseline_sealed_p95_ms': percentileMs(sealedBaseline, 95),
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
