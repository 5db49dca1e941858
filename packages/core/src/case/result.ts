/**
 * Results at the window (综合窗口出件): the deciding department's result recorded on the case, the applicant told,
 * and the result handed over at any comprehensive window (identity checked, signed for) or posted (tracking number),
 * each step in the case's audit.
 * @module
 */
import { toChinaDate } from '../calendar/date.js';
import { authorisationLapsed } from '../people/applicant.js';
import {
  CaseHandoverSchema,
  CaseResultSchema,
  RESULT_OUTCOMES,
  type Case,
  type CaseHandover,
  type CaseResult,
  type SignatureWay,
} from './case.js';
import { schemaIssues } from './messages.js';
import {
  IllegalTransitionError,
  checkActorWindowTime,
  transition,
  type CaseItemFacts,
  type Fail,
  type TransitionInput,
} from './transition.js';

type Step = Pick<TransitionInput, 'actor' | 'window' | 'at'>;

/** The result the deciding department sent back, and who records it where and when. */
export interface ResultInput extends Step {
  result: CaseResult;
  /** The catalog entries of the case's items (pinned versions); only used to name materials in messages. */
  items?: readonly CaseItemFacts[];
}

/**
 * Records the deciding department's result on a forwarded case: `decided` (办结), then `result-ready` (待领取) in
 * the same step, two audit lines naming the result and its document number. Refused while a tolerated material is
 * still awaited (`supplement-outstanding`): no result before the supplement.
 *
 * @throws IllegalTransitionError `not-allowed` (not forwarded), `supplement-outstanding`, `invalid-result` (the
 *   schema's message; a decision dated after `at`), or one of the actor/window/time codes.
 */
export function recordResult(current: Case, input: ResultInput): Case {
  const from = current.status;
  const fail: Fail = (code, params = {}) => new IllegalTransitionError(code, from, 'decided', params);
  const who = checkActorWindowTime(input, fail);
  if (who) throw who;
  const parsed = schemaIssues(CaseResultSchema, input.result);
  if (parsed.issues) throw fail('invalid-result', { value: parsed.issues });
  const result = parsed.output as CaseResult;
  if (Date.parse(result.decidedAt) > Date.parse(input.at)) {
    throw fail('invalid-result', {
      value: {
        'zh-CN': 'decidedAt: 办结时间不能晚于登记时间',
        'en-US': 'decidedAt: not after the time it is recorded',
      },
    });
  }
  if (from !== 'forwarded') throw fail('not-allowed', { allowed: ['forwarded'] });
  const step = { actor: input.actor, window: input.window, at: input.at };
  const named = `${RESULT_OUTCOMES[result.outcome].zh}：${result.name}${result.documentNumber ? `（${result.documentNumber}）` : ''}`;
  const decided = transition(current, {
    ...step,
    to: 'decided',
    reason: `${result.department}办结，${named}`,
    ...(input.items ? { items: input.items } : {}),
  });
  const ready = transition({ ...decided, result }, { ...step, to: 'result-ready', reason: `结果已到大厅，待送达` });
  return ready;
}

/** A hand-over at a comprehensive window: who collects, the identity document they present, and how they signed. */
export interface WindowHandoverInput extends Step {
  way: 'window';
  receiver: 'applicant' | 'proxy';
  /** The number of the identity document presented at the window, compared with the case's; never stored. */
  presentedId: string;
  signature: SignatureWay;
  /** SHA-256 of the pad's image, stored as an attachment; only for `pad`. */
  image?: string;
}

/** A result posted: the carrier and the tracking number. */
export interface PostHandoverInput extends Step {
  way: 'post';
  carrier: string;
  trackingNumber: string;
}

/** The identity document number of who may collect for the case as `receiver`, or `undefined`. */
function receiverId(current: Case, receiver: 'applicant' | 'proxy'): string | undefined {
  if (receiver === 'proxy') return current.proxy?.idNumber;
  const applicant = current.applicant;
  return applicant.kind === 'person' ? applicant.idNumber : applicant.legalRepresentative.idNumber;
}

