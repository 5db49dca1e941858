import { BehaviorSubject, type Observable, type Subscription } from 'rxjs';
import { ulid, type Rating, type RatingGrade } from '@yichuang/core';
import type { HallClient, HallEvent, Mutation, MutationResult } from '@yichuang/hall-client';
import {
  BAD_RATING_REASONS,
  PAD_DIMENSIONS,
  isBadGrade,
  ratingComment,
  type BadRatingReason,
  type PadDimension,
} from './choices.js';

/** What the pad needs of the hall: its session, whether the hall answers, its events, and sending ratings. */
export type RatingPadHall = Pick<HallClient, 'session' | 'health' | 'events' | 'sync'>;

/** Time as the pad sees it; tests pass one they move by hand. */
export interface PadClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The browser's clock. */
export const SYSTEM_CLOCK: PadClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The ticket a rating is invited for: its id and its number, nothing about the person. */
export interface RatedTicket {
  id: string;
  number: string;
}

/**
 * What the pad shows:
 * - `idle`: waiting for the window to finish a ticket;
 * - `rating`: the invitation, the applicant choosing;
 * - `sending`: the rating on its way to the hall (a few seconds at most);
 * - `thanks`: the thank-you, then back to idle.
 */
export type RatingPadPhase = 'idle' | 'rating' | 'sending' | 'thanks';

/**
 * How the pad stands with the hall: `connecting` (not known yet), `online`, `offline` (the hall does not answer:
 * ratings are kept and sent later), `signed-out` (no rating-pad session, or the hall ended it) and `other-window`
 * (the pad was set up for another window than the one it is enrolled for).
 */
export type RatingPadConnection = 'connecting' | 'online' | 'offline' | 'signed-out' | 'other-window';

/** What stops a submission: no grade, a bad grade without a reason, some dimensions rated but not all. */
export type RatingPadProblem = 'grade' | 'reasons' | 'dimensions';

/** What became of a submitted rating: `saved` by the hall, `kept` on the pad to send later, `refused` by the hall. */
export type RatingOutcome = 'saved' | 'kept' | 'refused';

export interface RatingPadState {
  phase: RatingPadPhase;
  connection: RatingPadConnection;
  /** The pad's window. */
  window: string;
  /** The window the pad's session is enrolled for, when it differs (`other-window`). */
  sessionWindow?: string;
  /** The ticket being rated (phases `rating`, `sending`, `thanks`). */
  ticket?: RatedTicket;
  /** Nothing is chosen until the applicant chooses. */
  grade?: RatingGrade;
  dimensions: Readonly<Partial<Record<PadDimension, RatingGrade>>>;
  reasons: readonly BadRatingReason[];
  comment: string;
  problem?: RatingPadProblem;
  /** Phase `thanks`: what became of the rating. */
  outcome?: RatingOutcome;
  /** Ratings kept on the pad, waiting for the hall. */
  pending: number;
  /** Ratings the hall refused since the pad started (not saved anywhere). */
  refused: number;
}

/** What a submission reports to the host page: no personal data. */
export interface RatingSubmission {
  /** The ticket number rated. */
  ticket: string;
  window: string;
  grade: RatingGrade;
  outcome: RatingOutcome;
}

export interface RatingPadOptions {
  /** The pad's window; by default the window of the pad's session. */
  window?: string;
  /** How long an invitation waits for a touch before it closes without saving, in ms. Default 60,000. */
  timeoutMs?: number;
  /** How long the thank-you stays, in ms. Default 6,000. */
  thanksMs?: number;
  /** How often the hall is asked whether it answers, in ms. Default 10,000. */
  healthEveryMs?: number;
  /** How long a submission waits for the hall before the rating is kept to send later, in ms. Default 8,000. */
  sendTimeoutMs?: number;
  /** First and longest wait between two attempts to send kept ratings, in ms. Default 2,000 and 60,000. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Ratings kept by an earlier controller of the same pad (the view hands them over when its client changes). */
  kept?: readonly Mutation[];
  clock?: PadClock;
}

type TimerName = 'deadline' | 'thanks' | 'health' | 'retry';

type RatingChoice = Pick<RatingPadState, 'grade' | 'dimensions' | 'reasons' | 'comment' | 'problem' | 'outcome'>;

const NO_CHOICE: RatingChoice = {
  grade: undefined,
  dimensions: {},
  reasons: [],
  comment: '',
  problem: undefined,
  outcome: undefined,
};

/** Most ratings sent in one request (the hall takes 500). */
const BATCH = 100;
/** Tickets remembered as invited already, so that an event seen twice does not invite twice. */
const REMEMBERED = 200;

