import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  HOLIDAY_SCHEDULES,
  HOLIDAYS_2026,
  LATE_DECEMBER_FROM,
  UnknownCalendarYearError,
  WorkingDayCalendar,
  defaultCalendar,
  toChinaDate,
  toChinaDateTime,
} from '@yichuang/core';
import type { HolidaySchedule } from '@yichuang/core';

const cal = defaultCalendar;

const catchError = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('WorkingDayCalendar: holiday facts', () => {
  it('knows the 2025 National Day and Mid-Autumn holiday and its make-up working days', () => {
    expect(cal.isWorkingDay('2025-10-08')).to.equal(false);
    expect(cal.isWorkingDay('2025-10-01')).to.equal(false);
    expect(cal.isWorkingDay('2025-09-28')).to.equal(true); // Sunday, make-up working day
    expect(cal.isWorkingDay('2025-10-11')).to.equal(true); // Saturday, make-up working day
    expect(cal.isWorkingDay('2025-10-09')).to.equal(true);
    expect(cal.isWorkingDay('2025-10-12')).to.equal(false); // plain Sunday
  });

  it('knows the 2026 Spring Festival (9 days, 2026-02-15 to 02-23) and its Saturdays at work', () => {
    for (let d = 15; d <= 23; d++) expect(cal.isWorkingDay(`2026-02-${d}`), `02-${d}`).to.equal(false);
    expect(cal.isWorkingDay('2026-02-14')).to.equal(true);
    expect(cal.isWorkingDay('2026-02-28')).to.equal(true);
    expect(cal.isWorkingDay('2026-02-24')).to.equal(true);
    expect(cal.dayInfo('2026-02-17')).to.deep.equal({
      date: '2026-02-17',
      working: false,
      makeUpWorkday: false,
      holiday: '春节',
    });
    expect(cal.dayInfo('2026-02-14')).to.deep.equal({ date: '2026-02-14', working: true, makeUpWorkday: true });
  });

  it('knows 2024: 2024-02-04 at work, 2024-10-07 off, a plain Wednesday at work', () => {
    expect(cal.isWorkingDay('2024-02-04')).to.equal(true);
    expect(cal.isWorkingDay('2024-10-07')).to.equal(false);
    expect(cal.isWorkingDay('2024-03-13')).to.equal(true);
    expect(cal.isWorkingDay('2024-03-16')).to.equal(false);
  });

  it('ships every year from 2023 to 2026', () => {
    expect(cal.years()).to.deep.equal([2023, 2024, 2025, 2026]);
    expect(HOLIDAY_SCHEDULES.map((s) => s.year)).to.deep.equal([2023, 2024, 2025, 2026]);
    expect(cal.knows(2026)).to.equal(true);
    expect(cal.knows(2027)).to.equal(false);
  });

  it('reads a Date in China time, whatever the machine’s zone', () => {
    // 2025-09-30T16:30Z is 2025-10-01 00:30 in Beijing: a holiday.
    expect(cal.isWorkingDay(new Date('2025-09-30T16:30:00Z'))).to.equal(false);
    expect(cal.isWorkingDay(new Date('2025-09-30T15:30:00Z'))).to.equal(true);
    expect(toChinaDate(new Date('2025-12-31T16:00:00Z'))).to.equal('2026-01-01');
    // The time as a clock in Beijing reads it, for screens and printed papers.
    expect(toChinaDateTime('2025-12-31T16:05:00Z')).to.equal('2026-01-01 00:05');
    expect(toChinaDateTime(Date.parse('2025-03-01T00:30:00.000Z'))).to.equal('2025-03-01 08:30');
    expect(() => toChinaDateTime('yesterday')).to.throw(RangeError);
  });
});

