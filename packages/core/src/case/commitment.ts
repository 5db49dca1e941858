/**
 * The tolerance ledger (容缺台账): the commitments a hall holds, when each is due, whom to remind, and what is done
 * with one not kept — each as the case's items say, once, for the window, the manager's board and the hall alike.
 * @module
 */
import { toChinaDate, toDayNumber } from '../calendar/date.js';
import type { AuditEntry, Case } from './case.js';
import { isTerminalStatus, type CaseStatus } from './status.js';
import {
  IllegalTransitionError,
  checkActorWindowTime,
  materialFacts,
  names,
  nextUpdatedAt,
  pinnedItems,
  toleratedIds,
  transition,
  type CaseItemFacts,
  type Fail,
} from './transition.js';

/** What is done with a tolerance commitment not kept by its deadline (逾期未补齐), as an item's catalog entry says. */
export const OVERDUE_RULES = {
  revoke: { zh: '撤销受理', en: 'Revoke the acceptance' },
  void: { zh: '作废办件', en: 'Void the case' },
  escalate: { zh: '上报大厅负责人', en: 'Escalate to the hall manager' },
} as const;
/** Key of {@link OVERDUE_RULES}. */
export type OverdueRule = keyof typeof OVERDUE_RULES;
/** The rule of an item whose catalog entry names none: a person decides. */
export const DEFAULT_OVERDUE_RULE: OverdueRule = 'escalate';

/** Where an open commitment stands on a day: due later, due today (the applicant's whole day), or overdue. */
export type CommitmentState = 'pending' | 'due-today' | 'overdue';

/** What of a case the ledger reads: no personal field, so a hall can list commitments without opening a case. */
export type CommitmentSource = Pick<
  Case,
  'id' | 'number' | 'window' | 'status' | 'items' | 'materials' | 'supplementDue'
>;

/** One open commitment: a case accepted with tolerance whose tolerated materials are still awaited. */
export interface Commitment {
  caseId: string;
  number: string;
  /** The window that took the case in. */
  window: string;
  status: CaseStatus;
  /** The case's item ids. */
  itemIds: string[];
  /** The tolerated materials still awaited. */
  materialIds: string[];
  /** Last day to supplement (China time, `YYYY-MM-DD`); absent on a case that never set one. */
  due?: string;
  state: CommitmentState;
  /** Calendar days from today to the due day: 0 on it, negative once overdue; absent without a due day. */
  daysLeft?: number;
}

/** @internal Statuses before acceptance: tolerated receipts there are intake choices, not yet a commitment. */
export const BEFORE_ACCEPTANCE: ReadonlySet<CaseStatus> = new Set(['draft', 'notified-incomplete']);

/**
 * The case's open commitment on the China day `today` (`YYYY-MM-DD`), or `undefined` when it has none: never
 * accepted with tolerance, closed (refused, withdrawn, voided, delivered), or everything tolerated supplied.
 */
export function openCommitment(source: CommitmentSource, today: string): Commitment | undefined {
  const materialIds = toleratedIds(source.materials);
  if (materialIds.length === 0 || BEFORE_ACCEPTANCE.has(source.status) || isTerminalStatus(source.status)) {
    return undefined;
  }
  const daysLeft =
    source.supplementDue === undefined ? undefined : toDayNumber(source.supplementDue) - toDayNumber(today);
  const state: CommitmentState =
    daysLeft === undefined || daysLeft > 0 ? 'pending' : daysLeft === 0 ? 'due-today' : 'overdue';
  return {
    caseId: source.id,
    number: source.number,
    window: source.window,
    status: source.status,
    itemIds: source.items.map((item) => item.itemId),
    materialIds,
    ...(source.supplementDue === undefined ? {} : { due: source.supplementDue }),
    state,
    ...(daysLeft === undefined ? {} : { daysLeft }),
  };
}

const STATE_ORDER: Readonly<Record<CommitmentState, number>> = { overdue: 0, 'due-today': 1, pending: 2 };

