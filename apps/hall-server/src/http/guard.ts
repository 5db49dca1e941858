import type { FastifyInstance } from 'fastify';
import { ROUTES } from '@yichuang/hall-client/protocol.js';
import { languageOf } from './errors.js';
import type { HallContext } from './context.js';
import { bearerToken } from './tokens.js';

/**
 * The guard: before the body is even read, every route that `ROUTES` does not mark public asks the engine for its
 * caller (401 without a live session, 403 for a role the route does not allow).
 */
export function installGuard(app: FastifyInstance, context: HallContext): void {
  app.decorateRequest('caller', undefined);
  app.addHook('onRequest', async (request) => {
    const name = request.routeOptions.config.route;
    if (!name || ROUTES[name].roles === 'public') return;
    request.caller = await context.engine.authenticate(
      bearerToken(request.headers.authorization),
      name,
      languageOf(request),
    );
  });
}
