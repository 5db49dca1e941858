// Cross-province exchange (跨省通办) between two hall server processes on this machine: province A (the demo hall,
// TJHP01) collects a case for province B (GDNS01, 深圳市南山区) and forwards the package with its scans, signed; B
// checks it against its own catalog, numbers it and answers; B's clerk accepts and decides, and each step comes back
// to A. What an attacker or a bad network does: unsigned or forged requests, a package that does not fit B's item, an
// answer lost on the way (A sends again: B receives once), and B killed while A forwards (A keeps trying; B receives
// it once it is back).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_HALL, chinaDay, openEvents, sha256, startHallProcess, ulid } from '../test-support/hall.mjs';

const { default: catalog } = await import('@yichuang/demo-catalog/catalog.js');

const B = { code: 'GDNS01', name: '深圳市南山区政务服务中心', region: '440305' };
const APPLICANT = { kind: 'person', name: '陈晓明', idType: 'resident-id', idNumber: '11010519491231002X' };
/** An item of the demo catalog (B's too) with at least three required materials. */
const ITEM = catalog.items.find((item) => item.materials.filter((m) => m.necessity === 'required').length >= 3);

/** A proxy in front of B that, while `drop` is on, passes the request to B and then cuts the answer off. */
function lossyProxy(target) {
  const state = { drop: 0, passed: 0 };
  const server = createServer((incoming, outgoing) => {
    const dropping = state.drop > 0 && incoming.url.startsWith('/api/v1/exchange/packages');
    if (dropping) state.drop--;
    const upstream = httpRequest(
      new URL(incoming.url, target()),
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        state.passed++;
        if (dropping) {
          answer.resume();
          answer.on('end', () => outgoing.socket?.destroy());
          return;
        }
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.socket?.destroy());
    incoming.pipe(upstream);
  });
  return {
    state,
    listen: () =>
      new Promise((done) => server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${server.address().port}/`))),
    close: () => new Promise((done) => server.close(done)),
  };
}

/** The data of a hall event as the stream delivered it. */
const dataOf = (message) => (typeof message.data === 'string' ? JSON.parse(message.data) : message.data).data;

const freePort = () =>
  new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });

const until = async (probe, what, ms = 20_000) => {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`waited in vain for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
};

describe('the exchange between two hall servers', () => {
  let a;
  let b;
  let dirs;
  let bPort;
  let proxy;
  let tokens;

  before(async () => {
    dirs = { a: await mkdtemp(join(tmpdir(), 'yc-hall-a-')), b: await mkdtemp(join(tmpdir(), 'yc-hall-b-')) };
    bPort = await freePort();
    [a, b] = await Promise.all([
      startHallProcess({ dataDir: dirs.a, port: await freePort() }),
      startHallProcess({ dataDir: dirs.b, port: bPort, env: { HALL_CODE: B.code, HALL_NAME: B.name } }),
    ]);
    proxy = lossyProxy(() => b.url);
    const bThroughProxy = await proxy.listen();
    tokens = {
      aManager: await a.login('manager'),
      bManager: await b.login('manager'),
      aClerk: await a.login('clerk'),
      bClerk: await b.login('clerk'),
    };
    // Each manager enrols the other hall by its address and public key.
    const [aId, bId] = await Promise.all([
      a.call('GET', '/api/v1/exchange/identity'),
      b.call('GET', '/api/v1/exchange/identity'),
    ]);
    assert.equal(bId.body.hall, B.code);
    const enrolA = await b.call('POST', '/api/v1/peers', {
      token: tokens.bManager,
      body: { hall: DEMO_HALL.code, name: DEMO_HALL.name, url: a.url, region: '120101', publicKey: aId.body.publicKey },
    });
    assert.equal(enrolA.status, 200, enrolA.text);
    // B's manager enrolled A first: A, enrolling B, fetches B's catalog at once.
    const enrolB = await a.call('POST', '/api/v1/peers', {
      token: tokens.aManager,
      body: { hall: B.code, name: B.name, url: bThroughProxy, region: B.region, publicKey: bId.body.publicKey },
    });
    assert.equal(enrolB.status, 200, enrolB.text);
    // A keeps a copy of B's catalog from the start: the desk collects by it while B is away.
    assert.equal(enrolB.body.catalogVersion, catalog.version);
  });

  after(async () => {
    await Promise.all([a?.stop(), b?.stop(), proxy?.close()]);
    await Promise.all(Object.values(dirs ?? {}).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  /** Uploads `count` scans at A and resolves their hashes. */
  async function scans(count, size = 2048) {
    const hashes = [];
    for (let i = 0; i < count; i++) {
      const bytes = Buffer.alloc(size, `${ulid()} page ${i}`);
      const put = await a.call('PUT', `/api/v1/attachments/${sha256(bytes)}`, { token: tokens.aClerk, raw: bytes });
      assert.ok(put.status === 201 || put.status === 200, put.text);
      hashes.push(sha256(bytes));
    }
    return hashes;
  }

  /** A package collected at A's window 01 for ITEM at B, each required material with a scan. */
  async function collected(patch = {}) {
    const required = ITEM.materials.filter((m) => m.necessity === 'required');
    const files = await scans(required.length);
    return {
      id: ulid(),
      number: `${DEMO_HALL.code}-${chinaDay()}-01-${String(Math.floor(Math.random() * 9000) + 1000)}`,
      hall: DEMO_HALL.code,
      window: '01',
      clerk: 'clerk01',
      target: { hall: B.code, region: B.region, authority: '深圳市南山区人力资源局' },
      mode: 'collect',
      item: { itemId: ITEM.id, version: ITEM.version },
      applicant: APPLICANT,
      materials: required.map((m, i) => ({ materialId: m.id, files: [files[i]] })),
      returnWay: 'pickup',
      collectedAt: new Date().toISOString(),
      ...patch,
    };
  }

  const send = async (pkg) => (await a.sync(tokens.aClerk, [{ id: ulid(), kind: 'remote.save', payload: pkg }]))[0];
  const outOf = async (id) =>
    (await a.call('GET', '/api/v1/remote?direction=out', { token: tokens.aClerk })).body.find((c) => c.id === id);
  const inOf = async (id) =>
    (await b.call('GET', '/api/v1/remote?direction=in', { token: tokens.bClerk })).body.filter((c) => c.id === id);

  it('forwards a package to B, which numbers it; B decides, and A sees every step', async () => {
    // The collecting window's clerk hears each step live; a public screen hears none.
    const clerkStream = await openEvents(a.url, tokens.aClerk);
    const displayStream = await openEvents(a.url, await a.login('display'));
    const pkg = await collected();
    assert.equal((await send(pkg)).status, 'applied');
    const received = await until(async () => {
      const found = await outOf(pkg.id);
      return found?.state === 'received' && found;
    }, 'B to receive the package');
    assert.match(received.remoteNumber, new RegExp(`^${B.code}-\\d{8}-YD-\\d{4}$`));
    const [there] = await inOf(pkg.id);
    assert.equal(there.number, pkg.number);
    assert.equal(there.remoteNumber, received.remoteNumber);
    assert.equal(there.applicantName, APPLICANT.name);
    // B holds the scans, and its clerk may read them.
    const file = pkg.materials[0].files[0];
    assert.equal((await b.call('HEAD', `/api/v1/attachments/${file}`, { token: tokens.bManager })).status, 200);

    const decide = (body) => b.call('POST', `/api/v1/remote/${pkg.id}/state`, { token: tokens.bClerk, body });
    assert.equal((await decide({ to: 'decided', result: { outcome: 'granted', name: 'x' } })).status, 409);
    assert.equal((await decide({ to: 'accepted' })).status, 200);
    const result = { outcome: 'granted', name: '社会保障卡', documentNumber: '深南人社〔2026〕9号' };
    assert.equal((await decide({ to: 'decided' })).status, 400, 'a decision says its result');
    assert.equal((await decide({ to: 'decided', result })).status, 200);
    assert.equal((await decide({ to: 'returned', note: '已寄回受理地' })).status, 200);
    const back = await until(async () => {
      const found = await outOf(pkg.id);
      return found?.state === 'returned' && found;
    }, 'A to hear each step');
    assert.deepEqual(
      back.history.map((step) => step.state),
      ['collected', 'forwarded', 'received', 'accepted', 'decided', 'returned'],
    );
    assert.deepEqual(back.result, result);
    await clerkStream.until((messages) =>
      messages.some((m) => m.event === 'remote.updated' && dataOf(m).state === 'returned'),
    );
    const heard = clerkStream.messages.filter((m) => m.event === 'remote.updated').map(dataOf);
    assert.deepEqual(
      heard.filter((d) => d.caseId === pkg.id).map((d) => d.state),
      ['forwarded', 'received', 'accepted', 'decided', 'returned'],
    );
    assert.ok(displayStream.messages.every((m) => m.event !== 'remote.updated'));
    clerkStream.close();
    displayStream.close();
  });

  it('refuses what A may not send, and what does not fit B’s item, before anything leaves A', async () => {
    const pkg = await collected();
    const forged = await send({ ...pkg, clerk: 'clerk02' });
    assert.equal(forged.code, 'forbidden');
    const unknownHall = await send({ ...pkg, target: { ...pkg.target, hall: 'ZZ99' } });
    assert.equal(unknownHall.code, 'invalid');
    assert.match(unknownHall.message, /ZZ99/);
    const short = await send({ ...pkg, materials: pkg.materials.slice(1) });
    assert.equal(short.code, 'invalid');
    const unscanned = await send({
      ...pkg,
      materials: [{ ...pkg.materials[0], files: ['f'.repeat(64)] }, ...pkg.materials.slice(1)],
    });
    assert.equal(unscanned.code, 'missing-attachments');
  });

  it('refuses requests between halls that are not signed by an enrolled hall', async () => {
    const body = JSON.stringify({ package: await collected(), files: [] });
    const post = (headers) =>
      b.call('POST', '/api/v1/exchange/packages', {
        raw: body,
        headers: { 'content-type': 'application/json', ...headers },
      });
    assert.equal((await post({})).status, 401);
    const time = new Date().toISOString();
    const forged = await post({ 'x-yc-hall': DEMO_HALL.code, 'x-yc-time': time, 'x-yc-signature': 'A'.repeat(86) });
    assert.equal(forged.status, 401);
    const stranger = await post({ 'x-yc-hall': 'ZZ99', 'x-yc-time': time, 'x-yc-signature': 'A'.repeat(86) });
    assert.equal(stranger.status, 401);
    assert.equal((await b.call('GET', '/api/v1/exchange/catalog')).status, 401);
    // People's routes keep to roles: a clerk enrols no hall.
    const enrol = await a.call('POST', '/api/v1/peers', { token: tokens.aClerk, body: {} });
    assert.equal(enrol.status, 403);
  });

  it('sends again when B’s answer is lost: B receives the package once', async () => {
    proxy.state.drop = 1;
    const pkg = await collected();
    assert.equal((await send(pkg)).status, 'applied');
    await until(async () => (await outOf(pkg.id))?.state === 'received', 'the retry to be answered');
    assert.equal(proxy.state.drop, 0, 'the first answer was cut');
    assert.equal((await inOf(pkg.id)).length, 1);
  });

  it('B killed while A forwards, then started again: the package arrives, once', async () => {
    const pkg = await collected();
    const sent = send(pkg);
    await b.kill();
    assert.equal((await sent).status, 'applied');
    await new Promise((done) => setTimeout(done, 1500));
    const waiting = await outOf(pkg.id);
    assert.equal(waiting.state, 'forwarded', 'A keeps it while B is down');
    // The desk still collects for B: A answers B's catalog from its copy.
    const copy = await a.call('GET', `/api/v1/peers/${B.code}/catalog`, { token: tokens.aClerk });
    assert.equal(copy.body.version, catalog.version);
    b = await startHallProcess({ dataDir: dirs.b, port: bPort, env: { HALL_CODE: B.code, HALL_NAME: B.name } });
    tokens.bClerk = await b.login('clerk');
    const arrived = await until(
      async () => {
        const found = await outOf(pkg.id);
        return found?.state === 'received' && found;
      },
      'the package after B is back',
      45_000,
    );
    assert.ok(arrived.remoteNumber);
    assert.equal((await inOf(pkg.id)).length, 1);
    // B, restarted, is still the hall A enrolled (same key): A's next package is received too.
    const next = await collected();
    assert.equal((await send(next)).status, 'applied');
    await until(async () => (await outOf(next.id))?.state === 'received', 'the next package');
  });
});
