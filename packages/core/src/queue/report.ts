/**
 * The figures of a queue day, computed from its tickets: how many came, waited and were served, how long they waited
 * and were served, how many did not come, the waiting line through the hours and the spread of service times. Pure:
 * the hall engine computes the manager's board and daily report with these, and nothing else does the sums.
 * @module
 */
import { toChinaDateTime } from '../calendar/date.js';
import type { Ticket } from './ticket.js';

/** What a day's queue (or one category of it) amounts to. Times in ms; averages absent until something to average. */
export interface QueueFigures {
  /** Tickets issued. */
  issued: number;
  /** Waiting now. */
  waiting: number;
  /** Served to the end (finished). */
  served: number;
  /** Called and did not come (过号), and not re-queued. */
  noShows: number;
  /** `noShows` ÷ (`served` + `noShows`), from 0 to 1. */
  noShowRate?: number;
  /** Mean time from a ticket's issue to its call, over the tickets called. */
  averageWaitMs?: number;
  /** Mean time from call to finish, over the tickets served. */
  averageServiceMs?: number;
  /** How long the one waiting longest has waited so far. */
  longestWaitingMs?: number;
}

/** How many waited at one moment of the day. */
export interface WaitingSample {
  /** China time, `HH:MM`. */
  time: string;
  waiting: number;
}

/** A bar of the service-time spread: tickets served in `[fromMinutes, toMinutes)`; the last bar has no end. */
export interface ServiceTimeBar {
  fromMinutes: number;
  toMinutes?: number;
  count: number;
}

const MINUTE = 60_000;

const mean = (values: readonly number[]): number | undefined =>
  values.length === 0 ? undefined : Math.round(values.reduce((sum, value) => sum + value, 0) / values.length);

/** Time from issue to call of a called ticket, in ms. */
function waitOf(ticket: Ticket): number | undefined {
  return ticket.calledAt === undefined ? undefined : Date.parse(ticket.calledAt) - Date.parse(ticket.issuedAt);
}

/** Time from call to finish of a served ticket, in ms. */
function serviceOf(ticket: Ticket): number | undefined {
  return ticket.status === 'done' && ticket.calledAt !== undefined && ticket.finishedAt !== undefined
    ? Date.parse(ticket.finishedAt) - Date.parse(ticket.calledAt)
    : undefined;
}

/**
 * The figures of a set of tickets of one day (all of them, or one category's), at `now` (epoch ms).
 * @example queueFigures(tickets, Date.now()).noShowRate // 0.05
 */
export function queueFigures(tickets: readonly Ticket[], now: number): QueueFigures {
  const served = tickets.filter((ticket) => ticket.status === 'done').length;
  const noShows = tickets.filter((ticket) => ticket.status === 'no-show').length;
  const waiting = tickets.filter((ticket) => ticket.status === 'waiting');
  const waits = tickets.map(waitOf).filter((ms): ms is number => ms !== undefined);
  const services = tickets.map(serviceOf).filter((ms): ms is number => ms !== undefined);
  const averageWaitMs = mean(waits);
  const averageServiceMs = mean(services);
  const longest = Math.max(...waiting.map((ticket) => now - Date.parse(ticket.issuedAt)));
  return {
    issued: tickets.length,
    waiting: waiting.length,
    served,
    noShows,
    ...(served + noShows === 0 ? {} : { noShowRate: noShows / (served + noShows) }),
    ...(averageWaitMs === undefined ? {} : { averageWaitMs }),
    ...(averageServiceMs === undefined ? {} : { averageServiceMs }),
    ...(waiting.length === 0 ? {} : { longestWaitingMs: Math.max(0, longest) }),
  };
}

/** Options of {@link waitingThroughDay}. */
export interface WaitingThroughDayOptions {
  /** Minutes between samples. Default 30. */
  stepMinutes?: number;
  /** First hour sampled (China time) unless a ticket came earlier. Default 8. */
  openHour?: number;
  /** Last hour sampled unless a ticket is still waiting later or `now` comes first. Default 18. */
  closeHour?: number;
}

