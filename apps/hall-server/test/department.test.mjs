// Results coming back to the hall: the simulated deciding department (DEPARTMENT_SIMULATOR_SECONDS) sends a forwarded
// case its result on its own, recorded with the hall's vault; the applicant is told through the SMS hook (SMS_WEBHOOK_URL).
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { dist, makeCase, nextCase, saveCase, startHall, until } from '../test-support/hall.mjs';

const { optionsFromEnv } = dist;

describe('results coming back to the hall', () => {
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

  it('tells the applicant through the SMS hook once the result is recorded, and loses nothing when the hook fails', async () => {
    const received = [];
    let failing = false;
    const hook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (failing) {
          response.writeHead(503).end();
          return;
        }
        received.push(JSON.parse(body));
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: `sms-${received.length}` }));
      });
    });
    await new Promise((done) => hook.listen(0, '127.0.0.1', done));
    try {
      hall = await startHall({ smsWebhookUrl: `http://127.0.0.1:${hook.address().port}/sms` });
      const clerk = await hall.login('clerk');
      const result = {
        outcome: 'granted',
        name: '参保登记确认',
        department: '和平区人力资源和社会保障局',
        decidedAt: new Date(Date.now() - 60_000).toISOString(),
      };
      const record = async () => {
        const value = makeCase();
        await hall.sync(clerk, [saveCase(value)]);
        await hall.sync(clerk, [saveCase(nextCase(value), undefined, { version: 1 })]);
        const answer = await hall.call('POST', `/api/v1/cases/${value.id}/result`, { token: clerk, body: { result } });
        assert.equal(answer.status, 200, answer.text);
        return { value, answer: answer.body };
      };
      const told = await record();
      assert.equal(told.answer.notified, 'sent');
      assert.deepEqual(received, [
        {
          to: '13812345678',
          text: `【和平区政务服务中心】您的办件 ${told.value.number} 已办结（参保登记确认），请携带本人身份证件到任一综合窗口领取。`,
        },
      ]);
      failing = true;
      const untold = await record();
      assert.equal(untold.answer.notified, 'failed');
      assert.equal(untold.answer.status, 'result-ready');
      // No log line carries the number or the text.
      assert.ok(!hall.logs.join('').includes('13812345678'));
    } finally {
      hook.close();
    }
  });

  it('takes the SMS hook from SMS_WEBHOOK_URL: https, or http on this machine only', () => {
    assert.equal(
      optionsFromEnv({ SMS_WEBHOOK_URL: 'https://sms.example.gov.cn/send' }).smsWebhookUrl,
      'https://sms.example.gov.cn/send',
    );
    assert.equal(
      optionsFromEnv({ SMS_WEBHOOK_URL: 'http://127.0.0.1:9000/sms' }).smsWebhookUrl,
      'http://127.0.0.1:9000/sms',
    );
    assert.throws(() => optionsFromEnv({ SMS_WEBHOOK_URL: 'http://sms.example.gov.cn/send' }), /SMS_WEBHOOK_URL/);
    assert.throws(() => optionsFromEnv({ SMS_WEBHOOK_URL: 'not a url' }), /SMS_WEBHOOK_URL/);
  });
});
