// How well a search serves the everyday queries: the share of queries for which an item or bundle a clerk would
// accept is among the first five hits. Shared by the quality test and `pnpm bench`.
import PinyinMatch from 'pinyin-match';
import { CatalogIndex, type Catalog } from '@yichuang/core';
import type { EverydayQuery } from './everyday-queries.js';

/** The ids of a search's first five hits (items and bundles), best first. */
export type TopFive = (query: string) => string[];

/** Yichuang's search: the catalog index, items and bundles ranked together. */
export function indexTopFive(catalog: Catalog): TopFive {
  const index = new CatalogIndex(catalog);
  return (query) =>
    index.search(query, { limit: 5 }).hits.map((hit) => (hit.kind === 'item' ? hit.item.id : hit.bundle.id));
}

/** The baseline: `pinyin-match` over names only, its first five matches in catalog order (items, then bundles). */
export function pinyinMatchTopFive(catalog: Catalog): TopFive {
  const entries = [...catalog.items, ...catalog.bundles];
  return (query) => {
    const found: string[] = [];
    for (const entry of entries) {
      if (PinyinMatch.match(entry.name, query)) found.push(entry.id);
      if (found.length === 5) break;
    }
    return found;
  };
}

/** Each query with its first five hits and whether an accepted one is among them. */
export function judge(search: TopFive, queries: readonly EverydayQuery[]) {
  return queries.map((q) => {
    const hits = search(q.query);
    return { ...q, hits, passed: hits.some((id) => q.accept.includes(id)) };
  });
}

/** The share of `queries` an accepted item or bundle answers within the first five hits. */
export function topFiveRatio(search: TopFive, queries: readonly EverydayQuery[]): number {
  return judge(search, queries).filter((result) => result.passed).length / queries.length;
}
