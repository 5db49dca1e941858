// The storage port's conformance suite (packages/hall/test/conformance/storage-port.ts, the rules every adapter of
// HallStoragePort keeps), run against the SQLite adapter the server uses: the suite and SqliteStorage are bundled
// from their TypeScript sources with esbuild, and driven by node:test and node:assert/strict, on fresh databases in
// memory and in files (write-ahead log, as the server opens them).
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { PACKAGE_DIR, REPO_ROOT } from '../test-support/hall.mjs';

const require = createRequire(import.meta.url);
const work = await mkdtemp(join(tmpdir(), 'yc-hall-conformance-'));
after(() => rm(work, { recursive: true, force: true }));

const entry = [
  `export { storageConformance } from ${JSON.stringify(join(REPO_ROOT, 'packages/hall/test/conformance/storage-port.ts'))};`,
  `export { SqliteStorage } from ${JSON.stringify(join(PACKAGE_DIR, 'src/storage/sqlite-storage.ts'))};`,
].join('\n');
const bundled = await build({
  stdin: { contents: entry, resolveDir: PACKAGE_DIR, sourcefile: 'storage-conformance-entry.mjs', loader: 'js' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['yc-source'],
  external: ['better-sqlite3'],
  write: false,
  logLevel: 'silent',
});
// The bundle lives in a temporary folder, where `better-sqlite3` does not resolve: it imports the server's copy.
const betterSqlite = JSON.stringify(pathToFileURL(require.resolve('better-sqlite3')).href);
const code = bundled.outputFiles[0].text.replaceAll('"better-sqlite3"', betterSqlite);
assert.ok(code.includes(betterSqlite), 'the bundle imports better-sqlite3');
const file = join(work, 'storage-conformance.bundle.mjs');
await writeFile(file, code);
const { storageConformance, SqliteStorage } = await import(pathToFileURL(file).href);

const runner = { describe, it, beforeEach, afterEach };
const check = { equal: assert.equal, deepEqual: assert.deepEqual, ok: assert.ok };

storageConformance('SQLite (better-sqlite3), in memory', async () => new SqliteStorage(':memory:'), runner, check);

let files = 0;
storageConformance(
  'SQLite (better-sqlite3), a file with its write-ahead log',
  async () => new SqliteStorage(join(work, `hall-${++files}.sqlite`)),
  runner,
  check,
);
