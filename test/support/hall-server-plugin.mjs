// A @web/test-runner plugin that runs REAL hall server processes for browser tests, each behind a fault-injecting
// proxy, so that a test in Chromium can kill the server, restart it, drop its replies or cut the network.
//
// Register it in web-test-runner.config.mjs (`plugins: [hallServerPlugin()]`); build the server first
// (`node apps/hall-server/scripts/build.mjs`). In a test:
//
//   import { executeServerCommand } from '@web/test-runner-commands';
//   const { id, url } = await executeServerCommand('hall-start', { seed: 'demo' });
//   const client = new HttpHallClient({ baseUrl: url });
//
// Commands (payload → result). Every command but hall-start takes the `id` hall-start returned; each resolves
// once its effect is in place.
//   hall-start          { seed?: 'demo' }            → { id, url, directUrl }
//       Spawns `node apps/hall-server/dist/main.js` on a fresh temporary DATA_DIR and a free port, with HOST
//       127.0.0.1, HALL_SEED=demo (seed defaults to 'demo'; { seed: 'none' } starts an empty hall), CORS_ORIGINS=*,
//       PASSWORD_COST=10 (cheap scrypt) and LOG_LEVEL=warn; waits for GET /api/v1/health to answer 200. `url` is
//       the proxy's (use it in tests), `directUrl` the server's own.
//   hall-kill           { id }                       → { ok: true }   SIGKILL, waits for the exit. The proxy stays
//       up: requests through it then fail like a refused connection (the client's socket is destroyed).
//   hall-stop           { id }                       → { ok: true }   SIGTERM (graceful shutdown), waits for the exit.
//   hall-restart        { id }                       → { id, url, directUrl }   stops the server if it still runs
//       (SIGTERM), then starts it again on the SAME DATA_DIR and port: the proxy URL stays valid.
//   proxy-drop-replies  { id, path, count?, method? } → { ok: true }
//       The next `count` (default 1) requests to `path` (the pathname, e.g. '/api/v1/sync'; a trailing '*'
//       matches a prefix; CORS preflights never count; `method` narrows it) are forwarded to the server, which
//       handles them; once its answer's headers arrive, the client's connection is closed after a few bytes of a
//       status line instead of the answer: the reply is lost after the server applied the request, and the fetch
//       fails (the bytes keep Chromium from resending the request by itself, as it does when a reused keep-alive
//       connection closes before any byte of an answer).
//   proxy-kill-during   { id, path, afterMs?, afterRows?, method? } → { ok: true }
//       The next request to `path` (matched as for proxy-drop-replies) is forwarded, and `afterMs` (default 2) after
//       its body has reached the server the server process is killed (SIGKILL): it dies in the middle of handling
//       it, having applied part of a batch or none. With `afterRows: { table, count }` instead, it is killed as soon
//       as that table of its database holds `count` rows or more (watched every millisecond, read-only, from the
//       body's arrival; at the latest when the server answers, or after 30 s): it dies having applied part of a batch
//       for certain, however fast or slow the machine. The outcome in proxy-log is 'killed'. Restart with hall-restart.
//   proxy-cut           { id }                       → { ok: true }   destroys every open connection (open SSE
//       streams included) and refuses new ones, until proxy-restore.
//   proxy-restore       { id }                       → { ok: true }   accepts connections again.
//   proxy-log           { id }                       → [{ method, path, outcome }]   what the proxy saw since the
//       last proxy-log (outcome: the status, 'dropped', 'refused' or 'failed'); never bodies or headers.
//   hall-count          { id, table }                → { count }   rows of a table of the server's SQLite
//       database, read directly (read-only), e.g. 'cases', 'mutations', 'events'.
//   hall-dispose        { id }                       → { ok: true }   kills the server, closes the proxy, removes
//       the DATA_DIR. serverStop does this for every hall left.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const HEALTH_PATH = '/api/v1/health';

