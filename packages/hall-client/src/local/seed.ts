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

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units), no white space, `undefined` members left out; equal
 * values always give the same text.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item: unknown) => canonicalJson(item ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/**
 * The text whose SHA-256 stands for an e-licence document in the simulated issuer: the canonical JSON of the
 * licence's fields. The same licence hashes the same here and on the reference hall server.
 */
export function licenceDocument(licence: Omit<Licence, 'sha256'>): string {
  const { sha256: _ignored, ...fields } = licence as Licence;
  return canonicalJson(fields);
}
