// Personal data at rest: once cases with applicants are saved and licences looked up, the database file and its
// write-ahead log hold no applicant's name, identity number, phone or address, and no licence holder's name or
// identity number (they are sealed, and found by blind indexes); the data folder, the database, the key file and
// the attachments are readable by the server's user only. The first hall server stored cases and licences as JSON
// in the clear, in files and folders created with the process's umask (0644/0755).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  APPLICANT,
  DEMO_HALL,
  makeCase,
  makeVisit,
  occurrences,
  saveCase,
  saveVisit,
  sha256,
  startHall,
} from '../test-support/hall.mjs';

/** A second applicant, a demo licence holder too. */
const SECOND = {
  kind: 'person',
  name: '周静',
  idType: 'resident-id',
  idNumber: '12010119900101304X',
  phone: '13698765432',
  address: '天津市和平区滨江道200号',
};

/** A person served at the helper desk, and the proxy acting for her. */
const THIRD = {
  kind: 'person',
  name: '孙桂芝',
  idType: 'resident-id',
  idNumber: '11010519491231002X',
  phone: '13511112222',
};
const PROXY = {
  name: '孙建国',
  idType: 'resident-id',
  idNumber: '440524188001010014',
  phone: '13622223333',
  relation: '儿子',
  authorisation: { kind: 'guardian' },
};

describe('personal data at rest', () => {
  it('is in neither the database nor its log, and the files are the server’s user’s only', async (t) => {
    const parent = await mkdtemp(join(tmpdir(), 'yc-hall-at-rest-'));
    // A folder the server creates itself.
    const dataDir = join(parent, 'data');
    const hall = await startHall({ dataDir });
    try {
      const clerk = await hall.login('clerk');
      const scan = Buffer.from('scan of 刘洋’s identity card');
      assert.equal(
        (await hall.call('PUT', `/api/v1/attachments/${sha256(scan)}`, { token: clerk, raw: scan })).status,
        201,
      );
      const first = makeCase({}, [sha256(scan)]);
      // A helper-desk visit: the person, the proxy and the help log's notes are personal too.
      const visit = makeVisit({
        served: { person: { ...THIRD }, contact: 'phone', accompanied: false },
        proxy: PROXY,
        help: [{ kind: 'agency', minutes: 30, at: new Date().toISOString(), note: `为${THIRD.name}代办` }],
      });
      const results = await hall.sync(clerk, [
        saveCase(first),
        saveCase(makeCase({ applicant: { ...SECOND } })),
        saveVisit(visit),
      ]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['applied', 'applied', 'applied'],
        JSON.stringify(results),
      );
      for (const holderId of new Set(DEMO_HALL.licences.map((l) => l.holderId))) {
        const found = await hall.call('POST', '/api/v1/licences/lookup', { token: clerk, body: { holderId } });
        assert.ok(found.body.licences.length > 0, holderId);
      }
      const secrets = [
        ...[APPLICANT, SECOND].flatMap((person) => [person.name, person.idNumber, person.phone, person.address]),
        ...[THIRD, PROXY].flatMap((person) => [person.name, person.idNumber, person.phone]),
        ...DEMO_HALL.licences.flatMap((licence) => [licence.holderName, licence.holderId]),
      ];
      const check = (bytes, when) => {
        // The bytes are the hall's: what it keeps in the clear is there.
        assert.ok(occurrences(bytes, first.number) > 0, `${when}: the case number is in the clear`);
        for (const secret of new Set(secrets)) {
          assert.equal(occurrences(bytes, secret), 0, `${when}: the database holds ${secret}`);
          // Upper- and lower-case forms of an identity number or credit code too.
          assert.equal(occurrences(bytes, secret.toLowerCase()), 0, `${when}: the database holds ${secret}`);
        }
      };
      check(await hall.databaseBytes(), 'the database and its log, running');

      if (process.platform === 'win32') {
        t.diagnostic('file modes are not checked on Windows');
      } else {
        const mode = async (path) => (await stat(path)).mode & 0o777;
        const attachments = join(dataDir, 'attachments');
        const folders = [dataDir, attachments, join(attachments, 'tmp'), join(attachments, sha256(scan).slice(0, 2))];
        for (const folder of folders) assert.equal(await mode(folder), 0o700, `${folder}: 0700`);
        const files = ['hall.sqlite', 'hall.sqlite-wal', 'hall.sqlite-shm', 'hall.key'].map((name) =>
          join(dataDir, name),
        );
        files.push(join(attachments, sha256(scan).slice(0, 2), sha256(scan)));
        for (const file of files) assert.equal(await mode(file), 0o600, `${file}: 0600`);
        const everything = await readdir(dataDir, { recursive: true, withFileTypes: true });
        for (const entry of everything) {
          const path = join(entry.parentPath ?? entry.path, entry.name);
          const bits = await mode(path);
          assert.equal(bits & 0o077, 0, `${path} is open to others: ${bits.toString(8)}`);
        }
      }
    } finally {
      await hall.dispose({ keep: true });
    }
    try {
      // Closed: the log is folded into the database file.
      const closed = await readFile(join(dataDir, 'hall.sqlite'));
      assert.ok(occurrences(closed, 'clerk01') > 0);
      for (const secret of [APPLICANT.name, APPLICANT.idNumber, SECOND.name, SECOND.phone, SECOND.address]) {
        assert.equal(occurrences(closed, secret), 0, `closed: the database holds ${secret}`);
      }
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
