import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import * as v from 'valibot';
import {
  CASE_STATUSES,
  CaseSchema,
  IllegalTransitionError,
  allowedTransitions,
  checkSupplement,
  checkTransition,
  isTerminalStatus,
  recordSupplement,
  supplementState,
  transition,
  type Case,
  type CaseItemFacts,
  type CaseMaterial,
  type CaseStatus,
  type SupplementInput,
  type SuppliedMaterial,
  type TransitionInput,
} from '@yichuang/core';
import { material } from '../../../test/fixtures/catalog.js';

/** A promised item: ID card (key), photo (tolerable), income proof (optional), address proof (commitment allowed). */
const promisedItem: CaseItemFacts = {
  id: 'item-a',
  version: 2,
  name: '城乡居民医保参保登记',
  caseKind: 'promised',
  highRisk: false,
  materials: [
    material('id-card', '身份证'),
    material('photo', '照片', { tolerable: true }),
    material('income-proof', '收入证明', { necessity: 'optional' }),
    material('address-proof', '居住证明', { commitmentReplaces: true }),
  ],
};
const immediateItem: CaseItemFacts = {
  id: 'item-i',
  version: 1,
  name: '社会保障卡挂失',
  caseKind: 'immediate',
  highRisk: false,
  materials: [material('id-card', '身份证')],
};

function received(receipts: Partial<Record<string, CaseMaterial['receipt']>> = {}, itemId = 'item-a'): CaseMaterial[] {
  const all: Record<string, CaseMaterial['receipt']> = { 'id-card': 'paper', photo: 'scan', 'address-proof': 'paper' };
  return Object.entries({ ...all, ...receipts })
    .filter((entry): entry is [string, CaseMaterial['receipt']] => entry[1] !== undefined)
    .map(([materialId, receipt]) => ({ materialId, itemIds: [itemId], receipt, copies: receipt === 'paper' ? 1 : 0 }));
}

const T0 = '2025-03-03T01:00:00.000Z'; // 09:00 on 3 March in Beijing

function draft(patch: Partial<Case> = {}): Case {
  return {
    id: '01JNMV7Q8Z3K5W9XG2T4HB6YRD',
    number: 'TJHP01-20250303-W03-0001',
    hall: 'TJHP01',
    window: 'W03',
    items: [{ itemId: 'item-a', version: 2 }],
    applicant: { kind: 'person', name: '张三', idType: 'resident-id', idNumber: '11010519491231002X' },
    materials: received(),
    status: 'draft',
    responsibleClerk: 'clerk-7',
    audit: [{ at: T0, actor: 'clerk-7', window: 'W03', action: 'create', to: 'draft' }],
    createdAt: T0,
    updatedAt: T0,
    ...patch,
  };
}

const by = { actor: 'clerk-7', window: 'W03', at: '2025-03-03T01:10:00.000Z' };
const go = (c: Case, to: CaseStatus, extra: Partial<TransitionInput> = {}) => transition(c, { to, ...by, ...extra });

/** The error a transition throws. */
function refusal(c: Case, to: CaseStatus | string, extra: Partial<TransitionInput> = {}): IllegalTransitionError {
  try {
    transition(c, { to: to as CaseStatus, ...by, ...extra });
  } catch (error) {
    expect(error).to.be.instanceOf(IllegalTransitionError);
    return error as IllegalTransitionError;
  }
  throw new Error(`expected ${to} to be refused`);
}

