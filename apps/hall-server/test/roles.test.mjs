// The role matrix, generated from the protocol's ROUTES table: every route that is not public answers 401
// without a token, with a malformed or unknown token and with an expired one, and 403 to every role the table
// does not list — before reading the body, so a refused call stores nothing; every role the table lists gets
// through the guard.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEMO_HALL,
  LOGINS,
  LOGIN_OF_ROLE,
  demoCatalog,
  makeCase,
  openEvents,
  protocol,
  saveCase,
  sha256,
  startHall,
} from '../test-support/hall.mjs';

const { ROUTES, ROLE_KEYS } = protocol;

/** A file a refused upload carries: its bytes DO hash to its name, so only the guard can keep it out. */
const FILE = Buffer.from('scan of an identity card, uploaded by a role that may not upload');
const FILE_SHA256 = sha256(FILE);

/** Valid bodies: a wrong role with one of these would change the hall if the guard let it through. */
const VALID = {
  changePassword: { password: 'yichuang-demo', newPassword: 'taken-over-password' },
  publishCatalog: { ...demoCatalog, version: '2027.01-forged' },
  publishCalendar: { year: 2027, published: '伪造', holidays: [], workdays: [] },
  sync: { mutations: [saveCase(makeCase())] },
  claimCase: { number: 'TJHP01-20261126-01-0001', idNumber: '120101198506201519' },
  issueTicket: { category: 'A' },
  callNext: { window: '01' },
  queueCommand: { command: 'finish', window: '01' },
  licences: { holderId: '120101198506201519' },
  saveWindows: { windows: DEMO_HALL.windows.slice(0, 1) },
  saveCategories: { categories: DEMO_HALL.categories },
  saveAccount: { name: '冒名', role: 'manager', windows: [], password: 'a-forged-password' },
  enrolDevice: { id: 'forged-kiosk', name: '伪造设备', role: 'kiosk' },
  setRecoveryKey: { keyId: 'forged-key-1', publicKey: { kty: 'RSA', n: 'A'.repeat(512), e: 'AQAB' } },
};

/** Requests an allowed role sends to get through the guard without changing anything. */
const HARMLESS = {
  changePassword: { body: { password: 'not-the-password', newPassword: 'whatever-password' } },
  publishCatalog: { body: { version: '' } },
  publishCalendar: { body: {} },
  sync: { body: { mutations: [{}] } },
  claimCase: { body: {} },
  // Bytes that do not hash to the name: let through by the guard, refused (422) before anything is kept.
  putAttachment: { raw: Buffer.from('not the scan') },
  issueTicket: { body: { category: 'no such category!' } },
  saveWindows: { body: { windows: [] } },
  saveCategories: { body: { categories: [] } },
  saveAccount: { body: {} },
  enrolDevice: { body: {} },
  setRecoveryKey: { body: {} },
  disableAccount: { path: '/api/v1/settings/accounts/nobody-here' },
  revokeDevice: { path: '/api/v1/settings/devices/no-such-device' },
};

/** A concrete path and a body for each route, so that the guard is the only thing that refuses. */
/** The routes between halls: public (no session), but signed by an enrolled hall (see exchange.test.mjs). */
const SIGNED = ['exchangePackage', 'exchangeUpdate', 'exchangeCatalog'];

function requestFor(name, route) {
  const path = route.path
    .replace(':sha256', FILE_SHA256)
    .replace(':id', name === 'revokeDevice' ? 'kiosk-1' : '01J0000000000000000000000A')
    .replace(':year', '2027')
    .replace(':user', name === 'disableAccount' ? 'clerk01' : 'forged01')
    .replace(':hall', 'GDNS01');
  if (route.method === 'PUT' && name === 'putAttachment') {
    return { path, raw: FILE, headers: { 'content-type': 'application/octet-stream' } };
  }
  return { path, ...(VALID[name] ? { body: VALID[name] } : {}) };
}

