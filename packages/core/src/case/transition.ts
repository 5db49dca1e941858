import * as v from 'valibot';
import { isIsoDate, isIsoTimestamp, toChinaDate } from '../calendar/date.js';
import type { ServiceItem } from '../catalog/item.js';
import { mergeItemMaterials, type MergedMaterial } from '../catalog/bundle-merge.js';
import { authorisationLapsed } from '../people/applicant.js';
import {
  CaseMaterialSchema,
  ResultDeliverySchema,
  type AuditEntry,
  type Case,
  type CaseMaterial,
  type ResultDelivery,
} from './case.js';
import { isHallOrWindowCode } from './case-number.js';
import { FormValuesSchema, checkForm, formProblemsText, mergeItemForms, type FormValues } from './form.js';
import { refusalGround } from './refusal.js';
import {
  schemaIssues,
  formatTransitionMessage,
  type CaseLocale,
  type TransitionErrorCode,
  type TransitionMessageParams,
} from './messages.js';
import { TRANSITION_ACTIONS, allowedTransitions, isCaseStatus, isResultStatus, type CaseStatus } from './status.js';

/** What the state machine needs to know of the case's catalog items (their pinned versions). */
export type CaseItemFacts = Pick<ServiceItem, 'id' | 'version' | 'name' | 'caseKind' | 'highRisk' | 'materials'> &
  Partial<Pick<ServiceItem, 'postal' | 'form' | 'conditions' | 'overdueRule'>>;

/** A request to move a case to another status. */
export interface TransitionInput {
  to: CaseStatus;
  /** Clerk id of who does it. */
  actor: string;
  /** Window code where it is done. */
  window: string;
  /** When, as an ISO 8601 timestamp with a zone; also decides whether a supplement deadline has passed. */
  at: string;
  /** Required to refuse, to notify of missing materials and to withdraw. */
  reason?: string;
  /** Last day (China time, `YYYY-MM-DD`) to supplement; required to accept with tolerance unless already set. */
  supplementDue?: string;
  /** Promised completion date (`YYYY-MM-DD`), computed by the caller from the working-day calendar. */
  promisedDate?: string;
  /**
   * How the result reaches the applicant (at a window, or by post with recipient, phone and address), recorded when
   * accepting; posting needs every item to allow it (`postal` in the catalog).
   */
  delivery?: ResultDelivery;
  /**
   * The application form's answers, replacing the case's; accepting (with tolerance or not) needs the items' form
   * filled in and valid (`checkForm`).
   */
  form?: FormValues;
  /**
   * What a refusal rests on: the id of one of the items' refusal grounds (`refusalGrounds`) (a statutory ground, or an item's
   * condition not met). Required for refusing when `items` are given; the case records the ground as printed.
   */
  ground?: string;
  /** The case's materials as of this step (e.g. the supplement received); replaces `materials` on the case. */
  materials?: readonly CaseMaterial[];
  /**
   * The catalog entries of the case's items, in the versions the case pinned. With them the machine checks
   * required, tolerable and commitment-replaceable materials and immediate items; without them it treats every
   * `missing` or `tolerated` material as required, and refuses `accepted → decided`.
   */
  items?: readonly CaseItemFacts[];
}

/** Whether the result of a case of `items` may be posted: every item allows it (`postal` in the catalog). */
export function postAllowed(items: readonly Pick<CaseItemFacts, 'postal'>[]): boolean {
  return items.length > 0 && items.every((item) => item.postal === true);
}

/** Thrown when a transition is not in the graph or a guard refuses it; `localized()` gives zh-CN or en-US text. */
export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';
  /** `message` is in en-US (for logs); show {@link IllegalTransitionError.localized} to clerks. */
  constructor(
    readonly code: TransitionErrorCode,
    readonly from: CaseStatus,
    readonly to: string,
    readonly params: Readonly<TransitionMessageParams> = {},
  ) {
    super(formatTransitionMessage(code, { from, to, ...params }, 'en-US'));
  }

  /** The message in `locale` (zh-CN by default, as the hall's UI). */
  localized(locale: CaseLocale = 'zh-CN'): string {
    return formatTransitionMessage(this.code, { from: this.from, to: this.to, ...this.params }, locale);
  }
}

const REASON_REQUIRED: ReadonlySet<CaseStatus> = new Set(['refused', 'notified-incomplete', 'withdrawn']);
const ACTOR_REGEX = /^[0-9A-Za-z._-]{1,64}$/;

