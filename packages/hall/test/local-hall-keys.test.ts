/**
 * The hall inside one browser at rest, and who holds which key: what lies in its IndexedDB databases, what a
 * device's token or a person's password opens in a raw copy of them, and what the hall does with a sealed value
 * someone altered there. The attacker's tools (raw IndexedDB, PBKDF2 of every salt in the copy, AES-KW and AES-GCM
 * by the documented formats) are in `local-hall-support.ts`.
 */
import { expect } from '@open-wc/testing';
import { DEMO_HALL } from '@yichuang/demo-catalog';
import { LocalHallClient, LocalSecrets } from '@yichuang/hall/local.js';
import { SealError, type Vault } from '@yichuang/hall';
import { hallErrorOf } from './contract/hall-contract.js';
import {
  LOGINS,
  makeCase,
  makeRating,
  saveCase,
  saveRating,
  sha256Of,
} from '../../hall-client/test/support/fixtures.js';
import {
  TEST_ITERATIONS,
  fileOf,
  freshLocalHall,
  hex,
  pbkdf2,
  rawCopy,
  rowOf,
  tamper,
  testDatabaseName,
  testDatabasesLeft,
  textOf,
  whatOpens,
  type LocalHall,
  type RawCopy,
} from './local-hall-support.js';

// ---- helpers ----

/** What must never lie in the clear: the demo's personal data, passwords and device tokens. */
const NEVER_AT_REST = [
  '120101198506201519',
  '刘洋',
  '13812345678',
  'yichuang-demo',
  'yichuang-manager',
  ...DEMO_HALL.devices.map((d) => d.token),
  ...DEMO_HALL.licences.map((l) => l.holderName),
  ...DEMO_HALL.licences.map((l) => l.holderId),
];

/** The hall's secrets material of a raw copy: public or wrapped (see `LocalSecrets`). */
function materialOf(copy: RawCopy) {
  return rowOf(copy, 'settings', (row) => row.key === 'secrets').value as {
    device: { salt: string; iterations: number };
    rating: { publicKey: string; privateKey: string };
  };
}

/**
 * The vault a person's login yields, from a raw copy: `LocalSecrets.verify` of the password against the account's
 * stored credential, with the hall's material loaded (what the hall itself does at login, without a session).
 */
async function vaultOfLogin(copy: RawCopy, user: string, password: string): Promise<Vault> {
  const secrets = new LocalSecrets(TEST_ITERATIONS);
  await secrets.load(materialOf(copy));
  const account = rowOf(copy, 'accounts', (row) => row.user === user);
  const vault = await secrets.verify(password, account.credential);
  if (vault === false) throw new Error(`${user}: the password does not open the credential`);
  return vault;
}

/** A case with a scanned file, taken in by clerk01; a licence looked up; a ticket. */
async function personalData(hall: LocalHall) {
  const clerk = await hall.as('clerk');
  const scan = await fileOf('SCAN-OF-刘洋-ID-CARD 120101198506201519');
  await clerk.putAttachment(scan.sha256, scan.file);
  const value = makeCase({}, [scan.sha256]);
  expect((await clerk.sync([saveCase(value)]))[0]?.status).to.equal('applied');
  expect(await clerk.lookupLicences('120101198506201519')).to.have.length.greaterThan(0);
  const ticket = await clerk.issueTicket({ category: 'A' });
  return { clerk, scan, value, ticket };
}

/** What the clerk's password must open in a raw copy holding {@link personalData}: the check is real. */
function openedByAPerson(copy: RawCopy, value: { id: string }, sha256: string): string[] {
  return [
    `case:${value.id}`,
    `attachment:${sha256}`,
    'rating-key',
    ...(copy.stores.licences ?? []).map((row) => `licence:${String(row.key)}`),
  ];
}

// ---- tests ----

after(async () => {
  expect(await testDatabasesLeft()).to.deep.equal([]);
});

