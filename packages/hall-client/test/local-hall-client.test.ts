import { expect } from '@open-wc/testing';
import { Dexie } from 'dexie';
import { HOLIDAY_SCHEDULES, toChinaDate, ulid, type Case, type Rating } from '@yichuang/core';
import { DEMO_HALL, demoCatalog } from '@yichuang/demo-catalog';
import { LocalHallClient, type HallEvent, type LocalHallClientOptions } from '@yichuang/hall-client';
import {
  HallVault,
  deriveCredential,
  deriveVerifier,
  importSealingKey,
  openSealedFor,
  randomBytes,
  type Sealed,
  type SealedFor,
  type WrappedKeys,
} from '../src/local/crypto.js';
import { collect, hallContract, hallErrorOf } from './contract/hall-contract.js';
import { LOGINS, makeCase, makeRating, saveCase, saveRating, sha256Of, type Who } from './support/fixtures.js';

let halls = 0;

/**
 * A fresh local hall: its own database, seeded with the demo hall (cheap password hashing for speed). Each
 * `client()` is a separate instance with its own database connection and channel, as a second tab would be.
 */
async function freshLocalHall(options: Partial<LocalHallClientOptions> = {}) {
  const databaseName = `yichuang-hall-test-${Date.now()}-${++halls}`;
  const open: LocalHallClient[] = [];
  const client = () => {
    const instance = new LocalHallClient({ hall: 'TJHP01', databaseName, iterations: 1000, ...options });
    open.push(instance);
    return instance;
  };
  await client().seedDemo();
  return {
    databaseName,
    client,
    async as(who: Who) {
      const instance = client();
      await instance.login(LOGINS[who]);
      return instance;
    },
    async dispose() {
      for (const instance of open) instance.close();
      await LocalHallClient.deleteHall(databaseName);
    },
  };
}

hallContract('LocalHallClient', freshLocalHall);

/** Every row of every object store of an IndexedDB database, read raw (no Dexie, no hall code), by store. */
async function readStores(name: string): Promise<Record<string, Record<string, unknown>[]>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const stores: Record<string, Record<string, unknown>[]> = {};
  for (const store of Array.from(db.objectStoreNames)) {
    stores[store] = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
      const request = db.transaction(store).objectStore(store).getAll();
      request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
      request.onerror = () => reject(request.error);
    });
  }
  db.close();
  return stores;
}

/**
 * What someone holding a secret (a password, a device token) and a copy of the raw database can open: every key
 * wrapped anywhere in it (a row with `salt`, `iterations` and `keys`) that the secret unwraps.
 */
async function vaultsUnlockedBy(
  stores: Record<string, Record<string, unknown>[]>,
  secret: string,
): Promise<HallVault[]> {
  const vaults: HallVault[] = [];
  for (const row of Object.values(stores).flat()) {
    const { salt, iterations, keys } = row as { salt?: unknown; iterations?: unknown; keys?: unknown };
    if (!(salt instanceof Uint8Array) || typeof iterations !== 'number' || typeof keys !== 'object' || !keys) continue;
    const credential = await deriveCredential(secret, salt as Uint8Array<ArrayBuffer>, iterations);
    try {
      vaults.push(await HallVault.unwrap(keys as WrappedKeys, credential.kek));
    } catch {
      // not this secret's
    }
  }
  return vaults;
}

/** Everything stored in an IndexedDB database, as text: Blobs and byte arrays decoded as UTF-8. */
async function dumpDatabase(name: string): Promise<string> {
  const rows = Object.values(await readStores(name)).flat();
  const decoder = new TextDecoder();
  const blobs: Blob[] = [];
  const text = JSON.stringify(rows, (_key, value: unknown) => {
    if (value instanceof Blob) {
      blobs.push(value);
      return '[blob]';
    }
    if (value instanceof ArrayBuffer) return decoder.decode(value);
    if (ArrayBuffer.isView(value)) return decoder.decode(value);
    return value;
  });
  const contents = await Promise.all(blobs.map((blob) => blob.text()));
  return [text, ...contents].join('\n');
}

