import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { Caller, HallEngine } from '@yichuang/hall';
import { API_PREFIX, ROUTES, type RouteName } from '@yichuang/hall-client/protocol.js';
import type { AttachmentFiles } from '../attachments/files.js';
import type { EventHub } from '../events/hub.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The protocol route this Fastify route implements (its roles come from `ROUTES`). */
    route?: RouteName;
  }
  interface FastifyRequest {
    /** The caller, set by the guard on every route that is not public. */
    caller: Caller | undefined;
  }
}

/** What the route plugins share: the engine, and the transport's own parts. */
export interface HallContext {
  engine: HallEngine;
  hub: EventHub;
  files: AttachmentFiles;
  version: string;
  /** Where the repository's files are (static pages, embed demo, protocol reference). */
  repoRoot: string;
  /** Whether the hall runs with the demo seed (the landing page then lists the demo accounts). */
  demo: boolean;
  /** What sends the exchange outbox to other halls (absent when the server does not listen). */
  exchange?: { kick(): void; refreshCatalog(hall: string): Promise<void> };
}

/** The caller of a request on a route that is not public (the guard has set it). */
export function callerOf(request: FastifyRequest): Caller {
  const caller = request.caller;
  if (!caller) throw new Error('internal: a protected route ran without a caller');
  return caller;
}

/**
 * Registers, inside a plugin registered under the API prefix, the Fastify route that implements protocol route
 * `name`: method and path come from `ROUTES`, so the roles the guard enforces and the route that runs never drift.
 * A handler that resolves nothing without having answered answers 204 No Content.
 */
export function hallRoute(
  app: FastifyInstance,
  name: RouteName,
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  options: Pick<RouteShorthandOptions, 'bodyLimit'> = {},
): void {
  const { method, path } = ROUTES[name];
  app.route({
    method,
    url: path.slice(API_PREFIX.length),
    config: { route: name },
    async handler(request, reply) {
      const answer = await handler(request, reply);
      return answer === undefined && !reply.sent ? reply.code(204).send() : answer;
    },
    ...options,
  });
}
