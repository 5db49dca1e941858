import type { FormValues } from '@yichuang/core';

/** Detail of `yc-item-form-change`: the answers after the change, and the fields the clerk typed themselves. */
export interface ItemFormChangeDetail {
  /** Every answer given, as typed (the core checks them when the case is accepted). */
  form: FormValues;
  /** The fields the clerk typed themselves: pre-filling leaves them alone. */
  edited: readonly string[];
  /** Whether the form is complete and valid: the case can then be accepted as far as the form goes. */
  complete: boolean;
}

/** Fired on every answer the clerk types or clears. Bubbles and crosses shadow roots. */
export class ItemFormChangeEvent extends CustomEvent<ItemFormChangeDetail> {
  static readonly type = 'yc-item-form-change';
  constructor(detail: ItemFormChangeDetail) {
    super(ItemFormChangeEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'yc-item-form-change': ItemFormChangeEvent;
  }
}
