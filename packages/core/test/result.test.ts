import { expect } from '@open-wc/testing';
import {
  CaseSchema,
  IllegalTransitionError,
  handOver,
  recordResult,
  resultNoticeText,
  transition,
  type Case,
  type CaseResult,
} from '@yichuang/core';
import { by, draft, insurance } from './support/intake-case.js';

const RESULT: CaseResult = {
  outcome: 'granted',
  name: '城乡居民医保参保登记确认',
  documentNumber: '和医保〔2026〕18号',
  department: '和平区医疗保障局',
  decidedAt: '2025-03-05T02:00:00.000Z',
};
const later = (hours: number) => new Date(Date.parse(by.at) + hours * 3_600_000).toISOString();
const step = (hours: number) => ({ actor: 'clerk-9', window: 'W05', at: later(hours) });
const APPLICANT_ID = '11010519491231002X';
const PROXY_ID = '120101198506201519';

/** Accepted with everything received and forwarded to the department. */
function forwarded(patch: Partial<Case> = {}): Case {
  const accepted = transition(
    { ...draft({ 'id-card': 'paper', photo: 'scan', 'address-proof': 'paper' }), ...patch },
    { to: 'accepted', ...by, items: [insurance] },
  );
  return transition(accepted, { to: 'forwarded', ...by });
}

function refusal(run: () => unknown): IllegalTransitionError {
  try {
    run();
  } catch (error) {
    if (error instanceof IllegalTransitionError) return error;
    throw error;
  }
  throw new Error('expected an IllegalTransitionError');
}

