// One hall server per data folder: two would share the SQLite file but each keep its own event fan-out and session
// bookkeeping, blind to the other's (a window's session ended by one would live on in the other).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHallServer, TEST_PASSWORD_COST } from '../test-support/hall.mjs';

const open = (dataDir) =>
  createHallServer({ dataDir, port: 0, seed: 'demo', passwordCost: TEST_PASSWORD_COST, logLevel: 'silent' });

describe('the data folder', () => {
  it('refuses a second server on a folder a running one holds, and lets the next one in once it stopped', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'yc-lock-'));
    try {
      const first = await open(dataDir);
      const second = await open(dataDir).then(
        (hall) => hall.close().then(() => undefined),
        (error) => error,
      );
      assert.ok(second instanceof Error, 'the second server does not start');
      assert.match(second.message, /another hall server \(process \d+\) uses this data folder/);
      assert.equal((await fetch(new URL('/api/v1/health', first.url))).status, 200, 'the first one goes on');
      await first.close();
      assert.equal(existsSync(join(dataDir, 'server.lock')), false, 'the folder is let go');
      const third = await open(dataDir);
      await third.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('takes over a folder whose server died without letting it go', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'yc-lock-'));
    try {
      // The lock of a process that is gone (a server killed with SIGKILL leaves it behind).
      const gone = spawn(process.execPath, ['-e', '']);
      await new Promise((done) => gone.once('exit', done));
      writeFileSync(join(dataDir, 'server.lock'), `${gone.pid}\n`);
      const hall = await open(dataDir);
      assert.equal((await fetch(new URL('/api/v1/health', hall.url))).status, 200);
      await hall.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
