import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  PRIMARY_KEY,
  driveSync,
  indexFields,
  type HallStoragePort,
  type KeyValue,
  type QueryOptions,
  type StorageOp,
  type StorageSchema,
  type TableShape,
  type TxBody,
  type TxMode,
} from '@yichuang/hall';

/** Options of {@link SqliteStorage}. */
export interface SqliteStorageOptions {
  /**
   * `PRAGMA synchronous`: `FULL` (default) syncs the write-ahead log on every commit, so what the hall confirmed
   * survives a power cut; `NORMAL` survives a crash of the process but not of the machine.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

/** `user_version` of a file laid out by the engine's storage: this plus the layout's version (the first server's was 1 or 2). */
const LAYOUT_BASE = 1000;

/** Names SQLite accepts unquoted and we generate from: table and field names of the engine's specs. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function quoted(name: string): string {
  if (!NAME.test(name)) throw new Error(`storage: "${name}" is not a usable table or field name`);
  return `"${name}"`;
}

/** How one table is laid out: the key column `k`, one column per indexed field, the rest of the row in `doc`. */
interface Layout {
  spec: TableShape;
  table: string;
  /** Indexed fields other than the key, each a column. */
  columns: string[];
  statements: Map<string, Database.Statement>;
}

/** A SQLite value of a row field: strings and numbers as they are, anything else NULL (not indexed). */
function columnValue(value: unknown): KeyValue | null {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) ? value : null;
}

/**
 * The hall's storage in one SQLite file (better-sqlite3): write-ahead log, one table per engine table with a key
 * column, one column per indexed field and the row as JSON text. better-sqlite3 is synchronous: a transaction body
 * runs to its end inside `db.transaction()` with no other request interleaving (one writer; auto-increment keys
 * committed in order). The database and its companion files are created readable by the server's user only.
 */
export class SqliteStorage implements HallStoragePort {
  readonly kind = 'sqlite';
  readonly #db: Database.Database;
  readonly #layouts = new Map<string, Layout>();
  /** One better-sqlite3 transaction function for every write (making one per call costs more than the write). */
  readonly #writer: Database.Transaction<(body: () => TxBody<unknown>) => unknown>;
  #closed = false;

