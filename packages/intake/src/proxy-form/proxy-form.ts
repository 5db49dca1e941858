import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { AUTHORISATION_KINDS, type ApplicantProxy, type AuthorisationKind, type IdDocumentType } from '@yichuang/core';
import type { IdCardReader } from '@yichuang/devices';
import { IdCardReading } from '../id-card-reading.js';
import { ObservableController, configContext, resolveLocale, type Locale, type YcConfig } from '@yichuang/ui';
import { msg, type IntakeMessageKey } from '../i18n/messages.js';
import { idTypeOptions, selectField, textField } from '../form-fields.js';
import { formStyles, intakeStyles } from '../shared-styles.js';
import { ProxyFormController, type ProxyField, type ProxyFormState } from './controller.js';
import { ProxyChangeEvent } from './proxy-change-event.js';

const AUTHORISATION_KEYS = Object.keys(AUTHORISATION_KINDS) as AuthorisationKind[];

/**
 * The proxy (代理人) who takes in a case for the applicant: their identity (read from their ID card on `reader`, or
 * typed), phone, relation to the applicant, and the authorisation they act on — a power of attorney (what it
 * empowers, until when, its number), a guardianship, a statutory agency or the hall's helper desk. Every field is
 * judged by the core's proxy schema as the clerk leaves it, in the clerk's language. An authorisation whose term is
 * over is said at once, in the core's words: such a case can be told what is missing or refused, not accepted.
 *
 * Shown on the clerk's screen only: it holds personal data. Keyboard: Tab through the fields.
 *
 * @tag yc-proxy-form
 * @summary The proxy and their authorisation, checked as typed or read from their ID card.
 * @fires {ProxyChangeEvent} yc-proxy-change - The proxy after each change: valid, or `undefined`.
 * @csspart base - The wrapper of everything.
 * @csspart read-card - The button that reads the proxy's ID card.
 * @csspart field - Each field.
 * @csspart problem - What is wrong with a field.
 * @csspart lapsed - The warning that the authorisation's term is over.
 * @cssprop [--yc-color-danger=#b42318] - Problems.
 * @cssprop [--yc-font-size=16px] - Base font size before the large-text scale.
 * @cssprop [--yc-font-scale=1] - Font scale; large-text mode sets 1.375.
 */
export class ProxyForm extends LitElement {
  static override styles = [intakeStyles, formStyles];

  /** The proxy recorded so far (a resumed draft); the form starts from it whenever it is set from outside. */
  @property({ attribute: false }) proxy?: ApplicantProxy;

  /** The window's ID-card reader; no reader button without it. */
  @property({ attribute: false }) reader?: IdCardReader;

  /** The window's clock: today's date for the authorisation's term. */
  @property({ attribute: false }) now?: () => Date;

  /** UI language (`zh-CN`, `en-US`). Overrides the provider's; zh-CN when neither is set. */
  @property() locale?: string;

  /** Large-text mode (适老化), also switched on by the provider. */
  @property({ type: Boolean, attribute: 'large-text' }) largeText = false;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  readonly #card = new IdCardReading(this);

  /** The view's controller: the proxy's rules, without a DOM. */
  readonly controller = new ProxyFormController();
  readonly #state = new ObservableController<ProxyFormState>(this, this.controller.state$, this.controller.state);
  /** Every proxy this element announced: the host's echo of any of them is no news. */
  readonly #announced = new WeakSet<ApplicantProxy>();

  /** What the form shows now. */
  get state(): ProxyFormState {
    return this.#state.value;
  }

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.controller.configure({ locale: this.#locale, ...(this.now ? { now: this.now } : {}) });
    const echo = this.proxy !== undefined && this.#announced.has(this.proxy);
    if (changed.has('proxy') && this.proxy !== this.state.proxy && !echo) this.controller.load(this.proxy);
    this.#state.value = this.controller.state;
  }

  #changed(apply: () => void): void {
    const before = this.state.proxy;
    apply();
    const { proxy } = this.state;
    if (proxy === before) return;
    if (proxy) this.#announced.add(proxy);
    this.dispatchEvent(new ProxyChangeEvent({ proxy }));
  }

  #readCard(): void {
    void this.#card.read(this.reader, (card) => this.#changed(() => this.controller.fillFromCard(card)));
  }

  override render(): TemplateResult {
    const locale = this.#locale;
    const lang = locale === 'en-US' ? 'en' : 'zh';
    const large = this.largeText || this._config?.largeText === true;
    const { fields, lapsed } = this.state;
    const attorney = fields.authorisationKind === 'power-of-attorney';
    return html`<form
      class="root ${large ? 'large' : ''}"
      part="base"
      lang=${locale}
      aria-labelledby="proxy-title"
      @submit=${this.#submit}
    >
      <div class="bar">
        <h2 id="proxy-title">${msg(locale, 'proxy.title')}</h2>
        ${this.#card.button(locale, this.reader, 'proxy.readCard', () => this.#readCard())}
      </div>
      ${this.#card.problem(locale)}
      <div class="grid">
        ${this.#text('name', 'proxy.name', 'off')}
        ${selectField<IdDocumentType>({
          field: 'idType',
          label: msg(locale, 'proxy.idType'),
          value: fields.idType,
          options: idTypeOptions(lang),
          onChange: (value) => this.#changed(() => this.controller.set('idType', value)),
        })}
        ${this.#text('idNumber', 'proxy.idNumber', 'off')} ${this.#text('phone', 'proxy.phone', 'off', 'tel')}
        ${this.#text('relation', 'proxy.relation', 'off')}
        ${selectField<AuthorisationKind>({
          field: 'authorisationKind',
          label: msg(locale, 'proxy.authorisation'),
          value: fields.authorisationKind,
          options: AUTHORISATION_KEYS.map((kind) => [kind, AUTHORISATION_KINDS[kind][lang]] as const),
          onChange: (value) => this.#changed(() => this.controller.set('authorisationKind', value)),
        })}
        ${this.#text('reference', 'proxy.reference', 'off')}
        ${
          attorney
            ? html`${this.#text('scope', 'proxy.scope', 'off')} ${this.#text('validUntil', 'proxy.validUntil', 'off')}
                <p class="hint wide">${msg(locale, 'proxy.attorneyHint')}</p>`
            : nothing
        }
      </div>
      ${lapsed ? html`<p class="problem" part="lapsed" role="alert">${lapsed}</p>` : nothing}
    </form>`;
  }

  #submit(event: Event): void {
    event.preventDefault();
    this.#changed(() => this.controller.submit());
  }

  #text(
    field: Exclude<ProxyField, 'idType' | 'authorisationKind'>,
    label: IntakeMessageKey,
    autocomplete: AutoFill,
    type: 'text' | 'tel' = 'text',
  ): TemplateResult {
    return textField({
      field,
      label: msg(this.#locale, label),
      value: this.state.fields[field],
      problem: this.state.problems[field],
      autocomplete,
      type,
      onInput: (value) => this.#changed(() => this.controller.set(field, value)),
      onBlur: () => this.controller.touch(field),
    });
  }
}
