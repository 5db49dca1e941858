import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { HOLIDAY_SCHEDULES } from '@yichuang/core';
import { HallHttpError } from '../http/errors.js';
import { hallRoute, type HallContext } from '../http/context.js';

/** The serialised snapshot of one catalog version, plain and gzipped, built once per version. */
interface CachedSnapshot {
  version: string;
  etag: string;
  body: Buffer;
  gzip: Buffer;
}

/** Whether an `If-None-Match` header names `etag` (or `*`); weak and strong validators compare equal. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const tag = part.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/**
 * `GET /api/v1/catalog`: the current catalog with the holiday calendar (a `CatalogSnapshot`). The `ETag` is the
 * quoted version; `If-None-Match` with it answers `304`. Gzipped when the client accepts it.
 */
export function catalogRoutes(app: FastifyInstance, context: HallContext): void {
  let cached: CachedSnapshot | undefined;
  hallRoute(app, 'catalog', async (request, reply) => {
    const current = await context.storage.currentCatalog();
    if (!current) throw new HallHttpError('not-found', 'catalogNotFound');
    if (cached?.version !== current.version) {
      // The stored JSON text is spliced in as it is: no parse and re-serialise of a large catalog per version.
      const body = Buffer.from(
        `{"version":${JSON.stringify(current.version)},"catalog":${current.json},"holidays":${JSON.stringify(HOLIDAY_SCHEDULES)}}`,
        'utf8',
      );
      cached = { version: current.version, etag: JSON.stringify(current.version), body, gzip: gzipSync(body) };
    }
    reply.header('etag', cached.etag).header('cache-control', 'no-cache').header('vary', 'Accept-Encoding');
    if (matchesEtag(request.headers['if-none-match'], cached.etag)) return reply.code(304).send();
    reply.type('application/json; charset=utf-8');
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      return reply.header('content-encoding', 'gzip').send(cached.gzip);
    }
    return reply.send(cached.body);
  });
}
