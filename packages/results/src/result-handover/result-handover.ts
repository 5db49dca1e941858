import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import { BehaviorSubject, of, switchMap } from 'rxjs';
import { toChinaDateTime, type Catalog } from '@yichuang/core';
import type { SignaturePad } from '@yichuang/devices';
import {
  ObservableController,
  configContext,
  deskFeedback,
  catalogOf,
  resolveLocale,
  type CatalogSource,
  type Locale,
  type YcConfig,
} from '@yichuang/ui';
import { msg } from '../i18n/messages.js';
import {
  HandoverController,
  type HandoverHall,
  type HandoverRow,
  type HandoverState,
  type HandoverStore,
} from './controller.js';
import { ResultHandedOverEvent } from './result-handed-over-event.js';
import { resultHandoverStyles } from './styles.js';

/**
 * Results at the window (综合窗口出件): every case whose result the hall recorded and that waits to be handed over,
 * the longest waiting first, with its window, items, result and way (at a window, or by post). A clerk sees those of
 * their windows; the applicant of another window's case gives its number and their identity document, which the hall
 * checks (无差别出件). Opening one shows the result and hands it over:
 * - at the window, to the applicant or the proxy whose identity document matches the case's (the number is compared,
 *   never kept), signed on the window's signature pad or on the paper receipt;
 * - or, for a case that chose post, recording the carrier and the tracking number.
 * Every step goes through the core (`handOver`) into the case's audit, saved in the workstation store and synced.
 *
 * Keyboard: Tab through the list and the forms; Enter or Space opens a result; Escape goes back to the list.
 *
 * @tag yc-result-handover
 * @summary The results ready to hand over, handed over at any window or posted.
 * @fires {ResultHandedOverEvent} yc-result-handed-over - A result was handed over or posted (saved).
 * @csspart base - The wrapper of everything.
 * @csspart summary - The count of results waiting.
 * @csspart list - The table of results.
 * @csspart row - One result of the list.
 * @csspart find - The look-up of a case of another window.
 * @csspart detail - The result opened.
 * @csspart handover - The hand-over form (at the window, or the posting).
 * @csspart error - What went wrong, in the clerk's language.
 * @csspart done - What the last step did.
 * @cssprop [--yc-color-primary=#0b57a4] - Buttons and chosen choices.
 * @cssprop [--yc-color-danger=#b42318] - Problems.
 * @cssprop [--yc-font-size=16px] - Base font size before the large-text scale.
 * @cssprop [--yc-font-scale=1] - Font scale; large-text mode sets 1.375.
 */
export class ResultHandover extends LitElement {
  static override styles = resultHandoverStyles;

  /** The hall, logged in as a clerk (or a manager). */
  @property({ attribute: false }) client?: HandoverHall;

  /** The workstation's store, unlocked for the person: hand-overs are saved through it. */
  @property({ attribute: false }) store?: HandoverStore;

  /** The item catalog, for item names; the provider's when not set. */
  @property({ attribute: false }) catalog?: CatalogSource;

  /** The window's signature pad; without one, receivers sign the paper receipt. */
  @property({ attribute: false }) signaturePad?: SignaturePad;

  /** This workstation's window code, for a person whose session names none (a manager). */
  @property() window?: string;

  /** UI language (`zh-CN`, `en-US`). Overrides the provider's; zh-CN when neither is set. */
  @property() locale?: string;

  /** Large-text mode (适老化), also switched on by the provider. */
  @property({ type: Boolean, attribute: 'large-text' }) largeText = false;

  /** The clock; the system's by default (stories and tests pin it). */
  @property({ attribute: false }) now?: () => Date;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  @state() private _catalog?: Catalog;
  @state() private _catalogError?: string;

