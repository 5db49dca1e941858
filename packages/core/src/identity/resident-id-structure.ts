import { chinaDayNumber, dayNumberOf } from '../calendar/date.js';
import { formatIdMessage, type IdMessageKey } from './messages.js';
import type { IdCheckOptions, IdCheckResult, IdErrorReason } from './result.js';
import { compact, fail } from './result.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
/** Earliest year of birth accepted (the standard's own example is from 1880). */
const MIN_BIRTH_YEAR = 1800;

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

/**
 * What the structure check of a resident identity number found, before any sentence is written: a kiosk that only
 * needs the birth date keeps the messages out of its bundle. `key` and `params` name the message of a failure.
 */
export interface ResidentIdFacts {
  /** The 18-character number, whenever the input is well formed. */
  normalized?: string;
  /** Why the number is invalid, absent when it is valid. */
  reason?: IdErrorReason;
  /** @internal The message of the failure. */
  key?: IdMessageKey;
  /** @internal The parameters of that message. */
  params?: Record<string, string | number>;
  /** An old 15-digit number, converted: it carried no check character. */
  converted: boolean;
}

/**
 * The checks of {@link checkResidentIdStructure} as facts, without messages (a birth date in the future counts from
 * `today`, read in China time). Pure.
 * @example residentIdFacts('11010519491231002x', new Date()).normalized // '11010519491231002X'
 */
export function residentIdFacts(input: string, today: Date): ResidentIdFacts {
  const s = compact(input, true);
  if (s === '') return { reason: 'empty', key: 'empty', converted: false };
  let id: string;
  const converted = s.length === 15;
  if (converted) {
    if (!/^\d{15}$/.test(s)) return { reason: 'charset', key: 'resident-id.charset', converted };
    const first17 = s.slice(0, 6) + '19' + s.slice(6);
    id = first17 + checkCharacter(first17);
  } else if (s.length === 18) {
    if (!/^\d{17}[\dX]$/.test(s)) return { reason: 'charset', key: 'resident-id.charset', converted };
    id = s;
    if (checkCharacter(s) !== s[17]) {
      return { normalized: id, reason: 'check-digit', key: 'resident-id.check-digit', converted };
    }
  } else {
    return { reason: 'length', key: 'resident-id.length', params: { actual: s.length }, converted };
  }

  const year = Number(id.slice(6, 10));
  const birth = dayNumberOf(year, Number(id.slice(10, 12)), Number(id.slice(12, 14)));
  const date = (key: IdMessageKey, params?: Record<string, string | number>): ResidentIdFacts => ({
    normalized: id,
    reason: 'date',
    key,
    ...(params ? { params } : {}),
    converted,
  });
  if (birth === undefined) return date('resident-id.date-invalid');
  if (year < MIN_BIRTH_YEAR) return date('resident-id.date-too-early', { minYear: MIN_BIRTH_YEAR });
  if (birth > chinaDayNumber(today)) return date('resident-id.date-future');
  return { normalized: id, converted };
}

/**
 * The checks of {@link checkResidentId} without the division list: everything but the warning about an area code
 * missing from it. Validity and `normalized` are the same; schemas use this one, which keeps the division list
 * (tens of kilobytes) out of every bundle that only validates records.
 *
 * Checks a resident identity number (居民身份号码, GB 11643-1999): 18 characters, check character by ISO 7064
 * MOD 11-2, birth date that exists, is not in the future and not before 1800. Old 15-digit numbers are converted to
 * 18 (`normalized`) with a warning that they carry no check character. Also covers residence permits of Hong Kong,
 * Macau and Taiwan residents (810000 / 820000 / 830000) and the 2023 permanent-residence card for foreigners
 * (`9`, 2-digit province of issue, 3-digit nationality code, birth date, sequence, check). An area code missing from
 * today's division list gives a warning, not an error; so does, on a foreigner's card, a province code missing from it.
 * Spaces and hyphens between groups (`110105 19491231 002X`, `110105-19491231-002X`) are removed.
 *
 * @example checkResidentId('11010519491231002x').normalized // '11010519491231002X'
 */
export function checkResidentIdStructure(input: string, options?: IdCheckOptions): IdCheckResult {
  const facts = residentIdFacts(input, options?.today ?? new Date());
  if (facts.reason !== undefined) return fail(facts.reason, facts.key!, options, facts.params, facts.normalized);
  const warnings = facts.converted ? [formatIdMessage('resident-id.no-check-digit', {}, options?.locale)] : [];
  return { valid: true, normalized: facts.normalized!, warnings };
}
