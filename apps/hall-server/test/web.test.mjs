// What a browser meets besides the API: the landing page, the embed demo as the foundation served it, the SDK
// bundles compressed and cacheable, the protocol reference (OpenAPI from ROUTES, and docs/hall-protocol.md), and
// cross-origin access for the origins CORS_ORIGINS lists.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import {
  DEMO_HALL,
  REPO_ROOT as root,
  demoCatalog,
  dist,
  openEvents,
  protocol,
  startHall,
} from '../test-support/hall.mjs';

const { ROUTES } = protocol;
const BUNDLE = join(root, 'packages/ui/dist/ui.standalone.js');

/** GET over node:http, which (unlike fetch) hands the bytes back as they came: compressed or not. */
function rawGet(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const sent = request(url, { headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode, headers: response.headers, bytes: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end();
  });
}

describe('pages', () => {
  let hall;
  before(async () => (hall = await startHall()));
  after(() => hall.dispose());

  it('GET /about is a zh-CN landing page linking the workstation, the embed demo and the protocol, with the demo accounts', async () => {
    const page = await hall.call('GET', '/about');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.match(page.text, /<html lang="zh-CN">/);
    assert.match(page.text, /<main>/);
    for (const href of ['/', '/embed-demo/', '/docs/hall-protocol.md', '/api/v1/openapi.json']) {
      assert.ok(page.text.includes(`href="${href}"`), href);
    }
    for (const account of DEMO_HALL.accounts) assert.ok(page.text.includes(account.user));
    for (const device of DEMO_HALL.devices) assert.ok(page.text.includes(device.token));
  });

  it('serves the workstation at each of its routes, named for the hall, with the demo accounts at its door', async () => {
    const built = await readFile(join(root, 'apps/workstation/dist/index.html'), 'utf8');
    for (const path of ['/', '/index.html', '/window', '/board', '/kiosk', '/display', '/pad', '/window/anything']) {
      const page = await hall.call('GET', path);
      assert.equal(page.status, 200, path);
      assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8', path);
      assert.match(page.text, /data-hall-name="和平区政务服务中心"/, path);
      assert.ok(page.text.includes(built.split('<!--yc:demo-->')[0].split('data-hall-name')[0]), path);
      for (const account of DEMO_HALL.accounts) assert.ok(page.text.includes(account.user), `${path}: ${account.user}`);
    }
    const entry = /<script type="module" src="(\/assets\/main-[^"]+\.js)"/.exec(built)[1];
    const script = await hall.call('GET', entry);
    assert.equal(script.status, 200);
    assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
    const worker = await hall.call('GET', '/sw.js');
    assert.equal(worker.status, 200);
    assert.ok(worker.text.includes(entry), 'the service worker precaches the entry');
    // Only the build's own file names under /assets/: no way out of the folder, no other kind of file.
    for (const path of [
      '/assets/..%2F..%2Fpackage.json',
      '/assets/%2E%2E%2Findex.html',
      '/assets/main.ts',
      '/assets/x.json',
    ]) {
      assert.equal((await hall.call('GET', path)).status, 404, path);
    }
  });

  it('sends the hall pages of earlier versions to their workstation routes', async () => {
    for (const [from, to] of [
      ['/hall/kiosk', '/kiosk'],
      ['/hall/display?muted', '/display?muted'],
      ['/hall/caller', '/window'],
      ['/hall/pad', '/pad'],
      ['/hall/board', '/board'],
    ]) {
      const redirect = await fetch(new URL(from, hall.url), { redirect: 'manual' });
      assert.equal(redirect.status, 301, from);
      assert.equal(redirect.headers.get('location'), to, from);
    }
  });

  it('serves the embed demo at /embed-demo/, its script and catalog both relative to it and at the root', async () => {
    const index = await hall.call('GET', '/embed-demo/');
    assert.equal(index.status, 200);
    assert.equal(index.text, await readFile(join(root, 'apps/embed-demo/index.html'), 'utf8'));
    const redirect = await fetch(new URL('/embed-demo', hall.url), { redirect: 'manual' });
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), '/embed-demo/');
    for (const path of ['/embed-demo/catalog.json', '/catalog.json']) {
      const catalog = await hall.call('GET', path);
      assert.equal(catalog.status, 200, path);
      assert.equal(catalog.body.version, demoCatalog.version);
    }
    const bundle = join(root, 'packages/ui/dist/ui.standalone.js');
    const built = await readFile(bundle, 'utf8').catch(() => undefined);
    for (const path of ['/embed-demo/ui.standalone.js', '/ui.standalone.js']) {
      const script = await hall.call('GET', path);
      if (built === undefined) {
        assert.equal(script.status, 404);
        assert.match(script.body.message, /pnpm build/);
      } else {
        assert.equal(script.status, 200);
        assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
        assert.equal(script.text, built);
      }
    }
    // Nothing else of the repository is reachable.
    for (const path of [
      '/package.json',
      '/apps/embed-demo/index.html',
      '/embed-demo/../package.json',
      '/data/hall.sqlite',
    ]) {
      assert.equal((await hall.call('GET', path)).status, 404, path);
    }
  });

  it('says what to build when a served file is missing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'yc-hall-empty-root-'));
    const bare = await startHall({ repoRoot: empty });
    try {
      const answer = await bare.call('GET', '/ui.standalone.js', { headers: { 'accept-language': 'en' } });
      assert.equal(answer.status, 404);
      assert.match(answer.body.message, /packages\/ui\/dist\/ui\.standalone\.js is not built yet: run the build/);
    } finally {
      await bare.dispose();
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('serves the SDK bundles and the embed demo page compressed as asked, with an ETag, and 304 to If-None-Match', async (t) => {
    const files = { '/embed-demo/': join(root, 'apps/embed-demo/index.html') };
    if (existsSync(BUNDLE)) {
      files['/ui.standalone.js'] = BUNDLE;
      files['/embed-demo/ui.standalone.js'] = BUNDLE;
    } else {
      t.diagnostic(`${BUNDLE} is not built (YC_PACKAGES=ui node_modules/.bin/rollup -c): the bundles are not checked`);
    }
    for (const [path, file] of Object.entries(files)) {
      const plain = await readFile(file);
      const url = new URL(path, hall.url);
      const br = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
      assert.equal(br.status, 200, path);
      assert.equal(br.headers['content-encoding'], 'br', path);
      assert.ok(brotliDecompressSync(br.bytes).equals(plain), `${path}: the file, Brotli-compressed`);
      assert.ok(br.bytes.length < plain.length, `${path}: smaller`);
      const gzip = await rawGet(url, { 'accept-encoding': 'gzip' });
      assert.equal(gzip.headers['content-encoding'], 'gzip', path);
      assert.ok(gunzipSync(gzip.bytes).equals(plain), `${path}: the file, gzipped`);
      const none = await rawGet(url, { 'accept-encoding': 'identity' });
      assert.equal(none.headers['content-encoding'], undefined, path);
      assert.ok(none.bytes.equals(plain), `${path}: the file as it is`);
      const etag = br.headers.etag;
      assert.match(etag ?? '', /^"[\w-]+"$/, `${path}: a strong ETag`);
      // One validator per representation: the Brotli, gzip and plain bytes differ, so do their ETags.
      assert.equal(new Set([etag, gzip.headers.etag, none.headers.etag]).size, 3, `${path}: an ETag per encoding`);
      assert.match(br.headers['cache-control'], /no-cache/);
      assert.equal(br.headers['x-content-type-options'], 'nosniff', `${path}: never sniffed`);
      assert.match(br.headers.vary, /Accept-Encoding/);
      for (const held of [etag, `W/${etag}`, `"other", ${etag}`]) {
        const again = await rawGet(url, { 'accept-encoding': 'br', 'if-none-match': held });
        assert.equal(again.status, 304, `${path} with ${held}`);
        assert.equal(again.bytes.length, 0);
        assert.equal(again.headers.etag, etag);
      }
      const head = await fetch(url, { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } });
      assert.equal(head.status, 200, `${path}: HEAD answers as GET, without the bytes`);
      assert.equal(head.headers.get('etag'), gzip.headers.etag);
      assert.equal((await head.arrayBuffer()).byteLength, 0);
      const gzipAgain = await rawGet(url, { 'accept-encoding': 'gzip', 'if-none-match': gzip.headers.etag });
      assert.equal(gzipAgain.status, 304, `${path}: gzip revalidated with its own ETag`);
      const changedEncoding = await rawGet(url, { 'accept-encoding': 'gzip', 'if-none-match': etag });
      assert.equal(changedEncoding.status, 200, `${path}: the Brotli validator does not stand for the gzip bytes`);
      assert.equal((await rawGet(url, { 'if-none-match': '"not-this-one"' })).status, 200);
    }
  });

  it('publishes an OpenAPI 3.1 document with every route of ROUTES, its method and its roles', async () => {
    const answer = await hall.call('GET', '/api/v1/openapi.json');
    assert.equal(answer.status, 200);
    const document = answer.body;
    assert.equal(document.openapi, '3.1.0');
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    assert.equal(operations.length, Object.keys(ROUTES).length);
    for (const [name, route] of Object.entries(ROUTES)) {
      const found = operations.find((o) => o.operation.operationId === name);
      assert.ok(found, name);
      assert.equal(found.method, route.method.toLowerCase());
      assert.equal(found.path, route.path.replace(/:(\w+)/g, '{$1}'));
      assert.deepEqual(found.operation['x-roles'], route.roles);
      assert.equal(found.operation.security.length, route.roles === 'public' ? 0 : 1);
      const refs = JSON.stringify(found.operation).match(/#\/components\/schemas\/\w+/g) ?? [];
      for (const ref of refs) assert.ok(document.components.schemas[ref.split('/').pop()], `${name}: ${ref}`);
    }
  });

  it('documents every route of ROUTES in docs/hall-protocol.md, served at /docs/hall-protocol.md', async () => {
    const answer = await hall.call('GET', '/docs/hall-protocol.md');
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('content-type'), 'text/markdown; charset=utf-8');
    for (const route of Object.values(ROUTES)) {
      const line = `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`;
      assert.ok(answer.text.includes(`\`${line}\``), `docs/hall-protocol.md lacks ${line}`);
      const roles = route.roles === 'public' ? 'public' : route.roles.join(', ');
      const row = answer.text.split('\n').find((text) => text.startsWith(`| \`${line}\``));
      assert.ok(row?.includes(`| ${roles} `), `the roles of ${line} in the table: ${row}`);
    }
  });
});

