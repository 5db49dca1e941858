// Results at the window (综合窗口出件) on a hall: the deciding department's result recorded on a forwarded case, a
// window's save that would forge one refused, and the result handed over at a window on the version the hall made.
// Runs against both clients (the hall server over HTTP, and the hall inside one browser).
import { expect } from '@open-wc/testing';
import { handOver, ulid, type Case, type CaseResult } from '@yichuang/core';
import { demoCatalog } from '@yichuang/demo-catalog';
import type { HallClient, MutationResult } from '@yichuang/hall-client';
import { makeCase, nextCase, saveCase } from '../../../hall-client/test/support/fixtures.js';
import { hallErrorOf } from '../../../hall-client/test/support/assertions.js';
import { applied, type HallUse } from './hall-contract.js';

const rejected = (result: MutationResult | undefined) => {
  expect(result?.status, JSON.stringify(result)).to.equal('rejected');
  return result as MutationResult & { status: 'rejected' };
};

/** The department's result, decided a minute ago. */
const resultNow = (): CaseResult => ({
  outcome: 'granted',
  name: '参保登记确认',
  documentNumber: '和人社〔2026〕7号',
  department: '和平区人力资源和社会保障局',
  decidedAt: new Date(Date.now() - 60_000).toISOString(),
});

export function resultContract(useHall: () => HallUse): void {
  describe('results at the window (综合窗口出件)', () => {
    const hall = useHall();

    /** A case saved by window 01's clerk and forwarded: version 2 on the hall. */
    async function forwarded(clerk: HallClient): Promise<Case> {
      const value = makeCase();
      applied((await clerk.sync([saveCase(value)]))[0]);
      const sent = nextCase(value);
      applied((await clerk.sync([saveCase(sent, ulid(), { version: 1 })]))[0]);
      return sent;
    }

    it('records the department’s result on a forwarded case: ready to hand over, both steps in its trail', async () => {
      const clerk = await hall.as('clerk');
      const value = await forwarded(clerk);
      const result = resultNow();
      const answer = await clerk.recordResult(value.id, { result });
      expect(answer).to.deep.equal({
        caseId: value.id,
        number: value.number,
        status: 'result-ready',
        version: 3,
        notified: 'no-gateway',
      });
      const stored = await clerk.getCase(value.id);
      expect(stored?.status).to.equal('result-ready');
      expect(stored?.result).to.deep.equal(result);
      expect(stored?.audit.slice(-2).map((e) => [e.actor, e.window, e.action, e.to])).to.deep.equal([
        ['clerk01', '01', 'decide', 'decided'],
        ['clerk01', '01', 'result-ready', 'result-ready'],
      ]);
    });

    it('refuses a result on a case not forwarded, from a clerk of another window, and one that is malformed', async () => {
      const clerk = await hall.as('clerk');
      const accepted = makeCase();
      applied((await clerk.sync([saveCase(accepted)]))[0]);
      const early = await hallErrorOf(clerk.recordResult(accepted.id, { result: resultNow() }));
      expect([early.status, early.code]).to.deep.equal([409, 'conflict']);
      expect(early.message).to.match(/^不能登记办结结果：案件不能从“已受理”变为“已办结”/);

      const value = await forwarded(clerk);
      const other = await hallErrorOf((await hall.as('clerk2')).recordResult(value.id, { result: resultNow() }));
      expect([other.status, other.code]).to.deep.equal([404, 'not-found']);
      const malformed = await hallErrorOf(
        clerk.recordResult(value.id, { result: { ...resultNow(), outcome: 'perhaps' as never } }),
      );
      expect([malformed.status, malformed.code]).to.deep.equal([400, 'invalid']);
      expect(malformed.issues.join(' ')).to.contain('outcome');
      const future = await hallErrorOf(
        clerk.recordResult(value.id, { result: { ...resultNow(), decidedAt: '2999-01-01T00:00:00.000Z' } }),
      );
      expect(future.message).to.contain('办结时间不能晚于登记时间');
      expect((await clerk.getCase(value.id))?.status).to.equal('forwarded');
    });

    it('refuses a window’s save that forges a result, but takes one an immediate item is decided with at the window', async () => {
      const clerk = await hall.as('clerk');
      const value = await forwarded(clerk);
      const forged: Case = { ...nextCase(value, { status: 'decided' }, { action: 'decide' }), result: resultNow() };
      const refusal = rejected((await clerk.sync([saveCase(forged, ulid(), { version: 2 })]))[0]);
      expect([refusal.code, refusal.reason]).to.deep.equal(['forbidden', 'result-forged']);

      const immediate = demoCatalog.items.find((item) => item.caseKind === 'immediate')!;
      const atWindow = makeCase({
        items: [{ itemId: immediate.id, version: immediate.version }],
        materials: immediate.materials
          .filter((m) => m.necessity === 'required')
          .map((m) => ({ materialId: m.id, itemIds: [immediate.id], receipt: 'paper' as const, copies: 1 })),
      });
      applied((await clerk.sync([saveCase(atWindow)]))[0]);
      const decided: Case = {
        ...nextCase(atWindow, { status: 'decided' }, { action: 'decide' }),
        result: { ...resultNow(), department: '和平区政务服务中心' },
      };
      applied((await clerk.sync([saveCase(decided, ulid(), { version: 1 })]))[0]);
    });

    it('hands the result over at another window on the version the hall made, the applicant’s document checked', async () => {
      const clerk = await hall.as('clerk');
      const value = await forwarded(clerk);
      const recorded = await clerk.recordResult(value.id, { result: resultNow() });
      // Listed to hand over at its window, with the version to save on and nothing personal.
      const listed = (await clerk.readyResults()).results.find((r) => r.caseId === value.id);
      expect(listed).to.deep.include({ number: value.number, window: '01', way: 'window', version: recorded.version });
      expect(listed?.result).to.deep.equal({
        outcome: 'granted',
        name: '参保登记确认',
        department: '和平区人力资源和社会保障局',
        documentNumber: '和人社〔2026〕7号',
      });
      expect(JSON.stringify(listed)).not.to.contain('刘洋');
      const clerk2 = await hall.as('clerk2');
      expect((await clerk2.readyResults()).results.map((r) => r.caseId)).not.to.include(value.id);
      const granted = await clerk2.claimCase({
        number: value.number,
        idNumber: (value.applicant as { idNumber: string }).idNumber,
        purpose: 'hand-over',
      });
      const delivered = handOver(granted, {
        way: 'window',
        receiver: 'applicant',
        presentedId: (value.applicant as { idNumber: string }).idNumber,
        signature: 'paper',
        actor: 'clerk02',
        window: '02',
        at: new Date().toISOString(),
      });
      const version = (await clerk2.readyResults()).results.find((r) => r.caseId === value.id)!.version;
      applied((await clerk2.sync([saveCase(delivered, ulid(), { version })]))[0]);
      expect((await clerk2.readyResults()).results.map((r) => r.caseId)).not.to.include(value.id);
      const stored = await clerk.getCase(value.id);
      expect(stored?.status).to.equal('delivered');
      expect(stored?.handover).to.deep.include({ way: 'window', receiver: 'applicant', signature: 'paper' });
      expect(stored?.audit.at(-1)).to.deep.include({ actor: 'clerk02', window: '02', action: 'deliver' });
      // The result stays as the hall recorded it.
      expect(stored?.result?.documentNumber).to.equal('和人社〔2026〕7号');
    });
  });
}