describe('case state machine: examples', () => {
  it('accepts a complete case, recording who, where, when, and leaves the draft untouched', () => {
    const before = draft();
    const snapshot = JSON.stringify(before);
    const accepted = go(before, 'accepted', { items: [promisedItem], promisedDate: '2025-03-10' });
    expect(accepted.status).to.equal('accepted');
    expect(accepted.promisedDate).to.equal('2025-03-10');
    expect(accepted.updatedAt).to.equal(by.at);
    expect(accepted.audit).to.have.length(2);
    expect(accepted.audit[1]).to.deep.equal({ ...by, action: 'accept', from: 'draft', to: 'accepted' });
    expect(JSON.stringify(before)).to.equal(snapshot);
    expect(v.safeParse(CaseSchema, accepted).success).to.equal(true);
  });

  it('follows the main path to delivery', () => {
    let c = go(draft(), 'accepted', { items: [promisedItem] });
    for (const to of ['forwarded', 'decided', 'result-ready', 'delivered'] as const) c = go(c, to);
    expect(c.status).to.equal('delivered');
    expect(c.audit.map((a) => a.action)).to.deep.equal([
      'create',
      'accept',
      'forward',
      'decide',
      'result-ready',
      'deliver',
    ]);
    expect(isTerminalStatus(c.status)).to.equal(true);
    expect(refusal(c, 'forwarded').localized()).to.equal('案件已是“已送达”，不能再变更状态。');
  });

  it('refuses a jump outside the graph, naming where the case can go, in Chinese and English', () => {
    const error = refusal(draft(), 'delivered');
    expect(error.code).to.equal('not-allowed');
    expect(error.localized('zh-CN')).to.equal(
      '案件不能从“草稿”变为“已送达”，只能变为：已受理、容缺受理、已一次性告知补正、不予受理和已作废。',
    );
    expect(error.message).to.equal(
      'A case cannot go from “Draft” to “Delivered”; it can only go to: Accepted, Accepted with tolerance, Notified of missing materials, Refused, and Discarded.',
    );
    expect(refusal(draft(), 'approved').localized('en-US')).to.equal('There is no case status “approved”.');
  });

  it('needs a reason to refuse, to notify of missing materials and to withdraw', () => {
    expect(refusal(draft(), 'refused').localized()).to.equal('将案件变为“不予受理”必须填写理由。');
    const incomplete = draft({ materials: received({ photo: 'missing' }) });
    expect(refusal(incomplete, 'notified-incomplete', { reason: '   ' }).code).to.equal('reason-required');
    // With nothing missing there is nothing to notify, whatever the reason.
    expect(refusal(draft(), 'notified-incomplete').code).to.equal('nothing-to-notify');
    const refused = go(draft(), 'refused', { reason: ' 不属于本窗口受理范围 ' });
    expect(refused.audit.at(-1)?.reason).to.equal('不属于本窗口受理范围');
    const accepted = go(draft(), 'accepted');
    expect(refusal(accepted, 'withdrawn').localized('en-US')).to.equal(
      'A reason is required to make the case “Withdrawn”.',
    );
  });

  it('does not accept while a required material is tolerated or missing, naming them', () => {
    const c = draft({ materials: received({ photo: 'tolerated', 'id-card': undefined }) });
    const error = refusal(c, 'accepted', { items: [promisedItem] });
    expect(error.code).to.equal('accept-incomplete');
    expect(error.localized()).to.equal(
      '以下必要材料尚未收齐：照片和身份证。请收齐后受理，或改为容缺受理、一次性告知补正。',
    );
    // Without the catalog, every tolerated or missing material blocks, named by id.
    expect(refusal(draft({ materials: received({ photo: 'missing' }) }), 'accepted').params.materials).to.deep.equal([
      'photo',
    ]);
  });

  it('accepts with an optional material missing when the catalog says it is optional', () => {
    const c = draft({
      materials: [...received(), { materialId: 'income-proof', itemIds: ['item-a'], receipt: 'missing', copies: 0 }],
    });
    expect(go(c, 'accepted', { items: [promisedItem] }).status).to.equal('accepted');
  });

  it('accepts with tolerance only with a tolerated, tolerable material and a deadline not in the past', () => {
    expect(refusal(draft(), 'accepted-with-tolerance', { supplementDue: '2025-03-10' }).localized()).to.equal(
      '容缺受理至少要有一项容缺材料；材料都已收齐的，请直接受理。',
    );
    const tolerated = draft({ materials: received({ photo: 'tolerated' }) });
    expect(refusal(tolerated, 'accepted-with-tolerance').localized('en-US')).to.equal(
      'Accepting with tolerance needs a deadline for supplying the tolerated materials.',
    );
    expect(refusal(tolerated, 'accepted-with-tolerance', { supplementDue: '2025-03-02' }).localized()).to.equal(
      '补齐期限 2025-03-02 早于今天（2025-03-03）。',
    );
    expect(refusal(tolerated, 'accepted-with-tolerance', { supplementDue: '2025-3-9' }).code).to.equal(
      'invalid-supplement-due',
    );
    const keyTolerated = draft({ materials: received({ 'id-card': 'tolerated' }) });
    expect(
      refusal(keyTolerated, 'accepted-with-tolerance', {
        supplementDue: '2025-03-10',
        items: [promisedItem],
      }).localized(),
    ).to.equal('以下材料不允许容缺（关键材料或高风险事项）：身份证。');
    const risky = { ...promisedItem, highRisk: true };
    expect(
      refusal(tolerated, 'accepted-with-tolerance', { supplementDue: '2025-03-10', items: [risky] }).code,
    ).to.equal('not-tolerable');

    const ok = go(tolerated, 'accepted-with-tolerance', { supplementDue: '2025-03-10', items: [promisedItem] });
    expect(ok.status).to.equal('accepted-with-tolerance');
    expect(ok.supplementDue).to.equal('2025-03-10');
    expect(v.safeParse(CaseSchema, ok).success).to.equal(true);
  });

  it('marks a tolerated case overdue only once the deadline’s day is over in China time', () => {
    const tolerated = go(draft({ materials: received({ photo: 'tolerated' }) }), 'accepted-with-tolerance', {
      supplementDue: '2025-03-10',
    });
    // 23:59:59.999 on 10 March in Beijing: still in time.
    const lastMoment = refusal(tolerated, 'overdue', { at: '2025-03-10T15:59:59.999Z' });
    expect(lastMoment.localized()).to.equal('补齐期限 2025-03-10 尚未届满，不能标记为逾期。');
    const overdue = go(tolerated, 'overdue', { at: '2025-03-10T16:00:00.000Z' });
    expect(overdue.status).to.equal('overdue');

    // From overdue: a late supplement is still taken in (and recorded), or the case is refused with a reason.
    const late = go(overdue, 'supplemented', { at: '2025-03-12T02:00:00.000Z', materials: received() });
    expect(late.materials.find((m) => m.materialId === 'photo')?.receipt).to.equal('scan');
    expect(late.audit.at(-1)).to.deep.include({ action: 'supplement', from: 'overdue', to: 'supplemented' });
    expect(go(late, 'forwarded').status).to.equal('forwarded');
    expect(refusal(overdue, 'refused').code).to.equal('reason-required');
    expect(go(overdue, 'refused', { reason: '逾期未补齐容缺材料' }).status).to.equal('refused');
  });

  it('records a supplement only when nothing tolerated is left', () => {
    const tolerated = go(draft({ materials: received({ photo: 'tolerated' }) }), 'accepted-with-tolerance', {
      supplementDue: '2025-03-10',
    });
    expect(refusal(tolerated, 'supplemented', { items: [promisedItem] }).localized()).to.equal(
      '以下材料仍未补齐：照片。',
    );
    const done = go(tolerated, 'supplemented', { materials: received({ photo: 'paper' }), items: [promisedItem] });
    expect(done.status).to.equal('supplemented');
    expect(done.supplementDue, 'the deadline stays on record').to.equal('2025-03-10');
  });

  it('decides straight after acceptance only for immediate items', () => {
    const promised = go(draft(), 'accepted');
    expect(refusal(promised, 'decided').code).to.equal('items-required');
    expect(refusal(promised, 'decided', { items: [promisedItem] }).localized()).to.equal(
      '以下事项不是即办件，不能在受理后直接办结：城乡居民医保参保登记。',
    );
    const immediate = go(
      draft({
        items: [{ itemId: 'item-i', version: 1 }],
        materials: received({ photo: undefined, 'address-proof': undefined }, 'item-i'),
      }),
      'accepted',
      {
        items: [immediateItem],
      },
    );
    expect(go(immediate, 'decided', { items: [immediateItem] }).status).to.equal('decided');
  });

  it('accepts nothing a proxy brings on a lapsed authorisation, in China time, but still notifies or refuses', () => {
    // by.at is 09:10 on 3 March in Beijing: an authorisation to 2 March has lapsed, one to 3 March still holds.
    const proxy = {
      name: '王五',
      idType: 'resident-id' as const,
      idNumber: '11010519491231002X',
      phone: '13900139000',
      relation: '子女',
      authorisation: { kind: 'power-of-attorney' as const, scope: '代为办理医保参保', validUntil: '2025-03-02' },
    };
    const lapsed = draft({ proxy });
    const error = refusal(lapsed, 'accepted', { items: [promisedItem] });
    expect(error.code).to.equal('authorisation-lapsed');
    expect(error.localized()).to.equal(
      '代理人的授权已于 2025-03-02 到期（今天是 2025-03-03），不能受理。请代理人提供有效的授权，或由申请人本人办理；可以一次性告知或不予受理。',
    );
    expect(error.localized('en-US')).to.match(
      /^The proxy’s authorisation ran out on 2025-03-02 \(today is 2025-03-03\)/,
    );
    const tolerated = draft({ proxy, materials: received({ photo: 'tolerated' }) });
    expect(refusal(tolerated, 'accepted-with-tolerance', { supplementDue: '2025-03-10' }).code).to.equal(
      'authorisation-lapsed',
    );
    expect(go(lapsed, 'refused', { reason: '代理人授权已过期' }).status).to.equal('refused');
    expect(
      go(draft({ proxy, materials: received({ photo: 'missing' }) }), 'notified-incomplete', { reason: '补照片' })
        .status,
    ).to.equal('notified-incomplete');
    const lastDay = draft({ proxy: { ...proxy, authorisation: { ...proxy.authorisation, validUntil: '2025-03-03' } } });
    expect(go(lastDay, 'accepted', { items: [promisedItem] }).proxy?.name).to.equal('王五');
  });

  it('records how the result reaches the applicant: at a window, or by post only where every item allows it', () => {
    const post = {
      way: 'post' as const,
      recipient: '张三',
      phone: '139 1234 5678',
      address: '天津市和平区南京路 1 号',
    };
    const byPost = go(draft(), 'accepted', { items: [{ ...promisedItem, postal: true }], delivery: post });
    expect(byPost.delivery).to.deep.equal({ ...post, phone: '13912345678' });
    expect(go(draft(), 'accepted', { items: [promisedItem], delivery: { way: 'window' } }).delivery).to.deep.equal({
      way: 'window',
    });
    const notPostal = refusal(draft(), 'accepted', { items: [promisedItem], delivery: post });
    expect(notPostal.localized()).to.equal('以下事项的办结结果不能邮寄，请选择窗口领取：城乡居民医保参保登记。');
    expect(refusal(draft(), 'accepted', { delivery: post }).code).to.equal('items-required');
    const noAddress = refusal(draft(), 'accepted', {
      items: [{ ...promisedItem, postal: true }],
      delivery: { ...post, address: ' ' },
    });
    expect(noAddress.code).to.equal('invalid-delivery');
    expect(noAddress.localized()).to.equal('结果送达信息不正确：address: 不能为空');
    // A refusal posts nothing: the delivery is recorded on acceptance only.
    expect(go(draft(), 'refused', { reason: '不属于本机关职权范围', delivery: post })).to.not.have.property('delivery');
  });

  it('insists on the catalog versions the case pinned', () => {
    const error = refusal(draft(), 'accepted', { items: [{ ...promisedItem, version: 3 }] });
    expect(error.localized('en-US')).to.equal(
      'The catalog entries of these items, in the versions the case pinned, are missing: item-a@2.',
    );
  });

  it('refuses materials not on the items’ lists and commitments the catalog does not allow', () => {
    const extra = draft({
      materials: [...received(), { materialId: 'pay-slip', itemIds: ['item-a'], receipt: 'paper', copies: 1 }],
    });
    expect(refusal(extra, 'accepted', { items: [promisedItem] }).localized()).to.equal(
      '以下材料不在所办事项的材料清单上，不能收取：pay-slip。',
    );
    expect(
      go(draft({ materials: received({ 'address-proof': 'commitment' }) }), 'accepted', { items: [promisedItem] })
        .status,
    ).to.equal('accepted');
    expect(
      refusal(draft({ materials: received({ 'id-card': 'commitment' }) }), 'accepted', {
        items: [promisedItem],
      }).localized('en-US'),
    ).to.equal('These materials cannot be replaced by a commitment: 身份证.');
  });

  it('rejects malformed input with clear messages', () => {
    expect(refusal(draft(), 'accepted', { at: '2025-03-03 09:00' }).localized()).to.equal(
      '操作时间“2025-03-03 09:00”不是带时区的 ISO 8601 时间，例如 2025-03-01T08:30:00Z。',
    );
    expect(refusal(draft(), 'accepted', { window: 'W-03' }).localized('en-US')).to.equal(
      'The window code “W-03” is invalid: use 1 to 16 letters or digits.',
    );
    expect(refusal(draft(), 'accepted', { actor: '' }).code).to.equal('invalid-actor');
    expect(refusal(draft(), 'accepted', { promisedDate: '2025-02-30' }).code).to.equal('invalid-promised-date');
    const bad = refusal(draft(), 'accepted', {
      materials: [{ materialId: 'id-card', itemIds: [], receipt: 'paper', copies: 1 }],
    });
    expect(bad.localized('en-US')).to.equal(
      'The material records are invalid: itemIds: at least one item needs this material',
    );
  });

  it('lets a caller check a transition without throwing', () => {
    expect(checkTransition(draft(), { to: 'accepted', ...by })).to.equal(null);
    expect(checkTransition(draft(), { to: 'delivered', ...by })?.code).to.equal('not-allowed');
  });

  it('never moves updatedAt backwards when a window clock lags', () => {
    const c = go(draft({ updatedAt: '2025-03-03T02:00:00.000Z' }), 'accepted');
    expect(c.updatedAt).to.equal('2025-03-03T02:00:00.000Z');
    expect(c.audit.at(-1)?.at).to.equal(by.at);
  });

  it('lists allowed transitions per status', () => {
    expect(allowedTransitions('draft')).to.deep.equal([
      'accepted',
      'accepted-with-tolerance',
      'notified-incomplete',
      'refused',
      'discarded',
    ]);
    expect(allowedTransitions('overdue')).to.deep.equal(['supplemented', 'refused', 'discarded', 'withdrawn']);
    expect(allowedTransitions('accepted')).to.include('decided');
    for (const s of ['refused', 'discarded', 'withdrawn', 'delivered'] as const)
      expect(allowedTransitions(s)).to.deep.equal([]);
  });
});

