import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { NEVER } from 'rxjs';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/results/define.js';
import { recordResult, transition, type Case } from '@yichuang/core';
import { SimulatedSignaturePad } from '@yichuang/devices';
import { HallError, type ReadyResult, type Session } from '@yichuang/hall-client';
import type { WorkstationStore } from '@yichuang/store';
import type { HandoverHall, ResultHandover } from '@yichuang/results';
import demoCatalog from '../packages/demo-catalog/generated/catalog.js';
import { STORY_APPLICANT, STORY_NOW, filledForm, storyStore } from './support/intake-scenes.js';

/** The state a story puts the hand-over in, through the same commands a clerk uses. */
type HandoverScene = 'list' | 'window' | 'refused' | 'pad' | 'post' | 'done' | 'offline';

interface HandoverArgs {
  scene: HandoverScene;
  locale: string;
  largeText: boolean;
}

const itemOf = (id: string) => demoCatalog.items.find((item) => item.id === id)!;

/** A case of window 03 taken in on 16 November 2026 and forwarded, its result back on 4 December. */
function ready(seq: number, itemId: string, post = false): Case {
  const item = itemOf(itemId);
  const at = '2026-11-16T02:00:00.000Z';
  const step = { actor: 'clerk03', window: '03', at: '2026-11-16T02:30:00.000Z' };
  const accepted: Case = {
    id: `01KQ1000000000000000000${String(seq).padStart(3, '0')}`,
    number: `TJHP01-20261116-03-${String(seq).padStart(4, '0')}`,
    hall: 'TJHP01',
    window: '03',
    items: [{ itemId: item.id, version: item.version }],
    applicant: { ...STORY_APPLICANT, phone: '13812345678' },
    materials: item.materials
      .filter((m) => m.necessity === 'required')
      .map((m) => ({ materialId: m.id, itemIds: [item.id], receipt: 'paper' as const, copies: 1 })),
    form: filledForm([item]),
    ...(post
      ? {
          delivery: {
            way: 'post' as const,
            recipient: '李四',
            phone: '13812345678',
            address: '天津市和平区南京路 1 号',
          },
        }
      : {}),
    status: 'accepted',
    responsibleClerk: 'clerk03',
    audit: [{ at, actor: 'clerk03', window: '03', action: 'accept', from: 'draft', to: 'accepted' }],
    createdAt: at,
    updatedAt: at,
  };
  const forwarded = transition(accepted, { to: 'forwarded', ...step });
  return recordResult(forwarded, {
    result: {
      outcome: 'granted',
      name: item.result.name,
      documentNumber: `和审〔2026〕${100 + seq}号`,
      department: item.agency.name,
      decidedAt: '2026-12-04T02:00:00.000Z',
    },
    actor: 'dept-sim',
    window: '03',
    at: `2026-12-0${3 + seq}T03:00:00.000Z`,
  });
}

/** Two results at the window and one to post. */
const CASES = [ready(1, 'hs-rental-subsidy'), ready(2, 'hs-public-rental'), ready(3, 'si-card-application', true)];

/** A hall in memory with the clerk of window 03 logged in; `down`: every call fails as a lost connection does. */
function storyHall(store: WorkstationStore, down: boolean): HandoverHall {
  const session: Session = {
    token: 'story',
    role: 'clerk',
    subject: 'clerk03',
    name: '赵敏',
    hall: 'TJHP01',
    window: '03',
    windows: ['03'],
    expiresAt: '2099-01-01T00:00:00.000Z',
  };
  const offline = () => new HallError('网络不通', 'network', 0);
  const listed = (value: Case): ReadyResult => ({
    caseId: value.id,
    number: value.number,
    window: value.window,
    itemIds: value.items.map((i) => i.itemId),
    result: {
      outcome: value.result!.outcome,
      name: value.result!.name,
      department: value.result!.department,
      documentNumber: value.result!.documentNumber!,
    },
    way: value.delivery?.way ?? 'window',
    since: value.updatedAt,
    version: 3,
  });
  return {
    session,
    events: () => NEVER,
    async readyResults() {
      if (down) throw offline();
      const latest = await Promise.all(CASES.map(async (c) => (await store.getCase(c.id)) ?? c));
      return { today: '2026-12-07', results: latest.filter((c) => c.status === 'result-ready').map(listed) };
    },
    async getCase(id: string) {
      if (down) throw offline();
      return CASES.find((c) => c.id === id);
    },
    async claimCase() {
      if (down) throw offline();
      throw new HallError('办件编号与证件号码不匹配，或大厅没有这个办件', 'not-found', 404);
    },
  };
}

