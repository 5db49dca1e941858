import * as v from 'valibot';
import { CaseSchema, RatingSchema, objectMessage, ulidSchema } from '@yichuang/core';

/**
 * Kinds of mutation a window queues in its outbox and the hall applies at most once. Each names the schema its
 * payload must pass, on the window before it is queued and on the server before it is applied.
 */
export const MUTATION_PAYLOADS = {
  /** A case as the window took it in or changed it (the window is the authority for what it took in). */
  'case.save': CaseSchema,
  /** A rating given at the window's rating pad. */
  'rating.save': RatingSchema,
} as const;
/** Key of {@link MUTATION_PAYLOADS}. */
export type MutationKind = keyof typeof MUTATION_PAYLOADS;
export const MUTATION_KINDS = Object.keys(MUTATION_PAYLOADS) as [MutationKind, ...MutationKind[]];

/** The payload type of each mutation kind. */
export type MutationPayload<K extends MutationKind> = v.InferOutput<(typeof MUTATION_PAYLOADS)[K]>;

/** One mutation, discriminated by `kind`. */
export type Mutation = {
  [K in MutationKind]: { id: string; kind: K; payload: MutationPayload<K> };
}[MutationKind];

const mutationOf = <K extends MutationKind>(kind: K) =>
  v.object(
    { id: ulidSchema('id'), kind: v.literal(kind), payload: MUTATION_PAYLOADS[kind] },
    objectMessage('mutation'),
  );

/**
 * Schema of one mutation: a client-generated ULID `id`, a `kind` and the kind's payload. The `id` is what makes
 * a retry safe: the hall applies each id at most once.
 */
export const MutationSchema = v.variant(
  'kind',
  MUTATION_KINDS.map((kind) => mutationOf(kind)) as unknown as [
    ReturnType<typeof mutationOf<'case.save'>>,
    ReturnType<typeof mutationOf<'rating.save'>>,
  ],
  `kind: one of ${MUTATION_KINDS.join(', ')}`,
);

/** The most mutations one `POST /api/v1/sync` may carry. */
export const MAX_SYNC_BATCH = 500;

/** The body of `POST /api/v1/sync`. */
export const SyncRequestSchema = v.object(
  {
    mutations: v.pipe(
      v.array(v.unknown(), 'mutations: a list is required'),
      v.minLength(1, 'mutations: at least one'),
      v.maxLength(MAX_SYNC_BATCH, `mutations: at most ${MAX_SYNC_BATCH} in one request`),
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

/** The hall's answer for one mutation, in the order they were sent. */
export type MutationResult =
  | { id: string; status: 'applied'; appliedAt: string; eventId?: number }
  | { id: string; status: 'duplicate'; appliedAt: string; eventId?: number }
  | {
      id: string;
      status: 'rejected';
      code: RejectionCode;
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
