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
import nodeResolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import { dexieEsm } from '../../../scripts/dexie-esm.mjs';
import { minify, minifyTemplates, onwarn, sourceHasEffects, workspaceSources } from '../../../rollup.config.js';

const started = performance.now();
const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(appDir, '../..');
const dist = join(appDir, 'dist');
process.chdir(repo);
await rm(dist, { recursive: true, force: true });

const quiet = (warning, warn) => (warning.plugin === 'minify-html-literals' ? undefined : onwarn(warning, warn));
const microApp = await rollup({
  input: 'packages/shell/src/micro-apps/intake.ts',
  plugins: [
    workspaceSources(),
    dexieEsm(),
    nodeResolve({ browser: true, exportConditions: ['browser', 'es2015', 'production', 'default'] }),
    esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
    minifyTemplates(),
    minify(),
  ],
  treeshake: { moduleSideEffects: sourceHasEffects },
  onwarn: quiet,
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
