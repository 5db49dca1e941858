#!/usr/bin/env node
// Builds the demo and synthetic catalogs: bundles the TypeScript sources with esbuild, adds pinyin (one
// syllable per character, computed here so that pinyin-pro never reaches the browser), validates everything
// against @yichuang/core's schemas and the hall's data rules, and writes generated/*.json.
//
//   node scripts/build-catalog.mjs            (or: pnpm --filter @yichuang/demo-catalog build)
//
// Exits non-zero, listing every offending item id and message, when anything is invalid.
import { build } from 'esbuild';
import { pinyin } from 'pinyin-pro';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const started = performance.now();
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(packageDir, 'generated');

// 1. Bundle the sources (and the schemas they must satisfy) to one temporary ES module and import it.
const tempDir = await mkdtemp(join(tmpdir(), 'yc-demo-catalog-'));
let mod;
try {
  const bundlePath = join(tempDir, 'catalog.mjs');
  await build({
    stdin: {
      contents: [
        "export * from './src/index.ts';",
        "export { CatalogSchema, ServiceItemSchema, BundleSchema } from '@yichuang/core';",
        "export * as v from 'valibot';",
      ].join('\n'),
      resolveDir: packageDir,
      sourcefile: 'build-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['yc-source'],
    nodePaths: [join(packageDir, '../core/node_modules')],
    target: 'node20',
    outfile: bundlePath,
    logLevel: 'warning',
  });
  mod = await import(pathToFileURL(bundlePath).href);
} finally {
  await rm(tempDir, { recursive: true, force: true });
}
const {
  demoCatalog,
  generateSyntheticCatalog,
  CatalogSchema,
  ServiceItemSchema,
  BundleSchema,
  KEY_MATERIAL_IDS,
  isValidCreditCode,
  v,
} = mod;

// 2. Pinyin: one lower-case syllable per character; non-Han characters kept as they are (letters lower-cased).
const HAN = /\p{Script=Han}/u;
function toPinyin(name) {
  const chars = [...name];
  const syllables = pinyin(name, { type: 'array', toneType: 'none', nonZh: 'spaced', v: true });
  if (syllables.length === chars.length) {
    return syllables.map((s, i) => (HAN.test(chars[i]) ? s : chars[i]).toLowerCase());
  }
  // Never expected; fall back to per-character conversion (loses word context for polyphones).
  return chars.map((c) => (HAN.test(c) ? pinyin(c, { toneType: 'none', v: true }) : c).toLowerCase());
}
/** `wordPinyin` of an object: the syllables of each word it is found by besides its name. */
const pinyinOf = (words) => Object.fromEntries([...new Set(words)].map((word) => [word, toPinyin(word)]));
const withPinyin = (catalog) => ({
  ...catalog,
  items: catalog.items.map((item) => ({
    ...item,
    pinyin: toPinyin(item.name),
    wordPinyin: pinyinOf([item.result.name, ...(item.aliases ?? [])]),
  })),
  bundles: catalog.bundles.map((bundle) => ({
    ...bundle,
    pinyin: toPinyin(bundle.name),
    wordPinyin: pinyinOf([...(bundle.aliases ?? []), ...(bundle.lifeEvents ?? [])]),
  })),
  ...(catalog.synonyms ? { wordPinyin: pinyinOf(catalog.synonyms.flat()) } : {}),
});

// 3. Validation: the schemas, then the hall's own data rules.
const DAYS_PER = { 'working-days': 7 / 5, 'natural-days': 1, hours: 1 / 24 };
const inDays = (limit) => limit.value * DAYS_PER[limit.unit];
const issuePath = (issue) => (issue.path ?? []).map((p) => p.key).join('.');

function validate(label, catalog, { strictData }) {
  const errors = [];
  const fail = (where, message) => errors.push(`${where}: ${message}`);
  const key = new Set(KEY_MATERIAL_IDS);
  const materialNames = new Map();
  const implementationCodes = new Map();

  for (const item of catalog.items) {
    const where = `item ${item.id ?? '(no id)'}`;
    const parsed = v.safeParse(ServiceItemSchema, item);
    if (!parsed.success)
      for (const issue of parsed.issues) fail(where, `${issuePath(issue) || '(root)'}: ${issue.message}`);
    if (!isValidCreditCode(item.agency?.code ?? ''))
      fail(where, `agency code ${item.agency?.code} fails the GB 32100 / GB 11714 check`);
    if (item.pinyin && item.pinyin.length !== [...item.name].length)
      fail(where, 'pinyin length differs from the name length');
    const other = implementationCodes.get(item.implementationCode);
    if (other) fail(where, `implementationCode ${item.implementationCode} also used by ${other}`);
    implementationCodes.set(item.implementationCode, item.id);
    const immediate = item.promisedLimit.value === 0;
    if ((item.caseKind === 'immediate') !== immediate)
      fail(where, `caseKind ${item.caseKind} but promised limit ${item.promisedLimit.value}`);
    if (!(inDays(item.promisedLimit) < inDays(item.legalLimit)))
      fail(where, 'promised limit is not shorter than the legal limit');
    if ((item.scope === 'cross-province') !== item.crossProvinceModes.length > 0)
      fail(where, 'cross-province scope and modes disagree');
    if (item.fee.charged !== item.fee.items.length > 0) fail(where, 'fee.charged and fee.items disagree');
    const seen = new Set();
    for (const m of item.materials) {
      if (seen.has(m.id)) fail(where, `material ${m.id} listed twice`);
      seen.add(m.id);
      if (m.tolerable && item.highRisk) fail(where, `material ${m.id} tolerable on a high-risk item`);
      if (m.tolerable && (key.has(m.id) || m.licenceType)) fail(where, `key material ${m.id} marked tolerable`);
      if (m.tolerable && m.necessity !== 'required') fail(where, `optional material ${m.id} marked tolerable`);
      if (m.source === 'issuing-department' && !m.issuer)
        fail(where, `material ${m.id} from an issuing department without issuer`);
      if (strictData) {
        const name = materialNames.get(m.id);
        if (name && name.name !== m.name)
          fail(where, `material ${m.id} is named "${m.name}" here but "${name.name}" in ${name.item}`);
        else if (!name) materialNames.set(m.id, { name: m.name, item: item.id });
      }
    }
  }

  const byId = new Map(catalog.items.map((item) => [item.id, item]));
  for (const bundle of catalog.bundles) {
    const where = `bundle ${bundle.id ?? '(no id)'}`;
    const parsed = v.safeParse(BundleSchema, bundle);
    if (!parsed.success)
      for (const issue of parsed.issues) fail(where, `${issuePath(issue) || '(root)'}: ${issue.message}`);
    if (bundle.pinyin && bundle.pinyin.length !== [...bundle.name].length)
      fail(where, 'pinyin length differs from the name length');
    const missing = bundle.items.filter((id) => !byId.has(id));
    if (missing.length > 0) fail(where, `unknown items ${missing.join(', ')}`);
    if (new Set(bundle.items).size !== bundle.items.length) fail(where, 'an item is listed twice');
    const counts = new Map();
    for (const id of bundle.items)
      for (const m of byId.get(id)?.materials ?? []) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
    if (![...counts.values()].some((n) => n >= 2)) fail(where, 'no material is shared by two of its items');
  }

  // The other words: no alias repeats the name or another alias; no synonym stands in two groups.
  for (const entry of [...catalog.items, ...catalog.bundles]) {
    const words = [...(entry.aliases ?? []), ...(entry.lifeEvents ?? [])];
    if (words.includes(entry.name)) fail(`${entry.id}`, 'an alias repeats the name');
    if (new Set(words).size !== words.length) fail(`${entry.id}`, 'an alias or life event is listed twice');
  }
  const groupOf = new Map();
  (catalog.synonyms ?? []).forEach((group, g) => {
    for (const word of group) {
      if (groupOf.has(word)) fail('synonyms', `"${word}" stands in groups ${groupOf.get(word)} and ${g}`);
      groupOf.set(word, g);
    }
  });

  const whole = v.safeParse(CatalogSchema, catalog);
  if (!whole.success)
    for (const issue of whole.issues) fail(`${label} catalog`, `${issuePath(issue) || '(root)'}: ${issue.message}`);

  if (errors.length > 0) {
    console.error(`\n✗ ${label}: ${errors.length} problem(s)`);
    for (const e of errors.slice(0, 200)) console.error(`  - ${e}`);
    if (errors.length > 200) console.error(`  … and ${errors.length - 200} more`);
    process.exitCode = 1;
    return false;
  }
  return true;
}

// 4. Build, validate, write.
const demo = withPinyin(demoCatalog);
const synthetic = withPinyin(generateSyntheticCatalog({ size: 5000, seed: 1 }));
const demoOk = validate('demo', demo, { strictData: true });
const syntheticOk = validate('synthetic-5000', synthetic, { strictData: false });
if (!demoOk || !syntheticOk) {
  console.error('\nNothing written.');
  process.exit(1);
}

await mkdir(outDir, { recursive: true });
const outputs = [
  ['catalog.json', demo],
  ['synthetic-5000.json', synthetic],
];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const [file, catalog] of outputs) {
  const text = JSON.stringify(catalog);
  await writeFile(join(outDir, file), text + '\n');
  const domains = new Set(catalog.items.map((i) => i.domain)).size;
  console.log(
    `✓ generated/${file}: ${catalog.items.length} items in ${domains} domains, ${catalog.bundles.length} bundles, ${kb(Buffer.byteLength(text) + 1)}`,
  );
}
// The demo catalog as an ES module too, for stories and tests that import it (JSON modules need import
// attributes that not every tool passes on).
await writeFile(join(outDir, 'catalog.js'), `export default ${JSON.stringify(demo)};\n`);
await writeFile(
  join(outDir, 'catalog.d.ts'),
  "declare const catalog: import('@yichuang/core').Catalog;\nexport default catalog;\n",
);
console.log(`  built in ${((performance.now() - started) / 1000).toFixed(2)} s`);
