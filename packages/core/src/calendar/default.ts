import { WorkingDayCalendar } from './calendar.js';
import { HOLIDAY_SCHEDULES } from './data.js';

/**
 * A calendar built from the schedules shipped with this release ({@link HOLIDAY_SCHEDULES}). It is shared: a year
 * loaded into it with `defaultCalendar.load(schedule)` is seen by every user of the instance.
 */
export const defaultCalendar: WorkingDayCalendar = /* @__PURE__ */ new WorkingDayCalendar(HOLIDAY_SCHEDULES);
