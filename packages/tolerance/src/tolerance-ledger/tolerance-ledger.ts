import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import { BehaviorSubject, of, switchMap } from 'rxjs';
import { type Catalog } from '@yichuang/core';
import type { DocumentCamera, NotificationAdapter } from '@yichuang/devices';
import { COMMITMENT_FILTERS } from '@yichuang/hall-client';
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
  LedgerController,
  type LedgerHall,
  type LedgerRow,
  type LedgerState,
  type LedgerStore,
  type SupplyChoice,
} from './controller.js';
import { LedgerRecordedEvent } from './ledger-recorded-event.js';
import { toleranceLedgerStyles } from './styles.js';

/**
 * The tolerance ledger (容缺台账): every case accepted with tolerance whose tolerated materials are still awaited,
 * overdue first, with its window, items, awaited materials, deadline and state (overdue said in words and marked by a
 * sign and a bar, not by colour alone). A clerk sees the commitments of their windows, a manager the whole hall's;
 * while the hall server is away, the cases kept on this PC. Opening one lets the clerk, at any comprehensive window
 * (无差别受理):
 * - take in the supplement — each awaited material received on paper (copies) or scanned through the window's
 *   document camera — after the hall checked the applicant's identity document for a case of another window;
 * - send the applicant an SMS reminder (recorded in the case only once the gateway took it);
 * - handle an overdue commitment as its items' rule says (revoke the acceptance, void the case, or escalate), after
 *   confirming.
 * Every step goes through the core and into the case's audit, saved in the workstation store and synced.
 *
 * Keyboard: Tab through the filter, the list and the forms; Enter or Space opens a commitment; Escape goes back to
 * the list.
 *
 * @tag yc-tolerance-ledger
 * @summary The open tolerance commitments, supplements at any window, reminders and overdue handling.
 * @fires {LedgerRecordedEvent} yc-ledger-recorded - A supplement, reminder or overdue handling was saved.
 * @csspart base - The wrapper of everything.
 * @csspart toolbar - The filter and the refresh button.
 * @csspart summary - The counts of overdue, due today and awaited commitments.
 * @csspart list - The table of commitments.
 * @csspart row - One commitment of the list.
 * @csspart state - A commitment's state (overdue, due today, days left).
 * @csspart detail - The commitment opened.
 * @csspart claim - The identity check of a case of another window.
 * @csspart supplement - The supplement form.
 * @csspart remind - The reminder section.
 * @csspart overdue - The overdue handling section.
 * @csspart error - What went wrong, in the clerk's language.
 * @csspart done - What the last step did.
 * @cssprop [--yc-color-primary=#0b57a4] - Buttons and chosen choices.
 * @cssprop [--yc-color-danger=#b42318] - Overdue commitments and problems.
 * @cssprop [--yc-font-size=16px] - Base font size before the large-text scale.
 * @cssprop [--yc-font-scale=1] - Font scale; large-text mode sets 1.375.
 */
export class ToleranceLedger extends LitElement {
  static override styles = toleranceLedgerStyles;

  /** The hall, logged in as a clerk (their windows' commitments) or a manager (the whole hall's). */
  @property({ attribute: false }) client?: LedgerHall;

  /** The workstation's store, unlocked for the person: supplements, reminders and handling are saved through it. */
  @property({ attribute: false }) store?: LedgerStore;

  /** The item catalog, for item and material names and rules; the provider's when not set. */
  @property({ attribute: false }) catalog?: CatalogSource;

  /** Where SMS reminders go (the hall's gateway); without one, reminders cannot be sent. */
  @property({ attribute: false }) notifier?: NotificationAdapter;

  /** The window's document camera, for supplements received as scans; the provider's when not set. */
  @property({ attribute: false }) camera?: DocumentCamera;

  /** The hall's name, as reminders are signed. */
  @property({ attribute: 'hall-name' }) hallName = '';

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
  @state() private _confirming = false;

