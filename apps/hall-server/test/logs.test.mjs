// Personal data never reaches the log: saving a case, reading and claiming it, looking up a licence, failing to log
// in, even a URL that carries an identity number, leave only methods, route patterns, statuses and durations in the
// log lines.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { APPLICANT, LOGINS, makeCase, openEvents, saveCase, startHall } from '../test-support/hall.mjs';

describe('logs', () => {
  it('carry no name, identity number, phone, address, password or token, at the most verbose level', async () => {
    const hall = await startHall({ logLevel: 'trace' });
    const tokens = [];
    try {
      const token = await hall.login('clerk');
      tokens.push(token);
      const value = makeCase();
      assert.equal((await hall.sync(token, [saveCase(value)]))[0].status, 'applied');
      // An invalid one too: its issues go back to the client, not to the log.
      const bad = makeCase({ applicant: { ...APPLICANT, idNumber: '120101198506201510' } });
      await hall.sync(token, [saveCase(bad)]);
      assert.equal(
        (await hall.call('GET', `/api/v1/cases/${value.id}?purpose=print`, { token })).body.applicant.name,
        APPLICANT.name,
      );
      const lookup = await hall.call('POST', '/api/v1/licences/lookup', {
        token,
        body: { holderId: APPLICANT.idNumber },
      });
      assert.equal(lookup.body.licences[0].holderName, APPLICANT.name);
      const clerk2 = await hall.login('clerk2');
      tokens.push(clerk2);
      const claimed = await hall.call('POST', '/api/v1/cases/claim', {
        token: clerk2,
        body: { number: value.number, idNumber: APPLICANT.idNumber },
      });
      assert.equal(claimed.status, 200);
      await hall.call('POST', '/api/v1/cases/claim', {
        token: clerk2,
        body: { number: value.number, idNumber: '12010119900101304X' },
      });
      await hall.call('POST', '/api/v1/session', { body: { user: 'clerk01', password: 'wrong-yichuang-demo' } });
      await hall.call('POST', '/api/v1/session', { body: LOGINS.clerk });
      await hall.call('POST', '/api/v1/session', { body: { deviceToken: 'demo-kiosk-token-0001' } });
      await hall.call('GET', `/api/v1/licences/${APPLICANT.idNumber}`, { token });
      await hall.call('GET', `/api/v1/queue?holder=${APPLICANT.idNumber}&name=${encodeURIComponent(APPLICANT.name)}`, {
        token,
      });
      await hall.call('POST', '/api/v1/licences/lookup', {
        token,
        raw: `{"holderId":"${APPLICANT.idNumber}"`,
        headers: { 'content-type': 'application/json' },
      });
      const manager = await hall.login('manager');
      tokens.push(manager);
      await hall.call('PUT', '/api/v1/settings/accounts/clerk09', {
        token: manager,
        body: { name: '韩梅梅', role: 'clerk', windows: ['05'], password: 'a-secret-password-9' },
      });
      const enrolled = await hall.call('POST', '/api/v1/settings/devices', {
        token: manager,
        body: { id: 'kiosk-2', name: '二层自助取号机', role: 'kiosk' },
      });
      tokens.push(enrolled.body.deviceToken);
      const stream = await openEvents(hall.url, token);
      stream.close();
    } finally {
      await hall.dispose();
    }
    const log = hall.logs.join('');
    for (const secret of [
      APPLICANT.name,
      APPLICANT.idNumber,
      APPLICANT.phone,
      APPLICANT.address,
      '12010119900101304X',
      '韩梅梅',
      'yichuang-demo',
      'a-secret-password-9',
      'demo-kiosk-token-0001',
      ...tokens,
    ]) {
      assert.equal(log.includes(secret), false, `the log contains ${secret}`);
    }
    assert.doesNotMatch(log, /authorization|bearer|cookie|"body"|"headers"/i);
    // It is not empty: one line per request, with the route pattern and the status.
    const lines = hall.logs.map((line) => JSON.parse(line));
    const requests = lines.filter((line) => line.msg === 'request');
    assert.ok(requests.length >= 15, `${requests.length} request lines`);
    for (const line of requests) {
      assert.deepEqual(
        Object.keys(line)
          .filter((key) => !['level', 'time', 'pid', 'hostname', 'reqId', 'msg'].includes(key))
          .sort(),
        ['method', 'ms', 'route', 'status'],
      );
    }
    assert.ok(requests.some((line) => line.route === '/api/v1/licences/lookup' && line.status === 200));
    assert.ok(requests.some((line) => line.route === '/api/v1/cases/:id' && line.status === 200));
    assert.ok(requests.some((line) => line.route === '/api/v1/cases/claim' && line.status === 404));
    assert.ok(requests.some((line) => line.route === '(unmatched)' && line.status === 404));
    assert.ok(lines.some((line) => line.msg === 'events stream opened' && line.role === 'clerk'));
  });
});
