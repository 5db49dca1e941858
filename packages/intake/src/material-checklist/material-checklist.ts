import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { consume } from '@lit/context';
import {
  MAX_MATERIAL_FILES,
  MAX_MATERIAL_NOTE,
  RECEIPT_KINDS,
  maskIdNumber,
  toChinaDate,
  type CaseItemFacts,
  type CaseMaterial,
  type ReceiptKind,
} from '@yichuang/core';
import type { DocumentCamera } from '@yichuang/devices';
import { ObservableController, configContext, resolveLocale, token, type Locale, type YcConfig } from '@yichuang/ui';
import { msg } from '../i18n/messages.js';
import { formStyles, intakeStyles } from '../shared-styles.js';
import { explain } from '../i18n/explain.js';
import {
  MaterialChecklistController,
  type AttachmentSink,
  type ChecklistRow,
  type ChecklistState,
  type LicenceSource,
} from './controller.js';
import { MaterialsChangeEvent } from './materials-change-event.js';

/**
 * The material check of an intake (材料核验): every material on the list of the items taken in — a bundle's shared
 * materials once, with the items that need them — and only those. For each, the clerk records how it came: on paper
 * (with the copies), scanned, as an attachment, as an e-licence where the catalog names one, tolerated (容缺) only
 * where every item allows it, replaced by a commitment only where the catalog allows it, or missing; and may note
 * what is wrong with it, for the one-time notice. Given the hall (`licences`) and the applicant (`holderId`), it
 * looks up their e-licences and takes each material a valid one satisfies as that e-licence, citing it; with the
 * network down it says the look-up is unavailable and the clerk takes paper. The receipt choices are the core's
 * (`receiptChoices`), not this element's. A note or a copy count the case would refuse is said at once and kept on
 * screen, not recorded.
 *
 * Given a document camera (高拍仪: `camera`, or the provider's `documentCamera`) and the workstation's `store`, a
 * material received as a scan (扫描件) is captured page by page at the window: each page is stored encrypted and named
 * in the material's attachments, the pages counted, the last one removable; a camera missing, refused or busy is said
 * on the row, and the clerk takes the paper.
 *
 * Keyboard: Tab moves from material to material; arrow keys choose how one was received; Tab reaches its copies
 * and note.
 *
 * @tag yc-material-checklist
 * @summary The materials of the items taken in, each checked as received, tolerated, promised or missing.
 * @fires {MaterialsChangeEvent} yc-materials-change - The case's materials after each change the case would accept.
 * @csspart base - The wrapper of everything.
 * @csspart summary - How many materials are received, promised, missing, not checked.
 * @csspart list - The list of materials.
 * @csspart material - One material.
 * @csspart receipt - The receipt choices of a material.
 * @csspart copies - The copies field (paper only).
 * @csspart note - The note field.
 * @csspart problem - What is wrong with an entry.
 * @csspart licence-lookup - The button that looks up the applicant's e-licences.
 * @csspart licence-status - How the look-up went.
 * @csspart licence - The e-licence a material was taken as.
 * @csspart scan - The capture of a scanned material: its buttons and its count of pages.
 * @csspart capture - The button that captures a page through the document camera.
 * @csspart pages - How many pages of a material are captured.
 * @csspart remove-page - The button that removes a material's last captured page.
 * @csspart scan-problem - Why no page was captured.
 * @cssprop [--yc-color-primary=#0b57a4] - Chosen receipts.
 * @cssprop [--yc-color-danger=#b42318] - Required materials still open, and problems.
 * @cssprop [--yc-font-size=16px] - Base font size before the large-text scale.
 * @cssprop [--yc-font-scale=1] - Font scale; large-text mode sets 1.375.
 */
export class MaterialChecklist extends LitElement {
  static override styles = [
    intakeStyles,
    formStyles,
    css`
      .lookup {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: ${token('--yc-space')};
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: ${token('--yc-space')};
      }
      li {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 0.375em;
        padding: ${token('--yc-space')} calc(${token('--yc-space')} * 1.5);
        border: 1px solid ${token('--yc-color-border')};
        border-radius: ${token('--yc-radius')};
      }
      /* A required material not yet in hand: said in words (the summary, the badge), marked by a bar. */
      li.open {
        box-shadow: inset 4px 0 0 ${token('--yc-color-danger')};
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.25em 0.75em;
      }
      .name {
        font-weight: 700;
      }
      /* The receipt, the copies and the note on one line where the screen allows (at 1366 px it does). */
      .line {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: ${token('--yc-space')} calc(${token('--yc-space')} * 2);
      }
      .line label.field {
        font-weight: 400;
      }
      input[type='number'] {
        width: 6em;
      }
      .note {
        flex: 1 1 16em;
      }
      .summary {
        font-weight: 600;
      }
      .scan {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: ${token('--yc-space')};
      }
    `,
  ];

