import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { of } from 'rxjs';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/shell/define.js';
import type { ParkedMutation, SyncStatus } from '@yichuang/store';
import type { SyncStatusBar } from '@yichuang/shell';

interface StatusArgs {
  state: SyncStatus['state'];
  pending: number;
  parked: number;
  open: boolean;
  locale: string;
}

const PARKED: ParkedMutation[] = [
  {
    id: 'm1',
    kind: 'case.save',
    record: 'c1',
    label: 'TJHP01-20261207-03-0004',
    code: 'invalid',
    message: '办件内容有误，大厅没有接收',
    issues: ['applicant.phone: 手机号码应为 11 位数字'],
    at: '2026-12-07T02:00:00.000Z',
    attempts: 1,
  } as ParkedMutation,
  {
    id: 'm2',
    kind: 'case.save',
    record: 'c2',
    label: 'TJHP01-20261207-03-0006',
    code: 'conflict',
    message: '这个办件已在其他窗口修改，请重新打开后再保存',
    at: '2026-12-07T02:10:00.000Z',
    attempts: 3,
  } as ParkedMutation,
];

const opened = new WeakSet<Element>();

/** Opens the parked list for the story that shows it. */
function play(args: StatusArgs) {
  return (element: Element | undefined) => {
    const bar = element as SyncStatusBar | undefined;
    if (!bar || !args.open || opened.has(bar)) return;
    opened.add(bar);
    bar.dataset.scene = 'pending';
    void bar.updateComplete
      .then(() => bar.shadowRoot!.querySelector<HTMLButtonElement>('[part="parked"]')?.click())
      .then(() => new Promise((resolve) => setTimeout(resolve, 50)))
      .finally(() => delete bar.dataset.scene);
  };
}

/** `<yc-sync-status>`: the connection, what waits to sync, and what was parked, always in the workstation's frame. */
const meta: Meta<StatusArgs> = {
  title: 'Workstation/Sync status',
  component: 'yc-sync-status',
  args: { state: 'idle', pending: 0, parked: 0, open: false, locale: 'zh-CN' },
  argTypes: {
    state: { control: 'select', options: ['idle', 'syncing', 'offline', 'backoff', 'signed-out'] },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => html`
    <yc-sync-status
      locale=${args.locale}
      .source=${{
        status$: of({
          state: args.state,
          pending: args.pending,
          parked: args.parked,
          lastSuccessAt: undefined,
          error: undefined,
          running: true,
          leader: true,
          retryAt: undefined,
        } satisfies SyncStatus),
        parked: async () => PARKED.slice(0, args.parked),
      }}
      ${ref(play(args))}
    ></yc-sync-status>
  `,
};
export default meta;

type Story = StoryObj<StatusArgs>;

/** Connected, nothing waiting. */
export const Connected: Story = {};

/** Offline: cases wait on this PC. */
export const Offline: Story = { args: { state: 'offline', pending: 5 } };

/** The hall does not answer for now: retrying. */
export const Retrying: Story = { args: { state: 'backoff', pending: 2 } };

/** Two records parked: the button that opens their list. */
export const Parked: Story = { args: { pending: 1, parked: 2 } };

/** The parked list open, each with its reason. */
export const ParkedList: Story = { args: { pending: 1, parked: 2, open: true } };

/** In English. */
export const English: Story = { args: { state: 'offline', pending: 3, parked: 1, locale: 'en-US' } };
