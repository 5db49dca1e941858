import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@yichuang/tolerance/define.js';
import type { Case, ServiceItem } from '@yichuang/core';
import { demoCatalog } from '@yichuang/demo-catalog';
import { SimulatedDocumentCamera, SimulatedSmsGateway } from '@yichuang/devices';
import type { HallClient } from '@yichuang/hall-client';
import type { WorkstationStore } from '@yichuang/store';
import type { LedgerHall, LedgerRecordedEvent, ToleranceLedger } from '@yichuang/tolerance';
import { chinaDayIn, saveCase, toleratedCase } from '../../hall-client/test/support/fixtures.js';
import { switchable } from '../../hall-client/test/support/switchable.js';
import { describeOnEveryHall, until } from '../../queue/test/support.js';
import { Engines, FAST_SYNC, SECRET, Stores } from '../../store/test/support/fixtures.js';

const itemOf = (id: string): ServiceItem => demoCatalog.items.find((item) => item.id === id)!;
/** 公共租赁住房: the acceptance is revoked when the proof of employment does not follow. */
const REVOKING = itemOf('hs-public-rental');
/** 住房租赁补贴: no rule of its own, so the manager decides (escalate). */
const ESCALATING = itemOf('hs-rental-subsidy');
const awaitedName = (item: ServiceItem) => item.materials.find((m) => m.tolerable)!.name;

