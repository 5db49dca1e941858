// The exchange between halls (跨省通办) in the hall engine, in the browser: two engines on IndexedDB, each holding one
// vault for the whole hall as the hall server does, and this test as the transport between them (what the hall
// server's forwarder and routes do over HTTP, tested in apps/hall-server/test/exchange.test.mjs).
import { expect } from '@open-wc/testing';
import { ulid, type RemotePackage } from '@yichuang/core';
import { HallError, type HallLocale, type RouteName } from '@yichuang/hall-client';
import {
  HallEngine,
  KeyVault,
  demoHallSeed,
  keysFromSecrets,
  randomBytes,
  sha256Hex,
  type Caller,
  type HallSecrets,
  type Vault,
} from '@yichuang/hall';
import { IndexedDbStorage } from '@yichuang/hall/local.js';
import { testDatabaseName } from './local-hall-support.js';

/** One vault for the whole hall (a key in memory), passwords kept as their SHA-256: the hall server's shape, for tests. */
class OneVaultSecrets implements HallSecrets {
  constructor(readonly vault: Vault) {}
  async create() {
    return { material: {}, vault: this.vault };
  }
  async load() {}
  async credential(password: string) {
    return sha256Hex(`pw:${password}`);
  }
  async verify(password: string, credential: unknown) {
    return (await sha256Hex(`pw:${password}`)) === credential ? this.vault : false;
  }
  deviceVerifier(token: string) {
    return sha256Hex(`device:${token}`);
  }
  deviceVault() {
    return this.vault;
  }
  hallVault() {
    return this.vault;
  }
}

async function hallAt(code: string, name: string) {
  const databaseName = testDatabaseName(`exchange-${code}`);
  const vault = new KeyVault(await keysFromSecrets([{ id: 'k1', secret: randomBytes(32) }]));
  let now = Date.now();
  const engine = await HallEngine.open({
    storage: new IndexedDbStorage(databaseName),
    secrets: new OneVaultSecrets(vault),
    now: () => now,
  });
  await engine.seed({ ...(await demoHallSeed()), code, name });
  const callerOf = async (user: string, password: string, route: RouteName, window?: string): Promise<Caller> => {
    const session = await engine.login(
      { user, password, ...(window ? { window } : {}), takeOver: true },
      { locale: 'zh-CN' },
    );
    return engine.authenticate(session.token, route, 'zh-CN' as HallLocale);
  };
  return {
    engine,
    code,
    name,
    advance: (ms: number) => (now += ms),
    clerk: (route: RouteName) => callerOf('clerk01', 'yichuang-demo', route, '01'),
    manager: (route: RouteName) => callerOf('manager01', 'yichuang-manager', route),
    async dispose() {
      await engine.close();
      indexedDB.deleteDatabase(databaseName);
    },
  };
}
type Hall = Awaited<ReturnType<typeof hallAt>>;

/** What the hall server's forwarder does: sends what `from` owes `to` (signed), and records the answer. */
async function forward(from: Hall, to: Hall, files: Map<string, number>, tamper?: (body: string) => string) {
  let delivered = 0;
  for (const item of await from.engine.dueExchanges()) {
    // The scans travel in the body as base64; the receiving transport stores them and tells their sizes (`files`).
    const body = JSON.stringify(item.files.length > 0 ? { ...item.body, files: [] } : item.body);
    const signed = await from.engine.signExchange(to.code, 'POST', item.path, body);
    const sent = tamper ? tamper(body) : body;
    try {
      const who = await to.engine.verifyExchange(signed, 'POST', item.path, sent);
      const answer = item.path.endsWith('/packages')
        ? await to.engine.receivePackage(who, JSON.parse(sent), files)
        : await to.engine.receiveUpdate(who, JSON.parse(sent));
      await from.engine.exchangeDelivered(item.row, 'remoteNumber' in answer ? answer : undefined);
      delivered++;
    } catch (error) {
      await from.engine.exchangeFailed(item.row, (error as Error).message);
      throw error;
    }
  }
  return delivered;
}

