import * as v from 'valibot';
import { CatalogIndex, CatalogSchema, formatIssues, type Catalog } from '@yichuang/core';
import type { CatalogSource } from '../provider/context.js';

/**
 * Where in a malformed catalog the first problem is, in the catalog's own terms: the catalog as a whole, or the
 * N-th item or bundle (with its id and name when it has them), and the field.
 */
export interface CatalogProblemPlace {
  /** `catalog` for a field of the catalog itself (its version, its lists). */
  entry: 'catalog' | 'item' | 'bundle';
  /** 1-based position of the item or bundle in its list. */
  position?: number;
  id?: string;
  name?: string;
  /** The field's dot path inside the entry (`name`, `materials.2.copies`), or '' for the entry itself. */
  field: string;
}

/** What is known about a catalog that could not be had. */
export interface CatalogLoadFailure {
  /**
   * `network`: no answer reached this page (the network is down, the address is wrong, or the hall does not allow
   * this page's origin: a browser cannot tell these apart); `http`: the hall answered with an error status;
   * `format`: an answer came but is not a valid catalog.
   */
  reason: 'network' | 'http' | 'format';
  /** The address asked, made absolute. */
  url: string;
  /** This page's origin (for `network`: the one the hall must allow). */
  origin: string;
  /** The HTTP status, for `http`. */
  status?: number;
  /** Where the catalog is malformed, for `format` (absent when it is not JSON at all). */
  place?: CatalogProblemPlace;
  /** The dot path of the problem in the catalog, for `format`: `items.3.name`, or `(root)`. */
  path?: string;
  /** The technical detail: the browser's error, the status text, or the schema's message after the path. */
  detail: string;
}

/** A catalog that could not be loaded; `failure` says what is known, for the clerk's message and the host page. */
export class CatalogLoadError extends Error {
  readonly failure: CatalogLoadFailure;

  constructor(failure: CatalogLoadFailure) {
    const where = failure.path ? ` at ${failure.path}` : failure.status ? ` ${failure.status}` : '';
    super(`catalog ${failure.reason}${where}: ${failure.detail} (${failure.url})`);
    this.name = 'CatalogLoadError';
    this.failure = failure;
  }

  get reason(): CatalogLoadFailure['reason'] {
    return this.failure.reason;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The place of a dot path (`items.3.name`) in a catalog body. */
function placeOf(body: unknown, path: string): CatalogProblemPlace {
  const [list, index, ...field] = path.split('.');
  const position = Number(index);
  if ((list !== 'items' && list !== 'bundles') || !Number.isInteger(position)) {
    return { entry: 'catalog', field: path === '(root)' ? '' : path };
  }
  const entry = isRecord(body) && Array.isArray(body[list]) ? (body[list] as unknown[])[position] : undefined;
  const place: CatalogProblemPlace = {
    entry: list === 'items' ? 'item' : 'bundle',
    position: position + 1,
    field: field.join('.'),
  };
  if (isRecord(entry) && typeof entry.id === 'string') place.id = entry.id.slice(0, 64);
  if (isRecord(entry) && typeof entry.name === 'string') place.name = entry.name.slice(0, 60);
  return place;
}

/**
 * Fetches a catalog JSON and validates it with the same schema the hall server uses; `lang` is the language of the
 * schema's message when it is malformed.
 */
export async function loadCatalog(
  url: string,
  { signal, lang }: { signal?: AbortSignal; lang?: string } = {},
): Promise<Catalog> {
  const origin = globalThis.location?.origin ?? '';
  const absolute = new URL(url, globalThis.location?.href).href;
  const fail = (failure: Omit<CatalogLoadFailure, 'url' | 'origin'>) =>
    new CatalogLoadError({ url: absolute, origin, ...failure });
  let response: Response;
  try {
    response = await fetch(absolute, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw fail({ reason: 'network', detail: (error as Error).message });
  }
  if (!response.ok) throw fail({ reason: 'http', status: response.status, detail: response.statusText });
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw fail({ reason: 'format', path: '(root)', detail: (error as Error).message || 'not JSON' });
  }
  const parsed = v.safeParse(CatalogSchema, body, { lang });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = v.getDotPath(issue) ?? '(root)';
    // The schema's message, its field's key replaced by the whole path (`items.2.name: 不能为空`).
    const [detail = issue.message] = formatIssues([issue]);
    throw fail({ reason: 'format', path, place: placeOf(body, path), detail });
  }
  return parsed.output;
}

/**
 * The catalog a {@link CatalogSource} names: fetched and validated when it is an address (see {@link loadCatalog}),
 * awaited when it is a promise, as it is otherwise.
 */
export function catalogOf(
  source: CatalogSource,
  options: { signal?: AbortSignal; lang?: string } = {},
): Promise<Catalog> {
  return typeof source === 'string' ? loadCatalog(source, options) : Promise.resolve(source);
}

const indexes = new WeakMap<Catalog, CatalogIndex>();

/** The search index of a catalog, built once per catalog object. */
export function indexOf(catalog: Catalog): CatalogIndex {
  let index = indexes.get(catalog);
  if (!index) indexes.set(catalog, (index = new CatalogIndex(catalog)));
  return index;
}
