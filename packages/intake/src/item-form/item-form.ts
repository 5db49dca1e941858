import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { consume } from '@lit/context';
import type { FormField, FormItem, FormValues, MergedFormField } from '@yichuang/core';
import { ObservableController, configContext, resolveLocale, token, type Locale, type YcConfig } from '@yichuang/ui';
import { msg } from '../i18n/messages.js';
import { formStyles, intakeStyles } from '../shared-styles.js';
import { ItemFormController, type ItemFormState } from './controller.js';
import { ItemFormChangeEvent } from './item-form-change-event.js';

/** The input type of a text-like field kind. */
const inputType = (kind: FormField['kind']) => (kind === 'phone' ? 'tel' : kind === 'date' ? 'date' : 'text');

/**
 * The application form (申请表) of the items taken in: each item's fields, a field the items share asked once. The
 * fields the window knows are pre-filled by the intake (applicant, proxy, cited e-licences) and marked so; every
 * answer is judged by the core as the clerk leaves the field, and the form says how many fields remain before the
 * case can be accepted.
 *
 * Shown on the clerk's screen only: it holds personal data. Keyboard: Tab through the fields; a yes-no is a pair of
 * radio buttons, a choice a select.
 *
 * @tag yc-item-form
 * @summary The items' application form, pre-filled where the window knows the answer, checked as typed.
 * @fires {ItemFormChangeEvent} yc-item-form-change - The answers after each change, and whether the form is complete.
 * @csspart base - The wrapper of everything.
 * @csspart summary - How many fields remain, or that the form is complete.
 * @csspart field - Each field.
 * @csspart problem - What is wrong with a field.
 * @cssprop [--yc-color-danger=#b42318] - Problems.
 * @cssprop [--yc-font-size=16px] - Base font size before the large-text scale.
 * @cssprop [--yc-font-scale=1] - Font scale; large-text mode sets 1.375.
 */
export class ItemForm extends LitElement {
  static override styles = [
    intakeStyles,
    formStyles,
    css`
      .field .hint {
        font-weight: 400;
      }
      .required {
        color: ${token('--yc-color-danger')};
        font-weight: 600;
        margin-inline-start: 0.25em;
      }
      .unit {
        display: flex;
        align-items: center;
        gap: 0.5em;
      }
      .unit input {
        flex: 1;
        min-width: 0;
      }
      fieldset.field {
        border: 0;
        padding: 0;
        margin: 0;
      }
      fieldset.field legend {
        padding: 0;
      }
    `,
  ];

  /** The items taken in (catalog items, or what an intake keeps of them): their forms are merged. */
  @property({ attribute: false }) items: readonly FormItem[] = [];

  /** The answers so far (a resumed draft, the pre-filled values); the form shows them whenever they are set. */
  @property({ attribute: false }) form?: FormValues;

  /** The fields the intake filled in from what the window knows (applicant, proxy, e-licences): marked so. */
  @property({ attribute: false }) prefilled: readonly string[] = [];

  /** The fields the clerk typed themselves (a resumed draft). */
  @property({ attribute: false }) edited: readonly string[] = [];

  /** UI language (`zh-CN`, `en-US`). Overrides the provider's; zh-CN when neither is set. */
  @property() locale?: string;

  /** Large-text mode (适老化), also switched on by the provider. */
  @property({ type: Boolean, attribute: 'large-text' }) largeText = false;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  /** The view's controller: the form's rules, without a DOM. */
  readonly controller = new ItemFormController();
  readonly #state = new ObservableController<ItemFormState>(this, this.controller.state$, this.controller.state);

  /** What the form shows now. */
  get state(): ItemFormState {
    return this.#state.value;
  }

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.controller.configure(this.#locale);
    if (changed.has('items') || changed.has('form') || changed.has('edited'))
      this.controller.load(this.items, this.form ?? {}, this.edited);
    this.#state.value = this.controller.state;
  }

