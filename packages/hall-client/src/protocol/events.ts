import type { Ticket } from '@yichuang/core';

/**
 * What the hall broadcasts on `GET /api/v1/events`. Every event has a growing integer `id`: a client that
 * reconnects sends the last id it saw (`Last-Event-ID`) and receives everything after it, nothing twice.
 * Events carry no personal data (names and identity numbers stay out of the stream): a view that needs the
 * case reads it through its own authorised route.
 */
export type HallEvent =
  | HallEventOf<'case.saved', { caseId: string; number: string; window: string; status: string }>
  | HallEventOf<'rating.saved', { ratingId: string; window: string; grade: number }>
  | HallEventOf<'ticket.issued', { ticket: Ticket }>
  | HallEventOf<'ticket.called', { ticket: Ticket }>
  | HallEventOf<'catalog.published', { version: string }>;

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
