import type { IdCheckOptions, IdCheckResult } from './result.js';
import { fail } from './result.js';

const MOBILE = /^1[3-9]\d{9}$/;
const AREA = /^0(?:10|2\d|[3-9]\d\d)$/;
const LOCAL = /^[1-9]\d{6,7}$/;
const EXTENSION = /\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i;
const COUNTRY = /^(?:\+|00)\s*86[\s-]*/;

function mobile(digits: string): string | undefined {
  return MOBILE.test(digits) ? digits : undefined;
}

/** Area code (3 digits for 010 and 02X, otherwise 4) followed by a 7- or 8-digit local number. */
function landline(digits: string, international: boolean): string | undefined {
  const d = international && !digits.startsWith('0') ? '0' + digits : digits;
  const areaLength = /^0[12]/.test(d) ? 3 : 4;
  return AREA.test(d.slice(0, areaLength)) && LOCAL.test(d.slice(areaLength)) ? d : undefined;
}

/**
 * Checks a mainland phone number: a mobile number (`1[3-9]` + 9 digits) or a landline number with its area code
 * (`022-23456789`, `0755-1234567`), optionally with `+86` / `0086`, spaces, hyphens, brackets, and for landlines an
 * extension (`-8001`, `转8001`, `ext 8001`, `#8001`).
 *
 * `normalized` is the digits only, without the country code (`13812345678`, `02223456789`); an extension follows after
 * a hyphen (`02223456789-8001`).
 */
export function checkPhone(input: string, options?: IdCheckOptions): IdCheckResult {
  let s = String(input).normalize('NFKC').trim();
  if (s === '') return fail('empty', 'empty', options);
  let extension: string | undefined;
  const ext = EXTENSION.exec(s);
  if (ext) {
    extension = ext[1];
    s = s.slice(0, ext.index);
  }
  const country = COUNTRY.exec(s);
  const international = country !== null;
  if (country) s = s.slice(country[0].length);
  if (!/^[\d\s()-]+$/.test(s)) return fail('charset', 'phone.charset', options);
  const groups = s.split(/[\s()-]+/).filter((g) => g !== '');
  const digits = groups.join('');

  const withExtension = (number: string, extensionDigits: string | undefined): IdCheckResult => ({
    valid: true,
    normalized: extensionDigits === undefined ? number : `${number}-${extensionDigits}`,
    warnings: [],
  });

  if (extension === undefined) {
    const m = mobile(digits);
    if (m !== undefined) return withExtension(m, undefined);
  }
  const l = landline(digits, international);
  if (l !== undefined) return withExtension(l, extension);
  // `022-23456789-8001`: the last group is an extension.
  const last = groups[groups.length - 1];
  if (extension === undefined && groups.length >= 3 && last !== undefined && last.length <= 6) {
    const main = landline(groups.slice(0, -1).join(''), international);
    if (main !== undefined) return withExtension(main, last);
  }
  return fail('format', 'phone.format', options);
}
