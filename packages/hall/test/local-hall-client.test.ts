/**
 * The hall inside one browser (`LocalHallClient`): the shared contract, then what only a hall in one browser has to
 * get right — several tabs on one database, each with its own engine; streams and sessions across tabs; the China day
 * on an injected clock; seeding; attachment limits; login limits shared by every tab; answers in English.
 * What lies at rest and who holds which key: `local-hall-keys.test.ts`.
 */
import { expect } from '@open-wc/testing';
import { CatalogIndex, type Case } from '@yichuang/core';
import { demoHallSeed } from '@yichuang/hall';
import { LocalHallClient } from '@yichuang/hall/local.js';
import { SimulatedSmsGateway } from '@yichuang/devices';
import type { HallClient, HallEvent } from '@yichuang/hall-client';
import { collect, hallContract, hallErrorOf } from './contract/hall-contract.js';
import { LOGINS, makeCase, nextCase, saveCase } from '../../hall-client/test/support/fixtures.js';
import {
  TEST_ITERATIONS,
  fileOf,
  freshLocalHall,
  hallWithClock,
  lastEventId,
  rawCopy,
  readStores,
  testDatabaseName,
  testDatabasesLeft,
  until,
  wait,
  type LocalHall,
} from './local-hall-support.js';

// ---- helpers ----

/** The id of a ticket an event is about, if it is about one. */
const ticketOf = (event: HallEvent) =>
  event.type === 'ticket.issued' || event.type === 'ticket.called' ? event.data.ticket.id : undefined;

/** A case a manager takes in for clerk01 at window 01 (a manager's own line in its trail). */
function managersCase(): Case {
  const value = makeCase();
  return { ...value, audit: value.audit.map((line) => ({ ...line, actor: 'manager01' })) };
}

/** The number of files a hall holds, read raw from its files database. */
async function filesHeld(hall: LocalHall): Promise<number> {
  return (await rawCopy(hall.databaseName)).files.length;
}

// ---- the contract ----

hallContract('LocalHallClient', freshLocalHall);

// ---- what only the hall inside one browser does ----

after(async () => {
  expect(await testDatabasesLeft()).to.deep.equal([]);
});

