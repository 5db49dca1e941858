/**
 * Sealing records at rest: AES-GCM-256 with a random 96-bit IV per record and the record's table and id as
 * additional data, so a ciphertext moved to another record (or table) fails to open.
 * @module
 */

/** A value encrypted at rest. `key` names the clerk key that sealed it (see {@link KeyringRow.keyId}). */
export interface Sealed {
  /** Id of the data key that sealed it. */
  key: string;
  /** 96-bit random IV. */
  iv: Uint8Array;
  /** Ciphertext and 128-bit tag. */
  data: ArrayBuffer;
}

/** The unlocked data key of one clerk, in memory only. */
export interface DataKey {
  /** The clerk (login name) it belongs to. */
  user: string;
  /** Stable id stored next to every record it seals. */
  keyId: string;
  /** Non-extractable AES-GCM-256 key. */
  key: CryptoKey;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Additional data binding a ciphertext to its place: `yc1|table|id`. */
export function additionalData(table: string, id: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`yc1|${table}|${id}`);
}

/** Encrypts bytes for the record `table`/`id`. */
export async function sealBytes(dataKey: DataKey, table: string, id: string, bytes: BufferSource): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(table, id) },
    dataKey.key,
    bytes,
  );
  return { key: dataKey.keyId, iv, data };
}

/**
 * Decrypts what {@link sealBytes} sealed for the record `table`/`id`.
 *
 * @throws DOMException `OperationError` if the ciphertext was altered or belongs to another record.
 */
export async function openBytes(dataKey: DataKey, table: string, id: string, sealed: Sealed): Promise<ArrayBuffer> {
  return crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.iv as Uint8Array<ArrayBuffer>, additionalData: additionalData(table, id) },
    dataKey.key,
    sealed.data,
  );
}

/** Encrypts a JSON value for the record `table`/`id`. */
export function seal(dataKey: DataKey, table: string, id: string, value: unknown): Promise<Sealed> {
  return sealBytes(dataKey, table, id, encoder.encode(JSON.stringify(value)));
}

/** Decrypts a JSON value sealed by {@link seal}. */
export async function unseal<T>(dataKey: DataKey, table: string, id: string, sealed: Sealed): Promise<T> {
  return JSON.parse(decoder.decode(await openBytes(dataKey, table, id, sealed))) as T;
}

/** Lower-case hex of bytes. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = '';
  for (const byte of view) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** SHA-256 of bytes, lower-case hex (how attachments are named). */
export async function sha256Hex(bytes: BufferSource): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', bytes));
}
