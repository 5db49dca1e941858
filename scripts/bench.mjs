// `pnpm bench`: measures in Chromium what the issues name, beside a baseline measured in the same run, and
// writes bench-results.json (figure name → number). Reports only: machine noise never fails it.
import { createServer } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { ensureChromium } from './ensure-chromium.mjs';
import { chromiumArgs } from './chromium.mjs';
import { must } from './run.mjs';
import { standaloneSizes } from './sizes.mjs';

const executablePath = ensureChromium();
const synthetic = 'packages/demo-catalog/generated/synthetic-5000.json';
if (!existsSync(synthetic) || !existsSync('packages/ui/dist/ui.standalone.js'))
  await must('node', ['scripts/build.mjs']);

const bundle = await build({
  entryPoints: ['test/bench/search.bench.ts'],
  bundle: true,
  format: 'esm',
  write: false,
  minify: true,
  target: 'es2022',
  conditions: ['yc-source'],
  logLevel: 'warning',
});
const files = {
  '/': ['<!doctype html><meta charset="utf-8"><title>bench</title>', 'text/html; charset=utf-8'],
  '/bench.js': [bundle.outputFiles[0].text, 'text/javascript; charset=utf-8'],
  '/synthetic-5000.json': [readFileSync(synthetic), 'application/json'],
};
// Cross-origin isolation gives performance.now() its finest resolution.
const server = createServer((request, response) => {
  const file = files[new URL(request.url, 'http://x').pathname];
  if (!file) return response.writeHead(404).end();
  response.writeHead(200, {
    'content-type': file[1],
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
  });
  response.end(file[0]);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath, headless: true, args: chromiumArgs });
const results = {};
try {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  Object.assign(
    results,
    await page.evaluate(async () => {
      const module = await import('/bench.js');
      return module.run();
    }),
  );
} finally {
  await browser.close();
  server.close();
}

for (const { package: name, bytes } of standaloneSizes()) results[`size.${name}.gzip_bytes`] = bytes;

writeFileSync('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
const ratio = (a, b) => (results[b] ? `${(results[a] / results[b]).toFixed(2)}×` : 'n/a');
console.log(
  `\ncatalog search p95 ${results['catalog.search.p95_ms']} ms vs pinyin-match ${results['catalog.search.baseline_p95_ms']} ms (${ratio('catalog.search.p95_ms', 'catalog.search.baseline_p95_ms')}); goal ≤ 2 ms and below the baseline`,
);
