// `queue.call_to_display`: a clerk presses Alt+N in the caller (one browser context), the hall server calls the next
// ticket and streams the call, and the hall display (another browser context) renders it. Timed from the keydown in
// the caller's page to the display's DOM change (both read the same machine clock: performance.timeOrigin + now).
// The baseline is the same press-to-render path over a bare SSE echo server: a keydown POSTs, an EventSource in the
// other context writes the text into the page.
/* global window, document, MutationObserver -- these functions run in the pages, through page.evaluate */
import { createServer } from 'node:http';
import { percentileMs } from './percentile.mjs';

/** Installs, in a page, a recorder of the moments `selector`'s text changes (in shadow roots too). */
async function watchText(page, host, part) {
  await page.waitForFunction(
    ([h, p]) => document.querySelector(h)?.shadowRoot?.querySelector(`[part="${p}"]`),
    [host, part],
  );
  await page.evaluate(
    ([h, p]) => {
      window.__seen = [];
      const target = document.querySelector(h).shadowRoot.querySelector(`[part="${p}"]`);
      new MutationObserver(() =>
        window.__seen.push({ text: target.textContent, at: performance.timeOrigin + performance.now() }),
      ).observe(target, { subtree: true, childList: true, characterData: true });
    },
    [host, part],
  );
}

/** Records, in a page, the moment of every keydown (capture phase: before any handler). */
async function watchPresses(page) {
  await page.evaluate(() => {
    window.__pressed = [];
    document.addEventListener('keydown', () => window.__pressed.push(performance.timeOrigin + performance.now()), {
      capture: true,
    });
  });
}

/**
 * Measures press → render through the workstation the hall server serves (the window desk, `/display`), then through a bare
 * SSE echo server, in the same browser. Resolves the figures.
 */
export async function measureCallToDisplay({ browser, hallUrl, postJson, rounds = 60 }) {
  const kiosk = await postJson(`${hallUrl}/api/v1/session`, { deviceToken: 'demo-kiosk-token-0001' });
  for (let i = 0; i < rounds + 5; i++) {
    await postJson(`${hallUrl}/api/v1/queue/tickets`, { category: 'B' }, { authorization: `Bearer ${kiosk.token}` });
  }
  const displayContext = await browser.newContext();
  const callerContext = await browser.newContext();
  const display = await displayContext.newPage();
  const caller = await callerContext.newPage();
  try {
    await display.goto(`${hallUrl}/display?muted#token=demo-display-token-0001`);
    await watchText(display, 'yc-hall-display', 'latest');
    // Window 03 calls B before A: every press calls one of the tickets above.
    await caller.goto(`${hallUrl}/`);
    await caller.fill('yc-clerk-login input[name="user"]', 'clerk03');
    await caller.fill('yc-clerk-login input[name="password"]', 'yichuang-demo');
    await caller.fill('yc-clerk-login input[name="window"]', '03');
    await caller.click('yc-clerk-login button[type="submit"]');
    await caller.locator('yc-queue-caller [data-action="next"]:not([disabled])').waitFor();
    await watchPresses(caller);
    const latencies = [];
    for (let i = 0; i < rounds; i++) {
      const before = await display.evaluate(() => window.__seen.length);
      await caller.locator('yc-queue-caller [data-action="next"]:not([disabled])').waitFor();
      await caller.keyboard.press('Alt+KeyN');
      await display.waitForFunction((count) => window.__seen.length > count, before, { timeout: 10_000 });
      const seenAt = await display.evaluate((count) => window.__seen[count].at, before);
      const pressedAt = await caller.evaluate(() => window.__pressed.at(-1));
      latencies.push(seenAt - pressedAt);
    }
    const raw = await rawPressToRender(browser, rounds);
    return {
      'queue.call_to_display.p50_ms': percentileMs(latencies.slice(5), 50),
      'queue.call_to_display.p95_ms': percentileMs(latencies.slice(5), 95),
      'queue.raw_sse.p50_ms': percentileMs(raw.slice(5), 50),
      'queue.raw_sse.p95_ms': percentileMs(raw.slice(5), 95),
    };
  } finally {
    await displayContext.close();
    await callerContext.close();
  }
}

/** The same path with nothing but SSE: a page POSTs on keydown, another renders what its EventSource hears. */
async function rawPressToRender(browser, rounds) {
  const streams = new Set();
  const page = (body) => `<!doctype html><meta charset="utf-8"><body>${body}</body>`;
  const server = createServer((req, res) => {
    if (req.url === '/display') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(
        page(`<div id="latest"></div><script>
          new EventSource('/events').onmessage = (event) => { document.getElementById('latest').textContent = event.data; };
        </script>`),
      );
    }
    if (req.url === '/caller') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(
        page(`<script>
          let n = 0;
          document.addEventListener('keydown', () => fetch('/emit', { method: 'POST', body: 'A' + String(++n).padStart(3, '0') }));
        </script>`),
      );
    }
    if (req.url === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (req.method === 'POST' && req.url === '/emit') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        for (const stream of streams) stream.write(`data: ${body}\n\n`);
        res.writeHead(204).end();
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${server.address().port}`;
  const displayContext = await browser.newContext();
  const callerContext = await browser.newContext();
  try {
    const display = await displayContext.newPage();
    const caller = await callerContext.newPage();
    await display.goto(`${url}/display`);
    await display.evaluate(() => {
      window.__seen = [];
      const target = document.getElementById('latest');
      new MutationObserver(() =>
        window.__seen.push({ text: target.textContent, at: performance.timeOrigin + performance.now() }),
      ).observe(target, { subtree: true, childList: true, characterData: true });
    });
    await caller.goto(`${url}/caller`);
    await watchPresses(caller);
    await new Promise((done) => setTimeout(done, 200));
    const latencies = [];
    for (let i = 0; i < rounds; i++) {
      const before = await display.evaluate(() => window.__seen.length);
      await caller.keyboard.press('Alt+KeyN');
      await display.waitForFunction((count) => window.__seen.length > count, before, { timeout: 10_000 });
      const seenAt = await display.evaluate((count) => window.__seen[count].at, before);
      const pressedAt = await caller.evaluate(() => window.__pressed.at(-1));
      latencies.push(seenAt - pressedAt);
    }
    return latencies;
  } finally {
    await displayContext.close();
    await callerContext.close();
    for (const stream of streams) stream.destroy();
    await new Promise((done) => server.close(done));
  }
}
