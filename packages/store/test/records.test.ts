import { expect } from '@open-wc/testing';
import { filter, firstValueFrom, timeout } from 'rxjs';
import {
  HOLIDAYS_2025,
  HOLIDAYS_2026,
  WorkingDayCalendar,
  ulid,
  type HolidaySchedule,
  type Ticket,
} from '@yichuang/core';
import type { CatalogSnapshot } from '@yichuang/hall-client';
import { InvalidRecordError } from '@yichuang/store';
import { CLERK, Stores, makeRating } from './support/fixtures.js';

const snapshot = (version: string): CatalogSnapshot =>
  ({ version, catalog: { items: [], bundles: [] }, holidays: [] }) as unknown as CatalogSnapshot;

function ticket(number: string, issuedAt: string, status: Ticket['status'] = 'waiting'): Ticket {
  return { id: ulid(), number, category: 'general', kind: 'normal', issuedAt, status };
}

describe('store: catalog, tickets, sync state, audit', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('keeps catalog versions and gives the last one saved by default', async () => {
    const store = await stores.open();
    await store.saveCatalog(snapshot('2025-03-01'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.saveCatalog(snapshot('2025-03-08'));
    expect((await store.catalog())?.version).to.equal('2025-03-08');
    expect((await store.catalog('2025-03-01'))?.version).to.equal('2025-03-01');
    expect(await store.catalog('1999')).to.equal(undefined);
  });

  it('keeps the hall’s holiday schedules for offline due dates, a new year beside those of the catalog', async () => {
    const store = await stores.open();
    await store.saveCatalog({ ...snapshot('2026.11'), holidays: [HOLIDAYS_2025, HOLIDAYS_2026] });
    expect((await store.calendar()).map((s) => s.year)).to.deep.equal([2025, 2026]);
    const next: HolidaySchedule = {
      year: 2027,
      published: '国办发明电〔2026〕99号 (2026-11-20)',
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
      workdays: [],
    };
    await store.saveCalendar([next]);
    const kept = await store.calendar();
    expect(kept.map((s) => s.year)).to.deep.equal([2025, 2026, 2027]);
    // Due dates in 2027 count the new holidays, offline: 2027-01-01 to 03 are days off.
    const calendar = new WorkingDayCalendar(kept);
    expect(calendar.addWorkingDays('2026-12-31', 1)).to.equal('2027-01-04');
    // A malformed schedule is refused whole, in the clerk's language; nothing changes.
    const error = await store
      .saveCalendar([{ ...next, holidays: [{ name: '元旦', from: '2027-01-05', to: '2027-01-01' }] }])
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(InvalidRecordError);
    expect((await store.calendar()).find((s) => s.year === 2027)?.holidays[0]?.to).to.equal('2027-01-03');
  });

  it('records tickets seen, lists them live in issue order, and refuses a malformed one', async () => {
    const store = await stores.open();
    const later = ticket('A002', '2025-03-03T01:05:00.000Z');
    const earlier = ticket('A001', '2025-03-03T01:00:00.000Z');
    await store.saveTickets([later, earlier]);
    const listed = await firstValueFrom(store.tickets$().pipe(timeout(2000)));
    expect(listed.map((t) => t.number)).to.deep.equal(['A001', 'A002']);
    const waiting = firstValueFrom(
      store.tickets$('waiting').pipe(
        filter((list) => list.length === 1),
        timeout(2000),
      ),
    );
    await store.saveTickets([{ ...earlier, status: 'done', window: 'W03', calledAt: '2025-03-03T01:10:00.000Z' }]);
    expect((await waiting)[0]!.number).to.equal('A002');
    let failure: unknown;
    await store.saveTickets([{ ...later, number: 'lower' }]).catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(InvalidRecordError);
    expect((failure as InvalidRecordError).issues[0]).to.match(/^number:/);
  });

  it('keeps sync bookkeeping values', async () => {
    const store = await stores.open();
    expect(await store.getSyncState('lastEventId')).to.equal(undefined);
    await store.setSyncState('lastEventId', 42);
    expect(await store.getSyncState<number>('lastEventId')).to.equal(42);
  });

  it('appends audit lines outside a case save, reasons sealed', async () => {
    const store = await stores.open();
    await store.appendAudit([
      { at: new Date().toISOString(), actor: CLERK, window: 'W03', action: 'print-notice', reason: '补打' },
    ]);
    const [line] = await store.auditLog();
    expect(line).to.include({ action: 'print-notice', reason: '补打' });
    expect((await store.db.audit.toArray())[0]!.sealed).to.not.equal(undefined);
  });

  it('tells whether a rating was acknowledged', async () => {
    const store = await stores.open();
    const { rating, mutationId } = await store.saveRating(makeRating());
    expect(await store.isRatingSynced(rating.id)).to.equal(false);
    await store.outbox.settle({
      acknowledged: [{ id: mutationId, status: 'applied', appliedAt: new Date().toISOString() }],
    });
    expect(await store.isRatingSynced(rating.id)).to.equal(true);
    expect(await store.isRatingSynced('nope')).to.equal(undefined);
  });
});
