// The helper desk's visits (assist.save) as an attacker would send them: a helper named for someone else, a window not
// the clerk's, a time ahead of the hall's, a help log past its bound or shrinking, a closed visit reopened, a letter
// whose file the hall does not hold, a proxy whose authorisation had lapsed. Each is refused with its reason and
// changes nothing; what a clerk may do is applied once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeVisit, saveVisit, sha256, startHall } from '../test-support/hall.mjs';

describe('assist.save on the hall server', () => {
  let hall;
  let clerk;
  before(async () => {
    hall = await startHall();
    clerk = await hall.login('clerk');
  });
  after(() => hall.dispose());

  const one = async (mutation) => (await hall.sync(clerk, [mutation]))[0];

  it('names the helper itself, and keeps a clerk to their windows and the hall’s clock', async () => {
    const forged = await one(saveVisit(makeVisit({ helper: 'clerk02' })));
    assert.equal(forged.status, 'rejected');
    assert.equal(forged.code, 'forbidden');
    assert.match(forged.message, /clerk01/);

    const other = await one(saveVisit(makeVisit({ window: '02', helper: 'clerk01' })));
    assert.equal(other.code, 'forbidden');

    const ahead = new Date(Date.now() + 3_600_000).toISOString();
    const future = await one(saveVisit(makeVisit({ createdAt: ahead, updatedAt: ahead })));
    assert.equal(future.status, 'rejected');
    assert.match(future.message, /createdAt/);
  });

  it('refuses a help log past its bound or a list of cases repeated, as the browser’s schema does', async () => {
    const at = new Date().toISOString();
    const long = await one(
      saveVisit(makeVisit({ help: Array.from({ length: 51 }, () => ({ kind: 'guidance', minutes: 1, at })) })),
    );
    assert.equal(long.status, 'rejected');
    assert.equal(long.code, 'invalid');
    assert.match(long.message, /50/);
    const ulidLike = '01KQ3000000000000000000001';
    const repeated = await one(saveVisit(makeVisit({ cases: [ulidLike, ulidLike] })));
    assert.equal(repeated.code, 'invalid');
    // A list far past the bound (100,000 entries): refused as quickly, by its length, and the hall serves on.
    const huge = makeVisit({ help: Array.from({ length: 100_000 }, () => ({ kind: 'guidance', minutes: 1, at })) });
    const started = performance.now();
    const answer = await hall.call('POST', '/api/v1/sync', { token: clerk, body: { mutations: [saveVisit(huge)] } });
    assert.ok(performance.now() - started < 5_000);
    const refused = answer.status === 200 ? answer.body.results[0] : answer.body;
    assert.ok(answer.status === 200 ? refused.status === 'rejected' : answer.status === 413, JSON.stringify(refused));
    assert.equal((await one(saveVisit(makeVisit()))).status, 'applied');
  });

  it('only lets a visit grow: help and cases stay, a closed visit stays closed, versions are checked', async () => {
    const visit = makeVisit();
    assert.equal((await one(saveVisit(visit))).status, 'applied');
    assert.equal((await one(saveVisit(visit))).code, 'conflict', 'a second new visit of the same id');
    const shrunk = await one(saveVisit({ ...visit, help: [] }, undefined, { version: 1 }));
    assert.equal(shrunk.code, 'conflict');
    assert.match(shrunk.message, /只能追加/);
    const stale = await one(saveVisit({ ...visit, status: 'closed' }, undefined, { version: 7 }));
    assert.equal(stale.code, 'conflict');
    assert.equal((await one(saveVisit({ ...visit, status: 'closed' }, undefined, { version: 1 }))).status, 'applied');
    const reopened = await one(saveVisit({ ...visit, status: 'open' }, undefined, { version: 2 }));
    assert.equal(reopened.code, 'conflict');
    assert.match(reopened.message, /已经办结/);
  });

  it('asks for the letter’s file first, and refuses a proxy whose authorisation had lapsed on the day', async () => {
    const letter = Buffer.from('授权委托书 (scan)');
    const proxy = {
      name: '李强',
      idType: 'resident-id',
      idNumber: '120101198506201519',
      phone: '13900001111',
      relation: '儿子',
      authorisation: { kind: 'power-of-attorney', scope: '补领社会保障卡' },
    };
    const visit = makeVisit({ proxy, letter: { way: 'scan', files: [sha256(letter)] } });
    const missing = await one(saveVisit(visit));
    assert.equal(missing.code, 'missing-attachments');
    assert.deepEqual(missing.missing, [sha256(letter)]);
    const put = await hall.call('PUT', `/api/v1/attachments/${sha256(letter)}`, { token: clerk, raw: letter });
    assert.equal(put.status, 201);
    assert.equal((await one(saveVisit(visit))).status, 'applied');

    const withoutLetter = await one(saveVisit(makeVisit({ proxy })));
    assert.equal(withoutLetter.code, 'invalid');
    assert.match(withoutLetter.message, /letter/);

    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const lapsed = await one(
      saveVisit(makeVisit({ proxy: { ...proxy, authorisation: { kind: 'guardian', validUntil: yesterday } } })),
    );
    assert.equal(lapsed.code, 'invalid');
    assert.match(lapsed.message, new RegExp(`${yesterday}.*到期`));
  });
});
