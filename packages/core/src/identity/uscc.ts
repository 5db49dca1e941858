import { DIVISION_LIST_YEAR, isKnownDivision } from './division.js';
import { formatIdMessage } from './messages.js';
import type { IdCheckOptions, IdCheckResult } from './result.js';
import { checkUsccStructure } from './uscc-structure.js';

export { USCC_ALPHABET, usccCheckCharacter } from './uscc-structure.js';

/** Division part used by central-level registrations: not a GB/T 2260 entry, but no reason to warn. */
const NATIONAL = '100000';

/**
 * Checks a unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters over
 * `0-9 A-H J-N P Q R T U W X Y`, check character, and the organisation code in characters 9–17 with its own
 * GB 11714 check. A division code (characters 3–8) missing from today's list gives a warning. White space typed
 * inside the code (`9135 0100 M000 100Y 43`) is removed; hyphens are not (a credit code has no groups).
 *
 * A failing check is an error (`reason: 'check-digit'` or `'org-code'`) with `normalized` still set, so that an intake
 * can let a clerk confirm one of the few early-pilot codes that fail it.
 * @example checkUscc('91350100M000100Y43').valid // true
 */
export function checkUscc(input: string, options?: IdCheckOptions): IdCheckResult {
  const result = checkUsccStructure(input, options);
  if (!result.valid || result.normalized === undefined) return result;
  const s = result.normalized;
  const warnings: string[] = [];
  const division = s.slice(2, 8);
  if (division !== NATIONAL && !isKnownDivision(division)) {
    warnings.push(formatIdMessage('uscc.unknown-division', { year: DIVISION_LIST_YEAR }, options?.locale));
  }
  return { valid: true, normalized: s, warnings };
}
