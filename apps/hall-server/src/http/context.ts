import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { ROUTES, type RouteName } from '@yichuang/hall-client/protocol.js';
import type { EventHub } from '../events/hub.js';
import type { AttachmentFiles } from '../attachments/files.js';
import type { HallStorage, SessionRecord } from '../storage/storage.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The protocol route this Fastify route implements (its roles come from `ROUTES`). */
    route?: RouteName;
  }
  interface FastifyRequest {
    /** The caller's session, set by the role guard on every route that is not public. */
    hallSession: SessionRecord | undefined;
  }
}

/** What the route modules share. */
export interface HallContext {
  storage: HallStorage;
  hub: EventHub;
  files: AttachmentFiles;
  /** The current time, epoch milliseconds. */
  now: () => number;
  version: string;
  sessionHours: number;
  maxAttachmentBytes: number;
  passwordCost: number;
  /** Where the repository's files are (static pages, embed demo, protocol reference). */
  repoRoot: string;
  /** Whether the hall runs with the demo seed (the landing page then lists the demo accounts). */
  demo: boolean;
}

/** The session of a request on a route that is not public (the role guard has set it). */
export function sessionOf(request: FastifyRequest): SessionRecord {
  const session = request.hallSession;
  if (!session) throw new Error('internal: a protected route ran without a session');
  return session;
}

/**
 * Registers the Fastify route that implements protocol route `name`: method and path come from `ROUTES`, so
 * the roles the guard enforces and the route that runs can never drift apart.
 */
export function hallRoute(
  app: FastifyInstance,
  name: RouteName,
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  options: Pick<RouteShorthandOptions, 'bodyLimit'> = {},
): void {
  const { method, path } = ROUTES[name];
  app.route({ method, url: path, config: { route: name }, handler, ...options });
}