  #set(key: string, value: string | boolean): void {
    this.controller.set(key, value);
    const { answers, edited, remaining } = this.state;
    this.dispatchEvent(new ItemFormChangeEvent({ form: answers, edited, complete: remaining === 0 }));
  }

  override render(): TemplateResult {
    const locale = this.#locale;
    const large = this.largeText || this._config?.largeText === true;
    const { fields, remaining } = this.state;
    return html`<section class="root ${large ? 'large' : ''}" part="base" lang=${locale} aria-labelledby="title">
      <h2 id="title">${msg(locale, 'form.title')}</h2>
      ${
        fields.length === 0
          ? html`<p class="muted" part="summary">${msg(locale, 'form.none')}</p>`
          : html`<p part="summary" role="status" class=${remaining > 0 ? 'muted' : ''}>
                ${remaining > 0 ? msg(locale, 'form.remaining', { count: remaining }) : msg(locale, 'form.complete')}
              </p>
              <div class="grid">${fields.map((merged) => this.#field(merged, locale))}</div>`
      }
    </section>`;
  }

  #field({ field, required }: MergedFormField, locale: Locale): TemplateResult {
    const id = `field-${field.key}`;
    const problem = this.state.problems[field.key];
    const value = this.state.answers[field.key];
    const typed = this.state.texts[field.key] ?? '';
    const prefilled =
      value !== undefined && this.prefilled.includes(field.key) && !this.state.edited.includes(field.key);
    const notes = [
      problem ? `${id}-problem` : undefined,
      field.hint ? `${id}-hint` : undefined,
      prefilled ? `${id}-prefilled` : undefined,
    ].filter(Boolean);
    const describedBy = notes.length > 0 ? notes.join(' ') : nothing;
    const label = html`<span
      >${field.label}${required ? html`<span class="required">${msg(locale, 'form.required')}</span>` : nothing}</span
    >`;
    const after = html`${field.hint ? html`<span class="hint" id="${id}-hint">${field.hint}</span>` : nothing}
    ${prefilled ? html`<span class="hint" id="${id}-prefilled">${msg(locale, 'form.prefilled')}</span>` : nothing}
    ${problem ? html`<span class="problem" part="problem" id="${id}-problem">${problem}</span>` : nothing}`;
    const invalid = problem ? 'true' : 'false';
    const blur = () => this.controller.touch(field.key);
    const text = (event: Event) =>
      this.#set(field.key, (event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value);
    switch (field.kind) {
      case 'yes-no':
        return html`<fieldset class="field" part="field" data-field=${field.key} aria-describedby=${describedBy}>
          <legend>${label}</legend>
          <div class="choices">
            ${([true, false] as const).map(
              (answer) =>
                html`<label class="choice">
                  <input
                    type="radio"
                    name=${id}
                    .checked=${live(value === answer)}
                    aria-invalid=${invalid}
                    @change=${() => {
                      this.#set(field.key, answer);
                      this.controller.touch(field.key);
                    }}
                  />${msg(locale, answer ? 'form.yes' : 'form.no')}
                </label>`,
            )}
          </div>
          ${after}
        </fieldset>`;
      case 'choice':
        return html`<label class="field" part="field" data-field=${field.key}>
          ${label}
          <select aria-invalid=${invalid} aria-describedby=${describedBy} @change=${text} @blur=${blur}>
            <option value="" ?selected=${value === undefined}>${msg(locale, 'form.choose')}</option>
            ${(field.options ?? []).map((option) => html`<option .value=${option} ?selected=${value === option}>${option}</option>`)}
          </select>
          ${after}
        </label>`;
      case 'multiline':
        return html`<label class="field wide" part="field" data-field=${field.key}>
          ${label}
          <textarea
            .value=${live(typed)}
            maxlength=${ifDefined(field.max)}
            aria-invalid=${invalid}
            aria-describedby=${describedBy}
            @input=${text}
            @blur=${blur}
          ></textarea>
          ${after}
        </label>`;
      default: {
        const input = html`<input
          type=${inputType(field.kind)}
          inputmode=${field.kind === 'number' ? 'decimal' : nothing}
          .value=${live(typed)}
          maxlength=${ifDefined(field.kind === 'text' ? field.max : undefined)}
          autocomplete="off"
          aria-invalid=${invalid}
          aria-describedby=${describedBy}
          @input=${text}
          @blur=${blur}
        />`;
        return html`<label class="field" part="field" data-field=${field.key}>
          ${label} ${field.unit ? html`<span class="unit">${input}<span>${field.unit}</span></span>` : input} ${after}
        </label>`;
      }
    }
  }
}