  /**
   * Opens (creating if needed) the database at `file` (`:memory:` for tests).
   *
   * @throws Error if the file cannot be opened, or belongs to a hall server of another generation (see `open`).
   */
  constructor(
    readonly file: string,
    options: SqliteStorageOptions = {},
  ) {
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      // Created by us first, owner-only, so the database never exists with wider permissions; the WAL and shared
      // memory files SQLite creates beside it take the database file's permissions.
      if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
      chmodSync(file, 0o600);
    }
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.#db.pragma('busy_timeout = 5000');
    // What a transaction deletes or replaces is overwritten with zeros where that costs no extra writes (`FAST`); after
    // a key rotation, `compact()` rebuilds the file, so no copy sealed under the old key is left anywhere.
    this.#db.pragma('secure_delete = FAST');
    this.#refuseFirstGeneration();
    this.#writer = this.#db.transaction((body: () => TxBody<unknown>) => driveSync(body(), (op) => this.#answer(op)));
  }

  /** Refuses a file the first hall server wrote (its own tables, personal data in the clear): left as it is. */
  #refuseFirstGeneration(): void {
    const legacy = this.#db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases' AND sql LIKE '%created_day%'")
      .get();
    if (!legacy) return;
    const version = this.#db.pragma('user_version', { simple: true });
    this.#db.close();
    this.#closed = true;
    throw new Error(
      `${this.file} was written by the first hall server (schema ${version}), whose tables this server does not ` +
        'read. Move the data folder aside (or set DATA_DIR to a new one) and start again; the demo hall is seeded anew.',
    );
  }

  open(schema: StorageSchema): Promise<void> {
    return this.#run(() => {
      // `user_version` names the engine layout the file holds (LAYOUT_BASE + its version): a file of a newer server
      // is refused rather than read with tables this one does not know.
      const held = this.#db.pragma('user_version', { simple: true }) as number;
      if (held > LAYOUT_BASE + schema.version) {
        throw new Error(
          `${this.file} was written by a newer hall server (layout ${held - LAYOUT_BASE}, this one knows ${schema.version}): upgrade the server`,
        );
      }
      this.#db.transaction(() => {
        for (const spec of schema.tables) this.#layOut(spec);
        if (held !== LAYOUT_BASE + schema.version) this.#db.pragma(`user_version = ${LAYOUT_BASE + schema.version}`);
      })();
    });
  }

  /** Creates the table of `spec` (or adds the columns and indexes it lacks) and prepares its layout. */
  #layOut(spec: TableShape): void {
    const table = quoted(spec.name);
    const columns = [
      ...new Set(Object.values(spec.indexes ?? {}).flatMap((fields) => fields.filter((f) => f !== spec.key))),
    ];
    const key = spec.autoIncrement ? 'k INTEGER PRIMARY KEY AUTOINCREMENT' : 'k ANY PRIMARY KEY NOT NULL';
    this.#db.exec(
      `CREATE TABLE IF NOT EXISTS ${table} (${[key, ...columns.map((c) => `${quoted(c)} ANY`), 'doc TEXT NOT NULL'].join(', ')}) STRICT`,
    );
    const present = new Set(
      (this.#db.prepare(`SELECT name FROM pragma_table_info(?)`).all(spec.name) as { name: string }[]).map(
        (row) => row.name,
      ),
    );
    for (const column of columns) {
      if (present.has(column)) continue;
      this.#db.exec(`ALTER TABLE ${table} ADD COLUMN ${quoted(column)} ANY`);
      this.#db.prepare(`UPDATE ${table} SET ${quoted(column)} = json_extract(doc, ?)`).run(`$.${column}`);
    }
    for (const [name, fields] of Object.entries(spec.indexes ?? {})) {
      const unique = spec.unique?.includes(name) ?? false;
      const list = fields.map((f) => (f === spec.key ? 'k' : quoted(f)));
      this.#db.exec(
        `CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${quoted(`${spec.name}__${name}`)} ON ${table} (${[
          ...list,
          ...(unique ? [] : ['k']),
        ].join(', ')})`,
      );
    }
    this.#layouts.set(spec.name, { spec, table, columns, statements: new Map() });
  }

  transact<T>(mode: TxMode, body: () => TxBody<T>): Promise<T> {
    return this.#run(() => {
      // A read needs no BEGIN and COMMIT here: the body runs synchronously to its end, and this process is the only
      // writer, so nothing can change between two of its statements. It may not write.
      if (mode === 'read') {
        return driveSync(body(), (op) => {
          if (op.op === 'put' || op.op === 'add' || op.op === 'delete') {
            throw new Error(`storage: a read transaction may not write (${op.op} on ${op.table.name})`);
          }
          return this.#answer(op);
        });
      }
      return this.#writer.immediate(body) as T;
    });
  }

  watch(): () => void {
    // One process writes this file: the engine tells its own listeners; there is no one else to hear from.
    return () => {};
  }

  announce(): void {}

  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#db.close();
    }
    return Promise.resolve();
  }

  /** Runs `work` unless closed, as a promise (resolved or rejected, never a synchronous throw). */
  #run<T>(work: () => T): Promise<T> {
    try {
      if (this.#closed) throw new Error('storage: the hall database is closed');
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #layout(spec: TableShape): Layout {
    const layout = this.#layouts.get(spec.name);
    if (!layout) throw new Error(`storage: table ${spec.name} was not declared when the storage was opened`);
    return layout;
  }

  #statement(layout: Layout, id: string, sql: () => string): Database.Statement {
    let statement = layout.statements.get(id);
    if (!statement) {
      statement = this.#db.prepare(sql());
      layout.statements.set(id, statement);
    }
    return statement;
  }

  #row(layout: Layout, record: { k: KeyValue; doc: string }): object {
    return { ...(JSON.parse(record.doc) as object), [layout.spec.key]: record.k };
  }

  #answer(op: StorageOp): unknown {
    const layout = this.#layout(op.table);
    const { table, columns, spec } = layout;
    switch (op.op) {
      case 'get': {
        const record = this.#statement(layout, 'get', () => `SELECT k, doc FROM ${table} WHERE k = ?`).get(op.key) as
          { k: KeyValue; doc: string } | undefined;
        return record && this.#row(layout, record);
      }
      case 'put':
      case 'add': {
        const row = op.row as Record<string, unknown>;
        const { [spec.key]: keyValue, ...rest } = row;
        const values = columns.map((c) => columnValue(row[c]));
        const doc = JSON.stringify(rest);
        if (op.op === 'add' && spec.autoIncrement && keyValue === undefined) {
          const info = this.#statement(
            layout,
            'add-auto',
            () =>
              `INSERT INTO ${table} (${[...columns.map(quoted), 'doc'].join(', ')}) VALUES (${[...columns, 'doc'].map(() => '?').join(', ')})`,
          ).run(...values, doc);
          return Number(info.lastInsertRowid);
        }
        const key = columnValue(keyValue);
        if (key === null) throw new Error(`storage: a row of ${spec.name} without a usable key ${spec.key}`);
        this.#statement(layout, op.op, () => {
          const names = ['k', ...columns.map(quoted), 'doc'];
          const insert = `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
          return op.op === 'add'
            ? insert
            : `${insert} ON CONFLICT (k) DO UPDATE SET ${names
                .slice(1)
                .map((n) => `${n} = excluded.${n}`)
                .join(', ')}`;
        }).run(key, ...values, doc);
        return key;
      }
      case 'delete':
        this.#statement(layout, 'delete', () => `DELETE FROM ${table} WHERE k = ?`).run(op.key);
        return undefined;
      case 'query':
      case 'count': {
        const { options } = op;
        const equals = options.equals ?? [];
        // One statement per shape of query (index, how many fields fixed, which bounds, direction, limit).
        const shape = `${op.op}:${op.index}:${equals.length}:${options.after !== undefined}:${options.before !== undefined}:${options.reverse === true}:${options.limit !== undefined}`;
        const statement = this.#statement(layout, shape, () => {
          const { where, order } = this.#selection(spec, op.index, options);
          return op.op === 'count'
            ? `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`
            : `SELECT k, doc FROM ${table} WHERE ${where} ORDER BY ${order}${options.limit === undefined ? '' : ' LIMIT ?'}`;
        });
        const params: KeyValue[] = [...equals];
        if (options.after !== undefined) params.push(options.after);
        if (options.before !== undefined) params.push(options.before);
        if (op.op === 'count') return (statement.get(...params) as { n: number }).n;
        if (options.limit !== undefined) params.push(options.limit);
        return (statement.all(...params) as { k: KeyValue; doc: string }[]).map((record) => this.#row(layout, record));
      }
    }
  }

  /** The WHERE clause (its parameters: the fixed values, then the bounds) and the ORDER BY of a query through an index. */
  #selection(spec: TableShape, index: string, options: QueryOptions): { where: string; order: string } {
    const fields = indexFields(spec, index).map((f) => (f === spec.key ? 'k' : quoted(f)));
    const equals = options.equals ?? [];
    if (equals.length > fields.length) throw new Error(`storage: too many values for index ${index} of ${spec.name}`);
    // A row without a value for an indexed field is not in the index (as in IndexedDB).
    const clauses = fields.map((f) => `${f} IS NOT NULL`);
    equals.forEach((_value, i) => clauses.push(`${fields[i]} = ?`));
    const next = fields[equals.length] ?? (index === PRIMARY_KEY ? undefined : 'k');
    if (options.after !== undefined || options.before !== undefined) {
      if (!next) throw new Error(`storage: no field left in index ${index} of ${spec.name} for a range`);
      if (options.after !== undefined) clauses.push(`${next} > ?`);
      if (options.before !== undefined) clauses.push(`${next} < ?`);
    }
    const direction = options.reverse ? ' DESC' : '';
    const orderFields = [...new Set([...fields.slice(equals.length), 'k'])];
    return { where: clauses.join(' AND '), order: orderFields.map((f) => `${f}${direction}`).join(', ') };
  }

  /**
   * Leaves no copy of what was replaced anywhere in the file: rebuilds the database (`VACUUM`, which writes only live
   * rows) and empties the write-ahead log. Run after a key rotation sealed rows again, so that nothing sealed under
   * the old key survives in free pages or the log.
   */
  compact(): void {
    if (this.#closed) return;
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
    this.#db.exec('VACUUM');
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Rows per table (nothing personal): for tests and operators. */
  counts(): Record<string, number> {
    return Object.fromEntries(
      [...this.#layouts.values()].map((layout) => [
        layout.spec.name,
        (this.#db.prepare(`SELECT COUNT(*) AS n FROM ${layout.table}`).get() as { n: number }).n,
      ]),
    );
  }
}
