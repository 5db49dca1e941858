import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import * as v from 'valibot';
import {
  BundleSchema,
  CatalogSchema,
  MaterialRequirementSchema,
  ServiceItemSchema,
  TimeLimitSchema,
  type Catalog,
} from '@yichuang/core';
import { AGENCY_CODE, bundle, material, serviceItem, smallCatalog } from '../../../test/fixtures/catalog.js';
import { issues } from '../../../test/fixtures/schema-issues.js';

const item = (id: string, patch: Parameters<typeof serviceItem>[3] = {}) =>
  serviceItem(id, '医疗保险参保登记', ['yi', 'liao', 'bao', 'xian', 'can', 'bao', 'deng', 'ji'], patch);
const pair = (id: string, items: string[]) => bundle(id, '参保一件事', ['can', 'bao', 'yi', 'jian', 'shi'], items);
const catalog = (items: Catalog['items'], bundles: Catalog['bundles'] = []): Catalog => ({
  version: 'test-1',
  items,
  bundles,
});

describe('catalog schemas: valid data', () => {
  it('accepts a full service item with materials, special procedures, fees and cross-province modes', () => {
    const full = item('1', {
      businessCode: 'B-001',
      subtype: '行政备案',
      entrustedAgency: '示范街道办事处',
      specialProcedures: [
        {
          kind: 'site-inspection',
          name: '现场核查',
          limit: { value: 5, unit: 'working-days', note: '不计入办结时限' },
        },
      ],
      fee: {
        charged: true,
        items: [{ name: '工本费', standard: '每证10元', basis: '收费文件', reduction: '低保户免收' }],
      },
      scope: 'cross-province',
      crossProvinceModes: ['online', 'collect-forward'],
      materials: [
        material('resident-id-card', '居民身份证', { licenceType: 'resident-id-card' }),
        material('household-register', '户口簿', { form: 6, submission: '04', copies: 2, paperSize: 'A4' }),
        material('commitment', '告知承诺书', {
          necessity: 'optional',
          commitmentReplaces: true,
          source: 'issuing-department',
          issuer: '示范区公安分局',
          acceptanceStandard: '内容完整',
          basis: '实施办法第五条',
          blankForm: 'blank.pdf',
          sample: 'sample.pdf',
          notes: '签字',
        }),
      ],
    });
    expect(issues(ServiceItemSchema, full)).to.deep.equal({});
    expect(v.parse(ServiceItemSchema, full)).to.deep.equal(full);
  });

  it('accepts the shared small catalog, its bundle and its materials, and keeps them as they are', () => {
    expect(issues(CatalogSchema, smallCatalog)).to.deep.equal({});
    expect(v.parse(CatalogSchema, smallCatalog)).to.deep.equal(smallCatalog);
    expect(issues(BundleSchema, smallCatalog.bundles[0])).to.deep.equal({});
    expect(issues(MaterialRequirementSchema, material('photo', '照片'))).to.deep.equal({});
  });

  it('trims names and codes', () => {
    const out = v.parse(ServiceItemSchema, { ...item('7'), id: ' 7 ', name: ' 出生登记 ' });
    expect([out.id, out.name]).to.deep.equal(['7', '出生登记']);
  });
});