/**
 * Hands the result over (出件): `result-ready` becomes `delivered`, the hand-over recorded on the case and in its
 * audit. At a window, the receiver's identity document must be the case's applicant's (a legal representative's for
 * an organisation) or its proxy's — whose authorisation must not have run out — and they sign for it; the number
 * presented is compared and never kept. Posting needs the case to have chosen post on acceptance.
 *
 * @throws IllegalTransitionError `not-allowed` (not ready), `handover-identity` (the document does not match, or no
 *   proxy), `handover-authorisation-lapsed`, `handover-not-posted`, `invalid-handover` (the schema's message), or one of the
 *   actor/window/time codes.
 */
export function handOver(current: Case, input: WindowHandoverInput | PostHandoverInput): Case {
  const from = current.status;
  const fail: Fail = (code, params = {}) => new IllegalTransitionError(code, from, 'delivered', params);
  const who = checkActorWindowTime(input, fail);
  if (who) throw who;
  if (from !== 'result-ready') throw fail('not-allowed', { allowed: ['result-ready'] });
  let handover: unknown;
  let reason: string;
  if (input.way === 'window') {
    const expected = receiverId(current, input.receiver);
    const presented = typeof input.presentedId === 'string' ? input.presentedId.replace(/\s+/g, '').toUpperCase() : '';
    if (!expected || expected.toUpperCase() !== presented) throw fail('handover-identity');
    const today = toChinaDate(new Date(input.at));
    if (input.receiver === 'proxy' && current.proxy && authorisationLapsed(current.proxy, today)) {
      throw fail('handover-authorisation-lapsed', { value: current.proxy.authorisation.validUntil ?? '', today });
    }
    handover = {
      way: 'window',
      receiver: input.receiver,
      signature: input.signature,
      ...(input.image !== undefined ? { image: input.image } : {}),
      at: input.at,
    };
    reason = `${input.receiver === 'proxy' ? '代理人' : '申请人'}核验身份后当场领取并签收`;
  } else {
    if (current.delivery?.way !== 'post') throw fail('handover-not-posted');
    handover = { way: 'post', carrier: input.carrier, trackingNumber: input.trackingNumber, at: input.at };
    reason = `已交${typeof input.carrier === 'string' ? input.carrier.trim() : ''}邮寄`;
  }
  const parsed = schemaIssues(CaseHandoverSchema, handover);
  if (parsed.issues) throw fail('invalid-handover', { value: parsed.issues });
  const recorded = parsed.output as CaseHandover;
  const delivered = transition(current, {
    to: 'delivered',
    actor: input.actor,
    window: input.window,
    at: input.at,
    reason: recorded.way === 'post' ? `${reason}，运单号 ${recorded.trackingNumber}` : reason,
  });
  return { ...delivered, handover: recorded };
}

/**
 * What the applicant is told by SMS when the result is ready, or once it is posted: the hall, the case number and
 * the result's name; never their name or identity number.
 */
export function resultNoticeText(current: Case, hallName: string): { 'zh-CN': string; 'en-US': string } {
  const name = current.result?.name ?? '办理结果';
  const handover = current.handover;
  if (handover?.way === 'post') {
    return {
      'zh-CN': `【${hallName}】您的办件 ${current.number} 的办理结果（${name}）已交${handover.carrier}邮寄，运单号 ${handover.trackingNumber}。`,
      'en-US': `[${hallName}] The result of case ${current.number} (${name}) was posted with ${handover.carrier}, tracking number ${handover.trackingNumber}.`,
    };
  }
  if (current.delivery?.way === 'post') {
    return {
      'zh-CN': `【${hallName}】您的办件 ${current.number} 已办结（${name}），结果将按您选择的地址邮寄送达。`,
      'en-US': `[${hallName}] Case ${current.number} is decided (${name}); the result will be posted to the address you chose.`,
    };
  }
  return {
    'zh-CN': `【${hallName}】您的办件 ${current.number} 已办结（${name}），请携带本人身份证件到任一综合窗口领取。`,
    'en-US': `[${hallName}] Case ${current.number} is decided (${name}). Collect the result at any comprehensive window with your identity document.`,
  };
}
