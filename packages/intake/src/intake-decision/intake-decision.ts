import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { consume } from '@lit/context';
import {
  INTAKE_DECISIONS,
  INTAKE_DECISION_ORDER,
  IllegalTransitionError,
  RESULT_DELIVERY_WAYS,
  isReceived,
  needsAnswer,
  type Case,
  type CaseItemFacts,
  type IntakeDecision,
  type NoticeLine,
} from '@yichuang/core';
import {
  ObservableController,
  configContext,
  fontSize,
  resolveLocale,
  token,
  type Locale,
  type YcConfig,
} from '@yichuang/ui';
import { msg } from '../i18n/messages.js';
import { textField } from '../form-fields.js';
import { formStyles, intakeStyles } from '../shared-styles.js';
import { IntakeDecisionController, type DecisionState } from './controller.js';
import { IntakeDecideEvent } from './intake-decide-event.js';

/** How a notice line's material stands: promised, received but to be put right, or not brought. */
const lineStatus = (
  line: NoticeLine,
): 'decision.line.tolerated' | 'decision.line.defective' | 'decision.line.missing' =>
  line.receipt === 'tolerated'
    ? 'decision.line.tolerated'
    : line.receipt !== undefined && isReceived(line.receipt)
      ? 'decision.line.defective'
      : 'decision.line.missing';

/**
 * The window's decision on an application (受理决定): accept (受理), accept with tolerance (容缺受理), notify once of
 * everything missing (一次性告知) or refuse (不予受理). A decision the case state machine would refuse is shown
 * disabled with the machine's own reason (which materials are missing, which may not be tolerated); one that only
 * needs an answer — a reason, a supplement deadline — asks for it. The one-time notice and the commitment letter
 * list every material still to bring, with what the catalog asks of it and what the clerk noted; the list comes from
 * the core (`missingMaterials`), as the printed document will.
 *
 * Confirming moves the draft through the core's `transition` (audited) and fires `yc-intake-decide` with the
 * decided case; the host saves it. Keyboard: arrow keys choose a decision, Tab reaches its fields and the confirm
 * button.
 *
 * @tag yc-intake-decision
 * @summary Accept, accept with tolerance, notify once, or refuse: with the state machine's reasons and the notice.
 * @fires {IntakeDecideEvent} yc-intake-decide - The decision taken, with the decided case.
 * @csspart base - The wrapper of everything.
 * @csspart decisions - The four decisions.
 * @csspart reason - The reason field (notice, refusal).
 * @csspart grounds - The grounds a refusal may rest on (statutory, or an item's condition not met).
 * @csspart deadline - The supplement deadline field (tolerance).
 * @csspart delivery - How the result reaches the applicant (acceptance): at a window, or by post with the address.
 * @csspart notice - The list of materials still to bring.
 * @csspart problem - Why the chosen decision cannot be taken yet.
 * @csspart confirm - The confirm button.
 * @cssprop [--yc-color-primary=#0b57a4] - The chosen decision and the confirm button.
 * @cssprop [--yc-color-danger=#b42318] - Problems.
 * @cssprop [--yc-font-size=16px] - Base font size before the large-text scale.
 * @cssprop [--yc-font-scale=1] - Font scale; large-text mode sets 1.375.
 */
