// What a browser meets besides the API: the landing page, the embed demo as the foundation served it, the
// protocol reference (OpenAPI from ROUTES, and docs/hall-protocol.md), and cross-origin access.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_HALL, protocol, startHall } from '../test-support/hall.mjs';

const { ROUTES } = protocol;
const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

describe('pages', () => {
  let hall;
  before(async () => (hall = await startHall()));
  after(() => hall.dispose());

  it('GET / is a zh-CN landing page linking the embed demo and the protocol, with the demo accounts', async () => {
    const page = await hall.call('GET', '/');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(page.text, /<html lang="zh-CN">/);
    assert.match(page.text, /<main>/);
    for (const href of ['/embed-demo/', '/docs/hall-protocol.md', '/api/v1/openapi.json']) {
      assert.ok(page.text.includes(`href="${href}"`), href);
    }
    for (const account of DEMO_HALL.accounts) assert.ok(page.text.includes(account.user));
    for (const device of DEMO_HALL.devices) assert.ok(page.text.includes(device.token));
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
      assert.equal(catalog.body.version, '2026.11-demo');
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
  it('answers listed origins only, preflight included, and never lets the guard block a preflight', async () => {
    const hall = await startHall({ corsOrigins: ['https://hall.example.gov.cn'] });
    try {
      const preflight = await fetch(new URL('/api/v1/sync', hall.url), {
        method: 'OPTIONS',
        headers: {
          origin: 'https://hall.example.gov.cn',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://hall.example.gov.cn');
      assert.match(preflight.headers.get('access-control-allow-headers'), /Authorization/);
      assert.match(preflight.headers.get('access-control-allow-methods'), /PUT/);
      const health = await fetch(new URL('/api/v1/health', hall.url), {
        headers: { origin: 'https://hall.example.gov.cn' },
      });
      assert.equal(health.headers.get('access-control-allow-origin'), 'https://hall.example.gov.cn');
      const stranger = await fetch(new URL('/api/v1/health', hall.url), {
        headers: { origin: 'https://evil.example' },
      });
      assert.equal(stranger.headers.get('access-control-allow-origin'), null);
    } finally {
      await hall.dispose();
    }
    const closed = await startHall();
    try {
      const health = await fetch(new URL('/api/v1/health', closed.url), {
        headers: { origin: 'https://hall.example.gov.cn' },
      });
      assert.equal(health.headers.get('access-control-allow-origin'), null, 'no origin by default');
    } finally {
      await closed.dispose();
    }
  });
});