/**
 * The open commitments among `cases` on the China day of `now`, as the ledger shows them: overdue first (the longest
 * overdue first), then due today, then by due day (a case without one last), then by case number.
 *
 * @throws RangeError when `now` is not a valid instant.
 */
export function commitmentLedger(cases: Iterable<CommitmentSource>, now: Date | number): Commitment[] {
  const today = toChinaDate(now instanceof Date ? now : new Date(now));
  const open: Commitment[] = [];
  for (const source of cases) {
    const commitment = openCommitment(source, today);
    if (commitment) open.push(commitment);
  }
  return open.sort(
    (a, b) =>
      STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
      (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) ||
      a.number.localeCompare(b.number),
  );
}

/**
 * The rule for the case's overdue commitment: that of the items that need a material still awaited, when they
 * agree; `escalate` when they do not (a person decides between them) or none names one.
 */
export function overdueRule(current: Pick<Case, 'materials'>, items: readonly CaseItemFacts[]): OverdueRule {
  const awaited = current.materials.filter((m) => m.receipt === 'tolerated');
  const concerned = new Set(awaited.flatMap((m) => m.itemIds));
  const rules = new Set(items.filter((i) => concerned.has(i.id)).map((i) => i.overdueRule ?? DEFAULT_OVERDUE_RULE));
  return rules.size === 1 ? [...rules][0]! : DEFAULT_OVERDUE_RULE;
}

/** Who handles an overdue commitment, where and when, with the catalog entries of the case's items. */
export interface OverdueInput {
  /** Clerk or manager id. */
  actor: string;
  /** Window code where it is done. */
  window: string;
  /** When, as an ISO 8601 timestamp with a zone; also decides whether the deadline has passed. */
  at: string;
  /** The catalog entries of the case's items, in the versions the case pinned: they name the rule. */
  items: readonly CaseItemFacts[];
}

/** What {@link handleOverdue} did. */
export interface OverdueOutcome {
  case: Case;
  /** The rule the items name. */
  rule: OverdueRule;
  /**
   * The rule applied: the items' rule, or `escalate` when the case has gone to the deciding department already
   * (`forwarded`), where the hall can no longer revoke or void it on its own.
   */
  applied: OverdueRule;
}

/** The audit action of an escalated overdue commitment. */
export const ESCALATE_ACTION = 'escalate-overdue';
/** The audit action of a reminder sent to the applicant. */
export const REMIND_ACTION = 'remind-supplement';

/**
 * Handles a commitment not kept by its deadline, as the case's items say ({@link overdueRule}), in the case's
 * audit: an `accepted-with-tolerance` case is first marked `overdue`; then `revoke` refuses it (撤销受理), `void`
 * discards it (作废), and `escalate` records an `escalate-overdue` line for the manager, leaving the status as it
 * is. A forwarded case is escalated whatever the rule. Every step names the materials awaited and the deadline.
 *
 * @throws IllegalTransitionError `not-yet-overdue` before the deadline's day is over, `supplement-not-open` when
 *   the case holds no open commitment, `overdue-handled` when it was escalated already, `items-mismatch`, or one of
 *   the actor/window/time codes.
 */