describe('hall engine: the exchange between halls', () => {
  let a: Hall;
  let b: Hall;
  beforeEach(async () => {
    a = await hallAt('TJHP01', '和平区政务服务中心');
    b = await hallAt('GDNS01', '深圳市南山区政务服务中心');
    const [aId, bId] = [await a.engine.exchangeIdentity(), await b.engine.exchangeIdentity()];
    expect((await a.engine.exchangeIdentity()).publicKey).to.deep.equal(aId.publicKey, 'made once');
    await b.engine.enrolPeer(await b.manager('enrolPeer'), {
      hall: a.code,
      name: a.name,
      url: 'http://a.example/',
      region: '120101',
      publicKey: aId.publicKey,
    });
    await a.engine.enrolPeer(await a.manager('enrolPeer'), {
      hall: b.code,
      name: b.name,
      url: 'http://b.example/',
      region: '440305',
      publicKey: bId.publicKey,
    });
    const snapshot = (await b.engine.catalog())!.snapshot;
    await a.engine.keepPeerCatalog(b.code, snapshot);
  });
  afterEach(async () => {
    await a.dispose();
    await b.dispose();
  });

  /** A package for B's first item with three required materials, its scans recorded at A. */
  async function collected(files: Map<string, number>): Promise<RemotePackage> {
    const catalog = await a.engine.peerCatalog(await a.clerk('peerCatalog'), b.code);
    const item = catalog.items.find((i) => i.materials.filter((m) => m.necessity === 'required').length >= 3)!;
    const clerk = await a.clerk('putAttachment');
    const materials = [];
    for (const material of item.materials.filter((m) => m.necessity === 'required')) {
      const sha256 = await sha256Hex(`scan of ${material.id} ${ulid()}`);
      await a.engine.recordAttachment(clerk, sha256, 100);
      files.set(sha256, 100);
      materials.push({ materialId: material.id, files: [sha256] });
    }
    return {
      id: ulid(),
      number: `TJHP01-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-01-0${Math.floor(Math.random() * 900) + 100}`,
      hall: 'TJHP01',
      window: '01',
      clerk: 'clerk01',
      target: { hall: b.code, region: '440305', authority: '深圳市南山区人力资源局' },
      mode: 'collect',
      item: { itemId: item.id, version: item.version },
      applicant: { kind: 'person', name: '陈晓明', idType: 'resident-id', idNumber: '11010519491231002X' },
      materials,
      returnWay: 'pickup',
      collectedAt: new Date().toISOString(),
    };
  }

  it('forwards a package signed, receives it once, and brings each decision back', async () => {
    const files = new Map<string, number>();
    const pkg = await collected(files);
    const [result] = (
      await a.engine.sync(await a.clerk('sync'), { mutations: [{ id: ulid(), kind: 'remote.save', payload: pkg }] })
    ).results;
    expect(result?.status).to.equal('applied');
    expect(await a.engine.nextExchangeAt()).to.be.a('number');
    expect(await forward(a, b, files)).to.equal(1);
    const [out] = await a.engine.remoteCases(await a.clerk('remoteCases'), { direction: 'out' });
    expect(out?.state).to.equal('received');
    expect(out?.remoteNumber).to.match(/^GDNS01-\d{8}-YD-0001$/);
    const [there] = await b.engine.remoteCases(await b.clerk('remoteCases'), { direction: 'in' });
    expect(there?.number).to.equal(pkg.number);
    expect(there?.applicantName).to.equal('陈晓明');

    // The same package again (its answer lost): the same number, one case.
    const again = await b.engine.receivePackage(a.code, { package: pkg, files: [] }, files);
    expect(again).to.deep.equal({ status: 'duplicate', remoteNumber: out!.remoteNumber });
    const other = { ...pkg, applicant: { ...pkg.applicant, name: '别人' } };
    const conflict = await b.engine
      .receivePackage(a.code, { package: other, files: [] }, files)
      .catch((e: HallError) => e);
    expect((conflict as HallError).status).to.equal(409);

    const decider = await b.clerk('decideRemote');
    await b.engine.decideRemote(decider, there!.id, { to: 'accepted' });
    const wrong = await b.engine.decideRemote(decider, there!.id, { to: 'returned' }).catch((e: HallError) => e);
    expect((wrong as HallError).status).to.equal(409);
    await b.engine.decideRemote(decider, there!.id, {
      to: 'decided',
      result: { outcome: 'granted', name: '社会保障卡' },
    });
    expect(await forward(b, a, files)).to.equal(2);
    const [back] = await a.engine.remoteCases(await a.clerk('remoteCases'), { direction: 'out' });
    expect(back?.history.map((s) => s.state)).to.deep.equal([
      'collected',
      'forwarded',
      'received',
      'accepted',
      'decided',
    ]);
    expect(back?.result?.name).to.equal('社会保障卡');
    // A change heard twice changes nothing.
    const twice = await a.engine.receiveUpdate(b.code, {
      caseId: pkg.id,
      state: 'decided',
      at: new Date().toISOString(),
    });
    expect(twice.status).to.equal('duplicate');
    const unknown = await a.engine
      .receiveUpdate(b.code, { caseId: ulid(), state: 'accepted', at: new Date().toISOString() })
      .catch((e: HallError) => e);
    expect((unknown as HallError).status).to.equal(404);
  });

  it('refuses a request whose body, hall or time is not the one signed, and retries later after a failure', async () => {
    const files = new Map<string, number>();
    const pkg = await collected(files);
    await a.engine.sync(await a.clerk('sync'), { mutations: [{ id: ulid(), kind: 'remote.save', payload: pkg }] });
    const refused = await forward(a, b, files, (body) => body.replace('陈晓明', '张三')).catch((e: HallError) => e);
    expect((refused as HallError).status).to.equal(401);
    // Tried again after a wait that doubles: not due at once.
    expect(await a.engine.dueExchanges()).to.have.length(0);
    a.advance(600);
    expect(await a.engine.dueExchanges()).to.have.length(1);
    const signed = await a.engine.signExchange(b.code, 'POST', '/api/v1/exchange/updates', '{}');
    const stranger = await b.engine
      .verifyExchange({ ...signed, hall: 'ZZ99' }, 'POST', '/api/v1/exchange/updates', '{}')
      .catch((e: HallError) => e);
    expect((stranger as HallError).status).to.equal(401);
    b.advance(10 * 60_000);
    const late = await b.engine
      .verifyExchange(signed, 'POST', '/api/v1/exchange/updates', '{}')
      .catch((e: HallError) => e);
    expect((late as HallError).message).to.contain('time');
    const unsigned = await b.engine
      .verifyExchange({}, 'GET', '/api/v1/exchange/catalog', '')
      .catch((e: HallError) => e);
    expect((unsigned as HallError).message).to.contain('not signed');
  });

  it('refuses a package that does not fit the deciding hall’s item, or lacks its files', async () => {
    const files = new Map<string, number>();
    const pkg = await collected(files);
    const bad = await b.engine
      .receivePackage(a.code, { package: { ...pkg, materials: pkg.materials.slice(1) }, files: [] }, files)
      .catch((e: HallError) => e);
    expect((bad as HallError).issues.join()).to.contain('required and missing');
    const missingItem = await b.engine
      .receivePackage(a.code, { package: { ...pkg, item: { itemId: 'no-such-item', version: 1 } }, files: [] }, files)
      .catch((e: HallError) => e);
    expect((missingItem as HallError).issues.join()).to.contain('not published here');
    const noFiles = await b.engine
      .receivePackage(a.code, { package: pkg, files: [] }, new Map())
      .catch((e: HallError) => e);
    expect((noFiles as HallError).message).to.contain('lacks');
    const notForMe = await b.engine
      .receivePackage('SHHP02', { package: pkg, files: [] }, files)
      .catch((e: HallError) => e);
    expect((notForMe as HallError).status).to.equal(403);
    // A's copy of B's catalog and its peers, as clerks read them.
    expect((await a.engine.peers()).map((p) => [p.hall, p.catalogVersion !== undefined])).to.deep.equal([
      ['GDNS01', true],
    ]);
    expect(await a.engine.peerUrl('GDNS01')).to.equal('http://b.example/');
    const none = await a.engine.peerCatalog(await a.clerk('peerCatalog'), 'ZZ99').catch((e: HallError) => e);
    expect((none as HallError).status).to.equal(404);
    const self = await a.engine
      .enrolPeer(await a.manager('enrolPeer'), {
        hall: 'TJHP01',
        name: 'x',
        url: 'http://x/',
        region: '120101',
        publicKey: (await a.engine.exchangeIdentity()).publicKey,
      })
      .catch((e: HallError) => e);
    expect((self as HallError).status).to.equal(400);
  });
});
