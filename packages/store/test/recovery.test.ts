import { expect } from '@open-wc/testing';
import {
  MIN_RECOVERY_MODULUS_BITS,
  NotFoundError,
  RecoveryUnavailableError,
  WrongRecoveryKeyError,
  WrongSecretError,
  generateRecoveryKeyPair,
  recoveryKeyId,
  type RecoveryPublicKey,
  type WorkstationStore,
} from '@yichuang/store';
import { CLERK, PERSON, PROXY, SECRET, Stores, failureOf, makeCase } from './support/fixtures.js';
import { findInClear, rawDump } from './support/raw.js';

type KeyPair = Awaited<ReturnType<typeof generateRecoveryKeyPair>>;

interface IntakeDraft {
  applicantName?: string;
  step?: number;
}

const NEW_SECRET = 'reset-by-manager-2026';

function hex(bytes: ArrayBuffer | Uint8Array): string {
  return [...(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes))]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
}

/** A clerk's keyring row as IndexedDB holds it, every buffer as hex: equal strings mean equal bytes. */
async function keyringBytes(store: WorkstationStore, user = CLERK): Promise<string | undefined> {
  const rows = (await rawDump(store.name)).keyring as Record<string, unknown>[];
  const row = rows.find((candidate) => candidate.user === user);
  if (!row) return undefined;
  return JSON.stringify(row, (_key, value: unknown) =>
    value instanceof ArrayBuffer || value instanceof Uint8Array ? `hex:${hex(value)}` : value,
  );
}

async function storedRecovery(store: WorkstationStore, user = CLERK) {
  return (await store.db.keyring.get(user))?.recovery;
}

/** The private JWK as a non-extractable CryptoKey that may only unwrap (as a manager's tool might hold it). */
function privateCryptoKey(pair: KeyPair, usages: KeyUsage[] = ['unwrapKey']): Promise<CryptoKey> {
  const { key_ops: _ops, ...jwk } = pair.privateKey;
  return crypto.subtle.importKey('jwk', jwk, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, usages);
}

