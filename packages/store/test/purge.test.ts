import { expect } from '@open-wc/testing';
import type { WorkstationStore } from '@yichuang/store';
import { CLERK, PERSON, SECRET, Stores, makeCase, makeRating, resaved } from './support/fixtures.js';
import { findInClear, rawDump } from './support/raw.js';

/** Acknowledges every pending mutation of `record` as the hall would. */
async function acknowledge(store: WorkstationStore, record: string): Promise<void> {
  const entries = (await store.outbox.entries()).filter(
    (entry) => entry.record === record && entry.state === 'pending',
  );
  await store.outbox.settle({
    acknowledged: entries.map((entry) => ({ id: entry.id, status: 'applied', appliedAt: new Date().toISOString() })),
  });
}

describe('store: purge on logout (shared device)', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('removes what the hall acknowledged and keeps, encrypted, what it has not', async () => {
    const store = await stores.open();
    const shaSynced = await store.putAttachment(new Blob(['synced scan']));
    const shaPending = await store.putAttachment(new Blob(['pending scan']));
    const shaShared = await store.putAttachment(new Blob(['scan used by both']));
    const material = (hashes: string[]) => [
      { materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan' as const, copies: 0, attachments: hashes },
    ];
    const synced = makeCase({ materials: material([shaSynced, shaShared]) });
    const pending = makeCase({ materials: material([shaPending, shaShared]) });
    const halfSynced = makeCase();
    await store.saveCase(synced, { audit: [{ at: synced.createdAt, actor: CLERK, window: 'W03', action: 'accept' }] });
    await store.saveCase(pending);
    await store.saveCase(halfSynced);
    await acknowledge(store, halfSynced.id);
    await store.saveCase(resaved(halfSynced)); // a second mutation not yet acknowledged
    const syncedRating = makeRating();
    const pendingRating = makeRating();
    await store.saveRating(syncedRating);
    await store.saveRating(pendingRating);
    await acknowledge(store, synced.id);
    await acknowledge(store, syncedRating.id);
    const syncedDraft = await store.openDraft(undefined, { caseId: synced.id, initial: { note: PERSON.name } });
    await syncedDraft.close();
    const openDraft = await store.openDraft(undefined, { initial: { note: 'unfinished' } });
    await openDraft.close();
    expect(await store.isCaseSynced(synced.id)).to.equal(true);
    expect(await store.isCaseSynced(halfSynced.id)).to.equal(false);

    const report = await store.purgeSynced();

    expect(store.locked).to.equal(true);
    expect(report.removed).to.deep.equal({ cases: 1, ratings: 1, drafts: 1, attachments: 1, audit: 1, outbox: 2 });
    const dump = await rawDump(store.name);
    expect((dump.cases as { id: string }[]).map((row) => row.id).sort()).to.deep.equal(
      [pending.id, halfSynced.id].sort(),
    );
    expect((dump.ratings as { id: string }[]).map((row) => row.id)).to.deep.equal([pendingRating.id]);
    expect((dump.attachments as { sha256: string }[]).map((row) => row.sha256).sort()).to.deep.equal(
      [shaPending, shaShared].sort(),
    );
    expect((dump.drafts as { id: string }[]).map((row) => row.id)).to.deep.equal([openDraft.id]);
    expect(dump.audit).to.deep.equal([]);
    expect(await findInClear(dump, [PERSON.name, PERSON.idNumber])).to.deep.equal([]);
    expect(await store.outbox.counts()).to.deep.equal({ pending: 3, parked: 0 });

    await store.unlock(CLERK, SECRET);
    expect((await store.getCase(pending.id))?.applicant.name).to.equal(PERSON.name);
    expect((await store.getCase(halfSynced.id))?.status).to.equal('forwarded');
    expect(await store.getCase(synced.id)).to.equal(undefined);
    expect(await (await store.getAttachment(shaPending))!.text()).to.equal('pending scan');
    expect(await store.outbox.sendable()).to.have.length(3);
  });

  it('removes nothing when nothing is acknowledged, and an empty store purges cleanly', async () => {
    const store = await stores.open();
    await store.saveCase(makeCase());
    const before = await rawDump(store.name);
    const report = await store.purgeSynced();
    expect(report.removed).to.deep.equal({ cases: 0, ratings: 0, drafts: 0, attachments: 0, audit: 0, outbox: 0 });
    expect(report.kept).to.deep.equal({ cases: 1, ratings: 0, outbox: 1 });
    const after = await rawDump(store.name);
    expect(after.cases).to.deep.equal(before.cases);
    const empty = await stores.open();
    expect((await empty.purgeSynced()).removed.cases).to.equal(0);
  });

  it('drops uploaded attachments nothing references any more, keeps ones not uploaded', async () => {
    const store = await stores.open();
    const uploaded = await store.putAttachment(new Blob(['uploaded orphan']));
    const local = await store.putAttachment(new Blob(['local orphan']));
    await store.markAttachmentsUploaded([uploaded]);
    await store.purgeSynced();
    expect(await store.attachmentInfo(uploaded)).to.equal(undefined);
    expect(await store.attachmentInfo(local)).to.not.equal(undefined);
  });
});
