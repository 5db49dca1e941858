import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http/errors.js';
import { callerOf, hallRoute, type HallContext } from '../http/context.js';

/**
 * `GET /cases/{id}?purpose=`: a case the caller may read, its read logged (404 for a case the hall does not hold or
 * the caller may not read); `GET /cases/{id}/reads`: who read it (managers); `POST /cases/claim`: a case granted on
 * the applicant's word; `GET /commitments?status=&window=`: the open tolerance commitments the caller may see.
 */
export function caseRoutes(app: FastifyInstance, { engine }: HallContext): void {
  hallRoute(app, 'getCase', async (request) => {
    const { id } = request.params as { id?: string };
    const { purpose } = request.query as { purpose?: string };
    const found = await engine.getCase(callerOf(request), id, purpose);
    if (!found) throw new HttpError('not-found', 'caseNotFound');
    return found;
  });
  hallRoute(app, 'caseReads', async (request) => ({
    reads: await engine.caseReads(callerOf(request), (request.params as { id?: string }).id),
  }));
  hallRoute(app, 'claimCase', async (request) => engine.claimCase(callerOf(request), request.body));
  hallRoute(app, 'recordResult', async (request) =>
    engine.recordResult(callerOf(request), (request.params as { id?: string }).id, request.body),
  );
  hallRoute(app, 'readyResults', async (request) => engine.readyResults(callerOf(request), request.query));
  hallRoute(app, 'commitments', async (request) => engine.commitments(callerOf(request), request.query));
}
