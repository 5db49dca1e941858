import { NEVER, type Observable } from 'rxjs';
import { queueFigures, serviceTimeSpread, waitingThroughDay, type Ticket } from '@yichuang/core';
import { DEMO_HALL } from '@yichuang/demo-catalog';
import {
  HallError,
  type HallClient,
  type HallEvent,
  type QueueReport,
  type QueueReportWindow,
} from '@yichuang/hall-client';

/**
 * The days a board story shows:
 * - `busy`: 10:45 of a busy morning, a long queue for 不动产登记 (an alert), window 02 paused, window 04 closed;
 * - `quiet`: 08:40, the first few tickets, nothing served yet;
 * - `refused`: the hall refuses the board (not a manager).
 */
export type BoardScene = 'busy' | 'quiet' | 'refused';

const DAY = '2026-12-04';
const at = (minutes: number) => new Date(Date.parse(`${DAY}T08:30:00+08:00`) + minutes * 60_000).toISOString();

/**
 * A fixed day of tickets, the same every time (a linear congruential sequence, no Math.random): people come every
 * minute or two in every service; the windows serve them in 3 to 35 minutes; one in twenty does not come.
 */
function day(scene: BoardScene): { tickets: Ticket[]; now: number } {
  const until = scene === 'quiet' ? 10 : 135;
  let seed = 20261204;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const tickets: Ticket[] = [];
  const counters = new Map<string, number>();
  // When each window is free again, in minutes after 08:30.
  const free = new Map(DEMO_HALL.windows.map((window) => [window.code, 0]));
  for (let minute = 0; minute < until; minute += 1 + Math.floor(next() * 2)) {
    const category = next() < 0.55 ? 'A' : next() < 0.5 ? 'C' : next() < 0.6 ? 'B' : 'V';
    const seq = (counters.get(category) ?? 0) + 1;
    counters.set(category, seq);
    const number = `${category}${String(seq).padStart(3, '0')}`;
    const ticket: Ticket = {
      id: `01KJPBOARD${number.padStart(16, '0')}`,
      number,
      category,
      kind: next() < 0.1 ? 'priority' : 'normal',
      issuedAt: at(minute),
      status: 'waiting',
    };
    // The windows that serve the category (02 paused at 10:20; 04 alone serves C, slowly).
    const windows = DEMO_HALL.windows.filter(
      (window) => window.categories.includes(category) && !(window.code === '02' && minute > 110),
    );
    tickets.push(ticket);
    const window = windows.sort((a, b) => free.get(a.code)! - free.get(b.code)!)[0];
    if (!window) continue;
    const start = Math.max(minute + 1, free.get(window.code)!);
    const service = category === 'C' ? 12 + next() * 23 : 3 + next() * 12;
    if (start + service < until) {
      free.set(window.code, start + service);
      const noShow = next() < 0.05;
      Object.assign(ticket, {
        status: noShow ? 'no-show' : 'done',
        window: window.code,
        calledAt: at(start),
        finishedAt: at(noShow ? start + 2 : start + service),
      });
      if (noShow) free.set(window.code, start + 2);
    } else if (start < until) {
      Object.assign(ticket, { status: 'called', window: window.code, calledAt: at(start) });
      free.set(window.code, Infinity);
    }
  }
  return { tickets, now: Date.parse(at(until)) };
}

/** The report of the scene's day, summed by `@yichuang/core` as the hall sums it. */
function report(scene: BoardScene): QueueReport {
  const { tickets, now } = day(scene);
  const ratings = scene === 'quiet' ? [] : [5, 5, 5, 4, 5, 4, 5, 3, 5, 5, 4, 2, 5, 5, 4, 5, 1, 5, 5, 4];
  const byGrade: Record<string, number> = {};
  for (const grade of ratings) byGrade[grade] = (byGrade[grade] ?? 0) + 1;
  const windows = DEMO_HALL.windows.map((window, index): QueueReportWindow => {
    const own = tickets.filter((ticket) => ticket.window === window.code);
    const figures = queueFigures(own, now);
    const serving = own.find((ticket) => ticket.status === 'called');
    const given = ratings.filter((_, n) => n % DEMO_HALL.windows.length === index);
    const state =
      scene === 'busy' && window.code === '02'
        ? 'paused'
        : window.code === '04' && scene === 'quiet'
          ? 'closed'
          : serving
            ? 'serving'
            : 'idle';
    return {
      code: window.code,
      name: window.name,
      state,
      ...(state === 'serving' ? { serving: serving!.number } : {}),
      ...(state === 'paused' ? { paused: { reason: 'break', since: at(110) } } : {}),
      served: figures.served,
      ...(figures.averageServiceMs === undefined ? {} : { averageServiceMs: figures.averageServiceMs }),
      ratings: given.length,
      ...(given.length === 0 ? {} : { averageGrade: given.reduce((sum, grade) => sum + grade, 0) / given.length }),
    };
  });
  return {
    day: DAY,
    at: new Date(now).toISOString(),
    categories: DEMO_HALL.categories.map((category) => ({ ...category, name: { ...category.name } })),
    windows,
    totals: queueFigures(tickets, now),
    byCategory: DEMO_HALL.categories.map(({ code }) => ({
      category: code,
      ...queueFigures(
        tickets.filter((ticket) => ticket.category === code),
        now,
      ),
    })),
    waiting: waitingThroughDay(tickets, DAY, now),
    serviceTimes: serviceTimeSpread(tickets),
    ratings: {
      total: ratings.length,
      byGrade,
      ...(ratings.length === 0
        ? {}
        : { satisfiedShare: ratings.filter((grade) => grade >= 4).length / ratings.length }),
    },
  };
}

/**
 * A manager's hall in memory for the board stories: the scene's report, summed from a fixed day of tickets by the
 * same core functions the hall uses, and an event stream that stays quiet (the picture does not move).
 */
export function boardFakeHall(scene: BoardScene): HallClient {
  const client = {
    async queueReport(): Promise<QueueReport> {
      if (scene === 'refused') throw new HallError('您的角色（窗口工作人员）无权进行此操作', 'forbidden', 403);
      return report(scene);
    },
    events(): Observable<HallEvent> {
      return NEVER;
    },
  };
  return client as unknown as HallClient;
}
