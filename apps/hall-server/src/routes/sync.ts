import type { FastifyInstance } from 'fastify';
import type { SyncResponse } from '@yichuang/hall-client/protocol.js';
import { callerOf, hallRoute, type HallContext } from '../http/context.js';

/** Largest `POST /sync` body: 500 cases of a generous size. */
export const SYNC_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * `POST /sync`: each mutation on its own, in order, as the engine decides. The request's connection closing stops
 * the batch between two mutations (what was applied is answered `duplicate` to the retry).
 */
export function syncRoutes(app: FastifyInstance, { engine }: HallContext): void {
  hallRoute(
    app,
    'sync',
    async (request): Promise<SyncResponse> => {
      const closed = new AbortController();
      request.raw.once('close', () => {
        if (!request.raw.complete) closed.abort();
      });
      return engine.sync(callerOf(request), request.body, closed.signal);
    },
    { bodyLimit: SYNC_BODY_LIMIT },
  );
}
