import { expect } from '@open-wc/testing';
import { Dexie } from 'dexie';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { chinaDay } from '@yichuang/core';
import { SCHEMA_VERSION, WorkstationStore, declareSchema, isConnectionLost } from '@yichuang/store';
import {
  CLERK,
  PERSON,
  SECRET,
  Stores,
  TEST_ITERATIONS,
  makeCase,
  makeRating,
  resaved,
  until,
} from './support/fixtures.js';
import { rawDump } from './support/raw.js';

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

describe('store: schema versions', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('upgrades a version-1 database: synced becomes an indexed 0/1, cases gain their day, data intact', async () => {
    // Real sealed rows, made by the current store, copied into a database of the version-1 layout.
    const source = await stores.open();
    const syncedCase = makeCase();
    const pendingCase = makeCase();
    await source.saveCase(syncedCase);
    await source.saveCase(pendingCase);
    const dump = await rawDump(source.name);
    const name = `${source.name}-v1`;
    const v1 = new Dexie(name);
    declareSchema(v1, 1);
    await v1.open();
    expect(v1.verno).to.equal(1);
    await v1.table('keyring').bulkAdd(dump.keyring!);
    const v1Cases = (dump.cases as Record<string, unknown>[]).map(
      ({ day: _day, attachments: _a, synced: _s, ...row }) => ({
        ...row,
        synced: row.id === syncedCase.id,
      }),
    );
    await v1.table('cases').bulkAdd(v1Cases);
    await v1.table('outbox').bulkAdd(dump.outbox!);
    v1.close();

    const store = await WorkstationStore.open({ name, kdfIterations: TEST_ITERATIONS, persist: false });
    try {
      expect(store.db.verno).to.equal(SCHEMA_VERSION);
      await store.unlock(CLERK, SECRET);
      expect(await store.getCase(syncedCase.id)).to.deep.equal(await source.getCase(syncedCase.id));
      expect((await store.getCase(pendingCase.id))?.applicant.name).to.equal(PERSON.name);
      expect(await store.db.cases.where('synced').equals(1).primaryKeys()).to.deep.equal([syncedCase.id]);
      const today = await firstValueFrom(store.todayCases$('accepted'));
      expect(today.map((c) => c.id).sort()).to.deep.equal([syncedCase.id, pendingCase.id].sort());
      expect((await store.db.cases.get(pendingCase.id))?.day).to.equal(chinaDay(Date.now()));
      expect(await store.outbox.counts()).to.deep.equal({ pending: 2, parked: 0 });
    } finally {
      store.close();
      await deleteDatabase(name);
    }
  });

  it('upgrades a version-2 outbox: rows are numbered for sending in id order, new ones after them', async () => {
    const source = await stores.open();
    const value = makeCase();
    for (const saved of [value, resaved(value), makeCase()]) await source.saveCase(saved);
    const dump = await rawDump(source.name);
    const name = `${source.name}-v2`;
    const v2 = new Dexie(name);
    declareSchema(v2, 2);
    await v2.open();
    await v2.table('keyring').bulkAdd(dump.keyring!);
    await v2.table('cases').bulkAdd(dump.cases!);
    // Version 2 had no seq; add the rows out of order.
    const rows = (dump.outbox as Record<string, unknown>[]).map(({ seq: _seq, ...row }) => row);
    await v2.table('outbox').bulkAdd([...rows].reverse());
    v2.close();

    const store = await WorkstationStore.open({ name, kdfIterations: TEST_ITERATIONS, persist: false });
    try {
      expect(store.db.verno).to.equal(SCHEMA_VERSION);
      const ids = rows.map((row) => row.id as string).sort();
      const entries = await store.outbox.entries();
      expect(entries.map((entry) => [entry.id, entry.seq])).to.deep.equal(ids.map((id, i) => [id, i + 1]));
      await store.unlock(CLERK, SECRET);
      const next = await store.saveCase(makeCase());
      expect((await store.outbox.entries()).at(-1)).to.include({ id: next.mutationId, seq: 4 });
      expect((await store.outbox.sendable()).map((row) => row.id)).to.deep.equal([ids[0], ids[2], next.mutationId]);
    } finally {
      store.close();
      await deleteDatabase(name);
    }
  });

  it('upgrades a version-3 outbox: each mutation keeps its sending order, now in its own table', async () => {
    const source = await stores.open();
    const value = makeCase();
    const first = await source.saveCase(value);
    const second = await source.saveCase(resaved(value));
    const other = await source.saveCase(makeCase());
    const rating = await source.saveRating(makeRating());
    const dump = await rawDump(source.name);
    const name = `${source.name}-v3`;
    const v3 = new Dexie(name);
    declareSchema(v3, 3);
    await v3.open();
    for (const table of ['keyring', 'cases', 'ratings']) await v3.table(table).bulkAdd(dump[table]!);
    // Version 3 kept each mutation's seq on its row: an order neither of ids nor of 1..n, as purges can leave it.
    const seqs = new Map([
      [other.mutationId, 2],
      [first.mutationId, 3],
      [rating.mutationId, 5],
      [second.mutationId, 8],
    ]);
    const rows = (dump.outbox as { id: string }[]).map((row) => ({ ...row, seq: seqs.get(row.id)! }));
    await v3.table('outbox').bulkAdd(rows);
    v3.close();

    const store = await WorkstationStore.open({ name, kdfIterations: TEST_ITERATIONS, persist: false });
    try {
      expect(store.db.verno).to.equal(SCHEMA_VERSION);
      const inOrder = [...seqs].sort((a, b) => a[1] - b[1]);
      expect((await store.outbox.entries()).map((entry) => [entry.id, entry.seq])).to.deep.equal(inOrder);
      const upgraded = await rawDump(name);
      expect(upgraded.outboxOrder).to.deep.equal(inOrder.map(([id, seq]) => ({ seq, id })));
      expect((upgraded.outbox as Record<string, unknown>[]).filter((row) => 'seq' in row)).to.deep.equal([]);
      await store.unlock(CLERK, SECRET);
      const [row] = await store.outbox.sendable(1);
      expect(await store.outbox.payload(row!)).to.deep.equal({
        id: other.mutationId,
        kind: 'case.save',
        payload: other.case,
      });
      // New mutations are numbered after the highest carried over; the second save of the case waits for the first.
      const next = await store.saveCase(makeCase());
      expect((await store.outbox.entries()).at(-1)).to.include({ id: next.mutationId, seq: 9 });
      expect((await store.outbox.sendable()).map((sendable) => sendable.id)).to.deep.equal([
        other.mutationId,
        first.mutationId,
        rating.mutationId,
        next.mutationId,
      ]);
    } finally {
      store.close();
      await deleteDatabase(name);
    }
  });

  it('upgrades a version-4 outbox: saves of a case queued before are chained, and the case names its last', async () => {
    const source = await stores.open();
    const a = makeCase();
    const b = makeCase();
    const a1 = await source.saveCase(a);
    await source.outbox.settle({
      acknowledged: [{ id: a1.mutationId, status: 'applied', appliedAt: new Date().toISOString() }],
    });
    const a2 = await source.saveCase(resaved(a));
    const b1 = await source.saveCase(b);
    const rating = await source.saveRating(makeRating({ caseId: a.id }));
    const a3 = await source.saveCase(resaved(resaved(a), 'decided'));
    const a4 = await source.saveCase(resaved(resaved(resaved(a), 'decided'), 'result-ready'));
    const dump = await rawDump(source.name);
    const name = `${source.name}-v4`;
    const v4 = new Dexie(name);
    declareSchema(v4, 4);
    await v4.open();
    for (const table of ['keyring', 'ratings', 'outboxOrder']) await v4.table(table).bulkAdd(dump[table]!);
    // Version 4 knew no bases, versions nor pending saves.
    await v4
      .table('cases')
      .bulkAdd((dump.cases as Record<string, unknown>[]).map(({ pending: _p, version: _v, ...row }) => row));
    await v4.table('outbox').bulkAdd((dump.outbox as Record<string, unknown>[]).map(({ base: _b, ...row }) => row));
    // One save already carries a base (written by a build that knew them): it is kept as it is.
    await v4.table('outbox').update(a4.mutationId, { base: { mutation: a3.mutationId } });
    v4.close();

    const store = await WorkstationStore.open({ name, kdfIterations: TEST_ITERATIONS, persist: false });
    try {
      expect(store.db.verno).to.equal(SCHEMA_VERSION);
      const bases = new Map((await store.db.outbox.toArray()).map((row) => [row.id, row.base]));
      expect(Object.fromEntries(bases)).to.deep.equal({
        [a1.mutationId]: undefined, // acknowledged: nothing to chain
        [a2.mutationId]: undefined, // the first waiting save of a: its version on the hall is not known here
        [b1.mutationId]: undefined,
        [rating.mutationId]: undefined, // not versioned
        [a3.mutationId]: { mutation: a2.mutationId },
        [a4.mutationId]: { mutation: a3.mutationId },
      });
      expect((await store.db.cases.get(a.id))?.pending).to.equal(a4.mutationId);
      expect((await store.db.cases.get(b.id))?.pending).to.equal(b1.mutationId);
      expect((await store.db.ratings.get(rating.rating.id))?.pending).to.equal(undefined);
      await store.unlock(CLERK, SECRET);
      const next = await store.saveCase(resaved(resaved(resaved(resaved(a), 'decided'), 'result-ready'), 'delivered'));
      expect((await store.db.outbox.get(next.mutationId))?.base).to.deep.equal({ mutation: a4.mutationId });
      expect(await store.getCase(a.id)).to.deep.equal(next.case);
    } finally {
      store.close();
      await deleteDatabase(name);
    }
  });

  it('asks the browser to persist its storage and tells what it answered', async () => {
    const store = await stores.open({ persist: true });
    expect(store.persisted).to.be.a('boolean');
    const quiet = await stores.open({ persist: false });
    expect(quiet.persisted).to.equal(undefined);
  });
});

