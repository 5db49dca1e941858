import { expect } from '@open-wc/testing';
import { firstValueFrom, filter, take, toArray, timeout } from 'rxjs';
import { CaseNumberer, chinaDay, createUlidGenerator, ulid, type Case, type CaseNumbererState } from '@yichuang/core';
import { CaseNumberConflictError, InvalidRecordError, StaleCaseError, type WorkstationStore } from '@yichuang/store';
import { CLERK, PERSON, Stores, failureOf, makeCase, makeRating, resaved } from './support/fixtures.js';
import { rawDump } from './support/raw.js';

/** A request made on an object store, as IndexedDB answered it. */
interface Answered {
  request: 'get' | 'put';
  transaction: IDBTransaction;
  /** `success` or `error`, in the order IndexedDB fired them. */
  outcome: 'success' | 'error';
  result: unknown;
}

/**
 * Runs `body` and lists, in the order IndexedDB answered them, the `get` and `put` requests made on object store
 * `table` meanwhile (by the store through Dexie, below every Dexie layer), once their transactions have ended.
 */
async function answersOn(table: string, body: () => Promise<unknown>): Promise<Answered[]> {
  const answered: Answered[] = [];
  const ended = new Map<IDBTransaction, Promise<void>>();
  const proto = IDBObjectStore.prototype;
  const { get, put } = proto;
  const watch = (store: IDBObjectStore, kind: Answered['request'], request: IDBRequest): void => {
    if (store.name !== table) return;
    const transaction = store.transaction;
    if (!ended.has(transaction)) {
      ended.set(
        transaction,
        new Promise((resolve) => {
          transaction.addEventListener('complete', () => resolve());
          transaction.addEventListener('abort', () => resolve());
        }),
      );
    }
    request.addEventListener('success', () =>
      answered.push({ request: kind, transaction, outcome: 'success', result: request.result as unknown }),
    );
    request.addEventListener('error', () =>
      answered.push({ request: kind, transaction, outcome: 'error', result: request.error }),
    );
  };
  proto.get = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
    const request = get.call(this, query);
    watch(this, 'get', request);
    return request;
  };
  proto.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    const request = key === undefined ? put.call(this, value) : put.call(this, value, key);
    watch(this, 'put', request);
    return request;
  };
  try {
    await body();
  } finally {
    proto.get = get;
    proto.put = put;
  }
  await Promise.all(ended.values());
  return answered;
}

