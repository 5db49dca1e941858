import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEMO_HALL } from '@yichuang/demo-catalog';
import { ROLES, ROUTES } from '@yichuang/hall-client/protocol.js';
import type { HallContext } from '../http/context.js';
import { sendError, languageOf } from '../http/errors.js';
import { message } from '../http/messages.js';
import { matchesEtag, varyOn } from '../routes/catalog.js';
import { openApiDocument } from './openapi.js';

/** The workstation's page (built by apps/workstation), served at each of its routes. */
const WORKSTATION_PAGE = 'apps/workstation/dist/index.html';

/** The workstation's routes: the door, the window desk, the helper desk, the cross-province desk, the board and the device pages. */
const WORKSTATION_PATHS = [
  '/',
  '/index.html',
  '/window',
  '/assist',
  '/remote',
  '/board',
  '/kiosk',
  '/display',
  '/pad',
] as const;

/** The packages whose standalone bundle the hall serves under /sdk/. */
const SDK_BUNDLES = new Set([
  'ui',
  'store',
  'queue',
  'evaluation',
  'intake',
  'tolerance',
  'results',
  'assist',
  'remote-intake',
  'shell',
]);

/** The hall pages of earlier versions and the workstation route each became. */
const FORMER_HALL_PAGES: Record<string, string> = {
  kiosk: '/kiosk',
  display: '/display',
  pad: '/pad',
  caller: '/window',
  board: '/board',
};

/** Files of the repository served as they are, by their public path. */
const FILES: Record<string, { file: string; type: string }> = {
  '/embed-demo/': { file: 'apps/embed-demo/index.html', type: 'text/html; charset=utf-8' },
  '/embed-demo/index.html': { file: 'apps/embed-demo/index.html', type: 'text/html; charset=utf-8' },
  // The embed demo's page refers to them relatively (./ui.standalone.js) and the foundation served them at the
  // root: both paths work.
  '/embed-demo/ui.standalone.js': { file: 'packages/ui/dist/ui.standalone.js', type: 'text/javascript; charset=utf-8' },
  '/embed-demo/ui.standalone.js.map': { file: 'packages/ui/dist/ui.standalone.js.map', type: 'application/json' },
  '/embed-demo/catalog.json': {
    file: 'packages/demo-catalog/generated/catalog.json',
    type: 'application/json; charset=utf-8',
  },
  // An old jQuery, as a legacy hall page has it (the window demo listens to the elements' events with it).
  '/embed-demo/jquery.js': { file: 'node_modules/jquery/dist/jquery.min.js', type: 'text/javascript; charset=utf-8' },
  '/embed-demo/window.html': { file: 'apps/embed-demo/window.html', type: 'text/html; charset=utf-8' },
  // The qiankun host page and the intake's micro-app (its entry page and its UMD build).
  '/embed-demo/qiankun.html': { file: 'apps/embed-demo/qiankun.html', type: 'text/html; charset=utf-8' },
  '/embed-demo/qiankun-host.js': {
    file: 'apps/embed-demo/dist/qiankun-host.js',
    type: 'text/javascript; charset=utf-8',
  },
  '/embed-demo/intake-app.html': { file: 'apps/embed-demo/intake-app.html', type: 'text/html; charset=utf-8' },
  '/embed-demo/intake-app.js': { file: 'apps/embed-demo/dist/intake-app.js', type: 'text/javascript; charset=utf-8' },
  '/ui.standalone.js': { file: 'packages/ui/dist/ui.standalone.js', type: 'text/javascript; charset=utf-8' },
  '/ui.standalone.js.map': { file: 'packages/ui/dist/ui.standalone.js.map', type: 'application/json' },
  '/catalog.json': { file: 'packages/demo-catalog/generated/catalog.json', type: 'application/json; charset=utf-8' },
  '/docs/hall-protocol.md': { file: 'docs/hall-protocol.md', type: 'text/markdown; charset=utf-8' },
  // The workstation's service worker (served from the root: its scope is the whole workstation).
  '/sw.js': { file: 'apps/workstation/dist/sw.js', type: 'text/javascript; charset=utf-8' },
};

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The demo token of the first demo device of a role. */
const deviceToken = (role: string) => DEMO_HALL.devices.find((device) => device.role === role)?.token ?? '';

