import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/assist/define.js';
import type { Ticket } from '@yichuang/core';
import { HallError, type QueueSnapshot } from '@yichuang/hall-client';
import type { AssistDesk, AssistDeskController, AssistHall } from '@yichuang/assist';
import demoCatalog from '../packages/demo-catalog/generated/catalog.js';
import { STORY_NOW, storyStore } from './support/intake-scenes.js';

/** The state a story puts the helper desk in, through the same commands a helper uses. */
type AssistScene = 'register' | 'proxy' | 'lapsed' | 'invalid' | 'visit' | 'ticket' | 'ledger' | 'offline';

interface AssistArgs {
  scene: AssistScene;
  locale: string;
  largeText: boolean;
}

/** A queue in memory that issues priority tickets (Y001 …); `down`: every call fails as a lost connection does. */
function storyHall(down: boolean): AssistHall {
  let issued = 0;
  const offline = () => new HallError('网络不通', 'network', 0);
  return {
    async queue() {
      if (down) throw offline();
      return {
        categories: [{ code: 'general', letter: 'A', name: { zh: '综合业务', en: 'General' } }],
        windows: [],
        tickets: [],
        waits: [],
        lastEventId: 0,
      } as unknown as QueueSnapshot;
    },
    async issueTicket(request) {
      if (down) throw offline();
      issued += 1;
      const ticket: Ticket = {
        id: `01KQ20000000000000000000${String(issued).padStart(2, '0')}`,
        number: `A${String(issued).padStart(3, '0')}`,
        category: request.category,
        kind: 'priority',
        status: 'waiting',
        issuedAt: STORY_NOW.toISOString(),
      } as Ticket;
      return ticket;
    },
  };
}

/** An elderly woman with a disability (reduced mobility), reached by phone, accompanied by a helper. */
function person(controller: AssistDeskController): void {
  controller.edit({
    name: '王秀兰',
    idNumber: '11010519491231002X',
    phone: '13812345678',
    groups: ['elderly', 'disabled'],
    need: 'mobility',
    contact: 'phone',
    accompanied: true,
  });
}

/** Her son as proxy, authorised by a power of attorney until `until`. */
function proxy(controller: AssistDeskController, until: string): void {
  controller.edit({
    proxyWanted: true,
    proxyName: '李强',
    proxyIdNumber: '120101198506201519',
    proxyPhone: '13900001111',
    proxyRelation: '儿子',
    authorisation: 'power-of-attorney',
    scope: '代为办理社会保障卡补领',
    validUntil: until,
  });
}

const played = new WeakSet<Element>();

/** Hands the desk its store and hall, then drives it into the story's scene. */
function play(args: AssistArgs) {
  return (element: Element | undefined) => {
    const desk = element as AssistDesk | undefined;
    if (!desk || played.has(desk)) return;
    played.add(desk);
    // Pending until the scene is in: the visual regression run waits for no `[data-scene="pending"]`.
    desk.dataset.scene = 'pending';
    void (async () => {
      const store = await storyStore(`yc-story-assist-${args.scene}-${args.locale}`, true);
      desk.store = store;
      desk.client = storyHall(args.scene === 'offline');
      await desk.updateComplete;
      const controller = desk.controller;
      if (!controller) return;
      if (args.scene === 'register') return;
      person(controller);
      if (args.scene === 'invalid') {
        controller.edit({ idNumber: '110105194912310021', need: '' });
        await controller.register();
        return;
      }
      if (args.scene === 'proxy' || args.scene === 'lapsed') {
        proxy(controller, args.scene === 'lapsed' ? '2026-11-30' : '2027-06-30');
        await controller.addLetterFile(new Blob(['授权委托书'], { type: 'image/png' }));
        if (args.scene === 'lapsed') await controller.register();
        return;
      }
      proxy(controller, '2027-06-30');
      await controller.addLetterFile(new Blob(['授权委托书'], { type: 'image/png' }));
      await controller.register();
      controller.editHelp({ kind: 'guidance', minutes: '10', note: '引导至综合窗口' });
      await controller.logHelp();
      controller.editHelp({ kind: 'assisted-filling', minutes: '25', note: '协助填写申请表' });
      await controller.logHelp();
      if (args.scene === 'ticket' || args.scene === 'offline') await controller.issueTicket();
      if (args.scene === 'ledger') {
        await controller.handOff();
        controller.newVisit();
        controller.edit({ name: '张伟', idNumber: '440524188001010014', groups: ['pregnant'] });
        await controller.register();
        await controller.close();
        controller.newVisit();
      }
    })().finally(() => delete desk.dataset.scene);
  };
}

/**
 * `<yc-assist-desk>`: the helper desk (帮办代办). The queue is a small one in memory; the store is a real workstation
 * store. Every story is rendered and checked by axe.
 */
const meta: Meta<AssistArgs> = {
  title: 'Assist/Helper desk',
  component: 'yc-assist-desk',
  args: { scene: 'register', locale: 'zh-CN', largeText: false },
  argTypes: {
    scene: { control: false },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => html`
    <yc-assist-desk
      .catalog=${demoCatalog}
      .now=${() => STORY_NOW}
      hall="TJHP01"
      window="08"
      helper="clerk03"
      locale=${args.locale}
      ?large-text=${args.largeText}
      ${ref(play(args))}
    ></yc-assist-desk>
  `,
};
export default meta;

type Story = StoryObj<AssistArgs>;

/** An empty registration: the person, their groups, contact, accompaniment, and whether a proxy acts for them. */
export const Register: Story = {};

/** A proxy with a power of attorney: identity, relation, scope, term and the scanned letter. */
export const WithProxy: Story = { args: { scene: 'proxy' } };

/** A lapsed authorisation: refused with the date, nothing saved, what was typed kept. */
export const LapsedAuthorisation: Story = { args: { scene: 'lapsed' } };

/** A wrong identity number and a disability without its kind: each said on its field. */
export const Invalid: Story = { args: { scene: 'invalid' } };

/** The visit served: the person, the proxy, the help log with its total, and the next steps. */
export const Visit: Story = { args: { scene: 'visit' } };

/** A priority ticket issued for the person through the queue. */
export const PriorityTicket: Story = { args: { scene: 'ticket' } };

/** The helper's ledger: an open visit with a case being taken in, a closed one. */
export const Ledger: Story = { args: { scene: 'ledger' } };

/** The hall out of reach: the visit is kept on this PC; the ticket needs the hall. */
export const Offline: Story = { args: { scene: 'offline' } };

/** In English. */
export const English: Story = { args: { scene: 'visit', locale: 'en-US' } };

/** Large text (适老化): one column. */
export const LargeText: Story = { args: { scene: 'proxy', largeText: true } };