  /** The items taken in (their pinned catalog versions): the list is theirs, merged. */
  @property({ attribute: false }) items: readonly CaseItemFacts[] = [];

  /** The draft's materials as recorded so far; the element starts from them whenever they are set. */
  @property({ attribute: false }) materials: readonly CaseMaterial[] = [];

  /**
   * Where e-licences are looked up: the hall client of the window. With it and `holderId`, a button looks up the
   * applicant's e-licences and takes each material a valid one satisfies as that e-licence.
   */
  @property({ attribute: false }) licences?: LicenceSource;

  /** Whose e-licences: the applicant's resident identity number or credit code (never an attribute: personal data). */
  @property({ attribute: false }) holderId?: string;

  /**
   * The window's document camera (高拍仪); overrides the provider's `documentCamera`. With it and `store`, a material
   * received as a scan offers a button that captures a page.
   */
  @property({ attribute: false }) camera?: DocumentCamera;

  /** Where captured pages are kept: the workstation store (`putAttachment`), unlocked for the clerk. */
  @property({ attribute: false }) store?: AttachmentSink;

  /** The window's clock: which licences are still valid. */
  @property({ attribute: false }) now?: () => Date;

  /** UI language (`zh-CN`, `en-US`). Overrides the provider's; zh-CN when neither is set. */
  @property() locale?: string;

  /** Large-text mode (适老化), also switched on by the provider. */
  @property({ type: Boolean, attribute: 'large-text' }) largeText = false;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  /** The view's controller: the rules of the check, without a DOM. */
  readonly controller = new MaterialChecklistController();
  readonly #state = new ObservableController<ChecklistState>(this, this.controller.state$, this.controller.state);

  /** What the checklist shows now. */
  get state(): ChecklistState {
    return this.#state.value;
  }

