import * as v from 'valibot';
import { codeSchema, isoTimestampSchema } from '../case/fields.js';
import { bilingual } from '../i18n/schema-message.js';
import { APPOINTMENT_REF_ALPHABET, AppointmentRefSchema } from './ticket.js';

const BOOKING_KEYS = ['code', 'category', 'slotStart', 'slotEnd'] as const;

/**
 * A booking of the district's booking system (预约), as the hall needs it to check an applicant in: the booking
 * reference, the queue category and the slot. Nothing else: a booking carrying a name, a phone number or any other
 * field is refused, so that no personal data of the booking system enters the hall by this door.
 */
export const BookingSchema = v.pipe(
  v.strictObject(
    {
      code: AppointmentRefSchema,
      category: codeSchema('category', 16),
      slotStart: isoTimestampSchema('slotStart'),
      slotEnd: isoTimestampSchema('slotEnd'),
    },
    bilingual<v.StrictObjectIssue>(
      (issue) =>
        issue.expected === 'never'
          ? `${issue.received.replace(/"/g, '')}: not a field of a booking (only ${BOOKING_KEYS.join(', ')}; no personal data)`
          : issue.expected?.startsWith('"')
            ? `${issue.expected.slice(1, -1)}: required`
            : 'booking: an object is required',
      (issue) =>
        issue.expected === 'never'
          ? `${issue.received.replace(/"/g, '')}: 预约只能包含 ${BOOKING_KEYS.join('、')}，不能含其他字段（不收个人信息）`
          : issue.expected?.startsWith('"')
            ? `${issue.expected.slice(1, -1)}: 必须填写`
            : 'booking: 应为对象',
    ),
  ),
  v.forward(
    v.partialCheck(
      [['slotStart'], ['slotEnd']],
      (booking) => Date.parse(booking.slotEnd) > Date.parse(booking.slotStart),
      bilingual('slotEnd: must be after slotStart', 'slotEnd: 预约时段的结束时间应晚于开始时间（slotStart）'),
    ),
    ['slotEnd'],
  ),
);
/** One booking: {@link BookingSchema}. */
export type Booking = v.InferOutput<typeof BookingSchema>;

/**
 * Where a hall's bookings come from: the district's booking system behind an adapter, or the simulator of the demo
 * and the tests ({@link SimulatedAppointmentSource}). A hall imports a day's bookings from it
 * (`POST /api/v1/appointments/import`), then checks applicants in by their code.
 */
export interface AppointmentSource {
  /** The bookings of a China day (`YYYY-MM-DD`). */
  bookingsOf(day: string): Promise<Booking[]>;
}

/** Options of {@link simulatedBookings}. */
export interface SimulatedBookingsOptions {
  /** The categories booked, each with `perCategory` bookings. */
  categories: readonly string[];
  /** Bookings per category. Default 4. */
  perCategory?: number;
  /** First slot, China time `HH:MM`. Default 09:00. */
  opens?: string;
  /** Minutes per slot. Default 30. */
  slotMinutes?: number;
  /** Random bytes (default: the platform's); a fixed source gives a fixed day, for tests. */
  random?: (n: number) => Uint8Array;
}

/**
 * A day of bookings as a booking system would give them: `perCategory` bookings per category, in slots of
 * `slotMinutes` from `opens` (China time), each with a fresh, distinct code.
 */
export function simulatedBookings(day: string, options: SimulatedBookingsOptions): Booking[] {
  const { perCategory = 4, opens = '09:00', slotMinutes = 30 } = options;
  const random = options.random ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)));
  const start = Date.parse(`${day}T${opens}:00+08:00`);
  if (Number.isNaN(start)) throw new RangeError(`simulatedBookings: not a day and time: ${day} ${opens}`);
  const codes = new Set<string>();
  const bookings: Booking[] = [];
  for (let slot = 0; slot < perCategory; slot++) {
    for (const category of options.categories) {
      let code: string;
      let attempts = 0;
      do {
        if (++attempts > 100) throw new RangeError('simulatedBookings: the random source repeats the same codes');
        const chars = [...random(8)].map((byte) => APPOINTMENT_REF_ALPHABET[byte % APPOINTMENT_REF_ALPHABET.length]!);
        code = `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
      } while (codes.has(code));
      codes.add(code);
      const from = start + slot * slotMinutes * 60_000;
      bookings.push({
        code,
        category,
        slotStart: new Date(from).toISOString(),
        slotEnd: new Date(from + slotMinutes * 60_000).toISOString(),
      });
    }
  }
  return bookings;
}

/** A booking system in memory: {@link simulatedBookings} for any day asked, the same day twice the same. */
export class SimulatedAppointmentSource implements AppointmentSource {
  readonly #options: SimulatedBookingsOptions;
  readonly #days = new Map<string, Booking[]>();

  constructor(options: SimulatedBookingsOptions) {
    this.#options = options;
  }

  async bookingsOf(day: string): Promise<Booking[]> {
    let bookings = this.#days.get(day);
    if (!bookings) {
      bookings = simulatedBookings(day, this.#options);
      this.#days.set(day, bookings);
    }
    return bookings.map((booking) => ({ ...booking }));
  }
}
