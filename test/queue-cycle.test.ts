// A hall's day through the five elements at once, on both halls: the hall inside this browser (each element a tab of
// its own on one database, as in a one-PC hall) and a real hall server. A kiosk issues, the clerk calls from the
// keyboard, the display shows the call, the clerk finishes, the window's pad takes the rating, the manager's board
// counts it all, live.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@yichuang/queue/define.js';
import '@yichuang/evaluation/define.js';
import { SimulatedVoiceEngine } from '@yichuang/devices';
import type { RatingPad } from '@yichuang/evaluation';
import type { HallDisplay, QueueBoard, QueueCaller, TicketKiosk } from '@yichuang/queue';
import { describeOnEveryHall, textOf, until } from '../packages/queue/test/support.js';

const inside = (element: Element, selector: string) => element.shadowRoot!.querySelector<HTMLElement>(selector);

async function press(code: string): Promise<void> {
  await sendKeys({ down: 'Alt' });
  await sendKeys({ press: code });
  await sendKeys({ up: 'Alt' });
}

describeOnEveryHall('kiosk → caller → display → rating pad → board', (hall) => {
  it('takes one ticket through the day, every screen live', async () => {
    const [kioskClient, clerk, display, pad, manager] = [
      await hall.as('kiosk'),
      await hall.as('clerk'),
      await hall.as('display'),
      await hall.as('pad'),
      await hall.as('manager'),
    ];
    const host = await fixture<HTMLDivElement>(
      html`<div style="width: 1366px">
        <yc-ticket-kiosk .client=${kioskClient}></yc-ticket-kiosk>
        <yc-queue-caller .client=${clerk} window="01" global-shortcuts></yc-queue-caller>
        <yc-hall-display .client=${display} .voice=${new SimulatedVoiceEngine()} muted></yc-hall-display>
        <yc-rating-pad .client=${pad} window="01"></yc-rating-pad>
        <yc-queue-board .client=${manager}></yc-queue-board>
      </div>`,
    );
    const kiosk = host.querySelector<TicketKiosk>('yc-ticket-kiosk')!;
    const caller = host.querySelector<QueueCaller>('yc-queue-caller')!;
    const screen = host.querySelector<HallDisplay>('yc-hall-display')!;
    const ratingPad = host.querySelector<RatingPad>('yc-rating-pad')!;
    const board = host.querySelector<QueueBoard>('yc-queue-board')!;
    await until(() => board.controller?.state.status === 'live');
    await until(() => inside(kiosk, '[part="service"]') !== null);

    // The kiosk: a ticket for 综合业务.
    const service = [...kiosk.shadowRoot!.querySelectorAll<HTMLElement>('[part="service"]')].find((button) =>
      button.textContent!.includes('综合业务'),
    )!;
    service.click();
    await until(() => /^A\d{3}$/.test(inside(kiosk, '[part="ticket"] .number')?.textContent?.trim() ?? ''));
    const number = inside(kiosk, '[part="ticket"] .number')!.textContent!.trim();

    // The clerk calls from the keyboard; the display and the board show it.
    await until(() => inside(caller, '[data-action="next"]:not([disabled])') !== null);
    inside(caller, '[data-action="next"]')!.focus();
    await press('KeyN');
    await until(() => inside(caller, '[part="current"]')!.textContent!.includes(number));
    await until(() => textOf(screen).includes(`请 ${number} 号到 1 号窗口办理`));
    await until(() => textOf(board).includes(`办理中：${number}`));

    // Finished: the pad invites a rating for that number, the applicant gives 非常满意.
    await press('KeyF');
    await until(() => (inside(ratingPad, '[part~="ticket"]')?.textContent ?? '').includes(number));
    const grade = [...ratingPad.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="grade"]')].find(
      (input) => input.closest('label')!.textContent!.trim() === '非常满意',
    )!;
    grade.click();
    inside(ratingPad, '[part~="submit"]')!.click();

    // The board counts it all, without a reload.
    await until(() => board.controller!.state.report!.ratings.total === 1);
    const report = board.controller!.state.report!;
    expect(report.totals).to.deep.include({ issued: 1, waiting: 0, served: 1 });
    expect(report.windows.find((window) => window.code === '01')).to.deep.include({ served: 1, ratings: 1 });
    expect(report.ratings.satisfiedShare).to.equal(1);
    await until(() => inside(board, '[part="summary"]')!.textContent!.replace(/\s+/g, ' ').includes('满意率 100%'));
  });
});
