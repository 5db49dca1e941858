import { expect } from '@open-wc/testing';
import { InvalidRecordError } from '@yichuang/store';
import { CLERK, PERSON, Stores, makeCase } from './support/fixtures.js';
import { findInClear, rawDump } from './support/raw.js';

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

describe('store: attachments', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('names a file by the SHA-256 of its bytes and gives it back decrypted, with its type', async () => {
    const store = await stores.open();
    const text = `户口本 ${PERSON.name}`;
    const sha = await store.putAttachment(new Blob([text], { type: 'text/plain' }));
    expect(sha).to.equal(await sha256(text));
    const back = await store.getAttachment(sha);
    expect(back?.type).to.equal('text/plain');
    expect(await back?.text()).to.equal(text);
    expect(await store.attachmentInfo(sha)).to.include({ size: new Blob([text]).size, uploaded: false });
    const raw = (await rawDump(store.name)).attachments as { data: Blob }[];
    expect(raw[0]!.data).to.be.instanceOf(Blob);
    expect(await findInClear(raw, [PERSON.name])).to.deep.equal([]);
  });

  it('stores the same bytes once', async () => {
    const store = await stores.open();
    const a = await store.putAttachment(new Blob(['same bytes']));
    await store.markAttachmentsUploaded([a]);
    const b = await store.putAttachment(new Blob(['same bytes'], { type: 'image/png' }));
    expect(b).to.equal(a);
    expect(await store.db.attachments.count()).to.equal(1);
    expect((await store.attachmentInfo(a))?.uploaded).to.equal(true);
  });

  it('keeps binary files byte for byte', async () => {
    const store = await stores.open();
    const bytes = new Uint8Array(256 * 1024);
    for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
    const sha = await store.putAttachment(new Blob([bytes], { type: 'image/jpeg' }));
    const back = new Uint8Array(await (await store.getAttachment(sha))!.arrayBuffer());
    expect(back.length).to.equal(bytes.length);
    expect(back.every((byte, i) => byte === bytes[i])).to.equal(true);
  });

  it('answers undefined for a file it does not hold and refuses what is not a file', async () => {
    const store = await stores.open();
    expect(await store.getAttachment('0'.repeat(64))).to.equal(undefined);
    expect(await store.attachmentInfo('0'.repeat(64))).to.equal(undefined);
    let failure: unknown;
    await store.putAttachment('text' as unknown as Blob).catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(InvalidRecordError);
  });

  it('sends every file a case cites with its save: scans, and the images of signatures taken on the pad', async () => {
    const store = await stores.open();
    const [scan, letter, receipt] = await Promise.all(
      ['scan', 'letter signature', 'receipt signature'].map((text) => store.putAttachment(new Blob([text]))),
    );
    const at = new Date().toISOString();
    const value = makeCase({
      materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan', copies: 0, attachments: [scan!] }],
      status: 'delivered',
      signatures: [{ document: 'tolerance-commitment', signer: 'applicant', way: 'pad', at, image: letter! }],
      handover: { way: 'window', receiver: 'applicant', signature: 'pad', image: receipt!, at },
      audit: [{ at, actor: CLERK, window: 'W03', action: 'deliver', from: 'result-ready', to: 'delivered' }],
    });
    const { mutationId } = await store.saveCase(value);
    const row = await store.db.outbox.get(mutationId);
    expect([...(row?.attachments ?? [])].sort()).to.deep.equal([scan, letter, receipt].sort());
  });
});