describe('LocalHallClient at rest', function () {
  this.timeout(30_000);
  let hall: LocalHall | undefined;
  afterEach(async () => {
    await hall?.dispose();
    hall = undefined;
  });

  it('keeps personal data, passwords, device tokens and files encrypted in the browser', async () => {
    hall = await freshLocalHall();
    const { value, ticket } = await personalData(hall);
    await (await hall.as('pad')).sync([saveRating(makeRating(1, { comment: '等了很久，电话13900001111' }))]);
    const stored = textOf(await rawCopy(hall.databaseName));
    // What the hall counts and looks up is there (the dump is real)…
    expect(stored).to.contain(value.number).and.contain(ticket.number).and.contain(value.id);
    // …personal data, passwords, device tokens, comments and scans are not.
    for (const secret of [...NEVER_AT_REST, 'SCAN-OF', '13900001111', '等了很久']) {
      expect(stored, secret).to.not.contain(secret);
    }
  });

  it('keeps them so after a password reset and a recovery key set: an old password opens nothing, the new one does', async () => {
    hall = await freshLocalHall();
    const { value, scan } = await personalData(hall);
    const manager = await hall.as('manager');
    await manager.saveAccount('clerk03', {
      name: '赵敏',
      role: 'clerk',
      windows: ['03'],
      password: 'reset-by-manager-1',
    });
    const clerk03 = hall.client();
    await clerk03.login({ user: 'clerk03', password: 'reset-by-manager-1' });
    await clerk03.changePassword('reset-by-manager-1', 'chosen-by-clerk03');
    const pair = await crypto.subtle.generateKey(
      { name: 'RSA-OAEP', modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['wrapKey', 'unwrapKey'],
    );
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    await manager.setRecoveryKey({
      keyId: 'hall-recovery-2026',
      publicKey: { kty: 'RSA', n: jwk.n!, e: jwk.e!, alg: 'RSA-OAEP-256' },
    });

    const copy = await rawCopy(hall.databaseName);
    const stored = textOf(copy);
    expect(stored).to.contain('hall-recovery-2026');
    for (const secret of [...NEVER_AT_REST, 'SCAN-OF', 'reset-by-manager-1', 'chosen-by-clerk03']) {
      expect(stored, secret).to.not.contain(secret);
    }
    // The hall's keys are wrapped for the new password only: the reset one opens nothing any more.
    expect(await whatOpens(copy, 'reset-by-manager-1')).to.deep.equal([]);
    const opened = await whatOpens(copy, 'chosen-by-clerk03');
    expect(opened).to.include.members(['wrapped:clerk03', ...openedByAPerson(copy, value, scan.sha256)]);
    expect(opened.filter((place) => place.startsWith('wrapped:'))).to.deep.equal(['wrapped:clerk03']);
    await clerk03.logout();
    expect((await clerk03.login({ user: 'clerk03', password: 'chosen-by-clerk03' })).subject).to.equal('clerk03');
  });

  it('refuses a sealed case altered on disk, or moved to another case’s row, instead of reading it', async () => {
    hall = await freshLocalHall();
    const clerk = await hall.as('clerk');
    const altered = makeCase();
    const moved = makeCase();
    const other = makeCase({
      applicant: { kind: 'person', name: '张秀兰', idType: 'resident-id', idNumber: '120101195803120025' },
    });
    expect(
      (await clerk.sync([saveCase(altered), saveCase(moved), saveCase(other)])).map((r) => r.status),
    ).to.deep.equal(['applied', 'applied', 'applied']);
    const copy = await rawCopy(hall.databaseName);
    const sealedOf = (id: string) => String(rowOf(copy, 'cases', (row) => row.id === id).sealed);
    await tamper(hall.databaseName, 'cases', (row) => {
      if (row.id === altered.id) {
        // One character of the ciphertext changed.
        const [keyId, iv, data] = String(row.sealed).split('.') as [string, string, string];
        const at = Math.floor(data.length / 2);
        row.sealed = `${keyId}.${iv}.${data.slice(0, at)}${data[at] === 'A' ? 'B' : 'A'}${data.slice(at + 1)}`;
      } else if (row.id === moved.id) {
        // Another case's personal data, whole and valid, in this case's row.
        row.sealed = sealedOf(other.id);
      } else {
        return false;
      }
    });
    for (const id of [altered.id, moved.id]) {
      const error = await hallErrorOf(clerk.getCase(id));
      expect([error.status, error.code, error.message], id).to.deep.equal([
        500,
        'internal',
        '大厅内部错误，请稍后重试',
      ]);
    }
    // The others read as they were.
    expect((await clerk.getCase(other.id))?.applicant.name).to.equal('张秀兰');
  });
});

describe('LocalHallClient keys', function () {
  this.timeout(30_000);
  let hall: LocalHall | undefined;
  afterEach(async () => {
    await hall?.dispose();
    hall = undefined;
  });

  it('gives a kiosk and a display no key at all: their tokens and a raw copy of the hall open nothing personal', async () => {
    hall = await freshLocalHall();
    const { value, scan } = await personalData(hall);
    // Each device does its work with what it holds, and reads nothing personal through the hall.
    const kiosk = await hall.as('kiosk');
    const ticket = await kiosk.issueTicket({ category: 'A' });
    expect(await kiosk.catalog()).to.have.property('version');
    const display = await hall.as('display');
    expect((await display.queue()).tickets.map((t) => t.id)).to.include(ticket.id);
    for (const device of [kiosk, display]) {
      expect((await hallErrorOf(device.getCase(value.id))).status).to.equal(403);
      expect((await hallErrorOf(device.getAttachment(scan.sha256))).status).to.equal(403);
      expect((await hallErrorOf(device.lookupLicences('120101198506201519'))).status).to.equal(403);
    }

    const copy = await rawCopy(hall.databaseName);
    for (const token of [LOGINS.kiosk.deviceToken, LOGINS.display.deviceToken]) {
      expect(await whatOpens(copy, token), token).to.deep.equal([]);
    }
    // A device row is a name and a verifier: nothing wrapped, nothing to unwrap.
    expect((copy.stores.devices ?? []).map((row) => Object.keys(row).sort().join(','))).to.deep.equal(
      DEMO_HALL.devices.map((d) =>
        d.window === undefined ? 'enrolledAt,id,name,role,verifier' : 'enrolledAt,id,name,role,verifier,window',
      ),
    );
    // The same procedure with a clerk's password opens the case, the file and the licences: the check is real.
    const opened = await whatOpens(copy, LOGINS.clerk.password);
    expect(opened).to.include.members(openedByAPerson(copy, value, scan.sha256));
  });

  it('lets a rating pad seal a rating comment it cannot read back; a manager’s vault opens it', async () => {
    hall = await freshLocalHall();
    const clerk = await hall.as('clerk'); // the pad's rating is credited to the clerk at its window
    const pad = await hall.as('pad');
    const rating = makeRating(1, { comment: '等了很久，电话13900001111' });
    expect((await pad.sync([saveRating(rating)]))[0]?.status).to.equal('applied');
    const byClerk = makeRating(5, { comment: '办得很快' });
    expect((await clerk.sync([saveRating(byClerk)]))[0]?.status).to.equal('applied');
    expect((await (await hall.as('manager')).statistics()).ratings).to.deep.equal({
      total: 2,
      byGrade: { 1: 1, 5: 1 },
    });

    const copy = await rawCopy(hall.databaseName);
    const stored = textOf(copy);
    expect(stored).to.not.contain('13900001111').and.not.contain('等了很久').and.not.contain('办得很快');
    const padRow = rowOf(copy, 'ratings', (row) => row.id === rating.id);
    expect(String(padRow.sealed)).to.match(/^r\.[\w-]+\.[\w-]+\.[\w-]+$/);
    // The pad's token opens nothing: not its own rating, not the rating key.
    expect(await whatOpens(copy, LOGINS.pad.deviceToken)).to.deep.equal([]);
    // A person's password opens both, through the rating key only people's keys open.
    expect(await whatOpens(copy, LOGINS.clerk.password)).to.include.members([
      'rating-key',
      `rating:${rating.id}`,
      `rating:${byClerk.id}`,
    ]);

    // The vault a manager's login yields (LocalSecrets.verify against the raw credential) opens each comment …
    const vault = await vaultOfLogin(copy, 'manager01', LOGINS.manager.password);
    for (const expected of [rating, byClerk]) {
      const row = rowOf(copy, 'ratings', (r) => r.id === expected.id);
      expect(await vault.open(String(row.sealed), `rating:${expected.id}`)).to.deep.equal({
        comment: expected.comment,
      });
      // … bound to its row: it does not open as another rating.
      const moved = await vault
        .open(String(row.sealed), `rating:${rating.id === expected.id ? byClerk.id : rating.id}`)
        .catch((e: unknown) => e);
      expect(moved).to.be.instanceOf(SealError);
    }
    // A wrong password yields no vault.
    const secrets = new LocalSecrets(TEST_ITERATIONS);
    await secrets.load(materialOf(copy));
    expect(
      await secrets.verify('yichuang-manage', rowOf(copy, 'accounts', (r) => r.user === 'manager01').credential),
    ).to.equal(false);
  });

  it('finds a device with one PBKDF2 of its token, never by a fast hash, and refuses a token one character off', async () => {
    hall = await freshLocalHall();
    const copy = await rawCopy(hall.databaseName);
    const stored = textOf(copy);
    const { device } = materialOf(copy);
    expect(device.iterations).to.equal(TEST_ITERATIONS);
    for (const { id, token } of DEMO_HALL.devices) {
      const fast = await sha256Of(new TextEncoder().encode(token));
      expect(stored.includes(fast), id).to.equal(false);
      const row = rowOf(copy, 'devices', (r) => r.id === id);
      expect(row.verifier, id).to.not.equal(fast);
      expect(row.verifier, id).to.equal(hex(await pbkdf2(token, device.salt, device.iterations, 256)));
    }

    const subtle = crypto.subtle as SubtleCrypto & { deriveBits: SubtleCrypto['deriveBits'] };
    const original = SubtleCrypto.prototype.deriveBits;
    let derivations = 0;
    subtle.deriveBits = function (this: SubtleCrypto, ...args: Parameters<SubtleCrypto['deriveBits']>) {
      if ((args[0] as { name?: string }).name === 'PBKDF2') derivations += 1;
      return original.apply(this, args);
    };
    try {
      for (const who of ['kiosk', 'display', 'pad'] as const) {
        const tab = hall.client();
        await tab.health(); // the tab's engine is open: only the login is counted
        derivations = 0;
        await tab.login(LOGINS[who]);
        expect(derivations, who).to.equal(1);
      }
      for (const deviceToken of [
        'demo-kiosk-token-0002',
        'emo-kiosk-token-0001',
        'demo-kiosk-token-000',
        'x'.repeat(40),
      ]) {
        const tab = hall.client();
        await tab.health();
        derivations = 0;
        const error = await hallErrorOf(tab.login({ deviceToken }));
        expect([error.status, error.code], deviceToken).to.deep.equal([401, 'unauthenticated']);
        expect(derivations, deviceToken).to.equal(1);
        expect(tab.session).to.equal(undefined);
      }
    } finally {
      delete (subtle as { deriveBits?: unknown }).deriveBits;
    }
    expect(crypto.subtle.deriveBits).to.equal(original);
  });

  it('hashes passwords and device tokens with 310,000 PBKDF2 iterations unless told otherwise', async () => {
    const databaseName = testDatabaseName('default-iterations');
    const demo = await LocalHallClient.demo({ databaseName });
    try {
      const copy = await rawCopy(databaseName);
      expect(materialOf(copy).device.iterations).to.equal(310_000);
      expect(
        (copy.stores.accounts ?? []).map((row) => (row.credential as { iterations: number }).iterations),
      ).to.deep.equal(DEMO_HALL.accounts.map(() => 310_000));
      expect((await demo.login(LOGINS.kiosk)).role).to.equal('kiosk');
    } finally {
      demo.close();
      await LocalHallClient.deleteHall(databaseName);
    }
  });
});
