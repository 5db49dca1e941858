import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AttachmentFiles } from './attachments/files.js';
import { attachmentRoutes } from './attachments/routes.js';
import { caseRoutes } from './cases/routes.js';
import { catalogRoutes } from './catalog/routes.js';
import { EventHub } from './events/hub.js';
import { eventRoutes } from './events/routes.js';
import type { HallContext } from './http/context.js';
import { installCors } from './http/cors.js';
import { installErrorHandlers } from './http/errors.js';
import { installRoleGuard } from './http/guard.js';
import { installRequestLog, loggerOptions } from './http/logging.js';
import { licenceRoutes } from './licences/routes.js';
import { queueRoutes } from './queue/routes.js';
import { demoSeed } from './seed/demo.js';
import { DEFAULT_PASSWORD_COST } from './session/passwords.js';
import { sessionRoutes } from './session/routes.js';
import { statsRoutes } from './stats/routes.js';
import { SqliteHallStorage } from './storage/sqlite.js';
import type { HallStorage } from './storage/storage.js';
import { syncRoutes } from './sync/routes.js';
import { pageRoutes } from './web/pages.js';

declare const __HALL_SERVER_VERSION__: string;

/** The server's version (from its package.json, set by the build). */
export const HALL_SERVER_VERSION: string =
  typeof __HALL_SERVER_VERSION__ === 'string' ? __HALL_SERVER_VERSION__ : '0.0.0-dev';

/** This package's folder (the built files are in its `dist/`, the sources in its `src/`: one level down). */
export const PACKAGE_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** Defaults of {@link HallServerOptions}, as documented in the README. */
export const DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  dataDir: join(PACKAGE_DIR, 'data'),
  logLevel: 'info',
  sessionHours: 12,
  maxAttachmentBytes: 20 * 1024 * 1024,
  passwordCost: DEFAULT_PASSWORD_COST,
  heartbeatMs: 15_000,
  /** Largest JSON body of any route but sync. */
  bodyLimit: 1024 * 1024,
} as const;

/** How to run a hall server. Everything is optional. */
export interface HallServerOptions {
  /** Where the database and the attachments live (default `apps/hall-server/data`). */
  dataDir?: string;
  /** TCP port; 0 picks a free one (default 8080). */
  port?: number;
  /** Address to listen on (default 127.0.0.1: this machine only). */
  host?: string;
  /** `demo` seeds the demo hall into an empty database. */
  seed?: 'demo';
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
  /** log2 of scrypt's N for new password hashes (default 15). Tests may use 10. */
  passwordCost?: number;
  /** Milliseconds between heartbeat comments on event streams (default 15000). */
  heartbeatMs?: number;
  /**
   * Prefix each broadcast event with a `: t=<ns>` SSE comment (monotonic clock at commit) so a benchmark can time
   * fan-out from the event itself; clients ignore comments. Off by default.
   */
  eventTiming?: boolean;
  /** The storage to use instead of SQLite in `dataDir` (e.g. a PostgreSQL implementation). */
  storage?: HallStorage;
  /** The clock, epoch milliseconds (tests). */
  now?: () => number;
  /** The built demo catalog (default `packages/demo-catalog/generated/catalog.json`). */
  catalogFile?: string;
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
  storage: HallStorage;
  /** Open event streams. */
  readonly streams: number;
  /**
   * Graceful shutdown: stops accepting connections, ends the event streams, lets requests in flight finish,
   * then closes the database. Safe to call twice.
   */
  close(): Promise<void>;
}

/**
 * Creates, seeds (when asked) and starts a hall server.
 *
 * @throws Error when the database cannot be opened or the port cannot be bound.
 */
export async function createHallServer(options: HallServerOptions = {}): Promise<HallServer> {
  const dataDir = resolve(options.dataDir ?? DEFAULTS.dataDir);
  const repoRoot = resolve(options.repoRoot ?? join(PACKAGE_DIR, '../..'));
  const now = options.now ?? Date.now;
  const storage = options.storage ?? new SqliteHallStorage(join(dataDir, 'hall.sqlite'));
  const files = new AttachmentFiles(join(dataDir, 'attachments'));
  const hub = new EventHub(storage, { now, timing: options.eventTiming ?? false });
  const passwordCost = options.passwordCost ?? DEFAULTS.passwordCost;
  try {
    await files.init();
    if (options.seed === 'demo' && !(await storage.hall())) {
      const catalogFile = options.catalogFile ?? join(repoRoot, 'packages/demo-catalog/generated/catalog.json');
      await storage.seed(await demoSeed(passwordCost, catalogFile), new Date(now()).toISOString());
    }
    await hub.start(options.heartbeatMs ?? DEFAULTS.heartbeatMs);
  } catch (error) {
    hub.close();
    await storage.close();
    throw error;
  }

  const app = Fastify({
    logger: loggerOptions(options.logLevel ?? DEFAULTS.logLevel, options.logStream),
    // Fastify's own request lines would carry the URL and more: ours (installRequestLog) carry only the route.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: DEFAULTS.bodyLimit,
    exposeHeadRoutes: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
  });

  const context: HallContext = {
    storage,
    hub,
    files,
    now,
    version: HALL_SERVER_VERSION,
    sessionHours: options.sessionHours ?? DEFAULTS.sessionHours,
    maxAttachmentBytes: options.maxAttachmentBytes ?? DEFAULTS.maxAttachmentBytes,
    passwordCost,
    repoRoot,
    demo: options.seed === 'demo',
  };

  installErrorHandlers(app, { bodyLimit: DEFAULTS.bodyLimit });
  installRequestLog(app);
  installCors(app, options.corsOrigins ?? []);
  installRoleGuard(app, context);
  let shuttingDown = false;
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('x-content-type-options')) reply.header('x-content-type-options', 'nosniff');
    // A request that finishes during shutdown does not keep its connection open.
    if (shuttingDown) reply.header('connection', 'close');
    return payload;
  });
  // The streams end before the server waits for its connections: they would keep it open for ever.
  app.addHook('preClose', async () => hub.close());

  statsRoutes(app, context);
  sessionRoutes(app, context);
  catalogRoutes(app, context);
  syncRoutes(app, context);
  attachmentRoutes(app, context);
  caseRoutes(app, context);
  queueRoutes(app, context);
  licenceRoutes(app, context);
  eventRoutes(app, context);
  pageRoutes(app, context);

  let url = '';
  try {
    if (options.listen ?? true) {
      await app.listen({ port: options.port ?? DEFAULTS.port, host: options.host ?? DEFAULTS.host });
      const address = app.server.address();
      if (address && typeof address === 'object') {
        const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        url = `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${address.port}/`;
      }
    } else {
      await app.ready();
    }
  } catch (error) {
    hub.close();
    await app.close().catch(() => {});
    await storage.close();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    app,
    url,
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
          await storage.close();
        }
      })();
      return closing;
    },
  };
}
