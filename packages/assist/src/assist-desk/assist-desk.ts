import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import { BehaviorSubject, of, switchMap } from 'rxjs';
import {
  AUTHORISATION_KINDS,
  CONTACT_WAYS,
  HELP_KINDS,
  ID_DOCUMENT_TYPES,
  LETTER_WAYS,
  SPECIAL_GROUPS,
  SUPPORT_NEEDS,
  VISIT_STATUSES,
  toChinaDateTime,
  type AssistVisit,
  type IdDocumentType,
} from '@yichuang/core';
import type { SignaturePad } from '@yichuang/devices';
import type { WorkstationStore } from '@yichuang/store';
import {
  ObservableController,
  configContext,
  deskFeedback,
  resolveLocale,
  type CatalogSource,
  type Locale,
  type YcConfig,
  localName,
  workplaceOf,
} from '@yichuang/ui';
import { msg } from '../i18n/messages.js';
import {
  AssistDeskController,
  type AssistForm,
  type AssistHall,
  type AssistState,
  type HandOff,
  type LedgerRow,
} from './controller.js';
import { AssistHandOffEvent } from './assist-hand-off-event.js';
import { assistDeskStyles } from './styles.js';

/**
 * The helper desk (帮办代办): the helper registers the person served — their special groups (elderly, disabled with
 * the kind of need, pregnant …), preferred contact, whether a helper accompanies them — and, when someone acts for
 * them, the proxy with their identity and authorisation letter (scanned, or signed on the pad; a lapsed authorisation
 * is refused with the reason). Each help given is logged (guidance, assisted filling, full agency, home visit; minutes).
 * A priority ticket is issued through the queue; "take in an item" starts an intake pre-filled with the applicant and
 * the proxy, shown here when `<yc-intake>` is defined on the page, and the case records that a helper took it in. The
 * helper's ledger lists their visits, open ones first, with the cases' status as synced.
 *
 * Everything is saved in the workstation store (encrypted) and sent to the hall through the outbox: the desk works
 * offline; only a ticket needs the hall.
 *
 * Keyboard: Tab through the forms and the ledger; Escape leaves the intake for the help log.
 *
 * @tag yc-assist-desk
 * @summary The helper desk: person, proxy and letter, help log, priority ticket, hand-off to intake, ledger.
 * @fires {AssistHandOffEvent} yc-assist-hand-off - An intake draft was started for the person (pre-filled).
 * @csspart base - The wrapper of everything.
 * @csspart register - The registration form.
 * @csspart visit - The visit being served.
 * @csspart help - The help log and its form.
 * @csspart ledger - The helper's ledger.
 * @csspart intake - The intake for the person.
 * @csspart error - What went wrong, in the helper's language.
 * @csspart done - What the last step did.
 * @cssprop [--yc-color-primary=#0b57a4] - Buttons and chosen choices.
 * @cssprop [--yc-color-danger=#b42318] - Problems.
 * @cssprop [--yc-font-size=16px] - Base font size before the large-text scale.
 * @cssprop [--yc-font-scale=1] - Font scale; large-text mode sets 1.375.
 */
export class AssistDesk extends LitElement {
  static override styles = assistDeskStyles;

  /** The workstation's store, unlocked for the helper; the provider's workplace when not set. */
  @property({ attribute: false }) store?: WorkstationStore;

  /** The hall, for priority tickets; the provider's workplace when not set. */
  @property({ attribute: false }) client?: AssistHall;

  /** The item catalog, for the intake; the provider's when not set. */
  @property({ attribute: false }) catalog?: CatalogSource;

  /** The hall's code; the workplace's when not set. */
  @property() hall = '';

  /** The helper desk's window code; the workplace's when not set. */
  @property() window = '';

  /** The helper signed in (a clerk's user name); the workplace's when not set. */
  @property() helper = '';

  /** The hall's name, for the intake's documents. */
  @property({ attribute: 'hall-name' }) hallName = '';

  /** The window's signature pad, on which a proxy signs the letter; without one, the letter is scanned or chosen. */
  @property({ attribute: false }) signaturePad?: SignaturePad;

  /** The queue category of priority tickets; when not set, the first the window calls (else the hall's first). */
  @property() category?: string;

  /** Training mode: the intake marks its documents. */
  @property({ type: Boolean }) training = false;

  /** UI language (`zh-CN`, `en-US`). Overrides the provider's; zh-CN when neither is set. */
  @property() locale?: string;

