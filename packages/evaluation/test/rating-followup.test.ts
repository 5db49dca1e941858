import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@yichuang/evaluation/define.js';
import { ulid, type Rating } from '@yichuang/core';
import type { HallClient } from '@yichuang/hall-client';
import type { FollowUpHall, RatingFollowUp } from '@yichuang/evaluation';
import { NEVER } from 'rxjs';
import { describeOnEveryHall } from '../../queue/test/support.js';
import { eventually } from './support.js';

const shadow = (el: RatingFollowUp) => el.shadowRoot!;
const part = (el: RatingFollowUp, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: RatingFollowUp, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const rows = (el: RatingFollowUp) => [...shadow(el).querySelectorAll<HTMLTableRowElement>('tr[part~="row"]')];
const cells = (row: HTMLTableRowElement) => [...row.cells].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim());
const rowOf = (el: RatingFollowUp, rating: Rating) => rows(el).find((row) => row.dataset.rating === rating.id);
const radio = (el: RatingFollowUp, name: string, value: string) =>
  shadow(el).querySelector<HTMLInputElement>(`input[type="radio"][name="${name}"][value="${value}"]`)!;
const note = (el: RatingFollowUp) => part(el, 'note') as HTMLTextAreaElement;
const focused = (el: RatingFollowUp) => shadow(el).activeElement as HTMLElement | null;

/** 10:00 on the day before 国庆 2026 (1 to 7 October off, Saturday 10 October a make-up working day). */
const BEFORE_NATIONAL_DAY = '2026-09-30T02:00:00.000Z';

/** The clerk of window 01 saves a bad rating; answers it. */
async function badRating(clerk: HallClient, patch: Partial<Rating> = {}): Promise<Rating> {
  const rating: Rating = {
    id: ulid(),
    window: '01',
    clerk: 'clerk01',
    grade: 2,
    reasons: ['wait', 'materials'],
    at: BEFORE_NATIONAL_DAY,
    channel: 'pad',
    ...patch,
  };
  const [result] = await clerk.sync([{ id: ulid(), kind: 'rating.save', payload: rating }]);
  expect(result?.status, JSON.stringify(result)).to.equal('applied');
  return rating;
}

async function click(el: RatingFollowUp, target: HTMLElement) {
  target.click();
  await el.updateComplete;
}

async function typeNote(el: RatingFollowUp, value: string) {
  const box = note(el);
  box.value = value;
  box.dispatchEvent(new Event('input'));
  await el.updateComplete;
}

