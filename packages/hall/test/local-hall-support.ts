/**
 * Helpers of the tests of the hall inside one browser (`LocalHallClient`): fresh halls and their tabs, the raw
 * IndexedDB databases as someone holding a copy of them sees them, and what a secret opens in such a copy.
 *
 * The raw helpers use IndexedDB and WebCrypto only, never the hall's code, except `fromBase64Url` (plain base64url)
 * and `KeyVault` to open a rating sealed for the rating key once the attacker has that key.
 */
import { HallEngine, KeyVault, fromBase64Url, importRatingKey } from '@yichuang/hall';
import { IndexedDbStorage, LocalHallClient, LocalSecrets, type LocalHallClientOptions } from '@yichuang/hall/local.js';
import { LOGINS, type Who } from '../../hall-client/test/support/fixtures.js';

// ---- halls and tabs ----

/** Every database these tests make starts with this (see {@link testDatabasesLeft}). */
export const TEST_DATABASE_PREFIX = 'yichuang-hall-test-';

/** PBKDF2 iterations of the test halls: cheap, for speed (the default is 310,000). */
export const TEST_ITERATIONS = 1000;

let halls = 0;

/** A database name no other test uses. */
export function testDatabaseName(label = 'hall'): string {
  return `${TEST_DATABASE_PREFIX}${label}-${Date.now()}-${++halls}`;
}

/**
 * A fresh local hall: its own database, seeded with the demo hall. Each `client()` is a separate instance with its
 * own engine, database connection and channel, as a second browser tab would be.
 */
export async function freshLocalHall(options: Partial<LocalHallClientOptions> = {}) {
  const databaseName = testDatabaseName();
  const open: LocalHallClient[] = [];
  const engines: HallEngine[] = [];
  const client = (overrides: Partial<LocalHallClientOptions> = {}) => {
    const instance = new LocalHallClient({
      hall: 'TJHP01',
      databaseName,
      iterations: TEST_ITERATIONS,
      ...options,
      ...overrides,
    });
    open.push(instance);
    return instance;
  };
  await client().seedDemo();
  return {
    databaseName,
    /** A new tab, logged out (with options of its own, if given). */
    client,
    /** A new tab logged in as `who`; a clerk takes the window over from an earlier tab. */
    async as(who: Who) {
      const instance = client();
      const login = LOGINS[who];
      await instance.login('user' in login ? { ...login, takeOver: true } : login);
      return instance;
    },
    /**
     * The bare hall engine of another tab on the same database, for what the client's routes do not do (a tab that
     * shares another tab's session, as an app keeping its token for all its tabs would).
     */
    async engine() {
      const engine = await HallEngine.open({
        storage: new IndexedDbStorage(databaseName),
        secrets: new LocalSecrets(TEST_ITERATIONS),
        ...(options.now ? { now: options.now } : {}),
        ...(options.limits ? { limits: options.limits } : {}),
      });
      engines.push(engine);
      return engine;
    },
    async dispose() {
      for (const instance of open) instance.close();
      for (const engine of engines) await engine.close();
      await LocalHallClient.deleteHall(databaseName);
    },
  };
}

export type LocalHall = Awaited<ReturnType<typeof freshLocalHall>>;

/** A hall with a clock the test moves: `now` starts at the real time (cases and ratings are stamped with it). */
export async function hallWithClock(options: Partial<LocalHallClientOptions> = {}) {
  const clock = { now: Date.now() };
  const hall = await freshLocalHall({ ...options, now: () => clock.now });
  return { hall, clock };
}

/** The test databases still in this browser (a test that forgot to delete its hall leaves some). */
export async function testDatabasesLeft(): Promise<string[]> {
  return (await indexedDB.databases())
    .map((database) => database.name ?? '')
    .filter((name) => name.startsWith(TEST_DATABASE_PREFIX));
}

export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds, or fails after `ms`. */
export async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await wait(10);
  }
}

/** A file of `text` and its SHA-256 name. */
export async function fileOf(text: string): Promise<{ file: Blob; sha256: string }> {
  const file = new Blob([text]);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  return { file, sha256: [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('') };
}

// ---- the raw databases ----

/** Rows by object store. */
export type RawRows = Record<string, Record<string, unknown>[]>;

/** A copy of a local hall as it lies in the browser: its database and its files database, read raw. */
export interface RawCopy {
  stores: RawRows;
  files: { sha256: string; bytes: Uint8Array<ArrayBuffer> }[];
}

/** Opens an IndexedDB database that exists, without a version and without the hall's code. */
function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`cannot open ${name}`));
  });
}

