import { orgCodeCheckCharacter } from './org-code.js';
import type { IdCheckOptions, IdCheckResult } from './result.js';
import { compact, fail } from './result.js';

/** The 31 characters of a unified social credit code, by value 0–30 (no I, O, S, V, Z). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ALPHABET = USCC_ALPHABET;
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * GB 32100-2015 check character of the first 17 characters of a unified social credit code (over
 * {@link USCC_ALPHABET}, upper case), or `undefined` for any other input.
 * @example usccCheckCharacter('91350100M000100Y4') // '3'
 */
export function usccCheckCharacter(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) return undefined;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * The checks of {@link checkUscc} without the division list (no warning about a division code missing from it):
 * same validity and `normalized`. Schemas use this one, which keeps the division list out of bundles that only
 * validate records.
 *
 * Checks a unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters over
 * `0-9 A-H J-N P Q R T U W X Y`, check character, and the organisation code in characters 9–17 with its own
 * GB 11714 check. A division code (characters 3–8) missing from today's list gives a warning. White space typed
 * inside the code (`9135 0100 M000 100Y 43`) is removed; hyphens are not (a credit code has no groups).
 *
 * A failing check is an error (`reason: 'check-digit'` or `'org-code'`) with `normalized` still set, so that an intake
 * can let a clerk confirm one of the few early-pilot codes that fail it.
 * @example checkUsccStructure('91350100M000100Y43').valid // true
 */
export function checkUsccStructure(input: string, options?: IdCheckOptions): IdCheckResult {
  const s = compact(input);
  if (s === '') return fail('empty', 'empty', options);
  if (s.length !== 18) return fail('length', 'uscc.length', options, { actual: s.length });
  if (![...s].every((ch) => ALPHABET.includes(ch))) return fail('charset', 'uscc.charset', options);
  if (usccCheckCharacter(s.slice(0, 17)) !== s[17])
    return fail('check-digit', 'uscc.check-digit', options, undefined, s);
  if (orgCodeCheckCharacter(s.slice(8, 16)) !== s[16]) return fail('org-code', 'uscc.org-code', options, undefined, s);
  return { valid: true, normalized: s, warnings: [] };
}
