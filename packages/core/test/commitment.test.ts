import { expect } from '@open-wc/testing';
import {
  IllegalTransitionError,
  commitmentLedger,
  handleOverdue,
  openCommitment,
  overdueRule,
  recordReminder,
  recordSupplement,
  reminderDue,
  reminderText,
  transition,
  type Case,
  type CaseItemFacts,
} from '@yichuang/core';
import { by, draft, insurance } from './support/intake-case.js';

/** Accepted with the photo tolerated, to be supplied by 10 March 2025 (China time). */
function tolerated(items: readonly CaseItemFacts[] = [insurance], patch: Partial<Case> = {}): Case {
  const c = draft({ 'id-card': 'paper', photo: 'tolerated', 'address-proof': 'paper' }, items);
  return {
    ...transition(c, { to: 'accepted-with-tolerance', ...by, supplementDue: '2025-03-10', items }),
    ...patch,
  };
}

const on = (day: string, hour = '02:00') => `${day}T${hour}:00.000Z`;
const late = { ...by, at: on('2025-03-11'), items: [insurance] };

function refusal(run: () => unknown): IllegalTransitionError {
  try {
    run();
  } catch (error) {
    if (error instanceof IllegalTransitionError) return error;
    throw error;
  }
  throw new Error('expected an IllegalTransitionError');
}

