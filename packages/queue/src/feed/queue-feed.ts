import { BehaviorSubject, Subject, type Observable, type Subscription } from 'rxjs';
import type { Ticket } from '@yichuang/core';
import type {
  HallClient,
  HallEvent,
  PublicTicket,
  QueueCategory,
  QueueSnapshot,
  QueueWait,
  QueueWindow,
} from '@yichuang/hall-client';

/** A ticket as a queue view holds it: the full ticket for clerks, the public one for screens. */
export type QueueTicket = Ticket | PublicTicket;

/** A call the hall made: a window called a ticket, called it again, or called it back from hold. */
export interface QueueCall {
  /** The id of the hall event that carried it (0 for calls known from the snapshot). */
  eventId: number;
  ticket: QueueTicket;
  window: string;
  /** When it was called (ISO). */
  at: string;
}

/**
 * How a feed stands with the hall:
 * - `loading`: the first picture has not arrived;
 * - `live`: the picture is current and the hall answers;
 * - `reconnecting`: the hall does not answer; the last picture stays on screen, marked as such;
 * - `failed`: the hall refused this device (signed out, revoked): it will not come back by itself.
 */
export type QueueFeedStatus = 'loading' | 'live' | 'reconnecting' | 'failed';

/** Today's queue as a view shows it. */
export interface QueueFeedState {
  status: QueueFeedStatus;
  /** Why the feed is reconnecting or failed. */
  error?: Error;
  categories: readonly QueueCategory[];
  windows: readonly QueueWindow[];
  /** Waiting, called and held tickets of today, in the order issued. */
  tickets: readonly QueueTicket[];
  /** Waiting people per category (counted from the tickets) and the hall's estimate of the wait. */
  waits: readonly QueueWait[];
  /** The latest calls, latest first. */
  calls: readonly QueueCall[];
  /** When the hall last answered (ms since epoch). */
  confirmedAt?: number;
}

/** Options of {@link QueueFeed}. */
export interface QueueFeedOptions {
  /** Calls kept in `calls`. Default 8. */
  recentCalls?: number;
  /** How often the hall is asked whether it still answers, in ms. Default 5,000. */
  healthEveryMs?: number;
  /** How often the whole picture (and the wait estimates) is read again, in ms. Default 60,000. */
  refreshEveryMs?: number;
  /** The clock that stamps `confirmedAt` (ms since the epoch). Default `Date.now`; stories pass their hall's. */
  now?: () => number;
}

const OPEN_STATUSES = new Set(['waiting', 'called', 'held']);

/**
 * Today's queue, live: one consistent picture from the hall (`queue()`), then every ticket and window event (a window
 * paused or reopened) after it, so a view misses nothing and counts nothing twice (the stream resumes after a drop
 * where it stopped). Knows when the
 * hall stops answering (it asks `health()` now and then) and keeps the last picture meanwhile; reads the services,
 * windows and wait estimates again now and then and when the hall is back. DOM-free: the hall
 * display, the caller and the board render its `state$`, and a display announces its `calls$`.
 *
 * The feed holds no queue rule: who is called next and how long a wait is come from the hall.
 */
