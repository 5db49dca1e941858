/**
 * Sealing personal data at rest, with WebCrypto only (the same code in Node and in the browser).
 *
 * A sealed value is one line of text: `<keyId>.<iv>.<ciphertext>` (base64url), AES-GCM-256 with a random 96-bit IV
 * and the value's place (`case:<id>`, `licence:<key>` …) as additional data, so a ciphertext moved to another row
 * does not open. A value sealed for the rating key (a device that may write ratings but read nothing) is
 * `r.<ephemeral public key>.<iv>.<ciphertext>`: ECDH P-256 with a one-time key pair, HKDF-SHA-256, AES-GCM.
 * Blind indexes (a licence found by its holder's identity number without storing it) are HMAC-SHA-256, hex.
 * @module
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Base64url of bytes, without padding. */
export function toBase64Url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let text = '';
  for (let i = 0; i < view.length; i += 0x8000) text += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Bytes of base64url (or base64) text. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Lower-case hex of bytes. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = '';
  for (const byte of view) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** SHA-256 of text or bytes, lower-case hex. */
export async function sha256Hex(data: string | ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  return toHex(await crypto.subtle.digest('SHA-256', bytes));
}

/** `n` random bytes. */
export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** A random token of `n` bytes, base64url (what a session or device token looks like). */
export function randomToken(n = 32): string {
  return toBase64Url(randomBytes(n));
}

/** Compares two strings in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

/** A sealed value failed to open: altered, moved to another row, or sealed under a key this vault lacks. */
export class SealError extends Error {
  override readonly name = 'SealError';
}

/**
 * What seals and opens the hall's personal data. The hall server holds one for the whole hall (keys from a key file
 * or the environment); the hall inside one browser holds one per person's session (the hall's keys, unwrapped by the
 * person's password), and a seal-only one for a rating pad.
 */
export interface Vault {
  /** Whether {@link open} can work (a seal-only vault cannot). */
  readonly canOpen: boolean;
  /** Seals a JSON value for `context` (its place, e.g. `case:<id>`). */
  seal(value: unknown, context: string): Promise<string>;
  /** Opens what {@link seal} sealed for the same context. @throws SealError */
  open<T>(sealed: string, context: string): Promise<T>;
  /** Seals bytes for `context`. */
  sealBytes(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>, context: string): Promise<Uint8Array<ArrayBuffer>>;
  /** Opens what {@link sealBytes} sealed. @throws SealError */
  openBytes(sealed: Uint8Array<ArrayBuffer>, context: string): Promise<ArrayBuffer>;
  /** A blind index of a value (HMAC-SHA-256, hex): equal values give equal indexes; the value cannot be recovered. */
  index(value: string): Promise<string>;
  /** The id of the key {@link seal} uses now: rows sealed under another are resealed (key rotation). */
  readonly currentKeyId: string;
}

/**
 * The HKDF labels a hall key's secret is stretched with into its data key and its index key: every vault that derives
 * keys from the key file's secrets (this module's {@link keysFromSecrets}, the hall server's own) uses these.
 */
export const KEY_LABELS = { data: 'yichuang hall data v1', index: 'yichuang hall index v1' } as const;

/** The bytes of an AES-GCM IV. */
export const IV_BYTES = 12;

/** The key id a sealed text names (its first part): `r` for the rating key. */
export function sealedKeyId(sealed: string): string {
  return sealed.split('.', 1)[0]!;
}

/** Sealed bytes as stored: `[id length][key id][iv][ciphertext and tag]`. */
export function frameSealedBytes(keyId: string, iv: Uint8Array, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const id = encoder.encode(keyId);
  const out = new Uint8Array(1 + id.length + iv.length + data.length);
  out[0] = id.length;
  out.set(id, 1);
  out.set(iv, 1 + id.length);
  out.set(data, 1 + id.length + iv.length);
  return out;
}