/** Runs a raw read-write step on one object store. */
async function tamper(name: string, store: string, change: (row: Record<string, unknown>) => void): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite');
    const cursorRequest = tx.objectStore(store).openCursor();
    cursorRequest.onsuccess = () => {
      const cursor = cursorRequest.result;
      if (!cursor) return;
      const row = cursor.value as Record<string, unknown>;
      change(row);
      cursor.update(row);
      cursor.continue();
    };
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('LocalHallClient', function () {
  this.timeout(30_000);
  let hall: Awaited<ReturnType<typeof freshLocalHall>>;
  afterEach(async () => {
    await hall?.dispose();
  });

  it('keeps personal data, passwords and files encrypted at rest', async () => {
    hall = await freshLocalHall();
    const clerk = await hall.as('clerk');
    const scan = new Blob(['SCAN-OF-刘洋-ID-CARD 120101198506201519']);
    const hash = await sha256Of(scan);
    await clerk.putAttachment(hash, scan);
    const value = makeCase({}, [hash]);
    const [result] = await clerk.sync([saveCase(value)]);
    expect(result?.status).to.equal('applied');
    await clerk.lookupLicences('120101198506201519');
    const ticket = await clerk.issueTicket({ category: 'A' });

    const stored = await dumpDatabase(hall.databaseName);
    // What the hall counts and looks up is there (the dump is real)…
    expect(stored).to.contain(value.number).and.contain(ticket.number).and.contain(value.id);
    // …personal data, passwords, device tokens and scans are not.
    for (const secret of [
      '120101198506201519',
      '刘洋',
      '13812345678',
      'SCAN-OF',
      'yichuang-demo',
      'yichuang-manager',
      'demo-kiosk-token-0001',
      ...DEMO_HALL.licences.map((l) => l.holderName),
      ...DEMO_HALL.licences.map((l) => l.holderId),
    ]) {
      expect(stored, secret).to.not.contain(secret);
    }
  });

  it('refuses a sealed case that was altered on disk instead of reading it', async () => {
    hall = await freshLocalHall();
    const clerk = await hall.as('clerk');
    const value = makeCase();
    await clerk.sync([saveCase(value)]);
    await tamper(hall.databaseName, 'cases', (row) => {
      const sealed = row.sealed as { data: ArrayBuffer };
      const bytes = new Uint8Array(sealed.data);
      bytes[0] = bytes[0]! ^ 1;
      sealed.data = bytes.buffer;
    });
    const error = await hallErrorOf(clerk.getCase(value.id));
    expect(error.code).to.equal('internal');
  });

  it('applies a mutation sent from two tabs at once exactly once', async () => {
    hall = await freshLocalHall();
    const [tab1, tab2, manager] = await Promise.all([hall.as('clerk'), hall.as('clerk'), hall.as('manager')]);
    const value = makeCase();
    const mutation = saveCase(value);
    const [[a], [b]] = await Promise.all([tab1.sync([mutation]), tab2.sync([mutation])]);
    expect([a?.status, b?.status].sort()).to.deep.equal(['applied', 'duplicate']);
    expect(a && 'appliedAt' in a && a.appliedAt).to.equal(b && 'appliedAt' in b && b.appliedAt);
    const replay = collect(manager.events(0), (events) => events.length >= 1);
    await replay.until;
    await wait(50);
    replay.stop();
    expect(replay.events.filter((e) => e.type === 'case.saved')).to.have.length(1);
    expect((await manager.statistics()).cases.total).to.equal(1);
  });

  it('numbers tickets issued from several tabs without a gap or a repeat', async () => {
    hall = await freshLocalHall();
    const kiosks = await Promise.all([hall.as('kiosk'), hall.as('kiosk'), hall.as('clerk')]);
    const tickets = await Promise.all(
      kiosks.flatMap((kiosk) => Array.from({ length: 8 }, () => kiosk.issueTicket({ category: 'A' }))),
    );
    const numbers = tickets.map((t) => t.number).sort();
    expect(numbers).to.deep.equal(Array.from({ length: 24 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`));
  });

  it('delivers every event once and in order while several tabs write', async () => {
    hall = await freshLocalHall();
    const watcher = await hall.as('manager');
    const writers = await Promise.all([hall.as('kiosk'), hall.as('kiosk'), hall.as('clerk')]);
    const live = collect(watcher.events(), (events) => events.length >= 31);
    await wait(50); // the stream has started from the current end
    await Promise.all([
      ...writers.flatMap((w) => Array.from({ length: 10 }, () => w.issueTicket({ category: 'B' }))),
      writers[2]!.sync([saveCase(makeCase())]),
    ]);
    const seen = await live.until;
    live.stop();
    const ids = seen.map((e) => e.id);
    expect(ids).to.deep.equal([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).to.equal(31);
    // The same as a replay from the database.
    const replay = collect(watcher.events(0), (events) => events.length >= 31);
    expect((await replay.until).map((e) => e.id)).to.deep.equal(ids);
    replay.stop();
  });

  it('reads a notice that arrives out of sequence back from the database instead of trusting it', async () => {
    hall = await freshLocalHall();
    const watcher = await hall.as('clerk');
    const kiosk = await hall.as('kiosk');
    const live = collect(watcher.events(), () => false, 60_000);
    await wait(50);
    const forger = new BroadcastChannel(hall.databaseName);
    forger.postMessage({ id: 999, type: 'case.saved', at: new Date().toISOString(), data: { caseId: 'forged' } });
    await wait(100);
    expect(live.events).to.deep.equal([]);
    const ticket = await kiosk.issueTicket({ category: 'A' });
    await wait(100);
    forger.close();
    live.stop();
    expect(live.events.map((e: HallEvent) => e.type === 'ticket.issued' && e.data.ticket.id)).to.deep.equal([
      ticket.id,
    ]);
  });

  it('stops a stream when unsubscribed or when the client closes', async () => {
    hall = await freshLocalHall();
    const kiosk = await hall.as('kiosk');
    const watcher = await hall.as('display');
    const first = collect(watcher.events(), () => false, 60_000);
    const second = collect(watcher.events(), () => false, 60_000);
    await wait(50);
    first.stop();
    await kiosk.issueTicket({ category: 'A' });
    await wait(100);
    expect(first.events).to.have.length(0);
    expect(second.events).to.have.length(1);
    watcher.close();
    await kiosk.issueTicket({ category: 'A' });
    await wait(100);
    expect(second.events).to.have.length(1);
  });

  it('ends a session when its time is up', async () => {
    let now = Date.parse('2026-11-26T02:00:00Z');
    hall = await freshLocalHall({ now: () => now, sessionTtlMs: 60_000 });
    const clerk = await hall.as('clerk');
    expect(Date.parse(clerk.session!.expiresAt)).to.equal(now + 60_000);
    await clerk.queue();
    now += 60_001;
    const error = await hallErrorOf(clerk.queue());
    expect([error.status, error.code]).to.deep.equal([401, 'unauthenticated']);
  });

  it('numbers tickets afresh on a new China day and shows only today’s queue', async () => {
    let now = Date.parse('2026-11-26T15:58:00Z'); // 23:58 in Beijing
    hall = await freshLocalHall({ now: () => now });
    const kiosk = await hall.as('kiosk');
    expect((await kiosk.issueTicket({ category: 'A' })).number).to.equal('A001');
    expect((await kiosk.issueTicket({ category: 'A' })).number).to.equal('A002');
    now = Date.parse('2026-11-26T16:01:00Z'); // 00:01 the next day
    const tomorrow = await kiosk.issueTicket({ category: 'A' });
    expect(tomorrow.number).to.equal('A001');
    const { tickets } = await kiosk.queue();
    expect(tickets.map((t) => t.id)).to.deep.equal([tomorrow.id]);
  });

  it('seeds a hall once, and answers 503 before it is seeded', async () => {
    hall = await freshLocalHall();
    const client = hall.client();
    expect(await client.seedDemo()).to.equal(false);
    const error = await hallErrorOf(client.seed({ ...DEMO_HALL, code: 'OTHER', catalog: {} as never }));
    expect(error.code).to.equal('invalid');

    const empty = new LocalHallClient({ hall: 'EMPTY1', databaseName: `${hall.databaseName}-empty` });
    try {
      const unseeded = await hallErrorOf(empty.health());
      expect([unseeded.status, unseeded.code, unseeded.transient]).to.deep.equal([503, 'unavailable', true]);
      expect((await hallErrorOf(empty.login(LOGINS.clerk))).status).to.equal(503);
    } finally {
      empty.close();
      await LocalHallClient.deleteHall(`${hall.databaseName}-empty`);
    }
  });

  it('opens the demo hall with a factory, named after the hall unless told otherwise', async () => {
    expect(new LocalHallClient({ hall: 'TJHP01' }).databaseName).to.equal('yichuang-hall-TJHP01');
    const databaseName = `yichuang-hall-demo-test-${Date.now()}`;
    const demo = await LocalHallClient.demo({ databaseName, iterations: 1000 });
    try {
      expect((await demo.health()).hall).to.equal(DEMO_HALL.code);
      expect((await demo.login(LOGINS.manager)).role).to.equal('manager');
      const again = await LocalHallClient.demo({ databaseName, iterations: 1000 });
      expect((await again.login(LOGINS.clerk)).role).to.equal('clerk');
      again.close();
    } finally {
      demo.close();
      await LocalHallClient.deleteHall(databaseName);
    }
  });

  it('refuses an attachment over the size limit, and a call already aborted', async () => {
    hall = await freshLocalHall({ maxAttachmentBytes: 10 });
    const clerk = await hall.as('clerk');
    const big = new Blob(['0123456789A']);
    const error = await hallErrorOf(clerk.putAttachment(await sha256Of(big), big));
    expect([error.status, error.code, error.message]).to.deep.equal([413, 'too-large', '请求内容过大，上限为 10 B']);
    const controller = new AbortController();
    controller.abort();
    const aborted = await hallErrorOf(clerk.sync([saveCase(makeCase())], controller.signal));
    expect([aborted.code, aborted.transient]).to.deep.equal(['aborted', false]);
    expect(await clerk.health(undefined)).to.have.property('status', 'ok');
  });

  it('holds a user back in every tab after 5 failed logins, until the first of them is 15 minutes old', async () => {
    let now = Date.parse('2026-11-26T02:00:00Z');
    hall = await freshLocalHall({ now: () => now, locale: 'en-US' });
    for (let i = 0; i < 5; i++) {
      // Each from a tab of its own: the count is the hall's, not the tab's.
      expect((await hallErrorOf(hall.client().login({ ...LOGINS.clerk, password: `guess-${i}` }))).status).to.equal(
        401,
      );
      now += 60_000;
    }
    const error = await hallErrorOf(hall.client().login(LOGINS.clerk));
    expect([error.status, error.code, error.message]).to.deep.equal([
      429,
      'rate-limited',
      'Too many failed logins: try again in 10 minute(s)',
    ]);
    now += 10 * 60_000;
    expect((await hall.client().login(LOGINS.clerk)).subject).to.equal('clerk01');
  });

  it('counts guesses sent at once: of 8 parallel ones only 5 are tried', async () => {
    hall = await freshLocalHall();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => hallErrorOf(hall.client().login({ ...LOGINS.clerk2, password: 'guess' }))),
    );
    expect(answers.map((error) => error.status).sort()).to.deep.equal([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it('answers a mutation applied before content hashes were kept as a duplicate, whatever it carries now', async () => {
    hall = await freshLocalHall();
    const clerk = await hall.as('clerk');
    const value = makeCase();
    const [first] = await clerk.sync([saveCase(value, ulid())]);
    expect(first?.status).to.equal('applied');
    // A row written by the first version of the local hall: no contentHash.
    await tamper(hall.databaseName, 'mutations', (row) => delete row.contentHash);
    const [retry] = await clerk.sync([saveCase({ ...value, status: 'refused' }, first!.id)]);
    expect(retry).to.deep.include({ status: 'duplicate' });
    expect((await clerk.getCase(value.id))?.status).to.equal('accepted');
  });

  it('answers in English when asked, in the hall server’s words', async () => {
    hall = await freshLocalHall({ locale: 'en-US' });
    const error = await hallErrorOf(hall.client().login({ user: 'clerk01', password: 'wrong' }));
    expect(error.message).to.equal('Wrong user name or password');
    const kiosk = await hall.as('kiosk');
    expect((await hallErrorOf(kiosk.statistics())).message).to.equal('Your role (Ticket kiosk) may not do this');
    const clerk = await hall.as('clerk');
    expect((await hallErrorOf(clerk.callNext({ window: '02' }))).message).to.equal(
      'You may only call tickets for your own window 01',
    );
    const value = makeCase();
    const later = new Date(Date.parse(value.updatedAt) + 60_000).toISOString();
    expect((await clerk.sync([saveCase({ ...value, updatedAt: later })]))[0]?.status).to.equal('applied');
    const [stale] = await clerk.sync([saveCase(value)]);
    expect(stale).to.deep.include({
      status: 'rejected',
      code: 'conflict',
      message: `The hall holds a newer version of this case (${later}); this save was not applied`,
    });
    await clerk.logout();
    expect((await hallErrorOf(clerk.queue())).message).to.equal('Log in first');
  });
  it('gives a kiosk and a display no key at all: their tokens and the raw database open nothing personal', async () => {
    hall = await freshLocalHall();
    const clerk = await hall.as('clerk');
    const scan = new Blob(['SCAN-OF-刘洋-ID-CARD']);
    const hash = await sha256Of(scan);
    await clerk.putAttachment(hash, scan);
    const value = makeCase({}, [hash]);
    expect((await clerk.sync([saveCase(value)]))[0]?.status).to.equal('applied');
    // Each device does its work with what it holds.
    const kiosk = await hall.as('kiosk');
    const ticket = await kiosk.issueTicket({ category: 'A' });
    expect((await kiosk.catalog())?.version).to.equal(demoCatalog.version);
    const display = await hall.as('display');
    expect((await display.queue()).tickets.map((t) => t.number)).to.deep.equal([ticket.number]);
    expect(await display.catalog()).to.have.property('version');
    for (const device of [kiosk, display]) {
      expect((await hallErrorOf(device.getCase(value.id))).status).to.equal(403);
      expect((await hallErrorOf(device.getAttachment(hash))).status).to.equal(403);
    }

    const stores = await readStores(hall.databaseName);
    for (const token of [LOGINS.kiosk.deviceToken, LOGINS.display.deviceToken, LOGINS.pad.deviceToken]) {
      expect(await vaultsUnlockedBy(stores, token), token).to.have.length(0);
    }
    // A device row is a name and a verifier: nothing wrapped, nothing to unwrap.
    expect((stores.enrolledDevices ?? []).map((row) => Object.keys(row).sort().join(','))).to.deep.equal(
      DEMO_HALL.devices.map((d) => (d.window === undefined ? 'id,name,role,verifier' : 'id,name,role,verifier,window')),
    );
    // The same procedure with a clerk's password opens the case and the file: the check is real.
    const [vault] = await vaultsUnlockedBy(stores, LOGINS.clerk.password);
    const caseRow = stores.cases!.find((row) => row.id === value.id)!;
    expect((await vault!.open<Case>(caseRow.sealed as Sealed, `case:${value.id}`)).applicant.name).to.equal('刘洋');
    const file = stores.attachments!.find((row) => row.sha256 === hash)!;
    const sealedFile = { iv: file.iv as Uint8Array<ArrayBuffer>, data: await (file.data as Blob).arrayBuffer() };
    expect(new TextDecoder().decode(await vault!.openBytes(sealedFile, `attachment:${hash}`))).to.equal(
      'SCAN-OF-刘洋-ID-CARD',
    );
  });

  it('lets a rating pad seal a rating it cannot read back; a manager opens it with the rating key', async () => {
    hall = await freshLocalHall();
    const pad = await hall.as('pad');
    const rating = makeRating(1, { comment: '等了很久，电话13812345678' });
    const [result] = await pad.sync([saveRating(rating)]);
    expect(result?.status).to.equal('applied');
    const clerk = await hall.as('clerk');
    const byClerk = makeRating(5, { comment: '办得很快' });
    expect((await clerk.sync([saveRating(byClerk)]))[0]?.status).to.equal('applied');
    expect((await (await hall.as('manager')).statistics()).ratings).to.deep.equal({
      total: 2,
      byGrade: { 1: 1, 5: 1 },
    });

    const stores = await readStores(hall.databaseName);
    expect(await dumpDatabase(hall.databaseName))
      .to.not.contain('13812345678')
      .and.not.contain('办得很快');
    // The pad's token unwraps nothing: the rating is sealed for a key only people hold.
    expect(await vaultsUnlockedBy(stores, LOGINS.pad.deviceToken)).to.have.length(0);
    const [vault] = await vaultsUnlockedBy(stores, 'yichuang-manager');
    const { ratingKey } = stores.meta![0] as { ratingKey: { privateKey: Sealed } };
    const privateKey = await importSealingKey(await vault!.openBytes(ratingKey.privateKey, 'rating-key'));
    for (const expected of [rating, byClerk]) {
      const row = stores.ratings!.find((r) => r.id === expected.id)!;
      expect(await openSealedFor<Rating>(privateKey, row.sealed as SealedFor, `rating:${expected.id}`)).to.deep.equal(
        expected,
      );
      // Bound to its row: it does not open as another rating.
      let moved: unknown;
      await openSealedFor(privateKey, row.sealed as SealedFor, 'rating:other').catch(
        (error: unknown) => (moved = error),
      );
      expect(moved).to.be.instanceOf(DOMException);
    }
  });

  it('finds a device with one PBKDF2 of its token, never by a fast hash, and refuses a token one character off', async () => {
    hall = await freshLocalHall();
    const stores = await readStores(hall.databaseName);
    const text = JSON.stringify(stores);
    for (const device of DEMO_HALL.devices) {
      expect(text.includes(await sha256Of(new TextEncoder().encode(device.token))), device.id).to.equal(false);
    }
    const { deviceLogin } = stores.meta![0] as { deviceLogin: { salt: Uint8Array<ArrayBuffer>; iterations: number } };
    expect(deviceLogin.iterations).to.equal(1000);
    for (const device of DEMO_HALL.devices) {
      const row = stores.enrolledDevices!.find((r) => r.id === device.id)!;
      expect(row.verifier).to.equal(await deriveVerifier(device.token, deviceLogin.salt, deviceLogin.iterations));
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
        derivations = 0;
        await hall.as(who);
        expect(derivations, who).to.equal(1);
      }
      for (const deviceToken of ['demo-kiosk-token-0002', 'emo-kiosk-token-0001', 'x'.repeat(40)]) {
        derivations = 0;
        const error = await hallErrorOf(hall.client().login({ deviceToken }));
        expect([error.status, error.code]).to.deep.equal([401, 'unauthenticated']);
        expect(derivations, deviceToken).to.equal(1);
      }
    } finally {
      delete (subtle as { deriveBits?: unknown }).deriveBits;
    }
    expect(crypto.subtle.deriveBits).to.equal(original);
  });

  it('upgrades a hall stored by version 2: devices keep their tokens but lose the keys and the fast hash', async () => {
    const databaseName = `yichuang-hall-v2-test-${Date.now()}`;
    const legacy = await writeVersion2Hall(databaseName);
    const open: LocalHallClient[] = [];
    const tab = () => {
      const client = new LocalHallClient({ hall: 'TJHP01', databaseName, iterations: 1000 });
      open.push(client);
      return client;
    };
    try {
      const pad = tab();
      const kiosk = tab();
      const late = tab();
      await late.health(); // this tab reads the hall before it has a rating key
      const wrong = await hallErrorOf(kiosk.login({ deviceToken: 'demo-kiosk-token-0002' }));
      expect([wrong.status, wrong.code]).to.deep.equal([401, 'unauthenticated']);
      expect((await kiosk.login(LOGINS.kiosk)).subject).to.equal('kiosk-1');
      expect((await kiosk.issueTicket({ category: 'A' })).number).to.equal('A001');
      expect((await pad.login(LOGINS.pad)).window).to.equal('01');

      let stores = await readStores(databaseName);
      expect(Object.keys(stores)).to.not.include('devices');
      const text = JSON.stringify(stores);
      for (const device of DEMO_HALL.devices) {
        expect(text.includes(await sha256Of(new TextEncoder().encode(device.token))), device.id).to.equal(false);
      }
      for (const token of DEMO_HALL.devices.map((d) => d.token)) {
        expect(await vaultsUnlockedBy(stores, token)).to.have.length(0);
      }
      // The devices that logged in now have the hall's salt; the others keep theirs until they do.
      const salted = (id: string) => stores.enrolledDevices!.find((row) => row.id === id)!.salt !== undefined;
      expect(DEMO_HALL.devices.map((d) => [d.id, salted(d.id)])).to.deep.equal([
        ['kiosk-1', false],
        ['display-1', true],
        ['pad-01', false],
        ['pad-02', true],
      ]);
      expect((await tab().login(LOGINS.kiosk)).role).to.equal('kiosk');

      // No rating key until a person logs in: the rating waits (a transient error), it is not refused.
      const rating = makeRating(2, { comment: '叫号太慢' });
      const early = await hallErrorOf(pad.sync([saveRating(rating)]));
      expect([early.status, early.code, early.transient]).to.deep.equal([503, 'unavailable', true]);
      const clerk = tab();
      await clerk.login(LOGINS.clerk);
      expect((await clerk.getCase(legacy.case.id))?.applicant.name).to.equal('刘洋');
      const publicKey = ((await readStores(databaseName)).meta![0] as { ratingKey: { publicKey: ArrayBuffer } })
        .ratingKey.publicKey;
      // A tab that read the hall before keeps the key another tab made.
      await late.login(LOGINS.manager);
      stores = await readStores(databaseName);
      const meta = stores.meta![0] as { ratingKey: { publicKey: ArrayBuffer; privateKey: Sealed } };
      expect(new Uint8Array(meta.ratingKey.publicKey)).to.deep.equal(new Uint8Array(publicKey));
      expect((await pad.sync([saveRating(rating)]))[0]?.status).to.equal('applied');
      const privateKey = await importSealingKey(await legacy.vault.openBytes(meta.ratingKey.privateKey, 'rating-key'));
      const row = (await readStores(databaseName)).ratings!.find((r) => r.id === rating.id)!;
      expect(await openSealedFor<Rating>(privateKey, row.sealed as SealedFor, `rating:${rating.id}`)).to.deep.equal(
        rating,
      );
    } finally {
      for (const client of open) client.close();
      await LocalHallClient.deleteHall(databaseName);
    }
  });
});

/**
 * A hall as version 2 of the local hall stored it (the demo hall's clerk, manager and devices, one case): devices
 * found by the SHA-256 of their token, each wrapping the hall's keys. Written with the schema of that version.
 */
async function writeVersion2Hall(name: string): Promise<{ vault: HallVault; case: Case }> {
  const db = new Dexie(name);
  db.version(1).stores({
    meta: 'key',
    users: 'user',
    devices: 'tokenHash, &id',
    sessions: 'tokenHash, expiresAt',
    catalogs: 'version',
    cases: 'id, &number, day',
    mutations: 'id',
    events: '++id',
    tickets: 'id, [day+category], [day+status]',
    ratings: 'id, day',
    attachments: 'sha256',
    licences: '++key, holderIndex',
  });
  db.version(2).stores({ loginFailures: 'user, last' });
  const vault = await HallVault.generate();
  const iterations = 1000;
  const wrapped = async (secret: string) => {
    const salt = randomBytes(16);
    const credential = await deriveCredential(secret, salt, iterations);
    return { salt, iterations, verifier: credential.verifier, keys: await vault.wrapFor(credential.kek) };
  };
  const users: object[] = [];
  for (const account of DEMO_HALL.accounts.filter((a) => a.user === 'clerk01' || a.user === 'manager01')) {
    const { password: secret, ...rest } = account;
    users.push({ ...rest, ...(await wrapped(secret)) });
  }
  const devices: object[] = [];
  for (const { token, ...rest } of DEMO_HALL.devices) {
    devices.push({ tokenHash: await sha256Of(new TextEncoder().encode(token)), ...rest, ...(await wrapped(token)) });
  }
  const value = makeCase();
  const sealed = await vault.seal(value, `case:${value.id}`);
  const at = new Date().toISOString();
  await db.transaction('rw', db.tables, async () => {
    await db.table('meta').put({
      key: 'hall',
      code: DEMO_HALL.code,
      name: DEMO_HALL.name,
      windows: DEMO_HALL.windows,
      categories: DEMO_HALL.categories,
      catalogVersion: demoCatalog.version,
      seededAt: at,
    });
    await db.table('users').bulkPut(users);
    await db.table('devices').bulkPut(devices);
    await db.table('catalogs').put({
      version: demoCatalog.version,
      catalog: demoCatalog,
      holidays: HOLIDAY_SCHEDULES,
      publishedAt: at,
    });
    await db.table('cases').put({
      id: value.id,
      number: value.number,
      window: value.window,
      status: value.status,
      day: toChinaDate(new Date(value.createdAt)),
      updatedAt: value.updatedAt,
      sealed,
    });
  });
  db.close();
  return { vault, case: value };
}
