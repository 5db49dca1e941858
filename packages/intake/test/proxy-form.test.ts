import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@yichuang/intake/define.js';
import { SimulatedIdCardReader } from '@yichuang/devices';
import { ProxyChangeEvent, ProxyFormController, type ProxyForm } from '@yichuang/intake';
import { NOW } from './support.js';

/** A man born 12 March 1985, with a correct check character. */
const MAN = '110105198503124013';
const now = () => NOW; // 7 December 2026, China time

/** A proxy with a power of attorney, every field typed. */
function typed(form: ProxyFormController, validUntil = '2027-06-30'): void {
  form.set('name', '王五');
  form.set('idNumber', MAN);
  form.set('phone', '139 0013 9000');
  form.set('relation', '子女');
  form.set('scope', '代为办理公租房申请');
  form.set('validUntil', validUntil);
}

describe('ProxyFormController', () => {
  it('gives a proxy with their authorisation, in canonical form, once every field passes', () => {
    const form = new ProxyFormController({ now });
    typed(form);
    expect(form.state.proxy).to.deep.equal({
      name: '王五',
      idType: 'resident-id',
      idNumber: MAN,
      phone: '13900139000',
      relation: '子女',
      authorisation: { kind: 'power-of-attorney', scope: '代为办理公租房申请', validUntil: '2027-06-30' },
    });
    expect(form.state.lapsed).to.equal(undefined);
  });

  it('asks a power of attorney for its scope, in the clerk’s language; a guardian needs none', () => {
    const form = new ProxyFormController({ now });
    typed(form);
    form.set('scope', '  ');
    form.touch('scope');
    expect(form.state.proxy).to.equal(undefined);
    expect(form.state.problems).to.deep.equal({ scope: '授权委托书应写明委托事项' });
    form.configure({ locale: 'en-US' });
    expect(form.state.problems.scope).to.equal('a power of attorney must say what it empowers the proxy to do');
    // A guardian acts by law: the scope and term typed for a power of attorney do not go with it.
    form.set('authorisationKind', 'guardian');
    expect(form.state.proxy?.authorisation).to.deep.equal({ kind: 'guardian' });
  });

  it('puts each problem under its field, only once left or submitted', () => {
    const form = new ProxyFormController({ now });
    typed(form);
    form.set('idNumber', '110105198503124014');
    form.set('validUntil', '2027-02-30');
    form.set('relation', '');
    expect(form.state.problems).to.deep.equal({});
    expect(form.submit()).to.equal(undefined);
    expect(form.state.problems.idNumber).to.equal('居民身份号码校验位不符，号码可能录错，请与证件核对。');
    expect(form.state.problems.validUntil).to.equal('应为实际存在的日期，格式为 YYYY-MM-DD，例如 2025-03-01');
    expect(form.state.problems.relation).to.be.a('string');
    expect(Object.keys(form.state.problems).sort()).to.deep.equal(['idNumber', 'relation', 'validUntil']);
  });

  it('says in the core’s words when the authorisation’s term is over, and still gives the proxy', () => {
    const form = new ProxyFormController({ now });
    typed(form, '2026-12-06');
    expect(form.state.proxy?.authorisation.validUntil).to.equal('2026-12-06');
    expect(form.state.lapsed).to.equal(
      '代理人的授权已于 2026-12-06 到期（今天是 2026-12-07），不能受理。请代理人提供有效的授权，或由申请人本人办理；可以一次性告知或不予受理。',
    );
    form.set('validUntil', '2026-12-07');
    expect(form.state.lapsed).to.equal(undefined);
  });

  it('refuses a proxy’s card whose sex disagrees with the number, and loads a proxy recorded before', () => {
    const form = new ProxyFormController({ now });
    typed(form);
    form.fillFromCard({ name: '王五', idNumber: MAN, sex: 'female', birthDate: '1985-03-12' });
    expect(form.state.fromCard).to.equal(true);
    expect(form.state.proxy).to.equal(undefined);
    expect(form.state.problems.idNumber).to.contain('男性');
    form.load({
      name: '赵六',
      idType: 'resident-id',
      idNumber: MAN,
      phone: '13900139000',
      relation: '员工',
      authorisation: { kind: 'helper-desk', reference: 'BB-2026-0012' },
    });
    expect(form.state.fields).to.deep.include({
      name: '赵六',
      authorisationKind: 'helper-desk',
      reference: 'BB-2026-0012',
    });
    expect(form.state.fromCard).to.equal(false);
    expect(form.state.proxy?.name).to.equal('赵六');
  });
});