describe('catalog schemas: each problem refused, saying what and where', () => {
  it('a malformed agency code', () => {
    const withCode = (code: string) => item('1', { agency: { ...item('1').agency, code } });
    expect(issues(ServiceItemSchema, withCode(AGENCY_CODE.slice(0, 17)))).to.deep.equal({
      'agency.code': ['agency code: A unified social credit code has 18 characters; this one has 17.'],
    });
    expect(issues(ServiceItemSchema, withCode(AGENCY_CODE.slice(0, 17) + 'O'))).to.deep.equal({
      'agency.code': [
        'agency code: A unified social credit code has digits and capital letters only, without I, O, S, V or Z.',
      ],
    });
    expect(issues(ServiceItemSchema, withCode(AGENCY_CODE.toLowerCase()))).to.deep.equal({
      'agency.code': ['agency code: A unified social credit code is written in capital letters without spaces.'],
    });
    expect(issues(ServiceItemSchema, withCode(AGENCY_CODE.slice(0, 8) + ' ' + AGENCY_CODE.slice(9)))).to.deep.equal({
      'agency.code': [
        'agency code: A unified social credit code has digits and capital letters only, without I, O, S, V or Z.',
      ],
    });
    expect(issues(ServiceItemSchema, withCode(42 as unknown as string))).to.deep.equal({
      'agency.code': ['agency code: a unified social credit code string is required'],
    });
  });

  it('a negative time limit, a fractional one, and an unknown unit', () => {
    expect(issues(ServiceItemSchema, item('1', { promisedLimit: { value: -1, unit: 'working-days' } }))).to.deep.equal({
      'promisedLimit.value': ['value: 0 or more (a time limit cannot be negative)'],
    });
    expect(issues(TimeLimitSchema, { value: 1.5, unit: 'weeks' as 'hours' })).to.deep.equal({
      value: ['value: a whole number of days or hours'],
      unit: ['unit: one of working-days, natural-days, hours'],
    });
    const procedure = { kind: 'hearing' as const, name: '听证', limit: { value: -2, unit: 'natural-days' as const } };
    expect(issues(ServiceItemSchema, item('1', { specialProcedures: [procedure] }))).to.deep.equal({
      'specialProcedures.0.limit.value': ['value: 0 or more (a time limit cannot be negative)'],
    });
  });

  it('a bundle referring to an item the catalog does not have', () => {
    const c = catalog([item('1'), item('2')], [pair('ok', ['1', '2']), pair('broken', ['2', '9', '1', '8'])]);
    expect(issues(CatalogSchema, c)).to.deep.equal({
      'bundles.1.items.1': ['items: the catalog has no item with id "9"'],
      'bundles.1.items.3': ['items: the catalog has no item with id "8"'],
    });
  });

  it('duplicate item ids, each repetition on its own item', () => {
    const c = catalog([item('1'), item('2'), item('1'), item('1')]);
    expect(issues(CatalogSchema, c)).to.deep.equal({
      'items.2.id': ['id: item ids must be unique; items.0 has the same id'],
      'items.3.id': ['id: item ids must be unique; items.0 has the same id'],
    });
  });

  it('ids that become equal once trimmed are duplicates too', () => {
    expect(issues(CatalogSchema, catalog([item('1'), { ...item('1'), id: ' 1' }]))).to.deep.equal({
      'items.1.id': ['id: item ids must be unique; items.0 has the same id'],
    });
  });

  it('an empty name, on an item, a material and a bundle', () => {
    const c = catalog(
      [item('1', { name: '  ' }), item('2', { materials: [material('photo', '')] })],
      [bundle('b', '', [], ['1', '2'])],
    );
    expect(issues(CatalogSchema, c)).to.deep.equal({
      'items.0.name': ['name: must not be empty'],
      'items.1.materials.0.name': ['name: must not be empty'],
      'bundles.0.name': ['name: must not be empty'],
    });
  });

  it('other words beyond their bounds: too many aliases, a long one, a lone synonym, a long syllable', () => {
    const many = Array.from({ length: 25 }, (_, i) => `说法${i}`);
    expect(issues(ServiceItemSchema, item('1', { aliases: [...many.slice(0, 2), 'x'.repeat(41), ''] }))).to.deep.equal({
      'aliases.2': ['aliases: at most 40 characters'],
      'aliases.3': ['aliases: must not be empty'],
    });
    expect(issues(ServiceItemSchema, item('1', { aliases: many }))).to.deep.equal({
      aliases: ['aliases: at most 24 words'],
    });
    expect(issues(BundleSchema, { ...pair('b', ['1', '2']), lifeEvents: [3 as unknown as string] })).to.deep.equal({
      'lifeEvents.0': ['lifeEvents: a text is required'],
    });
    expect(
      issues(ServiceItemSchema, item('1', { wordPinyin: { 社保: ['she', 'b'.repeat(17)] }, pinyin: ['yi'] })),
    ).to.deep.equal({ 'wordPinyin.社保.1': ['wordPinyin: a syllable has at most 16 letters'] });
    expect(
      issues(ServiceItemSchema, item('1', { wordPinyin: ['she'] as unknown as Record<string, string[]> })),
    ).to.deep.equal({
      // A list is an object whose keys are its positions: each must be a list of syllables.
      'wordPinyin.0': ['wordPinyin: a list'],
    });
    expect(
      issues(ServiceItemSchema, item('1', { wordPinyin: 'she' as unknown as Record<string, string[]> })),
    ).to.deep.equal({
      wordPinyin: ['wordPinyin: an object of word → syllables'],
    });
    const groups = (synonyms: string[][]) => issues(CatalogSchema, { ...catalog([item('1')]), synonyms });
    expect(groups([['社保', '社会保险'], ['社保卡']])).to.deep.equal({
      'synonyms.1': ['synonyms: a group has at least two words'],
    });
    expect(groups(Array.from({ length: 501 }, (_, i) => [`甲${i}`, `乙${i}`]))).to.deep.equal({
      synonyms: ['synonyms: at most 500 groups'],
    });
  });

  it('an unknown handling form', () => {
    expect(issues(ServiceItemSchema, item('1', { handlingForm: 'fax' as 'window' }))).to.deep.equal({
      handlingForm: ['handlingForm: one of window, online, window-or-online'],
    });
  });

  it('several problems at once, each at its place, together with the catalog-wide ones', () => {
    const c = catalog(
      [item('1', { visits: 3 as 1 }), item('1', { materials: [material('photo', '照片', { form: 9 as 1 })] })],
      [pair('b', ['1', 'x'])],
    );
    expect(issues(CatalogSchema, c)).to.deep.equal({
      'items.0.visits': ['visits: one of 0, 1, 2'],
      'items.1.materials.0.form': ['form: one of 1, 2, 3, 4, 5, 6, 7'],
      'items.1.id': ['id: item ids must be unique; items.0 has the same id'],
      'bundles.0.items.1': ['items: the catalog has no item with id "x"'],
    });
  });

  it('a missing field, a bundle of one item and a non-object', () => {
    const { handlingForm: _handlingForm, ...noForm } = item('1');
    expect(issues(ServiceItemSchema, noForm)).to.deep.equal({ handlingForm: ['handlingForm: required'] });
    expect(issues(BundleSchema, pair('b', ['1']))).to.deep.equal({
      items: ['items: a bundle has at least two items'],
    });
    expect(issues(CatalogSchema, 'catalog.json')).to.deep.equal({ '': ['catalog: an object is required'] });
    expect(issues(CatalogSchema, { ...catalog([]), items: 'none' })).to.deep.equal({ items: ['items: a list'] });
  });
});