export class QueueFeed {
  readonly #client: HallClient;
  readonly #options: Required<QueueFeedOptions>;
  readonly #state = new BehaviorSubject<QueueFeedState>({
    status: 'loading',
    categories: [],
    windows: [],
    tickets: [],
    waits: [],
    calls: [],
  });
  readonly #calls = new Subject<QueueCall>();
  #tickets = new Map<string, QueueTicket>();
  #estimates = new Map<string, number>();
  #lastEventId = 0;
  #events?: Subscription;
  #timers: ReturnType<typeof setInterval>[] = [];
  #started?: Promise<void>;
  #stopped = false;
  #refreshing?: Promise<void>;

  constructor(client: HallClient, options: QueueFeedOptions = {}) {
    this.#client = client;
    this.#options = { recentCalls: 8, healthEveryMs: 5_000, refreshEveryMs: 60_000, now: Date.now, ...options };
  }

  /** The queue as it stands, re-emitted on every change. */
  get state$(): Observable<QueueFeedState> {
    return this.#state.asObservable();
  }

  get state(): QueueFeedState {
    return this.#state.value;
  }

  /** Each call as it happens (not those of the first picture): what a display announces. */
  get calls$(): Observable<QueueCall> {
    return this.#calls.asObservable();
  }

  /**
   * Reads the first picture and follows the hall from there. Resolves when the first picture is in (or the hall
   * did not answer: the feed then keeps trying). Calling it again returns the same promise.
   */
  start(): Promise<void> {
    this.#started ??= this.#begin();
    return this.#started;
  }

  /** Stops following the hall. */
  stop(): void {
    this.#stopped = true;
    this.#events?.unsubscribe();
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
  }

  /** Reads the whole picture again now (after the hall came back, or to refresh the wait estimates). */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#read().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  /**
   * Takes in a ticket the hall has just answered with (a clerk's command), so the view shows it before the event
   * that carries the same ticket arrives.
   */
  note(ticket: QueueTicket): void {
    if (OPEN_STATUSES.has(ticket.status)) this.#tickets.set(ticket.id, ticket);
    else this.#tickets.delete(ticket.id);
    this.#publish({});
  }

  async #begin(): Promise<void> {
    this.#timers.push(
      setInterval(() => void this.#checkHealth(), this.#options.healthEveryMs),
      setInterval(() => void this.refresh(), this.#options.refreshEveryMs),
    );
    await this.refresh();
  }

  async #read(): Promise<void> {
    let snapshot: QueueSnapshot;
    try {
      snapshot = await this.#client.queue();
    } catch (error) {
      this.#trouble(error);
      return;
    }
    if (this.#stopped) return;
    this.#estimates = new Map(
      snapshot.waits.flatMap((wait) =>
        wait.msPerPerson === undefined ? [] : [[wait.category, wait.msPerPerson] as const],
      ),
    );
    // The first picture gives the tickets; from there the event stream, which resumes after a drop and delivers
    // each event once, keeps them. Later pictures refresh the rest (services, windows, estimates) and never undo an
    // event, nor swallow a call the stream has yet to announce.
    const first = this.#events === undefined;
    if (first) {
      this.#tickets = new Map(snapshot.tickets.map((ticket) => [ticket.id, ticket]));
      this.#lastEventId = snapshot.lastEventId;
    }
    const calls = first
      ? snapshot.tickets
          .filter((ticket) => ticket.status === 'called' && ticket.calledAt !== undefined && ticket.window)
          .sort((a, b) => b.calledAt!.localeCompare(a.calledAt!))
          .slice(0, this.#options.recentCalls)
          .map((ticket) => ({ eventId: 0, ticket, window: ticket.window!, at: ticket.calledAt! }))
      : this.#state.value.calls;
    this.#publish({
      status: 'live',
      error: undefined,
      categories: snapshot.categories,
      windows: snapshot.windows,
      calls,
      confirmedAt: this.#options.now(),
    });
    if (!this.#events) {
      this.#events = this.#client.events(this.#lastEventId).subscribe({
        next: (event) => this.#apply(event),
        error: (error: unknown) => this.#trouble(error),
      });
    }
  }

  async #checkHealth(): Promise<void> {
    try {
      await this.#client.health();
    } catch (error) {
      this.#trouble(error);
      return;
    }
    if (this.#stopped) return;
    if (this.#state.value.status === 'live') {
      this.#publish({ confirmedAt: this.#options.now() });
    } else if (this.#state.value.status !== 'failed') {
      await this.refresh();
    }
  }

  #trouble(error: unknown): void {
    if (this.#stopped) return;
    const reason = error instanceof Error ? error : new Error(String(error));
    const refused = 'transient' in reason && reason.transient === false && reason.name === 'HallError';
    // Signed out or refused: asking again will not help until someone signs this device in again.
    if (refused) this.stop();
    this.#publish({ status: refused ? 'failed' : 'reconnecting', error: reason });
  }

  /**
   * Takes in a window the hall has just answered with (paused, reopened), so the view shows it before the event that
   * carries the same window arrives.
   */
  noteWindow(window: QueueWindow): void {
    const windows = this.#state.value.windows;
    if (!windows.some((known) => known.code === window.code)) return;
    this.#publish({ windows: windows.map((known) => (known.code === window.code ? window : known)) });
  }

  #apply(event: HallEvent): void {
    if (event.id <= this.#lastEventId) return;
    this.#lastEventId = event.id;
    if (event.type === 'window.updated') {
      this.noteWindow(event.data.window);
      // The wait estimates count the windows calling: read them again.
      void this.refresh();
      return;
    }
    if (event.type !== 'ticket.issued' && event.type !== 'ticket.called' && event.type !== 'ticket.updated') return;
    const { ticket } = event.data;
    if (OPEN_STATUSES.has(ticket.status)) this.#tickets.set(ticket.id, ticket);
    else this.#tickets.delete(ticket.id);
    const changes: Partial<QueueFeedState> = {};
    if (event.type === 'ticket.called' && ticket.window) {
      const call: QueueCall = { eventId: event.id, ticket, window: ticket.window, at: event.at };
      changes.calls = [call, ...this.#state.value.calls.filter((earlier) => earlier.ticket.id !== ticket.id)].slice(
        0,
        this.#options.recentCalls,
      );
      this.#publish(changes);
      this.#calls.next(call);
      return;
    }
    if (event.type === 'ticket.updated') {
      // A ticket that waits again, or is done, is no longer a call on the screen.
      const calls = this.#state.value.calls.filter(
        (call) => call.ticket.id !== ticket.id || ticket.status === 'called' || ticket.status === 'held',
      );
      if (calls.length !== this.#state.value.calls.length) changes.calls = calls;
    }
    this.#publish(changes);
  }

  #publish(changes: Partial<QueueFeedState>): void {
    const tickets = [...this.#tickets.values()].sort(
      (a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.number.localeCompare(b.number),
    );
    const waiting = new Map<string, number>();
    for (const ticket of tickets) {
      if (ticket.status === 'waiting') waiting.set(ticket.category, (waiting.get(ticket.category) ?? 0) + 1);
    }
    const categories = changes.categories ?? this.#state.value.categories;
    const waits = categories.map(({ code }) => {
      const count = waiting.get(code) ?? 0;
      const perPerson = this.#estimates.get(code);
      return {
        category: code,
        waiting: count,
        ...(perPerson === undefined ? {} : { estimatedWaitMs: perPerson * count, msPerPerson: perPerson }),
      };
    });
    const next = { ...this.#state.value, ...changes, tickets, waits };
    if (next.error === undefined) delete next.error;
    this.#state.next(next);
  }
}
