import { expect } from '@open-wc/testing';
import { ulid } from '@yichuang/core';
import { hallMessage } from '@yichuang/hall-client';
import type { WorkstationStore } from '@yichuang/store';
import { FaultyHall } from './support/faulty-hall.js';
import { Engines, FAST_SYNC, Stores, makeCase, resaved } from './support/fixtures.js';

async function expectRejection(run: () => Promise<unknown>, name: string): Promise<void> {
  let failure: unknown;
  await run().catch((error: unknown) => (failure = error));
  expect((failure as Error | undefined)?.name, `expected ${name}`).to.equal(name);
}

/** The base queued with each mutation, by id. */
async function basesOf(store: WorkstationStore): Promise<Map<string, unknown>> {
  return new Map((await store.db.outbox.toArray()).map((row) => [row.id, row.base]));
}

describe('store: versions and bases of case saves', () => {
  const stores = new Stores();
  const engines = new Engines(FAST_SYNC);
  afterEach(async () => {
    await engines.cleanup();
    await stores.cleanup();
  });

  it('sends an offline chain of three saves based none → {mutation: m1} → {mutation: m2}; the next save names version 3', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const v1 = makeCase();
    const v2 = resaved(v1, 'forwarded');
    const v3 = resaved(v2, 'decided');
    const m1 = (await store.saveCase(v1)).mutationId;
    const m2 = (await store.saveCase(v2)).mutationId;
    const m3 = (await store.saveCase(v3)).mutationId;

    // Stored in clear on the outbox rows, computed in each save's transaction; the case names its last save.
    expect(await basesOf(store)).to.deep.equal(
      new Map([
        [m1, undefined],
        [m2, { mutation: m1 }],
        [m3, { mutation: m2 }],
      ]),
    );
    expect((await store.db.cases.get(v1.id))?.pending).to.equal(m3);
    expect(await store.caseVersion(v1.id)).to.equal(undefined);
    const [first] = await store.outbox.sendable();
    expect(await store.outbox.payload(first!)).to.not.have.property('base');

    const report = await engines.make(store, hall).syncNow();
    expect(report).to.include({ outcome: 'done', acknowledged: 3, parked: 0, remaining: 0 });
    // Sent with those bases, one after the other, each applied on the version the one before made.
    expect([...hall.bases]).to.deep.equal([
      [m1, undefined],
      [m2, { mutation: m1 }],
      [m3, { mutation: m2 }],
    ]);
    expect(
      hall.results.map((result) => [result.id, result.status, 'version' in result && result.version]),
    ).to.deep.equal([
      [m1, 'applied', 1],
      [m2, 'applied', 2],
      [m3, 'applied', 3],
    ]);
    expect(hall.cases.get(v1.id)).to.include({ version: 3, mutation: m3 });
    expect(await store.caseVersion(v1.id)).to.equal(3);
    expect((await store.db.cases.get(v1.id))?.pending).to.equal(undefined);
    expect(await store.isCaseSynced(v1.id)).to.equal(true);
    expect((await store.outbox.entries()).map((entry) => entry.acknowledged?.version)).to.deep.equal([1, 2, 3]);

    // Saved again afterwards: based on the hall's version 3, applied as version 4.
    const m4 = (await store.saveCase(resaved(v3, 'result-ready'))).mutationId;
    expect((await basesOf(store)).get(m4)).to.deep.equal({ version: 3 });
    const [row] = await store.outbox.sendable();
    expect(await store.outbox.payload(row!)).to.deep.include({ id: m4, base: { version: 3 } });
    expect(await engines.make(store, hall).syncNow()).to.include({ acknowledged: 1, parked: 0 });
    expect(hall.bases.get(m4)).to.deep.equal({ version: 3 });
    expect(await store.caseVersion(v1.id)).to.equal(4);
  });

  it('bases a save made while the one before is on its way on that one, and the one after its acknowledgement on its version', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const value = makeCase();
    const m1 = (await store.saveCase(value)).mutationId;
    const engine = engines.make(store, hall);
    await engine.syncNow();
    const m2 = (await store.saveCase(resaved(value))).mutationId;
    // The reply to m2 is lost: m2 stays pending here although the hall made version 2 with it.
    hall.syncFaults.push('drop-reply');
    expect((await engine.syncNow()).outcome).to.equal('offline');
    const m3 = (await store.saveCase(resaved(resaved(value), 'decided'))).mutationId;
    const bases = await basesOf(store);
    expect([bases.get(m1), bases.get(m2), bases.get(m3)]).to.deep.equal([undefined, { version: 1 }, { mutation: m2 }]);
    expect(await engine.syncNow()).to.include({ outcome: 'done', acknowledged: 2, parked: 0 });
    // m2 answered as a duplicate carrying the version it made: recorded all the same.
    const entries = await store.outbox.entries();
    expect(entries.map((entry) => [entry.id, entry.acknowledged?.status, entry.acknowledged?.version])).to.deep.equal([
      [m1, 'applied', 1],
      [m2, 'duplicate', 2],
      [m3, 'applied', 3],
    ]);
    expect(await store.caseVersion(value.id)).to.equal(3);
  });

  it('parks a save based on an old version as a conflict with the hall’s message, holding later saves of that case only', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const engine = engines.make(store, hall);
    const value = makeCase();
    await store.saveCase(value);
    await engine.syncNow();
    expect(await store.caseVersion(value.id)).to.equal(1);
    // Another window changes the case on the hall: version 2, which this workstation never heard of.
    hall.saveElsewhere(resaved(value, 'forwarded'), ulid());

    const stale = (await store.saveCase(resaved(value, 'decided'))).mutationId;
    const held = (await store.saveCase(resaved(resaved(value, 'decided'), 'result-ready'))).mutationId;
    const other = makeCase();
    const free = (await store.saveCase(other)).mutationId;
    const report = await engine.syncNow();
    expect(report).to.include({ outcome: 'done', acknowledged: 1, parked: 1, remaining: 1 });

    const parked = await store.outbox.parked();
    expect(parked).to.have.length(1);
    expect(parked[0]).to.include({
      id: stale,
      code: 'conflict',
      label: value.number,
      message: hallMessage('rejectedStale', 'zh-CN', { version: 2 }),
      holding: 1,
    });
    expect(hall.bases.get(stale)).to.deep.equal({ version: 1 });
    // The later save of that case was not sent; the other case went.
    expect(hall.attempts.has(held)).to.equal(false);
    expect(hall.log.at(-1)).to.equal(free);
    expect(await store.isCaseSynced(other.id)).to.equal(true);
    expect(await store.caseVersion(value.id)).to.equal(1);
    expect(await store.caseSyncState(value.id)).to.equal('pending');
    expect((await store.db.cases.get(value.id))?.pending).to.equal(held);
  });

  it('rebases the save after a discarded one on that one’s base, and points the pending marker back', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const v1 = makeCase();
    const v2 = resaved(v1, 'forwarded');
    const v3 = resaved(v2, 'decided');
    const m1 = (await store.saveCase(v1)).mutationId;
    const m2 = (await store.saveCase(v2)).mutationId;
    const m3 = (await store.saveCase(v3)).mutationId;

    // The clerk discards the last save: the case names the save before it again, and is diverged.
    await store.outbox.settle({ parked: [{ id: m3, code: 'conflict', message: 'refused' }] });
    await store.outbox.discardParked(m3);
    expect((await store.db.cases.get(v1.id))?.pending).to.equal(m2);
    expect(await store.caseSyncState(v1.id)).to.equal('diverged');
    const m4 = (await store.saveCase(resaved(v3, 'result-ready'))).mutationId;
    expect((await basesOf(store)).get(m4)).to.deep.equal({ mutation: m2 });

    // The first save is discarded too: the second, based on it, takes its base (none: a new case).
    await store.outbox.settle({ parked: [{ id: m1, code: 'invalid', message: 'refused' }] });
    await store.outbox.discardParked(m1);
    const bases = await basesOf(store);
    expect(bases.has(m2)).to.equal(true);
    expect(bases.get(m2)).to.equal(undefined);
    expect((await store.db.cases.get(v1.id))?.pending).to.equal(m4);

    expect(await engines.make(store, hall).syncNow()).to.include({ outcome: 'done', acknowledged: 2, parked: 0 });
    expect(hall.log).to.deep.equal([m2, m4]);
    expect(await store.caseVersion(v1.id)).to.equal(2);
    expect(await store.caseSyncState(v1.id)).to.equal('synced');

    // A save discarded when it is the case's only waiting one leaves no marker.
    const m5 = (await store.saveCase(resaved(resaved(v3, 'result-ready'), 'delivered'))).mutationId;
    await store.outbox.settle({ parked: [{ id: m5, code: 'conflict', message: 'refused' }] });
    await store.outbox.discardParked(m5);
    const row = await store.db.cases.get(v1.id);
    expect(row).to.include({ version: 2, synced: 0, diverged: 1 });
    expect(row?.pending).to.equal(undefined);
    expect(
      (await store.saveCase(resaved(resaved(resaved(v3, 'result-ready'), 'delivered'), 'delivered'))).mutationId,
    ).to.be.a('string');
    expect([...(await basesOf(store)).values()].at(-1)).to.deep.equal({ version: 2 });
  });

  it('records the hall version on acknowledgement, clears the marker only for its save, and never moves a version back', async () => {
    const store = await stores.open();
    const value = makeCase();
    const m1 = (await store.saveCase(value)).mutationId;
    const m2 = (await store.saveCase(resaved(value))).mutationId;
    const appliedAt = new Date().toISOString();
    await store.outbox.settle({ acknowledged: [{ id: m1, status: 'applied', appliedAt, version: 7 }] });
    let row = await store.db.cases.get(value.id);
    expect(row).to.include({ version: 7, pending: m2, synced: 0 });
    await store.outbox.settle({ acknowledged: [{ id: m2, status: 'duplicate', appliedAt, version: 8 }] });
    row = await store.db.cases.get(value.id);
    expect(row).to.include({ version: 8, synced: 1 });
    expect(row?.pending).to.equal(undefined);
    // A late answer naming an older version changes nothing; an acknowledgement without a version neither.
    const m3 = (await store.saveCase(resaved(resaved(value), 'decided'))).mutationId;
    await store.outbox.settle({ acknowledged: [{ id: m3, status: 'applied', appliedAt, version: 3 }] });
    expect(await store.caseVersion(value.id)).to.equal(8);
    const m4 = (await store.saveCase(resaved(resaved(resaved(value), 'decided'), 'result-ready'))).mutationId;
    expect((await basesOf(store)).get(m4)).to.deep.equal({ version: 8 });
    await store.outbox.settle({ acknowledged: [{ id: m4, status: 'applied', appliedAt }] });
    expect(await store.caseVersion(value.id)).to.equal(8);
    expect(await store.isCaseSynced(value.id)).to.equal(true);
    expect(await store.caseVersion('01JNMV7Q8Z3K5W9XG2T4HB6YRD')).to.equal(undefined);
  });

  it('keeps every case applied once and in order with bases under a second tab saving the same case', async () => {
    const tabA = await stores.open();
    const tabB = await stores.twin(tabA);
    const hall = new FaultyHall();
    const value = makeCase();
    await tabA.saveCase(value);
    let latest = value;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      latest = resaved(latest, latest.status);
      ids.push((await (i % 2 ? tabB : tabA).saveCase(latest)).mutationId);
    }
    expect(await engines.make(tabA, hall).syncNow()).to.include({ acknowledged: 7, parked: 0 });
    expect(hall.cases.get(value.id)).to.include({ version: 7, mutation: ids.at(-1) });
    expect(await tabB.caseVersion(value.id)).to.equal(7);
  });

  it('adopts a case read from the hall at its version: the next save is based on it; a pending or newer copy stays', async () => {
    const store = await stores.open();
    const claimed = makeCase({ status: 'forwarded' });
    expect(await store.adoptCase(claimed, 4)).to.equal(true);
    expect(await store.caseSyncState(claimed.id)).to.equal('synced');
    expect(await store.caseVersion(claimed.id)).to.equal(4);
    expect((await store.getCase(claimed.id))?.applicant).to.deep.equal(claimed.applicant);
    // Nothing is queued by adopting; an older copy read later does not replace it.
    expect(await store.db.outbox.count()).to.equal(0);
    expect(await store.adoptCase(claimed, 3)).to.equal(false);

    const { mutationId } = await store.saveCase(resaved(claimed, 'decided'));
    expect(await basesOf(store)).to.deep.equal(new Map([[mutationId, { version: 4 }]]));
    // A newer version read from the hall does not overwrite the save still waiting to go.
    expect(await store.adoptCase(claimed, 5)).to.equal(false);
    expect((await store.getCase(claimed.id))?.status).to.equal('decided');
    await expectRejection(() => store.adoptCase({ ...claimed, window: 'window 7' }, 5), 'InvalidRecordError');
    await expectRejection(() => store.adoptCase(claimed, 0), 'RangeError');
  });
});
