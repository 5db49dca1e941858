/**
 * `POST /api/v1/sync`: mutations applied each at most once, in order, one bad one never stopping the others.
 * Each is measured before anything else, hashed, recognised as a retry by its id, parsed, checked against the
 * session and the hall's data by its kind, sealed — and only then applied in one transaction with its mutation row
 * and its event.
 * @module
 */
import * as v from 'valibot';
import { formatIssues, isUlid } from '@yichuang/core';
import {
  MutationSchema,
  ROLES,
  SyncRequestSchema,
  hallIssue,
  mutationContent,
  type HallEvent,
  type Mutation,
  type MutationKind,
  type MutationResult,
} from '@yichuang/hall-client/protocol.js';
import {
  RETRY,
  isRefusal,
  refuse,
  type KindServices,
  type MutationKindDefinition,
  type Refusal,
} from '../kinds/kind.js';
import { MUTATION_REGISTRY } from '../kinds/registry.js';
import { add, get, type TxBody } from '../storage/port.js';
import { CATALOG_ITEMS, MUTATIONS, type MutationRow } from '../storage/tables.js';
import { say, parse, type Caller, type EngineContext } from './context.js';
import { appendEvent } from './events.js';
import { measure } from './limits.js';
import type { CaseItemFacts } from '@yichuang/core';

/** Issue lines quoted in a rejection's message (all of them are in `issues`). */
const QUOTED_ISSUES = 3;
/** Times a mutation is prepared again when its record moved on while it was being prepared. */
const RETRIES = 3;

/** The answer to an id the hall applied before: `duplicate` for the same content, `conflict` for other content. */
function known(row: MutationRow, contentHash: string, caller: Caller): MutationResult {
  if (row.contentHash !== contentHash) {
    return {
      id: row.id,
      status: 'rejected',
      code: 'conflict',
      reason: 'id-reused',
      message: say(caller.locale, 'rejectedIdReused'),
    };
  }
  const { id, appliedAt, eventId, version } = row.result as Extract<
    MutationResult,
    { status: 'applied' | 'duplicate' }
  >;
  return {
    id,
    status: 'duplicate',
    appliedAt,
    ...(eventId === undefined ? {} : { eventId }),
    ...(version === undefined ? {} : { version }),
  };
}

function rejected(id: string, refusal: Refusal, caller: Caller): MutationResult {
  return {
    id,
    status: 'rejected',
    code: refusal.code,
    reason: refusal.reason,
    message: say(caller.locale, refusal.key, refusal.params),
    ...(refusal.missing ? { missing: [...refusal.missing] } : {}),
  };
}

/** Caches of what does not change once published: item versions. */
export class ItemFactsCache {
  readonly #facts = new Map<string, CaseItemFacts | undefined>();

  async get(context: EngineContext, itemId: string, version: number): Promise<CaseItemFacts | undefined> {
    const key = `${itemId}@${version}`;
    if (this.#facts.has(key)) return this.#facts.get(key);
    const row = await context.read(() => get(CATALOG_ITEMS, key));
    // Only what exists is kept: an item version published later is then found.
    if (row) this.#facts.set(key, row.facts);
    return row?.facts;
  }
}

/**
 * Applies a batch of mutations for `caller`, each on its own, in order.
 *
 * @throws HallError `invalid` (400) when the body is not a batch at all; a bad mutation is a rejected result.
 */
export async function sync(
  context: EngineContext,
  caller: Caller,
  body: unknown,
  items: ItemFactsCache,
  signal?: AbortSignal,
): Promise<{ results: MutationResult[] }> {
  const { mutations } = parse(SyncRequestSchema, body, caller.locale);
  const results: MutationResult[] = [];
  for (const raw of mutations) {
    if (signal?.aborted) break;
    results.push(await applyOne(context, caller, raw, caller.session.hall, items));
  }
  return { results };
}

async function applyOne(
  context: EngineContext,
  caller: Caller,
  raw: unknown,
  hall: string,
  items: ItemFactsCache,
): Promise<MutationResult> {
  const { locale } = caller;
  const object =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw)
      ? (raw as { id?: unknown; kind?: unknown; payload?: unknown; base?: unknown })
      : undefined;
  const id = typeof object?.id === 'string' ? object.id.slice(0, 64) : '';
  const invalid = (
    issues: string[],
    key: 'rejectedInvalid' | 'rejectedTooDeep' | 'rejectedTooBig',
    params: Record<string, string | number>,
  ): MutationResult => ({
    id,
    status: 'rejected',
    code: 'invalid',
    reason: key === 'rejectedInvalid' ? 'invalid' : 'too-large',
    message: say(locale, key, params),
    issues,
  });

