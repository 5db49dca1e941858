import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/ui/define.js';
import type { Catalog } from '@yichuang/core';
import demoCatalog from '../packages/demo-catalog/generated/catalog.js';
import { longCatalog } from '../test/fixtures/catalog.js';

const catalog: Catalog = demoCatalog;

interface PickerArgs {
  catalog?: Catalog | string | Promise<Catalog>;
  query: string;
  locale: string;
  largeText: boolean;
  limit: number;
}

/**
 * `<yc-item-picker>`: find a service item or a bundle by Chinese, full pinyin or initials. Each story is one
 * state a clerk meets; every story is rendered and checked by axe in the test run.
 */
const meta: Meta<PickerArgs> = {
  title: 'Intake/Item picker',
  component: 'yc-item-picker',
  args: { catalog, query: '', locale: 'zh-CN', largeText: false, limit: 50 },
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
      limit=${args.limit}
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

/** Nothing matches: the clerk is told so, with a way forward. */
export const NoResult: Story = { args: { query: 'zzzzqq' } };

/** More matches than the limit: the count says how many, the list scrolls. */
export const LongList: Story = { args: { catalog: longCatalog(200), query: 'ylbx', limit: 40 } };

/** The catalog is still loading. */
export const Loading: Story = { args: { catalog: new Promise<Catalog>(() => {}) } };

/** The catalog could not be loaded: the reason is announced. */
export const LoadError: Story = { args: { catalog: '/no-such-catalog.json' } };

/** No catalog configured at all. */
export const NoCatalog: Story = { args: { catalog: undefined } };

/** The catalog has no items. */
export const EmptyCatalog: Story = { args: { catalog: { version: 'empty', items: [], bundles: [] } } };

/** Large-text mode (适老化). */
export const LargeText: Story = { args: { query: 'ylbx', largeText: true } };

/** English UI text. */
export const English: Story = { args: { query: 'ylbx', locale: 'en-US' } };
