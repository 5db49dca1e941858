import type { CaseStatus, RemoteState, Ticket } from '@yichuang/core';
import type { QueueWindow } from './queue.js';

/**
 * A ticket as public screens see it (hall displays, kiosks, rating pads): without the booking reference of an
 * appointment and without the clerk who served it, which only clerks and managers receive.
 */
export type PublicTicket = Omit<Ticket, 'appointmentRef' | 'servedBy'>;

/**
 * What the hall broadcasts on `GET /api/v1/events`. Every event has a growing integer `id`: a client that
 * reconnects sends the last id it saw (`Last-Event-ID`) and receives everything after it, nothing twice.
 * Events carry no personal data (names and identity numbers stay out of the stream): a view that needs the
 * case reads it through its own authorised route.
 *
 * Who receives what (the hall engine decides, per session): managers receive every event; clerks the case and
 * rating events (ratings saved, follow-ups opened and updated, helper-desk visits saved: never a public screen) of the windows they may
 * staff, every ticket event, and catalog and calendar publications; hall
 * displays every ticket issued, called and updated (held, finished, no-show, transferred, re-queued), kiosks the
 * tickets issued and catalog publications, a rating pad the tickets called to and finished at its own window — the
 * three public screens with {@link PublicTicket}s. `window.updated` (a window paused or reopened) reaches clerks,
 * managers, displays and kiosks; the public screens receive the pause without who paused it and the note.
 */
export type HallEvent =
  | HallEventOf<'case.saved', { caseId: string; number: string; window: string; status: CaseStatus; version: number }>
  | HallEventOf<'rating.saved', { ratingId: string; window: string; clerk: string; grade: number }>
  | HallEventOf<
      'remote.updated',
      { caseId: string; number: string; direction: 'out' | 'in'; window: string; state: RemoteState }
    >
  | HallEventOf<
      'assist.saved',
      { visitId: string; window: string; helper: string; status: 'open' | 'closed'; version: number }
    >
  | HallEventOf<'followup.updated', { ratingId: string; window: string; status: 'open' | 'closed'; due: string }>
  | HallEventOf<'ticket.issued', { ticket: Ticket | PublicTicket }>
  | HallEventOf<'ticket.called', { ticket: Ticket | PublicTicket }>
  | HallEventOf<'ticket.updated', { ticket: Ticket | PublicTicket }>
  | HallEventOf<'window.updated', { window: QueueWindow }>
  | HallEventOf<'catalog.published', { version: string }>
  | HallEventOf<'calendar.published', { year: number }>;

/** One event of type `T` with its data. */
export interface HallEventOf<T extends string, D> {
  id: number;
  type: T;
  /** When the hall recorded it (ISO timestamp). */
  at: string;
  data: D;
}
/** Key of the hall event types. */
export type HallEventType = HallEvent['type'];

/** Every event type, in a stable order. */
export const HALL_EVENT_TYPES: readonly HallEventType[] = [
  'case.saved',
  'rating.saved',
  'assist.saved',
  'remote.updated',
  'followup.updated',
  'ticket.issued',
  'ticket.called',
  'ticket.updated',
  'window.updated',
  'catalog.published',
  'calendar.published',
];