function requested<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Every row of every object store of a database, read raw, by store. */
export async function readStores(name: string): Promise<RawRows> {
  const db = await openRaw(name);
  try {
    const stores: RawRows = {};
    for (const store of Array.from(db.objectStoreNames)) {
      stores[store] = (await requested(db.transaction(store).objectStore(store).getAll())) as Record<string, unknown>[];
    }
    return stores;
  } finally {
    db.close();
  }
}

/** A raw copy of a local hall (both its databases). */
export async function rawCopy(databaseName: string): Promise<RawCopy> {
  const stores = await readStores(databaseName);
  const fileRows = (await readStores(`${databaseName}-files`)).files ?? [];
  const files = await Promise.all(
    fileRows.map(async (row) => ({
      sha256: row.sha256 as string,
      bytes: new Uint8Array(await (row.data as Blob).arrayBuffer()),
    })),
  );
  return { stores, files };
}

/** Everything in a raw copy as text: the rows as JSON, each file's bytes decoded as UTF-8. */
export function textOf(copy: RawCopy): string {
  const decoder = new TextDecoder();
  return [JSON.stringify(copy.stores), ...copy.files.map((file) => decoder.decode(file.bytes))].join('\n');
}

/** One row of a store of a raw copy. */
export function rowOf(copy: RawCopy, store: string, match: (row: Record<string, unknown>) => boolean) {
  const row = copy.stores[store]?.find(match);
  if (!row) throw new Error(`no such row in ${store}`);
  return row;
}

/** Changes rows of one object store in place, raw (as someone with the database on disk could). */
export async function tamper(
  name: string,
  store: string,
  change: (row: Record<string, unknown>) => boolean | void,
): Promise<void> {
  const db = await openRaw(name);
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(store, 'readwrite');
      const cursorRequest = tx.objectStore(store).openCursor();
      cursorRequest.onsuccess = () => {
        const cursor = cursorRequest.result;
        if (!cursor) return;
        const row = cursor.value as Record<string, unknown>;
        if (change(row) !== false) cursor.update(row);
        cursor.continue();
      };
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('tamper failed'));
    });
  } finally {
    db.close();
  }
}

/** The id of the last event in a hall's log, read raw (0 before any): a stream from there misses nothing. */
export async function lastEventId(name: string): Promise<number> {
  const db = await openRaw(name);
  try {
    const cursor = await requested(db.transaction('events').objectStore('events').openCursor(null, 'prev'));
    return typeof cursor?.key === 'number' ? cursor.key : 0;
  } finally {
    db.close();
  }
}

// ---- what a secret opens in a raw copy ----

const encoder = new TextEncoder();

/** PBKDF2-SHA-256 of a secret with a salt (base64url) and an iteration count as the raw rows give them. */
export async function pbkdf2(
  secret: string,
  salt: string,
  iterations: number,
  bits: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'PBKDF2', false, ['deriveBits']);
  const derived = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64Url(salt), iterations },
    base,
    bits,
  );
  return new Uint8Array(derived);
}

