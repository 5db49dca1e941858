// Defines the elements of @yichuang/tolerance. The only module of the package with a side effect: a host page, or a
// second copy of the SDK, decides what gets defined; an element already defined is left alone.
import { ToleranceLedger } from './tolerance-ledger/tolerance-ledger.js';

export const TOLERANCE_ELEMENTS = { 'yc-tolerance-ledger': ToleranceLedger } as const;

for (const [tag, element] of Object.entries(TOLERANCE_ELEMENTS)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'yc-tolerance-ledger': ToleranceLedger;
  }
}
