import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/queue/define.js';
import { SimulatedIdCardReader, SimulatedTicketPrinter } from '@yichuang/devices';
import { DEMO_HALL } from '@yichuang/demo-catalog';
import type { TicketKiosk } from '@yichuang/queue';
import { queueFakeHall, whenRendered, type QueueFakeHall } from './support/queue-fake-hall.js';

/** The state a story shows the kiosk in, through the commands the applicant's touches give. */
type KioskScene = 'choose' | 'appointment' | 'issued' | 'offline';

interface KioskArgs {
  scene: KioskScene;
  locale: string;
  hallName: string;
  returnAfter: number;
}

/** The demo hall's fictional 1958-born applicant: the card button tells the kiosk she may take a priority ticket. */
const ELDERLY_CARD = {
  name: '张秀兰',
  idNumber: '120101195803120025',
  sex: 'female',
  birthDate: '1958-03-12',
} as const;

/** Drives the kiosk's controller into the story's scene once its first picture of the queue is in. */
function play(scene: KioskScene, hall: QueueFakeHall) {
  return whenRendered<TicketKiosk>(async (kiosk) => {
    const controller = kiosk.controller;
    if (!controller) return;
    await controller.start();
    if (scene === 'appointment') controller.showAppointment(true);
    if (scene === 'issued') await controller.issue('A');
    if (scene === 'offline') {
      hall.offline = true;
      await controller.issue('A');
    }
  });
}

/**
 * `<yc-ticket-kiosk>`: the self-service kiosk (自助取号机) — a big button per service with the people waiting, the
 * priority choice, the appointment check-in, and the ticket shown and printed. Each story is one state the applicant
 * meets; the hall is a small one in memory (no server), the printer and the card reader simulated (the reader holds
 * one card of a fictional elderly applicant). Every story is rendered and checked by axe in the test run.
 */
const meta: Meta<KioskArgs> = {
  title: 'Queue/Ticket kiosk',
  component: 'yc-ticket-kiosk',
  args: { scene: 'choose', locale: 'zh-CN', hallName: DEMO_HALL.name, returnAfter: 3600 },
  argTypes: {
    scene: { control: false },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => {
    const hall = queueFakeHall({ role: 'kiosk' });
    return html`
      <yc-ticket-kiosk
        style="max-width: 1280px; min-height: 640px"
        .client=${hall.client}
        .printer=${new SimulatedTicketPrinter({ printMs: 800 })}
        .idReader=${new SimulatedIdCardReader({ cards: [ELDERLY_CARD], readMs: 600 })}
        hall-name=${args.hallName}
        status-url="https://hall.example.cn/queue/status?ticket={id}"
        return-after=${args.returnAfter}
        locale=${args.locale}
        ${ref(play(args.scene, hall))}
      ></yc-ticket-kiosk>
    `;
  },
};
export default meta;

type Story = StoryObj<KioskArgs>;

/** The start: a button per service with the people waiting, the priority choice, the card and appointment buttons. */
export const Choose: Story = {};

/** 我有预约: the booking code and the service booked. */
export const Appointment: Story = { args: { scene: 'appointment' } };

/** A ticket for 综合业务: its number, the people ahead, the time, and the printer's word. */
export const Issued: Story = { args: { scene: 'issued' } };

/** The hall could not be reached when the applicant touched a service: no number, and where to go instead. */
export const Offline: Story = { args: { scene: 'offline' } };

/** In English. */
export const English: Story = { args: { locale: 'en-US' } };
