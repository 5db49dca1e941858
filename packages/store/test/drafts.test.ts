import { expect } from '@open-wc/testing';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { DraftLockedError, StoreLockedError } from '@yichuang/store';
import { PERSON, Stores } from './support/fixtures.js';
import { findInClear, rawDump } from './support/raw.js';

interface IntakeDraft {
  id?: string;
  applicantName?: string;
  step?: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('store: drafts', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('autosaves after a quiet moment, once for a burst of changes, encrypted', async () => {
    const store = await stores.open();
    const draft = await store.openDraft<IntakeDraft>(undefined, { initial: { step: 1 }, debounceMs: 40 });
    let puts = 0;
    const count = () => void (puts += 1);
    store.db.drafts.hook('updating', count);
    try {
      draft.update({ applicantName: '欧' });
      draft.update({ applicantName: '欧阳' });
      draft.update({ applicantName: PERSON.name, step: 2 });
      expect((await store.getDraft<IntakeDraft>(draft.id))?.data.applicantName).to.equal(undefined);
      await firstValueFrom(
        draft.saveState$.pipe(
          filter((state) => state === 'saved'),
          timeout(2000),
        ),
      );
      await pause(60);
      expect(puts).to.equal(1);
    } finally {
      store.db.drafts.hook('updating').unsubscribe(count);
    }
    expect((await store.getDraft<IntakeDraft>(draft.id))?.data).to.deep.equal({ step: 2, applicantName: PERSON.name });
    expect(await findInClear(await rawDump(store.name), [PERSON.name])).to.deep.equal([]);
    await draft.close();
  });

  it('flushes on pagehide and on close, and reopens with what was typed', async () => {
    const store = await stores.open();
    const draft = await store.openDraft<IntakeDraft>(undefined, { debounceMs: 60_000 });
    draft.update({ applicantName: PERSON.name });
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    await pause(50);
    expect((await store.getDraft<IntakeDraft>(draft.id))?.data.applicantName).to.equal(PERSON.name);
    draft.update({ step: 3 });
    await draft.close();
    expect(draft.closed).to.equal(true);
    expect(() => draft.update({ step: 4 })).to.throw(/closed/);
    const again = await store.openDraft<IntakeDraft>(draft.id);
    expect(again.data).to.deep.equal({ applicantName: PERSON.name, step: 3 });
    await again.close();
  });

  it('refuses a second editor of the same draft (another tab: another store instance) until the first closes', async () => {
    const tabA = await stores.open();
    const tabB = await stores.twin(tabA);
    const draft = await tabA.openDraft<IntakeDraft>(undefined, { initial: { step: 1 } });
    let failure: unknown;
    await tabB.openDraft(draft.id).catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(DraftLockedError);
    expect((failure as DraftLockedError).draftId).to.equal(draft.id);
    const other = await tabB.openDraft(); // another draft is free
    await other.close();
    await draft.close();
    const inB = await tabB.openDraft<IntakeDraft>(draft.id);
    expect(inB.data.step).to.equal(1);
    await inB.close();
  });

  it('lists drafts live, most recent first, and deletes a discarded one', async () => {
    const store = await stores.open();
    const first = await store.openDraft<IntakeDraft>(undefined, { initial: { step: 1 } });
    await first.close();
    const second = await store.openDraft<IntakeDraft>(undefined, { initial: { step: 2 } });
    const listed = await firstValueFrom(
      store.drafts$<IntakeDraft>().pipe(
        filter((list) => list.length === 2),
        timeout(2000),
      ),
    );
    expect(listed.map((entry) => entry.id)).to.deep.equal([second.id, first.id]);
    await second.discard();
    expect(await store.getDraft(second.id)).to.equal(undefined);
    const after = await store.openDraft(second.id); // the lock was released
    await after.close();
  });

  it('records the case a draft belongs to, from its data or the options', async () => {
    const store = await stores.open();
    const fromData = await store.openDraft<IntakeDraft>(undefined, { initial: { id: '01JNMV7Q8Z3K5W9XG2T4HB6YRD' } });
    const fromOption = await store.openDraft<IntakeDraft>(undefined, { caseId: '01JNMV7Q8Z3K5W9XG2T4HB6YRE' });
    await fromData.close();
    await fromOption.close();
    expect((await store.getDraft(fromData.id))?.caseId).to.equal('01JNMV7Q8Z3K5W9XG2T4HB6YRD');
    expect((await store.getDraft(fromOption.id))?.caseId).to.equal('01JNMV7Q8Z3K5W9XG2T4HB6YRE');
  });

  it('keeps unsaved changes in memory when the store was locked meanwhile, and saves them after unlock', async () => {
    const store = await stores.open();
    const draft = await store.openDraft<IntakeDraft>(undefined, { debounceMs: 60_000 });
    draft.update({ step: 5 });
    store.lock();
    let failure: unknown;
    await draft.flush().catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(StoreLockedError);
    expect(draft.data.step).to.equal(5);
    await store.unlock('clerk01', 'yichuang-demo');
    await draft.close();
    expect((await store.getDraft<IntakeDraft>(draft.id))?.data.step).to.equal(5);
  });
});
