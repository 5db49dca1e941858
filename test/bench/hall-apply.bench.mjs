// `hall.apply`, measured in Node: one `case.save` through the hall engine on SQLite (the hall server's own storage
// adapter and secrets, personal fields sealed), beside the least work such a save must do on the same database
// layout: a raw better-sqlite3 insert of the very rows the engine wrote (the case row, its mutation row, its event
// row), sealed beforehand, in one transaction.
//
// Needs the hall server built (`node apps/hall-server/scripts/build.mjs`): it uses its `SqliteStorage`,
// `NodeSecrets`, `HallEngine` and `demoHallSeed` from apps/hall-server/dist/index.js.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { percentileMs } from './percentile.mjs';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
/** The tables one `case.save` of a new case writes a row to. */
const TABLES = ['cases', 'mutations', 'events'];

/** The hall-client test fixtures (`makeCase`, `saveCase`: TypeScript), bundled for Node into `dir`. */
async function fixtures(dir) {
  const bundle = await build({
    stdin: {
      contents: "export { makeCase, saveCase } from './packages/hall-client/test/support/fixtures.ts';",
      resolveDir: REPO_ROOT,
      sourcefile: 'hall-apply-fixtures.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['yc-source'],
    write: false,
    logLevel: 'warning',
  });
  const file = join(dir, 'fixtures.mjs');
  writeFileSync(file, bundle.outputFiles[0].text);
  return import(pathToFileURL(file).href);
}

/**
 * Runs `rounds` calls of `engine.sync(caller, { mutations: [one new case] })` after `warmUp` of them, each timed from
 * the call to its answer (the case applied, committed); then the baseline: the same rows, read back from the engine's
 * database, inserted with prepared statements into a fresh database whose `cases`, `mutations` and `events` tables
 * and indexes are the adapter's own (the same CREATE statements), each save's three rows in one IMMEDIATE
 * transaction, timed the same way. Both databases: WAL, `synchronous` as given (the same for both), on disk in
 * the system's temporary folder.
 *
 * @param {object} [options]
 * @param {number} [options.rounds]
 * @param {number} [options.warmUp]
 * @param {'FULL' | 'NORMAL'} [options.synchronous]
 * @returns {Promise<Record<string, number>>}
 */
export async function hallApply({ rounds = 1000, warmUp = 100, synchronous = 'NORMAL' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'yichuang-bench-apply-'));
  const server = await import(pathToFileURL(join(REPO_ROOT, 'apps/hall-server/dist/index.js')).href);
  const { HallEngine, SqliteStorage, NodeSecrets, demoHallSeed, parseKeys, newKeyLine } = server;
  const Database = createRequire(join(REPO_ROOT, 'apps/hall-server/package.json'))('better-sqlite3');
  const { makeCase, saveCase } = await fixtures(dir);
  try {
    // ---- through the engine ----
    const engineFile = join(dir, 'hall.sqlite');
    const engine = await HallEngine.open({
      storage: new SqliteStorage(engineFile, { synchronous }),
      // A fresh key, as a hall server makes on first start; cheap password hashes for the seed's accounts.
      secrets: await NodeSecrets.open(parseKeys(newKeyLine('bench'), 'bench key'), 10),
    });
    const samples = [];
    const ids = [];
    try {
      await engine.seed(await demoHallSeed());
      const session = await engine.login(
        { user: 'clerk01', password: 'yichuang-demo', window: '01' },
        { locale: 'zh-CN' },
      );
      const caller = await engine.authenticate(session.token, 'sync', 'zh-CN');
      for (let i = 0; i < warmUp + rounds; i++) {
        const mutation = saveCase(makeCase());
        const start = performance.now();
        const { results } = await engine.sync(caller, { mutations: [mutation] });
        const elapsed = performance.now() - start;
        if (results[0]?.status !== 'applied') {
          throw new Error(`hall.apply: the engine answered ${JSON.stringify(results[0])}`);
        }
        ids.push(mutation.payload.id);
        if (i >= warmUp) samples.push(elapsed);
      }
    } finally {
      await engine.close();
    }

    // ---- the baseline: the same sealed rows, inserted raw ----
    const source = new Database(engineFile, { readonly: true });
    let rows;
    let layout;
    /** The columns of each table, in order. */
    let columns;
    let sealedBytes;
    try {
      layout = source
        .prepare(
          `SELECT sql FROM sqlite_master WHERE tbl_name IN (${TABLES.map(() => '?').join(', ')}) AND sql IS NOT NULL
           ORDER BY type DESC, name`,
        )
        .all(...TABLES)
        .map((row) => row.sql);
      const columnsOf = (table) =>
        source
          .prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid')
          .all(table)
          .map((row) => row.name);
      columns = Object.fromEntries(TABLES.map((table) => [table, columnsOf(table)]));
      const select = (table, where) =>
        source.prepare(`SELECT ${columns[table].map((c) => `"${c}"`).join(', ')} FROM "${table}" WHERE ${where}`);
      const caseRow = select('cases', 'k = ?');
      const mutationRow = select('mutations', 'k = ?');
      // The event log's key is given by the storage: the baseline leaves it to SQLite too.
      const events = new Map(
        source
          .prepare(
            "SELECT json_extract(doc, '$.data.caseId') AS caseId, doc FROM events WHERE json_extract(doc, '$.type') = 'case.saved'",
          )
          .all()
          .map((row) => [row.caseId, { doc: row.doc }]),
      );
      rows = ids.map((caseId) => {
        const stored = caseRow.get(caseId);
        const mutation = stored && mutationRow.get(JSON.parse(stored.doc).mutation);
        const event = events.get(caseId);
        if (!stored || !mutation || !event || JSON.parse(mutation.doc).kind !== 'case.save') {
          throw new Error(`hall.apply: the rows of case ${caseId} are not all in the engine's database`);
        }
        return { cases: stored, mutations: mutation, events: event };
      });
      sealedBytes = JSON.stringify(rows[0].cases).length;
      if (!/"sealed":"[^"]+\.[^"]+\.[^"]+"/.test(rows[0].cases.doc)) {
        throw new Error('hall.apply: the case row holds no sealed personal fields');
      }
    } finally {
      source.close();
    }

    const rawFile = join(dir, 'raw.sqlite');
    const raw = new Database(rawFile);
    const baseline = [];
    try {
      raw.pragma('journal_mode = WAL');
      raw.pragma(`synchronous = ${synchronous}`);
      for (const sql of layout) raw.exec(sql);
      const insert = (table, names) =>
        raw.prepare(
          `INSERT INTO "${table}" (${names.map((c) => `"${c}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
        );
      const statements = {
        cases: insert('cases', columns.cases),
        mutations: insert('mutations', columns.mutations),
        events: insert('events', ['doc']),
      };
      const save = raw.transaction((row) => {
        statements.cases.run(...columns.cases.map((c) => row.cases[c]));
        statements.mutations.run(...columns.mutations.map((c) => row.mutations[c]));
        statements.events.run(row.events.doc);
      });
      for (const [i, row] of rows.entries()) {
        const start = performance.now();
        save.immediate(row);
        const elapsed = performance.now() - start;
        if (i >= warmUp) baseline.push(elapsed);
      }
      const n = (table) => raw.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get().n;
      if (TABLES.some((table) => n(table) !== rows.length)) throw new Error('hall.apply: the baseline lost rows');
    } finally {
      raw.close();
    }

    return {
      'hall.apply.p50_ms': percentileMs(samples, 50),
      'hall.apply.p95_ms': percentileMs(samples, 95),
      'hall.apply.baseline_p50_ms': percentileMs(baseline, 50),
      'hall.apply.baseline_p95_ms': percentileMs(baseline, 95),
      'hall.apply.count': rounds,
      'hall.apply.case_row_bytes': sealedBytes,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
