import { expect } from '@open-wc/testing';
import { StoreLockedError, WrongSecretError, type WorkstationStore } from '@yichuang/store';
import { CLERK, PERSON, PROXY, SECRET, Stores, makeCase, makeRating } from './support/fixtures.js';
import { findInClear, rawDump } from './support/raw.js';

const SECRETS = [PERSON.name, PERSON.idNumber, PERSON.phone, PERSON.address, PROXY.name, PROXY.idNumber, PROXY.phone];

describe('store: encryption at rest', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  async function filled(): Promise<{ store: WorkstationStore; caseId: string; sha: string }> {
    const store = await stores.open();
    const sha = await store.putAttachment(
      new Blob([`身份证复印件 ${PERSON.name} ${PERSON.idNumber}`], { type: 'text/plain' }),
    );
    // The application form and a posted result carry names, numbers, phones and addresses too.
    const value = makeCase({
      materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan', copies: 0, attachments: [sha] }],
      form: { 'applicant-name': PERSON.name, 'applicant-id-number': PERSON.idNumber, 'contact-phone': PERSON.phone },
      delivery: { way: 'post', recipient: PROXY.name, phone: PROXY.phone, address: PERSON.address },
    });
    await store.saveCase(value, {
      audit: [{ at: value.createdAt, actor: CLERK, window: 'W03', action: 'accept', reason: `${PERSON.name}材料齐全` }],
    });
    await store.saveRating(makeRating({ caseId: value.id }));
    const draft = await store.openDraft(undefined, { initial: { applicant: { name: PROXY.name } } });
    await draft.close();
    return { store, caseId: value.id, sha };
  }

  it('keeps no name, identity number, phone or address in clear in any table, outbox and attachments included', async () => {
    const { store } = await filled();
    const dump = await rawDump(store.name);
    for (const table of ['cases', 'outbox', 'attachments', 'ratings', 'audit', 'drafts']) {
      expect(dump[table], table).to.have.length.greaterThan(0);
    }
    expect(await findInClear(dump, SECRETS)).to.deep.equal([]);
    // The search itself works: the same data in clear is found.
    expect(await findInClear({ x: [new Blob([PERSON.name])] }, SECRETS)).to.deep.equal([PERSON.name]);
  });

  it('stores no key in clear: only the data key wrapped by the secret, with a salt and the iteration count', async () => {
    const { store } = await filled();
    const [row] = (await rawDump(store.name)).keyring as Record<string, unknown>[];
    expect(Object.keys(row!).sort()).to.deep.equal(['createdAt', 'iterations', 'keyId', 'salt', 'user', 'wrapped']);
    expect((row!.wrapped as ArrayBuffer).byteLength).to.equal(40); // AES-KW of a 256-bit key
    expect(await findInClear(row, [SECRET])).to.deep.equal([]);
  });

  it('reads back what it sealed once unlocked, in a new store instance too', async () => {
    const { store, caseId, sha } = await filled();
    const again = await stores.twin(store);
    const read = await again.getCase(caseId);
    expect(read?.applicant).to.include({ name: PERSON.name, idNumber: PERSON.idNumber });
    expect(read?.proxy?.name).to.equal(PROXY.name);
    expect(read?.form?.['applicant-id-number']).to.equal(PERSON.idNumber);
    expect(read?.delivery).to.deep.equal({
      way: 'post',
      recipient: PROXY.name,
      phone: PROXY.phone,
      address: PERSON.address,
    });
    expect(await (await again.getAttachment(sha))!.text()).to.contain(PERSON.idNumber);
  });

  it('gives a different ciphertext each time the same case is sealed (random IV)', async () => {
    const store = await stores.open();
    const value = makeCase();
    await store.saveCase(value);
    const first = (await store.db.cases.get(value.id))!.sealed;
    await store.saveCase(value);
    const second = (await store.db.cases.get(value.id))!.sealed;
    expect(first.iv).to.not.deep.equal(second.iv);
    expect(new Uint8Array(first.data)).to.not.deep.equal(new Uint8Array(second.data));
  });

  it('refuses a ciphertext moved to another record (the record id is bound in)', async () => {
    const store = await stores.open();
    const a = makeCase();
    const b = makeCase({
      applicant: { kind: 'person', name: '王五', idType: 'resident-id', idNumber: '11010519491231002X' },
    });
    await store.saveCase(a);
    await store.saveCase(b);
    const sealedA = (await store.db.cases.get(a.id))!.sealed;
    await store.db.cases.update(b.id, { sealed: sealedA });
    let failure: unknown;
    await store.getCase(b.id).catch((error: unknown) => (failure = error));
    expect((failure as Error | undefined)?.name).to.equal('OperationError');
    expect((await store.getCase(a.id))?.applicant.name).to.equal(PERSON.name);
  });
});

