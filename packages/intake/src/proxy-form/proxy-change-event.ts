import type { ApplicantProxy } from '@yichuang/core';

/** Detail of `yc-proxy-change`: the proxy when every field passes, `undefined` otherwise. */
export interface ProxyChangeDetail {
  proxy: ApplicantProxy | undefined;
}

/** Fired when the proxy becomes valid, changes, or stops being valid. Bubbles and crosses shadow roots. */
export class ProxyChangeEvent extends CustomEvent<ProxyChangeDetail> {
  static readonly type = 'yc-proxy-change';
  constructor(detail: ProxyChangeDetail) {
    super(ProxyChangeEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'yc-proxy-change': ProxyChangeEvent;
  }
}