  /** Large-text mode (适老化), also switched on by the provider. */
  @property({ type: Boolean, attribute: 'large-text' }) largeText = false;

  /** The clock; the system's by default (stories and tests pin it). */
  @property({ attribute: false }) now?: () => Date;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  /** The intake opened for the person, while it is under way. */
  @state() private _handOff?: HandOff;

  readonly #controllers = new BehaviorSubject<AssistDeskController | undefined>(undefined);
  readonly #state = new ObservableController<AssistState | undefined>(
    this,
    this.#controllers.pipe(switchMap((controller) => (controller ? controller.state$ : of(undefined)))),
    undefined,
  );
  #shownVisit?: string;

  /** The desk's controller, once the store, hall code, window and helper are known. */
  get controller(): AssistDeskController | undefined {
    return this.#controllers.value;
  }

  /** What the desk shows now (`undefined` before the controller exists). */
  get state(): AssistState | undefined {
    return this.#state.value;
  }

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  /** Where the desk works: what it was given, else the signed-in helper's of the nearest `<yc-provider>`. */
  get #workplace() {
    const { store, client, hall, window, helper } = this;
    const place = workplaceOf({ store, client, hall, window, clerk: helper }, this._config);
    return { ...place, helper: place.clerk };
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
    const keys = ['store', 'client', 'hall', 'window', 'helper', 'category', 'locale', 'now', '_config'];
    if (keys.some((key) => changed.has(key as keyof AssistDesk))) this.#makeController();
  }

  /** What the controller was made from: a new one only when one of these changes. */
  #made?: { store: unknown; client: unknown; key: string };

  #makeController(): void {
    const { store, client, hall, window, helper } = this.#workplace;
    const key = [hall, window, helper, this.category, this.#locale, this.now].join('|');
    const made = this.#made;
    if (this.controller && made && made.store === store && made.client === client && made.key === key) return;
    this.controller?.stop();
    const next =
      store && hall && window && helper
        ? new AssistDeskController({
            store,
            hallCode: hall,
            window,
            helper,
            locale: this.#locale,
            ...(client ? { hall: client } : {}),
            ...(this.category ? { category: this.category } : {}),
            ...(this.now ? { now: this.now } : {}),
          })
        : undefined;
    this.#made = { store, client, key };
    if (next && this.isConnected) next.start();
    this.#controllers.next(next);
  }

  protected override updated(): void {
    // Registering, opening a visit or going back moves the focus to the new view's heading.
    const shown = this._handOff ? `intake:${this._handOff.caseId}` : (this.state?.visit?.id ?? '');
    if (shown === this.#shownVisit) return;
    const first = this.#shownVisit === undefined;
    this.#shownVisit = shown;
    if (!first) this.renderRoot.querySelector<HTMLElement>('.panel h3')?.focus();
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this._handOff) {
      event.preventDefault();
      this._handOff = undefined;
    }
  }

  /** Runs a step, then puts the focus where the helper reads the outcome. */
  async #step(run: () => Promise<unknown>): Promise<void> {
    await run();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(this.state?.error ? '[part~="error"]' : '[part~="done"]')?.focus();
  }

  async #handOff(): Promise<void> {
    const handOff = await this.controller?.handOff();
    if (handOff) {
      this.dispatchEvent(new AssistHandOffEvent(handOff));
      if (customElements.get('yc-intake')) {
        this._handOff = handOff;
        return;
      }
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(this.state?.error ? '[part~="error"]' : '[part~="done"]')?.focus();
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
      <h2 id="title" tabindex="-1">${msg(locale, 'assist.title')}</h2>
      ${
        !state
          ? html`<p>${msg(locale, 'assist.noStore')}</p>`
          : html`<div class="columns ${this._handOff ? 'single' : ''}">
              <div class="panel">
                ${
                  this._handOff
                    ? this.#renderIntake(this._handOff)
                    : state.visit
                      ? this.#renderVisit(state, state.visit)
                      : this.#renderRegister(state)
                }
              </div>
              <div class="panel">${this.#renderLedger(state)}</div>
            </div>`
      }
    </section>`;
  }

  #renderRegister(state: AssistState): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    const form = state.form;
    const edit = (patch: Partial<AssistForm>) => controller.edit(patch);
    const value = (event: Event) => (event.target as HTMLInputElement).value;
    const idTypes = (name: string, current: IdDocumentType, set: (idType: IdDocumentType) => void) =>
      html`<select name=${name} @change=${(event: Event) => set(value(event) as IdDocumentType)}>
        ${Object.entries(ID_DOCUMENT_TYPES).map(
          ([key, named]) =>
            html`<option value=${key} ?selected=${current === key}>${localName(named, locale)}</option>`,
        )}
      </select>`;
    return html`<form
      part="register"
      novalidate
      aria-labelledby="register-title"
      @submit=${(event: Event) => {
        event.preventDefault();
        void this.#step(() => controller.register());
      }}
    >
      <h3 id="register-title" tabindex="-1">${msg(locale, 'assist.register.title')}</h3>
      ${deskFeedback(state)}
      <fieldset class="group">
        <legend>${msg(locale, 'assist.person.legend')}</legend>
        <div class="fields">
          <label class="field"
            >${msg(locale, 'assist.person.name')}<input
              name="name"
              autocomplete="off"
              maxlength="50"
              .value=${live(form.name)}
              @input=${(event: Event) => edit({ name: value(event) })}
          /></label>
          <label class="field"
            >${msg(locale, 'assist.person.idType')}${idTypes('idType', form.idType, (idType) => edit({ idType }))}</label
          >
          <label class="field"
            >${msg(locale, 'assist.person.idNumber')}<input
              name="idNumber"
              autocomplete="off"
              spellcheck="false"
              maxlength="40"
              .value=${live(form.idNumber)}
              @input=${(event: Event) => edit({ idNumber: value(event) })}
          /></label>
          <label class="field"
            >${msg(locale, 'assist.person.phone')}<input
              name="phone"
              type="tel"
              autocomplete="off"
              maxlength="20"
              .value=${live(form.phone)}
              @input=${(event: Event) => edit({ phone: value(event) })}
          /></label>
        </div>
        <fieldset>
          <legend>${msg(locale, 'assist.groups.legend')}</legend>
          <div class="choices">
            ${Object.entries(SPECIAL_GROUPS).map(
              ([key, named]) =>
                html`<label class="choice"
                  ><input
                    type="checkbox"
                    name="groups"
                    value=${key}
                    .checked=${live(form.groups.includes(key as never))}
                    @change=${(event: Event) => {
                      const on = (event.target as HTMLInputElement).checked;
                      const groups = form.groups.filter((g) => g !== key);
                      edit({ groups: on ? [...groups, key as (typeof groups)[number]] : groups });
                    }}
                  /><span>${localName(named, locale)}</span></label
                >`,
            )}
          </div>
        </fieldset>
        <div class="fields">
          ${
            form.groups.includes('disabled')
              ? html`<label class="field"
                  >${msg(locale, 'assist.need.label')}<select
                    name="need"
                    @change=${(event: Event) => edit({ need: value(event) as AssistForm['need'] })}
                  >
                    <option value="" ?selected=${form.need === ''}>${msg(locale, 'assist.need.none')}</option>
                    ${Object.entries(SUPPORT_NEEDS).map(
                      ([key, named]) =>
                        html`<option value=${key} ?selected=${form.need === key}>${localName(named, locale)}</option>`,
                    )}
                  </select></label
                >`
              : nothing
          }
          <label class="field"
            >${msg(locale, 'assist.contact.label')}<select
              name="contact"
              @change=${(event: Event) => edit({ contact: value(event) as AssistForm['contact'] })}
            >
              ${Object.entries(CONTACT_WAYS).map(
                ([key, named]) =>
                  html`<option value=${key} ?selected=${form.contact === key}>${localName(named, locale)}</option>`,
              )}
            </select></label
          >
        </div>
        <div class="choices">
          <label class="choice"
            ><input
              type="checkbox"
              name="accompanied"
              .checked=${live(form.accompanied)}
              @change=${(event: Event) => edit({ accompanied: (event.target as HTMLInputElement).checked })}
            /><span>${msg(locale, 'assist.accompanied')}</span></label
          >
          <label class="choice"
            ><input
              type="checkbox"
              name="proxyWanted"
              .checked=${live(form.proxyWanted)}
              @change=${(event: Event) => edit({ proxyWanted: (event.target as HTMLInputElement).checked })}
            /><span>${msg(locale, 'assist.proxy.wanted')}</span></label
          >
        </div>
      </fieldset>
      ${form.proxyWanted ? this.#renderProxy(state, idTypes) : nothing}
      <div class="buttons">
        <button type="submit" class="primary" ?disabled=${state.busy}>${msg(locale, 'assist.register.submit')}</button>
      </div>
    </form>`;
  }

  #renderProxy(
    state: AssistState,
    idTypes: (name: string, current: IdDocumentType, set: (idType: IdDocumentType) => void) => TemplateResult,
  ): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    const form = state.form;
    const edit = (patch: Partial<AssistForm>) => controller.edit(patch);
    const value = (event: Event) => (event.target as HTMLInputElement).value;
    return html`<fieldset class="group">
      <legend>${msg(locale, 'assist.proxy.legend')}</legend>
      <div class="fields">
        <label class="field"
          >${msg(locale, 'assist.proxy.name')}<input
            name="proxyName"
            autocomplete="off"
            maxlength="50"
            .value=${live(form.proxyName)}
            @input=${(event: Event) => edit({ proxyName: value(event) })}
        /></label>
        <label class="field"
          >${msg(locale, 'assist.proxy.idType')}${idTypes('proxyIdType', form.proxyIdType, (proxyIdType) =>
            edit({ proxyIdType }),
          )}</label
        >
        <label class="field"
          >${msg(locale, 'assist.proxy.idNumber')}<input
            name="proxyIdNumber"
            autocomplete="off"
            spellcheck="false"
            maxlength="40"
            .value=${live(form.proxyIdNumber)}
            @input=${(event: Event) => edit({ proxyIdNumber: value(event) })}
        /></label>
        <label class="field"
          >${msg(locale, 'assist.proxy.phone')}<input
            name="proxyPhone"
            type="tel"
            autocomplete="off"
            maxlength="20"
            .value=${live(form.proxyPhone)}
            @input=${(event: Event) => edit({ proxyPhone: value(event) })}
        /></label>
        <label class="field"
          >${msg(locale, 'assist.proxy.relation')}<input
            name="proxyRelation"
            maxlength="50"
            .value=${live(form.proxyRelation)}
            @input=${(event: Event) => edit({ proxyRelation: value(event) })}
        /></label>
        <label class="field"
          >${msg(locale, 'assist.proxy.kind')}<select
            name="authorisation"
            @change=${(event: Event) => edit({ authorisation: value(event) as AssistForm['authorisation'] })}
          >
            ${Object.entries(AUTHORISATION_KINDS).map(
              ([key, named]) =>
                html`<option value=${key} ?selected=${form.authorisation === key}>${localName(named, locale)}</option>`,
            )}
          </select></label
        >
        <label class="field"
          >${msg(locale, 'assist.proxy.scope')}<input
            name="scope"
            maxlength="200"
            .value=${live(form.scope)}
            @input=${(event: Event) => edit({ scope: value(event) })}
        /></label>
        <label class="field"
          >${msg(locale, 'assist.proxy.validUntil')}<input
            name="validUntil"
            type="date"
            .value=${live(form.validUntil)}
            @input=${(event: Event) => edit({ validUntil: value(event) })}
        /></label>
      </div>
      <fieldset>
        <legend>${msg(locale, 'assist.letter.legend')}</legend>
        <div class="choices">
          ${Object.entries(LETTER_WAYS).map(
            ([key, named]) =>
              html`<label class="choice"
                ><input
                  type="radio"
                  name="letterWay"
                  value=${key}
                  .checked=${live(form.letterWay === key)}
                  @change=${() => edit({ letterWay: key as AssistForm['letterWay'] })}
                /><span>${localName(named, locale)}</span></label
              >`,
          )}
        </div>
      </fieldset>
      <div class="buttons">
        ${
          form.letterWay === 'scan' && this._config?.documentCamera
            ? html`<button
                type="button"
                ?disabled=${state.busy}
                @click=${() => void this.#step(() => controller.captureLetter(this._config!.documentCamera!, 'scan'))}
              >
                ${msg(locale, 'assist.letter.scan')}
              </button>`
            : nothing
        }
        ${
          form.letterWay === 'pad' && this.signaturePad
            ? html`<button
                type="button"
                ?disabled=${state.busy}
                @click=${() => void this.#step(() => controller.captureLetter(this.signaturePad!, 'pad'))}
              >
                ${msg(locale, 'assist.letter.sign')}
              </button>`
            : nothing
        }
      </div>
      <div class="fields">
        <label class="field"
          >${msg(locale, 'assist.letter.file')}<input
            name="letter"
            type="file"
            accept="image/*,application/pdf"
            @change=${(event: Event) => {
              const input = event.target as HTMLInputElement;
              const file = input.files?.[0];
              if (file) void this.#step(() => controller.addLetterFile(file));
              input.value = '';
            }}
        /></label>
      </div>
      <p class="hint" role="status">
        ${
          form.letterFiles.length > 0
            ? msg(locale, 'assist.letter.count', { count: form.letterFiles.length })
            : msg(locale, 'assist.letter.none')
        }
      </p>
    </fieldset>`;
  }

  #renderVisit(state: AssistState, visit: AssistVisit): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    const served = visit.served;
    const groups = served.person.specialGroups ?? [];
    const proxy = visit.proxy;
    const open = visit.status === 'open';
    return html`<div part="visit" class="detail">
      <h3 tabindex="-1">${msg(locale, 'assist.visit.title', { name: served.person.name })}</h3>
      <dl>
        <dt>${msg(locale, 'assist.visit.groups')}</dt>
        <dd>
          ${
            groups.length > 0
              ? groups.map((g) => localName(SPECIAL_GROUPS[g], locale)).join(locale === 'en-US' ? ', ' : '、')
              : msg(locale, 'assist.visit.noGroups')
          }
        </dd>
        ${
          served.need
            ? html`<dt>${msg(locale, 'assist.visit.need')}</dt>
                <dd>${localName(SUPPORT_NEEDS[served.need], locale)}</dd>`
            : nothing
        }
        <dt>${msg(locale, 'assist.visit.contact')}</dt>
        <dd>${localName(CONTACT_WAYS[served.contact], locale)}</dd>
        <dt>${msg(locale, 'assist.visit.accompanied')}</dt>
        <dd>${msg(locale, served.accompanied ? 'assist.visit.accompaniedYes' : 'assist.visit.accompaniedNo')}</dd>
        ${
          proxy
            ? html`<dt>${msg(locale, 'assist.visit.proxy')}</dt>
                <dd>
                  ${msg(locale, 'assist.visit.proxyLine', {
                    name: proxy.name,
                    relation: proxy.relation,
                    kind: localName(AUTHORISATION_KINDS[proxy.authorisation.kind], locale),
                    until: proxy.authorisation.validUntil
                      ? msg(locale, 'assist.visit.until', { date: proxy.authorisation.validUntil })
                      : '',
                  })}
                </dd>`
            : nothing
        }
        ${
          state.ticketNumber
            ? html`<dt>${msg(locale, 'assist.visit.ticket')}</dt>
                <dd class="ticket">${state.ticketNumber}</dd>`
            : nothing
        }
        <dt>${msg(locale, 'assist.visit.status')}</dt>
        <dd>${localName(VISIT_STATUSES[visit.status], locale)}</dd>
      </dl>
      ${deskFeedback(state)} ${this.#renderHelp(state, visit)}
      <h4>${msg(locale, 'assist.actions.title')}</h4>
      <div class="buttons">
        ${
          open
            ? html`<button type="button" class="primary" ?disabled=${state.busy} @click=${() => void this.#handOff()}>
                  ${msg(locale, 'assist.handoff')}
                </button>
                <button
                  type="button"
                  ?disabled=${state.busy}
                  @click=${() => void this.#step(() => controller.issueTicket())}
                >
                  ${msg(locale, 'assist.ticket.issue')}
                </button>
                <button type="button" ?disabled=${state.busy} @click=${() => void this.#step(() => controller.close())}>
                  ${msg(locale, 'assist.close')}
                </button>`
            : nothing
        }
        <button type="button" @click=${() => controller.newVisit()}>${msg(locale, 'assist.new')}</button>
      </div>
    </div>`;
  }

  #renderHelp(state: AssistState, visit: AssistVisit): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    const help = state.help;
    const value = (event: Event) => (event.target as HTMLInputElement).value;
    const total = visit.help.reduce((sum, entry) => sum + entry.minutes, 0);
    return html`<section part="help" aria-labelledby="help-title" class="panel">
      <h4 id="help-title">${msg(locale, 'assist.help.title')}</h4>
      ${
        visit.help.length === 0
          ? html`<p class="muted">${msg(locale, 'assist.help.empty')}</p>`
          : html`<ol class="help">
                ${visit.help.map(
                  (entry) =>
                    html`<li>
                      ${msg(locale, 'assist.help.line', {
                        time: toChinaDateTime(entry.at),
                        kind: localName(HELP_KINDS[entry.kind], locale),
                        minutes: entry.minutes,
                      })}${entry.note ? html` — ${entry.note}` : nothing}
                    </li>`,
                )}
              </ol>
              <p class="summary">${msg(locale, 'assist.help.total', { minutes: total })}</p>`
      }
      ${
        visit.status === 'open'
          ? html`<form
              novalidate
              aria-labelledby="help-title"
              @submit=${(event: Event) => {
                event.preventDefault();
                void this.#step(() => controller.logHelp());
              }}
            >
              <div class="fields">
                <label class="field"
                  >${msg(locale, 'assist.help.kind')}<select
                    name="helpKind"
                    @change=${(event: Event) => controller.editHelp({ kind: value(event) as typeof help.kind })}
                  >
                    ${Object.entries(HELP_KINDS).map(
                      ([key, named]) =>
                        html`<option value=${key} ?selected=${help.kind === key}>${localName(named, locale)}</option>`,
                    )}
                  </select></label
                >
                <label class="field"
                  >${msg(locale, 'assist.help.minutes')}<input
                    name="minutes"
                    type="number"
                    min="1"
                    max="600"
                    inputmode="numeric"
                    .value=${live(help.minutes)}
                    @input=${(event: Event) => controller.editHelp({ minutes: value(event) })}
                /></label>
                <label class="field"
                  >${msg(locale, 'assist.help.note')}<input
                    name="note"
                    maxlength="200"
                    .value=${live(help.note)}
                    @input=${(event: Event) => controller.editHelp({ note: value(event) })}
                /></label>
              </div>
              <div class="buttons">
                <button type="submit" ?disabled=${state.busy}>${msg(locale, 'assist.help.submit')}</button>
              </div>
            </form>`
          : nothing
      }
    </section>`;
  }

  #renderIntake(handOff: HandOff): TemplateResult {
    const locale = this.#locale;
    const { store, client, hall, window, helper } = this.#workplace;
    return html`<div part="intake" class="panel">
      <h3 tabindex="-1">${msg(locale, 'assist.intake.title')}</h3>
      <div class="buttons">
        <button type="button" @click=${() => (this._handOff = undefined)}>${msg(locale, 'assist.intake.back')}</button>
      </div>
      <yc-intake
        .store=${store}
        .catalog=${this.catalog ?? this._config?.catalog}
        .client=${client}
        hall=${hall}
        window=${window}
        clerk=${helper}
        draft-id=${handOff.draftId}
        hall-name=${this.hallName}
        ?training=${this.training}
        @yc-intake-complete=${() => (this._handOff = undefined)}
      ></yc-intake>
    </div>`;
  }

  #renderLedger(state: AssistState): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    return html`<section part="ledger" aria-labelledby="ledger-title" class="panel">
      <h3 id="ledger-title">${msg(locale, 'assist.ledger.title')}</h3>
      ${
        state.ledger.length === 0
          ? html`<p class="muted">${msg(locale, 'assist.ledger.empty')}</p>`
          : html`<div class="table-wrap">
              <table>
                <caption>
                  ${msg(locale, 'assist.ledger.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${msg(locale, 'assist.ledger.person')}</th>
                    <th scope="col">${msg(locale, 'assist.ledger.help')}</th>
                    <th scope="col">${msg(locale, 'assist.ledger.cases')}</th>
                    <th scope="col">${msg(locale, 'assist.ledger.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${repeat(
                    state.ledger,
                    (row) => row.visit.id,
                    (row) => this.#renderLedgerRow(row, controller),
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
  }

  #renderLedgerRow(row: LedgerRow, controller: AssistDeskController): TemplateResult {
    const locale = this.#locale;
    const name = row.visit.served.person.name;
    return html`<tr class=${row.open ? 'open' : ''} data-visit=${row.visit.id}>
      <td>
        <button
          type="button"
          aria-label=${msg(locale, 'assist.ledger.openLabel', { name })}
          @click=${() => {
            this._handOff = undefined;
            controller.open(row.visit.id);
          }}
        >
          ${name}
        </button>
      </td>
      <td class="number">${msg(locale, 'assist.ledger.minutes', { minutes: row.minutes })}</td>
      <td>
        ${
          row.cases.length === 0
            ? msg(locale, 'assist.ledger.noCases')
            : html`<ul class="cases">
                ${row.cases.map(
                  (c) => html`<li data-case=${c.id}>${c.number ? html`${c.number} · ` : nothing}${c.statusLabel}</li>`,
                )}
              </ul>`
        }
      </td>
      <td>${localName(VISIT_STATUSES[row.visit.status], locale)}</td>
    </tr>`;
  }
}
