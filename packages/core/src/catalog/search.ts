import type { Bundle, Catalog, ServiceItem } from './item.js';

/** A half-open range `[start, end)` of UTF-16 offsets into a name, to highlight. */
export type HighlightRange = readonly [start: number, end: number];

/** How a query term matched a name. */
export type MatchKind = 'name' | 'pinyin' | 'initials' | 'code';

/** One search result: an item or a bundle, with its score and the parts of its name to highlight. */
export type CatalogHit =
  | { kind: 'item'; item: ServiceItem; score: number; ranges: HighlightRange[]; matchedBy: MatchKind }
  | { kind: 'bundle'; bundle: Bundle; score: number; ranges: HighlightRange[]; matchedBy: MatchKind };

/** What a search found: the best hits, and how many matched in all. */
export interface CatalogSearchResult {
  hits: CatalogHit[];
  total: number;
}

export interface CatalogSearchOptions {
  /** Most hits returned, best first. Default 50. */
  limit?: number;
  /** Search items, bundles or both (default). */
  kinds?: readonly ('item' | 'bundle')[];
}

interface Entry {
  kind: 'item' | 'bundle';
  ref: ServiceItem | Bundle;
  /** The name's letters and digits (punctuation, symbols and spaces left out), folded to lower case. */
  text: string;
  /** For each UTF-16 offset of `text`, the index of the character it belongs to. */
  charAt: number[];
  /** For each character of `text`, its `[start, end)` in the name. */
  spans: (readonly [number, number])[];
  /** One syllable (or the character itself) per character of `text`, lower case. */
  syllables: string[];
  /** Bit `c - 97` set for every letter a–z found in the syllables (a fast reject). */
  letters: number;
  codes: string[];
}

const HAN = /\p{Script=Han}/u;
const SIGNIFICANT = /[\p{L}\p{N}]/u;

function letterMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 97;
    if (c >= 0 && c < 26) mask |= 1 << c;
  }
  return mask;
}

/** Lower case and NFKC (full-width letters and digits as typed), one character at a time. */
function fold(char: string): string {
  const folded = char.normalize('NFKC').toLowerCase();
  return [...folded].length === 1 ? folded : char.toLowerCase();
}

function toEntry(kind: 'item' | 'bundle', ref: ServiceItem | Bundle): Entry {
  const chars = [...ref.name];
  const pinyin = ref.pinyin && ref.pinyin.length === chars.length ? ref.pinyin : undefined;
  let text = '';
  const charAt: number[] = [];
  const spans: (readonly [number, number])[] = [];
  const syllables: string[] = [];
  let offset = 0;
  chars.forEach((char, i) => {
    const start = offset;
    offset += char.length;
    if (!SIGNIFICANT.test(char)) return;
    const folded = fold(char);
    for (let unit = 0; unit < folded.length; unit++) charAt.push(spans.length);
    text += folded;
    spans.push([start, offset]);
    syllables.push((pinyin?.[i] ?? folded).toLowerCase());
  });
  const codes = kind === 'item' ? [(ref as ServiceItem).implementationCode, (ref as ServiceItem).basicCode] : [];
  return {
    kind,
    ref,
    text,
    charAt,
    spans,
    syllables,
    letters: letterMask(syllables.join('')),
    codes: codes.map((c) => c.toLowerCase()),
  };
}

interface TermMatch {
  score: number;
  ranges: HighlightRange[];
  by: MatchKind;
}

/**
 * Matches a latin term against the syllables from syllable `start` on: each syllable is consumed whole or
 * by a prefix (at least its first letter), so `ylbx`, `yiliaobaoxian`, `yiliaobx` and `ylbaox` all find
 * 医疗保险. Returns how many syllables were used and how many of them were spelled out in full, or undefined.
 */
function matchSyllables(
  term: string,
  syllables: readonly string[],
  start: number,
): { count: number; full: number } | undefined {
  // Depth-first, preferring whole syllables; `dead` remembers (syllable, position) pairs that failed.
  let dead: Set<number> | undefined;
  const walk = (s: number, pos: number): { count: number; full: number } | undefined => {
    if (pos === term.length) return { count: s - start, full: 0 };
    if (s >= syllables.length) return undefined;
    const key = s * (term.length + 1) + pos;
    if (dead?.has(key)) return undefined;
    const syllable = syllables[s]!;
    let common = 0;
    while (common < syllable.length && pos + common < term.length && syllable[common] === term[pos + common]) {
      common++;
    }
    for (let take = common; take >= 1; take--) {
      const rest = walk(s + 1, pos + take);
      if (rest) return { count: rest.count, full: rest.full + (take === syllable.length ? 1 : 0) };
    }
    (dead ??= new Set()).add(key);
    return undefined;
  };
  return walk(start, 0);
}

/** The name range covering characters `[first, last]` of an entry. */
function span(entry: Entry, first: number, last: number): HighlightRange {
  return [entry.spans[first]![0], entry.spans[last]![1]];
}

/**
 * Han characters of the term found in order but apart (社保 in 社会保险, 医保 in 医疗保险): the abbreviations
 * clerks and applicants use. Each character is highlighted where it was found.
 */
function matchScattered(entry: Entry, term: string): TermMatch | undefined {
  const ranges: HighlightRange[] = [];
  let from = 0;
  let first = -1;
  let last = -1;
  for (const char of term) {
    const at = entry.text.indexOf(char, from);
    if (at < 0) return undefined;
    const index = entry.charAt[at]!;
    if (first < 0) first = index;
    last = index;
    ranges.push(span(entry, index, index));
    from = at + char.length;
  }
  const gaps = last - first + 1 - [...term].length;
  return { score: 250 - gaps * 8 - first * 2 - entry.spans.length * 0.5, ranges, by: 'name' };
}

