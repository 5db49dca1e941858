// Runs commands from node_modules/.bin (or node itself) for the project's scripts, failing loudly.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');

/** Runs `command args…` in the repository root, inheriting output; resolves with the exit code. */
export function run(command, args = [], options = {}) {
  const bin = command === 'node' ? process.execPath : resolve(root, 'node_modules/.bin', command);
  return new Promise((done) => {
    const child = spawn(bin, args, {
      cwd: root,
      stdio: 'inherit',
      ...options,
      env: { ...process.env, ...options.env },
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`${command}: ${error.message}`);
      done(1);
    });
  });
}

/** Like `run`, but exits the process when the command fails. */
export async function must(command, args, options) {
  const code = await run(command, args, options);
  if (code !== 0) {
    console.error(`\n✗ ${command} ${args.join(' ')} failed (exit ${code})`);
    process.exit(code);
  }
}
