import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_LIMITS,
  HallEngine,
  benchHallSeed,
  demoHallSeed,
  type HallLimits,
  type HallStoragePort,
} from '@yichuang/hall';
import { API_PREFIX } from '@yichuang/hall-client/protocol.js';
import { AttachmentFiles } from './attachments/files.js';
import { EventHub } from './events/hub.js';
import type { HallContext } from './http/context.js';
import { installCors } from './http/cors.js';
import { installErrorHandlers } from './http/errors.js';
import { installGuard } from './http/guard.js';
import { installRequestLog, loggerOptions } from './http/logging.js';
import { hallApi } from './routes/index.js';
import { ExchangeForwarder } from './exchange/forwarder.js';
import { loadKeys, type HallKey } from './secrets/key-file.js';
import { NodeSecrets } from './secrets/node-secrets.js';
import { DEFAULT_PASSWORD_COST } from './secrets/passwords.js';
import { lockDataDir } from './storage/data-lock.js';
import { SqliteStorage } from './storage/sqlite-storage.js';
import { pageRoutes } from './web/pages.js';
import { SimulatedDepartment } from './department/simulated-department.js';
import { WebhookSmsGateway } from './notify/webhook-sms-gateway.js';

declare const __HALL_SERVER_VERSION__: string;

/** The server's version (from its package.json, set by the build). */
export const HALL_SERVER_VERSION: string =
  typeof __HALL_SERVER_VERSION__ === 'string' ? __HALL_SERVER_VERSION__ : '0.0.0-dev';

/** This package's folder (the built files are in its `dist/`, the sources in its `src/`: one level down). */
export const PACKAGE_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

const HOUR_MS = 3600_000;

/** Defaults of {@link HallServerOptions}, as documented in the README (the hall's bounds: the engine's own). */
export const DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  dataDir: join(PACKAGE_DIR, 'data'),
  logLevel: 'info',
  sessionHours: DEFAULT_LIMITS.sessionMs / HOUR_MS,
  maxAttachmentBytes: DEFAULT_LIMITS.maxAttachmentBytes,
  attachmentQuotaBytes: DEFAULT_LIMITS.attachmentQuotaBytes,
  orphanGraceHours: DEFAULT_LIMITS.orphanGraceMs / HOUR_MS,
  passwordCost: DEFAULT_PASSWORD_COST,
  heartbeatMs: 15_000,
  /** Largest JSON body of any route but sync and catalog publication. */
  bodyLimit: 1024 * 1024,
  /** How long a request may take to arrive whole (an attachment upload on a slow line). */
  requestTimeoutMs: 120_000,
  streamsPerSession: DEFAULT_LIMITS.streamsPerSession,
  streamsTotal: DEFAULT_LIMITS.streamsTotal,
  /** How often files no case cites are looked for. */
  sweepMs: 3600_000,
} as const;

/** How to run a hall server. Everything is optional. */
export interface HallServerOptions {
  /** Where the database, the key file and the attachments live (default `apps/hall-server/data`). */
  dataDir?: string;
  /** TCP port; 0 picks a free one (default 8080). */
  port?: number;
  /** Address to listen on (default 127.0.0.1: this machine only). */
  host?: string;
  /**
   * Seeds an empty database: `demo` the demo hall, `bench` the bench hall of the load benchmarks (100 windows and
   * clerks, 10 displays, 5 kiosks; see `benchHallSeed`). Nothing by default.
   */
  seed?: 'demo' | 'bench';
  /**
   * The code and name a seeded hall gets instead of the seed's (a second demo hall on the same machine, e.g. the
   * deciding hall of a cross-province test).
   */
  hallCode?: string;
  hallName?: string;
  /** Whether to send the exchange outbox to other halls (default: when listening). */
  exchange?: boolean;
  /** The hall's keys: lines `<id> <secret>` (see `secrets/key-file.ts`); default: the key file. */
  key?: string;
  /** The key file (default `<dataDir>/hall.key`, created with a new key when missing). */
  keyFile?: string;
  /** Origins of other sites' pages allowed to call the hall (`*` for any); none by default. */
  corsOrigins?: readonly string[];
  /** pino level: fatal, error, warn, info (default), debug, trace, silent. */
  logLevel?: string;
  /** Where log lines go (default stdout). */
  logStream?: { write(line: string): void };
  /** How long a session lasts (default 12 hours). */
  sessionHours?: number;
  /** Largest attachment (default 20 MiB). */
  maxAttachmentBytes?: number;
  /** All attachments together (default 10 GiB). */
  attachmentQuotaBytes?: number;
  /** Files no case cites are removed after this many hours (default 24). */
  orphanGraceHours?: number;
  /** Event streams one session may hold (default 4), and the whole hall (default 1000). */
  streamsPerSession?: number;
  streamsTotal?: number;
  /** How long a request may take to arrive (default 120 s). */
  requestTimeoutMs?: number;
  /**
   * Runs the simulated deciding department: a forwarded case gets a granted result this many seconds later (the
   * demo's stand-in for the departments' approval systems). Off by default.
   */
  departmentSimulatorSeconds?: number;
  /** Where the hall's SMS to applicants go (a result ready, …): an HTTP hook taking `{ to, text }`. None by default. */
  smsWebhookUrl?: string;
  /** log2 of scrypt's N for new password hashes (default 15). Tests may use 10. */
  passwordCost?: number;
  /** Milliseconds between heartbeat comments on event streams (default 15000). */
  heartbeatMs?: number;
  /**
   * Prefix each broadcast event with a `: t=<ns>` SSE comment (monotonic clock at commit) so a benchmark can time
   * fan-out from the event itself; clients ignore comments. Off by default.
   */
  eventTiming?: boolean;
  /** The storage to use instead of SQLite in `dataDir` (e.g. a PostgreSQL adapter of the storage port). */
  storage?: HallStoragePort;
  /** `PRAGMA synchronous` of the SQLite storage (default FULL). */
  synchronous?: 'FULL' | 'NORMAL';
  /** The clock, epoch milliseconds (tests). */
  now?: () => number;
  /** The repository root, for the pages it serves (default: two levels above this package). */
  repoRoot?: string;
  /** Whether to listen (default true); without, use `app.inject`. */
  listen?: boolean;
}

