import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { consume } from '@lit/context';
import { BehaviorSubject, of, switchMap } from 'rxjs';
import { RATING_GRADES, RATING_REASONS, type RatingGrade } from '@yichuang/core';
import { ObservableController, configContext, resolveLocale, type Locale, type YcConfig } from '@yichuang/ui';
import { msg } from '../i18n/messages.js';
import { BAD_RATING_REASONS, MAX_PAD_COMMENT, PAD_DIMENSIONS, PAD_GRADES, isBadGrade } from './choices.js';
import { RatingPadController, type RatingPadHall, type RatingPadState } from './controller.js';
import { RatingSubmittedEvent } from './rating-submitted-event.js';
import { ratingPadStyles } from './styles.js';

/**
 * The rating pad (评价器) of one window: a tablet facing the applicant. When the clerk finishes a ticket at the
 * window, the pad invites its holder to rate the service (好差评): one of the five grades 非常满意 … 非常不满意
 * (nothing is chosen beforehand), optionally the efficiency, professional level and attitude, and for 不满意 or
 * 非常不满意 the reasons (at least one) and a comment. Rating is voluntary: 不评价 closes the invitation, and so does
 * leaving it untouched for `timeout` seconds; neither saves anything. A submitted rating goes to the hall as a
 * `rating.save` mutation; the hall credits it to the clerk at the window. The pad shows the ticket number only,
 * never who the applicant is.
 *
 * When the hall cannot be reached the pad says so, and still takes ratings: it keeps them in memory and sends them,
 * retrying, once the hall answers again; the applicant is told their rating was kept. A rating the hall refuses is
 * said to the applicant, and counted on the idle screen for the staff.
 *
 * The `client` is a hall client logged in as the window's rating pad (`client.login({ deviceToken })`). Keyboard:
 * Tab between groups, arrow keys within a group of grades, Space for a reason, Enter to submit.
 *
 * @tag yc-rating-pad
 * @summary The applicant's rating of a window's service, invited when the window finishes a ticket.
 * @fires {RatingSubmittedEvent} yc-rating-submitted - The applicant submitted a rating; `detail` is
 *   `{ ticket, window, grade, outcome }` (the ticket number; `outcome` `saved`, `kept` or `refused`). Bubbles and is
 *   composed.
 * @csspart base - The wrapper of everything.
 * @csspart header - The window's name.
 * @csspart connection - What is wrong with the connection to the hall, when something is.
 * @csspart idle - The screen between two ratings.
 * @csspart form - The invitation.
 * @csspart ticket - The ticket number rated.
 * @csspart grades - The group of the five grades.
 * @csspart choice - One choice: a grade, a dimension's grade or a reason.
 * @csspart dimensions - The optional dimensions.
 * @csspart reasons - The reasons of a bad grade.
 * @csspart comment - The comment box.
 * @csspart problem - What is missing before the rating can be submitted.
 * @csspart submit - The submit button.
 * @csspart skip - The skip button.
 * @csspart thanks - The thank-you.
 * @cssprop [--yc-color-primary=#0b57a4] - Chosen tiles and the submit button.
 * @cssprop [--yc-color-danger=#b42318] - Connection problems and what is missing.
 * @cssprop [--yc-font-size=16px] - Base font size before the large-text scale.
 * @cssprop [--yc-font-scale=1] - Font scale; large-text mode sets 1.375.
 */
export class RatingPad extends LitElement {
  static override styles = ratingPadStyles;

  /** The hall, logged in as this window's rating pad. */
  @property({ attribute: false }) client?: RatingPadHall;

  /** The window's code (e.g. `01`); by default the window the pad's session is enrolled for. */
  @property() window?: string;

  /** Seconds an untouched invitation stays before it closes without saving. */
  @property({ type: Number }) timeout = 60;

  /** UI language (`zh-CN`, `en-US`). Overrides the provider's; zh-CN when neither is set. */
  @property() locale?: string;

