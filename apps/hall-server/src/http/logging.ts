import type { FastifyInstance, FastifyServerOptions } from 'fastify';

/**
 * Logging that cannot leak personal data: one line per request with only the method, the route pattern (never
 * the raw path of an unknown route, never a query string), the status and the duration. No body and no header
 * (no `Authorization`) is ever logged; licence look-ups are POSTs so identity numbers never reach a URL.
 */
export function loggerOptions(level: string, stream?: { write(line: string): void }): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    // Whatever Fastify itself logs about a request or an answer goes through these.
    serializers: {
      req: (request: { method?: string; routeOptions?: { url?: string } }) => ({
        method: request.method,
        route: request.routeOptions?.url ?? '(unmatched)',
      }),
      res: (reply: { statusCode?: number }) => ({ status: reply.statusCode }),
    },
    redact: { paths: ['headers', 'req.headers', 'body', 'req.body'], remove: true },
  };
}

/** Logs each answered request: method, route pattern, status, milliseconds. */
export function installRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? '(unmatched)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });
}
