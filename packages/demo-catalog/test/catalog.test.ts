import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  BundleSchema,
  CatalogSchema,
  ServiceItemSchema,
  checkUscc,
  mergeItemForms,
  usccCheckCharacter,
} from '@yichuang/core';
import type { Catalog, ServiceItem } from '@yichuang/core';
import {
  USCC_ALPHABET,
  demoBundles,
  demoCatalog,
  demoItems,
  generateSyntheticCatalog,
  isValidCreditCode,
  KEY_MATERIAL_IDS,
  makeCreditCode,
  orgCodeCheckChar,
  usccCheckChar,
} from '../src/index.js';

/** Validates through the schemas' Standard Schema interface (valibot ≥ 1), so the test needs no valibot import. */
interface StandardIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }>;
}
interface StandardSchemaLike {
  readonly '~standard': {
    validate(value: unknown): { readonly issues?: readonly StandardIssue[] } | Promise<unknown>;
  };
}
function issuesOf(schema: StandardSchemaLike, value: unknown): string[] {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) throw new Error('unexpected async schema');
  return (result.issues ?? []).map((issue) => {
    const path = (issue.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.');
    return `${path}: ${issue.message}`;
  });
}

const DOMAINS = [
  'social-insurance',
  'employment',
  'medical-insurance',
  'housing',
  'civil-affairs',
  'household-registration',
  'market-entry',
  'construction',
  'transport',
  'disability',
  'retirement',
  'health',
  'tax',
  'real-estate',
  'veterans',
  'utilities',
  'education',
];

// GB 32100 (credit code) and GB 11714 (organisation code), written out again here on purpose.
const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_W = [3, 7, 9, 10, 5, 8, 4, 2];
function creditCodeOk(code: string): boolean {
  if (code.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC.indexOf(code.charAt(i));
    if (value < 0) return false;
    sum += value * (USCC_W[i] ?? 0);
  }
  if (USCC.charAt((31 - (sum % 31)) % 31) !== code.charAt(17)) return false;
  let orgSum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = code.charAt(8 + i);
    const value = /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    orgSum += value * (ORG_W[i] ?? 0);
  }
  const c = 11 - (orgSum % 11);
  return (c === 10 ? 'X' : c === 11 ? '0' : String(c)) === code.charAt(16);
}

const DAYS_PER = { 'working-days': 7 / 5, 'natural-days': 1, hours: 1 / 24 } as const;
const inDays = (limit: ServiceItem['legalLimit']) => limit.value * DAYS_PER[limit.unit];

function sharedMaterial(catalog: Catalog, itemIds: readonly string[]): string | undefined {
  const byId = new Map(catalog.items.map((i) => [i.id, i]));
  const counts = new Map<string, number>();
  for (const id of itemIds)
    for (const m of byId.get(id)?.materials ?? []) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
  return [...counts].find(([, n]) => n >= 2)?.[0];
}