describe('WorkingDayCalendar: counting', () => {
  it('counts a limit from the next working day after acceptance', () => {
    expect(cal.addWorkingDays('2025-09-30', 1)).to.equal('2025-10-09');
    expect(cal.addWorkingDays('2025-09-26', 1)).to.equal('2025-09-28'); // Friday → make-up Sunday
    expect(cal.nextWorkingDay('2025-10-01')).to.equal('2025-10-09');
    expect(cal.addWorkingDays('2026-02-10', 5)).to.equal('2026-02-24');
    expect(cal.addWorkingDays('2025-03-03', 5)).to.equal('2025-03-10');
    expect(cal.addWorkingDays('2025-03-03', 0)).to.equal('2025-03-03');
  });

  it('counts working days between two dates, the first not included, the last included', () => {
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-09')).to.equal(1);
    expect(cal.workingDaysBetween('2025-10-09', '2025-09-30')).to.equal(-1);
    expect(cal.workingDaysBetween('2025-03-03', '2025-03-03')).to.equal(0);
    expect(cal.workingDaysBetween('2025-01-01', '2025-12-31')).to.equal(248); // 2025 has 248 working days
  });

  it('stops the clock during a special procedure', () => {
    const pauses = [{ from: '2025-03-05', to: '2025-03-06' }];
    expect(cal.addWorkingDays('2025-03-03', 5, { pauses })).to.equal('2025-03-12');
    expect(cal.workingDaysBetween('2025-03-03', '2025-03-12', { pauses })).to.equal(5);
    expect(cal.dueDate({ start: '2025-03-03', limit: { value: 5, unit: 'working-days' }, pauses })).to.equal(
      '2025-03-12',
    );
    expect(
      catchError(() => cal.addWorkingDays('2025-03-03', 1, { pauses: [{ from: '2025-03-06', to: '2025-03-05' }] })),
    ).to.be.instanceOf(RangeError);
  });

  it('computes natural-day limits, moving an end on a day off to the next working day', () => {
    expect(cal.dueDate({ start: '2025-09-20', limit: { value: 10, unit: 'natural-days' } })).to.equal('2025-09-30');
    expect(cal.dueDate({ start: '2025-09-25', limit: { value: 10, unit: 'natural-days' } })).to.equal('2025-10-09');
    expect(
      cal.dueDate({ start: '2025-09-25', limit: { value: 10, unit: 'natural-days' }, rollForward: false }),
    ).to.equal('2025-10-05');
    expect(
      cal.dueDate({
        start: '2025-09-20',
        limit: { value: 10, unit: 'natural-days' },
        pauses: [{ from: '2025-09-22', to: '2025-09-24' }],
      }),
    ).to.equal('2025-10-09'); // 3 paused days push the end to 10-03, a holiday
    expect(cal.dueDate({ start: '2025-09-20', limit: { value: 0, unit: 'natural-days' } })).to.equal('2025-09-20');
    expect(catchError(() => cal.dueDate({ start: '2025-09-20', limit: { value: 4, unit: 'hours' } }))).to.be.instanceOf(
      RangeError,
    );
  });

  it('rejects malformed dates and counts', () => {
    expect(catchError(() => cal.isWorkingDay('2025-02-29'))).to.be.instanceOf(RangeError);
    expect(catchError(() => cal.isWorkingDay('2025/10/08'))).to.be.instanceOf(RangeError);
    expect(catchError(() => cal.isWorkingDay(new Date('nonsense')))).to.be.instanceOf(RangeError);
    expect(catchError(() => cal.addWorkingDays('2025-03-03', -1))).to.be.instanceOf(RangeError);
    expect(catchError(() => cal.addWorkingDays('2025-03-03', 1.5))).to.be.instanceOf(RangeError);
  });
});

