import type { WorkingDayCalendar } from '../calendar/calendar.js';
import { toChinaDate } from '../calendar/date.js';
import { mergeItemMaterials, type MergedMaterial } from '../catalog/bundle-merge.js';
import type { ServiceItem } from '../catalog/item.js';
import type { Case, CaseMaterial, ReceiptKind } from './case.js';
import type { CaseStatus } from './status.js';
import { checkTransition, type CaseItemFacts, type IllegalTransitionError } from './transition.js';

/**
 * The four answers a comprehensive window gives an application (受理决定), each the status it moves the draft to.
 * - `accept` (受理): everything required is here;
 * - `accept-with-tolerance` (容缺受理): what is missing may be missing, and is promised by a deadline;
 * - `notify-incomplete` (一次性告知): one notice of everything missing or defective, nothing asked twice;
 * - `refuse` (不予受理): the application is outside the item's grounds.
 */
export const INTAKE_DECISIONS = {
  accept: { to: 'accepted', zh: '受理', en: 'Accept' },
  'accept-with-tolerance': { to: 'accepted-with-tolerance', zh: '容缺受理', en: 'Accept with tolerance' },
  'notify-incomplete': { to: 'notified-incomplete', zh: '一次性告知', en: 'Notify once of what is missing' },
  refuse: { to: 'refused', zh: '不予受理', en: 'Refuse' },
} as const satisfies Record<string, { to: CaseStatus; zh: string; en: string }>;
/** Key of {@link INTAKE_DECISIONS}. */
export type IntakeDecision = keyof typeof INTAKE_DECISIONS;

/** The decisions in the order a window considers them. */
export const INTAKE_DECISION_ORDER = Object.keys(INTAKE_DECISIONS) as IntakeDecision[];

/**
 * How a material may be received at the window, in the order a clerk considers them: as the catalog says it is
 * submitted (paper, a scan at the window, an electronic attachment), as an e-licence when the catalog names one,
 * tolerated (容缺) only when every item that needs it allows it and none is high-risk, replaced by a commitment
 * (告知承诺) only when the catalog allows it, or missing.
 */
export function receiptChoices(merged: MergedMaterial): ReceiptKind[] {
  const { material } = merged;
  const choices: ReceiptKind[] = [];
  // 01 纸质, 02 电子, 03 纸质或电子, 04 纸质和电子.
  if (material.submission !== '02') choices.push('paper');
  if (material.submission !== '01') choices.push('scan', 'attachment');
  if (material.licenceType !== undefined) choices.push('e-licence');
  if (merged.tolerable) choices.push('tolerated');
  if (material.commitmentReplaces === true) choices.push('commitment');
  choices.push('missing');
  return choices;
}

/** Whether a receipt means the material is in the window's hands (paper, scan, attachment or e-licence). */
export function isReceived(receipt: ReceiptKind | undefined): boolean {
  return receipt === 'paper' || receipt === 'scan' || receipt === 'attachment' || receipt === 'e-licence';
}

/** What a window may answer now: each decision open (`null`) or refused, with the state machine's reason. */
export type IntakeDecisions = Readonly<Record<IntakeDecision, IllegalTransitionError | null>>;

/** What a decision needs beyond the draft: who, where, when, and the decision's own facts. */
export interface IntakeDecisionInput {
  actor: string;
  window: string;
  at: string;
  /** The reason of a notice or a refusal. */
  reason?: string;
  /** The ground of a refusal: the id of one of the items' `refusalGrounds`. */
  ground?: string;
  /** Last day to supplement what is tolerated. */
  supplementDue?: string;
}

/**
 * Which decisions the draft's materials allow, asked of the case state machine itself (no second set of rules):
 * each decision is `null` when the machine would take it with `input`, or the error it would refuse it with. A
 * reason, a ground or a deadline not given yet is reported as such (`reason-required`, `ground-required`,
 * `supplement-due-required`), so a window can tell "not possible" from "needs one more answer".
 */
