/**
 * The one way the hall engine reaches its storage: tables declared as data, and transactions whose bodies are
 * generators that yield storage operations and nothing else.
 *
 * Why generators: a transaction body must never wait on anything but the storage. better-sqlite3 runs a
 * transaction synchronously; IndexedDB commits a transaction as soon as the code awaits something that is not one
 * of its requests (WebCrypto, a timer, `fetch`). A body written as a generator can only `yield` operations: the
 * SQLite adapter answers each at once, inside `db.transaction()`; the IndexedDB adapter awaits each Dexie request
 * inside `db.transaction()`; a PostgreSQL adapter would await each query on one client between `BEGIN` and
 * `COMMIT`. Hashing, sealing and validation happen before the transaction opens, by construction.
 *
 * ```ts
 * const saved = await storage.transact('write', function* () {
 *   const stored = yield* get(CASES, id);
 *   if (stored && stored.version !== base) return 'stale';
 *   yield* put(CASES, row);
 *   return 'saved';
 * });
 * ```
 * @module
 */

/** A value a key or an indexed field may hold. */
export type KeyValue = string | number;

/** The shape of any table spec, whatever its rows (what adapters work with). */
export interface TableShape {
  readonly name: string;
  readonly key: string;
  readonly autoIncrement?: boolean;
  readonly indexes?: Readonly<Record<string, readonly string[]>>;
  readonly unique?: readonly string[];
}

/**
 * A table the hall keeps. Rows are plain JSON objects (strings, numbers, booleans, null, arrays, objects: binary
 * data travels as base64 text), so every adapter can store them as they are or as JSON text.
 */
export interface TableSpec<Row extends object = object> extends TableShape {
  readonly name: string;
  /** The field holding the primary key. */
  readonly key: keyof Row & string;
  /** The key is a growing integer the storage gives to a row added without one (the event log). */
  readonly autoIncrement?: boolean;
  /**
   * Secondary indexes by name: each a list of top-level fields of the row (compound when several), whose values
   * are strings or numbers. A row without a value for an indexed field is left out of that index.
   */
  readonly indexes?: Readonly<Record<string, readonly (keyof Row & string)[]>>;
  /** Names of indexes whose values (all their fields together) are unique. */
  readonly unique?: readonly string[];
}

/** Reads rows through an index (or the primary key, `':key'`), in index order. */
export interface QueryOptions {
  /** Values of the index's first fields, in order (a prefix of the index; all of them, or none). */
  readonly equals?: readonly KeyValue[];
  /** Exclusive lower bound of the next field of the index after `equals`. */
  readonly after?: KeyValue;
  /** Exclusive upper bound of the next field of the index after `equals`. */
  readonly before?: KeyValue;
  /** Highest first. */
  readonly reverse?: boolean;
  /** At most this many rows. */
  readonly limit?: number;
}

/** The primary key, used as an index name in {@link QueryOptions}. */
export const PRIMARY_KEY = ':key';

/** The engine's tables, and the version of their layout. */
export interface StorageSchema {
  readonly version: number;
  readonly tables: readonly TableShape[];
}

/** What an instance tells the others of one hall (other processes, tabs): events appended, sessions ended. */
export type StorageNews = { type: 'events' } | { type: 'sessions-ended'; tokenHashes: readonly string[] };

/** One operation a transaction body yields; the adapter answers it. */
export type StorageOp =
  | { readonly op: 'get'; readonly table: TableShape; readonly key: KeyValue }
  | { readonly op: 'put'; readonly table: TableShape; readonly row: object }
  | { readonly op: 'add'; readonly table: TableShape; readonly row: object }
  | { readonly op: 'delete'; readonly table: TableShape; readonly key: KeyValue }
  | { readonly op: 'query'; readonly table: TableShape; readonly index: string; readonly options: QueryOptions }
  | { readonly op: 'count'; readonly table: TableShape; readonly index: string; readonly options: QueryOptions };

/** A transaction body: yields operations, receives their answers, returns its result. */
export type TxBody<T> = Generator<StorageOp, T, unknown>;

/** What a transaction may do. */
export type TxMode = 'read' | 'write';