describe('store: saving cases', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('saves a case and its case.save mutation together, and reads the case back decrypted', async () => {
    const store = await stores.open();
    const value = makeCase();
    const saved = await store.saveCase(value);
    expect(await store.getCase(value.id)).to.deep.equal(saved.case);
    const [entry] = await store.outbox.entries();
    expect(entry).to.include({ id: saved.mutationId, kind: 'case.save', record: value.id, state: 'pending' });
    expect(entry!.label).to.equal(value.number);
    const [row] = await store.outbox.sendable();
    expect(await store.outbox.payload(row!)).to.deep.equal({
      id: saved.mutationId,
      kind: 'case.save',
      payload: saved.case,
    });
    expect(await store.isCaseSynced(value.id)).to.equal(false);
  });

  it('stores the normalised case the schema gives (canonical phone and identity number)', async () => {
    const store = await stores.open();
    const value = makeCase();
    const messy = {
      ...value,
      applicant: { ...value.applicant, phone: '+86 139-1234-5678', idNumber: PERSON.idNumber.toLowerCase() },
    } as Case;
    const saved = await store.saveCase(messy);
    const read = await store.getCase(value.id);
    expect(read?.applicant).to.include({ phone: PERSON.phone });
    expect(saved.case.applicant.kind === 'person' && saved.case.applicant.idNumber).to.equal(PERSON.idNumber);
  });

  it('refuses an invalid case with every problem named, and stores nothing', async () => {
    const store = await stores.open();
    const bad = { ...makeCase(), number: 'nope', items: [] } as unknown as Case;
    const error = await failureOf(store.saveCase(bad));
    expect(error).to.be.instanceOf(InvalidRecordError);
    const issues = (error as InvalidRecordError).issues;
    expect(issues.some((issue) => issue.startsWith('number:'))).to.equal(true);
    expect(issues.some((issue) => issue.startsWith('items:'))).to.equal(true);
    expect(error.message).to.not.contain(PERSON.idNumber);
    expect(await store.db.cases.count()).to.equal(0);
    expect(await store.db.outbox.count()).to.equal(0);
    expect(await failureOf(store.saveCase('not a case'))).to.be.instanceOf(InvalidRecordError);
  });

  it('rolls back the case when its outbox write fails (one transaction)', async () => {
    const store = await stores.open();
    const first = makeCase();
    await store.saveCase(first);
    const failing = (): void => {
      throw new Error('disk full (injected)');
    };
    store.db.outbox.hook('creating', failing);
    try {
      const changed = resaved(first);
      const error = await failureOf(store.saveCase(changed));
      expect(error.message).to.contain('injected');
      const other = makeCase();
      await failureOf(store.saveCase(other));
      expect(await store.db.cases.get(other.id)).to.equal(undefined);
      expect((await store.getCase(first.id))?.status).to.equal('accepted');
    } finally {
      store.db.outbox.hook('creating').unsubscribe(failing);
    }
    expect(await store.db.outbox.count()).to.equal(1);
  });

  it('rolls back the case and the numberer state when the mutation id is already taken', async () => {
    const store = await stores.open();
    const taken = (await store.saveCase(makeCase())).mutationId;
    const numberer = new CaseNumberer({ hall: 'TJHP01', window: 'W03' });
    const value = makeCase({ number: numberer.next() });
    const error = await failureOf(store.saveCase(value, { numberer: numberer.state!, mutationId: taken }));
    expect(error.name).to.equal('ConstraintError');
    expect(await store.db.cases.get(value.id)).to.equal(undefined);
    expect(await store.caseNumbererState('TJHP01', 'W03')).to.equal(undefined);
  });

  it('saves the case-number state with the case and continues numbering from it', async () => {
    const store = await stores.open();
    const first = await store.caseNumberer('TJHP01', 'W03');
    const value = makeCase({ number: first.next() });
    await store.saveCase(value, { numberer: first.state! });
    const restored = await store.caseNumberer('TJHP01', 'W03');
    expect(restored.next()).to.equal(value.number.replace(/-0001$/, '-0002'));
  });

  it('refuses a case-number state that is not ahead of the stored one (another tab numbered first)', async () => {
    const store = await stores.open();
    const tabA = await store.caseNumberer('TJHP01', 'W03');
    const tabB = await store.caseNumberer('TJHP01', 'W03');
    const a = makeCase({ number: tabA.next() });
    const b = makeCase({ number: tabB.next() });
    expect(a.number).to.equal(b.number);
    await store.saveCase(a, { numberer: tabA.state! });
    const error = await failureOf(store.saveCase(b, { numberer: tabB.state! }));
    expect(error).to.be.instanceOf(CaseNumberConflictError);
    expect(await store.db.cases.get(b.id)).to.equal(undefined);
    expect(await store.outbox.counts()).to.deep.equal({ pending: 1, parked: 0 });
  });

  it('refuses a numberer state of another window', async () => {
    const store = await stores.open();
    const numberer = new CaseNumberer({ hall: 'TJHP01', window: 'W09' });
    numberer.next();
    const error = await failureOf(store.saveCase(makeCase(), { numberer: numberer.state! }));
    expect(error).to.be.instanceOf(InvalidRecordError);
    expect(await store.db.cases.count()).to.equal(0);
  });

  it('writes audit lines with the case, reasons sealed, and refuses a malformed line', async () => {
    const store = await stores.open();
    const value = makeCase();
    const entry = { at: value.createdAt, actor: CLERK, window: 'W03', action: 'accept', reason: '材料齐全' } as const;
    await store.saveCase(value, { audit: [entry] });
    const log = await store.auditLog(value.id);
    expect(log).to.have.length(1);
    expect(log[0]).to.include({ caseId: value.id, action: 'accept', reason: '材料齐全' });
    const bad = await failureOf(store.saveCase(makeCase(), { audit: [{ ...entry, action: 'Not An Action' }] }));
    expect(bad).to.be.instanceOf(InvalidRecordError);
    expect(await store.db.cases.count()).to.equal(1);
  });
});

