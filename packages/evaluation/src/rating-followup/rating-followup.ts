import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { consume } from '@lit/context';
import { BehaviorSubject, of, switchMap } from 'rxjs';
import { RATING_GRADES, RATING_REASONS, toChinaDateTime, type RatingGrade } from '@yichuang/core';
import {
  FOLLOW_UP_ACTIONS,
  FOLLOW_UP_FILTERS,
  MAX_FOLLOW_UP_NOTE,
  REVIEW_OUTCOMES,
  type FollowUp,
  type FollowUpAction,
  type ReviewOutcome,
} from '@yichuang/hall-client';
import { ObservableController, configContext, resolveLocale, type Locale, type YcConfig } from '@yichuang/ui';
import { msg } from '../i18n/messages.js';
import { FollowUpController, type FollowUpHall, type FollowUpState } from './controller.js';
import { ratingFollowUpStyles } from './styles.js';

const ACTIONS = Object.keys(FOLLOW_UP_ACTIONS) as FollowUpAction[];
const OUTCOMES = Object.keys(REVIEW_OUTCOMES) as ReviewOutcome[];

/**
 * The follow-ups of bad ratings (差评整改) for the hall's staff: each rating of 不满意 or 非常不满意 with its window,
 * grade, reasons and due day (overdue ones said in words and marked by a sign, not by colour alone), open, overdue or
 * all, for a range of days. Opening one shows what was done; a manager records the next action — call-back (回访),
 * rectification (整改), feedback (反馈, which closes it) or review (申诉复核: rating upheld or withdrawn) — with a note.
 * A note the hall would refuse (empty, too long, a review without outcome) is said at once, and nothing typed is
 * lost; neither is it when the hall refuses. Clerks see the follow-ups of their windows, read-only.
 *
 * The `client` is a hall client logged in as a manager (or a clerk). Keyboard: Tab through the filter, the days and
 * the list; Enter or Space opens a follow-up; arrow keys choose within a group; Escape goes back to the list.
 *
 * @tag yc-rating-followup
 * @summary The follow-ups of bad ratings: list, due days, and a manager's actions on one.
 * @csspart base - The wrapper of everything.
 * @csspart toolbar - The filter and the days.
 * @csspart list - The table of follow-ups.
 * @csspart row - One follow-up of the list.
 * @csspart status - A follow-up's status (open, overdue, closed).
 * @csspart detail - The follow-up opened.
 * @csspart history - The actions recorded on it.
 * @csspart form - The form of the next action.
 * @csspart note - The note box.
 * @csspart problem - What is wrong with the note, before it is sent.
 * @csspart error - What the hall said when it refused.
 * @csspart submit - The record button.
 * @csspart back - The button back to the list.
 * @cssprop [--yc-color-primary=#0b57a4] - Buttons and chosen choices.
 * @cssprop [--yc-color-danger=#b42318] - Overdue follow-ups and problems.
 * @cssprop [--yc-font-size=16px] - Base font size before the large-text scale.
 * @cssprop [--yc-font-scale=1] - Font scale; large-text mode sets 1.375.
 */
export class RatingFollowUp extends LitElement {
  static override styles = ratingFollowUpStyles;

  /** The hall, logged in as a manager (or a clerk, who reads only). */
  @property({ attribute: false }) client?: FollowUpHall;

  /** UI language (`zh-CN`, `en-US`). Overrides the provider's; zh-CN when neither is set. */
  @property() locale?: string;

