// Idempotent sync: each mutation applied at most once, on its own, in order; bad ones rejected with a reason
// without stopping the others; a case never stored without its attachments; nothing half-stored.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { makeCase, makeRating, saveCase, saveRating, sha256, startHall, ulid } from '../test-support/hall.mjs';

describe('sync', () => {
  let hall;
  let clerk;
  const sync = (mutations, token = clerk, headers) =>
    hall.call('POST', '/api/v1/sync', { token, body: { mutations }, headers });
  beforeEach(async () => {
    hall = await startHall();
    clerk = await hall.login('clerk');
  });
  afterEach(() => hall.dispose());

  it('applies a case, stores it as sent, and records the mutation and its event together', async () => {
    const value = makeCase();
    const mutation = saveCase(value);
    const answer = await sync([mutation]);
    assert.equal(answer.status, 200);
    const [result] = answer.body.results;
    assert.equal(result.id, mutation.id);
    assert.equal(result.status, 'applied');
    assert.ok(Number.isInteger(result.eventId) && result.eventId > 0);
    assert.ok(Math.abs(Date.parse(result.appliedAt) - Date.now()) < 10_000);
    const stored = await hall.call('GET', `/api/v1/cases/${value.id}`, { token: clerk });
    assert.deepEqual(stored.body, value);
    const counts = await hall.storage.counts();
    assert.deepEqual([counts.cases, counts.mutations], [1, 1]);
    const [event] = await hall.storage.eventsAfter(result.eventId - 1, 1);
    assert.deepEqual(event.data, { caseId: value.id, number: value.number, window: '01', status: 'accepted' });
  });

  it('answers the same mutation again as a duplicate with the original time, and stores nothing twice', async () => {
    const mutation = saveCase(makeCase());
    const [first] = (await sync([mutation])).body.results;
    const eventsAfterFirst = (await hall.storage.counts()).events;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const [again] = (await sync([mutation])).body.results;
    assert.deepEqual(again, {
      id: mutation.id,
      status: 'duplicate',
      appliedAt: first.appliedAt,
      eventId: first.eventId,
    });
    // From another session too (a clerk of another window: the id is known, nothing is applied), and with its
    // members in another order (the content is compared as canonical JSON).
    const other = await hall.login('clerk2');
    const reordered = {
      payload: Object.fromEntries(Object.entries(mutation.payload).reverse()),
      kind: mutation.kind,
      id: mutation.id,
    };
    const [third] = (await sync([reordered], other)).body.results;
    assert.equal(third.status, 'duplicate');
    assert.equal(third.appliedAt, first.appliedAt);
    const counts = await hall.storage.counts();
    assert.deepEqual([counts.cases, counts.mutations, counts.events], [1, 1, eventsAfterFirst]);
    assert.equal(
      (await hall.call('GET', `/api/v1/cases/${mutation.payload.id}`, { token: clerk })).body.status,
      'accepted',
    );
    // The same id twice in one batch: applied, then duplicate.
    const twice = saveCase(makeCase());
    const results = (await sync([twice, twice])).body.results;
    assert.deepEqual(
      results.map((r) => r.status),
      ['applied', 'duplicate'],
    );
  });

  it('refuses an id applied before that comes back with other content as a conflict, and changes nothing', async () => {
    const value = makeCase();
    const mutation = saveCase(value);
    assert.equal((await sync([mutation])).body.results[0].status, 'applied');
    const counts = await hall.storage.counts();
    // A client bug: the same id for a changed case, then for a different case altogether.
    const changed = { ...mutation, payload: { ...value, status: 'refused' } };
    const another = { ...mutation, payload: makeCase() };
    const results = (await sync([changed, another, mutation])).body.results;
    assert.deepEqual(
      results.map((r) => [r.id, r.status, r.code]),
      [
        [mutation.id, 'rejected', 'conflict'],
        [mutation.id, 'rejected', 'conflict'],
        [mutation.id, 'duplicate', undefined],
      ],
    );
    assert.equal(results[0].message, '该变更编号已用于其他内容，此次保存未生效');
    const [english] = (await sync([changed], clerk, { 'accept-language': 'en' })).body.results;
    assert.match(english.message, /already used for other content/);
    assert.deepEqual(await hall.storage.counts(), counts, 'nothing stored');
    assert.equal((await hall.call('GET', `/api/v1/cases/${value.id}`, { token: clerk })).body.status, 'accepted');
    assert.equal((await hall.call('GET', `/api/v1/cases/${another.payload.id}`, { token: clerk })).status, 404);
    // The same in one batch: the first applies, the second (same id, other content) is refused.
    const twice = saveCase(makeCase());
    const batch = (await sync([twice, { ...twice, payload: makeCase() }])).body.results;
    assert.deepEqual(
      batch.map((r) => [r.status, r.code]),
      [
        ['applied', undefined],
        ['rejected', 'conflict'],
      ],
    );
  });

  it('keeps a clerk to the cases and ratings of their own window; a manager is not held to one', async () => {
    const clerk2 = await hall.login('clerk2');
    const manager = await hall.login('manager');
    const mine = makeCase();
    assert.equal((await sync([saveCase(mine)])).body.results[0].status, 'applied');
    const counts = await hall.storage.counts();
    // clerk01 sits at window 01.
    const results = (await sync([saveCase(makeCase({ window: '02' })), saveRating(makeRating(5, { window: '02' }))]))
      .body.results;
    assert.deepEqual(
      results.map((r) => [r.status, r.code]),
      [
        ['rejected', 'forbidden'],
        ['rejected', 'forbidden'],
      ],
    );
    assert.match(results[0].message, /01/);
    assert.match(results[1].message, /01/);
    // clerk02 (window 02) may not overwrite a case of window 01, not even by claiming it for window 02.
    const later = new Date(Date.parse(mine.updatedAt) + 60_000).toISOString();
    const takeOver = (await sync([saveCase({ ...mine, status: 'refused', updatedAt: later })], clerk2)).body.results;
    const claimed = { ...mine, window: '02', number: mine.number.replace('-01-', '-02-'), updatedAt: later };
    const moved = (await sync([saveCase(claimed)], clerk2)).body.results;
    for (const [result] of [takeOver, moved]) {
      assert.deepEqual([result.status, result.code], ['rejected', 'forbidden']);
      assert.match(result.message, /02/);
    }
    const [english] = (await sync([saveCase(makeCase({ window: '03' }))], clerk, { 'accept-language': 'en' })).body
      .results;
    assert.match(english.message, /own window \(01\)/);
    assert.deepEqual(await hall.storage.counts(), counts, 'nothing stored');
    assert.deepEqual((await hall.call('GET', `/api/v1/cases/${mine.id}`, { token: clerk })).body, mine);
    // A manager saves and changes cases and ratings of any window.
    const managed = (
      await sync(
        [
          saveCase({ ...mine, status: 'forwarded', updatedAt: later }),
          saveCase(makeCase({ window: '03' })),
          saveRating(makeRating(4, { window: '02' })),
        ],
        manager,
      )
    ).body.results;
    assert.deepEqual(
      managed.map((r) => r.status),
      ['applied', 'applied', 'applied'],
    );
    // And clerk01 still changes their own case.
    const evenLater = new Date(Date.parse(later) + 1000).toISOString();
    assert.equal(
      (await sync([saveCase({ ...mine, status: 'decided', updatedAt: evenLater })])).body.results[0].status,
      'applied',
    );
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
    const batch = [good1, poison, unknownKind, notAnObject, badId, good2];
    const answer = await sync(batch);
    assert.equal(answer.status, 200);
    const results = answer.body.results;
    assert.deepEqual(
      results.map((r) => r.status),
      ['applied', 'rejected', 'rejected', 'rejected', 'rejected', 'applied'],
    );
    assert.deepEqual(
      results.map((r) => r.id),
      [good1.id, poison.id, unknownKind.id, '', 'not-a-ulid', good2.id],
    );
    for (const rejected of results.filter((r) => r.status === 'rejected')) {
      assert.equal(rejected.code, 'invalid');
      assert.ok(rejected.issues.length > 0);
      assert.match(rejected.message, /^数据不符合要求：/);
    }
    assert.ok(
      results[1].issues.some((line) => line.startsWith('payload.applicant.idNumber:')),
      results[1].issues.join('\n'),
    );
    assert.ok(results[2].issues.some((line) => line.startsWith('kind:')));
    assert.ok(results[4].issues.some((line) => line.startsWith('id:')));
    const counts = await hall.storage.counts();
    assert.deepEqual([counts.cases, counts.ratings, counts.mutations], [1, 1, 2]);
    assert.equal((await hall.call('GET', `/api/v1/cases/${poison.payload.id}`, { token: clerk })).status, 404);
  });

  it('answers in English when asked', async () => {
    const [result] = (await sync([{ id: ulid(), kind: 'nope', payload: {} }], clerk, { 'accept-language': 'en' })).body
      .results;
    assert.match(result.message, /^The data is not valid: kind: one of case\.save, rating\.save/);
  });

  it('refuses a case whose attachments are missing (not recorded), then applies the same id after the upload', async () => {
    const bytes = Buffer.from('scan of the identity card');
    const hash = sha256(bytes);
    const value = makeCase({}, [hash]);
    const mutation = saveCase(value);
    const [first] = (await sync([mutation])).body.results;
    assert.equal(first.status, 'rejected');
    assert.equal(first.code, 'missing-attachments');
    assert.deepEqual(first.missing, [hash]);
    assert.equal((await hall.call('GET', `/api/v1/cases/${value.id}`, { token: clerk })).status, 404);
    assert.equal((await hall.storage.counts()).mutations, 0, 'a missing-attachments rejection is not recorded');

    const upload = await hall.call('PUT', `/api/v1/attachments/${hash}`, { token: clerk, raw: bytes });
    assert.equal(upload.status, 201);
    const [retry] = (await sync([mutation])).body.results;
    assert.equal(retry.status, 'applied');
    const stored = await hall.call('GET', `/api/v1/cases/${value.id}`, { token: clerk });
    assert.deepEqual(stored.body.materials[0].attachments, [hash]);
  });

  it('refuses an older version of a case over a newer one, and a number that belongs to another case', async () => {
    const value = makeCase();
    const later = new Date(Date.parse(value.updatedAt) + 60_000).toISOString();
    const newer = { ...value, status: 'forwarded', updatedAt: later };
    assert.equal((await sync([saveCase(newer)])).body.results[0].status, 'applied');
    const [stale] = (await sync([saveCase(value)])).body.results;
    assert.deepEqual([stale.status, stale.code], ['rejected', 'conflict']);
    assert.match(stale.message, new RegExp(later.replace(/[.]/g, '\\.')));
    assert.equal((await hall.call('GET', `/api/v1/cases/${value.id}`, { token: clerk })).body.status, 'forwarded');
    // The same or a later time applies (the window is the authority for what it took in).
    const evenLater = { ...newer, status: 'decided', updatedAt: new Date(Date.parse(later) + 1000).toISOString() };
    assert.equal((await sync([saveCase(evenLater)])).body.results[0].status, 'applied');

    const thief = makeCase({ number: value.number });
    const [taken] = (await sync([saveCase(thief)])).body.results;
    assert.deepEqual([taken.status, taken.code], ['rejected', 'conflict']);
    assert.match(taken.message, new RegExp(value.number));
    assert.equal((await hall.storage.counts()).cases, 1);
  });

  it('lets a clerk save only cases of the hall, and a rating pad only ratings of its own window', async () => {
    const foreign = makeCase({ hall: 'BJDC01', number: `BJDC01-20261126-01-0001` });
    const [refused] = (await sync([saveCase(foreign)])).body.results;
    assert.deepEqual([refused.status, refused.code], ['rejected', 'forbidden']);
    assert.match(refused.message, /TJHP01/);

    const pad = await hall.login('pad');
    const results = (
      await sync([saveRating(makeRating(5)), saveRating(makeRating(1, { window: '02' })), saveCase(makeCase())], pad)
    ).body.results;
    assert.deepEqual(
      results.map((r) => [r.status, r.code]),
      [
        ['applied', undefined],
        ['rejected', 'forbidden'],
        ['rejected', 'forbidden'],
      ],
    );
    // A rating already stored under another mutation id is a conflict, not a second rating.
    const rating = makeRating(3);
    await sync([saveRating(rating)]);
    const [again] = (await sync([saveRating(rating)])).body.results;
    assert.deepEqual([again.status, again.code], ['rejected', 'conflict']);
    assert.equal((await hall.storage.counts()).ratings, 2);
  });

  it('refuses a malformed envelope as a whole with 400 and applies nothing', async () => {
    const good = saveCase(makeCase());
    for (const body of [{}, { mutations: [] }, { mutations: good }, [good], { mutations: Array(501).fill(good) }]) {
      const answer = await hall.call('POST', '/api/v1/sync', { token: clerk, body });
      assert.equal(answer.status, 400, JSON.stringify(body).slice(0, 80));
      assert.equal(answer.body.error, 'invalid');
      assert.ok(answer.body.issues.length > 0);
    }
    assert.equal((await hall.storage.counts()).mutations, 0);
  });

  it('stores nothing of a mutation whose transaction fails half-way, and applies its retry', async () => {
    // A second connection makes the event insert fail after the case row is written.
    const Database = createRequire(import.meta.url)('better-sqlite3');
    const db = new Database(`${hall.dataDir}/hall.sqlite`);
    db.exec(`CREATE TRIGGER fail_case_event BEFORE INSERT ON events WHEN NEW.type = 'case.saved'
             BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    const before = await hall.storage.counts();
    const mutation = saveCase(makeCase());
    const answer = await sync([mutation]);
    assert.equal(answer.status, 500);
    assert.deepEqual(answer.body, { error: 'internal', message: '服务器内部错误，请稍后重试' });
    assert.deepEqual(await hall.storage.counts(), before, 'no case, no mutation row, no event');
    db.exec('DROP TRIGGER fail_case_event');
    db.close();
    assert.equal((await sync([mutation])).body.results[0].status, 'applied');
    assert.equal((await hall.storage.counts()).cases, before.cases + 1);
  });

  it('applies a batch of 500 cases in one request within three seconds', async (t) => {
    const batch = Array.from({ length: 500 }, () => saveCase(makeCase()));
    const started = performance.now();
    const answer = await sync(batch);
    const elapsed = performance.now() - started;
    assert.equal(answer.status, 200);
    assert.ok(answer.body.results.every((r) => r.status === 'applied'));
    assert.equal((await hall.storage.counts()).cases, 500);
    t.diagnostic(`500 mutations: ${Math.round(elapsed)} ms`);
    assert.ok(elapsed < 3000, `500 mutations took ${Math.round(elapsed)} ms`);
  });
});
