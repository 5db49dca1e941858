import { expect } from '@open-wc/testing';
import * as v from 'valibot';
import { BookingSchema, SimulatedAppointmentSource, simulatedBookings, toChinaDate } from '@yichuang/core';

/** A fixed random source: the same day every run, each code from one byte (AAAA-AAAA, BBBB-BBBB, …). */
const counter = () => {
  let next = 0;
  return (n: number) => new Uint8Array(n).fill(next++);
};

describe('bookings of the booking system', () => {
  it('simulates a day: valid bookings with distinct codes, in slots from the opening time, China time', () => {
    const bookings = simulatedBookings('2026-12-04', {
      categories: ['A', 'B'],
      perCategory: 3,
      opens: '09:00',
      slotMinutes: 20,
      random: counter(),
    });
    expect(bookings).to.have.length(6);
    for (const booking of bookings) expect(v.is(BookingSchema, booking), JSON.stringify(booking)).to.equal(true);
    expect(new Set(bookings.map((booking) => booking.code)).size).to.equal(6);
    expect(bookings[0]).to.include({ category: 'A', slotStart: '2026-12-04T01:00:00.000Z' });
    expect(bookings[5]).to.include({ category: 'B', slotStart: '2026-12-04T01:40:00.000Z' });
    expect(bookings.every((booking) => toChinaDate(new Date(booking.slotStart)) === '2026-12-04')).to.equal(true);
  });

  it('answers the same day twice the same, and another day differently', async () => {
    const source = new SimulatedAppointmentSource({ categories: ['A'], perCategory: 2 });
    const first = await source.bookingsOf('2026-12-04');
    expect(await source.bookingsOf('2026-12-04')).to.deep.equal(first);
    expect((await source.bookingsOf('2026-12-05'))[0]!.slotStart).to.equal('2026-12-05T01:00:00.000Z');
  });

  it('refuses a booking with personal data, a malformed code or a slot that ends before it starts', () => {
    const booking = simulatedBookings('2026-12-04', { categories: ['A'], perCategory: 1 })[0]!;
    const messages = (input: unknown) =>
      (v.safeParse(BookingSchema, input, { lang: 'en-US' }).issues ?? []).map((issue) => issue.message);
    expect(messages(booking)).to.deep.equal([]);
    expect(messages({ ...booking, name: '张三' })[0]).to.match(/^name: not a field of a booking/);
    expect(messages({ ...booking, phone: '13812345678' })[0]).to.match(/no personal data/);
    expect(messages({ ...booking, code: '13812345678' })[0]).to.match(/^appointmentRef: /);
    expect(messages({ ...booking, slotEnd: booking.slotStart })).to.deep.equal(['slotEnd: must be after slotStart']);
  });

  it('gives up with a clear error, not a hang, when the random source keeps repeating codes', () => {
    const stuck = (n: number) => new Uint8Array(n);
    expect(() => simulatedBookings('2026-12-04', { categories: ['A'], perCategory: 2, random: stuck })).to.throw(
      RangeError,
      /random source repeats/,
    );
  });
});
