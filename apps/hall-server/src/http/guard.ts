import type { FastifyInstance } from 'fastify';
import { ROLES, ROUTES } from '@yichuang/hall-client/protocol.js';
import { bearerToken, hashToken } from '../session/tokens.js';
import { HallHttpError } from './errors.js';
import type { HallContext } from './context.js';

/** Sent with every 401, as RFC 6750 asks. */
const CHALLENGE = { 'www-authenticate': 'Bearer realm="yichuang-hall"' };

/**
 * The role guard: before the body is even read, every route that `ROUTES` does not mark public needs a live
 * session (`Authorization: Bearer <token>`, else 401) whose role the table lists for the route (else 403).
 */
export function installRoleGuard(app: FastifyInstance, context: HallContext): void {
  app.decorateRequest('hallSession', undefined);
  app.addHook('onRequest', async (request) => {
    const name = request.routeOptions.config.route;
    if (!name) return;
    const roles = ROUTES[name].roles;
    if (roles === 'public') return;
    const token = bearerToken(request.headers.authorization);
    const session = token === undefined ? undefined : await context.storage.findSession(hashToken(token));
    if (!session || Date.parse(session.expiresAt) <= context.now()) {
      // No token: log in first; a token the hall does not know (any more): the session has ended.
      throw new HallHttpError(
        'unauthenticated',
        token === undefined ? 'unauthenticated' : 'sessionEnded',
        {},
        [],
        CHALLENGE,
      );
    }
    if (!(roles as readonly string[]).includes(session.role)) {
      throw new HallHttpError('forbidden', 'forbidden', { role: ROLES[session.role] });
    }
    request.hallSession = session;
  });
}
