// The queue's commands on a hall: the policy, every clerk command, races and numbering under load. Runs against
// both clients (the hall server over HTTP, and the hall inside one browser).
import { expect } from '@open-wc/testing';
import { simulatedBookings, toChinaDate, ulid, type Booking, type Ticket } from '@yichuang/core';
import { MAX_BOOKINGS_PER_IMPORT } from '@yichuang/hall-client';
import type { HallClient } from '@yichuang/hall-client';
import { collect, hallErrorOf } from '../../../hall-client/test/support/assertions.js';
import type { HallUse } from './hall-contract.js';

/** Calls until the window has no one waiting, finishing the last: leaves a window as the next test wants it. */
async function drain(clerk: HallClient, window: string): Promise<Ticket[]> {
  const called: Ticket[] = [];
  for (let next = await clerk.callNext({ window }); next; next = await clerk.callNext({ window })) called.push(next);
  if (called.length > 0) await clerk.queueCommand({ command: 'finish', window });
  return called;
}

export function queueContract(useHall: () => HallUse): void {
  describe('queue commands and policy', () => {
    const hall = useHall();

    it('takes priority tickets ahead, but calls two walk-ins between them: no one starves', async () => {
      const kiosk = await hall.as('kiosk');
      const issue = (kind: 'normal' | 'priority') => kiosk.issueTicket({ category: 'A', kind });
      const p1 = await issue('priority');
      const p2 = await issue('priority');
      const n1 = await issue('normal');
      const n2 = await issue('normal');
      const n3 = await issue('normal');
      const p3 = await issue('priority');
      const clerk = await hall.as('clerk2');
      const order = (await drain(clerk, '02')).map((ticket) => ticket.id);
      expect(order).to.deep.equal([p1.id, n1.id, n2.id, p2.id, n3.id, p3.id]);
    });

    it('calls a ticket out of turn, recalls it (counted), and finishes it', async () => {
      const kiosk = await hall.as('kiosk');
      const [t1, , t3] = [
        await kiosk.issueTicket({ category: 'A' }),
        await kiosk.issueTicket({ category: 'A' }),
        await kiosk.issueTicket({ category: 'A' }),
      ];
      const clerk = await hall.as('clerk');
      const called = await clerk.queueCommand({ command: 'call', window: '01', ticket: t3.id });
      expect([called.id, called.status, called.window]).to.deep.equal([t3.id, 'called', '01']);
      const recalled = await clerk.queueCommand({ command: 'recall', window: '01' });
      expect([recalled.id, recalled.recalls]).to.deep.equal([t3.id, 1]);
      expect((await clerk.queueCommand({ command: 'recall', window: '01' })).recalls).to.equal(2);
      const finished = await clerk.queueCommand({ command: 'finish', window: '01' });
      expect([finished.status, typeof finished.finishedAt]).to.deep.equal(['done', 'string']);
      expect((await clerk.queue()).tickets.some((ticket) => ticket.id === t3.id)).to.equal(false);
      expect((await drain(clerk, '01')).map((ticket) => ticket.id)[0]).to.equal(t1.id);
    });

    it('marks a no-show, or puts it back behind the number of people asked', async () => {
      const kiosk = await hall.as('kiosk');
      const tickets: Ticket[] = [];
      for (let i = 0; i < 4; i++) tickets.push((await kiosk.issueTicket({ category: 'A' })) as Ticket);
      const [a, b, c, d] = tickets.map((ticket) => ticket.id);
      const clerk = await hall.as('clerk');
      expect((await clerk.callNext({ window: '01' }))?.id).to.equal(a);
      const requeued = await clerk.queueCommand({ command: 'no-show', window: '01', requeueBehind: 2 });
      expect([requeued.id, requeued.status, requeued.window]).to.deep.equal([a, 'waiting', undefined]);
      expect(requeued.issuedAt).to.equal(tickets[0]!.issuedAt);
      expect((await clerk.callNext({ window: '01' }))?.id).to.equal(b);
      expect((await clerk.callNext({ window: '01' }))?.id).to.equal(c);
      expect((await clerk.callNext({ window: '01' }))?.id).to.equal(a);
      const gone = await clerk.queueCommand({ command: 'no-show', window: '01' });
      expect([gone.id, gone.status]).to.deep.equal([a, 'no-show']);
      expect((await clerk.queue()).tickets.some((ticket) => ticket.id === a)).to.equal(false);
      expect((await drain(clerk, '01')).map((ticket) => ticket.id)).to.deep.equal([d]);
    });

    it('transfers a ticket to a category keeping its issue time, or to one window only', async () => {
      const kiosk = await hall.as('kiosk');
      const x = await kiosk.issueTicket({ category: 'A' });
      const clerk = await hall.as('clerk');
      expect((await clerk.callNext({ window: '01' }))?.id).to.equal(x.id);
      const moved = await clerk.queueCommand({ command: 'transfer', window: '01', category: 'B' });
      expect([moved.status, moved.category, moved.issuedAt]).to.deep.equal(['waiting', 'B', x.issuedAt]);
      expect(moved.transferredFrom).to.deep.equal({ category: 'A', window: '01' });
      const y = await kiosk.issueTicket({ category: 'B' });
      const clerk3 = await hall.as('clerk3'); // window 03 calls B, then A
      expect((await clerk3.callNext({ window: '03' }))?.id).to.equal(x.id); // issued before y
      const toWindow = await clerk3.queueCommand({ command: 'transfer', window: '03', category: 'A', toWindow: '02' });
      expect([toWindow.forWindow, toWindow.category]).to.deep.equal(['02', 'A']);
      expect(await clerk.callNext({ window: '01' })).to.equal(undefined); // A, but for window 02 only
      expect((await drain(await hall.as('clerk2'), '02')).map((ticket) => ticket.id)).to.deep.equal([x.id]);
      expect((await drain(clerk3, '03')).map((ticket) => ticket.id)).to.deep.equal([y.id]);
    });

    it('holds a ticket while the window calls others, and resumes it', async () => {
      const kiosk = await hall.as('kiosk');
      const h1 = await kiosk.issueTicket({ category: 'A' });
      const h2 = await kiosk.issueTicket({ category: 'A' });
      const clerk = await hall.as('clerk');
      await clerk.callNext({ window: '01' });
      const held = await clerk.queueCommand({ command: 'hold', window: '01' });
      expect([held.id, held.status]).to.deep.equal([h1.id, 'held']);
      expect((await clerk.callNext({ window: '01' }))?.id).to.equal(h2.id);
      const listed = new Map((await clerk.queue()).tickets.map((ticket) => [ticket.id, ticket.status]));
      expect([listed.get(h1.id), listed.get(h2.id)]).to.deep.equal(['held', 'called']);
      const resumed = await clerk.queueCommand({ command: 'resume', window: '01', ticket: h1.id });
      expect([resumed.id, resumed.status]).to.deep.equal([h1.id, 'called']);
      expect(new Map((await clerk.queue()).tickets.map((ticket) => [ticket.id, ticket.status])).has(h2.id)).to.equal(
        false,
      ); // finished when the window resumed another
      await clerk.queueCommand({ command: 'finish', window: '01' });
    });

    it('refuses commands with no ticket to act on, on other windows’ tickets, and malformed ones', async () => {
      const kiosk = await hall.as('kiosk');
      const clerk = await hall.as('clerk');
      const b = await kiosk.issueTicket({ category: 'B' });
      const refusals: [() => Promise<unknown>, number, string][] = [
        [() => clerk.queueCommand({ command: 'recall', window: '01' }), 409, 'conflict'],
        [() => clerk.queueCommand({ command: 'finish', window: '01' }), 409, 'conflict'],
        [() => clerk.queueCommand({ command: 'call', window: '01', ticket: b.id }), 409, 'conflict'], // 01 serves no B
        [() => clerk.queueCommand({ command: 'resume', window: '01', ticket: b.id }), 409, 'conflict'],
        [() => clerk.queueCommand({ command: 'call', window: '01', ticket: ulid() }), 404, 'not-found'],
        [() => clerk.queueCommand({ command: 'hold', window: '02' }), 403, 'forbidden'],
        [() => clerk.queueCommand({ command: 'transfer', window: '01' }), 400, 'invalid'],
        [() => clerk.queueCommand({ command: 'dance', window: '01' } as never), 400, 'invalid'],
        [() => clerk.queueCommand({ command: 'no-show', window: '01', requeueBehind: 51 }), 400, 'invalid'],
      ];
      for (const [refusal, status, code] of refusals) {
        const error = await hallErrorOf(refusal());
        expect([error.status, error.code]).to.deep.equal([status, code]);
      }
      const kioskError = await hallErrorOf(kiosk.queueCommand({ command: 'finish', window: '01' }));
      expect(kioskError.status).to.equal(403);
      await drain(await hall.as('clerk3'), '03');
    });

    it('gives two windows racing for the next ticket two different tickets', async () => {
      const kiosk = await hall.as('kiosk');
      await kiosk.issueTicket({ category: 'A' });
      await kiosk.issueTicket({ category: 'A' });
      const [one, two] = await Promise.all([
        (await hall.as('clerk')).callNext({ window: '01' }),
        (await hall.as('clerk2')).callNext({ window: '02' }),
      ]);
      expect(one && two && one.id !== two.id).to.equal(true);
    });

    it('lists the queue as one picture a screen resumes the event stream after, missing nothing', async () => {
      const kiosk = await hall.as('kiosk');
      const display = await hall.as('display');
      await kiosk.issueTicket({ category: 'B' });
      const snapshot = await display.queue();
      expect(snapshot.windows.find((window) => window.code === '03')).to.deep.include({ categories: ['B', 'A'] });
      for (const wait of snapshot.waits) {
        const waiting = snapshot.tickets.filter((t) => t.status === 'waiting' && t.category === wait.category);
        expect(wait.waiting, wait.category).to.equal(waiting.length);
      }
      const next = await kiosk.issueTicket({ category: 'B' });
      const stream = collect(display.events(snapshot.lastEventId), (events) => events.length >= 1);
      try {
        const [first] = await stream.until;
        expect(first?.type === 'ticket.issued' && first.data.ticket.id).to.equal(next.id);
        expect(first?.id).to.equal(snapshot.lastEventId + 1);
      } finally {
        stream.stop();
      }
    });

    it('estimates the wait of a category from its services today, growing with the people waiting', async () => {
      const kiosk = await hall.as('kiosk');
      const clerk = await hall.as('clerk3');
      await drain(clerk, '03');
      // Six services of at least 40 ms: the median of today's B services, whatever earlier tests served in a blink.
      for (let i = 0; i < 6; i++) await kiosk.issueTicket({ category: 'B' });
      for (let i = 0; i < 6; i++) {
        await clerk.callNext({ window: '03' });
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      await clerk.queueCommand({ command: 'finish', window: '03' });
      const waitOfB = async () => (await clerk.queue()).waits.find((wait) => wait.category === 'B')!;
      expect(await waitOfB()).to.deep.include({ waiting: 0, estimatedWaitMs: 0 });
      await kiosk.issueTicket({ category: 'B' });
      const one = await waitOfB();
      expect(one.waiting).to.equal(1);
      expect(one.estimatedWaitMs).to.be.a('number').and.within(30, 5000);
      await kiosk.issueTicket({ category: 'B' });
      const two = await waitOfB();
      expect(two.waiting).to.equal(2);
      // One window calls B (03): twice the people, twice the wait.
      expect(two.estimatedWaitMs! / one.estimatedWaitMs!).to.be.closeTo(2, 0.05);
      // What one more person adds, for a screen that counts the people waiting from the events.
      expect(two.msPerPerson).to.equal(one.estimatedWaitMs);
      await drain(clerk, '03');
    });

    it('pauses a window for a reason: it calls no one, screens hear why (not who, not the note), until it reopens', async () => {
      const kiosk = await hall.as('kiosk');
      const clerk = await hall.as('clerk3');
      const display = await hall.as('display');
      const manager = await hall.as('manager');
      await drain(clerk, '03');
      // Not while serving someone: finish or hold first.
      await kiosk.issueTicket({ category: 'B' });
      await clerk.callNext({ window: '03' });
      const serving = await hallErrorOf(clerk.queueCommand({ command: 'pause', window: '03', reason: 'break' }));
      expect([serving.status, serving.code]).to.deep.equal([409, 'conflict']);
      expect(serving.message).to.contain('办结或挂起');
      await clerk.queueCommand({ command: 'finish', window: '03' });

      const before = await display.queue();
      const heard = collect(display.events(before.lastEventId), (events) =>
        events.some((event) => event.type === 'window.updated'),
      );
      const startedAt = Date.now();
      const paused = await clerk.queueCommand({
        command: 'pause',
        window: '03',
        reason: 'meeting',
        note: '  部门例会 ',
      });
      expect(paused.code).to.equal('03');
      expect(paused.paused).to.deep.include({ reason: 'meeting', note: '部门例会', by: 'clerk03' });
      expect(Math.abs(Date.parse(paused.paused!.since) - startedAt)).to.be.below(60_000);
      try {
        const event = (await heard.until).find((candidate) => candidate.type === 'window.updated');
        expect(event?.type === 'window.updated' && event.data.window.paused).to.deep.equal({
          reason: 'meeting',
          since: paused.paused!.since,
        });
      } finally {
        heard.stop();
      }
      const shown = (await display.queue()).windows.find((window) => window.code === '03');
      expect(shown?.paused).to.deep.equal({ reason: 'meeting', since: paused.paused!.since });
      const staff = (await manager.queue()).windows.find((window) => window.code === '03');
      expect(staff?.paused).to.deep.equal(paused.paused);

      // A paused window calls no one; B waits with no window open to serve it, so no estimate.
      const waiting = await kiosk.issueTicket({ category: 'B' });
      const refused = await hallErrorOf(clerk.callNext({ window: '03' }));
      expect([refused.status, refused.code]).to.deep.equal([409, 'conflict']);
      expect(refused.message).to.contain('暂停服务').and.contain('会议培训');
      const outOfTurn = await hallErrorOf(clerk.queueCommand({ command: 'call', window: '03', ticket: waiting.id }));
      expect(outOfTurn.status).to.equal(409);
      const waitOfB = (await clerk.queue()).waits.find((wait) => wait.category === 'B')!;
      expect(waitOfB.waiting).to.equal(1);
      expect(waitOfB.estimatedWaitMs).to.equal(undefined);

      const refusals: [() => Promise<unknown>, number][] = [
        [() => clerk.queueCommand({ command: 'pause', window: '03', reason: 'break' }), 409], // already paused
        [() => clerk.queueCommand({ command: 'pause', window: '03', reason: 'lunch' as never }), 400],
        [() => clerk.queueCommand({ command: 'pause', window: '03', reason: 'other', note: 'x'.repeat(61) }), 400],
        [async () => (await hall.as('clerk')).queueCommand({ command: 'reopen', window: '03' }), 403],
        [() => kiosk.queueCommand({ command: 'reopen', window: '03' }), 403],
      ];
      for (const [refusal, status] of refusals) expect((await hallErrorOf(refusal())).status).to.equal(status);

      const reopened = await clerk.queueCommand({ command: 'reopen', window: '03' });
      expect(reopened).to.deep.equal({ code: '03', name: staff!.name, categories: staff!.categories });
      expect((await hallErrorOf(clerk.queueCommand({ command: 'reopen', window: '03' }))).status).to.equal(409);
      expect((await clerk.callNext({ window: '03' }))?.id).to.equal(waiting.id);
      await drain(clerk, '03');
    });

    it('imports bookings, and checks each in once by its code, with the booking’s category and slot', async () => {
      const manager = await hall.as('manager');
      const kiosk = await hall.as('kiosk');
      const today = toChinaDate(new Date());
      const tomorrow = toChinaDate(new Date(Date.now() + 86_400_000));
      const [a, b, ...rest] = simulatedBookings(today, { categories: ['A', 'B'], perCategory: 2, opens: '08:00' });
      const [later] = simulatedBookings(tomorrow, { categories: ['A'], perCategory: 1 });
      const bookings = [a!, b!, ...rest, later!];
      expect(await manager.importAppointments({ bookings })).to.deep.equal({ added: 5, updated: 0, checkedIn: 0 });

      // The ticket takes the booking's category (B), whatever the kiosk names, and its slot.
      const ticket = await kiosk.issueTicket({
        category: 'A',
        kind: 'appointment',
        appointmentRef: b!.code.toLowerCase(),
      });
      expect(ticket).to.include({ kind: 'appointment', category: 'B', slot: b!.slotStart, status: 'waiting' });
      expect(ticket).not.to.have.property('appointmentRef'); // a kiosk's ticket is public
      const twice = await hallErrorOf(
        kiosk.issueTicket({ category: 'B', kind: 'appointment', appointmentRef: b!.code }),
      );
      expect([twice.status, twice.code]).to.deep.equal([409, 'conflict']);
      expect(twice.message).to.contain(ticket.number);
      const unknown = await hallErrorOf(
        kiosk.issueTicket({ category: 'A', kind: 'appointment', appointmentRef: 'ZZZZ-ZZZZ' }),
      );
      expect([unknown.status, unknown.code]).to.deep.equal([404, 'not-found']);
      expect(unknown.message).to.contain('ZZZZ-ZZZZ');
      const early = await hallErrorOf(
        kiosk.issueTicket({ category: 'A', kind: 'appointment', appointmentRef: later!.code }),
      );
      expect([early.status, early.code]).to.deep.equal([409, 'conflict']);
      expect(early.message).to.contain(tomorrow);
      // Walk-ins never need a booking.
      expect((await kiosk.issueTicket({ category: 'A' })).kind).to.equal('normal');

      // Imported again: replaced, except the one checked in.
      expect(await manager.importAppointments({ bookings })).to.deep.equal({ added: 0, updated: 4, checkedIn: 1 });
      await drain(await hall.as('clerk3'), '03');
    });

    it('refuses an import with personal data, a code twice, too many bookings or unknown categories', async () => {
      const manager = await hall.as('manager');
      const today = toChinaDate(new Date());
      const [one, two] = simulatedBookings(today, { categories: ['A'], perCategory: 2 });
      const bad: [string, unknown, number][] = [
        ['a name', { bookings: [{ ...one, name: '张三' }] }, 400],
        ['a phone', { bookings: [{ ...one, phone: '13812345678' }] }, 400],
        ['a code twice', { bookings: [one, { ...two, code: one!.code }] }, 400],
        ['nothing', { bookings: [] }, 400],
        [
          'too many',
          { bookings: simulatedBookings(today, { categories: ['A'], perCategory: MAX_BOOKINGS_PER_IMPORT + 1 }) },
          400,
        ],
        ['an unknown category', { bookings: [{ ...one, category: 'Z' }] }, 400],
        ['a slot ending before it starts', { bookings: [{ ...one, slotEnd: one!.slotStart }] }, 400],
      ];
      for (const [what, body, status] of bad) {
        const error = await hallErrorOf(manager.importAppointments(body as { bookings: Booking[] }));
        expect([error.status, error.code], what).to.deep.equal([status, 'invalid']);
      }
      const named = await hallErrorOf(manager.importAppointments({ bookings: [{ ...one!, name: '张三' } as Booking] }));
      expect(named.issues.join('\n')).to.contain('name');
      const clerk = await hall.as('clerk');
      expect((await hallErrorOf(clerk.importAppointments({ bookings: [one!] }))).status).to.equal(403);
    });

    it('calls a checked-in appointment ahead of walk-ins from a little before its slot, not earlier', async () => {
      const manager = await hall.as('manager');
      const kiosk = await hall.as('kiosk');
      const clerk = await hall.as('clerk2');
      // Two walk-ins served since the window last called someone ahead: the next one ahead has its turn.
      await drain(clerk, '02');
      for (let i = 0; i < 2; i++) await kiosk.issueTicket({ category: 'A' });
      await drain(clerk, '02');
      const now = Date.now();
      const slot = (fromNow: number) => ({
        slotStart: new Date(now + fromNow).toISOString(),
        slotEnd: new Date(now + fromNow + 30 * 60_000).toISOString(),
      });
      const [due, notYet] = simulatedBookings(toChinaDate(new Date()), { categories: ['A'], perCategory: 2 });
      await manager.importAppointments({
        bookings: [
          { ...due!, ...slot(-5 * 60_000) },
          { ...notYet!, ...slot(30 * 60_000) },
        ],
      });
      const walkIn = await kiosk.issueTicket({ category: 'A' });
      const early = await kiosk.issueTicket({ category: 'A', kind: 'appointment', appointmentRef: notYet!.code });
      const onTime = await kiosk.issueTicket({ category: 'A', kind: 'appointment', appointmentRef: due!.code });
      const order = (await drain(clerk, '02')).map((called) => called.id);
      expect(order).to.deep.equal([onTime.id, walkIn.id, early.id]);
    });

    it('numbers 100 tickets issued at once without a repeat or a gap', async () => {
      const kiosk = await hall.as('kiosk');
      const tickets = await Promise.all(Array.from({ length: 100 }, () => kiosk.issueTicket({ category: 'C' })));
      const numbers = tickets.map((ticket) => ticket.number).sort();
      expect(numbers).to.deep.equal(Array.from({ length: 100 }, (_, i) => `C${String(i + 1).padStart(3, '0')}`));
    });
  });
}