describe('roles: every route × every wrong role', () => {
  let hall;
  let now = Date.now();
  const tokens = {};
  /** Second sessions, for the allowed call of logout (which ends the session it is called with). */
  const spare = {};
  let expired;
  let countsBefore;
  before(async () => {
    hall = await startHall({ sessionHours: 1, now: () => now });
    for (const role of ROLE_KEYS) tokens[role] = await hall.login(LOGIN_OF_ROLE[role]);
    // A clerk has one live session per window: the spare clerk session is another clerk's.
    for (const role of ROLE_KEYS)
      spare[role] = await hall.login(role === 'clerk' ? LOGINS.clerk2 : LOGIN_OF_ROLE[role]);
    // Logged in two hours ago for one hour, at a window nobody else holds (the last login: a login purges expired
    // sessions).
    const present = now;
    now -= 2 * 3600_000;
    expired = await hall.login('clerk3');
    now = present;
    countsBefore = hall.counts();
  });
  after(async () => {
    // Nothing a refused call carried was stored; only the spare sessions the logout calls ended are gone.
    const counts = hall.counts();
    await hall.dispose();
    assert.deepEqual({ ...counts, sessions: counts.sessions + ROUTES.logout.roles.length }, countsBefore);
  });

  it('covers every role of the protocol with a login', () => {
    assert.deepEqual(Object.keys(tokens).sort(), [...ROLE_KEYS].sort());
  });

  for (const [name, route] of Object.entries(ROUTES)) {
    if (route.roles === 'public' && SIGNED.includes(name)) {
      it(`${name} (${route.method} ${route.path}) takes no token but a hall's signature: 401 unsigned`, async () => {
        const { path, ...init } = requestFor(name, route);
        const answer = await hall.call(route.method, path, { ...init, token: tokens.manager });
        assert.equal(answer.status, 401, answer.text);
        assert.equal(answer.body.error, 'unauthenticated');
      });
      continue;
    }
    if (route.roles === 'public') {
      it(`${name} (${route.method} ${route.path}) is public: no token needed`, async () => {
        const { path, ...init } = requestFor(name, route);
        const answer = await hall.call(route.method, path, name === 'login' ? { body: {} } : init);
        assert.notEqual(answer.status, 401);
        assert.notEqual(answer.status, 403);
      });
      continue;
    }
    const wrongRoles = ROLE_KEYS.filter((role) => !route.roles.includes(role));
    it(`${name} (${route.method} ${route.path}): 401 without a valid session, 403 for ${wrongRoles.join(', ') || 'no role'}`, async () => {
      const { path, ...init } = requestFor(name, route);
      const credentials = [
        [undefined, 'no token'],
        ['not-a-real-token-but-long-enough', 'unknown token'],
        [expired, 'expired token'],
      ];
      for (const [token, what] of credentials) {
        const answer = await hall.call(route.method, path, { ...init, token });
        assert.equal(answer.status, 401, `${what}: ${answer.status} ${answer.text}`);
        assert.equal(answer.headers.get('www-authenticate'), 'Bearer realm="yichuang-hall"');
        if (route.method !== 'HEAD') assert.equal(answer.body.error, 'unauthenticated');
      }
      const malformed = await hall.call(route.method, path, {
        ...init,
        headers: { ...init.headers, authorization: 'Basic Y2xlcmswMTp5aWNodWFuZy1kZW1v' },
      });
      assert.equal(malformed.status, 401, 'a Basic header is not a session');
      for (const role of wrongRoles) {
        const answer = await hall.call(route.method, path, { ...init, token: tokens[role] });
        assert.equal(answer.status, 403, `${role}: ${answer.status} ${answer.text}`);
        if (route.method !== 'HEAD') {
          assert.equal(answer.body.error, 'forbidden');
          assert.match(answer.body.message, /无权/);
        }
      }
      if (name === 'putAttachment') {
        // The file was a valid upload in every way but the role: neither on disk nor recorded.
        const file = join(hall.dataDir, 'attachments', FILE_SHA256.slice(0, 2), FILE_SHA256);
        assert.equal(existsSync(file), false, 'no file stored');
        assert.equal(hall.counts().attachments, countsBefore.attachments, 'no attachment recorded');
      }
      // Each allowed role gets through the guard (with requests that change nothing).
      for (const role of route.roles) {
        if (name === 'events') {
          const stream = await openEvents(hall.url, tokens[role]);
          assert.equal(stream.status, 200, role);
          stream.close();
          continue;
        }
        const { path: harmlessPath = path, ...harmless } = HARMLESS[name] ?? {};
        const answer = await hall.call(route.method, harmlessPath, {
          ...init,
          ...harmless,
          token: name === 'logout' ? spare[role] : tokens[role],
        });
        assert.ok(
          answer.status !== 401 && answer.status !== 403,
          `${role} is allowed: got ${answer.status} ${answer.text}`,
        );
        assert.ok(answer.status < 500, `${role}: ${answer.status} ${answer.text}`);
      }
    });
  }
});
