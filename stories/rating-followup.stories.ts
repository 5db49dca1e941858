import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { NEVER } from 'rxjs';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/evaluation/define.js';
import type { FollowUpHall, RatingFollowUp } from '@yichuang/evaluation';
import type { FollowUp, FollowUpAct, Session } from '@yichuang/hall-client';

/** The state a story puts the view in, through the same commands a manager uses. */
type FollowUpScene = 'list' | 'overdue' | 'opened' | 'problem' | 'clerk';

interface FollowUpArgs {
  scene: FollowUpScene;
  locale: string;
  largeText: boolean;
}

/** The hall's today in every story, so that screenshots are stable. */
const TODAY = '2026-10-16';

/** Three bad ratings around 国庆 2026: one overdue, one open in time, one closed. */
function followUps(): FollowUp[] {
  return [
    {
      ratingId: '01KJ9Z1B2C3D4E5F6G7H8J9K0M',
      window: '01',
      clerk: 'clerk01',
      grade: 2,
      reasons: ['wait', 'materials'],
      day: '2026-09-30',
      openedAt: '2026-09-30T02:00:00.000Z',
      due: '2026-10-13',
      status: 'open',
      overdue: true,
      actions: [
        {
          action: 'callback',
          note: '已电话回访，评价人反映材料清单没有一次讲清楚。',
          by: 'manager01',
          at: '2026-10-09T03:20:00.000Z',
        },
      ],
    },
    {
      ratingId: '01KJB1C2D3E4F5G6H7J8K9M0N1',
      window: '03',
      clerk: 'clerk03',
      grade: 1,
      reasons: ['attitude'],
      day: '2026-10-15',
      openedAt: '2026-10-15T06:41:00.000Z',
      due: '2026-10-22',
      status: 'open',
      overdue: false,
      actions: [],
    },
    {
      ratingId: '01KJA0B1C2D3E4F5G6H7J8K9M0',
      window: '02',
      clerk: 'clerk02',
      grade: 2,
      reasons: ['slow'],
      day: '2026-10-09',
      openedAt: '2026-10-09T01:05:00.000Z',
      due: '2026-10-16',
      status: 'closed',
      overdue: false,
      closedAt: '2026-10-14T08:00:00.000Z',
      actions: [
        { action: 'rectify', note: '增开午间窗口。', by: 'manager01', at: '2026-10-12T02:00:00.000Z' },
        { action: 'feedback', note: '已短信告知评价人整改情况。', by: 'manager01', at: '2026-10-14T08:00:00.000Z' },
      ],
    },
  ];
}

/** A hall in memory, just what the view needs: a manager's (or a clerk's) session, the list and the actions. */
function storyHall(role: 'manager' | 'clerk'): FollowUpHall {
  const held = followUps();
  const session: Session = {
    token: 'story',
    role,
    subject: role === 'manager' ? 'manager01' : 'clerk01',
    name: role === 'manager' ? '大厅管理员' : '窗口一',
    hall: 'TJHP01',
    ...(role === 'clerk' ? { window: '01', windows: ['01'] } : {}),
    expiresAt: '2099-01-01T00:00:00.000Z',
  };
  return {
    session,
    events: () => NEVER,
    followUps: async (query = {}) => {
      const status = query.status ?? 'open';
      const shown = held.filter(
        (one) =>
          (role === 'manager' || one.window === '01') &&
          (status === 'all' || (status === 'open' ? one.status === 'open' : one.overdue)),
      );
      return { today: TODAY, followUps: shown };
    },
    actOnFollowUp: async (ratingId: string, act: FollowUpAct) => {
      const index = held.findIndex((one) => one.ratingId === ratingId);
      const before = held[index]!;
      const closes = act.action === 'feedback' || act.outcome === 'withdrawn';
      const after: FollowUp = {
        ...before,
        actions: [...before.actions, { ...act, by: 'manager01', at: new Date().toISOString() }],
        ...(closes ? { status: 'closed', overdue: false, closedAt: new Date().toISOString() } : {}),
      };
      held[index] = after;
      return after;
    },
  };
}

/** Drives the view into the story's scene once its list is there. */
function play(scene: FollowUpScene) {
  return (element: Element | undefined) => {
    const view = element as RatingFollowUp | undefined;
    if (!view) return;
    void view.updateComplete.then(async () => {
      const controller = view.controller;
      if (!controller) return;
      await controller.load();
      if (scene === 'overdue') await controller.setFilter('overdue');
      if (scene === 'opened' || scene === 'problem' || scene === 'clerk') {
        controller.open('01KJ9Z1B2C3D4E5F6G7H8J9K0M');
      }
      if (scene === 'problem') {
        controller.edit({ action: 'review' });
        await controller.record();
      }
    });
  };
}

/**
 * `<yc-rating-followup>`: the follow-ups of bad ratings (差评整改) for the hall's staff. Each story is one state a
 * manager (or a clerk) meets; the hall is a small one in memory. Every story is rendered and checked by axe.
 */
const meta: Meta<FollowUpArgs> = {
  title: 'Evaluation/Rating follow-up',
  component: 'yc-rating-followup',
  args: { scene: 'list', locale: 'zh-CN', largeText: false },
  argTypes: {
    scene: { control: false },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => html`
    <yc-rating-followup
      .client=${storyHall(args.scene === 'clerk' ? 'clerk' : 'manager')}
      locale=${args.locale}
      ?large-text=${args.largeText}
      ${ref(play(args.scene))}
    ></yc-rating-followup>
  `,
};
export default meta;

type Story = StoryObj<FollowUpArgs>;

/** The open follow-ups: one overdue (said in words, with a sign and a bar), one in time. */
export const Open: Story = {};

/** Only the overdue ones. */
export const Overdue: Story = { args: { scene: 'overdue' } };

/** One opened: the rating, what was done, and the form of the next action. */
export const Opened: Story = { args: { scene: 'opened' } };

/** A review sent without its outcome nor a note: what is wrong is said, nothing is sent. */
export const Problem: Story = { args: { scene: 'problem' } };

/** A clerk reads the follow-ups of their window; only managers record. */
export const ClerkReadOnly: Story = { args: { scene: 'clerk' } };

/** Large text (适老化). */
export const LargeText: Story = { args: { scene: 'opened', largeText: true } };

/** In English. */
export const English: Story = { args: { scene: 'list', locale: 'en-US' } };
