import { RATING_GRADES, type RatingGrade } from '@yichuang/core';
import { msg } from '../i18n/messages.js';

/** The grades in the order a pad shows them: 非常满意 (5) first, 非常不满意 (1) last. */
export const PAD_GRADES: readonly RatingGrade[] = (Object.keys(RATING_GRADES) as `${RatingGrade}`[])
  .map((key) => Number(key) as RatingGrade)
  .sort((a, b) => b - a);

/**
 * The window dimensions a pad asks about besides the grade. The fourth dimension of the core's rating, `overall`
 * (overall satisfaction), is the grade itself: the pad does not ask it twice.
 */
export const PAD_DIMENSIONS = ['efficiency', 'level', 'attitude'] as const;
/** One of {@link PAD_DIMENSIONS}. */
export type PadDimension = (typeof PAD_DIMENSIONS)[number];

/** Why a rating is bad, for the follow-up (核实、整改、反馈、回访), in the order shown. */
export const BAD_RATING_REASONS = ['attitude', 'slow', 'skill', 'notice', 'visits', 'materials', 'other'] as const;
/** One of {@link BAD_RATING_REASONS}. */
export type BadRatingReason = (typeof BAD_RATING_REASONS)[number];

/** The longest comment an applicant may type on the pad (the reasons go before it, within the core's 500). */
export const MAX_PAD_COMMENT = 300;

/** Whether a grade is bad (不满意, 非常不满意): it asks for reasons and opens a follow-up. */
export const isBadGrade = (grade: RatingGrade | undefined): boolean => grade !== undefined && grade <= 2;

/**
 * The rating's `comment` as the hall stores it: the reasons chosen, in Chinese (the language of the hall's records
 * and of whoever follows the rating up), then what the applicant wrote. The core's rating has no field of its own
 * for reasons yet.
 */
export function ratingComment(reasons: readonly BadRatingReason[], text: string): string {
  const comment = text.trim().slice(0, MAX_PAD_COMMENT);
  if (reasons.length === 0) return comment;
  const labels = BAD_RATING_REASONS.filter((reason) => reasons.includes(reason))
    .map((reason) => msg('zh-CN', `pad.reason.${reason}`))
    .join('、');
  return comment === '' ? `问题：${labels}` : `问题：${labels}。意见：${comment}`;
}