describe('LocalHallClient', function () {
  this.timeout(30_000);
  let hall: LocalHall | undefined;
  afterEach(async () => {
    await hall?.dispose();
    hall = undefined;
  });

  describe('several tabs on one hall', () => {
    it('applies a mutation sent from two tabs at once exactly once', async () => {
      hall = await freshLocalHall();
      // A manager's outbox, sent by two of their tabs at the same moment; a third tab watches.
      const [tab1, tab2, watcher] = await Promise.all([hall.as('manager'), hall.as('manager'), hall.as('manager')]);
      const value = managersCase();
      const mutation = saveCase(value);
      const from = await lastEventId(hall.databaseName);
      const [[a], [b]] = await Promise.all([tab1.sync([mutation]), tab2.sync([mutation])]);
      expect([a?.status, b?.status].sort()).to.deep.equal(['applied', 'duplicate']);
      const stamp = (result: typeof a) => result && 'appliedAt' in result && [result.appliedAt, result.eventId];
      expect(stamp(a)).to.deep.equal(stamp(b));

      const replay = collect(watcher.events(from), (events) => events.length >= 1);
      await replay.until;
      await wait(100);
      replay.stop();
      expect(replay.events.map((e) => e.type)).to.deep.equal(['case.saved']);
      expect((await watcher.statistics()).cases.total).to.equal(1);
      expect((await tab2.getCase(value.id))?.applicant.name).to.equal('刘洋');
    });

    it('numbers tickets issued from several tabs without a gap or a repeat', async () => {
      hall = await freshLocalHall();
      const tabs = await Promise.all([hall.as('kiosk'), hall.as('kiosk'), hall.as('clerk')]);
      const tickets = await Promise.all(
        tabs.flatMap((tab) => Array.from({ length: 8 }, () => tab.issueTicket({ category: 'A' }))),
      );
      const numbers = tickets.map((t) => t.number).sort();
      expect(numbers).to.deep.equal(Array.from({ length: 24 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`));
      expect((await tabs[2]!.queue()).tickets).to.have.length(24);
    });

    it('delivers every event once and in order while several tabs write, the watching tab too', async () => {
      hall = await freshLocalHall();
      const watcher = await hall.as('clerk');
      const writers = await Promise.all([hall.as('kiosk'), hall.as('kiosk'), hall.as('clerk2')]);
      const from = await lastEventId(hall.databaseName);
      const live = collect(watcher.events(from), (events) => events.length >= 41, 20_000);
      await Promise.all([
        ...[...writers, watcher].flatMap((w) => Array.from({ length: 10 }, () => w.issueTicket({ category: 'B' }))),
        watcher.sync([saveCase(makeCase())]),
      ]);
      const seen = await live.until;
      await wait(100);
      live.stop();
      const ids = seen.map((e) => e.id);
      expect(ids).to.deep.equal([...ids].sort((x, y) => x - y));
      expect(new Set(ids).size).to.equal(41);
      expect(live.events).to.have.length(41);
      // The same as a replay from the log.
      const replay = collect(watcher.events(from), (events) => events.length >= 41);
      expect((await replay.until).map((e) => e.id)).to.deep.equal(ids);
      replay.stop();
    });

    it('reads a notice that arrives out of sequence back from the log instead of trusting it', async () => {
      hall = await freshLocalHall();
      const watcher = await hall.as('clerk');
      const from = await lastEventId(hall.databaseName);
      const live = collect(watcher.events(from), () => false, 60_000);
      const channel = new BroadcastChannel(hall.databaseName);
      try {
        // Forged notices: events that are not in the log, in the tabs' format and in the old one.
        const forged = { id: from + 1, type: 'case.saved', at: new Date().toISOString(), data: { caseId: 'forged' } };
        channel.postMessage({ type: 'events', events: [forged] });
        channel.postMessage(forged);
        channel.postMessage({ type: 'events' });
        await wait(200);
        expect(live.events).to.deep.equal([]);

        // A tab whose notices never reach this one (another channel) writes first; the notice of a later event
        // arrives before anything told of the first: both are read from the log, in order.
        const silent = hall.client();
        await silent.login(LOGINS.kiosk);
        const unannounced = hall.client({ channelName: `${hall.databaseName}-elsewhere` });
        await unannounced.login(LOGINS.kiosk);
        const first = await unannounced.issueTicket({ category: 'A' });
        const second = await silent.issueTicket({ category: 'A' });
        // The same notice again, late: nothing twice.
        channel.postMessage({ type: 'events' });
        channel.postMessage({ type: 'events' });
        await until(() => live.events.length >= 2);
        await wait(200);
        expect(live.events.map(ticketOf)).to.deep.equal([first.id, second.id]);
        expect(live.events.map((e) => e.id)).to.deep.equal([from + 1, from + 2]);
      } finally {
        channel.close();
        live.stop();
      }
    });
  });

  describe('event streams', () => {
    it('stops a stream when unsubscribed, and every stream of a client when it closes', async () => {
      hall = await freshLocalHall();
      const kiosk = await hall.as('kiosk');
      const watcher = await hall.as('display');
      const from = await lastEventId(hall.databaseName);
      const first = collect(watcher.events(from), () => false, 60_000);
      const second = collect(watcher.events(from), () => false, 60_000);
      let completed = false;
      const third = watcher.events(from).subscribe({ complete: () => (completed = true) });
      await kiosk.issueTicket({ category: 'A' });
      await until(() => first.events.length === 1 && second.events.length === 1);

      first.stop();
      await kiosk.issueTicket({ category: 'A' });
      await until(() => second.events.length === 2);
      await wait(100);
      expect(first.events).to.have.length(1);

      watcher.close();
      expect(completed).to.equal(true);
      expect(third.closed).to.equal(true);
      await kiosk.issueTicket({ category: 'A' });
      await wait(200);
      expect(second.events).to.have.length(2);
      second.stop();
    });

    it('ends a session whose time is up, and its stream with 401 before it delivers anything more', async () => {
      const { hall: timed, clock } = await hallWithClock({ limits: { sessionMs: 60_000 } });
      hall = timed;
      const clerk = await hall.as('clerk');
      expect(Date.parse(clerk.session!.expiresAt)).to.equal(clock.now + 60_000);
      const stream = collect(clerk.events(await lastEventId(hall.databaseName)), () => false, 20_000);
      const kiosk = await hall.as('kiosk');
      await kiosk.issueTicket({ category: 'A' });
      await until(() => stream.events.length === 1);
      await clerk.queue();

      clock.now += 60_001;
      const ended = await hallErrorOf(clerk.queue());
      expect([ended.status, ended.code, ended.message]).to.deep.equal([
        401,
        'unauthenticated',
        '登录已失效，请重新登录',
      ]);
      // A device that logged in since writes: the clerk's stream ends instead of showing it.
      await (await hall.as('kiosk')).issueTicket({ category: 'A' });
      const error = await hallErrorOf(stream.until);
      expect([error.status, error.code]).to.deep.equal([401, 'unauthenticated']);
      expect(stream.events).to.have.length(1);
      const again = await hallErrorOf(collect(clerk.events(), () => false).until);
      expect(again.status).to.equal(401);
    });

    it('ends this tab’s stream when its session ends in another tab: take-over, logout, revocation, reset', async () => {
      const local = await freshLocalHall();
      hall = local;
      const from = await lastEventId(local.databaseName);
      const kiosk = await local.as('kiosk');
      const manager = await local.as('manager');
      await kiosk.issueTicket({ category: 'A' });
      const [clerk01, clerk02, clerk03, display] = await Promise.all(
        (['clerk', 'clerk2', 'clerk3', 'display'] as const).map((who) => local.as(who)),
      );
      const reset = { name: '赵敏', role: 'clerk', windows: ['03'], password: 'reset-by-manager-1' } as const;
      const causes: [string, HallClient, () => Promise<unknown>][] = [
        ['window 01 taken over', clerk01!, () => local.client().login({ ...LOGINS.clerk, takeOver: true })],
        [
          'logged out in another tab of the same app, which holds the session’s token',
          clerk02!,
          async () => {
            const other = await local.engine();
            await other.logout(await other.authenticate(clerk02!.session!.token, 'logout', 'zh-CN'));
          },
        ],
        ['password reset by a manager', clerk03!, () => manager.saveAccount('clerk03', { ...reset, windows: ['03'] })],
        ['device revoked by a manager', display!, () => manager.revokeDevice('display-1')],
      ];
      for (const [cause, tab, end] of causes) {
        const stream = collect(tab.events(from), () => false, 20_000);
        await until(() => stream.events.length === 1); // live: it has the ticket issued before
        await end();
        const error = await hallErrorOf(stream.until);
        expect([error.status, error.code], cause).to.deep.equal([401, 'unauthenticated']);
        expect((await hallErrorOf(tab.queue())).status, cause).to.equal(401);
      }
      // The manager's own stream goes on.
      const stays = collect(manager.events(from), (events) => events.length >= 2);
      await kiosk.issueTicket({ category: 'A' });
      expect((await stays.until).map((e) => e.type)).to.deep.equal(['ticket.issued', 'ticket.issued']);
      stays.stop();
    });
  });

  describe('the China day', () => {
    it('numbers tickets afresh on a new China day, and shows and calls only today’s queue', async () => {
      const { hall: timed, clock } = await hallWithClock();
      hall = timed;
      clock.now = Date.parse('2026-11-26T15:58:00Z'); // 23:58 in Beijing
      const kiosk = await hall.as('kiosk');
      const display = await hall.as('display');
      const clerk = await hall.as('clerk');
      expect((await kiosk.issueTicket({ category: 'A' })).number).to.equal('A001');
      expect((await kiosk.issueTicket({ category: 'A' })).number).to.equal('A002');
      expect((await kiosk.issueTicket({ category: 'B' })).number).to.equal('B001');

      clock.now = Date.parse('2026-11-26T16:01:00Z'); // 00:01 the next day
      expect((await display.queue()).tickets).to.deep.equal([]);
      expect(await clerk.callNext({ window: '01' })).to.equal(undefined);
      const tomorrow = await kiosk.issueTicket({ category: 'A' });
      expect(tomorrow.number).to.equal('A001');
      expect((await kiosk.issueTicket({ category: 'B' })).number).to.equal('B001');
      expect((await display.queue()).tickets.map((t) => t.number)).to.deep.equal(['A001', 'B001']);
      const called = await clerk.callNext({ window: '01' });
      expect([called?.id, called?.number]).to.deep.equal([tomorrow.id, 'A001']);
      const manager = await hall.as('manager');
      expect((await manager.statistics()).tickets).to.deep.equal({
        issued: 2,
        waiting: 1,
        called: 1,
      });
    });
  });

  describe('setting a hall up', () => {
    it('seeds a hall once: a second seed, from another tab too, changes nothing and answers false', async () => {
      hall = await freshLocalHall();
      const demo = await demoHallSeed();
      const other = hall.client();
      expect(await other.seedDemo()).to.equal(false);
      const changed = {
        ...demo,
        name: '另一个大厅',
        accounts: [
          { user: 'clerk01', password: 'another-password', role: 'clerk' as const, name: '冒名', window: '01' },
        ],
        devices: [],
      };
      expect(await hall.client().seed(changed)).to.equal(false);
      const wrongHall = await hallErrorOf(other.seed({ ...demo, code: 'OTHER1' }));
      expect([wrongHall.status, wrongHall.code]).to.deep.equal([400, 'invalid']);

      // What the first seed set up is what the hall has.
      const refused = await hallErrorOf(hall.client().login({ user: 'clerk01', password: 'another-password' }));
      expect(refused.status).to.equal(401);
      expect((await hall.as('clerk')).session?.name).to.equal('王晓雨');
      expect((await hall.as('kiosk')).session?.subject).to.equal('kiosk-1');
      const settings = await (await hall.as('manager')).settings();
      expect(settings.hall.name).to.equal(demo.name);
      expect(settings.accounts.map((a) => a.user)).to.include.members(['clerk02', 'manager01']);
    });

    it('answers 503 before it is seeded; of two tabs seeding at once one does, and a tab open before logs in', async () => {
      const databaseName = testDatabaseName('empty');
      const tab = () => new LocalHallClient({ hall: 'TJHP01', databaseName, iterations: TEST_ITERATIONS });
      const tabs = [tab(), tab(), tab()];
      const [early, seeder1, seeder2] = tabs as [LocalHallClient, LocalHallClient, LocalHallClient];
      try {
        for (const login of [LOGINS.clerk, LOGINS.kiosk]) {
          const unseeded = await hallErrorOf(early.login(login));
          expect([unseeded.status, unseeded.code, unseeded.transient, unseeded.message]).to.deep.equal([
            503,
            'unavailable',
            true,
            '大厅尚未初始化',
          ]);
        }
        expect((await Promise.all([seeder1.seedDemo(), seeder2.seedDemo()])).sort()).to.deep.equal([false, true]);
        // Each tab opens the hall with the keys of the seed that won, the tab that saw it empty too.
        expect((await seeder1.login(LOGINS.manager)).role).to.equal('manager');
        expect((await seeder2.login(LOGINS.kiosk)).role).to.equal('kiosk');
        expect((await early.login(LOGINS.clerk)).subject).to.equal('clerk01');
        expect((await tab().login(LOGINS.pad)).role).to.equal('rating-pad');
        const value = makeCase();
        expect((await early.sync([saveCase(value)]))[0]?.status).to.equal('applied');
        expect((await seeder1.getCase(value.id))?.applicant.name).to.equal('刘洋');
      } finally {
        for (const client of tabs) client.close();
        await LocalHallClient.deleteHall(databaseName);
      }
    });

    it('opens the demo hall with a factory, named after the hall unless told otherwise, its catalog with pinyin', async () => {
      const named = new LocalHallClient({ hall: 'TJHP01' });
      expect([named.databaseName, named.channelName]).to.deep.equal([
        'yichuang-local-hall-TJHP01',
        'yichuang-local-hall-TJHP01',
      ]);
      named.close();
      const databaseName = testDatabaseName('demo');
      const demo = await LocalHallClient.demo({ databaseName, iterations: TEST_ITERATIONS });
      const again = await LocalHallClient.demo({ databaseName, iterations: TEST_ITERATIONS });
      try {
        expect([demo.hallCode, demo.databaseName]).to.deep.equal(['TJHP01', databaseName]);
        expect((await demo.health()).hall).to.equal('TJHP01');
        expect((await demo.login(LOGINS.manager)).role).to.equal('manager');
        // Opening it again changes nothing: the same people, the same keys.
        expect((await again.login(LOGINS.clerk)).role).to.equal('clerk');
        const value = makeCase();
        expect((await again.sync([saveCase(value)]))[0]?.status).to.equal('applied');
        expect((await demo.getCase(value.id))?.applicant.name).to.equal('刘洋');
        const snapshot = await again.catalog();
        const hits = new CatalogIndex(snapshot!.catalog).search('ylbx').hits;
        expect(hits.some((hit) => hit.kind === 'item' && hit.item.name.includes('医疗保险'))).to.equal(true);
        expect(snapshot!.catalog.items.every((item) => Array.isArray(item.pinyin) && item.pinyin.length > 0)).to.equal(
          true,
        );
      } finally {
        demo.close();
        again.close();
        await LocalHallClient.deleteHall(databaseName);
      }
    });
  });

  describe('attachments and cancelled calls', () => {
    it('refuses an attachment over the size limit, and stores nothing of it', async () => {
      hall = await freshLocalHall({ limits: { maxAttachmentBytes: 10 } });
      const clerk = await hall.as('clerk');
      const big = await fileOf('0123456789A');
      const error = await hallErrorOf(clerk.putAttachment(big.sha256, big.file));
      expect([error.status, error.code, error.message]).to.deep.equal([413, 'too-large', '请求内容过大，上限为 10 B']);
      expect(await clerk.hasAttachment(big.sha256)).to.equal(false);
      expect(await filesHeld(hall)).to.equal(0);
      const fits = await fileOf('0123456789');
      await clerk.putAttachment(fits.sha256, fits.file);
      expect(await filesHeld(hall)).to.equal(1);
    });

    it('refuses an attachment past the quota and stores nothing of it, also from two tabs at once', async () => {
      hall = await freshLocalHall({ limits: { attachmentQuotaBytes: 25 } });
      const clerk = await hall.as('clerk');
      const [a, b, c] = await Promise.all(['scan-0001a', 'scan-0002b', 'scan-0003c'].map(fileOf));
      await clerk.putAttachment(a!.sha256, a!.file);
      await clerk.putAttachment(b!.sha256, b!.file);
      const full = await hallErrorOf(clerk.putAttachment(c!.sha256, c!.file));
      expect([full.status, full.code, full.message]).to.deep.equal([
        413,
        'too-large',
        '大厅附件存储已达上限（25 B），请联系管理人员',
      ]);
      expect(await clerk.hasAttachment(c!.sha256)).to.equal(false);
      expect(await filesHeld(hall)).to.equal(2);

      // Two tabs, room for one file: one is stored, the other refused, and its bytes are not kept.
      const race = await freshLocalHall({ limits: { attachmentQuotaBytes: 15 } });
      try {
        const tabs = await Promise.all([race.as('clerk'), race.as('clerk2')]);
        const outcomes = await Promise.allSettled([
          tabs[0]!.putAttachment(a!.sha256, a!.file),
          tabs[1]!.putAttachment(b!.sha256, b!.file),
        ]);
        expect(outcomes.map((o) => o.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
        const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
        expect((refused.reason as { status?: number }).status).to.equal(413);
        expect((await rawCopy(race.databaseName)).files.map((f) => f.sha256)).to.have.length(1);
        expect((await readStores(race.databaseName)).attachments).to.have.length(1);
      } finally {
        await race.dispose();
      }
    });

    it('refuses a call whose signal is already aborted, and does nothing of it', async () => {
      hall = await freshLocalHall();
      const clerk = await hall.as('clerk');
      const controller = new AbortController();
      controller.abort();
      const value = makeCase();
      const aborted = await hallErrorOf(clerk.sync([saveCase(value)], controller.signal));
      expect([aborted.code, aborted.status, aborted.transient, aborted.message]).to.deep.equal([
        'aborted',
        0,
        false,
        '操作已取消',
      ]);
      expect(await clerk.getCase(value.id)).to.equal(undefined);
      const scan = await fileOf('SCAN-OF-A-FORM');
      expect((await hallErrorOf(clerk.putAttachment(scan.sha256, scan.file, controller.signal))).code).to.equal(
        'aborted',
      );
      expect(await clerk.hasAttachment(scan.sha256)).to.equal(false);
      expect(await filesHeld(hall)).to.equal(0);
      expect((await hallErrorOf(clerk.health(controller.signal))).code).to.equal('aborted');
      expect(await clerk.health(new AbortController().signal)).to.have.property('status', 'ok');
    });
  });

  describe('login limits', () => {
    it('holds a user back in every tab after 5 failed logins, until the first of them is 15 minutes old', async () => {
      const { hall: timed, clock } = await hallWithClock({ locale: 'en-US' });
      hall = timed;
      for (let i = 0; i < 5; i++) {
        // Each from a tab of its own: the count is the hall's, not the tab's.
        const wrong = await hallErrorOf(hall.client().login({ ...LOGINS.clerk, password: `guess-${i}` }));
        expect(wrong.status).to.equal(401);
        clock.now += 60_000;
      }
      const error = await hallErrorOf(hall.client().login(LOGINS.clerk));
      expect([error.status, error.code, error.transient, error.message]).to.deep.equal([
        429,
        'rate-limited',
        true,
        'Too many failed logins: try again in 10 minute(s)',
      ]);
      // Other people are not held back.
      expect((await hall.client().login(LOGINS.clerk2)).subject).to.equal('clerk02');
      clock.now += 10 * 60_000 - 1;
      expect((await hallErrorOf(hall.client().login(LOGINS.clerk))).status).to.equal(429);
      clock.now += 1;
      expect((await hall.client().login(LOGINS.clerk)).subject).to.equal('clerk01');
    });

    it('counts guesses sent at once: of 8 from 8 tabs only 5 are tried', async () => {
      hall = await freshLocalHall();
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => hallErrorOf(hall!.client().login({ ...LOGINS.clerk2, password: 'guess' }))),
      );
      expect(answers.map((error) => error.status).sort()).to.deep.equal([401, 401, 401, 401, 401, 429, 429, 429]);
      expect((await hallErrorOf(hall.client().login(LOGINS.clerk2))).status).to.equal(429);
    });
  });

  describe('language', () => {
    it('answers in English when asked, in the hall server’s words', async () => {
      hall = await freshLocalHall({ locale: 'en-US' });
      const error = await hallErrorOf(hall.client().login({ user: 'clerk01', password: 'wrong-password' }));
      expect(error.message).to.equal('Wrong user name or password');
      const device = await hallErrorOf(hall.client().login({ deviceToken: 'demo-kiosk-token-0002' }));
      expect(device.message).to.equal('Unknown device token: enrol the device again');
      const kiosk = await hall.as('kiosk');
      expect((await hallErrorOf(kiosk.statistics())).message).to.equal('Your role (Ticket kiosk) may not do this');
      const clerk = await hall.as('clerk');
      const taken = await hallErrorOf(hall.client().login(LOGINS.clerk));
      expect(taken.message).to.equal(
        'Someone is logged in at window 01: take the window over to log in (they will be logged out)',
      );
      expect((await hallErrorOf(clerk.callNext({ window: '02' }))).message).to.equal(
        'You may only call tickets for your own window 01',
      );
      const value = makeCase();
      expect((await clerk.sync([saveCase(value)]))[0]?.status).to.equal('applied');
      const [stale] = await clerk.sync([saveCase(nextCase(value))]);
      expect(stale).to.deep.include({
        status: 'rejected',
        code: 'conflict',
        message:
          'The hall holds version 1 of this case; this save was based on an older one and was not applied. Reload the case and do it again',
      });
      const scan = await fileOf('scan');
      const mismatch = await hallErrorOf(clerk.putAttachment('0'.repeat(64), scan.file));
      expect(mismatch.message).to.equal(
        `The attachment does not hash to its name (it hashes to ${scan.sha256}); nothing was stored`,
      );
      await hall.client().login({ ...LOGINS.clerk, takeOver: true });
      expect((await hallErrorOf(clerk.queue())).message).to.equal('Your session has ended: log in again');
      await clerk.logout();
      expect((await hallErrorOf(clerk.queue())).message).to.equal('Log in first');
    });
  });

  describe('telling applicants', () => {
    it('sends the result notice through the hall’s gateway, and records it in the case once sent', async () => {
      const gateway = new SimulatedSmsGateway();
      hall = await freshLocalHall({ notifier: gateway });
      const clerk = await hall.as('clerk');
      const value = makeCase();
      expect((await clerk.sync([saveCase(value)]))[0]?.status).to.equal('applied');
      const sent = nextCase(value);
      expect((await clerk.sync([saveCase(sent, undefined, { version: 1 })]))[0]?.status).to.equal('applied');
      const result = {
        outcome: 'granted' as const,
        name: '参保登记确认',
        department: '和平区人力资源和社会保障局',
        decidedAt: new Date(Date.now() - 60_000).toISOString(),
      };
      expect(await clerk.recordResult(value.id, { result })).to.deep.include({ notified: 'sent', version: 4 });
      expect(gateway.sent.map((m) => [m.to, m.text])).to.deep.equal([
        [
          '13812345678',
          `【和平区政务服务中心】您的办件 ${value.number} 已办结（参保登记确认），请携带本人身份证件到任一综合窗口领取。`,
        ],
      ]);
      expect((await clerk.getCase(value.id))?.audit.at(-1)).to.deep.include({
        action: 'notify-result',
        actor: 'clerk01',
      });

      // A gateway that fails loses nothing: the result stands, and the case says nobody was told.
      gateway.failing = true;
      const other = makeCase();
      expect((await clerk.sync([saveCase(other)]))[0]?.status).to.equal('applied');
      expect((await clerk.sync([saveCase(nextCase(other), undefined, { version: 1 })]))[0]?.status).to.equal('applied');
      expect(await clerk.recordResult(other.id, { result })).to.deep.include({ notified: 'failed', version: 3 });
      const stored = await clerk.getCase(other.id);
      expect(stored?.status).to.equal('result-ready');
      expect(stored?.audit.map((e) => e.action)).not.to.include('notify-result');
    });

    it('lists the forwarded cases a department adapter would decide; without a hall key it records none', async () => {
      hall = await freshLocalHall();
      const clerk = await hall.as('clerk');
      const value = makeCase();
      expect((await clerk.sync([saveCase(value)]))[0]?.status).to.equal('applied');
      expect((await clerk.sync([saveCase(nextCase(value), undefined, { version: 1 })]))[0]?.status).to.equal('applied');
      const engine = await hall.engine();
      const later = new Date(Date.now() + 60_000).toISOString();
      expect((await engine.awaitingResults(later)).map((c) => [c.caseId, c.number])).to.deep.equal([
        [value.id, value.number],
      ]);
      expect(await engine.awaitingResults('2000-01-01T00:00:00.000Z')).to.deep.equal([]);
      // The hall inside one browser has no key of its own (only people's logins open it): no adapter can record.
      const refused = await hallErrorOf(
        engine.recordDepartmentResult(value.id, 'dept-sim', {
          outcome: 'granted',
          name: '参保登记确认',
          department: '和平区人力资源和社会保障局',
          decidedAt: new Date().toISOString(),
        }),
      );
      expect(refused.code).to.equal('forbidden');
      expect((await clerk.getCase(value.id))?.status).to.equal('forwarded');
    });
  });
});
