// End to end, as district IT and a clerk meet it: the hall server the README starts, a real Chromium, the legacy
// page, the keyboard, and the legacy form filled from the component's DOM event. Also the built Storybook.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { serveStatic } from './static-server.mjs';
import { startDemoHall } from './support.mjs';

// The README's start command serves the embed demo from the hall server: test it there (the build made dist).

let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
});
after(async () => browser?.close());

async function openPage(url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('response', (response) => response.status() >= 400 && errors.push(`${response.status()} ${response.url()}`));
  await page.goto(url);
  return { page, errors };
}

describe('embed demo (served by the hall server)', () => {
  const demo = {};
  before(async () => {
    demo.hall = await startDemoHall('e2e');
    demo.url = `${demo.hall.url}/embed-demo/`;
  });
  after(() => demo.hall?.close());

  it('a clerk finds 医疗保险 by its initials and the legacy form gets the pick', async () => {
    const { page, errors } = await openPage(demo.url);
    const input = page.locator('yc-item-picker input');
    await input.click();
    await page.keyboard.type('ylbx');
    await page.locator('yc-item-picker [role="option"]').first().waitFor();
    const first = await page.locator('yc-item-picker [role="option"]').first().locator('mark').textContent();
    assert.equal(first, '医疗保险');
    await page.keyboard.press('Enter');
    const picked = await page.locator('#legacy-item').inputValue();
    assert.match(picked, /医疗保险/);
    assert.notEqual(await page.locator('#legacy-limit').inputValue(), '');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('serves 404 for anything else and never lists the repository', async () => {
    const response = await fetch(new URL('/package.json', demo.url));
    assert.equal(response.status, 404);
  });
});

describe('built Storybook', () => {
  let site;
  before(async () => (site = await serveStatic('storybook-static')));
  after(() => site.server.close());

  it('renders a story of the picker with its results and no errors', async () => {
    const { page, errors } = await openPage(`${site.url}iframe.html?id=intake-item-picker--by-initials&viewMode=story`);
    await page.locator('yc-item-picker [role="option"]').first().waitFor();
    assert.ok((await page.locator('yc-item-picker [role="option"]').count()) > 1);
    assert.deepEqual(
      errors.filter((error) => !/favicon/.test(error)),
      [],
    );
    await page.close();
  });
});
