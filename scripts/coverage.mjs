// Per-package coverage from the test run's lcov report, checked against each package's own floor
// (`yichuang.coverage` in its package.json): what the package reached, raised as tests grow, never lowered.
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const report = 'coverage/lcov.info';
if (!existsSync(report)) {
  console.error(`${report} is missing: run the browser tests first`);
  process.exit(1);
}

/** Sums of lines, branches and functions found and hit, per package. */
const totals = {};
let current;
for (const line of readFileSync(report, 'utf8').split('\n')) {
  const [key, value] = line.split(':');
  if (key === 'SF') {
    const name = /^packages\/([^/]+)\/src\//.exec(value)?.[1];
    current = name ? (totals[name] ??= { LF: 0, LH: 0, BRF: 0, BRH: 0, FNF: 0, FNH: 0 }) : undefined;
  } else if (current && key in current) {
    current[key] += Number(value);
  }
}

const percent = (hit, found) => (found === 0 ? 100 : (hit / found) * 100);
let failed = 0;
for (const name of readdirSync('packages')) {
  const pkg = JSON.parse(readFileSync(`packages/${name}/package.json`, 'utf8'));
  const floor = pkg.yichuang?.coverage;
  const sums = totals[name];
  if (!floor) continue;
  if (!sums) {
    console.log(`✗ ${name}: no coverage recorded`);
    failed++;
    continue;
  }
  const reached = {
    lines: percent(sums.LH, sums.LF),
    branches: percent(sums.BRH, sums.BRF),
    functions: percent(sums.FNH, sums.FNF),
  };
  const short = Object.entries(floor).filter(([kind, min]) => reached[kind] < min);
  if (short.length) failed++;
  const shown = Object.entries(reached)
    .map(([kind, value]) => `${kind} ${value.toFixed(1)}% (floor ${floor[kind] ?? '–'})`)
    .join(', ');
  console.log(`${short.length ? '✗' : '✓'} ${name}: ${shown}`);
}
process.exit(failed ? 1 : 0);
