#!/usr/bin/env node
// Bundles the hall server with esbuild: src/index.ts (the library) and src/main.ts (the program) into dist/.
// The @yichuang/* workspace packages are bundled from their TypeScript sources (the `yc-source` condition), so
// no other package needs building first; fastify, @fastify/static and better-sqlite3 (native) stay external.
//
//   node apps/hall-server/scripts/build.mjs      (or: pnpm --filter @yichuang/hall-server build)
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const started = performance.now();
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
const outdir = join(packageDir, 'dist');

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: packageDir,
  entryPoints: { index: 'src/index.ts', main: 'src/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['yc-source'],
  external: ['fastify', '@fastify/static', 'better-sqlite3'],
  define: { __HALL_SERVER_VERSION__: JSON.stringify(pkg.version) },
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
console.log(`✓ hall server built into ${outdir} (${Math.round(performance.now() - started)} ms)`);
