import * as v from 'valibot';
import { isIsoDate, isIsoTimestamp } from '../calendar/date.js';
import { bilingual } from '../i18n/schema-message.js';

/**
 * Field schemas shared by the case, queue, rating and people schemas. Dates and timestamps are checked with the
 * China-date helpers of `calendar/date.ts`, the only place where dates are parsed or shifted to China time. Messages
 * are in English and Chinese (valibot's `lang`), each starting with the field's key (see `i18n/schema-message.ts`).
 */

/** Schema of an ISO timestamp with a zone; messages start with `label`. */
/* @__NO_SIDE_EFFECTS__ */
export function isoTimestampSchema(label: string) {
  return v.pipe(
    v.string(bilingual(`${label}: an ISO 8601 timestamp string is required`, `${label}: 应填写 ISO 8601 格式的时间`)),
    v.check(
      isIsoTimestamp,
      bilingual(
        `${label}: an ISO 8601 timestamp with a zone, e.g. 2025-03-01T08:30:00Z`,
        `${label}: 应为带时区的 ISO 8601 时间，例如 2025-03-01T08:30:00Z`,
      ),
    ),
  );
}

/** Schema of an ISO calendar date; messages start with `label`. */
/* @__NO_SIDE_EFFECTS__ */
export function isoDateSchema(label: string) {
  return v.pipe(
    v.string(bilingual(`${label}: an ISO date string is required`, `${label}: 应填写日期，格式为 YYYY-MM-DD`)),
    v.check(
      isIsoDate,
      bilingual(
        `${label}: a real calendar date written YYYY-MM-DD, e.g. 2025-03-01`,
        `${label}: 应为实际存在的日期，格式为 YYYY-MM-DD，例如 2025-03-01`,
      ),
    ),
  );
}

/** Schema of a hall-side code (clerk id, category, window …): letters, digits, `.`, `_`, `-`. */
/* @__NO_SIDE_EFFECTS__ */
export function codeSchema(label: string, max = 64) {
  return v.pipe(
    v.string(bilingual(`${label}: a code string is required`, `${label}: 应填写编码`)),
    v.trim(),
    v.minLength(1, bilingual(`${label}: must not be empty`, `${label}: 不能为空`)),
    v.maxLength(max, bilingual(`${label}: at most ${max} characters`, `${label}: 不能超过 ${max} 个字符`)),
    v.regex(
      /^[0-9A-Za-z._-]+$/,
      bilingual(`${label}: letters, digits, . _ - only`, `${label}: 只能包含字母、数字和 . _ -`),
    ),
  );
}

/** Schema of a free-text field that, when given, is not empty after trimming; messages start with `label`. */
/* @__NO_SIDE_EFFECTS__ */
export function textSchema(label: string, max: number) {
  return v.pipe(
    v.string(bilingual(`${label}: a string`, `${label}: 应为文字`)),
    v.trim(),
    v.minLength(1, bilingual(`${label}: must not be empty when given`, `${label}: 填写时不能为空`)),
    v.maxLength(max, bilingual(`${label}: at most ${max} characters`, `${label}: 不能超过 ${max} 个字符`)),
  );
}

/**
 * Message for an object schema: names the missing key (`name: required`) or, for a value that is not an object,
 * says what was expected (`{label}: an object is required`); in the issue's language.
 */
/* @__NO_SIDE_EFFECTS__ */
export function objectMessage(label: string): (issue: v.ObjectIssue) => string {
  return bilingual<v.ObjectIssue>(
    (issue) =>
      issue.expected?.startsWith('"') ? `${issue.expected.slice(1, -1)}: required` : `${label}: an object is required`,
    (issue) => (issue.expected?.startsWith('"') ? `${issue.expected.slice(1, -1)}: 必须填写` : `${label}: 应为对象`),
  );
}