export function handleOverdue(current: Case, input: OverdueInput): OverdueOutcome {
  const from = current.status;
  const fail: Fail = (code, params = {}) => new IllegalTransitionError(code, from, from, params);
  const who = checkActorWindowTime(input, fail);
  if (who) throw who;
  const items = pinnedItems(current, input.items, fail);
  if (items instanceof IllegalTransitionError) throw items;
  const commitment = openCommitment(current, toChinaDate(new Date(input.at)));
  if (!commitment) throw fail('supplement-not-open');
  if (commitment.state !== 'overdue') throw fail('not-yet-overdue', { value: commitment.due ?? '—' });
  const escalated = current.audit.find((entry) => entry.action === ESCALATE_ACTION);
  if (escalated) throw fail('overdue-handled', { value: toChinaDate(new Date(escalated.at)) });

  const rule = overdueRule(current, items);
  const materials = names(commitment.materialIds, materialFacts(items)).join('、');
  const because = `逾期未补齐容缺材料：${materials}（补齐期限 ${commitment.due ?? '—'}）`;
  const step = { actor: input.actor, window: input.window, at: input.at };

  if (current.status === 'forwarded' || rule === 'escalate') {
    const entry: AuditEntry = {
      ...step,
      action: ESCALATE_ACTION,
      reason: `${because}，${OVERDUE_RULES.escalate.zh}`,
      materialIds: commitment.materialIds,
    };
    const marked =
      current.status === 'accepted-with-tolerance'
        ? transition(current, { ...step, to: 'overdue', reason: because })
        : current;
    return {
      case: { ...marked, updatedAt: nextUpdatedAt(marked, input.at), audit: [...marked.audit, entry] },
      rule,
      applied: 'escalate',
    };
  }
  const marked =
    current.status === 'overdue' ? current : transition(current, { ...step, to: 'overdue', reason: because });
  const to: CaseStatus = rule === 'revoke' ? 'refused' : 'discarded';
  return {
    case: transition(marked, { ...step, to, reason: `${because}，依承诺${OVERDUE_RULES[rule].zh}` }),
    rule,
    applied: rule,
  };
}

/** A reminder sent to the applicant of a commitment, recorded in the case's audit. */
export interface ReminderInput {
  actor: string;
  window: string;
  at: string;
  /** How it was sent, e.g. `sms`. */
  channel: string;
}

/** The China day of the case's last reminder, if any. */
function lastReminderDay(current: Pick<Case, 'audit'>): string | undefined {
  const last = [...current.audit].reverse().find((entry) => entry.action === REMIND_ACTION);
  return last && toChinaDate(new Date(last.at));
}

/**
 * Whether the applicant of the case's open commitment is to be reminded on the China day of `now`: from the day
 * before the deadline on, and once overdue, at most once a day.
 */
export function reminderDue(current: CommitmentSource & Pick<Case, 'audit'>, now: Date | number): boolean {
  const today = toChinaDate(now instanceof Date ? now : new Date(now));
  const commitment = openCommitment(current, today);
  if (!commitment || commitment.daysLeft === undefined || commitment.daysLeft > 1) return false;
  return lastReminderDay(current) !== today;
}

/** Records a reminder sent for the case's open commitment: one `remind-supplement` line in its audit. */
export function recordReminder(current: Case, input: ReminderInput): Case {
  const fail: Fail = (code, params = {}) => new IllegalTransitionError(code, current.status, current.status, params);
  const who = checkActorWindowTime(input, fail);
  if (who) throw who;
  const commitment = openCommitment(current, toChinaDate(new Date(input.at)));
  if (!commitment) throw fail('supplement-not-open');
  const entry: AuditEntry = {
    at: input.at,
    actor: input.actor,
    window: input.window,
    action: REMIND_ACTION,
    reason: `已通过${input.channel === 'sms' ? '短信' : input.channel}提醒补齐（期限 ${commitment.due ?? '—'}）`,
    materialIds: commitment.materialIds,
  };
  return { ...current, updatedAt: nextUpdatedAt(current, input.at), audit: [...current.audit, entry] };
}

/**
 * The reminder the applicant receives (an SMS): the case number, the materials awaited by name and the deadline;
 * never their name or identity number.
 */
export function reminderText(
  commitment: Commitment,
  items: readonly CaseItemFacts[],
  hallName: string,
): { 'zh-CN': string; 'en-US': string } {
  const materials = names(commitment.materialIds, materialFacts(items));
  const due = commitment.due ?? '—';
  const late = commitment.state === 'overdue';
  return {
    'zh-CN':
      `【${hallName}】您的办件 ${commitment.number} 尚有容缺材料未补齐：${materials.join('、')}。` +
      (late ? `补齐期限 ${due} 已过，请尽快` : `请于 ${due} 前`) +
      '携带材料到任一综合窗口补齐。',
    'en-US':
      `[${hallName}] Case ${commitment.number} still awaits: ${materials.join(', ')}. ` +
      (late ? `The deadline ${due} has passed; please bring them` : `Please bring them by ${due}`) +
      ' to any comprehensive window.',
  };
}