  // Measured before anything else: a mutation nested thousands of levels deep, or of millions of values, is refused
  // here, before it is hashed or parsed.
  const size = measure(raw, context.limits);
  if (size) {
    if (size.kind === 'depth') {
      return invalid([hallIssue('tooDeep', locale, { limit: size.limit })], 'rejectedTooDeep', { limit: size.limit });
    }
    const issue = hallIssue(
      size.kind === 'values' ? 'tooManyValues' : size.kind === 'string' ? 'stringTooLong' : 'tooManyChars',
      locale,
      { limit: size.limit },
    );
    return invalid([issue], 'rejectedTooBig', { issue });
  }

  // Only a mutation with a ULID can have been applied: only such a one needs its hash. A retry is recognised by its
  // id first, even if the schemas changed since it was applied.
  let contentHash = '';
  if (object && isUlid(id)) {
    contentHash = await context.sha256(
      mutationContent({ kind: object.kind, payload: object.payload, base: object.base }),
    );
    const before = await context.read(() => get(MUTATIONS, id));
    if (before) return known(before, contentHash, caller);
  }
  const parsed = v.safeParse(MutationSchema, raw, { lang: locale });
  if (!parsed.success) {
    const issues = formatIssues(parsed.issues);
    return invalid(issues, 'rejectedInvalid', { issues: issues.slice(0, QUOTED_ISSUES).join('; ') });
  }
  const mutation = parsed.output as Mutation;
  const definition = MUTATION_REGISTRY[mutation.kind] as MutationKindDefinition<MutationKind>;
  if (!definition.roles.includes(caller.session.role)) {
    return rejected(
      id,
      refuse('forbidden', 'role', 'rejectedKind', { role: ROLES[caller.session.role], kind: mutation.kind }),
      caller,
    );
  }
  if (caller.session.role !== 'manager' && caller.session.window === undefined) {
    return rejected(id, refuse('forbidden', 'no-window', 'rejectedNoWindow'), caller);
  }

  for (let attempt = 0; ; attempt++) {
    const nowMs = context.now();
    const at = new Date(nowMs).toISOString();
    const services: KindServices = {
      hall,
      at,
      nowMs,
      clock: (field, value) =>
        Date.parse(value) > nowMs + context.limits.clockSkewMs
          ? refuse('invalid', 'clock', 'rejectedClock', { field, value })
          : undefined,
      read: (work) => context.read(work),
      itemFacts: (itemId, version) => items.get(context, itemId, version),
    };
    const prepared = await definition.prepare(mutation as never, caller, services);
    if (isRefusal(prepared)) return rejected(mutation.id, prepared, caller);
    const outcome = await context.write(function* (): TxBody<MutationResult | typeof RETRY | Refusal> {
      const before = yield* get(MUTATIONS, mutation.id);
      if (before) return known(before, contentHash, caller);
      const change = yield* prepared.apply();
      if (change === RETRY || isRefusal(change)) return change;
      const event: HallEvent = yield* appendEvent({ ...change.event, at } as Omit<HallEvent, 'id'>);
      for (const also of change.also ?? []) yield* appendEvent({ ...also, at } as Omit<HallEvent, 'id'>);
      const result: MutationResult = {
        id: mutation.id,
        status: 'applied',
        appliedAt: at,
        eventId: event.id,
        ...(change.version === undefined ? {} : { version: change.version }),
      };
      yield* add(MUTATIONS, { id: mutation.id, kind: mutation.kind, appliedAt: at, contentHash, result });
      return result;
    });
    if (outcome === RETRY) {
      if (attempt < RETRIES) continue;
      return rejected(mutation.id, refuse('conflict', 'stale', 'rejectedStale', { version: '?' }), caller);
    }
    if (isRefusal(outcome)) return rejected(mutation.id, outcome, caller);
    return outcome;
  }
}
