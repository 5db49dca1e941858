/**
 * The clerk's data key and how it is stored.
 *
 * Scheme:
 * - **Data key.** Each clerk has one random AES-GCM-256 key per workstation database (`keyId`, a ULID, names it
 *   next to every record it seals, see `cipher.ts`). It is only ever stored wrapped; unwrapped, it lives in memory
 *   as a non-extractable `CryptoKey` while the store is unlocked.
 * - **Secret wrap** (`salt`, `iterations`, `wrapped`). A key-encryption key is derived from the clerk's login
 *   secret with PBKDF2-HMAC-SHA-256 over a random 16-byte salt (`iterations`, 310,000 by default) and wraps the
 *   data key with AES-KW (RFC 3394, 40 bytes). A wrong secret fails AES-KW's integrity check. Changing the secret
 *   re-wraps the same data key with a new salt; records are not re-encrypted.
 * - **Recovery wrap** (`recovery`: `keyId`, `wrapped`). When the workstation knows the hall's recovery public key
 *   (RSA-OAEP with SHA-256 and MGF1-SHA-256, modulus of at least 3072 bits, given as a JWK), the same data key is
 *   also wrapped for it: `wrapKey('raw', dataKey, publicKey, { name: 'RSA-OAEP' })` (no label), 384 bytes for a
 *   3072-bit key. The hall manager holds the private key offline; with it, {@link recoverKeyring} opens the data
 *   key without the clerk's secret and wraps it for a new secret, so records sealed under a forgotten or reset
 *   password read again. A keyring holds at most one recovery wrap: the wrap for a newer (rotated) hall key
 *   replaces the older one at the clerk's next unlock with it.
 * - **Recovery key id.** A recovery public key is named by its RFC 7638 JWK thumbprint, in lower-case hex: the
 *   SHA-256 of the UTF-8 JSON `{"e":…,"kty":"RSA","n":…}` (exactly those members, in that order, no whitespace,
 *   `n` and `e` base64url as the browser exports them). {@link recoveryKeyId} computes it; a
 *   {@link RecoveryPublicKey} whose `keyId` is not its key's thumbprint is refused, so a rotated key can never pass
 *   for the old one.
 *
 * WebCrypto wraps only extractable keys: an extractable copy of the data key exists just long enough to be
 * wrapped (when a keyring is made, re-wrapped or recovered); the copy kept in memory is non-extractable.
 * @module
 */
import { canonicalJson, type RecoveryPublicKey } from '@yichuang/hall-client';
import { RecoveryUnavailableError, WrongRecoveryKeyError, WrongSecretError } from '../errors.js';
import { DEFAULT_LOCALE, type StoreLocale } from '../messages.js';
import { sha256Hex, type DataKey } from './cipher.js';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. */
export const DEFAULT_KDF_ITERATIONS = 310_000;

/** Smallest RSA modulus, in bits, accepted for a recovery key. */
export const MIN_RECOVERY_MODULUS_BITS = 3072;

/** The data key wrapped for a hall recovery public key (see the module comment). */
export interface RecoveryWrap {
  /** {@link RecoveryPublicKey.keyId} of the key it is wrapped for. */
  keyId: string;
  /** The data key wrapped with RSA-OAEP (SHA-256): as many bytes as the modulus. */
  wrapped: ArrayBuffer;
}

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
  /** When the row was made (ISO 8601). */
  createdAt: string;
  /**
   * The data key wrapped for the hall's recovery public key; absent until the clerk unlocks with one given
   * (keyrings made before the hall had a recovery key have none).
   */
  recovery?: RecoveryWrap;
}

/**
 * A hall recovery public key, as the hall hands it to workstations (`HallClient.recoveryKey()`, or their
 * configuration): the protocol's own type, re-exported.
 *
 * `keyId` is the key's RFC 7638 JWK thumbprint in lower-case hex ({@link recoveryKeyId}); `publicKey` is an
 * RSA-OAEP-256 public JWK (`kty` `RSA`, `alg` `RSA-OAEP-256` or absent) of at least 3072 bits.
 */
export type { RecoveryPublicKey };

/** A checked recovery public key, imported. */
export interface RecoveryWrappingKey {
  keyId: string;
  /** RSA-OAEP-256 public key with the `wrapKey` usage. */
  key: CryptoKey;
}

const encoder = new TextEncoder();
const RSA_OAEP_256: RsaHashedImportParams = { name: 'RSA-OAEP', hash: 'SHA-256' };
const AES_GCM_256: AesKeyAlgorithm = { name: 'AES-GCM', length: 256 };

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

