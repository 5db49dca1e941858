import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';

import { HttpError } from '../http/errors.js';
import { callerOf, hallRoute, type HallContext } from '../http/context.js';

/** Largest catalog a manager publishes in one request (the synthetic 5,000-item catalog is about 13 MB). */
export const CATALOG_BODY_LIMIT = 32 * 1024 * 1024;

/** Whether an `If-None-Match` header names `etag` (or `*`); weak and strong validators compare equal. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const tag = part.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/**
 * Adds `header` to the answer's `Vary` (keeping what is there: `Origin`, when the hall answers other origins), so that
 * no cache hands an answer made for one origin or encoding to a request of another.
 */
export function varyOn(reply: FastifyReply, header: string): FastifyReply {
  const present = String(reply.getHeader('vary') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (!present.some((name) => name.toLowerCase() === header.toLowerCase())) present.push(header);
  return reply.header('vary', present.join(', '));
}

/**
 * `GET /catalog`: the current catalog with the holiday calendar (a `CatalogSnapshot`), serialised and gzipped once
 * per catalog version and calendar revision; the `ETag` names both, `If-None-Match` with it answers 304.
 * `POST /catalog` publishes a version (managers); `GET /calendar` lists the schedules, `PUT /calendar/{year}` loads
 * one (managers).
 */
export function catalogRoutes(app: FastifyInstance, { engine }: HallContext): void {
  let cached: { tag: string; etag: string; version: string; body: Buffer; gzip: Buffer } | undefined;
  hallRoute(app, 'catalog', async (request, reply) => {
    // The catalog is read (and serialised) only when its tag moved on from the one cached.
    const current = await engine.catalogTag();
    if (!current) throw new HttpError('not-found', 'catalogNotFound');
    let served = cached;
    if (served?.tag !== current.tag) {
      const fresh = await engine.catalog();
      if (!fresh) throw new HttpError('not-found', 'catalogNotFound');
      const body = Buffer.from(JSON.stringify(fresh.snapshot), 'utf8');
      served = cached = {
        tag: fresh.tag,
        etag: JSON.stringify(fresh.tag),
        version: JSON.stringify(fresh.snapshot.version),
        body,
        gzip: gzipSync(body),
      };
    }
    // A client that names only the catalog version it holds (`"<version>"`, what `HttpHallClient.catalog(version)`
    // sends) is told that its catalog is current; it follows the calendar through `GET /calendar` and the
    // `calendar.published` event. A client that sends back the ETag hears of either.
    varyOn(reply.header('etag', served.etag).header('cache-control', 'no-cache'), 'Accept-Encoding');
    const ifNoneMatch = request.headers['if-none-match'];
    if (matchesEtag(ifNoneMatch, served.etag) || matchesEtag(ifNoneMatch, served.version)) {
      return reply.code(304).send();
    }
    reply.type('application/json; charset=utf-8');
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      return reply.header('content-encoding', 'gzip').send(served.gzip);
    }
    return reply.send(served.body);
  });
  hallRoute(app, 'publishCatalog', async (request) => engine.publishCatalog(callerOf(request), request.body), {
    bodyLimit: CATALOG_BODY_LIMIT,
  });
  hallRoute(app, 'calendar', async () => ({ schedules: await engine.calendar() }));
  hallRoute(app, 'publishCalendar', async (request) =>
    engine.publishCalendar(callerOf(request), (request.params as { year?: string }).year, request.body),
  );
}
