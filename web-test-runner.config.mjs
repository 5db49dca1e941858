// @web/test-runner: every package's tests in Debian's headless Chromium, one group per package.
import { readdirSync, existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
import { dexieEsm } from './scripts/dexie-esm.mjs';
import { hallServerPlugin } from './test/support/hall-server-plugin.mjs';
import { imePlugin } from './test/support/ime-plugin.mjs';

if (!chromiumPath) {
  throw new Error('Chromium not found: install it with `apt-get install -y chromium` or set CHROME_PATH.');
}

const hasTests = (dir) =>
  existsSync(dir) && readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith('.test.ts'));
const packages = readdirSync('packages').filter((name) => hasTests(`packages/${name}/test`));

export default {
  // Packages from their TypeScript sources (yc-source), Lit in its development build.
  nodeResolve: { exportConditions: ['yc-source', 'development', 'browser'] },
  rootDir: '.',
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 10_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath,
        headless: true,
        // gc() and exact heap sizes for the memory tests.
        args: [...chromiumArgs, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
      },
    }),
  ],
  plugins: [
    dexieEsm(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    hallServerPlugin(),
    imePlugin(),
  ],
  groups: [
    ...packages.map((name) => ({ name, files: `packages/${name}/test/**/*.test.ts` })),
    { name: 'embed', files: 'test/*.test.ts' },
    // Breaking things on purpose: the store and sync engine against real hall-server processes.
    ...(hasTests('test/fault') ? [{ name: 'fault', files: 'test/fault/**/*.test.ts' }] : []),
  ],
  coverage: true,
  coverageConfig: {
    include: ['packages/*/src/**'],
    report: true,
    reportDir: 'coverage',
    reporters: ['text-summary', 'lcovonly'],
  },
};