describe('store: locked store and secrets', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('throws StoreLockedError for personal reads and writes while locked, and reads counts without the key', async () => {
    const store = await stores.open();
    const value = makeCase();
    const sha = await store.putAttachment(new Blob(['x']));
    await store.saveCase(value);
    store.lock();
    expect(store.locked).to.equal(true);
    for (const attempt of [
      () => store.getCase(value.id),
      () => store.saveCase(makeCase()),
      () => store.getAttachment(sha),
      () => store.putAttachment(new Blob(['y'])),
      () => store.saveRating(makeRating()),
      () => store.openDraft(),
      () => store.auditLog(),
    ]) {
      let failure: unknown;
      await attempt().catch((error: unknown) => (failure = error));
      expect(failure).to.be.instanceOf(StoreLockedError);
      expect((failure as StoreLockedError).message).to.contain('locked');
    }
    expect(await store.outbox.counts()).to.deep.equal({ pending: 1, parked: 0 });
    expect((await store.attachmentInfo(sha))?.size).to.equal(1);
    expect(await store.db.cases.count()).to.equal(1); // the refused save stored nothing
  });

  it('errors a live list with StoreLockedError when the store is locked', async () => {
    const store = await stores.open();
    await store.saveCase(makeCase());
    const seen: unknown[] = [];
    const errors: unknown[] = [];
    const subscription = store.cases$().subscribe({ next: (list) => seen.push(list), error: (e) => errors.push(e) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    store.lock();
    await new Promise((resolve) => setTimeout(resolve, 50));
    subscription.unsubscribe();
    expect(seen).to.have.length.greaterThan(0);
    expect(errors[0]).to.be.instanceOf(StoreLockedError);
  });

  it('refuses a wrong secret with WrongSecretError, changes nothing, and still opens with the right one', async () => {
    const store = await stores.open();
    const value = makeCase();
    await store.saveCase(value);
    store.lock();
    const before = await rawDump(store.name);
    let failure: unknown;
    await store.unlock(CLERK, 'not-the-password').catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(WrongSecretError);
    expect((failure as Error).message).to.not.contain('not-the-password');
    expect(store.locked).to.equal(true);
    const after = await rawDump(store.name);
    expect(after.keyring).to.deep.equal(before.keyring);
    expect(after.cases).to.deep.equal(before.cases);
    await store.unlock(CLERK, SECRET);
    expect((await store.getCase(value.id))?.applicant.name).to.equal(PERSON.name);
  });

  it('keeps the data readable after the clerk changes their secret; the old secret stops working', async () => {
    const store = await stores.open();
    const value = makeCase();
    await store.saveCase(value);
    await store.changeSecret(CLERK, SECRET, 'new-password-2026');
    store.lock();
    let failure: unknown;
    await store.unlock(CLERK, SECRET).catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(WrongSecretError);
    await store.unlock(CLERK, 'new-password-2026');
    expect((await store.getCase(value.id))?.applicant.name).to.equal(PERSON.name);
  });

  it("keeps one clerk's cases closed to another clerk on the same workstation", async () => {
    const store = await stores.open();
    const value = makeCase();
    await store.saveCase(value);
    await store.unlock('clerk02', 'another-secret');
    let failure: unknown;
    await store.getCase(value.id).catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(StoreLockedError);
    expect((failure as StoreLockedError).reason).to.equal('other-clerk');
    expect(await store.outbox.sendable()).to.deep.equal([]);
    await store.unlock(CLERK, SECRET);
    expect(await store.outbox.sendable()).to.have.length(1);
  });

  it('makes one key for a clerk who unlocks in two tabs at once', async () => {
    const tabA = await stores.open({ unlock: false });
    const tabB = await stores.twin(tabA, false);
    await Promise.all([tabA.unlock('clerk09', 'pw-9'), tabB.unlock('clerk09', 'pw-9')]);
    const value = makeCase();
    await tabA.saveCase(value);
    expect((await tabB.getCase(value.id))?.applicant.name).to.equal(PERSON.name);
    expect(await tabA.db.keyring.count()).to.equal(1);
  });

  it('refuses to change the secret of a clerk without a key here', async () => {
    const store = await stores.open();
    let failure: unknown;
    await store.changeSecret('clerk77', 'a', 'b').catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(StoreLockedError);
  });

  it('uses the configured PBKDF2 iterations and defaults to 310,000', async () => {
    const store = await stores.open();
    expect((await store.db.keyring.get(CLERK))?.iterations).to.equal(1000);
    const { WorkstationStore } = await import('@yichuang/store');
    expect(new WorkstationStore({ name: 'never-opened' }).kdfIterations).to.equal(310_000);
  });
});