describe('core: results at the window (综合窗口出件)', () => {
  it('records the department’s result: decided, then ready to collect, both audited, the case still valid', () => {
    const ready = recordResult(forwarded(), { result: RESULT, ...step(60) });
    expect(ready.status).to.equal('result-ready');
    expect(ready.result).to.deep.equal(RESULT);
    expect(ready.audit.slice(-2).map((e) => [e.action, e.to, e.reason])).to.deep.equal([
      ['decide', 'decided', '和平区医疗保障局办结，准予：城乡居民医保参保登记确认（和医保〔2026〕18号）'],
      ['result-ready', 'result-ready', '结果已到大厅，待送达'],
    ]);
    expect(CaseSchema['~standard'].validate(ready)).to.not.have.property('issues');
  });

  it('refuses a result before the case was forwarded, one dated later than recorded, and a malformed one', () => {
    const accepted = transition(draft({ 'id-card': 'paper', photo: 'scan', 'address-proof': 'paper' }), {
      to: 'accepted',
      ...by,
      items: [insurance],
    });
    expect(refusal(() => recordResult(accepted, { result: RESULT, ...step(60) })).code).to.equal('not-allowed');
    expect(refusal(() => recordResult(forwarded(), { result: RESULT, ...step(1) })).localized()).to.equal(
      '办结结果不正确：decidedAt: 办结时间不能晚于登记时间',
    );
    const malformed = refusal(() =>
      recordResult(forwarded(), { result: { ...RESULT, outcome: 'maybe' as never }, ...step(60) }),
    );
    expect(malformed.localized()).to.contain('outcome');
    expect(malformed.localized('en-US')).to.equal("The result is invalid: outcome: 'granted' or 'denied'");
  });

  it('never issues a result while a tolerated material is awaited', () => {
    const tolerated = transition(draft({ 'id-card': 'paper', photo: 'tolerated', 'address-proof': 'paper' }), {
      to: 'accepted-with-tolerance',
      ...by,
      supplementDue: '2025-03-10',
      items: [insurance],
    });
    const sent = transition(tolerated, { to: 'forwarded', ...by });
    expect(refusal(() => recordResult(sent, { result: RESULT, ...step(60), items: [insurance] })).localized()).to.equal(
      '以下容缺材料尚未补齐：照片。补齐之前，案件不能变为“已办结”。',
    );
  });

  it('hands the result over at any window to the applicant whose document matches, signed on the pad', () => {
    const ready = recordResult(forwarded(), { result: RESULT, ...step(60) });
    const image = 'a'.repeat(64);
    const delivered = handOver(ready, {
      way: 'window',
      receiver: 'applicant',
      presentedId: ` ${APPLICANT_ID.toLowerCase()} `,
      signature: 'pad',
      image,
      ...step(70),
    });
    expect(delivered.status).to.equal('delivered');
    expect(delivered.handover).to.deep.equal({
      way: 'window',
      receiver: 'applicant',
      signature: 'pad',
      image,
      at: later(70),
    });
    expect(JSON.stringify(delivered.handover)).not.to.contain(APPLICANT_ID);
    expect(delivered.audit.at(-1)).to.deep.include({
      action: 'deliver',
      window: 'W05',
      reason: '申请人核验身份后当场领取并签收',
    });
  });

  it('refuses a hand-over to a document that is not the case’s, to a proxy whose authorisation ran out, or unsigned', () => {
    const proxy = {
      name: '刘洋',
      idType: 'resident-id' as const,
      idNumber: PROXY_ID,
      phone: '13912345678',
      relation: '子女',
      authorisation: { kind: 'power-of-attorney' as const, scope: '代为领取结果', validUntil: '2025-03-04' },
    };
    const ready = recordResult(forwarded({ proxy }), { result: RESULT, ...step(60) });
    const wrong = refusal(() =>
      handOver(ready, { way: 'window', receiver: 'applicant', presentedId: PROXY_ID, signature: 'paper', ...step(70) }),
    );
    expect(wrong.localized()).to.equal('领取人出示的证件与本办件的申请人或代理人不符，不能交付结果。');
    const lapsed = refusal(() =>
      handOver(ready, { way: 'window', receiver: 'proxy', presentedId: PROXY_ID, signature: 'paper', ...step(70) }),
    );
    expect(lapsed.localized()).to.equal(
      '代理人的授权已于 2025-03-04 到期（今天是 2025-03-06），不能代为领取。请申请人本人领取，或提供有效的授权。',
    );
    const unsigned = refusal(() =>
      handOver(ready, {
        way: 'window',
        receiver: 'applicant',
        presentedId: APPLICANT_ID,
        signature: 'pad',
        ...step(70),
      }),
    );
    expect(unsigned.code).to.equal('invalid-handover');
    expect(
      refusal(() =>
        handOver(forwarded(), {
          way: 'window',
          receiver: 'applicant',
          presentedId: APPLICANT_ID,
          signature: 'paper',
          ...step(70),
        }),
      ).code,
    ).to.equal('not-allowed');
  });

  it('posts a result only for a case that chose post, with a tracking number, and words the notices', () => {
    const ready = recordResult(forwarded(), { result: RESULT, ...step(60) });
    expect(resultNoticeText(ready, '和平区政务服务中心')['zh-CN']).to.equal(
      '【和平区政务服务中心】您的办件 TJHP01-20250303-W03-0001 已办结（城乡居民医保参保登记确认），请携带本人身份证件到任一综合窗口领取。',
    );
    const post = { carrier: '中国邮政 EMS', trackingNumber: 'ems1234567890cn', ...step(70), way: 'post' as const };
    expect(refusal(() => handOver(ready, post)).code).to.equal('handover-not-posted');

    const delivery = {
      way: 'post' as const,
      recipient: '张三',
      phone: '13812345678',
      address: '天津市和平区南京路 1 号',
    };
    const posting = recordResult(forwarded({ delivery }), { result: RESULT, ...step(60) });
    expect(resultNoticeText(posting, '和平区政务服务中心')['zh-CN']).to.contain('结果将按您选择的地址邮寄送达');
    expect(refusal(() => handOver(posting, { ...post, trackingNumber: '12' })).localized()).to.equal(
      '结果交付记录不正确：trackingNumber: 运单号应为 8 到 32 位字母或数字',
    );
    const posted = handOver(posting, post);
    expect(posted.handover).to.deep.equal({
      way: 'post',
      carrier: '中国邮政 EMS',
      trackingNumber: 'EMS1234567890CN',
      at: later(70),
    });
    expect(posted.audit.at(-1)?.reason).to.equal('已交中国邮政 EMS邮寄，运单号 EMS1234567890CN');
    const text = resultNoticeText(posted, '和平区政务服务中心');
    expect(text['zh-CN']).to.equal(
      '【和平区政务服务中心】您的办件 TJHP01-20250303-W03-0001 的办理结果（城乡居民医保参保登记确认）已交中国邮政 EMS邮寄，运单号 EMS1234567890CN。',
    );
    expect(text['zh-CN']).not.to.contain('张三');
  });
});
