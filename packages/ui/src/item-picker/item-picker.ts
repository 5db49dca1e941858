import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { consume } from '@lit/context';
import {
  ITEM_SUBTYPES,
  ITEM_TYPES,
  highlightRuns,
  type CatalogHit,
  type HighlightRange,
  type MatchedWord,
  type TimeLimit,
} from '@yichuang/core';
import { ObservableController } from '../controllers/observable-controller.js';
import { catalogFieldLabel, msg, resolveLocale, type Locale } from '../i18n/messages.js';
import { configContext, type CatalogSource, type YcConfig } from '../provider/context.js';
import { CatalogLoadError } from '../catalog/load-catalog.js';
import { ItemPickerController, type ItemPickerState, type ItemSelection } from './controller.js';
import { ItemSelectEvent } from './item-select-event.js';
import { CatalogErrorEvent } from './catalog-error-event.js';
import { itemPickerStyles } from './styles.js';

/**
 * Finds a service item (政务服务事项) or a bundle (一件事) by what people call it: its Chinese name, full pinyin or
 * initials (`ylbx` finds 医疗保险), its result (营业执照), its other names (社保卡, 开公司) and, for bundles, the life
 * events they serve (生孩子). Results show the matched characters (and the other word that matched, when it was
 * not the name), the item type and the promised time limit; bundles are listed beside items. Keyboard: type to
 * search, ↑/↓ to move (wrapping), Page Up/Down to move five at a time, Enter to pick, Esc to close the list (a
 * second Esc clears the query). While an input method composes (`she'bao`), the list holds still; it follows the
 * committed text. After a pick the picker says what was chosen; the query stays, or is cleared with
 * `clear-on-select`. The list opens over the page below the box, so the host's layout does not move.
 *
 * The catalog comes from the `catalog` property (a catalog object or the address of a catalog JSON), or
 * from the nearest `<yc-provider>`. A catalog that cannot be loaded is explained in a clerk's words, with a
 * button to load it again, and reported to the host page by `yc-catalog-error`.
 *
 * @tag yc-item-picker
 * @summary Search box over the service catalog, by Chinese, pinyin, initials and everyday words.
 * @fires {ItemSelectEvent} yc-item-select - The clerk picked an item or a bundle; `detail` is
 *   `{ kind: 'item', item }` or `{ kind: 'bundle', bundle, items }`. Bubbles and is composed.
 * @fires {CatalogErrorEvent} yc-catalog-error - The catalog could not be loaded; `detail` says why (`reason`
 *   `network`, `http`, `format` or `other`, with the address, the status, the place of the problem). Bubbles and is
 *   composed.
 * @csspart base - The wrapper of everything.
 * @csspart label - The search label.
 * @csspart input - The search box.
 * @csspart listbox - The list of results.
 * @csspart option - One result.
 * @csspart badge - The type badge of a result.
 * @csspart via - The other word a result matched by (its result, an alias, a life event).
 * @csspart status - The live count of results, or what was chosen.
 * @csspart message - Loading, error, no-result and empty-catalog messages.
 * @csspart retry - The button that loads a failed catalog again.
 * @cssprop [--yc-color-primary=#0b57a4] - Active result border and focused input.
 * @cssprop [--yc-color-highlight=#fde68a] - Background of matched characters.
 * @cssprop [--yc-font-size=16px] - Base font size before the large-text scale.
 * @cssprop [--yc-font-scale=1] - Font scale; large-text mode sets 1.375.
 * @cssprop [--yc-list-max-height=24em] - Height at which the result list scrolls.
 */
export class ItemPicker extends LitElement {
  static override styles = itemPickerStyles;

  /** The service catalog, or the address of a catalog JSON. Overrides the provider's. */
  @property({ attribute: 'catalog' }) catalog?: CatalogSource;

  /** UI language (`zh-CN`, `en-US`). Overrides the provider's; zh-CN when neither is set. */
  @property() locale?: string;

  /** Large-text mode (适老化), also switched on by the provider. */
  @property({ type: Boolean, attribute: 'large-text' }) largeText = false;

