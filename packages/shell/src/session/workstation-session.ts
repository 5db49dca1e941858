import type { Subscription } from 'rxjs';
import { BehaviorSubject, asyncScheduler, timer, type Observable, type SchedulerLike } from 'rxjs';
import { HallError, type HallClient, type Login, type Session } from '@yichuang/hall-client';
import type { PurgeReport, WorkstationStore } from '@yichuang/store';
import type { YcWorkplace } from '@yichuang/ui';
import { msg, type ShellLocale } from '../i18n/messages.js';

/**
 * Where the workstation is with its person:
 * - `signed-out`: the login form;
 * - `signing-in`: the hall (or this PC's keyring) is checking the password;
 * - `window-taken`: the window has a live session elsewhere; taking it over ends that one;
 * - `recovery`: the hall took the password, but this PC's key was wrapped with an earlier one (a password reset by a
 *   manager): the hall's recovery key opens it again ({@link recover}), or the person signs out;
 * - `active`: working;
 * - `locked`: the screen is locked (inactivity, the clerk's choice, or a reload): the password opens it again.
 */
export type SessionPhase = 'signed-out' | 'signing-in' | 'window-taken' | 'recovery' | 'active' | 'locked';

/** What the workstation's person and window are now. */
export interface SessionState {
  phase: SessionPhase;
  /** The hall's code (as case numbers begin). */
  hall?: string | undefined;
  /** The login's account. */
  user?: string | undefined;
  /** The person's name, from the hall (the account when signed in on this PC only). */
  name?: string | undefined;
  /** The role the hall gave, `clerk` or `manager`. */
  role?: 'clerk' | 'manager' | undefined;
  /** The window a clerk sits at. */
  window?: string | undefined;
  /**
   * Signed in on this PC only (the hall could not be reached): the store is open with the clerk's own key, cases are
   * saved and queued; the hall login is tried again once it answers.
   */
  offline: boolean;
  /** Why the last step failed, in the person's language. */
  problem?: string | undefined;
}

/** What a person types to sign in. */
export interface SignIn {
  user: string;
  password: string;
  /** The window, for a clerk; a manager names none. */
  window?: string | undefined;
}

/** The part of `Storage` the session keeps the hall's token in (the tab's `sessionStorage`). */
export type SessionStorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Options of a {@link WorkstationSession}. */
export interface WorkstationSessionOptions {
  /** The hall, created with {@link WorkstationSession.saved} so that a reload keeps its session. */
  hall: HallClient;
  /** The workstation's store (opened). Its data key is opened with the password and forgotten on lock. */
  store: WorkstationStore;
  /** Where the hall's session is kept across reloads: the tab's `sessionStorage` (never `localStorage`). */
  storage?: SessionStorageLike | undefined;
  /** Lock after this long without a key press, click or touch, in milliseconds; default 5 minutes; 0 never. */
  lockAfterMs?: number;
  /** The timer's scheduler (tests use a virtual one). */
  scheduler?: SchedulerLike;
  /** The hall's code this PC last worked for, for a sign-in on this PC only (the hall tells it otherwise). */
  hallCode?: string | undefined;
  locale?: ShellLocale;
}

/** The key the hall's session is kept under in the tab's storage. */
export const SESSION_STORAGE_KEY = 'yc-workstation-session';

/** Five minutes: a window PC left alone locks before the next applicant sits down. */
export const DEFAULT_LOCK_AFTER_MS = 5 * 60_000;

/**
 * The person at a workstation: sign-in at a window through the hall (one live session per window, explicit take-over),
 * the store's data key opened with the same password, the screen locked after inactivity and opened again with the
 * password (on this PC, without the hall), sign-out that removes what the hall already holds (a shared PC keeps only
 * the unsynced cases, sealed).
 *
 * Without the hall (network down), a clerk who signed in on this PC before signs in against the PC's own keyring and
 * works; the hall login is tried again with the same password once the hall answers ({@link reconnect}), which is the
 * only time the password is kept, in memory.
 *
 * DOM-free: `<yc-clerk-login>` and `<yc-lock-screen>` render its {@link state$}.
 */