/** The demo hall's accounts, device tokens and device pages (only in a demo hall): on the landing page and the door. */
function demoAccounts(): string {
  return `
      <section class="demo" aria-labelledby="accounts">
        <h2 id="accounts">演示账号</h2>
        <p>以下账号与设备令牌仅用于演示，数据均为虚构。</p>
        <table>
          <caption>窗口人员在工作台登录；接口登录：<code>POST /api/v1/session</code></caption>
          <thead><tr><th scope="col">身份</th><th scope="col">账号或设备</th><th scope="col">密码或设备令牌</th><th scope="col">窗口</th></tr></thead>
          <tbody>
            ${DEMO_HALL.accounts
              .map(
                (a) =>
                  `<tr><td>${escape(ROLES[a.role].zh)}</td><td><code>${escape(a.user)}</code>（${escape(a.name)}）</td><td><code>${escape(a.password)}</code></td><td>${escape((a as { window?: string }).window ?? '—')}</td></tr>`,
              )
              .join('\n            ')}
            ${DEMO_HALL.devices
              .map(
                (d) =>
                  `<tr><td>${escape(ROLES[d.role].zh)}</td><td><code>${escape(d.id)}</code>（${escape(d.name)}）</td><td><code>${escape(d.token)}</code></td><td>${escape((d as { window?: string }).window ?? '—')}</td></tr>`,
              )
              .join('\n            ')}
          </tbody>
        </table>
        <h3>演示页面</h3>
        <ul>
          <li><a href="/kiosk#token=${escape(deviceToken('kiosk'))}">自助取号机</a></li>
          <li><a href="/display#token=${escape(deviceToken('display'))}">叫号大屏</a></li>
          <li><a href="/">综合窗口（用上面的窗口账号登录）</a></li>
          <li><a href="/pad#token=${escape(deviceToken('rating-pad'))}">1 号窗口评价器</a></li>
          <li><a href="/">大厅运行看板（用上面的管理员账号登录）</a></li>
        </ul>
      </section>`;
}

