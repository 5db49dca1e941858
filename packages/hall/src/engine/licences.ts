/**
 * The e-licence issuer simulator: licences kept sealed, found by a blind index of their holder (the identity number
 * is never stored in the clear, nor looked up by it).
 * @module
 */
import { LicenceLookupSchema, licenceDocument, type Licence } from '@yichuang/hall-client/protocol.js';
import { put, query, type TxBody } from '../storage/port.js';
import { LICENCES } from '../storage/tables.js';
import { sha256Hex, type Vault } from '../vault/vault.js';
import { openingVault, parse, type Caller, type EngineContext } from './context.js';

/** The sealing context of a licence. */
export const licenceContext = (key: string): string => `licence:${key}`;

/** A licence as its issuer answers it: its fields and the SHA-256 of their canonical JSON. */
export async function issueLicence(fields: Omit<Licence, 'sha256'>): Promise<Licence> {
  const { sha256: _ignored, ...rest } = fields as Licence;
  return { ...rest, sha256: await sha256Hex(licenceDocument(rest)) };
}

/** The rows of licences, sealed with `vault`, ready to store. */
export async function licenceRows(vault: Vault, licences: readonly Omit<Licence, 'sha256'>[]) {
  return Promise.all(
    licences.map(async (fields) => {
      const licence = await issueLicence(fields);
      // The key is blind too: a licence's number can be an identity number (a resident ID card's is).
      const key = await vault.index(`licence|${licence.type}|${licence.number}`);
      return {
        key,
        holderIndex: await vault.index(licence.holderId),
        sealed: await vault.seal(licence, licenceContext(key)),
      };
    }),
  );
}

/** Stores licence rows inside a write transaction (a licence known by its type and number is replaced). */
export function* storeLicences(rows: Awaited<ReturnType<typeof licenceRows>>): TxBody<void> {
  for (const row of rows) yield* put(LICENCES, row);
}

/** The licences issued to a holder (resident identity number or unified social credit code); [] for none. */
export async function lookupLicences(context: EngineContext, caller: Caller, body: unknown): Promise<Licence[]> {
  const { holderId } = parse(LicenceLookupSchema, body, caller.locale);
  const vault = openingVault(caller);
  const holderIndex = await vault.index(holderId);
  const rows = await context.read(() => query(LICENCES, 'holder', { equals: [holderIndex] }));
  return Promise.all(rows.map((row) => vault.open<Licence>(row.sealed, licenceContext(row.key))));
}