/**
 * The rating pad (评价器) of one window, without a DOM. It follows the hall's events for its window and invites a
 * rating when the window finishes a ticket; the applicant chooses a grade (nothing chosen beforehand), may rate the
 * efficiency, level and attitude of the service, and for a bad grade says why; or skips, or walks away (the
 * invitation then closes without saving). A rating is sent to the hall as a `rating.save` mutation; the hall credits
 * it to the clerk at the window. When the hall does not answer, the rating is kept in memory and sent again, with a
 * growing pause, until the hall takes it (the mutation's id makes a retry safe); the applicant is told so.
 *
 * Views render `state$` and call the commands; `start()` and `stop()` follow the view's life.
 */
export class RatingPadController {
  readonly #client: RatingPadHall;
  readonly #clock: PadClock;
  readonly #options: Required<Omit<RatingPadOptions, 'window' | 'kept' | 'clock' | 'timeoutMs'>>;
  readonly #window?: string;
  readonly #state: BehaviorSubject<RatingPadState>;
  readonly #outbox: Mutation[];
  readonly #refusedIds = new Set<string>();
  readonly #seen = new Set<string>();
  #next?: RatedTicket;
  #events?: Subscription;
  /** The session token whose event stream the hall refused: following again with it would be refused again. */
  #refusedToken?: string;
  #flushing?: Promise<void>;
  #backoff = 0;
  #timers: Partial<Record<TimerName, unknown>> = {};
  #running = false;

  /** How long an invitation waits for a touch, in ms; read each time an invitation starts or is touched. */
  timeoutMs: number;

