import * as v from 'valibot';
import { bilingual } from '../i18n/schema-message.js';
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

/**
 * A message whose English is valibot's own (`Invalid type: Expected number but received "2025"`), as this schema has
 * always given it, and whose Chinese is `zh`. The schedule's messages name no field: the path says which.
 */
const valibotOr = (zh: string) => bilingual((issue) => issue.message, zh);

/** Message of the schedule's objects: `必须填写` for a missing key, `zh` for a value that is not an object. */
const objectOr = (zh: string) =>
  bilingual<v.ObjectIssue>(
    (issue) => issue.message,
    (issue) => (issue.expected?.startsWith('"') ? '必须填写' : zh),
  );

const isoDate = v.pipe(
  v.string(valibotOr('日期应为文字，格式为 YYYY-MM-DD')),
  v.check(
    (s) => parseIsoDate(s) !== undefined,
    bilingual('an existing date as YYYY-MM-DD', '应为实际存在的日期，格式为 YYYY-MM-DD'),
  ),
);

const nameText = v.pipe(v.string(valibotOr('名称应为文字')), v.trim(), v.minLength(1, valibotOr('名称不能为空')));

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
  v.object(
    {
      year: v.pipe(
        v.number(valibotOr('年份应为数字')),
        v.integer(valibotOr('年份应为整数')),
        v.minValue(1950, valibotOr('年份应在 1950 到 2200 之间')),
        v.maxValue(2200, valibotOr('年份应在 1950 到 2200 之间')),
      ),
      published: v.pipe(
        v.string(valibotOr('发布文号应为文字')),
        v.trim(),
        v.minLength(1, valibotOr('发布文号不能为空')),
      ),
      holidays: v.array(
        v.object({ name: nameText, from: isoDate, to: isoDate }, objectOr('放假时段应为对象')),
        valibotOr('放假安排应为列表'),
      ),
      workdays: v.array(isoDate, valibotOr('调休上班日应为列表')),
    },
    objectOr('节假日安排应为对象'),
  ),
  v.check(
    (s) => s.holidays.every((h) => h.from <= h.to),
    bilingual('a holiday period ends before it starts', '有放假时段的结束日期早于开始日期'),
  ),
  v.check(
    (s) => s.holidays.every((h) => inScheduleRange(s.year, h.from) && inScheduleRange(s.year, h.to)),
    bilingual('a holiday date lies outside the schedule year', '有放假日期不在本安排的年份内'),
  ),
  v.check(
    (s) => s.workdays.every((w) => inScheduleRange(s.year, w)),
    bilingual('a make-up working day lies outside the schedule year', '有调休上班日不在本安排的年份内'),
  ),
  v.check(
    (s) =>
      s.workdays.every((w) => {
        const wd = weekdayOfDayNumber(parseIsoDate(w) ?? 0);
        return wd === 0 || wd === 6;
      }),
    bilingual('a make-up working day is not a Saturday or Sunday', '有调休上班日不是星期六或星期日'),
  ),
  v.check(
    (s) => s.workdays.every((w) => !s.holidays.some((h) => h.from <= w && w <= h.to)),
    bilingual('a date is both a day off and a make-up working day', '有日期既是放假日又是调休上班日'),
  ),
  v.check(
    (s) => new Set(s.workdays).size === s.workdays.length,
    bilingual('a make-up working day is listed twice', '有调休上班日重复列出'),
  ),
);
