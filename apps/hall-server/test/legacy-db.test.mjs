// A database written by the first hall server generation (its own tables, cases as JSON in the clear) is refused
// with a message that says what it is and what to do, and left as it was: this server neither reads those tables
// nor writes its own beside them. (The first generation's schema migrations went with it.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_PASSWORD_COST, createHallServer, makeCase, runMain } from '../test-support/hall.mjs';

const Database = createRequire(import.meta.url)('better-sqlite3');

/** The first generation's schema (apps/hall-server/src/storage/sqlite.ts at 696bdab): migrations 1 and 2. */
const FIRST_GENERATION = `
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE windows (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, categories TEXT NOT NULL, position INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE categories (
    code TEXT PRIMARY KEY, letter TEXT NOT NULL, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
    position INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE users (
    user TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('clerk', 'manager')),
    window TEXT, password_hash TEXT NOT NULL
  ) STRICT;
  CREATE TABLE devices (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('kiosk', 'display', 'rating-pad')),
    window TEXT, token_hash TEXT NOT NULL UNIQUE
  ) STRICT;
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY, role TEXT NOT NULL, subject TEXT NOT NULL, name TEXT NOT NULL, hall TEXT NOT NULL,
    window TEXT, created_at TEXT NOT NULL, expires_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX sessions_expiry ON sessions (expires_at);
  CREATE TABLE catalog (version TEXT PRIMARY KEY, published_at TEXT NOT NULL, json TEXT NOT NULL) STRICT;
  CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, at TEXT NOT NULL, data TEXT NOT NULL
  );
  CREATE TABLE mutations (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, applied_at TEXT NOT NULL, event_id INTEGER REFERENCES events (id),
    result TEXT NOT NULL
  ) STRICT;
  CREATE TABLE attachments (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, stored_at TEXT NOT NULL) STRICT;
  CREATE TABLE cases (
    id TEXT PRIMARY KEY, number TEXT NOT NULL UNIQUE, window TEXT NOT NULL, status TEXT NOT NULL,
    created_day TEXT NOT NULL, updated_at TEXT NOT NULL, json TEXT NOT NULL
  ) STRICT;
  CREATE INDEX cases_day ON cases (created_day);
  CREATE TABLE case_attachments (
    case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL REFERENCES attachments (sha256),
    PRIMARY KEY (case_id, sha256)
  ) STRICT;
  CREATE TABLE tickets (
    id TEXT PRIMARY KEY, day TEXT NOT NULL, category TEXT NOT NULL REFERENCES categories (code),
    seq INTEGER NOT NULL, number TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL, window TEXT,
    appointment_ref TEXT, issued_at TEXT NOT NULL, called_at TEXT,
    UNIQUE (day, category, seq)
  ) STRICT;
  CREATE INDEX tickets_day_status ON tickets (day, status);
  CREATE TABLE ratings (
    id TEXT PRIMARY KEY, window TEXT NOT NULL, grade INTEGER NOT NULL, day TEXT NOT NULL, at TEXT NOT NULL,
    json TEXT NOT NULL
  ) STRICT;
  CREATE INDEX ratings_day ON ratings (day);
  CREATE TABLE licences (
    type TEXT NOT NULL, number TEXT NOT NULL, holder_id TEXT NOT NULL, json TEXT NOT NULL,
    PRIMARY KEY (type, number)
  ) STRICT;
  CREATE INDEX licences_holder ON licences (holder_id);
  ALTER TABLE mutations ADD COLUMN content_sha256 TEXT;
`;

/** A first-generation database in `dir`, as its server left it (write-ahead log, schema 2, a case); its bytes. */
function firstGenerationDatabase(dir) {
  const db = new Database(join(dir, 'hall.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec(FIRST_GENERATION);
  db.pragma('user_version = 2');
  const value = makeCase();
  db.prepare("INSERT INTO settings VALUES ('hall', ?)").run(JSON.stringify({ code: 'TJHP01', name: '和平区' }));
  db.prepare('INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    value.id,
    value.number,
    value.window,
    value.status,
    value.createdAt.slice(0, 10),
    value.updatedAt,
    JSON.stringify(value),
  );
  db.close();
}

const digest = async (file) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

/**
 * The tables of a database and its schema version, read without changing it (read-write: a read-only connection
 * would leave the write-ahead log's files behind).
 */
function layout(file) {
  const db = new Database(file, { fileMustExist: true });
  try {
    return {
      tables: db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .all()
        .map((row) => row.name),
      version: db.pragma('user_version', { simple: true }),
    };
  } finally {
    db.close();
  }
}

describe('a database of the first hall server', () => {
  it('is refused with a message saying what it is and what to do, and left untouched', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'yc-hall-legacy-'));
    try {
      firstGenerationDatabase(dataDir);
      const file = join(dataDir, 'hall.sqlite');
      const before = { bytes: await digest(file), ...layout(file) };
      assert.equal(before.version, 2);
      assert.equal(existsSync(join(dataDir, 'hall.sqlite-wal')), false);

      const error = await createHallServer({
        dataDir,
        seed: 'demo',
        listen: false,
        passwordCost: TEST_PASSWORD_COST,
        logLevel: 'silent',
      }).then(
        async (hall) => {
          await hall.close();
          return new Error('the server started');
        },
        (caught) => caught,
      );
      assert.match(error.message, /was written by the first hall server \(schema 2\)/);
      assert.ok(error.message.includes(file), 'names the file');
      assert.match(error.message, /DATA_DIR/, 'says what to do');
      assert.deepEqual({ bytes: await digest(file), ...layout(file) }, before, 'the database is as it was');
      assert.equal(existsSync(join(dataDir, 'hall.sqlite-wal')), false, 'closed, nothing left open');
      assert.equal(existsSync(join(dataDir, 'attachments')), false);

      // The program says the same and exits with 1.
      const { code, output } = await runMain([], { PORT: '0', DATA_DIR: dataDir, HALL_SEED: 'demo' });
      assert.equal(code, 1, output);
      assert.match(output, /hall server failed to start: .*first hall server/);
      assert.deepEqual({ bytes: await digest(file), ...layout(file) }, before, 'still as it was');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