/**
 * Runs `body` and lists the `get`, `put` and `add` requests made on object stores meanwhile (below every Dexie layer)
 * and their answers, in the order they happened: `made put cases`, `answered get cases` …
 */
async function breathsOf(body: () => Promise<unknown>): Promise<string[]> {
  const log: string[] = [];
  const proto = IDBObjectStore.prototype;
  const originals = { get: proto.get, put: proto.put, add: proto.add };
  for (const name of ['get', 'put', 'add'] as const) {
    const original = originals[name] as (this: IDBObjectStore, ...args: unknown[]) => IDBRequest;
    (proto as unknown as Record<string, unknown>)[name] = function (this: IDBObjectStore, ...args: unknown[]) {
      const request = original.apply(this, args);
      const label = `${name} ${this.name}`;
      log.push(`made ${label}`);
      request.addEventListener('success', () => log.push(`answered ${label}`));
      return request;
    };
  }
  try {
    await body();
  } finally {
    Object.assign(proto, originals);
  }
  return log;
}

describe('store: outbox order and stale saves', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('queues mutations in the order they were saved, even when a later id sorts first (clock stepped back)', async () => {
    const store = await stores.open();
    const value = makeCase();
    const stepped = createUlidGenerator();
    const first = (await store.saveCase(value)).mutationId;
    const second = (await store.saveCase(resaved(value), { mutationId: stepped(Date.now() - 60_000) })).mutationId;
    const rating = (
      await store.saveRating(makeRating({ caseId: value.id }), { mutationId: stepped(Date.now() - 50_000) })
    ).mutationId;
    expect(second < first && rating < first).to.equal(true);
    const entries = await store.outbox.entries();
    expect(entries.map((entry) => entry.id)).to.deep.equal([first, second, rating]);
    expect(entries.map((entry) => entry.seq)).to.deep.equal([1, 2, 3]);
    expect((await store.outbox.sendable()).map((row) => row.id)).to.deep.equal([first]);

    // The first parked holds the later ones of its case, whatever their ids.
    await store.outbox.settle({ parked: [{ id: first, code: 'conflict', message: 'refused' }] });
    expect((await store.outbox.parked()).map((entry) => [entry.id, entry.holding])).to.deep.equal([[first, 2]]);
    await store.outbox.retryParked(first);
    await store.outbox.settle({
      acknowledged: [{ id: first, status: 'applied', appliedAt: new Date().toISOString() }],
    });
    expect((await store.outbox.sendable()).map((row) => row.id)).to.deep.equal([second]);
  });

  it('numbers the mutations of two tabs in the order their saves committed', async () => {
    const tabA = await stores.open();
    const tabB = await stores.twin(tabA);
    const saves = await Promise.all(
      Array.from({ length: 6 }, (_, i) => ((i % 2 ? tabB : tabA) as WorkstationStore).saveCase(makeCase())),
    );
    const entries = await tabA.outbox.entries();
    expect(entries.map((entry) => entry.seq)).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(entries.map((entry) => entry.id).sort()).to.deep.equal(saves.map((saved) => saved.mutationId).sort());
  });

  it('checks for a newer stored version with a read answered before its own write, in the same transaction', async () => {
    const store = await stores.open();
    const value = makeCase();
    await store.saveCase(value);
    const newer = resaved(value);
    // The save reads the stored case (the stale check and the base in one read) and writes it in the same
    // transaction, once the read has answered with the row as it was: the write carries the hall's version over.
    const saving = await answersOn('cases', () => store.saveCase(newer));
    expect(saving.map((a) => [a.request, a.outcome])).to.deep.equal([
      ['get', 'success'],
      ['put', 'success'],
    ]);
    expect(saving[1]!.transaction).to.equal(saving[0]!.transaction);
    expect((saving[0]!.result as { updatedAt: string }).updatedAt).to.equal(value.updatedAt);

    // A stale save: its read finds the newer version and aborts the transaction before the writes that need the
    // read are made; the requests made with the read (the sending order) are taken back: nothing is left behind.
    const before = await rawDump(store.name);
    const stale = { ...value, status: 'withdrawn' as const };
    let error: unknown;
    const refused = await answersOn('cases', () => store.saveCase(stale).catch((e: unknown) => (error = e)));
    expect(error).to.be.instanceOf(StaleCaseError);
    expect(refused.map((a) => [a.request, a.outcome])).to.deep.equal([['get', 'success']]);
    expect((refused[0]!.result as { updatedAt: string }).updatedAt).to.equal(newer.updatedAt);
    const after = await rawDump(store.name);
    for (const table of ['cases', 'outbox', 'outboxOrder']) expect(after[table], table).to.deep.equal(before[table]);
    // The next save is queued right after the last committed one.
    const next = await store.saveCase(resaved(newer, 'decided'));
    expect((await store.outbox.entries()).map((entry) => [entry.id, entry.seq]).at(-1)).to.deep.equal([
      next.mutationId,
      3,
    ]);
  });

  it('writes a save with the read that checks it, in one breath, and writes again over a guess the read belies', async () => {
    const tabA = await stores.open();
    const tabB = await stores.twin(tabA);
    const value = makeCase();
    // A new case: the read and every write are made before the read answers; nothing is written twice.
    let m1 = '';
    const first = await breathsOf(async () => (m1 = (await tabA.saveCase(value)).mutationId));
    const answered = first.indexOf('answered get cases');
    for (const made of ['made add outboxOrder', 'made get cases', 'made put cases', 'made add outbox']) {
      expect(first.indexOf(made), made).to.be.within(0, answered);
    }
    expect(first.filter((line) => line.startsWith('made put'))).to.deep.equal(['made put cases']);

    // Tab B does not know the case: it queues the save as one of a new case, then, the read having found tab A's
    // save still waiting, writes the mutation again with that save as its base, before the transaction commits.
    let m2 = '';
    const second = await breathsOf(async () => (m2 = (await tabB.saveCase(resaved(value))).mutationId));
    expect(second.slice(second.indexOf('answered get cases')).filter((line) => line.startsWith('made'))).to.deep.equal([
      'made put outbox',
    ]);
    expect((await tabA.db.outbox.get(m2))?.base).to.deep.equal({ mutation: m1 });
    expect((await tabA.db.cases.get(value.id))?.pending).to.equal(m2);

    // Tab A guesses its own save is the case's last: wrong, and corrected the same way.
    const m3 = (await tabA.saveCase(resaved(resaved(value), 'decided'))).mutationId;
    expect((await tabA.db.outbox.get(m3))?.base).to.deep.equal({ mutation: m2 });
    expect((await tabA.db.cases.get(value.id))?.pending).to.equal(m3);
    // Acknowledged (the hall version recorded): the next save is based on that version, written in one breath.
    const appliedAt = new Date().toISOString();
    await tabA.outbox.settle({
      acknowledged: [m1, m2, m3].map((id, i) => ({ id, status: 'applied' as const, appliedAt, version: i + 1 })),
    });
    const fourthValue = resaved(resaved(resaved(value), 'decided'), 'result-ready');
    let m4 = '';
    const fourth = await breathsOf(async () => (m4 = (await tabA.saveCase(fourthValue)).mutationId));
    expect(fourth.filter((line) => line.startsWith('made put'))).to.deep.equal(['made put cases']);
    expect((await tabA.db.outbox.get(m4))?.base).to.deep.equal({ version: 3 });
    expect(await tabA.db.cases.get(value.id)).to.include({ version: 3, pending: m4, synced: 0 });

    // Tab B still takes its own save for the case's last, the hall version unknown: the case (its version carried
    // over) and the mutation (its base) are both written again.
    let m5 = '';
    const fifth = await breathsOf(
      async () => (m5 = (await tabB.saveCase(resaved(fourthValue, 'delivered'))).mutationId),
    );
    expect(fifth.slice(fifth.indexOf('answered get cases')).filter((line) => line.startsWith('made'))).to.deep.equal([
      'made put cases',
      'made put outbox',
    ]);
    expect((await tabB.db.outbox.get(m5))?.base).to.deep.equal({ mutation: m4 });
    expect(await tabB.db.cases.get(value.id)).to.include({ version: 3, pending: m5, synced: 0 });
  });

  it('refuses a case older than the version stored (another tab saved a newer one), and stores nothing', async () => {
    const tabA = await stores.open();
    const tabB = await stores.twin(tabA);
    const value = makeCase();
    await tabA.saveCase(value);
    const newer = resaved(value, 'forwarded');
    await tabA.saveCase(newer);
    // Tab B still shows the first version and saves a change made to it, dated before tab A's save.
    const stale = {
      ...value,
      status: 'withdrawn' as const,
      updatedAt: new Date(Date.parse(value.updatedAt) + 500).toISOString(),
    };
    const error = await failureOf(tabB.saveCase(stale));
    expect(error).to.be.instanceOf(StaleCaseError);
    expect(error).to.include({ code: 'stale-case', caseId: value.id, storedUpdatedAt: newer.updatedAt });
    expect(error.message).to.not.contain(PERSON.name);
    expect((await tabA.getCase(value.id))?.status).to.equal('forwarded');
    expect(await tabA.db.outbox.count()).to.equal(2);
    // The same version again (a clock that did not move) is not older: it is saved.
    await tabB.saveCase({ ...newer, status: 'decided' });
    expect((await tabA.getCase(value.id))?.status).to.equal('decided');
  });
});

