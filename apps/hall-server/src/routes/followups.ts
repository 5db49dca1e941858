import type { FastifyInstance } from 'fastify';
import { callerOf, hallRoute, type HallContext } from '../http/context.js';

/**
 * Follow-ups of bad ratings (差评整改): `GET /followups?status=&from=&to=` lists them (managers; clerks those of their
 * windows), `POST /followups/{id}/actions` records an action (managers, 200 with the follow-up),
 * `PUT /settings/followups` sets the working days a new one is given (managers, 204).
 */
export function followUpRoutes(app: FastifyInstance, { engine }: HallContext): void {
  hallRoute(app, 'followUps', async (request) => engine.followUps(callerOf(request), request.query));
  hallRoute(app, 'actOnFollowUp', async (request) =>
    engine.actOnFollowUp(callerOf(request), (request.params as { id?: string }).id, request.body),
  );
  hallRoute(app, 'saveFollowUpSettings', async (request) =>
    engine.saveFollowUpSettings(callerOf(request), request.body),
  );
}
