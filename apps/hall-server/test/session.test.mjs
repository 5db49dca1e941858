// Logging in and out: clerks and managers with a password (scrypt) at a window their account may staff, one live
// session per window unless it takes the window over, devices with their token; sessions expire; failed logins are
// limited per user name and per address.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LOGINS, openEvents, startHall } from '../test-support/hall.mjs';

describe('session', () => {
  let hall;
  before(async () => (hall = await startHall()));
  after(() => hall.dispose());
  const login = (body, headers) => hall.call('POST', '/api/v1/session', { body, headers });

  it('logs clerk01 in with the demo password, at the clerk’s window, with the window’s case numbers', async () => {
    const answer = await login({ ...LOGINS.clerk, takeOver: true });
    assert.equal(answer.status, 200, answer.text);
    const session = answer.body;
    assert.deepEqual(
      {
        role: session.role,
        subject: session.subject,
        name: session.name,
        hall: session.hall,
        window: session.window,
        windows: session.windows,
      },
      { role: 'clerk', subject: 'clerk01', name: '王晓雨', hall: 'TJHP01', window: '01', windows: ['01'] },
    );
    assert.deepEqual(
      { ...session.caseNumbers, day: undefined },
      { hall: 'TJHP01', window: '01', seq: 0, day: undefined },
    );
    assert.match(session.token, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
    const hours = (Date.parse(session.expiresAt) - Date.now()) / 3600_000;
    assert.ok(hours > 11.9 && hours <= 12, `expires in the default 12 hours, got ${hours}`);
    // The token works, and it is stored only hashed; no password in the clear either.
    const me = await hall.call('GET', '/api/v1/session', { token: session.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.subject, 'clerk01');
    const database = await hall.databaseBytes();
    assert.equal(database.includes(session.token), false, 'the token is not in the database');
    assert.equal(database.includes('yichuang-demo'), false, 'no password in the clear');
  });

  it('logs a clerk in only at a window the account may staff; one with several windows chooses today’s', async () => {
    const other = await login({ ...LOGINS.clerk, window: '02' }, { 'accept-language': 'en' });
    assert.deepEqual([other.status, other.body.error], [403, 'forbidden']);
    assert.match(other.body.message, /may not staff window 02; it may staff: 01/);
    const unknown = await login({ ...LOGINS.clerk, window: '99' });
    assert.deepEqual([unknown.status, unknown.body.error], [400, 'invalid']);
    assert.equal(unknown.body.issues.length, 1);
    assert.match(unknown.body.issues[0], /^window: .*99/);
    // A manager gives an account two windows: its clerk logs in at either.
    const manager = await hall.login('manager');
    const saved = await hall.call('PUT', '/api/v1/settings/accounts/floater01', {
      token: manager,
      body: { name: '钱多', role: 'clerk', windows: ['04', '05'], password: 'floater-password-1' },
    });
    assert.equal(saved.status, 204, saved.text);
    const usual = await login({ user: 'floater01', password: 'floater-password-1' });
    assert.deepEqual([usual.body.window, usual.body.windows], ['04', ['04', '05']]);
    const today = await login({ user: 'floater01', password: 'floater-password-1', window: '05', takeOver: true });
    assert.deepEqual([today.status, today.body.window], [200, '05']);
  });

  it('keeps one live session per window: a second login is refused unless it takes over, which ends the first', async () => {
    const first = await hall.login('clerk2');
    const stream = await openEvents(hall.url, first);
    try {
      const taken = await login(LOGINS.clerk2);
      assert.deepEqual([taken.status, taken.body.error], [409, 'conflict']);
      assert.match(taken.body.message, /02 号窗口已有人员登录.*接替/);
      assert.equal((await hall.call('GET', '/api/v1/session', { token: first })).status, 200, 'the first goes on');
      const second = await login({ ...LOGINS.clerk2, takeOver: true });
      assert.equal(second.status, 200);
      const ended = await hall.call('GET', '/api/v1/session', { token: first });
      assert.deepEqual([ended.status, ended.body.error], [401, 'unauthenticated']);
      await stream.ended();
      assert.equal((await hall.call('GET', '/api/v1/session', { token: second.body.token })).status, 200);
    } finally {
      stream.close();
    }
  });

  it('refuses a wrong password and an unknown user alike, with 401 and no session', async () => {
    const before = hall.counts().sessions;
    const wrong = await login({ user: 'clerk03', password: 'nope' });
    const nobody = await login({ user: 'nobody', password: 'nope' });
    for (const answer of [wrong, nobody]) {
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.body, { error: 'unauthenticated', message: '用户名或密码不正确' });
      assert.equal(answer.headers.get('www-authenticate'), 'Bearer realm="yichuang-hall"');
    }
    assert.equal(hall.counts().sessions, before);
  });

  it('logs devices in with their tokens and their roles; refuses an unknown token', async () => {
    const kiosk = await login(LOGINS.kiosk);
    assert.deepEqual([kiosk.status, kiosk.body.role, kiosk.body.subject], [200, 'kiosk', 'kiosk-1']);
    assert.equal(kiosk.body.window, undefined);
    const pad = await login(LOGINS.pad);
    assert.deepEqual([pad.body.role, pad.body.window], ['rating-pad', '01']);
    const display = await login(LOGINS.display);
    assert.equal(display.body.role, 'display');
    const manager = await login(LOGINS.manager);
    assert.deepEqual([manager.body.role, manager.body.window], ['manager', undefined]);
    const unknown = await login({ deviceToken: 'demo-kiosk-token-9999' }, { 'accept-language': 'en-US,en;q=0.9' });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.message, 'Unknown device token: enrol the device again');
  });

  it('refuses a malformed login with 400 and a line per problem', async () => {
    const answer = await login({ user: '', password: '' });
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
    const token = await hall.login('clerk3');
    assert.equal((await hall.call('DELETE', '/api/v1/session', { token })).status, 204);
    const after = await hall.call('GET', '/api/v1/queue', { token });
    assert.equal(after.status, 401);
    assert.equal(after.headers.get('www-authenticate'), 'Bearer realm="yichuang-hall"');
    // The clerk is told the session has ended; a caller that never logged in, to log in first.
    assert.deepEqual(after.body, { error: 'unauthenticated', message: '登录已失效，请重新登录' });
    const never = await hall.call('GET', '/api/v1/queue', { headers: { 'accept-language': 'en-US' } });
    assert.deepEqual([never.status, never.body], [401, { error: 'unauthenticated', message: 'Log in first' }]);
    assert.equal((await hall.call('DELETE', '/api/v1/session', { token })).status, 401);
    // The window is free again: a login without take-over works.
    assert.equal((await login(LOGINS.clerk3)).status, 200);
  });

  it('changes a person’s own password: the current one first', async () => {
    const token = await hall.login('helper');
    const change = (body) => hall.call('POST', '/api/v1/session/password', { token, body });
    const wrong = await change({ password: 'not-the-password', newPassword: 'helper-new-password' });
    assert.deepEqual([wrong.status, wrong.body.error], [400, 'invalid']);
    const short = await change({ password: 'yichuang-demo', newPassword: 'short' });
    assert.equal(short.status, 400);
    assert.equal((await change({ password: 'yichuang-demo', newPassword: 'helper-new-password' })).status, 204);
    assert.equal((await login({ ...LOGINS.helper, takeOver: true })).status, 401);
    assert.equal((await login({ user: 'helper01', password: 'helper-new-password', takeOver: true })).status, 200);
    const kiosk = await hall.login('kiosk');
    const refused = await hall.call('POST', '/api/v1/session/password', {
      token: kiosk,
      body: { password: 'x', newPassword: 'kiosk-new-password' },
    });
    assert.equal(refused.status, 403, 'a device has no password');
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
      // An expired session holds its window no more: the clerk logs in again without taking it over.
      assert.equal((await hall.call('POST', '/api/v1/session', { body: LOGINS.clerk })).status, 200);
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
  const clerk2 = { ...LOGINS.clerk2, takeOver: true };
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
    const refused = await login(clerk2);
    assert.equal(refused.status, 429);
    assert.deepEqual(refused.body, { error: 'rate-limited', message: '登录失败次数过多，请 10 分钟后再试' });
    assert.equal(refused.headers.get('retry-after'), '600');
    const english = await login(clerk2, { 'accept-language': 'en-US' });
    assert.equal(english.body.message, 'Too many failed logins: try again in 10 minute(s)');
    assert.equal((await wrong()).status, 429, 'a refused attempt is not counted, and not tried');
    assert.equal(hall.counts().sessions, 0, 'no session');
    // Another user is not held back by it.
    assert.equal((await login(LOGINS.clerk)).status, 200);
    // The first failure leaves the window after 15 minutes: one more try, which fails again.
    now += 10 * 60_000 - 1000;
    assert.equal((await login(clerk2)).headers.get('retry-after'), '1');
    now += 1000;
    assert.equal((await wrong()).status, 401);
    assert.equal((await login(clerk2)).status, 429);
    // Once they have all aged, the right password works.
    now += 15 * 60_000;
    assert.equal((await login(clerk2)).status, 200);
  });

  it('clears a user’s count on a successful login', async () => {
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) assert.equal((await wrong()).status, 401);
      assert.equal((await login(clerk2)).status, 200, `round ${round}`);
    }
    for (let i = 0; i < 4; i++) assert.equal((await wrong()).status, 401);
    assert.equal((await wrong()).status, 401);
    assert.equal((await login(clerk2)).status, 429);
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

  it('does not count a right password refused because the window is staffed (409) as a failed login', async () => {
    await hall.login('clerk');
    for (let i = 0; i < 6; i++) assert.equal((await login(LOGINS.clerk)).status, 409, `attempt ${i + 1}`);
    assert.equal((await login({ ...LOGINS.clerk, takeOver: true })).status, 200);
  });

  it('does not count successful logins against the address', async () => {
    for (let i = 0; i < 30; i++) {
      assert.equal((await login(i % 2 ? LOGINS.kiosk : { ...LOGINS.clerk, takeOver: true })).status, 200);
    }
    for (let i = 0; i < 19; i++) await wrong(`nobody${i % 4}`);
    assert.equal((await login({ ...LOGINS.clerk, takeOver: true })).status, 200);
  });
});
