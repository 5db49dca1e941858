import { expect, fixture, html } from '@open-wc/testing';
import { SimulatedVoiceEngine } from '@yichuang/devices';
import type { HallClient } from '@yichuang/hall-client';
import { QueueFeed, type HallDisplay } from '@yichuang/queue';
import '@yichuang/queue/define.js';
import { describeOnEveryHall, serverHall, textOf, until, type TestHall } from './support.js';

async function display(client: HallClient, voice = new SimulatedVoiceEngine(), feed?: QueueFeed) {
  const element = await fixture<HallDisplay>(
    html`<yc-hall-display
      heading="一层大厅"
      .client=${client}
      .feed=${feed}
      .voice=${voice}
      .repeat=${1}
    ></yc-hall-display>`,
  );
  await until(() => element.controller?.feed.state.status === 'live');
  return element;
}

const spoken = (voice: SimulatedVoiceEngine) =>
  voice.played.filter((sound) => sound.kind === 'speech').map((sound) => sound.utterance!.text);

describeOnEveryHall('<yc-hall-display>', (hall) => {
  it('shows each call large, says it aloud once per call, and lists the calls before it', async () => {
    const [kiosk, clerk, clerk2] = [await hall.as('kiosk'), await hall.as('clerk'), await hall.as('clerk2')];
    const voice = new SimulatedVoiceEngine();
    const screen = await display(await hall.as('display'), voice);
    expect(textOf(screen)).to.contain('请留意叫号');
    const first = await kiosk.issueTicket({ category: 'A' });
    const second = await kiosk.issueTicket({ category: 'A' });
    const called = await clerk.callNext({ window: '01' });
    expect(called!.number).to.equal(first.number);
    await until(() => textOf(screen).includes(`请 ${first.number} 号到 1 号窗口办理`));
    await clerk2.callNext({ window: '02' });
    await until(() => textOf(screen).includes(`请 ${second.number} 号到 2 号窗口办理`));
    const latest = screen.shadowRoot!.querySelector('[part="latest"]')!;
    expect(latest.textContent).to.contain(second.number);
    expect(screen.shadowRoot!.querySelector('[part="recent"]')!.textContent).to.contain(first.number);
    await until(() => spoken(voice).length === 2);
    expect(spoken(voice)).to.deep.equal([
      `请 ${first.number} 号到 1 号窗口办理`,
      `请 ${second.number} 号到 2 号窗口办理`,
    ]);
    expect(voice.overlap).to.equal(1);
    // A recall is said again; nothing else is.
    await clerk.queueCommand({ command: 'recall', window: '01' });
    await until(() => spoken(voice).length === 3);
    expect(spoken(voice)[2]).to.equal(`请 ${first.number} 号到 1 号窗口办理`);
  });

  it('counts the people waiting per service as tickets are issued and called', async () => {
    const [kiosk, clerk] = [await hall.as('kiosk'), await hall.as('clerk')];
    const screen = await display(await hall.as('display'));
    const waitingOf = (category: string) =>
      screen.controller!.feed.state.waits.find((wait) => wait.category === category)?.waiting;
    expect(waitingOf('A')).to.equal(0);
    await kiosk.issueTicket({ category: 'A' });
    await kiosk.issueTicket({ category: 'A' });
    await kiosk.issueTicket({ category: 'B' });
    await until(() => waitingOf('A') === 2 && waitingOf('B') === 1);
    const row = () =>
      [...screen.shadowRoot!.querySelectorAll('[part="waits"] tbody tr')].map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()),
      );
    await until(() => row().some(([service, count]) => service!.includes('综合') && count === '2'));
    await clerk.callNext({ window: '01' });
    await until(() => waitingOf('A') === 1);
  });

  it('never shows a booking reference, a name or anything but numbers and windows', async () => {
    const [kiosk, clerk] = [await hall.as('kiosk'), await hall.as('clerk')];
    const screen = await display(await hall.as('display'));
    const ticket = await kiosk.issueTicket({ category: 'A', kind: 'appointment', appointmentRef: 'K7M2-9QXW' });
    await clerk.queueCommand({ command: 'call', window: '01', ticket: ticket.id });
    await until(() => textOf(screen).includes(ticket.number));
    expect(textOf(screen)).not.to.contain('K7M2');
    for (const held of screen.controller!.feed.state.tickets) expect(held).not.to.have.property('appointmentRef');
  });

  it('is accessible (axe)', async () => {
    const [kiosk, clerk] = [await hall.as('kiosk'), await hall.as('clerk')];
    const screen = await display(await hall.as('display'));
    await kiosk.issueTicket({ category: 'A' });
    await kiosk.issueTicket({ category: 'A' });
    await clerk.callNext({ window: '01' });
    await clerk.callNext({ window: '01' });
    await until(() => (screen.controller!.feed.state.calls.length ?? 0) >= 1);
    await expect(screen).to.be.accessible();
  });
});

describe('<yc-hall-display> while the hall cannot be reached', function () {
  this.timeout(60_000);
  let hall: TestHall;
  beforeEach(async () => {
    hall = await serverHall();
  });
  afterEach(async () => {
    await hall.dispose();
  });

  it('keeps the last picture, says since when, and catches up with the calls it missed', async () => {
    const kiosk = await hall.as('kiosk', { direct: true });
    const clerk = await hall.as('clerk', { direct: true });
    const voice = new SimulatedVoiceEngine();
    const feed = new QueueFeed(await hall.as('display'), { healthEveryMs: 200 });
    const screen = await display(await hall.as('display'), voice, feed);
    const first = await kiosk.issueTicket({ category: 'A' });
    const second = await kiosk.issueTicket({ category: 'A' });
    await clerk.callNext({ window: '01' });
    await until(() => textOf(screen).includes(first.number));
    await hall.cut!();
    await until(() => feed.state.status === 'reconnecting');
    const status = () => screen.shadowRoot!.querySelector('[part="status"]')?.textContent ?? '';
    await until(() => status().includes('正在重新连接'));
    // The last picture stays.
    expect(screen.shadowRoot!.querySelector('[part="latest"]')!.textContent).to.contain(first.number);
    // The hall goes on without the screen.
    await clerk.callNext({ window: '01' });
    await hall.restore!();
    await until(() => feed.state.status === 'live' && textOf(screen).includes(`请 ${second.number} 号`), 20_000);
    expect(status()).to.equal('');
    // The call it missed is said once it is back, and nothing twice.
    await until(() => spoken(voice).length === 2);
    expect(spoken(voice)).to.deep.equal([
      `请 ${first.number} 号到 1 号窗口办理`,
      `请 ${second.number} 号到 1 号窗口办理`,
    ]);
    feed.stop();
  });
});
