// Logging in and out: clerks and managers with a password (scrypt), devices with their token; sessions expire.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LOGINS, startHall } from '../test-support/hall.mjs';

describe('session', () => {
  let hall;
  beforeEach(async () => (hall = await startHall()));
  afterEach(() => hall.dispose());

  it('logs clerk01 in with the demo password, at the clerk’s usual window', async () => {
    const answer = await hall.call('POST', '/api/v1/session', { body: LOGINS.clerk });
    assert.equal(answer.status, 200);
    const session = answer.body;
    assert.deepEqual(
      { role: session.role, subject: session.subject, name: session.name, hall: session.hall, window: session.window },
      { role: 'clerk', subject: 'clerk01', name: '王晓雨', hall: 'TJHP01', window: '01' },
    );
    assert.match(session.token, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
    const hours = (Date.parse(session.expiresAt) - Date.now()) / 3600_000;
    assert.ok(hours > 11.9 && hours <= 12, `expires in the default 12 hours, got ${hours}`);
    // The token works, and it is stored only hashed.
    const me = await hall.call('GET', '/api/v1/session', { token: session.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.subject, 'clerk01');
    const { readFile } = await import('node:fs/promises');
    const database = await readFile(`${hall.dataDir}/hall.sqlite`).catch(() => Buffer.alloc(0));
    const wal = await readFile(`${hall.dataDir}/hall.sqlite-wal`).catch(() => Buffer.alloc(0));
    assert.equal(Buffer.concat([database, wal]).includes(session.token), false, 'the token is not in the database');
    assert.equal(Buffer.concat([database, wal]).includes('yichuang-demo'), false, 'no password in clear');
  });

  it('lets a clerk choose today’s window, and refuses a window the hall does not have', async () => {
    const today = await hall.call('POST', '/api/v1/session', { body: { ...LOGINS.clerk, window: '05' } });
    assert.equal(today.body.window, '05');
    const unknown = await hall.call('POST', '/api/v1/session', { body: { ...LOGINS.clerk, window: '99' } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error, 'invalid');
    assert.deepEqual(unknown.body.issues, ['window: the hall has no window 99']);
  });

  it('refuses a wrong password and an unknown user alike, with 401 and no session', async () => {
    const before = (await hall.storage.counts()).sessions;
    const wrong = await hall.call('POST', '/api/v1/session', { body: { user: 'clerk01', password: 'nope' } });
    const nobody = await hall.call('POST', '/api/v1/session', { body: { user: 'nobody', password: 'nope' } });
    for (const answer of [wrong, nobody]) {
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.body, { error: 'unauthenticated', message: '用户名或密码不正确' });
    }
    assert.equal((await hall.storage.counts()).sessions, before);
  });

  it('logs devices in with their tokens and their roles; refuses an unknown token', async () => {
    const kiosk = await hall.call('POST', '/api/v1/session', { body: LOGINS.kiosk });
    assert.deepEqual([kiosk.status, kiosk.body.role, kiosk.body.subject], [200, 'kiosk', 'kiosk-1']);
    assert.equal(kiosk.body.window, undefined);
    const pad = await hall.call('POST', '/api/v1/session', { body: LOGINS.pad });
    assert.deepEqual([pad.body.role, pad.body.window], ['rating-pad', '01']);
    const display = await hall.call('POST', '/api/v1/session', { body: LOGINS.display });
    assert.equal(display.body.role, 'display');
    const manager = await hall.call('POST', '/api/v1/session', { body: LOGINS.manager });
    assert.deepEqual([manager.body.role, manager.body.window], ['manager', undefined]);
    const unknown = await hall.call('POST', '/api/v1/session', {
      body: { deviceToken: 'demo-kiosk-token-9999' },
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.message, 'Unknown device token: enrol the device again');
  });

  it('refuses a malformed login with 400 and a line per problem', async () => {
    const answer = await hall.call('POST', '/api/v1/session', { body: { user: '', password: '' } });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error, 'invalid');
    assert.ok(
      answer.body.issues.some((line) => line.startsWith('user:')),
      answer.text,
    );
    assert.ok(
      answer.body.issues.some((line) => line.startsWith('password:')),
      answer.text,
    );
  });

  it('logs out: the token stops working at once', async () => {
    const token = await hall.login('clerk');
    assert.equal((await hall.call('DELETE', '/api/v1/session', { token })).status, 204);
    const after = await hall.call('GET', '/api/v1/queue', { token });
    assert.equal(after.status, 401);
    assert.equal(after.headers.get('www-authenticate'), 'Bearer realm="yichuang-hall"');
    assert.equal((await hall.call('DELETE', '/api/v1/session', { token })).status, 401);
  });
});

describe('session expiry', () => {
  it('answers 401 once the session is older than SESSION_HOURS', async () => {
    let now = Date.now();
    const hall = await startHall({ sessionHours: 1, now: () => now });
    try {
      const token = await hall.login('clerk');
      assert.equal((await hall.call('GET', '/api/v1/session', { token })).status, 200);
      now += 59 * 60_000;
      assert.equal((await hall.call('GET', '/api/v1/session', { token })).status, 200);
      now += 2 * 60_000;
      const expired = await hall.call('GET', '/api/v1/session', { token });
      assert.equal(expired.status, 401);
      assert.equal(expired.body.error, 'unauthenticated');
    } finally {
      await hall.dispose();
    }
  });
});