describe('tolerated cases: supplement after acceptance', () => {
  const photoIn: SuppliedMaterial = { materialId: 'photo', receipt: 'paper', copies: 1 };
  const clerk = { actor: 'clerk-9', window: 'W05', at: '2025-03-05T02:00:00.000Z' };
  const supplement = (c: Case, patch: Partial<SupplementInput> = {}) =>
    recordSupplement(c, { materials: [photoIn], ...clerk, ...patch });
  /** The error a supplement throws. */
  function supplementRefusal(c: Case, patch: Partial<SupplementInput> = {}): IllegalTransitionError {
    const snapshot = JSON.stringify(c);
    try {
      supplement(c, patch);
    } catch (error) {
      expect(error).to.be.instanceOf(IllegalTransitionError);
      expect(JSON.stringify(c), 'a refused supplement changes nothing').to.equal(snapshot);
      return error as IllegalTransitionError;
    }
    throw new Error('expected the supplement to be refused');
  }
  const tolerated = (materials = received({ photo: 'tolerated' })) =>
    go(draft({ materials }), 'accepted-with-tolerance', { supplementDue: '2025-03-10' });

  it('forwards a tolerated case at once, but does not decide it before the supplement', () => {
    const forwarded = go(tolerated(), 'forwarded');
    expect(forwarded.status).to.equal('forwarded');
    const error = refusal(forwarded, 'decided', { items: [promisedItem] });
    expect(error.code).to.equal('supplement-outstanding');
    expect(error.localized()).to.equal('以下容缺材料尚未补齐：照片。补齐之前，案件不能变为“已办结”。');
    expect(refusal(forwarded, 'decided').localized('en-US')).to.equal(
      'These tolerated materials have not been supplied yet: photo. The case cannot be “Decided” until they are.',
    );
    // Supplying it with the step itself is not enough when the step's own materials still tolerate it.
    expect(refusal(forwarded, 'decided', { materials: received({ photo: 'tolerated' }) }).code).to.equal(
      'supplement-outstanding',
    );
  });

  it('refuses every result status while a material is tolerated, not only decided', () => {
    const decided = go(go(go(draft(), 'accepted'), 'forwarded'), 'decided');
    expect(refusal(decided, 'result-ready', { materials: received({ photo: 'tolerated' }) }).code).to.equal(
      'supplement-outstanding',
    );
    const ready = go(decided, 'result-ready');
    expect(refusal(ready, 'delivered', { materials: received({ 'id-card': 'tolerated' }) }).localized()).to.equal(
      '以下容缺材料尚未补齐：id-card。补齐之前，案件不能变为“已送达”。',
    );
  });

  it('records a supplement on a forwarded case without changing its status, then lets it be decided', () => {
    const forwarded = go(tolerated(), 'forwarded');
    const snapshot = JSON.stringify(forwarded);
    const supplied = supplement(forwarded, {
      materials: [{ ...photoIn, receipt: 'scan', copies: 0, attachments: ['A'.repeat(64)] }],
    });
    expect(JSON.stringify(forwarded), 'the given case is not changed').to.equal(snapshot);
    expect(supplied.status).to.equal('forwarded');
    expect(supplied.materials.find((m) => m.materialId === 'photo')).to.deep.equal({
      materialId: 'photo',
      itemIds: ['item-a'],
      receipt: 'scan',
      copies: 0,
      attachments: ['a'.repeat(64)],
    });
    expect(supplied.audit).to.have.length(forwarded.audit.length + 1);
    expect(supplied.audit.at(-1)).to.deep.equal({ ...clerk, action: 'supplement', materialIds: ['photo'] });
    expect(supplied.updatedAt).to.equal(clerk.at);
    expect(supplied.supplementDue, 'the deadline stays on record').to.equal('2025-03-10');
    expect(v.safeParse(CaseSchema, supplied).success).to.equal(true);

    const delivered = ['decided', 'result-ready', 'delivered'].reduce(
      (c, to) => go(c, to as CaseStatus, { at: '2025-03-06T02:00:00.000Z' }),
      supplied,
    );
    expect(delivered.audit.map((a) => a.action)).to.deep.equal([
      'create',
      'accept-with-tolerance',
      'forward',
      'supplement',
      'decide',
      'result-ready',
      'deliver',
    ]);
  });

  it('makes a case awaiting its supplement “supplemented” once nothing tolerated is left', () => {
    const two = tolerated(received({ photo: 'tolerated', 'address-proof': 'tolerated' }));
    const partial = supplement(two);
    expect(partial.status, 'a partial supplement keeps the status').to.equal('accepted-with-tolerance');
    expect(partial.audit.at(-1)).to.deep.equal({ ...clerk, action: 'supplement', materialIds: ['photo'] });
    const done = supplement(partial, { materials: [{ materialId: 'address-proof', receipt: 'e-licence', copies: 0 }] });
    expect(done.status).to.equal('supplemented');
    expect(done.audit.at(-1)).to.deep.equal({
      ...clerk,
      action: 'supplement',
      from: 'accepted-with-tolerance',
      to: 'supplemented',
      materialIds: ['address-proof'],
    });
    expect(done.materials.filter((m) => m.receipt === 'tolerated')).to.deep.equal([]);
    expect(go(done, 'forwarded').status).to.equal('forwarded');

    // Late: an overdue case is supplemented too.
    const overdue = go(tolerated(), 'overdue', { at: '2025-03-11T01:00:00.000Z' });
    const late = supplement(overdue, { at: '2025-03-12T01:00:00.000Z' });
    expect(late.status).to.equal('supplemented');
    expect(late.audit.at(-1)).to.deep.include({ from: 'overdue', to: 'supplemented', action: 'supplement' });
  });

  it('refuses a supplement of a material that is not tolerated, or not really received, naming them', () => {
    const c = tolerated();
    expect(
      supplementRefusal(c, {
        materials: [photoIn, { materialId: 'id-card', receipt: 'paper', copies: 1 }],
        items: [promisedItem],
      }).localized(),
    ).to.equal('以下材料不是本案的容缺材料，无需补齐：身份证。');
    expect(
      supplementRefusal(c, { materials: [{ materialId: 'pay-slip', receipt: 'paper', copies: 1 }] }).localized('en-US'),
    ).to.equal('These materials are not tolerated on this case, so there is nothing to supplement: pay-slip.');
    for (const receipt of ['tolerated', 'missing', 'commitment'] as const) {
      const error = supplementRefusal(c, {
        materials: [{ materialId: 'photo', receipt: receipt as SuppliedMaterial['receipt'], copies: 0 }],
      });
      expect(error.code, receipt).to.equal('supplement-not-received');
    }
    expect(
      supplementRefusal(c, {
        materials: [{ materialId: 'photo', receipt: 'commitment' as SuppliedMaterial['receipt'], copies: 0 }],
        items: [promisedItem],
      }).localized(),
    ).to.equal('补齐的材料必须实际收取（纸质、电子附件、扫描件或电子证照）：照片。');
    expect(supplementRefusal(c, { materials: [] }).localized()).to.equal('请至少登记一项已补齐的材料。');
    expect(supplementRefusal(c, { materials: [photoIn, photoIn] }).code).to.equal('invalid-materials');
    expect(supplementRefusal(c, { materials: [{ ...photoIn, copies: 100 }] }).localized('en-US')).to.equal(
      'The material records are invalid: copies: at most 99',
    );
    expect(supplementRefusal(c, { actor: 'clerk 9' }).code).to.equal('invalid-actor');
    expect(supplementRefusal(c, { window: 'W-05' }).code).to.equal('invalid-window');
    expect(supplementRefusal(c, { at: '2025-03-05' }).code).to.equal('invalid-time');
    expect(supplementRefusal(c, { items: [{ ...promisedItem, version: 1 }] }).code).to.equal('items-mismatch');
    expect(checkSupplement(c, { materials: [photoIn], ...clerk })).to.equal(null);
  });

  it('takes no supplement before acceptance or after the case is closed', () => {
    const inDraft = draft({ materials: received({ photo: 'tolerated' }) });
    expect(supplementRefusal(inDraft).localized()).to.equal('案件为“草稿”，不能登记补齐材料。');
    const withdrawn = go(go(tolerated(), 'forwarded'), 'withdrawn', { reason: '申请人撤回' });
    expect(supplementRefusal(withdrawn).localized('en-US')).to.equal(
      'A supplement cannot be recorded while the case is “Withdrawn”.',
    );
  });

  it('tells where the supplement stands, whatever the status: a forwarded case shows as overdue', () => {
    const c = tolerated();
    const forwarded = go(c, 'forwarded');
    const at = (iso: string) => new Date(iso);
    expect(supplementState(go(draft(), 'accepted'), at(by.at))).to.equal('none');
    expect(supplementState(draft({ materials: received({ photo: 'tolerated' }) }), at(by.at))).to.equal('none');
    expect(supplementState(c, at('2025-03-09T15:59:59.999Z'))).to.equal('pending');
    expect(supplementState(c, at('2025-03-09T16:00:00.000Z'))).to.equal('due-today');
    expect(supplementState(forwarded, Date.parse('2025-03-10T15:59:59.999Z'))).to.equal('due-today');
    expect(supplementState(forwarded, at('2025-03-10T16:00:00.000Z'))).to.equal('overdue');
    expect(forwarded.status).to.equal('forwarded');
    const supplied = supplement(forwarded, { at: '2025-03-12T01:00:00.000Z' });
    expect(supplementState(supplied, at('2025-03-12T01:00:00.000Z'))).to.equal('supplied');
    expect(supplementState(go(supplied, 'decided'), at('2025-04-01T00:00:00Z'))).to.equal('supplied');
    expect(supplementState(supplement(c), at(by.at))).to.equal('supplied');
    // Nothing is chased any more once the case is closed.
    expect(supplementState(go(forwarded, 'withdrawn', { reason: '申请人撤回' }), at('2025-04-01T00:00:00Z'))).to.equal(
      'none',
    );
    // Tolerated without a recorded deadline: awaited, never overdue.
    const noDeadline = go(go(draft(), 'accepted'), 'forwarded', { materials: received({ photo: 'tolerated' }) });
    expect(supplementState(noDeadline, at('2030-01-01T00:00:00Z'))).to.equal('pending');
    expect(() => supplementState(c, new Date('nonsense'))).to.throw(RangeError);
  });
});

