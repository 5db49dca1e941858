#!/usr/bin/env node
// The package's start script: builds the demo catalog if it is missing, builds the server, and runs it with the
// demo hall seeded (HALL_SEED=demo unless set). From the repository root:
//
//   npx -y pnpm@12.4.2 --filter @yichuang/hall-server start      (PORT, DATA_DIR, … as in the README)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(packageDir, '../..');

/** Runs `node args…` in `cwd`; exits this process if it fails. */
function node(args, cwd) {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd, stdio: 'inherit' });
    child.on('close', (code, signal) => {
      if (code === 0) return done();
      console.error(`\n✗ node ${args.join(' ')} failed (${signal ?? `exit ${code}`})`);
      process.exit(code || 1);
    });
  });
}

if (!existsSync(join(root, 'packages/demo-catalog/generated/catalog.json'))) {
  await node(['packages/demo-catalog/scripts/build-catalog.mjs'], root);
}
await node(['scripts/build.mjs'], packageDir);

// Run in this process: Ctrl+C and SIGTERM reach the server's own graceful shutdown.
process.env.HALL_SEED ??= 'demo';
await import('../dist/main.js');
