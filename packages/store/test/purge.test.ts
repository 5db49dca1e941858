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
    expect(report.removed).to.deep.equal({
      cases: 1,
      ratings: 1,
      assistVisits: 0,
      remoteCases: 0,
      attachments: 1,
      audit: 1,
      outbox: 2,
    });
    expect(report.kept).to.deep.equal({ cases: 2, ratings: 1, assistVisits: 0, remoteCases: 0, outbox: 4, drafts: 2 });
    const dump = await rawDump(store.name);
    expect((dump.cases as { id: string }[]).map((row) => row.id).sort()).to.deep.equal(
      [pending.id, halfSynced.id].sort(),
    );
    expect((dump.ratings as { id: string }[]).map((row) => row.id)).to.deep.equal([pendingRating.id]);
    expect((dump.attachments as { sha256: string }[]).map((row) => row.sha256).sort()).to.deep.equal(
      [shaPending, shaShared].sort(),
    );
    // Drafts are unconfirmed work, never synced: all kept (encrypted), the one of a synced case too.
    expect((dump.drafts as { id: string }[]).map((row) => row.id).sort()).to.deep.equal(
      [syncedDraft.id, openDraft.id].sort(),
    );
    expect(dump.audit).to.deep.equal([]);
    // The sending order of the removed mutations goes with them.
    expect((dump.outboxOrder as { id: string }[]).map((row) => row.id).sort()).to.deep.equal(
      (dump.outbox as { id: string }[]).map((row) => row.id).sort(),
    );
    expect(await findInClear(dump, [PERSON.name, PERSON.idNumber])).to.deep.equal([]);
    expect(await store.outbox.counts()).to.deep.equal({ pending: 3, parked: 0 });

    await store.unlock(CLERK, SECRET);
    expect((await store.getCase(pending.id))?.applicant.name).to.equal(PERSON.name);
    expect((await store.getCase(halfSynced.id))?.status).to.equal('forwarded');
    expect(await store.getCase(synced.id)).to.equal(undefined);
    expect(await (await store.getAttachment(shaPending))!.text()).to.equal('pending scan');
    expect((await store.getDraft<{ note: string }>(syncedDraft.id))?.data.note).to.equal(PERSON.name);
    expect(await store.outbox.sendable()).to.have.length(3);
  });

  it('removes nothing when nothing is acknowledged, and an empty store purges cleanly', async () => {
    const store = await stores.open();
    await store.saveCase(makeCase());
    const before = await rawDump(store.name);
    const report = await store.purgeSynced();
    expect(report.removed).to.deep.equal({
      cases: 0,
      ratings: 0,
      assistVisits: 0,
      remoteCases: 0,
      attachments: 0,
      audit: 0,
      outbox: 0,
    });
    expect(report.kept).to.deep.equal({ cases: 1, ratings: 0, assistVisits: 0, remoteCases: 0, outbox: 1, drafts: 0 });
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

  it('never deletes an attachment the hall does not hold, even one only a removed case referenced', async () => {
    const store = await stores.open();
    const sha = await store.putAttachment(new Blob(['scan stored again after the upload']));
    const value = makeCase({
      materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan', copies: 0, attachments: [sha] }],
    });
    await store.saveCase(value);
    await acknowledge(store, value.id);
    // The file's row was replaced since (e.g. stored again): this workstation no longer knows the hall holds it.
    await store.db.attachments.update(sha, { uploaded: 0 });
    const report = await store.purgeSynced();
    expect(report.removed).to.include({ cases: 1, attachments: 0 });
    expect(await store.attachmentInfo(sha)).to.include({ uploaded: false });
  });

  it('keeps a case whose last mutation the clerk discarded after an earlier one was acknowledged (diverged)', async () => {
    const store = await stores.open();
    const sha = await store.putAttachment(new Blob(['scan added by the refused change']));
    const value = makeCase();
    await store.saveCase(value);
    await acknowledge(store, value.id);
    expect(await store.caseSyncState(value.id)).to.equal('synced');
    const changed = {
      ...resaved(value),
      materials: [
        { materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan' as const, copies: 0, attachments: [sha] },
      ],
    };
    const { mutationId } = await store.saveCase(changed);
    await store.outbox.settle({ parked: [{ id: mutationId, code: 'conflict', message: 'the hall refused it' }] });
    await store.outbox.discardParked(mutationId);

    // The version held here is not the hall's: not synced, and the purge keeps it with its file.
    expect(await store.isCaseSynced(value.id)).to.equal(false);
    expect(await store.caseSyncState(value.id)).to.equal('diverged');
    const report = await store.purgeSynced();
    expect(report.removed).to.include({ cases: 0, attachments: 0 });
    await store.unlock(CLERK, SECRET);
    expect((await store.getCase(value.id))?.status).to.equal('forwarded');
    expect(await (await store.getAttachment(sha))!.text()).to.equal('scan added by the refused change');

    // Saved and sent again, it is the hall's version once more.
    await store.saveCase(resaved(changed, 'decided'));
    expect(await store.caseSyncState(value.id)).to.equal('pending');
    await acknowledge(store, value.id);
    expect(await store.caseSyncState(value.id)).to.equal('synced');
    expect((await store.db.cases.get(value.id))?.diverged).to.equal(undefined);
    expect(await store.caseSyncState('01JNMV7Q8Z3K5W9XG2T4HB6YRD')).to.equal(undefined);
  });

  it('leaves a case pending, not diverged, when the discarded mutation was followed by another', async () => {
    const store = await stores.open();
    const value = makeCase();
    const first = (await store.saveCase(value)).mutationId;
    await store.saveCase(resaved(value));
    await store.outbox.settle({ parked: [{ id: first, code: 'conflict', message: 'refused' }] });
    await store.outbox.discardParked(first);
    expect(await store.db.outboxOrder.where('id').equals(first).count()).to.equal(0);
    expect(await store.caseSyncState(value.id)).to.equal('pending');
    await acknowledge(store, value.id);
    expect(await store.caseSyncState(value.id)).to.equal('synced');
  });
});
