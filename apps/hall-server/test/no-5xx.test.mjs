// No input makes any route answer 5xx: a mutation nested thousands of levels deep, bodies nested or huge on every
// route that takes JSON, a case whose audit trail is 13 MB. Each is answered 4xx, or a rejected result for the
// mutation alone, quickly (< 2 s), and the server serves on. The first hall server parsed, hashed (canonical JSON,
// recursively) and checked whatever fitted in the body limit: a mutation nested 2,500 levels deep in a sync batch
// overflowed the stack and answered 500, again on every retry, so the window's outbox could never get past it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeCase, protocol, saveCase, startHall, ulid } from '../test-support/hall.mjs';

const { ROUTES, ERROR_STATUS } = protocol;
const QUICK_MS = 2000;

/** JSON text of an object nested `depth` levels deep (built as text: JSON.stringify would overflow first). */
const nestedObject = (depth) => `${'{"deeper":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`;
/** JSON text of an array nested `depth` levels deep. */
const nestedArray = (depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('no input makes a route answer 5xx', () => {
  let hall;
  const tokens = {};
  before(async () => {
    hall = await startHall();
    for (const who of ['clerk', 'manager', 'kiosk']) tokens[who] = await hall.login(who);
  });
  after(() => hall.dispose());

  /** Sends raw JSON text; asserts the answer came quickly and is no 5xx; resolves it. */
  async function send(method, path, token, raw, what) {
    const started = performance.now();
    const answer = await hall.call(method, path, { token, raw, headers: { 'content-type': 'application/json' } });
    const ms = performance.now() - started;
    assert.ok(answer.status < 500, `${what}: ${answer.status} ${answer.text.slice(0, 300)}`);
    assert.ok(ms < QUICK_MS, `${what}: answered in ${Math.round(ms)} ms`);
    if (answer.status >= 400) {
      assert.equal(
        ERROR_STATUS[answer.body?.error],
        answer.status,
        `${what}: an ErrorBody ${answer.text.slice(0, 200)}`,
      );
    }
    return answer;
  }

  it('refuses a mutation nested 2,500 levels deep as too large, applies the others, and the same on every retry', async () => {
    const deep = `{"id":"${ulid()}","kind":"case.save","payload":${nestedObject(2500)}}`;
    const good = saveCase(makeCase());
    const body = `{"mutations":[${deep},${JSON.stringify(good)}]}`;
    for (const attempt of ['first', 'retry', 'second retry']) {
      const answer = await send('POST', ROUTES.sync.path, tokens.clerk, body, attempt);
      assert.equal(answer.status, 200, attempt);
      const [refused, other] = answer.body.results;
      assert.deepEqual([refused.status, refused.code, refused.reason], ['rejected', 'invalid', 'too-large'], attempt);
      assert.match(refused.message, /16/);
      assert.equal(other.status, attempt === 'first' ? 'applied' : 'duplicate', attempt);
    }
    // Deeper still, and as an array: the same.
    for (const payload of [nestedObject(100_000), nestedArray(1_000_000)]) {
      const answer = await send(
        'POST',
        ROUTES.sync.path,
        tokens.clerk,
        `{"mutations":[{"id":"${ulid()}","kind":"case.save","payload":${payload}}]}`,
        'deeper',
      );
      assert.ok(answer.status === 400 || answer.body.results[0].status === 'rejected', answer.text.slice(0, 200));
    }
  });

  it('answers nested and huge bodies on every JSON route with a 4xx or a rejection, quickly', async () => {
    const huge = (megabytes) => JSON.stringify({ padding: 'x'.repeat(megabytes * 1024 * 1024) });
    const bodies = {
      'an object 2,500 deep': nestedObject(2500),
      'an object 100,000 deep': nestedObject(100_000),
      'an array 1,000,000 deep': nestedArray(1_000_000),
      'a mutation 2,500 deep': `{"mutations":[{"id":"${ulid()}","kind":"case.save","payload":${nestedObject(2500)}}]}`,
      '13 MB of padding': huge(13),
      '13 MB of mutations': JSON.stringify({
        mutations: Array.from({ length: 400 }, () => ({ id: ulid(), kind: 'case.save', payload: 'y'.repeat(34_000) })),
      }),
    };
    const routes = Object.entries(ROUTES).filter(
      ([name, route]) => ['POST', 'PUT'].includes(route.method) && name !== 'putAttachment',
    );
    assert.ok(routes.length >= 14, routes.map(([name]) => name).join());
    const before = hall.counts();
    for (const [name, route] of routes) {
      const role =
        route.roles === 'public' ? undefined : ['clerk', 'manager', 'kiosk'].find((r) => route.roles.includes(r));
      const path = route.path.replace(':year', '2031').replace(':user', 'deep01');
      // Past the largest body any route takes (a catalog: 32 MB); the others stop at 1 or 16 MB.
      const sent = name === 'publishCatalog' ? { ...bodies, '33 MB of padding': huge(33) } : bodies;
      for (const [what, body] of Object.entries(sent)) {
        const answer = await send(route.method, path, role && tokens[role], body, `${name}: ${what}`);
        if (answer.status === 200) {
          assert.equal(name, 'sync', `${name}: ${what} was accepted`);
          assert.ok(answer.body.results.every((result) => result.status === 'rejected'));
        }
      }
    }
    const { loginFailures: _a, ...after } = hall.counts();
    const { loginFailures: _b, ...expected } = before;
    assert.deepEqual(after, expected, 'nothing stored');
    assert.equal((await hall.call('GET', '/api/v1/health')).status, 200);
    assert.equal((await hall.call('GET', '/api/v1/queue', { token: tokens.clerk })).status, 200);
  });

  it('refuses a case whose audit trail is 13 MB before reading it, and saves the case as it should be', async () => {
    const value = makeCase();
    const line = value.audit[0];
    // About 3.2 KB of UTF-8 a line: 13 MB in all, within the 16 MB a sync request may carry.
    const audit = Array.from({ length: 4300 }, () => ({ ...line, reason: '申请人'.repeat(340) }));
    const body = JSON.stringify({ mutations: [saveCase({ ...value, audit })] });
    const bytes = Buffer.byteLength(body);
    assert.ok(bytes > 13 * 1024 * 1024 && bytes < 16 * 1024 * 1024, `${bytes} bytes`);
    const answer = await send('POST', ROUTES.sync.path, tokens.clerk, body, 'a 13 MB audit');
    assert.equal(answer.status, 200);
    const [refused] = answer.body.results;
    assert.deepEqual([refused.status, refused.code, refused.reason], ['rejected', 'invalid', 'too-large']);
    assert.equal((await hall.call('GET', `/api/v1/cases/${value.id}`, { token: tokens.clerk })).status, 404);
    assert.equal((await hall.sync(tokens.clerk, [saveCase(value)]))[0].status, 'applied');
  });
});
