import { BehaviorSubject, type Observable } from 'rxjs';
import {
  defaultCalendar,
  promisedCompletionDate,
  UnknownCalendarYearError,
  type Applicant,
  type ApplicantProxy,
  type Case,
  type CaseMaterial,
  type FormValues,
  type WorkingDayCalendar,
} from '@yichuang/core';
import type { SavedCase, WorkstationStore } from '@yichuang/store';
import { IntakeSession, type IntakeDraftData, type IntakeItem, type IntakeStart } from '../session/intake-session.js';

/** The steps of an intake, in order. */
export const INTAKE_STEPS = ['items', 'applicant', 'materials', 'form', 'decision'] as const;
/** A step of {@link INTAKE_STEPS}. */
export type IntakeStep = (typeof INTAKE_STEPS)[number];

/** What the intake shows. */
export interface IntakeFlowState {
  /** `starting` (opening the draft), `open`, `done` (the case is saved), or `failed` (see `error`). */
  phase: 'starting' | 'open' | 'done' | 'failed';
  step: IntakeStep;
  /** The draft as it stands. */
  data: IntakeDraftData | undefined;
  /** The steps the clerk may go to now: one may go back always, forward once the step before is complete. */
  reachable: Readonly<Record<IntakeStep, boolean>>;
  /** The draft as a case, for the decision step. */
  draft: Case | undefined;
  /** The promised completion date if accepted now, from the working-day calendar. */
  promisedDate: string | undefined;
  /** The case saved at the end. */
  saved: SavedCase | undefined;
  error: Error | undefined;
}

/** Where and how an intake runs. */
export interface IntakeFlowOptions extends IntakeStart {
  store: WorkstationStore;
  /** The draft to resume (after a reload); a new intake when absent. */
  draftId?: string;
  /** The working-day calendar of the hall (the national one by default). */
  calendar?: WorkingDayCalendar;
  now?: () => Date;
  debounceMs?: number;
}

/**
 * The whole intake at a comprehensive window without a DOM (综合窗口受理): items, applicant, materials, form and decision
 * over one {@link IntakeSession}, whose draft keeps every step through a reload. Which step may be reached, the draft
 * case and the promised date are derived here; every rule behind them is the core's.
 */