export class IntakeDecisionElement extends LitElement {
  static override styles = [
    intakeStyles,
    formStyles,
    css`
      .decisions {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(14em, 1fr));
        gap: ${token('--yc-space')};
      }
      .decision {
        display: flex;
        flex-direction: column;
        gap: 0.25em;
      }
      .decision .choice {
        font-weight: 700;
      }
      .grounds {
        display: flex;
        flex-direction: column;
        gap: 0.25em;
        margin: 0;
        padding: ${token('--yc-space')};
        border: 1px solid ${token('--yc-color-border')};
        border-radius: ${token('--yc-radius')};
      }
      .grounds legend {
        font-weight: 600;
        padding: 0 0.25em;
      }
      .ground {
        display: flex;
        gap: 0.5em;
        align-items: flex-start;
        min-height: 2em;
      }
      .ground input {
        width: 1.25em;
        height: 1.25em;
        margin-top: 0.2em;
        flex: none;
      }
      .notice {
        margin: 0;
        padding: ${token('--yc-space')} calc(${token('--yc-space')} * 1.5);
        border: 1px solid ${token('--yc-color-border')};
        border-radius: ${token('--yc-radius')};
        background: ${token('--yc-color-surface-alt')};
      }
      .notice h3 {
        margin: 0 0 0.25em;
        font-size: ${fontSize(1.0625)};
      }
      .notice ol {
        margin: 0;
        padding-inline-start: 1.5em;
      }
      .notice li + li {
        margin-top: 0.25em;
      }
      .fields {
        display: flex;
        flex-wrap: wrap;
        gap: ${token('--yc-space')} calc(${token('--yc-space')} * 2);
      }
      .fields label.field:has(textarea) {
        flex: 1 1 24em;
      }
      .done {
        font-weight: 700;
        color: ${token('--yc-color-success')};
      }
    `,
  ];

  /** The draft case, with its materials as checked. */
  @property({ attribute: false }) draft?: Case;

  /** The case's items in their pinned catalog versions. */
  @property({ attribute: false }) items: readonly CaseItemFacts[] = [];

  /** The clerk's id, written into the audit. */
  @property() actor = '';

  /** The window's code, written into the audit. */
  @property() window = '';

  /** Promised completion date (`YYYY-MM-DD`) from the working-day calendar, recorded on acceptance. */
  @property({ attribute: 'promised-date' }) promisedDate?: string;

  /** The clock of the window; the system clock when not set. */
  @property({ attribute: false }) now?: () => Date;

  /** UI language (`zh-CN`, `en-US`). Overrides the provider's; zh-CN when neither is set. */
  @property() locale?: string;

  /** Large-text mode (适老化), also switched on by the provider. */
  @property({ type: Boolean, attribute: 'large-text' }) largeText = false;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  /** The view's controller: the decision without a DOM. */
  readonly controller = new IntakeDecisionController({ actor: '', window: '' });
  readonly #state = new ObservableController<DecisionState>(this, this.controller.state$, this.controller.state);
  #failure?: IllegalTransitionError;

