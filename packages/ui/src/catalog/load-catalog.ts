import * as v from 'valibot';
import { CatalogIndex, CatalogSchema, type Catalog } from '@yichuang/core';

/**
 * Why a catalog could not be had: an HTTP status, a malformed body (`path` says where), or no network.
 */
export class CatalogLoadError extends Error {
  constructor(
    readonly reason: 'http' | 'format' | 'network',
    readonly detail: string,
    readonly path = '',
  ) {
    super(`catalog ${reason}: ${path ? `${path}: ` : ''}${detail}`);
    this.name = 'CatalogLoadError';
  }
}

/** Fetches a catalog JSON and validates it with the same schema the hall server uses. */
export async function loadCatalog(url: string, signal?: AbortSignal): Promise<Catalog> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new CatalogLoadError('network', (error as Error).message);
  }
  if (!response.ok) throw new CatalogLoadError('http', String(response.status));
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new CatalogLoadError('format', 'not JSON', '(root)');
  }
  const parsed = v.safeParse(CatalogSchema, body);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    throw new CatalogLoadError('format', issue.message, v.getDotPath(issue) ?? '(root)');
  }
  return parsed.output;
}

const indexes = new WeakMap<Catalog, CatalogIndex>();

/** The search index of a catalog, built once per catalog object. */
export function indexOf(catalog: Catalog): CatalogIndex {
  let index = indexes.get(catalog);
  if (!index) indexes.set(catalog, (index = new CatalogIndex(catalog)));
  return index;
}