export function intakeDecisions(
  draft: Case,
  items: readonly CaseItemFacts[],
  input: IntakeDecisionInput,
): IntakeDecisions {
  const result = {} as Record<IntakeDecision, IllegalTransitionError | null>;
  for (const decision of INTAKE_DECISION_ORDER) {
    result[decision] = checkTransition(draft, { ...input, to: INTAKE_DECISIONS[decision].to, items });
  }
  return result;
}

/** Whether a decision is refused only for want of an answer the clerk has not given yet (a reason, a ground, a deadline). */
export function needsAnswer(error: IllegalTransitionError | null): boolean {
  return (
    error?.code === 'reason-required' || error?.code === 'supplement-due-required' || error?.code === 'ground-required'
  );
}

/** One line of a one-time notice (一次性告知书) or a commitment letter: a material and what is needed of it. */
export interface NoticeLine {
  materialId: string;
  name: string;
  necessity: 'required' | 'optional';
  /** What the clerk found: missing, tolerated (promised), or received but defective (with `note`). */
  receipt: ReceiptKind | undefined;
  /** What is wrong with it, as the clerk wrote it. */
  note?: string;
  /** What the catalog asks for: its acceptance standard, copies and form. */
  acceptanceStandard?: string;
  copies: number;
  /** Names of the items that need it. */
  items: string[];
}

/**
 * Everything the applicant still has to bring, once (一次性告知): every required material not received (absent,
 * missing or tolerated), and any material the clerk marked with a note (defective: unclear copy, missing stamp), in
 * the order of the items' lists, each with what the catalog asks of it.
 */
export function missingMaterials(materials: readonly CaseMaterial[], items: readonly CaseItemFacts[]): NoticeLine[] {
  const byId = new Map(materials.map((m) => [m.materialId, m]));
  const itemNames = new Map(items.map((i) => [i.id, i.name]));
  return mergeItemMaterials(items)
    .filter((merged) => {
      const given = byId.get(merged.material.id);
      if (given?.note) return true;
      return merged.necessity === 'required' && !isReceived(given?.receipt) && given?.receipt !== 'commitment';
    })
    .map((merged) => {
      const given = byId.get(merged.material.id);
      return {
        materialId: merged.material.id,
        name: merged.material.name,
        necessity: merged.necessity,
        receipt: given?.receipt,
        ...(given?.note ? { note: given.note } : {}),
        ...(merged.material.acceptanceStandard ? { acceptanceStandard: merged.material.acceptanceStandard } : {}),
        copies: merged.copies,
        items: merged.itemIds.map((id) => itemNames.get(id) ?? id),
      };
    });
}

/** What {@link promisedCompletionDate} needs of an item: whether it closes at the window, and its promised limit. */
export type PromisableItem = Pick<ServiceItem, 'caseKind' | 'promisedLimit'>;

/**
 * The promised completion date (承诺办结日期) of a case accepted at `at`: the latest due date of its items, each from the
 * working-day calendar (`dueDate`: working days skip holidays and count make-up working days; natural days end on a
 * working day); an immediate item (即办件) or a limit in hours is due the day it runs out, in China time.
 * @throws UnknownCalendarYearError when the count reaches a year the calendar has no schedule for.
 */
export function promisedCompletionDate(
  items: readonly PromisableItem[],
  at: string,
  calendar: WorkingDayCalendar,
): string {
  const accepted = new Date(at);
  const start = toChinaDate(accepted);
  let latest = start;
  for (const item of items) {
    const limit = item.promisedLimit;
    const due =
      item.caseKind === 'immediate'
        ? start
        : limit.unit === 'hours'
          ? toChinaDate(new Date(accepted.getTime() + limit.value * 3_600_000))
          : calendar.dueDate({ start, limit });
    if (due > latest) latest = due;
  }
  return latest;
}
