/**
 * The queue: tickets numbered per category and China day (`A001`, `A002`, …), called to windows under the queue
 * policy of `@yichuang/core` (priority and appointments at their slot ahead, never starving walk-ins), the clerk's
 * commands (call out of turn, recall, no-show, transfer, hold, resume, finish), listed for screens and clerks.
 * @module
 */
import * as v from 'valibot';
import {
  DEFAULT_QUEUE_POLICY,
  TicketSchema,
  WINDOW_PAUSE_REASONS,
  estimatedWaitMs,
  goesAhead,
  nextTicket,
  queuedAt,
  servesTicket,
  toChinaDate,
  ulid,
  type CallContext,
  type Ticket,
} from '@yichuang/core';
import {
  CallNextSchema,
  IssueTicketSchema,
  PUBLIC_ROLES,
  QueueCommandSchema,
  hallIssue,
  type PublicTicket,
  type QueueCategory,
  type QueueSnapshot,
  type QueueWait,
  type QueueWindow,
} from '@yichuang/hall-client/protocol.js';
import { first, get, put, query, type TxBody } from '../storage/port.js';
import {
  APPOINTMENTS,
  CATEGORIES,
  TICKETS,
  WINDOWS,
  type AppointmentRow,
  type TicketRow,
  type WindowRow,
} from '../storage/tables.js';
import { fail, parse, type Caller, type EngineContext } from './context.js';
import { appendEvent, lastEventId, publicTicket, publicWindow } from './events.js';

/** Highest ticket sequence per category and day: the ticket number has at most four digits. */
export const MAX_TICKET_SEQ = 9999;

/** A ticket the schema refuses is a bug of the hall, never stored. */
function checked(ticket: Ticket): Ticket {
  const result = v.safeParse(TicketSchema, ticket);
  if (!result.success) throw new Error(`internal: a ticket the schema refuses (${result.issues[0]?.message})`);
  return result.output;
}

/** The categories in their configured order. */
export function* categories(): TxBody<QueueCategory[]> {
  return (yield* query(CATEGORIES, 'position')).map(({ code, letter, name }) => ({ code, letter, name }));
}

/** What a caller sees of a ticket: public screens without the booking reference and who served it. */
function forCaller(caller: Caller, ticket: Ticket): Ticket | PublicTicket {
  return PUBLIC_ROLES.includes(caller.session.role) ? publicTicket(ticket) : ticket;
}

/**
 * The booking an appointment checks in, of today and not checked in yet: 404 for a code the hall has no booking of,
 * 409 for another day's booking or one checked in already.
 */
function* bookingToCheckIn(caller: Caller, code: string, day: string): TxBody<AppointmentRow> {
  const { locale } = caller;
  const booking = yield* get(APPOINTMENTS, code);
  if (!booking) throw fail(locale, 'not-found', 'appointmentNotFound', { code });
  if (booking.day !== day) throw fail(locale, 'conflict', 'appointmentOtherDay', { code, day: booking.day });
  if (booking.ticketId !== undefined) {
    const number = (yield* get(TICKETS, booking.ticketId))?.ticket.number ?? '—';
    throw fail(locale, 'conflict', 'appointmentCheckedIn', { code, number });
  }
  return booking;
}

/**
 * Issues the next ticket of a category (a kiosk, or a clerk on someone's behalf). An appointment checks its booking
 * in: the ticket takes the booking's category and slot (the queue policy calls it ahead from a little before the
 * slot), whatever category the request named.
 */
