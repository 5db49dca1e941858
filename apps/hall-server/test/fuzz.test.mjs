// Bad input, generated (fast-check): every route that takes a JSON body gets random JSON, corrupted valid
// bodies, truncated and non-JSON text under various content types. Each answer is a 4xx ErrorBody (sync: a
// 4xx, or a rejection for every mutation that is not valid) that stores nothing, never a 5xx, and the server keeps
// serving. A corrupted body that is still valid may be applied (a settings change, a catalog); that is no failure.
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as v from 'valibot';
import { DEMO_HALL, demoCatalog, makeCase, protocol, saveCase, startHall } from '../test-support/hall.mjs';

const { ERROR_STATUS, ROUTES, MutationSchema } = protocol;
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

/**
 * A valid body of each JSON route, the role that may call it, and whether a generated body that the route accepted
 * (2xx) was one it may accept: `true` for routes whose validity the protocol's schemas alone do not tell (the
 * catalog, the calendar, settings), a check for the others.
 */
/** A hall's public key, as another hall's manager enrols it. */
const PEER_KEY = (() => {
  const { kty, crv, x, y } = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
  return { kty, crv, x, y };
})();

const JSON_ROUTES = {
  enrolPeer: {
    who: 'manager',
    // Nobody answers at the address: the hall is enrolled, its catalog not fetched.
    valid: () => ({
      hall: 'GDNS01',
      name: '深圳市南山区政务服务中心',
      url: 'http://127.0.0.1:9/',
      region: '440305',
      publicKey: PEER_KEY,
    }),
    mayApply: (body) => v.is(protocol.EnrolPeerSchema, body),
  },
  decideRemote: {
    who: 'clerk',
    // No case is received under this id: a valid decision finds nothing either.
    path: '/api/v1/remote/01JA0000000000000000000000/state',
    valid: () => ({ to: 'accepted' }),
    mayApply: () => false,
  },
  // Unsigned: refused whatever the body (the signature is checked before the body is read).
  exchangePackage: { who: undefined, valid: () => ({ package: {}, files: [] }), mayApply: () => false },
  exchangeUpdate: {
    who: undefined,
    valid: () => ({ caseId: '01JA0000000000000000000000', state: 'accepted', at: new Date().toISOString() }),
    mayApply: () => false,
  },
  login: {
    who: undefined,
    valid: () => ({ user: 'clerk01', password: 'yichuang-demo' }),
    mayApply: () => false,
  },
  changePassword: {
    who: 'helper',
    valid: () => ({ password: 'yichuang-demo', newPassword: 'helper-new-password' }),
    mayApply: (body) => v.is(protocol.ChangePasswordSchema, body),
  },
  publishCatalog: {
    who: 'manager',
    valid: () => ({ ...demoCatalog, version: '2027.01-fuzz', items: demoCatalog.items.slice(0, 3), bundles: [] }),
    mayApply: () => true,
  },
  publishCalendar: {
    who: 'manager',
    path: '/api/v1/calendar/2031',
    valid: () => ({ year: 2031, published: '国办发明电〔2030〕1号', holidays: [], workdays: [] }),
    mayApply: () => true,
  },
  sync: {
    who: 'clerk',
    valid: () => ({ mutations: [saveCase(makeCase())] }),
    // A corruption that leaves a mutation valid (e.g. another number of copies) would rightly be applied.
    mayApply: (body) =>
      Array.isArray(body?.mutations) && body.mutations.some((m) => v.safeParse(MutationSchema, m).success),
  },
  claimCase: {
    who: 'clerk',
    valid: () => ({ number: 'TJHP01-20261126-02-0001', idNumber: '120101198506201519' }),
    mayApply: () => false, // no case is held: a valid claim finds nothing either
  },
  recordResult: {
    who: 'clerk',
    // No case is held under this id: a valid result finds nothing either.
    path: '/api/v1/cases/01JA0000000000000000000000/result',
    valid: () => ({
      result: {
        outcome: 'granted',
        name: '参保登记确认',
        department: '和平区人力资源和社会保障局',
        decidedAt: '2026-12-01T02:00:00.000Z',
      },
    }),
    mayApply: () => false,
  },
  issueTicket: {
    who: 'kiosk',
    valid: () => ({ category: 'A', kind: 'priority' }),
    mayApply: (body) => v.is(protocol.IssueTicketSchema, body),
  },
  importAppointments: {
    who: 'manager',
    valid: () => ({
      bookings: [
        {
          code: 'FZ2Q-7KMA',
          category: 'A',
          slotStart: '2026-12-04T01:00:00.000Z',
          slotEnd: '2026-12-04T01:30:00.000Z',
        },
      ],
    }),
    mayApply: (body) => v.is(protocol.AppointmentImportSchema, body),
  },
  callNext: {
    who: 'clerk',
    valid: () => ({ window: '01', categories: ['A', 'V'] }),
    mayApply: (body) => v.is(protocol.CallNextSchema, body),
  },
  queueCommand: {
    who: 'clerk',
    valid: () => ({ command: 'no-show', window: '01', requeueBehind: 2 }),
    mayApply: (body) => v.is(protocol.QueueCommandSchema, body),
  },
  licences: {
    who: 'clerk',
    valid: () => ({ holderId: '120101198506201519' }),
    mayApply: () => true, // a valid look-up reads and stores nothing
  },
  saveWindows: { who: 'manager', valid: () => ({ windows: DEMO_HALL.windows }), mayApply: () => true },
  saveCategories: { who: 'manager', valid: () => ({ categories: DEMO_HALL.categories }), mayApply: () => true },
  saveAccount: {
    who: 'manager',
    path: '/api/v1/settings/accounts/fuzz01',
    valid: () => ({ name: '测试', role: 'clerk', windows: ['05'], password: 'fuzz-password-01' }),
    mayApply: () => true,
  },
  enrolDevice: {
    who: 'manager',
    valid: () => ({ id: 'fuzz-pad', name: '测试评价器', role: 'rating-pad', window: '05' }),
    mayApply: () => true,
  },
  setRecoveryKey: {
    who: 'manager',
    valid: () => ({
      keyId: 'fuzz-key-01',
      publicKey: { kty: 'RSA', n: 'A'.repeat(512), e: 'AQAB', alg: 'RSA-OAEP-256' },
    }),
    mayApply: () => true,
  },
  actOnFollowUp: {
    who: 'manager',
    path: '/api/v1/followups/01KJNMZ4P0AQ7V3S9B1D5F8H2K/actions',
    valid: () => ({ action: 'review', outcome: 'upheld', note: '复核属实' }),
    mayApply: () => false, // no follow-up is held: a valid action finds nothing either
  },
  saveFollowUpSettings: {
    who: 'manager',
    valid: () => ({ days: 5 }),
    mayApply: (body) => v.is(protocol.FollowUpSettingSchema, body),
  },
};

