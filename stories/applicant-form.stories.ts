import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/intake/define.js';
import { SimulatedIdCardReader } from '@yichuang/devices';
import type { ApplicantField, ApplicantFields, ApplicantForm } from '@yichuang/intake';
import { STORY_NOW } from './support/intake-scenes.js';

interface ApplicantArgs {
  /** What the clerk has typed, and whether they pressed "next" (every problem shown). */
  typed: Partial<ApplicantFields>;
  submitted: boolean;
  withReader: boolean;
  locale: string;
  largeText: boolean;
}

/** Types the story's fields as the clerk would, leaving each one. */
function play(args: ApplicantArgs) {
  return (element: Element | undefined) => {
    const view = element as ApplicantForm | undefined;
    if (!view) return;
    void view.updateComplete.then(() => {
      const { controller } = view;
      if (controller.state.fields.name) return;
      if (args.typed.kind) controller.setKind(args.typed.kind);
      for (const [field, value] of Object.entries(args.typed)) {
        if (field === 'kind') continue;
        controller.set(field as ApplicantField, value as never);
        controller.touch(field as ApplicantField);
      }
      if (args.submitted) controller.submit();
    });
  };
}

/**
 * `<yc-applicant-form>`: the applicant at the counter (申请人), a person or an organisation, read from the ID card or
 * typed, checked by the core's schema as the clerk leaves each field. Every story is rendered and checked by axe.
 */
const meta: Meta<ApplicantArgs> = {
  title: 'Intake/Applicant',
  component: 'yc-applicant-form',
  args: { typed: {}, submitted: false, withReader: true, locale: 'zh-CN', largeText: false },
  argTypes: {
    typed: { control: false },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => html`
    <yc-applicant-form
      clerk="clerk03"
      .now=${() => STORY_NOW}
      .reader=${args.withReader ? new SimulatedIdCardReader() : undefined}
      locale=${args.locale}
      ?large-text=${args.largeText}
      ${ref(play(args))}
    ></yc-applicant-form>
  `,
};
export default meta;

type Story = StoryObj<ApplicantArgs>;

/** Nothing typed yet; the reader button reads the card on the window's reader. */
export const Empty: Story = {};

/** A person typed by hand: the number checks out, and what it says of the holder is shown to compare. */
export const Person: Story = {
  args: { typed: { name: '张三', idNumber: '11010519491231002X', phone: '139 1234 5678' } },
};

/** A wrong check character and a malformed phone: said under each field, in the clerk's language. */
export const Problems: Story = {
  args: { typed: { name: '张三', idNumber: '110105194912310021', phone: '1391234' }, submitted: true },
};

/** An organisation whose credit code fails only its check character: the clerk confirms it against the licence. */
export const PilotCreditCode: Story = {
  args: {
    typed: {
      kind: 'organisation',
      name: '天津市某某科技有限公司',
      uscc: '91350100M000100Y44',
      representativeName: '王五',
      representativeIdNumber: '110105198503124013',
      usccConfirmed: true,
    },
    submitted: true,
  },
};

/** Large text (适老化). */
export const LargeText: Story = { args: { ...Problems.args, largeText: true } };

/** In English. */
export const English: Story = { args: { ...Problems.args, locale: 'en-US' } };
