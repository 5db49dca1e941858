// The qiankun host page mounts and unmounts Yichuang's intake micro-app: the JavaScript heap after forced garbage
// collection, before and after `times` unmount/mount cycles (the first cycle is warm-up).
/* global window */

/** Signs the embedded intake's clerk in, inside the qiankun host page. */
export async function signInEmbedded(page, { user, password, window: desk }) {
  await page.locator('#micro-container yc-clerk-login input[name="user"]').fill(user);
  await page.locator('#micro-container yc-clerk-login input[name="password"]').fill(password);
  await page.locator('#micro-container yc-clerk-login input[name="window"]').fill(desk);
  await page.locator('#micro-container yc-clerk-login button[type="submit"]').click();
  await page.locator('#micro-container yc-clerk-login [part="signed-in"]').waitFor();
  await page.locator('#micro-container yc-intake yc-item-picker input').waitFor();
}

/** The heap in use after forced garbage collection, in bytes. */
async function heapAfterGc(cdp) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/**
 * Opens the qiankun host page at `hallUrl`, signs a clerk in, then unmounts and mounts the intake `times` times.
 * Resolves the heap's growth in KB, and the page (still open, for the caller to check it works and close it).
 */
export async function mountUnmountHeap({ context, hallUrl, login, times = 100 }) {
  const page = await context.newPage();
  await page.goto(`${hallUrl}/embed-demo/qiankun.html`);
  await signInEmbedded(page, login);
  const cdp = await context.newCDPSession(page);
  await page.evaluate(() => window.ycHost.cycle(1));
  const before = await heapAfterGc(cdp);
  const started = performance.now();
  await page.evaluate((n) => window.ycHost.cycle(n), times);
  const ms = performance.now() - started;
  const after = await heapAfterGc(cdp);
  await cdp.detach();
  return { page, deltaKb: Math.round((after - before) / 1024), beforeKb: Math.round(before / 1024), ms };
}
