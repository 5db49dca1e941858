export type { DateInput } from './date.js';
export { toChinaDate, toChinaDateTime } from './date.js';
export type { HolidayPeriod, HolidaySchedule } from './schedule.js';
export { HolidayScheduleSchema, LATE_DECEMBER_FROM } from './schedule.js';
export { HOLIDAY_SCHEDULES, HOLIDAYS_2023, HOLIDAYS_2024, HOLIDAYS_2025, HOLIDAYS_2026 } from './data.js';
export type { ClockPause, CountOptions, DayInfo, DueDateRequest } from './calendar.js';
export { UnknownCalendarYearError, WorkingDayCalendar } from './calendar.js';
export { defaultCalendar } from './default.js';
