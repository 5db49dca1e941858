import { createContext } from '@lit/context';
import type { Catalog } from '@yichuang/core';
import type { DocumentCamera } from '@yichuang/devices';
import type { Locale } from '../i18n/messages.js';

/**
 * Where a catalog comes from: the catalog itself, the address of a catalog JSON, or a promise of a catalog
 * (for a host that fetches it its own way).
 */
export type CatalogSource = Catalog | string | Promise<Catalog>;

/** What `<yc-provider>` hands to every Yichuang element below it. */
export interface YcConfig {
  locale: Locale;
  largeText: boolean;
  catalog?: CatalogSource | undefined;
  /** The window's document camera (高拍仪): elements that take scans capture through it. None when not set. */
  documentCamera?: DocumentCamera | undefined;
}

/**
 * The configuration context. Its key is a string, not a symbol, so that two copies of the SDK on one page
 * (two bundles, two versions) still find each other's provider.
 */
export const configContext = createContext<YcConfig>('yc-config@1');
