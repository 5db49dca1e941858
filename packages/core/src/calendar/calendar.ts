import * as v from 'valibot';
import type { TimeLimit } from '../catalog/item.js';
import type { DateInput } from './date.js';
import {
  dayNumberOf,
  formatDayNumber,
  parseIsoDate,
  toDayNumber,
  weekdayOfDayNumber,
  yearOfDayNumber,
} from './date.js';
import type { HolidaySchedule } from './schedule.js';
import { HolidayScheduleSchema, LATE_DECEMBER_FROM } from './schedule.js';

/**
 * Thrown when a date lies in a year whose holiday schedule is not loaded, or in the last days of December while the
 * next year's schedule is not loaded (see {@link LATE_DECEMBER_FROM}). The calendar never guesses: a year's days off
 * and make-up working days are only known once the State Council publishes them.
 */
export class UnknownCalendarYearError extends Error {
  /** The year whose schedule is missing (for late December, the year after the date's). */
  readonly year: number;
  constructor(year: number) {
    super(`No holiday schedule is loaded for ${year}`);
    this.name = 'UnknownCalendarYearError';
    this.year = year;
  }
}

/**
 * A period during which the clock stops (特别程序: site inspection, hearing, expert review …), both ends included.
 * Days inside a pause never count towards a limit.
 */
export interface ClockPause {
  readonly from: DateInput;
  readonly to: DateInput;
}

/** Options of {@link WorkingDayCalendar.addWorkingDays} and {@link WorkingDayCalendar.workingDaysBetween}. */
export interface CountOptions {
  /** Periods that do not count (clock stopped). */
  readonly pauses?: readonly ClockPause[];
}

/** Arguments of {@link WorkingDayCalendar.dueDate}. */
export interface DueDateRequest extends CountOptions {
  /** The day the case was accepted (受理日). It never counts itself. */
  readonly start: DateInput;
  readonly limit: TimeLimit;
  /**
   * For natural-day limits: when the last day is a weekend day or holiday, the period ends on the next working day
   * (the usual rule for periods, cf. 民法典 第二百零三条). Default `true`. Working-day limits always end on a working day.
   */
  readonly rollForward?: boolean;
}

/** What kind of day a date is. */
export interface DayInfo {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly working: boolean;
  /** Name of the holiday period the date is in, when it is a day off of a notice. */
  readonly holiday?: string;
  /** A weekend day that is a make-up working day (调休上班). */
  readonly makeUpWorkday: boolean;
}

type Override = { readonly working: boolean; readonly name?: string };

/**
 * Working days in mainland China: Monday to Friday, minus public holidays, plus make-up working days (调休), from
 * holiday schedules given as data. Dates are calendar dates in China time (Asia/Shanghai).
 *
 * Counting rule (the usual rule of service halls): a time limit counts from the next working day after the day of
 * acceptance, so the day of acceptance itself never counts, and `addWorkingDays(start, n)` is the n-th working day
 * strictly after `start`.
 *
 * Any date looked at in a year without a loaded schedule throws {@link UnknownCalendarYearError}, and so does a
 * date from December 24 to 31 of year Y while Y + 1's schedule is not loaded (its notice may still move those days);
 * {@link knowsDate} tells beforehand.
 *
 * @example
 * const cal = new WorkingDayCalendar(HOLIDAY_SCHEDULES);
 * cal.isWorkingDay('2025-10-08'); // false (National Day holiday)
 * cal.addWorkingDays('2025-09-30', 1); // '2025-10-09'
 */
export class WorkingDayCalendar {
  private readonly byYear = new Map<number, HolidaySchedule>();
  private overrides = new Map<number, Override>();

  /** @param schedules Holiday schedules to start with; each is validated as by {@link load}. */
  constructor(schedules: Iterable<HolidaySchedule> = []) {
    for (const s of schedules) this.store(v.parse(HolidayScheduleSchema, s));
    this.rebuild();
  }

