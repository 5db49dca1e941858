import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@yichuang/intake/define.js';
import type { ItemPicker } from '@yichuang/ui';
import {
  IntakeCompleteEvent,
  type ApplicantForm,
  type CaseDocuments,
  type Intake,
  type IntakeDecisionElement,
  type ItemForm,
  type MaterialChecklist,
  type ProxyForm,
} from '@yichuang/intake';
import type { WorkstationStore } from '@yichuang/store';
import { SimulatedDocumentPrinter } from '@yichuang/devices';
import demoCatalog from '../../demo-catalog/generated/catalog.js';
import { Stores } from '../../store/test/support/fixtures.js';
import { NOW, checked } from './support.js';

const now = () => NOW;
const inner = <T extends Element>(el: Intake, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const settle = async (el: Intake) => {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await el.updateComplete;
  }
};
async function until(check: () => boolean, el: Intake): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await settle(el);
  expect(check(), el.state?.error?.message).to.equal(true);
}

async function mount(
  store: WorkstationStore,
  draftId?: string,
  printer = new SimulatedDocumentPrinter(),
): Promise<Intake> {
  const el = await fixture<Intake>(
    html`<yc-intake
      hall="TJHP01"
      window="03"
      clerk="clerk01"
      draft-id=${draftId ?? ''}
      .store=${store}
      .catalog=${demoCatalog}
      .now=${now}
      .printer=${printer}
      hall-name="示范区政务服务中心"
      status-base="https://hall.example.gov.cn/case/"
    ></yc-intake>`,
  );
  await until(() => el.state?.phase === 'open', el);
  return el;
}

/** Picks the best hit for `query` in the picker, by keyboard. */
async function pick(el: Intake, query: string): Promise<void> {
  const picker = inner<ItemPicker>(el, 'yc-item-picker');
  await picker.catalogReady;
  picker.shadowRoot!.querySelector<HTMLInputElement>('input')!.focus();
  await sendKeys({ type: query });
  await picker.updateComplete;
  await sendKeys({ press: 'Enter' });
  await settle(el);
}

