/**
 * Bookings from the district's booking system: imported by a manager (`POST /api/v1/appointments/import`), looked up
 * when an applicant checks in by their code (see `issueTicket`).
 * @module
 */
import { toChinaDate } from '@yichuang/core';
import { AppointmentImportSchema, hallIssue, type AppointmentImportResult } from '@yichuang/hall-client/protocol.js';
import { get, put } from '../storage/port.js';
import { APPOINTMENTS, CATEGORIES } from '../storage/tables.js';
import { audit, fail, isoNow, parse, type Caller, type EngineContext } from './context.js';

/**
 * Stores a batch of bookings (managers): each under its code, on the China day of its slot. A booking known already
 * is replaced, unless it has been checked in: then it stays as it is (the ticket holds its slot). Every category must
 * be one the hall issues tickets of; nothing is stored otherwise.
 */
export async function importAppointments(
  context: EngineContext,
  caller: Caller,
  body: unknown,
): Promise<AppointmentImportResult> {
  const { locale } = caller;
  const { bookings } = parse(AppointmentImportSchema, body, locale);
  const at = isoNow(context);
  return context.write(function* () {
    const unknown = new Set<string>();
    const issues: string[] = [];
    for (const [index, booking] of bookings.entries()) {
      if (!(yield* get(CATEGORIES, booking.category))) {
        unknown.add(booking.category);
        issues.push(
          hallIssue('noCategory', locale, { field: `bookings.${index}.category`, category: booking.category }),
        );
      }
    }
    if (unknown.size > 0) {
      throw fail(locale, 'invalid', 'unknownCategory', { category: [...unknown].join(', ') }, issues);
    }
    const result: AppointmentImportResult = { added: 0, updated: 0, checkedIn: 0 };
    for (const booking of bookings) {
      const known = yield* get(APPOINTMENTS, booking.code);
      if (known?.ticketId !== undefined) {
        result.checkedIn++;
        continue;
      }
      yield* put(APPOINTMENTS, {
        ...booking,
        day: toChinaDate(new Date(booking.slotStart)),
        importedAt: at,
      });
      if (known) result.updated++;
      else result.added++;
    }
    yield* audit(caller.session.subject, at, 'appointments.import', `${bookings.length}`);
    return result;
  });
}
