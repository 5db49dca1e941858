import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { HallClient } from '@yichuang/hall-client';
import type { QueueCaller, TicketCalledEvent, TicketFinishedEvent } from '@yichuang/queue';
import '@yichuang/queue/define.js';
import { describeOnEveryHall, serverHall, textOf, until } from './support.js';

async function caller(client: HallClient, window = '01') {
  const element = await fixture<QueueCaller>(
    html`<yc-queue-caller .client=${client} window=${window}></yc-queue-caller>`,
  );
  await until(() => element.controller?.feed.state.status === 'live');
  await element.updateComplete;
  return element;
}

const part = (element: QueueCaller, name: string) => element.shadowRoot!.querySelector(`[part="${name}"]`)!;
const button = (element: QueueCaller, action: string) =>
  element.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;

/**
 * Presses Alt+key with focus inside the panel, as a clerk does, once the command before has had its answer (the panel
 * takes one command at a time), and waits for the answer to this one.
 */
async function press(element: QueueCaller, key: string) {
  await until(() => !element.controller!.busy);
  element.shadowRoot!.querySelector<HTMLInputElement>('#requeue')!.focus();
  await sendKeys({ down: 'Alt' });
  await sendKeys({ press: /^\d$/.test(key) ? `Digit${key}` : `Key${key}` });
  await sendKeys({ up: 'Alt' });
  await until(() => !element.controller!.busy);
}

