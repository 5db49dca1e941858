/**
 * Runs the hall server from the environment (see `config.ts` and the README) until SIGINT or SIGTERM, then shuts
 * down gracefully: no new connections, event streams ended, requests in flight finished, database closed.
 */
import { ConfigError, optionsFromEnv } from './config.js';
import { createHallServer } from './server.js';

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  let options;
  try {
    options = optionsFromEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`hall server: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const hall = await createHallServer(options);
  const { app, url } = hall;
  app.log.info({ url, seed: options.seed ?? 'none', storage: hall.storage.kind }, 'hall server ready');
  process.stdout.write(`\nYichuang hall server: ${url}\n(Ctrl+C stops it)\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      app.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long: exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    hall.close().then(
      () => {
        app.log.info('hall server stopped');
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`hall server failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
