/**
 * The catalog the hall publishes and the working-day calendar it keeps. A published item version never changes:
 * a case keeps the item versions it was taken in under, and a changed item needs a new version.
 * @module
 */
import {
  CatalogSchema,
  HolidayScheduleSchema,
  type Catalog,
  type CaseItemFacts,
  type HolidaySchedule,
} from '@yichuang/core';
import { canonicalJson, hallIssue, type CatalogSnapshot } from '@yichuang/hall-client/protocol.js';
import { PRIMARY_KEY, first, get, put, query, type TxBody } from '../storage/port.js';
import { CALENDARS, CATALOGS, CATALOG_ITEMS, SETTINGS, type CatalogRow } from '../storage/tables.js';
import { audit, fail, isoNow, parse, type Caller, type EngineContext } from './context.js';
import { appendEvent } from './events.js';

/** What a case taken in under an item is checked against. */
export function itemFactsOf(item: Catalog['items'][number]): CaseItemFacts {
  return {
    id: item.id,
    version: item.version,
    name: item.name,
    caseKind: item.caseKind,
    highRisk: item.highRisk,
    materials: item.materials,
    postal: item.postal,
    conditions: item.conditions,
    ...(item.form === undefined ? {} : { form: item.form }),
    ...(item.overdueRule === undefined ? {} : { overdueRule: item.overdueRule }),
  };
}

/** The version of the catalog published last, or `undefined`. */
export function* currentCatalogVersion(): TxBody<string | undefined> {
  return (yield* get(SETTINGS, 'catalog.current'))?.value as string | undefined;
}

/** The holiday schedules the hall knows, by year. */
export function* schedules(): TxBody<HolidaySchedule[]> {
  return (yield* query(CALENDARS, PRIMARY_KEY)).map((row) => row.schedule);
}

/** How many times the calendar was published (part of the catalog's ETag: a new schedule is news). */
export function* calendarRevision(): TxBody<number> {
  return ((yield* get(SETTINGS, 'calendar.revision'))?.value as number | undefined) ?? 0;
}

/**
 * Stores a catalog version inside a write transaction, with its item versions and a `catalog.published` event.
 * Refuses (throws 409) an item version published before with other content.
 */
export function* storeCatalog(catalog: Catalog, at: string, by: string, locale: Caller['locale']): TxBody<void> {
  if (yield* get(CATALOGS, catalog.version))
    throw fail(locale, 'conflict', 'catalogExists', { version: catalog.version });
  for (const item of catalog.items) {
    const facts = itemFactsOf(item);
    const key = `${item.id}@${item.version}`;
    const known = yield* get(CATALOG_ITEMS, key);
    if (known && canonicalJson(known.facts) !== canonicalJson(facts)) {
      throw fail(locale, 'conflict', 'catalogItemChanged', { item: item.id, version: item.version });
    }
    if (!known) yield* put(CATALOG_ITEMS, { key, itemId: item.id, version: item.version, facts });
  }
  const last = yield* first(CATALOGS, 'seq', { reverse: true });
  yield* put(CATALOGS, { version: catalog.version, publishedAt: at, by, seq: (last?.seq ?? 0) + 1, catalog });
  yield* put(SETTINGS, { key: 'catalog.current', value: catalog.version });
  yield* appendEvent({ type: 'catalog.published', at, data: { version: catalog.version } });
}

/** Stores a year's holiday schedule inside a write transaction, with a `calendar.published` event. */
export function* storeSchedule(schedule: HolidaySchedule, at: string, by: string): TxBody<void> {
  yield* put(CALENDARS, { year: schedule.year, schedule, publishedAt: at, by });
  yield* put(SETTINGS, { key: 'calendar.revision', value: (yield* calendarRevision()) + 1 });
  yield* appendEvent({ type: 'calendar.published', at, data: { year: schedule.year } });
}

/** The version of the current catalog and the tag that changes with it or the calendar; `undefined` before any. */
function* currentTag(): TxBody<{ version: string; tag: string } | undefined> {
  const version = yield* currentCatalogVersion();
  if (version === undefined) return undefined;
  return { version, tag: `${version}~${yield* calendarRevision()}` };
}

/**
 * The current catalog's version and tag (see {@link catalogSnapshot}) without reading the catalog: what a transport
 * compares with the snapshot it holds.
 */
export async function catalogTag(context: EngineContext): Promise<{ version: string; tag: string } | undefined> {
  return context.read(currentTag);
}

/** The current catalog with the calendar, with the tag that changes with either; `undefined` before any. */
export async function catalogSnapshot(
  context: EngineContext,
): Promise<{ snapshot: CatalogSnapshot; tag: string } | undefined> {
  return context.read(function* () {
    const current = yield* currentTag();
    const row: CatalogRow | undefined = current && (yield* get(CATALOGS, current.version));
    if (!current || !row) return undefined;
    const holidays = yield* schedules();
    return { snapshot: { version: row.version, catalog: row.catalog as Catalog, holidays }, tag: current.tag };
  });
}

/** Publishes a catalog version (managers): validated with the core's schema, audited. */
export async function publishCatalog(context: EngineContext, caller: Caller, body: unknown): Promise<void> {
  const catalog = parse(CatalogSchema, body, caller.locale);
  const at = isoNow(context);
  await context.write(function* () {
    yield* storeCatalog(catalog, at, caller.session.subject, caller.locale);
    yield* audit(caller.session.subject, at, 'catalog.publish', catalog.version);
  });
}

/** Loads (or corrects) a year's holiday schedule (managers), audited. */
export async function publishCalendar(
  context: EngineContext,
  caller: Caller,
  year: unknown,
  body: unknown,
): Promise<void> {
  const schedule = parse(HolidayScheduleSchema, body, caller.locale);
  if (String(year) !== String(schedule.year)) {
    throw fail(caller.locale, 'invalid', 'calendarYear', { year: schedule.year, path: String(year).slice(0, 8) }, [
      hallIssue('calendarYear', caller.locale, { year: schedule.year }),
    ]);
  }
  const at = isoNow(context);
  await context.write(function* () {
    yield* storeSchedule(schedule, at, caller.session.subject);
    yield* audit(caller.session.subject, at, 'calendar.publish', String(schedule.year));
  });
}
