// dexie 4's `import` entry wraps its UMD build, which a browser (the test runner's dev server) and rollup
// without a CommonJS plugin cannot import. This plugin points `dexie` at the ES module build Dexie ships.
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

const require = createRequire(import.meta.url);
/** Absolute path of `dexie/dist/dexie.mjs`, resolved from the store package (where dexie is a dependency). */
export const dexieModulePath = join(
  dirname(require.resolve('dexie/package.json', { paths: [join(import.meta.dirname, '../packages/store')] })),
  'dist/dexie.mjs',
);

/** A resolve plugin for @web/dev-server and rollup alike: `dexie` → `dexie/dist/dexie.mjs`. */
export function dexieEsm() {
  return {
    name: 'yichuang-dexie-esm',
    // @web/dev-server: a URL under its root (the repository).
    resolveImport({ source }) {
      if (source === 'dexie') return `/${relative(join(import.meta.dirname, '..'), dexieModulePath)}`;
    },
    // rollup: a file path.
    resolveId(source) {
      return source === 'dexie' ? dexieModulePath : null;
    },
  };
}