/** Lower-case hex of bytes. */
export function hex(bytes: ArrayBuffer | Uint8Array): string {
  return [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Every object nested anywhere in `value`. */
function objectsIn(value: unknown, into: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (value !== null && typeof value === 'object' && !(value instanceof Blob) && !ArrayBuffer.isView(value)) {
    if (!Array.isArray(value)) into.push(value as Record<string, unknown>);
    for (const child of Object.values(value)) objectsIn(child, into);
  }
  return into;
}

/** A sealed value of a raw copy and the place it is bound to (the AES-GCM additional data). */
interface SealedPlace {
  context: string;
  text?: string;
  bytes?: Uint8Array<ArrayBuffer>;
}

/** Every sealed value of a raw copy: cases, licences, ratings, the rating key's private half, files. */
function sealedPlaces(copy: RawCopy): SealedPlace[] {
  const { stores } = copy;
  const places: SealedPlace[] = [];
  for (const row of stores.cases ?? []) places.push({ context: `case:${String(row.id)}`, text: String(row.sealed) });
  for (const row of stores.licences ?? []) {
    places.push({ context: `licence:${String(row.key)}`, text: String(row.sealed) });
  }
  for (const row of stores.ratings ?? []) {
    if (typeof row.sealed === 'string') places.push({ context: `rating:${String(row.id)}`, text: row.sealed });
  }
  const material = stores.settings?.find((row) => row.key === 'secrets')?.value as
    { rating?: { privateKey?: string } } | undefined;
  if (material?.rating?.privateKey) {
    places.push({ context: 'rating-key', bytes: fromBase64Url(material.rating.privateKey) });
  }
  for (const file of copy.files) places.push({ context: `attachment:${file.sha256}`, bytes: file.bytes });
  return places;
}

/** Opens a sealed value with an AES-GCM key, by the documented formats; `undefined` if it does not open. */
async function openWith(key: CryptoKey, place: SealedPlace): Promise<ArrayBuffer | undefined> {
  let iv: Uint8Array<ArrayBuffer>;
  let data: Uint8Array<ArrayBuffer>;
  if (place.text !== undefined) {
    // `<keyId>.<iv>.<ciphertext>`, base64url.
    const parts = place.text.split('.');
    if (parts.length !== 3) return undefined;
    iv = fromBase64Url(parts[1]!);
    data = fromBase64Url(parts[2]!);
  } else {
    // Bytes: the key id's length, the key id, a 12-byte IV, the ciphertext.
    const bytes = place.bytes!;
    const idLength = bytes[0] ?? 0;
    iv = bytes.slice(1 + idLength, 13 + idLength);
    data = bytes.slice(13 + idLength);
  }
  try {
    return await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(place.context) },
      key,
      data,
    );
  } catch {
    return undefined;
  }
}

/**
 * What someone holding `secret` (a password, a device token) and a raw copy of the hall opens. Everything the secret
 * can derive is tried: PBKDF2 with every salt and iteration count in the copy (the people's credentials, the
 * devices' salt), each half of the 512 bits taken as a key-wrapping key for every wrapped key in the copy and as a
 * data key itself; then every key so obtained on every sealed value (and, if the rating key's private half opens,
 * on the ratings sealed for it). Resolves the places opened, as `wrapped:<user>` for a person's wrapped keys and
 * the sealing context (`case:<id>`, `licence:<key>`, `rating-key`, `rating:<id>`, `attachment:<sha256>`) otherwise.
 */
export async function whatOpens(copy: RawCopy, secret: string): Promise<string[]> {
  const objects = objectsIn(copy.stores);
  const opened = new Set<string>();
  const halves: Uint8Array<ArrayBuffer>[] = [];
  for (const salted of objects) {
    if (typeof salted.salt !== 'string' || typeof salted.iterations !== 'number') continue;
    const bits = await pbkdf2(secret, salted.salt, salted.iterations, 512);
    halves.push(bits.slice(0, 32), bits.slice(32));
  }
  const keys: CryptoKey[] = [];
  for (const half of halves) {
    keys.push(await crypto.subtle.importKey('raw', half, 'AES-GCM', false, ['decrypt']));
    const kek = await crypto.subtle.importKey('raw', half, 'AES-KW', false, ['unwrapKey']);
    for (const account of copy.stores.accounts ?? []) {
      const wrapped = (account.credential as { wrapped?: { data?: string; index?: string } } | undefined)?.wrapped;
      if (!wrapped?.data) continue;
      try {
        keys.push(
          await crypto.subtle.unwrapKey('raw', fromBase64Url(wrapped.data), kek, 'AES-KW', 'AES-GCM', false, [
            'decrypt',
          ]),
        );
        opened.add(`wrapped:${String(account.user)}`);
      } catch {
        // Not a key this secret wraps.
      }
    }
  }
  const places = sealedPlaces(copy);
  let ratingKey: ArrayBuffer | undefined;
  for (const place of places) {
    for (const key of keys) {
      const plain = await openWith(key, place);
      if (plain === undefined) continue;
      opened.add(place.context);
      if (place.context === 'rating-key') ratingKey = plain;
      break;
    }
  }
  if (ratingKey) {
    // Ratings a pad sealed for the rating key (`r.<ephemeral key>.<iv>.<ciphertext>`).
    const vault = new KeyVault({
      data: new Map([['x', await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt'])]]),
      current: 'x',
      index: await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
      ratingPrivate: await importRatingKey(ratingKey),
    });
    for (const place of places) {
      if (!place.text?.startsWith('r.')) continue;
      if (
        await vault.open(place.text, place.context).then(
          () => true,
          () => false,
        )
      )
        opened.add(place.context);
    }
  }
  return [...opened].sort();
}
