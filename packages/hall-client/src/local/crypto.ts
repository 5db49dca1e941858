/**
 * WebCrypto for the local hall: password and device-token verifiers (PBKDF2), the hall's keys wrapped once per
 * person's credential (AES-KW), sealed records (AES-GCM), records sealed for the holder of a private key (ECDH
 * P-256, HKDF, AES-GCM) and blind indexes (HMAC). Every function here is asynchronous WebCrypto: call them before
 * opening a Dexie transaction, never inside one (an await on anything but Dexie ends the transaction).
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

/**
 * PBKDF2-SHA-256 of a secret, 256 bits, hex: a slow verifier with nothing to unwrap (what a device token is kept
 * as). Equal to the {@link DerivedCredential.verifier} of {@link deriveCredential} with the same salt and iterations.
 */
export async function deriveVerifier(
  secret: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<string> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'PBKDF2', false, ['deriveBits']);
  return toHex(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 256));
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

/** A value sealed for the holder of a private key by {@link sealFor}. */
export interface SealedFor extends Sealed {
  /** The sealer's one-time ECDH public key (raw P-256 point). */
  epk: ArrayBuffer;
}

const ECDH_P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;
const SEALED_FOR_INFO = encoder.encode('yichuang sealed-for v1');

/**
 * A new ECDH P-256 key pair to seal values for: the public key raw (kept in the clear: anyone may seal with it), the
 * private key as PKCS #8 bytes (to be sealed in turn by its holders' key, and then dropped).
 */
export async function generateSealingKeys(): Promise<{ publicKey: ArrayBuffer; privateKey: ArrayBuffer }> {
  const pair = await crypto.subtle.generateKey(ECDH_P256, true, ['deriveBits']);
  return {
    publicKey: await crypto.subtle.exportKey('raw', pair.publicKey),
    privateKey: await crypto.subtle.exportKey('pkcs8', pair.privateKey),
  };
}

/** The private key of {@link generateSealingKeys} from its PKCS #8 bytes, non-extractable. */
export function importSealingKey(pkcs8: ArrayBuffer): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', pkcs8, ECDH_P256, false, ['deriveBits']);
}

/** AES-GCM key agreed between one side's private key and the other's public key (ECDH, then HKDF-SHA-256). */
async function agreedKey(privateKey: CryptoKey, publicKey: CryptoKey, epk: ArrayBuffer): Promise<CryptoKey> {
  const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const base = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: epk, info: SEALED_FOR_INFO },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/**
 * Encrypts a JSON value so that only the holder of the private key of `publicKey` can read it (a one-time ECDH key
 * pair, HKDF, AES-GCM), bound to `context` like {@link HallVault.seal}. Whoever seals cannot read it back: a write-only
 * path for a device that must store what it may not read.
 */
export async function sealFor(publicKey: ArrayBuffer, value: unknown, context: string): Promise<SealedFor> {
  const recipient = await crypto.subtle.importKey('raw', publicKey, ECDH_P256, false, []);
  const once = await crypto.subtle.generateKey(ECDH_P256, false, ['deriveBits']);
  const epk = await crypto.subtle.exportKey('raw', once.publicKey);
  const key = await agreedKey(once.privateKey, recipient, epk);
  const iv = randomBytes(12);
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
    key,
    encoder.encode(JSON.stringify(value)),
  );
  return { epk, iv, data };
}

/** Decrypts what {@link sealFor} sealed under the same context; rejects if it was altered, moved or not for this key. */
export async function openSealedFor<T>(privateKey: CryptoKey, sealed: SealedFor, context: string): Promise<T> {
  const sender = await crypto.subtle.importKey('raw', sealed.epk, ECDH_P256, false, []);
  const key = await agreedKey(privateKey, sender, sealed.epk);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.iv, additionalData: encoder.encode(context) },
    key,
    sealed.data,
  );
  return JSON.parse(decoder.decode(plain)) as T;
}

/**
 * The hall's two keys: AES-GCM for records and files holding personal data, HMAC-SHA-256 for blind indexes
 * (look a licence up by holder without storing the identity number). They exist in the clear only in memory, after
 * a clerk's or manager's login unwrapped them; devices never hold them.
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
