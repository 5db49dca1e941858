import type { Licence } from './licence.js';
import type { MutationKind } from './mutation.js';

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units), no white space, `undefined` members left out. Two
 * equal values always give the same text, so the text can be hashed: the hall hashes licence documents and
 * mutation contents this way, and an implementation of the protocol must do the same.
 *
 * @throws TypeError for a value JSON cannot represent (a function, a symbol, `undefined` at the top).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError('canonical JSON: not representable');
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((item: unknown) => canonicalJson(item ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** The text whose SHA-256 is a licence's `sha256`: the canonical JSON of its other fields. */
export function licenceDocument(licence: Omit<Licence, 'sha256'>): string {
  const { sha256: _ignored, ...fields } = licence as Licence;
  return canonicalJson(fields);
}

/**
 * The text whose SHA-256 stands for what a mutation id was used for: the canonical JSON of `{ kind, payload }`.
 * A retry carries the same content (`duplicate`); an id reused for other content is a `conflict`.
 */
export function mutationContent(mutation: { kind: MutationKind | unknown; payload: unknown }): string {
  return canonicalJson({ kind: mutation.kind, payload: mutation.payload });
}
