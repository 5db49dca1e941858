// Cross-province service (跨省通办), end to end: two hall server processes on this machine, province A (the demo hall,
// TJHP01) and province B (GDNS01, 深圳市南山区), enrolled with each other. A clerk at A's workstation collects a case
// for B at the cross-province desk (region, item of B's catalog, scans) and hands the applicant the receipt with A's
// case number and a status QR; A forwards it; B's clerk, at B's workstation, accepts and decides it; A's ledger shows
// each state. Then B is killed while A forwards another case, and started again: the case arrives once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { startHallProcess } from '../../apps/hall-server/test-support/hall.mjs';
import { assertAccessible } from './support.mjs';

const { default: catalog } = await import('@yichuang/demo-catalog/catalog.js');
const B = { hall: 'GDNS01', name: '深圳市南山区政务服务中心', region: '440305' };
const ITEM = catalog.items.find((item) => item.materials.filter((m) => m.necessity === 'required').length >= 3);
const REQUIRED = ITEM.materials.filter((m) => m.necessity === 'required');

const freePort = () =>
  new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });

let browser;
let a;
let b;
let dirs;
let bPort;
const startB = () => startHallProcess({ dataDir: dirs.b, port: bPort, env: { HALL_CODE: B.hall, HALL_NAME: B.name } });

before(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  dirs = { a: await mkdtemp(join(tmpdir(), 'yc-e2e-a-')), b: await mkdtemp(join(tmpdir(), 'yc-e2e-b-')) };
  bPort = await freePort();
  [a, b] = await Promise.all([startHallProcess({ dataDir: dirs.a, port: await freePort() }), startB()]);
  // Each manager enrols the other hall by its address and public key (B first: A then fetches B's catalog at once).
  const [aId, bId] = await Promise.all([
    a.call('GET', '/api/v1/exchange/identity'),
    b.call('GET', '/api/v1/exchange/identity'),
  ]);
  const enrol = async (hall, body) => {
    const answer = await hall.call('POST', '/api/v1/peers', { token: await hall.login('manager'), body });
    assert.equal(answer.status, 200, answer.text);
    return answer.body;
  };
  await enrol(b, {
    hall: aId.body.hall,
    name: aId.body.name,
    url: a.url,
    region: '120101',
    publicKey: aId.body.publicKey,
  });
  const peer = await enrol(a, {
    hall: B.hall,
    name: B.name,
    url: b.url,
    region: B.region,
    publicKey: bId.body.publicKey,
  });
  assert.equal(peer.catalogVersion, catalog.version);
});

