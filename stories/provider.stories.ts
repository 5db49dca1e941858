import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/ui/define.js';
import demoCatalog from '../packages/demo-catalog/generated/catalog.js';

interface ProviderArgs {
  locale: string;
  largeText: boolean;
}

/**
 * `<yc-provider>` hands the catalog, the locale and large-text mode to every Yichuang element inside it.
 */
const meta: Meta<ProviderArgs> = {
  title: 'Shared/Provider',
  component: 'yc-provider',
  args: { locale: 'zh-CN', largeText: false },
  argTypes: { locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] } },
  render: (args) => html`
    <yc-provider locale=${args.locale} ?large-text=${args.largeText} .catalog=${demoCatalog}>
      <yc-item-picker .query=${'shebao'}></yc-item-picker>
    </yc-provider>
  `,
};
export default meta;

type Story = StoryObj<ProviderArgs>;

/** Two settings reach the picker from its provider. */
export const Configured: Story = {};

/** Large text for everything inside. */
export const LargeText: Story = { args: { largeText: true } };

/** English for everything inside. */
export const English: Story = { args: { locale: 'en-US' } };
