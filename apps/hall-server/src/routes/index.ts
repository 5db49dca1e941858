import type { FastifyInstance } from 'fastify';
import type { HallContext } from '../http/context.js';
import { appointmentRoutes } from './appointments.js';
import { attachmentRoutes } from './attachments.js';
import { caseRoutes } from './cases.js';
import { catalogRoutes } from './catalog.js';
import { eventRoutes } from './events.js';
import { exchangeRoutes } from './exchange.js';
import { followUpRoutes } from './followups.js';
import { queueRoutes } from './queue.js';
import { referenceRoutes } from './reference.js';
import { sessionRoutes } from './session.js';
import { settingsRoutes } from './settings.js';
import { syncRoutes } from './sync.js';

/**
 * The hall protocol, as Fastify plugins registered under the API prefix: each route a thin call into the engine.
 * No route holds a rule of the hall; the role guard (installed before) has authenticated the caller.
 */
export function hallApi(context: HallContext) {
  return async (api: FastifyInstance): Promise<void> => {
    for (const routes of [
      referenceRoutes,
      sessionRoutes,
      catalogRoutes,
      syncRoutes,
      attachmentRoutes,
      caseRoutes,
      queueRoutes,
      appointmentRoutes,
      settingsRoutes,
      followUpRoutes,
      exchangeRoutes,
      eventRoutes,
    ]) {
      await api.register(async (plugin) => routes(plugin, context));
    }
  };
}