describe('demo catalog', () => {
  it('passes CatalogSchema, item by item and as a whole', () => {
    for (const item of demoItems) expect(issuesOf(ServiceItemSchema, item), item.id).to.deep.equal([]);
    for (const bundle of demoBundles) expect(issuesOf(BundleSchema, bundle), bundle.id).to.deep.equal([]);
    expect(issuesOf(CatalogSchema, demoCatalog)).to.deep.equal([]);
    expect(demoCatalog.version).to.equal('2026.11-demo');
    expect(demoCatalog.region).to.equal('120101');
    expect(demoCatalog.items.every((i) => i.pinyin === undefined)).to.equal(true);
  });

  it('has at least 80 items with unique ids and codes', () => {
    expect(demoItems.length).to.be.at.least(80);
    expect(new Set(demoItems.map((i) => i.id)).size).to.equal(demoItems.length);
    expect(new Set(demoItems.map((i) => i.implementationCode)).size).to.equal(demoItems.length);
    for (const item of demoItems) {
      expect(item.basicCode, item.id).to.match(/^[0-9]{12}$/);
      expect(item.implementationCode.length, item.id).to.be.at.most(36);
    }
  });

  it('covers every domain of the seed', () => {
    const present = new Set(demoItems.map((i) => i.domain));
    for (const domain of DOMAINS) expect(present.has(domain), domain).to.equal(true);
  });

  it('has the named bundles, each sharing a material between two of its items', () => {
    expect(demoBundles.length).to.be.at.least(8);
    const names = demoBundles.map((b) => b.name);
    for (const theme of ['新生儿出生', '企业开办', '二手房交易及水电气联动过户', '退休', '身后', '军人退役']) {
      expect(
        names.some((n) => n.startsWith(theme)),
        theme,
      ).to.equal(true);
    }
    for (const bundle of demoBundles) expect(sharedMaterial(demoCatalog, bundle.items), bundle.id).to.be.a('string');
    const newborn = demoBundles.find((b) => b.id === 'newborn');
    const byId = new Map(demoItems.map((i) => [i.id, i]));
    for (const id of newborn?.items ?? []) {
      expect(
        byId.get(id)?.materials.some((m) => m.id === 'resident-id-card'),
        id,
      ).to.equal(true);
    }
  });

  it('gives every agency a credit code that passes GB 32100 and GB 11714', () => {
    for (const item of demoItems)
      expect(creditCodeOk(item.agency.code), `${item.id} ${item.agency.code}`).to.equal(true);
    expect(creditCodeOk('91350100M000100Y43')).to.equal(true);
    expect(creditCodeOk('91350100M000100Y44')).to.equal(false);
  });

  it('never tolerates key identity documents, optional materials or materials of high-risk items', () => {
    const key = new Set<string>(KEY_MATERIAL_IDS);
    let tolerated = 0;
    for (const item of demoItems) {
      for (const m of item.materials) {
        if (!m.tolerable) continue;
        tolerated++;
        expect(item.highRisk, `${item.id}/${m.id}`).to.equal(false);
        expect(key.has(m.id), `${item.id}/${m.id}`).to.equal(false);
        expect(m.licenceType, `${item.id}/${m.id}`).to.equal(undefined);
        expect(m.necessity, `${item.id}/${m.id}`).to.equal('required');
      }
    }
    expect(tolerated).to.be.greaterThan(5);
    for (const id of ['me-food-licence', 'cn-construction-permit', 'tr-hazardous-licence']) {
      expect(demoItems.find((i) => i.id === id)?.highRisk, id).to.equal(true);
    }
  });

  it('keeps time limits, case kinds, fees and cross-province modes consistent', () => {
    for (const item of demoItems) {
      expect(item.caseKind === 'immediate', item.id).to.equal(item.promisedLimit.value === 0);
      expect(inDays(item.promisedLimit), item.id).to.be.lessThan(inDays(item.legalLimit));
      expect(item.scope === 'cross-province', item.id).to.equal(item.crossProvinceModes.length > 0);
      expect(item.fee.charged, item.id).to.equal(item.fee.items.length > 0);
    }
    const cross = demoItems.filter((i) => i.scope === 'cross-province').map((i) => i.name);
    for (const word of ['异地就医备案', '养老保险关系转移', '户口迁移', '结婚登记']) {
      expect(
        cross.some((n) => n.includes(word)),
        word,
      ).to.equal(true);
    }
    const fee = demoItems.find((i) => i.id === 're-transfer')?.fee;
    expect(fee?.items.some((f) => f.standard === '80元/件')).to.equal(true);
  });

  it('reuses material ids with one name each', () => {
    const names = new Map<string, string>();
    for (const item of demoItems) {
      for (const m of item.materials) {
        const known = names.get(m.id);
        if (known !== undefined) expect(m.name, `${item.id}/${m.id}`).to.equal(known);
        else names.set(m.id, m.name);
      }
    }
    const users = (id: string) => demoItems.filter((i) => i.materials.some((m) => m.id === id)).length;
    expect(users('resident-id-card')).to.be.greaterThan(50);
    expect(users('birth-medical-certificate')).to.be.at.least(4);
    expect(users('real-estate-certificate')).to.be.at.least(5);
  });

  it('gives every item an application form, and a bundle asks a shared field once', () => {
    for (const item of demoItems) {
      const keys = (item.form ?? []).map((f) => f.key);
      expect(keys.slice(0, 2), item.id).to.deep.equal(['applicant-name', 'applicant-id-number']);
      expect(keys, item.id).to.include('contact-phone');
    }
    const newborn = demoBundles.find((b) => b.id === 'newborn')!;
    const merged = mergeItemForms(newborn.items.map((id) => demoItems.find((i) => i.id === id)!));
    const keys = merged.map((m) => m.field.key);
    expect(new Set(keys).size, 'each key once').to.equal(keys.length);
    const birthDate = merged.find((m) => m.field.key === 'child-birth-date')!;
    expect(birthDate.itemIds).to.deep.equal(['hl-birth-certificate', 'hr-birth-registration', 'mi-maternity-benefit']);
    const certificate = merged.find((m) => m.field.key === 'birth-certificate-number')!;
    expect(certificate.field.prefill).to.equal('licence.birth-medical-certificate.number');
    const enterprise = demoItems.find((i) => i.serviceObject.length === 1 && i.serviceObject[0] === 'organisation')!;
    expect(enterprise.form!.find((f) => f.key === 'applicant-id-number')!.kind).to.equal('credit-code');
  });
});

