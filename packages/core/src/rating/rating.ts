import * as v from 'valibot';
import { ulidSchema } from '../ids/ulid.js';
import { WindowCodeSchema } from '../case/case-number.js';
import { codeSchema, isoTimestampSchema, objectMessage } from '../case/fields.js';
import { bilingual } from '../i18n/schema-message.js';
import { RATING_REASONS, type RatingGrade, type RatingReason } from './grades.js';

export { RATING_GRADES, RATING_REASONS, type RatingGrade, type RatingReason } from './grades.js';

/** The codes of {@link RATING_REASONS}, in their order. */
export const RATING_REASON_CODES = Object.keys(RATING_REASONS) as readonly RatingReason[];

/** A list of reasons: codes of {@link RATING_REASONS}, each at most once. */
export const RatingReasonsSchema = v.pipe(
  v.array(
    v.picklist(
      RATING_REASON_CODES,
      bilingual(
        `reasons: each one of ${RATING_REASON_CODES.join(', ')}`,
        `reasons: 每项应为以下之一：${RATING_REASON_CODES.join('、')}`,
      ),
    ),
    bilingual('reasons: a list of reason codes', 'reasons: 应为原因编码列表'),
  ),
  v.maxLength(
    RATING_REASON_CODES.length,
    bilingual(`reasons: at most ${RATING_REASON_CODES.length}`, `reasons: 最多 ${RATING_REASON_CODES.length} 项`),
  ),
  v.check(
    (codes) => new Set(codes).size === codes.length,
    bilingual('reasons: each reason at most once', 'reasons: 每个原因只能出现一次'),
  ),
);

/** Where the rating was given. */
export const RATING_CHANNELS = ['pad', 'kiosk', 'sms', 'online'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];

/* @__NO_SIDE_EFFECTS__ */
const gradeSchema = (label: string) => {
  const grade = bilingual(`${label}: a grade from 1 to 5`, `${label}: 评分应为 1 到 5`);
  return v.pipe(
    v.number(grade),
    v.integer(bilingual(`${label}: a whole grade from 1 to 5`, `${label}: 评分应为 1 到 5 的整数`)),
    v.minValue(1, grade),
    v.maxValue(5, grade),
    v.transform((n) => n as RatingGrade),
  );
};

/** A rating (评价) of a service, given voluntarily by the applicant. */
export const RatingSchema = v.object(
  {
    id: ulidSchema('id'),
    caseId: v.optional(ulidSchema('caseId')),
    ticketId: v.optional(ulidSchema('ticketId')),
    window: WindowCodeSchema,
    /** Clerk id of who served. */
    clerk: codeSchema('clerk'),
    grade: gradeSchema('grade'),
    /** At the window: overall satisfaction, efficiency, professional level, attitude. */
    dimensions: v.optional(
      v.object(
        {
          overall: gradeSchema('overall'),
          efficiency: gradeSchema('efficiency'),
          level: gradeSchema('level'),
          attitude: gradeSchema('attitude'),
        },
        objectMessage('dimensions'),
      ),
    ),
    /** Why the rating is bad (codes of {@link RATING_REASONS}), usually given with grade 2 or 1. */
    reasons: v.optional(RatingReasonsSchema),
    comment: v.optional(
      v.pipe(
        v.string(bilingual('comment: a string', 'comment: 应为文字')),
        v.trim(),
        v.maxLength(500, bilingual('comment: at most 500 characters', 'comment: 不能超过 500 个字符')),
      ),
    ),
    at: isoTimestampSchema('at'),
    channel: v.picklist(
      RATING_CHANNELS,
      bilingual(
        `channel: one of ${RATING_CHANNELS.join(', ')}`,
        `channel: 应为以下之一：${RATING_CHANNELS.join('、')}`,
      ),
    ),
  },
  objectMessage('rating'),
);
export type Rating = v.InferOutput<typeof RatingSchema>;

/**
 * Whether a rating opens a follow-up (核实、整改、反馈、回访): grades 不满意 (2) and 非常不满意 (1).
 */
export function needsFollowUp(rating: Pick<Rating, 'grade'>): boolean {
  return rating.grade <= 2;
}
