import type { Bundle, Catalog, ServiceItem } from './item.js';

/** A half-open range `[start, end)` of UTF-16 offsets into a name or word, to highlight. */
export type HighlightRange = readonly [start: number, end: number];

/**
 * How a query term matched: its `characters` as written (Chinese, or latin letters of a name like ICP), whole
 * `pinyin` syllables, syllable `initials`, a `mixed` spelling (some syllables whole, some begun), Chinese
 * characters `apart` in the word (社保 in 社会保险), or an implementation or basic `code`.
 */
export type MatchKind = 'characters' | 'pinyin' | 'initials' | 'mixed' | 'apart' | 'code';

/** Which of an entry's words a term matched. Names rank above results, aliases and life events; descriptions last. */
export type MatchField = 'name' | 'result' | 'alias' | 'life-event' | 'description' | 'code';

/** A word other than the name that a query matched (an alias, the result's name, a life event), with its highlights. */
export interface MatchedWord {
  field: Exclude<MatchField, 'name' | 'code'>;
  /** The word as the catalog writes it. */
  text: string;
  /** Parts of `text` to highlight. */
  ranges: HighlightRange[];
}

interface HitMatch {
  score: number;
  /** Parts of the name to highlight (terms that matched the name). */
  ranges: HighlightRange[];
  /** How the first term of the query matched. */
  matchedBy: MatchKind;
  /** Which word the first term of the query matched. */
  field: MatchField;
  /** Whether the first term matched only through a synonym (社保 for 社会保险). */
  synonym: boolean;
  /** Other words the terms matched, each once, in the order the terms matched them. */
  words: MatchedWord[];
}

/** One search result: an item or a bundle, with its score and what to highlight. */
export type CatalogHit =
  ({ kind: 'item'; item: ServiceItem } & HitMatch) | ({ kind: 'bundle'; bundle: Bundle } & HitMatch);

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

/**
 * Scores of a term's match, by how it matched; every other consideration moves a score by less than the gap
 * between two of these, so that an exact word beats a loose syllable match wherever they are.
 */
const SCORE = {
  /** The whole word, as written. */
  exact: 1000,
  /** The whole word, every syllable spelled in full (`shebao` for 社保). */
  exactPinyin: 950,
  /** The whole word by its initials (`sbk` for 社保卡). */
  exactInitials: 900,
  /** Characters as written, inside the word. */
  characters: 600,
  /** Whole syllables inside the word. */
  pinyin: 550,
  /** Initials inside the word. */
  initials: 450,
  /** Syllables some whole, some only begun (`shebao` in 申报: she… of shen). */
  mixed: 380,
  code: 300,
  /** Chinese characters found in order but apart (社保 in 社会保险). */
  apart: 250,
} as const;

/** Subtracted by the field matched: a name match beats a result or alias match, which beats a description match. */
const FIELD_PENALTY: Record<MatchField, number> = {
  name: 0,
  result: 80,
  alias: 80,
  'life-event': 80,
  description: 320,
  code: 0,
};
/** Subtracted when a term matched only through a synonym. */
const SYNONYM_PENALTY = 120;
/** Most synonym variants made of one word (or query term). */
const MAX_VARIANTS = 8;

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

/** A word's significant characters, folded, each with its range in the word and its syllable. */
interface Letters {
  chars: string[];
  spans: (readonly [number, number])[];
  syllables: string[];
  /** In a synonym variant of a word: the characters `[first, end)` of the synonym put in. */
  replaced?: readonly [number, number];
}

/** The letters and digits of `word` (punctuation, symbols and spaces left out), with their syllables. */
function lettersOf(word: string, pinyin: readonly string[] | undefined): Letters {
  const all = [...word];
  const syllablesOf = pinyin && pinyin.length === all.length ? pinyin : undefined;
  const chars: string[] = [];
  const spans: (readonly [number, number])[] = [];
  const syllables: string[] = [];
  let offset = 0;
  all.forEach((char, i) => {
    const start = offset;
    offset += char.length;
    if (!SIGNIFICANT.test(char)) return;
    const folded = fold(char);
    chars.push(folded);
    spans.push([start, offset]);
    syllables.push((syllablesOf?.[i] ?? folded).toLowerCase());
  });
  return { chars, spans, syllables };
}

