import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@yichuang/intake/define.js';
import { IllegalTransitionError, type CaseItemFacts, type CaseMaterial } from '@yichuang/core';
import { IntakeDecideEvent, IntakeDecisionController, type IntakeDecisionElement } from '@yichuang/intake';
import { NOW, checked, demoItem, draftOf, rentalHousing } from './support.js';

const context = { actor: 'clerk07', window: '03', now: () => NOW };

describe('IntakeDecisionController', () => {
  it('opens acceptance only when every required material is in hand, and says which are not', () => {
    const items = rentalHousing();
    const decision = new IntakeDecisionController(context);
    decision.load(draftOf(items, checked(items, { 'bank-account': 'missing' })), items);
    const { decisions, choosable } = decision.state;
    expect(decisions?.accept?.code).to.equal('accept-incomplete');
    expect(decisions?.accept?.localized()).to.contain('本人银行借记卡');
    expect(choosable).to.deep.equal({
      accept: false,
      'accept-with-tolerance': false,
      'notify-incomplete': true,
      refuse: true,
    });
    expect(() => decision.choose('accept')).to.throw(RangeError);
  });

  it('accepts with tolerance once the deadline is set, and writes the audit', () => {
    const items = rentalHousing();
    const decision = new IntakeDecisionController(context);
    decision.load(
      draftOf(items, checked(items, { 'bank-account': 'tolerated', 'rental-contract': 'tolerated' })),
      items,
    );
    decision.choose('accept-with-tolerance');
    expect(decision.state.blocked?.code).to.equal('supplement-due-required');
    decision.setSupplementDue('2026-12-01');
    expect(decision.state.blocked?.code).to.equal('supplement-due-past');
    decision.setSupplementDue('2026-12-14');
    expect(decision.state.blocked).to.equal(undefined);
    const decided = decision.decide({ promisedDate: '2027-01-04' });
    expect(decided).to.deep.include({
      status: 'accepted-with-tolerance',
      supplementDue: '2026-12-14',
      promisedDate: '2027-01-04',
    });
    expect(decided.audit.at(-1)).to.deep.include({ actor: 'clerk07', window: '03', at: NOW.toISOString() });
    expect(decision.state.lines.map((l) => l.materialId)).to.deep.equal(['rental-contract', 'bank-account']);
  });

  it('does not tolerate a key material: only the one-time notice or a refusal remain', () => {
    const items = rentalHousing();
    const decision = new IntakeDecisionController(context);
    decision.load(
      draftOf(items, checked(items, { 'resident-id-card': 'missing', 'bank-account': 'tolerated' })),
      items,
    );
    expect(decision.state.choosable['accept-with-tolerance']).to.equal(false);
    decision.choose('notify-incomplete');
    expect(decision.state.blocked?.code).to.equal('reason-required');
    decision.setReason('缺身份证');
    const notified = decision.decide();
    expect(notified.status).to.equal('notified-incomplete');
    expect(notified.audit.at(-1)?.reason).to.equal('缺身份证');
  });

  it('gives no one-time notice when nothing is missing, and refuses only on a ground of the items with a reason', () => {
    const items = [demoItem('mi-relocation-filing')];
    const decision = new IntakeDecisionController(context);
    decision.load(draftOf(items, checked(items)), items);
    expect(decision.state.decisions?.['notify-incomplete']?.code).to.equal('nothing-to-notify');
    expect(decision.state.choosable).to.deep.include({ accept: true, 'notify-incomplete': false, refuse: true });
    decision.choose('refuse');
    // The statutory grounds, then each condition of the item as the catalog states it.
    const grounds = decision.state.grounds;
    expect(grounds.map((g) => g.id).slice(0, 2)).to.deep.equal(['no-licence-needed', 'not-competent']);
    expect(grounds.slice(2).map((g) => g.text)).to.deep.equal(
      items[0]!.conditions.map((c) => `不符合“${items[0]!.name}”的受理条件：${c}`),
    );
    expect(decision.state.blocked?.code).to.equal('ground-required');
    expect(() => decision.decide()).to.throw(IllegalTransitionError, /ground/);
    decision.setGround('condition.someone-elses-item.1');
    expect(decision.state.blocked?.code).to.equal('unknown-ground');
    decision.setGround(grounds[2]!.id);
    expect(() => decision.decide()).to.throw(IllegalTransitionError, /reason/);
    decision.setReason('申请人未在本市参保');
    const refused = decision.decide();
    expect(refused.status).to.equal('refused');
    expect(refused.refusalGround).to.deep.equal({ id: grounds[2]!.id, text: grounds[2]!.text });
    expect(refused.audit.at(-1)?.reason).to.equal('申请人未在本市参保');
  });

  it('forgets a chosen decision a new draft no longer allows', () => {
    const items = [demoItem('mi-relocation-filing')];
    const decision = new IntakeDecisionController(context);
    decision.load(draftOf(items, checked(items)), items);
    decision.choose('accept');
    decision.load(draftOf(items, checked(items, { 'social-security-card': 'missing' })), items);
    expect(decision.state.chosen).to.equal(undefined);
  });
});

