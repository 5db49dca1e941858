// The happy path of each route that is not sync, attachments, events or settings: health, catalog (ETag, 304, gzip)
// and its publication, the calendar, cases (read, logged reads, claims), queue, e-licences, statistics; and
// Fastify's own errors answered as ErrorBody.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  DEMO_HALL,
  demoCatalog,
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
  before(async () => (hall = await startHall()));
  after(() => hall.dispose());

  it('health: status, version, hall, catalog version and time, without a session', async () => {
    const answer = await hall.call('GET', '/api/v1/health');
    assert.equal(answer.status, 200);
    assert.deepEqual(Object.keys(answer.body).sort(), ['catalogVersion', 'hall', 'status', 'time', 'version']);
    assert.equal(answer.body.status, 'ok');
    assert.equal(answer.body.hall, 'TJHP01');
    assert.equal(answer.body.catalogVersion, demoCatalog.version);
    assert.match(answer.body.version, /^\d+\.\d+\.\d+/);
    assert.ok(Math.abs(Date.parse(answer.body.time) - Date.now()) < 5000);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
  });

  it('catalog: the snapshot with holidays, an ETag, 304 for the ETag or the version held, gzip on request', async () => {
    const token = await hall.login('kiosk');
    const answer = await hall.call('GET', '/api/v1/catalog', { token });
    assert.equal(answer.status, 200);
    const etag = answer.headers.get('etag');
    assert.match(etag, new RegExp(`^"${demoCatalog.version.replaceAll('.', '\\.')}`));
    assert.equal(answer.body.version, demoCatalog.version);
    assert.ok(answer.body.catalog.items.length > 10);
    assert.ok(answer.body.catalog.items[0].pinyin, 'the built catalog, with pinyin');
    assert.ok(answer.body.holidays.some((schedule) => schedule.year === 2026));
    for (const held of [etag, `W/"${demoCatalog.version}"`]) {
      const same = await hall.call('GET', '/api/v1/catalog', { token, headers: { 'if-none-match': held } });
      assert.equal(same.status, 304, held);
      assert.equal(same.text, '');
    }
    const old = await hall.call('GET', '/api/v1/catalog', { token, headers: { 'if-none-match': '"2025.01-old"' } });
    assert.equal(old.status, 200);
    const raw = await fetch(new URL('/api/v1/catalog', hall.url), {
      headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
    });
    assert.equal(raw.headers.get('content-encoding'), 'gzip');
    // fetch decodes it; the bytes on the wire are gzip and smaller.
    assert.equal((await raw.json()).version, demoCatalog.version);
  });

  it('catalog: a manager publishes a new version, which replaces the current one and is announced to kiosks', async () => {
    const kiosk = await hall.login('kiosk');
    const manager = await hall.login('manager');
    const stream = await openEvents(hall.url, kiosk);
    try {
      const next = { ...demoCatalog, version: '2026.12-demo' };
      const published = await hall.call('POST', '/api/v1/catalog', { token: manager, body: next });
      assert.equal(published.status, 204, published.text);
      const again = await hall.call('POST', '/api/v1/catalog', { token: manager, body: next });
      assert.deepEqual([again.status, again.body.error], [409, 'conflict']);
      const answer = await hall.call('GET', '/api/v1/catalog', {
        token: kiosk,
        headers: { 'if-none-match': `"${demoCatalog.version}"` },
      });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.version, '2026.12-demo');
      assert.equal((await hall.call('GET', '/api/v1/health')).body.catalogVersion, '2026.12-demo');
      const event = await stream.until((messages) => messages.find((m) => m.event === 'catalog.published'));
      assert.deepEqual(event.data.data, { version: '2026.12-demo' });
      const audit = await hall.call('GET', '/api/v1/settings/audit', { token: manager });
      assert.deepEqual(
        [audit.body.entries[0].action, audit.body.entries[0].actor, audit.body.entries[0].target],
        ['catalog.publish', 'manager01', '2026.12-demo'],
      );
    } finally {
      stream.close();
    }
  });

  it('calendar: people read the schedules; a manager loads a year', async () => {
    const clerk = await hall.login('clerk');
    const manager = await hall.login('manager');
    const schedules = await hall.call('GET', '/api/v1/calendar', { token: clerk });
    assert.equal(schedules.status, 200);
    assert.ok(schedules.body.schedules.some((schedule) => schedule.year === 2026));
    const year2030 = { year: 2030, published: '国办发明电〔2029〕1号', holidays: [], workdays: [] };
    const loaded = await hall.call('PUT', '/api/v1/calendar/2030', { token: manager, body: year2030 });
    assert.equal(loaded.status, 204, loaded.text);
    const after = await hall.call('GET', '/api/v1/calendar', { token: clerk });
    assert.ok(after.body.schedules.some((schedule) => schedule.year === 2030));
    const mismatch = await hall.call('PUT', '/api/v1/calendar/2031', { token: manager, body: year2030 });
    assert.equal(mismatch.status, 400);
  });

  it('cases: 200 with the case, 404 for an unknown id, 400 for a malformed one; every read logged', async () => {
    const clerk = await hall.login('clerk');
    const value = makeCase();
    assert.equal((await hall.sync(clerk, [saveCase(value)]))[0].status, 'applied');
    const manager = await hall.login('manager');
    assert.deepEqual((await hall.call('GET', `/api/v1/cases/${value.id}`, { token: manager })).body, value);
    assert.equal((await hall.call('GET', `/api/v1/cases/${value.id}?purpose=print`, { token: clerk })).status, 200);
    const unknown = await hall.call('GET', `/api/v1/cases/${ulid()}`, { token: clerk });
    assert.deepEqual(unknown.body, { error: 'not-found', message: '大厅没有这个办件' });
    assert.equal(unknown.status, 404);
    const malformed = await hall.call('GET', '/api/v1/cases/..%2F..%2Fetc%2Fpasswd', { token: clerk });
    assert.equal(malformed.status, 400);
    assert.match(malformed.body.issues[0], /^id: /);
    const purpose = await hall.call('GET', `/api/v1/cases/${value.id}?purpose=curious`, { token: clerk });
    assert.equal(purpose.status, 400);
    // Another window's clerk is told the case is not there.
    const clerk2 = await hall.login('clerk2');
    assert.equal((await hall.call('GET', `/api/v1/cases/${value.id}`, { token: clerk2 })).status, 404);
    const reads = await hall.call('GET', `/api/v1/cases/${value.id}/reads`, { token: manager });
    assert.equal(reads.status, 200);
    assert.deepEqual(
      reads.body.reads.map((read) => [read.subject, read.role, read.purpose]),
      [
        ['manager01', 'manager', 'review'],
        ['clerk01', 'clerk', 'print'],
      ],
    );
  });

  it('cases: a clerk of another window claims a case with its number and the applicant’s ID number', async () => {
    const clerk = await hall.login('clerk');
    const value = makeCase();
    await hall.sync(clerk, [saveCase(value)]);
    const clerk2 = await hall.login('clerk2');
    const claim = (body) => hall.call('POST', '/api/v1/cases/claim', { token: clerk2, body });
    const wrong = await claim({ number: value.number, idNumber: '12010119900101304X' });
    assert.deepEqual([wrong.status, wrong.body.error], [404, 'not-found']);
    const granted = await claim({ number: value.number, idNumber: value.applicant.idNumber, purpose: 'supplement' });
    assert.equal(granted.status, 200, granted.text);
    assert.deepEqual(granted.body, value);
    assert.equal((await hall.call('GET', `/api/v1/cases/${value.id}`, { token: clerk2 })).status, 200);
  });

  it('queue: tickets numbered per category per day, priority called first, 204 when no one waits', async () => {
    const local = await startHall();
    try {
      const kiosk = await local.login('kiosk');
      const clerk = await local.login('clerk');
      const issue = async (body, token = kiosk) => {
        const answer = await local.call('POST', '/api/v1/queue/tickets', { token, body });
        assert.equal(answer.status, 201, answer.text);
        return answer.body;
      };
      const a1 = await issue({ category: 'A' });
      const a2 = await issue({ category: 'A' });
      const b1 = await issue({ category: 'B' });
      const v1 = await issue({ category: 'V', kind: 'appointment', appointmentRef: 'k7m2-9qxw' }, clerk);
      const a3 = await issue({ category: 'A', kind: 'priority' });
      assert.deepEqual(
        [a1, a2, b1, v1, a3].map((t) => t.number),
        ['A001', 'A002', 'B001', 'V001', 'A003'],
      );
      assert.deepEqual([a1.status, a1.kind, v1.appointmentRef], ['waiting', 'normal', 'K7M2-9QXW']);

      const call = (body, token = clerk) => local.call('POST', '/api/v1/queue/call', { token, body });
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
      const clerk3 = await local.login('clerk3');
      assert.equal((await call({ window: '03', categories: ['B'] }, clerk3)).body.number, 'B001');

      const queue = await local.call('GET', '/api/v1/queue', { token: await local.login('display') });
      assert.deepEqual(
        queue.body.categories.map((c) => c.code),
        ['A', 'B', 'C', 'V'],
      );
      // Calling the next one marks the window's previous ticket done: only the last call of each window stays; a
      // public screen never sees a booking reference.
      assert.deepEqual(
        queue.body.tickets.map((t) => [t.number, t.status, t.window]),
        [
          ['B001', 'called', '03'],
          ['V001', 'called', '01'],
        ],
      );
      assert.equal(queue.text.includes('K7M2'), false);
      const forClerk = await local.call('GET', '/api/v1/queue', { token: clerk });
      assert.ok(forClerk.text.includes('K7M2-9QXW'));
    } finally {
      await local.dispose();
    }
  });

  it('queue: refuses unknown categories and windows, a booking reference in another form, and another window', async () => {
    const clerk = await hall.login('clerk');
    const tickets = hall.counts().tickets;
    const issue = (body) =>
      hall.call('POST', '/api/v1/queue/tickets', { token: clerk, body, headers: { 'accept-language': 'en' } });
    const unknownCategory = await issue({ category: 'Z' });
    assert.deepEqual([unknownCategory.status, unknownCategory.body.error], [400, 'invalid']);
    assert.deepEqual(unknownCategory.body.issues, ['category: the hall issues no tickets of category Z']);
    assert.equal((await issue({ category: 'A', kind: 'appointment' })).status, 400);
    for (const appointmentRef of ['TEL13812345678', '12010119900307441X', 'YY-20261126-07']) {
      assert.equal((await issue({ category: 'A', kind: 'appointment', appointmentRef })).status, 400, appointmentRef);
    }
    const unknownWindow = await hall.call('POST', '/api/v1/queue/call', { token: clerk, body: { window: '99' } });
    assert.equal(unknownWindow.status, 400);
    const otherWindow = await hall.call('POST', '/api/v1/queue/call', { token: clerk, body: { window: '02' } });
    assert.deepEqual([otherWindow.status, otherWindow.body.error], [403, 'forbidden']);
    assert.match(otherWindow.body.message, /01/);
    assert.equal(hall.counts().tickets, tickets);
  });

  it('licences: the demo holder’s e-licences with the hash of their canonical JSON; [] for nobody', async () => {
    const clerk = await hall.login('clerk');
    const answer = await hall.call('POST', '/api/v1/licences/lookup', {
      token: clerk,
      body: { holderId: ' 120101198506201519 ' },
    });
    assert.equal(answer.status, 200);
    const { licences } = answer.body;
    assert.deepEqual(licences.map((l) => l.type).sort(), ['marriage-certificate', 'resident-id-card']);
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
        found.body.licences.map((l) => l.number).sort(),
        DEMO_HALL.licences
          .filter((l) => l.holderId === holderId)
          .map((l) => l.number)
          .sort(),
      );
    }
  });

  it('stats: today’s cases by status, tickets, ratings by grade, for a manager', async () => {
    const local = await startHall();
    try {
      const clerk = await local.login('clerk');
      const kiosk = await local.login('kiosk');
      await local.call('POST', '/api/v1/queue/tickets', { token: kiosk, body: { category: 'A' } });
      await local.call('POST', '/api/v1/queue/tickets', { token: kiosk, body: { category: 'B' } });
      await local.call('POST', '/api/v1/queue/call', { token: clerk, body: { window: '01' } });
      const answered = await local.sync(clerk, [
        saveCase(makeCase()),
        saveCase(makeCase({ status: 'refused' })),
        saveCase(makeCase()),
        saveRating(makeRating(2)),
        saveRating(makeRating(5)),
      ]);
      assert.ok(
        answered.every((r) => r.status === 'applied'),
        JSON.stringify(answered),
      );
      const stats = await local.call('GET', '/api/v1/stats', { token: await local.login('manager') });
      assert.equal(stats.status, 200);
      const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
      assert.deepEqual(stats.body, {
        day: today,
        cases: { total: 3, byStatus: { accepted: 2, refused: 1 } },
        tickets: { issued: 2, waiting: 1, called: 1 },
        ratings: { total: 2, byGrade: { 2: 1, 5: 1 } },
      });
    } finally {
      await local.dispose();
    }
  });

  it('answers Fastify’s own errors as ErrorBody: bad JSON, empty JSON, wrong type, too large, unknown route', async () => {
    const clerk = await hall.login('clerk');
    const tickets = hall.counts().tickets;
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
    assert.equal(hall.counts().tickets, tickets);
  });
});
