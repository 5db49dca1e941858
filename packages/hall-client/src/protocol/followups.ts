import * as v from 'valibot';
import {
  MAX_FOLLOW_UP_DAYS,
  RATING_REASON_CODES,
  bilingual,
  isoDateSchema,
  objectMessage,
  ulidSchema,
  type RatingReason,
} from '@yichuang/core';

/**
 * What a manager records on a bad rating's follow-up (差评整改): a call-back to the rater (回访), a rectification
 * (整改), the feedback to the rater (反馈: closes the follow-up), and the review of a rating claimed to be mistaken
 * or malicious (申诉复核: `withdrawn` closes the follow-up, `upheld` keeps it open).
 */
export const FOLLOW_UP_ACTIONS = {
  callback: { zh: '回访', en: 'Call-back' },
  rectify: { zh: '整改', en: 'Rectification' },
  feedback: { zh: '反馈', en: 'Feedback' },
  review: { zh: '申诉复核', en: 'Review' },
} as const;
/** A key of {@link FOLLOW_UP_ACTIONS}. */
export type FollowUpAction = keyof typeof FOLLOW_UP_ACTIONS;
const ACTION_KEYS = Object.keys(FOLLOW_UP_ACTIONS) as [FollowUpAction, ...FollowUpAction[]];

/** How a review (申诉复核) ends: the rating stands, or it is withdrawn (the follow-up closes). */
export const REVIEW_OUTCOMES = {
  upheld: { zh: '维持评价', en: 'Rating upheld' },
  withdrawn: { zh: '撤销评价', en: 'Rating withdrawn' },
} as const;
/** A key of {@link REVIEW_OUTCOMES}. */
export type ReviewOutcome = keyof typeof REVIEW_OUTCOMES;
const OUTCOME_KEYS = Object.keys(REVIEW_OUTCOMES) as [ReviewOutcome, ...ReviewOutcome[]];

/** The longest note of a follow-up action. */
export const MAX_FOLLOW_UP_NOTE = 300;
/** The most days `GET /api/v1/followups` covers at once. */
export const MAX_FOLLOW_UP_RANGE_DAYS = 366;
/** The most follow-ups `GET /api/v1/followups` answers. */
export const MAX_FOLLOW_UPS_LISTED = 500;

/** Which follow-ups a list shows: the open ones, the open ones past their due day, or all. */
export const FOLLOW_UP_FILTERS = ['open', 'overdue', 'all'] as const;
export type FollowUpFilter = (typeof FOLLOW_UP_FILTERS)[number];

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/**
 * The query of `GET /api/v1/followups`: which follow-ups (`open` by default), of the ratings of which China days
 * (`from`, `to`, both included; by default the last 31 days up to the hall's today), at most
 * {@link MAX_FOLLOW_UP_RANGE_DAYS} days.
 */
export const FollowUpQuerySchema = v.pipe(
  v.object(
    {
      status: v.optional(
        v.picklist(
          FOLLOW_UP_FILTERS,
          bilingual('status: open, overdue or all', 'status: 应为 open（未办结）、overdue（已超期）或 all（全部）'),
        ),
      ),
      from: v.optional(isoDateSchema('from')),
      to: v.optional(isoDateSchema('to')),
    },
    objectMessage('query'),
  ),
  v.forward(
    v.check(
      ({ from, to }) => from === undefined || to === undefined || from <= to,
      bilingual('from: not after to', 'from: 开始日期不能晚于结束日期'),
    ),
    ['from'],
  ),
  v.forward(
    v.check(
      ({ from, to }) =>
        from === undefined || to === undefined || dayNumber(to) - dayNumber(from) < MAX_FOLLOW_UP_RANGE_DAYS,
      bilingual(
        `to: at most ${MAX_FOLLOW_UP_RANGE_DAYS} days after from`,
        `to: 查询范围最多 ${MAX_FOLLOW_UP_RANGE_DAYS} 天`,
      ),
    ),
    ['to'],
  ),
);
export type FollowUpQuery = v.InferInput<typeof FollowUpQuerySchema>;

/** The rating id of a follow-up, in the path of `POST /api/v1/followups/{id}/actions`. */
export const FollowUpIdSchema = ulidSchema('id');

/**
 * `POST /api/v1/followups/{id}/actions` (manager): an action on a follow-up, with its note (what was said, done or
 * decided; sealed at rest). A review names its outcome; the other actions none. Who acted and when, the hall writes.
 */