/** The landing page: what this server is, links to the embed demo and the protocol, and the demo accounts. */
export function landingPage(context: Pick<HallContext, 'version' | 'demo'>, hallName: string): string {
  const accounts = context.demo ? demoAccounts() : '';
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>一窗 · 大厅服务器</title>
    <link rel="icon" href="data:," />
    <style>
      :root { color-scheme: light; font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; line-height: 1.6; }
      body { margin: 0; color: #1a1a1a; background: #f7f7f5; }
      header, main, footer { max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem; }
      header { border-bottom: 3px solid #b3261e; }
      h1 { margin: 0.5rem 0; font-size: 1.75rem; }
      a { color: #0b4f9c; text-decoration-thickness: 2px; }
      a:focus-visible { outline: 3px solid #b3261e; outline-offset: 2px; }
      ul { padding-left: 1.25rem; }
      table { border-collapse: collapse; width: 100%; background: #fff; }
      caption { text-align: left; padding: 0.25rem 0; }
      th, td { border: 1px solid #8a8a8a; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
      code { font-size: 0.95em; }
      footer { color: #4a4a4a; font-size: 0.9rem; }
    </style>
  </head>
  <body>
    <header>
      <p>一窗 Yichuang</p>
      <h1>${escape(hallName)} · 大厅服务器</h1>
    </header>
    <main>
      <p>这是一窗的参考大厅服务器：为窗口、自助取号机、大厅显示屏和评价器提供事项目录、排队叫号、办件同步、附件、电子证照查询、统计与事件推送。</p>
      <section aria-labelledby="links">
        <h2 id="links">入口</h2>
        <ul>
          <li><a href="/">工作台：综合窗口、大厅看板、自助取号机、叫号大屏、评价器</a></li>
          <li><a href="/embed-demo/">嵌入示例：在传统业务页面中用一个脚本标签嵌入事项选择组件</a></li>
          <li><a href="/docs/hall-protocol.md">大厅协议参考（接口、角色、错误码、事件流）</a></li>
          <li><a href="/api/v1/openapi.json">OpenAPI 3.1 接口描述（JSON）</a></li>
          <li><a href="/api/v1/health">运行状态</a></li>
        </ul>
      </section>${accounts}
    </main>
    <footer>
      <p>版本 ${escape(context.version)} · Apache-2.0</p>
    </footer>
  </body>
</html>
`;
}

/** A file served, with its compressed forms and its validator, built once per version of the file on disk. */
interface ServedFile {
  mtimeMs: number;
  size: number;
  etag: string;
  plain: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/** The encoding to answer with: Brotli, else gzip, else none, as `Accept-Encoding` allows. */
export function pickEncoding(header: string | string[] | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Map<string, number>();
  for (const part of String(header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) : 1);
  }
  const allowed = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (allowed('br')) return 'br';
  if (allowed('gzip')) return 'gzip';
  return undefined;
}

/**
 * The landing page, the embed demo and the SDK bundles it loads, the protocol reference and the OpenAPI document.
 * Files are served compressed (Brotli or gzip, as the browser accepts) and cacheable: an `ETag` (their SHA-256),
 * `Cache-Control: public, no-cache` (a browser or proxy keeps them and asks again with `If-None-Match`: 304 while the
 * file did not change). A file rebuilt while the server runs is served anew.
 */
export function pageRoutes(app: FastifyInstance, context: HallContext): void {
  const html = (reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('referrer-policy', 'no-referrer');

  app.get('/about', async (_request, reply) => {
    const hall = await context.engine.hall();
    return html(reply).send(landingPage(context, hall?.name ?? '一窗'));
  });
  app.get('/embed-demo', async (_request, reply) => reply.redirect('/embed-demo/', 301));
  // The hall pages of earlier versions are the workstation's routes now.
  for (const [old, route] of Object.entries(FORMER_HALL_PAGES)) {
    app.get(`/hall/${old}`, async (request, reply) => {
      const query = request.url.indexOf('?');
      return reply.redirect(`${route}${query < 0 ? '' : request.url.slice(query)}`, 301);
    });
  }
  const served = new Map<string, ServedFile>();
  const load = async (file: string): Promise<ServedFile> => {
    const path = join(context.repoRoot, file);
    const { mtimeMs, size } = await stat(path);
    const known = served.get(file);
    if (known && known.mtimeMs === mtimeMs && known.size === size) return known;
    const plain = await readFile(path);
    const entry: ServedFile = {
      mtimeMs,
      size,
      etag: `"${createHash('sha256').update(plain).digest('base64url').slice(0, 32)}"`,
      plain,
      gzip: gzipSync(plain, { level: 9 }),
      br: brotliCompressSync(plain, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
    };
    served.set(file, entry);
    return entry;
  };
  const sendFile = async (request: FastifyRequest, reply: FastifyReply, file: string, type: string) => {
    let entry: ServedFile;
    try {
      entry = await load(file);
    } catch {
      return sendError(reply, 'not-found', message('fileMissing', languageOf(request), { file }));
    }
    const encoding = pickEncoding(request.headers['accept-encoding']);
    // One validator per representation (a strong ETag names exact bytes): the file's, marked by its encoding.
    const etag = encoding ? `${entry.etag.slice(0, -1)}-${encoding}"` : entry.etag;
    varyOn(reply, 'Accept-Encoding').type(type).header('etag', etag).header('cache-control', 'public, no-cache');
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    if (encoding) reply.header('content-encoding', encoding);
    return reply.send(encoding === 'br' ? entry.br : encoding === 'gzip' ? entry.gzip : entry.plain);
  };
  for (const [path, { file, type }] of Object.entries(FILES)) {
    app.route({
      method: ['GET', 'HEAD'],
      url: path,
      handler: (request, reply) => sendFile(request, reply, file, type),
    });
  }

  // The workstation: its page at each of its routes (with the hall's name, and in a demo hall the demo accounts), its
  // code under /assets/ (names made by the build: letters, digits, dash, underscore, dot).
  const workstationPage = async (request: FastifyRequest, reply: FastifyReply) => {
    let page: ServedFile;
    try {
      page = await load(WORKSTATION_PAGE);
    } catch {
      return sendError(reply, 'not-found', message('fileMissing', languageOf(request), { file: WORKSTATION_PAGE }));
    }
    const hall = await context.engine.hall();
    const text = page.plain
      .toString('utf8')
      .replace('data-hall-name=""', `data-hall-name="${escape(hall?.name ?? '一窗')}"`)
      .replace('<!--yc:demo-->', context.demo ? demoAccounts() : '');
    return html(reply).send(text);
  };
  for (const path of WORKSTATION_PATHS) {
    app.get(path, workstationPage);
    if (path !== '/' && path !== '/index.html') app.get(`${path}/*`, workstationPage);
  }
  /**
   * Scripts of a built folder under `url` (`:file`): the repository file `where(file)` names, or 404 for a name it
   * does not (`undefined`). Their source maps beside them.
   */
  const scripts = (url: string, where: (file: string) => string | undefined) =>
    app.route({
      method: ['GET', 'HEAD'],
      url,
      handler: async (request, reply) => {
        const { file } = request.params as { file: string };
        const path = /\.js(\.map)?$/.test(file) ? where(file) : undefined;
        if (!path) return sendError(reply, 'not-found', message('fileMissing', languageOf(request), { file }));
        return sendFile(
          request,
          reply,
          path,
          file.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8',
        );
      },
    });
  // The SDK's standalone bundles, each loadable with one <script type="module">: /sdk/<package>.standalone.js.
  scripts('/sdk/:file', (file) => {
    const name = /^([a-z-]+)\.standalone\.js(\.map)?$/.exec(file)?.[1];
    return name && SDK_BUNDLES.has(name) ? `packages/${name}/dist/${file}` : undefined;
  });
  // The workstation's code: names made by the build (letters, digits, dash, underscore, dot; not starting with a dot).
  scripts('/assets/:file', (file) =>
    /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(file) ? `apps/workstation/dist/assets/${file}` : undefined,
  );

  let document: string | undefined;
  app.route({
    method: 'GET',
    url: ROUTES.openapi.path,
    config: { route: 'openapi' },
    handler: async (_request, reply) => {
      document ??= JSON.stringify(openApiDocument(context.version));
      return reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(document);
    },
  });
}
