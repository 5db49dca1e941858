import { DIVISION_LIST_YEAR, isKnownDivision } from './division.js';
import { formatIdMessage } from './messages.js';
import { orgCodeCheckCharacter } from './org-code.js';
import type { IdCheckOptions, IdCheckResult } from './result.js';
import { clean, fail } from './result.js';

/** The 31 characters of a credit code, by value 0–30 (no I, O, S, V, Z). */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** Division part used by central-level registrations: not a GB/T 2260 entry, but no reason to warn. */
const NATIONAL = '100000';

/**
 * Checks a unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters over
 * `0-9 A-H J-N P Q R T U W X Y`, check character, and the organisation code in characters 9–17 with its own
 * GB 11714 check. A division code (characters 3–8) missing from today's list gives a warning.
 *
 * A failing check is an error (`reason: 'check-digit'` or `'org-code'`) with `normalized` still set, so that an intake
 * can let a clerk confirm one of the few early-pilot codes that fail it.
 * @example checkUscc('91350100M000100Y43').valid // true
 */
export function checkUscc(input: string, options?: IdCheckOptions): IdCheckResult {
  const s = clean(input);
  if (s === '') return fail('empty', 'empty', options);
  if (s.length !== 18) return fail('length', 'uscc.length', options, { actual: s.length });
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const value = ALPHABET.indexOf(s[i] ?? '');
    if (value < 0) return fail('charset', 'uscc.charset', options);
    if (i < 17) sum += value * (WEIGHTS[i] ?? 0);
  }
  if (ALPHABET[(31 - (sum % 31)) % 31] !== s[17]) return fail('check-digit', 'uscc.check-digit', options, undefined, s);
  if (orgCodeCheckCharacter(s.slice(8, 16)) !== s[16]) return fail('org-code', 'uscc.org-code', options, undefined, s);
  const warnings: string[] = [];
  const division = s.slice(2, 8);
  if (division !== NATIONAL && !isKnownDivision(division)) {
    warnings.push(formatIdMessage('uscc.unknown-division', { year: DIVISION_LIST_YEAR }, options?.locale));
  }
  return { valid: true, normalized: s, warnings };
}