/** The parts of what {@link frameSealedBytes} framed. */
export function unframeSealedBytes<B extends ArrayBufferLike>(
  sealed: Uint8Array<B>,
): { keyId: string; iv: Uint8Array<B>; data: Uint8Array<B> } {
  const idLength = sealed[0] ?? 0;
  return {
    keyId: decoder.decode(sealed.subarray(1, 1 + idLength)),
    iv: sealed.subarray(1 + idLength, 1 + idLength + IV_BYTES),
    data: sealed.subarray(1 + idLength + IV_BYTES),
  };
}

const ECDH_P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;
const SEALED_FOR_INFO = encoder.encode('yichuang hall sealed-for v1');

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

async function gcmSeal(
  key: CryptoKey,
  bytes: BufferSource,
  context: string,
): Promise<{ iv: Uint8Array; data: ArrayBuffer }> {
  const iv = randomBytes(IV_BYTES);
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
    key,
    bytes,
  );
  return { iv, data };
}

async function gcmOpen(
  key: CryptoKey,
  iv: Uint8Array<ArrayBuffer>,
  data: BufferSource,
  context: string,
): Promise<ArrayBuffer> {
  try {
    return await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(context) }, key, data);
  } catch {
    throw new SealError(`sealed value does not open for ${context.split(':')[0]}`);
  }
}

/** The keys of a {@link KeyVault}. */
export interface VaultKeys {
  /** AES-GCM-256 keys by id; the key of `current` seals, every one opens. Ids: letters and digits. */
  data: ReadonlyMap<string, CryptoKey>;
  current: string;
  /** HMAC-SHA-256 key of the blind indexes. */
  index: CryptoKey;
  /** The rating key's private half (ECDH P-256), to open what a seal-only vault sealed. */
  ratingPrivate?: CryptoKey;
}

/** A {@link Vault} over keys held in memory. */
export class KeyVault implements Vault {
  readonly canOpen = true;
  readonly #keys: VaultKeys;

  constructor(keys: VaultKeys) {
    if (!keys.data.has(keys.current)) throw new Error('vault: the current key is not among the keys');
    for (const id of keys.data.keys()) {
      if (!/^[A-Za-z0-9]{1,32}$/.test(id) || id === 'r') throw new Error(`vault: "${id}" is not a usable key id`);
    }
    this.#keys = keys;
  }

  get currentKeyId(): string {
    return this.#keys.current;
  }

