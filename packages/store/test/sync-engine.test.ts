import { expect } from '@open-wc/testing';
import { filter, firstValueFrom, timeout } from 'rxjs';
import {
  SyncEngine,
  backoffDelay,
  type SyncEngineOptions,
  type SyncStatus,
  type WorkstationStore,
} from '@yichuang/store';
import { FaultyHall } from './support/faulty-hall.js';
import { Stores, makeCase, makeRating, resaved, until } from './support/fixtures.js';

const FAST: SyncEngineOptions = { backoff: { baseMs: 5, capMs: 20 }, hints: null, probeTimeoutMs: 200 };

function engineFor(store: WorkstationStore, hall: FaultyHall, options: SyncEngineOptions = {}): SyncEngine {
  return new SyncEngine(store, hall, { ...FAST, lockName: `yc-sync-engine:${store.name}`, ...options });
}

function waitStatus(engine: SyncEngine, predicate: (status: SyncStatus) => boolean, ms = 5000): Promise<SyncStatus> {
  return firstValueFrom(engine.status$.pipe(filter(predicate), timeout(ms)));
}

describe('sync engine', () => {
  const stores = new Stores();
  const engines: SyncEngine[] = [];
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await stores.cleanup();
  });
  const make = (store: WorkstationStore, hall: FaultyHall, options: SyncEngineOptions = {}) => {
    const engine = engineFor(store, hall, options);
    engines.push(engine);
    return engine;
  };

  it('sends the outbox, marks cases synced and drops the sent payloads', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const cases = [makeCase(), makeCase(), makeCase()];
    const ids = [];
    for (const value of cases) ids.push((await store.saveCase(value)).mutationId);
    const report = await make(store, hall).syncNow();
    expect(report).to.include({ outcome: 'done', sent: 3, acknowledged: 3, parked: 0, remaining: 0 });
    expect([...hall.applied.keys()]).to.deep.equal(ids);
    expect(hall.payloads.get(ids[0]!)).to.deep.equal(await store.getCase(cases[0]!.id));
    for (const value of cases) expect(await store.isCaseSynced(value.id)).to.equal(true);
    const entries = await store.outbox.entries();
    expect(entries.every((entry) => entry.state === 'acknowledged')).to.equal(true);
    expect((await store.db.outbox.toArray()).every((row) => row.sealed === undefined)).to.equal(true);
    expect(await store.getSyncState('lastSuccessAt')).to.be.a('string');
  });

  it('resends after the reply was lost once the hall had applied it: duplicate, applied once', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const { mutationId } = await store.saveCase(makeCase());
    hall.syncFaults.push('drop-reply');
    const engine = make(store, hall);
    const first = await engine.syncNow();
    expect(first.outcome).to.equal('offline');
    expect(hall.applyCount.get(mutationId)).to.equal(1);
    expect(await store.outbox.counts()).to.deep.equal({ pending: 1, parked: 0 });
    const second = await engine.syncNow();
    expect(second).to.include({ outcome: 'done', acknowledged: 1 });
    expect(hall.applyCount.get(mutationId)).to.equal(1);
    const [entry] = await store.outbox.entries();
    expect(entry!.acknowledged?.status).to.equal('duplicate');
    expect(entry!.attempts).to.equal(1);
  });

  it('backs off while the hall is unreachable, probes health, and sends once it is back', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.reachable = false;
    const engine = make(store, hall);
    engine.start();
    await store.saveCase(makeCase());
    const offline = await waitStatus(engine, (status) => status.state === 'offline' && status.retryAt !== undefined);
    expect(offline.error?.code).to.equal('network');
    expect(offline.retryAt).to.be.a('string');
    await until(() => hall.calls.health >= 2, 5000, 'health probes');
    hall.reachable = true;
    const idle = await waitStatus(engine, (status) => status.state === 'idle' && status.pending === 0);
    expect(idle.error).to.equal(undefined);
    expect(idle.lastSuccessAt).to.be.a('string');
    expect(hall.applied.size).to.equal(1);
  });

  it('waits out a transient server error (503) as backoff, then succeeds', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.syncFaults.push('unavailable', 'unavailable');
    const engine = make(store, hall);
    const states: string[] = [];
    const subscription = engine.status$.subscribe((status) => states.push(status.state));
    engine.start();
    await store.saveCase(makeCase());
    await waitStatus(engine, (status) => status.pending === 0 && status.state === 'idle');
    subscription.unsubscribe();
    expect(states).to.include('backoff');
    expect(hall.calls.sync).to.equal(3);
    expect(hall.applied.size).to.equal(1);
  });

  it('abandons a request that hangs and retries it', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.syncFaults.push('hang');
    const engine = make(store, hall, { requestTimeoutMs: 50 });
    await store.saveCase(makeCase());
    const first = await engine.syncNow();
    expect(first.outcome).to.equal('offline');
    expect(engine.status.error?.message).to.contain('50 ms');
    expect((await engine.syncNow()).outcome).to.equal('done');
    expect(hall.applied.size).to.equal(1);
  });

  it('parks a poison mutation with the reason and sends the others', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const poison = makeCase();
    hall.poison = (mutation) =>
      mutation.kind === 'case.save' && mutation.payload.id === poison.id ? 'items: unknown item' : undefined;
    const good = [makeCase(), makeCase()];
    await store.saveCase(good[0]!);
    const { mutationId } = await store.saveCase(poison);
    await store.saveCase(good[1]!);
    const engine = make(store, hall);
    const report = await engine.syncNow();
    expect(report).to.include({ outcome: 'done', acknowledged: 2, parked: 1, remaining: 0 });
    const parked = await firstValueFrom(engine.parked$);
    expect(parked).to.have.length(1);
    expect(parked[0]).to.include({
      id: mutationId,
      code: 'invalid',
      message: 'items: unknown item',
      label: poison.number,
    });
    expect(parked[0]!.issues).to.deep.equal(['items: unknown item']);
    expect(engine.status.parked).to.equal(1);
    for (const value of good) expect(await store.isCaseSynced(value.id)).to.equal(true);
    expect(await store.isCaseSynced(poison.id)).to.equal(false);

    // The clerk asks to try again once the hall is fixed.
    hall.poison = () => undefined;
    await engine.retryParked(mutationId);
    expect((await engine.syncNow()).acknowledged).to.equal(1);
    expect(await store.isCaseSynced(poison.id)).to.equal(true);
  });

  it('finds the poison mutation in a batch the hall refuses whole (400) by splitting it', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const cases = Array.from({ length: 7 }, () => makeCase());
    const poison = cases[4]!;
    hall.poison = (mutation) =>
      mutation.kind === 'case.save' && mutation.payload.id === poison.id ? 'bad' : undefined;
    for (let i = 0; i < 5; i++) hall.syncFaults.push('bad-request');
    for (const value of cases) await store.saveCase(value);
    const report = await make(store, hall).syncNow();
    expect(report).to.include({ outcome: 'done', acknowledged: 6, parked: 1 });
    const [parked] = await store.outbox.parked();
    expect(parked).to.include({ record: poison.id, code: 'request-refused' });
  });

  it('sends the mutations of one case in order, one per batch, and holds them behind a parked one', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const a = makeCase();
    const b = makeCase();
    const aIds = [(await store.saveCase(a)).mutationId];
    aIds.push((await store.saveCase(resaved(a, 'forwarded'))).mutationId);
    const bId = (await store.saveCase(b)).mutationId;
    aIds.push((await store.saveCase(resaved(resaved(a, 'forwarded'), 'decided'))).mutationId);
    const ratingId = (await store.saveRating(makeRating({ caseId: a.id }))).mutationId;
    const engine = make(store, hall);

    let reject = true;
    hall.poison = (mutation) => (reject && mutation.id === aIds[1] ? 'conflict' : undefined);
    const first = await engine.syncNow();
    expect(first).to.include({ acknowledged: 2, parked: 1, remaining: 2 });
    expect(hall.log).to.deep.equal([aIds[0], bId]);
    const [parked] = await store.outbox.parked();
    expect(parked).to.include({ id: aIds[1], holding: 2 });
    expect(await store.outbox.sendable()).to.deep.equal([]);

    reject = false;
    await engine.retryParked(aIds[1]!);
    await engine.syncNow();
    expect(hall.bySubject.get(a.id)).to.deep.equal([...aIds, ratingId]);
    expect(hall.inOrder()).to.equal(true);
    expect(hall.batches.every((size) => size <= 2)).to.equal(true);
    expect((await store.getCase(a.id))?.status).to.equal('decided');
    expect(await store.isCaseSynced(a.id)).to.equal(true);
  });

  it('lets the clerk discard a parked mutation, releasing the ones it held', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const a = makeCase();
    const first = (await store.saveCase(a)).mutationId;
    const second = (await store.saveCase(resaved(a))).mutationId;
    hall.poison = (mutation) => (mutation.id === first ? 'refused' : undefined);
    const engine = make(store, hall);
    await engine.syncNow();
    expect(hall.applied.size).to.equal(0);
    await engine.discardParked(first);
    await engine.syncNow();
    expect([...hall.applied.keys()]).to.deep.equal([second]);
    const log = await store.auditLog(a.id);
    expect(log.map((line) => [line.action, line.mutationId])).to.deep.equal([['discard-mutation', first]]);
    let failure: unknown;
    await engine.discardParked(first).catch((error: unknown) => (failure = error));
    expect((failure as Error).name).to.equal('NotFoundError');
  });

  it('uploads attachments before the mutation that references them', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const sha = await store.putAttachment(new Blob(['scan of the ID card'], { type: 'image/png' }));
    await store.saveCase(
      makeCase({
        materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan', copies: 0, attachments: [sha] }],
      }),
    );
    const report = await make(store, hall).syncNow();
    expect(report).to.include({ outcome: 'done', acknowledged: 1, uploaded: 1 });
    expect(await hall.attachments.get(sha)?.text()).to.equal('scan of the ID card');
    expect((await store.attachmentInfo(sha))?.uploaded).to.equal(true);
    expect(hall.calls.sync).to.equal(1);
  });

  it('uploads what the hall says is missing and resends', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const sha = await store.putAttachment(new Blob(['lost by the hall']));
    await store.markAttachmentsUploaded([sha]); // the workstation believes the hall has it
    await store.saveCase(
      makeCase({
        materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan', copies: 0, attachments: [sha] }],
      }),
    );
    const report = await make(store, hall).syncNow();
    expect(report).to.include({ outcome: 'done', acknowledged: 1, uploaded: 1, sent: 2 });
    expect(hall.attachments.has(sha)).to.equal(true);
  });

  it('parks a case whose missing attachment is not on this workstation', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const absent = 'a'.repeat(64);
    await store.saveCase(
      makeCase({
        materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan', copies: 0, attachments: [absent] }],
      }),
    );
    const report = await make(store, hall).syncNow();
    expect(report).to.include({ outcome: 'done', parked: 1 });
    const [parked] = await store.outbox.parked();
    expect(parked).to.include({ code: 'missing-attachments' });
    expect(parked!.missing).to.deep.equal([absent]);
  });

  it('retries an upload that failed transiently', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.uploadFaults.push('network');
    const sha = await store.putAttachment(new Blob(['flaky upload']));
    await store.saveCase(
      makeCase({
        materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan', copies: 0, attachments: [sha] }],
      }),
    );
    const engine = make(store, hall);
    expect((await engine.syncNow()).outcome).to.equal('offline');
    expect(hall.calls.sync).to.equal(0);
    expect((await engine.syncNow()).outcome).to.equal('done');
    expect(hall.applied.size).to.equal(1);
  });

  it('parks a case whose attachment the hall refuses for good, and sends the others', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.uploadFaults.push('too-large');
    const sha = await store.putAttachment(new Blob(['a huge scan']));
    const refused = makeCase({
      materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan', copies: 0, attachments: [sha] }],
    });
    await store.saveCase(refused);
    await store.saveCase(makeCase());
    const report = await make(store, hall).syncNow();
    expect(report).to.include({ outcome: 'done', acknowledged: 1, parked: 1 });
    const [parked] = await store.outbox.parked();
    expect(parked).to.include({ record: refused.id, code: 'attachment-refused', message: 'The file is too large' });
  });

  it('parks a mutation whose sealed payload was damaged, and sends the others', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const { mutationId } = await store.saveCase(makeCase());
    await store.saveCase(makeCase());
    const row = (await store.db.outbox.get(mutationId))!;
    const bytes = new Uint8Array(row.sealed!.data.slice(0));
    bytes[0] = bytes[0]! ^ 0xff;
    await store.db.outbox.update(mutationId, { sealed: { ...row.sealed!, data: bytes.buffer } });
    const report = await make(store, hall).syncNow();
    expect(report).to.include({ acknowledged: 1, parked: 1 });
    expect((await store.outbox.parked())[0]).to.include({ id: mutationId, code: 'undecryptable' });
    expect(hall.applied.has(mutationId)).to.equal(false);
  });

  it('leaves a mutation the hall gave no verdict on for the next pass', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.syncFaults.push('partial');
    await store.saveCase(makeCase());
    const { mutationId } = await store.saveCase(makeCase());
    const engine = make(store, hall);
    const first = await engine.syncNow();
    expect(first).to.include({ outcome: 'done', acknowledged: 1, remaining: 1 });
    expect(hall.applyCount.get(mutationId)).to.equal(1);
    expect((await engine.syncNow()).acknowledged).to.equal(1);
    expect(hall.applyCount.get(mutationId)).to.equal(1);
  });

  it('treats a failed fetch (TypeError) as offline', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.syncFaults.push('type-error');
    await store.saveCase(makeCase());
    const engine = make(store, hall);
    expect((await engine.syncNow()).outcome).to.equal('offline');
    expect(engine.status.state).to.equal('offline');
    expect(engine.status.error).to.include({ code: 'network', message: 'Failed to fetch' });
  });

  it('stops promptly with a request in flight; the mutation is sent once later', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.syncFaults.push('hang');
    const engine = make(store, hall, { requestTimeoutMs: 60_000 });
    engine.start();
    const { mutationId } = await store.saveCase(makeCase());
    await until(() => hall.calls.sync === 1, 2000, 'the request');
    const started = Date.now();
    await engine.stop();
    expect(Date.now() - started).to.be.below(1000);
    expect(engine.status).to.include({ state: 'stopped', running: false, leader: false });
    expect(await store.outbox.counts()).to.deep.equal({ pending: 1, parked: 0 });
    expect((await engine.syncNow()).acknowledged).to.equal(1);
    expect(hall.applyCount.get(mutationId)).to.equal(1);
  });

  it('stops as signed-out on a 401 until started again', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.syncFaults.push('unauthenticated');
    const engine = make(store, hall);
    engine.start();
    await store.saveCase(makeCase());
    const out = await waitStatus(engine, (status) => status.state === 'signed-out' && !status.running);
    expect(out.error?.code).to.equal('unauthenticated');
    expect(out.pending).to.equal(1);
    await store.saveCase(makeCase());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hall.calls.sync).to.equal(1);
    engine.start();
    await waitStatus(engine, (status) => status.state === 'idle' && status.pending === 0);
    expect(hall.applied.size).to.equal(2);
  });

  it('sends in batches of the configured size', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    for (let i = 0; i < 25; i++) await store.saveCase(makeCase());
    await make(store, hall, { batchSize: 10 }).syncNow();
    expect(hall.batches).to.deep.equal([10, 10, 5]);
    expect(() => engineFor(store, hall, { batchSize: 501 })).to.throw(RangeError);
  });

  it('sends nothing while the store is locked and says so', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    await store.saveCase(makeCase());
    store.lock();
    const engine = make(store, hall);
    const report = await engine.syncNow();
    expect(report).to.include({ outcome: 'locked', remaining: 1 });
    expect(engine.status.error?.code).to.equal('locked');
    expect(hall.calls.sync).to.equal(0);
  });

  it('runs in one tab only: a second engine on the same database waits for the lock', async () => {
    const store = await stores.open();
    const twin = await stores.twin(store);
    const hall = new FaultyHall();
    const first = make(store, hall);
    const second = make(twin, hall);
    first.start();
    await waitStatus(first, (status) => status.leader);
    second.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(second.status.leader).to.equal(false);
    expect(second.status.running).to.equal(true);
    await first.stop();
    await waitStatus(second, (status) => status.leader);
    await twin.saveCase(makeCase());
    await waitStatus(second, (status) => status.pending === 0 && status.state === 'idle');
    expect(hall.applied.size).to.equal(1);
  });

  it('wakes on new work while running and on an online hint while backing off', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const hints = new EventTarget();
    const engine = make(store, hall, { hints, backoff: { baseMs: 60_000, capMs: 60_000 }, random: () => 0.99 });
    engine.start();
    await store.saveCase(makeCase());
    await waitStatus(engine, (status) => status.pending === 0 && status.state === 'idle');
    hall.reachable = false;
    await store.saveCase(makeCase());
    await waitStatus(engine, (status) => status.state === 'offline');
    hall.reachable = true;
    hints.dispatchEvent(new Event('online'));
    await waitStatus(engine, (status) => status.pending === 0 && status.state === 'idle', 2000);
    expect(hall.applied.size).to.equal(2);
  });
});

describe('backoff', () => {
  it('draws a full-jitter delay under an exponential ceiling with a cap', () => {
    const options = { baseMs: 500, capMs: 30_000 };
    expect(backoffDelay(0, options, () => 0.999_999)).to.equal(499);
    expect(backoffDelay(3, options, () => 0.5)).to.equal(2000);
    expect(backoffDelay(20, options, () => 0.999_999)).to.equal(29_999);
    expect(backoffDelay(5, options, () => 0)).to.equal(0);
    for (let attempt = 0; attempt < 40; attempt++) {
      const delay = backoffDelay(attempt);
      expect(delay).to.be.within(0, 30_000);
    }
  });
});
