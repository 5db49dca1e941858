// The manager's queue report on a hall: windows' states, the day's figures and their bounds. Runs against both
// clients (the hall server over HTTP, and the hall inside one browser).
import { expect } from '@open-wc/testing';
import type { QueueReport } from '@yichuang/hall-client';
import { hallErrorOf } from '../../../hall-client/test/support/assertions.js';
import type { HallUse } from './hall-contract.js';

const categoryOf = (report: QueueReport, code: string) => report.byCategory.find((line) => line.category === code)!;
const windowOf = (report: QueueReport, code: string) => report.windows.find((line) => line.code === code)!;

export function queueReportContract(useHall: () => HallUse): void {
  describe('queue report', () => {
    const hall = useHall();

    it('counts what the windows did today: served, no-shows, waits and service times, window by window', async () => {
      const manager = await hall.as('manager');
      const kiosk = await hall.as('kiosk');
      const clerk = await hall.as('clerk3');
      // Window 03 calls B first: empty its queue so the tickets below are the ones it calls.
      while (await clerk.callNext({ window: '03', categories: ['B'] }));
      await clerk.queueCommand({ command: 'finish', window: '03' }).catch(() => undefined);
      const before = await manager.queueReport();
      expect(windowOf(before, '03').state).to.equal('idle');

      const served = await kiosk.issueTicket({ category: 'B' });
      await kiosk.issueTicket({ category: 'B' });
      expect((await clerk.callNext({ window: '03', categories: ['B'] }))?.id).to.equal(served.id);
      await new Promise((resolve) => setTimeout(resolve, 30));
      const serving = await manager.queueReport();
      expect(windowOf(serving, '03')).to.deep.include({ state: 'serving', serving: served.number });
      expect(categoryOf(serving, 'B').waiting).to.equal(categoryOf(before, 'B').waiting + 1);

      await clerk.queueCommand({ command: 'finish', window: '03' });
      await clerk.callNext({ window: '03', categories: ['B'] });
      await clerk.queueCommand({ command: 'no-show', window: '03' });
      const after = await manager.queueReport();

      expect(after.day).to.match(/^\d{4}-\d{2}-\d{2}$/);
      expect(after.totals.issued - before.totals.issued).to.equal(2);
      expect(after.totals.served - before.totals.served).to.equal(1);
      expect(after.totals.noShows - before.totals.noShows).to.equal(1);
      const b = categoryOf(after, 'B');
      expect(b.served - categoryOf(before, 'B').served).to.equal(1);
      expect(b.noShowRate).to.be.within(0, 1);
      expect(b.averageServiceMs).to.be.a('number').and.at.least(0);
      expect(b.averageWaitMs).to.be.a('number').and.at.least(0);
      const line = windowOf(after, '03');
      expect([line.state, line.served - windowOf(before, '03').served]).to.deep.equal(['idle', 1]);
      // No clerk account staffs window 04 in the demo hall: it is closed.
      expect(windowOf(after, '04').state).to.equal('closed');
      const bars = after.serviceTimes.reduce((sum, bar) => sum + bar.count, 0);
      expect(bars).to.equal(after.totals.served);
      expect(after.waiting.length).to.be.greaterThan(0);
      expect(after.waiting.every((sample) => /^\d{2}:\d{2}$/.test(sample.time))).to.equal(true);
      expect(after.ratings.total).to.equal((await manager.statistics()).ratings.total);
    });

    it('reports a past day as its record, and refuses a day to come, a malformed day and anyone but a manager', async () => {
      const manager = await hall.as('manager');
      const past = await manager.queueReport('2020-01-06');
      expect(past.totals).to.deep.include({ issued: 0, served: 0, waiting: 0 });
      expect(past.windows.every((window) => window.state === 'closed')).to.equal(true);
      expect(past.waiting.every((sample) => sample.waiting === 0)).to.equal(true);

      const ahead = await hallErrorOf(manager.queueReport('2999-01-01'));
      expect(ahead.code).to.equal('invalid');
      expect(ahead.issues.join()).to.match(/2999-01-01/);
      const malformed = await hallErrorOf(manager.queueReport('2026-02-30'));
      expect(malformed.code).to.equal('invalid');
      expect(malformed.issues.join()).to.match(/^day: /);
      for (const who of ['clerk', 'display', 'kiosk'] as const) {
        expect((await hallErrorOf((await hall.as(who)).queueReport())).code).to.equal('forbidden');
      }
    });
  });
}
