import { DIVISIONS_DATA, DIVISIONS_DATA_YEAR } from './divisions-data.js';
import { formatIdMessage } from './messages.js';
import type { IdCheckOptions, IdCheckResult } from './result.js';
import { clean, fail } from './result.js';

/** Level of a GB/T 2260 code: `XX0000` province, `XXXX00` prefecture-level city, otherwise county level. */
export type DivisionLevel = 'province' | 'city' | 'county';

/** Result of {@link checkDivisionCode}. */
export interface DivisionCheckResult extends IdCheckResult {
  level?: DivisionLevel;
  /** Name from the shipped list, when the code is in it. */
  name?: string;
}

/** Province-level prefixes of GB/T 2260 (incl. 71 台湾, 81 香港, 82 澳门). */
const PROVINCE_PREFIX = /^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])/;

let table: Map<string, string> | undefined;

/** Decodes the compact list on first use (see scripts/build-divisions.mjs for the encoding). */
function divisions(): Map<string, string> {
  if (table) return table;
  const map = new Map<string, string>();
  for (const line of DIVISIONS_DATA) {
    const [provincePart = '', ...cityParts] = line.split('|');
    const p = provincePart.slice(0, 2);
    map.set(p + '0000', provincePart.slice(2));
    for (const cityPart of cityParts) {
      const [cityHead = '', ...counties] = cityPart.split(',');
      const c = p + cityHead.slice(0, 2);
      map.set(c + '00', cityHead.slice(2));
      let prev = 0;
      for (const county of counties) {
        const explicit = /^\d\d/.test(county);
        const n = explicit ? Number(county.slice(0, 2)) : prev + 1;
        map.set(c + String(n).padStart(2, '0'), explicit ? county.slice(2) : county);
        prev = n;
      }
    }
  }
  table = map;
  return map;
}

/** Year of the shipped division list. */
export const DIVISION_LIST_YEAR: number = DIVISIONS_DATA_YEAR;

/** Whether a six-digit GB/T 2260 code is in the shipped list (province, city or county level). */
export function isKnownDivision(code: string): boolean {
  return divisions().has(clean(code));
}

/** Name of a six-digit GB/T 2260 code from the shipped list (e.g. `110105` → `朝阳区`), or `undefined`. */
export function divisionName(code: string): string | undefined {
  return divisions().get(clean(code));
}

/**
 * Names from the province down to the code's own level, as far as they are known
 * (e.g. `440305` → `['广东省', '深圳市', '南山区']`). Empty for an unknown province.
 */
export function divisionPath(code: string): string[] {
  const c = clean(code);
  if (!/^\d{6}$/.test(c)) return [];
  const map = divisions();
  const codes = [c.slice(0, 2) + '0000', c.slice(0, 4) + '00', c];
  const names: string[] = [];
  for (const k of new Set(codes)) {
    const name = map.get(k);
    if (name === undefined) break;
    names.push(name);
  }
  return names;
}

/**
 * The divisions one level below `parent` in the shipped list, by code: the provinces (no parent), the cities of a
 * province (`XX0000`), the counties of a city (`XXXX00`). What a region picker offers, province → city → county.
 */
export function divisionChildren(parent?: string): { code: string; name: string }[] {
  const map = divisions();
  const children: { code: string; name: string }[] = [];
  for (const [code, name] of map) {
    const level = divisionLevel(code);
    const under =
      parent === undefined
        ? level === 'province'
        : parent.endsWith('0000')
          ? level === 'city' && code.startsWith(parent.slice(0, 2))
          : level === 'county' && code.startsWith(parent.slice(0, 4));
    if (under) children.push({ code, name });
  }
  return children.sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** Level of a six-digit code by its structure. */
export function divisionLevel(code: string): DivisionLevel {
  return code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'city' : 'county';
}

/** Whether the code has the structure of a GB/T 2260 code: six digits, a real province prefix, no `XX00YY`. */
export function isDivisionStructure(code: string): boolean {
  return /^\d{6}$/.test(code) && PROVINCE_PREFIX.test(code) && !(code.slice(2, 4) === '00' && code.slice(4) !== '00');
}

/**
 * Checks a GB/T 2260 administrative division code (6 digits: province / city / county).
 * A well-formed code missing from the shipped list is valid with a warning (codes change over time).
 */
export function checkDivisionCode(input: string, options?: IdCheckOptions): DivisionCheckResult {
  const s = clean(input);
  if (s === '') return fail('empty', 'empty', options);
  if (!/^\d+$/.test(s)) return fail('charset', 'division.charset', options);
  if (s.length !== 6) return fail('length', 'division.length', options, { actual: s.length });
  if (!isDivisionStructure(s)) return fail('format', 'division.format', options, undefined, s);
  const result: DivisionCheckResult = { valid: true, normalized: s, warnings: [], level: divisionLevel(s) };
  const name = divisions().get(s);
  if (name === undefined) {
    result.warnings.push(formatIdMessage('division.unknown', { year: DIVISION_LIST_YEAR }, options?.locale));
  } else {
    result.name = name;
  }
  return result;
}
