import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/remote-intake/define.js';
import { SimulatedDocumentPrinter } from '@yichuang/devices';
import type { RemoteCase } from '@yichuang/hall-client';
import type { RemoteIntake, RemoteIntakeController } from '@yichuang/remote-intake';
import { STORY_NOW, storyStore } from './support/intake-scenes.js';
import { REMOTE_ITEM, memoryRemoteHall, receivedCase } from './support/remote-scenes.js';

/** The state a story puts the cross-province desk in, through the same commands a clerk uses. */
type RemoteScene = 'empty' | 'collect' | 'missing' | 'online' | 'receipt' | 'ledger' | 'incoming' | 'offline';

interface RemoteArgs {
  scene: RemoteScene;
  locale: string;
  largeText: boolean;
}

/** Cases collected here earlier, as the hall lists them: one received there, one decided, one overdue. */
function forwarded(): RemoteCase[] {
  const { remoteNumber: _theirs, ...base } = receivedCase('01KQ5000000000000000000001', 'received', '陈晓明');
  const at = (day: number, hour: number) => `2026-12-0${day}T0${hour}:00:00.000Z`;
  const out = (id: string, name: string, state: RemoteCase['state'], day: number, overdue = false): RemoteCase => ({
    ...base,
    id,
    direction: 'out',
    peer: 'GDNS01',
    number: `TJHP01-2026120${day}-01-000${id.slice(-1)}`,
    ...(state === 'forwarded' ? {} : { remoteNumber: `GDNS01-2026120${day}-YD-000${id.slice(-1)}` }),
    window: '01',
    state,
    applicantName: name,
    target: { hall: 'GDNS01', region: '440305', authority: '深圳市南山区人力资源局' },
    history: [
      { state: 'collected', at: at(day, 2), hall: 'TJHP01' },
      { state: 'forwarded', at: at(day, 2), hall: 'TJHP01' },
    ],
    ...(state === 'decided' ? { result: { outcome: 'granted' as const, name: '社会保障卡' } } : {}),
    collectedAt: at(day, 2),
    updatedAt: at(day, 3),
    overdue,
  });
  return [
    out('01KQ5000000000000000000003', '陈晓明', 'received', 6),
    out('01KQ5000000000000000000002', '刘洋', 'decided', 4),
    out('01KQ5000000000000000000001', '孙丽', 'forwarded', 3, true),
  ];
}

/** Chooses 广东省 → 深圳市 → 南山区 and the item; fills the applicant. */
async function fill(controller: RemoteIntakeController): Promise<void> {
  await controller.refresh();
  await controller.chooseRegion('province', '440000');
  await controller.chooseRegion('city', '440300');
  await controller.chooseRegion('county', '440305');
  controller.edit({
    authority: '深圳市南山区人力资源局',
    itemId: REMOTE_ITEM.id,
    name: '陈晓明',
    idNumber: '11010519491231002X',
    phone: '13812345678',
  });
}

const played = new WeakSet<Element>();

/** Hands the desk its store and hall, then drives it into the story's scene. */
function play(args: RemoteArgs) {
  return (element: Element | undefined) => {
    const desk = element as RemoteIntake | undefined;
    if (!desk || played.has(desk)) return;
    played.add(desk);
    // Pending until the scene is in: the visual regression run waits for no `[data-scene="pending"]`.
    desk.dataset.scene = 'pending';
    void (async () => {
      const store = await storyStore(`yc-story-remote-${args.scene}-${args.locale}`, true);
      const memory = memoryRemoteHall({
        outgoing: args.scene === 'ledger' ? forwarded() : [],
        incoming:
          args.scene === 'incoming'
            ? [
                receivedCase('01KQ6000000000000000000001', 'received'),
                { ...receivedCase('01KQ6000000000000000000002', 'accepted', '李红') },
              ]
            : [],
      });
      desk.store = store;
      desk.client = memory.hall;
      await desk.updateComplete;
      const controller = desk.controller;
      if (!controller) return;
      if (args.scene === 'empty') return;
      if (args.scene === 'ledger') return controller.show('ledger');
      if (args.scene === 'incoming') return controller.show('incoming');
      await fill(controller);
      if (args.scene === 'online') return controller.edit({ mode: 'online' });
      const required = REMOTE_ITEM.materials.filter((m) => m.necessity === 'required');
      const scanned = args.scene === 'missing' ? required.slice(0, -1) : required;
      for (const material of scanned) {
        await controller.addScan(material.id, new Blob([`扫描件 ${material.id}`], { type: 'image/jpeg' }));
      }
      if (args.scene === 'offline') {
        memory.state.down = true;
        await controller.refresh();
      }
      if (args.scene === 'missing' || args.scene === 'receipt' || args.scene === 'offline') await controller.collect();
    })().finally(() => delete desk.dataset.scene);
  };
}

/**
 * `<yc-remote-intake>`: the cross-province desk (跨省通办). The hall is a small one in memory (one enrolled hall,
 * Shenzhen Nanshan); the store is a real workstation store. Every story is rendered and checked by axe.
 */
const meta: Meta<RemoteArgs> = {
  title: 'Remote intake/Cross-province desk',
  component: 'yc-remote-intake',
  args: { scene: 'empty', locale: 'zh-CN', largeText: false },
  argTypes: {
    scene: { control: false },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => html`
    <yc-remote-intake
      .now=${() => STORY_NOW}
      .printer=${new SimulatedDocumentPrinter()}
      hall="TJHP01"
      hall-name="和平区政务服务中心"
      window="01"
      clerk="clerk01"
      clerk-name="王晓雨"
      status-base="https://hall.example.gov.cn/status/"
      locale=${args.locale}
      ?large-text=${args.largeText}
      ${ref(play(args))}
    ></yc-remote-intake>
  `,
};
export default meta;

type Story = StoryObj<RemoteArgs>;

/** Nothing chosen yet: the region, the mode, the applicant. */
export const Empty: Story = {};

/** Shenzhen Nanshan chosen, its hall and catalog; the item's materials, each scanned. */
export const Collecting: Story = { args: { scene: 'collect' } };

/** A required material without its scan: refused, named. */
export const MissingScan: Story = { args: { scene: 'missing' } };

/** An item served fully online: the applicant is guided to the national platform. */
export const FullyOnline: Story = { args: { scene: 'online' } };

/** Collected: the hand-off receipt with this hall's case number and the status QR. */
export const Receipt: Story = { args: { scene: 'receipt' } };

/** The forwarded cases, overdue first, with the deciding hall's numbers and results. */
export const Ledger: Story = { args: { scene: 'ledger' } };

/** The deciding side: cases other regions forwarded here, to accept, refuse, decide, return. */
export const Incoming: Story = { args: { scene: 'incoming' } };

/** The hall out of reach: collected from the catalog this PC kept, forwarded when it is back. */
export const Offline: Story = { args: { scene: 'offline' } };

/** In English. */
export const English: Story = { args: { scene: 'collect', locale: 'en-US' } };

/** Large text (适老化): one column. */
export const LargeText: Story = { args: { scene: 'collect', largeText: true } };