  readonly #controllers = new BehaviorSubject<HandoverController | undefined>(undefined);
  readonly #state = new ObservableController<HandoverState | undefined>(
    this,
    this.#controllers.pipe(switchMap((controller) => (controller ? controller.state$ : of(undefined)))),
    undefined,
  );
  #shownOpened?: string;
  #catalogLoads = 0;

  /** The view's controller, once the client, store and catalog are set. */
  get controller(): HandoverController | undefined {
    return this.#controllers.value;
  }

  /** What the view shows now (`undefined` before the controller exists). */
  get state(): HandoverState | undefined {
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
    if (changed.has('catalog') || (changed.has('_config' as keyof ResultHandover) && !this.catalog)) {
      void this.#loadCatalog(this.catalog ?? this._config?.catalog);
    }
    const keys = ['client', 'store', '_catalog', 'signaturePad', 'window', 'locale', 'now'];
    if (keys.some((key) => changed.has(key as keyof ResultHandover))) this.#makeController();
  }

  async #loadCatalog(source: CatalogSource | undefined): Promise<void> {
    const load = ++this.#catalogLoads;
    if (!source) return;
    try {
      const catalog = await catalogOf(source, { lang: this.#locale });
      if (load === this.#catalogLoads) this._catalog = catalog;
    } catch (error) {
      if (load === this.#catalogLoads) this._catalogError = (error as Error).message;
    }
  }

  #makeController(): void {
    this.controller?.stop();
    const { client, store, _catalog: catalog } = this;
    const next =
      client && store && catalog
        ? new HandoverController({
            hall: client,
            store,
            catalog,
            locale: this.#locale,
            ...(this.window ? { window: this.window } : {}),
            ...(this.signaturePad ? { signaturePad: this.signaturePad } : {}),
            ...(this.now ? { now: this.now } : {}),
          })
        : undefined;
    if (next && this.isConnected) next.start();
    this.#controllers.next(next);
  }

  protected override updated(): void {
    // Opening a result, or going back, moves the focus to the new view's heading.
    const opened = this.state?.opened;
    if (opened === this.#shownOpened) return;
    this.#shownOpened = opened;
    this.renderRoot.querySelector<HTMLElement>(opened !== undefined ? 'h3' : 'h2')?.focus();
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.state?.opened !== undefined) {
      event.preventDefault();
      this.controller?.close();
    }
  }

  /** Runs a step, then tells the host what it did and puts the focus where the clerk reads the outcome. */
  async #step(run: () => Promise<void>, handingOver = false): Promise<void> {
    const row = this.controller?.openedRow;
    await run();
    await this.updateComplete;
    const state = this.state;
    if (handingOver && state?.done && row) {
      this.dispatchEvent(
        new ResultHandedOverEvent({ caseId: row.ready.caseId, number: row.ready.number, way: row.ready.way }),
      );
    }
    this.renderRoot.querySelector<HTMLElement>(state?.error ? '[part~="error"]' : '[part~="done"]')?.focus();
  }

  #find(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
    void this.#step(() => this.controller!.claim(value('number'), value('idNumber')));
  }

  #handOver(event: Event): void {
    event.preventDefault();
    void this.#step(() => this.controller!.handOver(), true);
  }

  override render() {
    const locale = this.#locale;
    const state = this.state;
    const large = this.largeText || this._config?.largeText === true;
    const row = this.controller?.openedRow;
    return html`<section
      class="root ${large ? 'large' : ''}"
      part="base"
      lang=${locale}
      aria-labelledby="title"
      @keydown=${this.#onKeydown}
    >
      <h2 id="title" tabindex="-1">${msg(locale, 'handover.title')}</h2>
      ${
        this._catalogError
          ? html`<p class="error" role="alert">${this._catalogError}</p>`
          : !state
            ? html`<p>${msg(locale, 'handover.noClient')}</p>`
            : state.opened !== undefined && row
              ? this.#renderDetail(state, row)
              : this.#renderList(state)
      }
    </section>`;
  }

  #renderList(state: HandoverState): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    const post = state.rows.filter((r) => r.ready.way === 'post').length;
    return html`
      <div class="toolbar">
        <p class=${state.source === 'local' ? 'source local' : 'source'}>
          ${state.source === 'local' ? html`<span aria-hidden="true">⚠</span> ` : nothing}${msg(
            locale,
            state.source === 'local' ? 'handover.source.local' : 'handover.source.hall',
          )}
        </p>
        <button type="button" @click=${() => void controller.load()}>${msg(locale, 'handover.refresh')}</button>
      </div>
      ${deskFeedback(state)}
      <div role="status" aria-live="polite">
        ${
          state.status === 'loading'
            ? html`<p>${msg(locale, 'handover.loading')}</p>`
            : state.status === 'ready'
              ? html`<p part="summary" class="summary">
                  ${
                    state.rows.length === 0
                      ? msg(locale, 'handover.empty')
                      : msg(locale, 'handover.summary', {
                          count: state.rows.length,
                          window: state.rows.length - post,
                          post,
                        })
                  }
                </p>`
              : nothing
        }
      </div>
      ${state.rows.length > 0 ? this.#renderTable(state) : nothing}
      ${state.source === 'hall' && this.client?.session?.role === 'clerk' ? this.#renderFind(state) : nothing}
    `;
  }

  #renderTable(state: HandoverState): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    const list = (names: readonly string[]) => names.join(locale === 'en-US' ? ', ' : '、');
    return html`<div class="table-wrap">
      <table part="list">
        <caption>
          ${msg(locale, 'handover.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${msg(locale, 'handover.column.number')}</th>
            <th scope="col">${msg(locale, 'handover.column.window')}</th>
            <th scope="col">${msg(locale, 'handover.column.items')}</th>
            <th scope="col">${msg(locale, 'handover.column.result')}</th>
            <th scope="col">${msg(locale, 'handover.column.way')}</th>
            <th scope="col">${msg(locale, 'handover.column.since')}</th>
            <th scope="col">${msg(locale, 'handover.column.action')}</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            state.rows,
            (row) => row.ready.caseId,
            (row) => {
              const r = row.ready;
              return html`<tr part="row" data-case=${r.caseId}>
                <td class="number">${r.number}</td>
                <td>${msg(locale, 'handover.window', { window: r.window })}</td>
                <td>${list(row.itemNames)}</td>
                <td>${msg(locale, `handover.outcome.${r.result.outcome}`)}：${r.result.name}</td>
                <td>${msg(locale, `handover.way.${r.way}`)}</td>
                <td class="number">${toChinaDateTime(r.since)}</td>
                <td>
                  <button
                    type="button"
                    data-case=${r.caseId}
                    aria-label=${msg(locale, 'handover.openLabel', { number: r.number })}
                    @click=${() => void controller.open(r.caseId)}
                  >
                    ${msg(locale, 'handover.open')}
                  </button>
                </td>
              </tr>`;
            },
          )}
        </tbody>
      </table>
    </div>`;
  }

  #renderFind(state: HandoverState): TemplateResult {
    const locale = this.#locale;
    return html`<form part="find" @submit=${this.#find} aria-labelledby="find-title">
      <h3 id="find-title">${msg(locale, 'handover.find.title')}</h3>
      <p class="hint" id="find-hint">${msg(locale, 'handover.find.hint')}</p>
      <div class="fields">
        <label class="field"
          >${msg(locale, 'handover.find.number')}<input
            name="number"
            autocomplete="off"
            spellcheck="false"
            maxlength="40"
            aria-describedby="find-hint"
        /></label>
        <label class="field"
          >${msg(locale, 'handover.find.idNumber')}<input
            name="idNumber"
            autocomplete="off"
            spellcheck="false"
            maxlength="40"
        /></label>
        <button type="submit" class="primary" ?disabled=${state.busy}>${msg(locale, 'handover.find.submit')}</button>
      </div>
    </form>`;
  }

  #renderDetail(state: HandoverState, row: HandoverRow): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    const r = row.ready;
    return html`<div class="detail" part="detail">
      <h3 tabindex="-1">${msg(locale, 'handover.detail.title', { number: r.number })}</h3>
      <dl>
        <dt>${msg(locale, 'handover.column.items')}</dt>
        <dd>${row.itemNames.join(locale === 'en-US' ? ', ' : '、')}</dd>
        <dt>${msg(locale, 'handover.detail.result')}</dt>
        <dd>${msg(locale, `handover.outcome.${r.result.outcome}`)}：${r.result.name}</dd>
        ${
          r.result.documentNumber
            ? html`<dt>${msg(locale, 'handover.detail.documentNumber')}</dt>
                <dd>${r.result.documentNumber}</dd>`
            : nothing
        }
        <dt>${msg(locale, 'handover.detail.department')}</dt>
        <dd>${r.result.department}</dd>
        <dt>${msg(locale, 'handover.column.way')}</dt>
        <dd>${msg(locale, `handover.way.${r.way}`)}</dd>
      </dl>
      ${deskFeedback(state)}
      ${state.busy ? html`<p class="muted" role="status">${msg(locale, 'handover.busy')}</p>` : nothing}
      ${state.current ? (state.current.delivery?.way === 'post' ? this.#renderPost(state) : this.#renderWindow(state)) : nothing}
      <div class="buttons">
        <button type="button" @click=${() => controller.close()}>${msg(locale, 'handover.back')}</button>
      </div>
    </div>`;
  }

  #renderWindow(state: HandoverState): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    const form = state.form;
    const receivers: ('applicant' | 'proxy')[] = state.current?.proxy ? ['applicant', 'proxy'] : ['applicant'];
    const input = (event: Event) => (event.target as HTMLInputElement).value;
    return html`<form part="handover" @submit=${this.#handOver} aria-labelledby="window-title">
      <h4 id="window-title">${msg(locale, 'handover.window.title')}</h4>
      <fieldset>
        <legend>${msg(locale, 'handover.receiver.legend')}</legend>
        <div class="choices">
          ${receivers.map(
            (receiver) =>
              html`<label class="choice"
                ><input
                  type="radio"
                  name="receiver"
                  value=${receiver}
                  .checked=${live(form.receiver === receiver)}
                  @change=${() => controller.edit({ receiver })}
                /><span>${msg(locale, `handover.receiver.${receiver}`)}</span></label
              >`,
          )}
        </div>
      </fieldset>
      <label class="field"
        >${msg(locale, 'handover.presented.label')}<input
          name="presentedId"
          autocomplete="off"
          spellcheck="false"
          maxlength="40"
          aria-describedby="presented-hint"
          .value=${live(form.presentedId)}
          @input=${(event: Event) => controller.edit({ presentedId: input(event) })}
      /></label>
      <p class="hint" id="presented-hint">${msg(locale, 'handover.presented.hint')}</p>
      <fieldset>
        <legend>${msg(locale, 'handover.signature.legend')}</legend>
        <div class="choices">
          ${(controller.hasPad ? (['paper', 'pad'] as const) : (['paper'] as const)).map(
            (signature) =>
              html`<label class="choice"
                ><input
                  type="radio"
                  name="signature"
                  value=${signature}
                  .checked=${live(form.signature === signature)}
                  @change=${() => controller.edit({ signature })}
                /><span>${msg(locale, `handover.signature.${signature}`)}</span></label
              >`,
          )}
        </div>
      </fieldset>
      ${controller.hasPad ? nothing : html`<p class="hint">${msg(locale, 'handover.signature.noPad')}</p>`}
      ${
        form.signature === 'pad'
          ? html`<div class="buttons">
              <button
                type="button"
                ?disabled=${state.busy}
                @click=${() => void this.#step(() => controller.captureSignature())}
              >
                ${msg(locale, 'handover.signature.capture')}
              </button>
              ${
                form.image
                  ? html`<span class="muted"
                      ><span aria-hidden="true">✓</span> ${msg(locale, 'handover.signature.captured')}</span
                    >`
                  : nothing
              }
            </div>`
          : nothing
      }
      <div class="buttons">
        <button type="submit" class="primary" ?disabled=${state.busy}>${msg(locale, 'handover.window.submit')}</button>
      </div>
    </form>`;
  }

  #renderPost(state: HandoverState): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    const form = state.form;
    const input = (event: Event) => (event.target as HTMLInputElement).value;
    return html`<form part="handover" @submit=${this.#handOver} aria-labelledby="post-title">
      <h4 id="post-title">${msg(locale, 'handover.post.title')}</h4>
      <p class="hint">${msg(locale, 'handover.post.hint')}</p>
      <div class="fields">
        <label class="field"
          >${msg(locale, 'handover.post.carrier')}<input
            name="carrier"
            maxlength="40"
            .value=${live(form.carrier)}
            @input=${(event: Event) => controller.edit({ carrier: input(event) })}
        /></label>
        <label class="field"
          >${msg(locale, 'handover.post.tracking')}<input
            name="trackingNumber"
            autocomplete="off"
            spellcheck="false"
            maxlength="32"
            .value=${live(form.trackingNumber)}
            @input=${(event: Event) => controller.edit({ trackingNumber: input(event) })}
        /></label>
      </div>
      <div class="buttons">
        <button type="submit" class="primary" ?disabled=${state.busy}>${msg(locale, 'handover.post.submit')}</button>
      </div>
    </form>`;
  }
}