describe('<yc-intake>', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('takes in a bundle from item to notice, offline, and keeps it through a reload', async function () {
    this.timeout(40_000);
    const store = await stores.open();
    const el = await mount(store);
    expect(inner<HTMLButtonElement>(el, 'nav button[aria-current="step"]').textContent).to.contain('选择事项');
    await pick(el, '公租房申请一件事');
    expect(el.state?.data?.bundleId).to.equal('public-rental-housing');
    expect(el.state?.data?.items.map((i) => i.id)).to.deep.equal(['hs-public-rental', 'hs-rental-subsidy']);
    await expect(el).to.be.accessible();
    inner<HTMLButtonElement>(el, '[part~="next"]').click();
    await settle(el);

    // The applicant, typed.
    const form = inner<ApplicantForm>(el, 'yc-applicant-form');
    form.shadowRoot!.querySelector<HTMLInputElement>('[data-field="name"] input')!.focus();
    await sendKeys({ type: '张三' });
    form.shadowRoot!.querySelector<HTMLInputElement>('[data-field="idNumber"] input')!.focus();
    await sendKeys({ type: '11010519491231002X' });
    await settle(el);
    expect(el.state?.data?.applicant?.name).to.equal('张三');
    inner<HTMLButtonElement>(el, '[part~="next"]').click();
    await settle(el);

    // Two materials checked, then the page reloads.
    const checklist = inner<MaterialChecklist>(el, 'yc-material-checklist');
    const radio = (id: string, receipt: string) =>
      checklist.shadowRoot!.querySelector<HTMLInputElement>(`li[data-material="${id}"] input[value="${receipt}"]`)!;
    radio('resident-id-card', 'e-licence').click();
    radio('bank-account', 'tolerated').click();
    await settle(el);
    expect(el.state?.data?.materials).to.have.length(2);
    const draftId = el.controller!.session!.draftId;
    el.remove();
    await settle(el);

    const printer = new SimulatedDocumentPrinter();
    const reloaded = await mount(await stores.twin(store), draftId, printer);
    await until(() => reloaded.state?.step === 'decision', reloaded);
    expect(reloaded.state?.data?.materials.map((m) => m.receipt)).to.deep.equal(['e-licence', 'tolerated']);
    // 20 working days from 7 December run into 2027, whose holidays are not published yet: no promised date is guessed.
    expect(reloaded.state?.promisedDate).to.equal(undefined);
    await reloaded.controller!.go('materials');
    await settle(reloaded);
    const again = inner<MaterialChecklist>(reloaded, 'yc-material-checklist');
    expect(
      again.shadowRoot!.querySelector<HTMLInputElement>('li[data-material="bank-account"] input[value="tolerated"]')!
        .checked,
    ).to.equal(true);
    await reloaded.controller!.go('decision');
    await settle(reloaded);

    // Much is missing: the one-time notice.
    const decision = inner<IntakeDecisionElement>(reloaded, 'yc-intake-decision');
    decision.choose('notify-incomplete');
    await decision.updateComplete;
    const completed = new Promise<IntakeCompleteEvent>((resolve) =>
      reloaded.addEventListener(IntakeCompleteEvent.type, resolve, { once: true }),
    );
    decision.shadowRoot!.querySelector<HTMLButtonElement>('[part~="confirm"]')!.click();
    const { detail } = await completed;
    expect(detail.case).to.deep.include({ status: 'notified-incomplete', number: 'TJHP01-20261207-03-0001' });
    expect(await store.getDraft(draftId)).to.equal(undefined);
    expect((await store.outbox.entries()).map((entry) => entry.id)).to.include(detail.mutationId);
    await settle(reloaded);
    expect(inner(reloaded, '[part~="done"]').textContent).to.contain('TJHP01-20261207-03-0001');

    // The notice to hand over: shown as it prints, the identity number masked, then printed.
    const documents = inner<CaseDocuments>(reloaded, 'yc-case-documents');
    await until(() => documents.state.phase === 'ready', reloaded);
    expect(documents.state.documents.map((d) => d.document.kind)).to.deep.equal(['one-time-notice']);
    const sheet = documents.shadowRoot!.querySelector('[part~="sheet"]')!.textContent!;
    expect(sheet).to.contain('一次性告知书').and.contain('TJHP01-20261207-03-0001').and.contain('110105********002X');
    expect(sheet).to.not.contain('11010519491231002X');
    expect(documents.state.documents[0]!.document.statusUrl).to.equal(
      `https://hall.example.gov.cn/case/${detail.case.id}`,
    );
    documents.shadowRoot!.querySelector<HTMLButtonElement>('[part~="print-all"]')!.click();
    await until(() => printer.jobs.length === 1, reloaded);
    expect(printer.jobs[0]!.map((d) => d.document.caseNumber)).to.deep.equal(['TJHP01-20261207-03-0001']);
    await expect(reloaded).to.be.accessible();
  });

  it('asks the application form before acceptance: pre-filled from the applicant, accepted only once complete', async function () {
    this.timeout(40_000);
    const store = await stores.open();
    const el = await mount(store);
    await pick(el, '公租房申请一件事');
    const items = el.state!.data!.items;
    el.controller!.setApplicant({
      kind: 'person',
      name: '张三',
      idType: 'resident-id',
      idNumber: '11010519491231002X',
      phone: '13812345678',
    });
    el.controller!.setMaterials(checked(items));
    await el.controller!.go('form');
    await settle(el);
    expect(inner<HTMLButtonElement>(el, 'nav button[aria-current="step"]').textContent).to.contain('申请表');
    const form = inner<ItemForm>(el, 'yc-item-form');
    const field = (key: string) => form.shadowRoot!.querySelector<HTMLInputElement>(`[data-field="${key}"] input`)!;
    expect(field('applicant-name').value).to.equal('张三');
    expect(field('contact-phone').value).to.equal('13812345678');

    // Straight to the decision: acceptance waits for the form and says what is missing.
    inner<HTMLButtonElement>(el, '[part~="next"]').click();
    await until(() => el.state?.step === 'decision' && el.state.draft !== undefined, el);
    const decision = inner<IntakeDecisionElement>(el, 'yc-intake-decision');
    await decision.updateComplete;
    expect(decision.state.decisions?.accept?.code).to.equal('form-incomplete');
    expect(decision.shadowRoot!.textContent).to.contain('申请表还没有填好').and.contain('家庭人口');

    // Back to the form: typed by keyboard, kept in the draft, and then the case is accepted.
    await el.controller!.go('form');
    await settle(el);
    const again = inner<ItemForm>(el, 'yc-item-form');
    again.shadowRoot!.querySelector<HTMLInputElement>('[data-field="household-size"] input')!.focus();
    await sendKeys({ type: '3' });
    again.shadowRoot!.querySelector<HTMLInputElement>('[data-field="household-income"] input')!.focus();
    await sendKeys({ type: '1850' });
    const housing = again.shadowRoot!.querySelector<HTMLSelectElement>('[data-field="housing-now"] select')!;
    housing.value = '无自有住房';
    housing.dispatchEvent(new Event('change'));
    await settle(el);
    expect(again.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.contain('已填写完整');
    expect(el.state?.data?.form).to.deep.include({ 'household-size': 3, 'household-income': 1850 });
    await expect(el).to.be.accessible();

    await el.controller!.go('decision');
    await settle(el);
    const open = inner<IntakeDecisionElement>(el, 'yc-intake-decision');
    await open.updateComplete;
    expect(open.state.decisions?.accept).to.equal(null);
    open.choose('accept');
    await open.updateComplete;
    const completed = new Promise<IntakeCompleteEvent>((resolve) =>
      el.addEventListener(IntakeCompleteEvent.type, resolve, { once: true }),
    );
    open.shadowRoot!.querySelector<HTMLButtonElement>('[part~="confirm"]')!.click();
    const { detail } = await completed;
    expect(detail.case.status).to.equal('accepted');
    expect(detail.case.form).to.deep.include({
      'applicant-name': '张三',
      'household-size': 3,
      'housing-now': '无自有住房',
    });
  });

  it('takes several items at one window and lets one go', async () => {
    const el = await mount(await stores.open());
    await pick(el, '异地就医备案（异地长期居住人员）');
    await pick(el, '失业登记');
    expect(el.state?.data?.items).to.have.length(2);
    expect(el.state?.reachable.applicant).to.equal(true);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="chosen"] button')!.click();
    await settle(el);
    expect(el.state?.data?.items).to.have.length(1);
    expect(inner<HTMLButtonElement>(el, 'nav li:nth-child(3) button').disabled).to.equal(true);
  });

  it('keeps every entry of a clerk faster than the screen: clicks and keys between two renders', async () => {
    const el = await mount(await stores.open());
    await pick(el, '公租房申请一件事');
    inner<HTMLButtonElement>(el, '[part~="next"]').click();
    await settle(el);
    const form = inner<ApplicantForm>(el, 'yc-applicant-form');
    const field = (name: string) => form.shadowRoot!.querySelector<HTMLInputElement>(`[data-field="${name}"] input`)!;
    // Two fields typed within one task: the intake hears the first before the form has the second.
    for (const [name, value] of [
      ['name', '张三'],
      ['idNumber', '11010519491231002X'],
    ] as const) {
      field(name).value = value;
      field(name).dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await Promise.resolve();
    }
    await settle(el);
    expect(el.state?.data?.applicant).to.deep.include({ name: '张三', idNumber: '11010519491231002X' });
    expect(field('name').value).to.equal('张三');
    inner<HTMLButtonElement>(el, '[part~="next"]').click();
    await settle(el);
    const checklist = inner<MaterialChecklist>(el, 'yc-material-checklist');
    const rows = [...checklist.shadowRoot!.querySelectorAll<HTMLElement>('li[data-material]')];
    for (const row of rows) {
      row.querySelector<HTMLInputElement>('input[value="paper"], input[value="scan"]')!.click();
      await checklist.updateComplete;
    }
    await settle(el);
    expect(el.state?.data?.materials.map((m) => m.materialId)).to.have.members(rows.map((r) => r.dataset.material!));
    const checked = rows.filter((row) => row.querySelector('input[type="radio"]:checked'));
    expect(checked).to.have.length(rows.length);
  });

  it('takes in a case a proxy brings: kept through a reload, refused acceptance once their authorisation has lapsed', async function () {
    this.timeout(40_000);
    const store = await stores.open();
    const el = await mount(store);
    await pick(el, '失业登记');
    inner<HTMLButtonElement>(el, '[part~="next"]').click();
    await settle(el);
    const type = async (host: Element, field: string, value: string) => {
      const input = host.shadowRoot!.querySelector<HTMLInputElement>(`[data-field="${field}"] input`)!;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await settle(el);
    };
    const form = inner<ApplicantForm>(el, 'yc-applicant-form');
    await type(form, 'name', '张三');
    await type(form, 'idNumber', '11010519491231002X');
    expect(el.state?.reachable.materials).to.equal(true);

    // A proxy applies: the materials wait for the proxy and their authorisation.
    inner<HTMLInputElement>(el, '[part~="proxy-wanted"] input').click();
    await settle(el);
    expect(el.state?.reachable.materials).to.equal(false);
    expect(inner<HTMLButtonElement>(el, '[part~="next"]').disabled).to.equal(true);
    const proxyForm = inner<ProxyForm>(el, 'yc-proxy-form');
    for (const [field, value] of [
      ['name', '王五'],
      ['idNumber', '110105198503124013'],
      ['phone', '13900139000'],
      ['relation', '子女'],
      ['scope', '代为办理失业登记'],
      ['validUntil', '2026-12-06'],
    ] as const) {
      await type(proxyForm, field, value);
    }
    expect(el.state?.data?.proxy).to.deep.include({ name: '王五', relation: '子女' });
    expect(el.state?.reachable.materials).to.equal(true);
    // The proxy's authorisation ran out yesterday: said at once.
    expect(proxyForm.shadowRoot!.querySelector('[part~="lapsed"]')!.textContent).to.contain('2026-12-06');
    await expect(el).to.be.accessible();
    const draftId = el.controller!.session!.draftId;
    el.remove();
    await settle(el);

    const reloaded = await mount(await stores.twin(store), draftId);
    expect(reloaded.state?.data).to.deep.include({ proxyWanted: true });
    await reloaded.controller!.go('applicant');
    await settle(reloaded);
    const again = inner<ProxyForm>(reloaded, 'yc-proxy-form');
    expect(again.shadowRoot!.querySelector<HTMLInputElement>('[data-field="name"] input')!.value).to.equal('王五');
    await reloaded.controller!.go('materials');
    await settle(reloaded);
    const checklist = inner<MaterialChecklist>(reloaded, 'yc-material-checklist');
    for (const row of checklist.shadowRoot!.querySelectorAll<HTMLElement>('li[data-material]')) {
      row.querySelector<HTMLInputElement>('input[value="paper"], input[value="scan"]')!.click();
      await checklist.updateComplete;
    }
    await settle(reloaded);
    await reloaded.controller!.go('decision');
    await until(() => reloaded.state?.draft !== undefined, reloaded);
    await settle(reloaded);

    // Everything is here, yet the case cannot be accepted on a lapsed authorisation; it can be refused.
    expect(reloaded.state?.draft?.proxy?.name).to.equal('王五');
    const decision = inner<IntakeDecisionElement>(reloaded, 'yc-intake-decision');
    const accept = decision.shadowRoot!.querySelector<HTMLInputElement>('input[value="accept"]')!;
    expect(accept.disabled).to.equal(true);
    expect(decision.shadowRoot!.querySelector('#why-accept')!.textContent).to.contain(
      '代理人的授权已于 2026-12-06 到期',
    );
    decision.choose('refuse');
    await decision.updateComplete;
    // The ground, chosen with the keyboard: the first radio, then two down to the item's first condition.
    decision.shadowRoot!.querySelector<HTMLInputElement>('[part~="grounds"] input')!.focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await decision.updateComplete;
    expect(decision.state.ground).to.match(/^condition\./);
    decision.controller.setReason('代理人的授权委托书已过期，请提供有效委托书后再办理。');
    await decision.updateComplete;
    await expect(decision).to.be.accessible();
    const completed = new Promise<IntakeCompleteEvent>((resolve) =>
      reloaded.addEventListener(IntakeCompleteEvent.type, resolve, { once: true }),
    );
    decision.shadowRoot!.querySelector<HTMLButtonElement>('[part~="confirm"]')!.click();
    const { detail } = await completed;
    expect(detail.case.status).to.equal('refused');
    expect(detail.case.refusalGround?.text).to.match(/^不符合“.+”的受理条件：/);
    expect(detail.case.proxy).to.deep.include({ name: '王五', idNumber: '110105198503124013' });
  });

  it('says why it cannot start when the store is locked', async () => {
    const store = await stores.open({ unlock: false });
    const el = await fixture<Intake>(
      html`<yc-intake hall="TJHP01" window="03" clerk="clerk01" .store=${store} .now=${now}></yc-intake>`,
    );
    await until(() => el.state?.phase === 'failed', el);
    expect(inner(el, '[part~="error"]').textContent).to.contain('无法开始受理');
  });
});