/** @internal Builds the error of a refused step. */
export type Fail = (code: TransitionErrorCode, params?: TransitionMessageParams) => IllegalTransitionError;

/** @internal Checks who does a step, where and when: `at`, `actor` and `window`. */
export function checkActorWindowTime(
  input: Pick<TransitionInput, 'at' | 'actor' | 'window'>,
  fail: Fail,
): IllegalTransitionError | null {
  if (typeof input.at !== 'string' || !isIsoTimestamp(input.at))
    return fail('invalid-time', { value: String(input.at) });
  if (typeof input.actor !== 'string' || !ACTOR_REGEX.test(input.actor)) {
    return fail('invalid-actor', { value: String(input.actor) });
  }
  if (!isHallOrWindowCode(input.window)) return fail('invalid-window', { value: String(input.window) });
  return null;
}

/** @internal Material facts merged over the pinned items, by material id. */
export function materialFacts(items: readonly CaseItemFacts[]): Map<string, MergedMaterial> {
  return new Map(mergeItemMaterials(items).map((m) => [m.material.id, m]));
}

/** @internal The catalog names of materials, or their ids without the catalog. */
export function names(ids: readonly string[], facts: Map<string, MergedMaterial> | undefined): string[] {
  return ids.map((id) => facts?.get(id)?.material.name ?? id);
}

/** @internal The ids of the case's materials still tolerated (容缺), i.e. awaited from the applicant. */
export function toleratedIds(materials: readonly CaseMaterial[]): string[] {
  return materials.filter((m) => m.receipt === 'tolerated').map((m) => m.materialId);
}

/** @internal `updatedAt` after a step at `at`: never moved backwards by a window clock behind the last writer's. */
export function nextUpdatedAt(current: Case, at: string): string {
  return Date.parse(at) > Date.parse(current.updatedAt) ? at : current.updatedAt;
}

/** @internal Resolves the pinned items among `given`; returns an error naming those missing. */
export function pinnedItems(current: Case, given: readonly CaseItemFacts[], fail: Fail) {
  const found: CaseItemFacts[] = [];
  const missing: string[] = [];
  for (const { itemId, version } of current.items) {
    const item = given.find((i) => i.id === itemId && i.version === version);
    if (item) found.push(item);
    else missing.push(`${itemId}@${version}`);
  }
  return missing.length > 0 ? fail('items-mismatch', { items: missing }) : found;
}

/**
 * Required materials not received: each required material of the pinned items (all `missing`/`tolerated`
 * materials without them) whose receipt is absent, `missing`, or — when `allowTolerated` is false — `tolerated`.
 */
function unreceived(
  materials: readonly CaseMaterial[],
  facts: Map<string, MergedMaterial> | undefined,
  allowTolerated: boolean,
): string[] {
  const open = (receipt: CaseMaterial['receipt'] | undefined) =>
    receipt === undefined || receipt === 'missing' || (!allowTolerated && receipt === 'tolerated');
  if (!facts) return materials.filter((m) => open(m.receipt)).map((m) => m.materialId);
  const receipts = new Map(materials.map((m) => [m.materialId, m.receipt]));
  return [...facts.values()]
    .filter((f) => f.necessity === 'required' && open(receipts.get(f.material.id)))
    .map((f) => f.material.id);
}