describe('store: ratings', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('saves a rating with its mutation, queued behind its case, and reads the comment back', async () => {
    const store = await stores.open();
    const value = makeCase();
    const savedCase = await store.saveCase(value);
    const rating = makeRating({ caseId: value.id });
    const saved = await store.saveRating(rating);
    expect(await store.getRating(rating.id)).to.deep.equal(saved.rating);
    const sendable = await store.outbox.sendable();
    expect(sendable.map((row) => row.id)).to.deep.equal([savedCase.mutationId]);
    expect((await store.outbox.entries()).map((entry) => entry.kind)).to.deep.equal(['case.save', 'rating.save']);
  });

  it('refuses an invalid rating and stores nothing', async () => {
    const store = await stores.open();
    const error = await failureOf(store.saveRating({ ...makeRating(), grade: 7 }));
    expect(error).to.be.instanceOf(InvalidRecordError);
    expect((error as InvalidRecordError).issues[0]).to.match(/^grade:/);
    expect(await store.db.ratings.count()).to.equal(0);
    expect(await store.db.outbox.count()).to.equal(0);
  });

  it('reads a rating without a comment while locked', async () => {
    const store = await stores.open();
    const rating = makeRating({ comment: undefined });
    delete rating.comment;
    await store.saveRating(rating);
    store.lock();
    expect((await store.getRating(rating.id))?.grade).to.equal(5);
  });
});

