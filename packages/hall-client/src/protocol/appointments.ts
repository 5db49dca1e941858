import * as v from 'valibot';
import { BookingSchema, bilingual, objectMessage } from '@yichuang/core';

/** Most bookings one `POST /api/v1/appointments/import` carries (a day of a busy hall; send more in several). */
export const MAX_BOOKINGS_PER_IMPORT = 500;

/**
 * `POST /api/v1/appointments/import` (managers): bookings of the district's booking system (`BookingSchema` of the
 * core: code, category, slot; no name, no phone), 1 to {@link MAX_BOOKINGS_PER_IMPORT}, each code once. A booking
 * already known is replaced, unless it has been checked in (it is then left as it is).
 */
export const AppointmentImportSchema = v.object(
  {
    bookings: v.pipe(
      v.array(BookingSchema, bilingual('bookings: a list of bookings', 'bookings: 应为预约列表')),
      v.minLength(1, bilingual('bookings: at least one booking', 'bookings: 至少应有一条预约')),
      v.maxLength(
        MAX_BOOKINGS_PER_IMPORT,
        bilingual(
          `bookings: at most ${MAX_BOOKINGS_PER_IMPORT} per request`,
          `bookings: 每次最多导入 ${MAX_BOOKINGS_PER_IMPORT} 条预约`,
        ),
      ),
      v.check(
        (bookings) => new Set(bookings.map((booking) => booking.code)).size === bookings.length,
        bilingual('bookings: each code at most once', 'bookings: 每个预约号只能出现一次'),
      ),
    ),
  },
  objectMessage('appointment import'),
);
export type AppointmentImport = v.InferInput<typeof AppointmentImportSchema>;

/** What an import did: bookings added, replaced, and left as they were because they were checked in already. */
export interface AppointmentImportResult {
  added: number;
  updated: number;
  checkedIn: number;
}
