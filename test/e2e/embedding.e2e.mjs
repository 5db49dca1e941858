// Embedding, as district IT does it, on the hall server the README starts: a legacy window page (an old jQuery, global
// CSS that restyles every element) that adds the sign-in, the caller and the intake with one script tag each and fills
// its own fields from their DOM events; and a qiankun host that mounts the intake as a micro-app and takes it out and
// puts it back a hundred times without the heap growing.
/* global document, window, getComputedStyle, customElements -- in-page functions run in the browser */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { mountUnmountHeap } from '../bench/embed-heap.mjs';
import { assertAccessible, casesOnHall, postJson, startDemoHall, takeInCase } from './support.mjs';

let browser;
let hall;
before(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  hall = await startDemoHall('embedding-e2e');
});
after(async () => {
  await browser?.close();
  await hall?.close();
});

describe('a legacy window page embedding the sign-in, the caller and the intake', () => {
  it('works under its hostile CSS: sign in, call, take a case in; its jQuery fills its own fields', async () => {
    const kiosk = await postJson(`${hall.url}/api/v1/session`, { deviceToken: 'demo-kiosk-token-0001' });
    const ticket = await postJson(`${hall.url}/api/v1/queue/tickets`, { category: 'A' }, kiosk.token);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${hall.url}/embed-demo/window.html`);

    // The provider's window is in the form already; the clerk types the account and password.
    const login = page.locator('yc-clerk-login');
    await login.locator('input[name="user"]').fill('clerk03');
    await login.locator('input[name="password"]').fill('yichuang-demo');
    assert.equal(await login.locator('input[name="window"]').inputValue(), '03');
    await login.locator('button[type="submit"]').click();
    await login.locator('[part="signed-in"]', { hasText: '赵敏 · 03 号窗口' }).waitFor();

    // The caller and the intake took the signed-in clerk's hall, window and store from the provider.
    await page.locator('yc-queue-caller [data-action="next"]:not([disabled])').waitFor();
    await page.keyboard.press('Alt+KeyN');
    await page.waitForFunction((number) => document.getElementById('legacy-ticket').value === number, ticket.number);
    assert.equal(await page.evaluate(() => document.getElementById('intake').ticketId), ticket.id);

    // The legacy CSS does not reach inside: the caller's buttons keep their own type and case.
    const look = await page.evaluate(() => {
      const button = document.querySelector('yc-queue-caller').shadowRoot.querySelector('[data-action="next"]');
      const style = getComputedStyle(button);
      return { fontSize: style.fontSize, transform: style.textTransform, width: button.getBoundingClientRect().width };
    });
    assert.notEqual(look.fontSize, '12px');
    assert.equal(look.transform, 'none');
    assert.notEqual(Math.round(look.width), 120);

    const before = (await casesOnHall(hall.url)).total;
    const taken = await takeInCase(page);
    assert.equal(await page.locator('#legacy-case').inputValue(), taken.number);
    assert.match(taken.number, /^TJHP01-\d{8}-03-\d{4}$/);
    await login.locator('yc-sync-status [part="pending"]', { hasText: '待同步 0 件' }).waitFor();
    assert.equal((await casesOnHall(hall.url)).total, before + 1);

    // Two copies of the intake's bundle on one page: one definition, no error.
    assert.equal(await page.evaluate(() => customElements.get('yc-intake') !== undefined), true);
    await assertAccessible(page, 'the embedded elements', 'yc-provider');
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('a qiankun host mounting the intake as a micro-app', () => {
  it('mounts it, and 100 unmounts and mounts later the heap is flat and the intake still works', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const errors = [];
    context.on('weberror', (error) => errors.push(String(error.error())));
    const { page, deltaKb, beforeKb } = await mountUnmountHeap({
      context,
      hallUrl: hall.url,
      login: { user: 'helper01', password: 'yichuang-demo', window: '05' },
      times: 100,
    });
    console.log(`qiankun: 100 unmounts and mounts, heap ${beforeKb} KB → ${beforeKb + deltaKb} KB (${deltaKb} KB)`);
    // A leaked intake (its shadow tree, its controllers, its store connection) would cost far more than this per round.
    assert.ok(deltaKb <= 2048, `heap grew by ${deltaKb} KB over 100 rounds`);
    // Mounted again: the tab kept the hall's session, the password opens the intake again.
    assert.equal(await page.evaluate(() => window.ycHost.mounted()), true);
    const login = page.locator('#micro-container yc-clerk-login');
    await login.locator('[part="form"]', { hasText: '屏幕已锁定' }).waitFor();
    await login.locator('input[name="password"]').fill('yichuang-demo');
    await login.locator('button[type="submit"]').click();
    await login.locator('[part="signed-in"]').waitFor();
    await page.locator('#micro-container yc-intake yc-item-picker input').waitFor();
    assert.equal(await page.locator('#micro-container yc-intake').count(), 1);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
