import type { Licence } from './licence.js';
import type { MutationKind } from './mutation.js';

/** Deepest nesting {@link canonicalJson} writes; hall inputs are bounded far below it before they are hashed. */
export const CANONICAL_MAX_DEPTH = 64;

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units), no white space, `undefined` members left out. Two
 * equal values always give the same text, so the text can be hashed: the hall hashes licence documents and
 * mutation contents this way, and an implementation of the protocol must do the same.
 *
 * @throws TypeError for a value JSON cannot represent (a function, a symbol, `undefined` at the top).
 * @throws RangeError for a value nested more than {@link CANONICAL_MAX_DEPTH} levels deep.
 */
export function canonicalJson(value: unknown): string {
  return canonical(value, 0);
}

function canonical(value: unknown, depth: number): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError('canonical JSON: not representable');
    return text;
  }
  if (depth >= CANONICAL_MAX_DEPTH) throw new RangeError(`canonical JSON: nested deeper than ${CANONICAL_MAX_DEPTH}`);
  if (Array.isArray(value)) return `[${value.map((item: unknown) => canonical(item ?? null, depth + 1)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item, depth + 1)}`).join(',')}}`;
}

/** The text whose SHA-256 is a licence's `sha256`: the canonical JSON of its other fields. */
export function licenceDocument(licence: Omit<Licence, 'sha256'>): string {
  const { sha256: _ignored, ...fields } = licence as Licence;
  return canonicalJson(fields);
}

/**
 * The text whose SHA-256 stands for what a mutation id was used for: the canonical JSON of `{ kind, payload, base }`
 * (`base` left out when absent). A retry carries the same content (`duplicate`); an id reused for other content is
 * a `conflict`.
 */
export function mutationContent(mutation: { kind: MutationKind | unknown; payload: unknown; base?: unknown }): string {
  return canonicalJson({ kind: mutation.kind, payload: mutation.payload, base: mutation.base });
}
