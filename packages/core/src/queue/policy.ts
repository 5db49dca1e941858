/**
 * Who a window calls next, and how long a category waits: pure functions the hall engine applies, the same on the
 * hall server and in a one-PC hall.
 * @module
 */
import type { Ticket } from './ticket.js';

/**
 * How a window orders the tickets waiting for it. Priority tickets (elderly, disabled, pregnant, military) and
 * appointments whose slot has come go ahead of walk-ins, but never starve them: after each ticket called ahead,
 * `walkInsPerAhead` walk-ins are called (when any wait) before the next one ahead.
 */
export interface QueuePolicy {
  /** Walk-ins called between two tickets called ahead of them (2: two normal, one priority). At least 1. */
  walkInsPerAhead: number;
  /** Minutes before its slot from which a checked-in appointment goes ahead (an early arrival waits like anyone). */
  appointmentLeadMinutes: number;
}

/** The policy of a hall that configured none: two walk-ins to one priority ticket, appointments from 10 min early. */
export const DEFAULT_QUEUE_POLICY: QueuePolicy = { walkInsPerAhead: 2, appointmentLeadMinutes: 10 };

/** What a window's next call depends on besides the tickets. */
export interface CallContext {
  /** The categories the window serves, in its order of preference. */
  categories: readonly string[];
  /** The window's code: a ticket transferred to another window is not this one's. */
  window: string;
  /** Walk-ins this window called since it last called a ticket ahead (Infinity when it has not today). */
  walkInsSinceAhead: number;
  /** Now, in milliseconds since the epoch. */
  now: number;
  policy: QueuePolicy;
}

/** The moment a ticket joined the queue as it now stands (a requeue or a transfer may set it), for ordering. */
export function queuedAt(ticket: Pick<Ticket, 'issuedAt' | 'queuedAt'>): string {
  return ticket.queuedAt ?? ticket.issuedAt;
}

/** Whether a waiting ticket goes ahead of walk-ins now: priority, or an appointment whose slot has come. */
export function goesAhead(ticket: Pick<Ticket, 'kind' | 'slot'>, now: number, policy: QueuePolicy): boolean {
  if (ticket.kind === 'priority') return true;
  if (ticket.kind !== 'appointment' || ticket.slot === undefined) return false;
  return now >= Date.parse(ticket.slot) - policy.appointmentLeadMinutes * 60_000;
}

/** Whether a window may call a ticket: one of its categories, and not transferred to another window. */
export function servesTicket(
  ticket: Pick<Ticket, 'category' | 'forWindow'>,
  context: Pick<CallContext, 'categories' | 'window'>,
): boolean {
  return context.categories.includes(ticket.category) && (ticket.forWindow ?? context.window) === context.window;
}

/**
 * The waiting tickets a window may call, in the order it would call them if nothing changed: in each lane (ahead,
 * walk-in), by the window's order of categories, then by the time each joined the queue, then by number.
 */
function byLane<T extends Pick<Ticket, 'category' | 'issuedAt' | 'queuedAt' | 'number'>>(
  tickets: readonly T[],
  categories: readonly string[],
): T[] {
  return [...tickets].sort(
    (a, b) =>
      categories.indexOf(a.category) - categories.indexOf(b.category) ||
      queuedAt(a).localeCompare(queuedAt(b)) ||
      a.number.localeCompare(b.number),
  );
}

/** The ticket a window calls next, if any waits for it, under the policy (see {@link QueuePolicy}). */
export function nextTicket<
  T extends Pick<Ticket, 'category' | 'issuedAt' | 'queuedAt' | 'number' | 'kind' | 'slot' | 'forWindow'>,
>(waiting: readonly T[], context: CallContext): { ticket: T; ahead: boolean } | undefined {
  const mine = waiting.filter((ticket) => servesTicket(ticket, context));
  const ahead = byLane(
    mine.filter((ticket) => goesAhead(ticket, context.now, context.policy)),
    context.categories,
  );
  const walkIns = byLane(
    mine.filter((ticket) => !goesAhead(ticket, context.now, context.policy)),
    context.categories,
  );
  const perAhead = Math.max(1, Math.floor(context.policy.walkInsPerAhead));
  const aheadsTurn = walkIns.length === 0 || context.walkInsSinceAhead >= perAhead;
  if (ahead[0] && aheadsTurn) return { ticket: ahead[0], ahead: true };
  if (walkIns[0]) return { ticket: walkIns[0], ahead: false };
  return undefined;
}

/**
 * How long a new ticket of a category may expect to wait: the people ahead of it, served in turn by the windows
 * serving the category, at the category's recent service time (the median of the recent services, in ms). Without
 * a recent service or an open window, unknown.
 */
export function estimatedWaitMs(input: {
  ahead: number;
  windows: number;
  recentServiceMs: readonly number[];
}): number | undefined {
  if (input.windows <= 0 || input.recentServiceMs.length === 0) return undefined;
  const sorted = [...input.recentServiceMs].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round((input.ahead / input.windows) * median);
}
