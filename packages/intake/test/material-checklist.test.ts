import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@yichuang/intake/define.js';
import { CaseMaterialSchema, type CaseMaterial } from '@yichuang/core';
import { MaterialChecklistController, MaterialsChangeEvent, type MaterialChecklist } from '@yichuang/intake';
import * as v from 'valibot';
import { demoItem, rentalHousing } from './support.js';

const shadow = (el: MaterialChecklist) => el.shadowRoot!;
const rowOf = (el: MaterialChecklist, id: string) =>
  shadow(el).querySelector<HTMLLIElement>(`li[data-material="${id}"]`)!;
const radio = (el: MaterialChecklist, id: string, receipt: string) =>
  rowOf(el, id).querySelector<HTMLInputElement>(`input[type="radio"][value="${receipt}"]`);
const textOf = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('MaterialChecklistController', () => {
  it('asks each material of a bundle once, with the items that need it', () => {
    const checklist = new MaterialChecklistController(rentalHousing());
    const ids = checklist.state.rows.map((r) => r.merged.material.id);
    expect(new Set(ids).size).to.equal(ids.length);
    // 公租房 lists 7 materials, 租赁补贴 7; ID card, household register and income declaration are shared.
    expect(ids).to.have.length(11);
    const idCard = checklist.state.rows.find((r) => r.merged.material.id === 'resident-id-card')!;
    expect(idCard.merged.itemIds).to.deep.equal(['hs-public-rental', 'hs-rental-subsidy']);
    expect(checklist.state.summary).to.deep.include({ unchecked: 11, requiredOpen: 9 });
  });

  it('offers only the receipts the core allows: no tolerance on a key material, commitment where listed', () => {
    const checklist = new MaterialChecklistController(rentalHousing());
    const choices = (id: string) => checklist.state.rows.find((r) => r.merged.material.id === id)!.choices;
    expect(choices('resident-id-card')).to.include('e-licence').and.not.include('tolerated');
    expect(choices('labour-contract')).to.include('tolerated');
    expect(choices('housing-status-commitment')).to.deep.equal(['paper', 'commitment', 'missing']);
    expect(() => checklist.setReceipt('resident-id-card', 'tolerated')).to.throw(RangeError, /cannot be received/);
    expect(() => checklist.setReceipt('business-licence', 'paper')).to.throw(RangeError, /not on the list/);
    expect(checklist.state.materials).to.deep.equal([]);
  });

  it('takes a looked-up licence with its citation, keeps it while e-licence stays chosen, drops it on paper', async () => {
    const checklist = new MaterialChecklistController(rentalHousing());
    const holderId = '11010519491231002X';
    const licence = {
      type: 'household-register',
      title: '居民户口簿',
      number: 'HK110105-0001',
      holderId,
      holderName: '张三',
      issuer: '北京市公安局朝阳分局',
      issuedOn: '2009-09-01',
      sha256: 'b'.repeat(64),
    };
    checklist.setNote('household-register', '首页缺失');
    await checklist.lookUpLicences({ lookupLicences: async () => [licence] }, holderId, '2026-12-07');
    const cited = () => checklist.state.materials.find((m) => m.materialId === 'household-register');
    expect(cited()).to.deep.include({ receipt: 'e-licence', note: '首页缺失' });
    expect(cited()?.licence?.number).to.equal('HK110105-0001');
    expect(checklist.state.lookup).to.deep.equal({ phase: 'done', applied: ['居民户口簿'] });
    checklist.setReceipt('household-register', 'e-licence');
    expect(cited()?.licence?.sha256).to.equal('b'.repeat(64));
    checklist.setReceipt('household-register', 'paper');
    expect(cited()).to.not.have.property('licence');
  });

  it('says why a look-up the hall refused failed, and keeps what was recorded', async () => {
    const checklist = new MaterialChecklistController(rentalHousing());
    checklist.setReceipt('resident-id-card', 'paper');
    const before = checklist.state.materials;
    const refused = Object.assign(new Error('Forbidden'), { transient: false });
    await checklist.lookUpLicences(
      { lookupLicences: () => Promise.reject(refused) },
      '11010519491231002X',
      '2026-12-07',
    );
    expect(checklist.state.lookup).to.deep.equal({ phase: 'failed', applied: [], error: refused });
    expect(checklist.state.materials).to.equal(before);
  });

  it('records paper with the copies the catalog asks for, and valid case materials only', () => {
    const checklist = new MaterialChecklistController(rentalHousing());
    checklist.setReceipt('form-hs-public-rental', 'paper');
    checklist.setReceipt('labour-contract', 'tolerated');
    const [form, contract] = checklist.state.materials;
    expect(form).to.deep.include({ receipt: 'paper', copies: 2, itemIds: ['hs-public-rental'] });
    expect(contract).to.deep.include({ receipt: 'tolerated', copies: 0 });
    for (const m of checklist.state.materials) expect(v.is(CaseMaterialSchema, m)).to.equal(true);
    expect(checklist.state.summary).to.deep.include({ received: 1, tolerated: 1, unchecked: 9, requiredOpen: 7 });
  });

  it('keeps a bad entry on its row with the problem, and the last good record in the case', () => {
    const checklist = new MaterialChecklistController(rentalHousing());
    checklist.setReceipt('form-hs-public-rental', 'paper');
    checklist.setCopies('form-hs-public-rental', 120);
    const row = () => checklist.state.rows.find((r) => r.merged.material.id === 'form-hs-public-rental')!;
    expect(row().problem).to.equal('copies');
    expect(row().given?.copies).to.equal(120);
    expect(checklist.state.materials[0]?.copies).to.equal(2);
    checklist.setNote('form-hs-public-rental', '缺'.repeat(201));
    expect(row().problem).to.equal('note-long');
    checklist.setCopies('form-hs-public-rental', 3);
    checklist.setNote('form-hs-public-rental', '  申请表缺少签名  ');
    expect(row().problem).to.equal(undefined);
    expect(checklist.state.materials[0]).to.deep.include({ copies: 3, note: '申请表缺少签名' });
    expect(() => checklist.setCopies('labour-contract', 1)).to.throw(RangeError, /not received on paper/);
  });

  it('drops from a draft what no chosen item lists, and says which', () => {
    const stray: CaseMaterial = { materialId: 'business-licence', itemIds: ['x'], receipt: 'paper', copies: 1 };
    const kept: CaseMaterial = {
      materialId: 'resident-id-card',
      itemIds: ['hs-public-rental', 'hs-rental-subsidy'],
      receipt: 'e-licence',
      copies: 0,
    };
    const checklist = new MaterialChecklistController(rentalHousing(), [stray, kept]);
    expect(checklist.state.dropped).to.deep.equal(['business-licence']);
    expect(checklist.state.materials).to.deep.equal([kept]);
  });
});

