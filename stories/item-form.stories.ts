import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/intake/define.js';
import type { FormValues } from '@yichuang/core';
import type { ItemForm } from '@yichuang/intake';
import { demoItems, filledForm } from './support/intake-scenes.js';

interface ItemFormArgs {
  /** A demo item or bundle. */
  items: string;
  form: FormValues;
  /** Whether every field's problem shows, as after the clerk went through the form. */
  problems: boolean;
  locale: string;
  largeText: boolean;
}

/** Shows every field's problem, as when the clerk has been through every field. */
const showProblems = (args: ItemFormArgs) => (element: Element | undefined) => {
  const view = element as ItemForm | undefined;
  if (view && args.problems) void view.updateComplete.then(() => view.controller.touchAll());
};

/**
 * `<yc-item-form>`: the application form (申请表) of an intake. A bundle's shared fields (the applicant block, the
 * child's birth date) are asked once; fields the window knows are pre-filled and marked so. Every story is rendered
 * and checked by axe.
 */
const meta: Meta<ItemFormArgs> = {
  title: 'Intake/Item form',
  component: 'yc-item-form',
  args: { items: 'newborn', form: {}, problems: false, locale: 'zh-CN', largeText: false },
  argTypes: {
    items: { control: 'select', options: ['mi-relocation-filing', 'public-rental-housing', 'newborn'] },
    form: { control: false },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => html`
    <yc-item-form
      .items=${args.items ? demoItems(args.items) : []}
      .form=${args.form}
      .prefilled=${['applicant-name', 'applicant-id-number']}
      locale=${args.locale}
      ?large-text=${args.largeText}
      ${ref(showProblems(args))}
    ></yc-item-form>
  `,
};
export default meta;

type Story = StoryObj<ItemFormArgs>;

/** 新生儿出生一件事, as the intake opens it: the applicant's name and number pre-filled, the child's details to type. */
export const Prefilled: Story = { args: { form: filledForm(demoItems('newborn'), undefined, []) } };

/** 公（廉）租房申请一件事 with answers missing and one wrong: each problem under its field. */
export const Problems: Story = {
  args: {
    items: 'public-rental-housing',
    form: { ...filledForm(demoItems('public-rental-housing'), undefined, ['household-size']), 'contact-phone': '1392' },
    problems: true,
  },
};

/** Every field answered: the form is complete. */
export const Complete: Story = {
  args: { items: 'public-rental-housing', form: filledForm(demoItems('public-rental-housing')) },
};

/** No item chosen yet: nothing to fill in. */
export const NoItems: Story = { args: { items: '' } };

/** Large text (适老化). */
export const LargeText: Story = { args: { form: filledForm(demoItems('newborn'), undefined, []), largeText: true } };

/** In English. */
export const English: Story = {
  args: { items: 'public-rental-housing', form: filledForm(demoItems('public-rental-housing')), locale: 'en-US' },
};