export class WorkstationSession {
  readonly #hall: HallClient;
  readonly #store: WorkstationStore;
  readonly #storage: SessionStorageLike | undefined;
  readonly #lockAfterMs: number;
  readonly #scheduler: SchedulerLike;
  readonly #locale: ShellLocale;
  readonly #hallCode: string | undefined;
  readonly #state$: BehaviorSubject<SessionState>;
  #pending: SignIn | undefined;
  #offlineSecret: SignIn | undefined;
  #recovering: { session: Session; password: string } | undefined;
  #idle: Subscription | undefined;

  /** The state, live. */
  readonly state$: Observable<SessionState>;

  constructor(options: WorkstationSessionOptions) {
    this.#hall = options.hall;
    this.#store = options.store;
    this.#storage = options.storage;
    this.#lockAfterMs = options.lockAfterMs ?? DEFAULT_LOCK_AFTER_MS;
    if (!Number.isFinite(this.#lockAfterMs) || this.#lockAfterMs < 0) {
      throw new RangeError('lockAfterMs: a number of milliseconds from 0');
    }
    this.#scheduler = options.scheduler ?? asyncScheduler;
    this.#locale = options.locale ?? 'zh-CN';
    this.#hallCode = options.hallCode;
    // A reload with the hall's session kept: the person is known, the store's key is not: locked.
    const kept = options.hall.session;
    this.#state$ = new BehaviorSubject<SessionState>(
      kept && (kept.role === 'clerk' || kept.role === 'manager')
        ? { phase: 'locked', ...personOf(kept), offline: false }
        : { phase: 'signed-out', offline: false },
    );
    this.state$ = this.#state$.asObservable();
  }

  /** The hall's session kept in `storage` by an earlier page of this tab, for `new HttpHallClient({ session })`. */
  static saved(storage: SessionStorageLike | undefined, now = Date.now()): Session | undefined {
    try {
      const text = storage?.getItem(SESSION_STORAGE_KEY);
      if (!text) return undefined;
      const session = JSON.parse(text) as Session;
      if (typeof session?.token !== 'string' || !(Date.parse(session.expiresAt) > now)) return undefined;
      return session;
    } catch {
      return undefined;
    }
  }

  /** The state now. */
  get state(): SessionState {
    return this.#state$.value;
  }

  /**
   * Where the person works while active: the hall, the store opened for them, the hall's code, window and name (what a
   * `<yc-provider>` hands to the elements inside it); `undefined` otherwise (signed out, locked).
   */
  get workplace(): YcWorkplace | undefined {
    const state = this.state;
    if (state.phase !== 'active') return undefined;
    return {
      hall: this.#hall,
      store: this.#store,
      hallCode: state.hall ?? '',
      window: state.window,
      clerk: state.user,
      clerkName: state.name,
    };
  }

  /**
   * Signs in: the hall checks the password and the window, then the store's key opens with the same password (made on
   * a clerk's first sign-in on this PC, wrapped for the hall's recovery key as well). A window with a live session
   * elsewhere goes to `window-taken` ({@link takeOver} or {@link cancel}). Without the hall, a clerk known to this PC
   * signs in on its keyring alone.
   */
  async signIn(input: SignIn): Promise<void> {
    const user = input.user.trim();
    const window = input.window?.trim() || undefined;
    if (!user || !input.password) return this.#fail('login.missing');
    await this.#signIn({ user, password: input.password, window }, false);
  }

  /** Takes over the window another session holds (that one ends), after {@link signIn} went to `window-taken`. */
  async takeOver(): Promise<void> {
    const pending = this.#pending;
    if (this.state.phase !== 'window-taken' || !pending) return;
    await this.#signIn(pending, true);
  }

  /** Leaves the `window-taken` question or the recovery: back to the login form (the hall's session ends). */
  cancel(): void {
    this.#pending = undefined;
    if (this.state.phase === 'recovery') {
      this.#recovering = undefined;
      void this.#hall.logout().catch(() => undefined);
    }
    if (this.state.phase === 'window-taken' || this.state.phase === 'recovery') {
      this.#state$.next({ phase: 'signed-out', offline: false });
    }
  }