describe('store: surviving a lost IndexedDB connection', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('reopens and retries when the connection is closed behind its back', async () => {
    const store = await stores.open();
    const first = makeCase();
    await store.saveCase(first);
    store.db.close(); // as if some other code (or the browser) closed it
    expect(store.db.isOpen()).to.equal(false);
    const second = makeCase();
    await store.saveCase(second);
    store.db.close();
    expect((await store.getCase(first.id))?.applicant.name).to.equal(PERSON.name);
    store.db.close();
    expect(await store.outbox.counts()).to.deep.equal({ pending: 2, parked: 0 });
  });

  it('reopens when the native IndexedDB connection is closed', async () => {
    const store = await stores.open();
    await store.saveCase(makeCase());
    store.db.backendDB().close();
    const value = makeCase();
    await store.saveCase(value);
    expect((await store.getCase(value.id))?.id).to.equal(value.id);
  });

  it('keeps working after another tab upgrades the database (versionchange)', async () => {
    const store = await stores.open();
    await store.saveCase(makeCase());
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(store.name, store.db.verno * 10 + 5);
      request.onupgradeneeded = () => request.result.createObjectStore('fromTheFuture');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    newer.close();
    const value = makeCase();
    await store.saveCase(value);
    expect((await store.getCase(value.id))?.id).to.equal(value.id);
  });

  it('keeps a live query alive across a lost connection', async () => {
    const store = await stores.open();
    await store.saveCase(makeCase());
    const two = firstValueFrom(
      store.cases$().pipe(
        filter((list) => list.length === 2),
        timeout(5000),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    store.db.close();
    await store.saveCase(makeCase());
    expect(await two).to.have.length(2);
  });

  it('keeps a live query current when the connection was closed and another tab wrote', async () => {
    const store = await stores.open();
    const other = await stores.twin(store);
    await store.saveCase(makeCase());
    const lists: number[] = [];
    const subscription = store.cases$().subscribe((list) => lists.push(list.length));
    try {
      await until(() => lists.includes(1), 2000, 'first list');
      store.db.close(); // auto-open disabled: only the store's own reopening brings the query back
      await other.saveCase(makeCase());
      await until(() => lists.includes(2), 5000, 'the list after the other tab wrote');
      expect(store.db.isOpen()).to.equal(true);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('answers a live query subscribed just after the connection was closed', async () => {
    const store = await stores.open();
    await store.saveCase(makeCase());
    store.db.close();
    const counts = await firstValueFrom(store.outbox.counts$().pipe(timeout(5000)));
    expect(counts).to.deep.equal({ pending: 1, parked: 0 });
  });

  it('does not reopen after its owner closed it', async () => {
    const store = await stores.open();
    store.close();
    let failure: unknown;
    await store.outbox.counts().catch((error: unknown) => (failure = error));
    expect((failure as Error).name).to.equal('DatabaseClosedError');
    expect(isConnectionLost(failure)).to.equal(true);
  });
});
