import * as v from 'valibot';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { isUlid } from '@yichuang/core';
import {
  MutationSchema,
  ROLES,
  SyncRequestSchema,
  mutationContent,
  type Mutation,
  type MutationResult,
  type SyncResponse,
} from '@yichuang/hall-client/protocol.js';
import { issueLines, languageOf, parseOr400 } from '../http/errors.js';
import { hallRoute, sessionOf, type HallContext } from '../http/context.js';
import { message, type Language } from '../http/messages.js';
import type { AppliedMutation, ApplyOutcome, SessionRecord } from '../storage/storage.js';

/** Largest `POST /api/v1/sync` body: 500 cases of a generous size. */
export const SYNC_BODY_LIMIT = 16 * 1024 * 1024;

/** How long a batch runs before it lets other requests in. */
const YIELD_EVERY_MS = 10;

/** Issue lines quoted in a rejection's message (all of them are in `issues`). */
const QUOTED_ISSUES = 3;

/**
 * The SHA-256 (hex) of a mutation's content as sent: the canonical JSON (keys sorted, no white space) of
 * `{ kind, payload }`. A retry carries the same content under the same id; an id that comes back with another
 * hash was reused for something else.
 */
export function mutationHash(raw: { kind?: unknown; payload?: unknown }): string {
  return createHash('sha256')
    .update(mutationContent({ kind: raw.kind, payload: raw.payload }), 'utf8')
    .digest('hex');
}

/** Whether a session is held to its own window's cases and ratings: a clerk or a rating pad is, a manager is not. */
function ownWindowOnly(session: SessionRecord): boolean {
  return session.role === 'clerk' || session.role === 'rating-pad';
}

/**
 * Whether this session may apply this mutation, or the rejection saying why not. A rating pad sends only
 * ratings of its own window; a clerk only ratings of their own window (and cases of it: checked by the storage,
 * which knows whether the case is new); anyone only cases of their own hall.
 */
function permission(session: SessionRecord, mutation: Mutation, language: Language): MutationResult | undefined {
  const refuse = (text: string): MutationResult => ({
    id: mutation.id,
    status: 'rejected',
    code: 'forbidden',
    message: text,
  });
  if (session.role === 'rating-pad' && mutation.kind !== 'rating.save') {
    return refuse(message('rejectedKind', language, { role: ROLES[session.role], kind: mutation.kind }));
  }
  if (ownWindowOnly(session)) {
    if (session.window === undefined) return refuse(message('rejectedNoWindow', language));
    if (mutation.kind === 'rating.save' && mutation.payload.window !== session.window) {
      return refuse(message('rejectedOtherWindow', language, { window: session.window }));
    }
  }
  if (mutation.kind === 'case.save' && mutation.payload.hall !== session.hall) {
    return refuse(message('rejectedOtherHall', language, { hall: session.hall }));
  }
  return undefined;
}

/** The answer to an id the hall applied before: `duplicate` for the same content, `conflict` for other content. */
function answerKnown(id: string, before: AppliedMutation, contentHash: string, language: Language): MutationResult {
  if (before.contentHash !== undefined && before.contentHash !== contentHash) {
    return { id, status: 'rejected', code: 'conflict', message: message('rejectedIdReused', language) };
  }
  return {
    id,
    status: 'duplicate',
    appliedAt: before.appliedAt,
    ...(before.eventId === undefined ? {} : { eventId: before.eventId }),
  };
}

/** The protocol's answer for one storage outcome. */
function resultOf(
  id: string,
  outcome: ApplyOutcome,
  mutation: Mutation,
  session: SessionRecord,
  language: Language,
): MutationResult {
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
      const text = ((): string => {
        switch (outcome.reason) {
          case 'missing-attachments':
            return message('rejectedMissing', language, { count: outcome.missing?.length ?? 0 });
          case 'stale-case':
            return message('rejectedStale', language, { storedUpdatedAt: outcome.storedUpdatedAt ?? '' });
          case 'number-taken':
            return message('rejectedNumberTaken', language, {
              number: mutation.kind === 'case.save' ? mutation.payload.number : '',
            });
          case 'rating-exists':
            return message('rejectedRatingExists', language);
          case 'id-reused':
            return message('rejectedIdReused', language);
          case 'other-window':
            return message('rejectedOtherWindowCase', language, { window: session.window ?? '' });
        }
      })();
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
 * with its original result when it comes with the same content (checked first, so a retry is recognised even if
 * the schemas changed since), `rejected`/`conflict` when it comes with other content; an invalid one
 * `rejected`/`invalid`; the others as {@link HallStorage.applyMutation} decides. One bad mutation never stops
 * the others.
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
        const object =
          typeof raw === 'object' && raw !== null
            ? (raw as { id?: unknown; kind?: unknown; payload?: unknown })
            : undefined;
        const id = typeof object?.id === 'string' ? object.id.slice(0, 64) : '';
        // Only a mutation with a ULID can be applied (or have been): only such a one needs its hash.
        const contentHash = object && isUlid(id) ? mutationHash(object) : '';
        if (contentHash) {
          const before = await storage.findMutation(id);
          if (before) {
            results.push(answerKnown(id, before, contentHash, language));
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
        const outcome = await storage.applyMutation(mutation, new Date(context.now()).toISOString(), {
          contentHash,
          ...(ownWindowOnly(session) ? { window: session.window } : {}),
        });
        if (outcome.status === 'applied') hub.notify();
        results.push(resultOf(mutation.id, outcome, mutation, session, language));
      }
      return { results };
    },
    { bodyLimit: SYNC_BODY_LIMIT },
  );
}
