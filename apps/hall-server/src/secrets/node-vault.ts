import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomFillSync } from 'node:crypto';
import { IV_BYTES, KEY_LABELS, SealError, frameSealedBytes, unframeSealedBytes, type Vault } from '@yichuang/hall';
import type { HallKey } from './key-file.js';

const TAG_BYTES = 16;
const ZERO_SALT = Buffer.alloc(32);

/** Random IVs drawn from the system's CSPRNG a few hundred at a time: one draw per IV costs more than the seal. */
const ivPool = { bytes: Buffer.alloc(IV_BYTES * 256), used: IV_BYTES * 256 };

function randomIv(): Buffer {
  if (ivPool.used + IV_BYTES > ivPool.bytes.length) {
    randomFillSync(ivPool.bytes);
    ivPool.used = 0;
  }
  const iv = Buffer.from(ivPool.bytes.subarray(ivPool.used, ivPool.used + IV_BYTES));
  ivPool.used += IV_BYTES;
  return iv;
}

/** A key derived from a hall key's secret with HKDF-SHA-256, as `keysFromSecrets` of `@yichuang/hall` derives it. */
function derive(secret: Uint8Array, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, ZERO_SALT, Buffer.from(label, 'utf8'), 32));
}

/**
 * The hall server's vault, with Node's own crypto: the same AES-GCM-256 and HMAC-SHA-256, the same keys (HKDF from
 * the key file's secrets, as `keysFromSecrets` derives them) and the same sealed format as the engine's `KeyVault`,
 * so either opens what the other sealed — without WebCrypto's round trip to Node's thread pool on every row.
 */
export class NodeVault implements Vault {
  readonly canOpen = true;
  readonly currentKeyId: string;
  readonly #data: ReadonlyMap<string, Buffer>;
  readonly #index: Buffer;

  /** @param keys the hall's keys, the current one first. */
  constructor(keys: readonly HallKey[]) {
    const first = keys[0];
    if (!first) throw new Error('vault: no key');
    this.currentKeyId = first.id;
    this.#data = new Map(keys.map((key) => [key.id, derive(key.secret, KEY_LABELS.data)]));
    this.#index = derive(first.secret, KEY_LABELS.index);
  }

  #seal(plain: Buffer, context: string): { iv: Buffer; sealed: Buffer } {
    const iv = randomIv();
    const cipher = createCipheriv('aes-256-gcm', this.#data.get(this.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const sealed = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return { iv, sealed };
  }

  #open(keyId: string, iv: Uint8Array, sealed: Uint8Array, context: string): Buffer {
    const key = this.#data.get(keyId);
    if (!key) throw new SealError(`no key ${keyId} in this vault`);
    if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES) throw new SealError('not a sealed value');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new SealError(`sealed value does not open for ${context.split(':')[0]}`);
    }
  }

  async seal(value: unknown, context: string): Promise<string> {
    const { iv, sealed } = this.#seal(Buffer.from(JSON.stringify(value), 'utf8'), context);
    return `${this.currentKeyId}.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
  }

  async open<T>(sealed: string, context: string): Promise<T> {
    const parts = typeof sealed === 'string' ? sealed.split('.') : [];
    if (parts.length !== 3)
      throw new SealError(parts[0] === 'r' ? 'no rating key in this vault' : 'not a sealed value');
    const plain = this.#open(
      parts[0]!,
      Buffer.from(parts[1]!, 'base64url'),
      Buffer.from(parts[2]!, 'base64url'),
      context,
    );
    return JSON.parse(plain.toString('utf8')) as T;
  }

  async sealBytes(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>, context: string): Promise<Uint8Array<ArrayBuffer>> {
    const { iv, sealed } = this.#seal(
      Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)),
      context,
    );
    return frameSealedBytes(this.currentKeyId, iv, sealed);
  }

  async openBytes(sealed: Uint8Array<ArrayBuffer>, context: string): Promise<ArrayBuffer> {
    const { keyId, iv, data } = unframeSealedBytes(Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength));
    const plain = this.#open(keyId, iv, data, context);
    return plain.buffer.slice(plain.byteOffset, plain.byteOffset + plain.byteLength) as ArrayBuffer;
  }

  async index(value: string): Promise<string> {
    return createHmac('sha256', this.#index).update(value, 'utf8').digest('hex');
  }
}
