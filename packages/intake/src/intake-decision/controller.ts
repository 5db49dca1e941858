import { BehaviorSubject, type Observable } from 'rxjs';
import * as v from 'valibot';
import type { IllegalTransitionError } from '@yichuang/core';
import {
  INTAKE_DECISIONS,
  INTAKE_DECISION_ORDER,
  intakeDecisions,
  refusalGrounds,
  missingMaterials,
  needsAnswer,
  postAllowed,
  transition,
  ResultDeliverySchema,
  type Case,
  type CaseItemFacts,
  type IntakeDecision,
  type IntakeDecisions,
  type NoticeLine,
  type ResultDelivery,
  type ResultDeliveryWay,
} from '@yichuang/core';
import { withoutFieldKey } from '../i18n/field-message.js';

/** Who decides, where, and the clock the decision is stamped with. */
export interface DecisionContext {
  /** Clerk id. */
  actor: string;
  /** Window code. */
  window: string;
  /** The clock (the window's); the system clock by default. */
  now?: () => Date;
  /** The clerk's language for the field problems (zh-CN by default). */
  locale?: 'zh-CN' | 'en-US';
}

/** How the result reaches the applicant, as the clerk fills it in (post: who, which phone, where). */
export interface DeliveryFields {
  way: ResultDeliveryWay;
  recipient: string;
  phone: string;
  address: string;
}

/** What the decision view shows. */
export interface DecisionState {
  /** Each decision open (`null`) or refused with the state machine's reason, given what is filled in now. */
  decisions: IntakeDecisions | undefined;
  /** Whether a decision can be chosen at all: open, or refused only for an answer still to give. */
  choosable: Readonly<Record<IntakeDecision, boolean>>;
  chosen: IntakeDecision | undefined;
  reason: string;
  /** What a refusal may rest on: the statutory grounds and the items' conditions, in the clerk's language. */
  grounds: readonly { id: string; text: string }[];
  /** The ground chosen for a refusal (its id), or `''`. */
  ground: string;
  supplementDue: string;
  /** How the result reaches the applicant: asked on acceptance, recorded on the case. */
  delivery: DeliveryFields;
  /** Whether the result may be posted: every item allows it (the core's `postAllowed`). */
  postAllowed: boolean;
  /** What is wrong with each postal field, in the core schema's words and the clerk's language (post only). */
  deliveryProblems: Partial<Record<'recipient' | 'phone' | 'address', string>>;
  /** Every material still to bring or put right: the lines of the one-time notice or the commitment letter. */
  lines: readonly NoticeLine[];
  /** Why the chosen decision cannot be taken yet, from the state machine; `undefined` when it can. */
  blocked: IllegalTransitionError | undefined;
  /** The case after the decision, once taken. */
  decided: Case | undefined;
}

const NONE: Readonly<Record<IntakeDecision, boolean>> = {
  accept: false,
  'accept-with-tolerance': false,
  'notify-incomplete': false,
  refuse: false,
};

/**
 * The window's decision on a draft (受理决定) without a DOM. Which decisions are possible is asked of the case state
 * machine through the core (`intakeDecisions`), with the reason and the deadline as filled in; the decision itself is
 * the core's `transition`, audited there. Nothing here is a rule of its own.
 */
export class IntakeDecisionController {
  readonly #state: BehaviorSubject<DecisionState>;
  #draft: Case | undefined;
  #items: readonly CaseItemFacts[] = [];
  #context: DecisionContext;
  #chosen: IntakeDecision | undefined;
  #reason = '';
  #ground = '';
  #supplementDue = '';
  #delivery: DeliveryFields = { way: 'window', recipient: '', phone: '', address: '' };
  #decided: Case | undefined;

  constructor(context: DecisionContext) {
    this.#context = context;
    this.#state = new BehaviorSubject(this.#compute());
  }

  get state$(): Observable<DecisionState> {
    return this.#state.asObservable();
  }

  get state(): DecisionState {
    return this.#state.value;
  }

  /** Starts on a draft with its items (their pinned versions); what was chosen is kept if still possible. */
  load(draft: Case | undefined, items: readonly CaseItemFacts[], context: DecisionContext = this.#context): void {
    this.#draft = draft;
    this.#items = items;
    this.#context = context;
    this.#decided = undefined;
    // The post goes to the applicant (an organisation's legal representative) unless the clerk says otherwise.
    const applicant = draft?.applicant;
    this.#delivery = {
      way: this.#delivery.way === 'post' && postAllowed(items) ? 'post' : 'window',
      recipient:
        this.#delivery.recipient ||
        (applicant?.kind === 'organisation' ? applicant.legalRepresentative.name : (applicant?.name ?? '')),
      phone: this.#delivery.phone || (applicant?.phone ?? ''),
      address: this.#delivery.address || (applicant?.address ?? ''),
    };
    this.#emit();
    if (this.#chosen && !this.state.choosable[this.#chosen]) this.choose(undefined);
  }