describe('case state machine: properties', () => {
  const DAY = 86_400_000;
  const receipt = fc.constantFrom<CaseMaterial['receipt']>(
    'paper',
    'scan',
    'tolerated',
    'missing',
    'commitment',
    'e-licence',
  );
  // Weighted towards complete and tolerated sets, so that walks get far into the graph.
  const receipts = fc.oneof(
    { arbitrary: fc.constant({ 'id-card': 'paper', photo: 'scan', 'address-proof': 'paper' } as const), weight: 3 },
    {
      arbitrary: fc.constant({ 'id-card': 'paper', photo: 'tolerated', 'address-proof': 'paper' } as const),
      weight: 2,
    },
    { arbitrary: fc.record({ 'id-card': receipt, photo: receipt, 'address-proof': receipt }), weight: 2 },
  );
  const command = fc.record({
    /** Pick among the allowed targets most of the time, else any status (or a bogus one). */
    pickAllowed: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
    index: fc.nat(),
    reason: fc.option(fc.constantFrom('材料不全', '申请人撤回', '   ', 'x'.repeat(501)), { nil: undefined }),
    /** Time passing before the step; `past-due` jumps to the first moment after the supplement deadline. */
    advance: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: DAY }),
      fc.integer({ min: DAY, max: 8 * DAY }),
      fc.constant('past-due' as const),
    ),
    supplementIn: fc.option(fc.integer({ min: -1, max: 3 }), { nil: undefined }),
    materials: fc.option(receipts, { nil: undefined }),
    withItems: fc.boolean(),
    /** Now and then, record a supplement instead of a transition. */
    supplement: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 4 },
      {
        arbitrary: fc.record({
          /** Which materials: every tolerated one, the first tolerated one, or every material plus a bogus one. */
          which: fc.constantFrom('all-tolerated', 'first-tolerated', 'any'),
          receipt: fc.oneof(
            { arbitrary: fc.constantFrom('paper', 'scan', 'attachment', 'e-licence'), weight: 4 },
            { arbitrary: fc.constantFrom('tolerated', 'missing', 'commitment'), weight: 1 },
          ),
          copies: fc.oneof(
            { arbitrary: fc.constantFrom(0, 1, 2), weight: 9 },
            { arbitrary: fc.constant(100), weight: 1 },
          ),
        }),
        weight: 1,
      },
    ),
  });
  /** Statuses that issue the result: never with a tolerated material outstanding. */
  const RESULT_STATUSES: readonly CaseStatus[] = ['decided', 'result-ready', 'delivered'];
  const SUPPLEMENT_ERRORS = [
    'supplement-not-open',
    'supplement-empty',
    'supplement-not-tolerated',
    'supplement-not-received',
    'invalid-materials',
    'items-mismatch',
  ];
  const toleratedOf = (c: Case) => c.materials.filter((m) => m.receipt === 'tolerated').map((m) => m.materialId);

  it('random sequences of transitions and supplements stay on the graph, add one audit entry per step, and never issue a result with a tolerated material outstanding', () => {
    const reached = new Set<CaseStatus>();
    /** Paths the walk must really take for the tolerance invariant to mean something. */
    const seen = new Set<string>();
    fc.assert(
      fc.property(receipts, fc.boolean(), fc.array(command, { maxLength: 40 }), (initial, immediate, commands) => {
        const item = immediate ? immediateItem : promisedItem;
        let c = draft({
          items: [{ itemId: item.id, version: item.version }],
          materials: received(
            immediate ? { 'id-card': initial['id-card'], photo: undefined, 'address-proof': undefined } : initial,
            item.id,
          ),
        });
        let now = Date.parse(T0);
        for (const cmd of commands) {
          if (cmd.advance !== 'past-due') now += cmd.advance;
          // Midnight after the deadline's day in Beijing is 16:00 UTC on that day.
          else if (c.supplementDue) now = Math.max(now, Date.parse(`${c.supplementDue}T16:00:00.000Z`));
          const at = new Date(now).toISOString();
          const state = supplementState(c, now);
          const awaited = toleratedOf(c);

          // The tolerance ledger: awaited materials show as pending, due today or overdue until supplied, whatever
          // the status, and while they are awaited no result can be issued.
          if (['pending', 'due-today', 'overdue'].includes(state)) {
            expect(awaited.length, state).to.be.greaterThan(0);
            for (const to of RESULT_STATUSES) {
              expect(checkTransition(c, { to, actor: 'clerk-7', window: 'W03', at, items: [item] })).to.not.equal(null);
            }
          }
          if (state === 'overdue' && c.status === 'forwarded') seen.add('overdue while forwarded');

          const snapshot = JSON.stringify(c);
          if (cmd.supplement !== undefined) {
            const { which, receipt, copies } = cmd.supplement;
            const ids =
              which === 'any'
                ? [...c.materials.map((m) => m.materialId), 'bogus']
                : which === 'first-tolerated'
                  ? awaited.slice(0, 1)
                  : awaited;
            const input: SupplementInput = {
              materials: ids.map((materialId) => ({
                materialId,
                receipt: receipt as SuppliedMaterial['receipt'],
                copies,
              })),
              actor: 'clerk-7',
              window: 'W03',
              at,
              ...(cmd.withItems ? { items: [item] } : {}),
            };
            let next: Case;
            try {
              next = recordSupplement(c, input);
            } catch (error) {
              expect(error).to.be.instanceOf(IllegalTransitionError);
              expect(SUPPLEMENT_ERRORS).to.include((error as IllegalTransitionError).code);
              expect(JSON.stringify(c), 'a refused supplement changes nothing').to.equal(snapshot);
              continue;
            }
            const left = toleratedOf(next);
            expect(left).to.deep.equal(awaited.filter((id) => !ids.includes(id)));
            const awaiting = c.status === 'accepted-with-tolerance' || c.status === 'overdue';
            expect(next.status).to.equal(awaiting && left.length === 0 ? 'supplemented' : c.status);
            if (next.status !== c.status) expect(allowedTransitions(c.status)).to.include(next.status);
            expect(next.audit.length).to.equal(c.audit.length + 1);
            expect(next.audit.at(-1)).to.deep.include({ action: 'supplement', materialIds: ids, at });
            expect(JSON.stringify(c), 'the previous case is not changed').to.equal(snapshot);
            const parsed = v.safeParse(CaseSchema, next);
            expect(parsed.success, JSON.stringify(parsed.issues?.map((i) => i.message))).to.equal(true);
            if (c.status === 'forwarded') seen.add('supplement while forwarded');
            reached.add(next.status);
            c = next;
            continue;
          }

          const allowed = allowedTransitions(c.status);
          const to =
            cmd.pickAllowed && allowed.length > 0
              ? (allowed[cmd.index % allowed.length] as CaseStatus)
              : ([...CASE_STATUSES, 'approved'][cmd.index % (CASE_STATUSES.length + 1)] as CaseStatus);
          const input: TransitionInput = {
            to,
            actor: 'clerk-7',
            window: 'W03',
            at,
            ...(cmd.reason !== undefined ? { reason: cmd.reason } : {}),
            ...(cmd.supplementIn !== undefined
              ? { supplementDue: new Date(now + 8 * 3_600_000 + cmd.supplementIn * DAY).toISOString().slice(0, 10) }
              : {}),
            ...(cmd.materials !== undefined
              ? {
                  materials: received(
                    immediate
                      ? { 'id-card': cmd.materials['id-card'], photo: undefined, 'address-proof': undefined }
                      : cmd.materials,
                    item.id,
                  ),
                }
              : {}),
            ...(cmd.withItems ? { items: [item] } : {}),
          };
          let next: Case;
          try {
            next = transition(c, input);
          } catch (error) {
            expect(error).to.be.instanceOf(IllegalTransitionError);
            const e = error as IllegalTransitionError;
            if (!allowed.includes(to)) expect(['not-allowed', 'terminal', 'unknown-status']).to.include(e.code);
            if (e.code === 'supplement-outstanding' && c.status === 'forwarded') seen.add('decision held back');
            for (const text of [e.localized('zh-CN'), e.localized('en-US')]) {
              expect(text).to.not.match(/\{\w+\}/);
              expect(text.length).to.be.greaterThan(5);
            }
            expect(JSON.stringify(c), 'a refused transition changes nothing').to.equal(snapshot);
            continue;
          }
          expect(CASE_STATUSES).to.include(next.status);
          expect(allowed, `${c.status} → ${next.status}`).to.include(next.status);
          expect(next.audit.length).to.equal(c.audit.length + 1);
          expect(next.audit.at(-1)).to.deep.include({
            from: c.status,
            to: next.status,
            actor: 'clerk-7',
            window: 'W03',
            at: input.at,
          });
          expect(JSON.stringify(c), 'the previous case is not changed').to.equal(snapshot);
          const parsed = v.safeParse(CaseSchema, next);
          expect(parsed.success, JSON.stringify(parsed.issues?.map((i) => i.message))).to.equal(true);
          // The invariant: no result while a tolerated (容缺) material is outstanding.
          if (RESULT_STATUSES.includes(next.status)) {
            expect(toleratedOf(next), `${c.status} → ${next.status}`).to.deep.equal([]);
            if (next.audit.some((a) => a.to === 'accepted-with-tolerance')) seen.add('tolerated case decided');
          }
          reached.add(next.status);
          c = next;
        }
      }),
      // One walk, the same every run: what it reaches is checked below, and a random walk now and then misses a rare
      // path (a supplement while forwarded) without anything being wrong.
      { numRuns: 2000, seed: 20261206 },
    );
    // The walk really explores the graph: every status but draft is reached somewhere …
    expect([...reached].sort()).to.deep.equal(CASE_STATUSES.filter((s) => s !== 'draft').sort());
    // … and the tolerance paths: forwarded before the supplement, held back, overdue, supplied, then decided.
    expect([...seen].sort()).to.deep.equal([
      'decision held back',
      'overdue while forwarded',
      'supplement while forwarded',
      'tolerated case decided',
    ]);
  });

  it('a tolerated case becomes overdue exactly when the China day of `at` is after the deadline', () => {
    const tolerated = go(draft({ materials: received({ photo: 'tolerated' }) }), 'accepted-with-tolerance', {
      supplementDue: '2025-03-10',
    });
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2025-03-03T00:00:00Z'), max: Date.parse('2025-03-20T00:00:00Z') }),
        (ms) => {
          const at = new Date(ms).toISOString();
          const chinaDay = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
          const error = checkTransition(tolerated, { to: 'overdue', actor: 'clerk-7', window: 'W03', at });
          expect(error === null, at).to.equal(chinaDay > '2025-03-10');
        },
      ),
    );
  });

  it('refusing, notifying and withdrawing without a real reason always fail with reason-required', () => {
    const accepted = go(draft(), 'accepted');
    fc.assert(
      fc.property(
        fc.constantFrom<[Case, CaseStatus]>(
          [draft(), 'refused'],
          [draft({ materials: received({ photo: 'missing' }) }), 'notified-incomplete'],
          [accepted, 'withdrawn'],
        ),
        fc.option(fc.stringMatching(/^[ \t\n]{0,5}$/), { nil: undefined }),
        ([c, to], reason) => {
          const error = checkTransition(c, { to, ...by, ...(reason !== undefined ? { reason } : {}) });
          expect(error?.code).to.equal('reason-required');
        },
      ),
    );
  });
});
