import * as v from 'valibot';
import { BehaviorSubject, filter, type Observable, type Subscription } from 'rxjs';
import {
  FollowUpActSchema,
  HallError,
  type FollowUp,
  type FollowUpAction,
  type FollowUpFilter,
  type HallClient,
  type ReviewOutcome,
} from '@yichuang/hall-client';

/** What the follow-up view needs of the hall: the session, the list, recording an action, and the events. */
export type FollowUpHall = Pick<HallClient, 'session' | 'followUps' | 'actOnFollowUp' | 'events'>;

/** What stops an action from being sent: an empty note, a note too long, a review without its outcome. */
export type FollowUpProblem = 'note-empty' | 'note-long' | 'outcome';

/** The action a manager is writing: kept whole until the hall took it, whatever goes wrong. */
export interface FollowUpDraft {
  action: FollowUpAction;
  note: string;
  outcome?: ReviewOutcome;
}

export interface FollowUpState {
  /** `loading` the list, `ready`, or `failed` to load it (see `error`). */
  status: 'loading' | 'ready' | 'failed';
  filter: FollowUpFilter;
  /** The China days of the ratings listed (the hall's default, the last 31 days, when absent). */
  from?: string;
  to?: string;
  /** The hall's today, from the last list. */
  today?: string;
  followUps: readonly FollowUp[];
  /** The rating id of the follow-up opened. */
  opened?: string;
  /**
   * The follow-up opened, as last heard of: it stays open on the screen when a new list leaves it out (closed while
   * the list shows the open ones).
   */
  current?: FollowUp;
  draft: FollowUpDraft;
  /** What is wrong with the draft, found before sending. */
  problem?: FollowUpProblem;
  /** An action on its way to the hall. */
  saving: boolean;
  /** What the hall said when it refused a call (its message, in its language), and its issue lines. */
  error?: { message: string; issues: readonly string[] };
  /** The action the hall took last (for the view to announce), cleared by the next change. */
  recorded?: FollowUpAction;
  /** Whether the session may record actions (a manager). */
  canAct: boolean;
}

const EMPTY_DRAFT: FollowUpDraft = { action: 'callback', note: '' };

/**
 * The follow-ups (差评整改) of bad ratings, without a DOM: lists them as the hall gives them (open, overdue or all, for
 * a range of days), opens one, and records a manager's actions (回访, 整改, 反馈, 申诉复核) with their notes. The draft is
 * checked with the protocol's own schema before it is sent, and kept whole when the check or the hall refuses it.
 * The list follows `followup.updated` events. Views render `state$` and call the commands; `start()` and `stop()`
 * follow the view's life.
 */
export class FollowUpController {
  readonly #client: FollowUpHall;
  readonly #state: BehaviorSubject<FollowUpState>;
  #events?: Subscription;
  /** Which load is the latest: an older answer arriving late is dropped. */
  #loads = 0;

