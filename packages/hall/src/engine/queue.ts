/**
 * The queue: tickets numbered per category and China day (`A001`, `A002`, …), called to windows (priority first,
 * then by the window's order of categories, then in the order issued), listed for screens and clerks.
 * @module
 */
import * as v from 'valibot';
import { TicketSchema, toChinaDate, ulid, type Ticket } from '@yichuang/core';
import {
  CallNextSchema,
  IssueTicketSchema,
  PUBLIC_ROLES,
  hallIssue,
  type PublicTicket,
  type QueueCategory,
} from '@yichuang/hall-client/protocol.js';
import { first, get, put, query, type TxBody } from '../storage/port.js';
import { CATEGORIES, TICKETS, WINDOWS, type TicketRow } from '../storage/tables.js';
import { fail, parse, type Caller, type EngineContext } from './context.js';
import { appendEvent, publicTicket } from './events.js';

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

/** What a caller sees of a ticket: public screens without the booking reference. */
function forCaller(caller: Caller, ticket: Ticket): Ticket | PublicTicket {
  return PUBLIC_ROLES.includes(caller.session.role) ? publicTicket(ticket) : ticket;
}

/** Issues the next ticket of a category (a kiosk, or a clerk on someone's behalf). */
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
    const category = yield* get(CATEGORIES, request.category);
    if (!category) {
      throw fail(locale, 'invalid', 'unknownCategory', { category: request.category }, [
        hallIssue('noCategory', locale, { field: 'category', category: request.category }),
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
    });
    yield* put(TICKETS, { id: ticket.id, day, category: category.code, seq, status: 'waiting', ticket });
    yield* appendEvent({ type: 'ticket.issued', at, data: { ticket } });
    return ticket;
  });
  return forCaller(caller, ticket);
}

/**
 * Calls the next waiting ticket of today to the caller's window: priority tickets first, then by the order of the
 * categories (the window's by default), then in the order issued. The ticket this window called before is done.
 */
export async function callNext(context: EngineContext, caller: Caller, body: unknown): Promise<Ticket | undefined> {
  const { locale } = caller;
  const request = parse(CallNextSchema, body, locale);
  const now = context.now();
  const at = new Date(now).toISOString();
  const day = toChinaDate(new Date(now));
  return context.write(function* () {
    const window = yield* get(WINDOWS, request.window);
    if (!window) {
      throw fail(locale, 'invalid', 'unknownWindow', { window: request.window }, [
        hallIssue('noWindow', locale, { field: 'window', window: request.window }),
      ]);
    }
    if (caller.session.window !== window.code) {
      throw fail(locale, 'forbidden', 'forbiddenWindow', { window: caller.session.window ?? '—' });
    }
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
    const order = request.categories ?? window.categories;
    const rank = (row: TicketRow) => order.indexOf(row.category);
    const waiting = (yield* query(TICKETS, 'status', { equals: [day, 'waiting'] })).filter((row) => rank(row) >= 0);
    waiting.sort(
      (a, b) =>
        Number(b.ticket.kind === 'priority') - Number(a.ticket.kind === 'priority') ||
        rank(a) - rank(b) ||
        a.ticket.issuedAt.localeCompare(b.ticket.issuedAt) ||
        a.seq - b.seq,
    );
    const next = waiting[0];
    if (!next) return undefined;
    for (const row of yield* query(TICKETS, 'status', { equals: [day, 'called'] })) {
      if (row.ticket.window === window.code) {
        yield* put(TICKETS, { ...row, status: 'done', ticket: { ...row.ticket, status: 'done' } });
      }
    }
    const ticket = checked({ ...next.ticket, status: 'called', window: window.code, calledAt: at });
    yield* put(TICKETS, { ...next, status: 'called', ticket });
    yield* appendEvent({ type: 'ticket.called', at, data: { ticket } });
    return ticket;
  });
}

/** Today's waiting and called tickets in the order issued, with the categories. */
export async function queue(
  context: EngineContext,
  caller: Caller,
): Promise<{ categories: QueueCategory[]; tickets: (Ticket | PublicTicket)[] }> {
  const day = toChinaDate(new Date(context.now()));
  const { list, rows } = await context.read(function* () {
    const list = yield* categories();
    const rows = [
      ...(yield* query(TICKETS, 'status', { equals: [day, 'waiting'] })),
      ...(yield* query(TICKETS, 'status', { equals: [day, 'called'] })),
    ];
    return { list, rows };
  });
  const tickets = rows
    .map((row) => row.ticket)
    .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.number.localeCompare(b.number));
  return { categories: list, tickets: tickets.map((ticket) => forCaller(caller, ticket)) };
}
