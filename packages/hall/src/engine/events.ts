/**
 * The event log: who receives which event, and in what form. One rule for every transport: the server's
 * Server-Sent Events and the local hall's streams both ask {@link eventView}.
 * @module
 */
import {
  EVENT_AUDIENCE,
  PUBLIC_ROLES,
  type HallEvent,
  type HallEventType,
  type PublicTicket,
  type QueueWindow,
} from '@yichuang/hall-client/protocol.js';
import type { Ticket } from '@yichuang/core';
import { hearsOfWindow, type Viewer } from '../kinds/kind.js';
import { PRIMARY_KEY, add, first, query, type TxBody } from '../storage/port.js';
import { EVENTS, type EventRow } from '../storage/tables.js';

/** A ticket as a public screen may see it: no booking reference, not who served it. */
export function publicTicket(ticket: Ticket | PublicTicket): PublicTicket {
  const { appointmentRef: _hidden, servedBy: _staffOnly, ...rest } = ticket as Ticket;
  return rest;
}

/** A window as a public screen may see it: its pause without who paused it and the clerk's note. */
export function publicWindow(window: QueueWindow): QueueWindow {
  if (!window.paused) return window;
  const { reason, since } = window.paused;
  return { ...window, paused: { reason, since } };
}

type Audience<T extends HallEventType> = (
  event: Extract<HallEvent, { type: T }>,
  viewer: Viewer,
) => HallEvent | undefined;

type TicketEvent = Extract<HallEvent, { type: 'ticket.issued' | 'ticket.called' | 'ticket.updated' }>;

/** The public form of each ticket event, made once for every public screen that sees it. */
const publicForms = new WeakMap<HallEvent, HallEvent>();

const ticketFor = (event: TicketEvent, viewer: Viewer): HallEvent => {
  if (!PUBLIC_ROLES.includes(viewer.role)) return event;
  let shown = publicForms.get(event);
  if (!shown) {
    shown = { ...event, data: { ticket: publicTicket(event.data.ticket) } } as HallEvent;
    publicForms.set(event, shown);
  }
  return shown;
};

/** A rating pad hears only of the tickets of its own window; other viewers of every ticket. */
const ticketAtWindow = (event: TicketEvent, viewer: Viewer): HallEvent | undefined =>
  viewer.role === 'rating-pad' && event.data.ticket.window !== viewer.window ? undefined : ticketFor(event, viewer);

/** Per event type, what a viewer receives of it (nothing: `undefined`), beyond the role table `EVENT_AUDIENCE`. */
const AUDIENCES: { readonly [T in HallEventType]: Audience<T> } = {
  'case.saved': (event, viewer) => (hearsOfWindow(event.data.window, viewer) ? event : undefined),
  'rating.saved': (event, viewer) => (hearsOfWindow(event.data.window, viewer) ? event : undefined),
  'assist.saved': (event, viewer) => (hearsOfWindow(event.data.window, viewer) ? event : undefined),
  // A case collected here: the clerks of its window; one received from another hall: every clerk (the cross-province
  // desk decides it) and the managers.
  'remote.updated': (event, viewer) =>
    (
      event.data.direction === 'in'
        ? viewer.role === 'clerk' || viewer.role === 'manager'
        : hearsOfWindow(event.data.window, viewer)
    )
      ? event
      : undefined,
  'followup.updated': (event, viewer) => (hearsOfWindow(event.data.window, viewer) ? event : undefined),
  'ticket.issued': ticketFor,
  'ticket.called': (event, viewer) => ticketAtWindow(event, viewer),
  'ticket.updated': (event, viewer) => ticketAtWindow(event, viewer),
  'window.updated': (event, viewer) =>
    PUBLIC_ROLES.includes(viewer.role) ? { ...event, data: { window: publicWindow(event.data.window) } } : event,
  'catalog.published': (event) => event,
  'calendar.published': (event) => event,
};

/** What a session receives of each event: the event, a public form of it, or nothing. */
export function eventView(viewer: Viewer): (event: HallEvent) => HallEvent | undefined {
  const types = new Set<string>(EVENT_AUDIENCE[viewer.role]);
  return (event) => {
    if (!types.has(event.type)) return undefined;
    return (AUDIENCES[event.type] as Audience<HallEventType>)(event as never, viewer);
  };
}

/** Appends an event inside a write transaction; resolves it with its id. */
export function* appendEvent(event: Omit<HallEvent, 'id'>): TxBody<HallEvent> {
  const id = yield* add(EVENTS, event as EventRow);
  return { ...event, id: Number(id) } as HallEvent;
}

/** Events after `afterId`, oldest first, at most `limit`. */
export function* eventsAfter(afterId: number, limit: number): TxBody<HallEvent[]> {
  return (yield* query(EVENTS, PRIMARY_KEY, { after: afterId, limit })) as HallEvent[];
}

/** The id of the last event (0 before any). */
export function* lastEventId(): TxBody<number> {
  const last = yield* first(EVENTS, PRIMARY_KEY, { reverse: true });
  return last?.id ?? 0;
}
