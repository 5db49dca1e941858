import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import * as v from 'valibot';
import {
  BundleMergeError,
  ServiceItemSchema,
  mergeBundleMaterials,
  type Bundle,
  type MaterialRequirement,
  type ServiceItem,
} from '@yichuang/core';
import { bundle, material, serviceItem } from '../../../test/fixtures/catalog.js';

/** A catalog item (the shared fixture's) asking for `materials`; pinyin is not needed here. */
function item(
  id: string,
  name: string,
  materials: MaterialRequirement[],
  patch: Partial<ServiceItem> = {},
): ServiceItem {
  return serviceItem(id, name, [], { materials, ...patch });
}

const idCard = (patch: Partial<MaterialRequirement> = {}) => material('resident-id-card', '父母身份证', patch);
const birthCert = (patch: Partial<MaterialRequirement> = {}) => material('birth-medical-cert', '出生医学证明', patch);
const household = (patch: Partial<MaterialRequirement> = {}) => material('household-register', '户口簿', patch);
const marriage = (patch: Partial<MaterialRequirement> = {}) => material('marriage-cert', '结婚证', patch);

const newborn: Bundle = bundle(
  'b-newborn',
  '新生儿出生一件事',
  [],
  ['birth-registration', 'hukou', 'medical-insurance'],
);

const catalogItems = [
  item('birth-registration', '生育登记', [idCard({ copies: 1, tolerable: true }), marriage({ tolerable: true })]),
  item('hukou', '出生登记', [birthCert(), idCard({ copies: 2, tolerable: true }), household()]),
  item('medical-insurance', '城乡居民医保参保登记', [
    household({ necessity: 'optional', copies: 3 }),
    idCard({ tolerable: true }),
  ]),
  item('unrelated', '其他事项', [material('other', '其他材料')]),
];

describe('mergeBundleMaterials', () => {
  it('asks for each material once, traceable to every item that needs it, in order of first appearance', () => {
    const merged = mergeBundleMaterials(newborn, catalogItems);
    expect(merged.map((m) => [m.material.id, m.itemIds])).to.deep.equal([
      ['resident-id-card', ['birth-registration', 'hukou', 'medical-insurance']],
      ['marriage-cert', ['birth-registration']],
      ['birth-medical-cert', ['hukou']],
      ['household-register', ['hukou', 'medical-insurance']],
    ]);
  });

  it('keeps the largest number of copies and makes a material required if any item requires it', () => {
    const merged = mergeBundleMaterials(newborn, catalogItems);
    const byId = new Map(merged.map((m) => [m.material.id, m]));
    expect(byId.get('resident-id-card')).to.deep.include({ copies: 2, necessity: 'required', tolerable: true });
    expect(byId.get('household-register')).to.deep.include({ copies: 3, necessity: 'required', tolerable: false });
    expect(byId.get('marriage-cert')).to.deep.include({ necessity: 'required', tolerable: true });
  });

  it('tolerates a material only if every item requiring it does and none of them is high-risk', () => {
    const strict = [
      catalogItems[0] as ServiceItem,
      item('hukou', '出生登记', [idCard({ tolerable: false })]),
      item('medical-insurance', '医保', [marriage({ tolerable: true })], { highRisk: true }),
    ];
    const byId = new Map(mergeBundleMaterials(newborn, strict).map((m) => [m.material.id, m]));
    expect(byId.get('resident-id-card')?.tolerable, 'one requiring item does not tolerate it').to.equal(false);
    expect(byId.get('marriage-cert')?.tolerable, 'a high-risk item requires it').to.equal(false);
  });

  it('says which item is missing', () => {
    const error = (() => {
      try {
        mergeBundleMaterials(newborn, catalogItems.slice(0, 2));
      } catch (e) {
        return e as BundleMergeError;
      }
      throw new Error('expected an error');
    })();
    expect(error).to.be.instanceOf(BundleMergeError);
    expect(error.code).to.equal('missing-item');
    expect(error.itemId).to.equal('medical-insurance');
    expect(error.message).to.equal(
      'bundle "新生儿出生一件事" (b-newborn) includes item medical-insurance, which is not among the items given',
    );
  });

  it('refuses two versions of one item', () => {
    const twice = [...catalogItems, { ...(catalogItems[1] as ServiceItem), version: 2 }];
    expect(() => mergeBundleMaterials(newborn, twice)).to.throw(
      BundleMergeError,
      'bundle "新生儿出生一件事" (b-newborn): item hukou is given 2 times; pass one version of each item',
    );
  });

  it('uses valid catalog items in these examples', () => {
    for (const i of catalogItems) expect(v.safeParse(ServiceItemSchema, i).success, i.id).to.equal(true);
  });
});

describe('mergeBundleMaterials (property)', () => {
  const pool = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'];
  const requirement = fc.record({
    id: fc.constantFrom(...pool),
    necessity: fc.constantFrom('required' as const, 'optional' as const),
    tolerable: fc.boolean(),
    copies: fc.nat({ max: 5 }),
  });
  const items = fc
    .array(fc.record({ materials: fc.array(requirement, { maxLength: 6 }), highRisk: fc.boolean() }), {
      minLength: 2,
      maxLength: 6,
    })
    .map((list) =>
      list.map((spec, i) =>
        item(
          `item-${i}`,
          `事项${i}`,
          spec.materials.map((r) => material(r.id, `材料${r.id}`, r)),
          { highRisk: spec.highRisk },
        ),
      ),
    );

  it('is a set cover of the items’ materials with no duplicate ids, and follows the merge rules', () => {
    fc.assert(
      fc.property(items, (list) => {
        const bundle: Bundle = { ...newborn, items: list.map((i) => i.id) };
        const merged = mergeBundleMaterials(bundle, list);
        const ids = merged.map((m) => m.material.id);
        expect(new Set(ids).size, 'no duplicate ids').to.equal(ids.length);

        // Stable order: first appearance across items in bundle order.
        const firstSeen = [...new Set(list.flatMap((i) => i.materials.map((m) => m.id)))];
        expect(ids).to.deep.equal(firstSeen);

        for (const m of merged) {
          const listing = list.filter((i) => i.materials.some((r) => r.id === m.material.id));
          const reqs = list.flatMap((i) => i.materials.filter((r) => r.id === m.material.id).map((r) => ({ i, r })));
          // Cover: every item listing it is traced, and only those.
          expect(m.itemIds).to.deep.equal(listing.map((i) => i.id));
          expect(m.copies).to.equal(Math.max(...reqs.map(({ r }) => r.copies)));
          const requiring = reqs.filter(({ r }) => r.necessity === 'required');
          expect(m.necessity).to.equal(requiring.length > 0 ? 'required' : 'optional');
          const deciding = requiring.length > 0 ? requiring : reqs;
          expect(m.tolerable).to.equal(deciding.every(({ i, r }) => r.tolerable && !i.highRisk));
        }
      }),
    );
  });
});