/** A free TCP port on the loopback interface. */
function freePort() {
  return new Promise((done, fail) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

const delay = (ms) => new Promise((done) => setTimeout(done, ms));

/** Whether GET /api/v1/health answers 200 on the server's own port. */
function healthy(port) {
  return new Promise((done) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: HEALTH_PATH, agent: false, timeout: 1000 },
      (response) => {
        response.resume();
        done(response.statusCode === 200);
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => done(false));
  });
}

/**
 * The plugin.
 *
 * @param {object} [options]
 * @param {string} [options.main] the server's entry, relative to the repository; default apps/hall-server/dist/main.js.
 * @param {number} [options.startTimeoutMs] how long a start may take until health answers; default 30,000.
 * @param {Record<string, string>} [options.env] more environment for the server.
 */
export function hallServerPlugin({ main = 'apps/hall-server/dist/main.js', startTimeoutMs = 30_000, env = {} } = {}) {
  const entry = resolve(REPO_ROOT, main);
  /** @type {Map<string, any>} */
  const halls = new Map();
  let counter = 0;

  // If the test runner dies without serverStop, its children must not outlive it.
  const killAll = () => {
    for (const hall of halls.values()) hall.child?.kill('SIGKILL');
  };
  process.once('exit', killAll);

  function hallOf(payload) {
    const hall = halls.get(payload?.id);
    if (!hall) throw new Error(`hall-server-plugin: no hall with id ${JSON.stringify(payload?.id)}`);
    return hall;
  }

  /** Spawns the server process of a hall and waits until it is healthy. */
  async function spawnServer(hall) {
    if (!existsSync(entry)) {
      throw new Error(
        `hall-server-plugin: ${main} is missing: build it with \`node apps/hall-server/scripts/build.mjs\``,
      );
    }
    const child = spawn(process.execPath, [entry], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: String(hall.port),
        HOST: '127.0.0.1',
        DATA_DIR: hall.dataDir,
        HALL_SEED: hall.seed === 'demo' ? 'demo' : '',
        CORS_ORIGINS: '*',
        PASSWORD_COST: '10',
        LOG_LEVEL: 'warn',
        ...env,
      },
    });
    hall.child = child;
    hall.output = '';
    const keep = (chunk) => {
      // Only kept to explain a failed start; the server logs no personal data.
      hall.output = (hall.output + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    hall.exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
    let gone;
    void hall.exited.then((how) => (gone = how));
    const deadline = Date.now() + startTimeoutMs;
    for (;;) {
      if (gone) {
        throw new Error(
          `hall-server-plugin: the hall server exited (${gone.signal ?? gone.code}) before it was healthy:\n${hall.output}`,
        );
      }
      if (await healthy(hall.port)) return;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`hall-server-plugin: no healthy hall server after ${startTimeoutMs} ms:\n${hall.output}`);
      }
      await delay(50);
    }
  }

  /** Ends the server process: SIGKILL or SIGTERM (then SIGKILL after 15 s). */
  async function endServer(hall, signal) {
    const child = hall.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = signal === 'SIGKILL' ? undefined : setTimeout(() => child.kill('SIGKILL'), 15_000);
    await hall.exited;
    clearTimeout(timer);
  }

  /** The fault-injecting proxy of a hall: node:http, streaming both ways, nothing buffered. */
  function startProxy(hall) {
    const proxy = http.createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      const record = (outcome) => hall.log.push({ method: request.method, path, outcome });
      if (hall.cut) {
        record('refused');
        request.socket.destroy();
        return;
      }
      let drop = false;
      const matches = (r) =>
        r.count > 0 &&
        (r.method === undefined || r.method.toUpperCase() === request.method) &&
        (r.path.endsWith('*') ? path.startsWith(r.path.slice(0, -1)) : path === r.path);
      if (request.method !== 'OPTIONS') {
        const kill = hall.kills.find(matches);
        if (kill) {
          kill.count -= 1;
          record('killed');
          request.once('end', () =>
            kill.afterRows
              ? killAfterRows(hall, kill.afterRows, response)
              : setTimeout(() => hall.child?.kill('SIGKILL'), kill.afterMs),
          );
        }
        const rule = hall.drops.find(matches);
        if (rule) {
          rule.count -= 1;
          drop = true;
        }
      }
      const upstream = http.request(
        {
          host: '127.0.0.1',
          port: hall.port,
          method: request.method,
          path: request.url,
          headers: request.headers,
          agent: false,
        },
        (answer) => {
          if (drop) {
            // The server has handled the request: lose its reply. A few bytes of a status line go first, so that
            // the browser cannot take the connection for a stale keep-alive one and silently send the request
            // again (Chromium resends when a reused connection closes before any byte of the answer).
            record('dropped');
            answer.resume();
            request.socket.end('HTTP/1.1 2');
            setTimeout(() => request.socket.destroy(), 50);
            return;
          }
          record(answer.statusCode);
          response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          response.flushHeaders();
          answer.pipe(response);
          answer.on('error', () => request.socket.destroy());
        },
      );
      hall.upstreams.add(upstream);
      upstream.once('close', () => hall.upstreams.delete(upstream));
      upstream.on('error', () => {
        // Server down or gone mid-answer: the client sees its connection fail, as it would without the proxy.
        record('failed');
        request.socket.destroy();
      });
      request.pipe(upstream);
      response.once('close', () => {
        if (!response.writableFinished) upstream.destroy();
      });
    });
    proxy.keepAliveTimeout = 1000;
    proxy.on('connection', (socket) => {
      if (hall.cut) {
        socket.destroy();
        return;
      }
      socket.setNoDelay(true);
      hall.sockets.add(socket);
      socket.once('close', () => hall.sockets.delete(socket));
    });
    return new Promise((done, fail) => {
      proxy.once('error', fail);
      proxy.listen(0, '127.0.0.1', () => {
        hall.proxy = proxy;
        hall.proxyPort = proxy.address().port;
        done();
      });
    });
  }

  /**
   * Kills the server once `table` holds `count` rows or more (polled every millisecond on a read-only connection),
   * or when `response` (the proxy's answer to the request being handled) finishes, or after 30 s.
   */
  function killAfterRows(hall, { table, count: wanted }, response) {
    const file = databaseOf(hall);
    const require = createRequire(join(REPO_ROOT, 'apps/hall-server/package.json'));
    const Database = require('better-sqlite3');
    const db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.prepare(`SELECT COUNT(*) AS n FROM "${tableName(table)}"`);
    const deadline = Date.now() + 30_000;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearInterval(timer);
      hall.child?.kill('SIGKILL');
      db.close();
    };
    const timer = setInterval(() => {
      try {
        if (rows.get().n >= wanted || Date.now() > deadline) finish();
      } catch {
        finish();
      }
    }, 1);
    response.once('close', finish);
  }

  function cut(hall) {
    hall.cut = true;
    for (const socket of hall.sockets) socket.destroy();
    for (const upstream of hall.upstreams) upstream.destroy();
  }

  function urls(hall) {
    return { id: hall.id, url: `http://127.0.0.1:${hall.proxyPort}`, directUrl: `http://127.0.0.1:${hall.port}` };
  }

  async function start(payload) {
    const seed = payload?.seed ?? 'demo';
    if (seed !== 'demo' && seed !== 'none') throw new Error(`hall-start: seed is 'demo' or 'none', not ${seed}`);
    counter += 1;
    const hall = {
      id: `hall-${counter}`,
      seed,
      dataDir: await mkdtemp(join(tmpdir(), 'yichuang-hall-')),
      port: 0,
      cut: false,
      drops: [],
      kills: [],
      log: [],
      sockets: new Set(),
      upstreams: new Set(),
    };
    halls.set(hall.id, hall);
    // The proxy takes its port first: a port probed free and released before it could otherwise be the proxy's.
    await startProxy(hall);
    for (let attempt = 1; ; attempt++) {
      hall.port = await freePort();
      try {
        await spawnServer(hall);
        break;
      } catch (error) {
        // Another process took the probed port before the server bound it: try another, a few times.
        if (attempt >= 3 || !/EADDRINUSE/.test(String(error?.message))) throw error;
      }
    }
    return urls(hall);
  }

  async function dispose(hall) {
    halls.delete(hall.id);
    await endServer(hall, 'SIGKILL');
    cut(hall);
    await new Promise((done) => (hall.proxy ? hall.proxy.close(() => done()) : done()));
    await rm(hall.dataDir, { recursive: true, force: true });
  }

  /** A table name as the hall's database spells them (checked: it goes into SQL). */
  function tableName(table) {
    if (typeof table !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) {
      throw new Error(`hall-server-plugin: ${JSON.stringify(table)} is not a table name`);
    }
    return table;
  }

  /** The path of the hall's SQLite database. */
  function databaseOf(hall) {
    const file = readdirSync(hall.dataDir).find((name) => /\.(db|sqlite|sqlite3)$/.test(name));
    if (!file) throw new Error('hall-server-plugin: the hall has no SQLite database yet');
    return join(hall.dataDir, file);
  }

  function count(hall, table) {
    tableName(table);
    const require = createRequire(join(REPO_ROOT, 'apps/hall-server/package.json'));
    const Database = require('better-sqlite3');
    const db = new Database(databaseOf(hall), { readonly: true, fileMustExist: true });
    try {
      const known = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
      if (!known) throw new Error(`hall-count: the hall's database has no table ${table}`);
      return { count: db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get().n };
    } finally {
      db.close();
    }
  }

  const ok = { ok: true };
  return {
    name: 'yichuang-hall-server',
    async serverStop() {
      await Promise.all([...halls.values()].map((hall) => dispose(hall)));
      process.removeListener('exit', killAll);
    },
    async executeCommand({ command, payload }) {
      switch (command) {
        case 'hall-start':
          return start(payload);
        case 'hall-kill':
          await endServer(hallOf(payload), 'SIGKILL');
          return ok;
        case 'hall-stop':
          await endServer(hallOf(payload), 'SIGTERM');
          return ok;
        case 'hall-restart': {
          const hall = hallOf(payload);
          await endServer(hall, 'SIGTERM');
          await spawnServer(hall);
          return urls(hall);
        }
        case 'proxy-drop-replies': {
          const hall = hallOf(payload);
          if (typeof payload.path !== 'string' || !payload.path.startsWith('/')) {
            throw new Error('proxy-drop-replies: path is a URL path such as /api/v1/sync');
          }
          hall.drops.push({ path: payload.path, count: payload.count ?? 1, method: payload.method });
          return ok;
        }
        case 'proxy-kill-during': {
          const hall = hallOf(payload);
          if (typeof payload.path !== 'string' || !payload.path.startsWith('/')) {
            throw new Error('proxy-kill-during: path is a URL path such as /api/v1/sync');
          }
          const afterRows = payload.afterRows;
          if (afterRows !== undefined) {
            tableName(afterRows?.table);
            if (!Number.isInteger(afterRows.count) || afterRows.count < 1) {
              throw new Error('proxy-kill-during: afterRows.count is a whole number from 1');
            }
          }
          hall.kills.push({
            path: payload.path,
            count: 1,
            afterMs: payload.afterMs ?? 2,
            afterRows,
            method: payload.method,
          });
          return ok;
        }
        case 'proxy-cut':
          cut(hallOf(payload));
          return ok;
        case 'proxy-restore':
          hallOf(payload).cut = false;
          return ok;
        case 'proxy-log': {
          const hall = hallOf(payload);
          return hall.log.splice(0);
        }
        case 'hall-count':
          return count(hallOf(payload), payload.table);
        case 'hall-dispose':
          await dispose(hallOf(payload));
          return ok;
        default:
          return undefined;
      }
    },
  };
}
