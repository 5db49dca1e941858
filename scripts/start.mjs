// The README's first command: builds every package and starts the reference hall server on its defaults
// (SQLite in apps/hall-server/data, the demo hall seeded on first start). The server also serves the embed
// demo the foundation showed, at /embed-demo/.
import { spawn } from 'node:child_process';
import { must, root } from './run.mjs';

await must('node', ['scripts/build.mjs']);
const server = spawn(process.execPath, ['apps/hall-server/dist/main.js'], {
  cwd: root,
  stdio: 'inherit',
  // The demo's deciding departments send a result back two minutes after a case is forwarded.
  env: { HALL_SEED: 'demo', DEPARTMENT_SIMULATOR_SECONDS: '120', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