  constructor(client: FollowUpHall) {
    this.#client = client;
    this.#state = new BehaviorSubject<FollowUpState>({
      status: 'loading',
      filter: 'open',
      followUps: [],
      draft: EMPTY_DRAFT,
      saving: false,
      canAct: client.session?.role === 'manager',
    });
  }

  get state$(): Observable<FollowUpState> {
    return this.#state.asObservable();
  }

  get state(): FollowUpState {
    return this.#state.value;
  }

  /** The follow-up opened, if any. */
  get opened(): FollowUp | undefined {
    return this.state.opened === undefined ? undefined : this.state.current;
  }

  #set(patch: Partial<FollowUpState>): void {
    this.#state.next({ ...this.state, ...patch });
  }

  /** Loads the list and follows the hall's follow-up events. */
  start(): void {
    if (this.#events) return;
    this.#events = this.#client
      .events()
      .pipe(filter((event) => event.type === 'followup.updated'))
      .subscribe({ next: () => void this.load(), error: () => undefined });
    void this.load();
  }

  stop(): void {
    this.#events?.unsubscribe();
    this.#events = undefined;
  }

  /** Loads the list of the current filter and days again. */
  async load(): Promise<void> {
    const load = ++this.#loads;
    const { filter: status, from, to } = this.state;
    if (this.state.followUps.length === 0) this.#set({ status: 'loading' });
    try {
      const list = await this.#client.followUps({
        status,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      });
      if (load !== this.#loads) return;
      const { opened, current } = this.state;
      const fresh = opened === undefined ? undefined : list.followUps.find((one) => one.ratingId === opened);
      this.#set({
        status: 'ready',
        today: list.today,
        followUps: list.followUps,
        current: fresh ?? current,
        ...(opened === undefined ? { error: undefined } : {}),
      });
    } catch (error) {
      if (load !== this.#loads) return;
      this.#set({ status: 'failed', error: errorOf(error) });
    }
  }

  /** Shows the open follow-ups, the overdue ones or all of them. */
  setFilter(value: FollowUpFilter): Promise<void> {
    this.#set({ filter: value, recorded: undefined });
    return this.load();
  }

  /** Lists the follow-ups of the ratings of these China days (`''` for the hall's default). */
  setDays(from: string, to: string): Promise<void> {
    this.#set({ from: from || undefined, to: to || undefined, recorded: undefined });
    return this.load();
  }

  /** Opens a follow-up: its rating, its actions and, for a manager, the form of the next action. */
  open(ratingId: string): void {
    if (ratingId === this.state.opened) return;
    const current = this.state.followUps.find((one) => one.ratingId === ratingId);
    if (!current) return;
    this.#set({
      opened: ratingId,
      current,
      draft: EMPTY_DRAFT,
      problem: undefined,
      error: undefined,
      recorded: undefined,
    });
  }

  /** Back to the list. */
  close(): void {
    this.#set({ opened: undefined, current: undefined, problem: undefined, error: undefined, recorded: undefined });
  }

  /** Changes the draft; a problem it fixes goes away. */
  edit(patch: Partial<FollowUpDraft>): void {
    const draft = { ...this.state.draft, ...patch };
    if (draft.action !== 'review') delete draft.outcome;
    const problem = this.state.problem && problemOf(draft) === this.state.problem ? this.state.problem : undefined;
    this.#set({ draft, problem, recorded: undefined });
  }

  /**
   * Sends the draft as an action on the opened follow-up. Resolves the follow-up the hall answered, or `undefined`
   * when the draft has a problem or the hall refused it (the draft is kept, the reason in `problem` or `error`).
   */
  async record(): Promise<FollowUp | undefined> {
    const followUp = this.opened;
    if (!followUp || this.state.saving || !this.state.canAct) return undefined;
    const { draft } = this.state;
    const problem = problemOf(draft);
    if (problem) {
      this.#set({ problem, error: undefined });
      return undefined;
    }
    this.#set({ saving: true, problem: undefined, error: undefined });
    try {
      const answered = await this.#client.actOnFollowUp(followUp.ratingId, {
        action: draft.action,
        note: draft.note,
        ...(draft.outcome ? { outcome: draft.outcome } : {}),
      });
      const followUps = this.state.followUps.map((one) => (one.ratingId === answered.ratingId ? answered : one));
      this.#set({ saving: false, followUps, current: answered, draft: { ...EMPTY_DRAFT }, recorded: draft.action });
      return answered;
    } catch (error) {
      this.#set({ saving: false, error: errorOf(error) });
      return undefined;
    }
  }
}

/** The first problem of a draft, by the protocol's schema of an action (the rule the hall checks too). */
function problemOf(draft: FollowUpDraft): FollowUpProblem | undefined {
  const result = v.safeParse(FollowUpActSchema, draft);
  if (result.success) return undefined;
  for (const issue of result.issues) {
    const field = v.getDotPath(issue);
    if (field === 'note') return issue.type === 'max_length' ? 'note-long' : 'note-empty';
    if (field === 'outcome') return 'outcome';
  }
  return 'note-empty';
}

function errorOf(error: unknown): { message: string; issues: readonly string[] } {
  if (error instanceof HallError) return { message: error.message, issues: error.issues };
  return { message: error instanceof Error ? error.message : String(error), issues: [] };
}
