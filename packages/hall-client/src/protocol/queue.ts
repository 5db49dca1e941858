import * as v from 'valibot';
import {
  AppointmentRefSchema,
  TICKET_KINDS,
  WindowCodeSchema,
  WindowPauseNoteSchema,
  WindowPauseReasonSchema,
  bilingual,
  codeSchema,
  objectMessage,
  ulidSchema,
  type Ticket,
  type TicketKind,
  type WindowPauseReason,
} from '@yichuang/core';
import type { PublicTicket } from './events.js';

const KIND_KEYS = Object.keys(TICKET_KINDS) as [TicketKind, ...TicketKind[]];

/** Most people a ticket re-queued after a no-show waits behind. */
export const MAX_REQUEUE_BEHIND = 50;

/** `POST /api/v1/queue/tickets`: a kiosk (or a clerk on someone's behalf) issues a ticket. */
export const IssueTicketSchema = v.object(
  {
    category: codeSchema('category', 16),
    kind: v.optional(
      v.picklist(
        KIND_KEYS,
        bilingual(
          `kind: one of ${KIND_KEYS.join(', ')}`,
          `kind: 应为以下之一：${KIND_KEYS.map((kind) => `“${kind}”`).join('、')}`,
        ),
      ),
      'normal',
    ),
    appointmentRef: v.optional(AppointmentRefSchema),
  },
  objectMessage('ticket request'),
);
export type IssueTicket = v.InferInput<typeof IssueTicketSchema>;

/** Queue categories in a window's order of preference: at most 32, each once. */
export const CategoryCodesSchema = v.pipe(
  v.array(
    codeSchema('categories', 16),
    bilingual('categories: a list of category codes', 'categories: 应为排队类别编码列表'),
  ),
  v.maxLength(32, bilingual('categories: at most 32', 'categories: 最多 32 个类别')),
  v.check(
    (codes) => new Set(codes).size === codes.length,
    bilingual('categories: each category at most once', 'categories: 每个类别只能出现一次'),
  ),
);

/** `POST /api/v1/queue/call`: the clerk's window calls the next ticket of its categories. */
export const CallNextSchema = v.object(
  {
    window: WindowCodeSchema,
    /**
     * Categories to call from, in the order the window prefers them; default: the categories the hall configured for
     * the window. A clerk calls only to the window of their session (else 403).
     */
    categories: v.optional(CategoryCodesSchema),
  },
  objectMessage('call request'),
);
export type CallNext = v.InferInput<typeof CallNextSchema>;

/** A queue category the hall issues tickets for (e.g. `A` 综合窗口). */
export interface QueueCategory {
  code: string;
  letter: string;
  name: { zh: string; en: string };
}

/**
 * A window's pause (暂停服务): why and since when (the hall's clock). Clerks and managers also see who paused it (the
 * session's user) and the clerk's note; public screens (display, kiosk, rating pad) see only the reason and the time.
 */
export interface WindowPause {
  reason: WindowPauseReason;
  /** When the window paused, by the hall's clock (ISO timestamp). */
  since: string;
  /** Who paused it (the clerk's user name). Staff only. */
  by?: string;
  /** The clerk's note (at most 60 characters). Staff only. */
  note?: string;
}

/**
 * A window as the queue shows it: its code, its name and the categories it calls, in its order; `paused` while it
 * does not call.
 */
export interface QueueWindow {
  code: string;
  name: string;
  categories: string[];
  paused?: WindowPause;
}

/** How long a category waits now. */
export interface QueueWait {
  category: string;
  /** Tickets of the category waiting now. */
  waiting: number;
  /**
   * What a new ticket may expect to wait, in ms: the people waiting, served by the windows calling the category, at
   * the median of its recent service times today. Absent until the category has served someone today.
   */
  estimatedWaitMs?: number;
  /**
   * What each person waiting adds to the wait, in ms (the median service time ÷ the windows calling the category):
   * a screen that counts the people waiting from the ticket events updates the estimate with it. Absent with
   * `estimatedWaitMs`.
   */
  msPerPerson?: number;
}

/**
 * `GET /api/v1/queue`: today's queue as one consistent picture, and where the event log stood when it was taken, so
 * a screen resumes the stream exactly after it (`events(lastEventId)`) and misses nothing.
 */
export interface QueueSnapshot {
  categories: QueueCategory[];
  windows: QueueWindow[];
  /** Today's waiting, called and held tickets, in the order issued (public screens: without booking references). */
  tickets: (Ticket | PublicTicket)[];
  waits: QueueWait[];
  /** The id of the last event of the hall's log when the picture was taken (0 before any). */
  lastEventId: number;
}

