/**
 * The body of every error answer (4xx, 5xx): a stable `error` code, a message a clerk can read (in the
 * request's language, `Accept-Language` zh-CN by default), and for invalid input the problem of each field.
 */
export interface ErrorBody {
  error: ErrorCode;
  message: string;
  /** For `invalid`: one line per problem, each starting with the field's name. */
  issues?: string[];
}

/** Error codes the hall answers with, and the HTTP status each comes with. */
export const ERROR_STATUS = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'unsupported-media-type': 415,
  'hash-mismatch': 422,
  'rate-limited': 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * A failed call to the hall. `transient` says whether trying again later can succeed (network down, server
 * restarting, 5xx, 429); a sync engine retries those and parks the others.
 */
export class HallError extends Error {
  override readonly name = 'HallError';
  constructor(
    message: string,
    /** The error code, or `network` when no answer arrived. */
    readonly code: ErrorCode | 'network' | 'aborted',
    /** HTTP status; 0 when no answer arrived. */
    readonly status: number,
    readonly issues: readonly string[] = [],
  ) {
    super(message);
  }

  /** Whether trying again later may succeed. */
  get transient(): boolean {
    return this.code === 'network' || this.status >= 500 || this.status === 429 || this.status === 408;
  }
}
