import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '@yichuang/ui/define.js';
import type { CatalogErrorEvent, ItemPicker, ItemSelectEvent } from '@yichuang/ui';
import demoCatalog from '../../demo-catalog/generated/catalog.js';
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

    const alert = (el: ItemPicker) => shadow(el).querySelector('[role="alert"] p')!.textContent!.trim();

    it('explains a catalog that is not JSON, one that breaks the schema, and a missing one, in a clerk’s words', async () => {
      const notJson = await picker(served('{ not json'));
      expect(alert(notJson)).to.match(/^取到的文件不是事项目录（blob:.*）。请联系大厅管理员核对目录地址。$/);

      const bad = structuredClone(smallCatalog) as { items: { promisedLimit: unknown }[] };
      bad.items[1]!.promisedLimit = { value: -3, unit: 'working-days' };
      const invalid = await picker(served(bad));
      expect(alert(invalid)).to.equal(
        '事项目录有误，暂不能使用：第 2 个事项“城乡居民医疗保险缴费”的“承诺办结时限”不符合要求。请联系大厅管理员修正目录。',
      );
      // The technical detail stays at hand, in the clerk's language, below.
      expect(shadow(invalid).querySelector('.detail')!.textContent).to.contain('不能小于 0');
      const badVersion = { ...smallCatalog, version: '' };
      expect(alert(await picker(served(badVersion)))).to.equal(
        '事项目录有误，暂不能使用：目录的“版本号”不符合要求。请联系大厅管理员修正目录。',
      );

      const missing = await picker('/no/such/catalog.json');
      expect(alert(missing)).to.equal(
        `大厅服务器上没有这个事项目录地址（${location.origin}/no/such/catalog.json，HTTP 404）。请联系大厅管理员核对目录地址。`,
      );
      expect(input(missing).disabled).to.equal(true);
    });

    it('cannot tell a refused origin from a network failure, and says both, naming this page’s origin', async () => {
      // Nothing listens on port 9 of this machine: the fetch fails as a cross-origin block does.
      const unreachable = await picker('http://127.0.0.1:9/catalog.json');
      expect(alert(unreachable)).to.equal(
        `无法从本页面取得事项目录（http://127.0.0.1:9/catalog.json）：可能是网络中断，也可能是大厅服务器不允许本页面（${location.origin}）访问。请检查网络后重试；仍不行请联系大厅管理员。`,
      );
      await expect(unreachable).to.be.accessible();
    });

    it('tells the host page with a typed event, once per failure', async () => {
      const heard: CatalogErrorEvent[] = [];
      const el = await fixture<ItemPicker>(
        html`<yc-item-picker
          catalog="/no/such/catalog.json"
          @yc-catalog-error=${(event: CatalogErrorEvent) => heard.push(event)}
        ></yc-item-picker>`,
      );
      await el.catalogReady;
      await el.updateComplete;
      el.label = '搜索';
      await el.updateComplete;
      expect(heard).to.have.length(1);
      expect(heard[0]!.bubbles && heard[0]!.composed).to.equal(true);
      expect(heard[0]!.detail).to.deep.include({
        reason: 'http',
        status: 404,
        url: `${location.origin}/no/such/catalog.json`,
        origin: location.origin,
      });
    });

    it('loads the catalog again from the retry button, and works once it comes', async () => {
      const realFetch = window.fetch;
      let calls = 0;
      // The network is down for the first request only.
      window.fetch = (...args) =>
        ++calls === 1 ? Promise.reject(new TypeError('Failed to fetch')) : realFetch(...args);
      try {
        const el = await picker(served(smallCatalog));
        expect(alert(el)).to.contain('可能是网络中断');
        const retry = shadow(el).querySelector<HTMLButtonElement>('[part="retry"]')!;
        expect(retry.textContent!.trim()).to.equal('重新载入事项目录');
        retry.focus();
        await sendKeys({ press: 'Enter' });
        await el.catalogReady;
        await el.updateComplete;
        expect(calls).to.equal(2);
        expect(shadow(el).querySelector('[role="alert"]')).to.equal(null);
        expect(input(el).disabled).to.equal(false);
        await type(el, 'ylbx');
        expect(visibleOptions(el)).to.have.length(2);
      } finally {
        window.fetch = realFetch;
      }
    });
  });

  describe('in a clerk’s hands', () => {
    it('says what was chosen after Enter, and keeps the query by default', async () => {
      const el = await picker();
      await type(el, 'ylbx');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(status(el)).to.equal('已选择：医疗保险参保登记');
      expect(shadow(el).querySelector('[role="status"]')!.classList.contains('chosen')).to.equal(true);
      expect(input(el).value).to.equal('ylbx');
      expect(el.selection?.kind === 'item' && el.selection.item.name).to.equal('医疗保险参保登记');
      // Typing again searches again; the count replaces the note.
      await sendKeys({ press: 'Backspace' });
      await el.updateComplete;
      expect(status(el)).to.match(/^找到 \d+ 项/);
    });

    it('clears the query after a pick with clear-on-select, still saying what was chosen', async () => {
      const el = await fixture<ItemPicker>(
        html`<yc-item-picker clear-on-select .catalog=${smallCatalog}></yc-item-picker>`,
      );
      await el.catalogReady;
      await type(el, 'xsecs');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(input(el).value).to.equal('');
      expect(status(el)).to.equal('已选择一件事：新生儿出生一件事（含 3 个事项）');
      expect(visibleOptions(el)).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('holds the list still while a real input method composes, and searches what it commits', async () => {
      const el = await picker(demoCatalog);
      await type(el, 'yl');
      const before = visibleOptions(el).map((option) => option.textContent);
      expect(before.length).to.be.above(0);
      let renders = 0;
      const watcher = new MutationObserver(() => renders++);
      watcher.observe(shadow(el).querySelector('#listbox')!, { subtree: true, childList: true, characterData: true });
      const seen: string[] = [];
      for (const name of ['compositionstart', 'compositionend'])
        input(el).addEventListener(name, () => seen.push(name));

      input(el).select();
      for (const text of ['s', "she'b", "she'bao"]) await executeServerCommand('ime-compose', { text });
      await el.updateComplete;
      expect(seen).to.deep.equal(['compositionstart']);
      expect(input(el).value).to.equal("she'bao");
      expect(visibleOptions(el).map((option) => option.textContent)).to.deep.equal(before);
      expect(renders).to.equal(0);

      await executeServerCommand('ime-commit', { text: '社保' });
      await el.updateComplete;
      watcher.disconnect();
      expect(seen).to.deep.equal(['compositionstart', 'compositionend']);
      expect(input(el).value).to.equal('社保');
      expect(el.query).to.equal('社保');
      expect(visibleOptions(el)[0]!.textContent).to.match(/社会保险|社会保障|社保/);
    });

    it('opens the list over the page: nothing below the picker moves as results come and go', async () => {
      const root = await fixture<HTMLElement>(
        html`<div style="width: 640px">
          <yc-item-picker .catalog=${smallCatalog}></yc-item-picker>
          <p id="below">下一个字段</p>
        </div>`,
      );
      const el = root.querySelector('yc-item-picker')!;
      await el.catalogReady;
      await el.updateComplete;
      const below = () => root.querySelector('#below')!.getBoundingClientRect().top;
      const width = () => el.getBoundingClientRect().width;
      const at = [below()];
      const widths = [width()];
      for (const text of ['y', 'l', 'b', 'x']) {
        await type(el, text);
        at.push(below());
        widths.push(width());
      }
      expect(visibleOptions(el).length).to.be.above(0);
      await type(el, 'qqqq');
      at.push(below());
      expect(new Set(at).size, at.join(', ')).to.equal(1);
      expect(new Set(widths).size).to.equal(1);
    });

    it('shows the word that matched when it was the result or an alias, highlighted', async () => {
      const el = await picker(demoCatalog);
      const via = () =>
        visibleOptions(el).map((option) => {
          const part = option.querySelector('[part="via"]');
          return (
            part && { text: part.textContent, marks: [...part.querySelectorAll('mark')].map((m) => m.textContent) }
          );
        });
      await type(el, '结婚证');
      expect(via()[0]).to.deep.equal({ text: '办理结果结婚证', marks: ['结婚证'] });
      expect(visibleOptions(el)[0]!.querySelector('.name')!.textContent).to.equal('内地居民结婚登记');
      input(el).select();
      await type(el, 'sbk');
      expect(via()[0]!.text).to.match(/^又称.*社保卡/);
      expect(via()[0]!.marks).to.deep.equal(['社保卡']);
      await expect(el).to.be.accessible();
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
