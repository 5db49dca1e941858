import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { consume } from '@lit/context';
import { BehaviorSubject, of, switchMap } from 'rxjs';
import { CASE_STATUS_LABELS, licenceHolderId, type WorkingDayCalendar } from '@yichuang/core';
import type { DocumentPrinter, IdCardReader, SignaturePad } from '@yichuang/devices';
import type { WorkstationStore } from '@yichuang/store';
import {
  ObservableController,
  configContext,
  resolveLocale,
  token,
  type CatalogSource,
  type ItemSelectEvent,
  type Locale,
  type YcConfig,
  workplaceOf,
} from '@yichuang/ui';
import { explain } from '../i18n/explain.js';
import { msg } from '../i18n/messages.js';
import { formStyles, intakeStyles } from '../shared-styles.js';
import type { ApplicantChangeEvent } from '../applicant-form/applicant-change-event.js';
import type { ProxyChangeEvent } from '../proxy-form/proxy-change-event.js';
import type { IntakeDecideEvent } from '../intake-decision/intake-decide-event.js';
import type { MaterialsChangeEvent } from '../material-checklist/materials-change-event.js';
import type { ItemFormChangeEvent } from '../item-form/item-form-change-event.js';
import type { LicenceSource } from '../material-checklist/controller.js';
import { INTAKE_STEPS, IntakeFlowController, type IntakeFlowState, type IntakeStep } from './controller.js';
import { IntakeCompleteEvent } from './intake-complete-event.js';

/**
 * The whole intake at a comprehensive window (综合窗口受理), in four steps: the items (one, several, or a bundle
 * 一件事 with its merged material list), the applicant (typed or read from the ID card), the materials, and the
 * decision. The applicant step also takes a proxy (代理人) with their authorisation when one applies. Every step is kept in an encrypted draft in the workstation store as it is typed: a reload, a crash or
 * another window of the browser never loses it (`draft-id` resumes it), and no network is needed from start to the
 * saved case, which the outbox sends to the hall later, and its documents printed (`<yc-case-documents>`). The steps
 * are the package's elements, the rules the core's.
 *
 * Keyboard: the step buttons at the top go back to any step done; each step ends with its "next" button.
 *
 * @tag yc-intake
 * @summary The comprehensive window's intake, from item to decision, kept in a draft through reloads.
 * @fires {IntakeCompleteEvent} yc-intake-complete - The decided case is saved (numbered, queued for the hall).
 * @csspart base - The wrapper of everything.
 * @csspart steps - The step buttons.
 * @csspart chosen - The items chosen.
 * @csspart proxy-wanted - The choice that a proxy (代理人) applies for the applicant.
 * @csspart next - The button to the next step.
 * @csspart done - The summary of the saved case (its documents follow, to print).
 * @csspart error - Why the intake cannot go on.
 * @cssprop [--yc-color-primary=#0b57a4] - The current step and the buttons.
 * @cssprop [--yc-font-size=16px] - Base font size before the large-text scale.
 * @cssprop [--yc-font-scale=1] - Font scale; large-text mode sets 1.375.
 */
export class Intake extends LitElement {
  static override styles = [
    intakeStyles,
    formStyles,
    css`
      nav ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: ${token('--yc-space')};
      }
      nav button {
        font: inherit;
        min-height: max(44px, 2.5em);
        padding: 0.25em 1em;
        border: 2px solid ${token('--yc-color-border')};
        border-radius: ${token('--yc-radius')};
        background: ${token('--yc-color-surface')};
        color: inherit;
        cursor: pointer;
      }
      nav button[aria-current='step'] {
        border-color: ${token('--yc-color-primary')};
        background: ${token('--yc-color-primary')};
        color: ${token('--yc-color-on-primary')};
        font-weight: 700;
      }
      nav button:disabled {
        border-style: dashed;
        color: ${token('--yc-color-text-muted')};
        cursor: not-allowed;
      }
      .chosen {
        margin: 0;
        padding: 0;
        list-style: none;
        display: flex;
        flex-direction: column;
        gap: 0.25em;
      }
      .chosen li {
        display: flex;
        align-items: center;
        gap: ${token('--yc-space')};
      }
      .chosen button,
      button.link {
        font: inherit;
        min-height: 44px;
        padding: 0 0.75em;
        border: 1px solid ${token('--yc-color-border')};
        border-radius: ${token('--yc-radius')};
        background: ${token('--yc-color-surface')};
        color: inherit;
        cursor: pointer;
      }
      .root > yc-applicant-form,
      .root > yc-proxy-form,
      .root > yc-material-checklist,
      .root > yc-item-form,
      .root > yc-intake-decision,
      .root > yc-case-documents {
        margin: 0 calc(${token('--yc-space')} * -2);
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 0.25em calc(${token('--yc-space')} * 2);
        margin: 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
    `,
  ];

