// Visual regression: every story of the built Storybook, screenshotted in Chromium at 1366×768 (the common hall
// PC), compared with the reference committed under test/visual/references. Antialiasing is tolerated: a pixel
// counts as different past pixelmatch's colour threshold, and a story passes while at most 0.2% of its pixels do.
//
//   node --test test/visual/stories.visual.mjs                     compare (part of the test command)
//   UPDATE_VISUAL=1 node --test test/visual/stories.visual.mjs     write the references anew (`pnpm visual:update`)
//
// On a difference, the screenshot and a picture of the differing pixels are written to test/visual/output.
/* global document, requestAnimationFrame -- read inside the page (page.evaluate) */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { serveStatic } from '../e2e/static-server.mjs';

const STORYBOOK = 'storybook-static';
const REFERENCES = 'test/visual/references';
const OUTPUT = 'test/visual/output';
const VIEWPORT = { width: 1366, height: 768 };
/** pixelmatch's per-pixel colour distance threshold (0–1). */
const THRESHOLD = 0.1;
/** Share of a story's pixels allowed to differ. */
const MAX_DIFFERING = 0.002;
/** The static server's port: fixed, because some stories show their page's address (an unreachable catalog). */
const PORT = 6117;
const update = process.env.UPDATE_VISUAL === '1';

const index = JSON.parse(readFileSync(join(STORYBOOK, 'index.json'), 'utf8'));
const stories = Object.values(index.entries).filter((entry) => entry.type === 'story');

let browser;
let site;
before(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  site = await serveStatic(STORYBOOK, PORT);
  rmSync(OUTPUT, { recursive: true, force: true });
  mkdirSync(REFERENCES, { recursive: true });
});
after(async () => {
  await browser?.close();
  site?.server.close();
});

/** Renders a story and waits until its elements have settled: catalogs loaded or failed, fonts ready. */
async function screenshot(id) {
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    await page.goto(`${site.url}iframe.html?id=${id}&viewMode=story`);
    await page.waitForFunction(() => document.querySelector('#storybook-root')?.children.length > 0);
    await page.evaluate(async () => {
      const elements = [...document.querySelectorAll('#storybook-root *')];
      const settled = (element) =>
        Promise.race([
          Promise.resolve(element.catalogReady).then(() => element.updateComplete),
          new Promise((done) => setTimeout(done, 1500)),
        ]);
      await Promise.all(elements.map((element) => element.updateComplete));
      await Promise.all(elements.map(settled));
      await Promise.all(elements.map((element) => element.updateComplete));
      // A story that puts its element in a state (a paused window, a lost hall) marks it until the state is in.
      for (let waited = 0; document.querySelector('[data-scene="pending"]') && waited < 5000; waited += 50) {
        await new Promise((done) => setTimeout(done, 50));
      }
      await Promise.all(elements.map((element) => element.updateComplete));
      await document.fonts.ready;
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    });
    return PNG.sync.read(await page.screenshot({ animations: 'disabled', caret: 'hide' }));
  } finally {
    await page.close();
  }
}

describe(`stories at ${VIEWPORT.width}×${VIEWPORT.height} against the committed references`, () => {
  it('has a story to look at', () => assert.ok(stories.length > 0, 'no story in the built Storybook'));

  for (const { id, title, name } of stories) {
    it(`${title} / ${name}`, async () => {
      const actual = await screenshot(id);
      const reference = join(REFERENCES, `${id}.png`);
      if (update) {
        writeFileSync(reference, PNG.sync.write(actual));
        return;
      }
      assert.ok(existsSync(reference), `no reference for ${id}: run \`pnpm visual:update\` and commit ${reference}`);
      const expected = PNG.sync.read(readFileSync(reference));
      const size = `${expected.width}×${expected.height}`;
      assert.equal(`${actual.width}×${actual.height}`, size, `${id}: the screenshot's size changed`);
      const diff = new PNG({ width: expected.width, height: expected.height });
      const differing = pixelmatch(expected.data, actual.data, diff.data, expected.width, expected.height, {
        threshold: THRESHOLD,
      });
      const share = differing / (expected.width * expected.height);
      if (share > MAX_DIFFERING) {
        mkdirSync(OUTPUT, { recursive: true });
        writeFileSync(join(OUTPUT, `${id}.actual.png`), PNG.sync.write(actual));
        writeFileSync(join(OUTPUT, `${id}.diff.png`), PNG.sync.write(diff));
      }
      assert.ok(
        share <= MAX_DIFFERING,
        `${id}: ${differing} pixels (${(share * 100).toFixed(2)}%) differ from ${reference}; see ${OUTPUT}/${id}.diff.png. ` +
          'If the change is meant, run `pnpm visual:update` and commit the references.',
      );
    });
  }
});