/** A running hall server. */
export interface HallServer {
  app: FastifyInstance;
  /** Where it listens, e.g. `http://127.0.0.1:8080/` (empty when not listening). */
  url: string;
  engine: HallEngine;
  storage: HallStoragePort;
  /** Open event streams. */
  readonly streams: number;
  /**
   * Graceful shutdown: stops accepting connections, ends the event streams, lets requests in flight finish,
   * then closes the database. Safe to call twice.
   */
  close(): Promise<void>;
}

/** The engine's bounds from the server's options. */
function limitsOf(options: HallServerOptions): Partial<HallLimits> {
  return {
    sessionMs: (options.sessionHours ?? DEFAULTS.sessionHours) * HOUR_MS,
    maxAttachmentBytes: options.maxAttachmentBytes ?? DEFAULTS.maxAttachmentBytes,
    attachmentQuotaBytes: options.attachmentQuotaBytes ?? DEFAULTS.attachmentQuotaBytes,
    orphanGraceMs: (options.orphanGraceHours ?? DEFAULTS.orphanGraceHours) * HOUR_MS,
    streamsPerSession: options.streamsPerSession ?? DEFAULTS.streamsPerSession,
    streamsTotal: options.streamsTotal ?? DEFAULTS.streamsTotal,
  };
}

/**
 * Creates, seeds (when asked) and starts a hall server: the hall engine over SQLite, and Fastify in front of it.
 *
 * @throws Error when the database or the key cannot be opened, or the port cannot be bound.
 */
