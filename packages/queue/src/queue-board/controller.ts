import { BehaviorSubject, type Observable, type Subscription } from 'rxjs';
import { waitAlerts, type WaitAlert } from '@yichuang/core';
import type { HallClient, HallEventType, QueueReport } from '@yichuang/hall-client';
import type { QueueFeedStatus } from '../feed/queue-feed.js';

/** What the board shows: the latest report, how fresh it is, and the categories past the wait threshold. */
export interface QueueBoardState {
  /** As a queue feed's: `live`, `reconnecting` (the last report stays, marked), `failed` (refused). */
  status: QueueFeedStatus;
  /** Why the board is reconnecting or failed. */
  error?: Error;
  /** The latest report the hall answered. */
  report?: QueueReport;
  /** When the hall last answered (ms since epoch). */
  confirmedAt?: number;
  /** Categories in which someone has waited longer than the threshold, longest first. */
  alerts: readonly WaitAlert[];
}

/** Options of {@link QueueBoardController}. */
export interface QueueBoardOptions {
  /** The day to show, `today` (live; the default) or a past `YYYY-MM-DD` (the record of that day). */
  day?: string;
  /** A wait longer than this raises an alert, in ms. Default 30 minutes. */
  waitAlertMs?: number;
  /** How often the report is asked for even when nothing happens (waits grow by themselves), in ms. Default 30 s. */
  refreshEveryMs?: number;
  /** How long events are gathered before the report is asked for again, in ms. Default 500. */
  settleMs?: number;
}

/** Events after which today's figures change. */
const CHANGES: ReadonlySet<HallEventType> = new Set([
  'ticket.issued',
  'ticket.called',
  'ticket.updated',
  'window.updated',
  'rating.saved',
]);

/**
 * The manager's board without its view: asks the hall for the day's report, again after every change the event stream
 * tells of (gathered, so a burst of calls costs one request), and every `refreshEveryMs` while it shows today.
 * The alerts are `@yichuang/core`'s `waitAlerts` over the report. DOM-free.
 */
export class QueueBoardController {
  readonly #client: HallClient;
  readonly #day: string;
  readonly #refreshEveryMs: number;
  readonly #settleMs: number;
  #waitAlertMs: number;
  readonly #state = new BehaviorSubject<QueueBoardState>({ status: 'loading', alerts: [] });
  #events?: Subscription;
  #timer?: ReturnType<typeof setInterval>;
  #settle?: ReturnType<typeof setTimeout>;
  #asking?: Promise<void>;
  #again = false;
  #stopped = false;

  constructor(client: HallClient, options: QueueBoardOptions = {}) {
    this.#client = client;
    this.#day = options.day ?? 'today';
    this.#waitAlertMs = options.waitAlertMs ?? 30 * 60_000;
    this.#refreshEveryMs = options.refreshEveryMs ?? 30_000;
    this.#settleMs = options.settleMs ?? 500;
  }

  get state$(): Observable<QueueBoardState> {
    return this.#state.asObservable();
  }

  get state(): QueueBoardState {
    return this.#state.value;
  }

  /** The wait, in ms, past which a category is raised. */
  get waitAlertMs(): number {
    return this.#waitAlertMs;
  }

  set waitAlertMs(ms: number) {
    this.#waitAlertMs = ms;
    this.#publish({});
  }

  /** Asks for the report, then follows today's changes. */
  async start(): Promise<void> {
    this.#stopped = false;
    if (this.#day === 'today') {
      this.#events ??= this.#client.events().subscribe({
        next: (event) => {
          if (CHANGES.has(event.type)) this.#soon();
        },
        error: () => this.#soon(),
      });
      this.#timer ??= setInterval(() => void this.refresh(), this.#refreshEveryMs);
    }
    await this.refresh();
  }

  /** Asks the hall for the report now; a request already on its way is followed by one more, not by many. */
  refresh(): Promise<void> {
    if (this.#asking) {
      this.#again = true;
      return this.#asking;
    }
    this.#asking = this.#ask().finally(() => {
      this.#asking = undefined;
      if (this.#again && !this.#stopped) {
        this.#again = false;
        void this.refresh();
      }
    });
    return this.#asking;
  }

  stop(): void {
    this.#stopped = true;
    this.#events?.unsubscribe();
    this.#events = undefined;
    clearInterval(this.#timer);
    this.#timer = undefined;
    clearTimeout(this.#settle);
  }

  #soon(): void {
    clearTimeout(this.#settle);
    this.#settle = setTimeout(() => void this.refresh(), this.#settleMs);
  }

  async #ask(): Promise<void> {
    try {
      const report = await this.#client.queueReport(this.#day);
      if (this.#stopped) return;
      this.#publish({ status: 'live', report, confirmedAt: Date.now(), error: undefined });
    } catch (error) {
      if (this.#stopped) return;
      const reason = error instanceof Error ? error : new Error(String(error));
      // Refused (signed out, not a manager, a day to come): asking again will not help.
      const refused = 'transient' in reason && reason.transient === false;
      if (refused) this.stop();
      this.#publish({ status: refused ? 'failed' : 'reconnecting', error: reason });
    }
  }

  #publish(change: Partial<QueueBoardState>): void {
    const next = { ...this.#state.value, ...change };
    if (next.error === undefined) delete next.error;
    next.alerts = next.report ? waitAlerts(next.report.byCategory, this.#waitAlertMs) : [];
    this.#state.next(next);
  }
}
