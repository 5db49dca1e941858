import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/tolerance/define.js';
import { SimulatedDocumentCamera, SimulatedSmsGateway } from '@yichuang/devices';
import type { ToleranceLedger } from '@yichuang/tolerance';
import demoCatalog from '../packages/demo-catalog/generated/catalog.js';
import { STORY_NOW, storyStore } from './support/intake-scenes.js';
import { storyCases, storyHall } from './support/ledger-scenes.js';

/** The state a story puts the ledger in, through the same commands a clerk uses. */
type LedgerScene =
  'list' | 'overdue' | 'opened' | 'confirm' | 'supplied' | 'reminded' | 'claim-refused' | 'offline' | 'manager';

interface LedgerArgs {
  scene: LedgerScene;
  locale: string;
  largeText: boolean;
}

/** The case due today (住房租赁补贴) and the overdue one (公共租赁住房, revoked when overdue). */
const [DUE_TODAY, OVERDUE] = storyCases();

/** The ledgers already handed their store and hall (a ref is called again on each render). */
const played = new WeakSet<Element>();

/** Hands the ledger its store and hall, then drives it into the story's scene. */
function play(args: LedgerArgs) {
  return (element: Element | undefined) => {
    const view = element as ToleranceLedger | undefined;
    if (!view || played.has(view)) return;
    played.add(view);
    // Pending until the scene is in: the visual regression run waits for no `[data-scene="pending"]`.
    view.dataset.scene = 'pending';
    void (async () => {
      const store = await storyStore(`yc-story-ledger-${args.scene}`, true);
      if (args.scene === 'offline') for (const value of storyCases().slice(0, 3)) await store.saveCase(value);
      view.store = store;
      view.client = storyHall(args.scene === 'manager' ? 'manager' : 'clerk', store, args.scene === 'offline');
      await view.updateComplete;
      const controller = view.controller;
      if (!controller) return;
      await controller.load();
      if (args.scene === 'overdue') {
        controller.setFilter('overdue');
        await controller.load();
      }
      if (args.scene === 'opened' || args.scene === 'confirm') await controller.open(OVERDUE!.id);
      if (args.scene === 'confirm') {
        await view.updateComplete;
        view.shadowRoot!.querySelector<HTMLButtonElement>('section[part~="overdue"] button')!.click();
      }
      if (args.scene === 'supplied' || args.scene === 'reminded') await controller.open(DUE_TODAY!.id);
      if (args.scene === 'supplied') {
        const [materialId] = Object.keys(controller.state.supply);
        controller.setSupply(materialId!, 'paper', 1);
        await controller.recordSupplement();
      }
      if (args.scene === 'reminded') await controller.remind();
      if (args.scene === 'claim-refused') await controller.claim('110105194912310021', 'TJHP01-20261130-01-0004');
    })().finally(() => delete view.dataset.scene);
  };
}

/**
 * `<yc-tolerance-ledger>`: the tolerance ledger (容缺台账) of a comprehensive window, and of the hall's manager. The
 * hall is a small one in memory listing through the core; the store is a real workstation store. Every story is
 * rendered and checked by axe.
 */
const meta: Meta<LedgerArgs> = {
  title: 'Tolerance/Ledger',
  component: 'yc-tolerance-ledger',
  args: { scene: 'list', locale: 'zh-CN', largeText: false },
  argTypes: {
    scene: { control: false },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => html`
    <yc-tolerance-ledger
      .catalog=${demoCatalog}
      .now=${() => STORY_NOW}
      .notifier=${new SimulatedSmsGateway()}
      .camera=${new SimulatedDocumentCamera()}
      hall-name="和平区政务服务中心"
      locale=${args.locale}
      ?large-text=${args.largeText}
      ${ref(play(args))}
    ></yc-tolerance-ledger>
  `,
};
export default meta;

type Story = StoryObj<LedgerArgs>;

/** The window's open commitments: overdue first (said in words, with a sign and a bar), then due today, then later. */
export const Open: Story = {};

/** Only the overdue ones. */
export const Overdue: Story = { args: { scene: 'overdue' } };

/** One opened: the supplement form, the reminder and, overdue, the handling its item's rule names. */
export const Opened: Story = { args: { scene: 'opened' } };

/** Handling an overdue case asks for confirmation first: the outcome cannot be undone. */
export const ConfirmOverdue: Story = { args: { scene: 'confirm' } };

/** A supplement on paper recorded: the commitment leaves the ledger, what was done is said. */
export const Supplied: Story = { args: { scene: 'supplied' } };

/** An SMS reminder sent: the number masked. */
export const Reminded: Story = { args: { scene: 'reminded' } };

/** A case of another window asked for with a document that does not match: refused without saying which half. */
export const ClaimRefused: Story = { args: { scene: 'claim-refused' } };

/** The hall server away: the cases kept on this PC, and the banner that says so. */
export const Offline: Story = { args: { scene: 'offline' } };

/** The manager sees the whole hall's commitments. */
export const Manager: Story = { args: { scene: 'manager' } };

/** Large text (适老化). */
export const LargeText: Story = { args: { scene: 'opened', largeText: true } };

/** In English. */
export const English: Story = { args: { scene: 'list', locale: 'en-US' } };