export async function issueTicket(
  context: EngineContext,
  caller: Caller,
  body: unknown,
): Promise<Ticket | PublicTicket> {
  const { locale } = caller;
  const request = parse(IssueTicketSchema, body, locale);
  if (request.kind === 'appointment' && request.appointmentRef === undefined) {
    throw fail(locale, 'invalid', 'invalid', {}, [hallIssue('appointmentNeeded', locale)]);
  }
  const now = context.now();
  const at = new Date(now).toISOString();
  const day = toChinaDate(new Date(now));
  const ticket = await context.write(function* () {
    const booking =
      request.kind === 'appointment' ? yield* bookingToCheckIn(caller, request.appointmentRef!, day) : undefined;
    const code = booking?.category ?? request.category;
    const category = yield* get(CATEGORIES, code);
    if (!category) {
      throw fail(locale, 'invalid', 'unknownCategory', { category: code }, [
        hallIssue('noCategory', locale, { field: 'category', category: code }),
      ]);
    }
    const last = yield* first(TICKETS, 'seq', { equals: [day, category.code], reverse: true });
    const seq = (last?.seq ?? 0) + 1;
    if (seq > MAX_TICKET_SEQ) throw fail(locale, 'conflict', 'queueFull', { category: category.code });
    const ticket = checked({
      id: ulid(now),
      number: `${category.letter}${String(seq).padStart(3, '0')}`,
      category: category.code,
      kind: request.kind,
      issuedAt: at,
      status: 'waiting',
      ...(request.appointmentRef === undefined ? {} : { appointmentRef: request.appointmentRef }),
      ...(booking === undefined ? {} : { slot: booking.slotStart }),
    });
    yield* put(TICKETS, { id: ticket.id, day, category: category.code, seq, status: 'waiting', ticket });
    if (booking) yield* put(APPOINTMENTS, { ...booking, ticketId: ticket.id, checkedInAt: at });
    yield* appendEvent({ type: 'ticket.issued', at, data: { ticket } });
    return ticket;
  });
  return forCaller(caller, ticket);
}

/** The window of a clerk's command: it must exist and be the window of the session. */
function* ownWindow(caller: Caller, code: string): TxBody<WindowRow> {
  const { locale } = caller;
  const window = yield* get(WINDOWS, code);
  if (!window) {
    throw fail(locale, 'invalid', 'unknownWindow', { window: code }, [
      hallIssue('noWindow', locale, { field: 'window', window: code }),
    ]);
  }
  if (caller.session.window !== window.code) {
    throw fail(locale, 'forbidden', 'forbiddenWindow', { window: caller.session.window ?? '—' });
  }
  return window;
}

/** A paused window calls no one: 409 saying why, until the clerk reopens it. */
function notPaused(caller: Caller, window: WindowRow): void {
  if (window.paused) {
    throw fail(caller.locale, 'conflict', 'windowPaused', {
      window: window.code,
      reason: WINDOW_PAUSE_REASONS[window.paused.reason],
    });
  }
}

/** A window as clerks and managers see it (with who paused it and the note). */
function staffWindow({ code, name, categories, paused }: WindowRow): QueueWindow {
  return { code, name, categories, ...(paused ? { paused: { ...paused } } : {}) };
}

/** What a caller sees of a window: public screens without who paused it and the note. */
function windowFor(caller: Caller, window: WindowRow): QueueWindow {
  return PUBLIC_ROLES.includes(caller.session.role) ? publicWindow(staffWindow(window)) : staffWindow(window);
}

/** Writes a window's new state (paused, reopened) and the event that tells screens of it. */
function* recordWindow(window: WindowRow, at: string): TxBody<QueueWindow> {
  yield* put(WINDOWS, window);
  const shown = staffWindow(window);
  yield* appendEvent({ type: 'window.updated', at, data: { window: shown } });
  return shown;
}

/** What the queue policy needs to know of a window's next call. */
function callContext(window: WindowRow, now: number, walkInsSinceAhead = 0): CallContext {
  return { categories: window.categories, window: window.code, walkInsSinceAhead, now, policy: DEFAULT_QUEUE_POLICY };
}

/** Today's tickets in the given statuses. */
function* ticketsIn(day: string, ...statuses: Ticket['status'][]): TxBody<TicketRow[]> {
  const rows: TicketRow[] = [];
  for (const status of statuses) rows.push(...(yield* query(TICKETS, 'status', { equals: [day, status] })));
  return rows;
}