  /** What the view shows now. */
  get state(): DecisionState {
    return this.#state.value;
  }

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const keys = ['draft', 'items', 'actor', 'window', 'now', 'locale'] as const;
    if (keys.some((key) => changed.has(key))) {
      this.controller.load(this.draft, this.items, {
        actor: this.actor,
        window: this.window,
        locale: this.#locale,
        ...(this.now ? { now: this.now } : {}),
      });
      this.#failure = undefined;
      this.#state.value = this.controller.state;
    }
  }

  /** Chooses a decision as the clerk does: a one-time notice starts with the usual reason, which may be changed. */
  choose(decision: IntakeDecision): void {
    this.#failure = undefined;
    this.controller.choose(decision);
    if (decision === 'notify-incomplete' && !this.state.reason.trim()) {
      this.controller.setReason(msg(this.#locale, 'decision.reasonDefault'));
    }
  }

  #confirm(event: Event): void {
    event.preventDefault();
    const chosen = this.state.chosen;
    if (!chosen) return;
    const lines = this.state.lines;
    try {
      const decided = this.controller.decide(this.promisedDate ? { promisedDate: this.promisedDate } : {});
      this.dispatchEvent(new IntakeDecideEvent({ decision: chosen, case: decided, lines }));
    } catch (error) {
      if (!(error instanceof IllegalTransitionError)) throw error;
      this.#failure = error;
      this.requestUpdate();
    }
  }

  override render(): TemplateResult {
    const locale = this.#locale;
    const lang = locale === 'en-US' ? 'en' : 'zh';
    const large = this.largeText || this._config?.largeText === true;
    const state = this.state;
    if (!this.draft) {
      return html`<section class="root ${large ? 'large' : ''}" part="base" lang=${locale}>
        <p class="muted">${msg(locale, 'decision.noDraft')}</p>
      </section>`;
    }
    const chosen = state.chosen;
    // A decision waiting only for its reason or deadline asks through its field, not with a problem.
    // Postal details the state machine refuses are said under their fields instead.
    const asked = needsAnswer(state.blocked ?? null) || state.blocked?.code === 'invalid-delivery';
    const problem = this.#failure ?? (asked ? undefined : state.blocked);
    return html`<form class="root ${large ? 'large' : ''}" part="base" lang=${locale} @submit=${this.#confirm}>
      <h2 id="title">${msg(locale, 'decision.title')}</h2>
      <fieldset part="decisions">
        <legend>${msg(locale, 'decision.legend')}</legend>
        <div class="decisions">
          ${INTAKE_DECISION_ORDER.map((decision) => {
            const error = state.decisions?.[decision];
            const disabled = !state.choosable[decision];
            return html`<div class="decision">
              <label class="choice">
                <input
                  type="radio"
                  name="decision"
                  .value=${decision}
                  .checked=${live(chosen === decision)}
                  ?disabled=${disabled || state.decided !== undefined}
                  aria-describedby=${disabled ? `why-${decision}` : nothing}
                  @change=${() => this.choose(decision)}
                />${INTAKE_DECISIONS[decision][lang]}
              </label>
              ${
                disabled && error
                  ? html`<span class="hint" id="why-${decision}">
                      ${msg(locale, 'decision.unavailable', { reason: error.localized(locale) })}
                    </span>`
                  : nothing
              }
            </div>`;
          })}
        </div>
      </fieldset>
      ${chosen ? this.#renderFields(chosen, state, locale) : nothing}
      ${
        chosen === 'notify-incomplete' || chosen === 'accept-with-tolerance'
          ? this.#renderNotice(chosen, state.lines, locale)
          : nothing
      }
      ${problem ? html`<p class="problem" part="problem" role="alert">${problem.localized(locale)}</p>` : nothing}
      ${
        state.decided
          ? html`<p class="done" role="status">
              ${msg(locale, 'decision.done', { decision: INTAKE_DECISIONS[chosen ?? 'accept'][lang] })}
            </p>`
          : html`<button
              class="primary"
              part="confirm"
              type="submit"
              ?disabled=${!chosen || state.blocked !== undefined}
            >
              ${
                chosen
                  ? msg(locale, 'decision.confirm', { decision: INTAKE_DECISIONS[chosen][lang] })
                  : msg(locale, 'decision.choose')
              }
            </button>`
      }
    </form>`;
  }

  /** The grounds a refusal may rest on: the statutory ones, then each item's conditions. */
  #renderGrounds(state: DecisionState, locale: Locale): TemplateResult {
    return html`<fieldset class="grounds" part="grounds">
      <legend>${msg(locale, 'decision.ground')}</legend>
      ${state.grounds.map(
        (ground) =>
          html`<label class="ground">
            <input
              type="radio"
              name="ground"
              required
              .value=${ground.id}
              .checked=${live(state.ground === ground.id)}
              @change=${() => this.controller.setGround(ground.id)}
            />
            <span>${ground.text}</span>
          </label>`,
      )}
    </fieldset>`;
  }

  #renderFields(chosen: IntakeDecision, state: DecisionState, locale: Locale): TemplateResult | typeof nothing {
    if (chosen === 'notify-incomplete' || chosen === 'refuse') {
      return html`<div class="fields">
        ${chosen === 'refuse' ? this.#renderGrounds(state, locale) : nothing}
        <label class="field" part="reason">
          ${msg(locale, 'decision.reason')}
          <textarea
            maxlength="500"
            required
            .value=${live(state.reason)}
            aria-describedby="reason-hint"
            @input=${(event: Event) => this.controller.setReason((event.target as HTMLTextAreaElement).value)}
          ></textarea>
          <span class="hint" id="reason-hint">${msg(locale, `decision.reasonHint.${chosen}`)}</span>
        </label>
      </div>`;
    }
    if (chosen === 'accept') return this.#renderDelivery(state, locale);
    if (chosen === 'accept-with-tolerance') {
      return html`<div class="fields">
        ${this.#renderDelivery(state, locale)}
        <label class="field" part="deadline">
          ${msg(locale, 'decision.supplementDue')}
          <input
            type="date"
            required
            .value=${live(state.supplementDue)}
            aria-describedby="consequence"
            @change=${(event: Event) => this.controller.setSupplementDue((event.target as HTMLInputElement).value)}
          />
          <span class="hint" id="consequence">${msg(locale, 'decision.consequence')}</span>
        </label>
      </div>`;
    }
    return nothing;
  }

  #renderDelivery(state: DecisionState, locale: Locale): TemplateResult {
    const lang = locale === 'en-US' ? 'en' : 'zh';
    const { delivery, postAllowed } = state;
    const field = (key: 'recipient' | 'phone' | 'address', autocomplete: AutoFill) =>
      textField({
        field: `delivery-${key}`,
        label: msg(locale, `decision.delivery.${key}`),
        value: delivery[key],
        problem: state.deliveryProblems[key],
        autocomplete,
        type: key === 'phone' ? 'tel' : 'text',
        onInput: (value) => this.controller.setDelivery({ [key]: value }),
        onBlur: () => undefined,
      });
    return html`<fieldset part="delivery" aria-describedby=${postAllowed ? nothing : 'post-hint'}>
      <legend>${msg(locale, 'decision.delivery')}</legend>
      <div class="choices">
        ${(['window', 'post'] as const).map(
          (way) =>
            html`<label class="choice">
              <input
                type="radio"
                name="delivery"
                .value=${way}
                .checked=${live(delivery.way === way)}
                ?disabled=${way === 'post' && !postAllowed}
                @change=${() => this.controller.setDelivery({ way })}
              />${RESULT_DELIVERY_WAYS[way][lang]}
            </label>`,
        )}
      </div>
      ${postAllowed ? nothing : html`<p class="hint" id="post-hint">${msg(locale, 'decision.delivery.postNotAllowed')}</p>`}
      ${
        delivery.way === 'post'
          ? html`<div class="grid">
              ${field('recipient', 'name')} ${field('phone', 'tel')} ${field('address', 'street-address')}
            </div>`
          : nothing
      }
    </fieldset>`;
  }

  #renderNotice(
    chosen: 'notify-incomplete' | 'accept-with-tolerance',
    lines: readonly NoticeLine[],
    locale: Locale,
  ): TemplateResult {
    const sep = locale === 'zh-CN' ? '、' : ', ';
    const shown = chosen === 'accept-with-tolerance' ? lines.filter((l) => l.receipt === 'tolerated') : lines;
    return html`<section class="notice" part="notice" aria-labelledby="notice-title">
      <h3 id="notice-title">${msg(locale, `decision.notice.${chosen}`)}</h3>
      ${
        shown.length === 0
          ? html`<p class="muted">${msg(locale, 'decision.notice.empty')}</p>`
          : html`<ol>
              ${shown.map(
                (line) =>
                  html`<li data-material=${line.materialId}>
                    <strong>${line.name}</strong>
                    ${
                      line.copies > 0
                        ? msg(locale, 'decision.line.withCopies', {
                            status: msg(locale, lineStatus(line)),
                            copies: line.copies,
                          })
                        : msg(locale, 'decision.line.state', { status: msg(locale, lineStatus(line)) })
                    }
                    ${
                      line.items.length > 1 || this.items.length > 1
                        ? html`<br /><span class="hint">
                              ${msg(locale, 'decision.line.items', { items: line.items.join(sep) })}
                            </span>`
                        : nothing
                    }
                    ${
                      line.acceptanceStandard
                        ? html`<br /><span class="hint">
                              ${msg(locale, 'decision.line.standard', { standard: line.acceptanceStandard })}
                            </span>`
                        : nothing
                    }
                    ${
                      line.note
                        ? html`<br /><span class="problem"
                              >${msg(locale, 'decision.line.note', { note: line.note })}</span
                            >`
                        : nothing
                    }
                  </li>`,
              )}
            </ol>`
      }
    </section>`;
  }
}