  async seal(value: unknown, context: string): Promise<string> {
    const { iv, data } = await gcmSeal(this.#currentKey(), encoder.encode(JSON.stringify(value)), context);
    return `${this.#keys.current}.${toBase64Url(iv)}.${toBase64Url(data)}`;
  }

  async open<T>(sealed: string, context: string): Promise<T> {
    const parts = typeof sealed === 'string' ? sealed.split('.') : [];
    let plain: ArrayBuffer;
    if (parts[0] === 'r' && parts.length === 4) {
      if (!this.#keys.ratingPrivate) throw new SealError('no rating key in this vault');
      const epk = fromBase64Url(parts[1]!);
      const sender = await crypto.subtle.importKey('raw', epk, ECDH_P256, false, []);
      const key = await agreedKey(this.#keys.ratingPrivate, sender, epk.buffer);
      plain = await gcmOpen(key, fromBase64Url(parts[2]!), fromBase64Url(parts[3]!), context);
    } else if (parts.length === 3) {
      const key = this.#keys.data.get(parts[0]!);
      if (!key) throw new SealError(`no key ${parts[0]} in this vault`);
      plain = await gcmOpen(key, fromBase64Url(parts[1]!), fromBase64Url(parts[2]!), context);
    } else {
      throw new SealError('not a sealed value');
    }
    return JSON.parse(decoder.decode(plain)) as T;
  }

  async sealBytes(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>, context: string): Promise<Uint8Array<ArrayBuffer>> {
    const { iv, data } = await gcmSeal(this.#currentKey(), bytes, context);
    return frameSealedBytes(this.#keys.current, iv, new Uint8Array(data));
  }

  async openBytes(sealed: Uint8Array<ArrayBuffer>, context: string): Promise<ArrayBuffer> {
    const { keyId, iv, data } = unframeSealedBytes(sealed);
    const key = this.#keys.data.get(keyId);
    if (!key) throw new SealError(`no key ${keyId} in this vault`);
    return gcmOpen(key, iv, data, context);
  }

  async index(value: string): Promise<string> {
    return toHex(await crypto.subtle.sign('HMAC', this.#keys.index, encoder.encode(value)));
  }

  #currentKey(): CryptoKey {
    return this.#keys.data.get(this.#keys.current)!;
  }
}

/**
 * A vault that can only seal, for the rating key's public half: what a rating pad of the hall inside one browser
 * holds. It writes ratings it can never read back; a person's vault opens them.
 */
export class SealOnlyVault implements Vault {
  readonly canOpen = false;
  readonly currentKeyId = 'r';
  readonly #publicKey: Uint8Array<ArrayBuffer>;

  /** @param publicKey the rating key's public half, a raw P-256 point. */
  constructor(publicKey: Uint8Array<ArrayBuffer>) {
    this.#publicKey = publicKey;
  }

  async seal(value: unknown, context: string): Promise<string> {
    const recipient = await crypto.subtle.importKey('raw', this.#publicKey, ECDH_P256, false, []);
    const once = await crypto.subtle.generateKey(ECDH_P256, false, ['deriveBits']);
    const epk = await crypto.subtle.exportKey('raw', once.publicKey);
    const key = await agreedKey(once.privateKey, recipient, epk);
    const { iv, data } = await gcmSeal(key, encoder.encode(JSON.stringify(value)), context);
    return `r.${toBase64Url(epk)}.${toBase64Url(iv)}.${toBase64Url(data)}`;
  }

  open<T>(): Promise<T> {
    return Promise.reject(new SealError('this vault can only seal'));
  }

  sealBytes(): Promise<Uint8Array<ArrayBuffer>> {
    return Promise.reject(new SealError('this vault seals ratings only'));
  }

  openBytes(): Promise<ArrayBuffer> {
    return Promise.reject(new SealError('this vault can only seal'));
  }

  index(): Promise<string> {
    return Promise.reject(new SealError('this vault can only seal'));
  }
}

/** A new ECDH P-256 key pair for sealing ratings: the public half raw, the private half as PKCS #8 bytes. */
export async function generateRatingKey(): Promise<{ publicKey: ArrayBuffer; privateKey: ArrayBuffer }> {
  const pair = await crypto.subtle.generateKey(ECDH_P256, true, ['deriveBits']);
  return {
    publicKey: await crypto.subtle.exportKey('raw', pair.publicKey),
    privateKey: await crypto.subtle.exportKey('pkcs8', pair.privateKey),
  };
}

/** The rating key's private half from its PKCS #8 bytes, non-extractable. */
export function importRatingKey(pkcs8: BufferSource): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', pkcs8, ECDH_P256, false, ['deriveBits']);
}

/**
 * The vault keys derived from a master secret of at least 32 bytes (the hall server's key file): for each key id,
 * an AES-GCM key and, from the current one, the HMAC index key (HKDF-SHA-256 with distinct labels).
 */
export async function keysFromSecrets(
  secrets: ReadonlyArray<{ id: string; secret: Uint8Array<ArrayBuffer> }>,
): Promise<VaultKeys> {
  if (secrets.length === 0) throw new Error('vault: no key');
  const data = new Map<string, CryptoKey>();
  let index: CryptoKey | undefined;
  for (const [i, { id, secret }] of secrets.entries()) {
    if (secret.byteLength < 32) throw new Error(`vault: key ${id} is shorter than 32 bytes`);
    const base = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
    const derive = (label: string, algorithm: AesKeyGenParams | HmacImportParams, usages: KeyUsage[]) =>
      crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: encoder.encode(label) },
        base,
        algorithm,
        false,
        usages,
      );
    data.set(id, await derive(KEY_LABELS.data, { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']));
    if (i === 0) index = await derive(KEY_LABELS.index, { name: 'HMAC', hash: 'SHA-256', length: 256 }, ['sign']);
  }
  return { data, current: secrets[0]!.id, index: index! };
}
