import * as v from 'valibot';
import type { FastifyInstance } from 'fastify';
import { isUlid } from '@yichuang/core';
import {
  MutationSchema,
  ROLES,
  SyncRequestSchema,
  type Mutation,
  type MutationResult,
  type SyncResponse,
} from '@yichuang/hall-client/protocol.js';
import { issueLines, languageOf, parseOr400 } from '../http/errors.js';
import { hallRoute, sessionOf, type HallContext } from '../http/context.js';
import { message, type Language } from '../http/messages.js';
import type { ApplyOutcome, SessionRecord } from '../storage/storage.js';

/** Largest `POST /api/v1/sync` body: 500 cases of a generous size. */
export const SYNC_BODY_LIMIT = 16 * 1024 * 1024;

/** How long a batch runs before it lets other requests in. */
const YIELD_EVERY_MS = 10;

/** Issue lines quoted in a rejection's message (all of them are in `issues`). */
const QUOTED_ISSUES = 3;

/**
 * Whether this session may apply this mutation, or the rejection saying why not. A rating pad sends only
 * ratings of its own window; anyone else only cases of their own hall.
 */
function permission(session: SessionRecord, mutation: Mutation, language: Language): MutationResult | undefined {
  const refuse = (text: string): MutationResult => ({
    id: mutation.id,
    status: 'rejected',
    code: 'forbidden',
    message: text,
  });
  if (session.role === 'rating-pad') {
    if (mutation.kind !== 'rating.save') {
      return refuse(message('rejectedKind', language, { role: ROLES[session.role], kind: mutation.kind }));
    }
    if (mutation.payload.window !== session.window) {
      return refuse(message('rejectedOtherWindow', language, { window: session.window ?? '' }));
    }
  }
  if (mutation.kind === 'case.save' && mutation.payload.hall !== session.hall) {
    return refuse(message('rejectedOtherHall', language, { hall: session.hall }));
  }
  return undefined;
}

/** The protocol's answer for one storage outcome. */
function resultOf(id: string, outcome: ApplyOutcome, mutation: Mutation, language: Language): MutationResult {
  switch (outcome.status) {
    case 'applied':
      return { id, status: 'applied', appliedAt: outcome.appliedAt, eventId: outcome.event.id };
    case 'duplicate':
      return {
        id,
        status: 'duplicate',
        appliedAt: outcome.appliedAt,
        ...(outcome.eventId === undefined ? {} : { eventId: outcome.eventId }),
      };
    case 'rejected': {
      const text =
        outcome.reason === 'missing-attachments'
          ? message('rejectedMissing', language, { count: outcome.missing?.length ?? 0 })
          : outcome.reason === 'stale-case'
            ? message('rejectedStale', language, { storedUpdatedAt: outcome.storedUpdatedAt ?? '' })
            : outcome.reason === 'number-taken'
              ? message('rejectedNumberTaken', language, {
                  number: mutation.kind === 'case.save' ? mutation.payload.number : '',
                })
              : message('rejectedRatingExists', language);
      return {
        id,
        status: 'rejected',
        code: outcome.code,
        message: text,
        ...(outcome.missing ? { missing: outcome.missing } : {}),
      };
    }
  }
}

/**
 * `POST /api/v1/sync`: each mutation on its own, in order. An id the hall applied before answers `duplicate`
 * with its original result (checked first, so a retry is recognised even if the schemas changed since); an
 * invalid one `rejected`/`invalid`; the others as {@link HallStorage.applyMutation} decides. One bad mutation
 * never stops the others.
 */
export function syncRoutes(app: FastifyInstance, context: HallContext): void {
  const { storage, hub } = context;
  hallRoute(
    app,
    'sync',
    async (request): Promise<SyncResponse> => {
      const session = sessionOf(request);
      const language = languageOf(request);
      const { mutations } = parseOr400(SyncRequestSchema, request.body);
      const results: MutationResult[] = [];
      let yielded = performance.now();
      for (const raw of mutations) {
        // A long batch lets other requests (a window calling its next ticket) in between, every few milliseconds.
        if (performance.now() - yielded > YIELD_EVERY_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          yielded = performance.now();
        }
        const rawId = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
        const id = typeof rawId === 'string' ? rawId.slice(0, 64) : '';
        if (isUlid(id)) {
          const before = await storage.findMutation(id);
          if (before) {
            results.push({
              id,
              status: 'duplicate',
              appliedAt: before.appliedAt,
              ...(before.eventId === undefined ? {} : { eventId: before.eventId }),
            });
            continue;
          }
        }
        const parsed = v.safeParse(MutationSchema, raw);
        if (!parsed.success) {
          const issues = issueLines(parsed.issues);
          results.push({
            id,
            status: 'rejected',
            code: 'invalid',
            message: message('rejectedInvalid', language, { issues: issues.slice(0, QUOTED_ISSUES).join('; ') }),
            issues,
          });
          continue;
        }
        const mutation = parsed.output as Mutation;
        const refused = permission(session, mutation, language);
        if (refused) {
          results.push(refused);
          continue;
        }
        const outcome = await storage.applyMutation(mutation, new Date(context.now()).toISOString());
        if (outcome.status === 'applied') hub.notify();
        results.push(resultOf(mutation.id, outcome, mutation, language));
      }
      return { results };
    },
    { bodyLimit: SYNC_BODY_LIMIT },
  );
}
