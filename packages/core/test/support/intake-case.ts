// Cases in intake, for the core's intake and document tests.
import { mergeItemMaterials, type Case, type CaseItemFacts, type ReceiptKind } from '@yichuang/core';
import { material } from '../../../../test/fixtures/catalog.js';

/** Registering for medical insurance: ID card (key, paper), photo (tolerable, scan or paper), address (commitment). */
export const insurance: CaseItemFacts = {
  id: 'item-a',
  version: 2,
  name: '城乡居民医保参保登记',
  caseKind: 'promised',
  highRisk: false,
  materials: [
    material('id-card', '身份证', { licenceType: 'resident-id-card', acceptanceStandard: '原件' }),
    material('photo', '照片', { tolerable: true, submission: '03' }),
    material('income-proof', '收入证明', { necessity: 'optional', submission: '02' }),
    material('address-proof', '居住证明', { commitmentReplaces: true }),
  ],
};
/** A high-risk item that lists the same photo: in a bundle with it, the photo may no longer be tolerated. */
export const licence: CaseItemFacts = {
  id: 'item-h',
  version: 1,
  name: '危险化学品经营许可',
  caseKind: 'promised',
  highRisk: true,
  materials: [material('photo', '照片', { tolerable: true, copies: 2 })],
};

export const T0 = '2025-03-03T01:00:00.000Z';
export const by = { actor: 'clerk-7', window: 'W03', at: '2025-03-03T01:10:00.000Z' };

export function draft(receipts: Record<string, ReceiptKind>, items: readonly CaseItemFacts[] = [insurance]): Case {
  const merged = mergeItemMaterials(items);
  return {
    id: '01JNMV7Q8Z3K5W9XG2T4HB6YRD',
    number: 'TJHP01-20250303-W03-0001',
    hall: 'TJHP01',
    window: 'W03',
    items: items.map((i) => ({ itemId: i.id, version: i.version })),
    applicant: { kind: 'person', name: '张三', idType: 'resident-id', idNumber: '11010519491231002X' },
    materials: merged
      .filter((m) => receipts[m.material.id] !== undefined)
      .map((m) => ({ materialId: m.material.id, itemIds: m.itemIds, receipt: receipts[m.material.id]!, copies: 0 })),
    status: 'draft',
    responsibleClerk: 'clerk-7',
    audit: [{ at: T0, actor: 'clerk-7', window: 'W03', action: 'create', to: 'draft' }],
    createdAt: T0,
    updatedAt: T0,
  };
}
