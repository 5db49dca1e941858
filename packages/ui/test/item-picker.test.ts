import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@yichuang/ui/define.js';
import type { ItemPicker, ItemSelectEvent } from '@yichuang/ui';
import { longCatalog, served, serviceItem, smallCatalog } from '../../../test/fixtures/catalog.js';

const shadow = (el: ItemPicker) => el.shadowRoot!;
const input = (el: ItemPicker) => shadow(el).querySelector('input')!;
const options = (el: ItemPicker) => [...shadow(el).querySelectorAll<HTMLElement>('[role="option"]')];
/** Options a clerk can see on screen (not merely present in the DOM). */
const visibleOptions = (el: ItemPicker) => options(el).filter((option) => option.checkVisibility());
const marks = (option: HTMLElement) => [...option.querySelectorAll('mark')].map((mark) => mark.textContent);
const message = (el: ItemPicker) => shadow(el).querySelector('[part="message"]')?.textContent?.trim() ?? '';
const status = (el: ItemPicker) => shadow(el).querySelector('[role="status"]')!.textContent!.trim();

async function picker(catalog: unknown = smallCatalog): Promise<ItemPicker> {
  const el = await fixture<ItemPicker>(html`<yc-item-picker .catalog=${catalog}></yc-item-picker>`);
  await el.catalogReady;
  await el.updateComplete;
  return el;
}

