import * as v from 'valibot';
import {
  AppointmentRefSchema,
  TICKET_KINDS,
  WindowCodeSchema,
  bilingual,
  codeSchema,
  objectMessage,
  type TicketKind,
} from '@yichuang/core';

const KIND_KEYS = Object.keys(TICKET_KINDS) as [TicketKind, ...TicketKind[]];

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
