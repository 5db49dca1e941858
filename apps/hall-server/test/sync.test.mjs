// Idempotent sync: each mutation applied at most once, on its own, in order; bad ones rejected with a reason
// without stopping the others; a case versioned by the hall (a save names the version it was based on); a case
// never stored without its attachments; nothing half-stored; a batch cut off half-way is finished by its retry.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  makeCase,
  makeRating,
  nextCase,
  saveCase,
  saveRating,
  sha256,
  startHall,
  ulid,
  until,
} from '../test-support/hall.mjs';

describe('sync', () => {
  let hall;
  let clerk;
  const sync = (mutations, token = clerk, headers) =>
    hall.call('POST', '/api/v1/sync', { token, body: { mutations }, headers });
  const results = async (mutations, token, headers) => {
    const answer = await sync(mutations, token, headers);
    assert.equal(answer.status, 200, answer.text);
    return answer.body.results;
  };
  const read = (id, token = clerk) => hall.call('GET', `/api/v1/cases/${id}`, { token });
  beforeEach(async () => {
    hall = await startHall();
    clerk = await hall.login('clerk');
  });
  afterEach(() => hall.dispose());

  it('applies a case as version 1, stores it as sent, and records the mutation and its event together', async () => {
    const value = makeCase();
    const mutation = saveCase(value);
    const [result] = await results([mutation]);
    assert.equal(result.id, mutation.id);
    assert.equal(result.status, 'applied');
    assert.equal(result.version, 1);
    assert.ok(Number.isInteger(result.eventId) && result.eventId > 0);
    assert.ok(Math.abs(Date.parse(result.appliedAt) - Date.now()) < 10_000);
    assert.deepEqual((await read(value.id)).body, value);
    const counts = hall.counts();
    assert.deepEqual([counts.cases, counts.mutations], [1, 1]);
    const [event] = await hall.events(result.eventId - 1, 1);
    assert.deepEqual(event.data, {
      caseId: value.id,
      number: value.number,
      window: '01',
      status: 'accepted',
      version: 1,
    });
  });

  it('answers the same mutation again as a duplicate with the original time, and stores nothing twice', async () => {
    const mutation = saveCase(makeCase());
    const [first] = await results([mutation]);
    const eventsAfterFirst = hall.counts().events;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const [again] = await results([mutation]);
    assert.deepEqual(again, {
      id: mutation.id,
      status: 'duplicate',
      appliedAt: first.appliedAt,
      eventId: first.eventId,
      version: 1,
    });
    // From another session too (a clerk of another window: the id is known, nothing is applied), and with its
    // members in another order (the content is compared as canonical JSON).
    const other = await hall.login('clerk2');
    const reordered = {
      payload: Object.fromEntries(Object.entries(mutation.payload).reverse()),
      kind: mutation.kind,
      id: mutation.id,
    };
    const [third] = await results([reordered], other);
    assert.equal(third.status, 'duplicate');
    assert.equal(third.appliedAt, first.appliedAt);
    const counts = hall.counts();
    assert.deepEqual([counts.cases, counts.mutations, counts.events], [1, 1, eventsAfterFirst]);
    assert.equal((await read(mutation.payload.id)).body.status, 'accepted');
    // The same id twice in one batch: applied, then duplicate.
    const twice = saveCase(makeCase());
    assert.deepEqual(
      (await results([twice, twice])).map((r) => r.status),
      ['applied', 'duplicate'],
    );
  });

  it('refuses an id applied before that comes back with other content as a conflict, and changes nothing', async () => {
    const value = makeCase();
    const mutation = saveCase(value);
    assert.equal((await results([mutation]))[0].status, 'applied');
    const counts = hall.counts();
    // A client bug: the same id for a changed case, then for a different case altogether.
    const changed = { ...mutation, payload: { ...value, status: 'refused' } };
    const another = { ...mutation, payload: makeCase() };
    const answered = await results([changed, another, mutation]);
    assert.deepEqual(
      answered.map((r) => [r.id, r.status, r.code, r.reason]),
      [
        [mutation.id, 'rejected', 'conflict', 'id-reused'],
        [mutation.id, 'rejected', 'conflict', 'id-reused'],
        [mutation.id, 'duplicate', undefined, undefined],
      ],
    );
    assert.equal(answered[0].message, '该变更编号已用于其他内容，此次保存未生效');
    const [english] = await results([changed], clerk, { 'accept-language': 'en' });
    assert.match(english.message, /already used for other content/);
    assert.deepEqual(hall.counts(), counts, 'nothing stored');
    assert.equal((await read(value.id)).body.status, 'accepted');
    assert.equal((await read(another.payload.id)).status, 404);
    // The same in one batch: the first applies, the second (same id, other content) is refused.
    const twice = saveCase(makeCase());
    assert.deepEqual(
      (await results([twice, { ...twice, payload: makeCase() }])).map((r) => [r.status, r.code]),
      [
        ['applied', undefined],
        ['rejected', 'conflict'],
      ],
    );
  });

  it('versions a case itself: a save based on the current version applies, one based on an older one does not', async () => {
    const value = makeCase();
    const first = saveCase(value);
    assert.equal((await results([first]))[0].version, 1);
    const forwarded = nextCase(value);
    const second = saveCase(forwarded, ulid(), { version: 1 });
    assert.deepEqual(
      (await results([second])).map((r) => [r.status, r.version]),
      [['applied', 2]],
    );
    // Another workstation still holding version 1 saves: stale, and nothing changes.
    const [stale] = await results([saveCase(nextCase(value, { status: 'refused' }), ulid(), { version: 1 })]);
    assert.deepEqual([stale.status, stale.code, stale.reason], ['rejected', 'conflict', 'stale']);
    assert.match(stale.message, /第 2 版/);
    // A save without a base for a case the hall holds is stale too; one with a base for a case it does not hold, too.
    const [noBase] = await results([saveCase(nextCase(forwarded, { status: 'decided' }))]);
    assert.deepEqual([noBase.code, noBase.reason], ['conflict', 'stale']);
    const [unknownBase] = await results([saveCase(makeCase(), ulid(), { version: 1 })]);
    assert.deepEqual([unknownBase.code, unknownBase.reason], ['conflict', 'stale']);
    assert.equal((await read(value.id)).body.status, 'forwarded');
    // An offline chain: each save based on the mutation before it, applied in order.
    const decided = nextCase(forwarded, { status: 'decided' }, { action: 'decide' });
    const third = saveCase(decided, ulid(), { mutation: second.id });
    const fourth = saveCase(nextCase(decided, { status: 'result-ready' }, { action: 'result-ready' }), ulid(), {
      mutation: third.id,
    });
    assert.deepEqual(
      (await results([third, fourth])).map((r) => [r.status, r.version]),
      [
        ['applied', 3],
        ['applied', 4],
      ],
    );
    assert.equal((await read(value.id)).body.status, 'result-ready');
    // A number that belongs to another case.
    const [taken] = await results([saveCase(makeCase({ number: value.number }))]);
    assert.deepEqual([taken.status, taken.code, taken.reason], ['rejected', 'conflict', 'number-taken']);
    assert.match(taken.message, new RegExp(value.number));
    assert.equal(hall.counts().cases, 1);
  });

  it('keeps a clerk to the cases and ratings of their own window; a manager is not held to one', async () => {
    const clerk2 = await hall.login('clerk2');
    const manager = await hall.login('manager');
    const mine = makeCase();
    assert.equal((await results([saveCase(mine)]))[0].status, 'applied');
    const counts = hall.counts();
    // clerk01 sits at window 01.
    const refused = await results([
      saveCase(makeCase({ window: '02', responsibleClerk: 'clerk01' })),
      saveRating(makeRating(5, { window: '02' })),
    ]);
    assert.deepEqual(
      refused.map((r) => [r.status, r.code]),
      [
        ['rejected', 'forbidden'],
        ['rejected', 'forbidden'],
      ],
    );
    assert.match(refused[0].message, /01/);
    assert.match(refused[1].message, /01/);
    // clerk02 (window 02) may not overwrite a case of window 01, not even by claiming it for window 02.
    const overwrite = await results([saveCase(nextCase(mine, { status: 'refused' }), ulid(), { version: 1 })], clerk2);
    const claimed = { ...nextCase(mine), window: '02', number: mine.number.replace('-01-', '-02-') };
    const moved = await results([saveCase(claimed, ulid(), { version: 1 })], clerk2);
    for (const [result] of [overwrite, moved]) {
      assert.deepEqual([result.status, result.code], ['rejected', 'forbidden']);
      assert.match(result.message, /02/);
    }
    const [english] = await results([saveCase(makeCase({ window: '03' }))], clerk, { 'accept-language': 'en' });
    assert.match(english.message, /your windows \(01\)/);
    assert.deepEqual(hall.counts(), counts, 'nothing stored');
    assert.deepEqual((await read(mine.id)).body, mine);
    // A manager saves and changes cases and ratings of any window, in their own name.
    const forwarded = nextCase(mine, {}, { actor: 'manager01' });
    const forThree = makeCase({ window: '03' });
    const managed = await results(
      [
        saveCase(forwarded, ulid(), { version: 1 }),
        saveCase({ ...forThree, audit: forThree.audit.map((line) => ({ ...line, actor: 'manager01' })) }),
        saveRating(makeRating(4, { window: '02' })),
      ],
      manager,
    );
    assert.deepEqual(
      managed.map((r) => r.status),
      ['applied', 'applied', 'applied'],
      JSON.stringify(managed),
    );
    // And clerk01 still changes their own case.
    const [own] = await results([saveCase(nextCase(forwarded, { status: 'decided' }), ulid(), { version: 2 })]);
    assert.deepEqual([own.status, own.version], ['applied', 3]);
  });

  it('rejects a poison mutation with its reasons and applies the good ones around it, in order', async () => {
    const good1 = saveCase(makeCase());
    const poison = saveCase(
      makeCase({ applicant: { kind: 'person', name: '刘洋', idType: 'resident-id', idNumber: '120101198506201510' } }),
    );
    const unknownKind = { id: ulid(), kind: 'case.delete', payload: {} };
    const notAnObject = 42;
    const badId = { ...saveCase(makeCase()), id: 'not-a-ulid' };
    const good2 = saveRating(makeRating(4));
    const answered = await results([good1, poison, unknownKind, notAnObject, badId, good2]);
    assert.deepEqual(
      answered.map((r) => r.status),
      ['applied', 'rejected', 'rejected', 'rejected', 'rejected', 'applied'],
    );
    assert.deepEqual(
      answered.map((r) => r.id),
      [good1.id, poison.id, unknownKind.id, '', 'not-a-ulid', good2.id],
    );
    for (const rejected of answered.filter((r) => r.status === 'rejected')) {
      assert.equal(rejected.code, 'invalid');
      assert.ok(rejected.issues.length > 0);
      assert.match(rejected.message, /^数据不符合要求：/);
    }
    assert.ok(
      answered[1].issues.some((line) => line.startsWith('payload.applicant.idNumber:')),
      answered[1].issues.join('\n'),
    );
    assert.ok(answered[2].issues.some((line) => line.startsWith('kind:')));
    assert.ok(answered[4].issues.some((line) => line.startsWith('id:')));
    const counts = hall.counts();
    assert.deepEqual([counts.cases, counts.ratings, counts.mutations], [1, 1, 2]);
    assert.equal((await read(poison.payload.id)).status, 404);
  });

  it('answers in English when asked', async () => {
    const [result] = await results([{ id: ulid(), kind: 'nope', payload: {} }], clerk, { 'accept-language': 'en' });
    assert.match(result.message, /^The data is not valid: kind: one of case\.save, rating\.save/);
  });

  it('refuses a case whose attachments are missing (not recorded), then applies the same id after the upload', async () => {
    const bytes = Buffer.from('scan of the identity card');
    const hash = sha256(bytes);
    const value = makeCase({}, [hash]);
    const mutation = saveCase(value);
    const [first] = await results([mutation]);
    assert.deepEqual([first.status, first.code], ['rejected', 'missing-attachments']);
    assert.deepEqual(first.missing, [hash]);
    assert.equal((await read(value.id)).status, 404);
    assert.equal(hall.counts().mutations, 0, 'a missing-attachments rejection is not recorded');

    const upload = await hall.call('PUT', `/api/v1/attachments/${hash}`, { token: clerk, raw: bytes });
    assert.equal(upload.status, 201);
    const [retry] = await results([mutation]);
    assert.equal(retry.status, 'applied');
    assert.deepEqual((await read(value.id)).body.materials[0].attachments, [hash]);
  });

  it('lets a clerk save only cases of the hall, and a rating pad only ratings of its own window', async () => {
    const foreign = makeCase({ hall: 'BJDC01', number: `BJDC01-20261126-01-0001` });
    const [refused] = await results([saveCase(foreign)]);
    assert.deepEqual([refused.status, refused.code], ['rejected', 'forbidden']);
    assert.match(refused.message, /TJHP01/);

    // clerk01 is logged in at window 01: the pad's rating is theirs.
    const pad = await hall.login('pad');
    const answered = await results(
      [saveRating(makeRating(5)), saveRating(makeRating(1, { window: '02' })), saveCase(makeCase())],
      pad,
    );
    assert.deepEqual(
      answered.map((r) => [r.status, r.code]),
      [
        ['applied', undefined],
        ['rejected', 'forbidden'],
        ['rejected', 'forbidden'],
      ],
    );
    // A rating already stored under another mutation id is a conflict, not a second rating.
    const rating = makeRating(3);
    await results([saveRating(rating)]);
    const [again] = await results([saveRating(rating)]);
    assert.deepEqual([again.status, again.code], ['rejected', 'conflict']);
    assert.equal(hall.counts().ratings, 2);
  });

  it('refuses a malformed envelope as a whole with 400 and applies nothing', async () => {
    const good = saveCase(makeCase());
    for (const body of [{}, { mutations: [] }, { mutations: good }, [good], { mutations: Array(501).fill(good) }]) {
      const answer = await hall.call('POST', '/api/v1/sync', { token: clerk, body });
      assert.equal(answer.status, 400, JSON.stringify(body).slice(0, 80));
      assert.equal(answer.body.error, 'invalid');
      assert.ok(answer.body.issues.length > 0);
    }
    assert.equal(hall.counts().mutations, 0);
  });

  it('stores nothing of a mutation whose transaction fails half-way, and applies its retry', async () => {
    // A second connection makes the event insert fail after the case row is written.
    const Database = createRequire(import.meta.url)('better-sqlite3');
    const db = new Database(`${hall.dataDir}/hall.sqlite`);
    db.exec(`CREATE TRIGGER fail_case_event BEFORE INSERT ON events
             WHEN json_extract(NEW.doc, '$.type') = 'case.saved'
             BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    const before = hall.counts();
    const mutation = saveCase(makeCase());
    const answer = await sync([mutation]);
    assert.equal(answer.status, 500);
    assert.deepEqual(answer.body, { error: 'internal', message: '大厅内部错误，请稍后重试' });
    assert.deepEqual(hall.counts(), before, 'no case, no mutation row, no event');
    assert.ok(
      hall.logs.some((line) => line.includes('disk on fire')),
      'the failure is logged',
    );
    db.exec('DROP TRIGGER fail_case_event');
    db.close();
    assert.equal((await results([mutation]))[0].status, 'applied');
    assert.equal(hall.counts().cases, before.cases + 1);
  });

  it('finishes a batch cut off half-way on its retry: each mutation applied exactly once', async () => {
    const batch = Array.from({ length: 300 }, () => saveCase(makeCase()));
    const eventsBefore = hall.counts().events;
    const controller = new AbortController();
    const cut = fetch(new URL('/api/v1/sync', hall.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mutations: batch }),
      signal: controller.signal,
    }).catch((error) => error);
    await until(() => hall.counts().mutations > 0, 5000, 'the batch to start');
    controller.abort();
    await cut;
    const applied = hall.counts().mutations;
    const retried = await results(batch);
    assert.equal(retried.length, 300);
    assert.ok(
      retried.every((r) => r.status === 'applied' || r.status === 'duplicate'),
      JSON.stringify(retried.find((r) => r.status === 'rejected')),
    );
    const counts = hall.counts();
    assert.deepEqual([counts.cases, counts.mutations, counts.events - eventsBefore], [300, 300, 300]);
    assert.ok(
      retried.filter((r) => r.status === 'duplicate').length >= applied,
      'what the cut batch applied is answered duplicate',
    );
  });

  it('applies a batch of 500 cases in one request within three seconds', async (t) => {
    const batch = Array.from({ length: 500 }, () => saveCase(makeCase()));
    const started = performance.now();
    const answered = await results(batch);
    const elapsed = performance.now() - started;
    assert.ok(answered.every((r) => r.status === 'applied'));
    assert.equal(hall.counts().cases, 500);
    t.diagnostic(`500 mutations: ${Math.round(elapsed)} ms`);
    assert.ok(elapsed < 3000, `500 mutations took ${Math.round(elapsed)} ms`);
  });
});