  /**
   * Opens this PC's cases again after a password reset: the hall's recovery private key (a JWK, as the manager's file
   * holds it, or its text) unwraps the person's data key, which is wrapped anew with the password just accepted by the
   * hall. A wrong or unreadable key leaves everything as it was, with the reason.
   */
  async recover(privateKey: JsonWebKey | CryptoKey | string): Promise<void> {
    const recovering = this.#recovering;
    if (this.state.phase !== 'recovery' || !recovering) return;
    let key: JsonWebKey | CryptoKey;
    try {
      key = typeof privateKey === 'string' ? (JSON.parse(privateKey) as JsonWebKey) : privateKey;
      await this.#store.recover(recovering.session.subject, key, recovering.password);
    } catch (error) {
      const problem =
        error instanceof SyntaxError ? msg(this.#locale, 'recovery.unreadable') : this.#reason(error, 'login.failed');
      this.#state$.next({ ...this.state, problem });
      return;
    }
    this.#recovering = undefined;
    await this.#opened(recovering.session);
  }

  async #signIn(input: SignIn, takeOver: boolean): Promise<void> {
    this.#state$.next({ phase: 'signing-in', user: input.user, window: input.window, offline: false });
    const login: Login =
      input.window === undefined
        ? { user: input.user, password: input.password }
        : { user: input.user, password: input.password, window: input.window, ...(takeOver ? { takeOver } : {}) };
    let session: Session;
    try {
      session = await this.#hall.login(login);
    } catch (error) {
      if (error instanceof HallError && error.code === 'conflict' && !takeOver) {
        this.#pending = input;
        this.#state$.next({
          phase: 'window-taken',
          user: input.user,
          window: input.window,
          offline: false,
        });
        return;
      }
      if (error instanceof HallError && error.transient) return this.#signInHere(input);
      return this.#fail(undefined, error, input);
    }
    this.#pending = undefined;
    if (session.role !== 'clerk' && session.role !== 'manager') {
      await this.#hall.logout().catch(() => undefined);
      return this.#fail('login.not-staff', undefined, input);
    }
    try {
      const recoveryKey = await this.#hall.recoveryKey().catch(() => undefined);
      await this.#store.unlock(session.subject, input.password, recoveryKey ? { recoveryKey } : {});
    } catch (error) {
      if ((error as Error | undefined)?.name === 'WrongSecretError') {
        // The hall took the password but this PC's key was wrapped with an earlier one (a password reset): the
        // recovery key opens it, or the person signs out; never a new empty key over the old cases.
        this.#recovering = { session, password: input.password };
        this.#state$.next({
          phase: 'recovery',
          ...personOf(session),
          offline: false,
          problem: msg(this.#locale, 'login.key'),
        });
        return;
      }
      await this.#hall.logout().catch(() => undefined);
      return this.#fail(undefined, error, input);
    }
    await this.#opened(session);
  }

  /** The store is open for the hall's session: the window's case numbers continue the hall's, and work begins. */
  async #opened(session: Session): Promise<void> {
    if (session.caseNumbers) await this.#store.adoptCaseNumbers(session.caseNumbers);
    this.#storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    this.#offlineSecret = undefined;
    this.#activate({ phase: 'active', ...personOf(session), offline: false });
  }

  /** Signs a clerk in on this PC's keyring (the hall is unreachable). Only a clerk who signed in here before. */
  async #signInHere(input: SignIn): Promise<void> {
    const known = await this.#store.run(() => this.#store.db.keyring.get(input.user));
    if (!known || input.window === undefined) return this.#fail('login.offline-unknown', undefined, input);
    try {
      await this.#store.unlock(input.user, input.password);
    } catch (error) {
      return this.#fail('login.wrong-password', error, input);
    }
    this.#offlineSecret = input;
    this.#activate({
      phase: 'active',
      hall: this.#hallCode,
      user: input.user,
      name: input.user,
      role: 'clerk',
      window: input.window,
      offline: true,
    });
  }

  /**
   * The hall answers again: a session signed in on this PC only logs in at the hall with the password it was opened
   * with (taking the window over: it is this clerk's). Resolves whether the session is now the hall's.
   */
  async reconnect(): Promise<boolean> {
    const secret = this.#offlineSecret;
    if (!this.state.offline || !secret) return !this.state.offline;
    try {
      const session = await this.#hall.login({
        user: secret.user,
        password: secret.password,
        ...(secret.window === undefined ? {} : { window: secret.window, takeOver: true }),
      });
      if (session.caseNumbers) await this.#store.adoptCaseNumbers(session.caseNumbers);
      this.#storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
      this.#offlineSecret = undefined;
      this.#state$.next({ ...this.state, ...personOf(session), offline: false, problem: undefined });
      return true;
    } catch {
      return false;
    }
  }

  /** Locks the screen: the store forgets its key (in every tab); the hall's session stays. */
  lock(): void {
    if (this.state.phase !== 'active') return;
    this.#idle?.unsubscribe();
    this.#store.lock();
    this.#state$.next({ ...this.state, phase: 'locked', problem: undefined });
  }

  /** Opens a locked screen with the person's password, checked by this PC's keyring (no hall needed). */
  async unlock(password: string): Promise<void> {
    const { user, phase } = this.state;
    if (phase !== 'locked' || !user) return;
    if (!password) return this.#fail('lock.missing', undefined, undefined, 'locked');
    try {
      await this.#store.unlock(user, password);
    } catch (error) {
      return this.#fail('login.wrong-password', error, undefined, 'locked');
    }
    this.#activate({ ...this.state, phase: 'active', problem: undefined });
  }

  /** A key press, click or touch: the inactivity timer starts again. */
  noteActivity(): void {
    if (this.state.phase === 'active') this.#armIdle();
  }

  /**
   * Signs out. On a shared PC (`purge`, the default) what the hall already holds is removed from this PC and only the
   * unsynced cases stay, sealed; the report says how many. The hall's session ends (if the hall answers) and the tab
   * forgets it.
   */
  async signOut(options: { purge?: boolean } = {}): Promise<PurgeReport | undefined> {
    this.#idle?.unsubscribe();
    let report: PurgeReport | undefined;
    if (options.purge !== false && !this.#store.locked) report = await this.#store.purgeSynced();
    this.#store.lock();
    await this.#hall.logout().catch(() => undefined);
    this.#storage?.removeItem(SESSION_STORAGE_KEY);
    this.#pending = undefined;
    this.#offlineSecret = undefined;
    this.#state$.next({ phase: 'signed-out', offline: false });
    return report;
  }

  /** Stops the inactivity timer (the page goes away). */
  dispose(): void {
    this.#idle?.unsubscribe();
  }

  /** An error in the person's words: the store's localized sentence, the hall's message, or `fallback`. */
  #reason(error: unknown, fallback: Parameters<typeof msg>[1]): string {
    if (error instanceof Error) return (error as Error & { localized?: string }).localized ?? error.message;
    return msg(this.#locale, fallback);
  }

  #activate(state: SessionState): void {
    this.#state$.next(state);
    this.#armIdle();
  }

  #armIdle(): void {
    this.#idle?.unsubscribe();
    if (this.#lockAfterMs === 0) return;
    this.#idle = timer(this.#lockAfterMs, this.#scheduler).subscribe(() => this.lock());
  }

  #fail(
    key: Parameters<typeof msg>[1] | undefined,
    error?: unknown,
    input?: SignIn,
    phase: SessionPhase = 'signed-out',
  ): void {
    const problem = key ? msg(this.#locale, key) : this.#reason(error, 'login.failed');
    const person = phase === 'locked' ? this.state : { user: input?.user, window: input?.window };
    this.#state$.next({ ...person, phase, offline: phase === 'locked' ? this.state.offline : false, problem });
  }
}

/** The person a hall session names. */
function personOf(session: Session): Pick<SessionState, 'hall' | 'user' | 'name' | 'role' | 'window'> {
  return {
    hall: session.hall,
    user: session.subject,
    name: session.name,
    role: session.role === 'manager' ? 'manager' : 'clerk',
    window: session.window,
  };
}

/** Who works here, as the frame and the lock screen say it: 王晓雨 · 01 号窗口, or 陈主任 · 管理员; marked when offline. */
export function personLine(state: SessionState, locale: ShellLocale = 'zh-CN'): string {
  const name = state.name ?? state.user ?? '';
  const who =
    state.role === 'manager'
      ? msg(locale, 'lock.who.manager', { name })
      : msg(locale, 'lock.who', { name, window: state.window ?? '' });
  return state.offline ? msg(locale, 'person.offline', { who }) : who;
}
