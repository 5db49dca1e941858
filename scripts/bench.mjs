// `pnpm bench`: measures in Chromium (and the hall's side in Node) what the issues name, beside a baseline measured in
// the same run, and writes bench-results.json (figure name → number). Reports only: machine noise never fails it.
import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { ensureChromium } from './ensure-chromium.mjs';
import { chromiumArgs } from './chromium.mjs';
import { must } from './run.mjs';
import { desksWithStore, standaloneSizes } from './sizes.mjs';
import { measureFanout, postJson, startRawSseServer } from '../test/bench/events-fanout.mjs';
import { hallApply } from '../test/bench/hall-apply.bench.mjs';
import { measureCallToDisplay } from '../test/bench/call-to-display.mjs';
import { HALL_MAIN, startHall } from '../test/bench/hall-process.mjs';
import { measureQueueBurst } from '../test/bench/queue-burst.mjs';
import { measureWorkstation } from '../test/bench/workstation.mjs';
import { mountUnmountHeap } from '../test/bench/embed-heap.mjs';
import { measureRemoteForward } from '../test/bench/remote-forward.mjs';

const executablePath = ensureChromium();
const synthetic = 'packages/demo-catalog/generated/synthetic-5000.json';
const hallMain = HALL_MAIN;
if (!existsSync(synthetic) || !existsSync('packages/ui/dist/ui.standalone.js') || !existsSync(hallMain))
  await must('node', ['scripts/build.mjs']);

/** The newest modification time of the files under `dir` (0 when there are none). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true }).reduce((latest, name) => {
    const stat = statSync(join(dir, String(name)));
    return stat.isFile() ? Math.max(latest, stat.mtimeMs) : latest;
  }, 0);
}
// The hall server measured (as a process, and its engine, storage and secrets in Node) is built from the sources as
// they are.
const hallSources = ['apps/hall-server/src', 'packages/hall/src', 'packages/hall-client/src', 'packages/core/src'];
if (Math.max(...hallSources.map(newest)) > statSync(hallMain).mtimeMs) {
  await must('node', ['apps/hall-server/scripts/build.mjs']);
}
/** Hall displays receiving each event in the fan-out benchmark, each its own session. */
const FANOUT_SUBSCRIBERS = 20;
/** `PRAGMA synchronous` of both sides of `hall.apply`: the hall server's default (FULL: every commit synced). */
const HALL_APPLY_SYNCHRONOUS = 'FULL';

const bundle = await build({
  entryPoints: {
    bench: 'test/bench/search.bench.ts',
    store: 'test/bench/store.bench.ts',
    intake: 'test/bench/intake.bench.ts',
    'intake-flow': 'test/bench/intake-flow.bench.ts',
  },
  bundle: true,
  format: 'esm',
  write: false,
  outdir: 'bench-out',
  minify: true,
  target: 'es2022',
  conditions: ['yc-source'],
  logLevel: 'warning',
});
const script = (name) => bundle.outputFiles.find((file) => file.path.endsWith(`/${name}.js`)).text;
const files = {
  '/': ['<!doctype html><meta charset="utf-8"><title>bench</title>', 'text/html; charset=utf-8'],
  '/bench.js': [script('bench'), 'text/javascript; charset=utf-8'],
  '/store.js': [script('store'), 'text/javascript; charset=utf-8'],
  '/intake.js': [script('intake'), 'text/javascript; charset=utf-8'],
  '/intake-flow.js': [script('intake-flow'), 'text/javascript; charset=utf-8'],
  '/synthetic-5000.json': [readFileSync(synthetic), 'application/json'],
  '/catalog.json': [readFileSync('packages/demo-catalog/generated/catalog.json'), 'application/json'],
};

/**
 * Counts, on the hall's own SQLite database, what arrived of the cases `ids`. The storage adapter's layout: one table
 * per engine table, the key in `k`, the row as JSON in `doc` (apps/hall-server/src/storage/sqlite-storage.ts).
 */