  readonly #controllers = new BehaviorSubject<LedgerController | undefined>(undefined);
  readonly #state = new ObservableController<LedgerState | undefined>(
    this,
    this.#controllers.pipe(switchMap((controller) => (controller ? controller.state$ : of(undefined)))),
    undefined,
  );
  #shownOpened?: string;
  #catalogLoads = 0;

  /** The view's controller, once the client, store and catalog are set. */
  get controller(): LedgerController | undefined {
    return this.#controllers.value;
  }

  /** What the view shows now (`undefined` before the controller exists). */
  get state(): LedgerState | undefined {
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
    const source = this.catalog ?? this._config?.catalog;
    if (changed.has('catalog') || (changed.has('_config' as keyof ToleranceLedger) && !this.catalog)) {
      void this.#loadCatalog(source);
    }
    const keys = ['client', 'store', '_catalog', 'notifier', 'camera', 'hallName', 'window', 'locale', 'now'];
    if (keys.some((key) => changed.has(key as keyof ToleranceLedger))) this.#makeController();
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
    const camera = this.camera ?? this._config?.documentCamera;
    const next =
      client && store && catalog
        ? new LedgerController({
            hall: client,
            store,
            catalog,
            hallName: this.hallName,
            locale: this.#locale,
            ...(this.window ? { window: this.window } : {}),
            ...(this.notifier ? { notifier: this.notifier } : {}),
            ...(camera ? { camera } : {}),
            ...(this.now ? { now: this.now } : {}),
          })
        : undefined;
    if (next && this.isConnected) next.start();
    this.#controllers.next(next);
  }

  protected override updated(): void {
    // Opening a commitment, or going back, moves the focus to the new view's heading (or the row left).
    const opened = this.state?.opened;
    if (opened === this.#shownOpened) return;
    const back = this.#shownOpened;
    this.#shownOpened = opened;
    if (opened !== undefined) this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
    else if (back !== undefined) {
      const row = this.renderRoot.querySelector<HTMLElement>(`button[data-case="${back}"]`);
      (row ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
    }
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.state?.opened !== undefined) {
      event.preventDefault();
      this._confirming = false;
      this.controller?.close();
    }
  }

  /** Runs a step, then tells the host what it did and puts the focus where the clerk goes on. */
  async #step(kind: LedgerRecordedEvent['detail']['kind'], run: () => Promise<void>): Promise<void> {
    const opened = this.state?.opened;
    const row = this.controller?.openedRow;
    await run();
    await this.updateComplete;
    const state = this.state;
    if (state?.done && row && opened) {
      this.dispatchEvent(
        new LedgerRecordedEvent({ kind, caseId: opened, number: row.commitment.number, message: state.done }),
      );
    }
    this.renderRoot.querySelector<HTMLElement>(state?.error ? '[part~="error"]' : '[part~="done"]')?.focus();
  }

  /** Asks for (or drops) the confirmation of the overdue handling; the focus follows, so a keyboard is never lost. */
  async #confirm(asking: boolean): Promise<void> {
    this._confirming = asking;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('section[part~="overdue"] button')?.focus();
  }

  #claim(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value;
    const number = value('number');
    void this.#step('claim', () => this.controller!.claim(value('idNumber') ?? '', number ?? undefined));
  }

  #supplement(event: Event): void {
    event.preventDefault();
    void this.#step('supplement', () => this.controller!.recordSupplement());
  }

  #stateText(row: LedgerRow): TemplateResult {
    const locale = this.#locale;
    const { state, daysLeft } = row.commitment;
    if (daysLeft === undefined)
      return html`<span class="status" part="state">${msg(locale, 'ledger.state.undated')}</span>`;
    if (state === 'overdue') {
      return html`<span class="status overdue" part="state"
        ><span aria-hidden="true">⚠</span> ${msg(locale, 'ledger.state.overdue', { days: -daysLeft })}</span
      >`;
    }
    if (state === 'due-today') {
      return html`<span class="status today" part="state"
        ><span aria-hidden="true">◷</span> ${msg(locale, 'ledger.state.due-today')}</span
      >`;
    }
    return html`<span class="status" part="state">${msg(locale, 'ledger.state.pending', { days: daysLeft })}</span>`;
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
      <h2 id="title" tabindex="-1">${msg(locale, 'ledger.title')}</h2>
      ${
        this._catalogError
          ? html`<p class="error" role="alert">${this._catalogError}</p>`
          : !state
            ? html`<p>${msg(locale, 'ledger.noClient')}</p>`
            : state.opened !== undefined && this.controller?.openedRow
              ? this.#renderDetail(state, this.controller.openedRow)
              : this.#renderList(state)
      }
    </section>`;
  }

  #renderList(state: LedgerState): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    const count = (s: string) => state.rows.filter((r) => r.commitment.state === s).length;
    return html`
      <div class="toolbar" part="toolbar">
        <fieldset>
          <legend>${msg(locale, 'ledger.filter.legend')}</legend>
          <div class="choices">
            ${COMMITMENT_FILTERS.map(
              (value) =>
                html`<label class="choice"
                  ><input
                    type="radio"
                    name="filter"
                    value=${value}
                    .checked=${live(state.filter === value)}
                    @change=${() => controller.setFilter(value)}
                  /><span>${msg(locale, `ledger.filter.${value}`)}</span></label
                >`,
            )}
          </div>
        </fieldset>
        <button type="button" @click=${() => void controller.load()}>${msg(locale, 'ledger.refresh')}</button>
      </div>
      <p class=${state.source === 'local' ? 'source local' : 'source'}>
        ${state.source === 'local' ? html`<span aria-hidden="true">⚠</span> ` : nothing}${msg(
          locale,
          state.source === 'local' ? 'ledger.source.local' : 'ledger.source.hall',
        )}
      </p>
      ${state.opened === undefined ? deskFeedback(state) : nothing}
      <div role="status" aria-live="polite">
        ${
          state.status === 'loading'
            ? html`<p>${msg(locale, 'ledger.loading')}</p>`
            : state.status === 'ready'
              ? html`<p part="summary" class="summary">
                  ${
                    state.rows.length === 0
                      ? msg(locale, 'ledger.empty')
                      : msg(locale, 'ledger.summary', {
                          overdue: count('overdue'),
                          today: count('due-today'),
                          total: state.rows.length,
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

  #renderFind(state: LedgerState): TemplateResult {
    const locale = this.#locale;
    return html`<form part="claim" class="find" @submit=${this.#claim} aria-labelledby="find-title">
      <h3 id="find-title">${msg(locale, 'ledger.find.title')}</h3>
      <p class="hint" id="find-hint">${msg(locale, 'ledger.find.hint')}</p>
      <div class="fields">
        <label class="field"
          >${msg(locale, 'ledger.find.number')}<input
            name="number"
            autocomplete="off"
            spellcheck="false"
            aria-describedby="find-hint"
            maxlength="40"
            placeholder="TJHP01-20261207-01-0001"
        /></label>
        <label class="field"
          >${msg(locale, 'ledger.claim.label')}<input
            name="idNumber"
            autocomplete="off"
            spellcheck="false"
            maxlength="40"
        /></label>
        <button type="submit" class="primary" ?disabled=${state.busy}>${msg(locale, 'ledger.find.submit')}</button>
      </div>
    </form>`;
  }

  #renderTable(state: LedgerState): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    const list = (names: readonly string[]) => names.join(locale === 'en-US' ? ', ' : '、');
    return html`<div class="table-wrap">
      <table part="list">
        <caption>
          ${msg(locale, 'ledger.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${msg(locale, 'ledger.column.number')}</th>
            <th scope="col">${msg(locale, 'ledger.column.window')}</th>
            <th scope="col">${msg(locale, 'ledger.column.items')}</th>
            <th scope="col">${msg(locale, 'ledger.column.materials')}</th>
            <th scope="col">${msg(locale, 'ledger.column.due')}</th>
            <th scope="col">${msg(locale, 'ledger.column.state')}</th>
            <th scope="col">${msg(locale, 'ledger.column.action')}</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            state.rows,
            (row) => row.commitment.caseId,
            (row) => {
              const c = row.commitment;
              return html`<tr part="row" class=${c.state} data-case=${c.caseId}>
                <td class="number">${c.number}</td>
                <td>${msg(locale, 'ledger.window', { window: c.window })}</td>
                <td>${list(row.itemNames)}</td>
                <td>${list(row.materialNames)}</td>
                <td>${c.due ?? '—'}</td>
                <td>${this.#stateText(row)}</td>
                <td>
                  <button
                    type="button"
                    data-case=${c.caseId}
                    aria-label=${msg(locale, 'ledger.openLabel', { number: c.number })}
                    @click=${() => void controller.open(c.caseId)}
                  >
                    ${msg(locale, 'ledger.open')}
                  </button>
                </td>
              </tr>`;
            },
          )}
        </tbody>
      </table>
    </div>`;
  }

  #renderDetail(state: LedgerState, row: LedgerRow): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    const c = row.commitment;
    const list = (names: readonly string[]) => names.join(locale === 'en-US' ? ', ' : '、');
    const current = state.current;
    return html`<div class="detail" part="detail">
      <h3 tabindex="-1">${msg(locale, 'ledger.detail.title', { number: c.number })}</h3>
      <dl>
        <dt>${msg(locale, 'ledger.column.window')}</dt>
        <dd>${msg(locale, 'ledger.window', { window: c.window })}</dd>
        <dt>${msg(locale, 'ledger.column.items')}</dt>
        <dd>${list(row.itemNames)}</dd>
        <dt>${msg(locale, 'ledger.column.materials')}</dt>
        <dd>${list(row.materialNames)}</dd>
        <dt>${msg(locale, 'ledger.column.due')}</dt>
        <dd class="due">${c.due ?? '—'} ${this.#stateText(row)}</dd>
      </dl>
      <p class="muted">
        ${msg(locale, 'ledger.detail.rule', { rule: controller.ruleLabel(row.rule) })}
        ${c.status === 'forwarded' ? msg(locale, 'ledger.detail.forwarded') : nothing}
      </p>
      ${deskFeedback(state)}
      ${state.busy ? html`<p class="muted" role="status">${msg(locale, 'ledger.busy')}</p>` : nothing}
      ${state.needsClaim ? this.#renderClaim(state) : nothing} ${current ? this.#renderSupplement(state) : nothing}
      ${current ? this.#renderRemind(state) : nothing}
      ${current && c.state === 'overdue' ? this.#renderOverdue(state, row) : nothing}
      <div class="buttons">
        <button type="button" @click=${() => ((this._confirming = false), controller.close())}>
          ${msg(locale, 'ledger.back')}
        </button>
      </div>
    </div>`;
  }

  #renderClaim(state: LedgerState): TemplateResult {
    const locale = this.#locale;
    return html`<form part="claim" @submit=${this.#claim} aria-labelledby="claim-title">
      <h4 id="claim-title">${msg(locale, 'ledger.claim.title')}</h4>
      <p class="hint" id="claim-hint">${msg(locale, 'ledger.claim.hint')}</p>
      <label class="field"
        >${msg(locale, 'ledger.claim.label')}<input
          name="idNumber"
          autocomplete="off"
          spellcheck="false"
          aria-describedby="claim-hint"
          maxlength="40"
      /></label>
      <div class="buttons">
        <button type="submit" class="primary" ?disabled=${state.busy}>${msg(locale, 'ledger.claim.submit')}</button>
      </div>
    </form>`;
  }

  #renderSupplement(state: LedgerState): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    const hasCamera = Boolean(this.camera ?? this._config?.documentCamera);
    const items = state.current?.items ?? [];
    const nameOf = (id: string) => items.flatMap((i) => i.materials).find((m) => m.id === id)?.name ?? id;
    const receipts: SupplyChoice['receipt'][] = hasCamera ? ['none', 'paper', 'scan'] : ['none', 'paper'];
    return html`<form part="supplement" @submit=${this.#supplement} aria-labelledby="supplement-title">
      <h4 id="supplement-title">${msg(locale, 'ledger.supplement.title')}</h4>
      ${hasCamera ? nothing : html`<p class="hint">${msg(locale, 'ledger.supplement.noCamera')}</p>`}
      ${Object.entries(state.supply).map(([materialId, choice]) => {
        const name = nameOf(materialId);
        return html`<fieldset class="material" data-material=${materialId}>
          <legend>${name}</legend>
          <div class="choices">
            ${receipts.map(
              (receipt) =>
                html`<label class="choice"
                  ><input
                    type="radio"
                    name=${`receipt-${materialId}`}
                    value=${receipt}
                    .checked=${live(choice.receipt === receipt)}
                    @change=${() => controller.setSupply(materialId, receipt)}
                  /><span>${msg(locale, `ledger.supplement.${receipt}`)}</span></label
                >`,
            )}
          </div>
          ${
            choice.receipt === 'paper'
              ? html`<label class="field inline"
                  >${msg(locale, 'ledger.supplement.copies')}<input
                    type="number"
                    min="1"
                    max="99"
                    .value=${live(String(choice.copies))}
                    @change=${(event: Event) =>
                      controller.setSupply(materialId, 'paper', Number((event.target as HTMLInputElement).value))}
                /></label>`
              : nothing
          }
          ${
            choice.receipt === 'scan'
              ? html`<div class="buttons">
                  <button type="button" ?disabled=${state.busy} @click=${() => void controller.capture(materialId)}>
                    ${msg(locale, 'ledger.supplement.capture')}
                  </button>
                  <span class="muted">${msg(locale, 'ledger.supplement.pages', { count: choice.pages.length })}</span>
                </div>`
              : nothing
          }
          ${
            state.camera?.materialId === materialId
              ? html`<p class="error" role="alert">${state.camera.message}</p>`
              : nothing
          }
        </fieldset>`;
      })}
      <div class="buttons">
        <button type="submit" class="primary" ?disabled=${state.busy}>
          ${msg(locale, 'ledger.supplement.submit')}
        </button>
      </div>
    </form>`;
  }

  #renderRemind(state: LedgerState): TemplateResult {
    const locale = this.#locale;
    return html`<section part="remind" aria-labelledby="remind-title">
      <h4 id="remind-title">${msg(locale, 'ledger.remind.title')}</h4>
      <div class="buttons">
        <button
          type="button"
          ?disabled=${state.busy}
          @click=${() => void this.#step('remind', () => this.controller!.remind())}
        >
          ${msg(locale, 'ledger.remind.submit')}
        </button>
      </div>
    </section>`;
  }

  #renderOverdue(state: LedgerState, row: LedgerRow): TemplateResult {
    const locale = this.#locale;
    const rule = this.controller!.ruleLabel(row.commitment.status === 'forwarded' ? 'escalate' : row.rule);
    return html`<section part="overdue" aria-labelledby="overdue-title">
      <h4 id="overdue-title">${msg(locale, 'ledger.overdue.title')}</h4>
      ${
        this._confirming
          ? html`<p class="warning" id="overdue-confirm">
                <span aria-hidden="true">⚠</span> ${msg(locale, 'ledger.overdue.confirm', { rule })}
              </p>
              <div class="buttons">
                <button
                  type="button"
                  class="danger"
                  aria-describedby="overdue-confirm"
                  ?disabled=${state.busy}
                  @click=${() => {
                    this._confirming = false;
                    void this.#step('overdue', () => this.controller!.handleOverdue());
                  }}
                >
                  ${msg(locale, 'ledger.overdue.submit', { rule })}
                </button>
                <button type="button" @click=${() => void this.#confirm(false)}>
                  ${msg(locale, 'ledger.overdue.cancel')}
                </button>
              </div>`
          : html`<div class="buttons">
              <button type="button" ?disabled=${state.busy} @click=${() => void this.#confirm(true)}>
                ${msg(locale, 'ledger.overdue.submit', { rule })}
              </button>
            </div>`
      }
    </section>`;
  }
}