  /**
   * Adds a year's schedule (or replaces the one already loaded for that year, e.g. after a correction), after
   * validating it with {@link HolidayScheduleSchema}. Use it to load a newly published year without a release.
   * @throws valibot's `ValiError` when the schedule is malformed.
   * @returns the validated schedule.
   */
  load(schedule: unknown): HolidaySchedule {
    const parsed: HolidaySchedule = v.parse(HolidayScheduleSchema, schedule);
    this.store(parsed);
    this.rebuild();
    return parsed;
  }

  /**
   * Whether a schedule is loaded for `year`. Its last days of December are only known once `year + 1` is loaded
   * too: ask {@link knowsDate} about a date.
   */
  knows(year: number): boolean {
    return this.byYear.has(year);
  }

  /**
   * Whether the calendar can tell what kind of day `date` is: its year's schedule is loaded and, from December 24
   * on, the next year's as well (unless its own year's schedule lists the date). When `false`,
   * {@link isWorkingDay} throws {@link UnknownCalendarYearError}.
   * @throws RangeError on a malformed date.
   */
  knowsDate(date: DateInput): boolean {
    return this.unknownYear(toDayNumber(date)) === undefined;
  }

  /** Years with a loaded schedule, ascending. */
  years(): number[] {
    return [...this.byYear.keys()].sort((a, b) => a - b);
  }

  /** The loaded schedule of `year`, if any. */
  schedule(year: number): HolidaySchedule | undefined {
    return this.byYear.get(year);
  }

  /**
   * Whether `date` is a working day.
   * @throws UnknownCalendarYearError when its year has no schedule, or it is in the last days of December and the
   *   next year has none ({@link knowsDate}); `RangeError` on a malformed date.
   */
  isWorkingDay(date: DateInput): boolean {
    return this.workingDay(toDayNumber(date));
  }

  /** What kind of day `date` is (working or not, holiday name, make-up working day). */
  dayInfo(date: DateInput): DayInfo {
    const day = toDayNumber(date);
    const working = this.workingDay(day);
    const o = this.overrides.get(day);
    const info: DayInfo = { date: formatDayNumber(day), working, makeUpWorkday: o?.working === true };
    return o?.name !== undefined && !o.working ? { ...info, holiday: o.name } : info;
  }

  /** The first working day strictly after `date`: the day a time limit starts to count. */
  nextWorkingDay(date: DateInput, options?: CountOptions): string {
    return this.addWorkingDays(date, 1, options);
  }

