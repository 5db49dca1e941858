import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http/errors.js';
import { callerOf, hallRoute, type HallContext } from '../http/context.js';

/** The hall's settings (managers), and its recovery key (people read it, managers set it). */
export function settingsRoutes(app: FastifyInstance, { engine }: HallContext): void {
  const done = (reply: { code(status: number): { send(): unknown } }) => reply.code(204).send();
  hallRoute(app, 'settings', async () => engine.settings());
  hallRoute(app, 'saveWindows', async (request, reply) => {
    await engine.saveWindows(callerOf(request), request.body);
    return done(reply);
  });
  hallRoute(app, 'saveCategories', async (request, reply) => {
    await engine.saveCategories(callerOf(request), request.body);
    return done(reply);
  });
  hallRoute(app, 'saveAccount', async (request, reply) => {
    await engine.saveAccount(callerOf(request), (request.params as { user?: string }).user, request.body);
    return done(reply);
  });
  hallRoute(app, 'disableAccount', async (request, reply) => {
    await engine.disableAccount(callerOf(request), (request.params as { user?: string }).user);
    return done(reply);
  });
  hallRoute(app, 'enrolDevice', async (request, reply) =>
    reply.code(201).send(await engine.enrolDevice(callerOf(request), request.body)),
  );
  hallRoute(app, 'revokeDevice', async (request, reply) => {
    await engine.revokeDevice(callerOf(request), (request.params as { id?: string }).id);
    return done(reply);
  });
  hallRoute(app, 'settingsAudit', async () => ({ entries: await engine.settingsAudit() }));
  hallRoute(app, 'recoveryKey', async () => {
    const key = await engine.recoveryKey();
    if (!key) throw new HttpError('not-found', 'recoveryKeyMissing');
    return key;
  });
  hallRoute(app, 'setRecoveryKey', async (request, reply) => {
    await engine.setRecoveryKey(callerOf(request), request.body);
    return done(reply);
  });
}
