import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/intake/define.js';
import { SimulatedIdCardReader } from '@yichuang/devices';
import type { ProxyField, ProxyFields, ProxyForm } from '@yichuang/intake';
import { STORY_NOW } from './support/intake-scenes.js';

interface ProxyArgs {
  /** What the clerk has typed, and whether they pressed "next" (every problem shown). */
  typed: Partial<ProxyFields>;
  submitted: boolean;
  withReader: boolean;
  locale: string;
  largeText: boolean;
}

/** Types the story's fields as the clerk would, leaving each one. */
function play(args: ProxyArgs) {
  return (element: Element | undefined) => {
    const view = element as ProxyForm | undefined;
    if (!view) return;
    void view.updateComplete.then(() => {
      const { controller } = view;
      if (controller.state.fields.name) return;
      for (const [field, value] of Object.entries(args.typed)) {
        controller.set(field as ProxyField, value as never);
        controller.touch(field as ProxyField);
      }
      if (args.submitted) controller.submit();
    });
  };
}

/** A son with his mother's power of attorney, every field typed. */
const SON: Partial<ProxyFields> = {
  name: '王五',
  idNumber: '110105198503124013',
  phone: '139 0013 9000',
  relation: '子女',
  reference: 'WT-2026-0318',
  scope: '代为办理公租房申请及相关材料的提交、签收',
  validUntil: '2027-06-30',
};

/**
 * `<yc-proxy-form>`: the proxy (代理人) who applies for the applicant, with their own identity and the authorisation
 * they act on, checked by the core's proxy schema as the clerk leaves each field. Every story is rendered and checked
 * by axe.
 */
const meta: Meta<ProxyArgs> = {
  title: 'Intake/Proxy',
  component: 'yc-proxy-form',
  args: { typed: {}, submitted: false, withReader: true, locale: 'zh-CN', largeText: false },
  argTypes: {
    typed: { control: false },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => html`
    <yc-proxy-form
      .now=${() => STORY_NOW}
      .reader=${args.withReader ? new SimulatedIdCardReader() : undefined}
      locale=${args.locale}
      ?large-text=${args.largeText}
      ${ref(play(args))}
    ></yc-proxy-form>
  `,
};
export default meta;

type Story = StoryObj<ProxyArgs>;

/** Nothing typed yet: a power of attorney is the usual authorisation, so its scope and term are asked. */
export const Empty: Story = {};

/** A power of attorney, typed: every field checks out. */
export const PowerOfAttorney: Story = { args: { typed: SON } };

/** A power of attorney whose term ended before today: the core's refusal is said at once. */
export const Lapsed: Story = { args: { typed: { ...SON, validUntil: '2026-11-30' } } };

/** A wrong check character, no scope, an impossible date: said under each field, in the clerk's language. */
export const Problems: Story = {
  args: {
    typed: { ...SON, idNumber: '110105198503124014', scope: '', validUntil: '2027-02-30' },
    submitted: true,
  },
};

/** A guardian acts by law: no scope or term to ask. */
export const Guardian: Story = {
  args: {
    typed: {
      name: '李梅',
      idNumber: '11010519491231002X',
      phone: '13800138000',
      relation: '母亲',
      authorisationKind: 'guardian',
    },
  },
};

/** Large text (适老化). */
export const LargeText: Story = { args: { ...Problems.args, largeText: true } };

/** In English. */
export const English: Story = { args: { ...Lapsed.args, locale: 'en-US' } };
