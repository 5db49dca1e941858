import type { IdLocale, IdMessageKey } from './messages.js';
import { formatIdMessage } from './messages.js';

/**
 * Why a check failed, for code (the message in `error` is for people):
 * `empty`, `length`, `charset`, `check-digit`, `date` (birth date does not exist, is in the future or before 1800),
 * `org-code` (the organisation code inside a credit code fails its own check), `format` (other structure: phone
 * number pattern, division code structure).
 */
export type IdErrorReason = 'check-digit' | 'length' | 'charset' | 'date' | 'org-code' | 'empty' | 'format';

/** Result of an identifier check. */
export interface IdCheckResult {
  valid: boolean;
  /**
   * Canonical form (trimmed, full-width characters folded, upper case, …). Present whenever the input is well formed
   * (right length and characters), even when a later check fails, so that an intake letting a clerk confirm an
   * exceptional code (`reason: 'check-digit'`) can store the canonical form.
   */
  normalized?: string;
  /** Things to look at that do not make the identifier invalid (e.g. an area code not in today's list). */
  warnings: string[];
  /** Why it is invalid, as a sentence in the requested locale. */
  error?: string;
  /** Why it is invalid, for code. */
  reason?: IdErrorReason;
}

/** Options of the identifier checks. */
export interface IdCheckOptions {
  /** "Today" for the future-birth-date check (default: now); read as a date in China time. */
  today?: Date;
  /** Language of `error` and `warnings` (default `zh-CN`). */
  locale?: IdLocale;
}

/** Trim, fold full-width characters (IME input such as `１１０１…`) to ASCII and upper-case. */
export function clean(input: string): string {
  return String(input).normalize('NFKC').trim().toUpperCase();
}

/**
 * {@link clean}, then separators typed inside the identifier removed: white space always (`9135 0100 M000 100Y 43`),
 * and with `hyphens` also hyphens and dashes between two groups (`110105-19491231-002X`). Separators not between two
 * letters or digits are kept, so that they still fail the charset check.
 */
export function compact(input: string, hyphens = false): string {
  const separators = hyphens ? /(?<=[0-9A-Z])[\s\u2010-\u2015\u2212-]+(?=[0-9A-Z])/g : /\s+/g;
  return clean(input).replace(separators, '');
}

/** @internal A failed result. */
export function fail(
  reason: IdErrorReason,
  key: IdMessageKey,
  options: IdCheckOptions | undefined,
  params?: Record<string, string | number>,
  normalized?: string,
): IdCheckResult {
  const result: IdCheckResult = {
    valid: false,
    warnings: [],
    error: formatIdMessage(key, params, options?.locale),
    reason,
  };
  if (normalized !== undefined) result.normalized = normalized;
  return result;
}
