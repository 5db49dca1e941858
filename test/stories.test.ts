// Every story is an input to the tests: each one is rendered in Chromium and checked by axe.
import { expect, fixture } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';

type Render = (args: Record<string, unknown>) => TemplateResult;
interface StoryModule {
  default: { title?: string; args?: Record<string, unknown>; render?: Render };
  [name: string]: unknown;
}

const modules = {
  'item-picker': await import('../stories/item-picker.stories.js'),
  provider: await import('../stories/provider.stories.js'),
  'rating-pad': await import('../stories/rating-pad.stories.js'),
  'rating-followup': await import('../stories/rating-followup.stories.js'),
  'tolerance-ledger': await import('../stories/tolerance-ledger.stories.js'),
  'result-handover': await import('../stories/result-handover.stories.js'),
  'hall-display': await import('../stories/hall-display.stories.js'),
  'queue-caller': await import('../stories/queue-caller.stories.js'),
  'queue-board': await import('../stories/queue-board.stories.js'),
  'ticket-kiosk': await import('../stories/ticket-kiosk.stories.js'),
  'material-checklist': await import('../stories/material-checklist.stories.js'),
  'item-form': await import('../stories/item-form.stories.js'),
  'intake-decision': await import('../stories/intake-decision.stories.js'),
  'applicant-form': await import('../stories/applicant-form.stories.js'),
  'proxy-form': await import('../stories/proxy-form.stories.js'),
  intake: await import('../stories/intake.stories.js'),
  'case-documents': await import('../stories/case-documents.stories.js'),
  'signature-pad': await import('../stories/signature-pad.stories.js'),
  'clerk-login': await import('../stories/clerk-login.stories.js'),
  'sync-status': await import('../stories/sync-status.stories.js'),
  'assist-desk': await import('../stories/assist-desk.stories.js'),
  'remote-intake': await import('../stories/remote-intake.stories.js'),
} as unknown as Record<string, StoryModule>;

/** Every element a story may show. */
const STORY_ELEMENTS =
  'yc-item-picker, yc-provider, yc-rating-pad, yc-rating-followup, yc-hall-display, yc-queue-board, yc-queue-caller, yc-ticket-kiosk, yc-material-checklist, yc-item-form, yc-intake-decision, yc-applicant-form, yc-proxy-form, yc-intake, yc-case-documents, yc-signature-pad, yc-tolerance-ledger, yc-result-handover, yc-clerk-login, yc-sync-status, yc-assist-desk, yc-remote-intake';

for (const [file, module] of Object.entries(modules)) {
  const meta = module.default;
  describe(`stories/${file}.stories.ts (${meta.title})`, () => {
    for (const [name, story] of Object.entries(module)) {
      if (name === 'default' || typeof story !== 'object' || story === null) continue;
      it(`${name}: renders and passes axe`, async () => {
        const { args, render: storyRender } = story as {
          args?: Record<string, unknown>;
          render?: StoryModule['default']['render'];
        };
        const template = (storyRender ?? meta.render)!({ ...meta.args, ...args });
        const host = await fixture<HTMLElement>(document.createElement('div'));
        render(template, host);
        const elements = [
          ...host.querySelectorAll<HTMLElement & { updateComplete?: Promise<boolean>; catalogReady?: Promise<void> }>(
            '*',
          ),
        ];
        for (const element of elements) await element.updateComplete;
        await Promise.race([
          Promise.all(elements.map((element) => element.catalogReady)),
          new Promise((settle) => setTimeout(settle, 500)),
        ]);
        for (const element of elements) await element.updateComplete;
        expect(host.querySelector(STORY_ELEMENTS)).to.not.equal(null);
        await expect(host).to.be.accessible();
      });
    }
  });
}
