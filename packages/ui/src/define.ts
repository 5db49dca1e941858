// Defines the elements of @yichuang/ui. The only module of the package with a side effect: a host page, or a
// second copy of the SDK, decides what gets defined; an element already defined is left alone.
import { ItemPicker } from './item-picker/item-picker.js';
import { YcProvider } from './provider/provider.js';

export const UI_ELEMENTS = { 'yc-provider': YcProvider, 'yc-item-picker': ItemPicker } as const;

for (const [tag, element] of Object.entries(UI_ELEMENTS)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'yc-provider': YcProvider;
    'yc-item-picker': ItemPicker;
  }
}