const shadow = (el: IntakeDecisionElement) => el.shadowRoot!;
const radio = (el: IntakeDecisionElement, value: string) =>
  shadow(el).querySelector<HTMLInputElement>(`input[name="decision"][value="${value}"]`)!;
const part = (el: IntakeDecisionElement, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const textOf = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function mounted(items: readonly CaseItemFacts[], materials: readonly CaseMaterial[], locale = 'zh-CN') {
  return fixture<IntakeDecisionElement>(
    html`<yc-intake-decision
      actor="clerk07"
      window="03"
      locale=${locale}
      .now=${() => NOW}
      .items=${items}
      .draft=${draftOf(items, materials)}
    ></yc-intake-decision>`,
  );
}

describe('<yc-intake-decision>', () => {
  it('shows the state machine’s reason beside a decision it refuses', async () => {
    const items = rentalHousing();
    const el = await mounted(items, checked(items, { 'resident-id-card': 'missing', 'bank-account': 'tolerated' }));
    expect(radio(el, 'accept').disabled).to.equal(true);
    expect(radio(el, 'accept-with-tolerance').disabled).to.equal(true);
    const why = shadow(el).getElementById('why-accept-with-tolerance');
    expect(textOf(why)).to.contain('不可选').and.contain('居民身份证');
    expect(radio(el, 'accept-with-tolerance').getAttribute('aria-describedby')).to.equal('why-accept-with-tolerance');
    await expect(el).to.be.accessible();
  });

  it('notifies once by keyboard: the notice lists every missing and defective material with what is needed', async () => {
    const items = rentalHousing();
    const el = await mounted(
      items,
      checked(
        items,
        { 'resident-id-card': 'missing', 'marriage-certificate': undefined },
        { 'labour-contract': '缺少单位盖章' },
      ),
    );
    const decided: IntakeDecideEvent[] = [];
    el.addEventListener(IntakeDecideEvent.type, (event) => decided.push(event));
    radio(el, 'notify-incomplete').focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    const notice = part(el, 'notice')!;
    expect(textOf(notice)).to.contain('一次性告知书');
    const lines = [...notice.querySelectorAll('li')].map((li) => li.dataset.material);
    expect(lines).to.deep.equal(['resident-id-card', 'labour-contract']);
    expect(textOf(notice)).to.contain('问题：缺少单位盖章').and.contain('已收取，需补正');
    const reason = part(el, 'reason')!.querySelector('textarea')!;
    expect(reason.value).to.contain('本告知书');
    await expect(el).to.be.accessible();
    part(el, 'confirm')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(decided).to.have.length(1);
    expect(decided[0]!.detail.decision).to.equal('notify-incomplete');
    expect(decided[0]!.detail.case.status).to.equal('notified-incomplete');
    expect(decided[0]!.detail.lines.map((l) => l.materialId)).to.deep.equal(lines);
    expect(textOf(shadow(el).querySelector('[role="status"]'))).to.contain('已一次性告知');
    expect(radio(el, 'refuse').disabled).to.equal(true);
  });

  it('asks for a deadline before accepting with tolerance, and lists the promised materials', async () => {
    const items = rentalHousing();
    const el = await mounted(items, checked(items, { 'bank-account': 'tolerated' }), 'en-US');
    radio(el, 'accept-with-tolerance').click();
    await el.updateComplete;
    expect((part(el, 'confirm') as HTMLButtonElement).disabled).to.equal(true);
    expect(part(el, 'problem')).to.equal(null);
    expect(textOf(part(el, 'notice')))
      .to.contain('Commitment letter')
      .and.contain('Tolerated, promised');
    const due = part(el, 'deadline')!.querySelector('input')!;
    due.value = '2026-12-04';
    due.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(textOf(part(el, 'problem'))).to.match(/2026-12-04/);
    due.value = '2026-12-14';
    due.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const decided = new Promise<IntakeDecideEvent>((resolve) =>
      el.addEventListener(IntakeDecideEvent.type, resolve, { once: true }),
    );
    (part(el, 'confirm') as HTMLButtonElement).click();
    expect((await decided).detail.case.supplementDue).to.equal('2026-12-14');
  });

  it('accepts a complete application with its promised date', async () => {
    const items = [demoItem('mi-relocation-filing')];
    const el = await mounted(items, checked(items));
    el.promisedDate = '2026-12-07';
    expect(radio(el, 'notify-incomplete').disabled).to.equal(true);
    radio(el, 'accept').click();
    await el.updateComplete;
    const decided = new Promise<IntakeDecideEvent>((resolve) =>
      el.addEventListener(IntakeDecideEvent.type, resolve, { once: true }),
    );
    (part(el, 'confirm') as HTMLButtonElement).click();
    const { detail } = await decided;
    expect(detail.case).to.deep.include({ status: 'accepted', promisedDate: '2026-12-07' });
    // 异地就医备案 results cannot be posted: collected at a window, and said so.
    expect(detail.case.delivery).to.deep.equal({ way: 'window' });
  });

  it('posts the result where the item allows it, to the applicant unless told otherwise, checked as typed', async () => {
    const items = [demoItem('si-card-application')];
    const el = await mounted(items, checked(items));
    radio(el, 'accept').click();
    await el.updateComplete;
    const post = shadow(el).querySelector<HTMLInputElement>('input[name="delivery"][value="post"]')!;
    expect(post.disabled).to.equal(false);
    post.focus();
    post.click();
    await el.updateComplete;
    const input = (key: string) => shadow(el).querySelector<HTMLInputElement>(`[data-field="delivery-${key}"] input`)!;
    expect(input('recipient').value).to.equal('张三');
    // No address yet: the state machine says what is wrong, and the confirm button waits.
    const problemOf = (key: string) =>
      textOf(shadow(el).querySelector(`[data-field="delivery-${key}"] [part~="problem"]`));
    expect(problemOf('phone')).to.equal('未填写。');
    expect(problemOf('address')).to.equal('不能为空');
    // Said under the fields, not again as the decision's problem.
    expect(shadow(el).querySelector('p[role="alert"]')).to.equal(null);
    expect((part(el, 'confirm') as HTMLButtonElement).disabled).to.equal(true);
    for (const [key, value] of [
      ['phone', '13912345678'],
      ['address', '天津市和平区南京路 1 号'],
    ] as const) {
      input(key).value = value;
      input(key).dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await el.updateComplete;
    }
    expect(problemOf('phone')).to.equal('');
    expect((part(el, 'confirm') as HTMLButtonElement).disabled).to.equal(false);
    await expect(el).to.be.accessible();
    const decided = new Promise<IntakeDecideEvent>((resolve) =>
      el.addEventListener(IntakeDecideEvent.type, resolve, { once: true }),
    );
    (part(el, 'confirm') as HTMLButtonElement).click();
    expect((await decided).detail.case.delivery).to.deep.equal({
      way: 'post',
      recipient: '张三',
      phone: '13912345678',
      address: '天津市和平区南京路 1 号',
    });
  });

  it('offers no post when an item’s result cannot be posted', async () => {
    const items = [demoItem('mi-relocation-filing')];
    const el = await mounted(items, checked(items), 'en-US');
    radio(el, 'accept').click();
    await el.updateComplete;
    const post = shadow(el).querySelector<HTMLInputElement>('input[name="delivery"][value="post"]')!;
    expect(post.disabled).to.equal(true);
    expect(textOf(part(el, 'delivery'))).to.contain('cannot be posted');
    expect(el.controller.state.postAllowed).to.equal(false);
  });
});
