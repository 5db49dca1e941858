/**
 * Calendar dates and timestamps in China time (Asia/Shanghai: UTC+8 all year, no daylight saving): the one set of
 * date helpers of the core package (calendar, case, queue, rating and people schemas all use these).
 *
 * Everything works on whole calendar dates numbered as days since 1970-01-01 ("day numbers"), or on UTC instants
 * shifted arithmetically by eight hours, never on the local time of the machine, so a browser in another time zone
 * gets the same answers as one in Beijing.
 */

/** A calendar date: an ISO `YYYY-MM-DD` string (taken as a date in China), or a `Date` (an instant, read in China time). */
export type DateInput = string | Date;

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** Day number of a year/month/day, or `undefined` when that date does not exist (e.g. 2023-02-29). */
export function dayNumberOf(year: number, month: number, day: number): number | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return Math.round(d.getTime() / DAY_MS);
}

/** Day number of an ISO `YYYY-MM-DD` string, or `undefined` when it is not one or the date does not exist. */
export function parseIsoDate(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  return dayNumberOf(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Whether `value` is an ISO calendar date `YYYY-MM-DD` naming a day that exists (no 30 February). */
export function isIsoDate(value: string): boolean {
  return parseIsoDate(value) !== undefined;
}

/** Whether `value` is an ISO 8601 timestamp with a zone: `2025-03-01T08:30:00Z`, `…T08:30:00.123+08:00`. */
export function isIsoTimestamp(value: string): boolean {
  const m = ISO_TIMESTAMP.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi, s, oh, om] = m;
  return (
    dayNumberOf(Number(y), Number(mo), Number(d)) !== undefined &&
    Number(h) < 24 &&
    Number(mi) < 60 &&
    Number(s) < 60 &&
    (oh === undefined || Number(oh) < 24) &&
    (om === undefined || Number(om) < 60)
  );
}

/**
 * The calendar day in China of a UTC instant given in epoch milliseconds, as numbers (`NaN` parts for `NaN`).
 * @example chinaDateParts(Date.parse('2025-12-31T16:30:00Z')) // { year: 2026, month: 1, day: 1 }
 */
export function chinaDateParts(epochMs: number): { year: number; month: number; day: number } {
  const shifted = new Date(epochMs + CHINA_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/**
 * The calendar date in China of a `Date` instant, as `YYYY-MM-DD`.
 * @example toChinaDate(new Date('2025-09-30T17:00:00Z')) // '2025-10-01' (01:00 in Beijing)
 */
export function toChinaDate(instant: Date): string {
  return formatDayNumber(chinaDayNumber(instant));
}

/**
 * An instant as a clock in China reads it, `YYYY-MM-DD HH:mm`, whatever the machine's own time zone (China keeps UTC+8
 * all year).
 * @example toChinaDateTime('2025-03-01T00:30:00Z') // '2025-03-01 08:30'
 * @throws RangeError when `instant` is not a valid instant.
 */
export function toChinaDateTime(instant: Date | string | number): string {
  const t = new Date(instant).getTime();
  if (Number.isNaN(t)) throw new RangeError(`Not an instant: ${String(instant)}`);
  return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Day number of the China calendar date of an instant. */
export function chinaDayNumber(instant: Date): number {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('Invalid Date');
  return Math.floor((t + CHINA_OFFSET_MS) / DAY_MS);
}

/** Day number of a {@link DateInput}; throws `RangeError` on a malformed string, a non-existent date or an invalid `Date`. */
export function toDayNumber(input: DateInput): number {
  if (input instanceof Date) return chinaDayNumber(input);
  if (typeof input === 'string') {
    const n = parseIsoDate(input);
    if (n === undefined) throw new RangeError('Expected an existing date as YYYY-MM-DD');
    return n;
  }
  throw new TypeError('Expected a YYYY-MM-DD string or a Date');
}

/** `YYYY-MM-DD` of a day number. */
export function formatDayNumber(day: number): string {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const year =
    y < 0
      ? '-' + String(-y).padStart(6, '0')
      : y > 9999
        ? '+' + String(y).padStart(6, '0')
        : String(y).padStart(4, '0');
  return `${year}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** Year of a day number. */
export function yearOfDayNumber(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** Day of week of a day number: 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}
