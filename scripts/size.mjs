// Checks the size budgets (gzip bytes) of every standalone bundle, and of the desks with their store; exits 1 when one
// is over.
import { desksWithStore, standaloneSizes } from './sizes.mjs';

let over = 0;
for (const { file, bytes, budget } of [...standaloneSizes(), ...(await desksWithStore())]) {
  const ok = budget === undefined || bytes <= budget;
  if (!ok) over++;
  console.log(
    `${ok ? '✓' : '✗'} ${file}: ${bytes} B gzip${budget ? ` (budget ${budget} B, ${((bytes / budget) * 100).toFixed(0)}%)` : ''}`,
  );
}
process.exit(over ? 1 : 0);