/** Checks a transition without performing it: the error it would throw, or `null` if it is allowed. */
export function checkTransition(current: Case, input: TransitionInput): IllegalTransitionError | null {
  const from = current.status;
  const to = input.to;
  const fail: Fail = (code, params = {}) => new IllegalTransitionError(code, from, String(to), params);

  const who = checkActorWindowTime(input, fail);
  if (who) return who;
  if (!isCaseStatus(to)) return fail('unknown-status');

  const allowed = allowedTransitions(from);
  if (allowed.length === 0) return fail('terminal');
  if (!allowed.includes(to)) return fail('not-allowed', { allowed });

  const reason = typeof input.reason === 'string' ? input.reason.trim() : undefined;
  if (reason && reason.length > 500) return fail('reason-too-long');
  if (input.promisedDate !== undefined && !isIsoDate(input.promisedDate)) {
    return fail('invalid-promised-date', { value: String(input.promisedDate) });
  }

  let materials: readonly CaseMaterial[] = current.materials;
  if (input.materials !== undefined) {
    const parsed = schemaIssues(v.array(CaseMaterialSchema), input.materials);
    if (parsed.issues) return fail('invalid-materials', { value: parsed.issues });
    materials = parsed.output as CaseMaterial[];
  }

  let items: CaseItemFacts[] | undefined;
  if (input.items !== undefined) {
    const resolved = pinnedItems(current, input.items, fail);
    if (resolved instanceof IllegalTransitionError) return resolved;
    items = resolved;
  }
  const facts = items && materialFacts(items);
  const tolerated = toleratedIds(materials);

  // 容缺受理 lets the case go to the back office at once, but no result is issued before the supplement arrives.
  if (isResultStatus(to) && tolerated.length > 0) {
    return fail('supplement-outstanding', { materials: names(tolerated, facts) });
  }

  // Materials must be on the items' lists, and a commitment may only replace what the catalog allows.
  if (facts && (to === 'accepted' || to === 'accepted-with-tolerance' || to === 'supplemented')) {
    const unknown = materials.filter((m) => !facts.has(m.materialId)).map((m) => m.materialId);
    if (unknown.length > 0) return fail('unknown-material', { materials: unknown });
    const badCommitment = materials
      .filter((m) => m.receipt === 'commitment' && !facts.get(m.materialId)?.material.commitmentReplaces)
      .map((m) => m.materialId);
    if (badCommitment.length > 0) return fail('commitment-not-allowed', { materials: names(badCommitment, facts) });
  }

  // A proxy acts only within their authorisation's term: a lapsed one accepts nothing (telling or refusing still can).
  if ((to === 'accepted' || to === 'accepted-with-tolerance') && current.proxy) {
    const today = toChinaDate(new Date(input.at));
    if (authorisationLapsed(current.proxy, today)) {
      return fail('authorisation-lapsed', { value: current.proxy.authorisation.validUntil ?? '', today });
    }
  }

  switch (to) {
    case 'accepted': {
      const open = [...new Set([...tolerated, ...unreceived(materials, facts, false)])];
      if (open.length > 0) return fail('accept-incomplete', { materials: names(open, facts) });
      break;
    }
    case 'accepted-with-tolerance': {
      if (tolerated.length === 0) return fail('no-tolerated-material');
      if (facts) {
        const notTolerable = tolerated.filter((id) => !facts.get(id)?.tolerable);
        if (notTolerable.length > 0) return fail('not-tolerable', { materials: names(notTolerable, facts) });
      }
      const open = unreceived(materials, facts, true);
      if (open.length > 0) return fail('tolerance-incomplete', { materials: names(open, facts) });
      const due = input.supplementDue ?? current.supplementDue;
      if (due === undefined) return fail('supplement-due-required');
      if (!isIsoDate(due)) return fail('invalid-supplement-due', { value: String(due) });
      const today = toChinaDate(new Date(input.at));
      if (due < today) return fail('supplement-due-past', { value: due, today });
      break;
    }
    case 'supplemented': {
      const open = [...new Set([...tolerated, ...unreceived(materials, facts, false)])];
      if (open.length > 0) return fail('supplement-incomplete', { materials: names(open, facts) });
      break;
    }
    case 'notified-incomplete': {
      // 一次性告知 lists what is missing: with nothing missing there is nothing to tell, the case is to be accepted.
      // A material marked missing, or one received with a note of what is wrong with it, is something to tell.
      const defective = materials.some((m) => m.receipt === 'missing' || m.note !== undefined);
      if (!defective && unreceived(materials, facts, true).length === 0) return fail('nothing-to-notify');
      break;
    }
    case 'overdue': {
      const due = current.supplementDue;
      // The deadline's whole day (China time) belongs to the applicant: overdue from the next day on.
      if (due === undefined || toChinaDate(new Date(input.at)) <= due) {
        return fail('not-yet-overdue', { value: due ?? '—' });
      }
      break;
    }
    case 'decided': {
      if (from === 'accepted') {
        if (!items) return fail('items-required');
        const notImmediate = items.filter((i) => i.caseKind !== 'immediate').map((i) => i.name);
        if (notImmediate.length > 0) return fail('not-immediate', { items: notImmediate });
      }
      break;
    }
    default:
      break;
  }
  // The application form, after the materials too: accepting needs every item's form filled in and valid.
  if (items && (to === 'accepted' || to === 'accepted-with-tolerance')) {
    const problems = formProblemsText(mergeItemForms(items), input.form ?? current.form ?? {});
    if (problems) return fail('form-incomplete', { value: problems });
  }
  // Asked after the materials: a decision they rule out says so, not that the postal details are still to come.
  let delivery: ResultDelivery | undefined;
  if (input.delivery !== undefined && (to === 'accepted' || to === 'accepted-with-tolerance')) {
    const parsed = schemaIssues(ResultDeliverySchema, input.delivery);
    if (parsed.issues) return fail('invalid-delivery', { value: parsed.issues });
    delivery = parsed.output as ResultDelivery;
    if (delivery.way === 'post') {
      if (!items) return fail('items-required');
      if (!postAllowed(items)) {
        return fail('post-not-allowed', { items: items.filter((i) => !postAllowed([i])).map((i) => i.name) });
      }
    }
  }

  // Asked last: a window can tell a decision the materials rule out from one that only waits for its reason.
  if (to === 'refused' && items) {
    if (input.ground === undefined || input.ground === '') return fail('ground-required');
    if (!refusalGround(items, input.ground)) return fail('unknown-ground', { value: String(input.ground) });
  }
  if (REASON_REQUIRED.has(to) && !reason) return fail('reason-required');
  return null;
}

