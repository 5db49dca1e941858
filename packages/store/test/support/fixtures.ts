import { chinaDay, ulid, type Case, type Rating } from '@yichuang/core';
import { SyncEngine, WorkstationStore, type StoreOptions, type SyncEngineOptions } from '@yichuang/store';

/** A resident identity number with a correct GB 11643 check character, from 17 digits. */
export function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return first17 + '10X98765432'.charAt(sum % 11);
}

/** Personal data the tests look for in raw storage: none of it may appear in clear. */
export const PERSON = {
  name: '欧阳明月',
  idNumber: residentId('11010519850312403'),
  phone: '13912345678',
  address: '天津市和平区南京路188号',
} as const;
export const PROXY = {
  name: '司马青云',
  idNumber: residentId('12010119900101123'),
  phone: '13698765432',
} as const;

let seq = 0;
let storeSeq = 0;

/** A valid case of today at TJHP01/W03 with an applicant and a proxy; `patch` overrides fields. */
export function makeCase(patch: Partial<Case> = {}, now = Date.now()): Case {
  seq += 1;
  const at = new Date(now).toISOString();
  return {
    id: ulid(),
    number: `TJHP01-${chinaDay(now)}-W03-${String(seq).padStart(4, '0')}`,
    hall: 'TJHP01',
    window: 'W03',
    items: [{ itemId: 'item-a', version: 2 }],
    applicant: {
      kind: 'person',
      name: PERSON.name,
      idType: 'resident-id',
      idNumber: PERSON.idNumber,
      phone: PERSON.phone,
      address: PERSON.address,
    },
    proxy: {
      name: PROXY.name,
      idType: 'resident-id',
      idNumber: PROXY.idNumber,
      phone: PROXY.phone,
      relation: '子女',
      authorisation: { kind: 'power-of-attorney', scope: '代为办理户籍业务' },
    },
    materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'paper', copies: 1 }],
    status: 'accepted',
    responsibleClerk: 'clerk01',
    audit: [{ at, actor: 'clerk01', window: 'W03', action: 'accept', from: 'draft', to: 'accepted' }],
    createdAt: at,
    updatedAt: at,
    ...patch,
  };
}

/** A valid rating with a comment that names the applicant. */
export function makeRating(patch: Partial<Rating> = {}): Rating {
  return {
    id: ulid(),
    window: 'W03',
    clerk: 'clerk01',
    grade: 5,
    comment: `${PERSON.name}说办得很快`,
    at: new Date().toISOString(),
    channel: 'pad',
    ...patch,
  } as Rating;
}

/** The same case saved again later with a new status (a second mutation of the case). */
export function resaved(value: Case, status: Case['status'] = 'forwarded'): Case {
  const at = new Date(Date.parse(value.updatedAt) + 1000).toISOString();
  return { ...value, status, updatedAt: at };
}

/** Low PBKDF2 cost for tests; production uses 310,000. */
export const TEST_ITERATIONS = 1000;
export const CLERK = 'clerk01';
export const SECRET = 'yichuang-demo';

/** A fresh store under a unique database name, unlocked as clerk01 unless `unlock` is false. */
export async function openStore(options: StoreOptions & { unlock?: boolean } = {}): Promise<WorkstationStore> {
  storeSeq += 1;
  const store = await WorkstationStore.open({
    name: `yc-test-${Date.now().toString(36)}-${storeSeq}-${Math.random().toString(36).slice(2, 8)}`,
    kdfIterations: TEST_ITERATIONS,
    persist: false,
    ...options,
  });
  if (options.unlock !== false) await store.unlock(CLERK, SECRET);
  return store;
}

/** Stores opened by a test, deleted afterwards. */
export class Stores {
  readonly #open: WorkstationStore[] = [];
  async open(options: Parameters<typeof openStore>[0] = {}): Promise<WorkstationStore> {
    const store = await openStore(options);
    this.#open.push(store);
    return store;
  }
  /** Another instance of the same database (as another tab would have). */
  async twin(store: WorkstationStore, unlock = true): Promise<WorkstationStore> {
    const other = await WorkstationStore.open({ name: store.name, kdfIterations: TEST_ITERATIONS, persist: false });
    if (unlock) await other.unlock(CLERK, SECRET);
    this.#open.push(other);
    return other;
  }
  async cleanup(): Promise<void> {
    const open = this.#open.splice(0);
    for (const store of open) store.close();
    for (const name of new Set(open.map((store) => store.name))) {
      await new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      });
    }
  }
}

/** Sync engines a test made, each with its store's own lock name; `cleanup` stops them. */
export class Engines {
  readonly #made: SyncEngine[] = [];
  /** @param defaults options every engine gets, before those of {@link make}. */
  constructor(readonly defaults: SyncEngineOptions = {}) {}
  make(
    store: WorkstationStore,
    hall: ConstructorParameters<typeof SyncEngine>[1],
    options: SyncEngineOptions = {},
  ): SyncEngine {
    const engine = new SyncEngine(store, hall, {
      ...this.defaults,
      lockName: `yc-sync-engine:${store.name}`,
      ...options,
    });
    this.#made.push(engine);
    return engine;
  }
  async cleanup(): Promise<void> {
    for (const engine of this.#made.splice(0)) await engine.stop();
  }
}

/** Quick retries and no hints, for tests that wait for the engine to give up or come back. */
export const FAST_SYNC: SyncEngineOptions = { backoff: { baseMs: 5, capMs: 20 }, hints: null, probeTimeoutMs: 200 };

/** What `attempt` (a promise, or a function that makes one) rejected with; throws if it resolved. */
export async function failureOf(attempt: Promise<unknown> | (() => Promise<unknown>)): Promise<Error> {
  try {
    await (typeof attempt === 'function' ? attempt() : attempt);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

/** Resolves when `predicate` holds, polling; rejects after `ms`. */
export async function until(predicate: () => boolean | Promise<boolean>, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