/** One word of an entry, ready to match: its name, result, an alias, a life event, its description, or a variant. */
interface Field {
  source: Exclude<MatchField, 'code'>;
  /** The word as the catalog writes it (for a synonym variant: the word it was made from). */
  word: string;
  /** The significant characters, folded, joined. */
  text: string;
  /** For each UTF-16 offset of `text`, the index of the character it belongs to. */
  charAt: number[];
  /** For each character of `text`, its `[start, end)` in `word`. */
  spans: (readonly [number, number])[];
  /** One syllable (or the character itself) per character of `text`, lower case. */
  syllables: string[];
  /** Bit `c - 97` set for every letter a–z found in the syllables (a fast reject). */
  letters: number;
  /** The first letter of every syllable, joined: where a latin term may start. */
  initials: string;
  /** Whether the text holds latin letters or digits (else a latin term can only match its pinyin). */
  latin: boolean;
  /** Syllables in the shortest whole word of the field (itself, or a known word in it): shorter terms match none. */
  shortestWord: number;
  /**
   * In a synonym variant of the word: the characters `[first, end)` of the synonym put in. Only a match that
   * touches them counts there: any other is the word's own.
   */
  replaced: readonly [number, number] | undefined;
  /** Known words (of the synonym groups) inside the field, as character ranges `[first, end)`: whole words. */
  words: (readonly [number, number])[];
  /** Subtracted from every match in this field. */
  penalty: number;
}

function toField(source: Field['source'], word: string, letters: Letters, thesaurus: Thesaurus): Field {
  const charAt: number[] = [];
  letters.chars.forEach((char, index) => {
    for (let unit = 0; unit < char.length; unit++) charAt.push(index);
  });
  return {
    source,
    word,
    text: letters.chars.join(''),
    charAt,
    spans: letters.spans,
    syllables: letters.syllables,
    letters: letterMask(letters.syllables.join('')),
    initials: letters.syllables.map((syllable) => syllable[0]).join(''),
    latin: /[a-z0-9]/.test(letters.chars.join('')),
    shortestWord: Math.min(
      letters.chars.length,
      ...(source === 'description' ? [] : thesaurus.occurrences(letters.chars).map(({ length }) => length)),
    ),
    replaced: letters.replaced,
    // A description is prose: the words in it are not what it is called.
    words:
      source === 'description'
        ? []
        : thesaurus.occurrences(letters.chars).map(({ at, length }) => [at, at + length] as const),
    penalty: FIELD_PENALTY[source] + (letters.replaced ? SYNONYM_PENALTY : 0) + letters.chars.length * 0.5,
  };
}

/**
 * The catalog's synonym groups (社保 = 社会保险), folded, with their syllables: finds where a word of a group stands
 * in a text and writes the text with each other word of the group instead.
 */
class Thesaurus {
  /** By first character: the words starting with it, longest first. */
  readonly #byFirst = new Map<string, { chars: string[]; group: number }[]>();
  readonly #groups: Letters[][] = [];

  constructor(groups: readonly (readonly string[])[], pinyin: Readonly<Record<string, readonly string[]>>) {
    for (const group of groups) {
      const members = group.map((word) => lettersOf(word, pinyin[word])).filter((word) => word.chars.length > 0);
      if (members.length < 2) continue;
      const index = this.#groups.push(members) - 1;
      for (const member of members) {
        const first = member.chars[0]!;
        const list = this.#byFirst.get(first) ?? [];
        list.push({ chars: member.chars, group: index });
        list.sort((a, b) => b.chars.length - a.chars.length);
        this.#byFirst.set(first, list);
      }
    }
  }

  get empty(): boolean {
    return this.#groups.length === 0;
  }

  /** Where words of the groups stand in `chars`: every occurrence (longer words first where two start together). */
  occurrences(chars: readonly string[]): { at: number; length: number; group: number; chars: string[] }[] {
    const found: { at: number; length: number; group: number; chars: string[] }[] = [];
    for (let at = 0; at < chars.length; at++) {
      for (const word of this.#byFirst.get(chars[at]!) ?? []) {
        if (word.chars.every((char, k) => chars[at + k] === char)) {
          found.push({ at, length: word.chars.length, group: word.group, chars: word.chars });
        }
      }
    }
    return found;
  }