/**
 * Moves a case to another status: returns a new case (the given one is not changed) with the status, `updatedAt`
 * (`at`, unless the case was updated later already) and one more audit entry; accepting with tolerance also records `supplementDue`, and `promisedDate` and
 * `materials` are taken over when given.
 *
 * Graph: see {@link allowedTransitions}. Guards: refusing, notifying of missing materials and withdrawing need
 * a reason; notifying of missing materials needs one (a required material not received or tolerated, one marked
 * missing, or one received with a note of what is wrong with it); accepting needs every required material received (none tolerated or missing); accepting with
 * tolerance needs at least one tolerated (and tolerable) material and a supplement deadline not in the past;
 * posting the result needs every item to allow it and a recipient, phone and address;
 * accepting (with tolerance or not) a case a proxy brings needs their authorisation's term not to have run out;
 * marking overdue needs the deadline's day (China time) to be over; supplementing needs no tolerated material
 * left; `accepted → decided` is for immediate items (即办件) only; `decided`, `result-ready` and `delivered` are
 * refused (`supplement-outstanding`) while any material is still tolerated — a tolerated case may be forwarded at
 * once, but its result waits for the supplement (record it with {@link recordSupplement}).
 *
 * @throws IllegalTransitionError when the transition is not allowed; its `code` says why.
 */
export function transition(current: Case, input: TransitionInput): Case {
  const error = checkTransition(current, input);
  if (error) throw error;
  const reason = typeof input.reason === 'string' ? input.reason.trim() : undefined;
  const entry: AuditEntry = {
    at: input.at,
    actor: input.actor,
    window: input.window,
    action: TRANSITION_ACTIONS[input.to],
    from: current.status,
    to: input.to,
    ...(reason ? { reason } : {}),
  };
  const next: Case = {
    ...current,
    status: input.to,
    // A window clock behind the last writer's must not move updatedAt backwards; the audit keeps the real `at`.
    updatedAt: nextUpdatedAt(current, input.at),
    audit: [...current.audit, entry],
  };
  if (input.materials !== undefined) next.materials = v.parse(v.array(CaseMaterialSchema), input.materials);
  if (input.to === 'accepted-with-tolerance') next.supplementDue = input.supplementDue ?? current.supplementDue;
  if (input.promisedDate !== undefined) next.promisedDate = input.promisedDate;
  if (input.delivery !== undefined && (input.to === 'accepted' || input.to === 'accepted-with-tolerance')) {
    next.delivery = v.parse(ResultDeliverySchema, input.delivery);
  }
  // The pinned items among those given: checkTransition resolved them already, so none is missing.
  const fail: Fail = (code, params = {}) => new IllegalTransitionError(code, current.status, input.to, params);
  const pinned = input.items && (pinnedItems(current, input.items, fail) as CaseItemFacts[]);
  if (input.to === 'refused' && input.ground !== undefined && pinned) {
    const ground = refusalGround(pinned, input.ground)!;
    next.refusalGround = { id: ground.id, text: ground.text['zh-CN'] };
  }
  const answers = input.form ?? current.form;
  const accepting = input.to === 'accepted' || input.to === 'accepted-with-tolerance';
  const fields = accepting && pinned ? mergeItemForms(pinned) : [];
  // An accepted case keeps its answers in their canonical form (trimmed text, a phone number as digits …).
  if (fields.length > 0) next.form = checkForm(fields, answers ?? {}).values;
  else if (input.form !== undefined) next.form = v.parse(FormValuesSchema, input.form);
  return next;
}