describe('core: tolerance commitments (容缺台账)', () => {
  it('lists open commitments overdue first, then due today, then by due day; closed ones are left out', () => {
    const a = { ...tolerated(), id: 'a', number: 'TJHP01-20250303-W03-0001', supplementDue: '2025-03-12' };
    const b = { ...tolerated(), id: 'b', number: 'TJHP01-20250303-W03-0002', supplementDue: '2025-03-10' };
    const c = { ...tolerated(), id: 'c', number: 'TJHP01-20250303-W03-0003', supplementDue: '2025-03-08' };
    const d = { ...tolerated(), id: 'd', number: 'TJHP01-20250303-W03-0004', supplementDue: '2025-03-05' };
    const supplied = recordSupplement(tolerated(), {
      materials: [{ materialId: 'photo', receipt: 'scan', copies: 0 }],
      ...by,
    });
    const accepted = transition(draft({ 'id-card': 'paper', photo: 'scan', 'address-proof': 'paper' }), {
      to: 'accepted',
      ...by,
      items: [insurance],
    });
    const ledger = commitmentLedger([a, b, c, d, supplied, accepted], new Date(on('2025-03-10')));
    expect(ledger.map((x) => [x.caseId, x.state, x.daysLeft])).to.deep.equal([
      ['d', 'overdue', -5],
      ['c', 'overdue', -2],
      ['b', 'due-today', 0],
      ['a', 'pending', 2],
    ]);
    expect(ledger[0]).to.deep.include({
      window: 'W03',
      itemIds: ['item-a'],
      materialIds: ['photo'],
      due: '2025-03-05',
    });
    // The deadline's whole day is the applicant's, in China time: 16:00 UTC is midnight in Beijing.
    expect(openCommitment(b, '2025-03-10')?.state).to.equal('due-today');
    expect(commitmentLedger([b], Date.parse('2025-03-10T16:00:00.000Z'))[0]?.state).to.equal('overdue');
  });

  it('takes the items’ rule when they agree, and escalates when they differ or name none', () => {
    const revoking = { ...insurance, overdueRule: 'revoke' as const };
    const voiding = { ...insurance, id: 'item-v', overdueRule: 'void' as const };
    const c = tolerated([revoking]);
    expect(overdueRule(c, [revoking])).to.equal('revoke');
    expect(overdueRule(c, [insurance])).to.equal('escalate');
    const both = { ...c, materials: c.materials.map((m) => ({ ...m, itemIds: ['item-a', 'item-v'] })) };
    expect(overdueRule(both, [revoking, voiding])).to.equal('escalate');
    // An item that needs no awaited material has no say.
    expect(overdueRule(c, [revoking, voiding])).to.equal('revoke');
  });

  it('revokes the acceptance of an overdue case as its item says, in two audited steps', () => {
    const items = [{ ...insurance, overdueRule: 'revoke' as const }];
    const outcome = handleOverdue(tolerated(items), { ...late, items });
    expect(outcome).to.deep.include({ rule: 'revoke', applied: 'revoke' });
    expect(outcome.case.status).to.equal('refused');
    const steps = outcome.case.audit.slice(-2);
    expect(steps.map((e) => [e.action, e.from, e.to])).to.deep.equal([
      ['mark-overdue', 'accepted-with-tolerance', 'overdue'],
      ['refuse', 'overdue', 'refused'],
    ]);
    expect(steps[1]?.reason).to.equal('逾期未补齐容缺材料：照片（补齐期限 2025-03-10），依承诺撤销受理');
    expect(steps[1]).to.deep.include({ actor: 'clerk-7', window: 'W03', at: late.at });
  });

  it('voids the case when its item says so, and escalates a forwarded case whatever the rule', () => {
    const items = [{ ...insurance, overdueRule: 'void' as const }];
    expect(handleOverdue(tolerated(items), { ...late, items }).case.status).to.equal('discarded');
    const forwarded = transition(tolerated(items), { to: 'forwarded', ...by });
    const outcome = handleOverdue(forwarded, { ...late, items });
    expect(outcome).to.deep.include({ rule: 'void', applied: 'escalate' });
    expect(outcome.case.status).to.equal('forwarded');
    expect(outcome.case.audit.at(-1)).to.deep.include({ action: 'escalate-overdue', materialIds: ['photo'] });
    // Escalated once: the manager has it; a second press tells when it was done.
    expect(refusal(() => handleOverdue(outcome.case, { ...late, items })).localized()).to.equal(
      '本案逾期未补齐已于 2025-03-11 处理，不再重复处理。',
    );
  });

  it('escalates by default, marking the case overdue; the applicant may still supplement late', () => {
    const outcome = handleOverdue(tolerated(), late);
    expect(outcome.case.status).to.equal('overdue');
    expect(outcome.case.audit.slice(-2).map((e) => e.action)).to.deep.equal(['mark-overdue', 'escalate-overdue']);
    const supplied = recordSupplement(outcome.case, {
      materials: [{ materialId: 'photo', receipt: 'paper', copies: 1 }],
      ...by,
      at: on('2025-03-12'),
    });
    expect(supplied.status).to.equal('supplemented');
    expect(openCommitment(supplied, '2025-03-12')).to.equal(undefined);
  });

  it('handles nothing before the deadline is over, nor a case without an open commitment', () => {
    expect(refusal(() => handleOverdue(tolerated(), { ...late, at: on('2025-03-10', '15:59') })).localized()).to.equal(
      '补齐期限 2025-03-10 尚未届满，不能标记为逾期。',
    );
    const accepted = transition(draft({ 'id-card': 'paper', photo: 'scan', 'address-proof': 'paper' }), {
      to: 'accepted',
      ...by,
      items: [insurance],
    });
    expect(refusal(() => handleOverdue(accepted, late)).code).to.equal('supplement-not-open');
    expect(refusal(() => handleOverdue(tolerated(), { ...late, items: [] })).code).to.equal('items-mismatch');
    expect(refusal(() => handleOverdue(tolerated(), { ...late, actor: 'x y' })).code).to.equal('invalid-actor');
  });

  it('reminds from the day before the deadline, at most once a day, and records each reminder', () => {
    const c = tolerated();
    expect(reminderDue(c, new Date(on('2025-03-08')))).to.equal(false);
    expect(reminderDue(c, new Date(on('2025-03-09')))).to.equal(true);
    const reminded = recordReminder(c, { ...by, at: on('2025-03-09'), channel: 'sms' });
    expect(reminded.audit.at(-1)).to.deep.include({
      action: 'remind-supplement',
      reason: '已通过短信提醒补齐（期限 2025-03-10）',
      materialIds: ['photo'],
    });
    expect(reminderDue(reminded, new Date(on('2025-03-09', '12:00')))).to.equal(false);
    expect(reminderDue(reminded, new Date(on('2025-03-10')))).to.equal(true);
    expect(reminderDue(reminded, new Date(on('2025-03-14')))).to.equal(true);
    // Nothing to remind of once supplied; a reminder names who sent it.
    const supplied = recordSupplement(c, { materials: [{ materialId: 'photo', receipt: 'scan', copies: 0 }], ...by });
    expect(reminderDue(supplied, new Date(on('2025-03-10')))).to.equal(false);
    expect(refusal(() => recordReminder(supplied, { ...by, channel: 'sms' })).code).to.equal('supplement-not-open');
    expect(refusal(() => recordReminder(c, { ...by, actor: 'a b', channel: 'sms' })).code).to.equal('invalid-actor');
  });

  it('words the reminder with the case number, the materials and the deadline, never the applicant', () => {
    const c = tolerated();
    const text = reminderText(openCommitment(c, '2025-03-09')!, [insurance], '和平区政务服务中心');
    expect(text['zh-CN']).to.equal(
      '【和平区政务服务中心】您的办件 TJHP01-20250303-W03-0001 尚有容缺材料未补齐：照片。请于 2025-03-10 前携带材料到任一综合窗口补齐。',
    );
    const overdue = reminderText(openCommitment(c, '2025-03-12')!, [insurance], 'Heping')['en-US'];
    expect(overdue).to.contain('The deadline 2025-03-10 has passed');
    expect(text['zh-CN']).not.to.contain('张三');
    expect(text['zh-CN']).not.to.contain('11010519491231002X');
  });
});
