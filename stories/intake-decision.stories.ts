import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/intake/define.js';
import type { IntakeDecision, ReceiptKind } from '@yichuang/core';
import type { DeliveryFields, IntakeDecisionElement } from '@yichuang/intake';
import { STORY_NOW, checkedMaterials, demoItems, storyDraft } from './support/intake-scenes.js';

interface DecisionArgs {
  /** A demo item or bundle. */
  items: string;
  receipts: Record<string, ReceiptKind>;
  notes: Record<string, string>;
  /** The decision the clerk has chosen, and what they filled in. */
  chosen?: IntakeDecision;
  reason?: string;
  /** The ground a refusal rests on, by its place among the grounds offered. */
  ground?: number;
  supplementDue?: string;
  /** How the result reaches the applicant, as filled in. */
  delivery?: Partial<DeliveryFields>;
  locale: string;
  largeText: boolean;
}

/** Chooses the story's decision as the clerk does, and fills its fields. */
function play(args: DecisionArgs) {
  return (element: Element | undefined) => {
    const view = element as IntakeDecisionElement | undefined;
    const chosen = args.chosen;
    if (!view || !chosen) return;
    void view.updateComplete.then(() => {
      const { controller } = view;
      if (controller.state.chosen === chosen) return;
      view.choose(chosen);
      if (args.reason !== undefined) controller.setReason(args.reason);
      const ground = args.ground === undefined ? undefined : controller.state.grounds[args.ground];
      if (ground) controller.setGround(ground.id);
      if (args.supplementDue !== undefined) controller.setSupplementDue(args.supplementDue);
      if (args.delivery !== undefined) controller.setDelivery(args.delivery);
    });
  };
}

/**
 * `<yc-intake-decision>`: the window's decision (受理决定). Decisions the state machine refuses are shown disabled
 * with its reason; the one-time notice and the commitment letter list every material still to bring. Every story is
 * rendered and checked by axe.
 */
const meta: Meta<DecisionArgs> = {
  title: 'Intake/Decision',
  component: 'yc-intake-decision',
  args: { items: 'mi-relocation-filing', receipts: {}, notes: {}, locale: 'zh-CN', largeText: false },
  argTypes: {
    items: { control: 'select', options: ['mi-relocation-filing', 'public-rental-housing'] },
    receipts: { control: false },
    notes: { control: false },
    chosen: { control: false },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => {
    const items = demoItems(args.items);
    return html`
      <yc-intake-decision
        actor="clerk03"
        window="03"
        promised-date="2026-12-07"
        .now=${() => STORY_NOW}
        .items=${items}
        .draft=${storyDraft(items, checkedMaterials(items, args.receipts, args.notes))}
        locale=${args.locale}
        ?large-text=${args.largeText}
        ${ref(play(args))}
      ></yc-intake-decision>
    `;
  },
};
export default meta;

type Story = StoryObj<DecisionArgs>;

/** Everything required in hand: accept; nothing to notify. */
export const Accept: Story = { args: { chosen: 'accept' } };

/** 社会保障卡申领: its result may be posted; the clerk has typed the phone, the address is still to come. */
export const AcceptByPost: Story = {
  args: { items: 'si-card-application', chosen: 'accept', delivery: { way: 'post', phone: '139 1234 5678' } },
};

/** Two tolerable materials promised (容缺受理): the deadline, the consequence and the commitment letter's list. */
export const AcceptWithTolerance: Story = {
  args: {
    items: 'public-rental-housing',
    receipts: { 'labour-contract': 'tolerated', 'bank-account': 'tolerated' },
    chosen: 'accept-with-tolerance',
    supplementDue: '2026-12-14',
  },
};

/** A key material missing and a copy unsigned: tolerance refused with the reason; the one-time notice lists both. */
export const NotifyOnce: Story = {
  args: {
    items: 'public-rental-housing',
    receipts: { 'resident-id-card': 'missing', 'bank-account': 'tolerated' },
    notes: { 'family-income-declaration': '缺少申请人签字' },
    chosen: 'notify-incomplete',
  },
};

/** Refusing (不予受理): on a condition of the item not met, with its reason. */
export const Refuse: Story = {
  args: { chosen: 'refuse', ground: 2, reason: '申请人未参加本市基本医疗保险，不能办理异地就医备案。' },
};

/** A deadline already past: the state machine's reason is shown, nothing can be confirmed. */
export const DeadlinePast: Story = {
  args: {
    items: 'public-rental-housing',
    receipts: { 'labour-contract': 'tolerated' },
    chosen: 'accept-with-tolerance',
    supplementDue: '2026-12-01',
  },
};

/** Large text (适老化). */
export const LargeText: Story = { args: { ...NotifyOnce.args, largeText: true } };

/** In English. */
export const English: Story = { args: { ...NotifyOnce.args, locale: 'en-US' } };
