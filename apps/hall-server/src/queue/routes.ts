import type { FastifyInstance } from 'fastify';
import { toChinaDate, ulid } from '@yichuang/core';
import { CallNextSchema, IssueTicketSchema } from '@yichuang/hall-client/protocol.js';
import { HallHttpError, parseOr400 } from '../http/errors.js';
import { hallRoute, sessionOf, type HallContext } from '../http/context.js';
import { StorageError } from '../storage/storage.js';

/**
 * The queue: `POST /api/v1/queue/tickets` issues a ticket (201 `Ticket`), `POST /api/v1/queue/call` calls the
 * next one to a window (200 `Ticket`, or 204 when no one is waiting), `GET /api/v1/queue` lists today's waiting
 * and called tickets with the hall's categories.
 */
export function queueRoutes(app: FastifyInstance, context: HallContext): void {
  const { storage, hub } = context;

  hallRoute(app, 'issueTicket', async (request, reply) => {
    const body = parseOr400(IssueTicketSchema, request.body);
    if (body.kind === 'appointment' && body.appointmentRef === undefined) {
      throw new HallHttpError('invalid', 'invalid', {}, [
        'appointmentRef: an appointment ticket names its appointment',
      ]);
    }
    try {
      const { ticket, event } = await storage.issueTicket({
        id: ulid(context.now()),
        category: body.category,
        kind: body.kind,
        ...(body.appointmentRef === undefined ? {} : { appointmentRef: body.appointmentRef }),
        at: new Date(context.now()).toISOString(),
      });
      hub.publish(event);
      return reply.code(201).send(ticket);
    } catch (error) {
      if (error instanceof StorageError && error.code === 'unknown-category') {
        throw new HallHttpError('invalid', 'unknownCategory', { category: body.category }, [
          `category: the hall issues no tickets of category ${body.category}`,
        ]);
      }
      if (error instanceof StorageError && error.code === 'queue-full') {
        throw new HallHttpError('conflict', 'queueFull', { category: body.category });
      }
      throw error;
    }
  });

  hallRoute(app, 'callNext', async (request, reply) => {
    const session = sessionOf(request);
    const body = parseOr400(CallNextSchema, request.body);
    const window = (await storage.windows()).find((w) => w.code === body.window);
    if (!window) {
      throw new HallHttpError('invalid', 'unknownWindow', { window: body.window }, [
        `window: the hall has no window ${body.window}`,
      ]);
    }
    if (session.window !== undefined && session.window !== window.code) {
      throw new HallHttpError('forbidden', 'forbiddenWindow', { window: session.window });
    }
    const known = new Set((await storage.categories()).map((c) => c.code));
    const unknown = (body.categories ?? []).filter((code) => !known.has(code));
    if (unknown.length > 0) {
      throw new HallHttpError(
        'invalid',
        'unknownCategory',
        { category: unknown.join(', ') },
        unknown.map((code) => `categories: the hall issues no tickets of category ${code}`),
      );
    }
    const categories = body.categories ?? window.categories;
    const called = await storage.callNext({
      window: window.code,
      categories,
      at: new Date(context.now()).toISOString(),
    });
    if (!called) return reply.code(204).send();
    hub.publish(called.event);
    return called.ticket;
  });

  hallRoute(app, 'queue', async () => ({
    categories: await storage.categories(),
    tickets: await storage.tickets(toChinaDate(new Date(context.now()))),
  }));
}
