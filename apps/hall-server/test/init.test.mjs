// The operator's commands of dist/main.js: `init` sets up a new, empty hall whose only account is its first manager
// (who then configures it through the hall), and refuses to set up a folder that holds a hall; `new-key` prints a
// key line the server takes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dist, runMain, startHall } from '../test-support/hall.mjs';

const PASSWORD = 'first-manager-password';

/** Runs dist/main.js with `args`, with no key and no seed from this environment. */
const main = (args, env = {}) => runMain(args, { HALL_KEY: '', HALL_SEED: '', ...env });

describe('dist/main.js init and new-key', () => {
  it('sets up a hall whose only account is its first manager, and refuses a second init', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'yc-hall-init-'));
    try {
      const args = ['init', '--hall', 'TJHX02', '--name', '河西区政务服务中心', '--manager', 'admin'];
      const env = { DATA_DIR: dataDir, HALL_INIT_PASSWORD: PASSWORD };
      const first = await main(args, env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /hall TJHX02 set up; log in as admin/);
      assert.equal(`${first.stdout}${first.stderr}`.includes(PASSWORD), false, 'the password is not echoed');

      const hall = await startHall({ dataDir, seed: undefined });
      try {
        const health = await hall.call('GET', '/api/v1/health');
        assert.deepEqual([health.body.hall, health.body.catalogVersion], ['TJHX02', '']);
        const session = await hall.session({ user: 'admin', password: PASSWORD });
        assert.deepEqual([session.role, session.subject, session.hall], ['manager', 'admin', 'TJHX02']);
        const settings = await hall.call('GET', '/api/v1/settings', { token: session.token });
        assert.equal(settings.status, 200);
        assert.deepEqual(settings.body, {
          hall: { code: 'TJHX02', name: '河西区政务服务中心' },
          windows: [],
          categories: [],
          accounts: [{ user: 'admin', name: 'admin', role: 'manager', windows: [], disabled: false }],
          devices: [],
          followUpDays: 5,
        });
        // No demo account came along.
        assert.equal(
          (await hall.call('POST', '/api/v1/session', { body: { user: 'clerk01', password: 'yichuang-demo' } })).status,
          401,
        );
        // The manager configures the hall from here.
        const categories = await hall.call('PUT', '/api/v1/settings/categories', {
          token: session.token,
          body: { categories: [{ code: 'A', letter: 'A', name: { zh: '综合业务', en: 'General services' } }] },
        });
        assert.equal(categories.status, 204, categories.text);
      } finally {
        await hall.dispose({ keep: true });
      }

      const database = createHash('sha256')
        .update(await readFile(join(dataDir, 'hall.sqlite')))
        .digest('hex');
      const second = await main(['init', '--hall', 'OTHER1', '--name', '别处', '--manager', 'intruder'], env);
      assert.equal(second.code, 1, second.stderr);
      assert.match(second.stderr, /already holds a hall; nothing changed/);
      const again = createHash('sha256')
        .update(await readFile(join(dataDir, 'hall.sqlite')))
        .digest('hex');
      assert.equal(again, database, 'nothing changed');

      const usage = await main(['init', '--hall', 'not a code!', '--name', 'x', '--manager', 'y'], env);
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /usage: init --hall/);
      const short = await main(['init', '--hall', 'ABC', '--name', 'x', '--manager', 'y'], {
        ...env,
        HALL_INIT_PASSWORD: 'short',
      });
      assert.equal(short.code, 2);
      assert.match(short.stderr, /at least 10 characters/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('new-key prints a key line the server takes', async () => {
    const printed = await main(['new-key']);
    assert.equal(printed.code, 0, printed.stderr);
    const line = printed.stdout.trim();
    assert.match(line, /^[A-Za-z0-9]{1,32} [A-Za-z0-9_-]{43,}$/);
    const [key] = dist.parseKeys(line, 'new-key');
    assert.equal(key.secret.byteLength, 32);
    assert.notEqual((await main(['new-key'])).stdout.trim(), line, 'a new key each time');
    const hall = await startHall({ key: line });
    try {
      const token = await hall.login('clerk');
      const lookup = await hall.call('POST', '/api/v1/licences/lookup', {
        token,
        body: { holderId: '120101198506201519' },
      });
      assert.equal(lookup.body.licences.length, 2);
    } finally {
      await hall.dispose();
    }
  });
});
