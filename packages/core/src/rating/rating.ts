import * as v from 'valibot';
import { ulidSchema } from '../ids/ulid.js';
import { WindowCodeSchema } from '../case/case-number.js';
import { codeSchema, isoTimestampSchema, objectMessage } from '../case/fields.js';
import { bilingual } from '../i18n/schema-message.js';

/** The five grades of 好差评 (GB/T 39735-2020), 5 best. */
export const RATING_GRADES = {
  5: { zh: '非常满意', en: 'Very satisfied' },
  4: { zh: '满意', en: 'Satisfied' },
  3: { zh: '基本满意', en: 'Fairly satisfied' },
  2: { zh: '不满意', en: 'Dissatisfied' },
  1: { zh: '非常不满意', en: 'Very dissatisfied' },
} as const;
/** 1 (非常不满意) to 5 (非常满意). */
export type RatingGrade = keyof typeof RATING_GRADES;

/** Where the rating was given. */
export const RATING_CHANNELS = ['pad', 'kiosk', 'sms', 'online'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];

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
