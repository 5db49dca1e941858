import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { NEVER } from 'rxjs';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/evaluation/define.js';
import type { RatingPad, RatingPadHall } from '@yichuang/evaluation';
import type { MutationResult } from '@yichuang/hall-client';

/** The state a story puts the pad in, through the same commands the hall's events and the applicant use. */
type PadScene = 'idle' | 'invitation' | 'bad-grade' | 'thanks' | 'offline' | 'kept';

interface PadArgs {
  scene: PadScene;
  locale: string;
  largeText: boolean;
  timeout: number;
}

/**
 * A hall in memory, just what a pad needs: the session of window 01's pad, a health answer, no events (the story
 * invites the rating itself) and a sync that takes every rating — or, `reachable: false`, a hall that does not
 * answer.
 */
function storyHall(reachable: boolean): RatingPadHall {
  const unreachable = () => Promise.reject(Object.assign(new Error('network'), { status: 0 }));
  return {
    session: {
      token: 'story',
      role: 'rating-pad',
      subject: 'pad-01',
      name: '1号窗口评价器',
      hall: 'TJHP01',
      window: '01',
      expiresAt: '2099-01-01T00:00:00.000Z',
    },
    health: () =>
      reachable
        ? Promise.resolve({
            status: 'ok',
            version: 'story',
            hall: 'TJHP01',
            catalogVersion: 'story',
            time: new Date().toISOString(),
          })
        : unreachable(),
    events: () => NEVER,
    sync: (mutations) =>
      reachable
        ? Promise.resolve(
            mutations.map((mutation): MutationResult => ({
              id: mutation.id,
              status: 'applied',
              appliedAt: new Date().toISOString(),
            })),
          )
        : unreachable(),
  };
}

/** A ticket the window just finished: its id and number, nothing about the person. */
const TICKET = { id: '01KJP1SRH0C1PB0NAZM9YK8XJ7', number: 'A012' };

/** Drives the pad's controller into the story's scene once the element has made it. */
function play(scene: PadScene) {
  return (element: Element | undefined) => {
    const pad = element as RatingPad | undefined;
    if (!pad) return;
    void pad.updateComplete.then(async () => {
      const controller = pad.controller;
      if (!controller || scene === 'idle') return;
      controller.invite(TICKET);
      if (scene === 'bad-grade') {
        controller.choose(2);
        controller.toggleReason('slow');
        controller.toggleReason('notice');
      }
      if (scene === 'thanks' || scene === 'kept') {
        controller.choose(5);
        await controller.submit();
      }
    });
  };
}

/**
 * `<yc-rating-pad>`: the applicant's rating (好差评) of a window, on the tablet facing them. Each story is one state
 * the applicant meets; the hall is a small one in memory, so no server is needed. Every story is rendered and
 * checked by axe in the test run.
 */
const meta: Meta<PadArgs> = {
  title: 'Evaluation/Rating pad',
  component: 'yc-rating-pad',
  args: { scene: 'idle', locale: 'zh-CN', largeText: false, timeout: 120 },
  argTypes: {
    scene: { control: false },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => html`
    <yc-rating-pad
      style="min-height: 560px"
      .client=${storyHall(args.scene !== 'offline' && args.scene !== 'kept')}
      window="01"
      timeout=${args.timeout}
      locale=${args.locale}
      ?large-text=${args.largeText}
      ${ref(play(args.scene))}
      @yc-rating-submitted=${(event: Event) => console.info('yc-rating-submitted', (event as CustomEvent).detail)}
    ></yc-rating-pad>
  `,
};
export default meta;

type Story = StoryObj<PadArgs>;

/** Between two ratings: the pad waits for the window to finish a ticket. */
export const Idle: Story = {};

/** The window finished ticket A012: the invitation, nothing chosen beforehand. */
export const Invitation: Story = { args: { scene: 'invitation' } };

/** 不满意: the dimensions, the reasons (at least one) and a comment. */
export const BadGrade: Story = { args: { scene: 'bad-grade' } };

/** After submitting: the thank-you, then back to idle. */
export const Thanks: Story = { args: { scene: 'thanks' } };

/** The hall cannot be reached: the pad says so, and still takes the rating. */
export const Offline: Story = { args: { scene: 'offline' } };

/** Submitted while the hall cannot be reached: the rating is kept on the pad and sent later; the applicant is told. */
export const KeptOffline: Story = { args: { scene: 'kept' } };

/** Large text (适老化). */
export const LargeText: Story = { args: { scene: 'invitation', largeText: true } };

/** In English. */
export const English: Story = { args: { scene: 'bad-grade', locale: 'en-US' } };