/** Walk-ins the window called since it last called a ticket ahead of them (Infinity when it has not today). */
function* walkInsSinceAhead(day: string, window: string): TxBody<number> {
  const called = (yield* ticketsIn(day, 'called', 'held', 'done', 'no-show'))
    .filter((row) => row.ticket.window === window && row.ticket.calledAt !== undefined)
    .sort((a, b) => b.ticket.calledAt!.localeCompare(a.ticket.calledAt!));
  const last = called.findIndex((row) => row.ahead);
  return last < 0 ? Infinity : last;
}

/** Writes a ticket's new state and the event that tells of it. */
function* record(
  row: TicketRow,
  ticket: Ticket,
  type: 'ticket.called' | 'ticket.updated',
  at: string,
  ahead = row.ahead,
): TxBody<Ticket> {
  const next = checked(ticket);
  yield* put(TICKETS, { ...row, status: next.status, ticket: next, ...(ahead === undefined ? {} : { ahead }) });
  yield* appendEvent({ type, at, data: { ticket: next } });
  return next;
}

/** The ticket the window serves now (called, not yet finished), if any: it is finished when the window calls again. */
function* finishCurrent(day: string, window: string, at: string): TxBody<void> {
  for (const row of yield* ticketsIn(day, 'called')) {
    if (row.ticket.window === window) {
      yield* record(row, { ...row.ticket, status: 'done', finishedAt: at }, 'ticket.updated', at);
    }
  }
}

/**
 * Calls the next waiting ticket of today to the caller's window under the hall's queue policy (priority tickets and
 * appointments at their slot ahead of walk-ins, but never starving them; then the window's order of categories; then
 * the order joined). The ticket the window called before is finished.
 */
export async function callNext(context: EngineContext, caller: Caller, body: unknown): Promise<Ticket | undefined> {
  const { locale } = caller;
  const request = parse(CallNextSchema, body, locale);
  const now = context.now();
  const at = new Date(now).toISOString();
  const day = toChinaDate(new Date(now));
  return context.write(function* () {
    const window = yield* ownWindow(caller, request.window);
    notPaused(caller, window);
    const unknown: string[] = [];
    for (const code of request.categories ?? []) if (!(yield* get(CATEGORIES, code))) unknown.push(code);
    if (unknown.length > 0) {
      throw fail(
        locale,
        'invalid',
        'unknownCategory',
        { category: unknown.join(', ') },
        unknown.map((code) => hallIssue('noCategory', locale, { field: 'categories', category: code })),
      );
    }
    const waiting = yield* ticketsIn(day, 'waiting');
    const next = nextTicket(
      waiting.map((row) => row.ticket),
      {
        ...callContext(window, now, yield* walkInsSinceAhead(day, window.code)),
        ...(request.categories === undefined ? {} : { categories: request.categories }),
      },
    );
    if (!next) return undefined;
    yield* finishCurrent(day, window.code, at);
    const row = waiting.find((candidate) => candidate.ticket === next.ticket)!;
    return yield* record(
      row,
      { ...row.ticket, status: 'called', window: window.code, calledAt: at, servedBy: caller.session.subject },
      'ticket.called',
      at,
      next.ahead,
    );
  });
}

/** The window's current ticket (called, not finished), or 409 saying it has none. */
function* currentTicket(caller: Caller, day: string, window: string): TxBody<TicketRow> {
  const row = (yield* ticketsIn(day, 'called')).find((candidate) => candidate.ticket.window === window);
  if (!row) throw fail(caller.locale, 'conflict', 'noCurrentTicket', { window });
  return row;
}

/** Today's ticket of that id, or 404. */
function* todaysTicket(caller: Caller, day: string, id: string): TxBody<TicketRow> {
  const row = yield* get(TICKETS, id);
  if (!row || row.day !== day) throw fail(caller.locale, 'not-found', 'ticketNotFound');
  return row;
}

/** Drops the fields of a ticket's last stay at a window, for a ticket that waits again. */
function waitingAgain(ticket: Ticket): Ticket {
  const { window: _window, calledAt: _calledAt, finishedAt: _finishedAt, servedBy: _servedBy, ...rest } = ticket;
  return { ...rest, status: 'waiting' };
}

