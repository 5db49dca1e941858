import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { filter, firstValueFrom } from 'rxjs';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/queue/define.js';
import type { QueueCaller } from '@yichuang/queue';
import { feedThatDrops, queueFakeHall, whenRendered } from './support/queue-fake-hall.js';

/** The state a story shows the panel in. */
type CallerScene = 'serving' | 'idle' | 'paused' | 'offline';

interface CallerArgs {
  scene: CallerScene;
  window: string;
  locale: string;
  requeueBehind: number;
}

/**
 * `<yc-queue-caller>`: the clerk's calling panel (叫号器) for one window — the number being served, the people waiting
 * for the window, the numbers on hold, and every command on a button and an Alt shortcut. Each story is one state a
 * clerk meets; the hall is a small one in memory (no server), and the buttons work against it. Every story is
 * rendered and checked by axe in the test run.
 */
const meta: Meta<CallerArgs> = {
  title: 'Queue/Queue caller',
  component: 'yc-queue-caller',
  args: { scene: 'serving', window: '01', locale: 'zh-CN', requeueBehind: 3 },
  argTypes: {
    scene: { control: false },
    window: { control: 'select', options: ['01', '02', '03', '04', '05'] },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => {
    const hall = queueFakeHall({ role: 'clerk', window: args.window });
    // Offline: a feed that loses the hall once the first picture is in, as the caller's own would.
    const feed = args.scene === 'offline' ? feedThatDrops(hall) : undefined;
    return html`
      <yc-queue-caller
        style="max-width: 1200px"
        .client=${hall.client}
        .feed=${feed}
        window=${args.window}
        requeue-behind=${args.requeueBehind}
        locale=${args.locale}
        ${ref(
          whenRendered<QueueCaller>(
            async (caller) => {
              // Paused: the clerk went to a training session (Alt+P, 会议培训) and the hall answered.
              if (args.scene === 'paused') await caller.controller?.pause('meeting', '业务培训，10:30 回来');
              // Offline: the state to show is the one after the feed noticed the hall is gone.
              if (feed) await firstValueFrom(feed.state$.pipe(filter((state) => state.status === 'reconnecting')));
            },
            () => feed?.stop(),
          ),
        )}
        @yc-ticket-called=${(event: Event) => console.info('yc-ticket-called', (event as CustomEvent).detail)}
        @yc-ticket-finished=${(event: Event) => console.info('yc-ticket-finished', (event as CustomEvent).detail)}
      ></yc-queue-caller>
    `;
  },
};
export default meta;

type Story = StoryObj<CallerArgs>;

/** Window 01 serves A012 and holds A010 (the applicant fetches a document); people wait for the window. */
export const Serving: Story = {};

/** Window 05 serves nobody: only 叫下一位 can be pressed. */
export const Idle: Story = { args: { scene: 'idle', window: '05' } };

/** Window 05 is paused for a training session: the reason and the time it began show, and only 恢复服务 calls again. */
export const Paused: Story = { args: { scene: 'paused', window: '05' } };

/** The hall cannot be reached: the last picture stays, a banner says so, and the commands wait for the hall. */
export const Offline: Story = { args: { scene: 'offline' } };

/** In English. */
export const English: Story = { args: { locale: 'en-US' } };