function countOnHall(dataDir, ids) {
  const Database = createRequire(join(process.cwd(), 'apps/hall-server/package.json'))('better-sqlite3');
  const db = new Database(join(dataDir, 'hall.sqlite'), { readonly: true });
  try {
    const has = db.prepare('SELECT 1 FROM cases WHERE k = ?');
    const found = ids.filter((id) => has.get(id)).length;
    const one = (sql) => db.prepare(sql).get().n;
    const cases = one('SELECT COUNT(*) AS n FROM cases');
    const mutations = one("SELECT COUNT(*) AS n FROM mutations WHERE json_extract(doc, '$.kind') = 'case.save'");
    const events = one("SELECT COUNT(*) AS n FROM events WHERE json_extract(doc, '$.type') = 'case.saved'");
    // A case stored twice, or applied twice (two events, two mutation rows), counts as duplicated.
    const duplicated = Math.max(0, cases - found) + Math.max(0, events - found) + Math.max(0, mutations - found);
    return { lost: ids.length - found, duplicated };
  } finally {
    db.close();
  }
}
// Cross-origin isolation gives performance.now() its finest resolution.
const server = createServer((request, response) => {
  const file = files[new URL(request.url, 'http://x').pathname];
  if (!file) return response.writeHead(404).end();
  response.writeHead(200, {
    'content-type': file[1],
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
  });
  response.end(file[0]);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath, headless: true, args: chromiumArgs });
const results = {};
const hall = await startHall();
try {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  Object.assign(
    results,
    await page.evaluate(async () => {
      const module = await import('/bench.js');
      return module.run();
    }),
  );
  Object.assign(results, await page.evaluate(() => import('/store.js').then((module) => module.storeSave())));
  Object.assign(results, await page.evaluate(() => import('/intake.js').then((module) => module.bundleMerge())));
  // A page of its own at the hall PC's size, so the intake lays out as a clerk sees it.
  const flowPage = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await flowPage.goto(`${origin}/`);
  Object.assign(
    results,
    await flowPage.evaluate(() => import('/intake-flow.js').then((module) => module.intakeFlow())),
  );
  await flowPage.close();
  const sync = await page.evaluate((url) => import('/store.js').then((module) => module.sync1000(url)), hall.url);
  if (sync.outcome !== 'done') console.warn(`sync.1000: the engine stopped with ${sync.outcome}`);
  const arrived = countOnHall(hall.dataDir, sync.ids);
  results['sync.1000.ms'] = sync.ms;
  results['sync.1000.lost'] = arrived.lost;
  results['sync.1000.duplicated'] = arrived.duplicated;

  // Event fan-out: a kiosk issues a ticket, 20 hall displays receive ticket.issued over SSE. The hall bounds the
  // streams of one session (STREAMS_PER_SESSION, 4): the 20 subscribers are 20 sessions, 20 logins of the display.
  const subscribers = FANOUT_SUBSCRIBERS;
  const login = (body) => postJson(`${hall.url}/api/v1/session`, body);
  const kiosk = await login({ deviceToken: 'demo-kiosk-token-0001' });
  const displays = [];
  for (let i = 0; i < subscribers; i++) displays.push(await login({ deviceToken: 'demo-display-token-0001' }));
  const fanout = await measureFanout({
    eventsUrl: `${hall.url}/api/v1/events`,
    headers: (i) => ({ authorization: `Bearer ${displays[i].token}` }),
    subscribers,
    type: 'ticket.issued',
    rounds: 500,
    trigger: () =>
      postJson(`${hall.url}/api/v1/queue/tickets`, { category: 'A' }, { authorization: `Bearer ${kiosk.token}` }),
  });
  const raw = await startRawSseServer();
  const baseline = await measureFanout({
    eventsUrl: `${raw.url}/events`,
    type: 'echo',
    subscribers,
    rounds: 500,
    // The echo server sends the same bytes the hall sent (one of its ticket events).
    trigger: () => postJson(`${raw.url}/emit`, JSON.parse(fanout.sample)),
  });
  await raw.close();
  results['events.fanout.p50_ms'] = fanout.p50;
  results['events.fanout.p95_ms'] = fanout.p95;
  results['events.fanout.delivered'] = fanout.delivered;
  results['events.fanout.expected'] = fanout.expected;
  results['events.raw_sse.p50_ms'] = baseline.p50;
  results['events.raw_sse.p95_ms'] = baseline.p95;
  // The same deliveries timed from the trigger request: includes the hall's handling of it (auth, validation,
  // the ticket and its event committed to SQLite with fsync), which the echo server does not do.
  results['events.request_to_subscribers.p95_ms'] = fanout.requestP95;
  results['events.raw_sse.request_to_subscribers.p95_ms'] = baseline.requestP95;

  // A clerk's Alt+N in the caller to the call on the hall display, two browser contexts, via the hall server.
  Object.assign(results, await measureCallToDisplay({ browser, hallUrl: hall.url, postJson }));

  // The workstation: the window route's first load, and a start from the service worker with the network off.
  Object.assign(results, await measureWorkstation({ browser, hallUrl: hall.url }));

  // The qiankun host page: the intake micro-app unmounted and mounted 100 times, the heap after forced GC.
  const embedContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const embed = await mountUnmountHeap({
    context: embedContext,
    hallUrl: hall.url,
    login: { user: 'helper01', password: 'yichuang-demo', window: '05' },
    times: 100,
  });
  await embedContext.close();
  results['embed.mount_unmount_100.heap_delta_kb'] = embed.deltaKb;
  results['embed.mount_unmount_100.heap_before_kb'] = embed.beforeKb;
  results['embed.mount_unmount_100.ms'] = Math.round(embed.ms);
} finally {
  await browser.close();
  server.close();
  await hall.stop();
}