async function type(el: ItemPicker, text: string): Promise<void> {
  input(el).focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

describe('<yc-item-picker>', () => {
  describe('accessibility', () => {
    it('passes axe when empty', async () => {
      const el = await picker();
      await expect(el).to.be.accessible();
    });

    it('passes axe with results, bundles and a highlight open', async () => {
      const el = await picker();
      await type(el, 'cs');
      expect(visibleOptions(el).length).to.be.greaterThan(1);
      await expect(el).to.be.accessible();
    });

    it('passes axe in the no-result and error states', async () => {
      const el = await picker();
      await type(el, 'qqqq');
      await expect(el).to.be.accessible();
      const broken = await picker(served('{ not json'));
      await expect(broken).to.be.accessible();
    });

    it('labels the search box and links it to the list as a combobox', async () => {
      const el = await picker();
      const box = input(el);
      expect(shadow(el).querySelector('label')!.htmlFor).to.equal(box.id);
      expect(box.getAttribute('role')).to.equal('combobox');
      expect(box.getAttribute('aria-controls')).to.equal('listbox');
      expect(box.getAttribute('aria-expanded')).to.equal('false');
      await type(el, 'ylbx');
      expect(box.getAttribute('aria-expanded')).to.equal('true');
      expect(box.getAttribute('aria-activedescendant')).to.equal('option-0');
      expect(shadow(el).getElementById('option-0')!.getAttribute('aria-selected')).to.equal('true');
    });
  });

  describe('defaults', () => {
    it('says so and disables the box when no catalog is configured', async () => {
      const el = await fixture<ItemPicker>(html`<yc-item-picker></yc-item-picker>`);
      expect(message(el)).to.equal('尚未配置事项目录。');
      expect(input(el).disabled).to.equal(true);
    });

    it('speaks zh-CN by default and en-US when asked', async () => {
      const el = await picker();
      expect(shadow(el).querySelector('label')!.textContent).to.equal('搜索事项或一件事');
      el.locale = 'en-US';
      await el.updateComplete;
      expect(shadow(el).querySelector('label')!.textContent).to.equal('Search service items or bundles');
    });

    it('names the item type and a local subtype in the UI language', async () => {
      const filing = serviceItem(
        '9',
        '民办非企业单位章程核准备案',
        ['min', 'ban', 'fei', 'qi', 'ye', 'dan', 'wei', 'zhang', 'cheng', 'he', 'zhun', 'bei', 'an'],
        {
          type: '10',
          subtype: '行政备案',
        },
      );
      const el = await picker({ version: 'subtype', items: [filing, ...smallCatalog.items], bundles: [] });
      el.query = 'mbfqy';
      await el.updateComplete;
      const badge = () => visibleOptions(el)[0]!.querySelector('[part="badge"]')!.textContent;
      expect(badge()).to.equal('行政备案');
      el.locale = 'en-US';
      await el.updateComplete;
      expect(badge()).to.equal('Administrative filing');
      el.query = 'kuaiji';
      await el.updateComplete;
      expect(badge()).to.equal('Administrative licensing');
    });

    it('says when the catalog has no items', async () => {
      const el = await picker({ version: 'empty', items: [], bundles: [] });
      expect(message(el)).to.equal('事项目录中没有事项。');
    });
  });

  describe('searching', () => {
    it('finds items by initials and highlights the matched characters', async () => {
      const el = await picker();
      await type(el, 'ylbx');
      const shown = visibleOptions(el);
      expect(shown.map((o) => o.querySelector('.name')!.textContent)).to.deep.equal([
        '医疗保险参保登记',
        '城乡居民医疗保险缴费',
      ]);
      expect(marks(shown[0]!)).to.deep.equal(['医疗保险']);
      expect(marks(shown[1]!)).to.deep.equal(['医疗保险']);
    });

    it('finds by Chinese and by full pinyin, using the stored polyphone reading', async () => {
      const el = await picker();
      await type(el, 'kuaiji');
      expect(visibleOptions(el).map((o) => o.querySelector('.name')!.textContent)).to.deep.equal(['会计代理记账许可']);
      el.query = '出生';
      await el.updateComplete;
      expect(visibleOptions(el).map((o) => marks(o)[0])).to.deep.equal(['出生', '出生', '出生']);
    });

    it('shows the type badge and the promised limit, or 即办件', async () => {
      const el = await picker();
      await type(el, 'ylbx');
      const [first, second] = visibleOptions(el);
      expect(first!.querySelector('[part="badge"]')!.textContent).to.equal('行政确认');
      expect(first!.querySelector('.limit')!.textContent!.trim()).to.equal('承诺 5 个工作日');
      expect(second!.querySelector('.limit')!.textContent!.trim()).to.equal('即办件');
    });

    it('lists bundles beside items, marked as 一件事 with their item count', async () => {
      const el = await picker();
      await type(el, 'cs');
      const groups = [...shadow(el).querySelectorAll('[role="group"]')];
      expect(groups.map((g) => g.querySelector('.group-label')!.textContent)).to.deep.equal(['事项', '一件事']);
      const bundle = groups[1]!.querySelector('[role="option"]')!;
      expect(bundle.querySelector('[part="badge"]')!.textContent).to.equal('一件事');
      expect(bundle.querySelector('.limit')!.textContent).to.equal('含 3 个事项');
    });

    it('says so when nothing matches, quoting the query, in the live region', async () => {
      const el = await picker();
      await type(el, 'qqqq');
      expect(visibleOptions(el)).to.have.length(0);
      expect(status(el)).to.equal('没有找到与“qqqq”相关的事项。请检查输入，或改用首字母（如“医疗保险”输入 ylbx）。');
      expect(shadow(el).querySelector<HTMLElement>('[role="listbox"]')!.checkVisibility()).to.equal(false);
    });

    it('shows no empty list box before anything is typed', async () => {
      const el = await picker();
      expect(shadow(el).querySelector<HTMLElement>('[role="listbox"]')!.checkVisibility()).to.equal(false);
      expect(status(el)).to.equal('');
    });

    it('caps a long list and says how many there are in all', async () => {
      const el = await fixture<ItemPicker>(
        html`<yc-item-picker .catalog=${longCatalog(120)} limit="20"></yc-item-picker>`,
      );
      await el.catalogReady;
      await type(el, 'ylbx');
      expect(visibleOptions(el)).to.have.length(20);
      expect(status(el)).to.equal('找到 120 项，显示前 20 项。请输入更多文字缩小范围。');
      const list = shadow(el).querySelector<HTMLElement>('[role="listbox"]')!;
      expect(list.scrollHeight).to.be.greaterThan(list.clientHeight);
    });
  });

  describe('keyboard and events', () => {
    it('picks the active item with Enter and fires a composed, bubbling yc-item-select', async () => {
      const el = await picker();
      await type(el, 'ylbx');
      const heard = oneEvent(document, 'yc-item-select') as Promise<ItemSelectEvent>;
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      const event = await heard;
      expect(event.bubbles).to.equal(true);
      expect(event.composed).to.equal(true);
      expect(event.detail.kind).to.equal('item');
      expect(event.detail.kind === 'item' && event.detail.item.id).to.equal('2');
      await el.updateComplete;
      expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    });

    it('wraps around with the arrow keys and moves the active option into view', async () => {
      const el = await fixture<ItemPicker>(html`<yc-item-picker .catalog=${longCatalog(30)}></yc-item-picker>`);
      await el.catalogReady;
      await type(el, 'ylbx');
      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      expect(input(el).getAttribute('aria-activedescendant')).to.equal('option-29');
      const list = shadow(el).querySelector<HTMLElement>('[role="listbox"]')!;
      const active = shadow(el).getElementById('option-29')!;
      const listBox = list.getBoundingClientRect();
      const activeBox = active.getBoundingClientRect();
      expect(activeBox.bottom).to.be.at.most(listBox.bottom + 1);
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(input(el).getAttribute('aria-activedescendant')).to.equal('option-0');
    });

    it('moves five at a time with Page Up/Down, stopping at the ends', async () => {
      const el = await fixture<ItemPicker>(html`<yc-item-picker .catalog=${longCatalog(12)}></yc-item-picker>`);
      await el.catalogReady;
      await type(el, 'ylbx');
      const active = () => input(el).getAttribute('aria-activedescendant');
      await sendKeys({ press: 'PageDown' });
      await el.updateComplete;
      expect(active()).to.equal('option-5');
      await sendKeys({ press: 'PageDown' });
      await sendKeys({ press: 'PageDown' });
      await el.updateComplete;
      expect(active()).to.equal('option-11');
      await sendKeys({ press: 'PageUp' });
      await el.updateComplete;
      expect(active()).to.equal('option-6');
      await sendKeys({ press: 'PageUp' });
      await sendKeys({ press: 'PageUp' });
      await el.updateComplete;
      expect(active()).to.equal('option-0');
    });

    it('does not scroll the page when it re-renders without moving the active option', async () => {
      const el = await fixture<ItemPicker>(html`<yc-item-picker .catalog=${smallCatalog}></yc-item-picker>`);
      await el.catalogReady;
      await type(el, 'ylbx');
      const spacer = document.createElement('div');
      spacer.style.height = '3000px';
      document.body.append(spacer);
      window.scrollTo(0, 2500);
      el.label = '搜索事项';
      await el.updateComplete;
      expect(window.scrollY).to.equal(2500);
      spacer.remove();
    });

    it('picks a bundle with its items in intake order', async () => {
      const el = await picker();
      await type(el, 'xsecs');
      const heard = oneEvent(el, 'yc-item-select') as Promise<ItemSelectEvent>;
      await sendKeys({ press: 'Enter' });
      const { detail } = await heard;
      expect(detail.kind).to.equal('bundle');
      if (detail.kind !== 'bundle') return;
      expect(detail.bundle.id).to.equal('newborn');
      expect(detail.items.map((item) => item.id)).to.deep.equal(['3', '4', '1']);
    });

    it('closes the list with Esc, and clears the query with a second Esc', async () => {
      const el = await picker();
      await type(el, 'ylbx');
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(visibleOptions(el)).to.have.length(0);
      expect(input(el).value).to.equal('ylbx');
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(visibleOptions(el)).to.have.length(2);
      await sendKeys({ press: 'Escape' });
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(input(el).value).to.equal('');
    });

    it('picks an option by mouse too', async () => {
      const el = await picker();
      await type(el, 'ylbx');
      const heard = oneEvent(el, 'yc-item-select') as Promise<ItemSelectEvent>;
      visibleOptions(el)[1]!.click();
      const { detail } = await heard;
      expect(detail.kind === 'item' && detail.item.name).to.equal('城乡居民医疗保险缴费');
    });

    it('fires nothing on Enter once the list is closed', async () => {
      const el = await picker();
      await type(el, 'ylbx');
      await sendKeys({ press: 'Escape' });
      let fired = false;
      el.addEventListener('yc-item-select', () => (fired = true));
      await sendKeys({ press: 'Enter' });
      expect(fired).to.equal(false);
    });

    it('leaves the keys to the input method while it composes', async () => {
      const el = await picker();
      await type(el, 'ylbx');
      const composing = (key: string) =>
        new KeyboardEvent('keydown', { key, isComposing: true, bubbles: true, cancelable: true, composed: true });
      for (const key of ['ArrowDown', 'Escape', 'Enter']) {
        const event = composing(key);
        input(el).dispatchEvent(event);
        expect(event.defaultPrevented, key).to.equal(false);
      }
      await el.updateComplete;
      expect(input(el).getAttribute('aria-activedescendant')).to.equal('option-0');
      expect(visibleOptions(el)).to.have.length(2);
    });

    it('fires nothing on Enter when nothing matches', async () => {
      const el = await picker();
      await type(el, 'qqqq');
      let fired = false;
      el.addEventListener('yc-item-select', () => (fired = true));
      await sendKeys({ press: 'Enter' });
      expect(fired).to.equal(false);
    });
  });

  describe('catalog by address', () => {
    it('loads and validates a catalog JSON', async () => {
      const el = await picker(served(smallCatalog));
      expect(input(el).disabled).to.equal(false);
      await type(el, 'ylbx');
      expect(visibleOptions(el)).to.have.length(2);
    });

    it('explains a catalog that is not JSON, one that breaks the schema, and a missing one', async () => {
      const notJson = await picker(served('{ not json'));
      expect(shadow(notJson).querySelector('[role="alert"]')!.textContent).to.equal(
        '事项目录无法载入：目录格式不正确（位置 (root)）。',
      );
      const bad = structuredClone(smallCatalog) as { items: { promisedLimit: unknown }[] };
      bad.items[1]!.promisedLimit = { value: -3, unit: 'working-days' };
      const invalid = await picker(served(bad));
      expect(shadow(invalid).querySelector('[role="alert"]')!.textContent).to.contain('items.1.promisedLimit.value');
      const missing = await picker('/no/such/catalog.json');
      expect(shadow(missing).querySelector('[role="alert"]')!.textContent).to.equal(
        '事项目录无法载入：服务器返回 404。',
      );
      expect(input(missing).disabled).to.equal(true);
    });
  });

  describe('<yc-provider>', () => {
    it('hands catalog and locale to the picker', async () => {
      const root = await fixture<HTMLElement>(html`
        <yc-provider locale="en-US" .catalog=${smallCatalog}><yc-item-picker></yc-item-picker></yc-provider>
      `);
      const el = root.querySelector('yc-item-picker')!;
      await el.catalogReady;
      await el.updateComplete;
      expect(shadow(el).querySelector('label')!.textContent).to.equal('Search service items or bundles');
      await type(el, 'ylbx');
      expect(visibleOptions(el)[0]!.querySelector('.limit')!.textContent!.trim()).to.equal(
        'Promised in 5 working days',
      );
      expect(status(el)).to.equal('2 found.');
      el.query = 'xsecs';
      await el.updateComplete;
      expect(visibleOptions(el)[0]!.querySelector('.limit')!.textContent!.trim()).to.equal('3 items');
      expect(status(el)).to.equal('1 found.');
    });

    it('large-text mode makes the text and the targets bigger', async () => {
      const root = await fixture<HTMLElement>(html`
        <div>
          <yc-provider .catalog=${smallCatalog}><yc-item-picker></yc-item-picker></yc-provider>
          <yc-provider large-text .catalog=${smallCatalog}><yc-item-picker></yc-item-picker></yc-provider>
        </div>
      `);
      const [normal, large] = [...root.querySelectorAll('yc-item-picker')];
      await Promise.all([normal!.catalogReady, large!.catalogReady]);
      await Promise.all([normal!.updateComplete, large!.updateComplete]);
      const size = (el: ItemPicker) => parseFloat(getComputedStyle(input(el)).fontSize);
      const height = (el: ItemPicker) => input(el).getBoundingClientRect().height;
      expect(size(large!) / size(normal!)).to.be.closeTo(1.375, 0.01);
      expect(height(large!)).to.be.greaterThan(height(normal!));
      expect(height(large!)).to.be.at.least(44);
    });

    it("the picker's own large-text attribute works without a provider", async () => {
      const el = await fixture<ItemPicker>(html`<yc-item-picker large-text .catalog=${smallCatalog}></yc-item-picker>`);
      await el.catalogReady;
      await el.updateComplete;
      expect(parseFloat(getComputedStyle(input(el)).fontSize)).to.be.closeTo(22, 0.1);
    });
  });
});
