// Gzip sizes of the standalone bundles, and the budgets they must stay within (bytes, gzip -9).
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { PACKAGES } from '../rollup.config.js';

/**
 * Budget per standalone bundle, from DESIGN.md: a view module with Lit ≤ 30 KB; one that carries the store
 * ≤ 80 KB, so the data layer alone (store, hall client, Dexie, RxJS) must leave room for its views. The tolerance
 * ledger and the results' hand-over read and save through a store their host hands them (none bundled) but carry the
 * core's case rules: 80 KB each.
 */
export const BUDGETS = {
  ui: 30 * 1024,
  store: 80 * 1024,
  queue: 30 * 1024,
  evaluation: 30 * 1024,
  intake: 120 * 1024,
  tolerance: 80 * 1024,
  results: 80 * 1024,
  // The helper desk: the core's visit and case rules and the intake's session (the store comes from its host).
  assist: 120 * 1024,
  // The cross-province desk: the core's package rules and the division list (province → city → county).
  'remote-intake': 120 * 1024,
  // The sign-in a host page embeds: the session, the store it opens and the hall client it connects with.
  shell: 100 * 1024,
};

export function gzipSize(file) {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/** `{ package, file, bytes, budget }` for every package that has a standalone bundle. */
export function standaloneSizes() {
  return PACKAGES.filter((pkg) => pkg.standalone).map(({ name }) => {
    const file = `packages/${name}/dist/${name}.standalone.js`;
    if (!existsSync(file)) throw new Error(`${file} is missing: run the build first`);
    return { package: name, file, bytes: gzipSize(file), budget: BUDGETS[name] };
  });
}

/**
 * Desks measured as a host page first uses them: the standalone entry (its elements with Lit) together with the
 * workstation store it works on (Dexie, RxJS, the store's sealing), bundled and minified as one file, each shared
 * module once. `{ name, entry }`: `entry` is the desk's define module.
 */
export const DESKS_WITH_STORE = [
  { name: 'assist', entry: '@yichuang/assist/define.js', budget: 120 * 1024 },
  { name: 'remote-intake', entry: '@yichuang/remote-intake/define.js', budget: 120 * 1024 },
];

/** `{ package, file, bytes, budget }` of each desk of {@link DESKS_WITH_STORE}, bundled now (rollup, in memory). */
export async function desksWithStore() {
  const { rollup } = await import('rollup');
  const { bundlePlugins, quietWarnings, sourceHasEffects } = await import('../rollup.config.js');
  const sizes = [];
  for (const { name, entry, budget } of DESKS_WITH_STORE) {
    const virtual = {
      name: 'yichuang-desk-entry',
      resolveId: (id) => (id === 'desk-entry' ? id : null),
      load: (id) =>
        id === 'desk-entry'
          ? `import ${JSON.stringify(entry)};\nexport { WorkstationStore } from '@yichuang/store';\n`
          : null,
    };
    const bundle = await rollup({
      input: 'desk-entry',
      plugins: [virtual, ...bundlePlugins()],
      treeshake: { moduleSideEffects: sourceHasEffects },
      onwarn: quietWarnings,
    });
    const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
    await bundle.close();
    const code = output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('');
    sizes.push({
      package: `${name}.with_store`,
      file: `${entry} + @yichuang/store`,
      bytes: gzipSync(code, { level: 9 }).length,
      budget,
    });
  }
  return sizes;
}