export const FollowUpActSchema = v.pipe(
  v.object(
    {
      action: v.picklist(
        ACTION_KEYS,
        bilingual(
          `action: one of ${ACTION_KEYS.join(', ')}`,
          `action: 应为以下之一：${ACTION_KEYS.map((key) => `${key}（${FOLLOW_UP_ACTIONS[key].zh}）`).join('、')}`,
        ),
      ),
      note: v.pipe(
        v.string(bilingual('note: a note is required', 'note: 应填写办理情况')),
        v.trim(),
        v.minLength(1, bilingual('note: must not be empty', 'note: 办理情况不能为空')),
        v.maxLength(
          MAX_FOLLOW_UP_NOTE,
          bilingual(`note: at most ${MAX_FOLLOW_UP_NOTE} characters`, `note: 不能超过 ${MAX_FOLLOW_UP_NOTE} 个字符`),
        ),
      ),
      outcome: v.optional(
        v.picklist(
          OUTCOME_KEYS,
          bilingual(
            'outcome: upheld or withdrawn',
            `outcome: 应为 upheld（${REVIEW_OUTCOMES.upheld.zh}）或 withdrawn（${REVIEW_OUTCOMES.withdrawn.zh}）`,
          ),
        ),
      ),
    },
    objectMessage('action'),
  ),
  v.forward(
    v.check(
      ({ action, outcome }) => (action === 'review') === (outcome !== undefined),
      bilingual(
        'outcome: required for a review, and only for a review',
        'outcome: 申诉复核须填写复核结论，其他办理事项不填',
      ),
    ),
    ['outcome'],
  ),
);
export type FollowUpAct = v.InferInput<typeof FollowUpActSchema>;

/** `PUT /api/v1/settings/followups` (manager): how many working days a bad rating's follow-up is given. */
export const FollowUpSettingSchema = v.object(
  {
    days: v.pipe(
      v.number(bilingual('days: a number of working days', 'days: 应为工作日天数')),
      v.integer(bilingual('days: a whole number', 'days: 应为整数')),
      v.minValue(1, bilingual('days: at least 1', 'days: 至少 1 个工作日')),
      v.maxValue(
        MAX_FOLLOW_UP_DAYS,
        bilingual(`days: at most ${MAX_FOLLOW_UP_DAYS}`, `days: 最多 ${MAX_FOLLOW_UP_DAYS} 个工作日`),
      ),
    ),
  },
  objectMessage('followUps'),
);
export type FollowUpSetting = v.InferInput<typeof FollowUpSettingSchema>;

/** One action recorded on a follow-up. */
export interface FollowUpEntry {
  action: FollowUpAction;
  /** The note, opened for the people who read follow-ups. */
  note: string;
  /** A review's outcome. */
  outcome?: ReviewOutcome;
  /** Who recorded it (the manager's user name), from their session. */
  by: string;
  /** When, by the hall's clock. */
  at: string;
}

/**
 * A bad rating's follow-up (差评整改), opened by the hall with the rating: what was rated, by when it is to be
 * closed, and what was done. No name or phone number of the rater: the notes may hold some, and are sealed at rest.
 */
export interface FollowUp {
  /** The rating's id (one follow-up per rating). */
  ratingId: string;
  window: string;
  /** The clerk the rating was credited to. */
  clerk: string;
  grade: number;
  reasons: RatingReason[];
  /** The China day of the rating. */
  day: string;
  openedAt: string;
  /** The day it is due: the hall's follow-up days, in working days after {@link day}. */
  due: string;
  status: 'open' | 'closed';
  /** Open past its due day (the hall's today). */
  overdue: boolean;
  closedAt?: string;
  /** Closed by a review that withdrew the rating. */
  withdrawn?: boolean;
  actions: FollowUpEntry[];
}

/** `GET /api/v1/followups`: the hall's today and the follow-ups asked for, the due soonest first. */
export interface FollowUpList {
  today: string;
  followUps: FollowUp[];
}

const text = v.string();
const timestamp = v.pipe(v.string(), v.isoTimestamp());
const day = v.pipe(v.string(), v.isoDate());

/** {@link FollowUpEntry}, as a hall answers it. */
export const FollowUpEntrySchema = v.object({
  action: v.picklist(ACTION_KEYS),
  note: text,
  outcome: v.optional(v.picklist(OUTCOME_KEYS)),
  by: text,
  at: timestamp,
});

/** {@link FollowUp}, as a hall answers it. */
export const FollowUpSchema = v.object({
  ratingId: text,
  window: text,
  clerk: text,
  grade: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2)),
  reasons: v.array(v.picklist(RATING_REASON_CODES as [RatingReason, ...RatingReason[]])),
  day,
  openedAt: timestamp,
  due: day,
  status: v.picklist(['open', 'closed']),
  overdue: v.boolean(),
  closedAt: v.optional(timestamp),
  withdrawn: v.optional(v.boolean()),
  actions: v.array(FollowUpEntrySchema),
});

/** {@link FollowUpList}: the answer of `GET /api/v1/followups`. */
export const FollowUpListSchema = v.object({ today: day, followUps: v.array(FollowUpSchema) });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type FollowUpSchemasMatchInterfaces = [
  Assert<Same<v.InferOutput<typeof FollowUpSchema>, FollowUp>>,
  Assert<Same<v.InferOutput<typeof FollowUpListSchema>, FollowUpList>>,
];