describe('credit codes minted for the catalogs (core’s check characters)', () => {
  const head = fc
    .tuple(fc.constantFrom('11', '12', '13', '91', '52', 'Y1'), fc.constantFrom('120101', '120102', '350100', '100000'))
    .map(([authority, division]) => authority + division);
  const body = fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY'), minLength: 8, maxLength: 8 });

  it('property: every minted code passes the standards’ formulas and core’s checkUscc', () => {
    fc.assert(
      fc.property(head, body, (h, b) => {
        const code = makeCreditCode(h, b);
        return code.startsWith(h + b) && creditCodeOk(code) && checkUscc(code).valid && isValidCreditCode(code);
      }),
    );
  });

  it('is core’s implementation: the same check characters, the same alphabet', () => {
    expect(USCC_ALPHABET).to.equal(USCC);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...USCC), minLength: 17, maxLength: 17 }), (first17) => {
        return usccCheckChar(first17) === usccCheckCharacter(first17);
      }),
    );
    expect(orgCodeCheckChar('M000100Y')).to.equal('4');
    expect(makeCreditCode('91350100', 'M000100Y')).to.equal('91350100M000100Y43');
  });

  it('refuses to mint from a bad head or body, and judges codes exactly as written', () => {
    expect(() => makeCreditCode('9135010', 'M000100Y')).to.throw(/head/);
    expect(() => makeCreditCode('91350100', 'M000100')).to.throw(/organisation code body/);
    expect(() => makeCreditCode('91350100', 'M00010OY')).to.throw(/17 characters/);
    expect(() => usccCheckChar('91350100M000100Y')).to.throw(/17 characters/);
    expect(isValidCreditCode('91350100M000100Y43')).to.equal(true);
    expect(isValidCreditCode('91350100M000100Y44')).to.equal(false);
    expect(isValidCreditCode('91350100m000100y43')).to.equal(false);
    expect(isValidCreditCode(' 91350100M000100Y43')).to.equal(false);
    expect(isValidCreditCode('')).to.equal(false);
  });
});

