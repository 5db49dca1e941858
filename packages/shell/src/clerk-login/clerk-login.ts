import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { of } from 'rxjs';
import {
  ObservableController,
  LARGE_TEXT_SCALE,
  configContext,
  deskStyles,
  fontSize,
  resolveLocale,
  token,
  type Locale,
  type YcConfig,
} from '@yichuang/ui';
import { msg } from '../i18n/messages.js';
import type { SessionState, WorkstationSession } from '../session/workstation-session.js';

/**
 * The workstation's door: the sign-in form (account, password, window), the question when the window has a live
 * session elsewhere (take it over, or go back), and the lock screen (the person and window, the password to unlock,
 * sign-out). It renders what its {@link WorkstationSession} says and nothing once the session is active.
 *
 * Keyboard: the first empty field takes the focus; Enter submits; problems are announced and take the focus.
 *
 * @tag yc-clerk-login
 * @summary Sign-in at a window with take-over, and the lock screen.
 * @slot - Below the form: what the hall wants to say (the demo accounts, a help desk's number).
 * @csspart form - The sign-in or unlock form.
 * @csspart taken - The take-over question.
 * @csspart problem - Why the last step failed.
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
    `,
  ];

  /** The workstation's session. */
  @property({ attribute: false }) session?: WorkstationSession;
  /** The window this PC usually is (filled in the form). */
  @property() window = '';
  /** UI language; the provider's when not set. */
  @property() locale?: string;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  #state = new ObservableController<SessionState | undefined>(this, of(undefined), undefined);
  #shownProblem?: string | undefined;
  #shownPhase?: SessionState['phase'] | undefined;

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session')) {
      this.removeController(this.#state);
      this.#state = new ObservableController(this, this.session?.state$ ?? of(undefined), undefined);
      if (this.isConnected) this.#state.hostConnected();
    }
  }

  override updated(): void {
    const problem = this.#state.value?.problem;
    if (problem && problem !== this.#shownProblem)
      this.renderRoot.querySelector<HTMLElement>('[part="problem"]')?.focus();
    this.#shownProblem = problem;
    const phase = this.#state.value?.phase;
    if (phase !== this.#shownPhase) {
      // A new step: its first control (or empty field) takes the focus.
      if (phase === 'window-taken') this.renderRoot.querySelector<HTMLElement>('[part="taken"] button')?.focus();
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
    if (!state || state.phase === 'active') return html`${nothing}`;
    const large = this._config?.largeText ? 'large' : '';
    return html`<div class="root ${large}">
      ${state.phase === 'locked' ? this.#lock(state, locale) : state.phase === 'window-taken' ? this.#taken(state, locale) : this.#form(state, locale)}
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
          .value=${state.window ?? this.window}
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

  #lock(state: SessionState, locale: Locale): TemplateResult {
    const who =
      state.role === 'manager'
        ? msg(locale, 'lock.who.manager', { name: state.name ?? state.user ?? '' })
        : msg(locale, 'lock.who', { name: state.name ?? state.user ?? '', window: state.window ?? '' });
    return html`<form part="form" @submit=${this.#unlock}>
      <h2><span aria-hidden="true">🔒</span> ${msg(locale, 'lock.title')}</h2>
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
