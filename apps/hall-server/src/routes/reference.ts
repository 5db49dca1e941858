import type { FastifyInstance } from 'fastify';
import type { HallHealth, HallStatistics, Licence } from '@yichuang/hall-client/protocol.js';
import { callerOf, hallRoute, type HallContext } from '../http/context.js';

/**
 * `GET /health` (no session), `GET /stats` (managers, today in China time), `POST /licences/lookup` (a POST so that
 * the identity number never appears in a URL or an access log).
 */
export function referenceRoutes(app: FastifyInstance, { engine }: HallContext): void {
  hallRoute(app, 'health', async (_request, reply): Promise<HallHealth> => {
    reply.header('cache-control', 'no-store');
    return engine.health();
  });
  hallRoute(app, 'stats', async (): Promise<HallStatistics> => engine.statistics());
  hallRoute(app, 'licences', async (request): Promise<{ licences: Licence[] }> => ({
    licences: await engine.lookupLicences(callerOf(request), request.body),
  }));
}