describe('synthetic catalog', () => {
  const synthetic = generateSyntheticCatalog({ size: 5000, seed: 1 });

  it('has 5000 schema-valid items with unique ids and about 60 bundles', () => {
    expect(synthetic.items.length).to.equal(5000);
    expect(new Set(synthetic.items.map((i) => i.id)).size).to.equal(5000);
    expect(issuesOf(CatalogSchema, synthetic)).to.deep.equal([]);
    expect(synthetic.bundles.length).to.be.within(50, 70);
    for (const bundle of synthetic.bundles)
      expect(sharedMaterial(synthetic, bundle.items), bundle.id).to.be.a('string');
    for (const item of synthetic.items) {
      const length = [...item.name].length;
      expect(length, item.name).to.be.within(4, 30);
      expect(creditCodeOk(item.agency.code), item.agency.code).to.equal(true);
      if (item.highRisk)
        expect(
          item.materials.some((m) => m.tolerable),
          item.id,
        ).to.equal(false);
    }
    const lengths = synthetic.items.map((i) => [...i.name].length);
    expect(Math.min(...lengths)).to.be.at.most(6);
    expect(Math.max(...lengths)).to.be.at.least(20);
  });

  it('is deterministic', () => {
    const again = generateSyntheticCatalog({ size: 5000, seed: 1 });
    expect(again.items.map((i) => i.name)).to.deep.equal(synthetic.items.map((i) => i.name));
    expect(JSON.stringify(again)).to.equal(JSON.stringify(synthetic));
    const other = generateSyntheticCatalog({ size: 200, seed: 2 });
    expect(other.items.map((i) => i.name)).to.not.deep.equal(synthetic.items.slice(0, 200).map((i) => i.name));
  });
});

describe('generated catalogs (run `pnpm --filter @yichuang/demo-catalog build` first)', () => {
  async function load(file: string): Promise<Catalog> {
    const url = `/packages/demo-catalog/generated/${file}`;
    const response = await fetch(url);
    expect(response.ok, `${file}: build the catalog first`).to.equal(true);
    return (await response.json()) as Catalog;
  }
  const syllables = (entry: { name: string; pinyin?: string[] }, word: string): string[] => {
    const at = [...entry.name].join('').indexOf(word);
    return (entry.pinyin ?? []).slice(
      [...entry.name.slice(0, at)].length,
      [...entry.name.slice(0, at)].length + [...word].length,
    );
  };

  it('catalog.json: the demo catalog with one pinyin syllable per character', async () => {
    const catalog = await load('catalog.json');
    expect(issuesOf(CatalogSchema, catalog)).to.deep.equal([]);
    expect(catalog.items.map((i) => i.id)).to.deep.equal(demoItems.map((i) => i.id));
    for (const entry of [...catalog.items, ...catalog.bundles]) {
      expect(entry.pinyin, entry.name).to.be.an('array');
      expect(entry.pinyin?.length, entry.name).to.equal([...entry.name].length);
      for (const s of entry.pinyin ?? []) expect(s, entry.name).to.equal(s.toLowerCase());
    }
    const medical = catalog.items.filter((i) => i.name.includes('医疗保险'));
    expect(medical.length).to.be.greaterThan(0);
    for (const item of medical)
      expect(syllables(item, '医疗保险'), item.name).to.deep.equal(['yi', 'liao', 'bao', 'xian']);
    const housing = catalog.items.find((i) => i.id === 'hs-public-rental');
    expect(housing?.pinyin).to.deep.equal(['gong', 'gong', 'zu', 'lin', 'zhu', 'fang', 'shen', 'qing']);
    const brackets = catalog.items.find((i) => i.name.includes('（'));
    expect(brackets && syllables(brackets, '（')).to.deep.equal(['（']);
  });

  it('synthetic-5000.json: pinyin in context for polyphones', async () => {
    const catalog = await load('synthetic-5000.json');
    expect(catalog.items.length).to.equal(5000);
    for (const entry of [...catalog.items, ...catalog.bundles])
      expect(entry.pinyin?.length, entry.name).to.equal([...entry.name].length);
    const expectations: Array<[string, string[]]> = [
      ['会计', ['kuai', 'ji']],
      ['银行', ['yin', 'hang']],
      ['重新', ['chong', 'xin']],
      ['医疗保险', ['yi', 'liao', 'bao', 'xian']],
    ];
    for (const [word, expected] of expectations) {
      const hits = catalog.items.filter((i) => i.name.includes(word));
      expect(hits.length, word).to.be.greaterThan(0);
      for (const item of hits) expect(syllables(item, word), item.name).to.deep.equal(expected);
    }
  });
});
