/**
 * Check characters of the unified social credit code (GB 32100-2015) and of the organisation code it embeds
 * (GB 11714-1997). Used to mint the agency codes of the demo and synthetic catalogs, so that every code passes
 * the checks a window runs on them.
 */

/** The 31 characters of a credit code (no I, O, S, V, Z), valued 0..30. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Check character of an organisation code's 8-character body (0–9, A–Z valued 10–35). */
export function orgCodeCheckChar(body: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body)) throw new Error(`organisation code body must be 8 characters 0-9A-Z: ${body}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body.charCodeAt(i);
    const value = ch <= 57 ? ch - 48 : ch - 55;
    sum += value * (ORG_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Check character of a credit code's first 17 characters. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error(`credit code: 17 characters expected, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) throw new Error(`credit code: invalid character ${first17.charAt(i)} in ${first17}`);
    sum += value * (USCC_WEIGHTS[i] ?? 0);
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * A full credit code from its 8-character head (registration authority, entity type, 6-digit division code,
 * e.g. `11120101` for a government agency of 和平区) and the 8-character body of its organisation code.
 */
export function makeCreditCode(head: string, orgBody: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}$/.test(head)) throw new Error(`credit code head: ${head}`);
  const org = orgBody + orgCodeCheckChar(orgBody);
  const first17 = head + org;
  return first17 + usccCheckChar(first17);
}

/** Whether a credit code passes both the organisation-code and the credit-code check. */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  const body = code.slice(8, 16);
  if (!/^[0-9A-Z]{8}$/.test(body) || orgCodeCheckChar(body) !== code.charAt(16)) return false;
  return usccCheckChar(code.slice(0, 17)) === code.charAt(17);
}
