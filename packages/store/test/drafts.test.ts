import { expect } from '@open-wc/testing';
import { filter, firstValueFrom, lastValueFrom, timeout } from 'rxjs';
import { DraftLockedError, StoreLockedError } from '@yichuang/store';
import { CLERK, PERSON, SECRET, Stores } from './support/fixtures.js';
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

  it('saves what was not saved yet and closes the session when the store is locked', async () => {
    const store = await stores.open();
    const draft = await store.openDraft<IntakeDraft>(undefined, { debounceMs: 60_000 });
    draft.update({ step: 5 });
    store.lock();
    expect(draft.closed).to.equal(true);
    expect(draft.closeReason).to.equal('locked');
    expect(() => draft.update({ step: 6 })).to.throw(/closed/);
    expect(await lastValueFrom(draft.saveState$)).to.equal('saved');
    await store.unlock(CLERK, SECRET);
    expect((await store.getDraft<IntakeDraft>(draft.id))?.data.step).to.equal(5);
    const again = await store.openDraft<IntakeDraft>(draft.id); // the Web Lock was released
    expect(again.data.step).to.equal(5);
    await again.close();
    expect(again.closeReason).to.equal('closed');
  });

  it("never reseals a clerk's open draft with another clerk's key: the save is refused and the session closes", async () => {
    const store = await stores.open();
    const draft = await store.openDraft<IntakeDraft>(undefined, { initial: { step: 1 }, debounceMs: 60_000 });
    const clerkKey = (await store.db.keyring.get(CLERK))!.keyId;
    draft.update({ applicantName: PERSON.name, step: 2 });
    const states: string[] = [];
    draft.saveState$.subscribe((state) => states.push(state));
    await store.unlock('clerk02', 'another-secret'); // clerk02 signs in on the same workstation

    let failure: unknown;
    await draft.flush().catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(StoreLockedError);
    expect((failure as StoreLockedError).reason).to.equal('other-clerk');
    expect(draft.closed).to.equal(true);
    expect(draft.closeReason).to.equal('other-clerk');
    expect(states.at(-1)).to.equal('error');
    expect((await store.db.drafts.get(draft.id))?.sealed.key).to.equal(clerkKey);
    expect(await firstValueFrom(store.drafts$())).to.deep.equal([]);

    await store.unlock(CLERK, SECRET);
    const again = await store.openDraft<IntakeDraft>(draft.id);
    expect(again.data).to.deep.equal({ step: 1 });
    await again.close();
  });

  it('fails to open a new draft whose first save fails, without keeping it locked', async () => {
    const store = await stores.open();
    const failing = (): void => {
      throw new Error('disk full (injected)');
    };
    store.db.drafts.hook('creating', failing);
    let failure: unknown;
    try {
      await store
        .openDraft<IntakeDraft>('01JNMV7Q8Z3K5W9XG2T4HB6YRF', { initial: { step: 1 } })
        .catch((error: unknown) => {
          failure = error;
        });
    } finally {
      store.db.drafts.hook('creating').unsubscribe(failing);
    }
    expect((failure as Error).message).to.contain('injected');
    const again = await store.openDraft<IntakeDraft>('01JNMV7Q8Z3K5W9XG2T4HB6YRF', { initial: { step: 2 } });
    expect((await store.getDraft<IntakeDraft>(again.id))?.data.step).to.equal(2);
    await again.close();
  });

  it('refuses to open a draft when the store is locked while it opens', async () => {
    const store = await stores.open();
    const opening = store.openDraft<IntakeDraft>(undefined, { initial: { step: 1 } });
    store.lock();
    let failure: unknown;
    await opening.catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(StoreLockedError);
    expect(await store.db.drafts.count()).to.equal(0);
  });
});
