// The rating pad's stories are inputs to its tests: each is rendered, reaches its scene and passes axe.
import { expect, fixture } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import type { RatingPad } from '@yichuang/evaluation';
import * as stories from '../../../stories/rating-pad.stories.js';
import { eventually } from './support.js';

type Args = Record<string, unknown>;
const meta = stories.default as unknown as { args: Args; render: (args: Args) => TemplateResult };

/** What each story shows once it reached its scene. */
const EXPECTED: Record<string, { phase: string; connection: string }> = {
  Idle: { phase: 'idle', connection: 'online' },
  Invitation: { phase: 'rating', connection: 'online' },
  BadGrade: { phase: 'rating', connection: 'online' },
  Thanks: { phase: 'thanks', connection: 'online' },
  Offline: { phase: 'rating', connection: 'offline' },
  KeptOffline: { phase: 'thanks', connection: 'offline' },
  LargeText: { phase: 'rating', connection: 'online' },
  English: { phase: 'rating', connection: 'online' },
};

describe('stories/rating-pad.stories.ts', () => {
  for (const [name, story] of Object.entries(stories)) {
    if (name === 'default') continue;
    it(`${name}: reaches its scene and passes axe`, async () => {
      const host = await fixture<HTMLElement>(document.createElement('div'));
      render(meta.render({ ...meta.args, ...(story as { args?: Args }).args }), host);
      const pad = host.querySelector<RatingPad>('yc-rating-pad')!;
      const expected = EXPECTED[name]!;
      await eventually(() => pad.state?.phase === expected.phase && pad.state.connection === expected.connection);
      await pad.updateComplete;
      await expect(host).to.be.accessible();
    });
  }
});
