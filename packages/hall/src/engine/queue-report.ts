/**
 * The queue day in figures for the manager's board and the daily report: each window's state and work, the totals
 * and each category's figures, the waiting line through the day, the spread of service times and the ratings. The
 * sums are `@yichuang/core`'s (`queueFigures`, `waitingThroughDay`, `serviceTimeSpread`); this reads the day.
 * @module
 */
import { queueFigures, serviceTimeSpread, toChinaDate, waitingThroughDay, type Ticket } from '@yichuang/core';
import {
  QueueReportDaySchema,
  hallIssue,
  type QueueReport,
  type QueueReportWindow,
  type QueueWindowState,
} from '@yichuang/hall-client/protocol.js';
import { clerksAt } from '../kinds/kind.js';
import { query } from '../storage/port.js';
import { RATINGS, TICKETS, WINDOWS, type RatingRow, type WindowRow } from '../storage/tables.js';
import { fail, parse, type Caller, type EngineContext } from './context.js';
import { categories } from './queue.js';

const mean = (values: readonly number[]): number | undefined =>
  values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0) / values.length;

/** One window's line: its state now (today only) and its work of the day. */
function windowLine(
  window: WindowRow,
  tickets: readonly Ticket[],
  ratings: readonly RatingRow[],
  staffed: boolean,
  today: boolean,
): QueueReportWindow {
  const own = tickets.filter((ticket) => ticket.window === window.code);
  const serving = today ? own.find((ticket) => ticket.status === 'called') : undefined;
  const state: QueueWindowState = !today
    ? 'closed'
    : window.paused
      ? 'paused'
      : serving
        ? 'serving'
        : staffed
          ? 'idle'
          : 'closed';
  const figures = queueFigures(own, 0);
  const grades = ratings.filter((rating) => rating.window === window.code).map((rating) => rating.grade);
  const averageGrade = mean(grades);
  return {
    code: window.code,
    name: window.name,
    state,
    ...(serving ? { serving: serving.number } : {}),
    ...(today && window.paused ? { paused: { reason: window.paused.reason, since: window.paused.since } } : {}),
    served: figures.served,
    ...(figures.averageServiceMs === undefined ? {} : { averageServiceMs: figures.averageServiceMs }),
    ratings: grades.length,
    ...(averageGrade === undefined ? {} : { averageGrade: Math.round(averageGrade * 100) / 100 }),
  };
}

/**
 * The report of `day` (YYYY-MM-DD, China time, or `today`; a day to come is refused): live when it is today, the record of the
 * day otherwise (windows then show as closed).
 */
export async function queueReport(context: EngineContext, caller: Caller, day: unknown): Promise<QueueReport> {
  const { locale } = caller;
  const now = context.now();
  const today = toChinaDate(new Date(now));
  const wanted = day === 'today' ? today : parse(QueueReportDaySchema, day, locale);
  if (wanted > today) {
    throw fail(locale, 'invalid', 'invalid', {}, [hallIssue('dayAhead', locale, { day: wanted, today })]);
  }
  const at = new Date(now).toISOString();
  const read = await context.read(function* () {
    const windows = yield* query(WINDOWS, 'position');
    const staffed = new Set<string>();
    if (wanted === today) {
      for (const window of windows) if ((yield* clerksAt(window.code, at)).length > 0) staffed.add(window.code);
    }
    return {
      list: yield* categories(),
      windows,
      staffed,
      tickets: (yield* query(TICKETS, 'status', { equals: [wanted] })).map((row) => row.ticket),
      ratings: yield* query(RATINGS, 'day', { equals: [wanted] }),
    };
  });
  const tickets = read.tickets.sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
  const byGrade: Record<string, number> = {};
  for (const rating of read.ratings) byGrade[rating.grade] = (byGrade[rating.grade] ?? 0) + 1;
  const satisfied = read.ratings.filter((rating) => rating.grade >= 4).length;
  // A past day is over: nobody waits on into the night on the chart.
  const until = wanted === today ? now : Date.parse(`${wanted}T23:59:59+08:00`);
  return {
    day: wanted,
    at,
    categories: read.list,
    windows: read.windows.map((window) =>
      windowLine(window, tickets, read.ratings, read.staffed.has(window.code), wanted === today),
    ),
    totals: queueFigures(tickets, until),
    byCategory: read.list.map(({ code }) => ({
      category: code,
      ...queueFigures(
        tickets.filter((ticket) => ticket.category === code),
        until,
      ),
    })),
    waiting: waitingThroughDay(tickets, wanted, until),
    serviceTimes: serviceTimeSpread(tickets),
    ratings: {
      total: read.ratings.length,
      byGrade,
      ...(read.ratings.length === 0 ? {} : { satisfiedShare: satisfied / read.ratings.length }),
    },
  };
}
