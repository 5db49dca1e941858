// The workstation, end to end, on the hall server the README starts: each device and each person in a browser
// context of its own (its own storage, its own session), as on the hall's own PCs. A day in the hall: the kiosk issues a
// ticket, the clerk signs in at window 01 and calls it from the keyboard into the window desk's intake, the call screen
// shows it, the clerk finishes, the window's rating pad takes the rating and the manager's board counts it all, live.
// Then what a shared window PC needs: one live session per window with an explicit take-over, the lock screen, a
// reload that keeps the session but not the key, and the service worker that starts the workstation with the network off.
/* global window, document -- in-page functions run in the browser */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { readFile, writeFile } from 'node:fs/promises';
import {
  assertAccessible,
  casesOnHall,
  chooseBundle,
  startDemoHall,
  takeInCase,
  untilServiceWorker,
} from './support.mjs';

const TOKENS = { kiosk: 'demo-kiosk-token-0001', display: 'demo-display-token-0001', pad: 'demo-pad-token-01' };

let browser;
let hall;
before(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  hall = await startDemoHall('workstation-e2e');
});
after(async () => {
  await browser?.close();
  await hall?.close();
});

/** A page in a browser context of its own, failing the test on any page error. */
async function device(path, { serviceWorkers = 'block' } = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${hall.url}${path}`);
  return { context, page, errors };
}

/** Signs a person in at the workstation's door. */
async function signIn(page, user, password, window = '') {
  await page.locator('yc-clerk-login input[name="user"]').fill(user);
  await page.locator('yc-clerk-login input[name="password"]').fill(password);
  await page.locator('yc-clerk-login input[name="window"]').fill(window);
  await page.locator('yc-clerk-login button[type="submit"]').click();
}

/**
 * Signs a clerk in at a window, taking the window over when an earlier test's session still holds it, and waits
 * for `ready` (the desk the clerk lands on).
 */
async function signInTakingOver(page, user, window, ready) {
  await signIn(page, user, 'yichuang-demo', window);
  const takeOver = page.locator('yc-clerk-login [part="taken"] button', { hasText: `接管 ${window} 号窗口` });
  await Promise.race([takeOver.waitFor(), ready.waitFor()]);
  if ((await takeOver.count()) > 0) await takeOver.click();
  await ready.waitFor();
}

describe('the workstation on the hall server, one browser context per device', () => {
  it('a day in the hall: kiosk → window desk → call screen → rating pad → board', async () => {
    // The manager signs in and lands on the board, open from the start: everything below reaches it live.
    const board = await device('/');
    await board.page.locator('yc-clerk-login input[name="user"]').waitFor();
    await assertAccessible(board.page, 'the door');
    await signIn(board.page, 'manager01', 'yichuang-manager');
    await board.page.waitForURL(/\/board$/);
    const windowRow = board.page.locator('yc-queue-board [part="windows"] tbody tr', { hasText: '综合受理1号窗口' });
    await windowRow.waitFor();
    const display = await device(`/display?muted#token=${TOKENS.display}`);
    const pad = await device(`/pad#token=${TOKENS.pad}`);
    const kiosk = await device(`/kiosk#token=${TOKENS.kiosk}`);

    // The kiosk: a ticket for 综合业务.
    await kiosk.page.locator('yc-ticket-kiosk [part="service"]', { hasText: '综合业务' }).click();
    const number = (await kiosk.page.locator('yc-ticket-kiosk [part="ticket"] .number').textContent()).trim();
    assert.match(number, /^A\d{3}$/);
    await assertAccessible(kiosk.page, 'the kiosk');

    // The clerk of window 01 signs in, lands on the window desk and calls from the keyboard.
    const clerk = await device('/');
    await signIn(clerk.page, 'clerk01', 'yichuang-demo', '01');
    await clerk.page.waitForURL(/\/window$/);
    assert.match(await clerk.page.locator('#who').textContent(), /王晓雨 · 01 号窗口/);
    await clerk.page.locator('yc-queue-caller [data-action="next"]:not([disabled])').waitFor();
    await clerk.page.keyboard.press('Alt+KeyN');
    await clerk.page.locator('yc-queue-caller [part="current"]', { hasText: number }).waitFor();
    await windowRow.filter({ hasText: `办理中：${number}` }).waitFor();
    await assertAccessible(board.page, 'the board');
    await assertAccessible(clerk.page, 'the window desk');
    // The number called goes to the intake of the desk as its ticket.
    const ticketId = await clerk.page.locator('yc-window-desk yc-intake').evaluate((intake) => intake.ticketId);
    assert.match(ticketId, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    // The desk's other tabs load when opened.
    await clerk.page.locator('yc-window-desk [role="tab"]', { hasText: '容缺台账' }).click();
    await clerk.page.locator('yc-tolerance-ledger').waitFor();
    await clerk.page.locator('yc-window-desk [role="tab"]', { hasText: '受理' }).click();

    // The call screen, in another context, shows the call.
    await display.page
      .locator('yc-hall-display [part="latest"]', { hasText: `请 ${number} 号到 1 号窗口办理` })
      .waitFor();
    await assertAccessible(display.page, 'the call screen');

    // Finished: the window's pad invites a rating for that number.
    await clerk.page.keyboard.press('Alt+KeyF');
    await pad.page.locator('yc-rating-pad [part="ticket"]', { hasText: number }).waitFor();
    await assertAccessible(pad.page, 'the rating pad');
    await pad.page.locator('yc-rating-pad [part="grades"] label', { hasText: '非常满意' }).click();
    await pad.page.locator('yc-rating-pad [part="submit"]').click();
    await pad.page.locator('yc-rating-pad [part="ticket"]').waitFor({ state: 'detached' });

    // The board counts it: one served at window 01, one rating, all satisfied.
    const tiles = board.page.locator('yc-queue-board [part="summary"]');
    await tiles.filter({ hasText: /评价数\s*1/ }).waitFor();
    await tiles.filter({ hasText: /满意率\s*100%/ }).waitFor();
    assert.match((await windowRow.innerText()).replace(/\s+/g, ' '), /综合受理1号窗口 空闲 1 /);
    for (const { errors } of [board, display, pad, kiosk, clerk]) assert.deepEqual(errors, []);
    for (const { context } of [board, display, pad, kiosk, clerk]) await context.close();
  });

  it('a device page without its token, or with another device’s, says so and shows nothing else', async () => {
    const bare = await device('/kiosk');
    await bare.page.locator('#gate [role="alert"]', { hasText: '本页面需要设备令牌' }).waitFor();
    const wrong = await device(`/kiosk#token=${TOKENS.pad}`);
    await wrong.page.locator('#gate [role="alert"]', { hasText: '不是本页面的设备' }).waitFor();
    assert.equal(await wrong.page.locator('yc-ticket-kiosk').count(), 0);
    await bare.context.close();
    await wrong.context.close();
  });

  it('one live session per window: a second PC asks before taking window 02 over', async () => {
    const first = await device('/');
    await signIn(first.page, 'clerk02', 'yichuang-demo', '02');
    await first.page.waitForURL(/\/window$/);
    const second = await device('/');
    await signIn(second.page, 'clerk02', 'yichuang-demo', '02');
    const question = second.page.locator('yc-clerk-login [part="taken"]');
    await question.waitFor();
    assert.match(await question.textContent(), /02 号窗口已有人登录/);
    await second.page.locator('yc-clerk-login [part="taken"] button', { hasText: '接管 02 号窗口' }).click();
    await second.page.waitForURL(/\/window$/);
    await second.page.locator('yc-window-desk').waitFor();
    await first.context.close();
    await second.context.close();
  });

  it('locks on Ctrl+L, refuses a wrong password, and a reload keeps the session but asks for the password', async () => {
    const clerk = await device('/');
    await signIn(clerk.page, 'clerk03', 'yichuang-demo', '03');
    await clerk.page.locator('yc-window-desk yc-intake').waitFor();
    await clerk.page.keyboard.press('Control+KeyL');
    const lock = clerk.page.locator('yc-clerk-login [part="form"]', { hasText: '屏幕已锁定' });
    await lock.waitFor();
    await assertAccessible(clerk.page, 'the lock screen');
    assert.equal(await clerk.page.locator('#desk').isHidden(), true);
    await clerk.page.locator('yc-clerk-login input[name="password"]').fill('wrong-password');
    await clerk.page.keyboard.press('Enter');
    await clerk.page.locator('yc-clerk-login [part="problem"]', { hasText: '密码不对' }).waitFor();
    await clerk.page.locator('yc-clerk-login input[name="password"]').fill('yichuang-demo');
    await clerk.page.keyboard.press('Enter');
    await clerk.page.locator('yc-window-desk yc-intake').waitFor({ state: 'visible' });

    await clerk.page.reload();
    await lock.waitFor();
    assert.match(await lock.textContent(), /赵敏 · 03 号窗口/);
    await clerk.page.locator('yc-clerk-login input[name="password"]').fill('yichuang-demo');
    await clerk.page.keyboard.press('Enter');
    await clerk.page.locator('yc-window-desk yc-intake').waitFor({ state: 'visible' });
    assert.deepEqual(clerk.errors, []);
    await clerk.context.close();
  });

  it('starts from the service worker with the network off; a case taken in offline reaches the hall exactly once', async () => {
    const clerk = await device('/', { serviceWorkers: 'allow' });
    await signIn(clerk.page, 'helper01', 'yichuang-demo', '05');
    await clerk.page.locator('yc-window-desk yc-intake').waitFor();
    await untilServiceWorker(clerk.page);
    // The desks the clerk has not opened yet are precached too.
    await clerk.context.setOffline(true);
    await clerk.page.reload();
    await clerk.page.locator('yc-clerk-login [part="form"]', { hasText: '屏幕已锁定' }).waitFor();
    await clerk.page.locator('yc-clerk-login input[name="password"]').fill('yichuang-demo');
    await clerk.page.keyboard.press('Enter');
    await clerk.page.locator('yc-window-desk yc-intake').waitFor({ state: 'visible' });
    await clerk.page.locator('yc-window-desk [role="tab"]', { hasText: '出件' }).click();
    await clerk.page.locator('yc-result-handover').waitFor();
    await clerk.page.locator('yc-sync-status [part="connection"]', { hasText: '离线' }).waitFor();
    // The clerk takes a case in, offline: it waits on this PC.
    await clerk.page.locator('yc-window-desk [role="tab"]', { hasText: '受理' }).click();
    const before = await casesOnHall(hall.url);
    const taken = await takeInCase(clerk.page, 'yc-window-desk');
    assert.match(taken.number, /^TJHP01-\d{8}-05-\d{4}$/);
    await clerk.page.locator('yc-sync-status [part="pending"]', { hasText: '待同步 1 件' }).waitFor();
    // A fresh context without the service worker cannot start offline: the page above came from it.
    const fresh = await browser.newContext({ serviceWorkers: 'block' });
    await fresh.setOffline(true);
    const bare = await fresh.newPage();
    await assert.rejects(bare.goto(`${hall.url}/window`));
    await fresh.close();
    // The network back: the case reaches the hall, once.
    await clerk.context.setOffline(false);
    await clerk.page.locator('yc-sync-status [part="pending"]', { hasText: '待同步 0 件' }).waitFor();
    await clerk.page.locator('yc-sync-status [part="connection"]', { hasText: '已连接大厅' }).waitFor();
    const after = await casesOnHall(hall.url);
    assert.equal(after.total, before.total + 1);
    const onHall = await fetch(`${hall.url}/api/v1/cases/${taken.id}`, {
      headers: { authorization: `Bearer ${after.token}` },
    }).then((response) => response.json());
    assert.equal(onHall.case?.number ?? onHall.number, taken.number);
    assert.deepEqual(clerk.errors, []);
    await clerk.context.close();
  });

  it('training: a hall inside this PC, marked on every screen and document, and nothing reaches the hall', async () => {
    const before = await casesOnHall(hall.url);
    const clerk = await device('/?training');
    const banner = clerk.page.locator('#training');
    await banner.waitFor();
    assert.match(await banner.textContent(), /练习模式/);
    await signIn(clerk.page, 'clerk03', 'yichuang-demo', '03');
    await clerk.page.locator('yc-window-desk yc-intake').waitFor({ timeout: 60_000 });
    assert.match(await clerk.page.title(), /练习/);
    assert.equal(await banner.isVisible(), true);
    await assertAccessible(clerk.page, 'the window desk in training');
    await takeInCase(clerk.page, 'yc-window-desk');
    await clerk.page.locator('yc-case-documents .yc-document[data-training]').first().waitFor();
    assert.match(
      await clerk.page.locator('yc-case-documents .yc-document [role="note"]').first().textContent(),
      /练习模式 · 本文书仅供练习，不具法律效力/,
    );
    // Synced, to the hall inside this browser: the real hall has not seen it.
    await clerk.page.locator('yc-sync-status [part="pending"]', { hasText: '待同步 0 件' }).waitFor();
    assert.equal((await casesOnHall(hall.url)).total, before.total);
    // Leaving training: the real door again.
    await clerk.page.goto(`${hall.url}/?training=off`);
    await clerk.page.locator('yc-clerk-login input[name="user"]').waitFor();
    assert.equal(await banner.isHidden(), true);
    assert.deepEqual(clerk.errors, []);
    await clerk.context.close();
  });

  it('offers a new version without forcing it, and the intake under way is there after the update', async () => {
    const clerk = await device('/', { serviceWorkers: 'allow' });
    // Window 02 may still be held by the take-over test above.
    await signInTakingOver(clerk.page, 'clerk02', '02', clerk.page.locator('yc-window-desk yc-intake'));
    await untilServiceWorker(clerk.page);
    const items = await chooseBundle(clerk.page, 'yc-window-desk');
    assert.ok(items > 1);
    // A new version on the server: the browser finds it and offers it; the page is not reloaded.
    const worker = new URL('../../apps/workstation/dist/sw.js', import.meta.url);
    const built = await readFile(worker, 'utf8');
    try {
      await writeFile(worker, `${built}\n// a new version\n`);
      await clerk.page.evaluate(() => {
        window.ycStillHere = true;
        return navigator.serviceWorker.getRegistration().then((registration) => registration.update());
      });
      await clerk.page.locator('#update').waitFor();
      assert.match(await clerk.page.locator('#update').textContent(), /有新版本/);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(await clerk.page.evaluate(() => window.ycStillHere), true);
      await assertAccessible(clerk.page, 'the desk with the update offered');
      // The clerk chooses to update: the page reloads with the new version; the intake resumes where it was.
      await clerk.page.locator('#update-now').click();
      await clerk.page.waitForFunction(() => window.ycStillHere === undefined);
      await clerk.page.locator('yc-clerk-login input[name="password"]').fill('yichuang-demo');
      await clerk.page.keyboard.press('Enter');
      await clerk.page.locator('yc-window-desk yc-intake').waitFor({ state: 'visible' });
      await clerk.page.waitForFunction(
        (count) =>
          document.querySelector('yc-window-desk')?.shadowRoot?.querySelector('yc-intake')?.state?.data?.items
            .length === count,
        items,
      );
    } finally {
      await writeFile(worker, built);
    }
    assert.deepEqual(clerk.errors, []);
    await clerk.context.close();
  });

  it('the helper desk: a person registered with a proxy, a priority ticket, an intake for them, and the hall knows', async () => {
    const clerk = await device('/');
    // Window 03 may still be held by the lock test above.
    await signInTakingOver(clerk.page, 'clerk03', '03', clerk.page.locator('yc-window-desk'));
    // The frame offers the clerk's desks.
    await clerk.page.locator('#desks a', { hasText: '帮办代办' }).click();
    await clerk.page.waitForURL(/\/assist$/);
    const desk = clerk.page.locator('yc-assist-desk');
    await desk.locator('[part="register"]').waitFor();
    assert.equal(await clerk.page.locator('#desks a[aria-current="page"]').textContent(), '帮办代办');
    await assertAccessible(clerk.page, 'the helper desk');

    // An elderly woman, accompanied, her son acting as guardian; a lapsed term is refused first.
    await desk.locator('input[name="name"]').fill('王秀兰');
    await desk.locator('input[name="idNumber"]').fill('11010519491231002X');
    await desk.locator('input[name="groups"][value="elderly"]').check();
    await desk.locator('input[name="accompanied"]').check();
    await desk.locator('input[name="proxyWanted"]').check();
    await desk.locator('input[name="proxyName"]').fill('李强');
    await desk.locator('input[name="proxyIdNumber"]').fill('120101198506201519');
    await desk.locator('input[name="proxyPhone"]').fill('13900001111');
    await desk.locator('input[name="proxyRelation"]').fill('儿子');
    await desk.locator('select[name="authorisation"]').selectOption('guardian');
    await desk.locator('input[name="validUntil"]').fill('2020-01-31');
    await desk.locator('button[type="submit"]', { hasText: '登记并开始服务' }).click();
    await desk.locator('[part="error"]', { hasText: '代办人的授权已于 2020-01-31 到期' }).waitFor();
    await desk.locator('input[name="validUntil"]').fill('2099-12-31');
    await desk.locator('button[type="submit"]', { hasText: '登记并开始服务' }).click();
    await desk.locator('[part="visit"] h3', { hasText: '正在服务：王秀兰' }).waitFor();

    await desk.locator('select[name="helpKind"]').selectOption('guidance');
    await desk.locator('input[name="minutes"]').fill('15');
    await desk.locator('button', { hasText: '记录本次服务' }).click();
    await desk.locator('[part="help"]', { hasText: '合计 15 分钟' }).waitFor();
    await desk.locator('button', { hasText: '为服务对象取优先号' }).click();
    const ticket = (await desk.locator('.ticket').textContent()).trim();
    assert.match(ticket, /^[A-Z]\d{3}$/);
    await assertAccessible(clerk.page, 'the helper desk serving a person');

    // Handed over to an intake: the applicant and the proxy are there; the case taken in records the visit.
    await desk.locator('button', { hasText: '代为受理事项' }).click();
    await desk.locator('[part="intake"] yc-intake').waitFor();
    const taken = await takeInCase(clerk.page, 'yc-assist-desk');
    await desk.locator('[part="ledger"] li', { hasText: taken.number }).waitFor();
    await clerk.page.locator('yc-sync-status [part="pending"]', { hasText: '待同步 0 件' }).waitFor();
    const { token } = await casesOnHall(hall.url);
    const onHall = await fetch(`${hall.url}/api/v1/cases/${taken.id}`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((response) => response.json());
    const value = onHall.case ?? onHall;
    assert.equal(value.number, taken.number);
    assert.match(value.assistVisit, /^[0-9A-Z]{26}$/);
    assert.equal(value.proxy?.name, '李强');
    const queue = await fetch(`${hall.url}/api/v1/queue`, { headers: { authorization: `Bearer ${token}` } }).then(
      (response) => response.json(),
    );
    assert.equal(queue.tickets.find((t) => t.number === ticket)?.kind, 'priority');
    assert.deepEqual(clerk.errors, []);
    await clerk.context.close();
  });
});
