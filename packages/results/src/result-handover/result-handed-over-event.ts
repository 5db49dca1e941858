/** Detail of `yc-result-handed-over`: which case, and how its result went (at a window, or by post). Nothing personal. */
export interface ResultHandedOverDetail {
  caseId: string;
  number: string;
  way: 'window' | 'post';
}

/** Fired when a result was handed over or its posting recorded. Bubbles and crosses shadow roots, for the host page. */
export class ResultHandedOverEvent extends CustomEvent<ResultHandedOverDetail> {
  static readonly type = 'yc-result-handed-over';
  constructor(detail: ResultHandedOverDetail) {
    super(ResultHandedOverEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'yc-result-handed-over': ResultHandedOverEvent;
  }
}
