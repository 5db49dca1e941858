import type { Catalog, HolidaySchedule } from '@yichuang/core';

/**
 * `GET /api/v1/catalog`: the hall's current catalog and the working-day calendar it uses for due dates.
 * Send `If-None-Match: "<version>"` to get `304` when the window already holds that version.
 */
export interface CatalogSnapshot {
  version: string;
  catalog: Catalog;
  /** Holiday notices the hall knows (one per year), for `WorkingDayCalendar.load`. */
  holidays: HolidaySchedule[];
}
