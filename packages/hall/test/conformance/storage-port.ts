/**
 * The storage port's conformance suite: the rules every adapter of `HallStoragePort` keeps (see `storage/port.ts`),
 * run against the IndexedDB adapter in Chromium and the SQLite adapter in Node. Written against a small test
 * interface so that both runners (mocha in the browser, node:test in Node) drive the same tests.
 */
import {
  PRIMARY_KEY,
  add,
  count,
  first,
  get,
  put,
  query,
  remove,
  type HallStoragePort,
  type TableSpec,
} from '../../src/storage/port.js';

/** What the suite needs of a test runner. */
export interface Runner {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
  beforeEach(body: () => Promise<void>): void;
  afterEach(body: () => Promise<void>): void;
}

/** What the suite needs of an assertion library. */
export interface Check {
  equal(actual: unknown, expected: unknown, message?: string): void;
  deepEqual(actual: unknown, expected: unknown, message?: string): void;
  ok(value: unknown, message?: string): void;
}

interface Note {
  id: string;
  day: string;
  kind: string;
  seq: number;
  window?: string;
  body: { text: string; tags: string[]; nested: { n: number; flag: boolean; none: null } };
}
const NOTES: TableSpec<Note> = {
  name: 'notes',
  key: 'id',
  indexes: { daySeq: ['day', 'kind', 'seq'], window: ['window'], seq: ['seq'] },
  unique: ['daySeq'],
};
interface LogRow {
  id?: number;
  type: string;
}
const LOG: TableSpec<LogRow> = { name: 'log', key: 'id', autoIncrement: true };
const SCHEMA = { version: 1, tables: [NOTES, LOG] };

const note = (id: string, day: string, kind: string, seq: number, window?: string): Note => ({
  id,
  day,
  kind,
  seq,
  ...(window === undefined ? {} : { window }),
  body: { text: `笔记 ${id}`, tags: ['甲', 'b'], nested: { n: seq / 2, flag: seq % 2 === 0, none: null } },
});

/**
 * Defines the conformance tests for an adapter.
 *
 * @param label names the adapter in the test titles.
 * @param fresh a new, empty storage each call (not yet opened).
 */