/** Sets `value` at a random path inside `body` (or deletes that member), returning a new body. */
function corrupt(body, steps, value, remove) {
  const copy = structuredClone(body);
  let node = copy;
  for (let i = 0; i < steps.length; i++) {
    if (node === null || typeof node !== 'object') break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[steps[i] % keys.length];
    const last = i === steps.length - 1 || node[key] === null || typeof node[key] !== 'object';
    if (last) {
      if (remove && !Array.isArray(node)) delete node[key];
      else node[key] = value;
      break;
    }
    node = node[key];
  }
  return copy;
}

/** A request body: text and content type. */
function bodies(valid) {
  const json = (value) => ({ text: JSON.stringify(value) ?? 'null', type: 'application/json' });
  return fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map(json),
    fc
      .tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), fc.boolean())
      .map(([steps, value, remove]) => json(corrupt(valid(), steps, value, remove))),
    fc.nat().map((cut) => {
      const text = JSON.stringify(valid());
      return { text: text.slice(0, cut % text.length), type: 'application/json' };
    }),
    fc.string({ maxLength: 200 }).map((text) => ({ text, type: 'application/json; charset=utf-8' })),
    fc
      .tuple(
        fc.jsonValue({ maxDepth: 2 }),
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data',
          'application/xml',
          '',
        ),
      )
      .map(([value, type]) => ({ text: JSON.stringify(value) ?? '', type })),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ text: Buffer.from(bytes), type: 'application/json' })),
  );
}