describe('cross-origin access', () => {
  it('answers the origins CORS_ORIGINS lists, on every kind of answer, and no other origin', async () => {
    const listed = 'https://hall.example.gov.cn';
    const hall = await startHall(dist.optionsFromEnv({ CORS_ORIGINS: `${listed}, http://localhost:6006` }));
    try {
      const preflight = await fetch(new URL('/api/v1/sync', hall.url), {
        method: 'OPTIONS',
        headers: {
          origin: listed,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), listed);
      assert.match(preflight.headers.get('access-control-allow-headers'), /Authorization/);
      assert.match(preflight.headers.get('access-control-allow-methods'), /PUT/);
      const token = await hall.login('clerk');
      // An answer, a refusal of the guard (which the page must be able to read to log in again), an event stream,
      // and a compressed bundle: each carries the headers, and says it varies by Origin, so that no cache hands it
      // to a page of another origin.
      const health = await fetch(new URL('/api/v1/health', hall.url), { headers: { origin: listed } });
      const refused = await fetch(new URL('/api/v1/queue', hall.url), { headers: { origin: listed } });
      assert.equal(refused.status, 401);
      const stream = await openEvents(hall.url, token, { origin: listed });
      stream.close();
      const page = await fetch(new URL('/embed-demo/', hall.url), {
        headers: { origin: listed, 'accept-encoding': 'br' },
      });
      for (const [what, response] of [
        ['an answer', health],
        ['a 401', refused],
        ['an event stream', stream],
        ['a compressed page', page],
      ]) {
        assert.equal(response.headers.get('access-control-allow-origin'), listed, what);
        assert.match(response.headers.get('access-control-expose-headers') ?? '', /ETag/, what);
        assert.match(response.headers.get('vary') ?? '', /\bOrigin\b/, `${what}: Vary ${response.headers.get('vary')}`);
      }
      assert.match(page.headers.get('vary'), /Accept-Encoding/);
      const catalog = await fetch(new URL('/api/v1/catalog', hall.url), {
        headers: { origin: listed, authorization: `Bearer ${token}` },
      });
      assert.match(catalog.headers.get('vary') ?? '', /Origin.*Accept-Encoding|Accept-Encoding.*Origin/);
      for (const stranger of ['https://evil.example', 'https://hall.example.gov.cn.evil.example', 'null']) {
        const answer = await fetch(new URL('/api/v1/health', hall.url), { headers: { origin: stranger } });
        assert.equal(answer.headers.get('access-control-allow-origin'), null, stranger);
        const strangerPreflight = await fetch(new URL('/api/v1/sync', hall.url), {
          method: 'OPTIONS',
          headers: { origin: stranger, 'access-control-request-method': 'POST' },
        });
        assert.equal(strangerPreflight.headers.get('access-control-allow-origin'), null, stranger);
        assert.equal(strangerPreflight.headers.get('access-control-allow-methods'), null, stranger);
      }
    } finally {
      await hall.dispose();
    }
    const closed = await startHall();
    try {
      const health = await fetch(new URL('/api/v1/health', closed.url), { headers: { origin: listed } });
      assert.equal(health.headers.get('access-control-allow-origin'), null, 'no origin by default');
    } finally {
      await closed.dispose();
    }
  });
});