  /** Most results listed per kind (items, bundles). */
  @property({ type: Number }) limit = 50;

  /** Label of the search box, replacing the default text. */
  @property() label?: string;

  /** Clear the search box after a pick (by default the query stays, to refine it or pick again). */
  @property({ type: Boolean, attribute: 'clear-on-select' }) clearOnSelect = false;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  readonly #controller = new ItemPickerController();
  readonly #state = new ObservableController<ItemPickerState>(this, this.#controller.state$, this.#controller.state);

  /** The text in the search box. */
  get query(): string {
    return this.#state.value.query;
  }

  set query(value: string) {
    this.#controller.setQuery(value);
  }

  /** What the clerk picked last, or undefined. */
  get selection(): ItemSelection | undefined {
    return this.#state.value.chosen;
  }

  /** Resolves when the current catalog has loaded (or failed to); for hosts and tests. */
  get catalogReady(): Promise<void> {
    return this.#controller.setCatalog(this.#catalogSource);
  }

  get #catalogSource(): CatalogSource | undefined {
    return this.catalog ?? this._config?.catalog;
  }

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('limit')) this.#controller.limit = this.limit;
    this.#controller.clearOnSelect = this.clearOnSelect;
    this.#controller.lang = this.#locale;
    void this.#controller.setCatalog(this.#catalogSource);
  }

  #shownActive = -1;
  #reportedError?: Error;

  protected override updated(): void {
    const { active, open, error } = this.#state.value;
    // Tell the host page about a failed catalog, once per failure.
    if (error && error !== this.#reportedError) {
      this.#reportedError = error;
      this.dispatchEvent(
        new CatalogErrorEvent(
          error instanceof CatalogLoadError ? error.failure : { reason: 'other', detail: error.message },
        ),
      );
    }
    // Bring the active option into view when it changes, and only then (never scroll the page otherwise).
    const current = open ? active : -1;
    if (current === this.#shownActive) return;
    this.#shownActive = current;
    this.renderRoot.querySelector<HTMLElement>(`#option-${current}`)?.scrollIntoView({ block: 'nearest' });
  }

  /** Moves focus to the search box. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('input')?.focus(options);
  }

  #onInput(event: InputEvent): void {
    const { value } = event.target as HTMLInputElement;
    // While an input method composes, its raw letters (she'bao) are kept but not searched.
    if (event.isComposing) this.#controller.compose(value);
    else this.#controller.setQuery(value);
  }

  #onCompositionStart(event: CompositionEvent): void {
    this.#controller.compose((event.target as HTMLInputElement).value);
  }

  #onCompositionEnd(event: CompositionEvent): void {
    this.#controller.setQuery((event.target as HTMLInputElement).value);
  }

  #onKeydown(event: KeyboardEvent): void {
    // Keys pressed while an input method composes (pinyin → 汉字) belong to the input method.
    if (event.isComposing || event.keyCode === 229) return;
    switch (event.key) {
      case 'ArrowDown':
        this.#controller.move(1);
        break;
      case 'ArrowUp':
        this.#controller.move(-1);
        break;
      case 'PageDown':
        this.#controller.page(5);
        break;
      case 'PageUp':
        this.#controller.page(-5);
        break;
      case 'Enter':
        if (!this.#state.value.open) return;
        this.#select();
        break;
      case 'Escape':
        if (!this.#state.value.open && this.#state.value.query === '') return;
        this.#controller.escape();
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  #select(index?: number): void {
    const selection = this.#controller.choose(index);
    if (!selection) return;
    const event = new ItemSelectEvent(selection);
    this.dispatchEvent(event);
  }

  #errorText(error: Error | undefined): string {
    const locale = this.#locale;
    if (!(error instanceof CatalogLoadError))
      return msg(locale, 'picker.error.other', { detail: error?.message ?? '' });
    const { failure } = error;
    const { url, origin, status = 0, place } = failure;
    switch (failure.reason) {
      case 'network':
        return msg(locale, 'picker.error.network', { url, origin });
      case 'http':
        if (status === 404) return msg(locale, 'picker.error.http.404', { url });
        if (status === 401 || status === 403) return msg(locale, 'picker.error.http.denied', { status });
        if (status >= 500) return msg(locale, 'picker.error.http.server', { status });
        return msg(locale, 'picker.error.http', { status });
      default: {
        if (!place) return msg(locale, 'picker.error.notJson', { url });
        const field = catalogFieldLabel(locale, place.field);
        if (place.entry === 'catalog') return msg(locale, 'picker.error.format.catalog', { field });
        const label = place.name || place.id || '—';
        return msg(locale, `picker.error.format.${place.entry}`, { position: place.position ?? 0, label, field });
      }
    }
  }

  /** The technical detail of a failure, for whoever the clerk calls: the status, the path and the schema's message. */
  #errorDetail(error: Error | undefined): string {
    if (!(error instanceof CatalogLoadError)) return error?.message ?? '';
    const { reason, status, detail } = error.failure;
    return reason === 'http' ? `HTTP ${status} ${detail}`.trim() : detail;
  }

  #chosenText(chosen: ItemSelection): string {
    return chosen.kind === 'item'
      ? msg(this.#locale, 'picker.chosen', { name: chosen.item.name })
      : msg(this.#locale, 'picker.chosenBundle', { name: chosen.bundle.name, count: chosen.items.length });
  }

  #limitText(limit: TimeLimit): string {
    return msg(this.#locale, `limit.${limit.unit}`, { value: limit.value });
  }

  #renderName(name: string, ranges: readonly HighlightRange[]) {
    return highlightRuns(name, ranges).map((run) => (run.mark ? html`<mark>${run.text}</mark>` : run.text));
  }

  /** The other words a hit matched (its result, an alias, a life event, its description), highlighted. */
  #renderVia(words: readonly MatchedWord[]) {
    return words.map((word) => {
      let { text, ranges } = word;
      // A description is shown around what matched, not whole.
      if (word.field === 'description' && ranges.length > 0) {
        const from = Math.max(0, ranges[0]![0] - 8);
        const to = Math.min(text.length, ranges[ranges.length - 1]![1] + 8);
        ranges = ranges.map(([start, end]) => [start - from, end - from] as const);
        text = `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
        if (from > 0) ranges = ranges.map(([start, end]) => [start + 1, end + 1] as const);
      }
      const label = msg(this.#locale, `picker.via.${word.field}`);
      return html`<span class="via" part="via"
        ><span class="via-label">${label}</span>${this.#renderName(text, ranges)}</span
      >`;
    });
  }

  #renderOption(hit: CatalogHit, index: number, active: number) {
    const locale = this.#locale;
    const selected = index === active;
    const common = (badge: unknown, name: unknown, extra: unknown) => html`
      <div
        role="option"
        id="option-${index}"
        part="option"
        aria-selected=${selected ? 'true' : 'false'}
        @mousedown=${(event: MouseEvent) => event.preventDefault()}
        @click=${() => this.#select(index)}
      >
        ${badge}<span class="name">${name}</span>${extra}${this.#renderVia(hit.words)}
      </div>
    `;
    if (hit.kind === 'bundle') {
      return common(
        html`<span class="badge bundle" part="badge">${msg(locale, 'picker.bundleBadge')}</span>`,
        this.#renderName(hit.bundle.name, hit.ranges),
        html`<span class="limit">${msg(locale, 'picker.bundleItems', { count: hit.bundle.items.length })}</span>`,
      );
    }
    const { item } = hit;
    const type = ITEM_TYPES[item.type as keyof typeof ITEM_TYPES];
    const names = (item.subtype && ITEM_SUBTYPES[item.subtype]) || type;
    const typeName = names ? names[locale === 'en-US' ? 'en' : 'zh'] : (item.subtype ?? item.type);
    return common(
      html`<span class="badge" part="badge">${typeName}</span>`,
      this.#renderName(item.name, hit.ranges),
      html`<span class="limit"
        >${item.caseKind === 'immediate' ? msg(locale, 'picker.immediate') : this.#limitText(item.promisedLimit)}</span
      >`,
    );
  }

  #renderMessage(state: ItemPickerState) {
    const locale = this.#locale;
    switch (state.catalog) {
      case 'none':
        return html`<p class="message" part="message">${msg(locale, 'picker.noCatalog')}</p>`;
      case 'loading':
        return html`<p class="message" part="message">${msg(locale, 'picker.loading')}</p>`;
      case 'error':
        return html`<div class="message error" part="message" role="alert">
          <p>${this.#errorText(state.error)}</p>
          <p class="detail">${msg(locale, 'picker.error.detail', { detail: this.#errorDetail(state.error) })}</p>
          <button type="button" part="retry" @click=${() => void this.#controller.retry()}>
            ${msg(locale, 'picker.retry')}
          </button>
        </div>`;
      default:
        if (state.catalogSize === 0) {
          return html`<p class="message" part="message">${msg(locale, 'picker.emptyCatalog')}</p>`;
        }
        return nothing;
    }
  }

  protected override render() {
    const state = this.#state.value;
    const locale = this.#locale;
    const large = this.largeText || !!this._config?.largeText;
    const shown = state.items.length + state.bundles.length;
    const expanded = state.open && shown > 0;
    const searched = state.catalog === 'ready' && state.query.trim() !== '';
    const noResult = searched && state.total === 0;
    const chosen = state.chosen && !state.open ? this.#chosenText(state.chosen) : '';
    const status = chosen
      ? chosen
      : !searched
        ? ''
        : noResult
          ? msg(locale, 'picker.noResult', { query: state.query })
          : shown < state.total
            ? msg(locale, 'picker.countLimited', { total: state.total, shown })
            : msg(locale, 'picker.count', { total: state.total });
    return html`
      <div class="root ${large ? 'large' : ''}" part="base" lang=${locale}>
        <label for="search" part="label">${this.label ?? msg(locale, 'picker.label')}</label>
        <p class="hint" id="hint">${msg(locale, 'picker.hint')}</p>
        <div class="field">
          <input
            id="search"
            part="input"
            type="search"
            role="combobox"
            autocomplete="off"
            spellcheck="false"
            aria-autocomplete="list"
            aria-controls="listbox"
            aria-describedby="hint"
            aria-expanded=${expanded ? 'true' : 'false'}
            aria-activedescendant=${expanded && state.active >= 0 ? `option-${state.active}` : nothing}
            placeholder=${msg(locale, 'picker.placeholder')}
            .value=${live(state.query)}
            ?disabled=${state.catalog !== 'ready'}
            @input=${this.#onInput}
            @compositionstart=${this.#onCompositionStart}
            @compositionend=${this.#onCompositionEnd}
            @keydown=${this.#onKeydown}
          />
          <div
            id="listbox"
            class="listbox ${state.items.length === 0 || state.bundles.length === 0 ? 'single' : ''}"
            part="listbox"
            role="listbox"
            aria-label=${msg(locale, 'picker.label')}
            ?hidden=${!expanded}
          >
            ${
              state.items.length > 0
                ? html`<div role="group" aria-labelledby="items-label">
                    <div class="group-label" id="items-label">${msg(locale, 'picker.items')}</div>
                    ${state.items.map((hit, i) => this.#renderOption(hit, i, state.active))}
                  </div>`
                : nothing
            }
            ${
              state.bundles.length > 0
                ? html`<div role="group" aria-labelledby="bundles-label">
                    <div class="group-label" id="bundles-label">${msg(locale, 'picker.bundles')}</div>
                    ${state.bundles.map((hit, i) => this.#renderOption(hit, state.items.length + i, state.active))}
                  </div>`
                : nothing
            }
          </div>
        </div>
        <p
          class=${noResult ? 'status no-result' : chosen ? 'status chosen' : 'status'}
          part=${noResult ? 'message' : 'status'}
          role="status"
        >
          ${status}
        </p>
        ${this.#renderMessage(state)}
      </div>
    `;
  }
}
