/** Exponential backoff settings: the wait before retry `n` is uniform in `[0, min(capMs, baseMs · 2ⁿ))`. */
export interface BackoffOptions {
  /** First ceiling, in milliseconds; 500 by default. */
  baseMs?: number;
  /** Largest ceiling, in milliseconds; 30,000 by default. */
  capMs?: number;
}

/** Backoff the sync engine uses unless told otherwise: 500 ms, doubling, capped at 30 s. */
export const DEFAULT_BACKOFF = { baseMs: 500, capMs: 30_000 } as const;

/**
 * "Full jitter" backoff (AWS Architecture Blog, 2015): a random wait between 0 and the exponential ceiling, so
 * windows that lost the hall together do not all come back at the same instant.
 *
 * @param attempt 0 for the first retry.
 * @param random a number in [0, 1); `Math.random` by default.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const base = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const cap = options.capMs ?? DEFAULT_BACKOFF.capMs;
  const ceiling = Math.min(cap, base * 2 ** Math.min(Math.max(0, attempt), 30));
  return Math.floor(random() * ceiling);
}
