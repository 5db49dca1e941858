import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { consume } from '@lit/context';
import type { Applicant, IdDocumentType } from '@yichuang/core';
import type { IdCardReader } from '@yichuang/devices';
import { IdCardReading } from '../id-card-reading.js';
import { ObservableController, configContext, resolveLocale, token, type Locale, type YcConfig } from '@yichuang/ui';
import { msg, type IntakeMessageKey } from '../i18n/messages.js';
import { textField, selectField, idTypeOptions } from '../form-fields.js';
import { formStyles, intakeStyles } from '../shared-styles.js';
import {
  ApplicantFormController,
  type ApplicantField,
  type ApplicantFields,
  type ApplicantFormState,
} from './controller.js';
import { ApplicantChangeEvent } from './applicant-change-event.js';

/**
 * The applicant at the counter (申请人): a natural person (name, identity document, phone, address) or an
 * organisation (name, unified social credit code, legal representative). The identity is read from the ID-card
 * reader (`reader`) or typed; every field is judged by the core's schema as the clerk leaves it, in the clerk's
 * language, and a card's date of birth and sex are compared with the number. A credit code that fails only its check
 * characters is accepted only when the clerk confirms it against the licence, with what they checked.
 *
 * Shown on the clerk's screen only: it holds personal data. Keyboard: Tab through the fields; the reader button reads
 * the card on the reader.
 *
 * @tag yc-applicant-form
 * @summary The applicant, a person or an organisation, checked as typed or read from the ID card.
 * @fires {ApplicantChangeEvent} yc-applicant-change - The applicant after each change: valid, or `undefined`.
 * @csspart base - The wrapper of everything.
 * @csspart kind - The person / organisation choice.
 * @csspart read-card - The button that reads the ID card.
 * @csspart field - Each field.
 * @csspart problem - What is wrong with a field.
 * @csspart holder - What the identity number says of its holder.
 * @csspart confirm - The clerk's confirmation of a credit code.
 * @cssprop [--yc-color-danger=#b42318] - Problems.
 * @cssprop [--yc-font-size=16px] - Base font size before the large-text scale.
 * @cssprop [--yc-font-scale=1] - Font scale; large-text mode sets 1.375.
 */
export class ApplicantForm extends LitElement {
  static override styles = [
    intakeStyles,
    formStyles,
    css`
      .confirm {
        display: flex;
        flex-direction: column;
        gap: 0.25em;
        padding: ${token('--yc-space')};
        border: 2px dashed ${token('--yc-color-danger')};
        border-radius: ${token('--yc-radius')};
      }
    `,
  ];

  /** The applicant recorded so far (a resumed draft); the form starts from it whenever it is set. */
  @property({ attribute: false }) applicant?: Applicant;

  /** The clerk's id: recorded on a credit-code confirmation. */
  @property() clerk = '';

  /** The ID-card reader of the window (`SimulatedIdCardReader` in stories and tests); no reader button without it. */
  @property({ attribute: false }) reader?: IdCardReader;

  /** The window's clock; the system clock when not set. */
  @property({ attribute: false }) now?: () => Date;

  /** UI language (`zh-CN`, `en-US`). Overrides the provider's; zh-CN when neither is set. */
  @property() locale?: string;

  /** Large-text mode (适老化), also switched on by the provider. */
  @property({ type: Boolean, attribute: 'large-text' }) largeText = false;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  readonly #card = new IdCardReading(this);

  /** The view's controller: the applicant's rules, without a DOM. */
  readonly controller = new ApplicantFormController();
  readonly #state = new ObservableController<ApplicantFormState>(this, this.controller.state$, this.controller.state);

  /** What the form shows now. */
  get state(): ApplicantFormState {
    return this.#state.value;
  }

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.controller.configure({ clerk: this.clerk, locale: this.#locale, ...(this.now ? { now: this.now } : {}) });
    // The applicant the element itself announced comes back from the host, maybe late (the clerk typed on in the
    // meantime): keep what is on screen. Only an applicant from elsewhere (a reload, the host) replaces it.
    const echo = this.applicant !== undefined && this.#announced.has(this.applicant);
    if (changed.has('applicant') && this.applicant !== this.state.applicant && !echo)
      this.controller.load(this.applicant);
    this.#state.value = this.controller.state;
  }

  /** Every applicant this element announced: the host's echo of any of them is no news. */
  readonly #announced = new WeakSet<Applicant>();

  #changed(apply: () => void): void {
    const before = this.state.applicant;
    apply();
    const { applicant } = this.state;
    if (applicant === before) return;
    if (applicant) this.#announced.add(applicant);
    this.dispatchEvent(new ApplicantChangeEvent({ applicant }));
  }

