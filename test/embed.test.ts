// The promise DESIGN.md makes to district IT: one script tag in a legacy page whose global CSS restyles
// every element, and the component still looks and works as designed; a second copy does no harm.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';

const BUNDLE = '/packages/ui/dist/ui.standalone.js';
const CATALOG = '/packages/demo-catalog/generated/catalog.json';

const HOSTILE_CSS = `
  * { font-family: serif !important; font-size: 9px !important; color: red !important; line-height: 3 !important;
      letter-spacing: 4px !important; text-transform: uppercase !important; text-align: center !important;
      margin: 7px; padding: 7px; box-sizing: content-box; }
  input { border: 5px dotted red !important; height: 10px; background: yellow !important; }
  mark { background: black !important; color: white !important; }
  div, p, label { display: inline !important; }
  [role='option'] { display: none !important; }
`;

type PickerElement = HTMLElement & { catalogReady: Promise<void>; updateComplete: Promise<boolean> };

async function loadCopy(copy: string): Promise<{ UI_ELEMENTS: Record<string, CustomElementConstructor> }> {
  const url = `${BUNDLE}?copy=${copy}`;
  return import(/* @vite-ignore */ url);
}

describe('standalone bundle in a hostile legacy page', () => {
  const errors: string[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.message);
  let style: HTMLStyleElement;

  before(async () => {
    window.addEventListener('error', onError);
    style = document.createElement('style');
    style.textContent = HOSTILE_CSS;
    document.head.append(style);
    await loadCopy('first');
    await loadCopy('second');
  });

  after(() => {
    window.removeEventListener('error', onError);
    style.remove();
  });

  it('defines the elements once, and a second copy throws nothing', () => {
    expect(customElements.get('yc-item-picker')).to.be.a('function');
    expect(customElements.get('yc-provider')).to.be.a('function');
    expect(errors).to.deep.equal([]);
  });

  it("keeps its own look under the page's global CSS", async () => {
    const el = await fixture<PickerElement>(html`<yc-item-picker catalog=${CATALOG}></yc-item-picker>`);
    await el.catalogReady;
    await el.updateComplete;
    const root = el.shadowRoot!;
    const input = root.querySelector('input')!;
    const label = root.querySelector('label')!;
    const inputStyle = getComputedStyle(input);
    expect(inputStyle.fontSize).to.equal('16px');
    expect(inputStyle.fontFamily).to.contain('PingFang SC');
    expect(inputStyle.letterSpacing).to.equal('normal');
    expect(inputStyle.textTransform).to.equal('none');
    expect(inputStyle.borderTopStyle).to.equal('solid');
    expect(inputStyle.backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(input.getBoundingClientRect().height).to.be.at.least(40);
    expect(getComputedStyle(label).color).to.equal('rgb(27, 31, 36)');
    expect(getComputedStyle(label).display).to.equal('block');
    expect(getComputedStyle(root.querySelector('.root')!).textAlign).to.equal('start');
  });

  it('works: search by initials, highlight, keyboard pick, DOM event to the page', async () => {
    const el = await fixture<PickerElement>(html`<yc-item-picker catalog=${CATALOG}></yc-item-picker>`);
    await el.catalogReady;
    await el.updateComplete;
    el.shadowRoot!.querySelector('input')!.focus();
    await sendKeys({ type: 'ylbx' });
    await el.updateComplete;
    const options = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
    expect(options.length).to.be.greaterThan(0);
    expect(getComputedStyle(options[0]!).display).to.equal('flex');
    const mark = options[0]!.querySelector('mark')!;
    expect(mark.textContent).to.equal('医疗保险');
    expect(getComputedStyle(mark).backgroundColor).to.equal('rgb(253, 230, 138)');
    const heard = oneEvent(document, 'yc-item-select');
    await sendKeys({ press: 'Enter' });
    const event = (await heard) as CustomEvent<{ kind: string; item: { name: string } }>;
    expect(event.detail.kind).to.equal('item');
    expect(event.detail.item.name).to.contain('医疗保险');
  });

  it('a picker from one copy takes its configuration from a provider of another copy', async () => {
    const second = await loadCopy('second');
    if (!customElements.get('yc-provider-second')) {
      customElements.define('yc-provider-second', second.UI_ELEMENTS['yc-provider']!);
    }
    const wrapper = await fixture<HTMLElement>(html`
      <yc-provider-second locale="en-US" catalog=${CATALOG}><yc-item-picker></yc-item-picker></yc-provider-second>
    `);
    const el = wrapper.querySelector<PickerElement>('yc-item-picker')!;
    await el.updateComplete;
    await el.catalogReady;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('label')!.textContent).to.equal('Search service items or bundles');
    expect(el.shadowRoot!.querySelector('input')!.disabled).to.equal(false);
  });
});
