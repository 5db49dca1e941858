/**
 * Runs the hall server from the environment (see `config.ts` and the README) until SIGINT or SIGTERM, then shuts
 * down gracefully: no new connections, event streams ended, requests in flight finished, database closed.
 *
 * Two more commands, for operators:
 *   node dist/main.js init --hall TJHP01 --name 和平区政务服务中心 --manager admin [--manager-name 管理员]
 *     sets up a new, empty hall with its first manager (password from HALL_INIT_PASSWORD, or read from stdin), in
 *     DATA_DIR; the manager then configures windows, categories, accounts and devices through the hall.
 *   node dist/main.js new-key
 *     prints a new key line for the key file (rotation: put it first in the file, restart).
 */
import { createInterface } from 'node:readline';
import { ConfigError, optionsFromEnv } from './config.js';
import { newKeyLine } from './secrets/key-file.js';
import { createHallServer } from './server.js';

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

function options() {
  try {
    return optionsFromEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`hall server: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/** The value after `--name` in the arguments. */
function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function readPassword(): Promise<string> {
  const given = process.env.HALL_INIT_PASSWORD;
  if (given) return given;
  process.stderr.write('first manager’s password (at least 10 characters): ');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line.trim();
  }
  return '';
}

async function init(args: readonly string[]): Promise<void> {
  const code = flag(args, 'hall');
  const name = flag(args, 'name');
  const user = flag(args, 'manager');
  if (!code || !name || !user || !/^[0-9A-Za-z]{1,16}$/.test(code)) {
    process.stderr.write(
      'usage: init --hall <code: 1-16 letters or digits> --name <hall name> --manager <user> [--manager-name <name>]\n',
    );
    process.exit(2);
  }
  const password = await readPassword();
  if (password.length < 10) {
    process.stderr.write('hall server: the password needs at least 10 characters\n');
    process.exit(2);
  }
  const hall = await createHallServer({ ...options(), seed: undefined, listen: false, logLevel: 'warn' });
  try {
    if (await hall.engine.hall()) {
      process.stderr.write('hall server: this data folder already holds a hall; nothing changed\n');
      process.exitCode = 1;
      return;
    }
    await hall.engine.initialise({ code, name, manager: { user, name: flag(args, 'manager-name') ?? user, password } });
    process.stdout.write(
      `hall ${code} set up; log in as ${user} and configure windows, categories, accounts and devices\n`,
    );
  } finally {
    await hall.close();
  }
}

async function serve(): Promise<void> {
  const settings = options();
  const hall = await createHallServer(settings);
  const { app, url } = hall;
  app.log.info({ url, seed: settings.seed ?? 'none', storage: hall.storage.kind }, 'hall server ready');
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

const [command, ...args] = process.argv.slice(2);
const run =
  command === 'init'
    ? init(args)
    : command === 'new-key'
      ? Promise.resolve(void process.stdout.write(`${newKeyLine()}\n`))
      : serve();
run.catch((error: unknown) => {
  process.stderr.write(`hall server failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