const shadow = (el: ToleranceLedger) => el.shadowRoot!;
const part = (el: ToleranceLedger, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const rows = (el: ToleranceLedger) => [...shadow(el).querySelectorAll<HTMLTableRowElement>('tr[part~="row"]')];
const cells = (row: HTMLTableRowElement) => [...row.cells].map((cell) => text(cell));
const button = (el: ToleranceLedger, label: string) =>
  [...shadow(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label)!;
const focused = (el: ToleranceLedger) => shadow(el).activeElement as HTMLElement | null;
const eventually = (check: () => boolean) => until(check, 10_000);

describeOnEveryHall('<yc-tolerance-ledger>', (hall) => {
  const stores = new Stores();
  const engines = new Engines(FAST_SYNC);
  afterEach(async () => {
    await engines.cleanup();
    await stores.cleanup();
  });

  /** Saves a case on the hall as `client` and answers it. */
  async function onHall(client: HallClient, value: Case): Promise<Case> {
    const [result] = await client.sync([saveCase(value)]);
    expect(result?.status, JSON.stringify(result)).to.equal('applied');
    return value;
  }

  /** A store unlocked as `user`, as the clerk's workstation has it. */
  async function storeOf(user = 'clerk01'): Promise<WorkstationStore> {
    const store = await stores.open({ unlock: false });
    await store.unlock(user, SECRET);
    return store;
  }

  async function mounted(
    client: LedgerHall,
    store: WorkstationStore,
    extra: { notifier?: SimulatedSmsGateway; camera?: SimulatedDocumentCamera } = {},
  ): Promise<ToleranceLedger> {
    const el = await fixture<ToleranceLedger>(
      html`<yc-tolerance-ledger
        .client=${client}
        .store=${store}
        .catalog=${demoCatalog}
        .notifier=${extra.notifier}
        .camera=${extra.camera}
        hall-name="和平区政务服务中心"
      ></yc-tolerance-ledger>`,
    );
    await eventually(() => el.state?.status === 'ready');
    await el.updateComplete;
    return el;
  }

  async function openRow(el: ToleranceLedger, value: Case): Promise<void> {
    const row = rows(el).find((r) => r.dataset.case === value.id)!;
    row.querySelector('button')!.click();
    await eventually(() => el.state?.current?.value.id === value.id || el.state?.needsClaim === true);
    await el.updateComplete;
  }

  /** Sends what the store queued to the hall; answers the hall's copy of the case. */
  async function synced(store: WorkstationStore, client: HallClient, id: string): Promise<Case | undefined> {
    const report = await engines.make(store, client).syncNow();
    expect(report, JSON.stringify(report)).to.include({ parked: 0, remaining: 0 });
    return client.getCase(id);
  }

  it('lists the window’s open commitments overdue first, with names and the state in words, and is accessible', async () => {
    const clerk = await hall.as('clerk');
    const later = await onHall(clerk, toleratedCase(ESCALATING, chinaDayIn(3)));
    const overdue = await onHall(clerk, toleratedCase(REVOKING, chinaDayIn(-2)));
    await onHall(await hall.as('clerk2'), toleratedCase(ESCALATING, chinaDayIn(0), '02'));
    const el = await mounted(clerk, await storeOf());

    expect(rows(el).map((r) => r.dataset.case)).to.deep.equal([overdue.id, later.id]);
    expect(cells(rows(el)[0]!)).to.deep.equal([
      overdue.number,
      '01 号',
      REVOKING.name,
      awaitedName(REVOKING),
      chinaDayIn(-2),
      '⚠ 已逾期 2 天',
      '办理',
    ]);
    expect(cells(rows(el)[1]!)[5]).to.equal('还剩 3 天');
    expect(text(part(el, 'summary'))).to.equal('已逾期 1 件，今日到期 0 件，待补齐共 2 件');
    expect(text(shadow(el).querySelector('.source'))).to.equal('全大厅数据');
    await expect(el).to.be.accessible();

    (shadow(el).querySelector('input[value="overdue"]') as HTMLInputElement).click();
    await eventually(() => el.state?.rows.length === 1);
    expect(el.state?.rows[0]?.commitment.caseId).to.equal(overdue.id);
  });

  it('takes a supplement on paper by keyboard; it reaches the hall through the outbox and leaves the ledger', async () => {
    const clerk = await hall.as('clerk');
    const value = await onHall(clerk, toleratedCase(ESCALATING, chinaDayIn(1)));
    const store = await storeOf();
    const el = await mounted(clerk, store);
    const recorded: LedgerRecordedEvent[] = [];
    el.addEventListener('yc-ledger-recorded', (event) => recorded.push(event));

    rows(el)[0]!.querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await eventually(() => el.state?.current?.value.id === value.id);
    await el.updateComplete;
    expect(focused(el)?.tagName).to.equal('H3');
    expect(text(focused(el))).to.equal(`办件 ${value.number}`);
    await expect(el).to.be.accessible();

    const paper = shadow(el).querySelector<HTMLInputElement>('fieldset.material input[value="paper"]')!;
    paper.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(Object.values(el.state!.supply).map((c) => c.receipt)).to.deep.equal(['paper']);
    button(el, '登记补齐').focus();
    await sendKeys({ press: 'Enter' });
    await eventually(() => el.state?.done !== undefined);
    await el.updateComplete;
    expect(text(part(el, 'done'))).to.equal(`✓ 已登记补齐：${awaitedName(ESCALATING)}。办件状态：已补齐材料。`);
    // Once the list is read again, the focus is on what was done.
    await eventually(() => focused(el)?.getAttribute('part') === 'done');
    expect(recorded.map((e) => [e.detail.kind, e.detail.number])).to.deep.equal([['supplement', value.number]]);

    const stored = await synced(store, clerk, value.id);
    expect(stored?.status).to.equal('supplemented');
    expect(stored?.audit.at(-1)).to.deep.include({ actor: 'clerk01', window: '01', action: 'supplement' });
    await el.controller!.load();
    await el.updateComplete;
    expect(rows(el)).to.have.length(0);
    expect(text(part(el, 'summary'))).to.equal('没有未补齐的容缺承诺。');
  });

  it('opens a case of another window on the applicant’s document, and takes the supplement there as scans', async () => {
    const clerk = await hall.as('clerk');
    const value = await onHall(clerk, toleratedCase(ESCALATING, chinaDayIn(2)));
    const clerk2 = await hall.as('clerk2');
    const store = await storeOf('clerk02');
    const camera = new SimulatedDocumentCamera();
    const el = await mounted(clerk2, store, { camera });
    expect(rows(el)).to.have.length(0);

    const find = part(el, 'claim') as HTMLFormElement;
    (find.elements.namedItem('number') as HTMLInputElement).value = value.number;
    (find.elements.namedItem('idNumber') as HTMLInputElement).value = '120101199003074413';
    button(el, '调取办件').click();
    await eventually(() => el.state?.error !== undefined);
    await el.updateComplete;
    expect(text(part(el, 'error'))).to.equal('办件编号与证件号码不符，无法调取。请核对申请人出示的受理通知书和证件。');
    await eventually(() => focused(el)?.getAttribute('part') === 'error');
    // What the clerk typed stays for the correction.
    expect((find.elements.namedItem('number') as HTMLInputElement).value).to.equal(value.number);

    (find.elements.namedItem('idNumber') as HTMLInputElement).value = '120101198506201519';
    button(el, '调取办件').click();
    await eventually(() => el.state?.current?.value.id === value.id);
    await el.updateComplete;
    expect(rows(el)).to.have.length(0);
    expect(text(shadow(el).querySelector('h3'))).to.equal(`办件 ${value.number}`);

    const materialId = Object.keys(el.state!.supply)[0]!;
    el.controller!.setSupply(materialId, 'scan');
    await el.updateComplete;
    button(el, '登记补齐').click();
    await eventually(() => el.state?.error !== undefined);
    expect(el.state?.error?.message).to.equal(`“${awaitedName(ESCALATING)}”选择了扫描件，请先扫描至少一页。`);
    await el.updateComplete;
    button(el, '拍摄/扫描一页').click();
    await eventually(() => el.state?.supply[materialId]?.pages.length === 1);
    await el.updateComplete;
    expect(text(shadow(el).querySelector('fieldset.material'))).to.contain('已扫描 1 页');
    button(el, '登记补齐').click();
    await eventually(() => el.state?.done !== undefined);

    const stored = await synced(store, clerk2, value.id);
    expect(stored?.status).to.equal('supplemented');
    expect(stored?.window).to.equal('01');
    const supplied = stored?.materials.find((m) => m.materialId === materialId);
    expect(supplied).to.deep.include({ receipt: 'scan', copies: 0 });
    expect(supplied?.attachments).to.have.length(1);
    expect(await clerk2.hasAttachment(supplied!.attachments![0]!)).to.equal(true);
    expect(stored?.audit.at(-1)).to.deep.include({ actor: 'clerk02', window: '02', action: 'supplement' });
  });

  it('reminds the applicant by SMS with the case number and materials, recorded only once the gateway took it', async () => {
    const clerk = await hall.as('clerk');
    const value = await onHall(clerk, toleratedCase(ESCALATING, chinaDayIn(1)));
    const store = await storeOf();
    const gateway = new SimulatedSmsGateway();
    const el = await mounted(clerk, store, { notifier: gateway });
    await openRow(el, value);

    gateway.failing = true;
    button(el, '发送短信提醒').click();
    await eventually(() => el.state?.error !== undefined);
    expect(el.state?.error?.message).to.equal('短信平台暂时不可用，提醒没有发送，也没有记录。请稍后再试。');
    expect(await store.db.outbox.count()).to.equal(0);

    gateway.failing = false;
    button(el, '发送短信提醒').click();
    await eventually(() => el.state?.done !== undefined);
    expect(el.state?.done).to.equal('提醒短信已发送至 138****5678。');
    expect(gateway.sent).to.have.length(1);
    expect(gateway.sent[0]!.to).to.equal('13812345678');
    expect(gateway.sent[0]!.text).to.equal(
      `【和平区政务服务中心】您的办件 ${value.number} 尚有容缺材料未补齐：${awaitedName(ESCALATING)}。请于 ${chinaDayIn(1)} 前携带材料到任一综合窗口补齐。`,
    );
    expect(gateway.sent[0]!.text).not.to.contain('刘洋');
    const stored = await synced(store, clerk, value.id);
    expect(stored?.status).to.equal('accepted-with-tolerance');
    expect(stored?.audit.at(-1)).to.deep.include({ action: 'remind-supplement', actor: 'clerk01' });
  });

  it('handles an overdue case as its item says, only after the clerk confirms: the acceptance is revoked', async () => {
    const clerk = await hall.as('clerk');
    const value = await onHall(clerk, toleratedCase(REVOKING, chinaDayIn(-1)));
    const store = await storeOf();
    const el = await mounted(clerk, store);
    await openRow(el, value);
    expect(text(shadow(el).querySelector('.detail .muted'))).to.equal('逾期处理规定：撤销受理');

    button(el, '按规定处理：撤销受理').click();
    await eventually(() => focused(el)?.className === 'danger');
    expect(text(shadow(el).querySelector('.warning'))).to.equal(
      '⚠ 确认按规定“撤销受理”处理本案？处理结果记入办件记录，不可撤回。',
    );
    expect(await store.db.outbox.count()).to.equal(0);
    await expect(el).to.be.accessible();
    shadow(el).querySelector<HTMLButtonElement>('button.danger')!.click();
    await eventually(() => el.state?.done !== undefined);
    expect(el.state?.done).to.equal('已按规定处理：撤销受理。办件状态：不予受理。');

    const stored = await synced(store, clerk, value.id);
    expect(stored?.status).to.equal('refused');
    expect(stored?.audit.slice(-2).map((e) => e.action)).to.deep.equal(['mark-overdue', 'refuse']);
  });

  it('shows this PC’s own commitments while the hall is away, and says so', async () => {
    const clerk = await hall.as('clerk');
    const store = await storeOf();
    const kept = toleratedCase(ESCALATING, chinaDayIn(-1));
    await store.saveCase(kept);
    const client = switchable(clerk);
    client.down = true;
    const el = await mounted(client, store);
    expect(el.state?.source).to.equal('local');
    expect(text(shadow(el).querySelector('.source'))).to.equal('⚠ 大厅服务器暂时连不上：只显示本机保存的办件');
    expect(cells(rows(el)[0]!).slice(0, 6)).to.deep.equal([
      kept.number,
      '01 号',
      ESCALATING.name,
      awaitedName(ESCALATING),
      chinaDayIn(-1),
      '⚠ 已逾期 1 天',
    ]);
    // The case of another window cannot be checked offline.
    expect(part(el, 'claim')).to.equal(null);
    await openRow(el, kept);
    expect(el.state?.current?.value.id).to.equal(kept.id);
    await expect(el).to.be.accessible();
  });

  it('says in English what the clerk reads in Chinese', async () => {
    const clerk = await hall.as('clerk');
    await onHall(clerk, toleratedCase(REVOKING, chinaDayIn(-3)));
    const el = await mounted(clerk, await storeOf());
    el.locale = 'en-US';
    await el.updateComplete;
    await eventually(() => el.state?.status === 'ready' && rows(el).length === 1);
    await el.updateComplete;
    expect(cells(rows(el)[0]!)[5]).to.equal('⚠ Overdue by 3 days');
    expect(text(part(el, 'summary'))).to.equal('1 overdue, 0 due today, 1 awaited in all');
  });
});
