import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@yichuang/intake/define.js';
import { SimulatedIdCardReader } from '@yichuang/devices';
import { ApplicantChangeEvent, ApplicantFormController, type ApplicantForm } from '@yichuang/intake';
import { NOW } from './support.js';

/** Resident numbers with correct check characters: a woman born 31 December 1949, a man born 12 March 1985. */
const WOMAN = '11010519491231002X';
const MAN = '110105198503124013';
/** A credit code that passes, and one that fails only its check character (as some early-pilot codes do). */
const GOOD_USCC = '91350100M000100Y43';
const PILOT_USCC = '91350100M000100Y44';

const now = () => NOW;

describe('ApplicantFormController', () => {
  it('gives a valid person, in canonical form, once name and number pass', () => {
    const form = new ApplicantFormController({ clerk: 'clerk01', now });
    form.set('name', '张三');
    form.set('idNumber', WOMAN.toLowerCase());
    expect(form.state.applicant).to.deep.include({ kind: 'person', idNumber: WOMAN });
    expect(form.state.holder).to.deep.equal({ birthDate: '1949-12-31', sex: 'female' });
  });

  it('says what is wrong in the clerk’s language, only for fields left or on submit', () => {
    const form = new ApplicantFormController({ clerk: 'clerk01', now });
    form.set('idNumber', '110105194912310021');
    expect(form.state.problems).to.deep.equal({});
    form.touch('idNumber');
    expect(form.state.problems.idNumber).to.equal('居民身份号码校验位不符，号码可能录错，请与证件核对。');
    // A mistyped number says nothing of its holder.
    expect(form.state.holder).to.equal(undefined);
    expect(form.submit()).to.equal(undefined);
    expect(form.state.problems.name).to.be.a('string');
    form.configure({ locale: 'en-US' });
    expect(form.state.problems.idNumber).to.match(/^A resident ID number|check/);
    expect(form.state.problems.idNumber).to.not.match(/[\u4e00-\u9fff]/);
  });

  it('refuses a card whose date of birth or sex disagrees with its number', () => {
    const form = new ApplicantFormController({ clerk: 'clerk01', now });
    form.fillFromCard({ name: '李四', idNumber: MAN, sex: 'female', birthDate: '1985-03-12' });
    expect(form.state.fromCard).to.equal(true);
    expect(form.state.applicant).to.equal(undefined);
    expect(form.state.problems.idNumber).to.contain('男性');
    form.fillFromCard({ name: '李四', idNumber: MAN, sex: 'male', birthDate: '1985-03-12', address: '天津市和平区' });
    expect(form.state.applicant).to.deep.include({ name: '李四', address: '天津市和平区' });
  });

  it('takes an early-pilot credit code only with the clerk’s confirmation, recorded', () => {
    const form = new ApplicantFormController({ clerk: 'clerk01', now });
    form.setKind('organisation');
    form.set('name', '天津市某某科技有限公司');
    form.set('representativeName', '王五');
    form.set('representativeIdNumber', MAN);
    form.set('uscc', GOOD_USCC);
    expect(form.state.usccConfirmable).to.equal(false);
    expect(form.state.applicant).to.deep.include({ kind: 'organisation', uscc: GOOD_USCC });
    form.set('uscc', PILOT_USCC);
    expect(form.state.usccConfirmable).to.equal(true);
    expect(form.state.applicant).to.equal(undefined);
    form.set('usccConfirmed', true);
    form.submit();
    expect(form.state.applicant).to.equal(undefined);
    expect(form.state.problems.usccConfirmReason).to.be.a('string');
    form.set('usccConfirmReason', '与营业执照原件核对一致');
    expect(form.state.applicant).to.deep.include({
      usccConfirmed: { by: 'clerk01', at: NOW.toISOString(), reason: '与营业执照原件核对一致' },
    });
    // A confirmation left ticked does not go with a code that passes.
    form.set('uscc', GOOD_USCC);
    expect(form.state.applicant).to.not.have.property('usccConfirmed');
  });

  it('loads an applicant recorded before, person or organisation', () => {
    const form = new ApplicantFormController();
    form.load({ kind: 'person', name: '张三', idType: 'resident-id', idNumber: WOMAN, phone: '13912345678' });
    expect(form.state.fields).to.deep.include({ name: '张三', phone: '13912345678' });
    form.load({
      kind: 'organisation',
      name: '某公司',
      uscc: GOOD_USCC,
      legalRepresentative: { name: '王五', idType: 'resident-id', idNumber: MAN },
    });
    expect(form.state.fields).to.deep.include({ kind: 'organisation', representativeName: '王五' });
    form.load(undefined);
    expect(form.state.fields.name).to.equal('');
  });
});