describeOnEveryHall('<yc-queue-caller>', (hall) => {
  it('calls, calls again, holds, resumes and finishes from the keyboard, telling the host page', async () => {
    const kiosk = await hall.as('kiosk');
    const panel = await caller(await hall.as('clerk'));
    expect(textOf(panel)).to.contain('当前没有正在办理的号码');
    expect(button(panel, 'recall').disabled).to.equal(true);
    const first = await kiosk.issueTicket({ category: 'A' });
    const second = await kiosk.issueTicket({ category: 'A' });
    await until(() => textOf(part(panel, 'base')).includes('2 人'));

    const called = oneEvent(panel, 'yc-ticket-called') as Promise<TicketCalledEvent>;
    await press(panel, 'N');
    const event = await called;
    expect(event.detail.ticket.number).to.equal(first.number);
    expect(event.detail.window).to.equal('01');
    await until(() => part(panel, 'current').textContent!.includes(first.number));
    expect(part(panel, 'outcome').textContent).to.contain(`已呼叫 ${first.number} 号`);

    await press(panel, 'R');
    await until(() => part(panel, 'outcome').textContent!.includes('第 1 次'));

    // Hold: the applicant fetches a document; the window serves the next meanwhile.
    await press(panel, 'H');
    await until(() => part(panel, 'held').textContent!.includes(first.number));
    expect(part(panel, 'current').textContent).to.contain('当前没有');
    await press(panel, 'N');
    await until(() => part(panel, 'current').textContent!.includes(second.number));

    // Alt+1 calls the first held number back; the one being served is finished and the host told so.
    const finished = oneEvent(panel, 'yc-ticket-finished') as Promise<TicketFinishedEvent>;
    await press(panel, '1');
    expect((await finished).detail.ticket.number).to.equal(second.number);
    await until(() => part(panel, 'current').textContent!.includes(first.number));
    expect(part(panel, 'held').textContent).to.contain('没有挂起的号码');

    const done = oneEvent(panel, 'yc-ticket-finished') as Promise<TicketFinishedEvent>;
    await press(panel, 'F');
    expect((await done).detail.ticket).to.include({ number: first.number, status: 'done' });
    await until(() => part(panel, 'current').textContent!.includes('当前没有'));

    await press(panel, 'N');
    await until(() => part(panel, 'outcome').textContent!.includes('没有等候的号码'));
  });

  it('marks a no-show, or queues it again behind the people the clerk types', async () => {
    const kiosk = await hall.as('kiosk');
    const clerk = await hall.as('clerk');
    const panel = await caller(clerk);
    const tickets: { number: string }[] = [];
    for (let i = 0; i < 4; i++) tickets.push(await kiosk.issueTicket({ category: 'A' }));
    await press(panel, 'N');
    await until(() => part(panel, 'current').textContent!.includes(tickets[0]!.number));
    await press(panel, 'G');
    await until(() => part(panel, 'outcome').textContent!.includes(`${tickets[0]!.number} 号已过号`));

    await press(panel, 'N');
    await until(() => part(panel, 'current').textContent!.includes(tickets[1]!.number));
    const behind = panel.shadowRoot!.querySelector<HTMLInputElement>('#requeue')!;
    behind.value = '1';
    behind.dispatchEvent(new Event('input'));
    await press(panel, 'Q');
    await until(() => part(panel, 'outcome').textContent!.includes('重新排队'));
    // Behind one person: tickets[2] first, then tickets[1] again.
    await press(panel, 'N');
    await until(() => part(panel, 'current').textContent!.includes(tickets[2]!.number));
    const again = await panel.controller!.next();
    expect(again.outcome).to.deep.include({ kind: 'called' });
    expect('ticket' in again.outcome && again.outcome.ticket.number).to.equal(tickets[1]!.number);
  });

  it('transfers the current number to another service through a keyboard form', async () => {
    const kiosk = await hall.as('kiosk');
    const panel = await caller(await hall.as('clerk'));
    const ticket = await kiosk.issueTicket({ category: 'A' });
    await press(panel, 'N');
    await until(() => part(panel, 'current').textContent!.includes(ticket.number));
    await press(panel, 'T');
    await panel.updateComplete;
    const select = panel.shadowRoot!.querySelector<HTMLSelectElement>('#transfer-category')!;
    expect(panel.shadowRoot!.activeElement).to.equal(select);
    select.value = 'B';
    panel.shadowRoot!.querySelector<HTMLButtonElement>('.transfer button[type="submit"]')!.click();
    await until(() => part(panel, 'outcome').textContent!.includes(`${ticket.number} 号已转往`));
    // Window 03 calls B: it gets the number, with its original issue time.
    const clerk3 = await hall.as('clerk3');
    const moved = await clerk3.callNext({ window: '03', categories: ['B'] });
    expect(moved).to.include({ number: ticket.number, category: 'B', issuedAt: ticket.issuedAt });
  });

  it('pauses the window for a reason from the keyboard (Alt+P), says why, calls nothing, and reopens with Alt+P', async () => {
    const kiosk = await hall.as('kiosk');
    const clerk = await hall.as('clerk');
    const panel = await caller(clerk);
    const first = await kiosk.issueTicket({ category: 'A' });
    await press(panel, 'N');
    await until(() => part(panel, 'current').textContent!.includes(first.number));
    // Not while someone is served: finish first.
    expect(button(panel, 'pause').disabled).to.equal(true);
    await press(panel, 'P');
    expect(panel.shadowRoot!.querySelector('form.pause')).to.equal(null);
    await press(panel, 'F');
    await until(() => !button(panel, 'pause').disabled);

    await press(panel, 'P');
    await panel.updateComplete;
    const reason = panel.shadowRoot!.querySelector<HTMLSelectElement>('#pause-reason')!;
    expect(panel.shadowRoot!.activeElement).to.equal(reason);
    reason.value = 'meeting';
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: ' 部门例会 ' });
    await sendKeys({ press: 'Enter' });
    await until(() => part(panel, 'paused') !== null && !panel.controller!.busy);
    const notice = textOf(part(panel, 'paused'));
    expect(notice).to.contain('本窗口暂停服务中：会议培训').and.contain('备注：部门例会');
    expect(part(panel, 'outcome').textContent).to.contain('已暂停服务（会议培训）');
    expect(button(panel, 'pause').textContent).to.contain('恢复服务');
    for (const action of ['next', 'recall', 'finish', 'hold', 'noShow', 'transfer']) {
      expect(button(panel, action).disabled, action).to.equal(true);
    }
    // The hall holds the pause, who and why; Alt+N calls no one meanwhile.
    const paused = (await clerk.queue()).windows.find((window) => window.code === '01')!.paused;
    expect(paused).to.deep.include({ reason: 'meeting', by: 'clerk01', note: '部门例会' });
    const second = await kiosk.issueTicket({ category: 'A' });
    await until(() => textOf(part(panel, 'base')).includes('1 人'));
    await press(panel, 'N');
    expect(part(panel, 'current').textContent).to.contain('当前没有');

    await press(panel, 'P');
    await until(() => part(panel, 'paused') === null);
    expect(part(panel, 'outcome').textContent).to.contain('已恢复服务');
    expect(button(panel, 'pause').textContent).to.contain('暂停服务');
    await press(panel, 'N');
    await until(() => part(panel, 'current').textContent!.includes(second.number));
  });

  it('closes the pause form with Escape, pausing nothing', async () => {
    const panel = await caller(await hall.as('clerk'));
    await press(panel, 'P');
    await panel.updateComplete;
    expect(panel.shadowRoot!.querySelector('form.pause')).not.to.equal(null);
    await sendKeys({ press: 'Escape' });
    await panel.updateComplete;
    expect(panel.shadowRoot!.querySelector('form.pause')).to.equal(null);
    expect(panel.shadowRoot!.activeElement).to.equal(button(panel, 'pause'));
    expect(part(panel, 'paused')).to.equal(null);
  });

  it('gives two windows pressing "next" at once two different numbers', async () => {
    const kiosk = await hall.as('kiosk');
    const [one, two] = [await caller(await hall.as('clerk'), '01'), await caller(await hall.as('clerk2'), '02')];
    const issued = [await kiosk.issueTicket({ category: 'A' }), await kiosk.issueTicket({ category: 'A' })];
    const [a, b] = await Promise.all([one.controller!.next(), two.controller!.next()]);
    const numbers = [a, b].map((result) => ('ticket' in result.outcome ? result.outcome.ticket.number : undefined));
    expect(numbers.sort()).to.deep.equal(issued.map((ticket) => ticket.number).sort());
  });

  it('is accessible (axe), with a number being served and one on hold', async () => {
    const kiosk = await hall.as('kiosk');
    const panel = await caller(await hall.as('clerk'));
    await kiosk.issueTicket({ category: 'A', kind: 'priority' });
    await kiosk.issueTicket({ category: 'A' });
    await panel.controller!.next();
    await panel.controller!.hold();
    await panel.controller!.next();
    await until(() => part(panel, 'held').querySelectorAll('li').length === 1);
    await expect(panel).to.be.accessible();
  });

  it('is accessible (axe) with the pause form open, and paused', async () => {
    const panel = await caller(await hall.as('clerk'));
    await press(panel, 'P');
    await panel.updateComplete;
    await expect(panel).to.be.accessible();
    await panel.controller!.pause('equipment', '读卡器坏了');
    await until(() => part(panel, 'paused') !== null);
    await expect(panel).to.be.accessible();
    await panel.controller!.reopen();
  });
});

describe('<yc-queue-caller> while the hall cannot be reached', function () {
  this.timeout(60_000);
  it('calls nothing, says why, and calls again once the hall is back', async () => {
    const hall = await serverHall();
    try {
      const kiosk = await hall.as('kiosk', { direct: true });
      const panel = await caller(await hall.as('clerk'));
      const ticket = await kiosk.issueTicket({ category: 'A' });
      await hall.cut!();
      await until(() => textOf(panel).includes('暂不能叫号'), 15_000);
      expect(button(panel, 'next').disabled).to.equal(true);
      await press(panel, 'N');
      await hall.restore!();
      await until(() => !button(panel, 'next').disabled, 15_000);
      expect(part(panel, 'current').textContent).to.contain('当前没有');
      await press(panel, 'N');
      await until(() => part(panel, 'current').textContent!.includes(ticket.number));
    } finally {
      await hall.dispose();
    }
  });
});
