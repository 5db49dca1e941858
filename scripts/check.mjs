// The test command: every check the project has, in order, on a fresh clone. Ends with one line the CI
// reads: "N passed, N failed" (browser tests, plus any check that failed outright).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';
import { root, run } from './run.mjs';

ensureChromium();

const steps = [
  ['format', 'prettier', ['--check', '.', '--log-level', 'warn']],
  // First the build: the stories and tests read the catalog it generates.
  ['build', 'node', ['scripts/build.mjs']],
  ['lint', 'eslint', ['.']],
  ['lit-analyzer', 'lit-analyzer', ['packages/*/src/**/*.ts', '--strict', '--quiet', '--rules.no-invalid-css', 'off']],
  ['types', 'tsc', ['--noEmit', '-p', 'tsconfig.json']],
  ['unit tests (Chromium)', 'web-test-runner', []],
  ['storybook build', 'storybook', ['build', '--quiet', '-o', 'storybook-static']],
  ['size budgets', 'node', ['scripts/size.mjs']],
];

/** Runs the test runner, echoing its output, and reads its last "N passed, N failed". */
function runTests(args) {
  return new Promise((done) => {
    const child = spawn(resolve(root, 'node_modules/.bin/web-test-runner'), args, { cwd: root, env: process.env });
    let tail = '';
    const echo = (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', echo);
    child.stderr.on('data', echo);
    child.on('close', (code) => {
      const counts = [...tail.matchAll(/(\d+) passed, (\d+) failed/g)].pop();
      done({ code: code ?? 1, passed: Number(counts?.[1] ?? 0), failed: Number(counts?.[2] ?? 0) });
    });
  });
}

let passed = 0;
let failed = 0;
const failedSteps = [];
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  let code;
  if (command === 'web-test-runner') {
    const result = await runTests(args);
    code = result.code;
    passed += result.passed;
    failed += result.failed;
    if (code !== 0 && result.failed === 0) failed++;
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

console.log(failedSteps.length ? `\nFailed: ${failedSteps.join(', ')}` : '\nAll checks passed.');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps.length ? 1 : 0);
