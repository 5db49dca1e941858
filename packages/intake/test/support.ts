import {
  mergeItemMaterials,
  type Applicant,
  type Case,
  type CaseItemFacts,
  type CaseMaterial,
  type ServiceItem,
} from '@yichuang/core';
import { answeredForm } from '../../hall-client/test/support/fixtures.js';
import demoCatalog from '../../demo-catalog/generated/catalog.js';

/** A demo item, as the case pins it. */
export function demoItem(id: string): ServiceItem {
  const item = demoCatalog.items.find((i) => i.id === id);
  if (!item) throw new Error(`No demo item ${id}`);
  return item;
}

/** The items of a demo bundle. */
export function demoBundle(id: string): ServiceItem[] {
  const bundle = demoCatalog.bundles.find((b) => b.id === id);
  if (!bundle) throw new Error(`No demo bundle ${id}`);
  return bundle.items.map(demoItem);
}

/** 公（廉）租房申请一件事: two items sharing ID card, household register and income declaration. */
export const rentalHousing = (): ServiceItem[] => demoBundle('public-rental-housing');

export const T0 = '2026-12-07T01:00:00.000Z';
/** 09:30 China time on Monday 7 December 2026. */
export const NOW = new Date('2026-12-07T01:30:00.000Z');

/** A draft at window 03 for `items`, with `materials` as checked. */
export function draftOf(items: readonly CaseItemFacts[], materials: readonly CaseMaterial[] = []): Case {
  const applicant: Applicant = { kind: 'person', name: '张三', idType: 'resident-id', idNumber: '11010519491231002X' };
  return {
    id: '01JNMV7Q8Z3K5W9XG2T4HB6YRD',
    number: 'TJHP01-20261207-03-0001',
    hall: 'TJHP01',
    window: '03',
    items: items.map((i) => ({ itemId: i.id, version: i.version })),
    applicant,
    materials: [...materials],
    form: answeredForm(items, applicant),
    status: 'draft',
    responsibleClerk: 'clerk07',
    audit: [{ at: T0, actor: 'clerk07', window: '03', action: 'create', to: 'draft' }],
    createdAt: T0,
    updatedAt: T0,
  };
}

export type Receipts = Record<string, CaseMaterial['receipt'] | undefined>;

/** The bundle's materials: each in hand on paper unless `receipts` says otherwise (absent: not checked). */
export function checked(items: readonly CaseItemFacts[], receipts: Receipts = {}, notes: Record<string, string> = {}) {
  return mergeItemMaterials(items).flatMap((m): CaseMaterial[] => {
    const receipt = m.material.id in receipts ? receipts[m.material.id] : 'paper';
    if (receipt === undefined) return [];
    const note = notes[m.material.id];
    return [{ materialId: m.material.id, itemIds: m.itemIds, receipt, copies: 0, ...(note ? { note } : {}) }];
  });
}
