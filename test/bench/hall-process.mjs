// The hall server as the benchmarks run it: its built program (apps/hall-server/dist/main.js) in a process of its
// own, on a fresh data folder, so that what it does and what the benchmark's clients do are not one event loop.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built hall server the benchmarks start. */
export const HALL_MAIN = 'apps/hall-server/dist/main.js';

/**
 * Starts the hall server seeded with `seed` (`demo` or `bench`) on a fresh data folder, its events stamped with the
 * commit time (EVENT_TIMING=1); resolves when it answers. `env`: more variables for it; `execArgv`: options of its
 * Node (`--cpu-prof` to profile it).
 *
 * @returns its URL, its data folder, and `stop()` (SIGTERM, then the folder removed).
 */
export async function startHall({ seed = 'demo', env = {}, execArgv = [] } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'yichuang-bench-hall-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [...execArgv, HALL_MAIN], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      HALL_SEED: seed,
      CORS_ORIGINS: '*',
      LOG_LEVEL: 'warn',
      EVENT_TIMING: '1',
      ...env,
    },
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {
      if (i > 300 || child.exitCode !== null) throw new Error('bench: the hall server did not start');
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  const stop = () =>
    new Promise((done) => {
      process.off('exit', kill);
      if (child.exitCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    }).then(() => rmSync(dataDir, { recursive: true, force: true }));
  return { url, dataDir, pid: child.pid, stop };
}
