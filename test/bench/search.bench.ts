// Runs in Chromium (bundled and served by scripts/bench.mjs): 1,000 mixed queries over the 5,000-item
// synthetic catalog, by Yichuang's CatalogIndex and, in the same run on the same data, by pinyin-match.
import PinyinMatch from 'pinyin-match';
import { CatalogIndex, type Catalog } from '@yichuang/core';
import { EVERYDAY_QUERIES } from '../../packages/demo-catalog/test/everyday-queries.js';
import { indexTopFive, pinyinMatchTopFive, topFiveRatio } from '../../packages/demo-catalog/test/search-quality.js';
import { percentile } from './percentile.mjs';

/** A small seeded generator, so every run asks the same queries. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Queries as clerks type them: a third Chinese, a third full pinyin, a third initials, from real names. */
export function makeQueries(catalog: Catalog, count: number, seed = 7): string[] {
  const next = random(seed);
  const entries = [...catalog.items, ...catalog.bundles];
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = entries[Math.floor(next() * entries.length)]!;
    const chars = [...entry.name];
    const pinyin = entry.pinyin ?? chars;
    const length = Math.min(chars.length, 2 + Math.floor(next() * 3));
    const start = Math.floor(next() * (chars.length - length + 1));
    const kind = i % 3;
    if (kind === 0) queries.push(chars.slice(start, start + length).join(''));
    else if (kind === 1) queries.push(pinyin.slice(start, start + length).join(''));
    else
      queries.push(
        pinyin
          .slice(start, start + length)
          .map((syllable: string) => syllable[0])
          .join(''),
      );
  }
  return queries;
}

function time(queries: string[], search: (query: string) => number): { p50: number; p95: number; found: number } {
  const samples: number[] = [];
  let found = 0;
  for (const query of queries) {
    const started = performance.now();
    found += search(query) > 0 ? 1 : 0;
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), found };
}

export async function run(): Promise<Record<string, number>> {
  // Quality: the everyday queries on the demo catalog, ours and pinyin-match's, on the same data.
  const demo = (await (await fetch('/catalog.json')).json()) as Catalog;
  const quality = {
    'catalog.search.everyday_queries': EVERYDAY_QUERIES.length,
    'catalog.search.top5_ratio': round(topFiveRatio(indexTopFive(demo), EVERYDAY_QUERIES)),
    'catalog.search.baseline_top5_ratio': round(topFiveRatio(pinyinMatchTopFive(demo), EVERYDAY_QUERIES)),
  };

  // Speed: the 5,000-item synthetic catalog.
  const catalog = (await (await fetch('/synthetic-5000.json')).json()) as Catalog;
  const queries = makeQueries(catalog, 1000);
  const warmup = makeQueries(catalog, 200, 99);

  const buildStarted = performance.now();
  const index = new CatalogIndex(catalog);
  const buildMs = performance.now() - buildStarted;
  const ours = (query: string) => index.search(query, { limit: 50 }).total;

  const names = [...catalog.items, ...catalog.bundles].map((entry) => entry.name);
  const baseline = (query: string) => {
    let hits = 0;
    for (const name of names) if (PinyinMatch.match(name, query)) hits++;
    return hits;
  };

  time(warmup, ours);
  time(warmup.slice(0, 50), baseline);
  const a = time(queries, ours);
  const b = time(queries, baseline);
  return {
    ...quality,
    'catalog.search.queries': queries.length,
    'catalog.search.items': index.size,
    'catalog.search.index_build_ms': round(buildMs),
    'catalog.search.p50_ms': round(a.p50),
    'catalog.search.p95_ms': round(a.p95),
    'catalog.search.found_ratio': round(a.found / queries.length),
    'catalog.search.baseline_p50_ms': round(b.p50),
    'catalog.search.baseline_p95_ms': round(b.p95),
    'catalog.search.baseline_found_ratio': round(b.found / queries.length),
    'catalog.search.p95_ratio_to_baseline': round(a.p95 / b.p95),
    'timer.resolution_ms': round(timerResolution()),
  };
}

function timerResolution(): number {
  let smallest = Infinity;
  for (let i = 0; i < 1000; i++) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) b = performance.now();
    smallest = Math.min(smallest, b - a);
  }
  return smallest;
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