  get #camera(): DocumentCamera | undefined {
    return this.camera ?? this._config?.documentCamera;
  }

  /** Stops a capture in progress when the element leaves the page. */
  #captures = new AbortController();

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#captures.signal.aborted) this.#captures = new AbortController();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#captures.abort();
  }

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('items') || changed.has('materials')) {
      // The materials the element itself announced come back from the host, maybe late (the clerk clicked again in
      // the meantime): keep what is on screen. Only materials from elsewhere (another draft, a reload) replace it.
      if (changed.has('items') || !this.#announced.has(this.materials)) {
        this.controller.load(this.items, this.materials);
        this.#state.value = this.controller.state;
      }
    }
  }

  /** Every materials list this element announced: the host's echo of any of them is no news. */
  readonly #announced = new WeakSet<readonly CaseMaterial[]>();

  #change(apply: () => void): void {
    const before = this.controller.state.materials;
    apply();
    this.#announce(before);
  }

  /** Announces the case's materials if they changed since `before`. */
  #announce(before: readonly CaseMaterial[]): void {
    // The controller keeps the same array while no record changes (an entry it refused changes none).
    const { materials } = this.controller.state;
    if (materials === before) return;
    this.#announced.add(materials);
    this.dispatchEvent(new MaterialsChangeEvent({ materials }));
  }

  async #lookUp(): Promise<void> {
    if (!this.licences || !this.holderId) return;
    const before = this.controller.state.materials;
    await this.controller.lookUpLicences(this.licences, this.holderId, toChinaDate(this.now?.() ?? new Date()));
    this.#announce(before);
  }

  async #capture(materialId: string): Promise<void> {
    const camera = this.#camera;
    if (!camera || !this.store) return;
    const before = this.controller.state.materials;
    await this.controller.capture(materialId, camera, this.store, this.#captures.signal);
    this.#announce(before);
  }

  async #removeLastPage(materialId: string, row: HTMLElement): Promise<void> {
    this.#change(() => this.controller.removeLastPage(materialId));
    await this.updateComplete;
    // The last page gone, its button goes too: the focus stays on the row, on the capture button.
    if (!row.querySelector('[part~="remove-page"]')) row.querySelector<HTMLElement>('[part~="capture"]')?.focus();
  }

  #renderLookup(locale: Locale): TemplateResult | typeof nothing {
    const { licensable, lookup } = this.state;
    if (!licensable || !this.licences || !this.holderId) return nothing;
    const sep = locale === 'zh-CN' ? '、' : ', ';
    const status =
      lookup.phase === 'idle'
        ? ''
        : lookup.phase === 'done'
          ? lookup.applied.length > 0
            ? msg(locale, 'checklist.licences.applied', { materials: lookup.applied.join(sep) })
            : msg(locale, 'checklist.licences.none')
          : lookup.phase === 'failed'
            ? msg(locale, 'checklist.licences.failed', { error: lookup.error ? explain(lookup.error, locale) : '' })
            : msg(locale, `checklist.licences.${lookup.phase}`);
    return html`<div class="lookup">
      <button
        class="secondary"
        type="button"
        part="licence-lookup"
        ?disabled=${lookup.phase === 'looking'}
        @click=${() => void this.#lookUp()}
      >
        ${msg(locale, 'checklist.licences.lookUp')}
      </button>
      <p
        part="licence-status"
        role="status"
        class=${lookup.phase === 'unavailable' || lookup.phase === 'failed' ? 'problem' : 'muted'}
      >
        ${status}
      </p>
    </div>`;
  }

  override render(): TemplateResult {
    const locale = this.#locale;
    const large = this.largeText || this._config?.largeText === true;
    const { rows, summary, dropped } = this.state;
    return html`<section class="root ${large ? 'large' : ''}" part="base" aria-labelledby="title" lang=${locale}>
      <h2 id="title">${msg(locale, 'checklist.title')}</h2>
      ${
        rows.length === 0
          ? html`<p class="muted">${msg(locale, 'checklist.empty')}</p>`
          : html`<div part="summary" class="summary-box" role="status">
                <p class="summary">${msg(locale, 'checklist.summary', { total: rows.length, ...summary })}</p>
                <p class=${summary.requiredOpen > 0 ? 'problem' : 'muted'}>
                  ${
                    summary.requiredOpen > 0
                      ? msg(locale, 'checklist.requiredOpen', { count: summary.requiredOpen })
                      : msg(locale, 'checklist.allRequired')
                  }
                </p>
              </div>
              ${this.#renderLookup(locale)}
              ${
                dropped.length > 0
                  ? html`<p class="problem" part="problem">
                      ${msg(locale, 'checklist.dropped', { materials: dropped.join(locale === 'zh-CN' ? '、' : ', ') })}
                    </p>`
                  : nothing
              }
              <ol part="list">
                ${rows.map((row, index) => this.#renderRow(row, index, locale))}
              </ol>`
      }
    </section>`;
  }

  #renderRow(row: ChecklistRow, index: number, locale: Locale): TemplateResult {
    const { merged, given, choices, problem, open } = row;
    const id = merged.material.id;
    const lang = locale === 'en-US' ? 'en' : 'zh';
    const sep = locale === 'zh-CN' ? '、' : ', ';
    const itemNames = merged.itemIds.map((itemId) => this.items.find((i) => i.id === itemId)?.name ?? itemId);
    const name = `m${index}`;
    return html`<li part="material" class=${open ? 'open' : ''} data-material=${id}>
      <div class="head">
        <span class="name" id="${name}-name">${index + 1}. ${merged.material.name}</span>
        <span class="badge ${merged.necessity === 'optional' ? 'optional' : ''}">
          ${msg(locale, merged.necessity === 'required' ? 'checklist.required' : 'checklist.optional')}
        </span>
        ${
          merged.itemIds.length > 1 || this.items.length > 1
            ? html`<span class="muted">${msg(locale, 'checklist.usedBy', { items: itemNames.join(sep) })}</span>`
            : nothing
        }
      </div>
      ${
        given?.licence
          ? html`<p class="hint" part="licence">
              ${msg(locale, 'checklist.licences.cited', {
                number: maskIdNumber(given.licence.number),
                issuer: given.licence.issuer,
              })}
            </p>`
          : nothing
      }
      ${
        merged.material.acceptanceStandard
          ? html`<p class="hint">
              ${msg(locale, 'checklist.standard', { standard: merged.material.acceptanceStandard })}
            </p>`
          : nothing
      }
      <div class="line">
        <fieldset part="receipt" aria-labelledby="${name}-name ${name}-legend">
          <legend id="${name}-legend" class="visually-hidden">${msg(locale, 'checklist.receipt')}</legend>
          <div class="choices">
            ${choices.map(
              (receipt) =>
                html`<label class="choice">
                  <input
                    type="radio"
                    name=${name}
                    .value=${receipt}
                    .checked=${live(given?.receipt === receipt)}
                    @change=${() => this.#change(() => this.controller.setReceipt(id, receipt as ReceiptKind))}
                  />${RECEIPT_KINDS[receipt][lang]}
                </label>`,
            )}
          </div>
        </fieldset>
        ${
          given?.receipt === 'paper'
            ? html`<label class="field" part="copies">
                <span>
                  ${msg(locale, 'checklist.copies')}
                  <span class="hint" id="${name}-asked">
                    ${msg(locale, 'checklist.copiesAsked', { copies: merged.copies })}
                  </span>
                </span>
                <input
                  type="number"
                  min="0"
                  max="99"
                  step="1"
                  inputmode="numeric"
                  .value=${live(String(given.copies))}
                  aria-invalid=${problem === 'copies' ? 'true' : 'false'}
                  aria-describedby="${name}-asked"
                  @input=${(event: Event) =>
                    this.#change(() =>
                      this.controller.setCopies(id, Number((event.target as HTMLInputElement).value || Number.NaN)),
                    )}
                />
              </label>`
            : given?.receipt === 'scan'
              ? this.#renderScan(id, given, name, locale)
              : nothing
        }
        <label class="field note" part="note">
          ${msg(locale, 'checklist.note')}
          <input
            type="text"
            .value=${live(given?.note ?? '')}
            placeholder=${msg(locale, 'checklist.notePlaceholder')}
            aria-invalid=${problem === 'note-long' ? 'true' : 'false'}
            aria-describedby=${problem ? `${name}-problem` : nothing}
            @change=${(event: Event) =>
              this.#change(() => this.controller.setNote(id, (event.target as HTMLInputElement).value))}
          />
        </label>
      </div>
      ${
        problem
          ? html`<p class="problem" part="problem" id="${name}-problem" role="alert">
              ${msg(locale, `checklist.problem.${problem}`, { max: MAX_MATERIAL_NOTE })}
            </p>`
          : nothing
      }
      ${this.#renderScanProblem(id, locale)}
    </li>`;
  }

  #renderScan(id: string, given: CaseMaterial, name: string, locale: Locale): TemplateResult | typeof nothing {
    const pages = given.attachments?.length ?? 0;
    const canCapture = this.#camera !== undefined && this.store !== undefined;
    if (!canCapture && pages === 0) return nothing;
    const { scan } = this.state;
    // Not `disabled` while capturing: the focus stays on the button the clerk pressed.
    const capturing = scan.phase === 'capturing';
    return html`<div class="scan" part="scan">
      ${
        canCapture
          ? html`<button
              class="secondary"
              type="button"
              part="capture"
              aria-describedby="${name}-name"
              aria-disabled=${capturing ? 'true' : 'false'}
              @click=${() => void this.#capture(id)}
            >
              ${msg(locale, capturing && scan.materialId === id ? 'checklist.scan.capturing' : 'checklist.scan.capture')}
            </button>`
          : nothing
      }
      <span part="pages" role="status">
        ${pages > 0 ? msg(locale, 'checklist.scan.pages', { count: pages }) : ''}
      </span>
      ${
        pages > 0
          ? html`<button
              class="secondary"
              type="button"
              part="remove-page"
              aria-describedby="${name}-name"
              @click=${(event: Event) =>
                void this.#removeLastPage(id, (event.currentTarget as HTMLElement).closest('li')!)}
            >
              ${msg(locale, 'checklist.scan.removeLast')}
            </button>`
          : nothing
      }
    </div>`;
  }

  #renderScanProblem(id: string, locale: Locale): TemplateResult | typeof nothing {
    const { scan } = this.state;
    if (scan.phase !== 'failed' || scan.materialId !== id || !scan.problem) return nothing;
    return html`<p class="problem" part="scan-problem" role="alert">
      ${msg(locale, `checklist.scan.problem.${scan.problem}`, {
        max: MAX_MATERIAL_FILES,
        error: scan.error ? explain(scan.error, locale) : '',
      })}
    </p>`;
  }
}