const shadow = (el: ProxyForm) => el.shadowRoot!;
const input = (el: ProxyForm, field: string) =>
  shadow(el).querySelector<HTMLInputElement>(`[data-field="${field}"] input`)!;
const textOf = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<yc-proxy-form>', () => {
  it('is typed by keyboard alone, checked as the clerk leaves a field, and announces the proxy', async () => {
    const el = await fixture<ProxyForm>(html`<yc-proxy-form .now=${now}></yc-proxy-form>`);
    const changes: ProxyChangeEvent[] = [];
    el.addEventListener(ProxyChangeEvent.type, (event) => changes.push(event));
    input(el, 'name').focus();
    await sendKeys({ type: '王五' });
    await sendKeys({ press: 'Tab' }); // the document type
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: MAN });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '13900139000' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '子女' });
    await sendKeys({ press: 'Tab' }); // the authorisation kind
    await sendKeys({ press: 'Tab' }); // its number
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' }); // the scope, left empty
    await el.updateComplete;
    expect(textOf(shadow(el).querySelector('[data-field="scope"] [part~="problem"]'))).to.equal(
      '授权委托书应写明委托事项',
    );
    expect(input(el, 'scope').getAttribute('aria-invalid')).to.equal('true');
    expect(changes).to.have.length(0);
    await expect(el).to.be.accessible();
    input(el, 'scope').focus();
    await sendKeys({ type: '代为办理公租房申请' });
    await el.updateComplete;
    expect(changes.at(-1)?.detail.proxy).to.deep.include({ name: '王五', idNumber: MAN, relation: '子女' });
    expect(shadow(el).querySelector('[part~="lapsed"]')).to.equal(null);
  });

  it('warns of a lapsed authorisation, and hides scope and term for a guardian', async () => {
    const el = await fixture<ProxyForm>(html`<yc-proxy-form locale="en-US" .now=${now}></yc-proxy-form>`);
    typed(el.controller, '2026-11-30');
    await el.updateComplete;
    expect(textOf(shadow(el).querySelector('[part~="lapsed"]'))).to.match(
      /^The proxy’s authorisation ran out on 2026-11-30 \(today is 2026-12-07\)/,
    );
    await expect(el).to.be.accessible();
    const kind = shadow(el).querySelector<HTMLSelectElement>('[data-field="authorisationKind"] select')!;
    kind.value = 'guardian';
    kind.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(shadow(el).querySelector('[data-field="scope"]')).to.equal(null);
    expect(shadow(el).querySelector('[part~="lapsed"]')).to.equal(null);
    expect(el.state.proxy?.authorisation).to.deep.equal({ kind: 'guardian' });
  });

  it('reads the proxy’s ID card', async () => {
    const reader = new SimulatedIdCardReader({
      cards: [{ name: '王五', idNumber: MAN, sex: 'male', birthDate: '1985-03-12' }],
    });
    const el = await fixture<ProxyForm>(html`<yc-proxy-form .now=${now} .reader=${reader}></yc-proxy-form>`);
    shadow(el).querySelector<HTMLButtonElement>('[part~="read-card"]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await el.updateComplete;
    expect(input(el, 'name').value).to.equal('王五');
    expect(input(el, 'idNumber').value).to.equal(MAN);
    expect(el.state.fromCard).to.equal(true);
  });
});
