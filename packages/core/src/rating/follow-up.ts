import { UnknownCalendarYearError, type WorkingDayCalendar } from '../calendar/calendar.js';
import { formatDayNumber, toDayNumber, weekdayOfDayNumber } from '../calendar/date.js';

/** Working days a hall gives itself to close a bad rating's follow-up, unless its managers set another number. */
export const DEFAULT_FOLLOW_UP_DAYS = 5;
/** The most working days a hall may set for a follow-up. */
export const MAX_FOLLOW_UP_DAYS = 60;

/**
 * The day a bad rating's follow-up (核实、整改、反馈、回访) is due: `workingDays` working days after the China day of the
 * rating, by the hall's working-day calendar (the day of the rating never counts). When the calendar does not know a
 * day it would cross (a year whose holiday notice is not loaded), it counts Monday to Friday instead: a rating is
 * never refused, nor its follow-up left without a due day, for want of a notice.
 * @param day The China day (`YYYY-MM-DD`) of the rating.
 */
export function followUpDue(calendar: WorkingDayCalendar, day: string, workingDays: number): string {
  try {
    return calendar.addWorkingDays(day, workingDays);
  } catch (error) {
    if (!(error instanceof UnknownCalendarYearError)) throw error;
    let at = toDayNumber(day);
    for (let left = workingDays; left > 0;) {
      at++;
      const weekday = weekdayOfDayNumber(at);
      if (weekday !== 0 && weekday !== 6) left--;
    }
    return formatDayNumber(at);
  }
}

/** Whether an open follow-up is overdue on the China day `today`: past its due day (the due day itself is in time). */
export function isFollowUpOverdue(followUp: { readonly status: string; readonly due: string }, today: string): boolean {
  return followUp.status === 'open' && today > followUp.due;
}
