import { expect } from '@open-wc/testing';
import * as v from 'valibot';
import {
  CaseSchema,
  IllegalTransitionError,
  intakeDecisions,
  needsAnswer,
  refusalGround,
  refusalGrounds,
  transition,
  type CaseItemFacts,
} from '@yichuang/core';
import { by, draft, insurance } from './support/intake-case.js';

const withConditions: CaseItemFacts = {
  ...insurance,
  conditions: ['本市户籍或持本市居住证', '未参加职工基本医疗保险'],
};

describe('refusal grounds (不予受理依据)', () => {
  it('are the two statutory grounds, then each condition of each item as the catalog states it', () => {
    const grounds = refusalGrounds([withConditions, { id: 'item-b', name: '社会保障卡申领', conditions: ['已参保'] }]);
    expect(grounds.map((g) => g.id)).to.deep.equal([
      'no-licence-needed',
      'not-competent',
      'condition.item-a.1',
      'condition.item-a.2',
      'condition.item-b.1',
    ]);
    expect(grounds[3]!.text).to.deep.equal({
      'zh-CN': '不符合“城乡居民医保参保登记”的受理条件：未参加职工基本医疗保险',
      'en-US': 'A condition of “城乡居民医保参保登记” is not met: 未参加职工基本医疗保险',
    });
    expect(grounds[0]!.text['zh-CN']).to.contain('第三十二条');
    expect(refusalGround([withConditions], 'condition.item-a.3')).to.equal(undefined);
  });

  it('must be named by a refusal at intake, one of its items’, and the case records it as printed', () => {
    const kase = draft({ 'id-card': 'paper' }, [withConditions]);
    const base = { ...by, to: 'refused' as const, reason: '申请人已参加职工医保', items: [withConditions] };
    const missing = intakeDecisions(kase, [withConditions], { ...by, reason: base.reason }).refuse;
    expect(missing?.code).to.equal('ground-required');
    expect(needsAnswer(missing ?? null), 'asked like the reason, not ruled out').to.equal(true);
    expect(missing?.localized()).to.equal('不予受理须选择依据：法定情形，或所办事项未满足的受理条件。');
    expect(() => transition(kase, { ...base, ground: 'condition.item-z.1' }))
      .to.throw(IllegalTransitionError)
      .with.property('code', 'unknown-ground');

    const refused = transition(kase, { ...base, ground: 'condition.item-a.2' });
    expect(refused.refusalGround).to.deep.equal({
      id: 'condition.item-a.2',
      text: '不符合“城乡居民医保参保登记”的受理条件：未参加职工基本医疗保险',
    });
    expect(refused.audit.at(-1)?.reason).to.equal('申请人已参加职工医保');
    expect(v.safeParse(CaseSchema, refused).success).to.equal(true);
    // Without the items (a later step the hall records), no ground is asked.
    expect(transition(kase, { ...by, to: 'refused', reason: '逾期' }).status).to.equal('refused');
  });
});
