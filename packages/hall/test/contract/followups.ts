// Follow-ups of bad ratings (差评整改) on a hall: opened with the rating, due by the hall's working-day calendar,
// acted on by managers, read by the clerks of the window. Runs against both clients (the hall server over HTTP, and
// the hall inside one browser).
import { expect } from '@open-wc/testing';
import { ulid, type Rating } from '@yichuang/core';
import type { FollowUp, HallClient } from '@yichuang/hall-client';
import { makeRating, saveRating } from '../../../hall-client/test/support/fixtures.js';
import { collect, hallErrorOf } from '../../../hall-client/test/support/assertions.js';
import type { HallUse } from './hall-contract.js';

/** The China day of 2026-09-30 10:00, the day before 国庆 (1 to 7 October, 10 October a make-up working day). */
const BEFORE_NATIONAL_DAY = '2026-09-30T02:00:00.000Z';

/** Saves a rating as the clerk of window 01 and answers it. */
async function rated(clerk: HallClient, grade: Rating['grade'], patch: Partial<Rating> = {}): Promise<Rating> {
  const rating = makeRating(grade, { at: BEFORE_NATIONAL_DAY, ...patch });
  const [result] = await clerk.sync([saveRating(rating)]);
  expect(result?.status, JSON.stringify(result)).to.equal('applied');
  return rating;
}

/** The follow-up of a rating, as `client` lists all of the rating's day. */
async function followUpOf(client: HallClient, rating: Rating): Promise<FollowUp | undefined> {
  const day = rating.at.slice(0, 10);
  const { followUps } = await client.followUps({ status: 'all', from: day, to: day });
  return followUps.find((followUp) => followUp.ratingId === rating.id);
}

