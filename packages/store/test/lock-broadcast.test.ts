import { expect } from '@open-wc/testing';
import { StoreLockedError, storeChannelName } from '@yichuang/store';
import { CLERK, SECRET, Stores, makeCase, until } from './support/fixtures.js';

describe('store: logout reaches every tab', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('locks every instance of the database (other tabs) when one locks, and they forget the key', async () => {
    const tabA = await stores.open();
    const tabB = await stores.twin(tabA);
    const elsewhere = await stores.open(); // another workstation profile: not concerned
    const value = makeCase();
    await tabA.saveCase(value);
    expect((await tabB.getCase(value.id))?.id).to.equal(value.id);
    const draft = await tabB.openDraft(undefined, { initial: { step: 1 }, debounceMs: 60_000 });
    draft.update({ step: 2 });

    tabA.lock();
    await until(() => tabB.locked, 2000, 'the other tab to lock');
    expect(tabB.user).to.equal(undefined);
    let failure: unknown;
    await tabB.getCase(value.id).catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(StoreLockedError);
    expect(draft.closeReason).to.equal('locked');
    expect(elsewhere.locked).to.equal(false);

    // Its draft saved what was typed before it closed.
    await tabB.unlock(CLERK, SECRET);
    expect((await tabB.getDraft<{ step: number }>(draft.id))?.data.step).to.equal(2);
  });

  it('locks every instance after a purge on logout', async () => {
    const tabA = await stores.open();
    const tabB = await stores.twin(tabA);
    await tabA.purgeSynced();
    await until(() => tabB.locked, 2000, 'the other tab to lock');
    expect(tabA.locked).to.equal(true);
  });

  it('does not lock the other tabs when one only closes its connection', async () => {
    const tabA = await stores.open();
    const tabB = await stores.twin(tabA);
    tabA.close();
    const probe = new BroadcastChannel(storeChannelName(tabA.name));
    try {
      // A message sent after the close reaches tabB within a turn or two: if the close had locked it, it would be now.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(tabB.locked).to.equal(false);
      probe.postMessage({ type: 'hello' }); // unknown messages are ignored
      probe.postMessage(null);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(tabB.locked).to.equal(false);
      probe.postMessage({ type: 'lock' });
      await until(() => tabB.locked, 2000, 'the lock message');
    } finally {
      probe.close();
    }
  });
});
