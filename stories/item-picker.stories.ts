import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/ui/define.js';
import type { Catalog } from '@yichuang/core';
import type { ItemPicker } from '@yichuang/ui';
import demoCatalog from '../packages/demo-catalog/generated/catalog.js';
import { longCatalog } from '../test/fixtures/catalog.js';

const catalog: Catalog = demoCatalog;

interface PickerArgs {
  catalog?: Catalog | string | Promise<Catalog>;
  query: string;
  locale: string;
  largeText: boolean;
  limit: number;
  clearOnSelect: boolean;
  /** Press Enter on the best hit once the catalog is ready: the state after a pick. */
  pick: boolean;
}

/** Picks the active option, as Enter does, once the picker has searched. */
function pickOnceReady(element: Element | undefined): void {
  const picker = element as ItemPicker | undefined;
  void picker?.catalogReady.then(async () => {
    await picker.updateComplete;
    picker.shadowRoot
      ?.querySelector('input')
      ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
  });
}

/** The demo catalog with its third item's name emptied: a malformed catalog, served as a data address. */
const malformed = (() => {
  const broken = structuredClone(catalog);
  broken.items[2]!.name = '';
  return `data:application/json,${encodeURIComponent(JSON.stringify(broken))}`;
})();

/**
 * `<yc-item-picker>`: find a service item or a bundle by Chinese, full pinyin or initials. Each story is one
 * state a clerk meets; every story is rendered and checked by axe in the test run.
 */
const meta: Meta<PickerArgs> = {
  title: 'Intake/Item picker',
  component: 'yc-item-picker',
  args: { catalog, query: '', locale: 'zh-CN', largeText: false, limit: 50, clearOnSelect: false, pick: false },
  argTypes: {
    catalog: { control: false },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => html`
    <yc-item-picker
      .catalog=${args.catalog}
      .query=${args.query}
      locale=${args.locale}
      ?large-text=${args.largeText}
      ?clear-on-select=${args.clearOnSelect}
      limit=${args.limit}
      ${ref(args.pick ? pickOnceReady : undefined)}
      @yc-item-select=${(event: Event) => console.info('yc-item-select', (event as CustomEvent).detail)}
    ></yc-item-picker>
  `,
};
export default meta;

type Story = StoryObj<PickerArgs>;

/** Nothing typed yet: the hint tells how to search. */
export const Empty: Story = {};

/** Initials: `ylbx` finds every item whose name holds 医疗保险, the match highlighted. */
export const ByInitials: Story = { args: { query: 'ylbx' } };

/** Full pinyin, with polyphones read as the catalog builder decided. */
export const ByPinyin: Story = { args: { query: 'chusheng' } };

/** Chinese; bundles (一件事) are listed beside the items. */
export const WithBundles: Story = { args: { query: '出生' } };

/** The result's name: people ask for 结婚证, not for 内地居民结婚登记; the matched word is shown and highlighted. */
export const ByResult: Story = { args: { query: '结婚证' } };

/** An everyday word: 营业执照 finds the company, the individual business and their changes, by their other names. */
export const ByEverydayWord: Story = { args: { query: '营业执照' } };

/** An everyday name by its initials: `sbk` for 社保卡, an alias of 社会保障卡申领. */
export const ByAlias: Story = { args: { query: 'sbk' } };

/** A life event finds its bundle: 生孩子 → 新生儿出生一件事. */
export const ByLifeEvent: Story = { args: { query: '生孩子' } };

/** A synonym: 房产证 finds the items written with 不动产权证书. */
export const BySynonym: Story = { args: { query: '房产证' } };

/** After Enter: the picker says what was chosen; the query stays, to refine it or pick again. */
export const Chosen: Story = { args: { query: 'ylbx', pick: true } };

/** After Enter with `clear-on-select`: the box is empty for the next item, the choice still shown. */
export const ChosenClearOnSelect: Story = { args: { query: 'xsecs', pick: true, clearOnSelect: true } };

/** Nothing matches: the clerk is told so, with a way forward. */
export const NoResult: Story = { args: { query: 'zzzzqq' } };

/** More matches than the limit: the count says how many, the list scrolls. */
export const LongList: Story = { args: { catalog: longCatalog(200), query: 'ylbx', limit: 40 } };

/** The catalog is still loading. */
export const Loading: Story = { args: { catalog: new Promise<Catalog>(() => {}) } };

/** The catalog's address answers 404: the clerk is told to have it checked, and can load it again. */
export const LoadError: Story = { args: { catalog: '/no-such-catalog.json' } };

/**
 * The catalog's address cannot be reached from this page: the network is down, or the hall does not allow this
 * page's origin (a browser cannot tell which); both are said.
 */
export const Unreachable: Story = { args: { catalog: 'http://127.0.0.1:9/catalog.json' } };

/** The catalog arrived but is malformed: where, in the catalog's own terms, with the technical detail below. */
export const Malformed: Story = { args: { catalog: malformed } };

/** No catalog configured at all. */
export const NoCatalog: Story = { args: { catalog: undefined } };

/** The catalog has no items. */
export const EmptyCatalog: Story = { args: { catalog: { version: 'empty', items: [], bundles: [] } } };

/** Large-text mode (适老化). */
export const LargeText: Story = { args: { query: 'ylbx', largeText: true } };

/** English UI text. */
export const English: Story = { args: { query: 'ylbx', locale: 'en-US' } };
