import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { firstValueFrom } from 'rxjs';
import '@yichuang/remote-intake/define.js';
import { SimulatedDocumentPrinter } from '@yichuang/devices';
import type { WorkstationStore } from '@yichuang/store';
import { bestPeer, type RemoteIntake } from '@yichuang/remote-intake';
import { REMOTE_ITEM, SHENZHEN, memoryRemoteHall, receivedCase } from '../../../stories/support/remote-scenes.js';
import { until } from '../../queue/test/support.js';
import { Stores } from '../../store/test/support/fixtures.js';

const NOW = new Date('2026-12-07T02:00:00Z');
const shadow = (el: RemoteIntake) => el.shadowRoot!;
const part = (el: RemoteIntake, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (el: RemoteIntake, label: string) =>
  [...shadow(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label);
const eventually = (check: () => boolean) => until(check, 10_000);

async function choose(el: RemoteIntake, name: string, value: string): Promise<void> {
  const select = shadow(el).querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
  expect(select, name).to.not.equal(null);
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

async function type(el: RemoteIntake, name: string, value: string): Promise<void> {
  const input = shadow(el).querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
}

async function click(el: RemoteIntake, label: string): Promise<void> {
  const found = button(el, label);
  expect(found, label).to.not.equal(undefined);
  found!.click();
  await el.updateComplete;
}

/** Chooses 广东省 → 深圳市 → 南山区: the enrolled hall of Shenzhen Nanshan comes with it, and its catalog. */
async function chooseShenzhen(el: RemoteIntake): Promise<void> {
  await eventually(() => (el.state?.peers.length ?? 0) > 0);
  await choose(el, 'province', '440000');
  await eventually(() => shadow(el).querySelector('select[name="city"] option[value="440300"]') !== null);
  await choose(el, 'city', '440300');
  await eventually(() => shadow(el).querySelector('select[name="county"] option[value="440305"]') !== null);
  await choose(el, 'county', '440305');
  await eventually(() => el.state?.catalog !== undefined);
  await el.updateComplete;
}

describe('<yc-remote-intake>', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  async function mounted(store: WorkstationStore, hall = memoryRemoteHall().hall): Promise<RemoteIntake> {
    const el = await fixture<RemoteIntake>(
      html`<yc-remote-intake
        .store=${store}
        .client=${hall}
        .now=${() => NOW}
        .printer=${new SimulatedDocumentPrinter()}
        hall="TJHP01"
        hall-name="和平区政务服务中心"
        window="01"
        clerk="clerk01"
        clerk-name="王晓雨"
        status-base="https://hall.example.gov.cn/status/"
      ></yc-remote-intake>`,
    );
    await eventually(() => el.state !== undefined);
    return el;
  }

  it('picks the deciding region province → city → county, and the enrolled hall of that region with its catalog', async () => {
    const store = await stores.open();
    const el = await mounted(store);
    await chooseShenzhen(el);
    expect(el.state?.form.peer).to.equal('GDNS01');
    expect(text(part(el, 'collect'))).to.contain('深圳市南山区政务服务中心（广东省深圳市南山区）');
    // A region with no enrolled hall says so.
    await choose(el, 'province', '650000');
    await eventually(() => el.state?.form.peer === '');
    expect(text(part(el, 'collect'))).to.contain('该地区没有已登记的对接大厅');
    expect(bestPeer([SHENZHEN], '440000')?.hall).to.equal('GDNS01');
    expect(bestPeer([SHENZHEN], '110000')).to.equal(undefined);
  });

  it('collects: refuses a required material without its scan, then saves the package and shows the receipt', async () => {
    const store = await stores.open();
    const printer = new SimulatedDocumentPrinter();
    const el = await mounted(store);
    el.printer = printer;
    await chooseShenzhen(el);
    await type(el, 'authority', '深圳市南山区人力资源局');
    await choose(el, 'itemId', REMOTE_ITEM.id);
    await type(el, 'name', '陈晓明');
    await type(el, 'idNumber', '11010519491231002X');
    const required = REMOTE_ITEM.materials.filter((m) => m.necessity === 'required');
    // All but the last required material scanned.
    for (const material of required.slice(0, -1)) {
      await el.controller!.addScan(material.id, new Blob([`scan of ${material.id}`], { type: 'image/jpeg' }));
    }
    await el.updateComplete;
    expect(text(part(el, 'materials'))).to.contain('已扫描 1 页');
    await click(el, '收件并转办');
    await eventually(() => el.state?.error !== undefined);
    expect(text(part(el, 'error'))).to.contain(`缺少必要材料的扫描件：${required.at(-1)!.name}`);
    expect(await firstValueFrom(store.remotePackages$())).to.have.length(0);

    await el.controller!.addScan(required.at(-1)!.id, new Blob(['last scan'], { type: 'image/jpeg' }));
    await click(el, '收件并转办');
    await eventually(() => el.state?.view === 'receipt');
    await el.updateComplete;
    const receipt = part(el, 'receipt')!;
    const number = el.state!.receipt!.package.number;
    expect(number).to.match(/^TJHP01-\d{8}-01-0001$/);
    expect(text(receipt)).to.contain('跨省通办代收凭证');
    expect(text(receipt)).to.contain(number);
    expect(text(receipt)).to.contain('广东省深圳市南山区深圳市南山区人力资源局');
    expect(receipt.querySelector('svg')).to.not.equal(null);
    expect(text(receipt)).not.to.contain('11010519491231002X');
    await click(el, '打印代收凭证');
    await eventually(() => printer.jobs.length === 1);
    expect(printer.jobs[0]![0]!.document.caseNumber).to.equal(number);

    const [saved] = await firstValueFrom(store.remotePackages$());
    expect(saved!.synced).to.equal(false);
    expect(saved!.package.target).to.deep.equal({
      hall: 'GDNS01',
      region: '440305',
      authority: '深圳市南山区人力资源局',
    });
    expect(saved!.package.materials.map((m) => m.materialId)).to.deep.equal(required.map((m) => m.id));
    // The ledger shows it on this PC, waiting to go.
    await click(el, '转办台账');
    await eventually(() => text(part(el, 'ledger')).includes(number));
    expect(text(part(el, 'ledger'))).to.contain('已收件待转出（本机待上传）');
  });

  it('collects with the hall away, from the catalog this PC kept', async () => {
    const store = await stores.open();
    const memory = memoryRemoteHall();
    const first = await mounted(store, memory.hall);
    await chooseShenzhen(first);
    first.remove();
    memory.state.down = true;
    const el = await mounted(store, memory.hall);
    await eventually(() => el.state?.source === 'local' && el.state.peers.length === 1);
    await el.updateComplete;
    expect(text(part(el, 'base'))).to.contain('大厅服务器暂时连不上');
    await chooseShenzhen(el);
    expect(el.state?.catalog?.version).to.equal(SHENZHEN.catalogVersion);
  });

  it('guides an item served fully online to the national platform, saving nothing', async () => {
    const store = await stores.open();
    const el = await mounted(store);
    const online = shadow(el).querySelector<HTMLInputElement>('input[name="mode"][value="online"]')!;
    online.click();
    await el.updateComplete;
    expect(text(part(el, 'collect'))).to.contain('https://www.gjzwfw.gov.cn/');
    await click(el, '告知全程网办');
    await eventually(() => el.state?.done !== undefined);
    expect(await firstValueFrom(store.remotePackages$())).to.have.length(0);
  });

  it('the deciding side accepts, decides with the result, and returns a received case; a refusal says why', async () => {
    const store = await stores.open();
    const memory = memoryRemoteHall({
      incoming: [
        receivedCase('01KQ4000000000000000000001', 'received'),
        receivedCase('01KQ4000000000000000000002', 'received', '李红'),
      ],
    });
    const el = await mounted(store, memory.hall);
    await click(el, '收到的异地件');
    await eventually(() => text(part(el, 'incoming')).includes('周建华'));
    const row = (id: string) => shadow(el).querySelector<HTMLElement>(`li[data-case="${id}"]`)!;
    const act = async (id: string, label: string) => {
      const found = [...row(id).querySelectorAll('button')].find((b) => text(b) === label)!;
      found.click();
      await el.updateComplete;
    };
    await act('01KQ4000000000000000000002', '不予受理');
    await eventually(() => el.state?.error !== undefined);
    expect(text(part(el, 'error'))).to.contain('不予受理时应写明理由');

    await act('01KQ4000000000000000000001', '受理');
    await eventually(() => el.state?.incoming.find((c) => c.id === '01KQ4000000000000000000001')?.state === 'accepted');
    await el.updateComplete;
    const input = row('01KQ4000000000000000000001').querySelector<HTMLInputElement>('input[name="resultName"]')!;
    input.value = '社会保障卡';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    await act('01KQ4000000000000000000001', '办结');
    await eventually(() => el.state?.incoming.find((c) => c.id === '01KQ4000000000000000000001')?.state === 'decided');
    await el.updateComplete;
    await act('01KQ4000000000000000000001', '寄回结果');
    await eventually(() => el.state?.incoming.find((c) => c.id === '01KQ4000000000000000000001')?.state === 'returned');
    expect(memory.state.decisions.map((d) => d.decision.to)).to.deep.equal(['accepted', 'decided', 'returned']);
    expect(memory.state.decisions[1]!.decision.result?.name).to.equal('社会保障卡');
  });

  it('moves between its tabs with the arrow keys', async () => {
    const store = await stores.open();
    const el = await mounted(store);
    shadow(el).querySelector<HTMLElement>('[role="tab"][data-view="collect"]')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await eventually(() => el.state?.view === 'ledger');
    await sendKeys({ press: 'End' });
    await eventually(() => el.state?.view === 'incoming');
    await el.updateComplete;
    expect(shadow(el).activeElement?.getAttribute('data-view')).to.equal('incoming');
  });
});
