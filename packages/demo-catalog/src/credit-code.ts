/**
 * Minting the agency codes of the demo and synthetic catalogs, so that every code passes the checks a window runs on
 * them. The check characters are `@yichuang/core`'s (GB 32100-2015 for the credit code, GB 11714-1997 for the
 * organisation code it embeds): one implementation, the one the window uses.
 */
import { USCC_ALPHABET, checkUscc, orgCodeCheckCharacter, usccCheckCharacter } from '@yichuang/core';

/** The 31 characters of a credit code (no I, O, S, V, Z), valued 0..30. Re-exported from `@yichuang/core`. */
export { USCC_ALPHABET };

/** Check character of an organisation code's 8-character body (0–9, A–Z valued 10–35); throws on any other body. */
export function orgCodeCheckChar(body: string): string {
  const check = orgCodeCheckCharacter(body);
  if (check === undefined) throw new Error(`organisation code body must be 8 characters 0-9A-Z: ${body}`);
  return check;
}

/** Check character of a credit code's first 17 characters; throws on a wrong length or character. */
export function usccCheckChar(first17: string): string {
  const check = usccCheckCharacter(first17);
  if (check === undefined) throw new Error(`credit code: 17 characters of ${USCC_ALPHABET} expected: ${first17}`);
  return check;
}

/**
 * A full credit code from its 8-character head (registration authority, entity type, 6-digit division code,
 * e.g. `11120101` for a government agency of 和平区) and the 8-character body of its organisation code.
 */
export function makeCreditCode(head: string, orgBody: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}$/.test(head)) throw new Error(`credit code head: ${head}`);
  const first17 = head + orgBody + orgCodeCheckChar(orgBody);
  return first17 + usccCheckChar(first17);
}

/** Whether a credit code, exactly as written (upper case, no spaces), passes the credit-code and organisation-code checks. */
export function isValidCreditCode(code: string): boolean {
  const result = checkUscc(code);
  return result.valid && result.normalized === code;
}