const TicketIdSchema = ulidSchema('ticket');

/**
 * `POST /api/v1/queue/commands`: what a clerk does with the tickets of the window of their session, besides calling
 * the next one. Each command names the window (it must be the session's); the ticket it acts on is the window's
 * current one unless it says which.
 * - `call`: call a given waiting ticket the window serves, out of turn.
 * - `recall`: call the current ticket again (counted in `recalls`).
 * - `no-show`: the current ticket did not come (过号); with `requeueBehind`, it waits again behind that many of
 *   the people now waiting for the window (0: first).
 * - `transfer`: the current ticket waits again in another `category` and/or for another window (`toWindow`),
 *   keeping its issue time.
 * - `hold`: set the current ticket aside (挂起, the applicant fetches a document); the window may call others.
 * - `resume`: call a held `ticket` of the window again.
 * - `finish`: the current ticket is served.
 * - `pause`: the window stops calling for a while (暂停服务), for a `reason` of `WINDOW_PAUSE_REASONS` and an optional
 *   short `note` staff see; refused while it serves a ticket (finish or hold it first). A paused window calls no one.
 *   Answers the window, not a ticket.
 * - `reopen`: the paused window calls again (恢复服务). Answers the window.
 */
export const QueueCommandSchema = v.variant(
  'command',
  [
    v.object({ command: v.literal('call'), window: WindowCodeSchema, ticket: TicketIdSchema }, objectMessage('call')),
    v.object({ command: v.literal('recall'), window: WindowCodeSchema }, objectMessage('recall')),
    v.object(
      {
        command: v.literal('no-show'),
        window: WindowCodeSchema,
        requeueBehind: v.optional(
          v.pipe(
            v.number(bilingual('requeueBehind: a number of people', 'requeueBehind: 应为人数')),
            v.integer(bilingual('requeueBehind: a whole number', 'requeueBehind: 应为整数')),
            v.minValue(0, bilingual('requeueBehind: 0 or more', 'requeueBehind: 不能小于 0')),
            v.maxValue(
              MAX_REQUEUE_BEHIND,
              bilingual(
                `requeueBehind: at most ${MAX_REQUEUE_BEHIND}`,
                `requeueBehind: 不能超过 ${MAX_REQUEUE_BEHIND}`,
              ),
            ),
          ),
        ),
      },
      objectMessage('no-show'),
    ),
    v.pipe(
      v.object(
        {
          command: v.literal('transfer'),
          window: WindowCodeSchema,
          category: v.optional(codeSchema('category', 16)),
          toWindow: v.optional(WindowCodeSchema),
        },
        objectMessage('transfer'),
      ),
      v.check(
        (transfer) => transfer.category !== undefined || transfer.toWindow !== undefined,
        bilingual('transfer: a category or a window to transfer to', 'transfer: 应填写转往的类别或窗口'),
      ),
    ),
    v.object({ command: v.literal('hold'), window: WindowCodeSchema }, objectMessage('hold')),
    v.object(
      { command: v.literal('resume'), window: WindowCodeSchema, ticket: TicketIdSchema },
      objectMessage('resume'),
    ),
    v.object({ command: v.literal('finish'), window: WindowCodeSchema }, objectMessage('finish')),
    v.object(
      {
        command: v.literal('pause'),
        window: WindowCodeSchema,
        reason: WindowPauseReasonSchema,
        note: v.optional(WindowPauseNoteSchema),
      },
      objectMessage('pause'),
    ),
    v.object({ command: v.literal('reopen'), window: WindowCodeSchema }, objectMessage('reopen')),
  ],
  bilingual(
    'command: one of call, recall, no-show, transfer, hold, resume, finish, pause, reopen',
    'command: 应为 call、recall、no-show、transfer、hold、resume、finish、pause、reopen 之一',
  ),
);
export type QueueCommand = v.InferInput<typeof QueueCommandSchema>;

/** The commands on the window itself (pause, reopen): they answer the window, the others the ticket acted on. */
export type WindowCommand = Extract<QueueCommand, { command: 'pause' | 'reopen' }>;

/** What `POST /api/v1/queue/commands` answers to a command: the window for {@link WindowCommand}s, else the ticket. */
export type QueueCommandAnswer<C extends QueueCommand = QueueCommand> = C extends WindowCommand ? QueueWindow : Ticket;
