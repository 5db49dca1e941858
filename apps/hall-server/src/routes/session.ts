import type { FastifyInstance } from 'fastify';
import { bearerToken } from '../http/tokens.js';
import { languageOf } from '../http/errors.js';
import { callerOf, hallRoute, type HallContext } from '../http/context.js';

/** `POST /session` (log in), `GET` (who am I), `DELETE` (log out), `POST /session/password` (change it). */
export function sessionRoutes(app: FastifyInstance, { engine }: HallContext): void {
  hallRoute(app, 'login', async (request, reply) =>
    reply.code(200).send(await engine.login(request.body, { address: request.ip, locale: languageOf(request) })),
  );
  hallRoute(app, 'session', async (request) =>
    engine.sessionOf(callerOf(request), bearerToken(request.headers.authorization) ?? ''),
  );
  hallRoute(app, 'logout', async (request) => engine.logout(callerOf(request)));
  hallRoute(app, 'changePassword', async (request) => engine.changePassword(callerOf(request), request.body));
}
