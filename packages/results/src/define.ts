// Defines the elements of @yichuang/results. The only module of the package with a side effect: a host page, or a
// second copy of the SDK, decides what gets defined; an element already defined is left alone.
import { ResultHandover } from './result-handover/result-handover.js';

export const RESULTS_ELEMENTS = { 'yc-result-handover': ResultHandover } as const;

for (const [tag, element] of Object.entries(RESULTS_ELEMENTS)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'yc-result-handover': ResultHandover;
  }
}