describe('store: live queries', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it("emits today's cases again when a case is saved, decrypted", async () => {
    const store = await stores.open();
    const lists = store.todayCases$().pipe(take(2), toArray(), timeout(5000));
    const done = firstValueFrom(lists);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const value = makeCase();
    await store.saveCase(value);
    const [before, after] = await done;
    expect(before).to.deep.equal([]);
    expect(after!.map((c) => c.applicant.name)).to.deep.equal([PERSON.name]);
  });

  it('lists by status and day through the [status+day] index', async () => {
    const store = await stores.open();
    const yesterday = Date.now() - 86_400_000;
    const today = makeCase();
    const old = makeCase({}, yesterday);
    const draft = makeCase({ status: 'draft' });
    for (const value of [today, old, draft]) await store.saveCase(value);
    const accepted = await firstValueFrom(store.todayCases$('accepted'));
    expect(accepted.map((c) => c.id)).to.deep.equal([today.id]);
    const both = await firstValueFrom(store.todayCases$(['accepted', 'draft']));
    expect(both.map((c) => c.id).sort()).to.deep.equal([today.id, draft.id].sort());
    const oldDay = await firstValueFrom(store.cases$({ day: chinaDay(yesterday) }));
    expect(oldDay.map((c) => c.id)).to.deep.equal([old.id]);
    const allAccepted = await firstValueFrom(store.cases$({ status: 'accepted' }));
    expect(allAccepted).to.have.length(2);
  });

  it('emits outbox counts as mutations are queued and parked', async () => {
    const store = await stores.open();
    const counts = firstValueFrom(
      store.outbox.counts$().pipe(
        filter((c) => c.parked === 1),
        timeout(5000),
      ),
    );
    const { mutationId } = await store.saveCase(makeCase());
    await store.saveCase(makeCase());
    await store.outbox.settle({ parked: [{ id: mutationId, code: 'conflict', message: 'test' }] });
    expect(await counts).to.deep.equal({ pending: 1, parked: 1 });
  });

  it('emits a case saved by another instance of the database (another tab)', async () => {
    const store = await stores.open();
    const other: WorkstationStore = await stores.twin(store);
    const seen = firstValueFrom(
      store.cases$().pipe(
        filter((list) => list.length === 1),
        timeout(5000),
      ),
    );
    await other.saveCase(makeCase({ id: ulid() }));
    expect((await seen)[0]!.applicant.name).to.equal(PERSON.name);
  });
});

