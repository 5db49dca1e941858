import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '@yichuang/intake/define.js';
import '@yichuang/ui/define.js';
import { MAX_MATERIAL_FILES, type CaseMaterial } from '@yichuang/core';
import { SimulatedDocumentCamera, type DocumentCamera } from '@yichuang/devices';
import {
  MaterialChecklistController,
  type AttachmentSink,
  type MaterialChecklist,
  type MaterialsChangeEvent,
} from '@yichuang/intake';
import type { WorkstationStore } from '@yichuang/store';
import { Stores } from '../../store/test/support/fixtures.js';
import { demoItem, NOW } from './support.js';

const CARD = 'social-security-card';
const items = () => [demoItem('mi-relocation-filing')];

const rowOf = (el: MaterialChecklist, id = CARD) =>
  el.shadowRoot!.querySelector<HTMLLIElement>(`li[data-material="${id}"]`)!;
const partOf = <T extends HTMLElement = HTMLElement>(el: MaterialChecklist, part: string, id = CARD) =>
  rowOf(el, id).querySelector<T>(`[part~="${part}"]`);
const textOf = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const materialOf = (el: MaterialChecklist, id = CARD) => el.state.materials.find((m) => m.materialId === id);

/** Presses a material's receipt, as the clerk does. */
async function receive(el: MaterialChecklist, receipt: string, id = CARD): Promise<void> {
  rowOf(el, id).querySelector<HTMLInputElement>(`input[type="radio"][value="${receipt}"]`)!.click();
  await el.updateComplete;
}

