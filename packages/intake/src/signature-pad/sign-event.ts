/** Detail of `yc-sign`: signed on the pad (its PNG), or on the paper itself. */
export type SignDetail = { way: 'pad'; image: Blob } | { way: 'paper' };

/** Fired when the signer has signed (on the pad, confirmed) or the clerk records a signature on paper. */
export class SignEvent extends CustomEvent<SignDetail> {
  static readonly type = 'yc-sign';
  constructor(detail: SignDetail) {
    super(SignEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'yc-sign': SignEvent;
  }
}