/**
 * A clerk's command on the tickets of their window (see `QueueCommandSchema`): call a ticket out of turn, recall,
 * no-show (optionally re-queued), transfer, hold, resume, finish — answering the ticket it acted on; pause the window
 * (not while it serves a ticket) or reopen it — answering the window. Who paused and since when are the session's
 * and the hall clock's, never the client's.
 */
export async function queueCommand(
  context: EngineContext,
  caller: Caller,
  body: unknown,
): Promise<Ticket | QueueWindow> {
  const { locale } = caller;
  const command = parse(QueueCommandSchema, body, locale);
  const now = context.now();
  const at = new Date(now).toISOString();
  const day = toChinaDate(new Date(now));
  return context.write(function* () {
    const window = yield* ownWindow(caller, command.window);
    switch (command.command) {
      case 'call': {
        notPaused(caller, window);
        const row = yield* todaysTicket(caller, day, command.ticket);
        if (row.status !== 'waiting' || !servesTicket(row.ticket, callContext(window, now))) {
          throw fail(locale, 'conflict', 'ticketNotWaiting', { number: row.ticket.number });
        }
        yield* finishCurrent(day, window.code, at);
        const ahead = goesAhead(row.ticket, now, DEFAULT_QUEUE_POLICY);
        return yield* record(
          row,
          { ...row.ticket, status: 'called', window: window.code, calledAt: at, servedBy: caller.session.subject },
          'ticket.called',
          at,
          ahead,
        );
      }
      case 'recall': {
        const row = yield* currentTicket(caller, day, window.code);
        return yield* record(row, { ...row.ticket, recalls: (row.ticket.recalls ?? 0) + 1 }, 'ticket.called', at);
      }
      case 'no-show': {
        const row = yield* currentTicket(caller, day, window.code);
        if (command.requeueBehind === undefined) {
          return yield* record(row, { ...row.ticket, status: 'no-show', finishedAt: at }, 'ticket.updated', at);
        }
        // Behind that many of the people the window would call now: just after the last of them joined.
        const waiting = (yield* ticketsIn(day, 'waiting'))
          .map((candidate) => candidate.ticket)
          .filter((ticket) => servesTicket(ticket, callContext(window, now)))
          .map(queuedAt)
          .sort();
        const before = waiting[command.requeueBehind - 1];
        const joined =
          command.requeueBehind === 0
            ? new Date(Math.min(Date.parse(waiting[0] ?? at), now) - 1).toISOString()
            : before === undefined
              ? at
              : new Date(Date.parse(before) + 1).toISOString();
        return yield* record(row, { ...waitingAgain(row.ticket), queuedAt: joined }, 'ticket.updated', at);
      }
      case 'transfer': {
        const row = yield* currentTicket(caller, day, window.code);
        const category = command.category ?? row.ticket.category;
        if (!(yield* get(CATEGORIES, category))) {
          throw fail(locale, 'invalid', 'unknownCategory', { category }, [
            hallIssue('noCategory', locale, { field: 'category', category }),
          ]);
        }
        if (command.toWindow !== undefined && !(yield* get(WINDOWS, command.toWindow))) {
          throw fail(locale, 'invalid', 'unknownWindow', { window: command.toWindow }, [
            hallIssue('noWindow', locale, { field: 'toWindow', window: command.toWindow }),
          ]);
        }
        const { queuedAt: _queuedAt, forWindow: _forWindow, ...ticket } = waitingAgain(row.ticket);
        return yield* record(
          row,
          {
            ...ticket,
            category,
            transferredFrom: { category: row.ticket.category, window: window.code },
            ...(command.toWindow === undefined ? {} : { forWindow: command.toWindow }),
          },
          'ticket.updated',
          at,
        );
      }
      case 'hold': {
        const row = yield* currentTicket(caller, day, window.code);
        return yield* record(row, { ...row.ticket, status: 'held' }, 'ticket.updated', at);
      }
      case 'resume': {
        notPaused(caller, window);
        const row = yield* todaysTicket(caller, day, command.ticket);
        if (row.status !== 'held' || row.ticket.window !== window.code) {
          throw fail(locale, 'conflict', 'ticketNotHeld', { number: row.ticket.number });
        }
        yield* finishCurrent(day, window.code, at);
        // Whoever calls it back serves it now (the clerk at the window may have changed while it was held).
        return yield* record(
          row,
          { ...row.ticket, status: 'called', servedBy: caller.session.subject },
          'ticket.called',
          at,
        );
      }
      case 'finish': {
        const row = yield* currentTicket(caller, day, window.code);
        return yield* record(row, { ...row.ticket, status: 'done', finishedAt: at }, 'ticket.updated', at);
      }
      case 'pause': {
        const serving = (yield* ticketsIn(day, 'called')).find((row) => row.ticket.window === window.code);
        if (serving) {
          throw fail(locale, 'conflict', 'windowServing', { window: window.code, number: serving.ticket.number });
        }
        if (window.paused) {
          throw fail(locale, 'conflict', 'windowAlreadyPaused', {
            window: window.code,
            reason: WINDOW_PAUSE_REASONS[window.paused.reason],
          });
        }
        const paused = {
          reason: command.reason,
          since: at,
          by: caller.session.subject,
          ...(command.note === undefined ? {} : { note: command.note }),
        };
        return yield* recordWindow({ ...window, paused }, at);
      }
      case 'reopen': {
        if (!window.paused) throw fail(locale, 'conflict', 'windowNotPaused', { window: window.code });
        const { paused: _paused, ...open } = window;
        return yield* recordWindow(open, at);
      }
    }
  });
}

