import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/queue/define.js';
import { SimulatedVoiceEngine } from '@yichuang/devices';
import { feedThatDrops, queueFakeHall, whenRendered } from './support/queue-fake-hall.js';

/** The state a story shows the screen in. */
type DisplayScene = 'live' | 'reconnecting' | 'empty';

/** The screen's clock, fixed at the demo morning (09:45 Beijing time) so screenshots are stable. */
const NINE_FORTY_FIVE = () => Date.parse('2026-12-04T09:45:00+08:00');

interface DisplayArgs {
  scene: DisplayScene;
  locale: string;
  heading: string;
  recentCalls: number;
}

/**
 * `<yc-hall-display>`: the hall's big screen (叫号大屏) — the latest call large, the calls before it, and the people
 * waiting per service with the expected wait. Each story is one state the people in the hall see; the hall is a
 * small one in memory (no server), its voice a simulated one (no sound). Every story is rendered and checked by axe
 * in the test run.
 */
const meta: Meta<DisplayArgs> = {
  title: 'Queue/Hall display',
  component: 'yc-hall-display',
  args: { scene: 'live', locale: 'zh-CN', heading: '', recentCalls: 6 },
  argTypes: {
    scene: { control: false },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => {
    const hall = queueFakeHall({ scene: args.scene === 'empty' ? 'empty' : 'busy', role: 'display' });
    // Reconnecting: a feed that loses the hall once the first picture is in, and asks again every 200 ms.
    const feed = args.scene === 'reconnecting' ? feedThatDrops(hall, { recentCalls: 12 }) : undefined;
    return html`
      <div style="height: 720px">
        <yc-hall-display
          .client=${hall.client}
          .feed=${feed}
          .voice=${new SimulatedVoiceEngine()}
          .clock=${NINE_FORTY_FIVE}
          heading=${args.heading}
          recent-calls=${args.recentCalls}
          locale=${args.locale}
          ${ref(
            whenRendered(
              () => {},
              () => feed?.stop(),
            ),
          )}
        ></yc-hall-display>
      </div>
    `;
  },
};
export default meta;

type Story = StoryObj<DisplayArgs>;

/** A busy morning: 请 C021 号到 4 号窗口办理, the calls before it, and the people waiting per service. */
export const Live: Story = {};

/** Before the first call of the day: people waiting, nothing called, no estimate yet. */
export const Empty: Story = { args: { scene: 'empty' } };

/** In English (the voice still speaks Chinese). */
export const English: Story = { args: { locale: 'en-US' } };