describeOnEveryHall('<yc-rating-followup>', (hall) => {
  async function mounted(client: FollowUpHall): Promise<RatingFollowUp> {
    const el = await fixture<RatingFollowUp>(html`<yc-rating-followup .client=${client}></yc-rating-followup>`);
    await eventually(() => el.state?.status === 'ready');
    await el.updateComplete;
    return el;
  }

  /** Lists the ratings of 30 September 2026 through the days form, as a manager would. */
  async function showSeptember30(el: RatingFollowUp) {
    const form = shadow(el).querySelector<HTMLFormElement>('form.days')!;
    (form.elements.namedItem('from') as HTMLInputElement).value = '2026-09-30';
    (form.elements.namedItem('to') as HTMLInputElement).value = '2026-09-30';
    form.requestSubmit();
    await eventually(() => el.state?.from === '2026-09-30' && el.state.status === 'ready');
    await el.updateComplete;
  }

  it('lists a bad rating with its reasons and its due day across 国庆, overdue said in words; passes axe', async () => {
    const clerk = await hall.as('clerk');
    const manager = await hall.as('manager');
    const rating = await badRating(clerk);
    const el = await mounted(manager);
    await expect(el).to.be.accessible();
    await showSeptember30(el);
    const row = rowOf(el, rating)!;
    expect(cells(row).slice(0, 6)).to.deep.equal([
      '2026-09-30',
      '01 号窗口',
      '不满意',
      '排队等待时间长、材料要求不清或过多',
      // 5 working days: 8, 9, 10 (make-up Saturday), 12 and 13 October.
      '2026-10-13',
      '⚠ 已超期',
    ]);
    // Not by colour alone: the word, a sign, and a bar at the row's start.
    expect(row.classList.contains('overdue')).to.equal(true);
    await expect(el).to.be.accessible();

    // Large text: the same, bigger.
    el.largeText = true;
    await el.updateComplete;
    expect(part(el, 'base')!.classList.contains('large')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('opens one, records a call-back and feedback from the keyboard; feedback closes it', async () => {
    const clerk = await hall.as('clerk');
    const manager = await hall.as('manager');
    const rating = await badRating(clerk);
    const el = await mounted(manager);
    await showSeptember30(el);
    // All of them: the follow-up stays listed once closed.
    radio(el, 'filter', 'all').focus();
    await sendKeys({ press: 'Space' });
    await eventually(() => el.state?.filter === 'all' && el.state.status === 'ready');
    await el.updateComplete;
    const open = rowOf(el, rating)!.querySelector('button')!;
    expect(open.getAttribute('aria-label')).to.equal('办理 01 号窗口 2026-09-30 的评价');
    open.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(focused(el)?.localName).to.equal('h3');
    expect(text(el, 'detail')).to.contain('尚无办理记录');
    await expect(el).to.be.accessible();

    // Tab to the actions (回访 is chosen), then to the note; type it and send with the record button.
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(radio(el, 'action', 'callback'));
    note(el).focus();
    await sendKeys({ type: '已电话回访' });
    part(el, 'submit')!.focus();
    await sendKeys({ press: 'Enter' });
    await eventually(() => el.controller?.opened?.actions.length === 1);
    await el.updateComplete;
    expect(text(el, 'history')).to.contain('回访');
    expect(text(el, 'history')).to.contain('已电话回访');
    expect(text(el, 'history')).to.contain('manager01');
    expect(note(el).value).to.equal('');

    radio(el, 'action', 'feedback').focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.state?.draft.action).to.equal('feedback');
    await typeNote(el, '已告知评价人整改情况');
    await click(el, part(el, 'submit')!);
    await eventually(() => el.controller?.opened?.status === 'closed');
    await el.updateComplete;
    expect(part(el, 'form')).to.equal(null);
    expect(shadow(el).textContent).to.contain('本条整改已办结');
    // What the hall holds, as another manager reads it.
    const other = await hall.as('manager');
    const held = (await other.followUps({ status: 'all', from: '2026-09-30', to: '2026-09-30' })).followUps.find(
      (one) => one.ratingId === rating.id,
    );
    expect(held?.actions.map((entry) => entry.action)).to.deep.equal(['callback', 'feedback']);

    // The form is gone: the focus is on the follow-up's heading. Escape goes back to the list, to its button.
    await eventually(() => focused(el)?.localName === 'h3');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.state?.opened).to.equal(undefined);
    expect(focused(el)?.dataset.rating).to.equal(rating.id);
  });

  it('says what is wrong with an empty or too long note or a review without outcome, and loses nothing', async () => {
    const clerk = await hall.as('clerk');
    const manager = await hall.as('manager');
    const rating = await badRating(clerk);
    const el = await mounted(manager);
    await showSeptember30(el);
    await click(el, rowOf(el, rating)!.querySelector('button')!);

    await click(el, part(el, 'submit')!);
    expect(text(el, 'problem')).to.equal('请填写办理情况。');
    expect(part(el, 'problem')!.getAttribute('role')).to.equal('alert');
    expect(note(el).getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();

    const long = '整'.repeat(301);
    await typeNote(el, long);
    await click(el, part(el, 'submit')!);
    expect(text(el, 'problem')).to.equal('办理情况不能超过 300 个字，请删减后再记录。');
    expect(note(el).value).to.equal(long);

    await click(el, radio(el, 'action', 'review'));
    await typeNote(el, '评价人称误点差评');
    await click(el, part(el, 'submit')!);
    expect(text(el, 'problem')).to.equal('申诉复核请选择复核结论：维持评价或撤销评价。');
    expect([el.state?.draft.action, note(el).value]).to.deep.equal(['review', '评价人称误点差评']);
    // Nothing reached the hall.
    const held = await manager.followUps({ status: 'all', from: '2026-09-30', to: '2026-09-30' });
    expect(held.followUps.find((one) => one.ratingId === rating.id)?.actions).to.deep.equal([]);

    await click(el, radio(el, 'outcome', 'withdrawn'));
    expect(part(el, 'problem')).to.equal(null);
    await click(el, part(el, 'submit')!);
    await eventually(() => el.controller?.opened?.status === 'closed');
    await el.updateComplete;
    expect(text(el, 'status')).to.equal('✓ 已撤销评价');
  });

  it('keeps the note and says why when the hall refuses it (closed meanwhile by another manager)', async () => {
    const clerk = await hall.as('clerk');
    const manager = await hall.as('manager');
    const rating = await badRating(clerk);
    // A view that has not heard of the other manager's action yet (its events held back).
    const el = await mounted({
      get session() {
        return manager.session;
      },
      followUps: (query) => manager.followUps(query),
      actOnFollowUp: (id, act) => manager.actOnFollowUp(id, act),
      events: () => NEVER,
    });
    await showSeptember30(el);
    await click(el, rowOf(el, rating)!.querySelector('button')!);
    await typeNote(el, '第二次回访');
    const other = await hall.as('manager');
    await other.actOnFollowUp(rating.id, { action: 'feedback', note: '已反馈' });
    await click(el, part(el, 'submit')!);
    await eventually(() => el.state?.error !== undefined);
    await el.updateComplete;
    expect(text(el, 'error')).to.equal(`评价 ${rating.id} 的整改已办结，不能再记录`);
    expect(note(el).value).to.equal('第二次回访');
  });

  it('shows a clerk the follow-ups of their window, read-only', async () => {
    const clerk = await hall.as('clerk');
    const rating = await badRating(clerk);
    const el = await mounted(clerk);
    await showSeptember30(el);
    const open = rowOf(el, rating)!.querySelector('button')!;
    expect(open.textContent!.trim()).to.equal('查看');
    await click(el, open);
    expect(part(el, 'form')).to.equal(null);
    expect(text(el, 'detail')).to.contain('整改由管理人员记录');
    await expect(el).to.be.accessible();
  });
});
