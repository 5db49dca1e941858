/**
 * The HallClient contract: one suite of mocha tests that every implementation must pass (LocalHallClient, the
 * HttpHallClient against the reference hall server, a district's own client). Call {@link hallContract} from a
 * test file with a factory of fresh halls seeded with the demo hall.
 */
import { expect } from '@open-wc/testing';
import { CatalogIndex, ulid, type Ticket } from '@yichuang/core';
import { DEMO_HALL } from '@yichuang/demo-catalog';
import type { HallClient, MutationResult } from '@yichuang/hall-client';
import {
  HALL_CODE,
  LOGINS,
  UNKNOWN_RESIDENT_ID,
  canonicalJson,
  makeCase,
  makeRating,
  nextCase,
  sampleBytes,
  saveCase,
  saveRating,
  sha256Of,
  type Who,
} from '../../../hall-client/test/support/fixtures.js';
import { collect, hallErrorOf } from '../../../hall-client/test/support/assertions.js';
import { trustContract } from './trust.js';
import { settingsContract } from './settings.js';
import { queueContract } from './queue.js';
import { queueReportContract } from './queue-report.js';
import { followUpContract } from './followups.js';
import { commitmentContract } from './commitments.js';
import { resultContract } from './results.js';

export { collect, hallErrorOf };

/** A hall under test: fresh, seeded with the demo hall, and its clients. */
export interface HallUnderTest {
  /** A new client of this hall, logged out, with a session of its own once it logs in. */
  client(): HallClient;
  /** Ends the hall and removes what it stored. */
  dispose(): Promise<void>;
}

/** Asserts a mutation was applied, and answers its result. */
export const applied = (result: MutationResult | undefined) => {
  expect(result?.status, JSON.stringify(result)).to.equal('applied');
  return result as MutationResult & { status: 'applied' };
};

/** The clients of one describe block's hall: fresh ones, and ones logged in as someone. */
export interface HallUse {
  client(): HallClient;
  /** A client logged in as `who`; a clerk takes the window over from an earlier client of the block. */
  as(who: Who): Promise<HallClient>;
}

/** A hall for the tests of one describe block (created before them, disposed after). */
export function useHallOf(freshHall: () => Promise<HallUnderTest>): HallUse {
  const state: { hall?: HallUnderTest } = {};
  const clients: HallClient[] = [];
  before(async () => {
    state.hall = await freshHall();
  });
  after(async () => {
    for (const client of clients) await client.logout().catch(() => undefined);
    await state.hall?.dispose();
  });
  return {
    client(): HallClient {
      const client = state.hall!.client();
      clients.push(client);
      return client;
    },
    async as(who: Who): Promise<HallClient> {
      const client = this.client();
      const login = LOGINS[who];
      await client.login('user' in login ? { ...login, takeOver: true } : login);
      return client;
    },
  };
}

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Defines the contract tests.
 *
 * @param label names the implementation in the test titles.
 * @param freshHall a new hall each call, seeded with `DEMO_HALL` and the demo catalog.
 */