function unwrap(wrapped: ArrayBuffer, kek: CryptoKey, extractable = false): Promise<CryptoKey> {
  return crypto.subtle.unwrapKey('raw', wrapped, kek, 'AES-KW', AES_GCM_256, extractable, ['encrypt', 'decrypt']);
}

/** Unwraps the data key of `row` with `secret`; `extractable` only to wrap it again right away. */
async function unwrapWithSecret(
  row: KeyringRow,
  secret: string,
  extractable: boolean,
  locale: StoreLocale,
): Promise<{ kek: CryptoKey; key: CryptoKey }> {
  const kek = await wrappingKey(secret, row.salt, row.iterations);
  try {
    return { kek, key: await unwrap(row.wrapped, kek, extractable) };
  } catch {
    throw new WrongSecretError(row.user, locale);
  }
}

/** Wraps an extractable data key for `secret` with a new salt; returns the fields to store and a kept copy. */
async function wrapForSecret(
  extractable: CryptoKey,
  secret: string,
  iterations: number,
): Promise<{ salt: Uint8Array; iterations: number; wrapped: ArrayBuffer; key: CryptoKey }> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const kek = await wrappingKey(secret, salt, iterations);
  const wrapped = await crypto.subtle.wrapKey('raw', extractable, kek, 'AES-KW');
  return { salt, iterations, wrapped, key: await unwrap(wrapped, kek) };
}

async function wrapForRecovery(extractable: CryptoKey, recovery: RecoveryWrappingKey): Promise<RecoveryWrap> {
  const wrapped = await crypto.subtle.wrapKey('raw', extractable, recovery.key, { name: 'RSA-OAEP' });
  return { keyId: recovery.keyId, wrapped };
}

/** The required members of an RSA key's public part (RFC 7638), whatever else the JWK holds. */
function rsaPublicPart(jwk: JsonWebKey): JsonWebKey {
  // The exponent's member name is one letter, spelled as a string for the linter's sake.
  return Object.fromEntries([
    ['e', jwk['e']],
    ['kty', 'RSA'],
    ['n', jwk.n],
  ]) as JsonWebKey;
}

/**
 * RFC 7638 thumbprint (SHA-256, lower-case hex) of an imported RSA key's public part: the hash of its required
 * members as canonical JSON, `{"e":…,"kty":"RSA","n":…}`.
 */
async function thumbprint(publicKey: CryptoKey): Promise<string> {
  const jwk = await crypto.subtle.exportKey('jwk', publicKey);
  return sha256Hex(encoder.encode(canonicalJson(rsaPublicPart(jwk))));
}

/** Imports the public part of an RSA JWK (public or private) for RSA-OAEP-256 wrapping, whatever else it says. */
async function importPublic(jwk: JsonWebKey): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', rsaPublicPart(jwk), RSA_OAEP_256, true, ['wrapKey']);
}

/**
 * The id of a recovery public key: its RFC 7638 JWK thumbprint (SHA-256 of `{"e":…,"kty":"RSA","n":…}`) in
 * lower-case hex. A private JWK gives the id of its public key.
 *
 * @throws TypeError if `publicKey` is not an RSA JWK the browser can read.
 */
export async function recoveryKeyId(publicKey: JsonWebKey): Promise<string> {
  if (publicKey?.kty !== 'RSA') throw new TypeError('recoveryKeyId: an RSA key (JWK with kty "RSA") is required');
  try {
    return await thumbprint(await importPublic(publicKey));
  } catch (cause) {
    throw new TypeError('recoveryKeyId: the RSA key cannot be read (its n and e are not a valid public key)', {
      cause,
    });
  }
}

/**
 * Checks and imports a hall recovery public key.
 *
 * @throws TypeError if it is not an RSA-OAEP-256 public JWK (an EC key, a private key, another `alg`, unreadable
 *   `n`/`e`) or its `keyId` is not its thumbprint.
 * @throws RangeError if its modulus has fewer than 3072 bits.
 */
