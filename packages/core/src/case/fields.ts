import * as v from 'valibot';

/**
 * Field schemas and time helpers shared by the case, queue and rating schemas. China time is UTC+8 all year (no daylight saving),
 * so the hall's calendar day is computed from the UTC instant arithmetically, never from the machine's zone.
 */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const TIMESTAMP_REGEX = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;
const DATE_REGEX = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether year-month-day names a real calendar day (no 30 February). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** Whether `value` is an ISO 8601 timestamp with a zone: `2025-03-01T08:30:00Z`, `…T08:30:00.123+08:00`. */
export function isIsoTimestamp(value: string): boolean {
  const m = TIMESTAMP_REGEX.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi, s, oh, om] = m;
  return (
    isRealDate(Number(y), Number(mo), Number(d)) &&
    Number(h) < 24 &&
    Number(mi) < 60 &&
    Number(s) < 60 &&
    (oh === undefined || Number(oh) < 24) &&
    (om === undefined || Number(om) < 60)
  );
}

/** Whether `value` is an ISO calendar date `YYYY-MM-DD` naming a real day. */
export function isIsoDate(value: string): boolean {
  const m = DATE_REGEX.exec(value);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The calendar day in China (UTC+8) of a UTC instant, as numbers. */
export function chinaDateParts(epochMs: number): { year: number; month: number; day: number } {
  const shifted = new Date(epochMs + CHINA_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** The calendar day in China (UTC+8) of a UTC instant, as `YYYY-MM-DD`. */
export function chinaIsoDate(epochMs: number): string {
  const { year, month, day } = chinaDateParts(epochMs);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Schema of an ISO timestamp with a zone; messages start with `label`. */
export function isoTimestampSchema(label: string) {
  return v.pipe(
    v.string(`${label}: an ISO 8601 timestamp string is required`),
    v.check(isIsoTimestamp, `${label}: an ISO 8601 timestamp with a zone, e.g. 2025-03-01T08:30:00Z`),
  );
}

/** Schema of an ISO calendar date; messages start with `label`. */
export function isoDateSchema(label: string) {
  return v.pipe(
    v.string(`${label}: an ISO date string is required`),
    v.check(isIsoDate, `${label}: a real calendar date written YYYY-MM-DD, e.g. 2025-03-01`),
  );
}

/** Schema of a hall-side code (clerk id, category, window …): letters, digits, `.`, `_`, `-`. */
export function codeSchema(label: string, max = 64) {
  return v.pipe(
    v.string(`${label}: a code string is required`),
    v.trim(),
    v.minLength(1, `${label}: must not be empty`),
    v.maxLength(max, `${label}: at most ${max} characters`),
    v.regex(/^[0-9A-Za-z._-]+$/, `${label}: letters, digits, . _ - only`),
  );
}

/**
 * Message for an object schema: names the missing key (`name: required`) or, for a value that is not an object,
 * says what was expected (`{label}: an object is required`).
 */
export function objectMessage(label: string): (issue: v.ObjectIssue) => string {
  return (issue) =>
    issue.expected?.startsWith('"') ? `${issue.expected.slice(1, -1)}: required` : `${label}: an object is required`;
}
