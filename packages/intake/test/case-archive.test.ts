import { expect } from '@open-wc/testing';
import { strFromU8, unzipSync } from 'fflate';
import { transition, type Case } from '@yichuang/core';
import {
  CASE_ARCHIVE_FORMAT,
  CaseArchiveIncompleteError,
  CaseDocumentsController,
  caseArchive,
  type CaseArchiveManifest,
} from '@yichuang/intake';
import { Stores } from '../../store/test/support/fixtures.js';
import { NOW, checked, draftOf, rentalHousing } from './support.js';

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A small PNG: what a scan at the window leaves in the store. */
async function scan(colour: string): Promise<Blob> {
  const canvas = new OffscreenCanvas(40, 30);
  const context = canvas.getContext('2d')!;
  context.fillStyle = colour;
  context.fillRect(0, 0, 40, 30);
  return canvas.convertToBlob({ type: 'image/png' });
}

async function documentsOf(kase: Case) {
  const controller = new CaseDocumentsController();
  await controller.load(kase, rentalHousing(), {
    hallName: '示范区政务服务中心',
    statusUrl: (c) => `https://hall.example.gov.cn/case/${c.id}`,
  });
  return controller.state.documents;
}

describe('caseArchive', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('packs the case, its documents and its scans into one zip, each file listed with its SHA-256', async () => {
    const store = await stores.open();
    const idCard = await store.putAttachment(await scan('#336'));
    const contract = await store.putAttachment(await scan('#a63'));
    const items = rentalHousing();
    const materials = checked(items, { 'resident-id-card': 'scan', 'rental-contract': 'scan' }).map((m) =>
      m.materialId === 'resident-id-card'
        ? { ...m, attachments: [idCard] }
        : m.materialId === 'rental-contract'
          ? { ...m, attachments: [contract] }
          : m,
    );
    const kase = transition(draftOf(items, materials), {
      to: 'accepted',
      actor: 'clerk07',
      window: '03',
      at: NOW.toISOString(),
      items,
    });
    const documents = await documentsOf(kase);
    const { zip, manifest } = await caseArchive({
      case: kase,
      documents,
      attachment: (hash) => store.getAttachment(hash),
      createdAt: '2026-12-07T02:00:00.000Z',
    });

    const files = unzipSync(zip);
    const listed = JSON.parse(strFromU8(files['manifest.json']!)) as CaseArchiveManifest;
    expect(listed).to.deep.equal(manifest);
    expect(listed).to.deep.include({
      format: CASE_ARCHIVE_FORMAT,
      caseId: kase.id,
      caseNumber: 'TJHP01-20261207-03-0001',
      status: 'accepted',
    });
    expect(Object.keys(files).sort()).to.deep.equal(['manifest.json', ...listed.files.map((f) => f.path)].sort());
    for (const file of listed.files) {
      const bytes = files[file.path]! as Uint8Array<ArrayBuffer>;
      expect(await sha256(bytes), file.path).to.equal(file.sha256);
      expect(bytes.length).to.equal(file.bytes);
    }
    expect(JSON.parse(strFromU8(files['case.json']!))).to.deep.equal(kase);
    expect(listed.files.filter((f) => f.kind === 'document').map((f) => f.path)).to.deep.equal([
      'documents/01-acceptance-notice.html',
      'documents/02-material-receipt.html',
    ]);
    const notice = strFromU8(files['documents/01-acceptance-notice.html']!);
    expect(notice).to.contain('受理通知书').and.contain(documents[0]!.digest);
    expect(listed.files.find((f) => f.kind === 'document')!.document!.contentDigest).to.equal(documents[0]!.digest);
    const attachments = listed.files.filter((f) => f.kind === 'attachment');
    expect(attachments.map((f) => [f.path, f.materialIds])).to.have.deep.members([
      [`attachments/${idCard}.png`, ['resident-id-card']],
      [`attachments/${contract}.png`, ['rental-contract']],
    ]);
    // The scan's own hash is its name: the file in the zip is the very file stored.
    for (const file of attachments) expect(file.path).to.contain(file.sha256);
  });

  it('refuses to make an archive without an attachment the case names, and says which', async () => {
    const items = rentalHousing();
    const lost = 'ab'.repeat(32);
    const materials = checked(items, { 'resident-id-card': 'scan' }).map((m) =>
      m.materialId === 'resident-id-card' ? { ...m, attachments: [lost] } : m,
    );
    const kase = transition(draftOf(items, materials), {
      to: 'accepted',
      actor: 'clerk07',
      window: '03',
      at: NOW.toISOString(),
      items,
    });
    const error = await caseArchive({ case: kase, documents: [], attachment: async () => undefined }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(CaseArchiveIncompleteError);
    expect((error as CaseArchiveIncompleteError).missing).to.deep.equal([lost]);
  });
});
