// The keys that seal personal data: from HALL_KEY or the key file (created owner-only when missing, tightened when
// others could read it), a malformed key file stops the server with a message naming the file and never the secret,
// and rotation (a new key first, the old one second) seals everything again under the new key, so that the old one
// can go. The first hall server had no keys: nothing was sealed, and nothing of this could be checked.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  APPLICANT,
  runMain,
  TEST_PASSWORD_COST,
  createHallServer,
  makeCase,
  occurrences,
  saveCase,
  startHall,
} from '../test-support/hall.mjs';

/** A key line: an id and 32 random bytes. */
const keyLine = (id) => `${id} ${randomBytes(32).toString('base64url')}`;

async function withFolder(work) {
  const dir = await mkdtemp(join(tmpdir(), 'yc-hall-keys-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Saves a case as clerk01; resolves it. */
async function saveOne(hall) {
  const value = makeCase();
  const [result] = await hall.sync(await hall.login('clerk'), [saveCase(value)]);
  assert.equal(result.status, 'applied', JSON.stringify(result));
  return value;
}

/** The case as the hall reads it back, and the licences it finds for the applicant. */
async function readBack(hall, value) {
  const token = await hall.login('clerk');
  const read = await hall.call('GET', `/api/v1/cases/${value.id}`, { token });
  assert.equal(read.status, 200, read.text);
  assert.deepEqual(read.body, value);
  const licences = await hall.call('POST', '/api/v1/licences/lookup', {
    token,
    body: { holderId: APPLICANT.idNumber },
  });
  assert.deepEqual(licences.body.licences.map((l) => l.type).sort(), ['marriage-certificate', 'resident-id-card']);
}

describe('keys', () => {
  it('creates the key file owner-only when missing, and tightens one others could read', async (t) => {
    await withFolder(async (dataDir) => {
      const first = await startHall({ dataDir });
      const value = await saveOne(first);
      await first.dispose({ keep: true });
      const keyFile = join(dataDir, 'hall.key');
      const text = await readFile(keyFile, 'utf8');
      assert.match(text, /^[A-Za-z0-9]{1,32} [A-Za-z0-9_-]{43,}$/m, 'one key line');
      if (process.platform === 'win32') {
        t.diagnostic('file modes are not checked on Windows');
      } else {
        assert.equal((await stat(keyFile)).mode & 0o777, 0o600);
        await chmod(keyFile, 0o644);
      }
      const second = await startHall({ dataDir });
      try {
        if (process.platform !== 'win32') assert.equal((await stat(keyFile)).mode & 0o777, 0o600, 'tightened');
        assert.equal(await readFile(keyFile, 'utf8'), text, 'the same key');
        await readBack(second, value);
      } finally {
        await second.dispose({ keep: true });
      }
    });
  });

  it('takes the keys from HALL_KEY without writing a key file, and does not start without the key that sealed', async () => {
    await withFolder(async (dataDir) => {
      const key = keyLine('keyEnv');
      const first = await startHall({ dataDir, key });
      const value = await saveOne(first);
      await first.dispose({ keep: true });
      assert.equal(existsSync(join(dataDir, 'hall.key')), false, 'no key file');
      const again = await startHall({ dataDir, key: ` ${key} ` });
      try {
        await readBack(again, value);
      } finally {
        await again.dispose({ keep: true });
      }
      // Another key alone cannot open what the hall holds: the server says so rather than serve errors.
      const stranger = keyLine('keyOther');
      const refused = await startHall({ dataDir, key: stranger }).then(
        (hall) => hall.dispose({ keep: true }).then(() => undefined),
        (error) => error,
      );
      assert.ok(refused instanceof Error, 'the server does not start');
      assert.match(refused.message, /keyEnv/);
      assert.equal(refused.message.includes(stranger.split(' ')[1]), false);
      assert.equal(refused.message.includes(key.split(' ')[1]), false);
    });
  });

  it('stops on a malformed key file or HALL_KEY, naming the file and never the secret', async () => {
    await withFolder(async (dataDir) => {
      const secret = `TheSecretPart${'s'.repeat(40)}`;
      const keyFile = join(dataDir, 'hall.key');
      const malformed = [
        `k1 ${secret}$`,
        `k1 ${secret.slice(0, 20)}`,
        `${keyLine('k1')}\nk1 ${secret}`,
        `this is not a key line at all: ${secret}`,
        '# only a comment',
      ];
      for (const text of malformed) {
        await writeFile(keyFile, `${text}\n`, { mode: 0o600 });
        const error = await createHallServer({
          dataDir,
          listen: false,
          passwordCost: TEST_PASSWORD_COST,
          logLevel: 'silent',
        }).then(
          async (hall) => {
            await hall.close();
            return undefined;
          },
          (caught) => caught,
        );
        assert.ok(error instanceof Error, `refused: ${text}`);
        assert.ok(error.message.includes(keyFile), `${error.message} names the file`);
        assert.equal(error.message.includes('TheSecretPart'), false, `${error.message} shows no secret`);
        assert.equal(existsSync(join(dataDir, 'hall.sqlite')), false, 'no database created');
      }
      const fromEnv = await createHallServer({ dataDir, key: `k1 ${secret}$`, listen: false, logLevel: 'silent' }).then(
        async (hall) => {
          await hall.close();
          return new Error('started');
        },
        (caught) => caught,
      );
      assert.match(fromEnv.message, /^HALL_KEY/);
      assert.equal(fromEnv.message.includes('TheSecretPart'), false);
      // The program: exit code 1, the message on stderr.
      await writeFile(keyFile, `k1 ${secret}$\n`, { mode: 0o600 });
      const { code, output } = await runMain([], { PORT: '0', DATA_DIR: dataDir, HALL_KEY: '' });
      assert.equal(code, 1, output);
      assert.ok(output.includes(keyFile), output);
      assert.equal(output.includes('TheSecretPart'), false, output);
    });
  });

  it('rotates: with the new key first, everything is sealed again under it, and the old key can go', async () => {
    await withFolder(async (dataDir) => {
      const keyFile = join(dataDir, 'hall.key');
      const alpha = keyLine('keyAlpha');
      const bravo = keyLine('keyBravo');
      await mkdir(dataDir, { recursive: true });
      await writeFile(keyFile, `${alpha}\n`, { mode: 0o600 });
      const first = await startHall({ dataDir });
      const value = await saveOne(first);
      await readBack(first, value);
      const sealedUnder = async (hall, id) => occurrences(await hall.databaseBytes(), `"${id}.`);
      assert.ok((await sealedUnder(first, 'keyAlpha')) > 0, 'sealed values start with the id of their key');
      await first.dispose({ keep: true });

      await writeFile(keyFile, `# the new key first\n${bravo}\n${alpha}\n`, { mode: 0o600 });
      const rotated = await startHall({ dataDir });
      try {
        await readBack(rotated, value);
        assert.equal(await sealedUnder(rotated, 'keyAlpha'), 0, 'nothing sealed under the old key, log included');
        assert.ok((await sealedUnder(rotated, 'keyBravo')) > 0);
        assert.equal(occurrences(await rotated.databaseBytes(), alpha.split(' ')[1]), 0, 'no key in the database');
      } finally {
        await rotated.dispose({ keep: true });
      }
      assert.equal(occurrences(await readFile(join(dataDir, 'hall.sqlite')), '"keyAlpha.'), 0, 'closed, too');

      await writeFile(keyFile, `${bravo}\n`, { mode: 0o600 });
      const after = await startHall({ dataDir });
      try {
        await readBack(after, value);
        // And the hall goes on sealing under the new key.
        const later = await saveOne(after);
        await readBack(after, later);
      } finally {
        await after.dispose({ keep: true });
      }
    });
  });
});
