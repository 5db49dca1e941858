import * as v from 'valibot';
import {
  AssistVisitSchema,
  CaseSchema,
  RatingSchema,
  RemotePackageSchema,
  bilingual,
  objectMessage,
  ulidSchema,
} from '@yichuang/core';

/**
 * Kinds of mutation a window queues in its outbox and the hall applies at most once: the schema its payload must
 * pass (on the window before it is queued, and on the hall before it is applied), and whether its record is
 * versioned by the hall (a save then names the version it was based on, see {@link MutationBase}).
 *
 * A kind's behaviour lives in the hall engine (`packages/hall/src/kinds/`), its local records in the workstation
 * store (`packages/store/src/kinds/`); both registries are typed by {@link MutationKind}, so a kind added here and
 * missing there does not compile.
 */
export const MUTATION_KINDS_SPEC = {
  /** A case as the window took it in or changed it (the window is the authority for what it took in). */
  'case.save': { payload: CaseSchema, versioned: true },
  /** A rating given at the window's rating pad. */
  'rating.save': { payload: RatingSchema, versioned: false },
  /** A visit at the helper desk (帮办代办): who is served, the proxy and letter, the help given, the cases taken in. */
  'assist.save': { payload: AssistVisitSchema, versioned: true },
  /** A case collected here for another region's hall (跨省通办): its forwarding package, recorded once. */
  'remote.save': { payload: RemotePackageSchema, versioned: false },
} as const;

/** Key of {@link MUTATION_KINDS_SPEC}. */
export type MutationKind = keyof typeof MUTATION_KINDS_SPEC;
export const MUTATION_KINDS = Object.keys(MUTATION_KINDS_SPEC) as [MutationKind, ...MutationKind[]];

/** The payload schema of each kind, from {@link MUTATION_KINDS_SPEC}. */
export const MUTATION_PAYLOADS = Object.fromEntries(
  MUTATION_KINDS.map((kind) => [kind, MUTATION_KINDS_SPEC[kind].payload]),
) as { readonly [K in MutationKind]: (typeof MUTATION_KINDS_SPEC)[K]['payload'] };

/** The payload type of each mutation kind. */
export type MutationPayload<K extends MutationKind> = v.InferOutput<(typeof MUTATION_KINDS_SPEC)[K]['payload']>;

/**
 * What a save of a versioned record was based on: the version the window last heard from the hall
 * (`{ version }`), or the window's own previous save of the record still on its way (`{ mutation }`: the id of that
 * mutation), so that a chain of saves made offline applies in order. A new record has no base. The hall applies a
 * save only if the record's current version is the one named (or was made by the mutation named); otherwise it
 * refuses it as `conflict` with reason `stale`, and nothing changes.
 */
export type MutationBase = { version: number } | { mutation: string };

/** Schema of {@link MutationBase}. */
export const MutationBaseSchema = v.union(
  [
    v.object(
      {
        version: v.pipe(
          v.number(bilingual('version: a number', 'version: 版本号应为数字')),
          v.integer(bilingual('version: a whole number', 'version: 版本号应为整数')),
          v.minValue(1, bilingual('version: 1 or more', 'version: 版本号不能小于 1')),
        ),
      },
      objectMessage('base'),
    ),
    v.object({ mutation: ulidSchema('mutation') }, objectMessage('base')),
  ],
  bilingual(
    'base: { "version": n } or { "mutation": "<id>" }',
    'base: 应为 { "version": n } 或 { "mutation": "<id>" }，即所依据的版本号或变更编号',
  ),
);

/** One mutation, discriminated by `kind`. */
export type Mutation = {
  [K in MutationKind]: { id: string; kind: K; payload: MutationPayload<K>; base?: MutationBase };
}[MutationKind];

const mutationOf = <K extends MutationKind>(kind: K) =>
  v.object(
    {
      id: ulidSchema('id'),
      kind: v.literal(kind),
      payload: MUTATION_KINDS_SPEC[kind].payload,
      base: v.optional(MutationBaseSchema),
    },
    objectMessage('mutation'),
  );

/**
 * Schema of one mutation: a client-generated ULID `id`, a `kind`, the kind's payload and, for a versioned record,
 * its `base`. The `id` is what makes a retry safe: the hall applies each id at most once.
 */
export const MutationSchema = v.variant(
  'kind',
  MUTATION_KINDS.map((kind) => mutationOf(kind)) as unknown as [
    ReturnType<typeof mutationOf<'case.save'>>,
    ReturnType<typeof mutationOf<'rating.save'>>,
    ReturnType<typeof mutationOf<'assist.save'>>,
    ReturnType<typeof mutationOf<'remote.save'>>,
  ],
  bilingual(
    `kind: one of ${MUTATION_KINDS.join(', ')}`,
    `kind: 应为以下之一：${MUTATION_KINDS.map((kind) => `“${kind}”`).join('、')}`,
  ),
);

/** The most mutations one `POST /api/v1/sync` may carry. */
export const MAX_SYNC_BATCH = 500;

/** The body of `POST /api/v1/sync`. */
export const SyncRequestSchema = v.object(
  {
    mutations: v.pipe(
      v.array(v.unknown(), bilingual('mutations: a list is required', 'mutations: 应填写变更列表')),
      v.minLength(1, bilingual('mutations: at least one', 'mutations: 至少应有一项变更')),
      v.maxLength(
        MAX_SYNC_BATCH,
        bilingual(
          `mutations: at most ${MAX_SYNC_BATCH} in one request`,
          `mutations: 一次请求最多 ${MAX_SYNC_BATCH} 项变更`,
        ),
      ),
    ),
  },
  objectMessage('sync request'),
);

/**
 * Why the hall refused a mutation. `missing-attachments` is the one a client may retry (after uploading the
 * attachments); every other code parks the mutation until a clerk looks at it.
 */
export const REJECTION_CODES = {
  invalid: { zh: '数据不符合要求', en: 'The data is not valid' },
  'missing-attachments': { zh: '附件尚未上传', en: 'Attachments not uploaded yet' },
  conflict: { zh: '与大厅现有数据冲突', en: 'Conflicts with what the hall holds' },
  forbidden: { zh: '无权进行此操作', en: 'Not allowed for this account' },
} as const;
export type RejectionCode = keyof typeof REJECTION_CODES;

/**
 * The precise reason of a refusal, for programs (the `message` is for the clerk): `stale` (the record changed since
 * the version the save was based on), `number-taken`, `id-reused`, `other-window`, `unknown-item`, `unknown-material`, `unknown-licence`,
 * `status`, `actor`, `clock`, `too-large`, …
 */
export type RejectionReason = string;

/** The hall's answer for one mutation, in the order they were sent. */
export type MutationResult =
  | {
      id: string;
      status: 'applied' | 'duplicate';
      appliedAt: string;
      eventId?: number;
      /** For a versioned record: the version this mutation made. */
      version?: number;
    }
  | {
      id: string;
      status: 'rejected';
      code: RejectionCode;
      reason?: RejectionReason;
      message: string;
      /** For `missing-attachments`: the SHA-256 hashes the hall does not hold. */
      missing?: string[];
      /** For `invalid`: one line per problem, each starting with the field's path. */
      issues?: string[];
    };

/** The answer of `POST /api/v1/sync`: one result per mutation, same order. */
export interface SyncResponse {
  results: MutationResult[];
}
