import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { estimatedWaitMs, goesAhead, nextTicket, type QueuePolicy, type Ticket } from '@yichuang/core';

type Waiting = Pick<Ticket, 'category' | 'issuedAt' | 'queuedAt' | 'number' | 'kind' | 'slot' | 'forWindow'>;

const T0 = Date.parse('2026-12-04T01:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** A day at one window serving category A: arrivals and calls in the order given, every call by the policy. */
function simulate(
  steps: readonly ({ arrive: 'normal' | 'priority' } | { arriveAppointment: number } | 'call')[],
  policy: QueuePolicy,
) {
  const waiting: Waiting[] = [];
  const calls: { ticket: Waiting; ahead: boolean; walkInsWaiting: number; aheadWaiting: number }[] = [];
  let walkInsSinceAhead = Infinity;
  let seq = 0;
  steps.forEach((step, minute) => {
    const now = T0 + minute * 60_000;
    if (step === 'call') {
      const walkInsWaiting = waiting.filter((t) => !goesAhead(t, now, policy)).length;
      const aheadWaiting = waiting.length - walkInsWaiting;
      const next = nextTicket(waiting, { categories: ['A'], window: '01', walkInsSinceAhead, now, policy });
      if (!next) return;
      waiting.splice(waiting.indexOf(next.ticket), 1);
      walkInsSinceAhead = next.ahead ? 0 : walkInsSinceAhead + 1;
      calls.push({ ...next, walkInsWaiting, aheadWaiting });
      return;
    }
    seq++;
    const number = `A${String(seq).padStart(3, '0')}`;
    if ('arrive' in step) waiting.push({ category: 'A', issuedAt: at(minute), number, kind: step.arrive });
    else
      waiting.push({
        category: 'A',
        issuedAt: at(minute),
        number,
        kind: 'appointment',
        slot: at(step.arriveAppointment),
      });
  });
  return { calls, waiting };
}

const step = fc.oneof(
  { weight: 3, arbitrary: fc.constant('call' as const) },
  { weight: 2, arbitrary: fc.record({ arrive: fc.constant('normal' as const) }) },
  { weight: 1, arbitrary: fc.record({ arrive: fc.constant('priority' as const) }) },
  { weight: 1, arbitrary: fc.record({ arriveAppointment: fc.integer({ min: 0, max: 60 }) }) },
);
const policies = fc.record({
  walkInsPerAhead: fc.integer({ min: 1, max: 4 }),
  appointmentLeadMinutes: fc.integer({ min: 0, max: 15 }),
});

describe('queue policy', () => {
  it('never starves walk-ins: between two calls ahead, the ratio of walk-ins is called when they wait (property)', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), policies, (steps, policy) => {
        const { calls } = simulate(steps, policy);
        let walkIns = Infinity;
        for (const call of calls) {
          if (call.ahead) {
            // Ahead only when it is its turn, or when no walk-in waits.
            expect(walkIns >= policy.walkInsPerAhead || call.walkInsWaiting === 0).to.equal(true);
            walkIns = 0;
          } else walkIns++;
        }
      }),
    );
  });

  it('calls a priority ticket as soon as it is its turn: the ratio is honoured, not exceeded (property)', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), policies, (steps, policy) => {
        const { calls } = simulate(steps, policy);
        let walkIns = Infinity;
        for (const call of calls) {
          if (call.aheadWaiting > 0 && walkIns >= policy.walkInsPerAhead) expect(call.ahead).to.equal(true);
          walkIns = call.ahead ? 0 : walkIns + 1;
        }
      }),
    );
  });

  it('calls everyone once, and each lane in the order people joined it (property)', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), policies, (steps, policy) => {
        const drained = [...steps, ...Array.from({ length: steps.length }, () => 'call' as const)];
        const { calls, waiting } = simulate(drained, policy);
        expect(waiting).to.have.length(0);
        const numbers = calls.map((call) => call.ticket.number);
        expect(new Set(numbers).size).to.equal(numbers.length);
        const normals = calls.filter((call) => call.ticket.kind === 'normal').map((call) => call.ticket.number);
        expect(normals).to.deep.equal([...normals].sort());
        const priorities = calls.filter((call) => call.ticket.kind === 'priority').map((call) => call.ticket.number);
        expect(priorities).to.deep.equal([...priorities].sort());
      }),
    );
  });

  it('takes an appointment ahead from a little before its slot, and as a walk-in before that', () => {
    const policy = { walkInsPerAhead: 2, appointmentLeadMinutes: 10 };
    const walkIn = { category: 'A', issuedAt: at(0), number: 'A001', kind: 'normal' as const };
    const booked = { category: 'A', issuedAt: at(1), number: 'A002', kind: 'appointment' as const, slot: at(30) };
    const call = (minute: number) =>
      nextTicket([walkIn, booked], {
        categories: ['A'],
        window: '01',
        walkInsSinceAhead: Infinity,
        now: T0 + minute * 60_000,
        policy,
      })!.ticket.number;
    expect(call(5)).to.equal('A001'); // early: waits its turn like anyone
    expect(call(20)).to.equal('A002'); // ten minutes before the slot: ahead
  });

  it('serves the window’s categories in its order, and leaves a ticket transferred to another window alone', () => {
    const waiting: Waiting[] = [
      { category: 'B', issuedAt: at(0), number: 'B001', kind: 'normal' },
      { category: 'A', issuedAt: at(1), number: 'A001', kind: 'normal', forWindow: '02' },
      { category: 'A', issuedAt: at(2), number: 'A002', kind: 'normal' },
      { category: 'C', issuedAt: at(0), number: 'C001', kind: 'normal' },
    ];
    const context = {
      window: '01',
      walkInsSinceAhead: 0,
      now: T0,
      policy: { walkInsPerAhead: 2, appointmentLeadMinutes: 0 },
    };
    expect(nextTicket(waiting, { ...context, categories: ['A', 'B'] })!.ticket.number).to.equal('A002');
    expect(nextTicket(waiting, { ...context, categories: ['B', 'A'] })!.ticket.number).to.equal('B001');
    expect(nextTicket(waiting, { ...context, window: '02', categories: ['A'] })!.ticket.number).to.equal('A001');
    expect(nextTicket(waiting, { ...context, categories: ['D'] })).to.equal(undefined);
  });

  it('orders a re-queued ticket by when it joined again, behind those then waiting', () => {
    const waiting: Waiting[] = [
      { category: 'A', issuedAt: at(0), queuedAt: at(9), number: 'A001', kind: 'normal' },
      { category: 'A', issuedAt: at(5), number: 'A002', kind: 'normal' },
    ];
    const context = {
      categories: ['A'],
      window: '01',
      walkInsSinceAhead: 0,
      now: T0,
      policy: { walkInsPerAhead: 2, appointmentLeadMinutes: 0 },
    };
    expect(nextTicket(waiting, context)!.ticket.number).to.equal('A002');
  });

  it('estimates a wait from the people ahead, the windows and the median recent service', () => {
    expect(estimatedWaitMs({ ahead: 6, windows: 2, recentServiceMs: [60_000, 600_000, 120_000] })).to.equal(360_000);
    expect(estimatedWaitMs({ ahead: 3, windows: 1, recentServiceMs: [100, 300] })).to.equal(600);
    expect(estimatedWaitMs({ ahead: 3, windows: 0, recentServiceMs: [100] })).to.equal(undefined);
    expect(estimatedWaitMs({ ahead: 3, windows: 2, recentServiceMs: [] })).to.equal(undefined);
  });
});
