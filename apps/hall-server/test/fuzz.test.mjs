// Bad input, generated (fast-check): every route that takes a JSON body gets random JSON, corrupted valid
// bodies, truncated and non-JSON text under various content types. Each answer is a 4xx ErrorBody (sync: a
// 4xx, or a rejection for every mutation), nothing is stored, and the server keeps serving.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as v from 'valibot';
import { makeCase, protocol, saveCase, startHall } from '../test-support/hall.mjs';

const { ERROR_STATUS, ROUTES, MutationSchema, IssueTicketSchema, CallNextSchema } = protocol;
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** A valid body of each JSON route, the role that may call it, and when a generated body would be valid. */
const JSON_ROUTES = {
  login: { who: undefined, valid: () => ({ user: 'clerk01', password: 'yichuang-demo' }), isValid: () => false },
  sync: {
    who: 'clerk',
    valid: () => ({ mutations: [saveCase(makeCase())] }),
    // A corruption that leaves a mutation valid (e.g. another number of copies) would rightly be applied.
    isValid: (body) =>
      Array.isArray(body?.mutations) && body.mutations.some((m) => v.safeParse(MutationSchema, m).success),
  },
  issueTicket: {
    who: 'kiosk',
    valid: () => ({ category: 'A', kind: 'priority' }),
    isValid: (body) => v.safeParse(IssueTicketSchema, body).success,
  },
  callNext: {
    who: 'clerk',
    valid: () => ({ window: '01', categories: ['A', 'V'] }),
    isValid: (body) => v.safeParse(CallNextSchema, body).success,
  },
  licences: {
    who: 'clerk',
    valid: () => ({ holderId: '120101198506201519' }),
    isValid: () => false, // a valid look-up reads and stores nothing either: any answer must still be 2xx/4xx
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
  let baseline;
  before(async () => {
    hall = await startHall();
    for (const who of ['clerk', 'kiosk']) tokens[who] = await hall.login(who);
    baseline = await hall.storage.counts();
  });
  after(() => hall.dispose());

  for (const [name, { who, valid, isValid }] of Object.entries(JSON_ROUTES)) {
    const route = ROUTES[name];
    it(`${route.method} ${route.path}: ${RUNS} generated bodies, each refused, nothing stored`, async () => {
      await fc.assert(
        fc.asyncProperty(bodies(valid), async ({ text, type }) => {
          let parsed;
          try {
            parsed = JSON.parse(Buffer.isBuffer(text) ? text.toString('utf8') : text);
          } catch {
            parsed = undefined;
          }
          fc.pre(!(type.startsWith('application/json') && parsed !== undefined && isValid(parsed)));
          const answer = await hall.call(route.method, route.path, {
            token: who && tokens[who],
            raw: text,
            headers: type ? { 'content-type': type } : {},
          });
          const context = `${name} ${type} ${String(text).slice(0, 120)}`;
          if (name === 'sync' && answer.status === 200) {
            // A well-formed envelope: every generated mutation is refused on its own.
            assert.equal(answer.body.results.length, parsed.mutations.length);
            for (const result of answer.body.results) {
              assert.deepEqual(
                [result.status, result.code],
                ['rejected', 'invalid'],
                `${context}: ${JSON.stringify(result)}`,
              );
              assert.ok(result.issues.length > 0);
            }
          } else if (name === 'licences' && answer.status === 200) {
            assert.ok(Array.isArray(answer.body.licences), context);
          } else {
            assertErrorBody(answer.status, answer.body, context);
          }
          assert.deepEqual(await hall.storage.counts(), baseline, `${context}: nothing stored`);
        }),
        { numRuns: RUNS },
      );
      const health = await hall.call('GET', '/api/v1/health');
      assert.equal(health.status, 200);
    });
  }

  it(`path parameters: ${RUNS} generated case ids and attachment names, each a 4xx, never a file outside`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('..', '../hall.sqlite', '%00', '..%2F..%2Fhall.sqlite')),
        fc.constantFrom('/api/v1/cases/', '/api/v1/attachments/'),
        fc.constantFrom('GET', 'HEAD'),
        async (segment, prefix, method) => {
          const answer = await hall.call(method, prefix + encodeURIComponent(segment), { token: tokens.clerk });
          assert.ok(answer.status >= 400 && answer.status < 500, `${method} ${prefix}${segment}: ${answer.status}`);
          if (method === 'GET') assertErrorBody(answer.status, answer.body, segment);
        },
      ),
      { numRuns: RUNS },
    );
    assert.deepEqual(await hall.storage.counts(), baseline);
    assert.equal((await hall.call('GET', '/api/v1/health')).status, 200);
  });
});
