/**
 * Setting a hall up: from a seed (the demo hall, a test hall) or from nothing but its name and a first manager (a
 * real hall, which a manager then configures through the hall's settings).
 * @module
 */
import { HOLIDAY_SCHEDULES, toChinaDate, type Catalog, type HolidaySchedule } from '@yichuang/core';
import type { Licence, QueueCategory } from '@yichuang/hall-client/protocol.js';
import { put } from '../storage/port.js';
import {
  ACCOUNTS,
  APPOINTMENTS,
  CATEGORIES,
  DEVICES,
  SETTINGS,
  WINDOWS,
  type AccountRow,
  type DeviceRow,
} from '../storage/tables.js';
import { audit, fail, isoNow, type EngineContext } from './context.js';
import { storeCatalog, storeSchedule } from './catalog.js';
import { licenceRows, storeLicences } from './licences.js';
import { hallInfo } from './sessions.js';

/** Everything a hall can be seeded with. */
export interface HallSeed {
  code: string;
  name: string;
  windows: readonly { code: string; name: string; categories: readonly string[] }[];
  categories: readonly QueueCategory[];
  /** People: a clerk's `windows` (or its one `window`), the usual one first. */
  accounts: readonly {
    user: string;
    password: string;
    role: 'clerk' | 'manager';
    name: string;
    window?: string;
    windows?: readonly string[];
  }[];
  devices: readonly {
    id: string;
    role: 'kiosk' | 'display' | 'rating-pad';
    name: string;
    token: string;
    window?: string;
  }[];
  /** E-licences of the simulated issuer, without their document hash (the hall computes it). */
  licences: readonly Omit<Licence, 'sha256'>[];
  /** The first catalog to publish. */
  catalog?: Catalog;
  /** Holiday schedules; the core's `HOLIDAY_SCHEDULES` when absent. */
  holidays?: readonly HolidaySchedule[];
  /**
   * Bookings of the day the hall is seeded, at a China time of day (`from`, `HH:MM`) for `minutes`: the codes a
   * demo or a test checks in. Later days' bookings are imported (`POST /api/v1/appointments/import`).
   */
  bookings?: readonly { code: string; category: string; from: string; minutes: number }[];
}

/**
 * Seeds an empty hall. Resolves `false`, changing nothing, when the hall was set up before (by this instance,
 * another tab or another process). Everything is hashed, wrapped and sealed first; then one transaction stores it.
 */
export async function seedHall(context: EngineContext, seed: HallSeed): Promise<boolean> {
  if (await context.read(hallInfo)) return false;
  const { material, vault } = await context.secrets.create();
  const at = isoNow(context);
  // A seed's passwords are known to whoever wrote it (the demo's and the bench's are public): accounts that share
  // one share its hash, so a seed of a hundred clerks costs one slow hash, not a hundred. A password an account
  // sets later is hashed on its own, with a salt of its own.
  const credentials = new Map<string, Promise<unknown>>();
  const credentialOf = (password: string) => {
    let credential = credentials.get(password);
    if (!credential) {
      credential = context.secrets.credential(password, vault);
      credentials.set(password, credential);
    }
    return credential;
  };
  const accounts: AccountRow[] = await Promise.all(
    seed.accounts.map(async (account) => ({
      user: account.user,
      name: account.name,
      role: account.role,
      windows: [...(account.windows ?? (account.window === undefined ? [] : [account.window]))],
      credential: await credentialOf(account.password),
      createdAt: at,
      updatedAt: at,
    })),
  );
  const devices: DeviceRow[] = await Promise.all(
    seed.devices.map(async (device) => ({
      id: device.id,
      name: device.name,
      role: device.role,
      ...(device.window === undefined ? {} : { window: device.window }),
      verifier: await context.secrets.deviceVerifier(device.token),
      enrolledAt: at,
    })),
  );
  const licences = await licenceRows(vault, seed.licences);
  const seeded = await context.write(function* () {
    if (yield* hallInfo()) return false;
    yield* put(SETTINGS, { key: 'hall', value: { code: seed.code, name: seed.name } });
    yield* put(SETTINGS, { key: 'secrets', value: material });
    yield* put(SETTINGS, { key: 'seal.key', value: vault.currentKeyId });
    for (const [position, category] of seed.categories.entries()) {
      yield* put(CATEGORIES, { code: category.code, letter: category.letter, name: { ...category.name }, position });
    }
    for (const [position, window] of seed.windows.entries()) {
      yield* put(WINDOWS, { code: window.code, name: window.name, categories: [...window.categories], position });
    }
    for (const account of accounts) yield* put(ACCOUNTS, account);
    for (const device of devices) yield* put(DEVICES, device);
    yield* storeLicences(licences);
    for (const schedule of seed.holidays ?? HOLIDAY_SCHEDULES) yield* storeSchedule(schedule, at, 'seed');
    if (seed.catalog) yield* storeCatalog(seed.catalog, at, 'seed', 'en-US');
    const day = toChinaDate(new Date(at));
    for (const booking of seed.bookings ?? []) {
      const start = Date.parse(`${day}T${booking.from}:00+08:00`);
      yield* put(APPOINTMENTS, {
        code: booking.code,
        day,
        category: booking.category,
        slotStart: new Date(start).toISOString(),
        slotEnd: new Date(start + booking.minutes * 60_000).toISOString(),
        importedAt: at,
      });
    }
    yield* audit('seed', at, 'hall.seed', seed.code);
    return true;
  });
  return seeded;
}

/** A new hall with nothing but its code, its name and its first manager; 409 if the hall is set up already. */
export async function initialiseHall(
  context: EngineContext,
  hall: { code: string; name: string; manager: { user: string; name: string; password: string } },
): Promise<void> {
  const seeded = await seedHall(context, {
    code: hall.code,
    name: hall.name,
    windows: [],
    categories: [],
    accounts: [{ ...hall.manager, role: 'manager' }],
    devices: [],
    licences: [],
  });
  if (!seeded) throw fail('en-US', 'conflict', 'invalid', {}, ['the hall is set up already']);
}
