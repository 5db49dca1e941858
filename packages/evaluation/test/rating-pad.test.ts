import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@yichuang/evaluation/define.js';
import '@yichuang/ui/define.js';
import type { RatingPad, RatingSubmittedEvent } from '@yichuang/evaluation';
import { eventually, padHall } from './support.js';

type PadHall = Awaited<ReturnType<typeof padHall>>;

const shadow = (el: RatingPad) => el.shadowRoot!;
const part = (el: RatingPad, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: RatingPad, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const radios = (el: RatingPad, name: string) => [
  ...shadow(el).querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${name}"]`),
];
const labelOf = (input: HTMLInputElement) => input.closest('label')!.textContent!.trim();
const gradeInput = (el: RatingPad, label: string) => radios(el, 'grade').find((input) => labelOf(input) === label)!;
const reasonInput = (el: RatingPad, label: string) =>
  [...shadow(el).querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find(
    (input) => labelOf(input) === label,
  )!;
/** The element focused inside the pad's shadow root. */
const focused = (el: RatingPad) => shadow(el).activeElement as HTMLElement | null;

describe('<yc-rating-pad>', () => {
  let pad: PadHall;

  beforeEach(async () => {
    pad = await padHall();
  });

  afterEach(async () => {
    await pad.dispose();
  });

  async function mounted(timeout = 60): Promise<RatingPad> {
    const el = await fixture<RatingPad>(
      html`<yc-rating-pad .client=${pad.client} window="01" timeout=${timeout}></yc-rating-pad>`,
    );
    await eventually(() => el.state?.connection === 'online');
    await el.updateComplete;
    return el;
  }

  /** The clerk finishes a ticket; the pad shows its invitation. */
  async function invited(el: RatingPad) {
    const ticket = await pad.serve();
    await eventually(() => el.state?.phase === 'rating');
    await el.updateComplete;
    return ticket;
  }

  async function click(el: RatingPad, target: HTMLElement) {
    target.click();
    await el.updateComplete;
  }

  describe('accessibility', () => {
    it('passes axe idle, inviting, with a bad grade, thanking and offline', async () => {
      const el = await mounted();
      await expect(el).to.be.accessible();
      await invited(el);
      await expect(el).to.be.accessible();
      await click(el, gradeInput(el, '非常不满意'));
      await expect(el).to.be.accessible();
      await click(el, part(el, 'submit')!);
      await expect(el).to.be.accessible();
      await click(el, reasonInput(el, '办理效率低'));
      await click(el, part(el, 'submit')!);
      await eventually(() => el.state?.phase === 'thanks');
      await el.updateComplete;
      await expect(el).to.be.accessible();
      pad.client.down = true;
      el.controller!.skip();
      el.controller!.invite({ id: 'X', number: 'A099' });
      el.controller!.choose(5);
      await el.controller!.submit();
      await el.updateComplete;
      expect(text(el, 'connection')).to.contain('无法连接大厅服务器');
      await expect(el).to.be.accessible();
    });

    it('groups each set of grades under a legend, as native radios with touch-sized labels', async () => {
      const el = await mounted();
      await invited(el);
      const group = part(el, 'grades')!;
      expect(group.localName).to.equal('fieldset');
      expect(group.querySelector('legend')!.textContent).to.equal('您对本次服务满意吗？');
      for (const input of radios(el, 'grade')) {
        const box = input.closest('label')!.getBoundingClientRect();
        expect(box.height).to.be.at.least(64);
        expect(box.width).to.be.at.least(64);
      }
      for (const name of ['submit', 'skip']) expect(part(el, name)!.getBoundingClientRect().height).to.be.at.least(64);
    });
  });

  describe('defaults', () => {
    it('says it has no hall before a client is set', async () => {
      const el = await fixture<RatingPad>(html`<yc-rating-pad></yc-rating-pad>`);
      expect(text(el, 'connection')).to.equal('评价器尚未连接大厅。');
      expect(el.controller).to.equal(undefined);
    });

    it('waits idle, naming its window, and speaks en-US when asked', async () => {
      const el = await mounted();
      expect(text(el, 'header')).to.contain('01 号窗口');
      expect(part(el, 'idle')!.querySelector('h2')!.textContent).to.equal('欢迎您对我们的服务进行评价');
      el.locale = 'en-US';
      await el.updateComplete;
      expect(text(el, 'header')).to.contain('Window 01');
    });

    it('shows the ticket number only, and nothing chosen beforehand', async () => {
      const el = await mounted();
      const ticket = await invited(el);
      expect(text(el, 'ticket')).to.equal(`您的排队号：${ticket.number}`);
      expect(radios(el, 'grade').map(labelOf)).to.deep.equal(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
      expect(radios(el, 'grade').some((input) => input.checked)).to.equal(false);
      expect(part(el, 'dimensions')).to.equal(null);
      expect(part(el, 'reasons')).to.equal(null);
      expect(text(el, 'form')).to.contain('60 秒内无操作将自动返回');
    });

    it('takes large text from the provider', async () => {
      const wrapper = await fixture<HTMLElement>(
        html`<yc-provider large-text locale="en-US"
          ><yc-rating-pad .client=${pad.client}></yc-rating-pad
        ></yc-provider>`,
      );
      const el = wrapper.querySelector<RatingPad>('yc-rating-pad')!;
      await el.updateComplete;
      expect(part(el, 'base')!.classList.contains('large')).to.equal(true);
      expect(text(el, 'header')).to.contain('Rate our service');
    });
  });

  describe('events', () => {
    it('fires yc-rating-submitted with the ticket number and the grade, and saves the rating in the hall', async () => {
      const el = await mounted();
      const ticket = await invited(el);
      await click(el, gradeInput(el, '满意'));
      const fired = oneEvent(el, 'yc-rating-submitted') as Promise<RatingSubmittedEvent>;
      await click(el, part(el, 'submit')!);
      const event = await fired;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail).to.deep.equal({ ticket: ticket.number, window: '01', grade: 4, outcome: 'saved' });
      await el.updateComplete;
      expect(text(el, 'thanks')).to.contain('感谢您的评价！');
      expect(text(el, 'thanks')).to.contain('您的评价已提交。');
      expect(await pad.ratings()).to.deep.equal({ total: 1, byGrade: { 4: 1 } });
    });
  });

  describe('keyboard', () => {
    it('rates, gives a reason, writes a comment and submits without a pointer', async () => {
      const el = await mounted();
      await invited(el);
      // The invitation takes the focus: its heading.
      expect(focused(el)?.localName).to.equal('h2');
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(radios(el, 'grade')[0]);
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(el.state?.grade).to.equal(2);
      // Three dimension groups, then the reasons.
      for (let i = 0; i < 4; i++) await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(reasonInput(el, '排队等待时间长'));
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(el.state?.reasons).to.deep.equal(['wait']);
      while (focused(el)?.localName !== 'textarea') await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'ok' });
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(part(el, 'submit'));
      const fired = oneEvent(el, 'yc-rating-submitted') as Promise<RatingSubmittedEvent>;
      await sendKeys({ press: 'Enter' });
      expect((await fired).detail.grade).to.equal(2);
      expect(await pad.ratings()).to.deep.equal({ total: 1, byGrade: { 2: 1 } });
    });

    it('skips with the keyboard', async () => {
      const el = await mounted();
      await invited(el);
      part(el, 'skip')!.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.state?.phase).to.equal('idle');
      expect(part(el, 'idle')).to.not.equal(null);
    });
  });

  describe('behaviour with the hall', () => {
    it('asks a bad grade for its reasons and offers a comment', async () => {
      const el = await mounted();
      await invited(el);
      await click(el, gradeInput(el, '不满意'));
      expect(part(el, 'reasons')!.querySelector('legend')!.textContent).to.equal('请选择不满意的原因（可多选）');
      expect(part(el, 'comment')!.localName).to.equal('textarea');
      await click(el, part(el, 'submit')!);
      expect(text(el, 'problem')).to.equal('请至少选择一个不满意的原因，以便我们核实整改。');
      expect(part(el, 'problem')!.getAttribute('role')).to.equal('alert');
      await click(el, reasonInput(el, '没有一次性告知'));
      expect(part(el, 'problem')).to.equal(null);
      const comment = part(el, 'comment') as HTMLTextAreaElement;
      comment.value = '材料清单没讲全';
      comment.dispatchEvent(new Event('input'));
      await click(el, part(el, 'submit')!);
      await eventually(() => el.state?.phase === 'thanks');
      await el.updateComplete;
      expect(text(el, 'thanks')).to.contain('我们会核实您反映的问题');
      expect(await pad.ratings()).to.deep.equal({ total: 1, byGrade: { 2: 1 } });
    });

    it('shows the dimensions once a grade is chosen, and says when only some are rated', async () => {
      const el = await mounted();
      await invited(el);
      await click(el, gradeInput(el, '基本满意'));
      expect(part(el, 'reasons')).to.equal(null);
      await click(el, radios(el, 'dimension-attitude')[0]!);
      await click(el, part(el, 'submit')!);
      expect(text(el, 'problem')).to.equal('分项评价请三项都评，或者都不评。');
      await click(el, radios(el, 'dimension-efficiency')[1]!);
      await click(el, radios(el, 'dimension-level')[2]!);
      await click(el, part(el, 'submit')!);
      await eventually(() => el.state?.phase === 'thanks');
      expect((await pad.ratings()).total).to.equal(1);
    });

    it('asks for a grade before submitting', async () => {
      const el = await mounted();
      await invited(el);
      await click(el, part(el, 'submit')!);
      expect(text(el, 'problem')).to.equal('请先选择一个满意程度。');
    });

    it('goes back to idle without saving when left untouched', async () => {
      const el = await mounted(1);
      await invited(el);
      await eventually(() => el.state?.phase === 'idle');
      expect((await pad.ratings()).total).to.equal(0);
    });

    it('says the hall cannot be reached, keeps a rating and tells the applicant so', async () => {
      const el = await mounted();
      await invited(el);
      pad.client.down = true;
      await click(el, gradeInput(el, '非常满意'));
      const fired = oneEvent(el, 'yc-rating-submitted') as Promise<RatingSubmittedEvent>;
      await click(el, part(el, 'submit')!);
      expect((await fired).detail.outcome).to.equal('kept');
      await el.updateComplete;
      expect(text(el, 'thanks')).to.contain('您的评价已保存在本机');
      expect(text(el, 'connection')).to.equal(
        '无法连接大厅服务器。现在仍可评价，评价会保存在本机，恢复连接后自动提交。',
      );
      el.controller!.skip();
      el.controller!.invite({ id: 'none', number: 'A000' });
      el.controller!.skip();
      await el.updateComplete;
      expect(text(el, 'idle')).to.contain('有 1 条评价保存在本机，等待提交。');
      pad.client.down = false;
      void el.controller!.flush();
      await eventually(() => el.state?.pending === 0);
      expect((await pad.ratings()).total).to.equal(1);
    });

    it('says it is signed out, and counts ratings the hall refused', async () => {
      const el = await mounted();
      el.controller!.invite({ id: '01KJP1SRH0C1PB0NAZM9YK8XJ7', number: 'A001' });
      el.controller!.choose(5);
      await pad.clerk.logout(); // nobody at window 01: the hall refuses a pad's rating
      expect((await el.controller!.submit())?.outcome).to.equal('refused');
      await el.updateComplete;
      expect(text(el, 'thanks')).to.contain('大厅未能接受本次评价');
      await pad.client.inner.logout();
      await eventually(() => el.state?.connection === 'signed-out');
      el.controller!.invite({ id: 'B', number: 'A002' });
      el.controller!.skip();
      await el.updateComplete;
      expect(text(el, 'connection')).to.contain('评价器未登录');
      expect(text(el, 'idle')).to.contain('有 1 条评价被大厅拒收');
    });

    it('says when it is set up for another window than its enrolment', async () => {
      const el = await mounted();
      el.window = '02';
      await el.updateComplete;
      await el.updateComplete;
      expect(text(el, 'connection')).to.contain('评价器登记的窗口（01 号）与设置的窗口（02 号）不一致');
    });
  });
});
