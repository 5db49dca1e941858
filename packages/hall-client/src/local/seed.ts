import type { Catalog, HolidaySchedule } from '@yichuang/core';
import type { Licence, QueueCategory } from '../protocol.js';
import type { HallWindow } from './database.js';

/**
 * Everything a local hall starts with: its windows and queue categories, the people and devices that may log in,
 * the e-licences its simulated issuer holds, and its catalog. `DEMO_HALL` of `@yichuang/demo-catalog` has this
 * shape; {@link loadDemoSeed} adds the demo catalog to it.
 */
export interface LocalHallSeed {
  code: string;
  name: string;
  windows: readonly HallWindow[];
  categories: readonly QueueCategory[];
  accounts: readonly {
    user: string;
    password: string;
    role: 'clerk' | 'manager';
    name: string;
    window?: string;
  }[];
  devices: readonly {
    id: string;
    role: 'kiosk' | 'display' | 'rating-pad';
    name: string;
    token: string;
    window?: string;
  }[];
  /** E-licences without their document hash: the hall computes it. */
  licences: readonly Omit<Licence, 'sha256'>[];
  catalog: Catalog;
  /** Holiday notices for due dates; the core's `HOLIDAY_SCHEDULES` when absent. */
  holidays?: readonly HolidaySchedule[];
}

/**
 * The demo hall (`DEMO_HALL`) with the demo catalog. Imported on demand, so that a district's bundle without the
 * demo does not carry the demo catalog.
 */
export async function loadDemoSeed(): Promise<LocalHallSeed> {
  const { DEMO_HALL, demoCatalog } = await import('@yichuang/demo-catalog');
  return { ...DEMO_HALL, catalog: demoCatalog };
}
