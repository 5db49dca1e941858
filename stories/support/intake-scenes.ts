// The intake stories' applications: demo items and bundles, their materials as a clerk checked them, a draft.
import {
  mergeItemForms,
  mergeItemMaterials,
  prefillForm,
  type Applicant,
  type Case,
  type CaseItemFacts,
  type CaseMaterial,
  type FormValue,
  type FormValues,
  type ReceiptKind,
  type ServiceItem,
} from '@yichuang/core';
import { WorkstationStore } from '@yichuang/store';
import demoCatalog from '../../packages/demo-catalog/generated/catalog.js';

/** The window's clock in every intake story (09:30 on Monday 7 December 2026, China time), for stable pictures. */
export const STORY_NOW = new Date('2026-12-07T01:30:00.000Z');

/** The items of a demo bundle, or one demo item. */
export function demoItems(id: string): ServiceItem[] {
  const bundle = demoCatalog.bundles.find((b) => b.id === id);
  const ids = bundle ? bundle.items : [id];
  return ids.map((itemId) => {
    const item = demoCatalog.items.find((i) => i.id === itemId);
    if (!item) throw new Error(`No demo item ${itemId}`);
    return item;
  });
}

/**
 * The materials of `items` as checked: each named one as `receipts` says (with a note where `notes` gives one), every
 * other required one on paper when `rest` is `'paper'`, or left unchecked.
 */
export function checkedMaterials(
  items: readonly CaseItemFacts[],
  receipts: Record<string, ReceiptKind> = {},
  notes: Record<string, string> = {},
  rest: 'paper' | 'unchecked' = 'paper',
): CaseMaterial[] {
  return mergeItemMaterials(items).flatMap((m): CaseMaterial[] => {
    const receipt = receipts[m.material.id] ?? (rest === 'paper' && m.necessity === 'required' ? 'paper' : undefined);
    if (!receipt) return [];
    const note = notes[m.material.id];
    const copies = receipt === 'paper' ? m.copies : 0;
    return [{ materialId: m.material.id, itemIds: m.itemIds, receipt, copies, ...(note ? { note } : {}) }];
  });
}

/** What the applicants of the stories answer on the demo items' application forms. */
const ANSWERS: Record<string, FormValue> = {
  'contact-phone': '13920001234',
  'contact-address': '天津市和平区南京路 100 号',
  'child-name': '李小满',
  'child-sex': '女',
  'child-birth-date': '2026-11-28',
  'birth-place': '天津市中心妇产医院',
  'birth-certificate-number': 'Q120345678',
  'relation-to-householder': '女',
  'delivery-mode': '顺产',
  'household-size': 3,
  'household-income': 1850,
  'housing-now': '无自有住房',
  'rented-address': '天津市和平区成都道 12 号',
  'family-members': '王芳，配偶\n李小满，女儿',
  'property-certificate-number': '津（2019）和平区不动产权第0012345号',
  'property-address': '天津市和平区南京路 100 号 2-301',
  'transfer-price': 1850000,
  'first-home': true,
};

/** The story applicant. */
export const STORY_APPLICANT: Applicant = {
  kind: 'person',
  name: '李四',
  idType: 'resident-id',
  idNumber: '11010519491231002X',
};

/**
 * The application form of `items`: pre-filled from `applicant` as the intake does, then the story's answers for the
 * fields in `keys` (every field when absent).
 */
export function filledForm(
  items: readonly CaseItemFacts[],
  applicant: Applicant = STORY_APPLICANT,
  keys?: readonly string[],
): FormValues {
  const fields = mergeItemForms(items);
  const typed = Object.fromEntries(
    fields
      .map(({ field }) => field.key)
      .filter((key) => key in ANSWERS && (keys === undefined || keys.includes(key)))
      .map((key) => [key, ANSWERS[key]!]),
  );
  return prefillForm(fields, typed, { applicant });
}

/** A draft at window 03 of the demo hall, for `items`, with `materials` and the form filled in. */
export function storyDraft(items: readonly CaseItemFacts[], materials: readonly CaseMaterial[]): Case {
  const at = '2026-12-07T01:12:00.000Z';
  return {
    id: '01KPZ3Q8Z3K5W9XG2T4HB6YRD0',
    number: 'TJHP01-20261207-03-0012',
    hall: 'TJHP01',
    window: '03',
    items: items.map((i) => ({ itemId: i.id, version: i.version })),
    applicant: STORY_APPLICANT,
    materials: [...materials],
    form: filledForm(items),
    status: 'draft',
    responsibleClerk: 'clerk03',
    audit: [{ at, actor: 'clerk03', window: '03', action: 'create', to: 'draft' }],
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * A workstation store of the story's own, unlocked for the clerk (a low key-derivation cost: a story, not a hall);
 * `fresh` empties it first, for a story whose picture depends on what it holds.
 */
export async function storyStore(name: string, fresh = false): Promise<WorkstationStore> {
  if (fresh) await WorkstationStore.open({ name, persist: false }).then((old) => old.deleteDatabase());
  const store = await WorkstationStore.open({ name, kdfIterations: 1000, persist: false });
  await store.unlock('clerk03', 'story-secret');
  return store;
}
