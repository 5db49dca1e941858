import { chinaDayNumber, dayNumberOf } from '../calendar/date.js';
import { formatIdMessage } from './messages.js';
import type { IdCheckOptions, IdCheckResult } from './result.js';
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
  const s = compact(input, true);
  if (s === '') return fail('empty', 'empty', options);
  const warnings: string[] = [];
  let id: string;
  if (s.length === 15) {
    if (!/^\d{15}$/.test(s)) return fail('charset', 'resident-id.charset', options);
    const first17 = s.slice(0, 6) + '19' + s.slice(6);
    id = first17 + checkCharacter(first17);
    warnings.push(formatIdMessage('resident-id.no-check-digit', {}, options?.locale));
  } else if (s.length === 18) {
    if (!/^\d{17}[\dX]$/.test(s)) return fail('charset', 'resident-id.charset', options);
    id = s;
    if (checkCharacter(s) !== s[17]) return fail('check-digit', 'resident-id.check-digit', options, undefined, id);
  } else {
    return fail('length', 'resident-id.length', options, { actual: s.length });
  }

  const year = Number(id.slice(6, 10));
  const birth = dayNumberOf(year, Number(id.slice(10, 12)), Number(id.slice(12, 14)));
  if (birth === undefined) return fail('date', 'resident-id.date-invalid', options, undefined, id);
  if (year < MIN_BIRTH_YEAR)
    return fail('date', 'resident-id.date-too-early', options, { minYear: MIN_BIRTH_YEAR }, id);
  if (birth > chinaDayNumber(options?.today ?? new Date()))
    return fail('date', 'resident-id.date-future', options, undefined, id);

  return { valid: true, normalized: id, warnings };
}