const played = new WeakSet<Element>();

/** Hands the view its store and hall, then drives it into the story's scene. */
function play(args: HandoverArgs) {
  return (element: Element | undefined) => {
    const view = element as ResultHandover | undefined;
    if (!view || played.has(view)) return;
    played.add(view);
    // Pending until the scene is in: the visual regression run waits for no `[data-scene="pending"]`.
    view.dataset.scene = 'pending';
    void (async () => {
      const store = await storyStore(`yc-story-handover-${args.scene}`, true);
      if (args.scene === 'offline') for (const value of CASES) await store.adoptCase(value, 3);
      view.store = store;
      view.client = storyHall(store, args.scene === 'offline');
      await view.updateComplete;
      const controller = view.controller;
      if (!controller) return;
      await controller.load();
      if (args.scene === 'window' || args.scene === 'refused' || args.scene === 'pad' || args.scene === 'done') {
        await controller.open(CASES[0]!.id);
      }
      if (args.scene === 'refused') {
        controller.edit({ presentedId: '120101199003074413' });
        await controller.handOver();
      }
      if (args.scene === 'pad') {
        controller.edit({ presentedId: '11010519491231002X', signature: 'pad' });
        await controller.captureSignature();
      }
      if (args.scene === 'done') {
        controller.edit({ presentedId: '11010519491231002X' });
        await controller.handOver();
      }
      if (args.scene === 'post') await controller.open(CASES[2]!.id);
    })().finally(() => delete view.dataset.scene);
  };
}

/**
 * `<yc-result-handover>`: results at the window (综合窗口出件). The hall is a small one in memory; the store is a real
 * workstation store. Every story is rendered and checked by axe.
 */
const meta: Meta<HandoverArgs> = {
  title: 'Results/Hand-over',
  component: 'yc-result-handover',
  args: { scene: 'list', locale: 'zh-CN', largeText: false },
  argTypes: {
    scene: { control: false },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => html`
    <yc-result-handover
      .catalog=${demoCatalog}
      .now=${() => STORY_NOW}
      .signaturePad=${new SimulatedSignaturePad()}
      locale=${args.locale}
      ?large-text=${args.largeText}
      ${ref(play(args))}
    ></yc-result-handover>
  `,
};
export default meta;

type Story = StoryObj<HandoverArgs>;

/** The results waiting, the longest first: two to collect at a window, one to post. */
export const Waiting: Story = {};

/** One opened for the window: who collects, the document presented, how they sign. */
export const AtTheWindow: Story = { args: { scene: 'window' } };

/** A document that is not the case's: refused in the core's words, nothing saved. */
export const WrongDocument: Story = { args: { scene: 'refused' } };

/** Signed on the window's pad. */
export const SignedOnThePad: Story = { args: { scene: 'pad' } };

/** A result to post: the carrier and the tracking number. */
export const ByPost: Story = { args: { scene: 'post' } };

/** Handed over: the result leaves the list, what was done is said. */
export const HandedOver: Story = { args: { scene: 'done' } };

/** The hall server away: the results kept on this PC, and the banner that says so. */
export const Offline: Story = { args: { scene: 'offline' } };

/** Large text (适老化). */
export const LargeText: Story = { args: { scene: 'window', largeText: true } };

/** In English. */
export const English: Story = { args: { scene: 'list', locale: 'en-US' } };
