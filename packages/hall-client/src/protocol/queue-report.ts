import { isoDateSchema, type QueueFigures, type ServiceTimeBar, type WaitingSample } from '@yichuang/core';
import type { QueueCategory, WindowPause } from './queue.js';

/**
 * The day a queue report is asked for, in the path of `GET /api/v1/queue/report/:day`: a date (YYYY-MM-DD, China
 * time), or `today` for the hall's today (so a client's clock does not choose it).
 */
export const QueueReportDaySchema = isoDateSchema('day');

/**
 * What a window is doing as the board shows it: `serving` a called ticket, `paused` (暂停服务), `idle` with a clerk
 * logged in and no one called, or `closed` with no clerk logged in at it.
 */
export type QueueWindowState = 'serving' | 'paused' | 'idle' | 'closed';

/** A window's line of the day's report. */
export interface QueueReportWindow {
  code: string;
  name: string;
  state: QueueWindowState;
  /** The number of the ticket it serves, while `serving`. */
  serving?: string;
  /** Why and since when it is paused, while `paused`. */
  paused?: WindowPause;
  /** Tickets it finished today. */
  served: number;
  /** Its mean service time today, in ms. */
  averageServiceMs?: number;
  /** Ratings given at it today. */
  ratings: number;
  /** Their mean grade (1 to 5). */
  averageGrade?: number;
}

/**
 * `GET /api/v1/queue/report/:day` (managers): a queue day in figures, for the manager's board (live, today) and the
 * daily report (any day): windows, totals and each category's figures, the waiting line through the hours, the
 * spread of service times and the ratings. Tickets and ratings only: no name, no booking reference.
 */
export interface QueueReport {
  /** The China day (YYYY-MM-DD). */
  day: string;
  /** When the hall computed it (its clock, ISO timestamp): "waiting so far" counts to then. */
  at: string;
  categories: QueueCategory[];
  windows: QueueReportWindow[];
  totals: QueueFigures;
  byCategory: (QueueFigures & { category: string })[];
  /** How many waited, every half hour of the day. */
  waiting: WaitingSample[];
  /** How long the served tickets took, in bars of minutes. */
  serviceTimes: ServiceTimeBar[];
  /** The day's ratings: how many, by grade (`'1'` … `'5'`), and the share satisfied (grade 4 or 5, from 0 to 1). */
  ratings: { total: number; byGrade: Record<string, number>; satisfiedShare?: number };
}
