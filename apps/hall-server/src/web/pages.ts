import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DEMO_HALL } from '@yichuang/demo-catalog';
import { ROLES, ROUTES } from '@yichuang/hall-client/protocol.js';
import type { HallContext } from '../http/context.js';
import { sendError, languageOf } from '../http/errors.js';
import { message } from '../http/messages.js';
import { matchesEtag, varyOn } from '../routes/catalog.js';
import { openApiDocument } from './openapi.js';

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
  '/ui.standalone.js': { file: 'packages/ui/dist/ui.standalone.js', type: 'text/javascript; charset=utf-8' },
  '/ui.standalone.js.map': { file: 'packages/ui/dist/ui.standalone.js.map', type: 'application/json' },
  '/catalog.json': { file: 'packages/demo-catalog/generated/catalog.json', type: 'application/json; charset=utf-8' },
  '/docs/hall-protocol.md': { file: 'docs/hall-protocol.md', type: 'text/markdown; charset=utf-8' },
  // The hall's own pages (kiosk, call screen, caller, rating pad): one script, built with the server.
  '/hall/hall-pages.js': { file: 'apps/hall-server/dist/web/hall-pages.js', type: 'text/javascript; charset=utf-8' },
};

/** The login form of a staff page: the account, and the window for a clerk's. */
function loginForm(heading: string, submit: string, window: boolean): string {
  return `<form id="login">
        <h1>${heading}</h1>
        <label>账号 <input name="user" autocomplete="username" required /></label>
        <label>密码 <input name="password" type="password" autocomplete="current-password" required /></label>
        ${window ? '<label>窗口 <input name="window" inputmode="numeric" pattern="[0-9A-Za-z]{1,8}" required /></label>' : ''}
        <button type="submit">${submit}</button>
        <p role="alert"></p>
      </form>`;
}

/** The hall's own pages, by name: their title and, for staff pages, the login form. */
const HALL_PAGES: Record<string, { title: string; body?: string }> = {
  kiosk: { title: '自助取号' },
  display: { title: '叫号大屏' },
  pad: { title: '窗口评价器' },
  caller: { title: '窗口叫号', body: loginForm('窗口叫号', '登录并开始叫号', true) },
  board: { title: '大厅运行看板', body: loginForm('大厅运行看板', '管理员登录', false) },
};

/** A hall page: the page's element is mounted into `<main>` by `hall-pages.js`. */
export function hallPage(name: string, hallName: string): string | undefined {
  const page = HALL_PAGES[name];
  if (!page) return undefined;
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>一窗 · ${escape(page.title)}</title>
    <link rel="icon" href="data:," />
    <style>
      html, body { height: 100%; margin: 0; font-family: system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
      main { height: 100%; }
      form { display: grid; gap: 0.75rem; max-width: 22rem; margin: 3rem auto; font-size: 1.125rem; }
      label { display: grid; gap: 0.25rem; }
      input, button { font: inherit; min-height: 44px; }
      .problem, [role="alert"] { color: #b42318; }
    </style>
  </head>
  <body data-page="${escape(name)}" data-hall-name="${escape(hallName)}">
    <main>${page.body ?? ''}</main>
    <script type="module" src="/hall/hall-pages.js"></script>
  </body>
</html>`;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The demo token of the first demo device of a role. */
const deviceToken = (role: string) => DEMO_HALL.devices.find((device) => device.role === role)?.token ?? '';

/** The landing page: what this server is, links to the embed demo and the protocol, and the demo accounts. */
export function landingPage(context: Pick<HallContext, 'version' | 'demo'>, hallName: string): string {
  const accounts = context.demo
    ? `
      <section aria-labelledby="accounts">
        <h2 id="accounts">演示账号</h2>
        <p>以下账号与设备令牌仅用于演示，数据均为虚构。</p>
        <table>
          <caption>登录：<code>POST /api/v1/session</code></caption>
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
          <li><a href="/hall/kiosk#token=${escape(deviceToken('kiosk'))}">自助取号机</a></li>
          <li><a href="/hall/display#token=${escape(deviceToken('display'))}">叫号大屏</a></li>
          <li><a href="/hall/caller">窗口叫号（用上面的窗口账号登录）</a></li>
          <li><a href="/hall/pad#token=${escape(deviceToken('rating-pad'))}">1 号窗口评价器</a></li>
          <li><a href="/hall/board">大厅运行看板（用上面的管理员账号登录）</a></li>
        </ul>
      </section>`
    : '';
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

  app.get('/', async (_request, reply) => {
    const hall = await context.engine.hall();
    return html(reply).send(landingPage(context, hall?.name ?? '一窗'));
  });
  app.get('/embed-demo', async (_request, reply) => reply.redirect('/embed-demo/', 301));
  for (const name of Object.keys(HALL_PAGES)) {
    app.get(`/hall/${name}`, async (_request, reply) => {
      const hall = await context.engine.hall();
      return html(reply).send(hallPage(name, hall?.name ?? '一窗'));
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
  for (const [path, { file, type }] of Object.entries(FILES)) {
    app.route({
      method: ['GET', 'HEAD'],
      url: path,
      handler: async (request, reply) => {
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
      },
    });
  }

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
