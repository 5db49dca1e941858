// `queue.burst`: a busy morning on the bench hall (HALL_SEED=bench). 100 clerks are logged in, each at their own
// window, with their caller's event stream open; 10 hall displays hold event streams; 5 kiosks issue the tickets
// (enough up front, and more during the burst). Then 50 calls a second for 10 seconds (500 `POST /queue/call`, spread
// over the windows). Timed, in this process's monotonic clock, from each call request to the `ticket.called` event of
// its ticket on every display: p50/p95/p99, and how many (call, display) pairs never arrived within a drain window
// after the burst (`dropped`). The hall's own part is timed too: each event carries the monotonic time at which the
// transaction that made it committed (EVENT_TIMING=1, `: t=<ns>`; Linux's monotonic clock is the same in every
// process), which splits request → arrival into request → commit and commit → arrival.
//
// Baseline, in the same run: the same pattern (50 POSTs a second for 10 seconds, each broadcast to 10 SSE clients)
// on a bare SSE echo server in a process of its own, sending the same bytes (one of the hall's ticket.called events).
//
// Run alone: `node test/bench/queue-burst.mjs` (after `node apps/hall-server/scripts/build.mjs`).
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { subscribe } from './events-fanout.mjs';
import { percentileMs } from './percentile.mjs';

/** The bench hall's people and devices (apps/hall-server/README.md, "Bench hall"). */
const pad = (n, width) => String(n).padStart(width, '0');
const CLERK = (i) => ({ user: `clerk${pad(i + 1, 3)}`, password: 'yichuang-bench', window: pad(i + 1, 3) });
const DISPLAY_TOKEN = (i) => `bench-display-token-${pad(i + 1, 2)}`;
const KIOSK_TOKEN = (i) => `bench-kiosk-token-${i + 1}`;
const CATEGORIES = ['A', 'B', 'C', 'D'];

const now = () => process.hrtime.bigint();
const ms = (ns) => Number(ns) / 1e6;
const sleep = (delay) => new Promise((done) => setTimeout(done, delay));

