import * as v from 'valibot';
import { dayNumberOf, parseIsoDate, weekdayOfDayNumber, yearOfDayNumber } from './date.js';

/** One public holiday period of a State Council notice, both ends included (dates `YYYY-MM-DD`, China time). */
export interface HolidayPeriod {
  /** Name as in the notice, e.g. `春节`. */
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

/**
 * The holiday arrangement of one year, as published by the General Office of the State Council
 * (国务院办公厅关于某年部分节假日安排的通知). Plain data: a newer year can be loaded at run time.
 */
export interface HolidaySchedule {
  readonly year: number;
  /** Document number and/or publication date of the notice, e.g. `国办发明电〔2024〕12号 (2024-11-12)`. */
  readonly published: string;
  /** Days off (放假): each period, both ends included. Weekend days inside a period may be listed too. */
  readonly holidays: readonly HolidayPeriod[];
  /** Make-up working days (调休上班): weekend days that are working days. */
  readonly workdays: readonly string[];
}

const isoDate = v.pipe(
  v.string(),
  v.check((s) => parseIsoDate(s) !== undefined, 'an existing date as YYYY-MM-DD'),
);

/**
 * First day of the last days of December that the next year's notice may still change: its 元旦 holiday and the
 * make-up working days around it reach back into December (the notice for 2019 made 2018-12-29, a Saturday, a
 * working day and 2018-12-31 a day off; the one for 2023 made 2022-12-31 a day off). From December 24 on, a day of
 * year Y is only known once Y + 1's schedule is loaded, unless Y's own schedule already lists it; a schedule may
 * mention no earlier day of the year before.
 */
export const LATE_DECEMBER_FROM = 24;

/**
 * Every date a schedule mentions must lie in its year, or in the last days of the December before (from
 * {@link LATE_DECEMBER_FROM}, e.g. 2022-12-31 in the 2023 notice): the calendar treats earlier days as settled.
 */
const inScheduleRange = (year: number, date: string): boolean => {
  const day = parseIsoDate(date);
  if (day === undefined) return false;
  const y = yearOfDayNumber(day);
  return y === year || (y === year - 1 && day >= dayNumberOf(y, 12, LATE_DECEMBER_FROM)!);
};

/**
 * valibot schema of a {@link HolidaySchedule}: dates exist, periods run forwards, everything lies in the year (or from
 * December 24 of the year before), make-up working days fall on a Saturday or Sunday and are not also days off.
 */
export const HolidayScheduleSchema = v.pipe(
  v.object({
    year: v.pipe(v.number(), v.integer(), v.minValue(1950), v.maxValue(2200)),
    published: v.pipe(v.string(), v.trim(), v.minLength(1)),
    holidays: v.array(
      v.object({
        name: v.pipe(v.string(), v.trim(), v.minLength(1)),
        from: isoDate,
        to: isoDate,
      }),
    ),
    workdays: v.array(isoDate),
  }),
  v.check((s) => s.holidays.every((h) => h.from <= h.to), 'a holiday period ends before it starts'),
  v.check(
    (s) => s.holidays.every((h) => inScheduleRange(s.year, h.from) && inScheduleRange(s.year, h.to)),
    'a holiday date lies outside the schedule year',
  ),
  v.check(
    (s) => s.workdays.every((w) => inScheduleRange(s.year, w)),
    'a make-up working day lies outside the schedule year',
  ),
  v.check(
    (s) =>
      s.workdays.every((w) => {
        const wd = weekdayOfDayNumber(parseIsoDate(w) ?? 0);
        return wd === 0 || wd === 6;
      }),
    'a make-up working day is not a Saturday or Sunday',
  ),
  v.check(
    (s) => s.workdays.every((w) => !s.holidays.some((h) => h.from <= w && w <= h.to)),
    'a date is both a day off and a make-up working day',
  ),
  v.check((s) => new Set(s.workdays).size === s.workdays.length, 'a make-up working day is listed twice'),
);
