import { createHash } from 'node:crypto';
import { licenceDocument, type Licence } from '@yichuang/hall-client/protocol.js';

/**
 * An e-licence as the issuer simulator answers it: its fields plus `sha256`, the SHA-256 (hex) of the canonical
 * JSON of every other field. A case that cites the licence can later prove which document it used.
 */
export function issueLicence(fields: Omit<Licence, 'sha256'>): Licence {
  const { sha256: _ignored, ...rest } = fields as Licence;
  return { ...rest, sha256: createHash('sha256').update(licenceDocument(rest), 'utf8').digest('hex') };
}
