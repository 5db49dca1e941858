// docs/elements.md from the custom-elements manifests the build writes (packages/*/custom-elements.json): every
// element with its attributes, properties, events, slots, CSS parts and custom properties, as district IT looks them
// up. `--check` fails when the committed page is not what the manifests say (run after the build).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { PACKAGES } from '../rollup.config.js';

const OUT = 'docs/elements.md';
const cell = (text = '') => String(text).replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
const first = (text = '') => cell(text.split(/(?<=[.。])\s/)[0]);

function table(head, rows) {
  if (rows.length === 0) return '';
  return `| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |\n${rows.map((row) => `| ${row.map(cell).join(' | ')} |`).join('\n')}\n\n`;
}

let page = `# Elements

Every Yichuang element, generated from the custom-elements manifests (\`packages/*/custom-elements.json\`, written by the
build): \`node scripts/elements-doc.mjs\` writes this page anew. Attributes are set in HTML; properties (objects: the
hall, the store, devices) from script. Style the elements with the \`--yc-*\` custom properties and their \`::part\`s.

`;
for (const { name, entries } of PACKAGES.filter((pkg) => pkg.entries.includes('define'))) {
  const file = `packages/${name}/custom-elements.json`;
  if (!existsSync(file)) throw new Error(`${file} is missing: run the build first`);
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const elements = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.customElement && declaration.tagName)
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
  if (elements.length === 0) continue;
  page += `## \`@yichuang/${name}\`\n\n`;
  for (const element of elements) {
    page += `### \`<${element.tagName}>\`\n\n${cell(element.summary ?? first(element.description))}\n\n`;
    const attributes = (element.attributes ?? []).filter((a) => a.description);
    page += table(
      ['attribute', 'type', 'default', ''],
      attributes.map((a) => [`\`${a.name}\``, a.type?.text ?? '', a.default ?? '', first(a.description)]),
    );
    const attributeFields = new Set(attributes.map((a) => a.fieldName));
    const properties = (element.members ?? []).filter(
      (m) => m.kind === 'field' && m.privacy !== 'private' && m.privacy !== 'protected' && m.description && !m.static,
    );
    page += table(
      ['property', 'type', ''],
      properties
        .filter((p) => !attributeFields.has(p.name))
        .map((p) => [`\`${p.name}\``, p.type?.text ?? '', first(p.description)]),
    );
    page += table(
      ['event', ''],
      (element.events ?? []).filter((e) => e.name && e.description).map((e) => [`\`${e.name}\``, first(e.description)]),
    );
    page += table(
      ['slot', ''],
      (element.slots ?? []).map((s) => [s.name ? `\`${s.name}\`` : '(default)', first(s.description)]),
    );
    page += table(
      ['part', ''],
      (element.cssParts ?? []).map((p) => [`\`${p.name}\``, first(p.description)]),
    );
    page += table(
      ['custom property', 'default', ''],
      (element.cssProperties ?? []).map((p) => [`\`${p.name}\``, p.default ?? '', first(p.description)]),
    );
  }
  void entries;
}
page = `${page.trimEnd()}\n`;

if (process.argv.includes('--check')) {
  const committed = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
  if (committed !== page) {
    console.error(`${OUT} is not what the manifests say: run \`node scripts/elements-doc.mjs\` and commit it.`);
    process.exit(1);
  }
  console.log(`✓ ${OUT} matches the manifests`);
} else {
  writeFileSync(OUT, page);
  console.log(`✓ ${OUT} written`);
}
