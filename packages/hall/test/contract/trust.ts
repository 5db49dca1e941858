/**
 * The hall trusts nothing a client claims: found by probing the hall as an attacker would, each finding a test, run
 * against every hall (the reference server and the hall inside one browser).
 */
import { expect } from '@open-wc/testing';
import { chinaDay, formatCaseNumber, ulid, type Case, type Ticket } from '@yichuang/core';
import { demoCatalog } from '@yichuang/demo-catalog';
import type { HallEvent, MutationResult } from '@yichuang/hall-client';
import { makeCase, makeRating, nextCase, saveCase, saveRating } from '../../../hall-client/test/support/fixtures.js';
import { applied, collect, hallErrorOf, until, type HallUse } from './hall-contract.js';

const rejected = (result: MutationResult | undefined) => {
  expect(result?.status, JSON.stringify(result)).to.equal('rejected');
  return result as MutationResult & { status: 'rejected' };
};

/** A value nested `depth` levels deep. */
function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { deeper: value };
  return value;
}

export function trustContract(useHall: () => HallUse): void {
  describe('trusting nothing a client claims: depth and size', () => {
    const hall = useHall();

    it('refuses a mutation nested 2,500 levels deep, answers the others, and the same again on a retry', async () => {
      const clerk = await hall.as('clerk');
      const good = saveCase(makeCase());
      const deep = { id: ulid(), kind: 'case.save', payload: nested(2500) } as never;
      for (let attempt = 0; attempt < 2; attempt++) {
        const results = await clerk.sync([deep, good]);
        const refusal = rejected(results[0]);
        expect([refusal.code, refusal.reason]).to.deep.equal(['invalid', 'too-large']);
        expect(refusal.message).to.contain('16');
        expect(results[1]?.status).to.be.oneOf(['applied', 'duplicate']);
      }
    });

    it('refuses a case with an audit trail of 30,000 lines before reading it', async () => {
      const clerk = await hall.as('clerk');
      const value = makeCase();
      const line = value.audit[0]!;
      const huge = {
        ...value,
        audit: Array.from({ length: 30_000 }, () => ({ ...line, reason: '申请人'.repeat(30) })),
      };
      const started = performance.now();
      const [result] = await clerk.sync([saveCase(huge)]);
      expect(rejected(result).code).to.equal('invalid');
      expect(performance.now() - started).to.be.below(5000);
      expect(await clerk.getCase(value.id)).to.equal(undefined);
    });
  });

  describe('trusting nothing a client claims: time', () => {
    const hall = useHall();

    it('refuses a case saved from 9999-12-31, and the case stays open to later saves', async () => {
      const clerk = await hall.as('clerk');
      const value = makeCase();
      applied((await clerk.sync([saveCase(value)]))[0]);
      const far = '9999-12-31T00:00:00.000Z';
      const future = nextCase(value, { updatedAt: far }, { at: far });
      const refusal = rejected((await clerk.sync([saveCase(future, ulid(), { version: 1 })]))[0]);
      expect([refusal.code, refusal.reason]).to.deep.equal(['invalid', 'clock']);
      expect(refusal.message).to.contain('5 分钟');
      // An honest save afterwards applies: nothing was stored from the future.
      applied((await clerk.sync([saveCase(nextCase(value), ulid(), { version: 1 })]))[0]);
    });

    it('accepts a window clock a little ahead, refuses one more than 5 minutes ahead', async () => {
      const clerk = await hall.as('clerk');
      const soon = new Date(Date.now() + 60_000).toISOString();
      applied((await clerk.sync([saveCase(makeCase({ createdAt: soon, updatedAt: soon }))]))[0]);
      const later = new Date(Date.now() + 6 * 60_000).toISOString();
      const ahead = makeCase({ createdAt: later, updatedAt: later });
      expect(rejected((await clerk.sync([saveCase(ahead)]))[0]).reason).to.equal('clock');
      const rating = makeRating(5, { at: later });
      expect(rejected((await clerk.sync([saveRating(rating)]))[0]).reason).to.equal('clock');
    });
  });

  describe('trusting nothing a client claims: who acted', () => {
    const hall = useHall();

    it('refuses a rating a clerk credits to another clerk', async () => {
      const clerk = await hall.as('clerk');
      const refusal = rejected((await clerk.sync([saveRating(makeRating(1, { clerk: 'clerk02' }))]))[0]);
      expect([refusal.code, refusal.reason]).to.deep.equal(['forbidden', 'actor']);
      expect(refusal.message).to.contain('clerk01');
    });

    it('refuses a case whose responsible clerk or new audit actor is someone else', async () => {
      const clerk = await hall.as('clerk');
      const other = makeCase({ responsibleClerk: 'clerk02' });
      expect(rejected((await clerk.sync([saveCase(other)]))[0]).reason).to.equal('actor');
      const mine = makeCase();
      applied((await clerk.sync([saveCase(mine)]))[0]);
      const forged = nextCase(mine, {}, { actor: 'clerk02' });
      expect(rejected((await clerk.sync([saveCase(forged, ulid(), { version: 1 })]))[0]).reason).to.equal('actor');
      const handedOver = nextCase(mine, { responsibleClerk: 'clerk02' });
      expect(rejected((await clerk.sync([saveCase(handedOver, ulid(), { version: 1 })]))[0]).reason).to.equal('actor');
    });

    it('refuses a save that rewrites or removes lines of the stored trail', async () => {
      const clerk = await hall.as('clerk');
      const value = makeCase();
      applied((await clerk.sync([saveCase(value)]))[0]);
      const moved = nextCase(value);
      const rewritten = { ...moved, audit: [{ ...moved.audit[0]!, reason: '改写' }, moved.audit[1]!] };
      expect(rejected((await clerk.sync([saveCase(rewritten, ulid(), { version: 1 })]))[0]).reason).to.equal(
        'audit-rewritten',
      );
      const removed = { ...moved, audit: moved.audit.slice(1) };
      expect(rejected((await clerk.sync([saveCase(removed, ulid(), { version: 1 })]))[0]).reason).to.equal(
        'audit-rewritten',
      );
    });

    it('credits a rating pad’s rating to the clerk logged in at its window, whoever the pad names', async () => {
      const manager = await hall.as('manager');
      const stream = collect(manager.events(), (events) => events.some((e) => e.type === 'rating.saved'));
      try {
        await hall.as('clerk'); // clerk01 at window 01
        const pad = await hall.as('pad');
        applied((await pad.sync([saveRating(makeRating(5, { clerk: 'clerk02' }))]))[0]);
        const seen = (await stream.until).find((e) => e.type === 'rating.saved');
        expect(seen?.type === 'rating.saved' && seen.data.clerk).to.equal('clerk01');
      } finally {
        stream.stop();
      }
    });

    it('credits a pad’s rating of a ticket to the clerk who served it, though another clerk has taken the window since', async () => {
      const manager = await hall.as('manager');
      await manager.saveAccount('relief01', {
        name: '周替班',
        role: 'clerk',
        windows: ['01'],
        password: 'relief-demo-2026',
      });
      const kiosk = await hall.as('kiosk');
      const display = await hall.as('display');
      const ticket = await kiosk.issueTicket({ category: 'A' });
      const first = await hall.as('clerk'); // clerk01 at window 01
      const called = await first.queueCommand({ command: 'call', window: '01', ticket: ticket.id });
      expect(called.servedBy).to.equal('clerk01');
      // Who served is staff-only: public screens never see it.
      const shown = (await display.queue()).tickets.find((candidate) => candidate.id === ticket.id);
      expect(shown).to.include({ status: 'called' }).and.not.have.property('servedBy');
      await first.queueCommand({ command: 'finish', window: '01' });
      await first.logout();
      const relief = hall.client();
      await relief.login({ user: 'relief01', password: 'relief-demo-2026', takeOver: true });

      const ofTicket = makeRating(5, { ticketId: ticket.id });
      const withoutTicket = makeRating(4);
      const stream = collect(
        manager.events(),
        (events) => events.filter((event) => event.type === 'rating.saved').length >= 2,
      );
      try {
        const pad = await hall.as('pad');
        for (const result of await pad.sync([saveRating(ofTicket), saveRating(withoutTicket)])) applied(result);
        const credited = new Map(
          (await stream.until).flatMap((event) =>
            event.type === 'rating.saved' ? [[event.data.ratingId, event.data.clerk] as const] : [],
          ),
        );
        expect(credited.get(ofTicket.id), 'the ticket’s rating').to.equal('clerk01');
        expect(credited.get(withoutTicket.id), 'a rating without a ticket').to.equal('relief01');
      } finally {
        stream.stop();
        await relief.logout();
      }
    });

    it('refuses a rating pad’s rating while nobody is logged in at its window', async () => {
      const pad2 = await hall.as('pad2'); // window 02: no clerk logged in in this block
      const refusal = rejected((await pad2.sync([saveRating(makeRating(3, { window: '02' }))]))[0]);
      expect([refusal.code, refusal.reason]).to.deep.equal(['conflict', 'no-clerk']);
    });
  });

  describe('trusting nothing a client claims: windows', () => {
    const hall = useHall();

    it('refuses a login at a window the account may not staff', async () => {
      const error = await hallErrorOf(
        hall.client().login({ user: 'clerk01', password: 'yichuang-demo', window: '02' }),
      );
      expect([error.status, error.code]).to.deep.equal([403, 'forbidden']);
      expect(error.message).to.contain('01');
    });

    it('keeps one live session per window: a second login is refused unless it takes over, which ends the first', async () => {
      const first = hall.client();
      await first.login({ user: 'clerk01', password: 'yichuang-demo' });
      const second = hall.client();
      const taken = await hallErrorOf(second.login({ user: 'clerk01', password: 'yichuang-demo' }));
      expect([taken.status, taken.code]).to.deep.equal([409, 'conflict']);
      expect(taken.message).to.contain('接替');
      await first.queue();
      await second.login({ user: 'clerk01', password: 'yichuang-demo', takeOver: true });
      const ended = await hallErrorOf(first.queue());
      expect([ended.status, ended.code]).to.deep.equal([401, 'unauthenticated']);
      await second.queue();
    });

    it('continues a window’s case numbers from the hall’s highest of the day at login', async () => {
      const clerk = await hall.as('clerk2');
      const now = Date.now();
      const number = formatCaseNumber({ hall: 'TJHP01', date: chinaDay(now), window: '02', seq: 41 });
      applied((await clerk.sync([saveCase(makeCase({ window: '02', number }))]))[0]);
      const again = await hall.client().login({ user: 'clerk02', password: 'yichuang-demo', takeOver: true });
      expect(again.caseNumbers).to.deep.equal({ hall: 'TJHP01', window: '02', day: chinaDay(now), seq: 41 });
    });

    it('refuses to move a case to another window by saving it again, even for a manager', async () => {
      const clerk = await hall.as('clerk');
      const value = makeCase();
      applied((await clerk.sync([saveCase(value)]))[0]);
      const manager = await hall.as('manager');
      const moved: Case = { ...nextCase(value, {}, { actor: 'manager01' }), window: '02' };
      const refusal = rejected((await manager.sync([saveCase(moved, ulid(), { version: 1 })]))[0]);
      expect(refusal.code).to.be.oneOf(['forbidden', 'invalid']);
      expect((await manager.getCase(value.id))?.window).to.equal('01');
    });
  });

  describe('trusting nothing a client claims: reading', () => {
    const hall = useHall();

    it('lets a clerk read the cases of their windows only, and a manager every case', async () => {
      const clerk = await hall.as('clerk');
      const value = makeCase();
      applied((await clerk.sync([saveCase(value)]))[0]);
      const clerk2 = await hall.as('clerk2');
      expect(await clerk2.getCase(value.id)).to.equal(undefined);
      expect((await (await hall.as('manager')).getCase(value.id))?.applicant).to.deep.equal(value.applicant);
    });

    it('grants a case of another window to the clerk the applicant gives its number and ID number', async () => {
      const clerk = await hall.as('clerk');
      const value = makeCase();
      applied((await clerk.sync([saveCase(value)]))[0]);
      const clerk2 = await hall.as('clerk2');
      const wrong = await hallErrorOf(clerk2.claimCase({ number: value.number, idNumber: '120101199003074413' }));
      expect([wrong.status, wrong.code]).to.deep.equal([404, 'not-found']);
      expect(await clerk2.getCase(value.id)).to.equal(undefined);
      const granted = await clerk2.claimCase({
        number: value.number,
        idNumber: (value.applicant as { idNumber: string }).idNumber.toLowerCase(),
      });
      expect(granted.id).to.equal(value.id);
      expect((await clerk2.getCase(value.id, 'supplement'))?.number).to.equal(value.number);
      // The grant lets clerk02 record the supplement at window 02; the case stays window 01's.
      const supplemented = nextCase(value, {}, { actor: 'clerk02', window: '02', action: 'forward' });
      applied((await clerk2.sync([saveCase(supplemented, ulid(), { version: 1 })]))[0]);
      expect((await clerk.getCase(value.id))?.window).to.equal('01');
    });

    it('logs every read of a case’s personal data: who, when, which case, why', async () => {
      const clerk = await hall.as('clerk');
      const value = makeCase();
      applied((await clerk.sync([saveCase(value)]))[0]);
      await clerk.getCase(value.id, 'print');
      const manager = await hall.as('manager');
      await manager.getCase(value.id);
      const reads = await manager.caseReads(value.id);
      expect(reads.map((r) => [r.subject, r.role, r.purpose])).to.deep.equal([
        ['clerk01', 'clerk', 'print'],
        ['manager01', 'manager', 'review'],
      ]);
      expect(reads.every((r) => !Number.isNaN(Date.parse(r.at)))).to.equal(true);
      const notManager = await hallErrorOf(clerk.caseReads(value.id));
      expect(notManager.status).to.equal(403);
    });

    it('sends a clerk’s event stream the case events of their windows only', async () => {
      const clerk2 = await hall.as('clerk2');
      const stream = collect(clerk2.events(), (events) => events.some((e) => e.type === 'case.saved'));
      try {
        const clerk = await hall.as('clerk');
        const other = makeCase();
        applied((await clerk.sync([saveCase(other)]))[0]);
        const own = makeCase({ window: '02' });
        applied((await clerk2.sync([saveCase(own)]))[0]);
        const seen = (await stream.until).filter(
          (e): e is Extract<HallEvent, { type: 'case.saved' }> => e.type === 'case.saved',
        );
        expect(seen.map((e) => e.data.caseId)).to.deep.equal([own.id]);
      } finally {
        stream.stop();
      }
    });
  });

  describe('trusting nothing a client claims: public screens', () => {
    const hall = useHall();

    it('never shows a booking reference to a display, kiosk or rating pad, in events or the queue', async () => {
      const display = await hall.as('display');
      const pad = await hall.as('pad');
      const shown = collect(
        display.events(),
        (events) => events.filter((e) => e.type.startsWith('ticket.')).length >= 2,
      );
      const padStream = collect(pad.events(), (events) => events.some((e) => e.type === 'ticket.called'));
      try {
        const clerk = await hall.as('clerk');
        // The demo's booking K7M2-9QXW is of category V.
        await clerk.issueTicket({ category: 'A', kind: 'appointment', appointmentRef: 'K7M2-9QXW' });
        await clerk.callNext({ window: '01', categories: ['V'] });
        const events = [...(await shown.until), ...(await padStream.until)];
        expect(JSON.stringify(events)).to.not.contain('K7M2');
        const kiosk = await hall.as('kiosk');
        for (const client of [display, kiosk]) {
          const { tickets } = await client.queue();
          expect(JSON.stringify(tickets)).to.not.contain('K7M2');
        }
        const { tickets } = await clerk.queue();
        expect((tickets as Ticket[]).some((t) => t.appointmentRef === 'K7M2-9QXW')).to.equal(true);
      } finally {
        shown.stop();
        padStream.stop();
      }
    });

    it('sends a rating pad only the calls of its own window', async () => {
      const pad2 = await hall.as('pad2');
      const stream = collect(pad2.events(), () => false, 60_000);
      try {
        const kiosk = await hall.as('kiosk');
        await kiosk.issueTicket({ category: 'A' });
        await (await hall.as('clerk')).callNext({ window: '01', categories: ['A'] });
        await kiosk.issueTicket({ category: 'A' });
        await (await hall.as('clerk2')).callNext({ window: '02', categories: ['A'] });
        await until(() => stream.events.length >= 1);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(stream.events.map((e) => (e.type === 'ticket.called' ? e.data.ticket.window : e.type))).to.deep.equal([
          '02',
        ]);
      } finally {
        stream.stop();
      }
    });

    it('takes booking references in one opaque format only, never a phone or an identity number', async () => {
      const clerk = await hall.as('clerk');
      for (const appointmentRef of ['TEL13812345678', '12010119900307441X', '13812345678', 'yy-1']) {
        const error = await hallErrorOf(clerk.issueTicket({ category: 'A', kind: 'appointment', appointmentRef }));
        expect([error.status, error.code], appointmentRef).to.deep.equal([400, 'invalid']);
      }
    });
  });

  describe('trusting nothing a client claims: the hall’s own data', () => {
    const hall = useHall();

    it('refuses items and item versions no published catalog has, and materials not on an item’s list', async () => {
      const clerk = await hall.as('clerk');
      const item = demoCatalog.items.find((candidate) => candidate.materials.length >= 2)!;
      const unknownItem = makeCase({ items: [{ itemId: 'no-such-item', version: 1 }], materials: [] });
      expect(rejected((await clerk.sync([saveCase(unknownItem)]))[0]).reason).to.equal('unknown-item');
      const unknownVersion = makeCase({ items: [{ itemId: item.id, version: item.version + 7 }], materials: [] });
      expect(rejected((await clerk.sync([saveCase(unknownVersion)]))[0]).reason).to.equal('unknown-item');
      const base = makeCase();
      const foreign = {
        ...base,
        materials: [{ ...base.materials[0]!, materialId: 'not-on-the-list' }],
      };
      expect(rejected((await clerk.sync([saveCase(foreign)]))[0]).reason).to.equal('unknown-material');
    });

    it('takes an e-licence citation only for the issuer’s very document, issued to the applicant', async () => {
      const clerk = await hall.as('clerk');
      const rental = demoCatalog.items.find((candidate) => candidate.id === 'hs-public-rental')!;
      const citing = (licence: { type: string; number: string; issuer: string; sha256: string }) =>
        makeCase({
          items: [{ itemId: rental.id, version: rental.version }],
          materials: [
            {
              materialId: 'resident-id-card',
              itemIds: [rental.id],
              receipt: 'e-licence',
              copies: 0,
              licence: { type: licence.type, number: licence.number, issuer: licence.issuer, sha256: licence.sha256 },
            },
          ],
        });
      // The applicant of the fixture case is 刘洋; 张秀兰's card is someone else's.
      const [own] = await clerk
        .lookupLicences('120101198506201519')
        .then((all) => all.filter((l) => l.type === 'resident-id-card'));
      const [others] = await clerk
        .lookupLicences('120101195803120025')
        .then((all) => all.filter((l) => l.type === 'resident-id-card'));
      const forged = rejected((await clerk.sync([saveCase(citing({ ...own!, sha256: 'f'.repeat(64) }))]))[0]);
      expect([forged.code, forged.reason]).to.deep.equal(['invalid', 'unknown-licence']);
      expect(forged.message).to.contain('120101********1519').and.not.contain('120101198506201519');
      expect(rejected((await clerk.sync([saveCase(citing(others!))]))[0]).reason).to.equal('unknown-licence');
      applied((await clerk.sync([saveCase(citing(own!))]))[0]);
    });

    it('posts a result only where every item allows it, and keeps the posted address for who may read the case', async () => {
      const clerk = await hall.as('clerk');
      const postal = demoCatalog.items.find((candidate) => candidate.postal && candidate.materials.length >= 1)!;
      const fixed = makeCase();
      const post = {
        way: 'post' as const,
        recipient: '刘洋',
        phone: '13812345678',
        address: '天津市和平区南京路 1 号',
      };
      expect(demoCatalog.items.find((i) => i.id === fixed.items[0]!.itemId)!.postal).to.equal(false);
      const refused = rejected((await clerk.sync([saveCase({ ...fixed, delivery: post })]))[0]);
      expect([refused.code, refused.reason]).to.deep.equal(['invalid', 'post-not-allowed']);
      const posted = makeCase({
        items: [{ itemId: postal.id, version: postal.version }],
        materials: [{ materialId: postal.materials[0]!.id, itemIds: [postal.id], receipt: 'paper', copies: 1 }],
        delivery: post,
      });
      applied((await clerk.sync([saveCase(posted)]))[0]);
      expect((await clerk.getCase(posted.id))?.delivery).to.deep.equal(post);
    });

    it('accepts a case only with its items’ application form filled in, as the window judges it', async () => {
      const clerk = await hall.as('clerk');
      const full = makeCase();
      expect(Object.keys(full.form ?? {})).to.include('contact-phone');
      const { 'contact-phone': _phone, ...withoutPhone } = full.form!;
      const blank = rejected((await clerk.sync([saveCase({ ...full, form: withoutPhone })]))[0]);
      expect([blank.code, blank.reason]).to.deep.equal(['invalid', 'form-incomplete']);
      expect(blank.message).to.contain('联系电话');
      const wrong = rejected(
        (await clerk.sync([saveCase({ ...full, form: { ...full.form, 'contact-phone': '12345' } })]))[0],
      );
      expect(wrong.reason).to.equal('form-incomplete');
      // A field no item asks is not the hall's to keep.
      const extra = rejected(
        (await clerk.sync([saveCase({ ...full, form: { ...full.form, 'salary-slip': '9000' } })]))[0],
      );
      expect(extra.reason).to.equal('form-incomplete');
      // A draft may be saved half filled in; the form comes back to those who may read the case.
      const draft = makeCase({ status: 'draft', audit: [], form: withoutPhone });
      applied((await clerk.sync([saveCase(draft)]))[0]);
      applied((await clerk.sync([saveCase(full)]))[0]);
      expect((await clerk.getCase(full.id))?.form).to.deep.equal(full.form);
    });

    it('records a refusal only on a ground of its items, as the catalog states it', async () => {
      const clerk = await hall.as('clerk');
      const item = demoCatalog.items.find((i) => i.id === makeCase().items[0]!.itemId)!;
      const refusedCase = (refusalGround?: Case['refusalGround']) =>
        makeCase({
          status: 'refused',
          refusalGround,
          audit: [
            {
              at: new Date().toISOString(),
              actor: 'clerk01',
              window: '01',
              action: 'refuse',
              from: 'draft',
              to: 'refused',
              reason: '申请人不符合条件',
            },
          ],
        });
      const none = rejected((await clerk.sync([saveCase(refusedCase())]))[0]);
      expect([none.code, none.reason]).to.deep.equal(['invalid', 'unknown-ground']);
      expect(none.message).to.contain('未给出');
      const condition = `不符合“${item.name}”的受理条件：${item.conditions[0]}`;
      const forged = { id: 'condition.' + item.id + '.1', text: `${condition}（窗口补充）` };
      expect(rejected((await clerk.sync([saveCase(refusedCase(forged))]))[0]).reason).to.equal('unknown-ground');
      const elsewhere = { id: 'condition.some-other-item.1', text: condition };
      expect(rejected((await clerk.sync([saveCase(refusedCase(elsewhere))]))[0]).reason).to.equal('unknown-ground');
      const ground = { id: `condition.${item.id}.1`, text: condition };
      const stated = refusedCase(ground);
      applied((await clerk.sync([saveCase(stated)]))[0]);
      expect((await clerk.getCase(stated.id))?.refusalGround).to.deep.equal(ground);
    });

    it('refuses a status the state machine does not reach from the stored one', async () => {
      const clerk = await hall.as('clerk');
      const draft = makeCase({ status: 'draft', audit: [] });
      applied((await clerk.sync([saveCase(draft)]))[0]);
      const jumped = nextCase(draft, { status: 'delivered' }, { action: 'deliver' });
      const refusal = rejected((await clerk.sync([saveCase(jumped, ulid(), { version: 1 })]))[0]);
      expect([refusal.code, refusal.reason]).to.deep.equal(['conflict', 'status']);
      expect(refusal.message).to.contain('草稿');
      const delivered = makeCase({ status: 'delivered' });
      expect(rejected((await clerk.sync([saveCase(delivered)]))[0]).reason).to.equal('status');
    });

    it('refuses a case number of another day than the case’s', async () => {
      const clerk = await hall.as('clerk');
      const number = formatCaseNumber({ hall: 'TJHP01', date: '20250301', window: '01', seq: 9 });
      expect(rejected((await clerk.sync([saveCase(makeCase({ number }))]))[0]).reason).to.equal('number-day');
    });
  });

  describe('bounds', () => {
    const hall = useHall();

    it('refuses a fifth event stream of one session with 429, and takes a stream again once one closes', async () => {
      const display = await hall.as('display');
      const streams = Array.from({ length: 4 }, () => collect(display.events(), () => false, 60_000));
      try {
        const kiosk = await hall.as('kiosk');
        await kiosk.issueTicket({ category: 'A' });
        await until(() => streams.every((s) => s.events.length >= 1));
        const fifth = collect(display.events(), () => false, 10_000);
        const error = await hallErrorOf(fifth.until);
        expect([error.status, error.code]).to.deep.equal([429, 'rate-limited']);
        const seen = streams[0]!.events.at(-1)!.id;
        streams.pop()!.stop();
        await new Promise((resolve) => setTimeout(resolve, 300));
        // From the last event seen, so that the ticket below reaches it whether it connects before or after.
        const again = collect(display.events(seen), (events) => events.length > 0, 10_000);
        streams.push(again);
        await kiosk.issueTicket({ category: 'A' });
        expect((await again.until).length).to.be.greaterThan(0);
      } finally {
        for (const stream of streams) stream.stop();
      }
    });
  });
}
