import * as v from 'valibot';
import { isIsoDate, isIsoTimestamp } from '../calendar/date.js';

/**
 * Field schemas shared by the case, queue, rating and people schemas. Dates and timestamps are checked with the
 * China-date helpers of `calendar/date.ts`, the only place where dates are parsed or shifted to China time.
 */

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

/** Schema of a free-text field that, when given, is not empty after trimming; messages start with `label`. */
export function textSchema(label: string, max: number) {
  return v.pipe(
    v.string(`${label}: a string`),
    v.trim(),
    v.minLength(1, `${label}: must not be empty when given`),
    v.maxLength(max, `${label}: at most ${max} characters`),
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
