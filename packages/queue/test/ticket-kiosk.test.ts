import { expect, fixture, html } from '@open-wc/testing';
import { SimulatedIdCardReader, SimulatedTicketPrinter } from '@yichuang/devices';
import type { HallClient } from '@yichuang/hall-client';
import type { TicketKiosk } from '@yichuang/queue';
import '@yichuang/queue/define.js';
import { residentIdCheck } from '../../hall-client/test/support/fixtures.js';
import { describeOnEveryHall, serverHall, textOf, until } from './support.js';

async function kiosk(
  client: HallClient,
  options: { printer?: SimulatedTicketPrinter; reader?: SimulatedIdCardReader } = {},
) {
  const element = await fixture<TicketKiosk>(
    html`<yc-ticket-kiosk
      hall-name="高新区政务服务中心"
      status-url="https://hall.example.cn/queue/status?ticket={id}"
      .client=${client}
      .printer=${options.printer}
      .idReader=${options.reader}
    ></yc-ticket-kiosk>`,
  );
  await until(() => element.controller?.feed.state.status === 'live');
  await element.updateComplete;
  return element;
}

const services = (element: TicketKiosk) => [
  ...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="service"]'),
];
const serviceNamed = (element: TicketKiosk, name: string) =>
  services(element).find((button) => button.textContent!.includes(name))!;

/** A card of someone born on that day (a valid resident identity number). */
function card(birth: string) {
  const first17 = `120101${birth.replaceAll('-', '')}123`;
  return { name: '测试', sex: 'female' as const, birthDate: birth, idNumber: `${first17}${residentIdCheck(first17)}` };
}

describeOnEveryHall('<yc-ticket-kiosk>', (hall) => {
  it('issues a ticket for a service with the people ahead, shows it and prints it without personal data', async () => {
    const client = await hall.as('kiosk');
    await client.issueTicket({ category: 'A' });
    await client.issueTicket({ category: 'A' });
    const printer = new SimulatedTicketPrinter();
    const screen = await kiosk(client, { printer });
    await until(() => serviceNamed(screen, '综合')?.textContent!.includes('2 人等候'));
    serviceNamed(screen, '综合').click();
    await until(() => screen.controller!.state.step === 'issued');
    await until(() => printer.printed.length === 1);
    const ticket = screen.shadowRoot!.querySelector('[part="ticket"]')!;
    expect(ticket.textContent).to.contain('A003');
    expect(ticket.textContent).to.contain('前面还有 2 人');
    const printed = printer.printed[0]!;
    expect(printed).to.include({ number: 'A003', peopleAhead: 2, hallName: '高新区政务服务中心' });
    expect(printed.statusUrl).to.match(/^https:\/\/hall\.example\.cn\/queue\/status\?ticket=[0-9A-Z]{26}$/);
    await until(() => textOf(screen).includes('请取走号票'));
    await expect(screen).to.be.accessible();
    // The next person starts afresh.
    screen.shadowRoot!.querySelector<HTMLButtonElement>('.row button.primary')!.click();
    await until(() => services(screen).length > 0);
  });

  it('issues a priority ticket when asked, and offers it to an elderly card holder without keeping the card', async () => {
    const client = await hall.as('kiosk');
    const reader = new SimulatedIdCardReader({ cards: [card('1950-03-07'), card('1990-03-07'), 'unreadable'] });
    const screen = await kiosk(client, { reader });
    const readButton = () =>
      [...screen.shadowRoot!.querySelectorAll<HTMLButtonElement>('.row button')].find((button) =>
        button.textContent!.includes('刷身份证'),
      )!;
    readButton().click();
    await until(() => textOf(screen).includes('已确认年满 60 周岁'));
    expect(screen.shadowRoot!.querySelector<HTMLInputElement>('.priority input')!.checked).to.equal(true);
    expect(JSON.stringify(screen.controller!.state)).not.to.contain('120101');
    serviceNamed(screen, '综合').click();
    await until(() => screen.controller!.state.step === 'issued');
    expect(screen.controller!.state.issued!.ticket.kind).to.equal('priority');
    screen.controller!.reset();
    await screen.updateComplete;
    // A younger holder: no priority offered; an unreadable card: said so.
    readButton().click();
    await until(() => textOf(screen).includes('未满 60 周岁'));
    expect(screen.shadowRoot!.querySelector<HTMLInputElement>('.priority input')!.checked).to.equal(false);
    readButton().click();
    await until(() => textOf(screen).includes('证件无法识别'));
  });

  it('checks an appointment in by its code, and refuses a malformed code with the hall’s reason', async () => {
    const client = await hall.as('kiosk');
    const screen = await kiosk(client);
    const open = () =>
      [...screen.shadowRoot!.querySelectorAll<HTMLButtonElement>('.row button')]
        .find((button) => button.textContent!.includes('我有预约'))!
        .click();
    open();
    await screen.updateComplete;
    const input = screen.shadowRoot!.querySelector<HTMLInputElement>('input[name="code"]')!;
    input.value = 'k7m2-9qxw';
    screen.shadowRoot!.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
    await until(() => screen.controller!.state.step === 'issued');
    expect(screen.controller!.state.issued!.ticket.kind).to.equal('appointment');
    expect(textOf(screen)).not.to.contain('K7M2');
    screen.controller!.reset();
    screen.controller!.showAppointment(true);
    await screen.updateComplete;
    screen.shadowRoot!.querySelector<HTMLInputElement>('input[name="code"]')!.value = '13800138000';
    screen.shadowRoot!.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
    await until(() => screen.controller!.state.step === 'error');
    expect(screen.shadowRoot!.querySelector('[part="error"]')!.textContent).to.contain('预约号应为');
  });

  it('tells the expected wait of a service once it has served someone today', async () => {
    const [issuer, clerk] = [await hall.as('kiosk'), await hall.as('clerk3')];
    const element = await kiosk(await hall.as('kiosk'));
    await issuer.issueTicket({ category: 'B' });
    await issuer.issueTicket({ category: 'B' });
    await until(() => serviceNamed(element, '企业服务').textContent!.includes('2 人等候'));
    // Nothing served yet today: no estimate, only the people waiting.
    expect(serviceNamed(element, '企业服务').textContent).not.to.contain('分钟');
    await clerk.callNext({ window: '03' });
    await clerk.queueCommand({ command: 'finish', window: '03' });
    await element.controller!.feed.refresh();
    await until(() => /1 人等候，约 \d+ 分钟/.test(serviceNamed(element, '企业服务').textContent!));
  });

  it('tells the applicant when the printer has no paper, and keeps the number on screen', async () => {
    const client = await hall.as('kiosk');
    const printer = new SimulatedTicketPrinter();
    printer.failWith('paper-out');
    const screen = await kiosk(client, { printer });
    services(screen)[0]!.click();
    await until(() => textOf(screen).includes('打印纸用完了'));
    expect(textOf(screen)).to.contain(screen.controller!.state.issued!.ticket.number);
  });
});

describe('<yc-ticket-kiosk> while the hall cannot be reached', function () {
  this.timeout(60_000);
  it('issues nothing and says so in the applicant’s words', async () => {
    const hall = await serverHall();
    try {
      const screen = await kiosk(await hall.as('kiosk'));
      await hall.cut!();
      await screen.controller!.issue('A');
      await screen.updateComplete;
      expect(screen.shadowRoot!.querySelector('[part="error"]')!.textContent).to.contain('暂时连接不上大厅服务器');
      await hall.restore!();
    } finally {
      await hall.dispose();
    }
  });
});
