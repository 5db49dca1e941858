// Breaking things on purpose: the workstation's store and sync engine in Chromium against a real hall-server
// process behind a fault-injecting proxy. After every fault, each confirmed case is on the hall exactly once and
// none is lost at the window.
import { expect } from '@open-wc/testing';
import { firstValueFrom, filter } from 'rxjs';
import { chinaDay, formatCaseNumber } from '@yichuang/core';
import { HttpHallClient } from '@yichuang/hall-client';
import { LOGINS, nextCase } from '../../packages/hall-client/test/support/fixtures.js';
import {
  cleanUp,
  confirmCases,
  expectExactlyOnce,
  hallCommand,
  makeCase,
  rows,
  startHall,
  statusWhen,
  workstation,
  type TestHall,
} from './support.js';

type Station = Awaited<ReturnType<typeof workstation>>;

/** What the window page of test/fault/fixtures/reload-window.html says to the test. */
interface WindowMessage {
  phase: string;
  ids?: string[];
  id?: string;
  error?: string;
  pending?: number;
}

/** A clerk's window page in an iframe, with its own store, that the test reloads at chosen moments. */
function windowFrame(hall: TestHall, mode: 'after-save' | 'during-save' | 'during-sync') {
  const store = `fault-reload-${mode}-${Date.now()}`;
  const messages: WindowMessage[] = [];
  const listener = (event: MessageEvent) => messages.push(event.data as WindowMessage);
  window.addEventListener('message', listener);
  const frame = document.createElement('iframe');
  frame.src = `/test/fault/fixtures/reload-window.html?mode=${mode}&hall=${encodeURIComponent(hall.url)}&store=${store}`;
  document.body.append(frame);
  const failure = () => messages.find((message) => message.phase === 'error');
  const waitFor = <T>(found: () => T | undefined, what: string, ms = 30_000) =>
    new Promise<T>((resolve, reject) => {
      const deadline = Date.now() + ms;
      const look = () => {
        const error = failure();
        if (error) return reject(new Error(error.error));
        const value = found();
        if (value !== undefined) return resolve(value);
        if (Date.now() > deadline) return reject(new Error(`the window page never said ${what}`));
        setTimeout(look, 5);
      };
      look();
    });
  return {
    store,
    /** The first message of `phase`. */
    next: (phase: string) => waitFor(() => messages.find((message) => message.phase === phase), phase),
    /** Resolves once `count` messages of `phase` arrived. */
    count: (phase: string, count: number) =>
      waitFor(() => (messages.filter((message) => message.phase === phase).length >= count ? true : undefined), phase),
    all: (phase: string) => messages.filter((message) => message.phase === phase),
    reload: () => frame.contentWindow!.location.reload(),
    remove: () => {
      window.removeEventListener('message', listener);
      frame.remove();
    },
  };
}

