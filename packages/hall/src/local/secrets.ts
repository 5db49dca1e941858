/**
 * The secrets of the hall inside one browser. Its keys never exist at rest in the clear: an AES-GCM data key and an
 * HMAC index key, wrapped (AES-KW) once per person by a key derived from their password (PBKDF2-SHA-256), so a
 * clerk's or manager's login opens them and nothing else does. Devices hold none: a kiosk or display reads nothing
 * personal, and a rating pad seals ratings for the rating key (ECDH P-256), whose private half only a person's vault
 * opens.
 * @module
 */
import type { HallSecrets } from '../engine/secrets.js';
import {
  KeyVault,
  SealOnlyVault,
  constantTimeEqual,
  fromBase64Url,
  generateRatingKey,
  importRatingKey,
  randomBytes,
  toBase64Url,
  toHex,
  type Vault,
} from '../vault/vault.js';

const encoder = new TextEncoder();
const AES_GCM = { name: 'AES-GCM', length: 256 } as const;
const HMAC = { name: 'HMAC', hash: 'SHA-256', length: 256 } as const;

/** What the hall keeps in its settings: public or wrapped, never a key in the clear. */
interface LocalMaterial {
  device: { salt: string; iterations: number };
  rating: { publicKey: string; privateKey: string };
}

/** A person's stored credential: the PBKDF2 verifier and the hall's keys wrapped for the password. */
interface LocalCredential {
  salt: string;
  iterations: number;
  verifier: string;
  wrapped: { data: string; index: string };
}

function isCredential(value: unknown): value is LocalCredential {
  const c = value as LocalCredential | undefined;
  return typeof c?.salt === 'string' && typeof c.verifier === 'string' && typeof c.wrapped?.data === 'string';
}

/** PBKDF2-SHA-256, 512 bits: the first half the verifier, the second the key that wraps the hall's keys. */
async function derive(secret: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 512),
  );
  const kek = await crypto.subtle.importKey('raw', bits.slice(32), 'AES-KW', false, ['wrapKey', 'unwrapKey']);
  return { verifier: toHex(bits.slice(0, 32)), kek };
}

/** The hall's keys in the clear, extractable (only to be wrapped for a new password): kept beside the vault. */
interface Wrappable {
  data: CryptoKey;
  index: CryptoKey;
}

/** {@link HallSecrets} of the hall inside one browser. */
export class LocalSecrets implements HallSecrets {
  readonly #iterations: number;
  #material: LocalMaterial | undefined;
  #deviceVault: SealOnlyVault | undefined;
  readonly #wrappable = new WeakMap<Vault, Wrappable>();

  /** @param iterations PBKDF2 iterations for passwords and device tokens (310,000 by default; tests use fewer). */
  constructor(iterations = 310_000) {
    this.#iterations = iterations;
  }

  async create(): Promise<{ material: unknown; vault: Vault }> {
    const data = await crypto.subtle.generateKey(AES_GCM, true, ['encrypt', 'decrypt']);
    const index = await crypto.subtle.generateKey(HMAC, true, ['sign']);
    const rating = await generateRatingKey();
    const vault = new KeyVault({
      data: new Map([['h', data]]),
      current: 'h',
      index,
      ratingPrivate: await importRatingKey(rating.privateKey),
    });
    this.#wrappable.set(vault, { data, index });
    const material: LocalMaterial = {
      device: { salt: toBase64Url(randomBytes(16)), iterations: this.#iterations },
      rating: {
        publicKey: toBase64Url(rating.publicKey),
        privateKey: toBase64Url(await vault.sealBytes(new Uint8Array(rating.privateKey), 'rating-key')),
      },
    };
    await this.load(material);
    return { material, vault };
  }

  async load(material: unknown): Promise<void> {
    this.#material = material as LocalMaterial;
    this.#deviceVault = new SealOnlyVault(fromBase64Url(this.#material.rating.publicKey));
  }

  async credential(password: string, vault: Vault): Promise<unknown> {
    const keys = this.#wrappable.get(vault);
    if (!keys) throw new Error('local hall: only a person’s session can set a password');
    const salt = randomBytes(16);
    const { verifier, kek } = await derive(password, salt, this.#iterations);
    return {
      salt: toBase64Url(salt),
      iterations: this.#iterations,
      verifier,
      wrapped: {
        data: toBase64Url(await crypto.subtle.wrapKey('raw', keys.data, kek, 'AES-KW')),
        index: toBase64Url(await crypto.subtle.wrapKey('raw', keys.index, kek, 'AES-KW')),
      },
    } satisfies LocalCredential;
  }

  async verify(password: string, credential: unknown): Promise<Vault | false> {
    if (!isCredential(credential)) {
      // An unknown user costs the same derivation: the answer's timing does not tell who exists.
      await derive(password, randomBytes(16), this.#iterations);
      return false;
    }
    const { verifier, kek } = await derive(password, fromBase64Url(credential.salt), credential.iterations);
    if (!constantTimeEqual(verifier, credential.verifier)) return false;
    const unwrap = (
      wrapped: string,
      algorithm: typeof AES_GCM | typeof HMAC,
      usages: KeyUsage[],
      extractable: boolean,
    ) => crypto.subtle.unwrapKey('raw', fromBase64Url(wrapped), kek, 'AES-KW', algorithm, extractable, usages);
    const data = await unwrap(credential.wrapped.data, AES_GCM, ['encrypt', 'decrypt'], false);
    const index = await unwrap(credential.wrapped.index, HMAC, ['sign'], false);
    const opening = new KeyVault({ data: new Map([['h', data]]), current: 'h', index });
    const ratingPrivate = await importRatingKey(
      await opening.openBytes(fromBase64Url(this.#material!.rating.privateKey), 'rating-key'),
    );
    const vault = new KeyVault({ data: new Map([['h', data]]), current: 'h', index, ratingPrivate });
    this.#wrappable.set(vault, {
      data: await unwrap(credential.wrapped.data, AES_GCM, ['encrypt', 'decrypt'], true),
      index: await unwrap(credential.wrapped.index, HMAC, ['sign'], true),
    });
    return vault;
  }

  async deviceVerifier(token: string): Promise<string> {
    const { salt, iterations } = this.#material!.device;
    const base = await crypto.subtle.importKey('raw', encoder.encode(token), 'PBKDF2', false, ['deriveBits']);
    return toHex(
      await crypto.subtle.deriveBits(
        { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64Url(salt), iterations },
        base,
        256,
      ),
    );
  }

  deviceVault(): Vault | undefined {
    return this.#deviceVault;
  }

  hallVault(): Vault | undefined {
    return undefined;
  }
}
