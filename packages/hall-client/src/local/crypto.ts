/**
 * WebCrypto for the local hall: password hashes (PBKDF2), the hall's keys wrapped once per credential (AES-KW),
 * sealed records (AES-GCM) and blind indexes (HMAC). Every function here is asynchronous WebCrypto: call them
 * before opening a Dexie transaction, never inside one (an await on anything but Dexie ends the transaction).
 * @module
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Hexadecimal of bytes, lower case. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = '';
  for (const byte of view) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** SHA-256 of bytes or a Blob, as 64 lower-case hexadecimal characters. */
export async function sha256Hex(data: ArrayBuffer | Uint8Array | Blob | string): Promise<string> {
  const bytes =
    typeof data === 'string' ? encoder.encode(data) : data instanceof Blob ? await data.arrayBuffer() : data;
  return toHex(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}

/** `n` random bytes. */
export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** A random token of `n` bytes, base64url without padding (what a session token looks like). */
export function randomToken(n = 32): string {
  let text = '';
  for (const byte of randomBytes(n)) text += String.fromCharCode(byte);
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Compares two strings in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

/** What a password or device token yields: a verifier to store and a key-encryption key to keep in memory. */
export interface DerivedCredential {
  /** PBKDF2 output, hex: stored, compared at login. */
  verifier: string;
  /** AES-KW key that wraps the hall's keys for this credential; never stored. */
  kek: CryptoKey;
}

/**
 * PBKDF2-SHA-256 of a secret: 512 bits, the first half the stored verifier, the second half the key that wraps the
 * hall's keys. Knowing the verifier does not give the wrapping key.
 */
export async function deriveCredential(
  secret: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<DerivedCredential> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 512),
  );
  const kek = await crypto.subtle.importKey('raw', bits.slice(32), 'AES-KW', false, ['wrapKey', 'unwrapKey']);
  return { verifier: toHex(bits.slice(0, 32)), kek };
}

/** The hall's keys, wrapped for one credential. */
export interface WrappedKeys {
  data: ArrayBuffer;
  index: ArrayBuffer;
}

/** A value encrypted with AES-GCM: its 12-byte nonce and the ciphertext with its tag. */
export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/**
 * The hall's two keys: AES-GCM for records and files holding personal data, HMAC-SHA-256 for blind indexes
 * (look a licence up by holder without storing the identity number). They exist in the clear only in memory, after
 * a login unwrapped them.
 */
export class HallVault {
  private constructor(
    private readonly _dataKey: CryptoKey,
    private readonly _indexKey: CryptoKey,
  ) {}

  /** New random keys, extractable only so that they can be wrapped for each credential when the hall is seeded. */
  static async generate(): Promise<HallVault> {
    const data = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
    const index = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, true, ['sign']);
    return new HallVault(data, index);
  }

  /** Unwraps the keys with a credential's key-encryption key; the keys come out non-extractable. */
  static async unwrap(wrapped: WrappedKeys, kek: CryptoKey): Promise<HallVault> {
    const data = await crypto.subtle.unwrapKey('raw', wrapped.data, kek, 'AES-KW', 'AES-GCM', false, [
      'encrypt',
      'decrypt',
    ]);
    const index = await crypto.subtle.unwrapKey(
      'raw',
      wrapped.index,
      kek,
      'AES-KW',
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    return new HallVault(data, index);
  }

  /** The keys wrapped for one credential (only on a vault from {@link HallVault.generate}). */
  async wrapFor(kek: CryptoKey): Promise<WrappedKeys> {
    return {
      data: await crypto.subtle.wrapKey('raw', this._dataKey, kek, 'AES-KW'),
      index: await crypto.subtle.wrapKey('raw', this._indexKey, kek, 'AES-KW'),
    };
  }

  /** Encrypts bytes, bound to `context` (e.g. `case:<id>`) so a sealed value cannot be moved to another row. */
  async sealBytes(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>, context: string): Promise<Sealed> {
    const iv = randomBytes(12);
    const data = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
      this._dataKey,
      bytes,
    );
    return { iv, data };
  }

  /** Decrypts what {@link sealBytes} sealed under the same context; rejects if it was altered or moved. */
  openBytes(sealed: Sealed, context: string): Promise<ArrayBuffer> {
    return crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.iv, additionalData: encoder.encode(context) },
      this._dataKey,
      sealed.data,
    );
  }

  /** Encrypts a JSON value. */
  seal(value: unknown, context: string): Promise<Sealed> {
    return this.sealBytes(encoder.encode(JSON.stringify(value)), context);
  }

  /** Decrypts a JSON value sealed by {@link seal}. */
  async open<T>(sealed: Sealed, context: string): Promise<T> {
    return JSON.parse(decoder.decode(await this.openBytes(sealed, context))) as T;
  }

  /** A blind index of a value: HMAC-SHA-256, hex. Equal values give equal indexes; the value cannot be recovered. */
  async index(value: string): Promise<string> {
    return toHex(await crypto.subtle.sign('HMAC', this._indexKey, encoder.encode(value)));
  }
}
