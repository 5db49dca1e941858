import { expect } from '@open-wc/testing';
import { SignaturePadError, SimulatedSignaturePad, drawnSignature } from '@yichuang/devices';

describe('the simulated signature pad', () => {
  it('gives a PNG signature, different for each signing', async () => {
    const pad = new SimulatedSignaturePad();
    const first = await pad.capture();
    const second = await pad.capture();
    expect(first.type).to.equal('image/png');
    expect(pad.captured).to.equal(2);
    const bytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer()).join();
    expect(await bytes(first)).to.not.equal(await bytes(second));
    const bitmap = await createImageBitmap(await drawnSignature());
    expect([bitmap.width, bitmap.height]).to.deep.equal([480, 160]);
  });

  it('fails as told, with a reason the window can say', async () => {
    const pad = new SimulatedSignaturePad();
    pad.failWith('cancelled');
    const error = await pad.capture().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(SignaturePadError);
    expect((error as SignaturePadError).reason).to.equal('cancelled');
    pad.failWith(undefined);
    expect((await pad.capture()).type).to.equal('image/png');
  });

  it('stops when aborted while the signer signs', async () => {
    const pad = new SimulatedSignaturePad(500);
    const stop = new AbortController();
    const capture = pad.capture(stop.signal);
    stop.abort(new Error('the clerk cancelled'));
    expect(((await capture.catch((e: unknown) => e)) as Error).message).to.equal('the clerk cancelled');
    expect(pad.captured).to.equal(0);
    expect(await pad.capture(stop.signal).catch((e: unknown) => (e as Error).message)).to.equal('the clerk cancelled');
  });
});
