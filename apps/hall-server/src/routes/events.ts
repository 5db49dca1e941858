import type { FastifyInstance } from 'fastify';
import { callerOf, hallRoute, type HallContext } from '../http/context.js';

/**
 * `GET /events`: Server-Sent Events. Authenticated by the `Authorization` header like every route (never a token in
 * the URL); `Last-Event-ID: n` replays every event after `n` first (`0`: all), then the stream goes live; without
 * it, the stream starts with the next event. Each message is `id:` (the event id), `event:` (its type) and `data:`
 * (the `HallEvent` as JSON, in the form this session may see); a comment line every heartbeat keeps proxies from
 * closing it. Streams are bounded per session and in all (429 beyond).
 */
export function eventRoutes(app: FastifyInstance, { engine, hub }: HallContext): void {
  hallRoute(app, 'events', async (request, reply) => {
    const caller = callerOf(request);
    const header = request.headers['last-event-id'];
    const { after, release } = await engine.startStream(caller, Array.isArray(header) ? header[0] : header);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(reply.getHeaders()))
      if (value !== undefined) headers[name] = String(value);
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-store, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.flushHeaders();
    request.raw.socket.setNoDelay(true);
    request.raw.socket.setKeepAlive(true);
    const opened = performance.now();
    request.log.info(
      { method: 'GET', route: request.routeOptions.url, status: 200, role: caller.session.role },
      'events stream opened',
    );
    void hub.subscribe(response, {
      caller,
      ...(after === undefined ? {} : { after }),
      onEnd: () => {
        release();
        request.log.info(
          { route: request.routeOptions.url, ms: Math.round(performance.now() - opened) },
          'events stream closed',
        );
      },
    });
    return reply;
  });
}
