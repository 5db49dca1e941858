/**
 * The clerk's data key: random AES-GCM-256, wrapped with AES-KW by a key derived from the clerk's login secret
 * (PBKDF2-SHA-256 over a random salt). Only the wrapped key and the salt are stored; the unwrapped key is a
 * non-extractable CryptoKey held in memory while the store is unlocked.
 * @module
 */
import { WrongSecretError } from '../errors.js';
import type { DataKey } from './cipher.js';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. */
export const DEFAULT_KDF_ITERATIONS = 310_000;

/** How one clerk's data key is stored (row of the `keyring` table). */
export interface KeyringRow {
  /** Login name of the clerk. */
  user: string;
  /** Id stored next to every record the key seals. */
  keyId: string;
  /** 16 random bytes. */
  salt: Uint8Array;
  /** PBKDF2 iterations used when the row was made. */
  iterations: number;
  /** The data key wrapped with AES-KW (RFC 3394): 40 bytes. */
  wrapped: ArrayBuffer;
  createdAt: string;
}

const encoder = new TextEncoder();

async function wrappingKey(secret: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(secret), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
    material,
    { name: 'AES-KW', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

function unwrap(wrapped: ArrayBuffer, kek: CryptoKey): Promise<CryptoKey> {
  return crypto.subtle.unwrapKey('raw', wrapped, kek, 'AES-KW', { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
}

/**
 * Makes a new data key for `user` and wraps it with their secret.
 *
 * @returns the row to store and the unlocked (non-extractable) key.
 */
export async function createKeyring(
  user: string,
  secret: string,
  iterations: number,
  keyId: string,
): Promise<{ row: KeyringRow; dataKey: DataKey }> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const kek = await wrappingKey(secret, salt, iterations);
  // Extractable only so it can be wrapped; dropped right after, the kept copy is unwrapped non-extractable.
  const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const wrapped = await crypto.subtle.wrapKey('raw', fresh, kek, 'AES-KW');
  const key = await unwrap(wrapped, kek);
  return {
    row: { user, keyId, salt, iterations, wrapped, createdAt: new Date().toISOString() },
    dataKey: { user, keyId, key },
  };
}

/**
 * Unwraps a clerk's data key with their secret.
 *
 * @throws WrongSecretError if the secret does not unwrap it (AES-KW's integrity check fails).
 */
export async function openKeyring(row: KeyringRow, secret: string): Promise<DataKey> {
  const kek = await wrappingKey(secret, row.salt, row.iterations);
  try {
    return { user: row.user, keyId: row.keyId, key: await unwrap(row.wrapped, kek) };
  } catch {
    throw new WrongSecretError(row.user);
  }
}

/**
 * Wraps an existing data key with a new secret (after the clerk changed their password), with a new salt.
 *
 * @throws WrongSecretError if `oldSecret` is wrong.
 */
export async function rewrapKeyring(
  row: KeyringRow,
  oldSecret: string,
  newSecret: string,
  iterations: number,
): Promise<KeyringRow> {
  const oldKek = await wrappingKey(oldSecret, row.salt, row.iterations);
  let extractable: CryptoKey;
  try {
    extractable = await crypto.subtle.unwrapKey(
      'raw',
      row.wrapped,
      oldKek,
      'AES-KW',
      { name: 'AES-GCM', length: 256 },
      true,
      ['encrypt', 'decrypt'],
    );
  } catch {
    throw new WrongSecretError(row.user);
  }
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const kek = await wrappingKey(newSecret, salt, iterations);
  const wrapped = await crypto.subtle.wrapKey('raw', extractable, kek, 'AES-KW');
  return { ...row, salt, iterations, wrapped };
}
