#!/usr/bin/env node
// Builds the workstation into apps/workstation/dist: the root config and every desk as ES modules in shared chunks
// (Lit, RxJS, Dexie and the core loaded once, whatever route opens first), the page with the entry's chunks preloaded,
// and the service worker with the precache manifest of every file (revision: its SHA-256).
//
//   node apps/workstation/scripts/build.mjs      (the repository's build runs it)
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { bundlePlugins, quietWarnings, sourceHasEffects } from '../../../rollup.config.js';

const started = performance.now();
const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(appDir, '../..');
const dist = join(appDir, 'dist');
process.chdir(repo);

/** Workbox's modules read `process.env.NODE_ENV` for their development logging: production. */
const production = () => ({
  name: 'yichuang-production',
  transform: (code) =>
    code.includes('process.env.NODE_ENV') ? code.replaceAll('process.env.NODE_ENV', '"production"') : null,
});

const plugins = () => bundlePlugins([production()]);

await rm(dist, { recursive: true, force: true });

// The page's code: one entry, chunks shared between the routes' desks.
const app = await rollup({
  input: { main: join(appDir, 'src/main.ts') },
  plugins: plugins(),
  treeshake: { moduleSideEffects: sourceHasEffects },
  onwarn: quietWarnings,
});
const { output } = await app.write({
  dir: join(dist, 'assets'),
  format: 'es',
  entryFileNames: '[name]-[hash].js',
  chunkFileNames: '[name]-[hash].js',
  sourcemap: true,
});
await app.close();
const entry = output.find((chunk) => chunk.type === 'chunk' && chunk.isEntry);

// The page: the entry and its static imports preloaded (one round trip for the code a route needs first).
const template = await readFile(join(appDir, 'index.html'), 'utf8');
const preload = [entry.fileName, ...entry.imports]
  .map((file) => `<link rel="modulepreload" href="/assets/${file}" />`)
  .join('\n    ');
await writeFile(
  join(dist, 'index.html'),
  template
    .replace('<!--yc:preload-->', preload)
    .replace(
      '<script type="module" src="./src/main.ts"></script>',
      `<script type="module" src="/assets/${entry.fileName}"></script>`,
    ),
);

// The service worker, with the precache manifest of every file but source maps.
const files = [];
for (const entryName of await readdir(dist, { recursive: true, withFileTypes: true })) {
  if (!entryName.isFile() || entryName.name.endsWith('.map')) continue;
  const path = join(entryName.parentPath ?? entryName.path, entryName.name);
  const revision = createHash('sha256')
    .update(await readFile(path))
    .digest('hex')
    .slice(0, 16);
  files.push({ url: `/${relative(dist, path).split('\\').join('/')}`, revision });
}
const worker = await rollup({ input: join(appDir, 'src/sw.ts'), plugins: plugins(), onwarn: quietWarnings });
const { output: workerOutput } = await worker.generate({ format: 'iife' });
await worker.close();
const manifest = JSON.stringify(files.sort((a, b) => a.url.localeCompare(b.url)));
const code = workerOutput[0].code.replace(/self\.__WB_MANIFEST/, manifest);
if (code === workerOutput[0].code)
  throw new Error('sw.ts: self.__WB_MANIFEST was not found to inject the manifest into');
await mkdir(dist, { recursive: true });
await writeFile(join(dist, 'sw.js'), code);
console.log(
  `✓ workstation built into ${relative(repo, dist)} (${output.length} files, ${files.length} precached, ${Math.round(performance.now() - started)} ms)`,
);
