import type { Catalog } from '@yichuang/core';
import { demoBundles } from './bundles.js';
import { demoItems } from './items/index.js';
import { demoSynonyms } from './synonyms.js';

export { demoItems } from './items/index.js';
export { demoBundles } from './bundles.js';
export { demoSynonyms } from './synonyms.js';
export { DEMO_DOMAINS, type DemoDomainId } from './domains.js';
export { AGENCIES, HALL_ADDRESS, HALL_NAME, type DemoAgency, type AgencyKey } from './items/agencies.js';
export { KEY_MATERIAL_IDS } from './items/materials.js';
export { USCC_ALPHABET, isValidCreditCode, makeCreditCode, orgCodeCheckChar, usccCheckChar } from './credit-code.js';
export { generateSyntheticCatalog, type SyntheticCatalogOptions } from './synthetic.js';

/** The demo hall's catalog (天津市和平区, fictional data), without pinyin: `generated/catalog.json` carries it. */
export const demoCatalog: Catalog = {
  version: '2026.11-demo',
  region: '120101',
  items: demoItems,
  bundles: demoBundles,
  synonyms: demoSynonyms,
};
export { DEMO_HALL, type DemoAccount, type DemoDevice, type DemoLicence, type DemoWindow } from './hall.js';
