import { expect } from '@open-wc/testing';
import { ulid } from '@yichuang/core';
import { MUTATION_KINDS, MUTATION_KINDS_SPEC } from '@yichuang/hall-client';
import {
  RECORD_TABLES,
  STORE_KINDS,
  SyncEngine,
  baseOf,
  storeKind,
  storeMessage,
  type WorkstationStore,
} from '@yichuang/store';
import { FaultyHall } from './support/faulty-hall.js';
import { CLERK, SECRET, Stores, failureOf, makeCase, makeRating, resaved } from './support/fixtures.js';

const appliedAt = () => new Date().toISOString();

/** Acknowledges every pending mutation of `record` as the hall would. */
async function acknowledge(store: WorkstationStore, record: string): Promise<void> {
  const entries = (await store.outbox.entries()).filter(
    (entry) => entry.record === record && entry.state === 'pending',
  );
  await store.outbox.settle({
    acknowledged: entries.map((entry) => ({ id: entry.id, status: 'applied', appliedAt: appliedAt() })),
  });
}

describe('store: the registry of mutation kinds', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('has an entry for every kind of the protocol, versioned as the protocol says', () => {
    for (const kind of MUTATION_KINDS) {
      expect(STORE_KINDS[kind].kind).to.equal(kind);
      expect(STORE_KINDS[kind].versioned, kind).to.equal(MUTATION_KINDS_SPEC[kind].versioned);
      expect(storeKind(kind)).to.equal(STORE_KINDS[kind]);
    }
    expect(Object.keys(STORE_KINDS).sort()).to.deep.equal([...MUTATION_KINDS].sort());
    expect(storeKind('ticket.save')).to.equal(undefined);
    expect(storeKind('toString')).to.equal(undefined);
    expect([...RECORD_TABLES].sort()).to.deep.equal(['assistVisits', 'cases', 'ratings', 'remoteCases']);
    expect(baseOf(undefined)).to.equal(undefined);
    expect(baseOf({ id: 'x', synced: 1, version: 4 })).to.deep.equal({ version: 4 });
    expect(baseOf({ id: 'x', synced: 0, version: 4, pending: 'm' })).to.deep.equal({ mutation: 'm' });
  });

  it('queues each kind with the facts its entry reads from the payload', async () => {
    const store = await stores.open();
    const sha = await store.putAttachment(new Blob(['scan']));
    const value = makeCase({
      materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan', copies: 0, attachments: [sha] }],
    });
    await store.saveCase(value);
    const ofCase = makeRating({ caseId: value.id });
    const alone = makeRating();
    await store.saveRating(ofCase);
    await store.saveRating(alone);
    await store.saveRating({ ...alone, grade: 4 });
    const rows = await store.db.outbox.toArray();
    const pick = (row: (typeof rows)[number]) => {
      const { id: _id, createdAt: _at, sealed: _sealed, ...facts } = row;
      return facts;
    };
    expect(rows.map(pick)).to.deep.equal([
      {
        kind: 'case.save',
        subject: value.id,
        table: 'cases',
        record: value.id,
        label: value.number,
        attachments: [sha],
        state: 'pending',
        attempts: 0,
      },
      ...[ofCase.id, alone.id, alone.id].map((id, i) => ({
        kind: 'rating.save',
        subject: i === 0 ? value.id : alone.id,
        table: 'ratings',
        record: id,
        attachments: [],
        state: 'pending',
        attempts: 0,
      })),
    ]);
    // Not versioned: no base, no marker, however often it is saved.
    expect((await store.db.ratings.get(alone.id))?.pending).to.equal(undefined);
  });

  it('marks a rating synced when acknowledged, and a purge removes it (no audit filed under a rating)', async () => {
    const store = await stores.open();
    const { rating, mutationId } = await store.saveRating(makeRating());
    await store.outbox.settle({
      acknowledged: [{ id: mutationId, status: 'applied', appliedAt: appliedAt(), version: 5 }],
    });
    expect(await store.isRatingSynced(rating.id)).to.equal(true);
    const row = await store.db.ratings.get(rating.id);
    expect(row).to.include({ synced: 1 });
    expect(row?.version).to.equal(undefined); // a rating is not versioned: the version is not its to keep
    expect((await store.outbox.entries())[0]!.acknowledged?.version).to.equal(5);
    const report = await store.purgeSynced();
    expect(report.removed).to.deep.equal({
      cases: 0,
      ratings: 1,
      assistVisits: 0,
      remoteCases: 0,
      attachments: 0,
      audit: 0,
      outbox: 1,
    });
    expect(report.kept).to.deep.equal({ cases: 0, ratings: 0, assistVisits: 0, remoteCases: 0, outbox: 0, drafts: 0 });
  });

  it('keeps a case from the purge while its rating waits, and purges both once the rating is acknowledged', async () => {
    const store = await stores.open();
    const value = makeCase();
    await store.saveCase(value, { audit: [{ at: value.createdAt, actor: CLERK, window: 'W03', action: 'accept' }] });
    await acknowledge(store, value.id);
    expect(await store.isCaseSynced(value.id)).to.equal(true);
    const { rating } = await store.saveRating(makeRating({ caseId: value.id }));

    const first = await store.purgeSynced();
    expect(first.removed).to.deep.equal({
      cases: 0,
      ratings: 0,
      assistVisits: 0,
      remoteCases: 0,
      attachments: 0,
      audit: 0,
      outbox: 0,
    });
    expect(first.kept).to.deep.equal({ cases: 1, ratings: 1, assistVisits: 0, remoteCases: 0, outbox: 2, drafts: 0 });

    await store.unlock(CLERK, SECRET);
    await acknowledge(store, rating.id);
    const second = await store.purgeSynced();
    expect(second.removed).to.deep.equal({
      cases: 1,
      ratings: 1,
      assistVisits: 0,
      remoteCases: 0,
      attachments: 0,
      audit: 1,
      outbox: 2,
    });
    expect(second.kept).to.deep.equal({ cases: 0, ratings: 0, assistVisits: 0, remoteCases: 0, outbox: 0, drafts: 0 });
  });

  it('keeps a helper-desk visit sealed, its saves chained, its letter kept while it waits, and purges it once acknowledged', async () => {
    const store = await stores.open();
    const letter = await store.putAttachment(new Blob(['letter'], { type: 'image/png' }));
    const at = new Date().toISOString();
    const visit = {
      id: ulid(),
      hall: makeCase().hall,
      window: 'W03',
      helper: CLERK,
      served: {
        person: {
          kind: 'person' as const,
          name: '王秀兰',
          idType: 'resident-id' as const,
          idNumber: '11010519491231002X',
        },
        contact: 'phone' as const,
        accompanied: false,
      },
      proxy: {
        name: '李强',
        idType: 'resident-id' as const,
        idNumber: '120101198506201519',
        phone: '13900001111',
        relation: '儿子',
        authorisation: { kind: 'power-of-attorney' as const, scope: '补领社保卡' },
      },
      letter: { way: 'scan' as const, files: [letter] },
      help: [],
      cases: [],
      status: 'open' as const,
      createdAt: at,
      updatedAt: at,
    };
    const first = await store.saveAssistVisit(visit);
    const second = await store.saveAssistVisit({ ...visit, help: [{ kind: 'guidance', minutes: 5, at }] });
    const row = await store.db.assistVisits.get(visit.id);
    expect(JSON.stringify(row)).not.to.contain('王秀兰');
    expect(JSON.stringify(row)).not.to.contain('120101198506201519');
    const entries = await store.outbox.entries();
    expect((await store.db.outbox.get(second.mutationId))?.base).to.deep.equal({ mutation: first.mutationId });
    expect(entries.find((e) => e.id === first.mutationId)?.attachments).to.deep.equal([letter]);
    expect((await store.getAssistVisit(visit.id))?.help).to.have.length(1);

    await store.markAttachmentsUploaded([letter]);
    const waiting = await store.purgeSynced();
    expect(waiting.kept.assistVisits).to.equal(1);
    expect(waiting.removed.attachments).to.equal(0);

    await store.unlock(CLERK, SECRET);
    await acknowledge(store, visit.id);
    const done = await store.purgeSynced();
    expect(done.removed).to.include({ assistVisits: 1, attachments: 1 });
    const refused = await failureOf(store.saveAssistVisit({ ...visit, help: [{ kind: 'guidance', minutes: 0, at }] }));
    expect(refused.message).to.contain('minutes');
  });

  it('settles both kinds in one settlement through the registry', async () => {
    const store = await stores.open();
    const value = makeCase();
    const m1 = (await store.saveCase(value)).mutationId;
    const m2 = (await store.saveCase(resaved(value))).mutationId;
    const { rating, mutationId: r1 } = await store.saveRating(makeRating({ caseId: value.id }));
    await store.outbox.settle({
      acknowledged: [
        { id: m1, status: 'applied', appliedAt: appliedAt(), version: 1 },
        { id: m2, status: 'applied', appliedAt: appliedAt(), version: 2 },
        { id: r1, status: 'applied', appliedAt: appliedAt() },
      ],
    });
    expect(await store.db.cases.get(value.id)).to.include({ synced: 1, version: 2 });
    expect(await store.db.ratings.get(rating.id)).to.include({ synced: 1 });
    // Settled again (a late duplicate): nothing changes.
    await store.outbox.settle({ acknowledged: [{ id: m1, status: 'duplicate', appliedAt: appliedAt(), version: 1 }] });
    expect(await store.caseVersion(value.id)).to.equal(2);
  });

  it('discards a parked rating: the rating stays, diverged, and the purge keeps it', async () => {
    const store = await stores.open();
    const { rating, mutationId } = await store.saveRating(makeRating());
    await store.outbox.settle({ parked: [{ id: mutationId, code: 'forbidden', message: 'refused' }] });
    await store.outbox.discardParked(mutationId);
    expect(await store.db.ratings.get(rating.id)).to.include({ synced: 0, diverged: 1 });
    const [line] = await store.auditLog();
    expect(line).to.include({ action: 'discard-mutation', mutationId });
    expect(line!.caseId).to.equal(undefined);
    expect((await store.purgeSynced()).kept).to.include({ ratings: 1 });
  });

  it('parks a mutation of a kind this workstation does not know, and leaves its record alone', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const unknown = makeCase();
    const known = makeCase();
    const { mutationId } = await store.saveCase(unknown);
    await store.saveCase(known);
    // Queued by a newer build of the workstation in another tab.
    await store.db.outbox.update(mutationId, { kind: 'ticket.save' as never });
    const engine = new SyncEngine(store, hall, { hints: null, lockName: `yc-sync-engine:${store.name}` });
    const report = await engine.syncNow();
    expect(report).to.include({ acknowledged: 1, parked: 1 });
    const [parked] = await store.outbox.parked();
    expect(parked).to.include({
      id: mutationId,
      code: 'unknown-kind',
      message: storeMessage('unknownKind', 'zh-CN', { kind: 'ticket.save' }),
    });
    expect(parked!.message).to.equal('本机的工作站程序不认识这类变更（ticket.save），无法发送，请更新工作站程序');
    expect(hall.attempts.has(mutationId)).to.equal(false);

    // Acknowledged anyway (by a build that knows it): its record is not this build's to change.
    await store.outbox.retryParked(mutationId);
    await store.outbox.settle({ acknowledged: [{ id: mutationId, status: 'applied', appliedAt: appliedAt() }] });
    expect(await store.db.cases.get(unknown.id)).to.include({ synced: 0, pending: mutationId });
    await engine.stop();

    // Discarded: the audit line is filed under no record, the record stays as it was.
    const other = makeCase();
    const second = (await store.saveCase(other)).mutationId;
    await store.db.outbox.update(second, { kind: 'ticket.save' as never });
    await store.outbox.settle({ parked: [{ id: second, code: 'unknown-kind', message: 'unknown' }] });
    await store.outbox.discardParked(second);
    expect(await store.db.cases.get(other.id)).to.include({ synced: 0, pending: second });
    expect(await store.db.cases.get(other.id)).to.not.have.property('diverged');
    expect((await store.auditLog()).find((line) => line.mutationId === second)?.caseId).to.equal(undefined);
  });
});
