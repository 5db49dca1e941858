import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { BehaviorSubject, of, switchMap } from 'rxjs';
import {
  ObservableController,
  LARGE_TEXT_SCALE,
  configContext,
  deskStyles,
  fontSize,
  resolveLocale,
  token,
  WorkplaceEvent,
  type Locale,
  type YcConfig,
  type YcWorkplace,
} from '@yichuang/ui';
import { msg } from '../i18n/messages.js';
import { HallConnection } from '../session/hall-connection.js';
import { personLine, type SessionState, type WorkstationSession } from '../session/workstation-session.js';

/**
 * The workstation's door: the sign-in form (account, password, window), the question when the window has a live
 * session elsewhere (take it over, or go back), the recovery of this PC's cases after a password reset (the hall's
 * recovery key file), and the lock screen (the person and window, the password to unlock,
 * sign-out). It renders what its {@link WorkstationSession} says and nothing once the session is active.
 *
 * Keyboard: the first empty field takes the focus; Enter submits; problems are announced and take the focus.
 *
 * @tag yc-clerk-login
 * @summary Sign-in at a window with take-over, and the lock screen.
 * @fires {WorkplaceEvent} yc-workplace - Its person is signed in (`detail`: the hall, store, window and clerk, which
 *   the enclosing `<yc-provider>` hands to the elements inside it), or no longer is (`detail` `undefined`).
 * @slot - Below the form: what the hall wants to say (the demo accounts, a help desk's number).
 * @csspart form - The sign-in or unlock form.
 * @csspart taken - The take-over question.
 * @csspart recovery - The recovery of this PC's cases with the hall's recovery key (after a password reset).
 * @csspart problem - Why the last step failed.
 * @csspart signed-in - Embedded: who is signed in, the sync status, lock and sign-out.
 * @cssprop [--yc-color-primary=#0b57a4] - The submit button.
 */
export class ClerkLogin extends LitElement {
  static override styles = [
    deskStyles,
    css`
      .root {
        max-width: 30rem;
        margin: 0 auto;
        border: 1px solid ${token('--yc-color-border')};
        border-radius: ${token('--yc-radius')};
      }
      form {
        display: grid;
        gap: calc(${token('--yc-space')} * 1.5);
      }
      .root input {
        font: inherit;
        font-weight: 400;
        min-height: max(44px, 2.5em);
        padding: 0.25em 0.5em;
        border: 2px solid ${token('--yc-color-border')};
        border-radius: ${token('--yc-radius')};
        background: ${token('--yc-color-surface')};
        color: inherit;
      }
      .root input:focus-visible {
        outline: ${token('--yc-focus-width')} solid ${token('--yc-color-focus')};
        outline-offset: 1px;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: ${token('--yc-space')};
      }
      .who {
        font-size: ${fontSize(1.125)};
      }
      .large {
        --yc-font-scale: ${LARGE_TEXT_SCALE};
      }
      .root.signed-in {
        max-width: none;
        flex-direction: row;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25em 1.25em;
        padding: ${token('--yc-space')} calc(${token('--yc-space')} * 2);
      }
    `,
  ];

  /**
   * The workstation's session. Without one, inside a `<yc-provider hall-url=…>`, the element connects to that hall
   * itself (this page's store, its sync to the hall) and, once its person is signed in, shows them with the sync
   * status, lock and sign-out.
   */
  @property({ attribute: false }) session?: WorkstationSession;
  /** The window this PC usually is (filled in the form); the provider's `window` when empty. */
  @property() window = '';
  /** UI language; the provider's when not set. */
  @property() locale?: string;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  @state() private _localProblem?: string | undefined;

