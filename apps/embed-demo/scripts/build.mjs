#!/usr/bin/env node
// Builds what the embed demo's qiankun pages load into apps/embed-demo/dist: the intake as a qiankun micro-app (UMD,
// everything inlined: qiankun runs classic scripts) and the host page's script (qiankun bundled).
//
//   node apps/embed-demo/scripts/build.mjs      (the repository's build runs it)
import { rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { bundlePlugins, quietWarnings, sourceHasEffects } from '../../../rollup.config.js';

const started = performance.now();
const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(appDir, '../..');
const dist = join(appDir, 'dist');
process.chdir(repo);
await rm(dist, { recursive: true, force: true });

const microApp = await rollup({
  input: 'packages/shell/src/micro-apps/intake.ts',
  plugins: bundlePlugins(),
  treeshake: { moduleSideEffects: sourceHasEffects },
  onwarn: quietWarnings,
});
await microApp.write({
  file: join(dist, 'intake-app.js'),
  format: 'umd',
  name: 'ycIntake',
  inlineDynamicImports: true,
  sourcemap: true,
});
await microApp.close();

await build({
  entryPoints: { 'qiankun-host': join(appDir, 'src/qiankun-host.ts') },
  outdir: dist,
  bundle: true,
  format: 'esm',
  target: 'es2020',
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  logLevel: 'warning',
});
console.log(`✓ embed demo built into ${relative(repo, dist)} (${Math.round(performance.now() - started)} ms)`);
