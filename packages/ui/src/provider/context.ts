import { createContext } from '@lit/context';
import type { Catalog } from '@yichuang/core';
import type { DocumentCamera } from '@yichuang/devices';
import type { HallClient } from '@yichuang/hall-client';
import type { WorkstationStore } from '@yichuang/store';
import type { Locale } from '../i18n/messages.js';

/**
 * Where a catalog comes from: the catalog itself, the address of a catalog JSON, or a promise of a catalog
 * (for a host that fetches it its own way).
 */
export type CatalogSource = Catalog | string | Promise<Catalog>;

/**
 * Where a signed-in person works, as a sign-in element (`<yc-clerk-login>`) announces it: the hall they are logged in
 * at, the workstation store opened with their password, the hall's code, their window and their name. Elements that
 * need a hall or a store and were given none take these.
 */
export interface YcWorkplace {
  hall: HallClient;
  store?: WorkstationStore | undefined;
  hallCode: string;
  window?: string | undefined;
  clerk?: string | undefined;
  clerkName?: string | undefined;
}

/** What `<yc-provider>` hands to every Yichuang element below it. */
export interface YcConfig {
  locale: Locale;
  largeText: boolean;
  catalog?: CatalogSource | undefined;
  /** The window's document camera (高拍仪): elements that take scans capture through it. None when not set. */
  documentCamera?: DocumentCamera | undefined;
  /** The hall server's address (`''` or `/`: the page's own origin), for a sign-in element to log in at. */
  hallUrl?: string | undefined;
  /** The window this PC is, for a sign-in element to offer. */
  window?: string | undefined;
  /** Where the signed-in person works, once a sign-in element inside said so; `undefined` while nobody is. */
  workplace?: YcWorkplace | undefined;
}

/**
 * `yc-workplace`: a sign-in element inside a `<yc-provider>` says where its person now works (`detail`), or that
 * nobody does any more (`detail` `undefined`). The provider hands it to every element inside it.
 */
export class WorkplaceEvent extends CustomEvent<YcWorkplace | undefined> {
  static readonly type = 'yc-workplace';
  constructor(detail: YcWorkplace | undefined) {
    super(WorkplaceEvent.type, { detail, bubbles: true, composed: true });
  }
}

/**
 * The configuration context. Its key is a string, not a symbol, so that two copies of the SDK on one page
 * (two bundles, two versions) still find each other's provider.
 */
export const configContext = createContext<YcConfig>('yc-config@1');

/** What an element was given of where it works (each may be unset). */
export interface OwnWorkplace<C> {
  store?: WorkstationStore | undefined;
  client?: C | undefined;
  hall?: string;
  window?: string;
  clerk?: string;
  clerkName?: string;
}

/**
 * Where an element works: the store, hall client, hall code, window and clerk it was given, each else the signed-in
 * person's of the nearest `<yc-provider>` (a sign-in element inside it announced them). Codes are `''` when neither
 * says.
 */
export function workplaceOf<C>(own: OwnWorkplace<C>, config: YcConfig | undefined) {
  const workplace = config?.workplace;
  return {
    store: own.store ?? workplace?.store,
    client: (own.client ?? workplace?.hall) as C | HallClient | undefined,
    hall: own.hall || workplace?.hallCode || '',
    window: own.window || workplace?.window || '',
    clerk: own.clerk || workplace?.clerk || '',
    clerkName: own.clerkName || workplace?.clerkName || '',
  };
}
