import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/intake/define.js';
import type { CaseMaterial } from '@yichuang/core';
import { checkedMaterials, demoItems } from './support/intake-scenes.js';

interface ChecklistArgs {
  /** A demo item or bundle. */
  items: string;
  materials: CaseMaterial[];
  locale: string;
  largeText: boolean;
}

/** 公（廉）租房申请一件事, part checked: the ID card as an e-licence, a contract tolerated, a copy that needs a seal. */
const rentalChecked = checkedMaterials(
  demoItems('public-rental-housing'),
  { 'resident-id-card': 'e-licence', 'labour-contract': 'tolerated', 'housing-status-commitment': 'commitment' },
  { 'family-income-declaration': '缺少申请人签字' },
  'unchecked',
);

/**
 * `<yc-material-checklist>`: the material check of an intake (材料核验). A bundle's shared materials are asked once,
 * with the items that need them; each material offers only the receipts the core allows. Every story is rendered and
 * checked by axe.
 */
const meta: Meta<ChecklistArgs> = {
  title: 'Intake/Material checklist',
  component: 'yc-material-checklist',
  args: { items: 'mi-relocation-filing', materials: [], locale: 'zh-CN', largeText: false },
  argTypes: {
    items: { control: 'select', options: ['mi-relocation-filing', 'public-rental-housing', 'newborn'] },
    materials: { control: false },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => html`
    <yc-material-checklist
      .items=${args.items ? demoItems(args.items) : []}
      .materials=${args.materials}
      locale=${args.locale}
      ?large-text=${args.largeText}
    ></yc-material-checklist>
  `,
};
export default meta;

type Story = StoryObj<ChecklistArgs>;

/** One item, nothing checked yet: every required material is marked open. */
export const Unchecked: Story = {};

/** A bundle (一件事) part checked: e-licence, tolerance, commitment, and a note for the one-time notice. */
export const BundleChecked: Story = { args: { items: 'public-rental-housing', materials: rentalChecked } };

/** Everything required in hand. */
export const Complete: Story = {
  args: { materials: checkedMaterials(demoItems('mi-relocation-filing')) },
};

/** No item chosen yet. */
export const NoItems: Story = { args: { items: '' } };

/** Large text (适老化). */
export const LargeText: Story = {
  args: { items: 'public-rental-housing', materials: rentalChecked, largeText: true },
};

/** In English. */
export const English: Story = { args: { items: 'public-rental-housing', materials: rentalChecked, locale: 'en-US' } };
