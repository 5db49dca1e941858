import { BehaviorSubject, type Observable } from 'rxjs';
import type { Bundle, Catalog, CatalogHit, ServiceItem } from '@yichuang/core';
import { catalogOf, indexOf, type CatalogLoadError } from '../catalog/load-catalog.js';
import type { CatalogSource } from '../provider/context.js';

/** What a clerk picked: one item, or a bundle with its items in intake order. */
export type ItemSelection =
  { kind: 'item'; item: ServiceItem } | { kind: 'bundle'; bundle: Bundle; items: ServiceItem[] };

/** Everything the picker shows, derived from the catalog and the query. */
export interface ItemPickerState {
  /** `none`: no catalog configured; `loading`; `ready`; `error` (see `error`). */
  catalog: 'none' | 'loading' | 'ready' | 'error';
  error?: CatalogLoadError | Error;
  /** Items plus bundles in the catalog. */
  catalogSize: number;
  query: string;
  /** Item hits, best first. */
  items: Extract<CatalogHit, { kind: 'item' }>[];
  /** Bundle hits, best first. */
  bundles: Extract<CatalogHit, { kind: 'bundle' }>[];
  /** All matches, of which `items` and `bundles` show up to the limit each. */
  total: number;
  /** Index of the active option in `options` order (items, then bundles); -1 for none. */
  active: number;
  /** Whether the list of options is shown. */
  open: boolean;
  /** Whether an input method is composing the query: the list holds still until it commits. */
  composing: boolean;
  /** What the clerk picked last, until the next pick or until the query is cleared. */
  chosen?: ItemSelection;
}

const INITIAL: ItemPickerState = {
  catalog: 'none',
  catalogSize: 0,
  query: '',
  items: [],
  bundles: [],
  total: 0,
  active: -1,
  open: false,
  composing: false,
};

/**
 * The item picker's behaviour, without a DOM: loads the catalog, searches as the query changes, moves the
 * active option, and turns the active option into a selection. Views subscribe to `state$`.
 */
export class ItemPickerController {
  readonly #state = new BehaviorSubject<ItemPickerState>(INITIAL);
  #catalog?: Catalog;
  #source?: CatalogSource;
  #settled?: Promise<void>;
  #loading?: AbortController;

  /** Most hits shown per kind. */
  limit: number;
  /** Whether picking clears the query (the default keeps it, to refine or pick again). */
  clearOnSelect: boolean;
  /** Language of the messages of a malformed catalog's problems (`zh-CN`, `en-US`). */
  lang?: string;

  constructor(options: { limit?: number; clearOnSelect?: boolean } = {}) {
    this.limit = options.limit ?? 50;
    this.clearOnSelect = options.clearOnSelect ?? false;
  }

  get state$(): Observable<ItemPickerState> {
    return this.#state.asObservable();
  }

  get state(): ItemPickerState {
    return this.#state.value;
  }

  /** Hits in keyboard order: items first, then bundles. */
  get options(): CatalogHit[] {
    return [...this.state.items, ...this.state.bundles];
  }

