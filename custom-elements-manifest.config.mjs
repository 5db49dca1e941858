// custom-elements.json for an element package (YC_ELEMENT_PACKAGE, default ui), from the JSDoc of its elements.
// scripts/build.mjs runs it once per element package.
const name = process.env.YC_ELEMENT_PACKAGE ?? 'ui';

export default {
  globs: [`packages/${name}/src/**/*.ts`],
  exclude: ['**/*.test.ts', '**/*.stories.ts'],
  outdir: `packages/${name}`,
  litelement: true,
  dependencies: false,
  packagejson: false,
};
