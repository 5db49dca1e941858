// A hall's day, end to end, on the hall server the README starts: a kiosk issues a ticket, the clerk calls it from the
// keyboard, the call screen in another browser context shows it, the clerk finishes, the window's rating pad invites
// a rating, and the manager's board, open all along, counts it. Each device is its own browser context (its own storage, its own session), as
// on the hall's own PCs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const { createHallServer } = await import('../../apps/hall-server/dist/index.js');

const TOKENS = { kiosk: 'demo-kiosk-token-0001', display: 'demo-display-token-0001', pad: 'demo-pad-token-01' };

let browser;
const hall = {};
before(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  hall.dataDir = await mkdtemp(join(tmpdir(), 'yichuang-queue-e2e-'));
  hall.server = await createHallServer({
    dataDir: hall.dataDir,
    port: 0,
    seed: 'demo',
    logLevel: 'silent',
    passwordCost: 10,
  });
  hall.url = hall.server.url.replace(/\/$/, '');
});
after(async () => {
  await browser?.close();
  await hall.server?.close();
  await rm(hall.dataDir, { recursive: true, force: true });
});

/** A page in a browser context of its own, failing the test on any page error. */
async function device(path) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${hall.url}${path}`);
  return { page, errors };
}

describe('the queue cycle on the hall server, one browser context per device', () => {
  it('kiosk → caller → display → rating pad → board', async () => {
    // The manager's board, open from the start: everything below reaches it live.
    const board = await device('/hall/board');
    await board.page.fill('input[name="user"]', 'manager01');
    await board.page.fill('input[name="password"]', 'yichuang-manager');
    await board.page.click('button[type="submit"]');
    const windowRow = board.page.locator('yc-queue-board [part="windows"] tbody tr', { hasText: '综合受理1号窗口' });
    await windowRow.waitFor();
    const display = await device(`/hall/display?muted#token=${TOKENS.display}`);
    const pad = await device(`/hall/pad#token=${TOKENS.pad}`);
    const kiosk = await device(`/hall/kiosk#token=${TOKENS.kiosk}`);

    // The kiosk: a ticket for 综合业务.
    await kiosk.page.locator('yc-ticket-kiosk [part="service"]', { hasText: '综合业务' }).click();
    const number = (await kiosk.page.locator('yc-ticket-kiosk [part="ticket"] .number').textContent()).trim();
    assert.match(number, /^A\d{3}$/);

    // The clerk of window 01 logs in and calls from the keyboard.
    const caller = await device('/hall/caller');
    await caller.page.fill('input[name="user"]', 'clerk01');
    await caller.page.fill('input[name="password"]', 'yichuang-demo');
    await caller.page.fill('input[name="window"]', '01');
    await caller.page.click('button[type="submit"]');
    await caller.page.locator('yc-queue-caller [data-action="next"]:not([disabled])').waitFor();
    await caller.page.keyboard.press('Alt+KeyN');
    await caller.page.locator('yc-queue-caller [part="current"]', { hasText: number }).waitFor();
    await windowRow.filter({ hasText: `办理中：${number}` }).waitFor();

    // The call screen, in another context, shows the call.
    await display.page
      .locator('yc-hall-display [part="latest"]', { hasText: `请 ${number} 号到 1 号窗口办理` })
      .waitFor();

    // Finished: the window's pad invites a rating for that number.
    await caller.page.keyboard.press('Alt+KeyF');
    await pad.page.locator('yc-rating-pad [part="ticket"]', { hasText: number }).waitFor();
    await pad.page.locator('yc-rating-pad [part="grades"] label', { hasText: '非常满意' }).click();
    await pad.page.locator('yc-rating-pad [part="submit"]').click();
    await pad.page.locator('yc-rating-pad [part="ticket"]').waitFor({ state: 'detached' });

    // The board counts it: one served at window 01, one rating, all satisfied.
    const tiles = board.page.locator('yc-queue-board [part="summary"]');
    await tiles.filter({ hasText: /评价数\s*1/ }).waitFor();
    await tiles.filter({ hasText: /满意率\s*100%/ }).waitFor();
    assert.match((await windowRow.textContent()).replace(/\s+/g, ' '), /综合受理1号窗口 空闲 1 /);

    // And so does the hall's own tally.
    const login = await fetch(`${hall.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'manager01', password: 'yichuang-manager' }),
    }).then((response) => response.json());
    let ratings = 0;
    for (let attempt = 0; attempt < 50 && ratings === 0; attempt++) {
      const statistics = await fetch(`${hall.url}/api/v1/stats`, {
        headers: { authorization: `Bearer ${login.token}` },
      }).then((response) => response.json());
      ratings = statistics.ratings.total;
      if (ratings === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(ratings, 1);
    for (const { errors } of [board, display, pad, kiosk, caller]) assert.deepEqual(errors, []);
  });
});
