// The test command: every check the project has, in order, on a fresh clone. Ends with one line the CI
// reads: "N passed, N failed" (browser tests, plus any check that failed outright).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureChromium, ensureCjkFont } from './ensure-chromium.mjs';
import { root, run } from './run.mjs';

ensureChromium();
ensureCjkFont();

const steps = [
  ['format', 'prettier', ['--check', '.', '--log-level', 'warn']],
  // First the build: the stories and tests read the catalog it generates.
  ['build', 'node', ['scripts/build.mjs']],
  // The elements' reference page is the manifests' word for word (they are written by the build above).
  ['elements reference (docs/elements.md)', 'node', ['scripts/elements-doc.mjs', '--check']],
  ['lint', 'eslint', ['.']],
  ['lit-analyzer', 'lit-analyzer', ['packages/*/src/**/*.ts', '--strict', '--quiet', '--rules.no-invalid-css', 'off']],
  ['types', 'tsc', ['--noEmit', '-p', 'tsconfig.json']],
  ['types (hall server)', 'tsc', ['--noEmit', '-p', 'apps/hall-server/tsconfig.json']],
  ['types (workstation service worker)', 'tsc', ['--noEmit', '-p', 'apps/workstation/tsconfig.sw.json']],
  // The reference hall server in Node: every route, roles, fuzzed bodies, idempotent sync, SSE, restarts, logs.
  ['hall server tests (Node)', 'node', ['--test', '--test-reporter=tap', 'apps/hall-server/test/'], { counted: true }],
  // Every package in Chromium, including the contract suite on both hall clients and the fault tests against
  // real hall-server processes (the build above made apps/hall-server/dist).
  ['unit, contract and fault tests (Chromium)', 'web-test-runner', [], { counted: true }],
  ['coverage floors per package', 'node', ['scripts/coverage.mjs']],
  ['storybook build', 'storybook', ['build', '--quiet', '-o', 'storybook-static']],
  [
    'end-to-end (embed demo, Storybook, the workstation, embedding, cross-province, the built bundles)',
    'node',
    [
      '--test',
      '--test-reporter=tap',
      'test/e2e/embed-demo.e2e.mjs',
      'test/e2e/workstation.e2e.mjs',
      'test/e2e/embedding.e2e.mjs',
      'test/e2e/cross-province.e2e.mjs',
      'test/build/bundles.test.mjs',
    ],
    { counted: true },
  ],
  // Every story at 1366×768 against its committed reference picture (`pnpm visual:update` writes them anew).
  [
    'visual regression (stories)',
    'node',
    ['--test', '--test-reporter=tap', 'test/visual/stories.visual.mjs'],
    { counted: true },
  ],
  ['size budgets', 'node', ['scripts/size.mjs']],
];

/** Counts of passed and failed tests in what a runner printed: wtr's summary, or node's TAP totals. */
function counts(output) {
  const wtr = [...output.matchAll(/(\d+) passed, (\d+) failed/g)].pop();
  if (wtr) return { passed: Number(wtr[1]), failed: Number(wtr[2]) };
  const pass = [...output.matchAll(/^# pass (\d+)$/gm)].pop();
  const fail = [...output.matchAll(/^# fail (\d+)$/gm)].pop();
  return { passed: Number(pass?.[1] ?? 0), failed: Number(fail?.[1] ?? 0) };
}

/**
 * The failures in what a runner printed, a few lines each: wtr's "❌ name" with its error, node's "not ok"
 * with its YAML block. Repeated at the very end, where a log cut to its head and tail still shows them.
 */
function failures(output) {
  // eslint-disable-next-line no-control-regex
  const lines = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').split('\n');
  const found = [];
  lines.forEach((line, index) => {
    if (/❌|^\s*not ok \d+/.test(line)) found.push(lines.slice(index, index + 12).join('\n'));
  });
  return found;
}

/** Runs a test runner, echoing its output, and reads how many tests passed and failed, and which failed. */
function runTests(command, args) {
  return new Promise((done) => {
    const bin = command === 'node' ? process.execPath : resolve(root, 'node_modules/.bin', command);
    const child = spawn(bin, args, { cwd: root, env: process.env });
    let output = '';
    const echo = (chunk) => {
      process.stdout.write(chunk);
      output += chunk.toString();
    };
    child.stdout.on('data', echo);
    child.stderr.on('data', echo);
    child.on('close', (code) => done({ code: code ?? 1, ...counts(output.slice(-4000)), failures: failures(output) }));
  });
}

let passed = 0;
let failed = 0;
const failedSteps = [];
const failedTests = [];
for (const [name, command, args, { counted = false } = {}] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  let code;
  if (counted) {
    const result = await runTests(command, args);
    code = result.code;
    passed += result.passed;
    failed += result.failed;
    if (code !== 0 && result.failed === 0) failed++;
    failedTests.push(...result.failures.map((text) => `[${name}]\n${text}`));
  } else {
    code = await run(command, args, { env: { STORYBOOK_DISABLE_TELEMETRY: '1' } });
    if (code !== 0) failed++;
  }
  console.log(`${code === 0 ? '✓' : '✗'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (code !== 0) {
    failedSteps.push(name);
    // Later steps depend on the build: stop there rather than report noise.
    if (name === 'build') break;
  }
}

if (failedTests.length) console.log(`\nFailed tests:\n${failedTests.join('\n\n')}`);
console.log(failedSteps.length ? `\nFailed: ${failedSteps.join(', ')}` : '\nAll checks passed.');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps.length ? 1 : 0);
