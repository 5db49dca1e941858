import type { FastifyInstance } from 'fastify';
import { LicenceLookupSchema, type Licence } from '@yichuang/hall-client/protocol.js';
import { parseOr400 } from '../http/errors.js';
import { hallRoute, type HallContext } from '../http/context.js';

/**
 * `POST /api/v1/licences/lookup` `{ holderId }`: the e-licence issuer simulator. Answers
 * `{ licences: Licence[] }` (empty when the holder has none). A POST so that the identity number never appears
 * in a URL or an access log.
 */
export function licenceRoutes(app: FastifyInstance, context: HallContext): void {
  hallRoute(app, 'licences', async (request): Promise<{ licences: Licence[] }> => {
    const { holderId } = parseOr400(LicenceLookupSchema, request.body);
    return { licences: await context.storage.findLicences(holderId) };
  });
}