after(async () => {
  await browser?.close();
  await Promise.all([a?.stop(), b?.stop()]);
  await Promise.all(Object.values(dirs ?? {}).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A clerk's page at a hall's workstation, signed in at window 01 and on the cross-province desk. */
async function deskAt(hall) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(hall.url);
  await page.locator('yc-clerk-login input[name="user"]').fill('clerk01');
  await page.locator('yc-clerk-login input[name="password"]').fill('yichuang-demo');
  await page.locator('yc-clerk-login input[name="window"]').fill('01');
  await page.locator('yc-clerk-login button[type="submit"]').click();
  // The window may still be held by the page of the test before: this PC takes it over.
  const takeOver = page.locator('yc-clerk-login [part="taken"] button', { hasText: '接管 01 号窗口' });
  const windowDesk = page.locator('yc-window-desk');
  await Promise.race([takeOver.waitFor(), windowDesk.waitFor()]);
  if ((await takeOver.count()) > 0) await takeOver.click();
  await windowDesk.waitFor();
  await page.locator('#desks a', { hasText: '跨省通办' }).click();
  await page.waitForURL(/\/remote$/);
  const desk = page.locator('yc-remote-intake');
  await desk.locator('[part="collect"]').waitFor();
  return { context, page, desk, errors };
}

/** Collects a case for B at the desk: region, authority, item, applicant, a scan of each required material. */
async function collect(desk, name) {
  await desk.locator('select[name="province"]').selectOption('440000');
  await desk.locator('select[name="city"]').selectOption('440300');
  await desk.locator('select[name="county"]').selectOption('440305');
  await desk.locator('select[name="peer"]').waitFor();
  await desk.locator('input[name="authority"]').fill('深圳市南山区人力资源局');
  await desk.locator('select[name="itemId"]').selectOption(ITEM.id);
  await desk.locator('input[name="name"]').fill(name);
  await desk.locator('input[name="idNumber"]').fill('11010519491231002X');
  for (const material of REQUIRED) {
    await desk.locator(`li[data-material="${material.id}"] input[type="file"]`).setInputFiles({
      name: `${material.id}.jpg`,
      mimeType: 'image/jpeg',
      buffer: Buffer.from(`${name}: scan of ${material.name}`),
    });
    await desk.locator(`li[data-material="${material.id}"] .pages`, { hasText: '已扫描 1 页' }).waitFor();
  }
  await desk.locator('button[type="submit"]', { hasText: '收件并转办' }).click();
  await desk.locator('[part="receipt"]').waitFor();
  return (await desk.locator('[part="done"]').textContent()).match(/TJHP01-\d{8}-01-\d{4}/)[0];
}

/** The cases collected at A, as its manager lists them (a clerk's login would take window 01 from the page). */
const outAtA = async () =>
  (await a.call('GET', '/api/v1/remote?direction=out', { token: await a.login('manager') })).body;
const until = async (probe, what, ms = 30_000) => {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`waited in vain for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
};

describe('cross-province: a desk in A collects for B, B decides, A follows', () => {
  it('collects, hands over the receipt, forwards; B accepts and decides; A’s ledger shows each state', async () => {
    const atA = await deskAt(a);
    await assertAccessible(atA.page, 'the cross-province desk');
    const number = await collect(atA.desk, '陈晓明');
    const receipt = atA.desk.locator('[part="receipt"]');
    assert.match(await receipt.textContent(), new RegExp(number));
    assert.match(await receipt.textContent(), /跨省通办代收凭证/);
    assert.equal((await receipt.locator('svg[aria-label="办理进度查询二维码"], svg').count()) > 0, true);
    assert.doesNotMatch(await receipt.textContent(), /11010519491231002X/);
    await assertAccessible(atA.page, 'the receipt');

    // A's ledger: B's number appears once B has received it.
    await atA.desk.locator('[role="tab"]', { hasText: '转办台账' }).click();
    const row = atA.desk.locator('[part="ledger"] tr', { hasText: number });
    await row.locator('text=对方已接收').waitFor({ timeout: 30_000 });
    const remoteNumber = (await row.locator('td').nth(1).textContent()).trim();
    assert.match(remoteNumber, /^GDNS01-\d{8}-YD-\d{4}$/);
    await assertAccessible(atA.page, 'the ledger');

    // B's clerk: the case is there, to accept and decide.
    const atB = await deskAt(b);
    await atB.desk.locator('[role="tab"]', { hasText: '收到的异地件' }).click();
    const item = atB.desk.locator('[part="incoming"] li', { hasText: remoteNumber });
    await item.waitFor();
    assert.match(await item.textContent(), new RegExp(number));
    await assertAccessible(atB.page, 'the cases received at B');
    await item.locator('button', { hasText: /^\s*受理\s*$/ }).click();
    await item.locator('input[name="resultName"]').waitFor();
    await item.locator('input[name="resultName"]').fill('社会保障卡');
    await item.locator('button', { hasText: '办结' }).click();
    await item.locator('button', { hasText: '寄回结果' }).waitFor();

    // A hears each step: the ledger follows live.
    await row.locator('text=对方已办结').waitFor({ timeout: 30_000 });
    await row.locator('text=结果：社会保障卡').waitFor();
    const [onA] = (await outAtA()).filter((c) => c.number === number);
    assert.deepEqual(
      onA.history.map((step) => step.state),
      ['collected', 'forwarded', 'received', 'accepted', 'decided'],
    );
    assert.deepEqual(atA.errors, []);
    assert.deepEqual(atB.errors, []);
    await atA.context.close();
    await atB.context.close();
  });

  it('B killed while A forwards, then started again: the case reaches B exactly once', async () => {
    const atA = await deskAt(a);
    await b.kill();
    const number = await collect(atA.desk, '孙丽');
    await atA.desk.locator('[role="tab"]', { hasText: '转办台账' }).click();
    const row = atA.desk.locator('[part="ledger"] tr', { hasText: number });
    await row.locator('text=已转出').waitFor({ timeout: 30_000 });
    b = await startB();
    await until(async () => (await outAtA()).find((c) => c.number === number)?.state === 'received', 'B to receive it');
    const atB = (await b.call('GET', '/api/v1/remote?direction=in', { token: await b.login('manager') })).body;
    assert.equal(atB.filter((c) => c.number === number).length, 1);
    await atA.desk.locator('button', { hasText: '刷新' }).click();
    await row.locator('text=对方已接收').waitFor({ timeout: 30_000 });
    assert.deepEqual(atA.errors, []);
    await atA.context.close();
  });
});
