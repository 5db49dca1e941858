import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@yichuang/intake/define.js';
import { ItemFormChangeEvent, ItemFormController, type ItemForm } from '@yichuang/intake';
import { demoBundle, demoItem } from './support.js';

/** The field's control in the element. */
const control = (view: ItemForm, key: string) =>
  view.shadowRoot!.querySelector<HTMLInputElement & HTMLSelectElement>(
    `[data-field="${key}"] input, [data-field="${key}"] select, [data-field="${key}"] textarea`,
  )!;
const problemOf = (view: ItemForm, key: string) =>
  view.shadowRoot!.querySelector(`[data-field="${key}"] .problem`)?.textContent?.trim();

describe('ItemFormController', () => {
  it('asks a bundle’s shared field once, and counts what remains before the case can be accepted', () => {
    const form = new ItemFormController();
    form.load(demoBundle('newborn'));
    const keys = form.state.fields.map(({ field }) => field.key);
    expect(keys.filter((key) => key === 'child-birth-date')).to.have.length(1);
    const required = form.state.fields.filter((f) => f.required).length;
    expect(form.state.remaining).to.equal(required);
    form.set('applicant-name', '张三');
    expect(form.state.remaining).to.equal(required - 1);
    expect(form.state.edited).to.deep.equal(['applicant-name']);
  });

  it('reads a number as typed, keeps the text on screen, and says what is wrong only once the field is left', () => {
    const form = new ItemFormController();
    form.load(demoBundle('public-rental-housing'));
    form.set('household-income', '1,850.5');
    expect(form.state.answers['household-income']).to.equal(1850.5);
    expect(form.state.texts['household-income']).to.equal('1,850.5');
    form.set('household-size', '三');
    expect(form.state.problems).to.deep.equal({});
    form.touch('household-size');
    expect(form.state.problems['household-size']).to.equal('应填写数字');
    form.set('household-size', '30');
    expect(form.state.problems['household-size']).to.contain('20');
    // The host echoes the answers back: what is on screen stays as typed.
    form.set('household-income', '1850.');
    form.load(demoBundle('public-rental-housing'), { ...form.state.answers });
    expect(form.state.texts['household-income']).to.equal('1850.');
    expect(form.state.problems['household-size'], 'still shown after the echo').to.contain('20');
    form.configure('en-US');
    form.touchAll();
    expect(form.state.problems['housing-now']).to.equal('required');
    // Clearing an answer removes it.
    form.set('household-income', '  ');
    expect(form.state.answers).to.not.have.property('household-income');
  });
});

describe('<yc-item-form>', () => {
  it('shows the pre-filled answers, and announces each answer with the fields typed by hand', async () => {
    const items = demoBundle('newborn');
    const view = await fixture<ItemForm>(
      html`<yc-item-form
        .items=${items}
        .form=${{ 'applicant-name': '张三', 'applicant-id-number': '11010519491231002X' }}
        .prefilled=${['applicant-name', 'applicant-id-number']}
      ></yc-item-form>`,
    );
    expect(control(view, 'applicant-name').value).to.equal('张三');
    expect(view.shadowRoot!.querySelector('[data-field="applicant-name"]')!.textContent).to.contain('已按申请人');
    expect(view.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.match(/还有 \d+ 项未填好/);

    control(view, 'child-name').focus();
    const announced = oneEvent(view, ItemFormChangeEvent.type);
    await sendKeys({ type: '王小满' });
    const event = (await announced) as ItemFormChangeEvent;
    expect(event.detail.edited).to.deep.equal(['child-name']);
    await sendKeys({ press: 'Tab' });
    expect(view.controller.state.answers['child-name']).to.equal('王小满');
    expect(event.detail.complete).to.equal(false);

    // The birth date: typed with the keyboard into the date input.
    control(view, 'child-birth-date').focus();
    await sendKeys({ type: '11282026' });
    expect(view.controller.state.answers['child-birth-date']).to.equal('2026-11-28');
  });

  it('marks a wrong answer for assistive technology, and accepts a yes-no with the keyboard alone', async () => {
    const view = await fixture<ItemForm>(
      html`<yc-item-form .items=${[demoItem('tx-second-hand-house')]}></yc-item-form>`,
    );
    control(view, 'contact-phone').focus();
    await sendKeys({ type: '1392' });
    await sendKeys({ press: 'Tab' });
    await view.updateComplete;
    const phone = control(view, 'contact-phone');
    expect(phone.getAttribute('aria-invalid')).to.equal('true');
    expect(problemOf(view, 'contact-phone')).to.contain('手机号码');
    expect(phone.getAttribute('aria-describedby')).to.contain('field-contact-phone-problem');

    const yes = view.shadowRoot!.querySelector<HTMLInputElement>('[data-field="first-home"] input[type="radio"]')!;
    yes.focus();
    await sendKeys({ press: 'Space' });
    await view.updateComplete;
    expect(view.controller.state.answers['first-home']).to.equal(true);
    await sendKeys({ press: 'ArrowRight' });
    await view.updateComplete;
    expect(view.controller.state.answers['first-home']).to.equal(false);
  });

  it('says so when the items have no form, and completes when every field is answered', async () => {
    const view = await fixture<ItemForm>(html`<yc-item-form .items=${[]}></yc-item-form>`);
    expect(view.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.contain('没有需要填写的申请表');
    view.items = [demoItem('mi-relocation-filing')];
    view.form = {
      'applicant-name': '张三',
      'applicant-id-number': '11010519491231002X',
      'contact-phone': '13812345678',
    };
    await view.updateComplete;
    expect(view.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.contain('申请表已填写完整');
    view.locale = 'en-US';
    await view.updateComplete;
    expect(view.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.contain('complete');
  });
});
