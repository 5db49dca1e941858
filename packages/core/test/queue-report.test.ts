import { expect } from '@open-wc/testing';
import { queueFigures, serviceTimeSpread, waitAlerts, waitingThroughDay, type Ticket } from '@yichuang/core';

// 2026-12-04, China time: 09:00 is 01:00 UTC.
const nine = Date.parse('2026-12-04T09:00:00+08:00');
const at = (minutes: number) => new Date(nine + minutes * 60_000).toISOString();
let seq = 0;

/** A ticket issued `issued` minutes after nine, called and finished at the given minutes. */
function ticket(issued: number, called?: number, finished?: number, status?: Ticket['status']): Ticket {
  seq += 1;
  return {
    id: `01J${String(seq).padStart(23, '0')}`,
    number: `A${String(seq).padStart(3, '0')}`,
    category: 'A',
    kind: 'normal',
    issuedAt: at(issued),
    status: status ?? (finished !== undefined ? 'done' : called !== undefined ? 'called' : 'waiting'),
    ...(called === undefined ? {} : { window: '01', calledAt: at(called) }),
    ...(finished === undefined ? {} : { finishedAt: at(finished) }),
  };
}

describe('queue day figures', () => {
  const day = [
    ticket(0, 5, 15), // waited 5, served 10
    ticket(2, 15, 35), // waited 13, served 20
    ticket(4, 35, 35, 'no-show'),
    ticket(40), // still waiting
  ];

  it('counts the served, the no-shows and the waiting, with mean waits and service times', () => {
    const figures = queueFigures(day, nine + 60 * 60_000);
    expect(figures).to.deep.equal({
      issued: 4,
      waiting: 1,
      served: 2,
      noShows: 1,
      noShowRate: 1 / 3,
      averageWaitMs: Math.round(((5 + 13 + 31) / 3) * 60_000),
      averageServiceMs: 15 * 60_000,
      longestWaitingMs: 20 * 60_000,
    });
  });

  it('leaves out what cannot be averaged yet', () => {
    expect(queueFigures([], nine)).to.deep.equal({ issued: 0, waiting: 0, served: 0, noShows: 0 });
  });

  it('samples the waiting line every half hour from the hall opening to now', () => {
    const samples = waitingThroughDay(day, '2026-12-04', nine + 61 * 60_000);
    expect(samples[0]).to.deep.equal({ time: '08:00', waiting: 0 });
    expect(samples.at(-1)!.time).to.equal('10:00');
    // At 09:00 the first ticket waits; at 09:30 the no-show (called at 09:35) waits; at 10:00 the late one.
    expect(samples.slice(2)).to.deep.equal([
      { time: '09:00', waiting: 1 },
      { time: '09:30', waiting: 1 },
      { time: '10:00', waiting: 1 },
    ]);
  });

  it('starts before the opening hour when someone came earlier', () => {
    const early = [ticket(-95, -80, -70)];
    expect(waitingThroughDay(early, '2026-12-04', nine)[0]).to.deep.equal({ time: '07:00', waiting: 0 });
  });

  it('spreads the service times over bars of minutes', () => {
    const spread = serviceTimeSpread([...day, ticket(0, 0, 45), ticket(0, 0, 4)]);
    expect(spread.map((bar) => bar.count)).to.deep.equal([1, 0, 1, 0, 1, 1]);
    expect(spread.at(-1)).to.deep.equal({ fromMinutes: 30, count: 1 });
    expect(spread[0]).to.deep.equal({ fromMinutes: 0, toMinutes: 5, count: 1 });
  });

  it('raises the categories in which someone waited past the threshold, longest first', () => {
    const lines = [
      { category: 'A', ...queueFigures([ticket(0)], nine + 40 * 60_000) },
      { category: 'B', ...queueFigures([ticket(0), ticket(10)], nine + 50 * 60_000) },
      { category: 'C', ...queueFigures([ticket(0, 1, 2)], nine + 50 * 60_000) },
    ];
    expect(waitAlerts(lines, 30 * 60_000)).to.deep.equal([
      { category: 'B', longestWaitingMs: 50 * 60_000, waiting: 2 },
      { category: 'A', longestWaitingMs: 40 * 60_000, waiting: 1 },
    ]);
  });
});
