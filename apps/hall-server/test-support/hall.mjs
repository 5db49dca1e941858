// Shared by the hall server's tests (kept outside test/ so that `node --test apps/hall-server/test/` does not
// count it as a test file): a fresh hall per test in a temporary DATA_DIR on port 0, an HTTP helper, the demo
// logins, and valid cases and ratings built like a window builds them (the same item and shape as
// packages/hall-client/test/support/fixtures.ts).
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { refusalGround } from '@yichuang/core';

export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = resolve(PACKAGE_DIR, '../..');
if (!existsSync(join(PACKAGE_DIR, 'dist/index.js'))) {
  throw new Error('apps/hall-server/dist is missing: run `node apps/hall-server/scripts/build.mjs` before the tests');
}
export const dist = await import('../dist/index.js');
export const { createHallServer, protocol, SqliteStorage, DEMO_HALL } = dist;

/** The demo catalog the demo hall publishes. */
export const demoCatalog = JSON.parse(
  readFileSync(join(REPO_ROOT, 'packages/demo-catalog/generated/catalog.json'), 'utf8'),
);
/** A demo catalog item with at least two materials: what the test cases take in. */
export const ITEM = demoCatalog.items.find((candidate) => candidate.materials.length >= 2) ?? demoCatalog.items[0];

/** A cheap scrypt cost for tests (the default, 15, is slow on purpose). */
export const TEST_PASSWORD_COST = 10;

/**
 * Runs dist/main.js with `args`, its environment this process's with the cheap password cost and then `env`.
 * Resolves its exit code and what it wrote: `stdout`, `stderr`, and `output` (both, in the order they came).
 */
export function runMain(args = [], env = {}) {
  const child = spawn(process.execPath, [join(PACKAGE_DIR, 'dist/main.js'), ...args], {
    env: { ...process.env, PASSWORD_COST: String(TEST_PASSWORD_COST), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const written = { stdout: '', stderr: '', output: '' };
  for (const stream of /** @type {const} */ (['stdout', 'stderr'])) {
    child[stream].on('data', (chunk) => {
      written[stream] += chunk;
      written.output += chunk;
    });
  }
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, ...written })));
}
export const HALL_CODE = DEMO_HALL.code;

/** The demo hall's logins, by who they are. */
export const LOGINS = {
  clerk: { user: 'clerk01', password: 'yichuang-demo' },
  clerk2: { user: 'clerk02', password: 'yichuang-demo' },
  clerk3: { user: 'clerk03', password: 'yichuang-demo' },
  helper: { user: 'helper01', password: 'yichuang-demo' },
  manager: { user: 'manager01', password: 'yichuang-manager' },
  kiosk: { deviceToken: 'demo-kiosk-token-0001' },
  display: { deviceToken: 'demo-display-token-0001' },
  pad: { deviceToken: 'demo-pad-token-01' },
  pad2: { deviceToken: 'demo-pad-token-02' },
};
/** One login per role. */
export const LOGIN_OF_ROLE = {
  clerk: LOGINS.clerk,
  manager: LOGINS.manager,
  kiosk: LOGINS.kiosk,
  display: LOGINS.display,
  'rating-pad': LOGINS.pad,
};

/**
 * Starts a hall in a fresh temporary folder (or `options.dataDir`), seeded with the demo hall, on a free port,
 * its log lines captured in `logs`. `dispose()` closes it and removes the folder (unless `keep`).
 */
