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
    // The clerk is told the session has ended; a caller that never logged in, to log in first.
    assert.deepEqual(after.body, { error: 'unauthenticated', message: '登录已失效，请重新登录' });
    const never = await hall.call('GET', '/api/v1/queue', { headers: { 'accept-language': 'en-US' } });
    assert.deepEqual([never.status, never.body], [401, { error: 'unauthenticated', message: 'Log in first' }]);
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
      assert.deepEqual(expired.body, { error: 'unauthenticated', message: '登录已失效，请重新登录' });
    } finally {
      await hall.dispose();
    }
  });
});

describe('login throttling', () => {
  let hall;
  let now;
  const login = (body, headers) => hall.call('POST', '/api/v1/session', { body, headers });
  const wrong = (user = 'clerk02') => login({ user, password: 'guess-yichuang' });
  beforeEach(async () => {
    now = Date.now();
    hall = await startHall({ now: () => now });
  });
  afterEach(() => hall.dispose());

  it('answers 429 with Retry-After to a user name after 5 failed logins in 15 minutes, right password or not, until they age', async () => {
    for (let i = 0; i < 5; i++) {
      assert.equal((await wrong()).status, 401, `failure ${i + 1} is an ordinary 401`);
      now += 60_000;
    }
    // 5 minutes after the first failure: 10 minutes to wait.
    const refused = await login(LOGINS.clerk2);
    assert.equal(refused.status, 429);
    assert.deepEqual(refused.body, { error: 'rate-limited', message: '登录失败次数过多，请 10 分钟后再试' });
    assert.equal(refused.headers.get('retry-after'), '600');
    const english = await login(LOGINS.clerk2, { 'accept-language': 'en-US' });
    assert.equal(english.body.message, 'Too many failed logins: try again in 10 minute(s)');
    assert.equal((await wrong()).status, 429, 'a refused attempt is not counted, and not tried');
    assert.equal((await hall.storage.counts()).sessions, 0, 'no session');
    // Another user is not held back by it.
    assert.equal((await login(LOGINS.clerk)).status, 200);
    // The first failure leaves the window after 15 minutes: one more try, which fails again.
    now += 10 * 60_000 - 1000;
    assert.equal((await login(LOGINS.clerk2)).headers.get('retry-after'), '1');
    now += 1000;
    assert.equal((await wrong()).status, 401);
    assert.equal((await login(LOGINS.clerk2)).status, 429);
    // Once they have all aged, the right password works.
    now += 15 * 60_000;
    assert.equal((await login(LOGINS.clerk2)).status, 200);
  });

  it('clears a user’s count on a successful login', async () => {
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) assert.equal((await wrong()).status, 401);
      assert.equal((await login(LOGINS.clerk2)).status, 200, `round ${round}`);
    }
    for (let i = 0; i < 4; i++) assert.equal((await wrong()).status, 401);
    assert.equal((await wrong()).status, 401);
    assert.equal((await login(LOGINS.clerk2)).status, 429);
  });

  it('counts guesses sent at once: of 12 parallel ones only 5 are tried', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => wrong()));
    const statuses = answers.map((answer) => answer.status).sort();
    assert.deepEqual(statuses, [...Array(5).fill(401), ...Array(7).fill(429)]);
  });

  it('answers 429 to an address after 20 failed logins, passwords and device tokens alike', async () => {
    // Spread over many user names (4 each), so that only the address's count reaches its limit.
    for (let i = 0; i < 12; i++) assert.equal((await wrong(`nobody${i % 3}`)).status, 401);
    for (let i = 0; i < 8; i++) {
      const answer = await login({ deviceToken: `no-such-device-token-${i}` });
      assert.equal(answer.status, 401);
    }
    const device = await login(LOGINS.kiosk);
    assert.equal(device.status, 429);
    assert.equal(device.body.error, 'rate-limited');
    assert.equal(device.headers.get('retry-after'), '900');
    assert.equal((await login(LOGINS.manager)).status, 429, 'every login from the address');
    now += 15 * 60_000;
    assert.equal((await login(LOGINS.kiosk)).status, 200);
    assert.equal((await login(LOGINS.manager)).status, 200);
  });

  it('does not count successful logins against the address', async () => {
    for (let i = 0; i < 30; i++) assert.equal((await login(i % 2 ? LOGINS.kiosk : LOGINS.clerk)).status, 200);
    for (let i = 0; i < 19; i++) await wrong(`nobody${i % 4}`);
    assert.equal((await login(LOGINS.clerk)).status, 200);
  });
});