  /** The session's state, following the session set (one subscription: the last session's). */
  readonly #sessions = new BehaviorSubject<WorkstationSession | undefined>(undefined);
  readonly #state = new ObservableController<SessionState | undefined>(
    this,
    this.#sessions.pipe(switchMap((session) => session?.state$ ?? of(undefined))),
    undefined,
  );
  #shownProblem?: string | undefined;
  #shownPhase?: SessionState['phase'] | undefined;
  #announced?: YcWorkplace | undefined;
  /** The connection this element made itself (embedded in a host page), which it closes when it goes. */
  #own?: HallConnection | undefined;
  #connecting = false;
  readonly #activity = (): void => this.session?.noteActivity();
  readonly #lockKey = (event: KeyboardEvent): void => {
    if (event.ctrlKey && event.key.toLowerCase() === 'l' && this.session?.state.phase === 'active') {
      event.preventDefault();
      this.session.lock();
    }
  };

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.session) this.#listen(true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#listen(false);
    if (this.#announced) this.dispatchEvent(new WorkplaceEvent(undefined));
    this.#announced = undefined;
    // Taken out of the page for good (not moved): the connection it made goes with it, its store closed and its key
    // forgotten; put back, it connects anew and asks for the password (the hall's session is kept by the tab).
    queueMicrotask(() => {
      const own = this.#own;
      if (this.isConnected || !own) return;
      own.close();
      this.#own = undefined;
      this.#connecting = false;
      this.session = undefined;
    });
  }

  /**
   * While it has a session: a key press or click anywhere on the page puts the inactivity lock off, and Ctrl+L locks.
   */
  #listen(on: boolean): void {
    for (const type of ['keydown', 'pointerdown']) {
      if (on) document.addEventListener(type, this.#activity, { capture: true, passive: true });
      else document.removeEventListener(type, this.#activity, { capture: true });
    }
    if (on) document.addEventListener('keydown', this.#lockKey);
    else document.removeEventListener('keydown', this.#lockKey);
  }

  /** Inside a provider that names a hall and with no session given: connects to that hall (once). */
  #connect(): void {
    const hallUrl = this._config?.hallUrl;
    if (this.session || this.#connecting || hallUrl === undefined) return;
    this.#connecting = true;
    void HallConnection.open({ hallUrl, storage: sessionStorage, locale: this.#locale }).then(
      (connection) => {
        // Taken out of the page while connecting: nothing to keep.
        if (!this.isConnected) {
          connection.close();
          this.#connecting = false;
          return;
        }
        this.#own = connection;
        this.session = connection.session;
      },
      (error: unknown) => {
        this.#connecting = false;
        this._localProblem = error instanceof Error ? error.message : String(error);
      },
    );
  }

  /** Tells the provider where the person works now, whenever that changes. */
  #announce(): void {
    const workplace = this.session?.workplace;
    const same =
      workplace?.hall === this.#announced?.hall &&
      workplace?.window === this.#announced?.window &&
      workplace?.clerk === this.#announced?.clerk;
    if (same) return;
    this.#announced = workplace;
    this.dispatchEvent(new WorkplaceEvent(workplace));
  }

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    this.#connect();
    if (changed.has('session')) {
      this.#listen(false);
      if (this.session && this.isConnected) this.#listen(true);
      this.#sessions.next(this.session);
    }
  }

  override updated(): void {
    this.#announce();
    const problem = this.#state.value?.problem;
    if (problem && problem !== this.#shownProblem)
      this.renderRoot.querySelector<HTMLElement>('[part="problem"]')?.focus();
    this.#shownProblem = problem;
    const phase = this.#state.value?.phase;
    if (phase !== this.#shownPhase) {
      // A new step: its first control (or empty field) takes the focus.
      if (phase === 'window-taken') this.renderRoot.querySelector<HTMLElement>('[part="taken"] button')?.focus();
      else if (phase === 'recovery') this.renderRoot.querySelector<HTMLElement>('[part="recovery"] input')?.focus();
      else if (phase === 'locked' || (phase === 'signed-out' && !problem)) this.#focusFirstEmpty();
    }
    this.#shownPhase = phase;
  }

  #focusFirstEmpty(): void {
    [...this.renderRoot.querySelectorAll<HTMLInputElement>('input')].find((input) => !input.value)?.focus();
  }

  #signIn(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    void this.session?.signIn({
      user: String(data.get('user') ?? ''),
      password: String(data.get('password') ?? ''),
      window: String(data.get('window') ?? ''),
    });
  }

  #unlock(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const password = String(new FormData(form).get('password') ?? '');
    form.reset();
    void this.session?.unlock(password);
  }

  override render(): TemplateResult {
    const state = this.#state.value;
    const locale = this.#locale;
    if (!state) {
      return this._localProblem
        ? html`<p class="error" part="problem" role="alert">${this._localProblem}</p>`
        : html`${nothing}`;
    }
    if (state.phase === 'active') return this.#own ? this.#signedIn(state, locale) : html`${nothing}`;
    const large = this._config?.largeText ? 'large' : '';
    return html`<div class="root ${large}">
      ${
        state.phase === 'locked'
          ? this.#lock(state, locale)
          : state.phase === 'window-taken'
            ? this.#taken(state, locale)
            : state.phase === 'recovery'
              ? this.#recovery(locale)
              : this.#form(state, locale)
      }
      ${state.problem ? html`<p class="error" part="problem" role="alert" tabindex="-1">${state.problem}</p>` : nothing}
      <slot></slot>
    </div>`;
  }

  #form(state: SessionState, locale: Locale): TemplateResult {
    const busy = state.phase === 'signing-in';
    return html`<form part="form" @submit=${this.#signIn} aria-busy=${busy ? 'true' : 'false'}>
      <h2>${msg(locale, 'login.title')}</h2>
      <label class="field"
        >${msg(locale, 'login.user')}
        <input name="user" autocomplete="username" required .value=${state.user ?? ''} />
      </label>
      <label class="field"
        >${msg(locale, 'login.password')}
        <input name="password" type="password" autocomplete="current-password" required />
      </label>
      <label class="field"
        >${msg(locale, 'login.window')}
        <input
          name="window"
          inputmode="numeric"
          pattern="[0-9A-Za-z]{1,8}"
          aria-describedby="window-hint"
          .value=${state.window ?? (this.window || this._config?.window || '')}
        />
      </label>
      <p class="hint" id="window-hint">${msg(locale, 'login.window.hint')}</p>
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${busy}>
          ${msg(locale, busy ? 'login.signing-in' : 'login.submit')}
        </button>
      </div>
    </form>`;
  }

  #taken(state: SessionState, locale: Locale): TemplateResult {
    const window = state.window ?? '';
    return html`<section part="taken" aria-labelledby="taken-title">
      <h2 id="taken-title">${msg(locale, 'login.taken.title', { window })}</h2>
      <p>${msg(locale, 'login.taken.hint')}</p>
      <div class="actions">
        <button type="button" class="primary" @click=${() => void this.session?.takeOver()}>
          ${msg(locale, 'login.taken.confirm', { window })}
        </button>
        <button type="button" @click=${() => this.session?.cancel()}>${msg(locale, 'login.taken.cancel')}</button>
      </div>
    </section>`;
  }

  async #recover(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const file = (new FormData(event.target as HTMLFormElement).get('key') as File | null) ?? undefined;
    if (!file || file.size === 0) {
      this._localProblem = msg(this.#locale, 'recovery.missing');
      return;
    }
    this._localProblem = undefined;
    await this.session?.recover(await file.text());
  }

  #recovery(locale: Locale): TemplateResult {
    return html`<form part="recovery" @submit=${this.#recover}>
      <h2>${msg(locale, 'recovery.title')}</h2>
      <label class="field"
        >${msg(locale, 'recovery.file')}
        <input name="key" type="file" accept=".json,.jwk,application/json" />
      </label>
      ${this._localProblem ? html`<p class="error" role="alert">${this._localProblem}</p>` : nothing}
      <div class="actions">
        <button type="submit" class="primary">${msg(locale, 'recovery.submit')}</button>
        <button type="button" @click=${() => this.session?.cancel()}>${msg(locale, 'recovery.cancel')}</button>
      </div>
    </form>`;
  }

  /** An embedded sign-in, once signed in: who and where, the sync status, lock and sign-out. */
  #signedIn(state: SessionState, locale: Locale): TemplateResult {
    const connection = this.#own!;
    const large = this._config?.largeText ? 'large' : '';
    return html`<div
      class="root signed-in ${large}"
      part="signed-in"
      role="group"
      aria-label=${msg(locale, 'status.label')}
    >
      <span class="who">${personLine(state, locale)}</span>
      <yc-sync-status
        locale=${locale}
        .source=${{ status$: connection.sync.status$, parked: () => connection.store.outbox.parked() }}
      ></yc-sync-status>
      <button type="button" @click=${() => this.session?.lock()}>${msg(locale, 'embed.lock')}</button>
      <button type="button" @click=${() => void this.session?.signOut()}>${msg(locale, 'lock.sign-out')}</button>
    </div>`;
  }

  #lock(state: SessionState, locale: Locale): TemplateResult {
    const who = personLine(state, locale);
    return html`<form part="form" @submit=${this.#unlock}>
      <h2>${msg(locale, 'lock.title')}</h2>
      <p class="who">${who}</p>
      <label class="field"
        >${msg(locale, 'lock.password')}
        <input name="password" type="password" autocomplete="current-password" required />
      </label>
      <div class="actions">
        <button type="submit" class="primary">${msg(locale, 'lock.submit')}</button>
        <button type="button" @click=${() => void this.session?.signOut()}>${msg(locale, 'lock.sign-out')}</button>
      </div>
      <p class="hint">${msg(locale, 'lock.hint')}</p>
    </form>`;
  }
}