describe('<yc-material-checklist>', () => {
  it('lists a bundle’s materials once each, with the items that need them and their standard', async () => {
    const el = await fixture<MaterialChecklist>(
      html`<yc-material-checklist .items=${rentalHousing()}></yc-material-checklist>`,
    );
    expect(shadow(el).querySelectorAll('li[part~="material"]')).to.have.length(11);
    expect(textOf(rowOf(el, 'resident-id-card'))).to.contain('用于：公共租赁住房申请、住房租赁补贴申请');
    expect(textOf(shadow(el).querySelector('[part~="summary"]')))
      .to.contain('共 11 项材料')
      .and.contain('9 项必要材料');
    expect(radio(el, 'resident-id-card', 'tolerated')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('records a receipt by keyboard and tells the host the case’s materials', async () => {
    const el = await fixture<MaterialChecklist>(
      html`<yc-material-checklist .items=${[demoItem('mi-relocation-filing')]}></yc-material-checklist>`,
    );
    const changes: MaterialsChangeEvent[] = [];
    el.addEventListener(MaterialsChangeEvent.type, (event) => changes.push(event));
    radio(el, 'form-mi-relocation-filing', 'paper')!.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(changes.at(-1)?.detail.materials).to.deep.equal([
      { materialId: 'form-mi-relocation-filing', itemIds: ['mi-relocation-filing'], receipt: 'paper', copies: 1 },
    ]);
    // Arrow keys move within the material's choices: paper → scan.
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(changes.at(-1)?.detail.materials[0]?.receipt).to.equal('scan');
    expect(rowOf(el, 'form-mi-relocation-filing').querySelector('[part~="copies"]')).to.equal(null);
    expect(changes.at(-1)?.bubbles && changes.at(-1)?.composed).to.equal(true);
  });

  it('says a note is too long, keeps it on screen and records nothing half', async () => {
    const el = await fixture<MaterialChecklist>(
      html`<yc-material-checklist .items=${[demoItem('mi-relocation-filing')]}></yc-material-checklist>`,
    );
    const changes: MaterialsChangeEvent[] = [];
    el.addEventListener(MaterialsChangeEvent.type, (event) => changes.push(event));
    radio(el, 'social-security-card', 'paper')!.click();
    await el.updateComplete;
    const note = rowOf(el, 'social-security-card').querySelector<HTMLInputElement>('[part~="note"] input')!;
    note.value = '卡面'.repeat(101);
    note.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(textOf(rowOf(el, 'social-security-card').querySelector('[part~="problem"]'))).to.contain('最多 200 字');
    expect(note.getAttribute('aria-invalid')).to.equal('true');
    expect(note.value).to.equal('卡面'.repeat(101));
    expect(changes).to.have.length(1);
    expect(el.state.materials[0]?.note).to.equal(undefined);
  });

  it('marks required materials still open in words, and speaks English when asked', async () => {
    const el = await fixture<MaterialChecklist>(
      html`<yc-material-checklist locale="en-US" .items=${[demoItem('mi-relocation-filing')]}></yc-material-checklist>`,
    );
    expect(textOf(shadow(el).querySelector('[part~="summary"]'))).to.contain('3 required materials are not received');
    expect(rowOf(el, 'social-security-card').classList.contains('open')).to.equal(true);
    expect(textOf(rowOf(el, 'long-term-residence-proof'))).to.contain('Replaced by commitment');
    radio(el, 'long-term-residence-proof', 'commitment')!.click();
    await el.updateComplete;
    expect(rowOf(el, 'long-term-residence-proof').classList.contains('open')).to.equal(false);
  });

  it('starts over from the host’s materials, but keeps what it announced itself', async () => {
    const items = [demoItem('mi-relocation-filing')];
    const el = await fixture<MaterialChecklist>(html`<yc-material-checklist .items=${items}></yc-material-checklist>`);
    el.addEventListener(MaterialsChangeEvent.type, (event) => (el.materials = event.detail.materials));
    radio(el, 'form-mi-relocation-filing', 'paper')!.click();
    await el.updateComplete;
    const note = rowOf(el, 'form-mi-relocation-filing').querySelector<HTMLInputElement>('[part~="note"] input')!;
    expect(radio(el, 'form-mi-relocation-filing', 'paper')!.checked).to.equal(true);
    el.materials = [];
    await el.updateComplete;
    expect(radio(el, 'form-mi-relocation-filing', 'paper')!.checked).to.equal(false);
    expect(note.isConnected).to.equal(true);
  });
});
