import { LitElement, html, nothing, unsafeCSS, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { consume } from '@lit/context';
import { BehaviorSubject, of, switchMap } from 'rxjs';
import {
  CROSS_PROVINCE_MODES,
  ID_DOCUMENT_TYPES,
  REMOTE_STATES,
  RETURN_WAYS,
  divisionChildren,
  divisionPath,
  type IdDocumentType,
  type RemoteState,
} from '@yichuang/core';
import type { RemoteCase } from '@yichuang/hall-client';
import { BrowserDocumentPrinter, DOCUMENT_STYLES, documentHtml, type DocumentPrinter } from '@yichuang/devices';
import type { WorkstationStore } from '@yichuang/store';
import {
  ObservableController,
  configContext,
  deskFeedback,
  resolveLocale,
  type Locale,
  type YcConfig,
  localName,
  workplaceOf,
} from '@yichuang/ui';
import { msg } from '../i18n/messages.js';
import {
  ONLINE_ADDRESS,
  RemoteIntakeController,
  type RemoteForm,
  type RemoteHall,
  type RemoteIntakeState,
  type RemoteRow,
  type RemoteView,
} from './controller.js';
import { remoteIntakeStyles } from './styles.js';

const VIEWS: readonly Exclude<RemoteView, 'receipt'>[] = ['collect', 'ledger', 'incoming'];

/**
 * The cross-province desk (跨省通办): the clerk chooses the deciding region (province → city → county, GB/T 2260) and
 * its hall, the authority and the mode (fully online: the applicant is guided to the national platform; collected
 * here and decided there; handled jointly), takes the item from the deciding hall's own catalog, scans each material
 * it asks for, and collects: the forwarding package is saved on this PC and sent to the deciding hall through this
 * hall (offline, it waits), and the applicant gets the hand-off receipt (代收凭证) with this hall's case number and a
 * status QR. The ledger follows every case both ways, overdue ones first; the deciding side lists what it received
 * and accepts, refuses, decides and returns it.
 *
 * Keyboard: the tabs with the arrow keys, Home and End; Tab through the forms and the lists.
 *
 * @tag yc-remote-intake
 * @summary The cross-province desk: region, deciding hall, its item and materials, scans, receipt, tracking.
 * @csspart base - The wrapper of everything.
 * @csspart tabs - The tab list.
 * @csspart collect - The collection form.
 * @csspart materials - The materials of the deciding hall's item, with their scans.
 * @csspart receipt - The hand-off receipt.
 * @csspart ledger - The cases forwarded from here.
 * @csspart incoming - The cases received here from other regions.
 * @csspart error - What went wrong, in the clerk's language.
 * @csspart done - What the last step did.
 * @cssprop [--yc-color-primary=#0b57a4] - Buttons, chosen choices, the current tab.
 * @cssprop [--yc-color-danger=#b42318] - Problems and overdue cases.
 * @cssprop [--yc-font-size=16px] - Base font size before the large-text scale.
 * @cssprop [--yc-font-scale=1] - Font scale; large-text mode sets 1.375.
 */
export class RemoteIntake extends LitElement {
  static override styles = [...remoteIntakeStyles, unsafeCSS(DOCUMENT_STYLES)];

  /** The workstation's store, unlocked for the clerk; the provider's workplace when not set. */
  @property({ attribute: false }) store?: WorkstationStore;

  /** The hall (enrolled halls, their catalogs, forwarded cases); the provider's workplace when not set. */
  @property({ attribute: false }) client?: RemoteHall;

  /** The window's A4 printer for the receipt; the browser's printing when not set. */
  @property({ attribute: false }) printer?: DocumentPrinter;

  /** This hall's code; the workplace's when not set. */
  @property() hall = '';

  /** This hall's name, as the receipt prints it. */
  @property({ attribute: 'hall-name' }) hallName = '';

  /** The window's code; the workplace's when not set. */
  @property() window = '';

  /** The clerk signed in; the workplace's when not set. */
  @property() clerk = '';

  /** The clerk's name, as the receipt prints it. */
  @property({ attribute: 'clerk-name' }) clerkName = '';

  /** The status page's address, for the receipt's QR code. */
  @property({ attribute: 'status-base' }) statusBase = '';

  /** Training mode: the receipt is marked. */
  @property({ type: Boolean }) training = false;

  /** UI language (`zh-CN`, `en-US`). Overrides the provider's; zh-CN when neither is set. */
  @property() locale?: string;

  /** Large-text mode (适老化), also switched on by the provider. */
  @property({ type: Boolean, attribute: 'large-text' }) largeText = false;

  /** The clock; the system's by default (stories and tests pin it). */
  @property({ attribute: false }) now?: () => Date;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  /** What the deciding side typed for each received case (a note, a result). */
  @state() private _decisions: Record<string, { note: string; resultName: string; documentNumber: string }> = {};

  readonly #controllers = new BehaviorSubject<RemoteIntakeController | undefined>(undefined);
  readonly #state = new ObservableController<RemoteIntakeState | undefined>(
    this,
    this.#controllers.pipe(switchMap((controller) => (controller ? controller.state$ : of(undefined)))),
    undefined,
  );
  #made?: { store: unknown; client: unknown; key: string };

  /** The desk's controller, once the store, hall code, window and clerk are known. */
  get controller(): RemoteIntakeController | undefined {
    return this.#controllers.value;
  }

  /** What the desk shows now. */
  get state(): RemoteIntakeState | undefined {
    return this.#state.value;
  }

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  /** Where the desk works: what it was given, else the signed-in clerk's of the nearest `<yc-provider>`. */
  get #workplace() {
    const { store, client, hall, window, clerk, clerkName } = this;
    return workplaceOf({ store, client, hall, window, clerk, clerkName }, this._config);
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
    const keys = ['store', 'client', 'hall', 'hallName', 'window', 'clerk', 'clerkName', 'statusBase', 'training'];
    if ([...keys, 'locale', 'now', '_config'].some((key) => changed.has(key as keyof RemoteIntake))) {
      this.#makeController();
    }
  }

  #makeController(): void {
    const { store, client, hall, window, clerk, clerkName } = this.#workplace;
    const key = [
      hall,
      window,
      clerk,
      clerkName,
      this.hallName,
      this.statusBase,
      this.training,
      this.#locale,
      this.now,
    ].join('|');
    const made = this.#made;
    if (this.controller && made && made.store === store && made.client === client && made.key === key) return;
    this.controller?.stop();
    const next =
      store && hall && window && clerk
        ? new RemoteIntakeController({
            store,
            hallCode: hall,
            window,
            clerk,
            locale: this.#locale,
            ...(client ? { hall: client } : {}),
            ...(this.hallName ? { hallName: this.hallName } : {}),
            ...(clerkName ? { clerkName } : {}),
            ...(this.statusBase ? { statusBase: this.statusBase } : {}),
            ...(this.training ? { training: true } : {}),
            ...(this.now ? { now: this.now } : {}),
          })
        : undefined;
    this.#made = { store, client, key };
    if (next && this.isConnected) next.start();
    this.#controllers.next(next);
  }

  /** Runs a step, then puts the focus where the clerk reads the outcome. */
  async #step(run: () => Promise<unknown>): Promise<void> {
    await run();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(this.state?.error ? '[part~="error"]' : '[part~="done"]')?.focus();
  }

  #onTabKey(event: KeyboardEvent): void {
    const current = VIEWS.indexOf((this.state?.view === 'receipt' ? 'collect' : this.state?.view) ?? 'collect');
    const index =
      event.key === 'ArrowRight'
        ? (current + 1) % VIEWS.length
        : event.key === 'ArrowLeft'
          ? (current + VIEWS.length - 1) % VIEWS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? VIEWS.length - 1
              : -1;
    if (index < 0) return;
    event.preventDefault();
    this.controller?.show(VIEWS[index]!);
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[role="tab"][data-view="${VIEWS[index]}"]`)?.focus(),
    );
  }

  override render() {
    const locale = this.#locale;
    const state = this.state;
    const large = this.largeText || this._config?.largeText === true;
    return html`<section class="root ${large ? 'large' : ''}" part="base" lang=${locale} aria-labelledby="title">
      <h2 id="title">${msg(locale, 'remote.title')}</h2>
      ${state ? this.#renderDesk(state) : html`<p>${msg(locale, 'remote.noStore')}</p>`}
    </section>`;
  }

  #renderDesk(state: RemoteIntakeState): TemplateResult {
    const locale = this.#locale;
    const selected = state.view === 'receipt' ? 'collect' : state.view;
    return html`<div role="tablist" part="tabs" aria-label=${msg(locale, 'remote.tabs')} @keydown=${this.#onTabKey}>
        ${VIEWS.map(
          (view) =>
            html`<button
              type="button"
              role="tab"
              id="tab-${view}"
              data-view=${view}
              aria-selected=${view === selected ? 'true' : 'false'}
              aria-controls="panel"
              tabindex=${view === selected ? 0 : -1}
              @click=${() => this.controller?.show(view)}
            >
              ${msg(locale, `remote.tab.${view}`)}
            </button>`,
        )}
      </div>
      <div role="tabpanel" id="panel" aria-labelledby="tab-${selected}" class="panel">
        ${
          state.source === 'local'
            ? html`<p class="source local"><span aria-hidden="true">⚠</span> ${msg(locale, 'remote.source.local')}</p>`
            : nothing
        }
        ${deskFeedback(state)}
        ${
          state.view === 'collect'
            ? this.#renderCollect(state)
            : state.view === 'receipt'
              ? this.#renderReceipt(state)
              : state.view === 'ledger'
                ? this.#renderLedger(state)
                : this.#renderIncoming(state)
        }
      </div>`;
  }

  #renderCollect(state: RemoteIntakeState): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    const form = state.form;
    const value = (event: Event) => (event.target as HTMLInputElement).value;
    const edit = (patch: Partial<RemoteForm>) => controller.edit(patch);
    const regionSelect = (level: 'province' | 'city' | 'county', current: string, parent: string | undefined) => {
      const options = level === 'province' ? divisionChildren() : parent ? divisionChildren(parent) : [];
      return html`<label class="field"
        >${msg(locale, `remote.region.${level}`)}<select
          name=${level}
          ?disabled=${level !== 'province' && !parent}
          @change=${(event: Event) => void controller.chooseRegion(level, value(event))}
        >
          <option value="" ?selected=${current === ''}>${msg(locale, 'remote.region.choose')}</option>
          ${options.map(
            (option) => html`<option value=${option.code} ?selected=${current === option.code}>${option.name}</option>`,
          )}
        </select></label
      >`;
    };
    const region = form.county || form.city || form.province;
    const peers = state.peers;
    const online = form.mode === 'online';
    return html`<form
      part="collect"
      novalidate
      aria-label=${msg(locale, 'remote.tab.collect')}
      @submit=${(event: Event) => {
        event.preventDefault();
        void this.#step(() => controller.collect());
      }}
    >
      <div class="columns">
        <div class="column">
          <fieldset class="group">
            <legend>${msg(locale, 'remote.region.legend')}</legend>
            <div class="fields">
              ${regionSelect('province', form.province, undefined)}
              ${regionSelect('city', form.city, form.province || undefined)}
              ${regionSelect('county', form.county, form.city || undefined)}
            </div>
            ${
              region && !form.peer
                ? html`<p class="problem">${msg(locale, 'remote.peer.none')}</p>`
                : form.peer
                  ? html`<label class="field"
                      >${msg(locale, 'remote.peer.label')}<select
                        name="peer"
                        @change=${(event: Event) => void controller.choosePeer(value(event))}
                      >
                        ${peers.map(
                          (peer) =>
                            html`<option value=${peer.hall} ?selected=${form.peer === peer.hall}>
                              ${peer.name}（${divisionPath(peer.region).join('')}）
                            </option>`,
                        )}
                      </select></label
                    >`
                  : nothing
            }
            <div class="fields">
              <label class="field"
                >${msg(locale, 'remote.authority')}<input
                  name="authority"
                  maxlength="100"
                  .value=${live(form.authority)}
                  @input=${(event: Event) => edit({ authority: value(event) })}
              /></label>
            </div>
          </fieldset>
          <fieldset class="group">
            <legend>${msg(locale, 'remote.mode.legend')}</legend>
            <div class="choices">
              ${Object.entries(CROSS_PROVINCE_MODES).map(
                ([key, named]) =>
                  html`<label class="choice"
                    ><input
                      type="radio"
                      name="mode"
                      value=${key}
                      .checked=${live(form.mode === key)}
                      @change=${() => edit({ mode: key as RemoteForm['mode'] })}
                    /><span>${localName(named, locale)}</span></label
                  >`,
              )}
            </div>
            ${online ? html`<p class="hint">${msg(locale, 'remote.online.hint', { address: ONLINE_ADDRESS })}</p>` : nothing}
          </fieldset>
          ${online ? nothing : this.#renderApplicant(state)}
        </div>
        <div class="column">${online ? nothing : this.#renderMaterials(state)}</div>
      </div>
      <div class="buttons">
        <button type="submit" class="primary" ?disabled=${state.busy}>
          ${msg(locale, online ? 'remote.guide' : 'remote.collect')}
        </button>
      </div>
    </form>`;
  }

  #renderApplicant(state: RemoteIntakeState): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    const form = state.form;
    const value = (event: Event) => (event.target as HTMLInputElement).value;
    const edit = (patch: Partial<RemoteForm>) => controller.edit(patch);
    return html`<fieldset class="group">
        <legend>${msg(locale, 'remote.applicant.legend')}</legend>
        <div class="fields">
          <label class="field"
            >${msg(locale, 'remote.applicant.name')}<input
              name="name"
              autocomplete="off"
              maxlength="50"
              .value=${live(form.name)}
              @input=${(event: Event) => edit({ name: value(event) })}
          /></label>
          <label class="field"
            >${msg(locale, 'remote.applicant.idType')}<select
              name="idType"
              @change=${(event: Event) => edit({ idType: value(event) as IdDocumentType })}
            >
              ${Object.entries(ID_DOCUMENT_TYPES).map(
                ([key, named]) =>
                  html`<option value=${key} ?selected=${form.idType === key}>${localName(named, locale)}</option>`,
              )}
            </select></label
          >
          <label class="field"
            >${msg(locale, 'remote.applicant.idNumber')}<input
              name="idNumber"
              autocomplete="off"
              spellcheck="false"
              maxlength="40"
              .value=${live(form.idNumber)}
              @input=${(event: Event) => edit({ idNumber: value(event) })}
          /></label>
          <label class="field"
            >${msg(locale, 'remote.applicant.phone')}<input
              name="phone"
              type="tel"
              autocomplete="off"
              maxlength="20"
              .value=${live(form.phone)}
              @input=${(event: Event) => edit({ phone: value(event) })}
          /></label>
        </div>
      </fieldset>
      <fieldset class="group">
        <legend>${msg(locale, 'remote.return.legend')}</legend>
        <div class="choices">
          ${Object.entries(RETURN_WAYS).map(
            ([key, named]) =>
              html`<label class="choice"
                ><input
                  type="radio"
                  name="returnWay"
                  value=${key}
                  .checked=${live(form.returnWay === key)}
                  @change=${() => edit({ returnWay: key as RemoteForm['returnWay'] })}
                /><span>${localName(named, locale)}</span></label
              >`,
          )}
        </div>
        ${
          form.returnWay === 'post'
            ? html`<label class="field"
                >${msg(locale, 'remote.return.address')}<input
                  name="address"
                  maxlength="200"
                  .value=${live(form.address)}
                  @input=${(event: Event) => edit({ address: value(event) })}
              /></label>`
            : nothing
        }
      </fieldset>`;
  }

  #renderMaterials(state: RemoteIntakeState): TemplateResult {
    const locale = this.#locale;
    const controller = this.controller!;
    const form = state.form;
    const catalog = state.catalog;
    const item = catalog?.items.find((candidate) => candidate.id === form.itemId);
    const camera = this._config?.documentCamera;
    return html`<fieldset class="group">
      <legend>${msg(locale, 'remote.item.label')}</legend>
      ${
        catalog
          ? html`<p class="muted">${msg(locale, 'remote.catalog.source', { version: catalog.version })}</p>
              <label class="field"
                >${msg(locale, 'remote.item.label')}<select
                  name="itemId"
                  @change=${(event: Event) =>
                    controller.edit({ itemId: (event.target as HTMLSelectElement).value, files: {} })}
                >
                  <option value="" ?selected=${form.itemId === ''}>${msg(locale, 'remote.item.choose')}</option>
                  ${catalog.items.map(
                    (candidate) =>
                      html`<option value=${candidate.id} ?selected=${form.itemId === candidate.id}>
                        ${candidate.name}
                      </option>`,
                  )}
                </select></label
              >`
          : nothing
      }
      ${
        item
          ? html`<ul class="materials" part="materials" aria-label=${msg(locale, 'remote.materials.legend')}>
              ${repeat(
                item.materials,
                (material) => material.id,
                (material) => {
                  const pages = form.files[material.id]?.length ?? 0;
                  return html`<li data-material=${material.id}>
                    <span class="name"
                      >${material.name}
                      <span class="tag ${material.necessity}"
                        >${msg(
                          locale,
                          material.necessity === 'required' ? 'remote.material.required' : 'remote.material.optional',
                        )}</span
                      ></span
                    >
                    <span class="pages" role="status"
                      >${pages > 0 ? msg(locale, 'remote.material.pages', { count: pages }) : msg(locale, 'remote.material.none')}</span
                    >
                    <span class="actions">
                      <label class="file"
                        >${msg(locale, 'remote.material.scan')}<input
                          type="file"
                          accept="image/*,application/pdf"
                          aria-label=${msg(locale, 'remote.material.scanLabel', { name: material.name })}
                          @change=${(event: Event) => {
                            const input = event.target as HTMLInputElement;
                            const file = input.files?.[0];
                            if (file) void this.#step(() => controller.addScan(material.id, file));
                            input.value = '';
                          }}
                      /></label>
                      ${
                        camera
                          ? html`<button
                              type="button"
                              aria-label=${msg(locale, 'remote.material.cameraLabel', { name: material.name })}
                              @click=${() => void this.#step(() => controller.scanWith(material.id, camera))}
                            >
                              ${msg(locale, 'remote.material.camera')}
                            </button>`
                          : nothing
                      }
                      ${
                        pages > 0
                          ? html`<button
                              type="button"
                              aria-label=${msg(locale, 'remote.material.clearLabel', { name: material.name })}
                              @click=${() => controller.clearScans(material.id)}
                            >
                              ${msg(locale, 'remote.material.clear')}
                            </button>`
                          : nothing
                      }
                    </span>
                  </li>`;
                },
              )}
            </ul>`
          : nothing
      }
    </fieldset>`;
  }

  #renderReceipt(state: RemoteIntakeState): TemplateResult {
    const locale = this.#locale;
    const receipt = state.receipt;
    if (!receipt) return html``;
    const printable = { document: receipt.document, digest: receipt.digest };
    return html`<div part="receipt" class="receipt">
      <h3>${msg(locale, 'remote.receipt.title')}</h3>
      <div class="buttons">
        <button
          type="button"
          class="primary"
          ?disabled=${state.busy}
          @click=${() =>
            void this.#step(() => this.controller!.printReceipt(this.printer ?? new BrowserDocumentPrinter()))}
        >
          ${msg(locale, 'remote.receipt.print')}
        </button>
        <button type="button" @click=${() => this.controller?.show('collect')}>
          ${msg(locale, 'remote.receipt.next')}
        </button>
      </div>
      <div class="sheet" role="region" tabindex="0" aria-label=${msg(locale, 'remote.receipt.title')}>
        ${unsafeHTML(documentHtml(printable))}
      </div>
    </div>`;
  }

  #renderLedger(state: RemoteIntakeState): TemplateResult {
    const locale = this.#locale;
    const peers = new Map(state.peers.map((peer) => [peer.hall, peer.name]));
    return html`<section part="ledger" aria-labelledby="ledger-caption">
      <div class="toolbar">
        <button type="button" @click=${() => void this.controller?.refresh()}>${msg(locale, 'remote.refresh')}</button>
      </div>
      ${
        state.outgoing.length === 0
          ? html`<p class="muted" id="ledger-caption">${msg(locale, 'remote.ledger.empty')}</p>`
          : html`<div class="table-wrap">
              <table>
                <caption id="ledger-caption">
                  ${msg(locale, 'remote.ledger.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${msg(locale, 'remote.ledger.number')}</th>
                    <th scope="col">${msg(locale, 'remote.ledger.remote')}</th>
                    <th scope="col">${msg(locale, 'remote.ledger.applicant')}</th>
                    <th scope="col">${msg(locale, 'remote.ledger.peer')}</th>
                    <th scope="col">${msg(locale, 'remote.ledger.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${repeat(
                    state.outgoing,
                    (row) => row.id,
                    (row) => this.#renderLedgerRow(row, peers.get(row.peer) ?? row.peer),
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
  }

  #renderLedgerRow(row: RemoteRow, peer: string): TemplateResult {
    const locale = this.#locale;
    return html`<tr class=${row.overdue ? 'overdue' : ''} data-case=${row.id}>
      <td class="number">${row.number}</td>
      <td class="number">${row.remoteNumber ?? '—'}</td>
      <td>${row.applicantName}</td>
      <td>${peer}</td>
      <td>
        <span class="status ${row.overdue ? 'overdue' : ''}"
          >${row.overdue ? html`<span aria-hidden="true">⚠</span> ${msg(locale, 'remote.ledger.overdue')} · ` : nothing}${localName(REMOTE_STATES[row.state], locale)}${row.local ? msg(locale, 'remote.ledger.local') : nothing}</span
        >
        ${row.result ? html`<br /><span class="muted">${msg(locale, 'remote.ledger.result', { result: row.result.name })}</span>` : nothing}
      </td>
    </tr>`;
  }

  #renderIncoming(state: RemoteIntakeState): TemplateResult {
    const locale = this.#locale;
    return html`<section part="incoming" aria-labelledby="incoming-caption">
      ${
        state.incoming.length === 0
          ? html`<p class="muted" id="incoming-caption">${msg(locale, 'remote.incoming.empty')}</p>`
          : html`<p class="summary" id="incoming-caption">${msg(locale, 'remote.incoming.caption')}</p>
              <ul class="incoming">
                ${repeat(
                  state.incoming,
                  (row) => row.id,
                  (row) => this.#renderIncomingRow(row, state.busy),
                )}
              </ul>`
      }
    </section>`;
  }

  #renderIncomingRow(row: RemoteCase, busy: boolean): TemplateResult {
    const locale = this.#locale;
    const typed = this._decisions[row.id] ?? { note: '', resultName: '', documentNumber: '' };
    const set = (patch: Partial<typeof typed>) =>
      (this._decisions = { ...this._decisions, [row.id]: { ...typed, ...patch } });
    const value = (event: Event) => (event.target as HTMLInputElement).value;
    const number = row.remoteNumber ?? row.number;
    const peerName = this.state?.peers.find((peer) => peer.hall === row.peer)?.name ?? row.peer;
    const act = (to: RemoteState) => {
      const result =
        to === 'decided' && typed.resultName.trim()
          ? {
              outcome: 'granted' as const,
              name: typed.resultName,
              ...(typed.documentNumber.trim() ? { documentNumber: typed.documentNumber } : {}),
            }
          : undefined;
      void this.#step(() =>
        this.controller!.decide(row.id, to, {
          ...(typed.note.trim() ? { note: typed.note } : {}),
          ...(result ? { result } : {}),
        }),
      );
    };
    const actions: [RemoteState, string][] =
      row.state === 'received'
        ? [
            ['accepted', msg(locale, 'remote.incoming.accept')],
            ['refused', msg(locale, 'remote.incoming.refuse')],
          ]
        : row.state === 'accepted'
          ? [['decided', msg(locale, 'remote.incoming.decide')]]
          : row.state === 'decided' || row.state === 'refused'
            ? [['returned', msg(locale, 'remote.incoming.return')]]
            : [];
    return html`<li data-case=${row.id}>
      <p>
        <strong class="number">${number}</strong> · ${row.applicantName} · ${msg(locale, 'remote.incoming.from')}
        ${peerName}（${row.number}） ·
        <span class="status">${msg(locale, `remote.here.${row.state}`)}</span>
      </p>
      ${
        actions.length > 0
          ? html`<div class="fields">
                <label class="field"
                  >${msg(locale, 'remote.incoming.note')}<input
                    name="note"
                    maxlength="200"
                    .value=${live(typed.note)}
                    @input=${(event: Event) => set({ note: value(event) })}
                /></label>
                ${
                  row.state === 'accepted'
                    ? html`<label class="field"
                          >${msg(locale, 'remote.incoming.resultName')}<input
                            name="resultName"
                            maxlength="100"
                            .value=${live(typed.resultName)}
                            @input=${(event: Event) => set({ resultName: value(event) })}
                        /></label>
                        <label class="field"
                          >${msg(locale, 'remote.incoming.documentNumber')}<input
                            name="documentNumber"
                            maxlength="60"
                            .value=${live(typed.documentNumber)}
                            @input=${(event: Event) => set({ documentNumber: value(event) })}
                        /></label>`
                    : nothing
                }
              </div>
              <div class="buttons">
                ${actions.map(
                  ([to, label]) =>
                    html`<button
                      type="button"
                      ?disabled=${busy}
                      aria-label=${msg(locale, 'remote.incoming.actionLabel', { action: label, number })}
                      @click=${() => act(to)}
                    >
                      ${label}
                    </button>`,
                )}
              </div>`
          : nothing
      }
    </li>`;
  }
}
