// The workstation as a hall PC meets it: what the window route loads before the clerk can work (gzip bytes of its
// JavaScript, beside the intake's standalone bundle alone), and a start from the service worker with the network off
// (reload to the interactive sign-in, beside the same reload from the hall server over loopback).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { percentileMs } from './percentile.mjs';
import { untilServiceWorker } from '../e2e/support.mjs';

const ASSETS = 'apps/workstation/dist/assets';

async function signIn(page, hallUrl, user, window) {
  await page.goto(`${hallUrl}/`);
  await page.fill('yc-clerk-login input[name="user"]', user);
  await page.fill('yc-clerk-login input[name="password"]', 'yichuang-demo');
  await page.fill('yc-clerk-login input[name="window"]', window);
  await page.click('yc-clerk-login button[type="submit"]');
  await page.locator('yc-window-desk yc-intake yc-item-picker input').waitFor();
}

/** Resolves the figures `workstation.*`. */
export async function measureWorkstation({ browser, hallUrl, rounds = 15 }) {
  // First load of the window route: every script the page fetched until the intake is on screen.
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const scripts = new Set();
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith('/assets/') && path.endsWith('.js')) scripts.add(path.slice('/assets/'.length));
  });
  await signIn(page, hallUrl, 'clerk01', '01');
  const gzip = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
  const firstLoad = [...scripts].reduce((sum, file) => sum + gzip(`${ASSETS}/${file}`), 0);
  await context.close();

  // Offline start: reload with the network off, to the sign-in's password field ready for typing.
  const offline = await browser.newContext({ serviceWorkers: 'allow', viewport: { width: 1366, height: 768 } });
  const clerk = await offline.newPage();
  await signIn(clerk, hallUrl, 'clerk02', '02');
  await untilServiceWorker(clerk);
  const start = async () => {
    const began = performance.now();
    await clerk.reload();
    await clerk.locator('yc-clerk-login input[name="password"]').waitFor();
    return performance.now() - began;
  };
  const online = [];
  for (let i = 0; i < rounds; i++) online.push(await start());
  await offline.setOffline(true);
  const fromWorker = [];
  for (let i = 0; i < rounds; i++) fromWorker.push(await start());
  await offline.close();
  return {
    'workstation.first_load.gzip_bytes': firstLoad,
    'workstation.first_load.scripts': scripts.size,
    'workstation.first_load.baseline_intake_standalone_gzip_bytes': gzip('packages/intake/dist/intake.standalone.js'),
    'workstation.offline_start.ms': percentileMs(fromWorker.slice(2), 50),
    'workstation.offline_start.p95_ms': percentileMs(fromWorker.slice(2), 95),
    'workstation.online_start.ms': percentileMs(online.slice(2), 50),
  };
}
