/**
 * The hall's bounds on what it accepts and keeps. Every input is measured against them before anything else is
 * done with it (hashed, parsed, stored): no input makes the hall work without end or answer 5xx.
 * @module
 */

/** How much the hall accepts and keeps. Every value has a default ({@link DEFAULT_LIMITS}). */
export interface HallLimits {
  /** Deepest nesting of one mutation (objects and arrays). */
  maxDepth: number;
  /** Most values (objects, arrays, strings, numbers …) in one mutation. */
  maxValues: number;
  /** Longest string in one mutation, in UTF-16 code units. */
  maxStringLength: number;
  /** Most characters of one mutation in all (keys and strings). */
  maxMutationChars: number;
  /** How far a time a client states may be ahead of the hall's clock. */
  clockSkewMs: number;
  /** How long a session lasts. */
  sessionMs: number;
  /** Event streams one session may hold open at once (a workstation has a few tabs). */
  streamsPerSession: number;
  /** Event streams open at once on the whole hall. */
  streamsTotal: number;
  /** Largest attachment. */
  maxAttachmentBytes: number;
  /** All attachments together. */
  attachmentQuotaBytes: number;
  /** An uploaded file no case cites is removed after this long. */
  orphanGraceMs: number;
  /** Failed logins of one user name tolerated within {@link failureWindowMs}. */
  loginFailuresPerUser: number;
  /** Failed logins from one address tolerated within {@link failureWindowMs}. */
  loginFailuresPerAddress: number;
  /** Failed case claims of one clerk tolerated within {@link failureWindowMs}. */
  claimFailuresPerClerk: number;
  /** The window over which failures are counted. */
  failureWindowMs: number;
  /** How long a claimed case stays granted to the clerk. */
  grantMs: number;
}

export const DEFAULT_LIMITS: Readonly<HallLimits> = {
  maxDepth: 16,
  maxValues: 50_000,
  maxStringLength: 64 * 1024,
  maxMutationChars: 1024 * 1024,
  clockSkewMs: 5 * 60_000,
  sessionMs: 12 * 3600_000,
  streamsPerSession: 4,
  streamsTotal: 1000,
  maxAttachmentBytes: 20 * 1024 * 1024,
  attachmentQuotaBytes: 10 * 1024 ** 3,
  orphanGraceMs: 24 * 3600_000,
  loginFailuresPerUser: 5,
  loginFailuresPerAddress: 20,
  claimFailuresPerClerk: 10,
  failureWindowMs: 15 * 60_000,
  grantMs: 12 * 3600_000,
};

/** What is wrong with the size of a value, if anything. */
export type SizeProblem =
  | { kind: 'depth'; limit: number }
  | { kind: 'values'; limit: number }
  | { kind: 'string'; limit: number }
  | { kind: 'chars'; limit: number };

/**
 * Measures a parsed JSON value without recursion (a value nested 100,000 levels deep is measured in constant stack)
 * and stops at the first bound it passes.
 */
export function measure(
  value: unknown,
  limits: Pick<HallLimits, 'maxDepth' | 'maxValues' | 'maxStringLength' | 'maxMutationChars'>,
): SizeProblem | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  let values = 0;
  let chars = 0;
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (++values > limits.maxValues) return { kind: 'values', limit: limits.maxValues };
    if (typeof item === 'string') {
      if (item.length > limits.maxStringLength) return { kind: 'string', limit: limits.maxStringLength };
      chars += item.length;
    } else if (item !== null && typeof item === 'object') {
      if (depth >= limits.maxDepth) return { kind: 'depth', limit: limits.maxDepth };
      if (Array.isArray(item)) {
        for (const child of item) stack.push([child, depth + 1]);
      } else {
        for (const [key, child] of Object.entries(item as Record<string, unknown>)) {
          chars += key.length;
          stack.push([child, depth + 1]);
        }
      }
    }
    if (chars > limits.maxMutationChars) return { kind: 'chars', limit: limits.maxMutationChars };
  }
  return undefined;
}
