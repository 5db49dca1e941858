import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/intake/define.js';
import type { ApplicantProxy, Applicant as ApplicantRecord, ReceiptKind } from '@yichuang/core';
import { SimulatedIdCardReader } from '@yichuang/devices';
import type { Intake, IntakeStep } from '@yichuang/intake';
import demoCatalog from '../packages/demo-catalog/generated/catalog.js';
import { STORY_NOW, checkedMaterials, demoItems, storyStore } from './support/intake-scenes.js';

interface IntakeArgs {
  /** The step the story shows, with what the clerk has done before it. */
  step: IntakeStep;
  /** Whether a proxy (代理人) applies for the applicant. */
  withProxy: boolean;
  locale: string;
  largeText: boolean;
}

const APPLICANT: ApplicantRecord = {
  kind: 'person',
  name: '李四',
  idType: 'resident-id',
  idNumber: '110105198503124013',
};
const PROXY: ApplicantProxy = {
  name: '王五',
  idType: 'resident-id',
  idNumber: '11010519491231002X',
  phone: '13900139000',
  relation: '配偶',
  authorisation: { kind: 'power-of-attorney', scope: '代为办理公租房申请', validUntil: '2027-06-30' },
};
const RECEIPTS: Record<string, ReceiptKind> = { 'resident-id-card': 'e-licence', 'bank-account': 'tolerated' };

/** Opens the store, then takes the intake to the story's step, through the controller the elements drive. */
function play(args: IntakeArgs) {
  return (element: Element | undefined) => {
    const view = element as Intake | undefined;
    if (!view || view.store) return;
    // Pending until the step is in: the visual regression run waits for no `[data-scene="pending"]`.
    view.dataset['scene'] = 'pending';
    void storyStore('yc-story-intake')
      .then(async (store) => {
        view.store = store;
        await view.updateComplete;
        const controller = view.controller;
        for (let i = 0; i < 50 && controller?.state.phase === 'starting'; i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        if (!controller) return;
        if (args.step === 'items') {
          await view.updateComplete;
          await view.shadowRoot?.querySelector<HTMLElement & { catalogReady?: Promise<void> }>('yc-item-picker')
            ?.catalogReady;
          return;
        }
        const items = demoItems('public-rental-housing');
        controller.chooseItems(items, 'public-rental-housing');
        controller.setApplicant(APPLICANT);
        controller.setProxyWanted(args.withProxy);
        if (args.withProxy) controller.setProxy(PROXY);
        if (args.step !== 'applicant') controller.setMaterials(checkedMaterials(items, RECEIPTS, {}, 'unchecked'));
        await controller.go(args.step);
        await view.updateComplete;
        await view.shadowRoot?.querySelector<HTMLElement & { catalogReady?: Promise<void> }>('yc-item-picker')
          ?.catalogReady;
      })
      .finally(() => delete view.dataset['scene']);
  };
}

/**
 * `<yc-intake>`: the whole intake at a comprehensive window, from the item to the decision, kept in an encrypted draft
 * in the workstation store. Each story is one step, reached as a clerk would. Every story is rendered and checked by
 * axe.
 */
const meta: Meta<IntakeArgs> = {
  title: 'Intake/Whole intake',
  component: 'yc-intake',
  args: { step: 'items', withProxy: false, locale: 'zh-CN', largeText: false },
  argTypes: {
    step: { control: 'inline-radio', options: ['items', 'applicant', 'materials', 'decision'] },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => html`
    <yc-intake
      hall="TJHP01"
      window="03"
      clerk="clerk03"
      .catalog=${demoCatalog}
      .reader=${new SimulatedIdCardReader()}
      .now=${() => STORY_NOW}
      locale=${args.locale}
      ?large-text=${args.largeText}
      ${ref(play(args))}
    ></yc-intake>
  `,
};
export default meta;

type Story = StoryObj<IntakeArgs>;

/** The first step: search the catalog for the items or the bundle (一件事). */
export const ChooseItems: Story = {};

/** A bundle chosen; the applicant step. */
export const Applicant: Story = { args: { step: 'applicant' } };

/** The applicant step with a proxy applying for them, and the power of attorney they act on. */
export const ApplicantWithProxy: Story = { args: { step: 'applicant', withProxy: true } };

/** The bundle's materials, each asked once, two checked. */
export const Materials: Story = { args: { step: 'materials' } };

/** The decision: a key material still missing, so only the one-time notice or a refusal. */
export const Decision: Story = { args: { step: 'decision' } };

/** In English. */
export const English: Story = { args: { step: 'materials', locale: 'en-US' } };
