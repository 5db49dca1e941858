import { BehaviorSubject, Subject, type Observable } from 'rxjs';
import { servesTicket, type Ticket, type WindowPauseReason } from '@yichuang/core';
import type {
  HallClient,
  QueueCategory,
  QueueCommand,
  QueueWindow,
  WindowCommand,
  WindowPause,
} from '@yichuang/hall-client';
import { latestOf } from '../feed/latest.js';
import { QueueFeed, type QueueFeedStatus, type QueueTicket } from '../feed/queue-feed.js';

/** What the clerk did last, and how it ended: what the caller says in its status line. */
export type CallerOutcome =
  | { kind: 'called' | 'recalled' | 'finished' | 'no-show' | 'requeued' | 'held' | 'transferred'; ticket: Ticket }
  | { kind: 'paused' | 'reopened'; window: QueueWindow }
  | { kind: 'nobody' }
  | { kind: 'error'; error: Error };

/** The caller's picture of its window. */
export interface QueueCallerState {
  status: QueueFeedStatus;
  /** Why the feed is reconnecting or failed. */
  error?: Error;
  /** When the hall last answered. */
  confirmedAt?: number;
  window: QueueWindow | undefined;
  /** Why and since when the window does not call (暂停服务), while it is paused. */
  paused: WindowPause | undefined;
  categories: readonly QueueCategory[];
  windows: readonly QueueWindow[];
  /** The ticket being served at this window. */
  current: QueueTicket | undefined;
  /** Tickets this window set aside, oldest first. */
  held: readonly QueueTicket[];
  /** People waiting whom this window may call. */
  waiting: number;
  /** A command is on its way to the hall. */
  busy: boolean;
  outcome: CallerOutcome | undefined;
}

/** The ticket a command acted on, and what became of the ticket served before (a call finishes it). */
export interface CallerResult {
  outcome: CallerOutcome;
  /** The ticket the window was serving, finished by a call. */
  finished?: Ticket;
}

/**
 * The clerk's queue panel without its view: the window's current ticket, its held tickets and the people waiting for
 * it (from a {@link QueueFeed}), and every command of the hall's queue — call next, call again, no-show (optionally
 * queued again), transfer, hold, resume, finish, pause the window and reopen it. Commands go to the hall and only the hall's answer counts (calling
 * offline could give one ticket to two windows), one at a time. Who is next is the hall's decision.
 */
export class QueueCallerController {
  readonly feed: QueueFeed;
  readonly #client: HallClient;
  readonly #window: string;
  readonly #busy = new BehaviorSubject(false);
  readonly #outcome = new BehaviorSubject<CallerOutcome | undefined>(undefined);
  readonly #results = new Subject<CallerResult>();
  readonly state$: Observable<QueueCallerState>;

  constructor(client: HallClient, window: string, feed?: QueueFeed) {
    this.#client = client;
    this.#window = window;
    this.feed = feed ?? new QueueFeed(client);
    this.state$ = latestOf([this.feed.state$, this.#busy, this.#outcome], ([feed, busy, outcome]) => {
      const own = feed.windows.find((candidate) => candidate.code === window);
      const context = { categories: own?.categories ?? [], window };
      const mine = feed.tickets.filter((ticket) => ticket.window === window);
      return {
        status: feed.status,
        ...(feed.error ? { error: feed.error } : {}),
        ...(feed.confirmedAt === undefined ? {} : { confirmedAt: feed.confirmedAt }),
        window: own,
        paused: own?.paused,
        categories: feed.categories,
        windows: feed.windows,
        current: mine.find((ticket) => ticket.status === 'called'),
        held: mine.filter((ticket) => ticket.status === 'held'),
        waiting: feed.tickets.filter((ticket) => ticket.status === 'waiting' && servesTicket(ticket, context)).length,
        busy,
        outcome,
      };
    });
  }

  /** The window this caller calls to. */
  get window(): string {
    return this.#window;
  }

  /** Whether a command is on its way to the hall (a second one is refused meanwhile). */
  get busy(): boolean {
    return this.#busy.value;
  }

