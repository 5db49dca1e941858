// Defines the elements of @yichuang/assist. The only module of the package with a side effect: a host page, or a
// second copy of the SDK, decides what gets defined; an element already defined is left alone.
import { AssistDesk } from './assist-desk/assist-desk.js';

export const ASSIST_ELEMENTS = { 'yc-assist-desk': AssistDesk } as const;

for (const [tag, element] of Object.entries(ASSIST_ELEMENTS)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'yc-assist-desk': AssistDesk;
  }
}