/** Presses 拍摄/扫描 and waits until the capture has ended, stored or not. */
async function capture(el: MaterialChecklist, id = CARD): Promise<void> {
  partOf<HTMLButtonElement>(el, 'capture', id)!.click();
  for (let i = 0; i < 200 && el.state.scan.phase === 'capturing'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(el.state.scan.phase).not.to.equal('capturing');
  await el.updateComplete;
}

/** A SHA-256-looking name for a page the test did not capture. */
const page = (n: number) => n.toString(16).padStart(64, '0');

function mount(options: { camera?: DocumentCamera; store?: AttachmentSink; materials?: CaseMaterial[] } = {}) {
  return fixture<MaterialChecklist>(html`
    <yc-material-checklist
      .items=${items()}
      .materials=${options.materials ?? []}
      .camera=${options.camera}
      .store=${options.store}
      .now=${() => NOW}
    ></yc-material-checklist>
  `);
}

describe('<yc-material-checklist> scanning a material at the window', () => {
  const stores = new Stores();
  let store: WorkstationStore;
  beforeEach(async () => {
    store = await stores.open();
  });
  afterEach(() => stores.cleanup());

  it('is accessible with pages captured, and offers the camera only on a material received as a scan', async () => {
    const camera = new SimulatedDocumentCamera();
    const el = await mount({ camera, store });
    expect(el.shadowRoot!.querySelectorAll('[part~="scan"]')).to.have.length(0);
    await receive(el, 'paper');
    expect(partOf(el, 'capture')).to.equal(null);
    await receive(el, 'scan');
    expect(textOf(partOf(el, 'capture'))).to.equal('拍摄/扫描');
    expect(partOf(el, 'capture', 'long-term-residence-proof')).to.equal(null);
    await capture(el);
    await expect(el).to.be.accessible();
  });

  it('stores each page encrypted, names it in the material, counts the pages and removes the last', async function () {
    this.timeout(20_000);
    const camera = new SimulatedDocumentCamera({ now: () => NOW });
    const el = await mount({ camera, store });
    await receive(el, 'scan');
    expect(textOf(partOf(el, 'pages'))).to.equal('');

    const first = oneEvent(el, 'yc-materials-change') as Promise<MaterialsChangeEvent>;
    partOf<HTMLButtonElement>(el, 'capture')!.click();
    const announced = (await first).detail.materials.find((m) => m.materialId === CARD)!;
    expect(announced.receipt).to.equal('scan');
    expect(announced.attachments).to.have.length(1);
    const [sha256] = announced.attachments!;
    expect(sha256).to.match(/^[0-9a-f]{64}$/);
    await el.updateComplete;
    expect(textOf(partOf(el, 'pages'))).to.equal('已拍摄 1 页');

    // What the store gives back is the page: a JPEG the browser decodes.
    const stored = (await store.getAttachment(sha256!))!;
    expect(stored.type).to.equal('image/jpeg');
    const bitmap = await createImageBitmap(stored);
    expect([bitmap.width, bitmap.height]).to.deep.equal([827, 1169]);
    bitmap.close();
    expect((await store.attachmentInfo(sha256!))?.size).to.be.above(5_000);

    await capture(el);
    expect(materialOf(el)?.attachments).to.have.length(2);
    expect(materialOf(el)!.attachments![1]).not.to.equal(sha256);
    expect(textOf(partOf(el, 'pages'))).to.equal('已拍摄 2 页');
    expect(camera.captured).to.equal(2);

    const removed = oneEvent(el, 'yc-materials-change') as Promise<MaterialsChangeEvent>;
    partOf<HTMLButtonElement>(el, 'remove-page')!.click();
    expect((await removed).detail.materials.find((m) => m.materialId === CARD)?.attachments).to.deep.equal([sha256]);
    await el.updateComplete;
    expect(textOf(partOf(el, 'pages'))).to.equal('已拍摄 1 页');

    partOf<HTMLButtonElement>(el, 'remove-page')!.focus();
    partOf<HTMLButtonElement>(el, 'remove-page')!.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(materialOf(el)).to.deep.include({ receipt: 'scan' });
    expect(materialOf(el)).not.to.have.property('attachments');
    expect(partOf(el, 'remove-page')).to.equal(null);
    expect(textOf(partOf(el, 'pages'))).to.equal('');
    // The focus stays on the row, on the button that captures again.
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('capture');
  });

  it('captures through the provider’s camera, in English', async () => {
    const camera = new SimulatedDocumentCamera();
    const host = await fixture<HTMLElement>(html`
      <yc-provider locale="en-US" .documentCamera=${camera}>
        <yc-material-checklist .items=${items()} .store=${store}></yc-material-checklist>
      </yc-provider>
    `);
    const el = host.querySelector<MaterialChecklist>('yc-material-checklist')!;
    await el.updateComplete;
    await receive(el, 'scan');
    expect(textOf(partOf(el, 'capture'))).to.equal('Capture');
    await capture(el);
    expect(textOf(partOf(el, 'pages'))).to.equal('1 page captured');
    expect(textOf(partOf(el, 'remove-page'))).to.equal('Remove last page');
    await capture(el);
    expect(textOf(partOf(el, 'pages'))).to.equal('2 pages captured');
  });

  it('says on the row when there is no camera or it is refused, and nothing else changes', async () => {
    const camera = new SimulatedDocumentCamera();
    const el = await mount({ camera, store });
    await receive(el, 'paper', 'form-mi-relocation-filing');
    await receive(el, 'scan');
    const before = el.state.materials;
    let changes = 0;
    el.addEventListener('yc-materials-change', () => changes++);

    camera.failWith('no-device');
    await capture(el);
    const alerts = () => [...el.shadowRoot!.querySelectorAll('[role="alert"]')].map(textOf);
    expect(alerts()).to.deep.equal(['未找到高拍仪或摄像头。请检查连接后重试，或收取纸质材料。']);
    expect(partOf(el, 'scan-problem')?.getAttribute('role')).to.equal('alert');

    camera.failWith('denied');
    await capture(el);
    expect(alerts()).to.deep.equal([
      '浏览器未允许本页面使用摄像头。请在浏览器的网站设置中允许后重试，或收取纸质材料。',
    ]);
    el.locale = 'en-US';
    await el.updateComplete;
    expect(alerts()[0]).to.match(/^The browser does not let this page use the camera\./);

    camera.failWith('busy');
    await capture(el);
    expect(alerts()[0]).to.equal('Another program is using the document camera. Close it and try again.');
    expect(el.state.materials).to.equal(before);
    expect(changes).to.equal(0);
    expect(textOf(partOf(el, 'pages'))).to.equal('');

    // The camera back: the alert goes with the page captured.
    camera.failWith(undefined);
    await capture(el);
    expect(alerts()).to.deep.equal([]);
    expect(materialOf(el)?.attachments).to.have.length(1);
    expect(changes).to.equal(1);
    expect(materialOf(el, 'form-mi-relocation-filing')).to.deep.include({ receipt: 'paper' });

    // Taking the paper instead clears what was said about the camera.
    camera.failWith('no-device');
    await capture(el);
    expect(alerts()).to.have.length(1);
    await receive(el, 'paper');
    expect(alerts()).to.deep.equal([]);
  });

  it(`takes at most ${MAX_MATERIAL_FILES} pages a material, and says so`, async () => {
    const camera = new SimulatedDocumentCamera();
    const full = Array.from({ length: MAX_MATERIAL_FILES }, (_, i) => page(i + 1));
    const materials: CaseMaterial[] = [
      { materialId: CARD, itemIds: ['mi-relocation-filing'], receipt: 'scan', copies: 0, attachments: full },
    ];
    const el = await mount({ camera, store, materials });
    expect(textOf(partOf(el, 'pages'))).to.equal(`已拍摄 ${MAX_MATERIAL_FILES} 页`);
    await capture(el);
    expect(textOf(partOf(el, 'scan-problem'))).to.equal(
      `每项材料最多 ${MAX_MATERIAL_FILES} 页，已达上限。如需重拍，请先删除最后一页。`,
    );
    expect(camera.captured).to.equal(0);
    expect(materialOf(el)?.attachments).to.have.length(MAX_MATERIAL_FILES);

    partOf<HTMLButtonElement>(el, 'remove-page')!.click();
    await el.updateComplete;
    expect(partOf(el, 'scan-problem')).to.equal(null);
    await capture(el);
    expect(camera.captured).to.equal(1);
    expect(materialOf(el)?.attachments).to.have.length(MAX_MATERIAL_FILES);
    expect(materialOf(el)?.attachments?.slice(0, -1)).to.deep.equal(full.slice(0, -1));
  });

  it('says when the page could not be stored (the store locked), in the store’s words', async () => {
    const locked = await stores.open({ unlock: false });
    const el = await mount({ camera: new SimulatedDocumentCamera(), store: locked });
    await receive(el, 'scan');
    await capture(el);
    expect(textOf(partOf(el, 'scan-problem'))).to.match(/^拍摄的页面未能保存：.+/);
    expect(materialOf(el)).not.to.have.property('attachments');
  });

  it('stops a capture when the checklist leaves the page, and records nothing', async () => {
    const camera = new SimulatedDocumentCamera({ captureMs: 300 });
    const el = await mount({ camera, store });
    await receive(el, 'scan');
    partOf<HTMLButtonElement>(el, 'capture')!.click();
    await el.updateComplete;
    expect(textOf(partOf(el, 'capture'))).to.equal('正在拍摄…');
    expect(partOf(el, 'capture')?.getAttribute('aria-disabled')).to.equal('true');
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Off the page the element watches nothing: ask its controller.
    expect(el.controller.state.scan.phase).to.equal('idle');
    expect(camera.captured).to.equal(0);
    expect(el.controller.state.materials[0]).not.to.have.property('attachments');
    // Back on the page, it captures again.
    document.body.append(el);
    await el.updateComplete;
    await capture(el);
    expect(materialOf(el)?.attachments).to.have.length(1);
    el.remove();
  });

  it('shows pages captured elsewhere without a camera, and offers no capture', async () => {
    const el = await mount({
      materials: [
        { materialId: CARD, itemIds: ['mi-relocation-filing'], receipt: 'scan', copies: 0, attachments: [page(1)] },
      ],
    });
    expect(partOf(el, 'capture')).to.equal(null);
    expect(textOf(partOf(el, 'pages'))).to.equal('已拍摄 1 页');
  });
});

describe('MaterialChecklistController capturing pages', () => {
  const sink = (): AttachmentSink & { files: Blob[] } => {
    const files: Blob[] = [];
    return { files, putAttachment: async (file) => (files.push(file), page(files.length)) };
  };

  it('refuses a material not received as a scan, and takes one capture at a time', async () => {
    const checklist = new MaterialChecklistController(items());
    const camera = new SimulatedDocumentCamera({ captureMs: 50 });
    const files = sink();
    let refused: unknown;
    await checklist.capture(CARD, camera, files).catch((caught: unknown) => (refused = caught));
    expect(String(refused)).to.match(/RangeError: .*not received as a scan/);
    checklist.setReceipt(CARD, 'scan');
    const first = checklist.capture(CARD, camera, files);
    expect(checklist.state.scan).to.deep.equal({ phase: 'capturing', materialId: CARD });
    await checklist.capture(CARD, camera, files);
    await first;
    expect(files.files).to.have.length(1);
    expect(checklist.state.materials[0]?.attachments).to.deep.equal([page(1)]);
    expect(checklist.state.scan).to.deep.equal({ phase: 'idle', materialId: CARD });
  });

  it('records no page that comes after the clerk chose another receipt or loaded another list', async () => {
    const checklist = new MaterialChecklistController(items());
    const camera = new SimulatedDocumentCamera({ captureMs: 30 });
    checklist.setReceipt(CARD, 'scan');
    const capturing = checklist.capture(CARD, camera, sink());
    checklist.setReceipt(CARD, 'paper');
    await capturing;
    expect(checklist.state.materials[0]).not.to.have.property('attachments');

    checklist.setReceipt(CARD, 'scan');
    const reloading = checklist.capture(CARD, camera, sink());
    checklist.load(items(), []);
    await reloading;
    expect(checklist.state.materials).to.deep.equal([]);
    expect(checklist.state.scan).to.deep.equal({ phase: 'idle' });
  });
});