describe('catalog schemas on arbitrary input (property)', () => {
  /** A message of our own: starts with the field it is about, never valibot's generic "Invalid type: …". */
  const ownMessage = /^[a-zA-Z]+(?: [a-zA-Z]+)?: \S/;
  const valid = item('1');
  const junk = fc.oneof(
    fc.integer({ min: -5, max: 5 }),
    fc.constant(null),
    fc.string(),
    fc.boolean(),
    fc.object(),
    fc.array(fc.integer()),
  );

  it('a valid item with one field, or one field of a nested object, replaced by junk fails with messages of our own', () => {
    const nested = fc
      .constantFrom('agency', 'legalLimit', 'fee', 'result', 'contacts')
      .chain((key) => fc.tuple(fc.constant(key), fc.constantFrom(...Object.keys(valid[key]))));
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(valid)), junk, (key, value) => {
        const result = v.safeParse(ServiceItemSchema, { ...valid, [key]: value });
        return result.success || result.issues.every((i) => ownMessage.test(i.message));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(nested, junk, ([key, inner], value) => {
        const result = v.safeParse(ServiceItemSchema, { ...valid, [key]: { ...valid[key], [inner]: value } });
        return result.success || result.issues.every((i) => ownMessage.test(i.message));
      }),
      { numRuns: 200 },
    );
  });

  it('the catalog never throws and reports a missing bundle item exactly where it is', () => {
    const ids = fc.uniqueArray(fc.constantFrom('1', '2', '3', '4', '5', '6'), { minLength: 2, maxLength: 6 });
    fc.assert(
      fc.property(
        ids,
        fc.array(fc.constantFrom('1', '2', '3', '4', '5', '6', 'x'), { minLength: 2, maxLength: 5 }),
        (itemIds, bundleItems) => {
          const c = catalog(
            itemIds.map((id) => item(id)),
            [pair('b', bundleItems)],
          );
          const expected: Record<string, string[]> = {};
          bundleItems.forEach((id, j) => {
            if (!(itemIds as string[]).includes(id))
              expected[`bundles.0.items.${j}`] = [`items: the catalog has no item with id "${id}"`];
          });
          expect(issues(CatalogSchema, c)).to.deep.equal(expected);
        },
      ),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = v.safeParse(CatalogSchema, input);
        return result.success || result.issues.every((i) => ownMessage.test(i.message));
      }),
      { numRuns: 200 },
    );
  });
});