  /**
   * The n-th working day strictly after `start` (the start day never counts); `n = 0` gives `start` itself.
   * Working days inside a pause are skipped.
   * @param n a whole number ≥ 0.
   * @returns `YYYY-MM-DD`.
   * @throws UnknownCalendarYearError when the count reaches a year without a schedule; `RangeError` on a bad `n` or date.
   */
  addWorkingDays(start: DateInput, n: number, options?: CountOptions): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0');
    let day = toDayNumber(start);
    this.requireYear(yearOfDayNumber(day));
    const paused = pauseTest(options?.pauses);
    for (let counted = 0; counted < n;) {
      day++;
      if (!paused(day) && this.workingDay(day)) counted++;
    }
    return formatDayNumber(day);
  }

  /**
   * Working days from `a` to `b`, not counting `a` and counting `b` (the rule of {@link addWorkingDays}, so
   * `workingDaysBetween(d, addWorkingDays(d, n)) === n`); negative when `b` is before `a`. Days inside a pause
   * do not count. Use it for "working days used so far" (from acceptance to today).
   */
  workingDaysBetween(a: DateInput, b: DateInput, options?: CountOptions): number {
    const from = toDayNumber(a);
    const to = toDayNumber(b);
    if (to < from) return -this.workingDaysBetween(b, a, options);
    this.requireYear(yearOfDayNumber(from));
    const paused = pauseTest(options?.pauses);
    let count = 0;
    for (let day = from + 1; day <= to; day++) if (!paused(day) && this.workingDay(day)) count++;
    return count;
  }

  /**
   * Due date (last day) of a time limit counted from acceptance on `start`, with the clock stopped during `pauses`.
   * - `working-days`: {@link addWorkingDays}.
   * - `natural-days`: `value` calendar days after `start`, paused days not counted; the end moves to the next
   *   working day when it falls on a day off (unless `rollForward: false`).
   * - `hours`: not a date computation — throws `RangeError` (count hours against the clock instead).
   * A limit of 0 (即办件) is due on `start`.
   */
  dueDate(request: DueDateRequest): string {
    const { start, limit, pauses } = request;
    if (!Number.isInteger(limit.value) || limit.value < 0)
      throw new RangeError('limit.value must be a whole number ≥ 0');
    switch (limit.unit) {
      case 'working-days':
        return this.addWorkingDays(start, limit.value, { pauses });
      case 'natural-days': {
        let day = toDayNumber(start);
        this.requireYear(yearOfDayNumber(day));
        if (limit.value === 0) return formatDayNumber(day);
        const paused = pauseTest(pauses);
        for (let counted = 0; counted < limit.value;) {
          day++;
          if (!paused(day)) counted++;
        }
        if (request.rollForward !== false) while (paused(day) || !this.workingDay(day)) day++;
        else this.requireYear(yearOfDayNumber(day));
        return formatDayNumber(day);
      }
      case 'hours':
        throw new RangeError('A limit in hours is not a date: count it against the clock');
    }
  }

  private workingDay(day: number): boolean {
    const unknown = this.unknownYear(day);
    if (unknown !== undefined) throw new UnknownCalendarYearError(unknown);
    const o = this.overrides.get(day);
    if (o) return o.working;
    const wd = weekdayOfDayNumber(day);
    return wd !== 0 && wd !== 6;
  }

  /** The year whose missing schedule keeps `day` unknown, or `undefined` when `day` is known. */
  private unknownYear(day: number): number | undefined {
    const year = yearOfDayNumber(day);
    if (!this.byYear.has(year)) return year;
    // Late December waits for the next year's notice, unless this year's notice already settled the day (with
    // the next year not loaded, an override on a day of `year` can only come from `year`'s own schedule).
    const lateDecember = day >= dayNumberOf(year, 12, LATE_DECEMBER_FROM)!;
    if (lateDecember && !this.byYear.has(year + 1) && !this.overrides.has(day)) return year + 1;
    return undefined;
  }

  private requireYear(year: number): void {
    if (!this.byYear.has(year)) throw new UnknownCalendarYearError(year);
  }

  private store(schedule: HolidaySchedule): void {
    this.byYear.set(schedule.year, schedule);
  }

  /**
   * Day overrides from all schedules. A notice may reach into the December before its year (2023's 元旦 began on
   * 2022-12-31); should two notices ever disagree about a date, the newer year's notice wins.
   */
  private rebuild(): void {
    const next = new Map<number, Override>();
    for (const year of this.years()) {
      const s = this.byYear.get(year)!;
      for (const h of s.holidays) {
        const to = parseIsoDate(h.to)!;
        for (let day = parseIsoDate(h.from)!; day <= to; day++) next.set(day, { working: false, name: h.name });
      }
      for (const w of s.workdays) next.set(parseIsoDate(w)!, { working: true });
    }
    this.overrides = next;
  }
}

function pauseTest(pauses: readonly ClockPause[] | undefined): (day: number) => boolean {
  if (!pauses || pauses.length === 0) return () => false;
  const ranges = pauses.map((p) => {
    const from = toDayNumber(p.from);
    const to = toDayNumber(p.to);
    if (to < from) throw new RangeError('A clock pause ends before it starts');
    return [from, to] as const;
  });
  return (day) => ranges.some(([from, to]) => from <= day && day <= to);
}