describe('sync under faults (real hall server)', function () {
  this.timeout(90_000);
  let hall: TestHall | undefined;
  let station: Station | undefined;

  afterEach(async () => {
    await cleanUp(hall, station);
    hall = undefined;
    station = undefined;
  });

  it('the server killed in the middle of a batch and restarted: every case once', async () => {
    hall = await startHall();
    station = await workstation(hall);
    const ids = await confirmCases(station.store, 300);
    // The first batch (100 cases) kills the server once it has applied the first of them (each mutation commits in
    // its own transaction): it dies with part of the batch applied, whatever the machine's speed.
    await hallCommand('proxy-kill-during', {
      id: hall.id,
      path: '/api/v1/sync',
      afterRows: { table: 'mutations', count: 1 },
    });
    const { engine } = station;
    engine.start();
    const down = await statusWhen(engine, (s) => s.state === 'offline' || s.state === 'backoff');
    expect(down.pending, 'the killed batch was not acknowledged').to.equal(300);
    const log = await hallCommand<{ path: string; outcome: unknown }[]>('proxy-log', { id: hall.id });
    expect(
      log.some((entry) => entry.outcome === 'killed'),
      'the server was killed during a sync',
    ).to.equal(true);
    // The killed batch was partly applied (the first batch is 100 cases; every one in its own transaction).
    const appliedBeforeRestart = await rows(hall, 'mutations');
    expect(appliedBeforeRestart, 'part of the batch applied before the kill').to.be.within(1, 99);
    console.log(`fault: ${appliedBeforeRestart} of the killed batch's 100 mutations were applied before the kill`);
    await hallCommand('hall-restart', { id: hall.id });
    await statusWhen(engine, (s) => s.pending === 0 && s.state === 'idle');
    await expectExactlyOnce(hall, station.store, ids);
  });

  it('the reply lost after the server applied the batch: the retry answers duplicate, nothing doubles', async () => {
    hall = await startHall();
    station = await workstation(hall);
    const ids = await confirmCases(station.store, 120);
    await hallCommand('proxy-drop-replies', { id: hall.id, path: '/api/v1/sync', count: 2 });
    const first = await station.engine.syncNow();
    expect(first.outcome, 'the first pass lost the reply').to.not.equal('done');
    // The server applied the lost batch before its reply was dropped.
    expect(await rows(hall, 'mutations')).to.be.greaterThan(0);
    station.engine.start();
    await statusWhen(station.engine, (s) => s.pending === 0 && s.state === 'idle');
    const log = await hallCommand<{ path: string; outcome: unknown }[]>('proxy-log', { id: hall.id });
    expect(log.filter((entry) => entry.outcome === 'dropped')).to.have.length(2);
    await expectExactlyOnce(hall, station.store, ids);
  });

  it('saves of a case chained on bases, replies lost: each applied once, on the version before it, none stale', async () => {
    hall = await startHall();
    station = await workstation(hall);
    const { store, engine } = station;
    /** Passes until the outbox is empty, or one fails. */
    const syncAll = async () => {
      let report = await engine.syncNow();
      while (report.outcome === 'done' && report.remaining > 0) report = await engine.syncNow();
      return report;
    };
    // Saved, then changed at the window before any sync: the store bases the change on the first save's mutation.
    const v1 = makeCase();
    const first = await store.saveCase(v1);
    const v2 = nextCase(v1);
    const second = await store.saveCase(v2);
    const others = await confirmCases(store, 8);
    const baseOf = async (id: string) => (await store.db.outbox.get(id))?.base;
    expect(await baseOf(first.mutationId), 'a new case has no base').to.equal(undefined);
    expect(await baseOf(second.mutationId)).to.deep.equal({ mutation: first.mutationId });

    // The first batch (the case's first save and the 8 others: one save per case in a batch) is applied, and its
    // reply lost.
    await hallCommand('proxy-drop-replies', { id: hall.id, path: '/api/v1/sync', count: 1 });
    expect((await engine.syncNow()).outcome, 'the first pass lost the reply').to.not.equal('done');
    expect(await rows(hall, 'mutations'), 'applied before the reply was lost').to.equal(9);
    expect(await store.caseVersion(v1.id), 'nothing acknowledged yet').to.equal(undefined);
    // Sent again: duplicates with the version each made; then the change, based on the first save, applies on it.
    expect(await syncAll()).to.include({ outcome: 'done', remaining: 0, parked: 0 });
    expect(await store.caseVersion(v1.id)).to.equal(2);
    expect(await rows(hall, 'mutations')).to.equal(10);

    // Changed again once acknowledged: based on the hall's version 2. Applied as version 3, the reply lost: the
    // retry, still based on version 2, is recognised by its id and answered duplicate, not stale.
    const v3 = nextCase(v2, { status: 'decided' }, { action: 'decide' });
    const third = await store.saveCase(v3);
    expect(await baseOf(third.mutationId)).to.deep.equal({ version: 2 });
    await hallCommand('proxy-drop-replies', { id: hall.id, path: '/api/v1/sync', count: 1 });
    expect((await engine.syncNow()).outcome, 'the reply of the third save was lost').to.not.equal('done');
    expect(await rows(hall, 'mutations')).to.equal(11);
    expect(await store.caseVersion(v1.id), 'version 3 not acknowledged yet').to.equal(2);
    expect(await syncAll()).to.include({ outcome: 'done', remaining: 0, parked: 0 });
    expect(await store.caseVersion(v1.id)).to.equal(3);
    const log = await hallCommand<{ path: string; outcome: unknown }[]>('proxy-log', { id: hall.id });
    expect(log.filter((entry) => entry.outcome === 'dropped')).to.have.length(2);

    const manager = new HttpHallClient({ baseUrl: hall.directUrl });
    await manager.login(LOGINS.manager);
    expect((await manager.getCase(v1.id))?.status, 'the hall holds the last change').to.equal('decided');
    await manager.logout();
    expect(await store.isCaseSynced(v1.id)).to.equal(true);
    expect((await firstValueFrom(engine.parked$)).length, 'nothing parked').to.equal(0);
    // The 8 others once each; the changed case once, applied by its 3 saves.
    await expectExactlyOnce(hall, store, others, { cases: 1, mutations: 3 });
  });

  it('the page reloaded between writing a case and sending it: the reloaded page sends it once', async () => {
    hall = await startHall();
    const frame = windowFrame(hall, 'after-save');
    try {
      const written = await frame.next('written');
      // Reload right after the clerk's saves were confirmed, before any sync ran in that page.
      frame.reload();
      const sent = await frame.next('sent');
      expect(sent.pending).to.equal(0);
      station = await workstation(hall, frame.store);
      await expectExactlyOnce(hall, station.store, written.ids!);
    } finally {
      frame.remove();
    }
  });

  it('the page reloaded in the middle of a save: every confirmed case is kept whole, none half', async () => {
    hall = await startHall();
    const frame = windowFrame(hall, 'during-save');
    try {
      await frame.next('saving');
      await frame.count('confirmed', 20);
      // The page saves without pause: the reload lands in the middle of one.
      frame.reload();
      await frame.next('sent');
      const confirmed = frame.all('confirmed').map((message) => message.id!);
      station = await workstation(hall, frame.store);
      // Whatever the reload interrupted was either stored whole (case and outbox entry) or not at all.
      const caseIds = (await station.store.db.cases.toArray()).map((row) => row.id).sort();
      const subjects = (await station.store.outbox.entries()).map((entry) => entry.subject).sort();
      expect(subjects, 'one outbox entry per stored case').to.deep.equal(caseIds);
      expect(caseIds, 'every confirmed case is stored').to.include.members(confirmed);
      await expectExactlyOnce(hall, station.store, caseIds);
    } finally {
      frame.remove();
    }
  });

  it('the page reloaded while a sync request was in flight: the next load finishes it, nothing doubles', async () => {
    hall = await startHall();
    const frame = windowFrame(hall, 'during-sync');
    try {
      const written = await frame.next('written');
      frame.reload();
      await frame.next('sending');
      await new Promise((resolve) => setTimeout(resolve, 15));
      frame.reload();
      const sent = await frame.next('sent');
      expect(frame.all('sent-before-reload'), 'the reload came before the sync ended').to.have.length(0);
      expect(sent.pending).to.equal(0);
      station = await workstation(hall, frame.store);
      await expectExactlyOnce(hall, station.store, written.ids!);
    } finally {
      frame.remove();
    }
  });

  it('the network cut and restored: cases confirmed offline reach the hall once it is back', async () => {
    hall = await startHall();
    station = await workstation(hall);
    const { engine, store } = station;
    const before = await confirmCases(store, 20);
    await hallCommand('proxy-cut', { id: hall.id });
    engine.start();
    const offline = await statusWhen(engine, (s) => s.state === 'offline' || s.state === 'backoff');
    expect(offline.pending).to.equal(20);
    expect(offline.error, 'the clerk sees why').to.not.equal(undefined);
    const during = await confirmCases(store, 30);
    await statusWhen(engine, (s) => s.pending === 50);
    expect(await rows(hall, 'cases')).to.equal(0);
    await hallCommand('proxy-restore', { id: hall.id });
    // No hint, no button: the engine finds the hall again by probing it.
    const back = await statusWhen(engine, (s) => s.pending === 0 && s.state === 'idle');
    expect(back.error).to.equal(undefined);
    expect(back.lastSuccessAt).to.be.a('string');
    await expectExactlyOnce(hall, store, [...before, ...during]);
  });

  it('a poison mutation among good ones is parked with its reason and blocks nothing', async () => {
    hall = await startHall();
    station = await workstation(hall);
    const { engine, store } = station;
    const good = await confirmCases(store, 10);
    // Valid at the window, refused by the hall: a case of another hall.
    const number = formatCaseNumber({ hall: 'OTHER01', date: chinaDay(Date.now()), window: '01', seq: 1 });
    const poison = await store.saveCase(makeCase({ hall: 'OTHER01', number }));
    good.push(...(await confirmCases(store, 10)));
    const report = await engine.syncNow();
    expect(report.parked).to.equal(1);
    const parked = await firstValueFrom(engine.parked$.pipe(filter((list) => list.length > 0)));
    expect(parked).to.have.length(1);
    expect(parked[0]!.id).to.equal(poison.mutationId);
    expect(parked[0]!.code).to.equal('forbidden');
    expect(parked[0]!.message).to.be.a('string').and.not.equal('');
    expect(await store.getCase(poison.case.id), 'the refused case is still at the window').to.not.equal(undefined);
    await expectExactlyOnce(hall, store, good);
  });
});