describe('store: recovery of a clerk’s data with the hall recovery key', function () {
  const stores = new Stores();
  let hall: KeyPair;
  let rotated: KeyPair;

  before(async function () {
    this.timeout(60_000);
    [hall, rotated] = await Promise.all([generateRecoveryKeyPair(), generateRecoveryKeyPair()]);
  });
  afterEach(() => stores.cleanup());

  /** A workstation where the clerk unlocked with `options`, saved two cases and a draft, then closed the store. */
  async function workedAndClosed(recoveryKey?: RecoveryPublicKey) {
    const store = await stores.open({ unlock: false });
    await store.unlock(CLERK, SECRET, recoveryKey ? { recoveryKey } : {});
    const first = makeCase();
    const second = makeCase({
      applicant: { kind: 'person', name: '王小五', idType: 'resident-id', idNumber: '11010519491231002X' },
    });
    await store.saveCase(first);
    await store.saveCase(second);
    const draft = await store.openDraft<IntakeDraft>(undefined, { debounceMs: 60_000 });
    draft.update({ applicantName: PROXY.name, step: 2 });
    await draft.close();
    store.close();
    return { store, cases: [first, second], draftId: draft.id };
  }

  it('makes a 3072-bit RSA-OAEP-256 pair whose keyId is the RFC 7638 thumbprint of the public key', async () => {
    expect(hall.publicKey.publicKey).to.include({ kty: 'RSA', alg: 'RSA-OAEP-256' });
    expect(hall.publicKey.publicKey.d, 'no private part in the public key').to.equal(undefined);
    expect(hall.privateKey.d).to.be.a('string');
    expect(hall.publicKey.keyId).to.match(/^[0-9a-f]{64}$/);
    const imported = await crypto.subtle.importKey(
      'jwk',
      hall.publicKey.publicKey,
      { name: 'RSA-OAEP', hash: 'SHA-256' },
      true,
      ['wrapKey'],
    );
    expect((imported.algorithm as RsaHashedKeyAlgorithm).modulusLength).to.equal(MIN_RECOVERY_MODULUS_BITS);
    const { e, n } = hall.publicKey.publicKey;
    const canonical = new TextEncoder().encode(`{"e":"${e}","kty":"RSA","n":"${n}"}`);
    expect(hall.publicKey.keyId).to.equal(hex(await crypto.subtle.digest('SHA-256', canonical)));
    expect(await recoveryKeyId(hall.publicKey.publicKey)).to.equal(hall.publicKey.keyId);
    expect(await recoveryKeyId(hall.privateKey), 'a private JWK names its public key').to.equal(hall.publicKey.keyId);
    expect(rotated.publicKey.keyId).to.not.equal(hall.publicKey.keyId);
    expect(await failureOf(recoveryKeyId({ kty: 'EC', crv: 'P-256' }))).to.be.instanceOf(TypeError);
    expect(await failureOf(recoveryKeyId({ kty: 'RSA', n: '!!', e: 'AQAB' }))).to.be.instanceOf(TypeError);
  });

  it('recovers cases, outbox and a draft saved under a forgotten password, with the private key and a new password', async () => {
    const { store, cases, draftId } = await workedAndClosed(hall.publicKey);
    // The clerk forgot the password: the hall manager recovers the workstation's data in a new store instance.
    const again = await stores.twin(store, false);
    expect(await failureOf(() => again.unlock(CLERK, 'what-was-it-again'))).to.be.instanceOf(WrongSecretError);
    await again.recover(CLERK, hall.privateKey, NEW_SECRET);

    expect(again.locked).to.equal(false);
    expect(again.user).to.equal(CLERK);
    expect((await again.getCase(cases[0]!.id))?.applicant).to.include({ name: PERSON.name, idNumber: PERSON.idNumber });
    expect((await again.getCase(cases[1]!.id))?.applicant.name).to.equal('王小五');
    expect((await again.getDraft<IntakeDraft>(draftId))?.data).to.deep.equal({ applicantName: PROXY.name, step: 2 });
    const sendable = await again.outbox.sendable();
    expect(sendable.map((row) => row.record)).to.have.members(cases.map((value) => value.id));
    const payloads = await Promise.all(sendable.map((row) => again.outbox.payload(row)));
    expect(
      payloads.map((mutation) => (mutation.payload as { applicant: { name: string } }).applicant.name),
    ).to.have.members([PERSON.name, '王小五']);

    const audit = (await again.auditLog()).filter((entry) => entry.action === 'recover-keyring');
    expect(audit).to.have.length(1);
    expect(audit[0]).to.include({ actor: CLERK });
    expect(audit[0]!.reason).to.contain(hall.publicKey.keyId);
    expect(await findInClear(await rawDump(again.name), [NEW_SECRET, SECRET])).to.deep.equal([]);

    // The old password no longer opens the data; the new one does, and the recovery wrap is still there.
    again.lock();
    expect(await failureOf(() => again.unlock(CLERK, SECRET))).to.be.instanceOf(WrongSecretError);
    expect(again.locked).to.equal(true);
    await again.unlock(CLERK, NEW_SECRET);
    expect((await again.getCase(cases[0]!.id))?.applicant.name).to.equal(PERSON.name);
    expect((await storedRecovery(again))?.keyId).to.equal(hall.publicKey.keyId);
  });

  it('recovers with the private key held as a CryptoKey too, and again after a second reset', async () => {
    const { store, cases } = await workedAndClosed(hall.publicKey);
    const again = await stores.twin(store, false);
    await again.recover(CLERK, await privateCryptoKey(hall), NEW_SECRET);
    expect((await again.getCase(cases[0]!.id))?.applicant.name).to.equal(PERSON.name);
    again.lock();
    await again.recover(CLERK, hall.privateKey, 'second-reset');
    expect((await again.getCase(cases[1]!.id))?.applicant.name).to.equal('王小五');
    expect(await failureOf(() => again.unlock(CLERK, NEW_SECRET))).to.be.instanceOf(WrongSecretError);
    expect((await again.auditLog()).filter((entry) => entry.action === 'recover-keyring')).to.have.length(2);
  });

  it('refuses another hall key pair’s private key with WrongRecoveryKeyError and changes nothing', async () => {
    const { store, cases } = await workedAndClosed(hall.publicKey);
    const again = await stores.twin(store, false);
    const before = await keyringBytes(again);
    const auditBefore = (await rawDump(again.name)).audit;

    const asJwk = await failureOf(() => again.recover(CLERK, rotated.privateKey, NEW_SECRET));
    expect(asJwk).to.be.instanceOf(WrongRecoveryKeyError);
    expect(asJwk).to.include({
      code: 'wrong-recovery-key',
      keyId: hall.publicKey.keyId,
      givenKeyId: rotated.publicKey.keyId,
    });
    expect((asJwk as Error).message)
      .to.contain(hall.publicKey.keyId)
      .and.contain('nothing was changed');

    // Held as a CryptoKey, the key cannot be named: the RSA-OAEP decryption itself fails.
    const asCryptoKey = await failureOf(async () => again.recover(CLERK, await privateCryptoKey(rotated), NEW_SECRET));
    expect(asCryptoKey).to.be.instanceOf(WrongRecoveryKeyError);
    expect((asCryptoKey as WrongRecoveryKeyError).givenKeyId).to.equal(undefined);

    expect(again.locked).to.equal(true);
    expect(await keyringBytes(again), 'keyring byte for byte').to.equal(before);
    expect((await rawDump(again.name)).audit).to.deep.equal(auditBefore);
    expect(await failureOf(() => again.unlock(CLERK, NEW_SECRET))).to.be.instanceOf(WrongSecretError);
    await again.unlock(CLERK, SECRET);
    expect((await again.getCase(cases[0]!.id))?.applicant.name).to.equal(PERSON.name);
  });

  it('refuses with RecoveryUnavailableError a keyring made without a recovery key, and changes nothing', async () => {
    const { store, cases } = await workedAndClosed();
    const again = await stores.twin(store, false);
    const before = await keyringBytes(again);
    const failure = await failureOf(() => again.recover(CLERK, hall.privateKey, NEW_SECRET));
    expect(failure).to.be.instanceOf(RecoveryUnavailableError);
    expect(failure).to.include({ code: 'recovery-unavailable', name: 'RecoveryUnavailableError' });
    expect((failure as Error).message).to.contain('cannot be recovered');
    expect(again.locked).to.equal(true);
    expect(await keyringBytes(again)).to.equal(before);
    await again.unlock(CLERK, SECRET);
    expect((await again.getCase(cases[0]!.id))?.applicant.name).to.equal(PERSON.name);
  });

  it('refuses with NotFoundError a clerk who has no keyring on this workstation', async () => {
    const store = await stores.open();
    const failure = await failureOf(() => store.recover('clerk77', hall.privateKey, NEW_SECRET));
    expect(failure).to.be.instanceOf(NotFoundError);
    expect(failure).to.include({ code: 'not-found' });
    expect(await store.db.keyring.count()).to.equal(1);
    expect(store.user, 'still unlocked as the clerk who was').to.equal(CLERK);
  });

  it('refuses what is not a recovery private key or a new secret with TypeError, and changes nothing', async () => {
    const { store } = await workedAndClosed(hall.publicKey);
    const again = await stores.twin(store, false);
    const before = await keyringBytes(again);
    const publicCryptoKey = await crypto.subtle.importKey(
      'jwk',
      hall.publicKey.publicKey,
      { name: 'RSA-OAEP', hash: 'SHA-256' },
      true,
      ['wrapKey'],
    );
    const attempts: [string, () => Promise<unknown>][] = [
      ['the public JWK', () => again.recover(CLERK, hall.publicKey.publicKey, NEW_SECRET)],
      ['a public CryptoKey', () => again.recover(CLERK, publicCryptoKey, NEW_SECRET)],
      [
        'a CryptoKey that may only decrypt',
        async () => again.recover(CLERK, await privateCryptoKey(hall, ['decrypt']), NEW_SECRET),
      ],
      ['an EC JWK', () => again.recover(CLERK, { kty: 'EC', crv: 'P-256', d: 'x' }, NEW_SECRET)],
      ['null', () => again.recover(CLERK, null as unknown as JsonWebKey, NEW_SECRET)],
      ['a SHA-1 OAEP JWK', () => again.recover(CLERK, { ...hall.privateKey, alg: 'RSA-OAEP' }, NEW_SECRET)],
      ['an unreadable JWK', () => again.recover(CLERK, { ...hall.privateKey, n: 'AQAB', p: '!!' }, NEW_SECRET)],
      ['an empty new secret', () => again.recover(CLERK, hall.privateKey, '')],
      ['no user', () => again.recover('', hall.privateKey, NEW_SECRET)],
    ];
    for (const [what, attempt] of attempts) {
      expect(await failureOf(attempt), what).to.be.instanceOf(TypeError);
    }
    expect(again.locked).to.equal(true);
    expect(await keyringBytes(again)).to.equal(before);
  });

  it('wraps an older keyring for the recovery key at the clerk’s next unlock with it, then recovers it', async () => {
    const { store, cases } = await workedAndClosed();
    const tab = await stores.twin(store, false);
    expect(await storedRecovery(tab)).to.equal(undefined);
    await tab.unlock(CLERK, SECRET, { recoveryKey: hall.publicKey });
    expect((await tab.getCase(cases[0]!.id))?.applicant.name).to.equal(PERSON.name);
    const recovery = await storedRecovery(tab);
    expect(recovery?.keyId).to.equal(hall.publicKey.keyId);
    expect(recovery?.wrapped.byteLength).to.equal(MIN_RECOVERY_MODULUS_BITS / 8);

    // Already wrapped for that key: the next unlock with it stores nothing new.
    const wrapped = await keyringBytes(tab);
    tab.lock();
    await tab.unlock(CLERK, SECRET, { recoveryKey: hall.publicKey });
    expect(await keyringBytes(tab)).to.equal(wrapped);
    tab.close();

    const manager = await stores.twin(store, false);
    await manager.recover(CLERK, hall.privateKey, NEW_SECRET);
    expect((await manager.getCase(cases[1]!.id))?.applicant.name).to.equal('王小五');
  });

  it('re-wraps for a rotated hall key at the next unlock: only the new private key recovers then', async () => {
    const { store, cases } = await workedAndClosed(hall.publicKey);
    const tab = await stores.twin(store, false);
    await tab.unlock(CLERK, SECRET, { recoveryKey: rotated.publicKey });
    expect((await storedRecovery(tab))?.keyId).to.equal(rotated.publicKey.keyId);
    tab.lock();
    const old = await failureOf(() => tab.recover(CLERK, hall.privateKey, NEW_SECRET));
    expect(old).to.be.instanceOf(WrongRecoveryKeyError);
    expect((old as WrongRecoveryKeyError).keyId).to.equal(rotated.publicKey.keyId);
    await tab.recover(CLERK, rotated.privateKey, NEW_SECRET);
    expect((await tab.getCase(cases[0]!.id))?.applicant.name).to.equal(PERSON.name);
  });

  it('keeps recovery working after the clerk changes their password', async () => {
    const { store, cases } = await workedAndClosed(hall.publicKey);
    const tab = await stores.twin(store, false);
    const recoveryBefore = await storedRecovery(tab);
    await tab.changeSecret(CLERK, SECRET, 'changed-by-clerk');
    const recoveryAfter = await storedRecovery(tab);
    expect(recoveryAfter?.keyId).to.equal(recoveryBefore?.keyId);
    expect(hex(recoveryAfter!.wrapped)).to.equal(hex(recoveryBefore!.wrapped));
    tab.close();

    // Then the clerk forgets the changed password too.
    const manager = await stores.twin(store, false);
    await manager.recover(CLERK, hall.privateKey, NEW_SECRET);
    expect((await manager.getCase(cases[0]!.id))?.applicant.name).to.equal(PERSON.name);
    manager.lock();
    expect(await failureOf(() => manager.unlock(CLERK, 'changed-by-clerk'))).to.be.instanceOf(WrongSecretError);
    await manager.unlock(CLERK, NEW_SECRET);
    expect(manager.user).to.equal(CLERK);
  });

  it('refuses a malformed recovery public key at unlock and stores nothing, for a new or a known clerk', async () => {
    const ec = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const ecJwk = await crypto.subtle.exportKey('jwk', ec.publicKey);
    const small = await crypto.subtle.generateKey(
      { name: 'RSA-OAEP', hash: 'SHA-256', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]) },
      true,
      ['wrapKey', 'unwrapKey'],
    );
    const smallJwk = await crypto.subtle.exportKey('jwk', small.publicKey);
    const keys: [string, unknown, typeof TypeError | typeof RangeError][] = [
      ['an EC key', { keyId: 'ec-key', publicKey: ecJwk }, TypeError],
      ['1024-bit RSA', { keyId: await recoveryKeyId(smallJwk), publicKey: smallJwk }, RangeError],
      ['the private key', { keyId: hall.publicKey.keyId, publicKey: hall.privateKey }, TypeError],
      [
        'RSA-OAEP with SHA-1',
        { ...hall.publicKey, publicKey: { ...hall.publicKey.publicKey, alg: 'RSA-OAEP' } },
        TypeError,
      ],
      ['another key’s id', { keyId: rotated.publicKey.keyId, publicKey: hall.publicKey.publicKey }, TypeError],
      ['an unreadable modulus', { keyId: 'x', publicKey: { kty: 'RSA', n: '!!', e: 'AQAB' } }, TypeError],
      ['no keyId', { publicKey: hall.publicKey.publicKey }, TypeError],
      ['no public key', { keyId: hall.publicKey.keyId }, TypeError],
      ['null', null, TypeError],
    ];

    const fresh = await stores.open({ unlock: false });
    for (const [what, recoveryKey, kind] of keys) {
      const failure = await failureOf(() =>
        fresh.unlock('clerk02', 'pw-2', { recoveryKey: recoveryKey as RecoveryPublicKey }),
      );
      expect(failure, what).to.be.instanceOf(kind);
      expect(fresh.locked, what).to.equal(true);
      expect(await fresh.db.keyring.count(), what).to.equal(0);
    }
    const small1024 = await failureOf(() =>
      fresh.unlock('clerk02', 'pw-2', { recoveryKey: keys[1]![1] as RecoveryPublicKey }),
    );
    expect((small1024 as Error).message)
      .to.contain('1024 bits')
      .and.contain('3072');

    const { store } = await workedAndClosed();
    const known = await stores.twin(store, false);
    const before = await keyringBytes(known);
    for (const [what, recoveryKey, kind] of keys) {
      const failure = await failureOf(() =>
        known.unlock(CLERK, SECRET, { recoveryKey: recoveryKey as RecoveryPublicKey }),
      );
      expect(failure, what).to.be.instanceOf(kind);
      expect(known.locked, what).to.equal(true);
    }
    expect(await keyringBytes(known)).to.equal(before);
  });

  it('checks the secret before wrapping: a wrong secret with the recovery key stores nothing', async () => {
    const { store } = await workedAndClosed();
    const tab = await stores.twin(store, false);
    const before = await keyringBytes(tab);
    const failure = await failureOf(() => tab.unlock(CLERK, 'wrong', { recoveryKey: hall.publicKey }));
    expect(failure).to.be.instanceOf(WrongSecretError);
    expect(await keyringBytes(tab)).to.equal(before);
    expect(tab.locked).to.equal(true);
  });

  it('makes one keyring, wrapped for the recovery key, when a new clerk unlocks in two tabs at once', async () => {
    const tabA = await stores.open({ unlock: false });
    const tabB = await stores.twin(tabA, false);
    await Promise.all([
      tabA.unlock('clerk09', 'pw-9', { recoveryKey: hall.publicKey }),
      tabB.unlock('clerk09', 'pw-9', { recoveryKey: hall.publicKey }),
    ]);
    const value = makeCase();
    await tabA.saveCase(value);
    expect((await tabB.getCase(value.id))?.applicant.name).to.equal(PERSON.name);
    expect(await tabA.db.keyring.count()).to.equal(1);
    tabA.lock();
    await tabA.recover('clerk09', hall.privateKey, NEW_SECRET);
    expect((await tabA.getCase(value.id))?.applicant.name).to.equal(PERSON.name);
  });

  /**
   * Makes `store`'s next read of the keyring return what it read, but only after `meanwhile` ran: another tab's
   * write lands between this tab's read and its write.
   */
  function interleave(store: WorkstationStore, meanwhile: () => Promise<unknown>): void {
    const table = store.db.keyring;
    const get = table.get;
    table.get = async function (this: typeof table, ...args: Parameters<typeof get>) {
      table.get = get;
      const row = await (get as (...a: unknown[]) => Promise<unknown>).apply(this, args);
      await meanwhile();
      return row;
    } as typeof get;
  }

  it('keeps both writes when one tab adds the recovery wrap while another changes the password', async () => {
    const { store, cases } = await workedAndClosed();
    const tabA = await stores.twin(store, false);
    const tabB = await stores.twin(store, false);
    // Tab A reads the keyring, tab B changes the password, then tab A stores the recovery wrap.
    interleave(tabA, () => tabB.changeSecret(CLERK, SECRET, 'changed-in-tab-b'));
    await tabA.unlock(CLERK, SECRET, { recoveryKey: hall.publicKey });
    expect((await storedRecovery(tabA))?.keyId).to.equal(hall.publicKey.keyId);
    tabA.lock();
    expect(await failureOf(() => tabA.unlock(CLERK, SECRET))).to.be.instanceOf(WrongSecretError);
    await tabA.unlock(CLERK, 'changed-in-tab-b');

    // Tab B reads the keyring, tab A adds the (rotated) recovery wrap, then tab B stores the new password.
    interleave(tabB, () => tabA.unlock(CLERK, 'changed-in-tab-b', { recoveryKey: rotated.publicKey }));
    await tabB.changeSecret(CLERK, 'changed-in-tab-b', 'changed-again');
    expect((await storedRecovery(tabB))?.keyId).to.equal(rotated.publicKey.keyId);
    tabB.lock();
    await tabB.unlock(CLERK, 'changed-again');
    tabB.lock();
    await tabB.recover(CLERK, rotated.privateKey, NEW_SECRET);
    expect((await tabB.getCase(cases[0]!.id))?.applicant.name).to.equal(PERSON.name);
  });
});
