import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@yichuang/intake/define.js';
import { transition, type Case, type CaseItemFacts } from '@yichuang/core';
import { SimulatedDocumentPrinter, drawnSignature } from '@yichuang/devices';
import type { WorkstationStore } from '@yichuang/store';
import { Stores } from '../../store/test/support/fixtures.js';
import {
  DocumentSignEvent,
  DocumentsPrintEvent,
  SignEvent,
  type CaseDocuments,
  type SignaturePadElement,
} from '@yichuang/intake';
import { NOW, checked, draftOf, rentalHousing } from './support.js';

const by = { actor: 'clerk07', window: '03', at: NOW.toISOString() };

/** The rental-housing bundle decided at window 03. */
function decided(to: Case['status'], receipts: Parameters<typeof checked>[1] = {}, extra = {}): Case {
  const items = rentalHousing();
  return transition(draftOf(items, checked(items, receipts)), { ...by, items, to, ...extra });
}

async function mount(
  kase: Case | undefined,
  printer = new SimulatedDocumentPrinter(),
  items: readonly CaseItemFacts[] = rentalHousing(),
  store?: WorkstationStore,
) {
  const el = await fixture<CaseDocuments>(
    html`<yc-case-documents
      actor="clerk07"
      window="03"
      .store=${store}
      .now=${() => NOW}
      hall-name="示范区政务服务中心"
      window-name="综合窗口 3 号"
      clerk-name="李敏"
      status-base="https://hall.example.gov.cn/case/"
      .printer=${printer}
      .items=${items}
      .case=${kase}
    ></yc-case-documents>`,
  );
  for (let i = 0; i < 50 && el.state.phase === 'preparing'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await el.updateComplete;
  return el;
}

const sheets = (el: CaseDocuments) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="sheet"]')].map((sheet) => sheet.textContent!);
const button = (el: CaseDocuments, selector: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(selector)!;

describe('<yc-case-documents>', () => {
  it('shows the acceptance notice and the receipt of an accepted case, as they print', async () => {
    const el = await mount(decided('accepted', {}, { promisedDate: '2026-12-21' }));
    expect(el.state.documents.map((d) => d.document.kind)).to.deep.equal(['acceptance-notice', 'material-receipt']);
    const [notice, receipt] = sheets(el);
    expect(notice).to.contain('受理通知书').and.contain('TJHP01-20261207-03-0001').and.contain('2026年12月21日');
    expect(notice).to.contain('综合窗口 3 号（03）').and.contain('受理人：李敏（clerk07）');
    expect(receipt).to.contain('材料接收凭证').and.contain('本人银行借记卡');
    for (const text of sheets(el)) expect(text).to.not.contain('11010519491231002X');
    expect(el.shadowRoot!.querySelectorAll('[part~="sheet"] svg[role="img"]')).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('adds the commitment letter on tolerance, and gives each decision its own paper', async () => {
    const tolerated = await mount(
      decided('accepted-with-tolerance', { 'bank-account': 'tolerated' }, { supplementDue: '2026-12-14' }),
    );
    expect(tolerated.state.documents.map((d) => d.document.kind)).to.deep.equal([
      'acceptance-notice',
      'tolerance-commitment',
      'material-receipt',
    ]);
    expect(sheets(tolerated)[1]).to.contain('本人银行借记卡').and.contain('2026年12月14日前补齐');
    const refused = await mount(
      decided('refused', {}, { reason: '申请人不在本区居住', ground: 'condition.hs-public-rental.1' }),
    );
    expect(sheets(refused)).to.have.length(1);
    expect(sheets(refused)[0])
      .to.contain('不予受理通知书')
      .and.match(/依据：不符合“公共租赁住房申请”的受理条件：/)
      .and.contain('理由：申请人不在本区居住');
    const empty = await mount(draftOf(rentalHousing()));
    expect(empty.state.phase).to.equal('empty');
    expect(empty.shadowRoot!.textContent).to.contain('作出受理决定后');
  });

  it('prints every document as one job, or one alone, and says what went to the printer', async () => {
    const printer = new SimulatedDocumentPrinter();
    const el = await mount(decided('accepted'), printer);
    const events: DocumentsPrintEvent[] = [];
    el.addEventListener(DocumentsPrintEvent.type, (event) => events.push(event));
    button(el, '[part~="print-all"]').click();
    await new Promise((resolve) => el.addEventListener(DocumentsPrintEvent.type, resolve, { once: true }));
    await el.updateComplete;
    expect(printer.jobs.map((job) => job.map((d) => d.document.kind))).to.deep.equal([
      ['acceptance-notice', 'material-receipt'],
    ]);
    expect(button(el, '[part~="status"]')!.textContent).to.contain('已送打印：受理通知书、材料接收凭证');
    expect(await el.print(['material-receipt'])).to.equal(true);
    expect(printer.jobs[1]!.map((d) => d.document.kind)).to.deep.equal(['material-receipt']);
    expect(events.map((e) => e.detail.documents.map((d) => d.kind))).to.deep.equal([
      ['acceptance-notice', 'material-receipt'],
      ['material-receipt'],
    ]);
    expect(events[0]!.detail.documents[1]!.digest).to.equal(events[1]!.detail.documents[0]!.digest);
  });

  it('says why a job failed, keeps the documents, and prints them on the next try', async () => {
    const printer = new SimulatedDocumentPrinter();
    printer.failWith('paper-out');
    const el = await mount(
      decided('notified-incomplete', { 'bank-account': 'missing' }, { reason: '缺银行卡' }),
      printer,
    );
    expect(await el.print()).to.equal(false);
    await el.updateComplete;
    const status = el.shadowRoot!.querySelector('[part~="status"]')!;
    expect(status.getAttribute('role')).to.equal('alert');
    expect(status.textContent).to.contain('打印机缺纸');
    expect(sheets(el)).to.have.length(1);
    printer.failWith(undefined);
    expect(await el.print()).to.equal(true);
    expect(printer.jobs).to.have.length(1);
  });

  it('reprints the same paper: a case loaded again gives the same digests', async () => {
    const kase = decided('accepted');
    const first = await mount(kase);
    const second = await mount(structuredClone(kase));
    expect(second.state.documents.map((d) => d.digest)).to.deep.equal(first.state.documents.map((d) => d.digest));
    for (const { digest } of first.state.documents) expect(sheets(first).join('')).to.contain(digest);
  });

  it('prints with the keyboard alone', async () => {
    const printer = new SimulatedDocumentPrinter();
    const el = await mount(decided('accepted'), printer);
    button(el, '[part~="print-all"]').focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('打印“受理通知书”');
    await sendKeys({ press: 'Enter' });
    for (let i = 0; i < 20 && printer.jobs.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(printer.jobs.map((job) => job.map((d) => d.document.kind))).to.deep.equal([['acceptance-notice']]);
  });

  describe('the commitment letter, signed', () => {
    const stores = new Stores();
    afterEach(() => stores.cleanup());
    const tolerance = () =>
      decided('accepted-with-tolerance', { 'bank-account': 'tolerated' }, { supplementDue: '2026-12-14' });

    it('asks for the applicant’s signature, records one on paper on the case, audited and saved', async () => {
      const store = await stores.open();
      const { case: kase } = await store.saveCase(tolerance());
      const el = await mount(kase, undefined, undefined, store);
      expect(el.state.toSign).to.deep.equal(['tolerance-commitment']);
      const signing = el.shadowRoot!.querySelector('[part~="signing"]')!;
      expect(signing.textContent).to.contain('请申请人签署《容缺受理承诺书》');
      await expect(el).to.be.accessible();
      const signed = new Promise<DocumentSignEvent>((resolve) =>
        el.addEventListener(DocumentSignEvent.type, resolve, { once: true }),
      );
      signing.querySelector('yc-signature-pad')!.dispatchEvent(new SignEvent({ way: 'paper' }));
      const { detail } = await signed;
      expect(detail.case.signatures).to.deep.equal([
        { document: 'tolerance-commitment', signer: 'applicant', way: 'paper', at: NOW.toISOString() },
      ]);
      expect(detail.case.audit.at(-1)).to.deep.include({ action: 'sign-tolerance-commitment', actor: 'clerk07' });
      expect((await store.getCase(kase.id))?.signatures).to.have.length(1);
      await el.updateComplete;
      expect(el.state.toSign).to.deep.equal([]);
      expect(el.shadowRoot!.querySelector('[part~="signing"]')).to.equal(null);
    });

    it('prints the pad’s signature on the letter, and the letter’s digest covers it', async () => {
      const store = await stores.open();
      const { case: kase } = await store.saveCase(tolerance());
      const el = await mount(kase, undefined, undefined, store);
      const unsigned = el.state.documents.find((d) => d.document.kind === 'tolerance-commitment')!.digest;
      const pad = el.shadowRoot!.querySelector<SignaturePadElement>('yc-signature-pad')!;
      const signed = new Promise((resolve) => el.addEventListener(DocumentSignEvent.type, resolve, { once: true }));
      pad.dispatchEvent(new SignEvent({ way: 'pad', image: await drawnSignature() }));
      await signed;
      await el.updateComplete;
      const letter = el.state.documents.find((d) => d.document.kind === 'tolerance-commitment')!;
      expect(letter.digest).to.not.equal(unsigned);
      expect(letter.signatureImage).to.match(/^data:image\/png;base64,/);
      const image = el.shadowRoot!.querySelector<HTMLImageElement>('[data-kind="tolerance-commitment"] img.signature')!;
      await image.decode();
      expect(image.naturalWidth).to.equal(480);
      const stored = await store.getAttachment(letter.document.signed!.image!);
      expect(stored?.type).to.equal('image/png');
    });

    it('shows no signing without a store, and says why a signature failed without losing the case', async () => {
      const unsaved = await mount(tolerance());
      expect(unsaved.shadowRoot!.querySelector('[part~="signing"]')).to.equal(null);
      const store = await stores.open();
      const { case: kase } = await store.saveCase(tolerance());
      const el = await mount(kase, undefined, undefined, store);
      // The workstation locked itself (inactivity) while the applicant signed: nothing can be sealed or saved.
      store.lock();
      expect(await el.controller.sign('tolerance-commitment', 'applicant', { way: 'paper' })).to.equal(undefined);
      await el.updateComplete;
      const alert = el.shadowRoot!.querySelector('[role="alert"]')!.textContent!;
      expect(alert).to.contain('未能记录签字');
      // The store's reason, in the clerk's language: no English inside the Chinese sentence.
      expect(alert).to.not.match(/[A-Za-z]{3,}/);
      expect(el.state.toSign).to.deep.equal(['tolerance-commitment']);
    });
  });
});