  /**
   * `letters` written with other words of the synonym groups found in it: one replacement per variant, in the order
   * the words stand, at most `MAX_VARIANTS`. A replacing word's characters each cover the whole range of the word
   * they replace, so that highlights fall on the original.
   */
  variants(letters: Letters): Letters[] {
    const out: Letters[] = [];
    const { chars, spans, syllables } = letters;
    for (const { at, length, group, chars: word } of this.occurrences(chars)) {
      const covered = [spans[at]![0], spans[at + length - 1]![1]] as const;
      for (const member of this.#groups[group]!) {
        if (out.length >= MAX_VARIANTS) return out;
        if (member.chars.join('') === word.join('')) continue;
        out.push({
          chars: [...chars.slice(0, at), ...member.chars, ...chars.slice(at + length)],
          spans: [...spans.slice(0, at), ...member.chars.map(() => covered), ...spans.slice(at + length)],
          syllables: [...syllables.slice(0, at), ...member.syllables, ...syllables.slice(at + length)],
          replaced: [at, at + member.chars.length],
        });
      }
    }
    return out;
  }
}

interface Entry {
  kind: 'item' | 'bundle';
  ref: ServiceItem | Bundle;
  fields: Field[];
  /**
   * For field `f`: at `2f` its letters, at `2f + 1` the letters that begin its syllables (with every bit set when
   * the field holds digits, which a term may begin with too). Read in the hot loop without touching the fields.
   */
  masks: Int32Array;
  codes: string[];
}

function toEntry(kind: 'item' | 'bundle', ref: ServiceItem | Bundle, thesaurus: Thesaurus): Entry {
  const fields: Field[] = [];
  const wordPinyin = ref.wordPinyin ?? {};
  const add = (source: Field['source'], word: string, pinyin: readonly string[] | undefined, variants = true) => {
    const letters = lettersOf(word, pinyin);
    if (letters.chars.length === 0) return;
    fields.push(toField(source, word, letters, thesaurus));
    if (!variants) return;
    for (const variant of thesaurus.variants(letters)) fields.push(toField(source, word, variant, thesaurus));
  };
  add('name', ref.name, ref.pinyin);
  if (kind === 'item') {
    const item = ref as ServiceItem;
    add('result', item.result.name, wordPinyin[item.result.name]);
    for (const alias of item.aliases ?? []) add('alias', alias, wordPinyin[alias]);
  } else {
    const bundle = ref as Bundle;
    for (const alias of bundle.aliases ?? []) add('alias', alias, wordPinyin[alias]);
    for (const event of bundle.lifeEvents ?? []) add('life-event', event, wordPinyin[event]);
    add('description', bundle.description, undefined, false);
  }
  // Best first, so that a good match found early spares matching the fields that cannot beat it.
  fields.sort((a, b) => a.penalty - b.penalty);
  const codes = kind === 'item' ? [(ref as ServiceItem).implementationCode, (ref as ServiceItem).basicCode] : [];
  return {
    kind,
    ref,
    fields,
    masks: Int32Array.from(
      fields.flatMap((field) => [field.letters, /[0-9]/.test(field.initials) ? -1 : letterMask(field.initials)]),
    ),
    codes: codes.map((c) => c.toLowerCase()),
  };
}

/** How a term matched a field: its score, and the characters `[first, end)` (or, when apart, each one) it took. */
interface TermMatch {
  score: number;
  by: MatchKind;
  first: number;
  end: number;
  /** For a match `apart`: the index of each character found. */
  apart?: number[];
}

/** The ranges of the field's word a match covers, for highlighting. */
function rangesOf(field: Field, match: TermMatch): HighlightRange[] {
  if (match.by === 'code') return [];
  if (match.apart) return match.apart.map((index) => span(field, index, index));
  return [span(field, match.first, match.end - 1)];
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
  const found = walkSyllables(term, syllables, start, 0, { dead: undefined });
  return found ? { count: found.count - start, full: found.full } : undefined;
}

