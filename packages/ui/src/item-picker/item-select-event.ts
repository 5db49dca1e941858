import type { ItemSelection } from './controller.js';

/** Detail of `yc-item-select`: the item, or the bundle with its items. */
export type ItemSelectDetail = ItemSelection;

/** Fired when the clerk picks an item or a bundle. Bubbles and crosses shadow roots. */
export class ItemSelectEvent extends CustomEvent<ItemSelectDetail> {
  static readonly type = 'yc-item-select';
  constructor(detail: ItemSelectDetail) {
    super(ItemSelectEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'yc-item-select': ItemSelectEvent;
  }
}
