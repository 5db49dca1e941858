// custom-elements.json for every element package, from the JSDoc of its elements.
export default {
  globs: ['packages/ui/src/**/*.ts'],
  exclude: ['**/*.test.ts', '**/*.stories.ts'],
  outdir: 'packages/ui',
  litelement: true,
  dependencies: false,
  packagejson: false,
};
