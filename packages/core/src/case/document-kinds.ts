/**
 * The documents a window hands over when it decides an intake, with their titles as printed. They are printed in
 * Chinese whatever the clerk's screen language: they are the hall's official papers.
 */
export const CASE_DOCUMENT_KINDS = {
  'acceptance-notice': { zh: '受理通知书', en: 'Acceptance notice' },
  'tolerance-commitment': { zh: '容缺受理承诺书', en: 'Tolerated-acceptance commitment letter' },
  'one-time-notice': { zh: '一次性告知书', en: 'One-time notice of everything missing' },
  'refusal-notice': { zh: '不予受理通知书', en: 'Refusal notice' },
  'material-receipt': { zh: '材料接收凭证', en: 'Receipt for materials' },
  'remote-receipt': { zh: '跨省通办代收凭证', en: 'Cross-province hand-off receipt' },
} as const;
/** Key of {@link CASE_DOCUMENT_KINDS}. */
export type CaseDocumentKind = keyof typeof CASE_DOCUMENT_KINDS;
