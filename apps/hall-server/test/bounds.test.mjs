// The server's bounds, set from the environment: event streams per session and in all (429 beyond), the time a
// request may take to arrive (a client that stalls half-way is cut), the attachment quota (413 beyond, nothing kept),
// and uploads no case cites, removed after the grace period while a cited one is kept. The first hall server had
// none of these: a session could open streams without end, and uploads were kept for ever.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { dist, makeCase, nextCase, openEvents, saveCase, sha256, startHall, ulid } from '../test-support/hall.mjs';

const { optionsFromEnv } = dist;

describe('bounds', () => {
  it('answers 429 to an event stream past STREAMS_PER_SESSION or STREAMS_TOTAL, and takes one again once one closes', async () => {
    const hall = await startHall(optionsFromEnv({ STREAMS_PER_SESSION: '2', STREAMS_TOTAL: '3' }));
    const streams = [];
    const open = async (token) => {
      const stream = await openEvents(hall.url, token);
      streams.push(stream);
      return stream;
    };
    try {
      const display = await hall.login('display');
      const kiosk = await hall.login('kiosk');
      const manager = await hall.login('manager');
      assert.equal((await open(display)).status, 200);
      assert.equal((await open(display)).status, 200);
      const third = await open(display);
      assert.equal(third.status, 429, 'a third stream of one session');
      assert.deepEqual((await third.error()).error, 'rate-limited');
      assert.equal((await open(kiosk)).status, 200, 'another session’s first');
      const over = await open(manager);
      assert.equal(over.status, 429, 'a fourth stream of the hall');
      assert.match((await over.error()).message, /3/);
      assert.equal(hall.server.streams, 3);
      // One closes: the hall takes one again.
      streams[0].close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const again = await open(manager);
      assert.equal(again.status, 200);
      await hall.call('POST', '/api/v1/queue/tickets', { token: kiosk, body: { category: 'A' } });
      await again.until((messages) => messages.some((m) => m.event === 'ticket.issued'));
    } finally {
      for (const stream of streams) stream.close();
      await hall.dispose();
    }
  });

  it('cuts a request whose body has not arrived whole within REQUEST_TIMEOUT_MS, and serves the others', async () => {
    // Node enforced the request timeout only when it was not shorter than the (default 60 s) headers timeout, and
    // looked for late requests every 30 s: the stalled client here held its connection for a minute or more.
    const hall = await startHall(optionsFromEnv({ REQUEST_TIMEOUT_MS: '1000' }));
    try {
      const url = new URL(hall.url);
      const started = performance.now();
      const { answer, closed } = await new Promise((resolve, reject) => {
        const socket = connect(Number(url.port), url.hostname, () => {
          socket.write(
            'POST /api/v1/session HTTP/1.1\r\nHost: hall\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"user":"clerk01",',
          );
        });
        let text = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk) => (text += chunk));
        socket.on('error', () => {});
        socket.on('close', () => resolve({ answer: text, closed: performance.now() - started }));
        setTimeout(() => {
          socket.destroy();
          reject(new Error(`still open after 5 s: ${text}`));
        }, 5000).unref();
      });
      assert.ok(closed >= 900 && closed < 3000, `cut after ${Math.round(closed)} ms`);
      assert.match(answer, /^HTTP\/1\.1 408 /);
      assert.equal((await hall.call('GET', '/api/v1/health')).status, 200);
    } finally {
      await hall.dispose();
    }
  });

  it('answers 413 to an upload past ATTACHMENT_QUOTA_BYTES, declared or streamed, and keeps nothing of it', async () => {
    const hall = await startHall(optionsFromEnv({ ATTACHMENT_QUOTA_BYTES: '1000' }));
    try {
      const clerk = await hall.login('clerk');
      const upload = (bytes) => hall.call('PUT', `/api/v1/attachments/${sha256(bytes)}`, { token: clerk, raw: bytes });
      const first = Buffer.alloc(600, 1);
      assert.equal((await upload(first)).status, 201);
      const second = Buffer.alloc(600, 2);
      const declared = await upload(second);
      assert.deepEqual([declared.status, declared.body.error], [413, 'too-large']);
      assert.match(declared.body.message, /附件存储已达上限/);
      // Streamed without a Content-Length: the quota is checked once the bytes are in, and they go again.
      const streamed = await fetch(new URL(`/api/v1/attachments/${sha256(second)}`, hall.url), {
        method: 'PUT',
        headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/octet-stream' },
        body: (async function* () {
          yield second.subarray(0, 300);
          yield second.subarray(300);
        })(),
        duplex: 'half',
      });
      assert.equal(streamed.status, 413);
      const file = join(hall.dataDir, 'attachments', sha256(second).slice(0, 2), sha256(second));
      assert.equal(existsSync(file), false, 'no file kept');
      assert.equal(hall.counts().attachments, 1);
      assert.equal((await hall.call('HEAD', `/api/v1/attachments/${sha256(second)}`, { token: clerk })).status, 404);
      // What still fits, fits.
      assert.equal((await upload(Buffer.alloc(400, 3))).status, 201);
    } finally {
      await hall.dispose();
    }
  });

  it('removes uploads no case cites once the grace period has passed, and keeps the cited ones', async () => {
    const hall = await startHall(optionsFromEnv({ ORPHAN_GRACE_HOURS: '0' }));
    try {
      const clerk = await hall.login('clerk');
      const put = async (text) => {
        const bytes = Buffer.from(text);
        assert.equal(
          (await hall.call('PUT', `/api/v1/attachments/${sha256(bytes)}`, { token: clerk, raw: bytes })).status,
          201,
        );
        return sha256(bytes);
      };
      const onDisk = (hash) => existsSync(join(hall.dataDir, 'attachments', hash.slice(0, 2), hash));
      const orphan = await put('a scan no case cites');
      const cited = await put('a scan the case cites');
      const dropped = await put('a scan the case cited, then no more');
      const value = makeCase({}, [cited, dropped]);
      assert.equal((await hall.sync(clerk, [saveCase(value)]))[0].status, 'applied');
      await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal(await hall.engine.sweepAttachments(), 1);
      assert.deepEqual([onDisk(orphan), onDisk(cited), onDisk(dropped)], [false, true, true]);
      assert.equal((await hall.call('HEAD', `/api/v1/attachments/${orphan}`, { token: clerk })).status, 404);
      // The case no longer cites one of its scans: that one goes at the next sweep.
      const materials = value.materials.map((m, i) => (i === 0 ? { ...m, attachments: [cited] } : m));
      const [changed] = await hall.sync(clerk, [saveCase(nextCase(value, { materials }), ulid(), { version: 1 })]);
      assert.equal(changed.status, 'applied', JSON.stringify(changed));
      await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal(await hall.engine.sweepAttachments(), 1);
      assert.deepEqual([onDisk(cited), onDisk(dropped)], [true, false]);
      assert.equal((await hall.call('GET', `/api/v1/attachments/${cited}`, { token: clerk })).status, 200);
      assert.equal(hall.counts().attachments, 1);
      // A restart sweeps too.
      const late = await put('uploaded, never cited, found at the restart');
      await hall.dispose({ keep: true });
      const again = await startHall({ dataDir: hall.dataDir, orphanGraceHours: 0 });
      try {
        assert.equal(onDisk(late), false);
        assert.equal(onDisk(cited), true);
      } finally {
        await again.dispose();
      }
    } finally {
      await hall.dispose().catch(() => {});
    }
  });
});
