import { expect } from '@open-wc/testing';
import { DEMO_HALL } from '@yichuang/demo-catalog';
import { LocalHallClient, type LocalHallClientOptions } from '@yichuang/hall/local.js';
import { hallContract } from './contract/hall-contract.js';
import { LOGINS, makeCase, saveCase, sha256Of, type Who } from '../../hall-client/test/support/fixtures.js';

let halls = 0;

/**
 * A fresh local hall: its own database, seeded with the demo hall (cheap password hashing for speed). Each
 * `client()` is a separate instance with its own engine, database connection and channel, as a second tab would be.
 */
export async function freshLocalHall(options: Partial<LocalHallClientOptions> = {}) {
  const databaseName = `yichuang-hall-test-${Date.now()}-${++halls}`;
  const open: LocalHallClient[] = [];
  const client = () => {
    const instance = new LocalHallClient({ hall: 'TJHP01', databaseName, iterations: 1000, ...options });
    open.push(instance);
    return instance;
  };
  await client().seedDemo();
  return {
    databaseName,
    client,
    async as(who: Who) {
      const instance = client();
      const login = LOGINS[who];
      await instance.login('user' in login ? { ...login, takeOver: true } : login);
      return instance;
    },
    async dispose() {
      for (const instance of open) instance.close();
      await LocalHallClient.deleteHall(databaseName);
    },
  };
}

hallContract('LocalHallClient', freshLocalHall);

/** Every row of every object store of an IndexedDB database, read raw (no Dexie, no hall code), as text. */
async function dumpDatabase(name: string): Promise<string> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const rows: unknown[] = [];
  for (const store of Array.from(db.objectStoreNames)) {
    rows.push(
      ...(await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as unknown[]);
        request.onerror = () => reject(request.error);
      })),
    );
  }
  db.close();
  const blobs: Blob[] = [];
  const text = JSON.stringify(rows, (_key, value: unknown) => {
    if (value instanceof Blob) {
      blobs.push(value);
      return '[blob]';
    }
    return value;
  });
  return [text, ...(await Promise.all(blobs.map((blob) => blob.text())))].join('\n');
}

describe('LocalHallClient at rest', function () {
  this.timeout(30_000);

  it('keeps personal data, passwords, device tokens and files encrypted in the browser', async () => {
    const hall = await freshLocalHall();
    try {
      const clerk = await hall.as('clerk');
      const scan = new Blob(['SCAN-OF-刘洋-ID-CARD 120101198506201519']);
      const hash = await sha256Of(scan);
      await clerk.putAttachment(hash, scan);
      const value = makeCase({}, [hash]);
      const [result] = await clerk.sync([saveCase(value)]);
      expect(result?.status).to.equal('applied');
      const ticket = await clerk.issueTicket({ category: 'A' });
      const stored = [await dumpDatabase(hall.databaseName), await dumpDatabase(`${hall.databaseName}-files`)].join('\n');
      // What the hall counts and looks up is there (the dump is real)…
      expect(stored).to.contain(value.number).and.contain(ticket.number).and.contain(value.id);
      // …personal data, passwords, device tokens and scans are not.
      for (const secret of [
        '120101198506201519',
        '刘洋',
        '13812345678',
        'SCAN-OF',
        'yichuang-demo',
        'yichuang-manager',
        'demo-kiosk-token-0001',
        ...DEMO_HALL.licences.map((l) => l.holderName),
        ...DEMO_HALL.licences.map((l) => l.holderId),
      ]) {
        expect(stored, secret).to.not.contain(secret);
      }
    } finally {
      await hall.dispose();
    }
  });
});
