import { DIVISION_LIST_YEAR, isKnownDivision } from './division.js';
import { formatIdMessage } from './messages.js';
import type { IdCheckOptions, IdCheckResult } from './result.js';
import { checkResidentIdStructure } from './resident-id-structure.js';

/** Residence permits for residents of Hong Kong, Macau and Taiwan: no GB/T 2260 county behind the code. */
const PERMIT_AREAS = ['810000', '820000', '830000'];

/**
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
export function checkResidentId(input: string, options?: IdCheckOptions): IdCheckResult {
  const result = checkResidentIdStructure(input, options);
  if (!result.valid || result.normalized === undefined) return result;
  const id = result.normalized;
  const warnings = [...result.warnings];
  const area = id.slice(0, 6);
  if (id.startsWith('9')) {
    // Foreigner's card: 9, province of issue (2 digits), nationality (3 digits, ISO 3166-1 numeric).
    if (!isKnownDivision(id.slice(1, 3) + '0000')) {
      warnings.push(formatIdMessage('resident-id.unknown-province', { year: DIVISION_LIST_YEAR }, options?.locale));
    }
  } else if (!PERMIT_AREAS.includes(area) && !isKnownDivision(area)) {
    warnings.push(formatIdMessage('resident-id.unknown-area', { year: DIVISION_LIST_YEAR }, options?.locale));
  }
  return { valid: true, normalized: id, warnings };
}
