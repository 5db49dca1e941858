// The server's life: data survives a restart on the same DATA_DIR (sessions, cases, tickets, attachments, event
// ids), seeding is idempotent, shutdown is graceful (streams end, requests in flight finish, then the database
// closes), and dist/main.js runs from the environment and stops cleanly on SIGTERM. (A database of the first hall
// server generation is refused: legacy-db.test.mjs; the old schema migrations are gone with that generation.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  dist,
  makeCase,
  openEvents,
  runMain,
  saveCase,
  sha256,
  startHall,
  TEST_PASSWORD_COST,
} from '../test-support/hall.mjs';

const packageDir = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { optionsFromEnv, PACKAGE_DIR, ConfigError } = dist;
const Database = createRequire(import.meta.url)('better-sqlite3');

describe('lifecycle', () => {
  it('keeps sessions, cases, tickets, attachments and event ids across close and reopen of the same DATA_DIR', async () => {
    const first = await startHall();
    const clerk = await first.login('clerk');
    const value = makeCase();
    await first.sync(clerk, [saveCase(value)]);
    const ticket = (await first.call('POST', '/api/v1/queue/tickets', { token: clerk, body: { category: 'B' } })).body;
    const bytes = Buffer.from('a scan');
    await first.call('PUT', `/api/v1/attachments/${sha256(bytes)}`, { token: clerk, raw: bytes });
    const counts = first.counts();
    const lastEvent = await first.engine.lastEventId();
    await first.dispose({ keep: true });

    const second = await startHall({ dataDir: first.dataDir });
    try {
      assert.deepEqual(second.counts(), counts, 'the demo seed is not stored twice');
      assert.deepEqual((await second.call('GET', `/api/v1/cases/${value.id}`, { token: clerk })).body, value);
      const queue = (await second.call('GET', '/api/v1/queue', { token: clerk })).body;
      assert.deepEqual(queue.tickets, [ticket]);
      assert.equal((await second.call('HEAD', `/api/v1/attachments/${sha256(bytes)}`, { token: clerk })).status, 200);
      const next = (await second.call('POST', '/api/v1/queue/tickets', { token: clerk, body: { category: 'B' } })).body;
      assert.equal(next.number, 'B002');
      assert.equal((await second.events(lastEvent, 10))[0].id, lastEvent + 1);
      // The window's case numbers go on from the hall's highest of the day.
      const session = await second.session('clerk');
      assert.equal(session.caseNumbers.seq, Number(value.number.slice(-4)));
    } finally {
      await second.dispose();
    }
  });

  it('shuts down gracefully: streams end, new calls are refused, the upload in flight completes, then the DB closes', async () => {
    const hall = await startHall();
    const clerk = await hall.login('clerk');
    const stream = await openEvents(hall.url, clerk);
    const part1 = Buffer.alloc(32 * 1024, 1);
    const part2 = Buffer.alloc(32 * 1024, 2);
    const hash = sha256(Buffer.concat([part1, part2]));
    let release;
    const gate = new Promise((resolve) => (release = resolve));
    const upload = fetch(new URL(`/api/v1/attachments/${hash}`, hall.url), {
      method: 'PUT',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/octet-stream' },
      body: (async function* () {
        yield part1;
        await gate;
        yield part2;
      })(),
      duplex: 'half',
    });
    // Wait until the server is writing the upload.
    const tmp = join(hall.dataDir, 'attachments/tmp');
    for (let i = 0; i < 200 && (await readdir(tmp)).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal((await readdir(tmp)).length, 1, 'the upload is in flight');

    let closed = false;
    const closing = hall.server.close().then(() => (closed = true));
    await stream.ended();
    assert.equal(hall.server.streams, 0, 'event streams end at once');
    const refused = await fetch(new URL('/api/v1/health', hall.url)).then(
      (response) => response.status,
      () => 'refused',
    );
    assert.ok(refused === 'refused' || refused === 503, `a new call during shutdown: ${refused}`);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(closed, false, 'close waits for the request in flight');
    release();
    const answer = await upload;
    assert.equal(answer.status, 201);
    await closing;
    assert.throws(() => hall.counts(), /not open|closed/);

    const again = await startHall({ dataDir: hall.dataDir });
    try {
      assert.equal((await again.call('HEAD', `/api/v1/attachments/${hash}`, { token: clerk })).status, 200);
    } finally {
      await again.dispose();
    }
  });

  it('seeds the bench hall with HALL_SEED=bench: 100 clerks at their windows, 10 displays, 5 kiosks, one hash', async () => {
    assert.equal(optionsFromEnv({ HALL_SEED: ' bench ' }).seed, 'bench');
    const hall = await startHall({ seed: 'bench' });
    try {
      const login = async (body) => {
        const answer = await hall.call('POST', '/api/v1/session', { body });
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        return answer.body;
      };
      const clerk = await login({ user: 'clerk100', password: 'yichuang-bench', window: '100' });
      assert.deepEqual([clerk.role, clerk.window, clerk.hall], ['clerk', '100', 'BENCH01']);
      assert.equal((await login({ user: 'manager01', password: 'yichuang-bench' })).role, 'manager');
      assert.equal((await login({ deviceToken: 'bench-display-token-10' })).role, 'display');
      const kiosk = await login({ deviceToken: 'bench-kiosk-token-5' });
      assert.equal(kiosk.role, 'kiosk');
      const refused = await hall.call('POST', '/api/v1/session', {
        body: { user: 'clerk001', password: 'yichuang-bench', window: '002' },
      });
      assert.equal(refused.status, 403, 'a bench clerk staffs only the window of the same number');
      // Every window calls every category: a D ticket is called at window 001, whose own category is A.
      const ticket = await hall.call('POST', '/api/v1/queue/tickets', { token: kiosk.token, body: { category: 'D' } });
      const first = await login({ user: 'clerk001', password: 'yichuang-bench' });
      const called = await hall.call('POST', '/api/v1/queue/call', { token: first.token, body: { window: '001' } });
      assert.deepEqual([called.body.number, called.body.window], [ticket.body.number, '001']);
      const counts = hall.counts();
      assert.deepEqual([counts.windows, counts.accounts, counts.devices, counts.categories], [100, 101, 15, 4]);
      assert.equal(counts.licences, 0);
      // The 101 accounts share one password, hashed once: seeding costs one scrypt, not 101.
      const db = new Database(join(hall.dataDir, 'hall.sqlite'), { readonly: true });
      try {
        const hashes = db
          .prepare('SELECT doc FROM accounts')
          .all()
          .map((row) => JSON.parse(row.doc).credential);
        assert.equal(hashes.length, 101);
        assert.equal(new Set(hashes).size, 1);
      } finally {
        db.close();
      }
    } finally {
      await hall.dispose();
    }
  });

  it('reads its configuration from the environment, relative DATA_DIR from the package folder', () => {
    assert.equal(PACKAGE_DIR, packageDir);
    assert.deepEqual(optionsFromEnv({}), {});
    const options = optionsFromEnv({
      PORT: '9090',
      HOST: '0.0.0.0',
      DATA_DIR: 'data-elsewhere',
      HALL_SEED: 'demo',
      CORS_ORIGINS: 'https://hall.example.gov.cn, http://localhost:6006',
      LOG_LEVEL: 'WARN',
      SESSION_HOURS: '8',
      MAX_ATTACHMENT_BYTES: '1048576',
      ATTACHMENT_QUOTA_BYTES: '1073741824',
      ORPHAN_GRACE_HOURS: '0',
      STREAMS_PER_SESSION: '2',
      STREAMS_TOTAL: '50',
      REQUEST_TIMEOUT_MS: '5000',
      HALL_KEY: 'k1 c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0',
      HALL_KEY_FILE: 'keys/hall.key',
      PASSWORD_COST: '12',
    });
    assert.deepEqual(options, {
      port: 9090,
      host: '0.0.0.0',
      dataDir: join(packageDir, 'data-elsewhere'),
      seed: 'demo',
      corsOrigins: ['https://hall.example.gov.cn', 'http://localhost:6006'],
      logLevel: 'warn',
      sessionHours: 8,
      maxAttachmentBytes: 1048576,
      attachmentQuotaBytes: 1073741824,
      orphanGraceHours: 0,
      streamsPerSession: 2,
      streamsTotal: 50,
      requestTimeoutMs: 5000,
      key: 'k1 c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0',
      keyFile: join(packageDir, 'keys/hall.key'),
      passwordCost: 12,
    });
    for (const [name, value] of [
      ['PORT', 'eighty'],
      ['PORT', '70000'],
      ['HALL_SEED', 'production'],
      ['CORS_ORIGINS', 'hall.example.gov.cn'],
      ['LOG_LEVEL', 'loud'],
      ['SESSION_HOURS', '-1'],
      ['HOST', 'http://0.0.0.0'],
      ['HOST', '0.0.0.0:8080'],
      ['HOST', 'hall server'],
      ['HOST', '999.1.1.1'],
      ['HOST', '-hall.example.gov.cn'],
      ['HOST', `${'a'.repeat(64)}.example`],
      ['REQUEST_TIMEOUT_MS', '10'],
      ['STREAMS_PER_SESSION', '0'],
      ['PASSWORD_COST', '4'],
      ['EVENT_TIMING', 'yes'],
    ]) {
      assert.throws(
        () => optionsFromEnv({ [name]: value }),
        (error) => error instanceof ConfigError && error.message.startsWith(name),
      );
    }
    for (const host of ['::', '::1', '127.0.0.1', '192.168.1.20', 'localhost', 'hall.example.gov.cn', 'fe80::1']) {
      assert.equal(optionsFromEnv({ HOST: ` ${host} ` }).host, host);
    }
  });

  it('exits with code 2 and names HOST when it is not an address or a host name', async () => {
    const { code, stderr } = await runMain([], {
      HOST: 'http://0.0.0.0',
      PORT: '0',
      DATA_DIR: join(tmpdir(), 'yc-hall-never-created'),
    });
    assert.equal(code, 2, stderr);
    assert.match(stderr, /HOST=http:\/\/0\.0\.0\.0/);
  });

  it('runs dist/main.js from PORT and DATA_DIR, seeds the demo hall, and exits 0 on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'yc-hall-main-'));
    const child = spawn(process.execPath, [join(packageDir, 'dist/main.js')], {
      env: {
        ...process.env,
        PORT: '0',
        DATA_DIR: dataDir,
        HALL_SEED: 'demo',
        PASSWORD_COST: String(TEST_PASSWORD_COST),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    try {
      const url = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL in: ${output}`)), 10_000);
        const look = () => {
          const match = /Yichuang hall server: (http:\S+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout.on('data', look);
      });
      const health = await (await fetch(new URL('/api/v1/health', url))).json();
      assert.equal(health.hall, 'TJHP01');
      assert.ok(existsSync(join(dataDir, 'hall.sqlite')));
      const login = await fetch(new URL('/api/v1/session', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'clerk01', password: 'yichuang-demo' }),
      });
      assert.equal(login.status, 200);
      child.kill('SIGTERM');
      const { code } = await exited;
      assert.equal(code, 0, output);
      assert.match(output, /hall server stopped/);
    } finally {
      child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