  #set(patch: Partial<ItemPickerState>): void {
    this.#state.next({ ...this.#state.value, ...patch });
  }

  /**
   * Uses a catalog, loads one from an address, or waits for a promised one. The promise settles when that
   * catalog is ready or has failed; asking again for the same source gives the same promise.
   */
  setCatalog(source: CatalogSource | undefined): Promise<void> {
    if (source === this.#source && this.#settled) return this.#settled;
    this.#source = source;
    this.#loading?.abort();
    this.#loading = undefined;
    return (this.#settled = this.#use(source));
  }

  async #use(source: CatalogSource | undefined): Promise<void> {
    if (source === undefined || source === '') {
      this.#catalog = undefined;
      this.#set({ catalog: 'none', error: undefined, catalogSize: 0 });
      this.#search();
      return;
    }
    if (typeof source !== 'string' && !(source instanceof Promise)) {
      this.#ready(source);
      return;
    }
    const loading = (this.#loading = new AbortController());
    this.#set({ catalog: 'loading', error: undefined });
    try {
      const catalog = await catalogOf(source, { signal: loading.signal, lang: this.lang });
      if (!loading.signal.aborted) this.#ready(catalog);
    } catch (error) {
      if (loading.signal.aborted) return;
      this.#catalog = undefined;
      this.#set({ catalog: 'error', error: error as Error, catalogSize: 0 });
      this.#search();
    }
  }

  #ready(catalog: Catalog): void {
    this.#catalog = catalog;
    this.#set({ catalog: 'ready', error: undefined, catalogSize: catalog.items.length + catalog.bundles.length });
    this.#search();
  }

  /** Loads the current catalog source again (after a failure). */
  retry(): Promise<void> {
    const source = this.#source;
    this.#source = undefined;
    this.#settled = undefined;
    return this.setCatalog(source);
  }

  /** Searches for `query`; the best option becomes active. Clearing the query forgets what was picked. */
  setQuery(query: string): void {
    this.#set(query === '' ? { query, composing: false, chosen: undefined } : { query, composing: false });
    this.#search();
  }

  /**
   * Keeps the text an input method is composing (`she'bao` before it becomes 社保) without searching it: the list
   * stays as it was until {@link setQuery} is given the committed text.
   */
  compose(text: string): void {
    this.#set({ query: text, composing: true });
  }

  #search(): void {
    const { query } = this.state;
    const catalog = this.#catalog;
    if (!catalog || query.trim() === '') {
      this.#set({ items: [], bundles: [], total: 0, active: -1, open: false });
      return;
    }
    const index = indexOf(catalog);
    const items = index.search(query, { limit: this.limit, kinds: ['item'] });
    const bundles = index.search(query, { limit: this.limit, kinds: ['bundle'] });
    const found = items.hits.length + bundles.hits.length;
    this.#set({
      items: items.hits as ItemPickerState['items'],
      bundles: bundles.hits as ItemPickerState['bundles'],
      total: items.total + bundles.total,
      active: found > 0 ? 0 : -1,
      open: true,
    });
  }

  /** Moves the active option by `delta`, wrapping around; opens the list if it was closed. */
  move(delta: number): void {
    const count = this.options.length;
    if (count === 0) return;
    if (!this.state.open) {
      this.#set({ open: true, active: Math.max(0, this.state.active) });
      return;
    }
    const from = this.state.active < 0 ? (delta > 0 ? -1 : count) : this.state.active;
    this.#set({ active: (((from + delta) % count) + count) % count });
  }

  /** Moves the active option by `delta` without wrapping, stopping at the first or the last (Page Up/Down). */
  page(delta: number): void {
    const count = this.options.length;
    if (count === 0) return;
    this.#set({ active: Math.min(count - 1, Math.max(0, this.state.active + delta)), open: true });
  }

  /** Makes option `index` active (first is 0; -1 for the last). */
  activate(index: number): void {
    const count = this.options.length;
    if (count === 0) return;
    this.#set({ active: index < 0 ? count - 1 : Math.min(index, count - 1), open: true });
  }

  /** Esc: closes an open list; on a closed one, clears the query. */
  escape(): void {
    if (this.state.open) this.#set({ open: false });
    else if (this.state.query !== '') this.setQuery('');
  }

  /** The selection for option `index` (default: the active one), or undefined when there is none. */
  choose(index = this.state.active): ItemSelection | undefined {
    const hit = this.options[index];
    const catalog = this.#catalog;
    if (!hit || !catalog) return undefined;
    let chosen: ItemSelection;
    if (hit.kind === 'item') chosen = { kind: 'item', item: hit.item };
    else {
      const byId = new Map(catalog.items.map((item) => [item.id, item]));
      const items = hit.bundle.items.map((id) => byId.get(id)).filter((item): item is ServiceItem => !!item);
      chosen = { kind: 'bundle', bundle: hit.bundle, items };
    }
    if (this.clearOnSelect) {
      this.setQuery('');
      this.#set({ chosen });
    } else this.#set({ active: index, open: false, chosen });
    return chosen;
  }

  /** Stops loading and completes `state$`. */
  dispose(): void {
    this.#loading?.abort();
    this.#state.complete();
  }
}