function matchTerm(entry: Entry, term: string, termMask: number): TermMatch | undefined {
  const lengthPenalty = entry.spans.length * 0.5;
  const direct = entry.text.indexOf(term);
  if (direct >= 0) {
    const first = entry.charAt[direct]!;
    const last = entry.charAt[direct + term.length - 1]!;
    const exact = direct === 0 && term.length === entry.text.length;
    return {
      score: (exact ? 1000 : 600) + (first === 0 ? 100 : 0) - first * 2 - lengthPenalty,
      ranges: [span(entry, first, last)],
      by: 'name',
    };
  }
  if (HAN.test(term)) return matchScattered(entry, term);
  if ((termMask & entry.letters) === termMask) {
    const initial = term[0]!;
    for (let s = 0; s < entry.syllables.length; s++) {
      if (entry.syllables[s]![0] !== initial) continue;
      const found = matchSyllables(term, entry.syllables, s);
      if (!found) continue;
      const coverage = found.count / entry.syllables.length;
      return {
        score: 400 + (s === 0 ? 100 : 0) + coverage * 60 + found.full * 4 - s * 2 - lengthPenalty,
        ranges: [span(entry, s, s + found.count - 1)],
        by: found.full === 0 ? 'initials' : 'pinyin',
      };
    }
  }
  for (const code of entry.codes) {
    if (term.length >= 4 && code.startsWith(term)) return { score: 300, ranges: [], by: 'code' };
  }
  return undefined;
}

function mergeRanges(ranges: HighlightRange[]): HighlightRange[] {
  if (ranges.length < 2) return ranges;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [[sorted[0]![0], sorted[0]![1]]];
  for (const [start, end] of sorted.slice(1)) {
    const last = out[out.length - 1]!;
    if (start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/**
 * Splits a query into lower-case terms: at white space and punctuation, and between Han and latin runs
 * (`社保zy` → 社保, zy; `变更（补办）` → 变更, 补办).
 */
export function queryTerms(query: string): string[] {
  return query
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .normalize('NFKC')
    .toLowerCase()
    .split(/[\s\p{P}\p{S}]+|(?<=\p{Script=Han})(?=[a-z0-9])|(?<=[a-z0-9])(?=\p{Script=Han})/u)
    .filter((term) => term.length > 0);
}

/**
 * An in-memory search index over a catalog's items and bundles, by Chinese name, full pinyin, initials,
 * any mix of them (`ylbx`, `yiliaobx`), and implementation or basic code. Pinyin comes precomputed with
 * the catalog (`pinyin` on every item and bundle); without it only Chinese and codes match.
 *
 * Every term of a query must match; hits are ranked by how they matched (exact name, name, pinyin,
 * initials, code), how early, how much of the name they cover, and the shorter name first.
 */
export class CatalogIndex {
  readonly #entries: Entry[];

  constructor(catalog: Pick<Catalog, 'items' | 'bundles'>) {
    this.#entries = [
      ...catalog.bundles.map((bundle) => toEntry('bundle', bundle)),
      ...catalog.items.map((item) => toEntry('item', item)),
    ];
  }

  /** Number of items and bundles indexed. */
  get size(): number {
    return this.#entries.length;
  }

  /** Best hits for `query`, best first, and the number of all matches; an empty query finds nothing. */
  search(query: string, options: CatalogSearchOptions = {}): CatalogSearchResult {
    const limit = Number.isFinite(options.limit) ? Math.max(0, Math.floor(options.limit!)) : 50;
    const terms = queryTerms(query);
    if (terms.length === 0) return { hits: [], total: 0 };
    let total = 0;
    const masks = terms.map(letterMask);
    const kinds = options.kinds;
    // Keep the best `limit` hits in order without sorting everything.
    const best: { entry: Entry; score: number; ranges: HighlightRange[]; by: MatchKind }[] = [];
    for (const entry of this.#entries) {
      if (kinds && !kinds.includes(entry.kind)) continue;
      let score = 0;
      let ranges: HighlightRange[] = [];
      let by: MatchKind = 'name';
      let matched = true;
      for (let t = 0; t < terms.length; t++) {
        const m = matchTerm(entry, terms[t]!, masks[t]!);
        if (!m) {
          matched = false;
          break;
        }
        score += m.score;
        ranges = ranges.concat(m.ranges);
        if (t === 0) by = m.by;
      }
      if (!matched) continue;
      total++;
      if (best.length === limit && (limit === 0 || score <= best[best.length - 1]!.score)) continue;
      let at = best.length;
      while (at > 0 && best[at - 1]!.score < score) at--;
      best.splice(at, 0, { entry, score, ranges, by });
      if (best.length > limit) best.pop();
    }
    const hits = best.map(({ entry, score, ranges, by }): CatalogHit =>
      entry.kind === 'item'
        ? { kind: 'item', item: entry.ref as ServiceItem, score, ranges: mergeRanges(ranges), matchedBy: by }
        : { kind: 'bundle', bundle: entry.ref as Bundle, score, ranges: mergeRanges(ranges), matchedBy: by },
    );
    return { hits, total };
  }
}

/** Splits `text` into runs marked by `ranges` (for rendering highlights without HTML strings). */
export function highlightRuns(text: string, ranges: readonly HighlightRange[]): { text: string; mark: boolean }[] {
  const runs: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) runs.push({ text: text.slice(at, start), mark: false });
    if (end > start) runs.push({ text: text.slice(Math.max(start, at), end), mark: true });
    at = Math.max(at, end);
  }
  if (at < text.length) runs.push({ text: text.slice(at), mark: false });
  return runs;
}
