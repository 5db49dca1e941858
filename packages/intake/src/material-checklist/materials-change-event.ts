import type { CaseMaterial } from '@yichuang/core';

/** Detail of `yc-materials-change`: the case's materials as recorded, in the list's order. */
export interface MaterialsChangeDetail {
  materials: readonly CaseMaterial[];
}

/** Fired when the clerk records a material the case accepts. Bubbles and crosses shadow roots. */
export class MaterialsChangeEvent extends CustomEvent<MaterialsChangeDetail> {
  static readonly type = 'yc-materials-change';
  constructor(detail: MaterialsChangeDetail) {
    super(MaterialsChangeEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'yc-materials-change': MaterialsChangeEvent;
  }
}