export function storageConformance(
  label: string,
  fresh: () => Promise<HallStoragePort>,
  t: Runner,
  check: Check,
): void {
  t.describe(`storage port conformance — ${label}`, () => {
    let storage: HallStoragePort;
    t.beforeEach(async () => {
      storage = await fresh();
      await storage.open(SCHEMA);
    });
    t.afterEach(async () => {
      await storage.close();
    });

    t.it('gives back rows deeply equal to what was stored, and undefined for a key it does not hold', async () => {
      const row = note('n1', '2026-12-04', 'A', 1, '01');
      await storage.transact('write', () => put(NOTES, row));
      check.deepEqual(await storage.transact('read', () => get(NOTES, 'n1')), row);
      check.equal(await storage.transact('read', () => get(NOTES, 'none')), undefined);
      // Replaced whole by a put: a field left out is gone.
      const { window: _gone, ...without } = row;
      await storage.transact('write', () => put(NOTES, without));
      check.deepEqual(await storage.transact('read', () => get(NOTES, 'n1')), without);
    });

    t.it('stores all of a transaction or none of it', async () => {
      let failed = false;
      try {
        await storage.transact('write', function* () {
          yield* put(NOTES, note('a', 'd', 'A', 1));
          yield* put(NOTES, note('b', 'd', 'A', 2));
          throw new Error('changed my mind');
        });
      } catch {
        failed = true;
      }
      check.ok(failed, 'the transaction rejects');
      check.equal(await storage.transact('read', () => count(NOTES)), 0);
      // A unique index refusing a row fails the transaction whole too.
      await storage.transact('write', () => put(NOTES, note('a', 'd', 'A', 1)));
      failed = false;
      try {
        await storage.transact('write', function* () {
          yield* put(NOTES, note('c', 'd', 'B', 1));
          yield* add(NOTES, note('x', 'd', 'A', 1));
        });
      } catch {
        failed = true;
      }
      check.ok(failed, 'a duplicate in a unique index rejects');
      check.deepEqual(
        (await storage.transact('read', () => query(NOTES, PRIMARY_KEY))).map((n) => n.id),
        ['a'],
      );
    });

    t.it('answers what the transaction wrote before, within it', async () => {
      const seen = await storage.transact('write', function* () {
        yield* put(NOTES, note('a', 'd', 'A', 1));
        const inside = yield* get(NOTES, 'a');
        yield* remove(NOTES, 'a');
        const after = yield* get(NOTES, 'a');
        return [inside?.id, after];
      });
      check.deepEqual(seen, ['a', undefined]);
    });

    t.it('gives auto-increment keys that grow, never reused, in commit order', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push(Number(await storage.transact('write', () => add(LOG, { type: `e${i}` }))));
      check.deepEqual(
        ids.map((id, i) => (i === 0 ? true : id > ids[i - 1]!)),
        ids.map(() => true),
      );
      await storage.transact('write', () => remove(LOG, ids.at(-1)!));
      const next = Number(await storage.transact('write', () => add(LOG, { type: 'after' })));
      check.ok(next > ids.at(-1)!, `key ${next} is not reused after ${ids.at(-1)}`);
      const rows = await storage.transact('read', () => query(LOG, PRIMARY_KEY, { after: ids[1]!, limit: 2 }));
      check.deepEqual(
        rows.map((r) => r.type),
        ['e2', 'e3'],
      );
      check.deepEqual(rows[0], { id: ids[2], type: 'e2' });
    });

    t.it('queries an index by its leading fields and a range of the next, in index order, both ways', async () => {
      await storage.transact('write', function* () {
        for (const [id, day, kind, seq] of [
          ['a', 'd1', 'A', 3],
          ['b', 'd1', 'A', 1],
          ['c', 'd1', 'B', 2],
          ['d', 'd2', 'A', 1],
          ['e', 'd1', 'A', 2],
        ] as const) {
          yield* put(NOTES, note(id, day, kind, seq, id === 'd' ? undefined : '01'));
        }
      });
      const ids = (rows: Note[]) => rows.map((r) => r.id);
      const read = <T>(body: () => Generator<never, T, unknown> | ReturnType<typeof query<Note>>) =>
        storage.transact('read', body as never) as Promise<T>;
      check.deepEqual(ids(await read(() => query(NOTES, 'daySeq', { equals: ['d1', 'A'] }))), ['b', 'e', 'a']);
      check.deepEqual(ids(await read(() => query(NOTES, 'daySeq', { equals: ['d1', 'A'], reverse: true }))), [
        'a',
        'e',
        'b',
      ]);
      check.deepEqual(ids(await read(() => query(NOTES, 'daySeq', { equals: ['d1', 'A'], after: 1 }))), ['e', 'a']);
      check.deepEqual(ids(await read(() => query(NOTES, 'daySeq', { equals: ['d1', 'A'], before: 3 }))), ['b', 'e']);
      check.deepEqual(ids(await read(() => query(NOTES, 'daySeq', { equals: ['d1'] }))), ['b', 'e', 'a', 'c']);
      check.deepEqual(ids(await read(() => query(NOTES, 'daySeq', { equals: ['d1'], after: 'A' }))), ['c']);
      check.deepEqual(ids(await read(() => query(NOTES, 'daySeq', {}))), ['b', 'e', 'a', 'c', 'd']);
      check.deepEqual(ids(await read(() => query(NOTES, 'daySeq', { limit: 2, reverse: true }))), ['d', 'c']);
      check.equal(
        await storage
          .transact('read', () => first(NOTES, 'daySeq', { equals: ['d1', 'A'], reverse: true }))
          .then((r) => r?.id),
        'a',
      );
      check.equal(await storage.transact('read', () => count(NOTES, 'daySeq', { equals: ['d1'] })), 4);
      // Rows without a value for an indexed field are not in that index.
      check.deepEqual(ids(await read(() => query(NOTES, 'window', {}))), ['a', 'b', 'c', 'e']);
      check.equal(await storage.transact('read', () => count(NOTES, 'window', { equals: ['01'] })), 4);
      // One field fixed by equals: a range then applies to the primary key.
      check.deepEqual(ids(await read(() => query(NOTES, 'window', { equals: ['01'], after: 'b' }))), ['c', 'e']);
      check.deepEqual(ids(await read(() => query(NOTES, 'seq', { after: 1, before: 3 }))), ['c', 'e']);
      check.deepEqual(ids(await read(() => query(NOTES, PRIMARY_KEY, { after: 'b', before: 'e' }))), ['c', 'd']);
    });

    t.it('refuses a write in a read transaction, and stores nothing of it', async () => {
      let refused = false;
      try {
        await storage.transact('read', () => put(NOTES, note('r', 'd', 'A', 1)));
      } catch {
        refused = true;
      }
      check.ok(refused, 'a read transaction refuses a put');
      check.equal(await storage.transact('read', () => get(NOTES, 'r')), undefined);
    });

    t.it('serialises write transactions: concurrent increments lose nothing', async () => {
      const COUNTER = 'counter';
      await storage.transact('write', () => put(NOTES, note(COUNTER, 'd', 'Z', 0)));
      await Promise.all(
        Array.from({ length: 20 }, () =>
          storage.transact('write', function* () {
            const row = (yield* get(NOTES, COUNTER))!;
            yield* put(NOTES, { ...row, seq: row.seq + 1 });
          }),
        ),
      );
      check.equal((await storage.transact('read', () => get(NOTES, COUNTER)))?.seq, 20);
    });

    t.it('refuses work after it is closed', async () => {
      await storage.close();
      let refused = false;
      try {
        await storage.transact('read', () => get(NOTES, 'a'));
      } catch {
        refused = true;
      }
      check.ok(refused, 'a closed storage refuses');
      storage = await fresh();
      await storage.open(SCHEMA);
    });
  });
}
