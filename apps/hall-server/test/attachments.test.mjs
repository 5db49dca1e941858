// Attachments stored on disk by their SHA-256: the body must hash to the name, the size is limited, a failed
// upload leaves nothing behind, and a clerk reads only the files they uploaded or that a case of theirs cites.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeCase, saveCase, sha256, startHall } from '../test-support/hall.mjs';

/** Every file under `dir`. */
async function filesUnder(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

describe('attachments', () => {
  let hall;
  let clerk;
  beforeEach(async () => {
    hall = await startHall({ maxAttachmentBytes: 64 * 1024 });
    clerk = await hall.login('clerk');
  });
  afterEach(() => hall.dispose());

  it('stores a file under attachments/ab/<sha256> and gives back the same bytes; HEAD tells its size', async () => {
    const bytes = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 131) & 255));
    const hash = sha256(bytes);
    assert.equal((await hall.call('HEAD', `/api/v1/attachments/${hash}`, { token: clerk })).status, 404);
    const put = await hall.call('PUT', `/api/v1/attachments/${hash}`, {
      token: clerk,
      raw: bytes,
      headers: { 'content-type': 'image/jpeg' },
    });
    assert.equal(put.status, 201);
    assert.deepEqual(put.body, { sha256: hash, size: bytes.length });
    // Once the PUT is answered, the file is complete under its final name, and nothing is left in tmp/. (That the
    // file and the folder entries naming it were fsynced before the attachment was recorded cannot be seen from
    // here: it only shows after a power cut. files.ts syncs the file, `ab/` when it is new, and `ab/` after the
    // rename.)
    const onDisk = await readFile(join(hall.dataDir, 'attachments', hash.slice(0, 2), hash));
    assert.ok(onDisk.equals(bytes));
    assert.deepEqual(await filesUnder(join(hall.dataDir, 'attachments')), [
      join(hall.dataDir, 'attachments', hash.slice(0, 2), hash),
    ]);

    const head = await hall.call('HEAD', `/api/v1/attachments/${hash.toUpperCase()}`, { token: clerk });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(bytes.length));
    const manager = await hall.login('manager');
    const response = await fetch(new URL(`/api/v1/attachments/${hash}`, hall.url), {
      headers: { authorization: `Bearer ${manager}` },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/octet-stream');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(response.headers.get('content-security-policy'), /sandbox/);
    assert.ok(Buffer.from(await response.arrayBuffer()).equals(bytes));

    // Uploading it again is harmless: 200, one file, one row.
    const again = await hall.call('PUT', `/api/v1/attachments/${hash}`, { token: clerk, raw: bytes });
    assert.equal(again.status, 200);
    assert.equal(hall.counts().attachments, 1);
  });

  it('lets a clerk read the files they uploaded or a case of their windows cites; a manager any', async () => {
    const bytes = Buffer.from('scan of a household register');
    const hash = sha256(bytes);
    assert.equal((await hall.call('PUT', `/api/v1/attachments/${hash}`, { token: clerk, raw: bytes })).status, 201);
    const clerk2 = await hall.login('clerk2');
    const other = await hall.call('GET', `/api/v1/attachments/${hash}`, { token: clerk2 });
    assert.deepEqual([other.status, other.body.error], [404, 'not-found'], 'as if the hall did not hold it');
    // Cited by a case of window 02: clerk02 reads it now.
    const value = makeCase({ window: '02' }, [hash]);
    const [result] = await hall.sync(clerk2, [saveCase(value)]);
    assert.equal(result.status, 'applied', JSON.stringify(result));
    const read = await hall.call('GET', `/api/v1/attachments/${hash}`, { token: clerk2 });
    assert.equal(read.status, 200);
    assert.equal(read.text, bytes.toString());
    const clerk3 = await hall.login('clerk3');
    assert.equal((await hall.call('HEAD', `/api/v1/attachments/${hash}`, { token: clerk3 })).status, 404);
  });

  it('refuses a body that does not hash to its name with 422, and keeps nothing', async () => {
    const claimed = sha256(Buffer.from('the real scan'));
    const answer = await hall.call('PUT', `/api/v1/attachments/${claimed}`, {
      token: clerk,
      raw: Buffer.from('something else'),
    });
    assert.equal(answer.status, 422);
    assert.equal(answer.body.error, 'hash-mismatch');
    assert.match(answer.body.message, new RegExp(sha256(Buffer.from('something else'))));
    assert.equal((await hall.call('HEAD', `/api/v1/attachments/${claimed}`, { token: clerk })).status, 404);
    assert.deepEqual(await filesUnder(join(hall.dataDir, 'attachments')), []);
    assert.equal(hall.counts().attachments, 0);
  });

  it('refuses a file over MAX_ATTACHMENT_BYTES with 413, declared or streamed, and keeps nothing', async () => {
    const big = Buffer.alloc(64 * 1024 + 1, 7);
    const declared = await hall.call('PUT', `/api/v1/attachments/${sha256(big)}`, { token: clerk, raw: big });
    assert.equal(declared.status, 413);
    assert.deepEqual(declared.body, { error: 'too-large', message: '请求内容过大，上限为 64 KiB' });
    // Without a Content-Length (chunked), the limit is enforced while streaming.
    const chunks = async function* () {
      for (let i = 0; i < 20; i++) yield Buffer.alloc(8 * 1024, i);
    };
    const streamed = await fetch(new URL(`/api/v1/attachments/${'b'.repeat(64)}`, hall.url), {
      method: 'PUT',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/octet-stream' },
      body: chunks(),
      duplex: 'half',
    }).catch((error) => ({ status: `network error ${error.cause?.code ?? error.message}` }));
    assert.equal(streamed.status, 413);
    assert.deepEqual(await filesUnder(join(hall.dataDir, 'attachments')), []);
    assert.equal(hall.counts().attachments, 0);
    // The server still serves.
    const small = Buffer.from('fits');
    assert.equal(
      (await hall.call('PUT', `/api/v1/attachments/${sha256(small)}`, { token: clerk, raw: small })).status,
      201,
    );
  });

  it('refuses a name that is not a SHA-256 with 400', async () => {
    for (const name of ['abc', 'g'.repeat(64), `${'a'.repeat(64)}0`]) {
      const answer = await hall.call('PUT', `/api/v1/attachments/${name}`, { token: clerk, raw: 'x' });
      assert.equal(answer.status, 400, name);
      assert.equal(answer.body.error, 'invalid');
    }
    const get = await hall.call('GET', `/api/v1/attachments/..%2F..%2Fhall.sqlite`, { token: clerk });
    assert.equal(get.status, 400);
  });

  it('stores an empty file only under the hash of nothing', async () => {
    const empty = sha256(Buffer.alloc(0));
    assert.equal((await hall.call('PUT', `/api/v1/attachments/${empty}`, { token: clerk })).status, 201);
    assert.equal((await hall.call('PUT', `/api/v1/attachments/${'c'.repeat(64)}`, { token: clerk })).status, 422);
  });
});