// A busy morning on the bench hall: 100 windows, 10 displays, 5 kiosks, 50 calls a second for 10 seconds, vs the
// same pattern on a bare SSE echo server.
const benchHall = await startHall({ seed: 'bench' });
try {
  Object.assign(results, await measureQueueBurst({ hallUrl: benchHall.url }));
} finally {
  await benchHall.stop();
}

// A 10-material cross-province package from hall A to hall B, two hall server processes on loopback.
Object.assign(
  results,
  await measureRemoteForward({
    catalog: JSON.parse(readFileSync('packages/demo-catalog/generated/catalog.json', 'utf8')),
  }),
);

// One case.save through the hall engine on SQLite, in Node, beside raw inserts of the same sealed rows.
Object.assign(results, await hallApply({ rounds: 1000, warmUp: 100, synchronous: HALL_APPLY_SYNCHRONOUS }));

const sizes = [...standaloneSizes(), ...(await desksWithStore())];
for (const { package: name, bytes } of sizes) results[`size.${name}.gzip_bytes`] = bytes;

writeFileSync('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
const ratio = (a, b) => (results[b] ? `${(results[a] / results[b]).toFixed(2)}×` : 'n/a');
/** `name` ms beside `baseline` ms, with the ratio. */
const versus = (name, baseline) => `${results[name]} ms vs ${results[baseline]} ms (${ratio(name, baseline)})`;
console.log(
  [
    '',
    `store.save p95 ${versus('store.save.p95_ms', 'store.save.baseline_sealed_p95_ms')}: sealed and put with raw WebCrypto and IndexedDB; goal ≤ 10 ms and ≤ 2×`,
    `  p50 ${versus('store.save.p50_ms', 'store.save.baseline_sealed_p50_ms')}`,
    `  vs the rows sealed beforehand, put raw: p95 ${versus('store.save.p95_ms', 'store.save.baseline_p95_ms')}, p50 ${versus('store.save.p50_ms', 'store.save.baseline_p50_ms')}`,
    `  vs the rows through a bare Dexie transaction: p95 ${versus('store.save.p95_ms', 'store.save.dexie_only_p95_ms')}`,
    `sync.1000 ${results['sync.1000.ms']} ms, lost ${results['sync.1000.lost']}, duplicated ${results['sync.1000.duplicated']}; goal ≤ 3000 ms, 0, 0`,
    `events.fanout p95 ${versus('events.fanout.p95_ms', 'events.raw_sse.p95_ms')} from the event to ${FANOUT_SUBSCRIBERS} subscribers (one session each) vs raw SSE; goal ≤ 50 ms and ≤ 2×`,
    `  p50 ${versus('events.fanout.p50_ms', 'events.raw_sse.p50_ms')}; delivered ${results['events.fanout.delivered']} of ${results['events.fanout.expected']}`,
    `  from the trigger request: p95 ${versus('events.request_to_subscribers.p95_ms', 'events.raw_sse.request_to_subscribers.p95_ms')}`,
    `queue.call_to_display p95 ${versus('queue.call_to_display.p95_ms', 'queue.raw_sse.p95_ms')}: Alt+N in the caller to the display's render, another browser context, via the hall server vs a bare SSE echo; goal ≤ 50 ms and ≤ 2×`,
    `  p50 ${versus('queue.call_to_display.p50_ms', 'queue.raw_sse.p50_ms')}`,
    `queue.burst p99 ${versus('queue.burst.p99_ms', 'queue.burst.raw_sse.p99_ms')}, dropped ${results['queue.burst.dropped']} of ${results['queue.burst.expected']} (raw SSE ${results['queue.burst.raw_sse.dropped']}): 500 calls at 50/s over 100 windows to 10 displays, request to arrival, vs a bare SSE echo; goal 0 dropped, p99 ≤ 100 ms`,
    `  p95 ${versus('queue.burst.p95_ms', 'queue.burst.raw_sse.p95_ms')}, p50 ${versus('queue.burst.p50_ms', 'queue.burst.raw_sse.p50_ms')}`,
    `  the hall's part: request to commit p50 ${results['queue.burst.request_to_commit_p50_ms']} ms, p99 ${results['queue.burst.request_to_commit_p99_ms']} ms; commit to display p50 ${results['queue.burst.commit_to_display_p50_ms']} ms, p99 ${results['queue.burst.commit_to_display_p99_ms']} ms; answer p99 ${results['queue.burst.answer_p99_ms']} ms`,
    `workstation.first_load ${results['workstation.first_load.gzip_bytes']} B gzip in ${results['workstation.first_load.scripts']} scripts (the window route: root config, session, desk, caller and intake, until the intake is on screen) vs ${results['workstation.first_load.baseline_intake_standalone_gzip_bytes']} B for <yc-intake>'s standalone bundle alone (${ratio('workstation.first_load.gzip_bytes', 'workstation.first_load.baseline_intake_standalone_gzip_bytes')}); goal ≤ 122,880 B`,
    `workstation.offline_start ${versus('workstation.offline_start.ms', 'workstation.online_start.ms')} (median; p95 ${results['workstation.offline_start.p95_ms']} ms): reload with the network off, from the service worker, to the sign-in ready, vs the same reload from the hall server on loopback; goal ≤ 1000 ms`,
    `embed.mount_unmount_100 heap ${results['embed.mount_unmount_100.heap_delta_kb']} KB after forced GC, on a heap of ${results['embed.mount_unmount_100.heap_before_kb']} KB at the start (${ratio('embed.mount_unmount_100.heap_delta_kb', 'embed.mount_unmount_100.heap_before_kb')}): the qiankun host unmounting and mounting the signed-in intake micro-app 100 times (${results['embed.mount_unmount_100.ms']} ms); goal ≤ 1024 KB`,
    `intake.bundle_merge p95 ${versus('intake.bundle_merge.p95_ms', 'intake.bundle_merge.baseline_p95_ms')}: the largest demo bundle (${results['intake.bundle_merge.items']} items, ${results['intake.bundle_merge.materials']} materials once each) vs the obvious merge by id without the merged facts; goal ≤ 1 ms`,
    `intake.flow ${versus('intake.flow.ms', 'intake.flow.baseline_ms')} (median; p95 ${results['intake.flow.p95_ms']} ms): a ${results['intake.flow.materials']}-material bundle through <yc-intake> from the pick to its documents' print view, vs the same work on a bare form with raw IndexedDB; goal ≤ 3000 ms`,
    `remote.forward ${versus('remote.forward.ms', 'remote.forward.baseline_raw_post_ms')} (median; p95 ${results['remote.forward.p95_ms']} ms; the sync POST ${results['remote.forward.sync_ms']} ms): a ${results['remote.forward.materials']}-material package (${results['remote.forward.package_bytes']} B with its scans) from A's clerk to B's receipt heard at A, two hall servers on loopback, vs the same bytes POSTed to a bare server that hashes the scans; goal ≤ 2000 ms`,
    `hall.apply p95 ${versus('hall.apply.p95_ms', 'hall.apply.baseline_p95_ms')}: one case.save through the engine on SQLite vs raw inserts of the same sealed rows (synchronous ${HALL_APPLY_SYNCHRONOUS}); goal ≤ 3×`,
    `  p50 ${versus('hall.apply.p50_ms', 'hall.apply.baseline_p50_ms')}`,
    `catalog search p95 ${versus('catalog.search.p95_ms', 'catalog.search.baseline_p95_ms')} vs pinyin-match; goal ≤ 2 ms and below the baseline`,
    `  p50 ${versus('catalog.search.p50_ms', 'catalog.search.baseline_p50_ms')}`,
    `catalog search top-5 ratio ${results['catalog.search.top5_ratio']} vs ${results['catalog.search.baseline_top5_ratio']} for pinyin-match over names (${ratio('catalog.search.top5_ratio', 'catalog.search.baseline_top5_ratio')}), ${results['catalog.search.everyday_queries']} everyday queries on the demo catalog; goal ≥ 0.9`,
    ...sizes.map(
      ({ package: name, bytes, budget }) =>
        `size ${name} ${bytes} B gzip${budget ? ` vs budget ${budget} B (${((bytes / budget) * 100).toFixed(0)}%); goal ≤ budget` : ''}`,
    ),
  ].join('\n'),
);