/**
 * Depth-first from syllable `s` at letter `pos` of the term, preferring whole syllables; `memo.dead` remembers
 * (syllable, position) pairs that failed. Returns the syllable after the last one used, and how many were whole.
 */
function walkSyllables(
  term: string,
  syllables: readonly string[],
  s: number,
  pos: number,
  memo: { dead: Set<number> | undefined },
): { count: number; full: number } | undefined {
  if (pos === term.length) return { count: s, full: 0 };
  if (s >= syllables.length) return undefined;
  const key = s * (term.length + 1) + pos;
  if (memo.dead?.has(key)) return undefined;
  const syllable = syllables[s]!;
  let common = 0;
  while (common < syllable.length && pos + common < term.length && syllable[common] === term[pos + common]) common++;
  for (let take = common; take >= 1; take--) {
    const rest = walkSyllables(term, syllables, s + 1, pos + take, memo);
    if (rest) {
      if (take === syllable.length) rest.full++;
      return rest;
    }
  }
  (memo.dead ??= new Set()).add(key);
  return undefined;
}

/** The word range covering characters `[first, last]` of a field. */
function span(field: Field, first: number, last: number): HighlightRange {
  return [field.spans[first]![0], field.spans[last]![1]];
}

/** Whether characters `[first, end)` touch the synonym a variant put in (always, in a word as written). */
function touches(field: Field, first: number, end: number): boolean {
  const replaced = field.replaced;
  return !replaced || (first < replaced[1] && end > replaced[0]);
}

/** Chinese characters of the term found in order but apart (社保 in 社会保险, 医保 in 医疗保险). */
function matchApart(field: Field, term: string): TermMatch | undefined {
  const apart: number[] = [];
  let from = 0;
  let first = -1;
  let last = -1;
  let count = 0;
  for (const char of term) {
    const at = field.text.indexOf(char, from);
    if (at < 0) return undefined;
    const index = field.charAt[at]!;
    if (first < 0) first = index;
    last = index;
    count++;
    apart.push(index);
    from = at + char.length;
  }
  if (!touches(field, first, last + 1)) return undefined;
  const gaps = last - first + 1 - count;
  return { score: SCORE.apart - gaps * 8 - first * 2 - field.penalty, by: 'apart', first, end: last + 1, apart };
}

/**
 * Whether characters `[first, end)` of a field are a whole word: the whole field, or a word of the synonym groups
 * standing in it (营业执照 in 办营业执照, 社保卡 where a variant put it for 社会保障卡).
 */
function wholeWord(field: Field, first: number, end: number): boolean {
  if (first === 0 && end === field.spans.length) return true;
  return field.words.some(([start, stop]) => start === first && stop === end);
}

/** The best way a latin term spells syllables of the field, if any. */
function matchPinyin(field: Field, term: string): TermMatch | undefined {
  let bestScore = -Infinity;
  let bestStart = -1;
  let bestCount = 0;
  let bestBy: MatchKind = 'mixed';
  const { syllables, initials, replaced } = field;
  // In a variant, only starts from which a match can reach the synonym put in (each syllable takes a letter or more).
  const from = replaced ? Math.max(0, replaced[0] - term.length + 1) : 0;
  const to = replaced ? replaced[1] : syllables.length;
  for (let s = initials.indexOf(term[0]!, from); s >= 0 && s < to; s = initials.indexOf(term[0]!, s + 1)) {
    const found = matchSyllables(term, syllables, s);
    if (!found || !touches(field, s, s + found.count)) continue;
    const whole = found.full === found.count;
    const initials = !whole && found.count === term.length;
    const all = wholeWord(field, s, s + found.count);
    let score: number;
    if (all && whole) score = SCORE.exactPinyin;
    else if (all && initials) score = SCORE.exactInitials;
    else {
      score = whole ? SCORE.pinyin : initials ? SCORE.initials : SCORE.mixed;
      score += (s === 0 ? 60 : 0) + (found.count / syllables.length) * 40 - s * 2;
    }
    score -= field.penalty;
    if (score > bestScore) {
      bestScore = score;
      bestStart = s;
      bestCount = found.count;
      bestBy = whole ? 'pinyin' : initials ? 'initials' : 'mixed';
      if (score === SCORE.exactPinyin - field.penalty) break; // nothing in this field can do better
    }
  }
  if (bestStart < 0) return undefined;
  return { score: bestScore, by: bestBy, first: bestStart, end: bestStart + bestCount };
}