  /** Every command's result, for the element's events. */
  get results$(): Observable<CallerResult> {
    return this.#results.asObservable();
  }

  start(): Promise<void> {
    return this.feed.start();
  }

  stop(): void {
    this.feed.stop();
  }

  /** Calls the next ticket (the hall chooses it); the ticket served until now is finished. */
  next(): Promise<CallerResult> {
    return this.#run(async () => {
      const ticket = await this.#client.callNext({ window: this.#window });
      return ticket ? ({ kind: 'called', ticket } as const) : ({ kind: 'nobody' } as const);
    }, true);
  }

  /** Calls a given waiting ticket out of turn. */
  call(ticket: string): Promise<CallerResult> {
    return this.#command({ command: 'call', window: this.#window, ticket }, 'called', true);
  }

  recall(): Promise<CallerResult> {
    return this.#command({ command: 'recall', window: this.#window }, 'recalled');
  }

  /** The current ticket did not come; with `requeueBehind`, it waits again behind that many people. */
  noShow(requeueBehind?: number): Promise<CallerResult> {
    return this.#command(
      { command: 'no-show', window: this.#window, ...(requeueBehind === undefined ? {} : { requeueBehind }) },
      requeueBehind === undefined ? 'no-show' : 'requeued',
    );
  }

  transfer(to: { category?: string; toWindow?: string }): Promise<CallerResult> {
    return this.#command({ command: 'transfer', window: this.#window, ...to }, 'transferred');
  }

  hold(): Promise<CallerResult> {
    return this.#command({ command: 'hold', window: this.#window }, 'held');
  }

  /** Calls a held ticket back; the ticket served until now is finished. */
  resume(ticket: string): Promise<CallerResult> {
    return this.#command({ command: 'resume', window: this.#window, ticket }, 'called', true);
  }

  finish(): Promise<CallerResult> {
    return this.#command({ command: 'finish', window: this.#window }, 'finished');
  }

  /**
   * Pauses the window (暂停服务) for a reason, with an optional note staff see (trimmed, at most 60 characters). The
   * hall refuses while the window serves a ticket.
   */
  pause(reason: WindowPauseReason, note?: string): Promise<CallerResult> {
    const text = note?.trim();
    return this.#windowCommand(
      { command: 'pause', window: this.#window, reason, ...(text ? { note: text } : {}) },
      'paused',
    );
  }

  /** Reopens the paused window: it calls again. */
  reopen(): Promise<CallerResult> {
    return this.#windowCommand({ command: 'reopen', window: this.#window }, 'reopened');
  }

  #windowCommand(command: WindowCommand, kind: 'paused' | 'reopened') {
    return this.#run(async () => {
      const window = await this.#client.queueCommand(command);
      this.feed.noteWindow(window);
      return { kind, window };
    });
  }

  #command(
    command: Exclude<QueueCommand, WindowCommand>,
    kind: Extract<CallerOutcome, { ticket: Ticket }>['kind'],
    finishes = false,
  ) {
    return this.#run(async () => ({ kind, ticket: await this.#client.queueCommand(command) }), finishes);
  }

  async #run(
    send: () => Promise<Exclude<CallerOutcome, { kind: 'error' }>>,
    finishesCurrent = false,
  ): Promise<CallerResult> {
    if (this.#busy.value) return { outcome: this.#outcome.value ?? { kind: 'nobody' } };
    const before = this.feed.state.tickets.find(
      (ticket) => ticket.window === this.#window && ticket.status === 'called',
    ) as Ticket | undefined;
    this.#busy.next(true);
    let result: CallerResult;
    try {
      const outcome = await send();
      result = { outcome };
      if ('ticket' in outcome) {
        if (finishesCurrent && before && before.id !== outcome.ticket.id) {
          result.finished = { ...before, status: 'done' };
          this.feed.note(result.finished);
        }
        this.feed.note(outcome.ticket);
      }
    } catch (error) {
      result = { outcome: { kind: 'error', error: error instanceof Error ? error : new Error(String(error)) } };
    }
    this.#outcome.next(result.outcome);
    this.#busy.next(false);
    this.#results.next(result);
    return result;
  }
}
