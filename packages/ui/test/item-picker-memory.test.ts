import { expect, fixture, html } from '@open-wc/testing';
import '@yichuang/ui/define.js';
import type { ItemPicker } from '@yichuang/ui';
import { longCatalog } from '../../../test/fixtures/catalog.js';

declare const gc: () => void;
const heap = () => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;

async function settle(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await new Promise((done) => setTimeout(done, 0));
    gc();
  }
  return heap();
}

describe('<yc-item-picker> memory', () => {
  it('mounting, searching and unmounting 300 times leaves nothing behind', async () => {
    const catalog = longCatalog(200);
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const cycle = async () => {
      const el = document.createElement('yc-item-picker') as ItemPicker;
      el.catalog = catalog;
      host.append(el);
      await el.catalogReady;
      el.query = 'ylbx';
      await el.updateComplete;
      expect(el.shadowRoot!.querySelectorAll('[role="option"]').length).to.equal(50);
      el.remove();
    };
    for (let i = 0; i < 30; i++) await cycle();
    const before = await settle();
    for (let i = 0; i < 300; i++) await cycle();
    const after = await settle();
    // Each picker holds its list of 50 options (tens of KB): 300 retained ones would add megabytes.
    expect(after - before, `heap grew by ${after - before} bytes`).to.be.below(1_000_000);
  });
});