  /**
   * The workstation's store, unlocked for the clerk: the draft and the saved case live there. This and the hall code,
   * window and clerk below are, when not set, those of the person signed in inside the nearest `<yc-provider>`.
   */
  @property({ attribute: false }) store?: WorkstationStore;

  /** Hall code, e.g. `TJHP01`. */
  @property() hall = '';

  /** Window code, e.g. `03`. */
  @property() window = '';

  /** The clerk's id: responsible for the case (首问负责). */
  @property() clerk = '';

  /** The queue ticket called to the window (its id), recorded on the case. */
  @property({ attribute: 'ticket-id' }) ticketId?: string;

  /** A draft to resume (after a reload); a new intake when absent. */
  @property({ attribute: 'draft-id' }) draftId?: string;

  /** The item catalog for the picker; the provider's when not set. */
  @property({ attribute: false }) catalog?: CatalogSource;

  /** The hall's name, printed on top of the case's documents. */
  @property({ attribute: 'hall-name' }) hallName = '';

  /** The window's name as printed on the documents; its code when empty. */
  @property({ attribute: 'window-name' }) windowName = '';

  /** The clerk's name as printed on the documents; the clerk id when empty. */
  @property({ attribute: 'clerk-name' }) clerkName = '';

  /** Training (练习模式, a hall on one PC with demo data): the documents are printed marked void. */
  @property({ type: Boolean }) training = false;

  /** Where a case's status page is (the case id is appended), for the documents' QR codes. */
  @property({ attribute: 'status-base' }) statusBase = '';

  /** The window's A4 printer; the browser's own printing when not set. */
  @property({ attribute: false }) printer?: DocumentPrinter;

  /** The window's hardware signature pad, if it has one (the screen's pad otherwise). */
  @property({ attribute: false }) signaturePad?: SignaturePad;

  /** Where the applicant's e-licences are looked up: the window's hall client. No look-up without it. */
  @property({ attribute: false }) licences?: LicenceSource;

  /** The window's ID-card reader. */
  @property({ attribute: false }) reader?: IdCardReader;

  /** The hall's working-day calendar for promised dates. */
  @property({ attribute: false }) calendar?: WorkingDayCalendar;

  /** The window's clock. */
  @property({ attribute: false }) now?: () => Date;

  /** UI language (`zh-CN`, `en-US`). Overrides the provider's; zh-CN when neither is set. */
  @property() locale?: string;

