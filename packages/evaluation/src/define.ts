// Defines the elements of @yichuang/evaluation. The only module of the package with a side effect: a host page, or a
// second copy of the SDK, decides what gets defined; an element already defined is left alone.
import { RatingFollowUp } from './rating-followup/rating-followup.js';
import { RatingPad } from './rating-pad/rating-pad.js';

export const EVALUATION_ELEMENTS = { 'yc-rating-pad': RatingPad, 'yc-rating-followup': RatingFollowUp } as const;

for (const [tag, element] of Object.entries(EVALUATION_ELEMENTS)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'yc-rating-pad': RatingPad;
    'yc-rating-followup': RatingFollowUp;
  }
}
