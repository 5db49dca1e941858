// Builds every package: the demo catalog data, ESM + standalone bundles (rollup), type declarations,
// and the custom-elements manifest.
import { rmSync } from 'node:fs';
import { must } from './run.mjs';
import { PACKAGES } from '../rollup.config.js';

for (const { name } of PACKAGES) rmSync(`packages/${name}/dist`, { recursive: true, force: true });
await must('node', ['packages/demo-catalog/scripts/build-catalog.mjs']);
await must('rollup', ['-c', '--silent']);
for (const { name } of PACKAGES) await must('tsc', ['-p', `packages/${name}/tsconfig.build.json`]);
// One manifest per element package (those with a define entry).
for (const { name } of PACKAGES.filter((pkg) => pkg.entries.includes('define'))) {
  await must('cem', ['analyze', '--config', 'custom-elements-manifest.config.mjs'], {
    env: { YC_ELEMENT_PACKAGE: name },
  });
}
// The workstation (rollup chunks shared across its routes, the page, the service worker with its precache manifest).
await must('node', ['apps/workstation/scripts/build.mjs']);
// The embed demo's qiankun pages: the intake as a micro-app (UMD) and the host's script.
await must('node', ['apps/embed-demo/scripts/build.mjs']);
// The reference hall server (esbuild, bundling the workspace packages it uses from their sources).
await must('node', ['apps/hall-server/scripts/build.mjs']);
console.log('✓ build');