/**
 * How many waited through the day `day` (YYYY-MM-DD, China time), sampled every `stepMinutes` from the hall's
 * opening hour (or the first ticket, if earlier) to its closing hour, or `now` if the day is not over. A ticket
 * counts from its issue until the window called it; one waiting again after a transfer counts from its issue.
 * @example waitingThroughDay(tickets, '2026-12-04', Date.now()) // [{ time: '08:00', waiting: 0 }, …]
 */
export function waitingThroughDay(
  tickets: readonly Ticket[],
  day: string,
  now: number,
  { stepMinutes = 30, openHour = 8, closeHour = 18 }: WaitingThroughDayOptions = {},
): WaitingSample[] {
  const midnight = Date.parse(`${day}T00:00:00+08:00`);
  const step = stepMinutes * MINUTE;
  const issued = tickets.map((ticket) => Date.parse(ticket.issuedAt));
  const first = Math.min(midnight + openHour * 60 * MINUTE, ...issued);
  const start = midnight + Math.floor((first - midnight) / step) * step;
  const end = Math.min(now, midnight + closeHour * 60 * MINUTE, midnight + 24 * 60 * MINUTE - step);
  const samples: WaitingSample[] = [];
  for (let at = start; at <= end; at += step) {
    const waiting = tickets.filter((ticket, index) => {
      if (issued[index]! > at) return false;
      if (ticket.calledAt !== undefined) return Date.parse(ticket.calledAt) > at;
      return ticket.status === 'waiting';
    }).length;
    samples.push({ time: toChinaDateTime(at).slice(11), waiting });
  }
  return samples;
}

/** Default bars of {@link serviceTimeSpread}, in minutes. */
export const SERVICE_TIME_BARS: readonly number[] = [0, 5, 10, 15, 20, 30];

/**
 * How the service times of the day's served tickets spread over bars of minutes (`bounds` ascending from 0): how
 * many took under 5 minutes, 5 to 10, … and 30 or more.
 * @example serviceTimeSpread(tickets)[0] // { fromMinutes: 0, toMinutes: 5, count: 12 }
 */
export function serviceTimeSpread(
  tickets: readonly Ticket[],
  bounds: readonly number[] = SERVICE_TIME_BARS,
): ServiceTimeBar[] {
  const bars: ServiceTimeBar[] = bounds.map((fromMinutes, index) => ({
    fromMinutes,
    ...(index + 1 < bounds.length ? { toMinutes: bounds[index + 1]! } : {}),
    count: 0,
  }));
  for (const ms of tickets.map(serviceOf)) {
    if (ms === undefined) continue;
    const minutes = ms / MINUTE;
    const index = bounds.findIndex((from, at) => minutes >= from && !(minutes >= (bounds[at + 1] ?? Infinity)));
    if (index >= 0) bars[index]!.count += 1;
  }
  return bars;
}

/** A category whose wait passed the manager's threshold. */
export interface WaitAlert {
  category: string;
  /** The longest wait so far of the people waiting, in ms. */
  longestWaitingMs: number;
  waiting: number;
}

/**
 * The categories in which someone has waited longer than `thresholdMs`, longest first: the board raises them.
 * @example waitAlerts([{ category: 'A', longestWaitingMs: 40 * 60_000, waiting: 9, … }], 30 * 60_000)
 */
export function waitAlerts(
  categories: readonly (QueueFigures & { category: string })[],
  thresholdMs: number,
): WaitAlert[] {
  return categories
    .filter((figures) => (figures.longestWaitingMs ?? 0) > thresholdMs)
    .map(({ category, longestWaitingMs, waiting }) => ({ category, longestWaitingMs: longestWaitingMs!, waiting }))
    .sort((a, b) => b.longestWaitingMs - a.longestWaitingMs);
}
