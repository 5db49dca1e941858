import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/queue/define.js';
import { boardFakeHall, type BoardScene } from './support/board-fake-hall.js';

interface BoardArgs {
  scene: BoardScene;
  locale: string;
  heading: string;
  waitAlertMinutes: number;
}

/**
 * `<yc-queue-board>`: the manager's live view of the hall (大厅运行看板) — windows serving, paused, idle or closed,
 * the people waiting per service with their waits and no-shows, the day's ratings, alerts for long waits, a chart of
 * the waiting line through the day and one of service times; printable as the daily report, and exported as CSV.
 * The day shown is a fixed one summed by the same core functions the hall uses. Every story is rendered and checked
 * by axe in the test run.
 */
const meta: Meta<BoardArgs> = {
  title: 'Queue/Queue board',
  component: 'yc-queue-board',
  args: { scene: 'busy', locale: 'zh-CN', heading: '一层大厅', waitAlertMinutes: 30 },
  argTypes: {
    scene: { control: false },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) =>
    html`<yc-queue-board
      .client=${boardFakeHall(args.scene)}
      heading=${args.heading}
      wait-alert-minutes=${args.waitAlertMinutes}
      locale=${args.locale}
    ></yc-queue-board>`,
};
export default meta;

type Story = StoryObj<BoardArgs>;

/** 10:45 of a busy morning: a long wait for 不动产登记 raised, window 02 paused for a break. */
export const Busy: Story = {};

/** 08:40, the first tickets of the day: nothing served, no alert, no rating yet. */
export const Quiet: Story = { args: { scene: 'quiet' } };

/** The same morning in English. */
export const English: Story = { args: { locale: 'en-US' } };

/** The hall refuses the board (the session is not a manager's): it says so, and shows nothing else. */
export const Refused: Story = { args: { scene: 'refused' } };