  /** Chooses a decision (or none). A notice starts with the usual reason, which the clerk may change. */
  choose(decision: IntakeDecision | undefined): void {
    if (decision !== undefined && !this.state.choosable[decision]) {
      throw new RangeError(`The decision ${decision} is not possible for this draft.`);
    }
    this.#chosen = decision;
    this.#emit();
  }

  setReason(reason: string): void {
    this.#reason = reason;
    this.#emit();
  }

  /** The ground a refusal rests on: the id of one of `state.grounds`. */
  setGround(ground: string): void {
    this.#ground = ground;
    this.#emit();
  }

  /** The last day (`YYYY-MM-DD`) to bring the tolerated materials. */
  setSupplementDue(day: string): void {
    this.#supplementDue = day;
    this.#emit();
  }

  /** How the result reaches the applicant; the fields given replace those typed. */
  setDelivery(patch: Partial<DeliveryFields>): void {
    this.#delivery = { ...this.#delivery, ...patch };
    this.#emit();
  }

  /**
   * Takes the chosen decision: the core's `transition` moves the draft and writes the audit line.
   * @returns the decided case.
   * @throws IllegalTransitionError when the state machine refuses (the state says why beforehand).
   */
  decide(extra: { promisedDate?: string } = {}): Case {
    const draft = this.#draft;
    const chosen = this.#chosen;
    if (!draft || !chosen) throw new RangeError('Choose a decision on a draft first.');
    const decided = transition(draft, {
      ...this.#input(),
      to: INTAKE_DECISIONS[chosen].to,
      items: this.#items,
      ...(chosen === 'accept' || chosen === 'accept-with-tolerance' ? extra : {}),
    });
    this.#decided = decided;
    this.#emit();
    return decided;
  }

  #input(): {
    actor: string;
    window: string;
    at: string;
    reason?: string;
    ground?: string;
    supplementDue?: string;
    delivery?: ResultDelivery;
  } {
    const at = (this.#context.now?.() ?? new Date()).toISOString();
    const reason = this.#reason.trim();
    const accepting = this.#chosen === 'accept' || this.#chosen === 'accept-with-tolerance';
    const { way, recipient, phone, address } = this.#delivery;
    return {
      ...(accepting ? { delivery: way === 'post' ? { way, recipient, phone, address } : { way } } : {}),
      actor: this.#context.actor,
      window: this.#context.window,
      at,
      ...(reason && (this.#chosen === 'notify-incomplete' || this.#chosen === 'refuse') ? { reason } : {}),
      ...(this.#ground && this.#chosen === 'refuse' ? { ground: this.#ground } : {}),
      ...(this.#supplementDue && this.#chosen === 'accept-with-tolerance'
        ? { supplementDue: this.#supplementDue }
        : {}),
    };
  }

  #deliveryProblems(): DecisionState['deliveryProblems'] {
    const { way, recipient, phone, address } = this.#delivery;
    if (way !== 'post') return {};
    const parsed = v.safeParse(
      ResultDeliverySchema,
      { way, recipient, phone, address },
      {
        lang: this.#context.locale ?? 'zh-CN',
      },
    );
    const problems: DecisionState['deliveryProblems'] = {};
    for (const issue of parsed.issues ?? []) {
      const key = issue.path?.[0]?.key;
      if (key === 'recipient' || key === 'phone' || key === 'address') {
        problems[key] ??= withoutFieldKey(issue.message);
      }
    }
    return problems;
  }

  #emit(): void {
    this.#state.next(this.#compute());
  }

  #compute(): DecisionState {
    const draft = this.#draft;
    const base = {
      chosen: this.#chosen,
      reason: this.#reason,
      grounds: refusalGrounds(this.#items).map(({ id, text }) => ({ id, text: text[this.#context.locale ?? 'zh-CN'] })),
      ground: this.#ground,
      supplementDue: this.#supplementDue,
      delivery: this.#delivery,
      postAllowed: postAllowed(this.#items),
      deliveryProblems: this.#deliveryProblems(),
    };
    if (!draft) {
      return { ...base, decisions: undefined, choosable: NONE, lines: [], blocked: undefined, decided: undefined };
    }
    const decisions = intakeDecisions(draft, this.#items, this.#input());
    const choosable = Object.fromEntries(
      // Postal details still to type are asked under their fields: they do not rule the decision out.
      INTAKE_DECISION_ORDER.map((d) => [
        d,
        decisions[d] === null || needsAnswer(decisions[d]) || decisions[d]?.code === 'invalid-delivery',
      ]),
    ) as Record<IntakeDecision, boolean>;
    return {
      ...base,
      decisions,
      choosable,
      lines: missingMaterials(draft.materials, this.#items),
      blocked: this.#chosen ? (decisions[this.#chosen] ?? undefined) : undefined,
      decided: this.#decided,
    };
  }
}