  /** Large-text mode (适老化), also switched on by the provider. */
  @property({ type: Boolean, attribute: 'large-text' }) largeText = false;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  readonly #controllers = new BehaviorSubject<IntakeFlowController | undefined>(undefined);
  readonly #state = new ObservableController<IntakeFlowState | undefined>(
    this,
    this.#controllers.pipe(switchMap((controller) => (controller ? controller.state$ : of(undefined)))),
    undefined,
  );
  #shownStep?: IntakeStep | 'done';

  /** The intake's controller, once the store and the window are set. */
  get controller(): IntakeFlowController | undefined {
    return this.#controllers.value;
  }

  /** What the intake shows now. */
  get state(): IntakeFlowState | undefined {
    return this.#state.value;
  }

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  /**
   * Where the intake works: the store, hall code, window and clerk set on it, each else the signed-in person's of the
   * nearest `<yc-provider>` (a sign-in element inside it announced them).
   */
  get #workplace() {
    const { store, hall, window, clerk, clerkName } = this;
    return workplaceOf({ store, hall, window, clerk, clerkName }, this._config);
  }

  #worksAt?: string | undefined;
  #worksWith?: WorkstationStore | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const { store, hall, window, clerk } = this.#workplace;
    const at = `${hall}|${window}|${clerk}|${this.draftId ?? ''}`;
    if (!changed.has('draftId') && at === this.#worksAt && store === this.#worksWith) return;
    this.#worksAt = at;
    this.#worksWith = store;
    void this.controller?.close();
    const next =
      store && hall && window && clerk
        ? new IntakeFlowController({
            store,
            hall,
            window,
            clerk,
            ...(this.ticketId ? { ticketId: this.ticketId } : {}),
            ...(this.draftId ? { draftId: this.draftId } : {}),
            ...(this.calendar ? { calendar: this.calendar } : {}),
            ...(this.now ? { now: this.now } : {}),
          })
        : undefined;
    this.#controllers.next(next);
    void next?.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.controller?.close();
  }

  protected override updated(): void {
    // A new step takes the focus to its heading, so a keyboard or screen-reader user starts there.
    const state = this.state;
    const shown = state?.phase === 'done' ? 'done' : state?.phase === 'open' ? state.step : undefined;
    if (shown === undefined || shown === this.#shownStep) return;
    const first = this.#shownStep === undefined;
    this.#shownStep = shown;
    if (!first) this.renderRoot.querySelector<HTMLElement>('#step-title')?.focus();
  }

  override render(): TemplateResult {
    const locale = this.#locale;
    const large = this.largeText || this._config?.largeText === true;
    const state = this.state;
    return html`<section class="root ${large ? 'large' : ''}" part="base" lang=${locale} aria-labelledby="title">
      <h2 id="title">${msg(locale, 'intake.title')}</h2>
      ${
        !state
          ? html`<p class="muted">${msg(locale, 'intake.notReady')}</p>`
          : state.phase === 'starting'
            ? html`<p class="muted" role="status">${msg(locale, 'intake.starting')}</p>`
            : state.phase === 'failed'
              ? html`<p class="problem" part="error" role="alert">
                  ${msg(locale, 'intake.failed', { error: state.error ? explain(state.error, locale) : '' })}
                </p>`
              : state.phase === 'done'
                ? this.#renderDone(state, locale)
                : html`${this.#renderSteps(state, locale)} ${this.#renderStep(state, locale)}
                  ${
                    state.error
                      ? html`<p class="problem" part="error" role="alert">${explain(state.error, locale)}</p>`
                      : nothing
                  }`
      }
    </section>`;
  }

  #renderSteps(state: IntakeFlowState, locale: Locale): TemplateResult {
    return html`<nav part="steps" aria-label=${msg(locale, 'intake.steps')}>
      <ol>
        ${INTAKE_STEPS.map(
          (step, index) =>
            html`<li>
              <button
                type="button"
                aria-current=${state.step === step ? 'step' : 'false'}
                ?disabled=${!state.reachable[step]}
                @click=${() => this.controller?.go(step)}
              >
                ${index + 1}. ${msg(locale, `intake.step.${step}`)}
              </button>
            </li>`,
        )}
      </ol>
    </nav>`;
  }

  #renderStep(state: IntakeFlowState, locale: Locale): TemplateResult {
    const data = state.data!;
    const controller = this.controller!;
    const next = (step: IntakeStep, enabled: boolean) =>
      html`<button class="primary" part="next" type="button" ?disabled=${!enabled} @click=${() => controller.go(step)}>
        ${msg(locale, 'intake.next', { step: msg(locale, `intake.step.${step}`) })}
      </button>`;
    switch (state.step) {
      case 'items':
        return html`<h3 id="step-title" tabindex="-1" class="visually-hidden">${msg(locale, 'intake.step.items')}</h3>
          <yc-item-picker
            clear-on-select
            .catalog=${this.catalog}
            locale=${locale}
            ?large-text=${this.largeText}
            @yc-item-select=${(event: ItemSelectEvent) => {
              const pick = event.detail;
              if (pick.kind === 'bundle') controller.chooseItems(pick.items, pick.bundle.id);
              else controller.addItem(pick.item);
            }}
          ></yc-item-picker>
          ${
            data.items.length === 0
              ? html`<p class="muted">${msg(locale, 'intake.noItems')}</p>`
              : html`<p>${msg(locale, 'intake.chosen', { count: data.items.length })}</p>
                  <ul class="chosen" part="chosen">
                    ${data.items.map(
                      (item) =>
                        html`<li>
                          <span>${item.name}</span>
                          <button
                            type="button"
                            aria-label=${msg(locale, 'intake.remove', { name: item.name })}
                            @click=${() => controller.removeItem(item.id)}
                          >
                            ${msg(locale, 'intake.removeShort')}
                          </button>
                        </li>`,
                    )}
                  </ul>`
          }
          ${next('applicant', state.reachable.applicant)}`;
      case 'applicant':
        return html`<h3 id="step-title" tabindex="-1" class="visually-hidden">
            ${msg(locale, 'intake.step.applicant')}
          </h3>
          <yc-applicant-form
            clerk=${this.#workplace.clerk}
            locale=${locale}
            ?large-text=${this.largeText}
            .applicant=${data.applicant}
            .reader=${this.reader}
            .now=${this.now}
            @yc-applicant-change=${(event: ApplicantChangeEvent) => controller.setApplicant(event.detail.applicant)}
          ></yc-applicant-form>
          <label class="check" part="proxy-wanted">
            <input
              type="checkbox"
              .checked=${live(data.proxyWanted === true)}
              @change=${(event: Event) => controller.setProxyWanted((event.target as HTMLInputElement).checked)}
            />
            ${msg(locale, 'proxy.wanted')}
          </label>
          ${
            data.proxyWanted
              ? html`<yc-proxy-form
                  locale=${locale}
                  ?large-text=${this.largeText}
                  .proxy=${data.proxy}
                  .reader=${this.reader}
                  .now=${this.now}
                  @yc-proxy-change=${(event: ProxyChangeEvent) => controller.setProxy(event.detail.proxy)}
                ></yc-proxy-form>`
              : nothing
          }
          ${next('materials', state.reachable.materials)}`;
      case 'materials':
        return html`<h3 id="step-title" tabindex="-1" class="visually-hidden">
            ${msg(locale, 'intake.step.materials')}
          </h3>
          <yc-material-checklist
            locale=${locale}
            ?large-text=${this.largeText}
            .items=${data.items}
            .materials=${data.materials}
            .licences=${this.licences}
            .holderId=${licenceHolderId(data.applicant)}
            .now=${this.now}
            .store=${this.#workplace.store}
            @yc-materials-change=${(event: MaterialsChangeEvent) => controller.setMaterials(event.detail.materials)}
          ></yc-material-checklist>
          ${next('form', state.reachable.form)}`;
      case 'form':
        return html`<h3 id="step-title" tabindex="-1" class="visually-hidden">${msg(locale, 'intake.step.form')}</h3>
          <yc-item-form
            locale=${locale}
            ?large-text=${this.largeText}
            .items=${data.items}
            .form=${data.form}
            .edited=${data.formEdited ?? []}
            .prefilled=${data.formPrefilled ?? []}
            @yc-item-form-change=${(event: ItemFormChangeEvent) =>
              controller.setForm(event.detail.form, event.detail.edited)}
          ></yc-item-form>
          ${next('decision', state.reachable.decision)}`;
      case 'decision':
        return html`<h3 id="step-title" tabindex="-1" class="visually-hidden">
            ${msg(locale, 'intake.step.decision')}
          </h3>
          ${
            state.draft
              ? html`<yc-intake-decision
                  actor=${this.#workplace.clerk}
                  window=${this.#workplace.window}
                  locale=${locale}
                  ?large-text=${this.largeText}
                  .promisedDate=${state.promisedDate}
                  .now=${this.now}
                  .items=${data.items}
                  .draft=${state.draft}
                  @yc-intake-decide=${(event: IntakeDecideEvent) => void this.#complete(event)}
                ></yc-intake-decision>`
              : nothing
          }`;
    }
  }

  async #complete(event: IntakeDecideEvent): Promise<void> {
    const saved = await this.controller?.complete(event.detail.case);
    if (saved) {
      this.dispatchEvent(
        new IntakeCompleteEvent({ decision: event.detail.decision, case: saved.case, mutationId: saved.mutationId }),
      );
    }
  }

  #renderDone(state: IntakeFlowState, locale: Locale): TemplateResult {
    const saved = state.saved!.case;
    const lang = locale === 'en-US' ? 'en' : 'zh';
    return html`<div part="done" role="status">
        <h3 id="step-title" tabindex="-1">${msg(locale, 'intake.done')}</h3>
        <dl>
          <dt>${msg(locale, 'intake.caseNumber')}</dt>
          <dd>${saved.number}</dd>
          <dt>${msg(locale, 'intake.status')}</dt>
          <dd>${CASE_STATUS_LABELS[saved.status][lang]}</dd>
          ${
            saved.promisedDate
              ? html`<dt>${msg(locale, 'intake.promisedDate')}</dt>
                  <dd>${saved.promisedDate}</dd>`
              : nothing
          }
          ${
            saved.supplementDue
              ? html`<dt>${msg(locale, 'intake.supplementDue')}</dt>
                  <dd>${saved.supplementDue}</dd>`
              : nothing
          }
        </dl>
        <p class="hint">${msg(locale, 'intake.queued')}</p>
      </div>
      <yc-case-documents
        locale=${locale}
        ?large-text=${this.largeText}
        hall-name=${this.hallName}
        window-name=${this.windowName}
        clerk-name=${this.#workplace.clerkName}
        ?training=${this.training}
        status-base=${this.statusBase}
        .printer=${this.printer}
        .case=${saved}
        .items=${state.data?.items ?? []}
      ></yc-case-documents>`;
  }
}