describe('WorkingDayCalendar: unknown years', () => {
  it('throws a typed error instead of guessing', () => {
    const e = catchError(() => cal.isWorkingDay('2027-03-03'));
    expect(e).to.be.instanceOf(UnknownCalendarYearError);
    expect((e as UnknownCalendarYearError).year).to.equal(2027);
    // 2022-12-31 is mentioned by the 2023 notice, but 2022 itself is not loaded.
    expect(catchError(() => cal.isWorkingDay('2022-12-31'))).to.be.instanceOf(UnknownCalendarYearError);
    // Counting into an unpublished year.
    const late = catchError(() => cal.addWorkingDays('2026-12-28', 5));
    expect((late as UnknownCalendarYearError).year).to.equal(2027);
    expect(
      catchError(() => cal.dueDate({ start: '2026-12-20', limit: { value: 20, unit: 'natural-days' } })),
    ).to.be.instanceOf(UnknownCalendarYearError);
  });

  it('loads a newly published year at run time, validated', () => {
    const local = new WorkingDayCalendar(HOLIDAY_SCHEDULES);
    const y2027: HolidaySchedule = {
      year: 2027,
      published: 'test notice',
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
      workdays: ['2027-01-09'],
    };
    local.load(y2027);
    expect(local.knows(2027)).to.equal(true);
    expect(local.isWorkingDay('2027-01-01')).to.equal(false);
    expect(local.isWorkingDay('2027-01-09')).to.equal(true);
    expect(local.addWorkingDays('2026-12-30', 2)).to.equal('2027-01-04');
    expect(cal.knows(2027)).to.equal(false); // other instances are not affected

    expect(catchError(() => local.load({ ...y2027, year: 2028 }))).to.be.instanceOf(Error); // dates outside the year
    expect(catchError(() => local.load({ ...y2027, workdays: ['2027-01-06'] }))).to.be.instanceOf(Error); // a Wednesday
    expect(
      catchError(() => local.load({ ...y2027, holidays: [{ name: 'x', from: '2027-01-03', to: '2027-01-01' }] })),
    ).to.be.instanceOf(Error);
    expect(catchError(() => local.load({ year: 2029 }))).to.be.instanceOf(Error);
    expect(local.knows(2028)).to.equal(false);
  });

  it('replaces a year when a corrected schedule is loaded', () => {
    const local = new WorkingDayCalendar([HOLIDAY_SCHEDULES[HOLIDAY_SCHEDULES.length - 1]!]);
    expect(local.years()).to.deep.equal([2026]);
    local.load({ year: 2026, published: 'corrected', holidays: [], workdays: [] });
    expect(local.isWorkingDay('2026-10-01')).to.equal(true);
    expect(local.isWorkingDay('2026-10-10')).to.equal(false);
    expect(local.schedule(2026)?.published).to.equal('corrected');
  });

  it('uses a notice’s days in the December before its year once that year is loaded', () => {
    const local = new WorkingDayCalendar(HOLIDAY_SCHEDULES);
    local.load({ year: 2022, published: 'test', holidays: [], workdays: [] });
    // The 2023 notice's 元旦 ran from 2022-12-31 to 2023-01-02.
    const info = { date: '2022-12-31', working: false, makeUpWorkday: false, holiday: '元旦' };
    expect(local.dayInfo('2022-12-31')).to.deep.equal(info);
    expect(local.isWorkingDay('2022-12-30')).to.equal(true);
    // Should an older notice disagree, the newer one wins.
    local.load({ year: 2022, published: 'test', holidays: [], workdays: ['2022-12-31'] });
    expect(local.dayInfo('2022-12-31')).to.deep.equal(info);
  });
});

/**
 * A made-up schedule for 2027 (the real notice is not published yet), shaped like the one for 2019, which made
 * 2018-12-29 (a Saturday) a working day and 2018-12-31 a day off: here 2026-12-26 (a Saturday) is a make-up working
 * day and 元旦 runs from 2026-12-31 (a Thursday) to 2027-01-03.
 */
const FICTIONAL_2027: HolidaySchedule = {
  year: 2027,
  published: 'test fixture, not a real notice',
  holidays: [{ name: '元旦', from: '2026-12-31', to: '2027-01-03' }],
  workdays: ['2026-12-26'],
};