export async function createHallServer(options: HallServerOptions = {}): Promise<HallServer> {
  const dataDir = resolve(options.dataDir ?? DEFAULTS.dataDir);
  const database = join(dataDir, 'hall.sqlite');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const unlock = lockDataDir(join(dataDir, 'server.lock'));
  try {
    return await startHallServer(options, dataDir, database, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

async function startHallServer(
  options: HallServerOptions,
  dataDir: string,
  database: string,
  unlock: () => void,
): Promise<HallServer> {
  const repoRoot = resolve(options.repoRoot ?? join(PACKAGE_DIR, '../..'));
  const now = options.now ?? Date.now;
  const existing = !options.storage && existsSync(database);
  const sqlite = () => new SqliteStorage(database, options.synchronous ? { synchronous: options.synchronous } : {});
  // A database file that exists is opened first: one of another generation is refused before anything is written
  // beside it. A new one is made only once the keys are in hand.
  let storage: HallStoragePort | undefined = options.storage ?? (existing ? sqlite() : undefined);
  let keys: HallKey[];
  try {
    // A database that existed without its key file is refused, not given a new key.
    keys = loadKeys({
      keyFile: options.keyFile ?? join(dataDir, 'hall.key'),
      ...(options.key ? { key: options.key } : {}),
      ...(existing ? { database } : {}),
    });
    storage ??= sqlite();
  } catch (error) {
    await storage?.close();
    throw error;
  }
  const files = new AttachmentFiles(join(dataDir, 'attachments'));
  let engine: HallEngine;
  try {
    engine = await HallEngine.open({
      storage,
      secrets: await NodeSecrets.open(keys, options.passwordCost ?? DEFAULTS.passwordCost),
      files,
      now,
      limits: limitsOf(options),
      version: HALL_SERVER_VERSION,
      ...(options.smsWebhookUrl ? { notifier: new WebhookSmsGateway(options.smsWebhookUrl) } : {}),
    });
  } catch (error) {
    await storage.close();
    throw error;
  }
  const hub = new EventHub(engine, { now, timing: options.eventTiming ?? false });
  let sweeper: NodeJS.Timeout | undefined;
  let department: SimulatedDepartment | undefined;
  try {
    await files.init();
    if (options.seed && !(await engine.hall())) {
      const seed = await (options.seed === 'bench' ? benchHallSeed() : demoHallSeed());
      await engine.seed({
        ...seed,
        ...(options.hallCode ? { code: options.hallCode } : {}),
        ...(options.hallName ? { name: options.hallName } : {}),
      });
    }
    // The hall's key for the exchange between halls, made once it is set up (not on a first, public, read).
    if (await engine.hall()) await engine.exchangeIdentity();
    // After a key rotation, the pages as they were (sealed under the old key) leave the file and its log at once.
    if ((await engine.resealAll()) > 0 && storage instanceof SqliteStorage) storage.compact();
    await hub.start(options.heartbeatMs ?? DEFAULTS.heartbeatMs);
    await engine.sweepAttachments();
    sweeper = setInterval(() => void engine.sweepAttachments().catch(() => undefined), DEFAULTS.sweepMs);
    sweeper.unref();
    if (options.departmentSimulatorSeconds) {
      department = new SimulatedDepartment(engine, { afterMs: options.departmentSimulatorSeconds * 1000, now });
      department.start();
    }
  } catch (error) {
    hub.close();
    await engine.close();
    throw error;
  }

  const requestTimeout = options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
  const app = Fastify({
    // Node cuts a request that has not arrived whole in `requestTimeout` only if its `headersTimeout` (60 s by default)
    // is not longer (else it swaps the two), and looks for such requests every `connectionsCheckingInterval` (30 s by
    // default): without these, a client that stalls half-way through its body holds its connection up to 90 s
    // whatever REQUEST_TIMEOUT_MS says.
    http: {
      headersTimeout: Math.min(60_000, requestTimeout),
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(requestTimeout / 4))),
    },
    logger: loggerOptions(options.logLevel ?? DEFAULTS.logLevel, options.logStream),
    // Fastify's own request lines would carry the URL and more: ours (installRequestLog) carry only the route.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: DEFAULTS.bodyLimit,
    requestTimeout,
    exposeHeadRoutes: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
  });

  const forwarder = (options.exchange ?? options.listen ?? true) ? new ExchangeForwarder(engine, files) : undefined;
  const context: HallContext = {
    engine,
    hub,
    files,
    version: HALL_SERVER_VERSION,
    repoRoot,
    demo: options.seed === 'demo',
    ...(forwarder ? { exchange: forwarder } : {}),
  };

  installErrorHandlers(app, { bodyLimit: DEFAULTS.bodyLimit });
  installRequestLog(app);
  installCors(app, options.corsOrigins ?? []);
  installGuard(app, context);
  let shuttingDown = false;
  // Every answer (pages, files, errors) forbids content sniffing.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('x-content-type-options')) reply.header('x-content-type-options', 'nosniff');
    // A request that finishes during shutdown does not keep its connection open.
    if (shuttingDown) reply.header('connection', 'close');
    return payload;
  });
  // The streams end before the server waits for its connections: they would keep it open for ever.
  app.addHook('preClose', async () => hub.close());

  await app.register(hallApi(context), { prefix: API_PREFIX });
  pageRoutes(app, context);

  let url = '';
  // A package collected here (or a decision taken here) goes out at once.
  const unlistenExchange = forwarder
    ? engine.onEvents((events) => {
        if (events?.some((event) => event.type === 'remote.updated')) forwarder.kick();
      })
    : undefined;
  const stop = async () => {
    unlistenExchange?.();
    await forwarder?.stop();
    clearInterval(sweeper);
    await department?.stop();
    hub.close();
    try {
      await engine.close();
    } finally {
      unlock();
    }
  };
  try {
    if (options.listen ?? true) {
      await app.listen({ port: options.port ?? DEFAULTS.port, host: options.host ?? DEFAULTS.host });
      forwarder?.start();
      const address = app.server.address();
      if (address && typeof address === 'object') {
        const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        url = `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${address.port}/`;
      }
    } else {
      await app.ready();
    }
  } catch (error) {
    await app.close().catch(() => {});
    await stop();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    app,
    url,
    engine,
    storage,
    get streams() {
      return hub.size;
    },
    close() {
      closing ??= (async () => {
        shuttingDown = true;
        hub.close();
        // Connections that go idle after the close began (their request just finished) are closed too, rather
        // than kept open until their keep-alive timeout.
        const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
        try {
          await app.close();
        } finally {
          clearInterval(sweep);
          await stop();
        }
      })();
      return closing;
    },
  };
}
