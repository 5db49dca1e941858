// Shared by the hall server's tests (kept outside test/ so that `node --test apps/hall-server/test/` does not
// count it as a test file): a fresh hall per test in a temporary DATA_DIR on port 0, an HTTP helper, the demo
// logins, and valid cases and ratings built like a window builds them.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(packageDir, 'dist/index.js'))) {
  throw new Error('apps/hall-server/dist is missing: run `node apps/hall-server/scripts/build.mjs` before the tests');
}
export const { createHallServer, protocol, SqliteHallStorage, DEMO_HALL } = await import('../dist/index.js');

/** A cheap scrypt cost for tests (the default, 15, is slow on purpose). */
export const TEST_PASSWORD_COST = 10;
export const HALL_CODE = 'TJHP01';

/** The demo hall's logins, by who they are. */
export const LOGINS = {
  clerk: { user: 'clerk01', password: 'yichuang-demo' },
  clerk2: { user: 'clerk02', password: 'yichuang-demo' },
  manager: { user: 'manager01', password: 'yichuang-manager' },
  kiosk: { deviceToken: 'demo-kiosk-token-0001' },
  display: { deviceToken: 'demo-display-token-0001' },
  pad: { deviceToken: 'demo-pad-token-01' },
  pad2: { deviceToken: 'demo-pad-token-02' },
  clerk3: { user: 'clerk03', password: 'yichuang-demo' },
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
  const server = await createHallServer({
    port: 0,
    seed: 'demo',
    passwordCost: TEST_PASSWORD_COST,
    logLevel: 'trace',
    logStream: { write: (line) => logs.push(line) },
    ...options,
    dataDir,
  });
  const hall = {
    server,
    dataDir,
    logs,
    url: server.url,
    storage: server.storage,
    /** Calls the hall: `call('POST', '/api/v1/sync', { token, body })`; resolves status, headers, body. */
    async call(method, path, { token, body, headers = {}, raw } = {}) {
      const init = { method, headers: { ...headers } };
      if (token) init.headers.authorization = `Bearer ${token}`;
      if (raw !== undefined) init.body = raw;
      else if (body !== undefined) {
        init.body = JSON.stringify(body);
        init.headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(new URL(path, server.url), init);
      const text = method === 'HEAD' ? '' : await response.text();
      let json;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, body: json, text };
    },
    /** Logs in as one of {@link LOGINS}; resolves the token. */
    async login(who) {
      const answer = await hall.call('POST', '/api/v1/session', { body: LOGINS[who] ?? who });
      if (answer.status !== 200) throw new Error(`login ${JSON.stringify(who)}: ${answer.status} ${answer.text}`);
      return answer.body.token;
    },
    async dispose({ keep = false } = {}) {
      await server.close();
      if (!keep) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return hall;
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

let caseSeq = 0;

/** The applicant of the test cases: a demo licence holder, whose name and numbers must never reach a log. */
export const APPLICANT = {
  kind: 'person',
  name: '刘洋',
  idType: 'resident-id',
  idNumber: '120101198506201519',
  phone: '13812345678',
  address: '天津市和平区南京路100号',
};

/** An accepted case of window 01 by clerk01; `attachments` (SHA-256 hashes) go on the first material. */
export function makeCase(patch = {}, attachments = []) {
  const at = new Date().toISOString();
  const window = patch.window ?? '01';
  caseSeq += 1;
  return {
    id: ulid(),
    number: `${patch.hall ?? HALL_CODE}-${chinaDay()}-${window}-${String(caseSeq).padStart(4, '0')}`,
    hall: HALL_CODE,
    window,
    items: [{ itemId: 'item-hukou-move', version: 1 }],
    applicant: { ...APPLICANT },
    materials: [
      {
        materialId: 'id-card',
        itemIds: ['item-hukou-move'],
        receipt: attachments.length ? 'scan' : 'paper',
        copies: attachments.length ? 0 : 1,
        ...(attachments.length ? { attachments } : {}),
      },
      { materialId: 'household-register', itemIds: ['item-hukou-move'], receipt: 'paper', copies: 1 },
    ],
    status: 'accepted',
    responsibleClerk: 'clerk01',
    audit: [{ at, actor: 'clerk01', window, action: 'accept', from: 'draft', to: 'accepted' }],
    createdAt: at,
    updatedAt: at,
    ...patch,
  };
}

/** A rating at window 01's pad. */
export function makeRating(grade = 5, patch = {}) {
  return { id: ulid(), window: '01', clerk: 'clerk01', grade, at: new Date().toISOString(), channel: 'pad', ...patch };
}

export const saveCase = (value, id = ulid()) => ({ id, kind: 'case.save', payload: value });
export const saveRating = (value, id = ulid()) => ({ id, kind: 'rating.save', payload: value });

/** SHA-256 hex of bytes. */
export const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Reads Server-Sent Events from a stream; `next(predicate)` resolves the first message matching. */
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
    if (!response.body) return;
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
