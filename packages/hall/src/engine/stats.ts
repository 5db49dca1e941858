import { toChinaDate } from '@yichuang/core';
import type { HallStatistics } from '@yichuang/hall-client/protocol.js';
import { query } from '../storage/port.js';
import { CASES, RATINGS, TICKETS } from '../storage/tables.js';
import type { EngineContext } from './context.js';

function tally(values: readonly (string | number)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const value of values) out[value] = (out[value] ?? 0) + 1;
  return out;
}

/** The hall's figures for today (China time): cases by status, tickets, ratings by grade. */
export async function statistics(context: EngineContext): Promise<HallStatistics> {
  const day = toChinaDate(new Date(context.now()));
  const { cases, tickets, ratings } = await context.read(function* () {
    return {
      cases: yield* query(CASES, 'day', { equals: [day] }),
      tickets: yield* query(TICKETS, 'status', { equals: [day] }),
      ratings: yield* query(RATINGS, 'day', { equals: [day] }),
    };
  });
  return {
    day,
    cases: { total: cases.length, byStatus: tally(cases.map((c) => c.status)) },
    tickets: {
      issued: tickets.length,
      waiting: tickets.filter((t) => t.status === 'waiting').length,
      called: tickets.filter((t) => t.ticket.calledAt !== undefined).length,
    },
    ratings: { total: ratings.length, byGrade: tally(ratings.map((r) => r.grade)) },
  };
}