function matchField(field: Field, term: Term): TermMatch | undefined {
  if (!term.han) {
    if ((term.letters & field.letters) !== term.letters) return undefined;
    if (!field.latin) return matchPinyin(field, term.text);
  }
  let direct = field.text.indexOf(term.text);
  while (direct >= 0 && !touches(field, field.charAt[direct]!, field.charAt[direct + term.text.length - 1]! + 1)) {
    direct = field.text.indexOf(term.text, direct + 1);
  }
  if (direct >= 0) {
    const first = field.charAt[direct]!;
    const last = field.charAt[direct + term.text.length - 1]!;
    const exact = wholeWord(field, first, last + 1);
    return {
      score: (exact ? SCORE.exact : SCORE.characters + (first === 0 ? 100 : 0) - first * 2) - field.penalty,
      by: 'characters',
      first,
      end: last + 1,
    };
  }
  if (term.han) return matchApart(field, term.text);
  return matchPinyin(field, term.text);
}

/** The most a term can score in a field: an exact word only when it is long enough to spell one. */
function bound(field: Field, term: Term): number {
  const exact = term.han || field.latin || term.text.length >= field.shortestWord;
  return (exact ? SCORE.exact : SCORE.characters + 100) - field.penalty;
}

/** A query term, or a synonym of it: its text, whether it holds Chinese, its letters, its penalty. */
interface Term {
  text: string;
  han: boolean;
  letters: number;
  /** The bit of its first letter. */
  first: number;
  penalty: number;
}

function toTerm(text: string, penalty: number): Term {
  // A term beginning with a digit: every bit, so that the fast rejects by first letter let it through.
  const first = /^[0-9]/.test(text) ? -1 : letterMask(text[0] ?? '');
  return { text, han: HAN.test(text), letters: letterMask(text), first, penalty };
}

interface Best {
  score: number;
  field: Field | undefined;
  match: TermMatch;
  synonym: boolean;
}

