// The built bundles as a browser gets them: the template minifier must not have eaten the semicolon after a `${…}` in
// a css`` template (the next declaration would be lost: a field without its border, a focus ring without its offset).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { PACKAGES } from '../../rollup.config.js';

const bundles = [
  ...PACKAGES.filter((pkg) => pkg.standalone).map(({ name }) => `packages/${name}/dist/${name}.standalone.js`),
  ...readdirSync('apps/workstation/dist/assets')
    .filter((file) => file.endsWith('.js'))
    .map((file) => `apps/workstation/dist/assets/${file}`),
  'apps/embed-demo/dist/intake-app.js',
];

describe('built bundles', () => {
  it('keep every declaration of their css`` templates', () => {
    for (const file of bundles) {
      const joined = readFileSync(file, 'utf8').match(/\$\{[^{}]*\}[a-z-]+:/g) ?? [];
      assert.deepEqual(joined, [], `${file}: a declaration ran into the value before it`);
    }
  });
});
