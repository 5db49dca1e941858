import type { CatalogLoadFailure } from '../catalog/load-catalog.js';

/**
 * Detail of `yc-catalog-error`: what is known of why the catalog could not be had (see {@link CatalogLoadFailure}),
 * or `reason: 'other'` with the error's message for a catalog promise that failed otherwise.
 */
export type CatalogErrorDetail = CatalogLoadFailure | { reason: 'other'; detail: string };

/** Fired when the picker's catalog fails to load (once per failure). Bubbles and crosses shadow roots. */
export class CatalogErrorEvent extends CustomEvent<CatalogErrorDetail> {
  static readonly type = 'yc-catalog-error';
  constructor(detail: CatalogErrorDetail) {
    super(CatalogErrorEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'yc-catalog-error': CatalogErrorEvent;
  }
}