export class IntakeFlowController {
  readonly #state = new BehaviorSubject<IntakeFlowState>({
    phase: 'starting',
    step: 'items',
    data: undefined,
    reachable: { items: true, applicant: false, materials: false, form: false, decision: false },
    draft: undefined,
    promisedDate: undefined,
    saved: undefined,
    error: undefined,
  });
  #session: IntakeSession | undefined;
  readonly #options: IntakeFlowOptions;

  constructor(options: IntakeFlowOptions) {
    this.#options = options;
  }

  get state$(): Observable<IntakeFlowState> {
    return this.#state.asObservable();
  }

  get state(): IntakeFlowState {
    return this.#state.value;
  }

  /** The session, once open. */
  get session(): IntakeSession | undefined {
    return this.#session;
  }

  /** Opens the draft (new or resumed); a resumed intake goes to the first step not complete. */
  async start(): Promise<void> {
    const { store, draftId, now, debounceMs } = this.#options;
    const sessionOptions = { ...(now ? { now } : {}), ...(debounceMs !== undefined ? { debounceMs } : {}) };
    try {
      this.#session = draftId
        ? await IntakeSession.resume(store, draftId, sessionOptions)
        : await IntakeSession.start(store, this.#options, sessionOptions);
    } catch (error) {
      this.#next({ phase: 'failed', error: error as Error });
      return;
    }
    const reachable = this.#reachable();
    const step = [...INTAKE_STEPS].reverse().find((s) => reachable[s]) ?? 'items';
    this.#next({ phase: 'open' });
    await this.go(step);
  }

  /** Takes in one item, or a bundle's items (replacing what was chosen). */
  chooseItems(items: readonly IntakeItem[], bundleId?: string): void {
    this.#require().setItems(items, bundleId);
    this.#next({});
  }

  /** Adds an item to those chosen (several items at one window, 一窗受理). */
  addItem(item: IntakeItem): void {
    const data = this.#require().data;
    if (data.items.some((i) => i.id === item.id)) return;
    this.#require().setItems([...data.items, item], undefined);
    this.#next({});
  }

  removeItem(itemId: string): void {
    const data = this.#require().data;
    this.#require().setItems(
      data.items.filter((i) => i.id !== itemId),
      undefined,
    );
    this.#next({});
  }

  /** The applicant as the form announces it: only a valid one is recorded; `undefined` keeps the last valid. */
  setApplicant(applicant: Applicant | undefined): void {
    if (!applicant) return;
    this.#require().setApplicant(applicant);
    this.#next({});
  }

  /** Whether a proxy (代理人) applies for the applicant: the materials then wait for a valid proxy. */
  setProxyWanted(wanted: boolean): void {
    this.#require().setProxyWanted(wanted);
    this.#next({});
  }

  /** The proxy as the form announces it: only a valid one is recorded; `undefined` keeps the last valid. */
  setProxy(proxy: ApplicantProxy | undefined): void {
    if (!proxy) return;
    this.#require().setProxy(proxy);
    this.#next({});
  }

  setMaterials(materials: readonly CaseMaterial[]): void {
    this.#require().setMaterials(materials);
    this.#next({});
  }

  /** The application form as `<yc-item-form>` announces it, with the fields the clerk typed themselves. */
  setForm(form: FormValues, edited: readonly string[]): void {
    this.#require().setForm(form, edited);
    this.#next({});
  }

  /** Goes to a step, if it can be reached; the decision step builds the draft case and the promised date. */
  async go(step: IntakeStep): Promise<void> {
    if (!this.#reachable()[step]) return;
    if (step !== 'decision') {
      this.#next({ step, draft: undefined });
      return;
    }
    const session = this.#require();
    try {
      const draft = await session.draftCase();
      const at = (this.#options.now?.() ?? new Date()).toISOString();
      this.#next({ step, draft, promisedDate: this.#promisedDate(at) });
    } catch (error) {
      this.#next({ error: error as Error });
    }
  }

  /** Saves the case the decision element decided; the intake is done. */
  async complete(decided: Case): Promise<SavedCase | undefined> {
    try {
      const saved = await this.#require().complete(decided);
      this.#next({ phase: 'done', saved });
      return saved;
    } catch (error) {
      this.#next({ error: error as Error });
      return undefined;
    }
  }

  /** Stores what is typed and lets the draft go (it can be resumed). */
  async close(): Promise<void> {
    if (this.#session && this.state.phase === 'open') await this.#session.close();
  }

  /**
   * The promised date, or `undefined` when the count reaches a year whose holidays are not published yet (the State
   * Council publishes them late in the year before): the case is then accepted without one, never with a guess.
   */
  #promisedDate(at: string): string | undefined {
    try {
      return promisedCompletionDate(this.#require().data.items, at, this.#options.calendar ?? defaultCalendar);
    } catch (error) {
      if (error instanceof UnknownCalendarYearError) return undefined;
      throw error;
    }
  }

  #require(): IntakeSession {
    if (!this.#session) throw new Error('The intake has not started.');
    return this.#session;
  }

  #reachable(): Record<IntakeStep, boolean> {
    const data = this.#session?.data;
    const items = (data?.items.length ?? 0) > 0;
    const applicant = items && data?.applicant !== undefined && (!data.proxyWanted || data.proxy !== undefined);
    return { items: true, applicant: items, materials: applicant, form: applicant, decision: applicant };
  }

  #next(patch: Partial<IntakeFlowState>): void {
    this.#state.next({
      ...this.#state.value,
      error: undefined,
      ...patch,
      data: this.#session?.data,
      reachable: this.#reachable(),
    });
  }
}