const shadow = (el: ApplicantForm) => el.shadowRoot!;
const input = (el: ApplicantForm, field: string) =>
  shadow(el).querySelector<HTMLInputElement>(`[data-field="${field}"] input`)!;
const textOf = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<yc-applicant-form>', () => {
  it('is typed by keyboard, checked as the clerk leaves a field, and announces the applicant', async () => {
    const el = await fixture<ApplicantForm>(html`<yc-applicant-form clerk="clerk01" .now=${now}></yc-applicant-form>`);
    const changes: ApplicantChangeEvent[] = [];
    el.addEventListener(ApplicantChangeEvent.type, (event) => changes.push(event));
    input(el, 'name').focus();
    await sendKeys({ type: '张三' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '110105194912310021' });
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    const problem = shadow(el).querySelector('[data-field="idNumber"] [part~="problem"]');
    expect(textOf(problem)).to.contain('校验位不符');
    expect(input(el, 'idNumber').getAttribute('aria-invalid')).to.equal('true');
    expect(changes).to.have.length(0);
    await expect(el).to.be.accessible();
    input(el, 'idNumber').focus();
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: 'X' });
    await el.updateComplete;
    expect(changes.at(-1)?.detail.applicant).to.deep.include({ name: '张三', idNumber: WOMAN });
    expect(textOf(shadow(el).querySelector('[part~="holder"]')))
      .to.contain('1949-12-31')
      .and.contain('女');
  });

  it('reads the ID card, and says so when the reader cannot', async () => {
    const reader = new SimulatedIdCardReader({
      cards: ['offline', { name: '李四', idNumber: MAN, sex: 'male', birthDate: '1985-03-12' }],
    });
    const el = await fixture<ApplicantForm>(
      html`<yc-applicant-form clerk="clerk01" .now=${now} .reader=${reader}></yc-applicant-form>`,
    );
    const button = shadow(el).querySelector<HTMLButtonElement>('[part~="read-card"]')!;
    button.click();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await el.updateComplete;
    expect(textOf(shadow(el).querySelector('[role="alert"]'))).to.contain('读卡器未连接');
    const announced = new Promise<ApplicantChangeEvent>((resolve) =>
      el.addEventListener(ApplicantChangeEvent.type, resolve, { once: true }),
    );
    button.click();
    expect((await announced).detail.applicant).to.deep.include({ name: '李四', idNumber: MAN });
    await el.updateComplete;
    expect(input(el, 'name').value).to.equal('李四');
    expect(shadow(el).querySelector('[role="alert"]')).to.equal(null);
  });

  it('asks the clerk to confirm an early-pilot credit code, in English too', async () => {
    const el = await fixture<ApplicantForm>(
      html`<yc-applicant-form clerk="clerk01" locale="en-US" .now=${now}></yc-applicant-form>`,
    );
    el.controller.setKind('organisation');
    el.controller.set('uscc', PILOT_USCC);
    await el.updateComplete;
    const confirm = shadow(el).querySelector('[part~="confirm"]')!;
    expect(textOf(confirm)).to.contain('original business licence');
    await expect(el).to.be.accessible();
  });
});