/** Whether `body` is an ErrorBody whose code goes with `status`. */
function assertErrorBody(status, body, context) {
  assert.ok(status >= 400 && status < 500, `${context}: status ${status} ${JSON.stringify(body)}`);
  assert.equal(typeof body?.error, 'string', `${context}: ${JSON.stringify(body)}`);
  assert.equal(ERROR_STATUS[body.error], status, `${context}: ${body.error} goes with ${ERROR_STATUS[body.error]}`);
  assert.ok(typeof body.message === 'string' && body.message.length > 0);
  if (body.issues !== undefined)
    assert.ok(Array.isArray(body.issues) && body.issues.every((line) => typeof line === 'string'));
}

describe('fuzzed bad input', () => {
  let hall;
  const tokens = {};
  /** What a refused body must leave as it was (failed logins and sessions are the hall's own bookkeeping). */
  const stored = () => {
    const { loginFailures: _failures, sessions: _sessions, ...rest } = hall.counts();
    return rest;
  };
  before(async () => {
    hall = await startHall();
    for (const who of ['clerk', 'kiosk', 'manager', 'helper']) tokens[who] = await hall.login(who);
  });
  after(() => hall.dispose());

  it('covers every route that takes a JSON body', () => {
    const json = Object.entries(ROUTES)
      .filter(([name, route]) => ['POST', 'PUT'].includes(route.method) && name !== 'putAttachment')
      .map(([name]) => name);
    assert.deepEqual(json.sort(), Object.keys(JSON_ROUTES).sort());
  });

  for (const [name, { who, path, valid, mayApply }] of Object.entries(JSON_ROUTES)) {
    const route = ROUTES[name];
    it(`${route.method} ${route.path}: ${RUNS} generated bodies, each refused with a 4xx storing nothing, or valid`, async () => {
      await fc.assert(
        fc.asyncProperty(bodies(valid), async ({ text, type }) => {
          let parsed;
          try {
            parsed = JSON.parse(Buffer.isBuffer(text) ? text.toString('utf8') : text);
          } catch {
            parsed = undefined;
          }
          const isJson = type.startsWith('application/json') && parsed !== undefined;
          const before = stored();
          const answer = await hall.call(route.method, path ?? route.path, {
            token: who && tokens[who],
            raw: text,
            headers: type ? { 'content-type': type } : {},
          });
          const context = `${name} ${type} ${String(text).slice(0, 120)}`;
          assert.ok(answer.status < 500, `${context}: ${answer.status} ${answer.text}`);
          if (name === 'sync' && answer.status === 200) {
            // A well-formed envelope: every generated mutation that is not valid is refused on its own.
            assert.equal(answer.body.results.length, parsed.mutations.length);
            for (const [i, result] of answer.body.results.entries()) {
              if (v.is(MutationSchema, parsed.mutations[i])) continue;
              assert.deepEqual(
                [result.status, result.code],
                ['rejected', 'invalid'],
                `${context}: ${JSON.stringify(result)}`,
              );
              assert.ok(result.issues.length > 0);
            }
            if (!mayApply(parsed)) assert.deepEqual(stored(), before, `${context}: nothing stored`);
          } else if (answer.status >= 200 && answer.status < 300) {
            assert.ok(isJson && mayApply(parsed), `${context}: accepted ${answer.status} ${answer.text}`);
          } else {
            assertErrorBody(answer.status, answer.body, context);
            assert.deepEqual(stored(), before, `${context}: nothing stored`);
          }
        }),
        { numRuns: RUNS },
      );
      const health = await hall.call('GET', '/api/v1/health');
      assert.equal(health.status, 200);
    });
  }

  it(`path parameters: ${RUNS * 2} generated case ids and attachment names, each a 4xx, never a file outside`, async () => {
    const before = stored();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('..', '../hall.sqlite', '%00', '..%2F..%2Fhall.sqlite')),
        fc.constantFrom('/api/v1/cases/', '/api/v1/attachments/', '/api/v1/settings/devices/'),
        fc.constantFrom('GET', 'HEAD', 'DELETE'),
        async (segment, prefix, method) => {
          const token = prefix.includes('settings') ? tokens.manager : tokens.clerk;
          const answer = await hall.call(method, prefix + encodeURIComponent(segment), { token });
          assert.ok(answer.status >= 400 && answer.status < 500, `${method} ${prefix}${segment}: ${answer.status}`);
          if (method !== 'HEAD') assertErrorBody(answer.status, answer.body, segment);
        },
      ),
      { numRuns: RUNS * 2 },
    );
    assert.deepEqual(stored(), before);
    assert.equal((await hall.call('GET', '/api/v1/health')).status, 200);
  });
});
