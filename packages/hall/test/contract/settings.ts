/**
 * The hall's settings and reference data, managed by a manager through the hall and audited: windows, categories,
 * accounts, devices, passwords, the catalog and the calendar, the recovery key. Run against every hall.
 */
import { expect } from '@open-wc/testing';
import { HOLIDAYS_2026, ulid, type Catalog, type HolidaySchedule } from '@yichuang/core';
import { demoCatalog } from '@yichuang/demo-catalog';
import { LOGINS, makeCase, nextCase, saveCase } from '../../../hall-client/test/support/fixtures.js';
import { applied, collect, hallErrorOf, type HallUse } from './hall-contract.js';

/** A 2027 schedule, as a manager would load it once the State Council publishes it (dates are illustrative). */
const HOLIDAYS_2027: HolidaySchedule = {
  year: 2027,
  published: '国办发明电〔2026〕99号 (2026-11-20)',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-05', to: '2027-02-13' },
  ],
  workdays: ['2027-02-14'],
};

export function settingsContract(useHall: () => HallUse): void {
  describe('settings, managed through the hall and audited', () => {
    const hall = useHall();

    it('refuses every settings call to anyone but a manager', async () => {
      const clerk = await hall.as('clerk');
      for (const call of [
        () => clerk.settings(),
        () => clerk.saveWindows([]),
        () => clerk.enrolDevice({ id: 'x', name: 'x', role: 'kiosk' }),
        () => clerk.publishCatalog(demoCatalog),
        () => clerk.setRecoveryKey({ keyId: 'abcdefgh', publicKey: { kty: 'RSA' } }),
      ]) {
        expect((await hallErrorOf(call())).status).to.equal(403);
      }
    });

    it('adds a window and a category, and an account that may staff the new window', async () => {
      const manager = await hall.as('manager');
      const before = await manager.settings();
      expect(before.hall.code).to.equal('TJHP01');
      expect(JSON.stringify(before)).to.not.contain('yichuang-demo');
      await manager.saveCategories([
        ...before.categories,
        { code: 'X', letter: 'X', name: { zh: '跨省通办', en: 'Cross-province' } },
      ]);
      await manager.saveWindows([...before.windows, { code: '06', name: '跨省通办窗口', categories: ['X', 'A'] }]);
      await manager.saveAccount('clerk06', {
        name: '周强',
        role: 'clerk',
        windows: ['06'],
        password: 'a-new-password-06',
      });
      const clerk = hall.client();
      const session = await clerk.login({ user: 'clerk06', password: 'a-new-password-06' });
      expect([session.window, session.windows]).to.deep.equal(['06', ['06']]);
      const kiosk = await hall.as('kiosk');
      const ticket = await kiosk.issueTicket({ category: 'X' });
      expect(ticket.number).to.equal('X001');
      expect((await clerk.callNext({ window: '06' }))?.id).to.equal(ticket.id);
      // A category a window calls cannot go.
      const inUse = await hallErrorOf(manager.saveCategories(before.categories));
      expect([inUse.status, inUse.code]).to.deep.equal([409, 'conflict']);
      const audit = await manager.settingsAudit();
      expect(audit.slice(0, 3).map((e) => [e.action, e.actor])).to.deep.equal([
        ['account.create', 'manager01'],
        ['windows.save', 'manager01'],
        ['categories.save', 'manager01'],
      ]);
    });

    it('resets a password: the old one fails, the new one works, the account’s sessions end', async () => {
      const manager = await hall.as('manager');
      const clerk = await hall.as('clerk3');
      await manager.saveAccount('clerk03', {
        name: '赵敏',
        role: 'clerk',
        windows: ['03'],
        password: 'reset-by-manager-1',
      });
      expect((await hallErrorOf(clerk.queue())).status).to.equal(401);
      expect((await hallErrorOf(hall.client().login(LOGINS.clerk3))).status).to.equal(401);
      const again = hall.client();
      await again.login({ user: 'clerk03', password: 'reset-by-manager-1' });
      // The clerk changes it again, themselves.
      await again.changePassword('reset-by-manager-1', 'chosen-by-the-clerk');
      expect((await hallErrorOf(again.changePassword('wrong-current', 'whatever-else-1'))).status).to.equal(400);
      await hall.client().login({ user: 'clerk03', password: 'chosen-by-the-clerk', takeOver: true });
      const short = await hallErrorOf(
        manager.saveAccount('clerk03', { name: '赵敏', role: 'clerk', windows: ['03'], password: 'short' }),
      );
      expect([short.status, short.code]).to.deep.equal([400, 'invalid']);
    });

    it('disables an account: it logs in no more and its session ends; the last manager stays', async () => {
      const manager = await hall.as('manager');
      const helper = hall.client();
      await helper.login({ user: 'helper01', password: 'yichuang-demo' });
      await manager.disableAccount('helper01');
      expect((await hallErrorOf(helper.queue())).status).to.equal(401);
      expect((await hallErrorOf(hall.client().login({ user: 'helper01', password: 'yichuang-demo' }))).status).to.equal(
        401,
      );
      const last = await hallErrorOf(manager.disableAccount('manager01'));
      expect([last.status, last.code]).to.deep.equal([409, 'conflict']);
      expect((await manager.settings()).accounts.find((a) => a.user === 'helper01')?.disabled).to.equal(true);
    });

    it('enrols a device whose token logs in, and revokes it: the token fails and its stream ends', async () => {
      const manager = await hall.as('manager');
      const { device, deviceToken } = await manager.enrolDevice({
        id: 'display-2',
        name: '二层大厅显示屏',
        role: 'display',
      });
      expect(device).to.deep.include({ id: 'display-2', role: 'display', revoked: false });
      expect(deviceToken).to.be.a('string').with.length.greaterThan(30);
      const screen = hall.client();
      expect((await screen.login({ deviceToken })).subject).to.equal('display-2');
      const stream = collect(screen.events(), () => false, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await manager.revokeDevice('display-2');
      const ended = await hallErrorOf(stream.until);
      expect(ended.status).to.equal(401);
      expect((await hallErrorOf(hall.client().login({ deviceToken }))).status).to.equal(401);
      expect(JSON.stringify(await manager.settings())).to.not.contain(deviceToken);
      const twice = await hallErrorOf(manager.enrolDevice({ id: 'display-2', name: 'x', role: 'display' }));
      expect(twice.status).to.equal(409);
      const padWithout = await hallErrorOf(manager.enrolDevice({ id: 'pad-9', name: 'x', role: 'rating-pad' }));
      expect(padWithout.status).to.equal(400);
    });

    it('publishes a catalog version that clerks pick up, while cases keep the item versions they were taken in under', async () => {
      const clerk = await hall.as('clerk');
      const kept = makeCase();
      applied((await clerk.sync([saveCase(kept)]))[0]);
      const manager = await hall.as('manager');
      const watching = collect(clerk.events(), (events) => events.some((e) => e.type === 'catalog.published'));
      const itemVersion = kept.items[0]!;
      const next: Catalog = {
        ...demoCatalog,
        version: '2026.12-demo',
        items: demoCatalog.items.map((item) =>
          item.id === itemVersion.itemId ? { ...item, version: item.version + 1, name: `${item.name}（新版）` } : item,
        ),
      };
      try {
        await manager.publishCatalog(next);
        const seen = await watching.until;
        expect(seen.find((e) => e.type === 'catalog.published')?.data).to.deep.equal({ version: '2026.12-demo' });
      } finally {
        watching.stop();
      }
      expect((await clerk.catalog())?.version).to.equal('2026.12-demo');
      // The case taken in under the old item version still saves; a new case may take the new version in.
      applied((await clerk.sync([saveCase(nextCase(kept), ulid(), { version: 1 })]))[0]);
      const fresh = makeCase({ items: [{ itemId: itemVersion.itemId, version: itemVersion.version + 1 }] });
      applied((await clerk.sync([saveCase(fresh)]))[0]);
      // A published item version never changes: the same version with other content is refused.
      const changed: Catalog = {
        ...next,
        version: '2026.12b-demo',
        items: next.items.map((item) =>
          item.id === itemVersion.itemId ? { ...item, highRisk: !item.highRisk } : item,
        ),
      };
      const refused = await hallErrorOf(manager.publishCatalog(changed));
      expect([refused.status, refused.code]).to.deep.equal([409, 'conflict']);
      const invalid = await hallErrorOf(manager.publishCatalog({ ...next, version: '', items: [] } as Catalog));
      expect([invalid.status, invalid.code]).to.deep.equal([400, 'invalid']);
    });

    it('loads a newly published year of holidays, which clerks keep for due dates', async () => {
      const manager = await hall.as('manager');
      const clerk = await hall.as('clerk');
      expect((await clerk.calendar()).map((s) => s.year)).to.include(2026);
      await manager.publishCalendar(HOLIDAYS_2027);
      const years = (await clerk.calendar()).map((s) => s.year);
      expect(years).to.include.members([2026, 2027]);
      expect((await clerk.catalog())?.holidays.map((s) => s.year)).to.include(2027);
      const wrong = await hallErrorOf(
        manager.publishCalendar({
          ...HOLIDAYS_2026,
          holidays: [{ name: '春节', from: '2026-02-20', to: '2026-02-10' }],
        }),
      );
      expect([wrong.status, wrong.code]).to.deep.equal([400, 'invalid']);
      expect(
        (await manager.settingsAudit()).some((e) => e.action === 'calendar.publish' && e.target === '2027'),
      ).to.equal(true);
    });

    it('serves the recovery public key a manager sets, to people only', async () => {
      const manager = await hall.as('manager');
      const clerk = await hall.as('clerk');
      expect(await clerk.recoveryKey()).to.equal(undefined);
      const pair = await crypto.subtle.generateKey(
        { name: 'RSA-OAEP', modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
        true,
        ['wrapKey', 'unwrapKey'],
      );
      const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
      const key = { keyId: 'hall-recovery-2026', publicKey: { kty: 'RSA', n: jwk.n!, e: jwk.e!, alg: 'RSA-OAEP-256' } };
      await manager.setRecoveryKey(key);
      expect(await clerk.recoveryKey()).to.deep.equal(key);
      const weak = await hallErrorOf(
        manager.setRecoveryKey({ keyId: 'weak-key-1', publicKey: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }),
      );
      expect(weak.status).to.equal(400);
      const kiosk = await hall.as('kiosk');
      expect((await hallErrorOf(kiosk.recoveryKey())).status).to.equal(403);
    });

    it('lists no other hall and no forwarded case before any hall is enrolled, and finds no case to decide', async () => {
      // The exchange itself (two halls, signed) is tested in packages/hall/test/exchange.test.ts and between two
      // hall server processes; here, what a clerk asks of a hall that exchanges with none.
      const clerk = await hall.as('clerk');
      expect(await clerk.peers()).to.deep.equal([]);
      expect(await clerk.remoteCases()).to.deep.equal([]);
      expect(await clerk.remoteCases('in')).to.deep.equal([]);
      expect((await hallErrorOf(clerk.peerCatalog('GDNS01'))).status).to.equal(404);
      const decided = await hallErrorOf(clerk.decideRemote(ulid(), { to: 'accepted' }));
      expect(decided.status).to.equal(404);
      const kiosk = await hall.as('kiosk');
      expect((await hallErrorOf(kiosk.remoteCases())).status).to.equal(403);
    });
  });
}