export async function importRecoveryPublicKey(recovery: RecoveryPublicKey): Promise<RecoveryWrappingKey> {
  if (typeof recovery !== 'object' || recovery === null) {
    throw new TypeError('recoveryKey: { keyId, publicKey } is required');
  }
  const { keyId, publicKey: jwk } = recovery;
  if (typeof keyId !== 'string' || keyId.length === 0) throw new TypeError('recoveryKey: keyId is required');
  if (typeof jwk !== 'object' || jwk === null) throw new TypeError('recoveryKey: publicKey (a JWK) is required');
  if (jwk.kty !== 'RSA') {
    throw new TypeError(`recoveryKey: an RSA-OAEP-256 public key is required, not a key of type ${String(jwk.kty)}`);
  }
  if (jwk.d !== undefined) {
    throw new TypeError('recoveryKey: this is a private key; give workstations only the public key');
  }
  if (jwk.alg !== undefined && jwk.alg !== 'RSA-OAEP-256') {
    throw new TypeError(`recoveryKey: an RSA-OAEP-256 key is required, not ${jwk.alg}`);
  }
  let key: CryptoKey;
  try {
    key = await importPublic(jwk);
  } catch (cause) {
    throw new TypeError('recoveryKey: the public key cannot be read (its n and e are not a valid RSA key)', { cause });
  }
  const bits = (key.algorithm as RsaHashedKeyAlgorithm).modulusLength;
  if (bits < MIN_RECOVERY_MODULUS_BITS) {
    throw new RangeError(
      `recoveryKey: the RSA modulus has ${bits} bits; at least ${MIN_RECOVERY_MODULUS_BITS} are required`,
    );
  }
  const id = await thumbprint(key);
  if (keyId !== id) {
    throw new TypeError(`recoveryKey: keyId ${keyId} is not the id of this public key (its RFC 7638 thumbprint ${id})`);
  }
  return { keyId, key };
}

/**
 * Makes a hall recovery key pair (RSA-OAEP, SHA-256, 3072-bit modulus, exponent 65537): the public key for
 * workstations (with its {@link recoveryKeyId}) and the private JWK the hall manager keeps offline.
 */
export async function generateRecoveryKeyPair(): Promise<{ publicKey: RecoveryPublicKey; privateKey: JsonWebKey }> {
  const pair = await crypto.subtle.generateKey(
    {
      ...RSA_OAEP_256,
      modulusLength: MIN_RECOVERY_MODULUS_BITS,
      publicExponent: new Uint8Array([1, 0, 1]),
    } satisfies RsaHashedKeyGenParams,
    true,
    ['wrapKey', 'unwrapKey'],
  );
  const [publicKey, privateKey, keyId] = await Promise.all([
    crypto.subtle.exportKey('jwk', pair.publicKey),
    crypto.subtle.exportKey('jwk', pair.privateKey),
    thumbprint(pair.publicKey),
  ]);
  // An RSA key exports with its kty; said again for the type (the protocol's JWK requires it).
  return { publicKey: { keyId, publicKey: { ...publicKey, kty: publicKey.kty ?? 'RSA' } }, privateKey };
}

/**
 * Makes a new data key for `user` and wraps it with their secret, and for the recovery key when one is given.
 *
 * @returns the row to store and the unlocked (non-extractable) key.
 */
export async function createKeyring(
  user: string,
  secret: string,
  iterations: number,
  keyId: string,
  recovery?: RecoveryWrappingKey,
): Promise<{ row: KeyringRow; dataKey: DataKey }> {
  // Extractable only so it can be wrapped; dropped right after, the kept copy is unwrapped non-extractable.
  const fresh = await crypto.subtle.generateKey(AES_GCM_256, true, ['encrypt', 'decrypt']);
  const [{ key, ...sealed }, recoveryWrap] = await Promise.all([
    wrapForSecret(fresh, secret, iterations),
    recovery && wrapForRecovery(fresh, recovery),
  ]);
  const row: KeyringRow = { user, keyId, ...sealed, createdAt: new Date().toISOString() };
  if (recoveryWrap) row.recovery = recoveryWrap;
  return { row, dataKey: { user, keyId, key } };
}

/**
 * Unwraps a clerk's data key with their secret.
 *
 * @throws WrongSecretError if the secret does not unwrap it (AES-KW's integrity check fails).
 */
export async function openKeyring(
  row: KeyringRow,
  secret: string,
  locale: StoreLocale = DEFAULT_LOCALE,
): Promise<DataKey> {
  const { key } = await unwrapWithSecret(row, secret, false, locale);
  return { user: row.user, keyId: row.keyId, key };
}

/**
 * Unwraps a clerk's data key with their secret and wraps it for a recovery key (deriving the secret's key once).
 *
 * @returns the unlocked (non-extractable) key and the recovery wrap to store in the row.
 * @throws WrongSecretError if the secret does not unwrap it.
 */
export async function openKeyringForRecovery(
  row: KeyringRow,
  secret: string,
  recovery: RecoveryWrappingKey,
  locale: StoreLocale = DEFAULT_LOCALE,
): Promise<{ dataKey: DataKey; recovery: RecoveryWrap }> {
  const { kek, key: extractable } = await unwrapWithSecret(row, secret, true, locale);
  const [wrap, key] = await Promise.all([wrapForRecovery(extractable, recovery), unwrap(row.wrapped, kek)]);
  return { dataKey: { user: row.user, keyId: row.keyId, key }, recovery: wrap };
}

