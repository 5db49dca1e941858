import type { FastifyInstance } from 'fastify';
import { toChinaDate } from '@yichuang/core';
import type { HallHealth, HallStatistics } from '@yichuang/hall-client/protocol.js';
import { hallRoute, type HallContext } from '../http/context.js';

/** `GET /api/v1/health` (no session) and `GET /api/v1/stats` (managers: today, China time). */
export function statsRoutes(app: FastifyInstance, context: HallContext): void {
  hallRoute(app, 'health', async (_request, reply): Promise<HallHealth> => {
    const [hall, catalog] = await Promise.all([context.storage.hall(), context.storage.currentCatalogVersion()]);
    reply.header('cache-control', 'no-store');
    return {
      status: 'ok',
      version: context.version,
      hall: hall?.code ?? '',
      catalogVersion: catalog ?? '',
      time: new Date(context.now()).toISOString(),
    };
  });

  hallRoute(app, 'stats', async (): Promise<HallStatistics> =>
    context.storage.statistics(toChinaDate(new Date(context.now()))),
  );
}