describe('store: case numbers from the hall', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());
  const today = chinaDay(Date.now());
  const hallState = (seq: number, patch: Partial<CaseNumbererState> = {}): CaseNumbererState => ({
    hall: 'TJHP01',
    window: 'W03',
    day: today,
    seq,
    ...patch,
  });

  it('continues after the hall’s highest number of the window today when none is stored here', async () => {
    const store = await stores.open();
    expect(await store.adoptCaseNumbers(hallState(7))).to.equal(true);
    expect(await store.caseNumbererState('TJHP01', 'W03')).to.deep.equal(hallState(7));
    const numberer = await store.caseNumberer('TJHP01', 'W03');
    expect(numberer.next()).to.equal(`TJHP01-${today}-W03-0008`);
  });

  it('adopts the hall’s state when it is ahead of the stored one, and never moves the stored state back', async () => {
    const store = await stores.open();
    const numberer = await store.caseNumberer('TJHP01', 'W03');
    for (let i = 0; i < 3; i++) {
      const value = makeCase({ number: numberer.next() });
      await store.saveCase(value, { numberer: numberer.state! });
    }
    expect((await store.caseNumbererState('TJHP01', 'W03'))?.seq).to.equal(3);
    // Behind, equal, or of an earlier day: numbers issued here and not yet sent stay issued.
    expect(await store.adoptCaseNumbers(hallState(2))).to.equal(false);
    expect(await store.adoptCaseNumbers(hallState(3))).to.equal(false);
    expect(await store.adoptCaseNumbers(hallState(99, { day: '20000101' }))).to.equal(false);
    expect((await store.caseNumbererState('TJHP01', 'W03'))?.seq).to.equal(3);
    // Ahead (another PC at this window): continued after.
    expect(await store.adoptCaseNumbers(hallState(5))).to.equal(true);
    expect((await store.caseNumberer('TJHP01', 'W03')).next()).to.equal(`TJHP01-${today}-W03-0006`);
    // Another window's state is its own.
    expect(await store.adoptCaseNumbers(hallState(40, { window: 'W09' }))).to.equal(true);
    expect((await store.caseNumbererState('TJHP01', 'W03'))?.seq).to.equal(5);
    expect((await store.caseNumbererState('TJHP01', 'W09'))?.seq).to.equal(40);
  });

  it('refuses a number a tab took before the hall’s state was adopted: that tab renumbers', async () => {
    const store = await stores.open();
    const early = await store.caseNumberer('TJHP01', 'W03');
    const value = makeCase({ number: early.next() });
    await store.adoptCaseNumbers(hallState(4));
    const error = await failureOf(store.saveCase(value, { numberer: early.state! }));
    expect(error).to.be.instanceOf(CaseNumberConflictError);
    const again = await store.caseNumberer('TJHP01', 'W03');
    const renumbered = { ...value, number: again.next() };
    expect(renumbered.number).to.equal(`TJHP01-${today}-W03-0005`);
    await store.saveCase(renumbered, { numberer: again.state! });
  });

  it('refuses a malformed state and stores nothing', async () => {
    const store = await stores.open();
    for (const state of [
      hallState(1, { day: '2025-03-03' }),
      hallState(-1),
      hallState(1.5),
      hallState(1, { window: 'not a window' }),
    ]) {
      const error = await failureOf(store.adoptCaseNumbers(state));
      expect(error).to.be.instanceOf(InvalidRecordError);
      expect((error as InvalidRecordError).issues[0]).to.match(/^caseNumbers: /);
      expect((error as InvalidRecordError).localized).to.match(/^办件编号状态不符合要求/);
    }
    expect(await store.db.caseNumbers.count()).to.equal(0);
  });
});