  /** Large-text mode (适老化), also switched on by the provider. */
  @property({ type: Boolean, attribute: 'large-text' }) largeText = false;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  readonly #controllers = new BehaviorSubject<FollowUpController | undefined>(undefined);
  readonly #state = new ObservableController<FollowUpState | undefined>(
    this,
    this.#controllers.pipe(switchMap((controller) => (controller ? controller.state$ : of(undefined)))),
    undefined,
  );
  #shownOpened?: string;

  /** The view's controller, once a client is set. */
  get controller(): FollowUpController | undefined {
    return this.#controllers.value;
  }

  /** What the view shows now (`undefined` before a client is set). */
  get state(): FollowUpState | undefined {
    return this.#state.value;
  }

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  get #lang(): 'zh' | 'en' {
    return this.#locale === 'en-US' ? 'en' : 'zh';
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
    if (changed.has('client')) {
      this.controller?.stop();
      const next = this.client ? new FollowUpController(this.client) : undefined;
      if (next && this.isConnected) next.start();
      this.#controllers.next(next);
    }
  }

  protected override updated(): void {
    // Opening a follow-up, or going back, moves the focus to the new view's heading.
    const opened = this.state?.opened;
    if (opened === this.#shownOpened) return;
    const back = this.#shownOpened;
    this.#shownOpened = opened;
    if (opened !== undefined) {
      this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
    } else if (back !== undefined) {
      const row = this.renderRoot.querySelector<HTMLElement>(`button[data-rating="${back}"]`);
      (row ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
    }
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.state?.opened !== undefined) {
      event.preventDefault();
      this.controller?.close();
    }
  }

  async #record(event: Event): Promise<void> {
    event.preventDefault();
    await this.controller?.record();
    await this.updateComplete;
    // A problem or a refusal takes the focus to the note, where it is fixed; a follow-up just closed has no form
    // left, so the focus goes to its heading rather than to nowhere.
    if (this.state?.problem || this.state?.error) this.renderRoot.querySelector<HTMLElement>('textarea')?.focus();
    else if (!this.renderRoot.querySelector('form[part~="form"]'))
      this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  #applyDays(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
    void this.controller?.setDays(value('from'), value('to'));
  }

  #grade(grade: number): string {
    return RATING_GRADES[grade as RatingGrade]?.[this.#lang] ?? String(grade);
  }

  #reasons(followUp: FollowUp): string {
    const locale = this.#locale;
    if (followUp.reasons.length === 0) return msg(locale, 'followup.noReasons');
    return followUp.reasons.map((reason) => RATING_REASONS[reason][this.#lang]).join(locale === 'en-US' ? ', ' : '、');
  }

  #status(followUp: FollowUp): TemplateResult {
    const locale = this.#locale;
    if (followUp.status === 'closed') {
      const key = followUp.withdrawn ? 'followup.status.withdrawn' : 'followup.status.closed';
      return html`<span class="status closed" part="status">✓ ${msg(locale, key)}</span>`;
    }
    if (followUp.overdue) {
      return html`<span class="status overdue" part="status"
        ><span aria-hidden="true">⚠</span> ${msg(locale, 'followup.status.overdue')}</span
      >`;
    }
    return html`<span class="status" part="status">${msg(locale, 'followup.status.open')}</span>`;
  }

  override render() {
    const locale = this.#locale;
    const state = this.state;
    const large = this.largeText || this._config?.largeText === true;
    return html`<section
      class="root ${large ? 'large' : ''}"
      part="base"
      lang=${locale}
      aria-labelledby="title"
      @keydown=${this.#onKeydown}
    >
      <h2 id="title" tabindex="-1">${msg(locale, 'followup.label')}</h2>
      ${
        !state
          ? html`<p>${msg(locale, 'followup.noClient')}</p>`
          : state.opened !== undefined && this.controller?.opened
            ? this.#renderDetail(state, this.controller.opened)
            : this.#renderList(state)
      }
    </section>`;
  }

  #renderList(state: FollowUpState): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    return html`
      <div class="toolbar" part="toolbar">
        <fieldset>
          <legend>${msg(locale, 'followup.filter.legend')}</legend>
          <div class="choices">
            ${FOLLOW_UP_FILTERS.map(
              (value) =>
                html`<label class="choice"
                  ><input
                    type="radio"
                    name="filter"
                    value=${value}
                    .checked=${live(state.filter === value)}
                    @change=${() => void controller.setFilter(value)}
                  /><span>${msg(locale, `followup.filter.${value}`)}</span></label
                >`,
            )}
          </div>
        </fieldset>
        <form class="days" @submit=${this.#applyDays} aria-describedby="days-hint">
          <label class="field"
            >${msg(locale, 'followup.from')}<input type="date" name="from" .value=${live(state.from ?? '')}
          /></label>
          <label class="field"
            >${msg(locale, 'followup.to')}<input type="date" name="to" .value=${live(state.to ?? '')}
          /></label>
          <button type="submit">${msg(locale, 'followup.days.apply')}</button>
        </form>
      </div>
      <p class="hint" id="days-hint">${msg(locale, 'followup.days.hint')}</p>
      ${this.#renderError(state)}
      <div role="status" aria-live="polite">
        ${
          state.status === 'loading'
            ? html`<p>${msg(locale, 'followup.loading')}</p>`
            : state.status === 'ready'
              ? html`<p>
                  ${
                    state.followUps.length === 0
                      ? msg(locale, 'followup.empty')
                      : msg(locale, 'followup.count', { count: state.followUps.length, today: state.today ?? '' })
                  }
                </p>`
              : nothing
        }
      </div>
      ${state.followUps.length > 0 ? this.#renderTable(state) : nothing}
    `;
  }

  #renderTable(state: FollowUpState): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    return html`<div class="table-wrap">
      <table part="list">
        <caption>
          ${msg(locale, 'followup.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${msg(locale, 'followup.col.day')}</th>
            <th scope="col">${msg(locale, 'followup.col.window')}</th>
            <th scope="col">${msg(locale, 'followup.col.grade')}</th>
            <th scope="col">${msg(locale, 'followup.col.reasons')}</th>
            <th scope="col">${msg(locale, 'followup.col.due')}</th>
            <th scope="col">${msg(locale, 'followup.col.status')}</th>
            <th scope="col">${msg(locale, 'followup.col.open')}</th>
          </tr>
        </thead>
        <tbody>
          ${state.followUps.map((followUp) => {
            const acts = state.canAct && followUp.status === 'open';
            const params = { window: followUp.window, day: followUp.day };
            return html`<tr part="row" class=${followUp.overdue ? 'overdue' : ''} data-rating=${followUp.ratingId}>
              <td>${followUp.day}</td>
              <td>${msg(locale, 'followup.window', { window: followUp.window })}</td>
              <td>${this.#grade(followUp.grade)}</td>
              <td>${this.#reasons(followUp)}</td>
              <td>${followUp.due}</td>
              <td>${this.#status(followUp)}</td>
              <td>
                <button
                  type="button"
                  data-rating=${followUp.ratingId}
                  aria-label=${msg(locale, acts ? 'followup.open' : 'followup.view', params)}
                  @click=${() => controller.open(followUp.ratingId)}
                >
                  ${msg(locale, acts ? 'followup.openShort' : 'followup.viewShort')}
                </button>
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  #renderError(state: FollowUpState): TemplateResult | typeof nothing {
    if (!state.error) return nothing;
    return html`<div class="error" part="error" role="alert">
      <p>${state.error.message}</p>
      ${
        state.error.issues.length > 0
          ? html`<ul>
              ${state.error.issues.map((line) => html`<li>${line}</li>`)}
            </ul>`
          : nothing
      }
    </div>`;
  }

  #renderDetail(state: FollowUpState, followUp: FollowUp): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    const params = { window: followUp.window, day: followUp.day };
    return html`<div class="detail" part="detail">
      <h3 tabindex="-1">${msg(locale, 'followup.detail.title', params)}</h3>
      <dl>
        <dt>${msg(locale, 'followup.col.grade')}</dt>
        <dd>${this.#grade(followUp.grade)}</dd>
        <dt>${msg(locale, 'followup.col.reasons')}</dt>
        <dd>${this.#reasons(followUp)}</dd>
        <dt>${msg(locale, 'followup.detail.clerk')}</dt>
        <dd>${followUp.clerk}</dd>
        <dt>${msg(locale, 'followup.detail.due')}</dt>
        <dd>${followUp.overdue ? msg(locale, 'followup.detail.dueOverdue', { due: followUp.due }) : followUp.due}</dd>
        <dt>${msg(locale, 'followup.col.status')}</dt>
        <dd>${this.#status(followUp)}</dd>
      </dl>
      <h4 class="muted">${msg(locale, 'followup.detail.history')}</h4>
      ${
        followUp.actions.length === 0
          ? html`<p class="muted">${msg(locale, 'followup.detail.noHistory')}</p>`
          : html`<ol class="history" part="history">
              ${followUp.actions.map(
                (entry) =>
                  html`<li>
                    <strong>${FOLLOW_UP_ACTIONS[entry.action][this.#lang]}</strong>${
                      entry.outcome ? html` · ${REVIEW_OUTCOMES[entry.outcome][this.#lang]}` : nothing
                    }
                    <span class="muted"
                      >${msg(locale, 'followup.detail.by', { by: entry.by, at: toChinaDateTime(entry.at) })}</span
                    >
                    <div class="note">${entry.note}</div>
                  </li>`,
              )}
            </ol>`
      }
      <div role="status" aria-live="polite">
        ${
          state.recorded
            ? html`<p>
                ${msg(locale, 'followup.recorded', { action: FOLLOW_UP_ACTIONS[state.recorded][this.#lang] })}
                ${followUp.status === 'closed' ? msg(locale, 'followup.closedNotice') : nothing}
              </p>`
            : nothing
        }
      </div>
      ${
        followUp.status === 'open' && state.canAct
          ? this.#renderForm(state)
          : !state.canAct
            ? html`<p class="muted">${msg(locale, 'followup.readOnly')}</p>`
            : nothing
      }
      <div class="buttons">
        <button type="button" part="back" @click=${() => controller.close()}>${msg(locale, 'followup.back')}</button>
      </div>
    </div>`;
  }

  #renderForm(state: FollowUpState): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    const { draft, problem } = state;
    const noteProblem = problem === 'note-empty' || problem === 'note-long';
    return html`<form part="form" @submit=${this.#record} novalidate>
      <fieldset>
        <legend>${msg(locale, 'followup.form.action')}</legend>
        <div class="choices">
          ${ACTIONS.map(
            (action) =>
              html`<label class="choice"
                ><input
                  type="radio"
                  name="action"
                  value=${action}
                  .checked=${live(draft.action === action)}
                  @change=${() => controller.edit({ action })}
                /><span>${FOLLOW_UP_ACTIONS[action][this.#lang]}</span></label
              >`,
          )}
        </div>
      </fieldset>
      ${
        draft.action === 'review'
          ? html`<fieldset aria-describedby=${problem === 'outcome' ? 'problem' : nothing}>
              <legend>${msg(locale, 'followup.form.outcome')}</legend>
              <div class="choices">
                ${OUTCOMES.map(
                  (outcome) =>
                    html`<label class="choice"
                      ><input
                        type="radio"
                        name="outcome"
                        value=${outcome}
                        .checked=${live(draft.outcome === outcome)}
                        @change=${() => controller.edit({ outcome })}
                      /><span>${REVIEW_OUTCOMES[outcome][this.#lang]}</span></label
                    >`,
                )}
              </div>
            </fieldset>`
          : nothing
      }
      <label class="field"
        >${msg(locale, 'followup.form.note')}
        <textarea
          part="note"
          name="note"
          rows="4"
          aria-describedby=${noteProblem ? 'problem note-hint' : 'note-hint'}
          aria-invalid=${noteProblem ? 'true' : 'false'}
          .value=${live(draft.note)}
          @input=${(event: Event) => controller.edit({ note: (event.target as HTMLTextAreaElement).value })}
        ></textarea>
      </label>
      <p class="hint" id="note-hint">${msg(locale, 'followup.form.noteHint', { max: MAX_FOLLOW_UP_NOTE })}</p>
      <p class="hint">${msg(locale, 'followup.form.closesNote')}</p>
      ${
        problem
          ? html`<p class="problem" part="problem" id="problem" role="alert">
              ${msg(locale, `followup.problem.${problem}`, { max: MAX_FOLLOW_UP_NOTE })}
            </p>`
          : nothing
      }
      ${this.#renderError(state)}
      <div class="buttons">
        <button type="submit" class="primary" part="submit" ?disabled=${state.saving}>
          ${msg(locale, state.saving ? 'followup.form.saving' : 'followup.form.submit')}
        </button>
      </div>
    </form>`;
  }
}
