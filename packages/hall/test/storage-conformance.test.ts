import { assert } from '@open-wc/testing';
import { IndexedDbStorage } from '@yichuang/hall/local.js';
import { storageConformance } from './conformance/storage-port.js';

let opened = 0;
const names: string[] = [];

storageConformance(
  'IndexedDB (Dexie)',
  async () => {
    const name = `yc-conformance-${Date.now()}-${++opened}`;
    names.push(name);
    return new IndexedDbStorage(name);
  },
  { describe, it, beforeEach, afterEach },
  {
    equal: (a, b, m) => assert.strictEqual(a, b, m),
    deepEqual: (a, b, m) => assert.deepEqual(a, b, m),
    ok: (v, m) => assert.ok(v, m),
  },
);

after(async () => {
  for (const name of names) await IndexedDbStorage.delete(name);
});
