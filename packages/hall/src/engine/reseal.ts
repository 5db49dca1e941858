/**
 * Key rotation: rows sealed under an older key are sealed again under the current one, and blind indexes are
 * computed again with the current index key. Runs at start when the current key is not the one the hall last sealed
 * with (a setting), in batches: each batch opened and sealed first, then written in one transaction that re-checks
 * that no row changed meanwhile.
 * @module
 */
import type { Licence } from '@yichuang/hall-client/protocol.js';
import { PRIMARY_KEY, get, put, query, remove, type TableSpec } from '../storage/port.js';
import { ASSIST_VISITS, CASES, FOLLOWUPS, LICENCES, RATINGS, REMOTE_CASES, SETTINGS } from '../storage/tables.js';
import { assistContext } from '../kinds/assist-save.js';
import { remoteContext, remoteNameContext, resealIdentity } from './exchange.js';
import { sealedKeyId, type Vault } from '../vault/vault.js';
import { caseContext } from '../kinds/case-save.js';
import { ratingContext } from '../kinds/rating-save.js';
import type { EngineContext } from './context.js';
import { followUpContext } from './followups.js';
import { licenceContext, licenceRows } from './licences.js';

const BATCH = 200;

/** Seals the rows of one table again (their `field`, `sealed` by default), batch by batch; resolves how many changed. */
async function resealTable<R extends object>(
  context: EngineContext,
  vault: Vault,
  table: TableSpec<R>,
  contextOf: (row: R) => string,
  field = 'sealed',
): Promise<number> {
  const sealedOf = (row: R) => (row as Record<string, unknown>)[field] as string | undefined;
  let after: string | number | undefined;
  let changed = 0;
  for (;;) {
    const rows: R[] = await context.read(() =>
      query(table, PRIMARY_KEY, { ...(after === undefined ? {} : { after }), limit: BATCH }),
    );
    if (rows.length === 0) return changed;
    after = (rows.at(-1) as Record<string, string | number>)[table.key];
    const updates: { before: string; row: R }[] = [];
    for (const row of rows) {
      const sealed = sealedOf(row);
      if (sealed === undefined) continue;
      const keyId = sealedKeyId(sealed);
      // Sealed for the rating key (a local hall's pad): not the hall's key; left as it is.
      if (keyId === vault.currentKeyId || keyId === 'r') continue;
      const value = await vault.open<unknown>(sealed, contextOf(row));
      updates.push({ before: sealed, row: { ...row, [field]: await vault.seal(value, contextOf(row)) } });
    }
    changed += await context.write(function* () {
      let written = 0;
      for (const { before, row } of updates) {
        const current = yield* get(table, (row as Record<string, string | number>)[table.key]!);
        if (!current || sealedOf(current) !== before) continue;
        yield* put(table, row);
        written++;
      }
      return written;
    });
  }
}

/** Seals every licence again with blind indexes (its key, its holder) of the current index key. */
async function reindexLicences(context: EngineContext, vault: Vault): Promise<number> {
  const rows = await context.read(() => query(LICENCES, PRIMARY_KEY));
  const licences = [];
  for (const row of rows) licences.push(await vault.open<Licence>(row.sealed, licenceContext(row.key)));
  const fresh = await licenceRows(vault, licences);
  await context.write(function* () {
    for (const row of rows) yield* remove(LICENCES, row.key);
    for (const row of fresh) yield* put(LICENCES, row);
  });
  return rows.length;
}

/**
 * Seals again what an older key sealed, and recomputes the licences' blind indexes, when the current key is not the
 * one the hall last sealed with. Resolves how many rows changed (0 when nothing was to do, or where only people hold
 * the keys).
 */
export async function resealAll(context: EngineContext): Promise<number> {
  const vault = context.secrets.hallVault();
  if (!vault) return 0;
  const done = (await context.read(() => get(SETTINGS, 'seal.key')))?.value;
  if (done === vault.currentKeyId) return 0;
  let changed = 0;
  changed += await resealTable(context, vault, CASES, (row) => caseContext(row.id));
  changed += await resealTable(context, vault, RATINGS, (row) => ratingContext(row.id));
  changed += await resealTable(context, vault, FOLLOWUPS, (row) => followUpContext(row.ratingId));
  changed += await resealTable(context, vault, ASSIST_VISITS, (row) => assistContext(row.id));
  changed += await resealTable(context, vault, REMOTE_CASES, (row) => remoteContext(row.id));
  changed += await resealTable(context, vault, REMOTE_CASES, (row) => remoteNameContext(row.id), 'name');
  changed += await resealIdentity(context, vault);
  // Licences are few (the issuer simulator): read whole, sealed and indexed again under the current key.
  changed += await reindexLicences(context, vault);
  await context.write(() => put(SETTINGS, { key: 'seal.key', value: vault.currentKeyId }));
  return changed;
}
