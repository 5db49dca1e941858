// The README's first command: builds what the demo needs and serves it on localhost.
// (Until the hall server lands, the product's face is the embed demo: the item picker in a legacy page.)
import { must } from './run.mjs';
import { startEmbedDemo } from '../apps/embed-demo/serve.mjs';

await must('node', ['scripts/build.mjs']);
const { server, url } = await startEmbedDemo();
console.log(`\nYichuang is running: open ${url}\n(the item picker embedded in a legacy hall page; Ctrl+C stops it)`);
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
