import { readFile } from 'node:fs/promises';
import { DEMO_HALL, demoCatalog } from '@yichuang/demo-catalog';
import { hashPassword } from '../session/passwords.js';
import { hashToken } from '../session/tokens.js';
import { issueLicence } from '../licences/canonical.js';
import type { SeedData } from '../storage/storage.js';

/**
 * The demo hall's seed (`HALL_SEED=demo`): the demo catalog, the windows, queue categories, accounts, devices and
 * e-licences of `DEMO_HALL`. Passwords are hashed with scrypt at `passwordCost`; device tokens are stored as
 * SHA-256 only.
 *
 * @param catalogFile the built catalog with pinyin (`packages/demo-catalog/generated/catalog.json`); when it
 *   cannot be read, the catalog from the sources is used (without pinyin).
 */
export async function demoSeed(passwordCost: number, catalogFile: string | undefined): Promise<SeedData> {
  let catalog = { version: demoCatalog.version, json: JSON.stringify(demoCatalog) };
  if (catalogFile) {
    try {
      const json = await readFile(catalogFile, 'utf8');
      const parsed = JSON.parse(json) as { version?: unknown };
      if (typeof parsed.version === 'string' && parsed.version) catalog = { version: parsed.version, json };
    } catch {
      // Not built: the sources' catalog serves.
    }
  }
  return {
    hall: { code: DEMO_HALL.code, name: DEMO_HALL.name },
    windows: DEMO_HALL.windows.map((w) => ({ code: w.code, name: w.name, categories: [...w.categories] })),
    categories: DEMO_HALL.categories.map((c) => ({ code: c.code, letter: c.letter, name: { ...c.name } })),
    users: await Promise.all(
      DEMO_HALL.accounts.map(async (account) => ({
        user: account.user,
        name: account.name,
        role: account.role,
        ...('window' in account ? { window: account.window } : {}),
        passwordHash: await hashPassword(account.password, passwordCost),
      })),
    ),
    devices: DEMO_HALL.devices.map((device) => ({
      id: device.id,
      name: device.name,
      role: device.role,
      ...('window' in device ? { window: device.window } : {}),
      tokenHash: hashToken(device.token),
    })),
    licences: DEMO_HALL.licences.map((licence) => issueLicence({ ...licence })),
    catalog,
  };
}
