import type { FastifyInstance } from 'fastify';
import { callerOf, hallRoute, type HallContext } from '../http/context.js';

/**
 * `POST /queue/tickets` issues a ticket (201), `POST /queue/call` calls the next one to the caller's window (200, or
 * 204 when no one is waiting), `POST /queue/commands` acts on a ticket of the window (200 with the ticket) or on
 * the window itself (pause, reopen: 200 with the window),
 * `GET /queue` lists today's waiting, called and held tickets with the categories, `GET /queue/report/:day` gives a
 * day's figures to managers (`today`, or YYYY-MM-DD).
 */
export function queueRoutes(app: FastifyInstance, { engine }: HallContext): void {
  hallRoute(app, 'issueTicket', async (request, reply) =>
    reply.code(201).send(await engine.issueTicket(callerOf(request), request.body)),
  );
  hallRoute(app, 'callNext', async (request) => engine.callNext(callerOf(request), request.body));
  hallRoute(app, 'queueCommand', async (request) => engine.queueCommand(callerOf(request), request.body));
  hallRoute(app, 'queue', async (request) => engine.queue(callerOf(request)));
  hallRoute(app, 'queueReport', async (request) =>
    engine.queueReport(callerOf(request), (request.params as { day?: string }).day),
  );
}