  /** Large-text mode (适老化), also switched on by the provider. */
  @property({ type: Boolean, attribute: 'large-text' }) largeText = false;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  readonly #controllers = new BehaviorSubject<RatingPadController | undefined>(undefined);
  readonly #state = new ObservableController<RatingPadState | undefined>(
    this,
    this.#controllers.pipe(switchMap((controller) => (controller ? controller.state$ : of(undefined)))),
    undefined,
  );
  #shownPhase?: string;

  /** The pad's controller, once a client is set: for a host that invites a rating itself, and for stories. */
  get controller(): RatingPadController | undefined {
    return this.#controllers.value;
  }

  /** What the pad shows now (`undefined` before a client is set). */
  get state(): RatingPadState | undefined {
    return this.#state.value;
  }

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.controller?.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.controller?.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const timeoutMs = Math.max(0.1, Number(this.timeout) || 60) * 1000;
    if (changed.has('client') || changed.has('window')) {
      const previous = this.controller;
      previous?.stop();
      const next = this.client
        ? new RatingPadController(this.client, {
            ...(this.window ? { window: this.window } : {}),
            timeoutMs,
            kept: previous?.kept ?? [],
          })
        : undefined;
      if (next && this.isConnected) next.start();
      this.#controllers.next(next);
    }
    if (this.controller) this.controller.timeoutMs = timeoutMs;
  }

  protected override updated(): void {
    // A new screen takes the focus, unless the page had put it somewhere else: a keyboard or screen-reader user
    // then starts from its heading.
    const phase = this.state?.phase;
    if (phase === this.#shownPhase) return;
    this.#shownPhase = phase;
    const active = document.activeElement;
    if (active && active !== document.body && active !== this) return;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const controller = this.controller;
    const submission = await controller?.submit();
    if (submission) this.dispatchEvent(new RatingSubmittedEvent(submission));
    else this.renderRoot.querySelector<HTMLElement>('.problem')?.scrollIntoView({ block: 'nearest' });
  }

  #gradeName(grade: RatingGrade): string {
    return RATING_GRADES[grade][this.#locale === 'en-US' ? 'en' : 'zh'];
  }

  #radios(
    name: string,
    chosen: RatingGrade | undefined,
    pick: (grade: RatingGrade) => void,
    part: string,
  ): TemplateResult[] {
    return PAD_GRADES.map(
      (grade) =>
        html`<label class="choice" part=${part}>
          <input
            type="radio"
            name=${name}
            value=${grade}
            .checked=${live(chosen === grade)}
            @change=${() => pick(grade)}
          /><span>${this.#gradeName(grade)}</span>
        </label>`,
    );
  }

  #renderConnection(state: RatingPadState) {
    const locale = this.#locale;
    switch (state.connection) {
      case 'online':
        return nothing;
      case 'connecting':
        return html`<p class="connection connecting" part="connection" role="status">
          ${msg(locale, 'pad.connection.connecting')}
        </p>`;
      case 'offline':
        return html`<p class="connection" part="connection" role="status">${msg(locale, 'pad.connection.offline')}</p>`;
      case 'other-window':
        return html`<p class="connection" part="connection" role="alert">
          ${msg(locale, 'pad.connection.other-window', { session: state.sessionWindow ?? '', window: state.window })}
        </p>`;
      default:
        return html`<p class="connection" part="connection" role="alert">
          ${msg(locale, 'pad.connection.signed-out')}
        </p>`;
    }
  }

  #renderIdle(state: RatingPadState) {
    const locale = this.#locale;
    return html`<div class="idle" part="idle">
      <h2 tabindex="-1">${msg(locale, 'pad.idle.title')}</h2>
      <p>${msg(locale, 'pad.idle.body')}</p>
      ${state.pending > 0 ? html`<p class="note">${msg(locale, 'pad.pending', { count: state.pending })}</p>` : nothing}
      ${state.refused > 0 ? html`<p class="note">${msg(locale, 'pad.refused', { count: state.refused })}</p>` : nothing}
    </div>`;
  }

  #renderForm(state: RatingPadState, controller: RatingPadController) {
    const locale = this.#locale;
    const bad = isBadGrade(state.grade);
    const touch = () => controller.touch();
    return html`<form
      part="form"
      novalidate
      aria-labelledby="invite-title"
      @submit=${this.#submit}
      @pointerdown=${touch}
      @keydown=${touch}
    >
      <div class="heading">
        <h2 id="invite-title" tabindex="-1">${msg(locale, 'pad.invite.title')}</h2>
        <p class="ticket" part="ticket">${msg(locale, 'pad.invite.ticket', { number: state.ticket?.number ?? '' })}</p>
      </div>
      <fieldset class="grades" part="grades">
        <legend>${msg(locale, 'pad.grade.legend')}</legend>
        <div class="choices">${this.#radios('grade', state.grade, (grade) => controller.choose(grade), 'choice')}</div>
      </fieldset>
      ${
        state.grade === undefined
          ? nothing
          : html`<fieldset class="dimensions" part="dimensions">
              <legend>${msg(locale, 'pad.dimensions.legend')}</legend>
              ${PAD_DIMENSIONS.map(
                (dimension) =>
                  html`<fieldset class="dimension">
                    <legend>${msg(locale, `pad.dimension.${dimension}`)}</legend>
                    <div class="choices">
                      ${this.#radios(
                        `dimension-${dimension}`,
                        state.dimensions[dimension],
                        (grade) => controller.rate(dimension, grade),
                        'choice',
                      )}
                    </div>
                  </fieldset>`,
              )}
            </fieldset>`
      }
      ${
        bad
          ? html`<fieldset class="reasons" part="reasons">
                <legend>${msg(locale, 'pad.reasons.legend')}</legend>
                <div class="choices">
                  ${BAD_RATING_REASONS.map(
                    (reason) =>
                      html`<label class="choice" part="choice">
                        <input
                          type="checkbox"
                          name="reason"
                          value=${reason}
                          .checked=${live(state.reasons.includes(reason))}
                          @change=${(event: Event) =>
                            controller.toggleReason(reason, (event.target as HTMLInputElement).checked)}
                        /><span>${RATING_REASONS[reason][locale === 'en-US' ? 'en' : 'zh']}</span>
                      </label>`,
                  )}
                </div>
              </fieldset>
              <label class="comment">
                ${msg(locale, 'pad.comment.label')}
                <textarea
                  part="comment"
                  name="comment"
                  rows="3"
                  maxlength=${MAX_PAD_COMMENT}
                  aria-describedby="comment-hint"
                  .value=${live(state.comment)}
                  @input=${(event: Event) => controller.setComment((event.target as HTMLTextAreaElement).value)}
                ></textarea>
              </label>
              <p class="hint" id="comment-hint">${msg(locale, 'pad.comment.hint', { max: MAX_PAD_COMMENT })}</p>`
          : nothing
      }
      ${
        state.problem
          ? html`<p class="problem" part="problem" role="alert">${msg(locale, `pad.problem.${state.problem}`)}</p>`
          : nothing
      }
      <div class="actions">
        <button type="submit" class="primary" part="submit">${msg(locale, 'pad.submit')}</button>
        <button type="button" part="skip" @click=${() => controller.skip()}>${msg(locale, 'pad.skip')}</button>
        <p class="hint">${msg(locale, 'pad.voluntary', { seconds: Math.ceil(controller.timeoutMs / 1000) })}</p>
      </div>
    </form>`;
  }

  #renderThanks(state: RatingPadState) {
    const locale = this.#locale;
    const followUp = isBadGrade(state.grade) && state.outcome !== 'refused';
    return html`<div class="thanks" part="thanks" role="status">
      <h2 tabindex="-1">${msg(locale, 'pad.thanks.title')}</h2>
      <p>${msg(locale, `pad.thanks.${state.outcome ?? 'saved'}`)}</p>
      ${followUp ? html`<p>${msg(locale, 'pad.thanks.followUp')}</p>` : nothing}
    </div>`;
  }

  #renderBody(state: RatingPadState, controller: RatingPadController) {
    switch (state.phase) {
      case 'rating':
        return this.#renderForm(state, controller);
      case 'sending':
        return html`<div class="sending" role="status">
          <h2 tabindex="-1">${msg(this.#locale, 'pad.sending')}</h2>
        </div>`;
      case 'thanks':
        return this.#renderThanks(state);
      default:
        return this.#renderIdle(state);
    }
  }

  protected override render() {
    const locale = this.#locale;
    const large = this.largeText || !!this._config?.largeText;
    const state = this.#state.value;
    const controller = this.controller;
    return html`<section
      class="root ${large ? 'large' : ''}"
      part="base"
      lang=${locale}
      aria-label=${msg(locale, 'pad.label')}
    >
      ${
        state && controller
          ? html`<header part="header">
                <span>${msg(locale, 'pad.label')}</span>
                ${state.window ? html`<span>${msg(locale, 'pad.window', { window: state.window })}</span>` : nothing}
              </header>
              ${this.#renderConnection(state)} ${this.#renderBody(state, controller)}`
          : html`<p class="connection" part="connection" role="alert">${msg(locale, 'pad.noClient')}</p>`
      }
    </section>`;
  }
}
