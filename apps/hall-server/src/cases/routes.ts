import type { FastifyInstance } from 'fastify';
import { UlidSchema } from '@yichuang/core';
import { HallHttpError, parseOr400 } from '../http/errors.js';
import { hallRoute, type HallContext } from '../http/context.js';

/** `GET /api/v1/cases/{id}`: a case as the hall holds it (400 for a malformed id, 404 if unknown). */
export function caseRoutes(app: FastifyInstance, context: HallContext): void {
  hallRoute(app, 'getCase', async (request) => {
    const id = parseOr400(UlidSchema, (request.params as { id?: string }).id);
    const found = await context.storage.getCase(id);
    if (!found) throw new HallHttpError('not-found', 'caseNotFound');
    return found;
  });
}
