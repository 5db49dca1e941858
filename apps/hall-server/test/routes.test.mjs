// The happy path of each route that is not sync, attachments or events: health, catalog (ETag), cases, queue,
// e-licences, statistics; and Fastify's own errors answered as ErrorBody.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  DEMO_HALL,
  makeCase,
  makeRating,
  openEvents,
  saveCase,
  saveRating,
  startHall,
  ulid,
} from '../test-support/hall.mjs';

describe('routes', () => {
  let hall;
  beforeEach(async () => (hall = await startHall()));
  afterEach(() => hall.dispose());

  it('health: status, version, hall, catalog version and time, without a session', async () => {
    const answer = await hall.call('GET', '/api/v1/health');
    assert.equal(answer.status, 200);
    assert.deepEqual(Object.keys(answer.body).sort(), ['catalogVersion', 'hall', 'status', 'time', 'version']);
    assert.equal(answer.body.status, 'ok');
    assert.equal(answer.body.hall, 'TJHP01');
    assert.equal(answer.body.catalogVersion, '2026.11-demo');
    assert.match(answer.body.version, /^\d+\.\d+\.\d+/);
    assert.ok(Math.abs(Date.parse(answer.body.time) - Date.now()) < 5000);
  });

  it('catalog: the snapshot with holidays, ETag the version, 304 for the version held, gzip on request', async () => {
    const token = await hall.login('kiosk');
    const answer = await hall.call('GET', '/api/v1/catalog', { token });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('etag'), '"2026.11-demo"');
    assert.equal(answer.body.version, '2026.11-demo');
    assert.ok(answer.body.catalog.items.length > 10);
    assert.ok(answer.body.catalog.items[0].pinyin, 'the built catalog, with pinyin');
    assert.ok(answer.body.holidays.some((schedule) => schedule.year === 2026));
    const same = await hall.call('GET', '/api/v1/catalog', { token, headers: { 'if-none-match': 'W/"2026.11-demo"' } });
    assert.equal(same.status, 304);
    assert.equal(same.text, '');
    const old = await hall.call('GET', '/api/v1/catalog', { token, headers: { 'if-none-match': '"2025.01-old"' } });
    assert.equal(old.status, 200);
    const raw = await fetch(new URL('/api/v1/catalog', hall.url), {
      headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
    });
    assert.equal(raw.headers.get('content-encoding'), 'gzip');
    // fetch decodes it; the bytes on the wire are gzip and smaller.
    assert.equal((await raw.json()).version, '2026.11-demo');
  });

  it('catalog: a newly published version replaces the current one and is announced to kiosks', async () => {
    const kiosk = await hall.login('kiosk');
    const stream = await openEvents(hall.url, kiosk);
    try {
      const event = await hall.storage.publishCatalog(
        '2026.12-demo',
        JSON.stringify({ version: '2026.12-demo', region: '120101', items: [], bundles: [] }),
        new Date().toISOString(),
      );
      assert.equal(await hall.storage.publishCatalog('2026.12-demo', '{}', new Date().toISOString()), undefined);
      const answer = await hall.call('GET', '/api/v1/catalog', {
        token: kiosk,
        headers: { 'if-none-match': '"2026.11-demo"' },
      });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('etag'), '"2026.12-demo"');
      assert.deepEqual(answer.body.catalog.items, []);
      assert.equal((await hall.call('GET', '/api/v1/health')).body.catalogVersion, '2026.12-demo');
      // The next event the hub broadcasts carries the publication along.
      await hall.call('POST', '/api/v1/queue/tickets', { token: kiosk, body: { category: 'A' } });
      const published = await stream.until((messages) => messages.find((m) => m.event === 'catalog.published'));
      assert.deepEqual(published.data, event);
    } finally {
      stream.close();
    }
  });

  it('cases: 200 with the case, 404 for an unknown id, 400 for a malformed one', async () => {
    const clerk = await hall.login('clerk');
    const value = makeCase();
    await hall.call('POST', '/api/v1/sync', { token: clerk, body: { mutations: [saveCase(value)] } });
    const manager = await hall.login('manager');
    assert.deepEqual((await hall.call('GET', `/api/v1/cases/${value.id}`, { token: manager })).body, value);
    const unknown = await hall.call('GET', `/api/v1/cases/${ulid()}`, { token: clerk });
    assert.deepEqual(unknown.body, { error: 'not-found', message: '大厅没有这个办件' });
    assert.equal(unknown.status, 404);
    const malformed = await hall.call('GET', '/api/v1/cases/..%2F..%2Fetc%2Fpasswd', { token: clerk });
    assert.equal(malformed.status, 400);
    assert.match(malformed.body.issues[0], /^id: a ULID/);
  });

  it('queue: tickets numbered per category per day, priority called first, 204 when no one waits', async () => {
    const kiosk = await hall.login('kiosk');
    const clerk = await hall.login('clerk');
    const issue = async (body, token = kiosk) => {
      const answer = await hall.call('POST', '/api/v1/queue/tickets', { token, body });
      assert.equal(answer.status, 201, answer.text);
      return answer.body;
    };
    const a1 = await issue({ category: 'A' });
    const a2 = await issue({ category: 'A' });
    const b1 = await issue({ category: 'B' });
    const v1 = await issue({ category: 'V', kind: 'appointment', appointmentRef: 'YY-20261126-07' }, clerk);
    const a3 = await issue({ category: 'A', kind: 'priority' });
    assert.deepEqual(
      [a1, a2, b1, v1, a3].map((t) => t.number),
      ['A001', 'A002', 'B001', 'V001', 'A003'],
    );
    assert.deepEqual([a1.status, a1.kind, v1.appointmentRef], ['waiting', 'normal', 'YY-20261126-07']);

    const call = (body, token = clerk) => hall.call('POST', '/api/v1/queue/call', { token, body });
    // Window 01 calls A then V: the priority A003 first, then A001, A002, then V001.
    const order = [];
    for (let i = 0; i < 4; i++) {
      const answer = await call({ window: '01' });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.status, 'called');
      assert.equal(answer.body.window, '01');
      order.push(answer.body.number);
    }
    assert.deepEqual(order, ['A003', 'A001', 'A002', 'V001']);
    const none = await call({ window: '01' });
    assert.equal(none.status, 204);
    // B001 waits for a window that calls B.
    const clerk3 = await hall.login('clerk3');
    assert.equal((await call({ window: '03', categories: ['B'] }, clerk3)).body.number, 'B001');

    const queue = await hall.call('GET', '/api/v1/queue', { token: await hall.login('display') });
    assert.deepEqual(
      queue.body.categories.map((c) => c.code),
      ['A', 'B', 'C', 'V'],
    );
    // Calling the next one marks the window's previous ticket done: only the last call of each window stays.
    assert.deepEqual(
      queue.body.tickets.map((t) => [t.number, t.status, t.window]),
      [
        ['B001', 'called', '03'],
        ['V001', 'called', '01'],
      ],
    );
  });

  it('queue: refuses unknown categories and windows, and a clerk calling for another window', async () => {
    const clerk = await hall.login('clerk');
    const unknownCategory = await hall.call('POST', '/api/v1/queue/tickets', { token: clerk, body: { category: 'Z' } });
    assert.deepEqual([unknownCategory.status, unknownCategory.body.error], [400, 'invalid']);
    assert.deepEqual(unknownCategory.body.issues, ['category: the hall issues no tickets of category Z']);
    const appointment = await hall.call('POST', '/api/v1/queue/tickets', {
      token: clerk,
      body: { category: 'A', kind: 'appointment' },
    });
    assert.equal(appointment.status, 400);
    const unknownWindow = await hall.call('POST', '/api/v1/queue/call', { token: clerk, body: { window: '99' } });
    assert.equal(unknownWindow.status, 400);
    const otherWindow = await hall.call('POST', '/api/v1/queue/call', { token: clerk, body: { window: '02' } });
    assert.deepEqual([otherWindow.status, otherWindow.body.error], [403, 'forbidden']);
    assert.match(otherWindow.body.message, /01/);
    assert.equal((await hall.storage.counts()).tickets, 0);
  });

  it('licences: the demo holder’s e-licences with the hash of their canonical JSON; [] for nobody', async () => {
    const clerk = await hall.login('clerk');
    const answer = await hall.call('POST', '/api/v1/licences/lookup', {
      token: clerk,
      body: { holderId: ' 120101198506201519 ' },
    });
    assert.equal(answer.status, 200);
    const { licences } = answer.body;
    assert.deepEqual(licences.map((l) => l.type).sort(), ['id-card', 'marriage-certificate']);
    for (const licence of licences) {
      const { sha256, ...fields } = licence;
      const canonical = JSON.stringify(Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1))));
      assert.equal(sha256, createHash('sha256').update(canonical).digest('hex'));
    }
    const nobody = await hall.call('POST', '/api/v1/licences/lookup', {
      token: clerk,
      body: { holderId: '11010519491231002X' },
    });
    assert.deepEqual([nobody.status, nobody.body], [200, { licences: [] }]);
    const malformed = await hall.call('POST', '/api/v1/licences/lookup', {
      token: clerk,
      body: { holderId: '120101198506201510' },
    });
    assert.equal(malformed.status, 400);
    assert.ok(malformed.body.issues[0].startsWith('holderId:'));
  });

  it('licences: every demo licence is found by its holder’s number or credit code, lower case too', async () => {
    const clerk = await hall.login('clerk');
    for (const holderId of new Set(DEMO_HALL.licences.map((l) => l.holderId))) {
      const found = await hall.call('POST', '/api/v1/licences/lookup', {
        token: clerk,
        body: { holderId: holderId.toLowerCase() },
      });
      assert.equal(found.status, 200, found.text);
      assert.deepEqual(
        found.body.licences.map((l) => l.number),
        DEMO_HALL.licences.filter((l) => l.holderId === holderId).map((l) => l.number),
      );
    }
  });

  it('stats: today’s cases by status, tickets, ratings by grade, for a manager', async () => {
    const clerk = await hall.login('clerk');
    const kiosk = await hall.login('kiosk');
    await hall.call('POST', '/api/v1/queue/tickets', { token: kiosk, body: { category: 'A' } });
    await hall.call('POST', '/api/v1/queue/tickets', { token: kiosk, body: { category: 'B' } });
    await hall.call('POST', '/api/v1/queue/call', { token: clerk, body: { window: '01' } });
    await hall.call('POST', '/api/v1/sync', {
      token: clerk,
      body: {
        mutations: [
          saveCase(makeCase()),
          saveCase(makeCase({ status: 'refused' })),
          saveCase(makeCase()),
          saveRating(makeRating(2)),
          saveRating(makeRating(5)),
        ],
      },
    });
    const stats = await hall.call('GET', '/api/v1/stats', { token: await hall.login('manager') });
    assert.equal(stats.status, 200);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    assert.deepEqual(stats.body, {
      day: today,
      cases: { total: 3, byStatus: { accepted: 2, refused: 1 } },
      tickets: { issued: 2, waiting: 1, called: 1 },
      ratings: { total: 2, byGrade: { 2: 1, 5: 1 } },
    });
  });

  it('answers Fastify’s own errors as ErrorBody: bad JSON, empty JSON, wrong type, too large, unknown route', async () => {
    const clerk = await hall.login('clerk');
    const post = (raw, headers) =>
      hall.call('POST', '/api/v1/queue/tickets', {
        token: clerk,
        raw,
        headers: { 'content-type': 'application/json', ...headers },
      });
    const badJson = await post('{"category": "A"');
    assert.deepEqual([badJson.status, badJson.body], [400, { error: 'invalid', message: '请求内容不是有效的 JSON' }]);
    const empty = await post('');
    assert.deepEqual([empty.status, empty.body.error], [400, 'invalid']);
    const xml = await post('<ticket/>', { 'content-type': 'application/xml' });
    assert.deepEqual([xml.status, xml.body.error], [415, 'unsupported-media-type']);
    const huge = await post(JSON.stringify({ category: 'A', pad: 'x'.repeat(1024 * 1024) }));
    assert.deepEqual([huge.status, huge.body.error], [413, 'too-large']);
    const proto = await post('{"__proto__": {"admin": true}, "category": "A"}');
    assert.deepEqual([proto.status, proto.body.error], [400, 'invalid']);
    const unknown = await hall.call('GET', '/api/v1/nothing-here', { headers: { 'accept-language': 'en' } });
    assert.deepEqual(
      [unknown.status, unknown.body],
      [404, { error: 'not-found', message: 'No such route: GET /api/v1/nothing-here' }],
    );
    const wrongMethod = await hall.call('PATCH', '/api/v1/session');
    assert.equal(wrongMethod.status, 404);
    assert.equal(wrongMethod.body.error, 'not-found');
    assert.equal((await hall.storage.counts()).tickets, 0);
  });
});
