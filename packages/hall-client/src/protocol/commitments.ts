import * as v from 'valibot';
import { WindowCodeSchema, bilingual, objectMessage, type Commitment } from '@yichuang/core';

/** The most commitments `GET /api/v1/commitments` answers. */
export const MAX_COMMITMENTS_LISTED = 500;

/** Which commitments a list shows: every open one, or only those past their deadline. */
export const COMMITMENT_FILTERS = ['open', 'overdue'] as const;
export type CommitmentFilter = (typeof COMMITMENT_FILTERS)[number];

/**
 * The query of `GET /api/v1/commitments`: the open tolerance commitments (容缺承诺) of the hall (`open`, by default)
 * or only the overdue ones, of one window or all the caller may see.
 */
export const CommitmentQuerySchema = v.object(
  {
    status: v.optional(
      v.picklist(
        COMMITMENT_FILTERS,
        bilingual('status: open or overdue', 'status: 应为 open（未补齐）或 overdue（已逾期）'),
      ),
    ),
    window: v.optional(WindowCodeSchema),
  },
  objectMessage('query'),
);
export type CommitmentQuery = v.InferInput<typeof CommitmentQuerySchema>;

/**
 * An open commitment as the hall lists it: the core's {@link Commitment} (case number, window, items, materials
 * awaited, due day, state) and the hall's version of the case, which a supplement taken in at another window saves
 * on. No name, identity number or phone: the list reads no sealed field.
 */
export interface HallCommitment extends Commitment {
  version: number;
}

/** `GET /api/v1/commitments`: the hall's today and the commitments, overdue first, then by due day. */
export interface CommitmentList {
  today: string;
  commitments: HallCommitment[];
}

const text = v.string();
const day = v.pipe(v.string(), v.isoDate());

/** {@link HallCommitment}, as a hall answers it. */
export const HallCommitmentSchema = v.object({
  caseId: text,
  number: text,
  window: text,
  status: text,
  itemIds: v.array(text),
  materialIds: v.array(text),
  due: v.optional(day),
  state: v.picklist(['pending', 'due-today', 'overdue']),
  daysLeft: v.optional(v.pipe(v.number(), v.integer())),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

/** {@link CommitmentList}: the answer of `GET /api/v1/commitments`. */
export const CommitmentListSchema = v.object({ today: day, commitments: v.array(HallCommitmentSchema) });
