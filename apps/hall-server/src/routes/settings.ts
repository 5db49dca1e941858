import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http/errors.js';
import { callerOf, hallRoute, type HallContext } from '../http/context.js';

/** The hall's settings (managers), and its recovery key (people read it, managers set it). */
export function settingsRoutes(app: FastifyInstance, { engine }: HallContext): void {
  hallRoute(app, 'settings', async () => engine.settings());
  hallRoute(app, 'saveWindows', async (request) => engine.saveWindows(callerOf(request), request.body));
  hallRoute(app, 'saveCategories', async (request) => engine.saveCategories(callerOf(request), request.body));
  hallRoute(app, 'saveAccount', async (request) =>
    engine.saveAccount(callerOf(request), (request.params as { user?: string }).user, request.body),
  );
  hallRoute(app, 'disableAccount', async (request) =>
    engine.disableAccount(callerOf(request), (request.params as { user?: string }).user),
  );
  hallRoute(app, 'enrolDevice', async (request, reply) =>
    reply.code(201).send(await engine.enrolDevice(callerOf(request), request.body)),
  );
  hallRoute(app, 'revokeDevice', async (request) =>
    engine.revokeDevice(callerOf(request), (request.params as { id?: string }).id),
  );
  hallRoute(app, 'settingsAudit', async () => ({ entries: await engine.settingsAudit() }));
  hallRoute(app, 'recoveryKey', async () => {
    const key = await engine.recoveryKey();
    if (!key) throw new HttpError('not-found', 'recoveryKeyMissing');
    return key;
  });
  hallRoute(app, 'setRecoveryKey', async (request) => engine.setRecoveryKey(callerOf(request), request.body));
}