/**
 * The storage of one hall, as the engine uses it. Implementations: SQLite (better-sqlite3, the hall server),
 * IndexedDB (Dexie, the hall inside one browser). Rules every implementation keeps — the conformance suite
 * (`packages/hall/test/conformance/`) checks each:
 *
 * - {@link transact} runs the whole body in ONE transaction: all of its writes are stored, or none (the body threw,
 *   or the process died). Two write transactions never interleave: each sees the other's writes whole or not at all.
 * - Keys given by {@link TableSpec.autoIncrement} grow strictly and are never reused, and rows become visible in key
 *   order: a reader that has seen key `n` never later meets a key `< n` it has not seen (the event log relies on it).
 * - Query order follows the index fields, then the primary key; `reverse` turns the whole order.
 * - Rows come back equal (deeply) to what was stored.
 * - {@link watch} wakes listeners with what another process, tab or instance announced; {@link announce} tells the
 *   others (events appended, sessions ended).
 */
export interface HallStoragePort {
  /** A short name for health checks and logs: `sqlite`, `indexeddb`. */
  readonly kind: string;
  /**
   * Creates or upgrades the tables; called once by the engine before anything else. `version` grows whenever the
   * engine's tables or indexes change (IndexedDB needs it; SQLite compares the declared layout itself).
   */
  open(schema: StorageSchema): Promise<void>;
  /** Runs `body` in one transaction and resolves what it returns; rejects (storing nothing) if it throws. */
  transact<T>(mode: TxMode, body: () => TxBody<T>): Promise<T>;
  /**
   * Calls `listener` with what another process, tab or instance announced (events appended, sessions ended);
   * returns the unsubscribe function.
   */
  watch(listener: (news: StorageNews) => void): () => void;
  /** Tells the others news of this instance (after the transaction that made it committed). */
  announce(news: StorageNews): void;
  /** Closes the storage; later calls reject. Safe to call twice. */
  close(): Promise<void>;
}

// ---- the operations, as typed steps for `yield*` ----

/** The row of `key`, or `undefined`. */
export function* get<R extends object>(table: TableSpec<R>, key: KeyValue): TxBody<R | undefined> {
  return (yield { op: 'get', table, key }) as R | undefined;
}

/** Stores `row`, replacing the row with the same key. */
export function* put<R extends object>(table: TableSpec<R>, row: R): TxBody<void> {
  yield { op: 'put', table, row };
}

/**
 * Adds `row`; for an auto-increment table, without its key: resolves the key the storage gave it. Adding a key
 * that exists is a bug of the caller: the transaction fails.
 */
export function* add<R extends object>(table: TableSpec<R>, row: R | Omit<R, TableSpec<R>['key']>): TxBody<KeyValue> {
  return (yield { op: 'add', table, row }) as KeyValue;
}

/** Removes the row of `key` (nothing if there is none). */
export function* remove<R extends object>(table: TableSpec<R>, key: KeyValue): TxBody<void> {
  yield { op: 'delete', table, key };
}

/** Rows through an index ({@link PRIMARY_KEY} for the key), in index order. */
export function* query<R extends object>(table: TableSpec<R>, index: string, options: QueryOptions = {}): TxBody<R[]> {
  return (yield { op: 'query', table, index, options }) as R[];
}

/** The first row through an index, or `undefined`. */
export function* first<R extends object>(
  table: TableSpec<R>,
  index: string,
  options: QueryOptions = {},
): TxBody<R | undefined> {
  const rows = yield* query(table, index, { ...options, limit: 1 });
  return rows[0];
}

/** How many rows an index holds within `options` (`limit` and `reverse` do not apply). */
export function* count<R extends object>(
  table: TableSpec<R>,
  index: string = PRIMARY_KEY,
  options: QueryOptions = {},
): TxBody<number> {
  return (yield { op: 'count', table, index, options }) as number;
}

/** The fields of an index of a table (the key field for {@link PRIMARY_KEY}). */
export function indexFields(table: TableShape, index: string): readonly string[] {
  if (index === PRIMARY_KEY) return [table.key];
  const fields = table.indexes?.[index];
  if (!fields) throw new Error(`storage: table ${table.name} has no index ${index}`);
  return fields;
}

/**
 * Runs a transaction body against answers given synchronously (the SQLite adapter, tests): each yielded operation is
 * answered by `answer` at once.
 */
export function driveSync<T>(body: TxBody<T>, answer: (op: StorageOp) => unknown): T {
  let step = body.next();
  while (!step.done) step = body.next(answer(step.value));
  return step.value;
}

/**
 * Runs a transaction body against answers that arrive asynchronously (IndexedDB, PostgreSQL): each yielded
 * operation is awaited before the next. `answer` must only return the storage's own promises inside a transaction.
 */
export async function driveAsync<T>(body: TxBody<T>, answer: (op: StorageOp) => PromiseLike<unknown>): Promise<T> {
  let step = body.next();
  while (!step.done) step = body.next(await answer(step.value));
  return step.value;
}
