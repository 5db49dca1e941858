import type { FastifyInstance } from 'fastify';

/** Request headers a browser page may send to the hall. */
const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept-Language, Last-Event-ID, If-None-Match';
/** Answer headers a browser page may read. */
const EXPOSED_HEADERS = 'ETag, WWW-Authenticate, Retry-After';

/**
 * Cross-origin access for the pages of other origins listed in `CORS_ORIGINS` (`*` for any). Tokens travel in
 * the `Authorization` header, never in cookies, so no credentials mode is needed. With no origins listed, the
 * hall answers no cross-origin request (the default).
 */
export function installCors(app: FastifyInstance, origins: readonly string[]): void {
  if (origins.length === 0) return;
  const any = origins.includes('*');
  const allowed = new Set(origins.map((origin) => origin.replace(/\/+$/, '')));
  const allow = (origin: string | undefined): string | undefined => {
    if (!origin) return undefined;
    if (any) return '*';
    return allowed.has(origin) ? origin : undefined;
  };
  app.addHook('onRequest', async (request, reply) => {
    const origin = allow(request.headers.origin);
    if (!any) reply.header('vary', 'Origin');
    if (!origin) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-expose-headers', EXPOSED_HEADERS);
  });
  // Preflight: any path, so that it is answered before (and without) the role guard.
  app.options('/*', async (request, reply) => {
    if (!allow(request.headers.origin)) return reply.code(204).send();
    return reply
      .code(204)
      .header('access-control-allow-methods', 'GET, HEAD, POST, PUT, DELETE')
      .header('access-control-allow-headers', ALLOWED_HEADERS)
      .header('access-control-max-age', '600')
      .send();
  });
}
