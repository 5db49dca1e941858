import { createHash } from 'node:crypto';
import type { Licence } from '@yichuang/hall-client/protocol.js';

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units), no white space, `undefined` members left out.
 * Two equal values always give the same text, so the text can be hashed.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError('canonical JSON: not representable');
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/**
 * An e-licence as the issuer simulator answers it: its fields plus `sha256`, the SHA-256 (hex) of the canonical
 * JSON of every other field. A case that cites the licence can later prove which document it used.
 */
export function issueLicence(fields: Omit<Licence, 'sha256'>): Licence {
  const { sha256: _ignored, ...rest } = fields as Licence;
  const sha256 = createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
  return { ...rest, sha256 };
}
