import * as v from 'valibot';
import { ulidSchema } from '../ids/ulid.js';
import { WindowCodeSchema } from '../case/case-number.js';
import { codeSchema, isoTimestampSchema, objectMessage } from '../case/fields.js';
import { checkResidentIdStructure } from '../identity/resident-id-structure.js';

/** Kinds of queue ticket: walk-in, priority (elderly, disabled, pregnant …) and appointment check-in. */
export const TICKET_KINDS = {
  normal: { zh: '普通', en: 'Normal' },
  priority: { zh: '优先', en: 'Priority' },
  appointment: { zh: '预约', en: 'Appointment' },
} as const;
/** Key of {@link TICKET_KINDS}. */
export type TicketKind = keyof typeof TICKET_KINDS;

/** Where a ticket is in the queue. */
export const TICKET_STATUSES = {
  waiting: { zh: '等候中', en: 'Waiting' },
  called: { zh: '已叫号', en: 'Called' },
  serving: { zh: '办理中', en: 'Being served' },
  done: { zh: '已完成', en: 'Done' },
  'no-show': { zh: '过号', en: 'No-show' },
  transferred: { zh: '已转移', en: 'Transferred' },
} as const;
/** Key of {@link TICKET_STATUSES}. */
export type TicketStatus = keyof typeof TICKET_STATUSES;

/**
 * The booking code of an appointment (预约号) a ticket checks in: 4 to 32 letters, digits or `-`, upper-cased.
 * Tickets are shown on hall displays and sent to every kiosk, so the code must be an opaque reference: a value
 * shaped like a resident identity number or a mobile phone number is refused.
 */
export const AppointmentRefSchema = v.pipe(
  v.string('appointmentRef: a booking code string is required'),
  v.trim(),
  v.toUpperCase(),
  v.regex(/^[A-Z0-9-]{4,32}$/, 'appointmentRef: the booking code, 4 to 32 letters, digits or -'),
  v.check(
    (code) => !/^1\d{10}$/.test(code) && !checkResidentIdStructure(code).valid,
    'appointmentRef: the booking code, not an identity number or a phone number (tickets are shown in public)',
  ),
);

const KIND_KEYS = Object.keys(TICKET_KINDS) as [TicketKind, ...TicketKind[]];
const STATUS_KEYS = Object.keys(TICKET_STATUSES) as [TicketStatus, ...TicketStatus[]];
/** Statuses a ticket only reaches after a window called it. */
const CALLED_STATUSES: ReadonlySet<TicketStatus> = new Set(['called', 'serving', 'done', 'no-show']);

const TicketObjectSchema = v.object(
  {
    id: ulidSchema('id'),
    /** As printed and called: the category's letter(s) and a 3- or 4-digit sequence, e.g. `A012`. */
    number: v.pipe(
      v.string('number: a ticket number string is required'),
      v.regex(/^[A-Z]{1,2}\d{3,4}$/, 'number: one or two capital letters then 3 or 4 digits, e.g. A012'),
    ),
    /** Queue category, mapped to a kind of window. */
    category: codeSchema('category'),
    kind: v.picklist(KIND_KEYS, `kind: one of ${KIND_KEYS.join(', ')}`),
    issuedAt: isoTimestampSchema('issuedAt'),
    status: v.picklist(STATUS_KEYS, `status: one of ${STATUS_KEYS.join(', ')}`),
    /** The window that called it. */
    window: v.optional(WindowCodeSchema),
    calledAt: v.optional(isoTimestampSchema('calledAt')),
    /** The appointment checked in with this ticket. */
    appointmentRef: v.optional(AppointmentRefSchema),
  },
  objectMessage('ticket'),
);

/** A queue ticket (排队号). */
export const TicketSchema = v.pipe(
  TicketObjectSchema,
  v.forward(
    v.partialCheck(
      [['kind'], ['appointmentRef']],
      (t) => t.kind !== 'appointment' || t.appointmentRef !== undefined,
      'appointmentRef: an appointment ticket names its appointment',
    ),
    ['appointmentRef'],
  ),
  v.forward(
    v.partialCheck(
      [['status'], ['window']],
      (t) => !CALLED_STATUSES.has(t.status) || t.window !== undefined,
      'window: a called, served, done or no-show ticket names the window that called it',
    ),
    ['window'],
  ),
  v.forward(
    v.partialCheck(
      [['status'], ['calledAt']],
      (t) => !CALLED_STATUSES.has(t.status) || t.calledAt !== undefined,
      'calledAt: a called, served, done or no-show ticket has the time it was called',
    ),
    ['calledAt'],
  ),
  v.forward(
    v.partialCheck(
      [['issuedAt'], ['calledAt']],
      (t) => t.calledAt === undefined || Date.parse(t.calledAt) >= Date.parse(t.issuedAt),
      'calledAt: must not be before issuedAt',
    ),
    ['calledAt'],
  ),
);
export type Ticket = v.InferOutput<typeof TicketSchema>;