/** Services a category's wait estimate looks back on: its latest finished today. */
const RECENT_SERVICES = 20;

/**
 * Today's queue in one read: the categories, the windows, the waiting, called and held tickets in the order issued,
 * the wait per category, and the last event id (a screen resumes the stream after it).
 */
export async function queue(context: EngineContext, caller: Caller): Promise<QueueSnapshot> {
  const day = toChinaDate(new Date(context.now()));
  const { list, windows, rows, served, lastEvent } = await context.read(function* () {
    return {
      list: yield* categories(),
      windows: yield* query(WINDOWS, 'position'),
      rows: yield* ticketsIn(day, 'waiting', 'called', 'held'),
      served: yield* ticketsIn(day, 'done'),
      lastEvent: yield* lastEventId(),
    };
  });
  const tickets = rows
    .map((row) => row.ticket)
    .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.number.localeCompare(b.number));
  const waits = list.map(({ code }): QueueWait => {
    const waiting = tickets.filter((ticket) => ticket.status === 'waiting' && ticket.category === code).length;
    const recentServiceMs = served
      .map((row) => row.ticket)
      .filter((ticket) => ticket.category === code && ticket.calledAt && ticket.finishedAt)
      .sort((a, b) => b.finishedAt!.localeCompare(a.finishedAt!))
      .slice(0, RECENT_SERVICES)
      .map((ticket) => Date.parse(ticket.finishedAt!) - Date.parse(ticket.calledAt!));
    // A paused window serves no one meanwhile: the wait counts the windows calling now.
    const open = windows.filter((window) => !window.paused && window.categories.includes(code)).length;
    const serving = { windows: open, recentServiceMs };
    const estimate = estimatedWaitMs({ ahead: waiting, ...serving });
    const perPerson = estimatedWaitMs({ ahead: 1, ...serving });
    return {
      category: code,
      waiting,
      ...(estimate === undefined ? {} : { estimatedWaitMs: estimate, msPerPerson: perPerson }),
    };
  });
  return {
    categories: list,
    windows: windows.map((window) => windowFor(caller, window)),
    tickets: tickets.map((ticket) => forCaller(caller, ticket)),
    waits,
    lastEventId: lastEvent,
  };
}
