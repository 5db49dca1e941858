import * as v from 'valibot';
import { ulidSchema } from '../ids/ulid.js';
import { WindowCodeSchema } from '../case/case-number.js';
import { codeSchema, isoTimestampSchema, objectMessage } from '../case/fields.js';
import { bilingual } from '../i18n/schema-message.js';

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
  held: { zh: '挂起', en: 'On hold' },
  serving: { zh: '办理中', en: 'Being served' },
  done: { zh: '已完成', en: 'Done' },
  'no-show': { zh: '过号', en: 'No-show' },
  transferred: { zh: '已转移', en: 'Transferred' },
} as const;
/** Key of {@link TICKET_STATUSES}. */
export type TicketStatus = keyof typeof TICKET_STATUSES;

/** The alphabet of booking references: capital letters and digits that cannot be misread (no 0, 1, I, O). */
export const APPOINTMENT_REF_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * The booking reference of an appointment (预约号) a ticket checks in: one opaque format, two groups of four
 * characters of {@link APPOINTMENT_REF_ALPHABET} (`K7M2-9QXW`), upper-cased. Not free text filtered by a pattern:
 * nothing an applicant could be told apart by (a phone number, an identity number) fits in it, since tickets are
 * shown on hall displays. Booking systems issue references in this form (see {@link newAppointmentRef}).
 */
export const AppointmentRefSchema = v.pipe(
  v.string(bilingual('appointmentRef: a booking reference string is required', 'appointmentRef: 应填写预约号')),
  v.trim(),
  v.toUpperCase(),
  v.regex(
    /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/,
    bilingual(
      'appointmentRef: the booking reference, two groups of four letters or digits such as K7M2-9QXW (no 0, 1, I or O)',
      'appointmentRef: 预约号应为“K7M2-9QXW”这样的两组各 4 位字母或数字（不含 0、1、I、O）',
    ),
  ),
);

/** A new random booking reference in the one format {@link AppointmentRefSchema} accepts. */
export function newAppointmentRef(
  random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): string {
  const chars = [...random(8)].map((byte) => APPOINTMENT_REF_ALPHABET[byte % APPOINTMENT_REF_ALPHABET.length]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

const KIND_KEYS = Object.keys(TICKET_KINDS) as [TicketKind, ...TicketKind[]];
const STATUS_KEYS = Object.keys(TICKET_STATUSES) as [TicketStatus, ...TicketStatus[]];
/** Statuses a ticket only reaches after a window called it. */
const CALLED_STATUSES: ReadonlySet<TicketStatus> = new Set(['called', 'held', 'serving', 'done', 'no-show']);

const TicketObjectSchema = v.object(
  {
    id: ulidSchema('id'),
    /** As printed and called: the category's letter(s) and a 3- or 4-digit sequence, e.g. `A012`. */
    number: v.pipe(
      v.string(bilingual('number: a ticket number string is required', 'number: 应填写排队号')),
      v.regex(
        /^[A-Z]{1,2}\d{3,4}$/,
        bilingual(
          'number: one or two capital letters then 3 or 4 digits, e.g. A012',
          'number: 排队号应为 1 到 2 个大写字母加 3 到 4 位数字，例如 A012',
        ),
      ),
    ),
    /** Queue category, mapped to a kind of window. */
    category: codeSchema('category'),
    kind: v.picklist(
      KIND_KEYS,
      bilingual(`kind: one of ${KIND_KEYS.join(', ')}`, `kind: 应为以下之一：${KIND_KEYS.join('、')}`),
    ),
    issuedAt: isoTimestampSchema('issuedAt'),
    status: v.picklist(
      STATUS_KEYS,
      bilingual(`status: one of ${STATUS_KEYS.join(', ')}`, `status: 应为以下之一：${STATUS_KEYS.join('、')}`),
    ),
    /** The window that called it. */
    window: v.optional(WindowCodeSchema),
    calledAt: v.optional(isoTimestampSchema('calledAt')),
    /** The appointment checked in with this ticket. */
    appointmentRef: v.optional(AppointmentRefSchema),
    /** The start of the appointment's slot: from a little before it, the ticket goes ahead of walk-ins. */
    slot: v.optional(isoTimestampSchema('slot')),
    /**
     * When it joined the queue as it now stands, when not at its issue (re-queued after a no-show, behind the people
     * then waiting). A transfer keeps the issue time.
     */
    queuedAt: v.optional(isoTimestampSchema('queuedAt')),
    /** Only this window may call it (transferred to a window, not a category). */
    forWindow: v.optional(WindowCodeSchema),
    /** Where it was before a transfer. */
    transferredFrom: v.optional(
      v.object({ category: codeSchema('category'), window: v.optional(WindowCodeSchema) }, objectMessage('transfer')),
    ),
    /** Times the window called it again (重呼). */
    recalls: v.optional(
      v.pipe(
        v.number(bilingual('recalls: a number', 'recalls: 应为数字')),
        v.integer(bilingual('recalls: a whole number', 'recalls: 应为整数')),
        v.minValue(0, bilingual('recalls: 0 or more', 'recalls: 不能小于 0')),
      ),
    ),
    /** When the window finished serving it. */
    finishedAt: v.optional(isoTimestampSchema('finishedAt')),
    /**
     * Who served it: the user name of the clerk whose session called it to the window (call next, call, resume), so
     * that a rating of the ticket is credited to them. Staff only: public screens never receive it.
     */
    servedBy: v.optional(
      v.pipe(
        v.string(bilingual('servedBy: a user name string', 'servedBy: 应为用户名')),
        v.minLength(1, bilingual('servedBy: must not be empty', 'servedBy: 不能为空')),
        v.maxLength(64, bilingual('servedBy: at most 64 characters', 'servedBy: 不能超过 64 个字符')),
      ),
    ),
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
      bilingual(
        'appointmentRef: an appointment ticket names its appointment',
        'appointmentRef: 预约取号必须填写预约号',
      ),
    ),
    ['appointmentRef'],
  ),
  v.forward(
    v.partialCheck(
      [['status'], ['window']],
      (t) => !CALLED_STATUSES.has(t.status) || t.window !== undefined,
      bilingual(
        'window: a called, served, done or no-show ticket names the window that called it',
        'window: 已叫号、办理中、已完成或过号的排队号必须注明叫号窗口',
      ),
    ),
    ['window'],
  ),
  v.forward(
    v.partialCheck(
      [['status'], ['calledAt']],
      (t) => !CALLED_STATUSES.has(t.status) || t.calledAt !== undefined,
      bilingual(
        'calledAt: a called, served, done or no-show ticket has the time it was called',
        'calledAt: 已叫号、办理中、已完成或过号的排队号必须有叫号时间',
      ),
    ),
    ['calledAt'],
  ),
  v.forward(
    v.partialCheck(
      [['issuedAt'], ['calledAt']],
      (t) => t.calledAt === undefined || Date.parse(t.calledAt) >= Date.parse(t.issuedAt),
      bilingual('calledAt: must not be before issuedAt', 'calledAt: 叫号时间不能早于取号时间（issuedAt）'),
    ),
    ['calledAt'],
  ),
);
export type Ticket = v.InferOutput<typeof TicketSchema>;