/** POSTs `body` as JSON; resolves `{ status, body }` (the body parsed, when there is one). */
function post(url, body, headers = {}) {
  return new Promise((done, failed) => {
    const payload = JSON.stringify(body);
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => done({ status: res.statusCode, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', failed);
    req.end(payload);
  });
}

/** POSTs and resolves the parsed answer; rejects on anything but 2xx. */
async function must(url, body, headers) {
  const answer = await post(url, body, headers);
  if (answer.status < 200 || answer.status > 299) {
    throw new Error(`${url}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/** Runs `work(item)` over `items`, at most `limit` at a time; resolves the results in order. */
async function pool(items, limit, work) {
  const results = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i], i);
      }
    }),
  );
  return results;
}

/** An event stream read but not parsed (a clerk's caller): counts its bytes. Resolves a function that closes it. */
function drainStream(url, headers) {
  return new Promise((connected, failed) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      if (response.statusCode !== 200) return failed(new Error(`${url}: HTTP ${response.statusCode}`));
      response.resume();
      connected(() => req.destroy());
    });
    req.on('error', (error) => (error.code === 'ECONNRESET' ? undefined : failed(error)));
    req.end();
  });
}

/**
 * Fires `count` requests at `rate` a second (`fire(k)` for k = 0 … count-1, each at its due time, not after the
 * previous one answered); resolves when every one has settled.
 */
async function burst(count, rate, fire) {
  const start = performance.now();
  const pending = [];
  for (let k = 0; k < count; k++) {
    const due = start + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(fire(k));
  }
  return Promise.allSettled(pending);
}

/**
 * The figures of a burst: `sent` (request time per call key), `arrivals` (per display, call key → arrival time),
 * `stamps` (call key → commit time, when the server stamps). A pair that did not arrive is dropped; so are the pairs of
 * a call that was not made (refused, or nobody waiting).
 */
function figures({ calls, displays, sent, arrivals, stamps }) {
  const latencies = [];
  const toCommit = [];
  const fromCommit = [];
  let dropped = (calls - sent.size) * displays;
  for (const [key, at] of sent) {
    const stamp = stamps?.get(key);
    if (stamp !== undefined) toCommit.push(ms(stamp - at));
    for (const seen of arrivals) {
      const arrived = seen.get(key);
      if (arrived === undefined) dropped++;
      else {
        latencies.push(ms(arrived - at));
        if (stamp !== undefined) fromCommit.push(ms(arrived - stamp));
      }
    }
  }
  return {
    dropped,
    expected: calls * displays,
    p50: percentileMs(latencies, 50),
    p95: percentileMs(latencies, 95),
    p99: percentileMs(latencies, 99),
    toCommitP50: percentileMs(toCommit, 50),
    toCommitP99: percentileMs(toCommit, 99),
    fromCommitP50: percentileMs(fromCommit, 50),
    fromCommitP99: percentileMs(fromCommit, 99),
  };
}

/** Waits until `done()` holds or `drainMs` passed since the last request settled. */
async function drain(done, drainMs) {
  const until = performance.now() + drainMs;
  while (!done() && performance.now() < until) await sleep(20);
}

/**
 * The burst on a hall server seeded with the bench hall at `hallUrl`. Resolves the figures (see the file's comment);
 * `sample` is the data of one ticket.called event, for the baseline's echo.
 */
export async function measureHallBurst({
  hallUrl,
  rate = 50,
  seconds = 10,
  windows = 100,
  displays = 10,
  kiosks = 5,
  clerkStreams = true,
  issuePerSecond = 10,
  drainMs = 5000,
}) {
  const api = `${hallUrl}/api/v1`;
  const calls = rate * seconds;
  const bearer = (session) => ({ authorization: `Bearer ${session.token}` });
  const kioskSessions = await pool(
    Array.from({ length: kiosks }, (_, i) => i),
    kiosks,
    (i) => must(`${api}/session`, { deviceToken: KIOSK_TOKEN(i) }),
  );
  const displaySessions = await pool(
    Array.from({ length: displays }, (_, i) => i),
    displays,
    (i) => must(`${api}/session`, { deviceToken: DISPLAY_TOKEN(i) }),
  );
  // A few at a time: each login is a slow password hash, and the hall limits attempts per address in flight.
  const clerkSessions = await pool(
    Array.from({ length: windows }, (_, i) => i),
    4,
    (i) => must(`${api}/session`, CLERK(i)),
  );

  const closers = [];
  const arrivals = Array.from({ length: displays }, () => new Map());
  const stamps = new Map();
  let sample;
  try {
    for (let i = 0; i < displays; i++) {
      closers.push(
        await subscribe(`${api}/events`, bearer(displaySessions[i]), (event) => {
          if (event.type !== 'ticket.called') return;
          const at = now();
          const { ticket } = JSON.parse(event.data).data;
          arrivals[i].set(ticket.id, at);
          if (event.stamp !== undefined && !stamps.has(ticket.id)) stamps.set(ticket.id, event.stamp);
          sample ??= event.data;
        }),
      );
    }
    if (clerkStreams) {
      for (const session of clerkSessions) closers.push(await drainStream(`${api}/events`, bearer(session)));
    }

    // The tickets every call will find, issued by the kiosks in turn, before the burst.
    let issued = 0;
    const issue = (kiosk) =>
      must(`${api}/queue/tickets`, { category: CATEGORIES[issued++ % CATEGORIES.length] }, bearer(kiosk));
    await pool(
      Array.from({ length: calls + windows }, (_, i) => i),
      kiosks,
      (i) => issue(kioskSessions[i % kiosks]),
    );
    await sleep(500);

    // During the burst the kiosks go on issuing, `issuePerSecond` in all.
    let bursting = true;
    const issuing = Promise.all(
      kioskSessions.map(async (kiosk, i) => {
        await sleep((i * 1000) / issuePerSecond);
        while (bursting) {
          await issue(kiosk);
          await sleep((kiosks * 1000) / issuePerSecond);
        }
      }),
    );
    const sent = new Map();
    const answers = [];
    let refused = 0;
    let nobody = 0;
    await burst(calls, rate, async (k) => {
      const clerk = clerkSessions[k % windows];
      const at = now();
      const answer = await post(`${api}/queue/call`, { window: CLERK(k % windows).window }, bearer(clerk));
      answers.push(ms(now() - at));
      if (answer.status === 204) nobody++;
      else if (answer.status !== 200) refused++;
      else sent.set(answer.body.id, at);
    });
    bursting = false;
    await issuing;
    await drain(() => arrivals.every((seen) => [...sent.keys()].every((id) => seen.has(id))), drainMs);
    if (refused || nobody) console.warn(`queue.burst: ${refused} calls refused, ${nobody} found nobody waiting`);
    return {
      ...figures({ calls, displays, sent, arrivals, stamps }),
      answerP99: percentileMs(answers, 99),
      sample,
    };
  } finally {
    for (const close of closers) close();
  }
}

/** A bare SSE echo server (`startRawSseServer` of events-fanout.mjs) in a process of its own, like the hall. */
async function startRawSseProcess() {
  const module = new URL('./events-fanout.mjs', import.meta.url).href;
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { startRawSseServer } = await import(${JSON.stringify(module)});
       const server = await startRawSseServer();
       console.log(server.url);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const lines = createInterface({ input: child.stdout });
  const [url] = await Promise.race([
    new Promise((done) => lines.once('line', (line) => done([line.trim()]))),
    new Promise((_, failed) => child.once('exit', () => failed(new Error('bench: the SSE echo server did not start')))),
  ]);
  return {
    url,
    close: () =>
      new Promise((done) => {
        process.off('exit', kill);
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}

/** The baseline: the burst's pattern on a bare SSE echo server, each POST carrying `sample` and its number. */
export async function measureRawBurst({ sample, rate = 50, seconds = 10, displays = 10, drainMs = 5000 }) {
  const raw = await startRawSseProcess();
  const calls = rate * seconds;
  const arrivals = Array.from({ length: displays }, () => new Map());
  const closers = [];
  try {
    for (let i = 0; i < displays; i++) {
      closers.push(
        await subscribe(`${raw.url}/events`, {}, (event) => {
          if (event.type !== 'echo') return;
          const at = now();
          arrivals[i].set(JSON.parse(event.data).seq, at);
        }),
      );
    }
    const event = JSON.parse(sample);
    const sent = new Map();
    await burst(calls, rate, async (k) => {
      const at = now();
      const answer = await post(`${raw.url}/emit`, { ...event, seq: k });
      if (answer.status === 204) sent.set(k, at);
    });
    await drain(() => arrivals.every((seen) => seen.size >= sent.size), drainMs);
    return figures({ calls, displays, sent, arrivals });
  } finally {
    for (const close of closers) close();
    await raw.close();
  }
}

/** Both bursts, as `pnpm bench` records them (figure name → number). */
export async function measureQueueBurst({ hallUrl, ...options }) {
  const hall = await measureHallBurst({ hallUrl, ...options });
  const raw = await measureRawBurst({ sample: hall.sample, ...options });
  return {
    'queue.burst.dropped': hall.dropped,
    'queue.burst.expected': hall.expected,
    'queue.burst.p50_ms': hall.p50,
    'queue.burst.p95_ms': hall.p95,
    'queue.burst.p99_ms': hall.p99,
    'queue.burst.answer_p99_ms': hall.answerP99,
    'queue.burst.request_to_commit_p50_ms': hall.toCommitP50,
    'queue.burst.request_to_commit_p99_ms': hall.toCommitP99,
    'queue.burst.commit_to_display_p50_ms': hall.fromCommitP50,
    'queue.burst.commit_to_display_p99_ms': hall.fromCommitP99,
    'queue.burst.raw_sse.dropped': raw.dropped,
    'queue.burst.raw_sse.p50_ms': raw.p50,
    'queue.burst.raw_sse.p95_ms': raw.p95,
    'queue.burst.raw_sse.p99_ms': raw.p99,
  };
}

// Alone: a bench hall of its own, both bursts, the figures.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { startHall } = await import('./hall-process.mjs');
  const hall = await startHall({ seed: 'bench' });
  try {
    const results = await measureQueueBurst({ hallUrl: hall.url });
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await hall.stop();
  }
}
