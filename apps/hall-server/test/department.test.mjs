// The simulated deciding department (DEPARTMENT_SIMULATOR_SECONDS): a forwarded case gets its result back on its own,
// recorded by the hall with its vault, the trail naming the department; nothing else moves.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dist, makeCase, nextCase, saveCase, startHall, until } from '../test-support/hall.mjs';

const { optionsFromEnv } = dist;

describe('the simulated deciding department', () => {
  let hall;
  afterEach(() => hall?.dispose());

  it('sends back a result for a forwarded case after the delay; an accepted one waits', async () => {
    hall = await startHall({ departmentSimulatorSeconds: 0.2 });
    const clerk = await hall.login('clerk');
    const value = makeCase();
    const waiting = makeCase();
    assert.equal((await hall.sync(clerk, [saveCase(value), saveCase(waiting)]))[0].status, 'applied');
    assert.equal((await hall.sync(clerk, [saveCase(nextCase(value), undefined, { version: 1 })]))[0].status, 'applied');

    const read = async (id) => (await hall.call('GET', `/api/v1/cases/${id}`, { token: clerk })).body;
    await until(async () => (await read(value.id)).status === 'result-ready', 10_000);
    const decided = await read(value.id);
    assert.equal(decided.result.outcome, 'granted');
    assert.deepEqual(
      decided.audit.slice(-2).map((line) => [line.actor, line.window, line.action]),
      [
        ['dept-sim', '01', 'decide'],
        ['dept-sim', '01', 'result-ready'],
      ],
    );
    assert.equal((await read(waiting.id)).status, 'accepted');
  });

  it('is configured from DEPARTMENT_SIMULATOR_SECONDS, off when 0 or absent, and refuses junk', () => {
    assert.equal(optionsFromEnv({ DEPARTMENT_SIMULATOR_SECONDS: '120' }).departmentSimulatorSeconds, 120);
    assert.equal(optionsFromEnv({ DEPARTMENT_SIMULATOR_SECONDS: '0' }).departmentSimulatorSeconds, undefined);
    assert.equal(optionsFromEnv({}).departmentSimulatorSeconds, undefined);
    assert.throws(() => optionsFromEnv({ DEPARTMENT_SIMULATOR_SECONDS: 'soon' }), /DEPARTMENT_SIMULATOR_SECONDS/);
  });
});