export function followUpContract(useHall: () => HallUse): void {
  describe('follow-ups of bad ratings', () => {
    const hall = useHall();

    it('opens one with a bad rating, due 5 working days later by the hall’s calendar, across 国庆', async () => {
      const manager = await hall.as('manager');
      const clerk = await hall.as('clerk');
      const stream = collect(manager.events(), (events) => events.some((event) => event.type === 'followup.updated'));
      try {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const bad = await rated(clerk, 2, { reasons: ['wait', 'materials'], comment: '材料清单没讲全' });
        const types = (await stream.until).map((event) => event.type);
        expect(types.slice(types.indexOf('rating.saved'))).to.deep.equal(['rating.saved', 'followup.updated']);
        const good = await rated(clerk, 4);

        const followUp = (await followUpOf(manager, bad))!;
        expect(followUp).to.deep.include({
          window: '01',
          clerk: 'clerk01',
          grade: 2,
          day: '2026-09-30',
          // 8, 9 and 10 (a make-up Saturday), 12 and 13 October: 1 to 7 October are 国庆 days off.
          due: '2026-10-13',
          status: 'open',
          overdue: true,
        });
        expect(followUp.reasons).to.deep.equal(['wait', 'materials']);
        expect(followUp.actions).to.deep.equal([]);
        expect(await followUpOf(manager, good)).to.equal(undefined);
        const overdue = await manager.followUps({ status: 'overdue', from: '2026-09-30', to: '2026-09-30' });
        expect(overdue.followUps.map((one) => one.ratingId)).to.include(bad.id);
        expect(overdue.today).to.match(/^\d{4}-\d{2}-\d{2}$/);
      } finally {
        stream.stop();
      }
    });

    it('records call-back, rectification and feedback by the manager and the hall’s clock; feedback closes it', async () => {
      const manager = await hall.as('manager');
      const clerk = await hall.as('clerk');
      const bad = await rated(clerk, 1, { reasons: ['attitude'] });
      const before = Date.now();
      const called = await manager.actOnFollowUp(bad.id, {
        action: 'callback',
        note: '已电话回访，评价人反映窗口态度生硬',
        // What a client says of who and when is not taken.
        ...({ by: 'someone-else', at: '2020-01-01T00:00:00.000Z' } as object),
      } as never);
      expect(called.status).to.equal('open');
      expect(called.actions).to.have.length(1);
      expect(called.actions[0]).to.deep.include({ action: 'callback', by: 'manager01' });
      expect(Date.parse(called.actions[0]!.at)).to.be.at.least(before - 60_000);
      await manager.actOnFollowUp(bad.id, { action: 'rectify', note: '窗口人员已接受服务礼仪培训' });
      const closed = await manager.actOnFollowUp(bad.id, { action: 'feedback', note: '已将整改情况告知评价人' });
      expect(closed.status).to.equal('closed');
      expect(closed.closedAt).to.be.a('string');
      expect(closed.actions.map((entry) => [entry.action, entry.note])).to.deep.equal([
        ['callback', '已电话回访，评价人反映窗口态度生硬'],
        ['rectify', '窗口人员已接受服务礼仪培训'],
        ['feedback', '已将整改情况告知评价人'],
      ]);
      // The clerk of the window reads it, notes and all.
      expect((await followUpOf(clerk, bad))?.actions).to.have.length(3);
      expect(
        (await manager.followUps({ from: '2026-09-30', to: '2026-09-30' })).followUps.map((f) => f.ratingId),
      ).to.not.include(bad.id);

      const again = await hallErrorOf(manager.actOnFollowUp(bad.id, { action: 'callback', note: '再次回访' }));
      expect([again.code, again.message]).to.deep.equal(['conflict', `评价 ${bad.id} 的整改已办结，不能再记录`]);
    });

    it('closes one when a review withdraws the rating, and keeps it open when the review upholds it', async () => {
      const manager = await hall.as('manager');
      const clerk = await hall.as('clerk');
      const bad = await rated(clerk, 2, { reasons: ['other'] });
      const upheld = await manager.actOnFollowUp(bad.id, { action: 'review', outcome: 'upheld', note: '复核属实' });
      expect([upheld.status, upheld.actions[0]?.outcome]).to.deep.equal(['open', 'upheld']);
      const withdrawn = await manager.actOnFollowUp(bad.id, {
        action: 'review',
        outcome: 'withdrawn',
        note: '经核实为误评，评价人同意撤销',
      });
      expect([withdrawn.status, withdrawn.withdrawn]).to.deep.equal(['closed', true]);
    });

    it('refuses an empty or too long note, a review without outcome, an unknown one, with what to fix', async () => {
      const manager = await hall.as('manager');
      const clerk = await hall.as('clerk');
      const bad = await rated(clerk, 2, { reasons: ['slow'] });
      const empty = await hallErrorOf(manager.actOnFollowUp(bad.id, { action: 'callback', note: '   ' }));
      expect([empty.code, empty.issues]).to.deep.equal(['invalid', ['note: 办理情况不能为空']]);
      const long = await hallErrorOf(manager.actOnFollowUp(bad.id, { action: 'rectify', note: '改'.repeat(301) }));
      expect(long.issues).to.deep.equal(['note: 不能超过 300 个字符']);
      const noOutcome = await hallErrorOf(manager.actOnFollowUp(bad.id, { action: 'review', note: '复核' }));
      expect(noOutcome.issues).to.deep.equal(['outcome: 申诉复核须填写复核结论，其他办理事项不填']);
      const unknown = await hallErrorOf(manager.actOnFollowUp(ulid(), { action: 'callback', note: '回访' }));
      expect(unknown.code).to.equal('not-found');
      const range = await hallErrorOf(manager.followUps({ from: '2026-10-01', to: '2026-09-01' }));
      expect(range.issues).to.deep.equal(['from: 开始日期不能晚于结束日期']);
      // Nothing was recorded by the refused calls.
      expect((await followUpOf(manager, bad))?.actions).to.deep.equal([]);
    });

    it('lets only managers act, clerks read their own windows’, and public screens nothing', async () => {
      const manager = await hall.as('manager');
      const clerk = await hall.as('clerk');
      const bad = await rated(clerk, 2, { reasons: ['skill'] });
      const byClerk = await hallErrorOf(clerk.actOnFollowUp(bad.id, { action: 'callback', note: '回访' }));
      expect(byClerk.code).to.equal('forbidden');
      const other = await hall.as('clerk2');
      expect(await followUpOf(other, bad)).to.equal(undefined);
      expect(await followUpOf(manager, bad)).to.not.equal(undefined);
      const kiosk = await hall.as('kiosk');
      expect((await hallErrorOf(kiosk.followUps())).code).to.equal('forbidden');
    });

    it('gives new follow-ups the working days the manager sets', async () => {
      const manager = await hall.as('manager');
      const clerk = await hall.as('clerk');
      expect((await manager.settings()).followUpDays).to.equal(5);
      const wrong = await hallErrorOf(manager.saveFollowUpSettings({ days: 0 }));
      expect(wrong.issues).to.deep.equal(['days: 至少 1 个工作日']);
      await manager.saveFollowUpSettings({ days: 10 });
      expect((await manager.settings()).followUpDays).to.equal(10);
      const bad = await rated(clerk, 1, { reasons: ['wait'] });
      // 8 to 10, 12 to 16, 19 and 20 October.
      expect((await followUpOf(manager, bad))?.due).to.equal('2026-10-20');
      await manager.saveFollowUpSettings({ days: 5 });
    });
  });
}
