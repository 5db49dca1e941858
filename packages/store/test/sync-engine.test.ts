import { expect } from '@open-wc/testing';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { createUlidGenerator } from '@yichuang/core';
import { hallMessage } from '@yichuang/hall-client';
import {
  AttachmentUnreadableError,
  SyncEngine,
  backoffDelay,
  storeMessage,
  type SyncStatus,
  type WorkstationStore,
} from '@yichuang/store';
import { FaultyHall } from './support/faulty-hall.js';
import { Engines, FAST_SYNC, Stores, makeCase, makeRating, resaved, until } from './support/fixtures.js';

/** Saves a case with one scanned file of `text`. */
async function caseWithFile(store: WorkstationStore, text: string) {
  const sha = await store.putAttachment(new Blob([text]));
  const value = makeCase({
    materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan', copies: 0, attachments: [sha] }],
  });
  const { mutationId } = await store.saveCase(value);
  return { value, sha, mutationId };
}

function waitStatus(engine: SyncEngine, predicate: (status: SyncStatus) => boolean, ms = 5000): Promise<SyncStatus> {
  return firstValueFrom(engine.status$.pipe(filter(predicate), timeout(ms)));
}

describe('sync engine', () => {
  const stores = new Stores();
  const engines = new Engines(FAST_SYNC);
  afterEach(async () => {
    await engines.cleanup();
    await stores.cleanup();
  });

  it('sends the outbox, marks cases synced and drops the sent payloads', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const cases = [makeCase(), makeCase(), makeCase()];
    const ids = [];
    for (const value of cases) ids.push((await store.saveCase(value)).mutationId);
    const report = await engines.make(store, hall).syncNow();
    expect(report).to.include({ outcome: 'done', sent: 3, acknowledged: 3, parked: 0, remaining: 0 });
    expect([...hall.applied.keys()]).to.deep.equal(ids);
    expect(hall.payloads.get(ids[0]!)).to.deep.equal(await store.getCase(cases[0]!.id));
    for (const value of cases) expect(await store.isCaseSynced(value.id)).to.equal(true);
    const entries = await store.outbox.entries();
    expect(entries.every((entry) => entry.state === 'acknowledged')).to.equal(true);
    expect((await store.db.outbox.toArray()).every((row) => row.sealed === undefined)).to.equal(true);
    expect(await store.getSyncState('lastSuccessAt')).to.be.a('string');
  });

  it('resends after the reply was lost once the hall had applied it: duplicate, applied once', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const value = makeCase();
    const { mutationId } = await store.saveCase(value);
    hall.syncFaults.push('drop-reply');
    const engine = engines.make(store, hall);
    const first = await engine.syncNow();
    expect(first.outcome).to.equal('offline');
    expect(hall.attempts.get(mutationId)).to.equal(1);
    expect(hall.bySubject.get(value.id)).to.deep.equal([mutationId]);
    expect(await store.outbox.counts()).to.deep.equal({ pending: 1, parked: 0 });
    const second = await engine.syncNow();
    expect(second).to.include({ outcome: 'done', acknowledged: 1 });
    // The same id went again (not a new one) and the hall's case changed once.
    expect(hall.attempts.get(mutationId)).to.equal(2);
    expect(hall.log).to.deep.equal([mutationId]);
    expect(hall.bySubject.get(value.id)).to.deep.equal([mutationId]);
    const [entry] = await store.outbox.entries();
    expect(entry!.acknowledged?.status).to.equal('duplicate');
    expect(entry!.attempts).to.equal(1);
  });

  it('abandons a request the hall applied but never answered, resends it on timeout: duplicate, nothing doubles', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const a = makeCase();
    const b = makeCase();
    const ids = [(await store.saveCase(a)).mutationId, (await store.saveCase(b)).mutationId];
    hall.syncFaults.push('apply-then-hang');
    const engine = engines.make(store, hall, { requestTimeoutMs: 50 });
    const first = await engine.syncNow();
    expect(first).to.include({ outcome: 'offline', acknowledged: 0 });
    expect(engine.status.error?.message).to.equal(hallMessage('noAnswerInTime', 'zh-CN', { ms: 50 }));
    expect(hall.log).to.deep.equal(ids); // applied, but the engine could not know
    const second = await engine.syncNow();
    expect(second).to.include({ outcome: 'done', acknowledged: 2, remaining: 0 });
    expect(ids.map((id) => hall.attempts.get(id))).to.deep.equal([2, 2]);
    expect(hall.log).to.deep.equal(ids);
    expect(hall.bySubject.get(a.id)).to.deep.equal([ids[0]]);
    expect(hall.bySubject.get(b.id)).to.deep.equal([ids[1]]);
    const entries = await store.outbox.entries();
    expect(entries.map((entry) => entry.acknowledged?.status)).to.deep.equal(['duplicate', 'duplicate']);
    for (const value of [a, b]) expect(await store.isCaseSynced(value.id)).to.equal(true);
  });

  it('backs off while the hall is unreachable, probes health, and sends once it is back', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.reachable = false;
    const engine = engines.make(store, hall);
    engine.start();
    await store.saveCase(makeCase());
    const offline = await waitStatus(engine, (status) => status.state === 'offline' && status.retryAt !== undefined);
    expect(offline.error?.code).to.equal('network');
    expect(offline.retryAt).to.be.a('string');
    await until(() => hall.calls.health >= 2, 5000, 'health probes');
    hall.reachable = true;
    const idle = await waitStatus(engine, (status) => status.state === 'idle' && status.pending === 0);
    expect(idle.error).to.equal(undefined);
    expect(idle.lastSuccessAt).to.be.a('string');
    expect(hall.applied.size).to.equal(1);
  });

  it('waits out a transient server error (503) as backoff, then succeeds', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.syncFaults.push('unavailable', 'unavailable');
    const engine = engines.make(store, hall);
    const states: string[] = [];
    const subscription = engine.status$.subscribe((status) => states.push(status.state));
    // Queued first: an idle engine with nothing pending must not pass for one that has sent it.
    await store.saveCase(makeCase());
    engine.start();
    await waitStatus(engine, (status) => status.pending === 0 && status.state === 'idle' && hall.applied.size === 1);
    subscription.unsubscribe();
    expect(states).to.include('backoff');
    expect(hall.calls.sync).to.equal(3);
    expect(hall.applied.size).to.equal(1);
  });

  it('abandons a request that hangs and retries it', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.syncFaults.push('hang');
    const engine = engines.make(store, hall, { requestTimeoutMs: 50 });
    await store.saveCase(makeCase());
    const first = await engine.syncNow();
    expect(first.outcome).to.equal('offline');
    expect(engine.status.error?.message).to.equal('大厅在 50 毫秒内没有应答');
    expect((await engine.syncNow()).outcome).to.equal('done');
    expect(hall.applied.size).to.equal(1);
  });

  it('parks a poison mutation with the reason and sends the others', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const poison = makeCase();
    hall.poison = (mutation) =>
      mutation.kind === 'case.save' && mutation.payload.id === poison.id ? 'items: unknown item' : undefined;
    const good = [makeCase(), makeCase()];
    await store.saveCase(good[0]!);
    const { mutationId } = await store.saveCase(poison);
    await store.saveCase(good[1]!);
    const engine = engines.make(store, hall);
    const report = await engine.syncNow();
    expect(report).to.include({ outcome: 'done', acknowledged: 2, parked: 1, remaining: 0 });
    const parked = await firstValueFrom(engine.parked$);
    expect(parked).to.have.length(1);
    expect(parked[0]).to.include({
      id: mutationId,
      code: 'invalid',
      message: 'items: unknown item',
      label: poison.number,
    });
    expect(parked[0]!.issues).to.deep.equal(['items: unknown item']);
    expect(engine.status.parked).to.equal(1);
    for (const value of good) expect(await store.isCaseSynced(value.id)).to.equal(true);
    expect(await store.isCaseSynced(poison.id)).to.equal(false);

    // The clerk asks to try again once the hall is fixed.
    hall.poison = () => undefined;
    await engine.retryParked(mutationId);
    expect((await engine.syncNow()).acknowledged).to.equal(1);
    expect(await store.isCaseSynced(poison.id)).to.equal(true);
  });

  it('finds the poison mutation in a batch the hall refuses whole (400) by splitting it', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const cases = Array.from({ length: 7 }, () => makeCase());
    const poison = cases[4]!;
    hall.poison = (mutation) =>
      mutation.kind === 'case.save' && mutation.payload.id === poison.id ? 'bad' : undefined;
    for (let i = 0; i < 5; i++) hall.syncFaults.push('bad-request');
    for (const value of cases) await store.saveCase(value);
    const report = await engines.make(store, hall).syncNow();
    expect(report).to.include({ outcome: 'done', acknowledged: 6, parked: 1 });
    const [parked] = await store.outbox.parked();
    expect(parked).to.include({ record: poison.id, code: 'request-refused' });
  });

  it('sends the mutations of one case in order, one per batch, and holds them behind a parked one', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const a = makeCase();
    const b = makeCase();
    const aIds = [(await store.saveCase(a)).mutationId];
    aIds.push((await store.saveCase(resaved(a, 'forwarded'))).mutationId);
    const bId = (await store.saveCase(b)).mutationId;
    aIds.push((await store.saveCase(resaved(resaved(a, 'forwarded'), 'decided'))).mutationId);
    const ratingId = (await store.saveRating(makeRating({ caseId: a.id }))).mutationId;
    const engine = engines.make(store, hall);

    let reject = true;
    hall.poison = (mutation) => (reject && mutation.id === aIds[1] ? 'conflict' : undefined);
    const first = await engine.syncNow();
    expect(first).to.include({ acknowledged: 2, parked: 1, remaining: 2 });
    expect(hall.log).to.deep.equal([aIds[0], bId]);
    const [parked] = await store.outbox.parked();
    expect(parked).to.include({ id: aIds[1], holding: 2 });
    expect(await store.outbox.sendable()).to.deep.equal([]);

    reject = false;
    await engine.retryParked(aIds[1]!);
    await engine.syncNow();
    expect(hall.bySubject.get(a.id)).to.deep.equal([...aIds, ratingId]);
    expect(hall.inOrder([aIds[0]!, aIds[1]!, bId, aIds[2]!, ratingId])).to.equal(true);
    expect(hall.batches.every((size) => size <= 2)).to.equal(true);
    expect((await store.getCase(a.id))?.status).to.equal('decided');
    expect(await store.isCaseSynced(a.id)).to.equal(true);
  });

  it('lets the clerk discard a parked mutation, releasing the ones it held', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const a = makeCase();
    const first = (await store.saveCase(a)).mutationId;
    const second = (await store.saveCase(resaved(a))).mutationId;
    hall.poison = (mutation) => (mutation.id === first ? 'refused' : undefined);
    const engine = engines.make(store, hall);
    await engine.syncNow();
    expect(hall.applied.size).to.equal(0);
    await engine.discardParked(first);
    await engine.syncNow();
    expect([...hall.applied.keys()]).to.deep.equal([second]);
    const log = await store.auditLog(a.id);
    expect(log.map((line) => [line.action, line.mutationId])).to.deep.equal([['discard-mutation', first]]);
    let failure: unknown;
    await engine.discardParked(first).catch((error: unknown) => (failure = error));
    expect((failure as Error).name).to.equal('NotFoundError');
  });

  it('uploads attachments before the mutation that references them', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const sha = await store.putAttachment(new Blob(['scan of the ID card'], { type: 'image/png' }));
    await store.saveCase(
      makeCase({
        materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan', copies: 0, attachments: [sha] }],
      }),
    );
    const report = await engines.make(store, hall).syncNow();
    expect(report).to.include({ outcome: 'done', acknowledged: 1, uploaded: 1 });
    expect(await hall.attachments.get(sha)?.text()).to.equal('scan of the ID card');
    expect((await store.attachmentInfo(sha))?.uploaded).to.equal(true);
    expect(hall.calls.sync).to.equal(1);
  });

  it('uploads what the hall says is missing and resends', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const sha = await store.putAttachment(new Blob(['lost by the hall']));
    await store.markAttachmentsUploaded([sha]); // the workstation believes the hall has it
    await store.saveCase(
      makeCase({
        materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan', copies: 0, attachments: [sha] }],
      }),
    );
    const report = await engines.make(store, hall).syncNow();
    expect(report).to.include({ outcome: 'done', acknowledged: 1, uploaded: 1, sent: 2 });
    expect(hall.attachments.has(sha)).to.equal(true);
  });

  it('parks a case whose missing attachment is not on this workstation', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const absent = 'a'.repeat(64);
    await store.saveCase(
      makeCase({
        materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan', copies: 0, attachments: [absent] }],
      }),
    );
    const report = await engines.make(store, hall).syncNow();
    expect(report).to.include({ outcome: 'done', parked: 1 });
    const [parked] = await store.outbox.parked();
    expect(parked).to.include({ code: 'missing-attachments' });
    expect(parked!.missing).to.deep.equal([absent]);
  });

  it('retries an upload that failed transiently', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.uploadFaults.push('network');
    const sha = await store.putAttachment(new Blob(['flaky upload']));
    await store.saveCase(
      makeCase({
        materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan', copies: 0, attachments: [sha] }],
      }),
    );
    const engine = engines.make(store, hall);
    expect((await engine.syncNow()).outcome).to.equal('offline');
    expect(hall.calls.sync).to.equal(0);
    expect((await engine.syncNow()).outcome).to.equal('done');
    expect(hall.applied.size).to.equal(1);
  });

  it('parks a case whose file the hall refuses once another upload of the pass was accepted, even if it came first', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.uploadFaults.push('bad-request');
    const refused = await caseWithFile(store, 'a huge scan');
    const plain = await store.saveCase(makeCase());
    const accepted = await caseWithFile(store, 'a small scan');
    const engine = engines.make(store, hall);
    const report = await engine.syncNow();
    expect(report).to.include({ outcome: 'done', acknowledged: 2, parked: 1, uploaded: 1 });
    expect(hall.log).to.deep.equal([plain.mutationId, accepted.mutationId]);
    const [parked] = await store.outbox.parked();
    expect(parked).to.include({
      record: refused.value.id,
      code: 'attachment-refused',
      message: '大厅拒收了这项变更所附的文件（HTTP 400）：Request blocked',
    });
    expect(parked!.missing).to.deep.equal([refused.sha]);
    expect(engine.status.error).to.equal(undefined);
  });

  it('backs off, not parks, when the only file to upload is refused: the hall’s status and message in the error', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.uploadFaults.push('bad-request');
    const held = await caseWithFile(store, 'the only scan');
    const engine = engines.make(store, hall);
    expect(await engine.syncNow()).to.include({ outcome: 'backoff', parked: 0, acknowledged: 0, remaining: 1 });
    expect(await store.outbox.counts()).to.deep.equal({ pending: 1, parked: 0 });
    expect(engine.status.state).to.equal('backoff');
    expect(engine.status.error).to.include({ code: 'invalid', status: 400 });
    expect(engine.status.error?.message).to.equal('大厅拒收了附件上传（HTTP 400）：Request blocked');
    expect(hall.calls.sync).to.equal(0);
    // The rule in front of the hall was fixed: the case goes, nothing was lost.
    expect(await engine.syncNow()).to.include({ outcome: 'done', acknowledged: 1, uploaded: 1 });
    expect(hall.log).to.deep.equal([held.mutationId]);
    expect(engine.status.error).to.equal(undefined);
  });

  for (const [fault, status] of [
    ['route-missing', 404],
    ['bad-request', 400],
  ] as const) {
    it(`parks nothing when every upload is refused (${status} from something in front of the hall): stops uploading, sends the cases without files`, async () => {
      const store = await stores.open();
      const hall = new FaultyHall();
      for (let i = 0; i < 20; i++) hall.uploadFaults.push(fault);
      const withFiles = [];
      for (let i = 0; i < 4; i++) withFiles.push(await caseWithFile(store, `scan ${i}`));
      const plain = [(await store.saveCase(makeCase())).mutationId, (await store.saveCase(makeCase())).mutationId];
      const engine = engines.make(store, hall);
      const report = await engine.syncNow();
      expect(report).to.include({ outcome: 'backoff', parked: 0, acknowledged: 2, uploaded: 0, remaining: 4 });
      expect(hall.log).to.deep.equal(plain);
      // Two files refused and none accepted: the route is at fault; the other two files were not tried.
      expect(hall.calls.put).to.equal(2);
      expect(engine.status.error).to.include({ status });
      expect(engine.status.error?.message).to.contain(`HTTP ${status}`);

      hall.uploadFaults.splice(0);
      expect(await engine.syncNow()).to.include({ outcome: 'done', acknowledged: 4, uploaded: 4, parked: 0 });
      expect(hall.log.slice(2).sort()).to.deep.equal(withFiles.map((c) => c.mutationId).sort());
      expect(await store.outbox.counts()).to.deep.equal({ pending: 0, parked: 0 });
    });
  }

  it('sends a case held back by a refused file last on the next pass, and parks it there once another upload is accepted', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.uploadFaults.push('bad-request');
    const held = await caseWithFile(store, 'refused every time');
    const engine = engines.make(store, hall);
    expect(await engine.syncNow()).to.include({ outcome: 'backoff', parked: 0 });
    const later = await caseWithFile(store, 'taken in later');
    // Had the held case gone first, it would have been accepted and the later one refused.
    hall.uploadFaults.push('none', 'bad-request');
    expect(await engine.syncNow()).to.include({ outcome: 'done', acknowledged: 1, parked: 1, uploaded: 1 });
    expect(hall.log).to.deep.equal([later.mutationId]);
    expect((await store.outbox.parked()).map((entry) => [entry.id, entry.code])).to.deep.equal([
      [held.mutationId, 'attachment-refused'],
    ]);
    expect(engine.status.error).to.equal(undefined);
  });

  it('holds back every case with a refused file without uploading it again, and parks them all once another is accepted', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.uploadFaults.push('bad-request');
    const shared = await caseWithFile(store, 'one scan, two cases');
    const second = await store.saveCase(
      makeCase({
        materials: [
          { materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan', copies: 0, attachments: [shared.sha] },
        ],
      }),
    );
    const other = await caseWithFile(store, 'another scan');
    const report = await engines.make(store, hall).syncNow();
    expect(report).to.include({ outcome: 'done', acknowledged: 1, parked: 2, uploaded: 1 });
    expect(hall.calls.put).to.equal(2);
    expect(hall.log).to.deep.equal([other.mutationId]);
    expect((await store.outbox.parked()).map((entry) => entry.id)).to.deep.equal([
      shared.mutationId,
      second.mutationId,
    ]);
  });

  for (const [fault, why] of [
    ['hash-mismatch', 'bytes that do not hash to their name (422)'],
    ['too-large', 'a file larger than the hall accepts (413)'],
  ] as const) {
    it(`parks a case at once for ${why}: that is the file’s fault, not the route’s`, async () => {
      const store = await stores.open();
      const hall = new FaultyHall();
      hall.uploadFaults.push(fault);
      const refused = await caseWithFile(store, 'the only scan');
      const engine = engines.make(store, hall);
      expect(await engine.syncNow()).to.include({ outcome: 'done', parked: 1, acknowledged: 0 });
      expect((await store.outbox.parked())[0]).to.include({ id: refused.mutationId, code: 'attachment-refused' });
      expect(engine.status.error).to.equal(undefined);
    });
  }

  it('backs off, not parks, when a file the hall asks for again is refused and no upload was accepted', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const lost = await caseWithFile(store, 'lost by the hall');
    await store.markAttachmentsUploaded([lost.sha]); // the workstation believes the hall has it
    hall.uploadFaults.push('route-missing');
    const engine = engines.make(store, hall);
    expect(await engine.syncNow()).to.include({ outcome: 'backoff', parked: 0, remaining: 1 });
    expect(engine.status.error).to.include({ code: 'not-found', status: 404 });
    expect(await engine.syncNow()).to.include({ outcome: 'done', acknowledged: 1, uploaded: 1 });
    expect(hall.log).to.deep.equal([lost.mutationId]);
  });

  it('parks a mutation whose sealed payload was damaged, and sends the others', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const { mutationId } = await store.saveCase(makeCase());
    await store.saveCase(makeCase());
    const row = (await store.db.outbox.get(mutationId))!;
    const bytes = new Uint8Array(row.sealed!.data.slice(0));
    bytes[0] = bytes[0]! ^ 0xff;
    await store.db.outbox.update(mutationId, { sealed: { ...row.sealed!, data: bytes.buffer } });
    const report = await engines.make(store, hall).syncNow();
    expect(report).to.include({ acknowledged: 1, parked: 1 });
    expect((await store.outbox.parked())[0]).to.include({ id: mutationId, code: 'undecryptable' });
    expect(hall.applied.has(mutationId)).to.equal(false);
  });

  it('leaves a mutation the hall gave no verdict on for the next pass', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.syncFaults.push('partial');
    await store.saveCase(makeCase());
    const { mutationId } = await store.saveCase(makeCase());
    const engine = engines.make(store, hall);
    const first = await engine.syncNow();
    expect(first).to.include({ outcome: 'done', acknowledged: 1, remaining: 1 });
    expect(hall.attempts.get(mutationId)).to.equal(1);
    expect((await engine.syncNow()).acknowledged).to.equal(1);
    expect(hall.attempts.get(mutationId)).to.equal(2);
    expect(hall.log.filter((id) => id === mutationId)).to.have.length(1);
    expect((await store.outbox.entries()).find((entry) => entry.id === mutationId)?.acknowledged?.status).to.equal(
      'duplicate',
    );
  });

  it('treats a failed fetch (TypeError) as offline', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.syncFaults.push('type-error');
    await store.saveCase(makeCase());
    const engine = engines.make(store, hall);
    expect((await engine.syncNow()).outcome).to.equal('offline');
    expect(engine.status.state).to.equal('offline');
    // The clerk reads the store's sentence; the browser's own words are kept for logs.
    expect(engine.status.error).to.include({
      code: 'network',
      message: hallMessage('unreachable', 'zh-CN'),
      detail: 'Failed to fetch',
    });
  });

  it('stops promptly with a request in flight; the mutation is sent once later', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.syncFaults.push('hang');
    const engine = engines.make(store, hall, { requestTimeoutMs: 60_000 });
    engine.start();
    const value = makeCase();
    const { mutationId } = await store.saveCase(value);
    await until(() => hall.calls.sync === 1, 2000, 'the request');
    const started = Date.now();
    await engine.stop();
    expect(Date.now() - started).to.be.below(1000);
    expect(engine.status).to.include({ state: 'stopped', running: false, leader: false });
    expect(await store.outbox.counts()).to.deep.equal({ pending: 1, parked: 0 });
    expect((await engine.syncNow()).acknowledged).to.equal(1);
    expect(hall.bySubject.get(value.id)).to.deep.equal([mutationId]);
  });

  it('stops as signed-out on a 401 until started again', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.syncFaults.push('unauthenticated');
    const engine = engines.make(store, hall);
    engine.start();
    await store.saveCase(makeCase());
    const out = await waitStatus(engine, (status) => status.state === 'signed-out' && !status.running);
    expect(out.error?.code).to.equal('unauthenticated');
    expect(out.pending).to.equal(1);
    await store.saveCase(makeCase());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hall.calls.sync).to.equal(1);
    engine.start();
    await waitStatus(engine, (status) => status.state === 'idle' && status.pending === 0);
    expect(hall.applied.size).to.equal(2);
  });

  it('parks the cases whose attachment was damaged here, and sends the others; attaching the file again repairs it', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const file = new Blob(['scan damaged on disk'], { type: 'image/png' });
    const sha = await store.putAttachment(file);
    const material = [
      { materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan' as const, copies: 0, attachments: [sha] },
    ];
    const first = await store.saveCase(makeCase({ materials: material }));
    const good = await store.saveCase(makeCase());
    const second = await store.saveCase(makeCase({ materials: material }));
    // Damage the stored ciphertext, as a disk error would.
    const row = (await store.db.attachments.get(sha))!;
    const bytes = new Uint8Array(await row.data.arrayBuffer());
    bytes[0] = bytes[0]! ^ 0xff;
    await store.db.attachments.update(sha, { data: new Blob([bytes]) });
    const engine = engines.make(store, hall);

    const report = await engine.syncNow();
    expect(report).to.include({ outcome: 'done', acknowledged: 1, parked: 2, remaining: 0, uploaded: 0 });
    expect(hall.log).to.deep.equal([good.mutationId]);
    const parked = await store.outbox.parked();
    expect(parked.map((entry) => [entry.id, entry.code])).to.deep.equal([
      [first.mutationId, 'attachment-unreadable'],
      [second.mutationId, 'attachment-unreadable'],
    ]);
    expect(parked[0]!.missing).to.deep.equal([sha]);
    expect(parked[0]!.message).to.equal(storeMessage('attachmentUnreadable', 'zh-CN'));
    expect(parked[0]!.message).to.contain('请重新添加该附件');
    expect(engine.status.error).to.equal(undefined);

    // The clerk attaches the same file again: the damaged copy is replaced, and the parked cases go.
    expect(await store.putAttachment(file)).to.equal(sha);
    expect(await (await store.getAttachment(sha))!.text()).to.equal('scan damaged on disk');
    expect(await engine.retryAllParked()).to.equal(2);
    expect(await engine.syncNow()).to.include({ outcome: 'done', acknowledged: 2, uploaded: 1 });
    expect(await hall.attachments.get(sha)?.text()).to.equal('scan damaged on disk');
  });

  it('parks a case whose attachment file the browser lost (NotReadableError), and sends the others', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const sha = await store.putAttachment(new Blob(['scan whose file is gone']));
    const lost = await store.saveCase(
      makeCase({
        materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan', copies: 0, attachments: [sha] }],
      }),
    );
    const good = await store.saveCase(makeCase());
    const gone = {
      arrayBuffer: () => Promise.reject(new DOMException('The requested file could not be read', 'NotReadableError')),
    };
    const reading = (row: { sha256: string }) => (row.sha256 === sha ? { ...row, data: gone } : row);
    store.db.attachments.hook('reading', reading);
    try {
      const report = await engines.make(store, hall).syncNow();
      expect(report).to.include({ outcome: 'done', acknowledged: 1, parked: 1 });
      expect(hall.log).to.deep.equal([good.mutationId]);
      expect((await store.outbox.parked())[0]).to.include({ id: lost.mutationId, code: 'attachment-unreadable' });
      let failure: unknown;
      await store.getAttachment(sha).catch((error: unknown) => (failure = error));
      expect(failure).to.be.instanceOf(AttachmentUnreadableError);
      expect((failure as AttachmentUnreadableError).sha256).to.equal(sha);
      expect(((failure as Error).cause as DOMException).name).to.equal('NotReadableError');
    } finally {
      store.db.attachments.hook('reading').unsubscribe(reading);
    }
  });

  it('parks nothing when every request is refused whole (a route-level 404): backs off showing the answer', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    for (let i = 0; i < 40; i++) hall.syncFaults.push('route-missing');
    for (let i = 0; i < 12; i++) await store.saveCase(makeCase());
    const engine = engines.make(store, hall);
    const report = await engine.syncNow();
    expect(report).to.include({ outcome: 'backoff', parked: 0, acknowledged: 0, remaining: 12 });
    expect(await store.outbox.counts()).to.deep.equal({ pending: 12, parked: 0 });
    expect(engine.status.state).to.equal('backoff');
    expect(engine.status.error).to.include({ code: 'not-found', status: 404 });
    expect(engine.status.error?.message).to.contain('HTTP 404').and.contain('Not Found');
    // Split to look for a culprit, but not one request per mutation: 12 → 6 → 3 → 2 → 1, 1.
    expect(hall.calls.sync).to.be.at.most(7);

    hall.syncFaults.splice(0);
    const fixed = await engine.syncNow();
    expect(fixed).to.include({ outcome: 'done', acknowledged: 12, parked: 0 });
    expect(engine.status.error).to.equal(undefined);
  });

  it('backs off, not parks, when the only mutation to send is refused whole', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    hall.syncFaults.push('route-missing', 'route-missing');
    const { mutationId } = await store.saveCase(makeCase());
    const engine = engines.make(store, hall);
    expect(await engine.syncNow()).to.include({ outcome: 'backoff', parked: 0, remaining: 1 });
    expect(engine.status.error?.status).to.equal(404);
    expect(await engine.syncNow()).to.include({ outcome: 'backoff', parked: 0 });
    expect(await engine.syncNow()).to.include({ outcome: 'done', acknowledged: 1 });
    expect(hall.log).to.deep.equal([mutationId]);
  });

  it('parks a mutation refused alone once another request of the pass was accepted, even if it came first', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const cases = Array.from({ length: 6 }, () => makeCase());
    const poison = cases[0]!;
    hall.poison = (mutation) =>
      mutation.kind === 'case.save' && mutation.payload.id === poison.id ? 'bad' : undefined;
    for (let i = 0; i < 20; i++) hall.syncFaults.push('bad-request');
    for (const value of cases) await store.saveCase(value);
    const engine = engines.make(store, hall);
    const report = await engine.syncNow();
    expect(report).to.include({ outcome: 'done', acknowledged: 5, parked: 1 });
    const [parked] = await store.outbox.parked();
    expect(parked).to.include({
      record: poison.id,
      code: 'request-refused',
      message: '大厅拒收了发送这项变更的请求（HTTP 400）：mutations: one is not valid',
    });
    expect(engine.status.error).to.equal(undefined);
  });

  it('sends the mutations refused alone last on the next pass, where the others show the route works', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const cases = Array.from({ length: 4 }, () => makeCase());
    const poisons = new Set([cases[0]!.id, cases[1]!.id]);
    hall.poison = (mutation) => (mutation.kind === 'case.save' && poisons.has(mutation.payload.id) ? 'bad' : undefined);
    for (let i = 0; i < 20; i++) hall.syncFaults.push('bad-request');
    for (const value of cases) await store.saveCase(value);
    const engine = engines.make(store, hall);
    // Two refused alone and nothing accepted: it cannot tell them from a broken route.
    expect(await engine.syncNow()).to.include({ outcome: 'backoff', parked: 0, acknowledged: 0 });
    const second = await engine.syncNow();
    expect(second).to.include({ outcome: 'done', acknowledged: 2, parked: 2 });
    expect((await store.outbox.parked()).map((entry) => entry.record).sort()).to.deep.equal([...poisons].sort());
  });

  it('lets the clerk send every parked mutation again at once', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const ids = [(await store.saveCase(makeCase())).mutationId, (await store.saveCase(makeCase())).mutationId];
    await store.outbox.settle({
      parked: ids.map((id) => ({ id, code: 'request-refused' as const, message: 'HTTP 415 from a proxy' })),
    });
    const engine = engines.make(store, hall);
    expect(await engine.syncNow()).to.include({ sent: 0, remaining: 0 });
    expect(await engine.retryAllParked()).to.equal(2);
    expect(await store.outbox.counts()).to.deep.equal({ pending: 2, parked: 0 });
    expect(await engine.syncNow()).to.include({ acknowledged: 2 });
    expect(await engine.retryAllParked()).to.equal(0);
  });

  it('sends in the order the mutations were queued, not id order (a clock stepped back)', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const a = makeCase();
    const early = createUlidGenerator();
    const first = (await store.saveCase(a)).mutationId;
    // The clock stepped back an hour: the next save's id sorts before the first one's.
    const second = (await store.saveCase(resaved(a), { mutationId: early(Date.now() - 3_600_000) })).mutationId;
    expect(second < first).to.equal(true);
    const other = (await store.saveCase(makeCase(), { mutationId: early(Date.now() - 3_500_000) })).mutationId;
    await engines.make(store, hall, { batchSize: 1 }).syncNow();
    expect(hall.bySubject.get(a.id)).to.deep.equal([first, second]);
    expect(hall.log).to.deep.equal([first, other, second]);
    expect(hall.inOrder([first, second, other])).to.equal(true);
    expect((await store.getCase(a.id))?.status).to.equal('forwarded');
    expect(await store.isCaseSynced(a.id)).to.equal(true);
  });

  it('sends in batches of the configured size', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    for (let i = 0; i < 25; i++) await store.saveCase(makeCase());
    await engines.make(store, hall, { batchSize: 10 }).syncNow();
    expect(hall.batches).to.deep.equal([10, 10, 5]);
    expect(() => engines.make(store, hall, { batchSize: 501 })).to.throw(RangeError);
  });

  it('sends nothing while the store is locked and says so', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    await store.saveCase(makeCase());
    store.lock();
    const engine = engines.make(store, hall);
    const report = await engine.syncNow();
    expect(report).to.include({ outcome: 'locked', remaining: 1 });
    expect(engine.status.error?.code).to.equal('locked');
    expect(hall.calls.sync).to.equal(0);
  });

  it('runs in one tab only: a second engine on the same database waits for the lock', async () => {
    const store = await stores.open();
    const twin = await stores.twin(store);
    const hall = new FaultyHall();
    const first = engines.make(store, hall);
    const second = engines.make(twin, hall);
    first.start();
    await waitStatus(first, (status) => status.leader);
    second.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(second.status.leader).to.equal(false);
    expect(second.status.running).to.equal(true);
    await first.stop();
    await waitStatus(second, (status) => status.leader);
    await twin.saveCase(makeCase());
    await waitStatus(second, (status) => status.pending === 0 && status.state === 'idle');
    expect(hall.applied.size).to.equal(1);
  });

  it('wakes on new work while running and on an online hint while backing off', async () => {
    const store = await stores.open();
    const hall = new FaultyHall();
    const hints = new EventTarget();
    const engine = engines.make(store, hall, { hints, backoff: { baseMs: 60_000, capMs: 60_000 }, random: () => 0.99 });
    engine.start();
    await store.saveCase(makeCase());
    await waitStatus(engine, (status) => status.pending === 0 && status.state === 'idle' && hall.applied.size === 1);
    hall.reachable = false;
    await store.saveCase(makeCase());
    await waitStatus(engine, (status) => status.state === 'offline');
    hall.reachable = true;
    hints.dispatchEvent(new Event('online'));
    await waitStatus(engine, (status) => status.pending === 0 && status.state === 'idle', 2000);
    expect(hall.applied.size).to.equal(2);
  });
});

describe('backoff', () => {
  it('draws a full-jitter delay under an exponential ceiling with a cap', () => {
    const options = { baseMs: 500, capMs: 30_000 };
    expect(backoffDelay(0, options, () => 0.999_999)).to.equal(499);
    expect(backoffDelay(3, options, () => 0.5)).to.equal(2000);
    expect(backoffDelay(20, options, () => 0.999_999)).to.equal(29_999);
    expect(backoffDelay(5, options, () => 0)).to.equal(0);
    for (let attempt = 0; attempt < 40; attempt++) {
      const delay = backoffDelay(attempt);
      expect(delay).to.be.within(0, 30_000);
    }
  });
});