  #readCard(): void {
    void this.#card.read(this.reader, (card) => this.#changed(() => this.controller.fillFromCard(card)));
  }

  override render(): TemplateResult {
    const locale = this.#locale;
    const lang = locale === 'en-US' ? 'en' : 'zh';
    const large = this.largeText || this._config?.largeText === true;
    const { fields, holder, usccConfirmable } = this.state;
    const person = fields.kind === 'person';
    return html`<form class="root ${large ? 'large' : ''}" part="base" lang=${locale} @submit=${this.#submit}>
      <div class="bar">
        <h2>${msg(locale, 'applicant.title')}</h2>
        ${this.#card.button(locale, this.reader, 'applicant.readCard', () => this.#readCard())}
      </div>
      ${this.#card.problem(locale)}
      <fieldset part="kind">
        <legend>${msg(locale, 'applicant.kind')}</legend>
        <div class="choices">
          ${(['person', 'organisation'] as const).map(
            (kind) =>
              html`<label class="choice">
                <input
                  type="radio"
                  name="kind"
                  .value=${kind}
                  .checked=${live(fields.kind === kind)}
                  @change=${() => this.#changed(() => this.controller.setKind(kind))}
                />${msg(locale, `applicant.kind.${kind}`)}
              </label>`,
          )}
        </div>
      </fieldset>
      <div class="grid">
        ${this.#text('name', person ? 'applicant.name' : 'applicant.orgName', 'name')}
        ${
          person
            ? html`${this.#idType('idType', lang)} ${this.#text('idNumber', 'applicant.idNumber', 'off')}`
            : html`${this.#text('uscc', 'applicant.uscc', 'off')}
              ${this.#text('representativeName', 'applicant.representativeName', 'off')}
              ${this.#idType('representativeIdType', lang)}
              ${this.#text('representativeIdNumber', 'applicant.representativeIdNumber', 'off')}`
        }
        ${
          person && holder
            ? html`<p class="hint wide" part="holder" id="holder">
                ${msg(locale, 'applicant.holder', {
                  birthDate: holder.birthDate,
                  sex: msg(locale, `applicant.sex.${holder.sex}`),
                })}
              </p>`
            : nothing
        }
        ${!person && usccConfirmable ? this.#confirmation(locale) : nothing}
        ${this.#text('phone', 'applicant.phone', 'tel')} ${this.#text('address', 'applicant.address', 'street-address')}
      </div>
    </form>`;
  }

  #submit(event: Event): void {
    event.preventDefault();
    this.#changed(() => this.controller.submit());
  }

  #text(field: ApplicantField, label: IntakeMessageKey, autocomplete: AutoFill): TemplateResult {
    return textField({
      field,
      label: msg(this.#locale, label),
      value: this.state.fields[field] as string,
      problem: this.state.problems[field],
      autocomplete,
      type: field === 'phone' ? 'tel' : 'text',
      describedBy: field === 'idNumber' && this.state.holder ? 'holder' : undefined,
      onInput: (value) => this.#changed(() => this.controller.set(field, value as ApplicantFields[typeof field])),
      onBlur: () => this.controller.touch(field),
    });
  }

  #idType(field: 'idType' | 'representativeIdType', lang: 'zh' | 'en'): TemplateResult {
    return selectField<IdDocumentType>({
      field,
      label: msg(this.#locale, field === 'idType' ? 'applicant.idType' : 'applicant.representativeIdType'),
      value: this.state.fields[field],
      options: idTypeOptions(lang),
      onChange: (value) => this.#changed(() => this.controller.set(field, value)),
    });
  }

  #confirmation(locale: Locale): TemplateResult {
    const { fields, problems } = this.state;
    const problem = problems.usccConfirmReason;
    return html`<div class="confirm wide" part="confirm">
      <label class="check">
        <input
          type="checkbox"
          .checked=${live(fields.usccConfirmed)}
          @change=${(event: Event) =>
            this.#changed(() => this.controller.set('usccConfirmed', (event.target as HTMLInputElement).checked))}
        />
        ${msg(locale, 'applicant.confirmUscc')}
      </label>
      ${
        fields.usccConfirmed
          ? html`<label class="field">
              ${msg(locale, 'applicant.confirmReason')}
              <input
                type="text"
                .value=${live(fields.usccConfirmReason)}
                placeholder=${msg(locale, 'applicant.confirmPlaceholder')}
                aria-invalid=${problem ? 'true' : 'false'}
                aria-describedby=${problem ? 'usccConfirmReason-problem' : nothing}
                @input=${(event: Event) =>
                  this.#changed(() =>
                    this.controller.set('usccConfirmReason', (event.target as HTMLInputElement).value),
                  )}
                @blur=${() => this.controller.touch('usccConfirmReason')}
              />
              ${
                problem
                  ? html`<span class="problem" part="problem" id="usccConfirmReason-problem">${problem}</span>`
                  : nothing
              }
            </label>`
          : nothing
      }
      <span class="hint">${msg(locale, 'applicant.confirmHint')}</span>
    </div>`;
  }
}
