import type { RatingSubmission } from './controller.js';

/**
 * Detail of `yc-rating-submitted`: the ticket number rated, the window, the grade, and what became of the rating
 * (`saved` by the hall, `kept` on the pad to send later, `refused` by the hall). Never anything about the person.
 */
export type RatingSubmittedDetail = RatingSubmission;

/** Fired when the applicant submits a rating. Bubbles and crosses shadow roots, for the host page. */
export class RatingSubmittedEvent extends CustomEvent<RatingSubmittedDetail> {
  static readonly type = 'yc-rating-submitted';
  constructor(detail: RatingSubmittedDetail) {
    super(RatingSubmittedEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'yc-rating-submitted': RatingSubmittedEvent;
  }
}
