/**
 * Case statuses and the graph of allowed transitions.
 *
 * ```
 * draft ──► accepted ─────────────────────────► forwarded ══► decided ──► result-ready ──► delivered
 *   │          └──► decided (immediate items only)  ▲
 *   ├──► accepted-with-tolerance ───────────────────┤  (容缺: forwarded at once, supplement still awaited)
 *   │          ├──► supplemented ───────────────────┘
 *   │          └──► overdue ──► supplemented (late) | refused (revoked) | discarded (voided)
 *   ├──► notified-incomplete ──► accepted | accepted-with-tolerance | refused   (补正收件)
 *   ├──► refused
 *   └──► discarded
 * withdrawn: from accepted, accepted-with-tolerance, notified-incomplete, supplemented, overdue, forwarded
 * ```
 * Terminal: refused, discarded, withdrawn, delivered.
 *
 * Tolerated (容缺) materials: a case accepted with tolerance may be forwarded to the back office straight away,
 * but `decided`, `result-ready` and `delivered` (══►) are refused while any material is still `tolerated`: the
 * result is never issued before the supplement. The supplement is recorded with `recordSupplement` in any status
 * after acceptance that is not terminal: `accepted-with-tolerance` and `overdue` then become `supplemented` (once
 * nothing tolerated is left), `forwarded` stays `forwarded`. Whether the supplement is awaited, due today, overdue
 * or in, whatever the status, is told by `supplementState` — a forwarded case past its deadline shows as overdue
 * there while its status stays `forwarded`.
 */
export const CASE_STATUSES = [
  'draft',
  'accepted',
  'accepted-with-tolerance',
  'notified-incomplete',
  'refused',
  'supplemented',
  'overdue',
  'forwarded',
  'decided',
  'result-ready',
  'delivered',
  'discarded',
  'withdrawn',
] as const;
/** One of {@link CASE_STATUSES}. */
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** How each status reads in the hall. */
export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, { zh: string; en: string }>> = {
  draft: { zh: '草稿', en: 'Draft' },
  accepted: { zh: '已受理', en: 'Accepted' },
  'accepted-with-tolerance': { zh: '容缺受理', en: 'Accepted with tolerance' },
  'notified-incomplete': { zh: '已一次性告知补正', en: 'Notified of missing materials' },
  refused: { zh: '不予受理', en: 'Refused' },
  supplemented: { zh: '已补齐材料', en: 'Supplemented' },
  overdue: { zh: '逾期未补齐', en: 'Supplement overdue' },
  forwarded: { zh: '已转审批', en: 'Forwarded for decision' },
  decided: { zh: '已办结', en: 'Decided' },
  'result-ready': { zh: '待领取结果', en: 'Result ready' },
  delivered: { zh: '已送达', en: 'Delivered' },
  discarded: { zh: '已作废', en: 'Discarded' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

const GRAPH: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  draft: ['accepted', 'accepted-with-tolerance', 'notified-incomplete', 'refused', 'discarded'],
  'notified-incomplete': ['accepted', 'accepted-with-tolerance', 'refused', 'withdrawn'],
  accepted: ['forwarded', 'decided', 'withdrawn'],
  'accepted-with-tolerance': ['supplemented', 'overdue', 'forwarded', 'withdrawn'],
  supplemented: ['forwarded', 'withdrawn'],
  overdue: ['supplemented', 'refused', 'discarded', 'withdrawn'],
  forwarded: ['decided', 'withdrawn'],
  decided: ['result-ready'],
  'result-ready': ['delivered'],
  delivered: [],
  refused: [],
  discarded: [],
  withdrawn: [],
};

/** The audit `action` recorded when a case enters each status. */
export const TRANSITION_ACTIONS: Readonly<Record<CaseStatus, string>> = {
  draft: 'create',
  accepted: 'accept',
  'accepted-with-tolerance': 'accept-with-tolerance',
  'notified-incomplete': 'notify-incomplete',
  refused: 'refuse',
  supplemented: 'supplement',
  overdue: 'mark-overdue',
  forwarded: 'forward',
  decided: 'decide',
  'result-ready': 'result-ready',
  delivered: 'deliver',
  discarded: 'discard',
  withdrawn: 'withdraw',
};

/** Whether `value` is one of {@link CASE_STATUSES}. */
export function isCaseStatus(value: unknown): value is CaseStatus {
  return typeof value === 'string' && (CASE_STATUSES as readonly string[]).includes(value);
}

/**
 * The statuses a case in `status` may move to, before guards (reasons, materials, dates) are checked.
 * Empty for terminal statuses.
 */
export function allowedTransitions(status: CaseStatus): readonly CaseStatus[] {
  return isCaseStatus(status) ? GRAPH[status] : [];
}

const RESULT_STATUSES: ReadonlySet<string> = new Set<CaseStatus>(['decided', 'result-ready', 'delivered']);

/** Whether `status` issues the result (decided, result-ready, delivered): never while a tolerated material is awaited. */
export function isResultStatus(status: string): boolean {
  return RESULT_STATUSES.has(status);
}

/** Whether a case in `status` can never change again (refused, discarded, withdrawn, delivered). */
export function isTerminalStatus(status: CaseStatus): boolean {
  return allowedTransitions(status).length === 0;
}
