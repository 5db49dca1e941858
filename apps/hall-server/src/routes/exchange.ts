import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EXCHANGE_HEADERS, HallError } from '@yichuang/hall-client/protocol.js';
import { callerOf, hallRoute, type HallContext } from '../http/context.js';

/** Largest request one hall sends another: a package with its scans in base64 (a few hundred pages). */
export const EXCHANGE_BODY_LIMIT = 64 * 1024 * 1024;

/**
 * The exchange between halls (跨省通办). Between halls, signed (no session): `GET /exchange/identity` (public: the
 * hall's code, name and public key), `POST /exchange/packages` (a forwarding package and its scans: stored, checked
 * by the engine against this hall's catalog, answered with this hall's case number), `POST /exchange/updates` (a case
 * forwarded from here moved on there), `GET /exchange/catalog` (this hall's catalog, for the other to keep a copy).
 * For people: `GET /peers`, `POST /peers` (managers enrol a hall; its catalog is fetched at once), `GET
 * /peers/{hall}/catalog` (the copy kept), `GET /remote?direction=out|in`, `POST /remote/{id}/state`. The raw body of a
 * signed request is what its signature covers: it is kept as text, checked, then parsed.
 */
export function exchangeRoutes(app: FastifyInstance, context: HallContext): void {
  const { engine, files } = context;

  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: EXCHANGE_BODY_LIMIT },
      (_r, body, done) => done(null, body),
    );
    const signer = (request: FastifyRequest) => {
      const header = (name: string) => {
        const value = request.headers[name];
        return typeof value === 'string' ? value : undefined;
      };
      const text = typeof request.body === 'string' ? request.body : '';
      return engine
        .verifyExchange(
          {
            hall: header(EXCHANGE_HEADERS.hall),
            time: header(EXCHANGE_HEADERS.time),
            signature: header(EXCHANGE_HEADERS.signature),
          },
          request.method,
          request.url.split('?')[0]!,
          text,
        )
        .then((from) => ({ from, text }));
    };
    const json = (text: string): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        throw new HallError('The body is not JSON.', 'invalid', 400);
      }
    };

    hallRoute(scope, 'exchangeIdentity', async () => engine.exchangeIdentity());

    hallRoute(
      scope,
      'exchangePackage',
      async (request) => {
        const { from, text } = await signer(request);
        const body = json(text) as { files?: { sha256?: unknown; data?: unknown }[] };
        // The scans first: each kept only if its bytes hash to its name.
        const sizes = new Map<string, number>();
        for (const file of Array.isArray(body?.files) ? body.files : []) {
          if (typeof file?.sha256 !== 'string' || typeof file.data !== 'string') continue;
          const bytes = Buffer.from(file.data, 'base64');
          if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) {
            throw new HallError(`The file ${file.sha256} does not hash to its name.`, 'invalid', 400);
          }
          const outcome = await files.store(Readable.from([bytes]), file.sha256, engine.limits.maxAttachmentBytes);
          if (outcome.status !== 'stored') throw new HallError(`The file ${file.sha256} is refused.`, 'too-large', 413);
          sizes.set(file.sha256, outcome.size);
        }
        return engine.receivePackage(from, body, sizes);
      },
      { bodyLimit: EXCHANGE_BODY_LIMIT },
    );

    hallRoute(scope, 'exchangeUpdate', async (request) => {
      const { from, text } = await signer(request);
      return engine.receiveUpdate(from, json(text));
    });

    hallRoute(scope, 'exchangeCatalog', async (request) => {
      await signer(request);
      const snapshot = await engine.catalog();
      if (!snapshot) throw new HallError('This hall has published no catalog.', 'not-found', 404);
      return snapshot.snapshot;
    });
  });

  hallRoute(app, 'peers', async () => engine.peers());
  hallRoute(app, 'enrolPeer', async (request) => {
    const peer = await engine.enrolPeer(callerOf(request), request.body);
    // Its catalog at once, when it answers; the forwarder keeps trying otherwise.
    await context.exchange?.refreshCatalog(peer.hall).catch(() => undefined);
    return (await engine.peers()).find((candidate) => candidate.hall === peer.hall) ?? peer;
  });
  hallRoute(app, 'peerCatalog', async (request) => {
    const hall = (request.params as { hall?: string }).hall;
    try {
      return await engine.peerCatalog(callerOf(request), hall);
    } catch (error) {
      // None kept yet (the other hall had not enrolled this one when it was enrolled): asked for now, once.
      if (!(error instanceof HallError) || error.code !== 'not-found' || !hall || !context.exchange) throw error;
      await context.exchange.refreshCatalog(hall).catch(() => undefined);
      return engine.peerCatalog(callerOf(request), hall);
    }
  });
  hallRoute(app, 'remoteCases', async (request) => engine.remoteCases(callerOf(request), request.query));
  hallRoute(app, 'decideRemote', async (request) => {
    const answer = await engine.decideRemote(callerOf(request), (request.params as { id?: string }).id, request.body);
    context.exchange?.kick();
    return answer;
  });
}
