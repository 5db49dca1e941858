import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes: scrypt (node:crypto) with a random 16-byte salt, stored as
 * `scrypt$<log2 N>$<r>$<p>$<salt base64url>$<hash base64url>`. The parameters travel with the hash, so a hash
 * made at one cost still verifies after the default changes.
 */

/** The default cost: N = 2^15, r = 8, p = 1 (OWASP's minimum for scrypt; about 50–100 ms and 32 MiB). */
export const DEFAULT_PASSWORD_COST = 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

function scryptOptions(cost: number, r: number, p: number): ScryptOptions {
  // Node refuses more memory than `maxmem` (32 MiB by default); 128 · N · r is what scrypt needs, plus headroom.
  return { N: 2 ** cost, r, p, maxmem: 256 * 2 ** cost * r + 1024 * 1024 };
}

/**
 * Hashes a password.
 *
 * @param cost log2 of scrypt's N; the default is slow on purpose. Tests may pass a lower one (10 or more).
 * @throws RangeError for a cost outside 10–20.
 */
export async function hashPassword(password: string, cost = DEFAULT_PASSWORD_COST): Promise<string> {
  if (!Number.isInteger(cost) || cost < 10 || cost > 20) throw new RangeError('password cost: a whole number 10–20');
  const salt = randomBytes(16);
  const key = await derive(password, salt, scryptOptions(cost, BLOCK_SIZE, PARALLELISM));
  return ['scrypt', cost, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` matches `stored` (constant-time comparison); `false` for a malformed stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  const [scheme, costText, rText, pText, saltText, keyText] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt' || !saltText || !keyText) return false;
  const cost = Number(costText);
  const r = Number(rText);
  const p = Number(pText);
  if (![cost, r, p].every((n) => Number.isInteger(n) && n > 0) || cost > 20) return false;
  const expected = Buffer.from(keyText, 'base64url');
  const key = await derive(password, Buffer.from(saltText, 'base64url'), scryptOptions(cost, r, p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}