  constructor(client: RatingPadHall, options: RatingPadOptions = {}) {
    this.#client = client;
    this.#clock = options.clock ?? SYSTEM_CLOCK;
    this.#window = options.window;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.#options = {
      thanksMs: options.thanksMs ?? 6_000,
      healthEveryMs: options.healthEveryMs ?? 10_000,
      sendTimeoutMs: options.sendTimeoutMs ?? 8_000,
      retryMinMs: options.retryMinMs ?? 2_000,
      retryMaxMs: options.retryMaxMs ?? 60_000,
    };
    this.#outbox = [...(options.kept ?? [])];
    this.#state = new BehaviorSubject<RatingPadState>({
      phase: 'idle',
      connection: 'connecting',
      window: this.#windowCode,
      ...NO_CHOICE,
      pending: this.#outbox.length,
      refused: 0,
    });
  }

  get state$(): Observable<RatingPadState> {
    return this.#state.asObservable();
  }

  get state(): RatingPadState {
    return this.#state.value;
  }

  /** The ratings kept on the pad, not yet taken by the hall. */
  get kept(): readonly Mutation[] {
    return [...this.#outbox];
  }

  get #windowCode(): string {
    return this.#window ?? this.#client.session?.window ?? '';
  }

  #set(patch: Partial<RatingPadState>): void {
    this.#state.next({ ...this.#state.value, window: this.#windowCode, ...patch });
  }

  // ---- life ----

  /** Follows the hall: its events for the window, whether it answers, and the kept ratings to send. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#follow();
    void this.#checkHealth();
  }

  /** Stops following the hall and every timer. Kept ratings stay in {@link kept}; `start()` resumes. */
  stop(): void {
    this.#running = false;
    this.#events?.unsubscribe();
    this.#events = undefined;
    for (const handle of Object.values(this.#timers)) {
      if (handle !== undefined) this.#clock.clearTimeout(handle);
    }
    this.#timers = {};
  }

  /** Whether the session is a rating pad of this window; else what is wrong. */
  #sessionProblem(): Extract<RatingPadConnection, 'signed-out' | 'other-window'> | undefined {
    const session = this.#client.session;
    if (!session || session.role !== 'rating-pad' || session.token === this.#refusedToken) return 'signed-out';
    if (this.#window !== undefined && session.window !== undefined && session.window !== this.#window) {
      return 'other-window';
    }
    return undefined;
  }

  #follow(): void {
    const problem = this.#sessionProblem();
    if (problem) {
      this.#set({ connection: problem, sessionWindow: this.#client.session?.window });
      return;
    }
    if (this.#events) return;
    this.#events = this.#client.events().subscribe({
      next: (event) => this.#onEvent(event),
      error: (error: unknown) => {
        this.#events = undefined;
        this.#trouble(error);
      },
    });
  }

  #onEvent(event: HallEvent): void {
    if (this.state.connection === 'offline' || this.state.connection === 'connecting') {
      this.#set({ connection: 'online' });
    }
    if (event.type !== 'ticket.updated') return;
    const { ticket } = event.data;
    if (ticket.status !== 'done' || ticket.window !== this.#windowCode) return;
    this.invite({ id: ticket.id, number: ticket.number });
  }

  async #checkHealth(): Promise<void> {
    let answered = true;
    try {
      await this.#client.health();
    } catch {
      answered = false;
    }
    if (!this.#running) return;
    if (answered) {
      this.#follow();
      if (!this.#sessionProblem()) this.#set({ connection: 'online' });
      if (this.#outbox.length > 0 && this.#timers.retry === undefined) void this.flush();
    } else if (this.#sessionProblem() === undefined) {
      this.#set({ connection: 'offline' });
    }
    this.#timers.health = this.#clock.setTimeout(() => void this.#checkHealth(), this.#options.healthEveryMs);
  }

  /** The hall refused the session (it will until the pad signs in again), or did not answer. */
  #trouble(error: unknown): void {
    if (isRefusal(error)) {
      this.#refusedToken = this.#client.session?.token;
      this.#set({ connection: 'signed-out' });
    } else {
      this.#set({ connection: 'offline' });
    }
  }

  // ---- the invitation ----

  /**
   * Invites a rating of a ticket the window finished (the pad does so by itself from the hall's events; a host may
   * too). A ticket is invited once. An invitation nobody touched yet gives way to the newer ticket; one being filled
   * in, or being sent, is finished first and the newer ticket invited after it.
   */
  invite(ticket: RatedTicket): void {
    if (this.#seen.has(ticket.id)) return;
    this.#seen.add(ticket.id);
    if (this.#seen.size > REMEMBERED) this.#seen.delete(this.#seen.values().next().value!);
    const { phase } = this.state;
    if (phase === 'sending' || (phase === 'rating' && !this.#untouched())) {
      this.#next = ticket;
      return;
    }
    this.#clearTimer('thanks');
    this.#set({ phase: 'rating', ticket, ...NO_CHOICE });
    this.touch();
  }

  #untouched(): boolean {
    const { grade, dimensions, reasons, comment } = this.state;
    return grade === undefined && Object.keys(dimensions).length === 0 && reasons.length === 0 && comment === '';
  }

  /** The applicant did something: the invitation waits its whole time again. */
  touch(): void {
    if (this.state.phase !== 'rating') return;
    this.#clearTimer('deadline');
    this.#timers.deadline = this.#clock.setTimeout(() => {
      this.#timers.deadline = undefined;
      this.#close();
    }, this.timeoutMs);
  }

  /** Chooses the grade. A good grade drops the reasons and the comment of a bad one. */
  choose(grade: RatingGrade): void {
    if (this.state.phase !== 'rating') return;
    const bad = isBadGrade(grade);
    this.#set({ grade, problem: undefined, ...(bad ? {} : { reasons: [], comment: '' }) });
    this.touch();
  }

  /** Rates one dimension of the service. */
  rate(dimension: PadDimension, grade: RatingGrade): void {
    if (this.state.phase !== 'rating') return;
    this.#set({ dimensions: { ...this.state.dimensions, [dimension]: grade }, problem: undefined });
    this.touch();
  }

  /** Ticks or unticks a reason of a bad grade. */
  toggleReason(reason: BadRatingReason, on = !this.state.reasons.includes(reason)): void {
    if (this.state.phase !== 'rating' || !isBadGrade(this.state.grade)) return;
    const others = this.state.reasons.filter((chosen) => chosen !== reason);
    this.#set({ reasons: on ? [...others, reason] : others, problem: undefined });
    this.touch();
  }

  /** The comment of a bad grade, as typed. */
  setComment(comment: string): void {
    if (this.state.phase !== 'rating' || !isBadGrade(this.state.grade)) return;
    this.#set({ comment, problem: undefined });
    this.touch();
  }

  /** The applicant does not want to rate: back to idle, nothing saved. */
  skip(): void {
    if (this.state.phase !== 'rating') return;
    this.#close();
  }

  #problem(): RatingPadProblem | undefined {
    const { grade, reasons, dimensions } = this.state;
    if (grade === undefined) return 'grade';
    if (isBadGrade(grade) && reasons.length === 0) return 'reasons';
    const rated = PAD_DIMENSIONS.filter((dimension) => dimensions[dimension] !== undefined).length;
    if (rated > 0 && rated < PAD_DIMENSIONS.length) return 'dimensions';
    return undefined;
  }

  /**
   * Sends the rating. Resolves what became of it (`undefined` when there is nothing to send or something is
   * missing: `state.problem` then says what).
   */
  async submit(): Promise<RatingSubmission | undefined> {
    const { phase, ticket, grade } = this.state;
    if (phase !== 'rating' || !ticket || grade === undefined) {
      if (phase === 'rating') this.#set({ problem: 'grade' });
      return undefined;
    }
    const problem = this.#problem();
    if (problem) {
      this.#set({ problem });
      this.touch();
      return undefined;
    }
    this.#clearTimer('deadline');
    const mutation = this.#mutation(ticket, grade);
    this.#outbox.push(mutation);
    this.#set({ phase: 'sending', problem: undefined, pending: this.#outbox.length });
    await this.flush();
    const outcome: RatingOutcome = this.#outbox.includes(mutation)
      ? 'kept'
      : this.#refusedIds.has(mutation.id)
        ? 'refused'
        : 'saved';
    this.#set({ phase: 'thanks', outcome });
    this.#timers.thanks = this.#clock.setTimeout(() => {
      this.#timers.thanks = undefined;
      this.#close();
    }, this.#options.thanksMs);
    return { ticket: ticket.number, window: this.#windowCode, grade, outcome };
  }

  #mutation(ticket: RatedTicket, grade: RatingGrade): Mutation {
    const now = this.#clock.now();
    const { dimensions, reasons, comment } = this.state;
    const rated = PAD_DIMENSIONS.every((dimension) => dimensions[dimension] !== undefined);
    const bad = isBadGrade(grade);
    const text = bad ? ratingComment(comment) : '';
    // The codes in the order of the list, whatever order they were ticked in.
    const chosen = bad ? BAD_RATING_REASONS.filter((reason) => reasons.includes(reason)) : [];
    const payload: Rating = {
      id: ulid(now),
      ticketId: ticket.id,
      window: this.#windowCode,
      // The pad does not know who served: the hall credits the clerk at the window, whatever is named here.
      clerk: this.#client.session?.subject ?? 'rating-pad',
      grade,
      ...(rated
        ? {
            dimensions: {
              overall: grade,
              efficiency: dimensions.efficiency!,
              level: dimensions.level!,
              attitude: dimensions.attitude!,
            },
          }
        : {}),
      ...(chosen.length === 0 ? {} : { reasons: chosen }),
      ...(text === '' ? {} : { comment: text }),
      at: new Date(now).toISOString(),
      channel: 'pad',
    };
    return { id: ulid(now), kind: 'rating.save', payload };
  }

  /** Ends the invitation or the thank-you: the next ticket waiting, or idle. */
  #close(): void {
    this.#clearTimer('deadline');
    this.#clearTimer('thanks');
    const next = this.#next;
    this.#next = undefined;
    if (next) {
      this.#set({ phase: 'rating', ticket: next, ...NO_CHOICE });
      this.touch();
    } else {
      this.#set({ phase: 'idle', ticket: undefined, ...NO_CHOICE });
    }
  }

  #clearTimer(name: TimerName): void {
    const handle = this.#timers[name];
    if (handle === undefined) return;
    this.#clock.clearTimeout(handle);
    this.#timers[name] = undefined;
  }

  // ---- sending ----

  /** Sends the kept ratings now. Resolves when the hall answered, or did not (they are then tried again later). */
  flush(): Promise<void> {
    this.#flushing ??= this.#send().finally(() => (this.#flushing = undefined));
    return this.#flushing;
  }

  async #send(): Promise<void> {
    this.#clearTimer('retry');
    while (this.#outbox.length > 0) {
      const batch = this.#outbox.slice(0, BATCH);
      let results: MutationResult[];
      try {
        results = await this.#client.sync(batch, AbortSignal.timeout(this.#options.sendTimeoutMs));
      } catch (error) {
        this.#trouble(error);
        this.#retryLater();
        return;
      }
      this.#backoff = 0;
      const answers = new Map(results.map((result) => [result.id, result]));
      let answered = 0;
      for (const mutation of batch) {
        const answer = answers.get(mutation.id);
        if (!answer) continue;
        answered += 1;
        this.#outbox.splice(this.#outbox.indexOf(mutation), 1);
        if (answer.status === 'rejected') this.#refusedIds.add(mutation.id);
      }
      this.#set({
        connection: this.#sessionProblem() ?? 'online',
        pending: this.#outbox.length,
        refused: this.#refusedIds.size,
      });
      if (answered === 0) {
        this.#retryLater();
        return;
      }
    }
  }

  #retryLater(): void {
    this.#set({ pending: this.#outbox.length });
    if (!this.#running) return;
    const delay = Math.min(this.#options.retryMaxMs, this.#options.retryMinMs * 2 ** this.#backoff);
    this.#backoff += 1;
    this.#timers.retry = this.#clock.setTimeout(() => {
      this.#timers.retry = undefined;
      void this.flush();
    }, delay);
  }
}

/** Whether the hall refused the session (401, 403), as opposed to not answering. */
function isRefusal(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return status === 401 || status === 403;
}
