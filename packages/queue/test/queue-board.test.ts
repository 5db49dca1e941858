import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { HallClient } from '@yichuang/hall-client';
import { QueueBoardController, queueReportCsv, type QueueBoard, type ReportExportDetail } from '@yichuang/queue';
import '@yichuang/queue/define.js';
import { describeOnEveryHall, freshLocalHall, serverHall, textOf, until } from './support.js';

async function board(client: HallClient, alertMinutes = 30) {
  const element = await fixture<QueueBoard>(
    html`<yc-queue-board
      heading="一层大厅"
      .client=${client}
      wait-alert-minutes=${alertMinutes}
      style="width: 1200px"
    ></yc-queue-board>`,
  );
  await until(() => element.controller?.state.status === 'live');
  return element;
}

/** The text of a row of the windows' or the services' table, found by the name it starts with. */
const rowOf = (element: QueueBoard, part: 'windows' | 'services', name: string) =>
  [...element.shadowRoot!.querySelectorAll(`[part="${part}"] tbody tr`)]
    .map((row) => row.textContent!.replace(/\s+/g, ' ').trim())
    .find((text) => text.startsWith(name));
/** Demo window names. */
const W01 = '综合受理1号窗口';
const W04 = '不动产登记窗口';

describeOnEveryHall('<yc-queue-board>', (hall) => {
  it('follows the hall live: waiting, serving, paused and served, without a reload', async () => {
    const [kiosk, clerk] = [await hall.as('kiosk'), await hall.as('clerk')];
    const element = await board(await hall.as('manager'));
    expect(rowOf(element, 'windows', W01)).to.contain('空闲');
    // No account staffs window 04 in the demo hall.
    expect(rowOf(element, 'windows', W04)).to.contain('未开窗');

    const first = await kiosk.issueTicket({ category: 'A' });
    await kiosk.issueTicket({ category: 'A' });
    await until(
      () => element.controller!.state.report!.byCategory.find((line) => line.category === 'A')!.waiting === 2,
    );
    await clerk.callNext({ window: '01' });
    await until(() => rowOf(element, 'windows', W01)!.includes(`办理中：${first.number}`));
    await clerk.queueCommand({ command: 'finish', window: '01' });
    await clerk.queueCommand({ command: 'pause', window: '01', reason: 'break' });
    await until(() => rowOf(element, 'windows', W01)!.includes('暂停：休息'));
    const report = element.controller!.state.report!;
    expect(report.totals).to.deep.include({ issued: 2, waiting: 1, served: 1 });
    expect(rowOf(element, 'windows', W01)).to.match(/ 1 /);
    const summary = element.shadowRoot!.querySelector('[part="summary"]')!.textContent!.replace(/\s+/g, ' ');
    expect(summary).to.contain('等候 1').and.contain('办结 1');
    // Numbers and windows only: the board shows no booking reference, no name.
    expect(textOf(element)).not.to.match(/[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}/);
  });

  it('exports the daily report as CSV with a byte-order mark, and prints it', async () => {
    const [kiosk, clerk] = [await hall.as('kiosk'), await hall.as('clerk')];
    await kiosk.issueTicket({ category: 'A' });
    await clerk.callNext({ window: '01' });
    await clerk.queueCommand({ command: 'finish', window: '01' });
    const element = await board(await hall.as('manager'));
    const exported = new Promise<ReportExportDetail>((resolve) =>
      element.addEventListener('yc-report-export', (event) => {
        event.preventDefault();
        resolve(event.detail);
      }),
    );
    const buttons = [...element.shadowRoot!.querySelectorAll('button')];
    const csvButton = buttons.find((button) => button.textContent!.includes('CSV'))!;
    csvButton.focus();
    await sendKeys({ press: 'Enter' });
    const { filename, csv } = await exported;
    const day = element.controller!.state.report!.day;
    expect(filename).to.equal(`queue-report-${day}.csv`);
    expect(csv.charCodeAt(0)).to.equal(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).to.match(new RegExp(`^大厅运行看板,${day},`));
    expect(lines).to.include('业务,取号,等候,办结,过号,过号率,平均等候,平均办理,最长等候');
    expect(lines[1]).to.equal('时长单位：分钟。');
    expect(lines.find((line) => line.startsWith('合计,'))).to.match(/^合计,1,0,1,0,0\.0%,/);
    expect(lines.find((line) => line.startsWith(`${W01},空闲,1,`))).to.be.a('string');

    let printed = 0;
    const print = window.print;
    window.print = () => void (printed += 1);
    try {
      buttons.find((button) => button.textContent!.includes('打印'))!.click();
    } finally {
      window.print = print;
    }
    expect(printed).to.equal(1);
  });

  it('is refused to anyone but a manager, and says so', async () => {
    const element = await fixture<QueueBoard>(
      html`<yc-queue-board .client=${await hall.as('clerk')}></yc-queue-board>`,
    );
    await until(() => element.controller?.state.status === 'failed');
    expect(element.shadowRoot!.querySelector('[part="status"]')!.textContent).to.contain('拒绝');
  });
});

