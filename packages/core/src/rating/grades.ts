// The words of 好差评 as plain tables, without the schemas: a view that only names grades and reasons keeps valibot
// out of its bundle.
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

/**
 * Why a rating is bad (差评原因), as codes: what the follow-up (核实、整改、反馈、回访) sorts and counts, in the order a
 * rating pad shows them. No national list fixes the wording (GB/T 39735-2020 leaves it to the hall); these follow
 * the usual complaints of service halls. Not personal: stored in the clear.
 */
export const RATING_REASONS = {
  wait: { zh: '排队等待时间长', en: 'Long wait in the queue' },
  slow: { zh: '办理效率低', en: 'It took too long' },
  attitude: { zh: '服务态度差', en: 'Unfriendly service' },
  skill: { zh: '业务不熟练', en: 'The clerk did not know the rules well' },
  notice: { zh: '没有一次性告知', en: 'I was not told everything at once' },
  visits: { zh: '需要多次跑腿', en: 'I had to come back several times' },
  materials: { zh: '材料要求不清或过多', en: 'Unclear or too many documents asked for' },
  facilities: { zh: '环境设施不便', en: 'Premises or facilities' },
  other: { zh: '其他问题', en: 'Something else' },
} as const;
/** A code of {@link RATING_REASONS}. */
export type RatingReason = keyof typeof RATING_REASONS;
