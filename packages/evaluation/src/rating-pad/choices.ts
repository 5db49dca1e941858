import { RATING_GRADES, RATING_REASON_CODES, type RatingGrade, type RatingReason } from '@yichuang/core';

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

/**
 * Why a rating is bad, for the follow-up (核实、整改、反馈、回访), in the order shown: the core's code list
 * (`RATING_REASONS`, whose names the pad shows), sent as codes in the rating's `reasons`.
 */
export const BAD_RATING_REASONS: readonly RatingReason[] = RATING_REASON_CODES;
/** One of {@link BAD_RATING_REASONS}. */
export type BadRatingReason = RatingReason;

/** The longest comment an applicant may type on the pad (within the core's 500). */
export const MAX_PAD_COMMENT = 300;

/** Whether a grade is bad (不满意, 非常不满意): it asks for reasons and opens a follow-up. */
export const isBadGrade = (grade: RatingGrade | undefined): boolean => grade !== undefined && grade <= 2;

/** The rating's `comment` as the pad sends it: what the applicant wrote, trimmed, at most {@link MAX_PAD_COMMENT}. */
export function ratingComment(text: string): string {
  return text.trim().slice(0, MAX_PAD_COMMENT);
}