describe('WorkingDayCalendar: the last days of December', () => {
  it('does not guess 2026-12-24 to 12-31 while the 2027 notice is not loaded', () => {
    const local = new WorkingDayCalendar(HOLIDAY_SCHEDULES);
    expect(LATE_DECEMBER_FROM).to.equal(24);
    expect(local.knows(2026)).to.equal(true);
    for (const d of ['2026-12-24', '2026-12-26', '2026-12-31']) {
      expect(local.knowsDate(d), d).to.equal(false);
      const e = catchError(() => local.isWorkingDay(d));
      expect(e, d).to.be.instanceOf(UnknownCalendarYearError);
      expect((e as UnknownCalendarYearError).year, d).to.equal(2027);
    }
    expect(catchError(() => local.dayInfo('2026-12-31'))).to.be.instanceOf(UnknownCalendarYearError);
    // The days before are known: 12-23 is a plain Wednesday.
    expect(local.knowsDate('2026-12-23')).to.equal(true);
    expect(local.isWorkingDay('2026-12-23')).to.equal(true);
    expect(local.addWorkingDays('2026-12-21', 2)).to.equal('2026-12-23');
    const counted = catchError(() => local.addWorkingDays('2026-12-21', 3));
    expect((counted as UnknownCalendarYearError).year).to.equal(2027);
    expect(catchError(() => local.workingDaysBetween('2026-12-01', '2026-12-24'))).to.be.instanceOf(
      UnknownCalendarYearError,
    );
    expect(
      catchError(() => local.dueDate({ start: '2026-12-14', limit: { value: 10, unit: 'natural-days' } })),
    ).to.be.instanceOf(UnknownCalendarYearError);
    // The start day itself is never judged, so counting 0 days from it needs nothing more.
    expect(local.addWorkingDays('2026-12-28', 0)).to.equal('2026-12-28');
    // Early January was already unknown: its own year is not loaded.
    expect(local.knowsDate('2027-01-04')).to.equal(false);
    expect((catchError(() => local.isWorkingDay('2027-01-04')) as UnknownCalendarYearError).year).to.equal(2027);
    // Late December of a year whose next year is loaded is known, from the next notice's days or the weekdays.
    expect(local.knowsDate('2025-12-31')).to.equal(true);
    expect(local.isWorkingDay('2025-12-31')).to.equal(true);
    expect(local.isWorkingDay('2023-12-30')).to.equal(false); // the 2024 notice's 元旦
    expect(catchError(() => local.knowsDate('2026-12-32'))).to.be.instanceOf(RangeError);
  });

  it('answers for those days once the 2027 schedule is loaded, with its December days', () => {
    const local = new WorkingDayCalendar(HOLIDAY_SCHEDULES);
    local.load(FICTIONAL_2027);
    expect(local.knowsDate('2026-12-31')).to.equal(true);
    expect(local.dayInfo('2026-12-31')).to.deep.equal({
      date: '2026-12-31',
      working: false,
      makeUpWorkday: false,
      holiday: '元旦',
    });
    expect(local.dayInfo('2026-12-26')).to.deep.equal({ date: '2026-12-26', working: true, makeUpWorkday: true });
    expect(local.isWorkingDay('2026-12-24')).to.equal(true);
    expect(local.isWorkingDay('2026-12-27')).to.equal(false);
    expect(local.isWorkingDay('2027-01-04')).to.equal(true);
    // 24, 25, 26 (the Saturday at work), 28, 29, 30, then 元旦 until 2027-01-03.
    expect(local.addWorkingDays('2026-12-23', 6)).to.equal('2026-12-30');
    expect(local.addWorkingDays('2026-12-23', 7)).to.equal('2027-01-04');
    // 2027's own last days wait for 2028.
    expect(local.knowsDate('2027-12-24')).to.equal(false);
    expect(local.knowsDate('2027-12-23')).to.equal(true);
  });

  it('knows a late-December day its own year’s schedule lists, without the next year', () => {
    const local = new WorkingDayCalendar(HOLIDAY_SCHEDULES);
    local.load({
      ...HOLIDAYS_2026,
      holidays: [...HOLIDAYS_2026.holidays, { name: '测试', from: '2026-12-31', to: '2026-12-31' }],
    });
    expect(local.knowsDate('2026-12-31')).to.equal(true);
    expect(local.isWorkingDay('2026-12-31')).to.equal(false);
    expect(local.knowsDate('2026-12-30')).to.equal(false);
  });

  it('refuses a schedule reaching back before December 24 of the year before', () => {
    const local = new WorkingDayCalendar(HOLIDAY_SCHEDULES);
    expect(catchError(() => local.load({ ...FICTIONAL_2027, workdays: ['2026-12-19'] }))).to.be.instanceOf(Error);
    expect(
      catchError(() =>
        local.load({ ...FICTIONAL_2027, holidays: [{ name: '元旦', from: '2026-12-23', to: '2027-01-01' }] }),
      ),
    ).to.be.instanceOf(Error);
    expect(local.knows(2027)).to.equal(false);
    expect(local.load({ ...FICTIONAL_2027, workdays: ['2026-12-26'] }).year).to.equal(2027);
  });

  it('never answers for a day that loading another year’s schedule would change (property)', () => {
    const all = [...HOLIDAY_SCHEDULES, FICTIONAL_2027];
    const full = new WorkingDayCalendar(all);
    const DAY = 86_400_000;
    const day = fc
      .integer({ min: Date.UTC(2023, 0, 1) / DAY, max: Date.UTC(2027, 11, 31) / DAY })
      .map((n) => new Date(n * DAY).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.subarray(all), fc.array(day, { minLength: 1, maxLength: 20 }), (loaded, days) => {
        const partial = new WorkingDayCalendar(loaded);
        const years = new Set(loaded.map((s) => s.year));
        for (const d of days) {
          const y = Number(d.slice(0, 4));
          const expected = years.has(y) && (d.slice(5) < '12-24' || years.has(y + 1));
          expect(partial.knowsDate(d), d).to.equal(expected);
          const answer = catchError(() => partial.isWorkingDay(d)) ?? partial.isWorkingDay(d);
          if (expected) expect(answer, d).to.equal(full.isWorkingDay(d));
          else expect(answer, d).to.be.instanceOf(UnknownCalendarYearError);
        }
      }),
    );
  });
});

