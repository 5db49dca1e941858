import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@yichuang/results/define.js';
import type { Case } from '@yichuang/core';
import { demoCatalog } from '@yichuang/demo-catalog';
import { SimulatedSignaturePad } from '@yichuang/devices';
import type { HallClient } from '@yichuang/hall-client';
import type { WorkstationStore } from '@yichuang/store';
import type { HandoverHall, ResultHandedOverEvent, ResultHandover } from '@yichuang/results';
import { makeCase, nextCase, saveCase } from '../../hall-client/test/support/fixtures.js';
import { switchable } from '../../hall-client/test/support/switchable.js';
import { describeOnEveryHall, until } from '../../queue/test/support.js';
import { Engines, FAST_SYNC, SECRET, Stores } from '../../store/test/support/fixtures.js';

const APPLICANT_ID = '120101198506201519';
const RESULT = {
  outcome: 'granted' as const,
  name: '参保登记确认',
  documentNumber: '和人社〔2026〕7号',
  department: '和平区人力资源和社会保障局',
};
const POSTAL = demoCatalog.items.find((item) => item.postal && item.materials.some((m) => m.necessity === 'required'))!;

const shadow = (el: ResultHandover) => el.shadowRoot!;
const part = (el: ResultHandover, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const rows = (el: ResultHandover) => [...shadow(el).querySelectorAll<HTMLTableRowElement>('tr[part~="row"]')];
const cells = (row: HTMLTableRowElement) => [...row.cells].map((cell) => text(cell));
const button = (el: ResultHandover, label: string) =>
  [...shadow(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label)!;
const field = (el: ResultHandover, name: string) =>
  shadow(el).querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
const focused = (el: ResultHandover) => shadow(el).activeElement as HTMLElement | null;
const eventually = (check: () => boolean) => until(check, 10_000);

async function type(el: ResultHandover, name: string, value: string): Promise<void> {
  const input = field(el, name);
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
}

describeOnEveryHall('<yc-result-handover>', (hall) => {
  const stores = new Stores();
  const engines = new Engines(FAST_SYNC);
  afterEach(async () => {
    await engines.cleanup();
    await stores.cleanup();
  });

  /** A case of window 01 forwarded, its result recorded by the hall: ready to hand over. */
  async function readyOnHall(clerk: HallClient, patch: Partial<Case> = {}): Promise<Case> {
    const value = makeCase(patch);
    expect((await clerk.sync([saveCase(value)]))[0]?.status).to.equal('applied');
    expect((await clerk.sync([saveCase(nextCase(value), undefined, { version: 1 })]))[0]?.status).to.equal('applied');
    const decidedAt = new Date(Date.now() - 60_000).toISOString();
    expect((await clerk.recordResult(value.id, { result: { ...RESULT, decidedAt } })).status).to.equal('result-ready');
    return value;
  }

  async function storeOf(user = 'clerk01'): Promise<WorkstationStore> {
    const store = await stores.open({ unlock: false });
    await store.unlock(user, SECRET);
    return store;
  }

  async function mounted(client: HandoverHall, store: WorkstationStore, pad?: SimulatedSignaturePad) {
    const el = await fixture<ResultHandover>(
      html`<yc-result-handover
        .client=${client}
        .store=${store}
        .catalog=${demoCatalog}
        .signaturePad=${pad}
      ></yc-result-handover>`,
    );
    await eventually(() => el.state?.status === 'ready');
    await el.updateComplete;
    return el;
  }

  async function openRow(el: ResultHandover, value: Case): Promise<void> {
    rows(el)
      .find((r) => r.dataset.case === value.id)!
      .querySelector('button')!
      .click();
    await eventually(() => el.state?.current?.id === value.id);
    await el.updateComplete;
  }

  async function synced(store: WorkstationStore, client: HallClient, id: string): Promise<Case | undefined> {
    const report = await engines.make(store, client).syncNow();
    expect(report, JSON.stringify(report)).to.include({ parked: 0, remaining: 0 });
    return client.getCase(id);
  }

  it('lists the window’s results to hand over with their result and way, and is accessible', async () => {
    const clerk = await hall.as('clerk');
    const value = await readyOnHall(clerk);
    const el = await mounted(clerk, await storeOf());
    expect(cells(rows(el)[0]!).slice(0, 5)).to.deep.equal([
      value.number,
      '01 号',
      demoCatalog.items.find((i) => i.id === value.items[0]!.itemId)!.name,
      '准予：参保登记确认',
      '窗口领取',
    ]);
    expect(text(part(el, 'summary'))).to.equal('待出件 1 件（窗口领取 1 件，邮寄 0 件）');
    await expect(el).to.be.accessible();
  });

  it('hands the result over to the applicant whose document matches, signed on paper; a wrong document is refused', async () => {
    const clerk = await hall.as('clerk');
    const value = await readyOnHall(clerk);
    const store = await storeOf();
    const el = await mounted(clerk, store);
    const handed: ResultHandedOverEvent[] = [];
    el.addEventListener('yc-result-handed-over', (event) => handed.push(event));
    rows(el)[0]!.querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await eventually(() => el.state?.current?.id === value.id);
    await el.updateComplete;
    expect(focused(el)?.tagName).to.equal('H3');
    await expect(el).to.be.accessible();

    await type(el, 'presentedId', '120101199003074413');
    button(el, '核验并交付').click();
    await eventually(() => el.state?.error !== undefined);
    expect(el.state?.error?.message).to.equal('领取人出示的证件与本办件的申请人或代理人不符，不能交付结果。');
    expect(await store.db.outbox.count()).to.equal(0);
    await eventually(() => focused(el)?.getAttribute('part') === 'error');

    await type(el, 'presentedId', APPLICANT_ID);
    button(el, '核验并交付').click();
    await eventually(() => focused(el)?.getAttribute('part') === 'done');
    expect(text(part(el, 'done'))).to.equal(`✓ 已交付：${value.number}。办件状态：已送达。`);
    expect(handed.map((e) => e.detail)).to.deep.equal([{ caseId: value.id, number: value.number, way: 'window' }]);

    const stored = await synced(store, clerk, value.id);
    expect(stored?.status).to.equal('delivered');
    expect(stored?.handover).to.deep.include({ way: 'window', receiver: 'applicant', signature: 'paper' });
    expect(JSON.stringify(stored?.handover)).not.to.contain(APPLICANT_ID);
    await el.controller!.load();
    expect(el.state?.rows).to.have.length(0);
  });

  it('takes a signature on the pad before handing over, and keeps its image with the case', async () => {
    const clerk = await hall.as('clerk');
    const value = await readyOnHall(clerk);
    const store = await storeOf();
    const el = await mounted(clerk, store, new SimulatedSignaturePad());
    await openRow(el, value);
    await type(el, 'presentedId', APPLICANT_ID);
    (shadow(el).querySelector('input[name="signature"][value="pad"]') as HTMLInputElement).click();
    await el.updateComplete;
    button(el, '核验并交付').click();
    await el.updateComplete;
    expect(el.state?.error?.message).to.equal('请先请领取人在签字板上签字。');
    button(el, '请领取人在签字板上签字').click();
    await eventually(() => el.state?.form.image !== undefined);
    await el.updateComplete;
    expect(text(shadow(el).querySelector('form[part~="handover"]'))).to.contain('已签字');
    button(el, '核验并交付').click();
    await eventually(() => el.state?.done !== undefined);
    const stored = await synced(store, clerk, value.id);
    expect(stored?.handover).to.deep.include({ way: 'window', signature: 'pad' });
    const image = (stored?.handover as { image?: string }).image!;
    expect(image).to.match(/^[0-9a-f]{64}$/);
    expect(await clerk.hasAttachment(image)).to.equal(true);
  });

  it('opens a case of another window on the applicant’s document and hands it over there', async () => {
    const clerk = await hall.as('clerk');
    const value = await readyOnHall(clerk);
    const clerk2 = await hall.as('clerk2');
    const store = await storeOf('clerk02');
    const el = await mounted(clerk2, store);
    expect(rows(el)).to.have.length(0);
    await type(el, 'number', value.number);
    await type(el, 'idNumber', '120101199003074413');
    button(el, '调取办件').click();
    await eventually(() => el.state?.error !== undefined);
    expect(el.state?.error?.message).to.equal('办件编号与证件号码不符，无法调取。请核对申请人出示的受理通知书和证件。');
    await type(el, 'idNumber', APPLICANT_ID);
    button(el, '调取办件').click();
    await eventually(() => el.state?.current?.id === value.id);
    await el.updateComplete;
    // The document just checked is taken as the one presented.
    expect(field(el, 'presentedId').value).to.equal(APPLICANT_ID);
    button(el, '核验并交付').click();
    await eventually(() => el.state?.done !== undefined);
    const stored = await synced(store, clerk2, value.id);
    expect(stored?.status).to.equal('delivered');
    expect(stored?.audit.at(-1)).to.deep.include({ actor: 'clerk02', window: '02', action: 'deliver' });
  });

  it('records a posting with its carrier and tracking number, and says what is wrong with a bad one', async () => {
    const clerk = await hall.as('clerk');
    const value = await readyOnHall(clerk, {
      items: [{ itemId: POSTAL.id, version: POSTAL.version }],
      materials: POSTAL.materials
        .filter((m) => m.necessity === 'required')
        .map((m) => ({ materialId: m.id, itemIds: [POSTAL.id], receipt: 'paper' as const, copies: 1 })),
      delivery: { way: 'post', recipient: '刘洋', phone: '13812345678', address: '天津市和平区南京路 1 号' },
    });
    const store = await storeOf();
    const el = await mounted(clerk, store);
    expect(cells(rows(el)[0]!)[4]).to.equal('邮寄送达');
    await openRow(el, value);
    await type(el, 'trackingNumber', '12');
    button(el, '登记邮寄').click();
    await eventually(() => el.state?.error !== undefined);
    expect(el.state?.error?.message).to.equal('结果交付记录不正确：trackingNumber: 运单号应为 8 到 32 位字母或数字');
    await type(el, 'trackingNumber', 'em1234567890cn');
    button(el, '登记邮寄').click();
    await eventually(() => el.state?.done !== undefined);
    expect(el.state?.done).to.equal(`已登记邮寄：${value.number}，运单号 EM1234567890CN。办件状态：已送达。`);
    const stored = await synced(store, clerk, value.id);
    expect(stored?.handover).to.deep.include({
      way: 'post',
      carrier: '中国邮政 EMS',
      trackingNumber: 'EM1234567890CN',
    });
  });

  it('shows this PC’s results while the hall is away, and hands one over offline to sync later', async () => {
    const clerk = await hall.as('clerk');
    const value = await readyOnHall(clerk);
    const store = await storeOf();
    const held = await clerk.getCase(value.id);
    await store.adoptCase(held, (await clerk.readyResults()).results[0]!.version);
    const client = switchable(clerk);
    client.down = true;
    const el = await mounted(client, store);
    expect(el.state?.source).to.equal('local');
    expect(text(shadow(el).querySelector('.source'))).to.equal('⚠ 大厅服务器暂时连不上：只显示本机保存的办件');
    expect(part(el, 'find')).to.equal(null);
    await openRow(el, value);
    await type(el, 'presentedId', APPLICANT_ID);
    button(el, '核验并交付').click();
    await eventually(() => el.state?.done !== undefined);
    await expect(el).to.be.accessible();
    const stored = await synced(store, clerk, value.id);
    expect(stored?.status).to.equal('delivered');
  });
});
