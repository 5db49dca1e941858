// Serves the embed demo: a legacy-style page, the standalone bundle and the demo catalog, on localhost.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const routes = {
  '/': ['apps/embed-demo/index.html', 'text/html; charset=utf-8'],
  '/index.html': ['apps/embed-demo/index.html', 'text/html; charset=utf-8'],
  '/ui.standalone.js': ['packages/ui/dist/ui.standalone.js', 'text/javascript; charset=utf-8'],
  '/ui.standalone.js.map': ['packages/ui/dist/ui.standalone.js.map', 'application/json'],
  '/catalog.json': ['packages/demo-catalog/generated/catalog.json', 'application/json; charset=utf-8'],
};

/** Starts the demo server on `port` (0 for any free one); resolves with the server and its address. */
export function startEmbedDemo({
  port = Number(process.env.PORT ?? 8080),
  host = process.env.HOST ?? '127.0.0.1',
} = {}) {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const route = routes[path];
    if (!route || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    try {
      const body = await readFile(resolve(root, route[0]));
      response.writeHead(200, { 'content-type': route[1], 'cache-control': 'no-cache' });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response
        .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
        .end(`${route[0]} is missing: run the build`);
    }
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      done({ server, url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}/` });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { server, url } = await startEmbedDemo();
  console.log(`Yichuang embed demo: ${url}`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