/** The best match of a term (or of any of its synonym forms) in an entry, or undefined. */
function matchEntry(entry: Entry, forms: readonly Term[]): Best | undefined {
  let best: Best | undefined;
  for (const term of forms) {
    const { fields, masks } = entry;
    for (let f = 0; f < fields.length; f++) {
      // Latin: the field's letters must hold the term's, and a syllable must begin with its first (a fast reject).
      if (!term.han && ((masks[2 * f]! & term.letters) !== term.letters || !(masks[2 * f + 1]! & term.first))) continue;
      const field = fields[f]!;
      // A synonym of the query against a synonym variant of a word goes back where it started.
      if (term.penalty > 0 && field.replaced) continue;
      // A field that cannot beat the best found is not matched at all.
      if (best && bound(field, term) - term.penalty <= best.score) continue;
      const match = matchField(field, term);
      if (!match) continue;
      const score = match.score - term.penalty;
      if (!best || score > best.score) {
        best = { score, field, match, synonym: term.penalty > 0 || field.replaced !== undefined };
      }
    }
  }
  if (best) return best;
  const term = forms[0]!;
  if (!term.han && term.text.length >= 4 && entry.codes.some((code) => code.startsWith(term.text))) {
    const match: TermMatch = { score: SCORE.code, by: 'code', first: 0, end: 0 };
    return { score: SCORE.code, field: undefined, match, synonym: false };
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

interface Ranked {
  entry: Entry;
  score: number;
  matches: Best[];
}

/**
 * An in-memory search index over a catalog's items and bundles. It finds an entry by its name, its result's name
 * (营业执照), its aliases (社保卡) and, for bundles, life events (生孩子) and description; each in Chinese, full
 * pinyin, initials or any mix (`ylbx`, `yiliaobx`), and items by implementation or basic code. Pinyin comes
 * precomputed with the catalog (`pinyin` and `wordPinyin`); without it only Chinese and codes match. The catalog's
 * synonym groups apply both ways: a word written one way in the query and another in the catalog still match.
 *
 * Every term of a query must match. Hits are ranked by how the terms matched (an exact word beats a loose syllable
 * match; whole syllables beat initials), then by where (the name before a result or alias, before a description; a
 * synonym a little lower), how early, how much of the word they cover, and the shorter word first.
 */
/** `a`–`z` as 0–25, `0`–`9` as 26–35, anything else -1: the letters a latin term is typed with. */
function letterCode(char: string | undefined): number {
  const c = char === undefined ? -1 : char.charCodeAt(0);
  if (c >= 97 && c <= 122) return c - 97;
  if (c >= 48 && c <= 57) return c - 22;
  return -1;
}
const LETTER_CODES = 36;

/** Sets the bit of the entry at `position` in a candidate set. */
function mark(bits: Uint32Array, position: number): void {
  bits[position >>> 5]! |= 1 << (position & 31);
}

export class CatalogIndex {
  readonly #entries: Entry[];
  readonly #thesaurus: Thesaurus;
  /* Candidate sets, one bit per entry: the entries holding a character (in a word, or a letter in its syllables), */
  readonly #holding = new Map<string, Uint32Array>();
  /* a syllable beginning with a letter, */
  readonly #beginning: Uint32Array[] = [];
  /* two letters a latin term may hold side by side (within a syllable, or where one syllable ends and the next
     begins, at any letter the first may be cut at), by `first * 36 + second`, */
  readonly #pairs: Uint32Array[] = [];
  /* and the items, and the bundles. */
  readonly #kinds = new Map<string, Uint32Array>();
  /** Length of a candidate set in 32-bit words. */
  readonly #words: number;

  constructor(catalog: Pick<Catalog, 'items' | 'bundles'> & Partial<Pick<Catalog, 'synonyms' | 'wordPinyin'>>) {
    this.#thesaurus = new Thesaurus(catalog.synonyms ?? [], catalog.wordPinyin ?? {});
    this.#entries = [
      ...catalog.bundles.map((bundle) => toEntry('bundle', bundle, this.#thesaurus)),
      ...catalog.items.map((item) => toEntry('item', item, this.#thesaurus)),
    ];
    const words = (this.#words = Math.ceil(this.#entries.length / 32));
    const set = (sets: Uint32Array[], at: number, position: number) =>
      mark((sets[at] ??= new Uint32Array(words)), position);
    const keyed = (sets: Map<string, Uint32Array>, key: string, position: number) => {
      let bits = sets.get(key);
      if (!bits) sets.set(key, (bits = new Uint32Array(words)));
      mark(bits, position);
    };
    const hold = (key: string, position: number) => keyed(this.#holding, key, position);
    this.#entries.forEach((entry, position) => {
      keyed(this.#kinds, entry.kind, position);
      for (const field of entry.fields) {
        for (const char of field.text) hold(char, position);
        const { syllables } = field;
        for (let i = 0; i < syllables.length; i++) {
          const syllable = syllables[i]!;
          const first = letterCode(syllable[0]);
          if (first >= 0) set(this.#beginning, first, position);
          const next = letterCode(syllables[i + 1]?.[0]);
          for (let k = 0; k < syllable.length; k++) {
            const letter = letterCode(syllable[k]);
            if (letter < 0) continue;
            hold(syllable[k]!, position);
            const after = letterCode(syllable[k + 1]);
            if (after >= 0) set(this.#pairs, letter * LETTER_CODES + after, position);
            if (next >= 0) set(this.#pairs, letter * LETTER_CODES + next, position);
          }
        }
      }
    });
  }

  /**
   * The entries that may match a term in one of its forms: those holding each of its characters (Chinese), or each
   * of its letters and letter pairs, with a syllable beginning with its first (latin); and those whose code it begins
   * (four or more).
   */
  #candidates(forms: readonly Term[]): Uint32Array {
    const any = new Uint32Array(this.#words);
    const all = new Uint32Array(this.#words);
    const and = (bits: Uint32Array | undefined) => {
      if (!bits) all.fill(0);
      else for (let w = 0; w < all.length; w++) all[w]! &= bits[w]!;
    };
    for (const term of forms) {
      all.fill(0xffffffff);
      for (const char of term.text) and(this.#holding.get(char));
      if (!term.han) {
        const first = letterCode(term.text[0]);
        if (first >= 0 && first < 26) and(this.#beginning[first]);
        for (let k = 0; k + 1 < term.text.length; k++) {
          const [a, b] = [letterCode(term.text[k]), letterCode(term.text[k + 1])];
          if (a >= 0 && b >= 0) and(this.#pairs[a * LETTER_CODES + b]);
        }
      }
      for (let w = 0; w < any.length; w++) any[w]! |= all[w]!;
    }
    const [term] = forms;
    if (term && !term.han && term.text.length >= 4) {
      this.#entries.forEach((entry, position) => {
        if (entry.codes.some((code) => code.startsWith(term.text))) mark(any, position);
      });
    }
    return any;
  }

  /** Number of items and bundles indexed. */
  get size(): number {
    return this.#entries.length;
  }

  /** A query term and, for a Chinese one holding a synonym, its other forms (社保卡 → 社会保障卡). */
  #forms(text: string): Term[] {
    const term = toTerm(text, 0);
    if (!term.han || this.#thesaurus.empty) return [term];
    const letters = lettersOf(text, undefined);
    return [
      term,
      ...this.#thesaurus.variants(letters).map((variant) => toTerm(variant.chars.join(''), SYNONYM_PENALTY)),
    ];
  }

  /** Best hits for `query`, best first, and the number of all matches; an empty query finds nothing. */
  search(query: string, options: CatalogSearchOptions = {}): CatalogSearchResult {
    const limit = Number.isFinite(options.limit) ? Math.max(0, Math.floor(options.limit!)) : 50;
    const terms = queryTerms(query).map((text) => this.#forms(text));
    if (terms.length === 0) return { hits: [], total: 0 };
    let total = 0;
    // Only entries that may match every term are looked at.
    const candidates = new Uint32Array(this.#words);
    for (const kind of options.kinds ?? ['item', 'bundle']) {
      const bits = this.#kinds.get(kind);
      if (bits) for (let w = 0; w < candidates.length; w++) candidates[w]! |= bits[w]!;
    }
    for (const forms of terms) {
      const bits = this.#candidates(forms);
      for (let w = 0; w < candidates.length; w++) candidates[w]! &= bits[w]!;
    }
    // Keep the best `limit` hits in order without sorting everything.
    const best: Ranked[] = [];
    for (let w = 0; w < candidates.length; w++) {
      for (let word = candidates[w]!; word !== 0; word &= word - 1) {
        const entry = this.#entries[w * 32 + (31 - Math.clz32(word & -word))]!;
        let score = 0;
        const matches: Best[] = [];
        for (const forms of terms) {
          const match = matchEntry(entry, forms);
          if (!match) break;
          score += match.score;
          matches.push(match);
        }
        if (matches.length < terms.length) continue;
        total++;
        if (best.length === limit && (limit === 0 || score <= best[best.length - 1]!.score)) continue;
        let at = best.length;
        while (at > 0 && best[at - 1]!.score < score) at--;
        best.splice(at, 0, { entry, score, matches });
        if (best.length > limit) best.pop();
      }
    }
    return { hits: best.map(toHit), total };
  }
}

function toHit({ entry, score, matches }: Ranked): CatalogHit {
  const nameRanges: HighlightRange[] = [];
  const words: MatchedWord[] = [];
  for (const { field, match } of matches) {
    if (!field) continue;
    const ranges = rangesOf(field, match);
    if (field.source === 'name') {
      nameRanges.push(...ranges);
      continue;
    }
    const known = words.find((word) => word.field === field.source && word.text === field.word);
    if (known) known.ranges = mergeRanges([...known.ranges, ...ranges]);
    else words.push({ field: field.source, text: field.word, ranges });
  }
  const first = matches[0]!;
  const common = {
    score,
    ranges: mergeRanges(nameRanges),
    matchedBy: first.match.by,
    field: first.field?.source ?? 'code',
    synonym: first.synonym,
    words,
  } satisfies HitMatch;
  return entry.kind === 'item'
    ? { kind: 'item', item: entry.ref as ServiceItem, ...common }
    : { kind: 'bundle', bundle: entry.ref as Bundle, ...common };
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
