import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/intake/define.js';
import { SimulatedSignaturePad } from '@yichuang/devices';
import type { SignaturePadElement } from '@yichuang/intake';

interface PadArgs {
  signer: string;
  /** The window has a hardware pad; `offline`: it is unplugged, and the story asks it once. */
  device?: 'ready' | 'offline';
  locale: string;
  largeText: boolean;
}

/** For `offline`, asks the unplugged pad once, so the story shows what the clerk is told. */
function play(args: PadArgs) {
  return (element: Element | undefined) => {
    const view = element as SignaturePadElement | undefined;
    if (!view || args.device !== 'offline' || view.dataset.played) return;
    view.dataset.played = 'yes';
    view.dataset.scene = 'pending';
    void view.updateComplete
      .then(async () => {
        const ask = [...view.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('签字板'));
        ask?.click();
        await new Promise((resolve) => setTimeout(resolve, 50));
        await view.updateComplete;
      })
      .finally(() => delete view.dataset.scene);
  };
}

/**
 * `<yc-signature-pad>`: where the applicant signs a document — on the screen's pad, on the window's hardware pad, or
 * recorded as signed on paper (the keyboard's way). Every story is rendered and checked by axe.
 */
const meta: Meta<PadArgs> = {
  title: 'Intake/Signature pad',
  component: 'yc-signature-pad',
  args: { signer: '申请人 李四', locale: 'zh-CN', largeText: false },
  argTypes: {
    device: { control: 'inline-radio', options: [undefined, 'ready', 'offline'] },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => {
    const device = args.device ? new SimulatedSignaturePad(args.device === 'offline' ? 0 : 1500) : undefined;
    if (args.device === 'offline') device!.failWith('offline');
    return html`<yc-signature-pad
      signer=${args.signer}
      .device=${device}
      locale=${args.locale}
      ?large-text=${args.largeText}
      ${ref(play(args))}
    ></yc-signature-pad>`;
  },
};
export default meta;

type Story = StoryObj<PadArgs>;

/** The screen's pad, empty: confirm waits for a signature; signing on paper is always there. */
export const Empty: Story = {};

/** The window has a hardware pad: one more way to sign. */
export const WithPad: Story = { args: { device: 'ready' } };

/** The hardware pad is unplugged: said plainly, with the other ways to sign. */
export const PadOffline: Story = { args: { device: 'offline' } };

/** English and large text. */
export const EnglishLargeText: Story = { args: { locale: 'en-US', largeText: true, signer: 'applicant Li Si' } };