describe('<yc-queue-board> alerts', function () {
  this.timeout(60_000);
  it('raises a service in which someone has waited past the threshold, and drops it once they are called', async () => {
    let now = Date.parse('2026-12-04T09:00:00+08:00');
    const hall = await freshLocalHall({ now: () => now });
    try {
      const [kiosk, clerk, manager] = [await hall.as('kiosk'), await hall.as('clerk'), await hall.as('manager')];
      await kiosk.issueTicket({ category: 'A' });
      now += 20 * 60_000;
      await kiosk.issueTicket({ category: 'A' });
      now += 21 * 60_000;
      const element = await board(manager, 30);
      const alerts = () => element.shadowRoot!.querySelector('[part="alerts"]')!.textContent!.replace(/\s+/g, ' ');
      expect(alerts()).to.contain('已有人等候 41 分钟，超过 30 分钟（2 人等候）');
      expect(element.shadowRoot!.querySelector('[part="alerts"] [role="alert"]')).not.to.equal(null);
      // The row of the service is marked too, in words as well as colour (the alert above).
      expect(element.shadowRoot!.querySelector('[part="services"] tr.over')).not.to.equal(null);

      // A higher threshold clears it at once; calling the one waiting longest clears it for good.
      element.waitAlertMinutes = 45;
      await element.updateComplete;
      expect(alerts()).to.contain('没有等候超过 45 分钟的业务');
      element.waitAlertMinutes = 30;
      await element.updateComplete;
      await clerk.callNext({ window: '01' });
      await until(() => alerts().includes('没有等候超过 30 分钟的业务'));

      // The waiting line through the day: the chart names its points for a screen reader.
      const chart = element.shadowRoot!.querySelector('[part="charts"] svg[role="img"]')!;
      expect(chart.getAttribute('aria-label')).to.contain('09:00 1').and.contain('09:30 2');
    } finally {
      await hall.dispose();
    }
  });
});

describe('<yc-queue-board> while the hall is away', function () {
  this.timeout(60_000);
  it('keeps the last report on screen, marked, and is live again when the hall answers', async () => {
    const hall = await serverHall();
    try {
      const manager = await hall.as('manager');
      const element = await board(manager);
      await (await hall.as('kiosk')).issueTicket({ category: 'B' });
      await until(() => element.controller!.state.report!.totals.issued === 1);
      await hall.cut!();
      await element.controller!.refresh();
      expect(element.controller!.state.status).to.equal('reconnecting');
      expect(element.shadowRoot!.querySelector('[part="status"]')!.textContent).to.contain('暂时连接不上');
      expect(rowOf(element, 'services', '企业服务')).to.match(/^企业服务 1 /);
      expect(element.controller!.state.report!.totals.issued).to.equal(1);
      await hall.restore!();
      await element.controller!.refresh();
      expect(element.controller!.state.status).to.equal('live');
    } finally {
      await hall.dispose();
    }
  });
});

describe('queueReportCsv', function () {
  this.timeout(60_000);
  it('defuses a name that a spreadsheet would run as a formula, and quotes commas', async () => {
    const hall = await freshLocalHall();
    try {
      const report = await (await hall.as('manager')).queueReport();
      const tampered = {
        ...report,
        windows: [
          { ...report.windows[0]!, name: '=HYPERLINK("x")' },
          { ...report.windows[1]!, name: 'A, B' },
        ],
      };
      const csv = queueReportCsv(tampered, 'en-US');
      expect(csv).to.contain(`"'=HYPERLINK(""x"")",`);
      expect(csv).to.contain('"A, B",');
      expect(csv.split('\r\n')[0]).to.match(/^\uFEFFHall board,/);
    } finally {
      await hall.dispose();
    }
  });

  it('asks the hall once more, not once per event, when a burst of calls comes in', async () => {
    const hall = await freshLocalHall();
    try {
      const manager = await hall.as('manager');
      let asked = 0;
      const counting = new Proxy(manager, {
        get(target, key) {
          if (key === 'queueReport') return (day?: string) => ((asked += 1), target.queueReport(day));
          const value = Reflect.get(target, key) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const controller = new QueueBoardController(counting, { settleMs: 100 });
      await controller.start();
      const kiosk = await hall.as('kiosk');
      for (let i = 0; i < 10; i++) await kiosk.issueTicket({ category: 'A' });
      await until(() => controller.state.report!.totals.issued === 10);
      controller.stop();
      expect(asked).to.be.within(2, 4);
    } finally {
      await hall.dispose();
    }
  });
});
