import type { IdCheckOptions, IdCheckResult } from './result.js';
import { compact, fail } from './result.js';

const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** GB 11714-1997 check character of an 8-character organisation code body (0–9, A–Z), or `undefined` on other characters. */
export function orgCodeCheckCharacter(body: string): string | undefined {
  if (!/^[0-9A-Z]{8}$/.test(body)) return undefined;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body[i] ?? '', 36) * (WEIGHTS[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * Checks an organisation code (组织机构代码, GB 11714-1997): 8 characters and a check character, with or without the
 * hyphen; white space inside is removed. `normalized` is `XXXXXXXX-C`.
 * @example checkOrgCode('m000100y4').normalized // 'M000100Y-4'
 */
export function checkOrgCode(input: string, options?: IdCheckOptions): IdCheckResult {
  let s = compact(input);
  if (s === '') return fail('empty', 'empty', options);
  if (/^.{8}-.$/.test(s)) s = s.slice(0, 8) + s.slice(9);
  if (s.length !== 9) return fail('length', 'org-code.length', options, { actual: s.length });
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(s)) return fail('charset', 'org-code.charset', options);
  const normalized = s.slice(0, 8) + '-' + s.slice(8);
  if (orgCodeCheckCharacter(s.slice(0, 8)) !== s[8])
    return fail('check-digit', 'org-code.check-digit', options, undefined, normalized);
  return { valid: true, normalized, warnings: [] };
}