/**
 * Wraps an existing data key with a new secret (after the clerk changed their password), with a new salt. The
 * recovery wrap, if any, is kept.
 *
 * @throws WrongSecretError if `oldSecret` is wrong.
 */
export async function rewrapKeyring(
  row: KeyringRow,
  oldSecret: string,
  newSecret: string,
  iterations: number,
  locale: StoreLocale = DEFAULT_LOCALE,
): Promise<KeyringRow> {
  const { key: extractable } = await unwrapWithSecret(row, oldSecret, true, locale);
  const { salt, wrapped } = await wrapForSecret(extractable, newSecret, iterations);
  return { ...row, salt, iterations, wrapped };
}

/** Checks and imports a recovery private key; `keyId` when it can be told from the key (a JWK). */
async function importRecoveryPrivateKey(
  privateKey: CryptoKey | JsonWebKey,
): Promise<{ key: CryptoKey; keyId?: string }> {
  const required = 'recover: the hall recovery private key (RSA-OAEP with SHA-256) is required';
  if (privateKey instanceof CryptoKey) {
    const algorithm = privateKey.algorithm as Partial<RsaHashedKeyAlgorithm>;
    if (
      privateKey.type !== 'private' ||
      algorithm.name !== 'RSA-OAEP' ||
      algorithm.hash?.name !== 'SHA-256' ||
      !privateKey.usages.includes('unwrapKey')
    ) {
      throw new TypeError(`${required}, as a private CryptoKey with the unwrapKey usage`);
    }
    return { key: privateKey };
  }
  if (typeof privateKey !== 'object' || privateKey === null || privateKey.kty !== 'RSA' || privateKey.d === undefined) {
    throw new TypeError(`${required}, as a private CryptoKey or JWK`);
  }
  if (privateKey.alg !== undefined && privateKey.alg !== 'RSA-OAEP-256') {
    throw new TypeError(`${required}, not ${privateKey.alg}`);
  }
  // Whatever usages the JWK was exported with, it is used here only to unwrap.
  const { key_ops: _ops, use: _use, ...jwk } = privateKey;
  try {
    const key = await crypto.subtle.importKey('jwk', jwk, RSA_OAEP_256, false, ['unwrapKey']);
    return { key, keyId: await recoveryKeyId(privateKey) };
  } catch (cause) {
    throw new TypeError(`${required}: this JWK cannot be read as one`, { cause });
  }
}

/**
 * Opens a clerk's data key with the hall's recovery private key and wraps it for a new secret (new salt,
 * `iterations`). The recovery wrap is kept.
 *
 * @returns the row to store, the unlocked (non-extractable) key and the id of the recovery key that opened it.
 * @throws RecoveryUnavailableError if the row has no recovery wrap.
 * @throws TypeError if `privateKey` is not an RSA-OAEP-256 private key (usable to unwrap).
 * @throws WrongRecoveryKeyError if it is not the key the data key was wrapped for.
 */
export async function recoverKeyring(
  row: KeyringRow,
  privateKey: CryptoKey | JsonWebKey,
  newSecret: string,
  iterations: number,
  locale: StoreLocale = DEFAULT_LOCALE,
): Promise<{ row: KeyringRow; dataKey: DataKey; recoveryKeyId: string }> {
  const recovery = row.recovery;
  if (!recovery) throw new RecoveryUnavailableError(row.user, locale);
  const opener = await importRecoveryPrivateKey(privateKey);
  if (opener.keyId !== undefined && opener.keyId !== recovery.keyId) {
    throw new WrongRecoveryKeyError(row.user, recovery.keyId, opener.keyId, locale);
  }
  let extractable: CryptoKey;
  try {
    extractable = await crypto.subtle.unwrapKey(
      'raw',
      recovery.wrapped,
      opener.key,
      { name: 'RSA-OAEP' },
      AES_GCM_256,
      true,
      ['encrypt', 'decrypt'],
    );
  } catch {
    throw new WrongRecoveryKeyError(row.user, recovery.keyId, undefined, locale);
  }
  const { key, ...sealed } = await wrapForSecret(extractable, newSecret, iterations);
  return {
    row: { ...row, ...sealed },
    dataKey: { user: row.user, keyId: row.keyId, key },
    recoveryKeyId: recovery.keyId,
  };
}