export function hallContract(label: string, freshHall: () => Promise<HallUnderTest>): void {
  describe(`HallClient contract — ${label}`, function () {
    this.timeout(60_000);

    const useHall = () => useHallOf(freshHall);

    describe('health and session', () => {
      const hall = useHall();

      it('answers health without a session', async () => {
        const health = await hall.client().health();
        expect(health.status).to.equal('ok');
        expect(health.hall).to.equal(HALL_CODE);
        expect(health.catalogVersion).to.be.a('string').with.length.greaterThan(0);
        expect(Number.isNaN(Date.parse(health.time))).to.equal(false);
      });

      it('logs a clerk in at the clerk’s window and keeps the session', async () => {
        const client = hall.client();
        expect(client.session).to.equal(undefined);
        const session = await client.login(LOGINS.clerk);
        expect(session.role).to.equal('clerk');
        expect(session.subject).to.equal('clerk01');
        expect(session.name).to.equal(DEMO_HALL.accounts[0]!.name);
        expect(session.hall).to.equal(HALL_CODE);
        expect(session.window).to.equal('01');
        expect(session.windows).to.deep.equal(['01']);
        expect(session.caseNumbers).to.deep.include({ hall: HALL_CODE, window: '01', seq: 0 });
        expect(session.token).to.be.a('string').with.length.greaterThan(15);
        expect(Date.parse(session.expiresAt)).to.be.greaterThan(Date.now());
        expect(client.session).to.deep.equal(session);
      });

      it('logs a manager and devices in with their roles', async () => {
        expect((await hall.client().login(LOGINS.manager)).role).to.equal('manager');
        const kiosk = await hall.client().login(LOGINS.kiosk);
        expect([kiosk.role, kiosk.subject]).to.deep.equal(['kiosk', 'kiosk-1']);
        expect((await hall.client().login(LOGINS.display)).role).to.equal('display');
        const pad = await hall.client().login(LOGINS.pad);
        expect([pad.role, pad.window]).to.deep.equal(['rating-pad', '01']);
      });

      it('refuses a wrong password or an unknown user or device with 401, and keeps no session', async () => {
        for (const login of [
          { user: 'clerk01', password: 'not-the-password' },
          { user: 'nobody-here', password: 'yichuang-demo' },
          { deviceToken: 'no-such-device-token-0000' },
        ]) {
          const client = hall.client();
          const error = await hallErrorOf(client.login(login));
          expect([error.status, error.code, error.transient]).to.deep.equal([401, 'unauthenticated', false]);
          expect(error.message).to.not.contain(login.user === 'nobody-here' ? 'nobody' : 'password:');
          expect(client.session).to.equal(undefined);
        }
      });

      it('refuses every device token altered in one character with 401, and keeps no session', async () => {
        for (const { token } of DEMO_HALL.devices) {
          for (const altered of [`x${token.slice(1)}`, token.toUpperCase(), `${token.slice(0, -1)}#`]) {
            const client = hall.client();
            const error = await hallErrorOf(client.login({ deviceToken: altered }));
            expect([error.status, error.code], altered).to.deep.equal([401, 'unauthenticated']);
            expect(client.session).to.equal(undefined);
          }
        }
      });

      it('refuses a malformed login as invalid with the problem of each field', async () => {
        const error = await hallErrorOf(hall.client().login({ user: '', password: '' }));
        expect([error.status, error.code]).to.deep.equal([400, 'invalid']);
        expect(error.issues.length).to.be.greaterThan(0);
      });

      it('answers 401 to a call without a session and after logout', async () => {
        const client = hall.client();
        expect((await hallErrorOf(client.catalog())).status).to.equal(401);
        await client.login({ ...LOGINS.clerk, takeOver: true });
        await client.queue();
        await client.logout();
        expect(client.session).to.equal(undefined);
        const error = await hallErrorOf(client.queue());
        expect([error.status, error.code]).to.deep.equal([401, 'unauthenticated']);
      });

      it('answers 403 forbidden to a role a route does not allow', async () => {
        const kiosk = await hall.as('kiosk');
        const display = await hall.as('display');
        const clerk = await hall.as('clerk');
        const pad = await hall.as('pad');
        const refusals = [
          () => kiosk.sync([saveCase(makeCase())]),
          () => kiosk.lookupLicences('120101198506201519'),
          () => display.issueTicket({ category: 'A' }),
          () => kiosk.callNext({ window: '01' }),
          () => clerk.statistics(),
          () => pad.catalog(),
          () => pad.putAttachment('0'.repeat(64), new Blob(['x'])),
        ];
        for (const refusal of refusals) {
          const error = await hallErrorOf(refusal());
          expect([error.status, error.code, error.transient]).to.deep.equal([403, 'forbidden', false]);
        }
      });
    });

    describe('messages', () => {
      const hall = useHall();

      it('words a wrong password and a refused role as every hall does, in zh-CN by default', async () => {
        const wrong = await hallErrorOf(hall.client().login({ user: 'clerk01', password: 'not-the-password' }));
        expect([wrong.code, wrong.message]).to.deep.equal(['unauthenticated', '用户名或密码不正确']);
        const kiosk = await hall.as('kiosk');
        const refused = await hallErrorOf(kiosk.lookupLicences('120101198506201519'));
        expect([refused.code, refused.message]).to.deep.equal(['forbidden', '当前身份（自助取号机）无权进行此操作']);
        const clerk = await hall.as('clerk');
        const notManager = await hallErrorOf(clerk.statistics());
        expect(notManager.message).to.equal('当前身份（窗口人员）无权进行此操作');
      });
    });

    describe('login limits', () => {
      const hall = useHall();

      it('refuses a user name for a while after 5 failed logins, with 429 rate-limited, and not the others', async () => {
        const clerk03 = { user: 'clerk03', password: 'yichuang-demo' };
        for (let i = 0; i < 5; i++) {
          const error = await hallErrorOf(hall.client().login({ ...clerk03, password: `guess-${i}` }));
          expect([error.status, error.code], `failure ${i + 1}`).to.deep.equal([401, 'unauthenticated']);
        }
        // Even the right password: it is not tried.
        const client = hall.client();
        const error = await hallErrorOf(client.login(clerk03));
        expect([error.status, error.code, error.transient]).to.deep.equal([429, 'rate-limited', true]);
        expect(error.message).to.contain('15');
        expect(client.session).to.equal(undefined);
        // Another user logs in as usual.
        expect((await hall.client().login(LOGINS.clerk2)).subject).to.equal('clerk02');
      });

      it('clears the count of a user who logs in', async () => {
        for (let round = 0; round < 2; round++) {
          for (let i = 0; i < 4; i++) {
            const error = await hallErrorOf(hall.client().login({ ...LOGINS.clerk, password: 'not-the-password' }));
            expect(error.status).to.equal(401);
          }
          const session = await hall.client().login({ ...LOGINS.clerk, takeOver: true });
          expect(session.subject, `round ${round}`).to.equal('clerk01');
        }
      });
    });

    describe('catalog', () => {
      const hall = useHall();

      it('gives the catalog with its version and holidays, and nothing new for the version held', async () => {
        const clerk = await hall.as('clerk');
        const { catalogVersion } = await clerk.health();
        const snapshot = await clerk.catalog();
        expect(snapshot?.version).to.equal(catalogVersion);
        expect(snapshot?.catalog.items.length).to.be.greaterThan(10);
        expect(snapshot?.holidays.length).to.be.greaterThan(0);
        expect(await clerk.catalog(catalogVersion)).to.equal(undefined);
        expect((await clerk.catalog('1999.01-old'))?.version).to.equal(catalogVersion);
        // Devices that show the catalog get it too.
        expect((await (await hall.as('kiosk')).catalog())?.version).to.equal(catalogVersion);
      });

      it('serves the catalog with pinyin, so that initials find items on every hall', async () => {
        const snapshot = await (await hall.as('clerk')).catalog();
        const index = new CatalogIndex(snapshot!.catalog);
        const names = index.search('ylbx').hits.map((hit) => (hit.kind === 'item' ? hit.item.name : hit.bundle.name));
        expect(names.some((name) => name?.includes('医疗保险'))).to.equal(true);
        expect(snapshot!.catalog.items.every((item) => Array.isArray(item.pinyin) && item.pinyin.length > 0)).to.equal(
          true,
        );
      });
    });

    describe('queue', () => {
      const hall = useHall();

      it('numbers tickets per category from 001 and calls them in order', async () => {
        const kiosk = await hall.as('kiosk');
        const a1 = await kiosk.issueTicket({ category: 'A' });
        const a2 = await kiosk.issueTicket({ category: 'A' });
        const b1 = await kiosk.issueTicket({ category: 'B' });
        expect([a1.number, a2.number, b1.number]).to.deep.equal(['A001', 'A002', 'B001']);
        expect([a1.status, a1.kind, a1.category]).to.deep.equal(['waiting', 'normal', 'A']);

        const clerk = await hall.as('clerk');
        const called = await clerk.callNext({ window: '01', categories: ['A'] });
        expect(called?.id).to.equal(a1.id);
        expect([called?.status, called?.window]).to.deep.equal(['called', '01']);
        expect(Date.parse(called!.calledAt!)).to.be.at.least(Date.parse(a1.issuedAt));

        const { categories, tickets } = await clerk.queue();
        expect(categories.map((c) => c.code)).to.include.members(['A', 'B', 'C', 'V']);
        const byId = new Map(tickets.map((t) => [t.id, t]));
        expect(byId.get(a1.id)?.status).to.equal('called');
        expect(byId.get(a2.id)?.status).to.equal('waiting');
        expect(byId.get(b1.id)?.status).to.equal('waiting');
      });

      it('calls a priority ticket before those who came earlier', async () => {
        const kiosk = await hall.as('kiosk');
        const clerk = await hall.as('clerk2');
        const normal = await kiosk.issueTicket({ category: 'C' });
        const priority = await kiosk.issueTicket({ category: 'C', kind: 'priority' });
        expect((await clerk.callNext({ window: '02', categories: ['C'] }))?.id).to.equal(priority.id);
        expect((await clerk.callNext({ window: '02', categories: ['C'] }))?.id).to.equal(normal.id);
        expect(await clerk.callNext({ window: '02', categories: ['C'] })).to.equal(undefined);
      });

      it('calls for the clerk’s own window only, from its categories by default', async () => {
        const kiosk = await hall.as('kiosk');
        const clerk = await hall.as('clerk3'); // window 03 (企业开办) calls B, then A; never C
        await kiosk.issueTicket({ category: 'C' });
        await kiosk.issueTicket({ category: 'A' });
        await kiosk.issueTicket({ category: 'B' });
        const called = [];
        for (let next = await clerk.callNext({ window: '03' }); next; next = await clerk.callNext({ window: '03' })) {
          called.push(next.category);
        }
        expect(called.length).to.be.greaterThan(1);
        expect(called).to.not.include('C');
        expect(called.lastIndexOf('B')).to.be.below(called.indexOf('A'));
        const error = await hallErrorOf(clerk.callNext({ window: '01' }));
        expect([error.status, error.code]).to.deep.equal([403, 'forbidden']);
        const unknown = await hallErrorOf(hall.client().login({ ...LOGINS.clerk, window: '99' }));
        expect([unknown.status, unknown.code]).to.deep.equal([400, 'invalid']);
      });

      it('lets a clerk issue a ticket on someone’s behalf, and refuses a bad request', async () => {
        const clerk = await hall.as('clerk');
        const ticket = (await clerk.issueTicket({
          category: 'V',
          kind: 'appointment',
          appointmentRef: 'K7M2-9QXW',
        })) as Ticket;
        expect([ticket.kind, ticket.appointmentRef, ticket.number]).to.deep.equal(['appointment', 'K7M2-9QXW', 'V001']);
        for (const bad of [
          () => clerk.issueTicket({ category: 'Z' }),
          () => clerk.issueTicket({ category: 'A', kind: 'appointment' }),
          () => clerk.issueTicket({ category: 'A', kind: 'vip' as 'normal' }),
          () => clerk.callNext({ window: 'no window!' }),
        ]) {
          const error = await hallErrorOf(bad());
          expect([error.status, error.code]).to.deep.equal([400, 'invalid']);
        }
      });
    });

    describe('sync and cases', () => {
      const hall = useHall();

      it('applies a case once and answers its retry as a duplicate with the original time', async () => {
        const clerk = await hall.as('clerk');
        const value = makeCase();
        const mutation = saveCase(value);
        const [first] = await clerk.sync([mutation]);
        const result = applied(first);
        expect(result.id).to.equal(mutation.id);
        expect(Number.isNaN(Date.parse(result.appliedAt))).to.equal(false);
        expect(await clerk.getCase(value.id)).to.deep.equal(value);

        const [again] = await clerk.sync([mutation]);
        expect(again).to.deep.include({ id: mutation.id, status: 'duplicate', appliedAt: result.appliedAt });
        // Another session retrying the same mutation gets the same answer.
        const [third] = await (await hall.as('clerk')).sync([mutation]);
        expect(third).to.deep.include({ status: 'duplicate', appliedAt: result.appliedAt });
      });

      it('rejects an invalid mutation with its reason and applies the others of the batch', async () => {
        const clerk = await hall.as('clerk');
        const good1 = makeCase();
        const bad = makeCase({ applicant: { ...makeCase().applicant, idNumber: '120101198506201510' } as never });
        const good2 = makeCase();
        const batch = [saveCase(good1), saveCase(bad), saveCase(good2)];
        const results = await clerk.sync(batch);
        expect(results.map((r) => r.id)).to.deep.equal(batch.map((m) => m.id));
        applied(results[0]);
        applied(results[2]);
        const rejected = results[1];
        expect(rejected).to.deep.include({ status: 'rejected', code: 'invalid' });
        expect(rejected && 'message' in rejected ? rejected.message : '').to.contain('idNumber');
        const issues = rejected && 'issues' in rejected ? rejected.issues : undefined;
        expect(issues?.some((line) => line.includes('idNumber'))).to.equal(true);
        expect(await clerk.getCase(good1.id)).to.deep.equal(good1);
        expect(await clerk.getCase(good2.id)).to.deep.equal(good2);
        expect(await clerk.getCase(bad.id)).to.equal(undefined);
      });

      it('rejects a malformed mutation and an unknown kind without failing the batch', async () => {
        const clerk = await hall.as('clerk');
        const good = saveCase(makeCase());
        const unknown = { id: ulid(), kind: 'case.delete', payload: {} } as never;
        const badId = { ...saveCase(makeCase()), id: 'not-a-ulid' };
        const results = await clerk.sync([unknown, good, badId]);
        expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'applied', 'rejected']);
        expect(results.filter((r) => r.status === 'rejected').map((r) => 'code' in r && r.code)).to.deep.equal([
          'invalid',
          'invalid',
        ]);
      });

      it('versions a case itself: a save based on the current version applies, one based on an older does not', async () => {
        const clerk = await hall.as('clerk');
        const value = makeCase();
        const first = applied((await clerk.sync([saveCase(value)]))[0]);
        expect(first.version).to.equal(1);
        const forwarded = nextCase(value);
        const second = applied((await clerk.sync([saveCase(forwarded, ulid(), { version: 1 })]))[0]);
        expect(second.version).to.equal(2);
        expect((await clerk.getCase(value.id))?.status).to.equal('forwarded');

        // Based on version 1 again (another copy of the case): stale, whatever its updatedAt says.
        const [stale] = await clerk.sync([
          saveCase({ ...nextCase(value, { status: 'withdrawn', updatedAt: new Date().toISOString() }) }, ulid(), {
            version: 1,
          }),
        ]);
        expect(stale).to.deep.include({ status: 'rejected', code: 'conflict', reason: 'stale' });
        expect(stale && 'message' in stale ? stale.message : '').to.contain('第 2 版');
        // Without a base, an existing case is not overwritten either.
        const [blind] = await clerk.sync([saveCase(nextCase(forwarded, { status: 'withdrawn' }))]);
        expect(blind).to.deep.include({ status: 'rejected', code: 'conflict', reason: 'stale' });
        const [taken] = await clerk.sync([saveCase(makeCase({ number: value.number }))]);
        expect(taken).to.deep.include({ status: 'rejected', code: 'conflict', reason: 'number-taken' });
        expect((await clerk.getCase(value.id))?.status).to.equal('forwarded');
      });

      it('applies an offline chain of saves in order, each based on the one before', async () => {
        const clerk = await hall.as('clerk');
        const v1 = makeCase();
        const v2 = nextCase(v1);
        const v3 = nextCase(v2, { status: 'decided' }, { action: 'decide' });
        const m1 = saveCase(v1);
        const m2 = saveCase(v2, ulid(), { mutation: m1.id });
        const m3 = saveCase(v3, ulid(), { mutation: m2.id });
        const results = await clerk.sync([m1, m2, m3]);
        expect(results.map((r) => (r.status === 'applied' ? r.version : r))).to.deep.equal([1, 2, 3]);
        expect((await clerk.getCase(v1.id))?.status).to.equal('decided');
        // A chain whose link never reached the hall stops there.
        const [orphan] = await clerk.sync([
          saveCase(nextCase(v3, { status: 'result-ready' }), ulid(), { mutation: ulid() }),
        ]);
        expect(orphan).to.deep.include({ status: 'rejected', code: 'conflict', reason: 'stale' });
      });

      it('refuses an id applied before that comes back with other content as a conflict, and changes nothing', async () => {
        const clerk = await hall.as('clerk');
        const value = makeCase();
        const mutation = saveCase(value);
        const first = applied((await clerk.sync([mutation]))[0]);
        const another = makeCase();
        const results = await clerk.sync([
          saveCase({ ...value, status: 'refused' }, mutation.id),
          saveCase(another, mutation.id),
        ]);
        for (const result of results) {
          expect(result).to.deep.include({
            id: mutation.id,
            status: 'rejected',
            code: 'conflict',
            message: '该变更编号已用于其他内容，此次保存未生效',
          });
        }
        expect((await clerk.getCase(value.id))?.status).to.equal('accepted');
        expect(await clerk.getCase(another.id)).to.equal(undefined);
        // The same content under the same id is still a retry.
        const [again] = await clerk.sync([mutation]);
        expect(again).to.deep.include({ status: 'duplicate', appliedAt: first.appliedAt });
      });

      it('keeps a clerk to the cases and ratings of their own window', async () => {
        const clerk = await hall.as('clerk'); // window 01
        const clerk2 = await hall.as('clerk2'); // window 02
        const ofWindow02 = makeCase({ window: '02', responsibleClerk: 'clerk01' });
        const refused = await clerk.sync([
          saveCase(ofWindow02),
          saveRating(makeRating(5, { window: '02', clerk: 'clerk01' })),
        ]);
        for (const result of refused) expect(result).to.deep.include({ status: 'rejected', code: 'forbidden' });
        expect(await clerk.getCase(ofWindow02.id)).to.equal(undefined);

        const mine = makeCase();
        applied((await clerk.sync([saveCase(mine)]))[0]);
        const [overwrite] = await clerk2.sync([
          saveCase(nextCase(mine, { status: 'refused' }, { actor: 'clerk02' }), ulid(), { version: 1 }),
        ]);
        expect(overwrite).to.deep.include({ status: 'rejected', code: 'forbidden' });
        expect(await clerk.getCase(mine.id)).to.deep.equal(mine);

        // Each clerk's own window is theirs.
        const own = await clerk2.sync([
          saveCase(makeCase({ window: '02' })),
          saveRating(makeRating(4, { window: '02' })),
        ]);
        own.forEach(applied);
        applied((await clerk.sync([saveCase(nextCase(mine), ulid(), { version: 1 })]))[0]);
      });

      it('refuses an empty batch as invalid', async () => {
        const error = await hallErrorOf((await hall.as('clerk')).sync([]));
        expect([error.status, error.code]).to.deep.equal([400, 'invalid']);
      });

      it('rejects a case whose attachments the hall does not hold, and applies the retry after the upload', async () => {
        const clerk = await hall.as('clerk');
        const file = new Blob([sampleBytes(3000)], { type: 'image/jpeg' });
        const hash = await sha256Of(file);
        const value = makeCase({}, [hash]);
        const mutation = saveCase(value);
        const [first] = await clerk.sync([mutation]);
        expect(first).to.deep.include({
          status: 'rejected',
          code: 'missing-attachments',
          missing: [hash],
          message: '大厅尚未收到 1 个附件，请先上传再重试',
        });
        expect(await clerk.getCase(value.id)).to.equal(undefined);

        await clerk.putAttachment(hash, file);
        const [retry] = await clerk.sync([mutation]);
        applied(retry);
        expect((await clerk.getCase(value.id))?.materials[0]?.attachments).to.deep.equal([hash]);
      });

      it('takes ratings from a rating pad, and refuses a case from it', async () => {
        await hall.as('clerk'); // someone serves at window 01
        const pad = await hall.as('pad');
        const [rating, notAllowed] = await pad.sync([saveRating(makeRating(4)), saveCase(makeCase())]);
        applied(rating);
        expect(notAllowed).to.deep.include({
          status: 'rejected',
          code: 'forbidden',
          message: '当前身份（评价器）不能提交此类数据（case.save）',
        });
      });

      it('answers getCase for an unknown case with undefined and for a malformed id with invalid', async () => {
        const clerk = await hall.as('clerk');
        expect(await clerk.getCase(ulid())).to.equal(undefined);
        const error = await hallErrorOf(clerk.getCase('../../etc/passwd'));
        expect(error.code).to.be.oneOf(['invalid', 'not-found']);
        expect(error.status).to.be.oneOf([400, 404]);
      });
    });

    describe('attachments', () => {
      const hall = useHall();

      it('stores a file under its hash and gives back the same bytes', async () => {
        const clerk = await hall.as('clerk');
        const bytes = sampleBytes(70_000);
        const hash = await sha256Of(bytes);
        expect(await clerk.hasAttachment(hash)).to.equal(false);
        expect(await clerk.getAttachment(hash)).to.equal(undefined);
        await clerk.putAttachment(hash, new Blob([bytes]));
        await clerk.putAttachment(hash, new Blob([bytes])); // again: idempotent
        expect(await clerk.hasAttachment(hash)).to.equal(true);
        const back = await clerk.getAttachment(hash);
        expect(new Uint8Array(await back!.arrayBuffer())).to.deep.equal(bytes);
        // A manager may read it too.
        expect(await (await hall.as('manager')).hasAttachment(hash.toUpperCase())).to.equal(true);
      });

      it('refuses bytes that do not hash to the name, and keeps nothing', async () => {
        const clerk = await hall.as('clerk');
        const claimed = await sha256Of(sampleBytes(10));
        const error = await hallErrorOf(clerk.putAttachment(claimed, new Blob([sampleBytes(11)])));
        expect([error.status, error.code, error.transient]).to.deep.equal([422, 'hash-mismatch', false]);
        expect(await clerk.hasAttachment(claimed)).to.equal(false);
      });

      it('refuses a name that is not a SHA-256 hash', async () => {
        const clerk = await hall.as('clerk');
        const error = await hallErrorOf(clerk.putAttachment('abc', new Blob(['x'])));
        expect([error.status, error.code]).to.deep.equal([400, 'invalid']);
      });
    });

    describe('e-licences', () => {
      const hall = useHall();

      it('finds the licences of a holder by identity number or credit code', async () => {
        const clerk = await hall.as('clerk');
        const licences = await clerk.lookupLicences('120101198506201519');
        expect(licences.map((l) => l.type).sort()).to.deep.equal(['marriage-certificate', 'resident-id-card']);
        for (const licence of licences) {
          expect(licence.holderName).to.equal('刘洋');
          // The document hash: SHA-256 of the canonical JSON of the licence's other fields.
          const { sha256, ...fields } = licence;
          expect(sha256).to.equal(await sha256Of(new Blob([canonicalJson(fields)])));
        }
        const company = DEMO_HALL.licences.find((l) => l.type === 'business-licence')!;
        const found = await clerk.lookupLicences(company.holderId.toLowerCase());
        expect(found.map((l) => l.number)).to.deep.equal([company.number]);
      });

      it('answers [] for an unknown holder and invalid for a malformed identifier', async () => {
        const clerk = await hall.as('clerk');
        expect(await clerk.lookupLicences(UNKNOWN_RESIDENT_ID)).to.deep.equal([]);
        for (const malformed of ['12345', '120101198506201510', '']) {
          const error = await hallErrorOf(clerk.lookupLicences(malformed));
          expect([error.status, error.code]).to.deep.equal([400, 'invalid']);
        }
      });
    });

    describe('statistics', () => {
      const hall = useHall();

      it('counts today’s cases, tickets and ratings for a manager', async () => {
        const clerk = await hall.as('clerk');
        const kiosk = await hall.as('kiosk');
        await kiosk.issueTicket({ category: 'A' });
        await kiosk.issueTicket({ category: 'B' });
        await clerk.callNext({ window: '01', categories: ['A'] });
        const results = await clerk.sync([
          saveCase(makeCase()),
          saveCase(makeCase({ status: 'refused' })),
          saveRating(makeRating(2)),
        ]);
        results.forEach(applied);

        const stats = await (await hall.as('manager')).statistics();
        const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
        expect(stats.day).to.equal(today);
        expect(stats.cases.total).to.equal(2);
        expect(stats.cases.byStatus).to.deep.include({ accepted: 1, refused: 1 });
        expect(stats.tickets).to.deep.equal({ issued: 2, waiting: 1, called: 1 });
        expect(stats.ratings.total).to.equal(1);
        expect(stats.ratings.byGrade['2']).to.equal(1);
      });
    });

    describe('events', () => {
      const hall = useHall();

      it('shows a manager the case saved and the ticket called, and a hall display only the queue', async () => {
        const clerk = await hall.as('clerk');
        const kiosk = await hall.as('kiosk');
        const watcher = await hall.as('manager');
        const display = await hall.as('display');
        const value = makeCase();
        const watching = collect(watcher.events(0), (events) => events.some((e) => e.type === 'ticket.called'));
        const screen = collect(display.events(0), (events) => events.some((e) => e.type === 'ticket.called'));
        const [result] = await clerk.sync([saveCase(value)]);
        const ticket = await kiosk.issueTicket({ category: 'A' });
        await clerk.callNext({ window: '01', categories: ['A'] });
        try {
          const seen = await watching.until;
          const saved = seen.find((e) => e.type === 'case.saved');
          expect(saved?.data).to.deep.equal({
            caseId: value.id,
            number: value.number,
            window: '01',
            status: 'accepted',
            version: 1,
          });
          expect(saved?.id).to.equal(applied(result).eventId ?? saved?.id);
          const called = seen.find((e) => e.type === 'ticket.called');
          expect(called?.type === 'ticket.called' && called.data.ticket.id).to.equal(ticket.id);
          const ids = seen.map((e) => e.id);
          expect(ids).to.deep.equal([...ids].sort((a, b) => a - b));
          expect(new Set(ids).size).to.equal(ids.length);
          // The hall display sees the queue, never cases (no personal data reaches a public screen).
          const shown = await screen.until;
          expect(shown.map((e) => e.type)).to.not.include('case.saved');
          expect(shown.map((e) => e.type)).to.include.members(['ticket.issued', 'ticket.called']);
        } finally {
          watching.stop();
          screen.stop();
        }
      });

      it('replays exactly the missed events when resubscribing after the last one seen', async () => {
        const clerk = await hall.as('clerk');
        const kiosk = await hall.as('kiosk');
        const watcher = await hall.as('manager');
        // Window 01 serves a ticket before the watcher goes away, so the call it misses always finishes one.
        await kiosk.issueTicket({ category: 'B' });
        const serving = await clerk.callNext({ window: '01', categories: ['B'] });
        if (!serving) throw new Error('window 01 found no B ticket to serve');
        const before = collect(watcher.events(0), (events) =>
          events.some((e) => e.type === 'ticket.called' && e.data.ticket.id === serving.id),
        );
        const seen = await before.until;
        before.stop();
        const lastSeen = seen[seen.length - 1]!.id;

        // Missed while away: a case, a ticket and its call (which finished the ticket the window served before).
        const value = makeCase();
        await clerk.sync([saveCase(value)]);
        const missed = await kiosk.issueTicket({ category: 'B' });
        await clerk.callNext({ window: '01', categories: ['B'] });

        const after = collect(watcher.events(lastSeen), (events) => events.length >= 4);
        try {
          const replayed = await after.until;
          expect(replayed.map((e) => e.type)).to.deep.equal([
            'case.saved',
            'ticket.issued',
            'ticket.updated',
            'ticket.called',
          ]);
          expect(replayed.every((e) => e.id > lastSeen)).to.equal(true);
          expect(replayed[1]?.type === 'ticket.issued' && replayed[1].data.ticket.id).to.equal(missed.id);
          expect(replayed[2]?.type === 'ticket.updated' && replayed[2].data.ticket.id).to.equal(serving.id);
          // Then it goes on live, without repeating anything.
          const live = await kiosk.issueTicket({ category: 'B' });
          await new Promise<void>((resolve, reject) => {
            const wait = setInterval(() => {
              if (after.events.some((e) => e.type === 'ticket.issued' && e.data.ticket.id === live.id)) {
                clearInterval(wait);
                resolve();
              }
            }, 20);
            setTimeout(() => {
              clearInterval(wait);
              reject(new Error('the live event did not arrive'));
            }, 10_000);
          });
          const ids = after.events.map((e) => e.id);
          expect(new Set(ids).size).to.equal(ids.length);
          expect(after.events.map((e) => e.type)).to.deep.equal([
            'case.saved',
            'ticket.issued',
            'ticket.updated',
            'ticket.called',
            'ticket.issued',
          ]);
        } finally {
          after.stop();
        }
      });

      it('ends the stream of a session that logs out with 401', async () => {
        const watcher = await hall.as('display');
        const kiosk = await hall.as('kiosk');
        const stream = collect(watcher.events(), () => false, 15_000);
        await kiosk.issueTicket({ category: 'A' });
        await new Promise((resolve) => setTimeout(resolve, 200));
        await watcher.logout();
        const error = await hallErrorOf(stream.until);
        expect([error.status, error.code]).to.deep.equal([401, 'unauthenticated']);
      });

      it('errors the stream with 401 without a session', async () => {
        const stream = collect(hall.client().events(), () => false, 10_000);
        const error = await hallErrorOf(stream.until);
        expect([error.status, error.code]).to.deep.equal([401, 'unauthenticated']);
      });
    });

    trustContract(useHall);
    settingsContract(useHall);
    queueContract(useHall);
    queueReportContract(useHall);
    followUpContract(useHall);
    commitmentContract(useHall);
    resultContract(useHall);
  });
}