describe('WorkingDayCalendar: properties', () => {
  const DAY = 86_400_000;
  const day = fc
    .integer({ min: Date.UTC(2023, 0, 1) / DAY, max: Date.UTC(2026, 8, 30) / DAY })
    .map((n) => new Date(n * DAY).toISOString().slice(0, 10));
  const count = fc.integer({ min: 0, max: 40 });
  const pause = fc
    .tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 10 }))
    .map(([offset, length]) => ({ offset, length }));

  it('addWorkingDays(d, n) is a working day for n > 0, and workingDaysBetween gives n back', () => {
    fc.assert(
      fc.property(day, count, (d, n) => {
        const end = cal.addWorkingDays(d, n);
        return (n === 0 ? end === d : cal.isWorkingDay(end) && end > d) && cal.workingDaysBetween(d, end) === n;
      }),
    );
  });

  it('is monotonic in n and in the start date', () => {
    fc.assert(
      fc.property(day, day, count, (a, b, n) => {
        const [d1, d2] = a <= b ? [a, b] : [b, a];
        return (
          cal.addWorkingDays(d1, n) < cal.addWorkingDays(d1, n + 1) &&
          cal.addWorkingDays(d1, n) <= cal.addWorkingDays(d2, n)
        );
      }),
    );
  });

  it('pauses only ever push the due date later, and the paused count still gives n back', () => {
    fc.assert(
      fc.property(day, count, pause, (d, n, p) => {
        const start = Date.parse(d) / DAY;
        const iso = (k: number) => new Date(k * DAY).toISOString().slice(0, 10);
        const pauses = [{ from: iso(start + p.offset), to: iso(start + p.offset + p.length) }];
        const plain = cal.addWorkingDays(d, n);
        const paused = cal.addWorkingDays(d, n, { pauses });
        return (
          paused >= plain &&
          cal.workingDaysBetween(d, paused, { pauses }) === n &&
          (n === 0 || !(pauses[0]!.from <= paused && paused <= pauses[0]!.to))
        );
      }),
    );
  });

  it('a natural-day due date is a working day at least n days later', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 60 }), (d, n) => {
        const due = cal.dueDate({ start: d, limit: { value: n, unit: 'natural-days' } });
        const days = (Date.parse(due) - Date.parse(d)) / DAY;
        const dayBefore = new Date(Date.parse(due) - DAY).toISOString().slice(0, 10);
        return cal.isWorkingDay(due) && days >= n && (days === n || !cal.isWorkingDay(dayBefore));
      }),
    );
  });

  it('a date and its China-time Date give the same answer', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: DAY - 1 }), (d, ms) => {
        const instant = new Date(Date.parse(d) - 8 * 3_600_000 + ms); // some moment of that day in Beijing
        return toChinaDate(instant) === d && cal.isWorkingDay(instant) === cal.isWorkingDay(d);
      }),
    );
  });
});
