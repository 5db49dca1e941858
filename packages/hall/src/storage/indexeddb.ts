import { Dexie, cmp, type Collection, type IndexableType, type Table } from 'dexie';
import {
  PRIMARY_KEY,
  driveAsync,
  indexFields,
  type HallStoragePort,
  type KeyValue,
  type QueryOptions,
  type StorageOp,
  type StorageNews,
  type StorageSchema,
  type TableShape,
  type TxBody,
  type TxMode,
} from './port.js';

/** Dexie's key path of an index: `field` or `[a+b]`. */
function keyPath(fields: readonly string[]): string {
  return fields.length === 1 ? fields[0]! : `[${fields.join('+')}]`;
}

/** Dexie's store declaration of a table: the key first, then each index (`&` unique). */
function declaration(spec: TableShape): string {
  const key = spec.autoIncrement ? `++${spec.key}` : spec.key;
  const indexes = Object.entries(spec.indexes ?? {}).map(
    ([name, fields]) => `${spec.unique?.includes(name) ? '&' : ''}${keyPath(fields)}`,
  );
  return [key, ...indexes].join(', ');
}

/**
 * The hall's storage in the browser's IndexedDB (Dexie): one object store per engine table, each index of the
 * spec as an IndexedDB index. A transaction body runs inside one `rw` (or `r`) Dexie transaction over every table,
 * awaiting only Dexie's own requests, so IndexedDB keeps it open to its end; transactions over the same tables are
 * serialised by IndexedDB, across the tabs of the browser too. The tabs of one hall wake each other on a
 * BroadcastChannel named after the database.
 */
export class IndexedDbStorage implements HallStoragePort {
  readonly kind = 'indexeddb';
  readonly #db: Dexie;
  readonly #channelName: string;
  #channel: BroadcastChannel | undefined;
  readonly #listeners = new Set<(news: StorageNews) => void>();
  #specs = new Map<string, TableShape>();
  #closed = false;

  /**
   * @param name the IndexedDB database name (one per hall in this browser).
   * @param channelName the BroadcastChannel linking the tabs of this hall; the database name by default.
   */
  constructor(
    readonly name: string,
    channelName?: string,
  ) {
    this.#db = new Dexie(name);
    this.#channelName = channelName ?? name;
  }

  async open(schema: StorageSchema): Promise<void> {
    this.#db.version(schema.version).stores(Object.fromEntries(schema.tables.map((t) => [t.name, declaration(t)])));
    this.#specs = new Map(schema.tables.map((t) => [t.name, t]));
    await this.#db.open();
  }

  transact<T>(mode: TxMode, body: () => TxBody<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('storage: the hall database is closed'));
    const db = this.#db;
    return db.transaction(mode === 'write' ? 'rw' : 'r', db.tables, () =>
      driveAsync(body(), (op) => this.#answer(op)),
    ) as Promise<T>;
  }

  watch(listener: (news: StorageNews) => void): () => void {
    this.#listeners.add(listener);
    this.#listen();
    return () => {
      this.#listeners.delete(listener);
    };
  }

  announce(news: StorageNews): void {
    if (this.#closed) return;
    this.#listen();
    this.#channel?.postMessage(news);
  }

  close(): Promise<void> {
    this.#closed = true;
    this.#channel?.close();
    this.#channel = undefined;
    this.#listeners.clear();
    this.#db.close();
    return Promise.resolve();
  }

  /** Deletes a hall's database in this browser (every row of it). */
  static async delete(name: string): Promise<void> {
    await Dexie.delete(name);
  }

  #listen(): void {
    if (this.#channel || this.#closed || typeof BroadcastChannel !== 'function') return;
    this.#channel = new BroadcastChannel(this.#channelName);
    this.#channel.onmessage = (message: MessageEvent<StorageNews | null>) => {
      const news = message.data;
      if (news?.type !== 'events' && news?.type !== 'sessions-ended') return;
      for (const listener of [...this.#listeners]) listener(news);
    };
  }

  #table(spec: TableShape): Table<object, IndexableType> {
    if (!this.#specs.has(spec.name)) {
      throw new Error(`storage: table ${spec.name} was not declared when the storage was opened`);
    }
    return this.#db.table(spec.name);
  }

  #answer(op: StorageOp): PromiseLike<unknown> {
    const table = this.#table(op.table);
    switch (op.op) {
      case 'get':
        return table.get(op.key);
      case 'put':
        return table.put(op.row);
      case 'add':
        return table.add(op.row);
      case 'delete':
        return table.delete(op.key);
      case 'query': {
        let collection = this.#collection(table, op.table, op.index, op.options);
        if (op.options.reverse) collection = collection.reverse();
        if (op.options.limit !== undefined) collection = collection.limit(op.options.limit);
        return collection.toArray();
      }
      case 'count':
        return this.#collection(table, op.table, op.index, op.options).count();
    }
  }

  /** The rows of an index within `options`, in index order. */
  #collection(
    table: Table<object, IndexableType>,
    spec: TableShape,
    index: string,
    options: QueryOptions,
  ): Collection<object, IndexableType> {
    const fields = indexFields(spec, index);
    const equals = options.equals ?? [];
    const path = index === PRIMARY_KEY ? ':id' : keyPath(fields);
    const clause = table.where(path);
    const compound = fields.length > 1;
    if (!compound) {
      if (equals.length === 1) {
        // All the index is fixed: a range can only apply to the primary key, in the order IndexedDB keeps.
        const rows = clause.equals(equals[0]!);
        return options.after === undefined && options.before === undefined
          ? rows
          : rows.filter((row) => this.#inKeyRange(spec, row, options));
      }
      if (options.after !== undefined || options.before !== undefined) {
        return clause.between(
          options.after ?? Dexie.minKey,
          options.before ?? Dexie.maxKey,
          options.after === undefined,
          options.before === undefined,
        );
      }
      return table.orderBy(path);
    }
    // Compound: the fixed values, then the range of the next field, then anything.
    const lower: IndexableType[] = [...equals];
    const upper: IndexableType[] = [...equals];
    const rest = fields.length - equals.length;
    if (rest > 0) {
      lower.push(options.after ?? Dexie.minKey);
      upper.push(options.before ?? Dexie.maxKey);
      for (let i = 1; i < rest; i++) {
        lower.push(options.after === undefined ? Dexie.minKey : Dexie.maxKey);
        upper.push(options.before === undefined ? Dexie.maxKey : Dexie.minKey);
      }
    }
    if (rest === 0) {
      const rows = clause.equals(lower as unknown as IndexableType);
      return options.after === undefined && options.before === undefined
        ? rows
        : rows.filter((row) => this.#inKeyRange(spec, row, options));
    }
    // With one field left the bounds are the range itself (exclusive); with more, they pad it (inclusive).
    return clause.between(
      lower,
      upper,
      options.after === undefined || rest > 1,
      options.before === undefined || rest > 1,
    );
  }

  #inKeyRange(spec: TableShape, row: object, options: QueryOptions): boolean {
    const key = (row as Record<string, KeyValue>)[spec.key]!;
    if (options.after !== undefined && !(cmp(key, options.after) > 0)) return false;
    if (options.before !== undefined && !(cmp(key, options.before) < 0)) return false;
    return true;
  }
}
