import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '@yichuang/intake/define.js';
import { SimulatedSignaturePad } from '@yichuang/devices';
import { SignEvent, type SignaturePadElement } from '@yichuang/intake';

async function mount(device?: SimulatedSignaturePad): Promise<SignaturePadElement> {
  const el = await fixture<SignaturePadElement>(
    html`<yc-signature-pad signer="申请人 李四" .device=${device}></yc-signature-pad>`,
  );
  // The drawing library loads on first use.
  for (let i = 0; i < 100 && !el.shadowRoot!.querySelector('canvas')!.width; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  return el;
}

const part = <T extends Element>(el: SignaturePadElement, name: string) =>
  el.shadowRoot!.querySelector<T>(`[part~="${name}"]`)!;
const next = (el: SignaturePadElement) =>
  new Promise<SignEvent>((resolve) => el.addEventListener(SignEvent.type, resolve, { once: true }));

/** Draws a stroke across the pad with the real mouse. */
async function draw(el: SignaturePadElement): Promise<void> {
  const box = part(el, 'pad').getBoundingClientRect();
  const y = Math.round(box.top + box.height / 2);
  await sendMouse({ type: 'move', position: [Math.round(box.left + 20), y] });
  await sendMouse({ type: 'down' });
  for (let x = 40; x < box.width - 20; x += 30) {
    await sendMouse({ type: 'move', position: [Math.round(box.left + x), y + ((x / 30) % 2 ? 15 : -15)] });
  }
  await sendMouse({ type: 'up' });
  await el.updateComplete;
}

describe('<yc-signature-pad>', () => {
  it('takes a signature drawn with the mouse, confirmed, as a PNG', async () => {
    const el = await mount();
    expect(part<HTMLButtonElement>(el, 'confirm').disabled).to.equal(true);
    await draw(el);
    expect(el.drawn).to.equal(true);
    const signed = next(el);
    part<HTMLButtonElement>(el, 'confirm').click();
    const { detail } = await signed;
    expect(detail.way).to.equal('pad');
    const image = (detail as { image: Blob }).image;
    expect(image.type).to.equal('image/png');
    const bitmap = await createImageBitmap(image);
    expect(bitmap.width).to.be.greaterThan(100);
    await expect(el).to.be.accessible();
  });

  it('starts again when cleared', async () => {
    const el = await mount();
    await draw(el);
    el.clear();
    await el.updateComplete;
    expect(el.drawn).to.equal(false);
    expect(part<HTMLButtonElement>(el, 'confirm').disabled).to.equal(true);
  });

  it('records a signature on paper with the keyboard alone', async () => {
    const el = await mount();
    part<HTMLButtonElement>(el, 'paper').focus();
    const signed = next(el);
    await sendKeys({ press: 'Enter' });
    expect((await signed).detail).to.deep.equal({ way: 'paper' });
  });

  it('takes the signature from the window’s pad, and says plainly when the pad is not there', async () => {
    const device = new SimulatedSignaturePad();
    const el = await mount(device);
    const button = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('签字板'))!;
    const signed = next(el);
    button.click();
    expect(((await signed).detail as { image: Blob }).image.type).to.equal('image/png');
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
    device.failWith('offline');
    button.click();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await el.updateComplete;
    expect(part(el, 'problem').textContent).to.contain('签字板未连接');
  });
});