export async function startHall(options = {}) {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'yc-hall-test-')));
  const logs = [];
  let server;
  try {
    server = await createHallServer({
      port: 0,
      seed: 'demo',
      passwordCost: TEST_PASSWORD_COST,
      logLevel: 'trace',
      logStream: { write: (line) => logs.push(line) },
      ...options,
      dataDir,
    });
  } catch (error) {
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const hall = {
    server,
    dataDir,
    logs,
    url: server.url,
    storage: server.storage,
    engine: server.engine,
    /** Rows per table of the hall's database. */
    counts: () => server.storage.counts(),
    /** Events of the log after `afterId`. */
    events: (afterId = 0, limit = 100_000) => server.engine.eventsAfter(afterId, limit),
    ...hallCalls(server.url),
    /** The bytes of the database file and its write-ahead log, as they are on disk now. */
    async databaseBytes() {
      const read = (name) => readFile(join(dataDir, name)).catch(() => Buffer.alloc(0));
      return Buffer.concat([await read('hall.sqlite'), await read('hall.sqlite-wal')]);
    },
    async dispose({ keep = false } = {}) {
      await server.close();
      if (!keep) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return hall;
}

/** Calls on the hall at `url`: `call`, `session`, `login` and `sync` (see {@link startHall}). */
export function hallCalls(url) {
  const calls = {
    /** Calls the hall: `call('POST', '/api/v1/sync', { token, body })`; resolves status, headers, body. */
    async call(method, path, { token, body, headers = {}, raw } = {}) {
      const init = { method, headers: { ...headers } };
      if (token) init.headers.authorization = `Bearer ${token}`;
      if (raw !== undefined) init.body = raw;
      else if (body !== undefined) {
        init.body = JSON.stringify(body);
        init.headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(new URL(path, url), init);
      const text = method === 'HEAD' ? '' : await response.text();
      let json;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, body: json, text };
    },
    /**
     * Logs in as one of {@link LOGINS} (or a login body); a person takes the window over from an earlier session
     * unless `takeOver: false`. Resolves the session.
     */
    async session(who, { takeOver = true } = {}) {
      const login = typeof who === 'string' ? LOGINS[who] : who;
      const body = 'user' in login && takeOver && login.takeOver === undefined ? { ...login, takeOver: true } : login;
      const answer = await calls.call('POST', '/api/v1/session', { body });
      if (answer.status !== 200) throw new Error(`login ${JSON.stringify(who)}: ${answer.status} ${answer.text}`);
      return answer.body;
    },
    /** Logs in (see {@link session}); resolves the token. */
    async login(who, options) {
      return (await calls.session(who, options)).token;
    },
    /** `POST /api/v1/sync` with `mutations`; resolves the results (throws unless 200). */
    async sync(token, mutations, headers) {
      const answer = await calls.call('POST', '/api/v1/sync', { token, body: { mutations }, headers });
      if (answer.status !== 200) throw new Error(`sync: ${answer.status} ${answer.text}`);
      return answer.body.results;
    },
  };
  return calls;
}

/**
 * The built hall server (apps/hall-server/dist/main.js) in a process of its own, seeded with the demo hall (`env`
 * gives more, e.g. HALL_CODE), on `dataDir` and `port`: what a test kills (`kill()`, SIGKILL) and starts again on the
 * same folder and port. Resolves once it answers, with the calls of {@link hallCalls}.
 */
export async function startHallProcess({ dataDir, port, env = {} }) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('../dist/main.js', import.meta.url))], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      HALL_SEED: 'demo',
      LOG_LEVEL: 'warn',
      PASSWORD_COST: String(TEST_PASSWORD_COST),
      ...env,
    },
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(new URL('/api/v1/health', url))).ok) break;
    } catch {
      if (i > 300 || child.exitCode !== null) throw new Error(`the hall server on port ${port} did not start`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  const ended = new Promise((done) => child.once('exit', done));
  return {
    url,
    dataDir,
    ...hallCalls(url),
    /** Kills it at once (SIGKILL): no shutdown, whatever it was doing. */
    async kill() {
      process.off('exit', killOnExit);
      if (child.exitCode === null) child.kill('SIGKILL');
      await ended;
    },
    /** Stops it gracefully (SIGTERM). */
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null) child.kill('SIGTERM');
      await ended;
    },
  };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID for `time` (a test's own generator: random, not monotonic). */
export function ulid(time = Date.now()) {
  let text = '';
  let rest = time;
  for (let i = 0; i < 10; i++) {
    text = CROCKFORD[rest % 32] + text;
    rest = Math.floor(rest / 32);
  }
  for (const byte of randomBytes(16)) text += CROCKFORD[byte & 31];
  return text;
}

/** The China-time day of `ms` as yyyyMMdd. */
export function chinaDay(ms = Date.now()) {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/** The China-time day of `ms` as yyyy-MM-dd. */
export const chinaDate = (ms = Date.now()) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

let caseSeq = 0;

/** A case number of a window of the demo hall, today, never the same twice in a process. */
export function nextCaseNumber(window = '01', now = Date.now()) {
  caseSeq += 1;
  return `${HALL_CODE}-${chinaDay(now)}-${window}-${String(caseSeq).padStart(4, '0')}`;
}

/** The demo clerk who staffs a window (clerk01 at 01, clerk02 at 02 …). */
export function clerkOf(window) {
  return DEMO_HALL.accounts.find((account) => account.window === window)?.user ?? 'clerk01';
}

/** The applicant of the test cases: a demo licence holder, whose name and numbers must never reach a log or the disk. */
export const APPLICANT = {
  kind: 'person',
  name: '刘洋',
  idType: 'resident-id',
  idNumber: '120101198506201519',
  phone: '13812345678',
  address: '天津市和平区南京路100号',
};

/** What the test applicant, or a clerk for them, answers on a field of an application form, by its key or kind. */
function answerOf(field) {
  const byKey = {
    'applicant-name': APPLICANT.name,
    'contact-phone': APPLICANT.phone,
    'contact-address': APPLICANT.address,
    'legal-representative': APPLICANT.name,
  };
  if (field.key in byKey) return byKey[field.key];
  const byKind = {
    number: field.min ?? 1,
    date: '2026-12-01',
    choice: field.options?.[0],
    'yes-no': true,
    phone: APPLICANT.phone,
    'resident-id': APPLICANT.idNumber,
    'credit-code': '91120000MA06A1B93T',
  };
  return field.kind in byKind ? byKind[field.kind] : field.key === 'applicant-id-number' ? APPLICANT.idNumber : '示例';
}

/** The statutory ground "not this authority's competence", as a case records it. */
function statutoryGround() {
  const ground = refusalGround([], 'not-competent');
  return { id: ground.id, text: ground.text['zh-CN'] };
}

/** Every field of the application forms of `items` (of the demo catalog) answered, as accepting needs. */
export function answeredForm(items) {
  const fields = items.flatMap(({ itemId }) => demoCatalog.items.find((item) => item.id === itemId)?.form ?? []);
  return Object.fromEntries(fields.map((field) => [field.key, answerOf(field)]));
}

/**
 * An accepted case taken in at window 01 (or `patch.window`) by its clerk: the applicant {@link APPLICANT}, the item
 * {@link ITEM} with its first two materials and its form answered, on paper unless `attachments` gives SHA-256 hashes of files for the
 * first material.
 */
export function makeCase(patch = {}, attachments = []) {
  const now = new Date();
  const at = now.toISOString();
  const window = patch.window ?? '01';
  const clerk = clerkOf(window);
  const items = patch.items ?? [{ itemId: ITEM.id, version: ITEM.version }];
  return {
    id: ulid(),
    number: nextCaseNumber(window, now.getTime()),
    hall: HALL_CODE,
    window,
    items,
    applicant: { ...APPLICANT },
    materials: ITEM.materials.slice(0, 2).map((material, i) => ({
      materialId: material.id,
      itemIds: [ITEM.id],
      receipt: i === 0 && attachments.length > 0 ? 'scan' : 'paper',
      copies: i === 0 && attachments.length > 0 ? 0 : 1,
      ...(i === 0 && attachments.length > 0 ? { attachments } : {}),
    })),
    form: answeredForm(items),
    // A refusal rests on a ground of its items: the statutory "not this authority's competence" unless patched.
    ...(patch.status === 'refused' ? { refusalGround: statutoryGround() } : {}),
    status: 'accepted',
    responsibleClerk: clerk,
    audit: [{ at, actor: clerk, window, action: 'accept', from: 'draft', to: 'accepted' }],
    createdAt: at,
    updatedAt: at,
    ...patch,
  };
}

/**
 * The case moved on by its clerk: a later `updatedAt` and one more line of its trail (`forward` by default), with
 * `patch` applied.
 */
export function nextCase(value, patch = {}, step = {}) {
  const at = new Date(Math.max(Date.now(), Date.parse(value.updatedAt) + 1)).toISOString();
  const to = patch.status ?? 'forwarded';
  return {
    ...value,
    status: to,
    updatedAt: at,
    audit: [
      ...value.audit,
      { at, actor: value.responsibleClerk, window: value.window, action: 'forward', from: value.status, to, ...step },
    ],
    ...patch,
  };
}

/** A rating at window 01's pad (or `patch.window`'s) for the window's clerk. */
export function makeRating(grade = 5, patch = {}) {
  const window = patch.window ?? '01';
  return { id: ulid(), window, clerk: clerkOf(window), grade, at: new Date().toISOString(), channel: 'pad', ...patch };
}

/** A `case.save` mutation with a fresh id; `base`: the version (or mutation) it was based on, for a stored case. */
export const saveCase = (value, id = ulid(), base) => ({
  id,
  kind: 'case.save',
  payload: value,
  ...(base === undefined ? {} : { base }),
});
export const saveRating = (value, id = ulid()) => ({ id, kind: 'rating.save', payload: value });

/** A helper-desk visit at window 01 (or `patch.window`'s) by its clerk: an elderly person, ten minutes of guidance. */
export function makeVisit(patch = {}) {
  const window = patch.window ?? '01';
  const at = new Date().toISOString();
  return {
    id: ulid(),
    hall: HALL_CODE,
    window,
    helper: clerkOf(window),
    served: {
      person: {
        kind: 'person',
        name: '王秀兰',
        idType: 'resident-id',
        idNumber: '11010519491231002X',
        specialGroups: ['elderly'],
      },
      contact: 'phone',
      accompanied: true,
    },
    help: [{ kind: 'guidance', minutes: 10, at }],
    cases: [],
    status: 'open',
    createdAt: at,
    updatedAt: at,
    ...patch,
  };
}
export const saveVisit = (value, id = ulid(), base) => ({
  id,
  kind: 'assist.save',
  payload: value,
  ...(base === undefined ? {} : { base }),
});

/** SHA-256 hex of bytes. */
export const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** How many times `needle` (text, UTF-8) occurs in `bytes`. */
export function occurrences(bytes, needle) {
  let count = 0;
  for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) count++;
  return count;
}

/** Waits until `check()` is truthy (polling), or fails after `ms`. */
export async function until(check, ms = 5000, what = 'a condition') {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Reads Server-Sent Events from a stream; `until(predicate)` resolves the first truthy `predicate(messages)`. */
export async function openEvents(url, token, headers = {}) {
  const controller = new AbortController();
  const response = await fetch(new URL('/api/v1/events', url), {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const messages = [];
  const comments = [];
  const retries = [];
  const waiters = new Set();
  let ended = false;
  const check = () => {
    for (const waiter of waiters) {
      const found = waiter.predicate(messages);
      if (found) {
        waiters.delete(waiter);
        waiter.resolve(found);
      } else if (ended) {
        waiters.delete(waiter);
        waiter.reject(new Error(`stream ended; got ${JSON.stringify(messages.map((m) => m.event))}`));
      }
    }
  };
  const reading = (async () => {
    if (!response.body || response.status !== 200) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message = { fields: {}, data: undefined };
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line);
            const colon = line.indexOf(':');
            if (colon <= 0) continue;
            message.fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
          }
          if (message.fields.data !== undefined) {
            messages.push({
              id: Number(message.fields.id),
              event: message.fields.event,
              data: JSON.parse(message.fields.data),
              receivedAt: performance.now(),
            });
          } else if (message.fields.retry !== undefined) retries.push(Number(message.fields.retry));
          check();
        }
      }
    } catch {
      // aborted
    } finally {
      ended = true;
      check();
    }
  })();
  return {
    status: response.status,
    headers: response.headers,
    response,
    messages,
    comments,
    retries,
    reading,
    /** The body of a refused stream (an ErrorBody). */
    error: () => (response.status === 200 ? Promise.resolve(undefined) : response.json()),
    /** Resolves when `predicate(messages)` is truthy (its value), or rejects after `timeoutMs`. */
    until(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve, reject };
        waiters.add(waiter);
        check();
        setTimeout(() => {
          if (!waiters.delete(waiter)) return;
          reject(
            new Error(`events: gave up after ${timeoutMs} ms with ${JSON.stringify(messages.map((m) => m.event))}`),
          );
        }, timeoutMs).unref();
      });
    },
    /** Resolves when the server ended the stream. */
    ended: () => reading,
    close: () => controller.abort(),
  };
}
