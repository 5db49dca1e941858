/** How many failed logins the hall tolerates, and over how long. */
export const LOGIN_LIMITS = {
  /** Failed logins for one user name within {@link LOGIN_LIMITS.windowMs} before it is refused for a while. */
  perUser: 5,
  /** Failed logins (passwords and device tokens) from one address within the window. */
  perAddress: 20,
  /** The window: 15 minutes. */
  windowMs: 15 * 60_000,
} as const;

/** Keys (user names, addresses) remembered at most: beyond, the least recently failing are forgotten first. */
const MAX_KEYS = 50_000;

/**
 * Failed attempts counted per key over a sliding window, in memory: once `limit` attempts of a key failed within
 * `windowMs`, {@link LoginThrottle.wait} says how long until the oldest of them leaves the window. Refused
 * attempts are not counted (they would extend the wait for ever). An attempt is counted when it starts
 * ({@link LoginThrottle.count}) and taken back when it succeeds ({@link LoginThrottle.forgive}), so that many
 * guesses sent at once cannot all slip through while the first ones are still being checked.
 */
export class LoginThrottle {
  readonly #limit: number;
  readonly #windowMs: number;
  /** Times (epoch ms) of each key's recent attempts, oldest first, at most `limit`; least recent keys first. */
  readonly #attempts = new Map<string, number[]>();

  constructor(options: { limit: number; windowMs: number }) {
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  wait(key: string, now: number): number {
    const times = this.#recent(key, now);
    if (times.length < this.#limit) return 0;
    return Math.max(1, (times[times.length - this.#limit] ?? now) + this.#windowMs - now);
  }

  /** Counts an attempt of `key` at `now` (as failed, until {@link forgive} takes it back). */
  count(key: string, now: number): void {
    const times = this.#recent(key, now);
    times.push(now);
    if (times.length > this.#limit) times.splice(0, times.length - this.#limit);
    this.#attempts.delete(key);
    this.#attempts.set(key, times);
    if (this.#attempts.size > MAX_KEYS) {
      const oldest = this.#attempts.keys().next();
      if (!oldest.done) this.#attempts.delete(oldest.value);
    }
  }

  /** Takes back the attempt of `key` counted at `at` (it succeeded). */
  forgive(key: string, at: number): void {
    const times = this.#attempts.get(key);
    const index = times?.lastIndexOf(at) ?? -1;
    if (!times || index < 0) return;
    times.splice(index, 1);
    if (times.length === 0) this.#attempts.delete(key);
  }

  /** Forgets every attempt of `key` (a user who logged in). */
  reset(key: string): void {
    this.#attempts.delete(key);
  }

  /** The attempts of `key` still within the window (older ones are dropped). */
  #recent(key: string, now: number): number[] {
    const times = this.#attempts.get(key);
    if (!times) return [];
    const fresh = times.filter((time) => now - time < this.#windowMs);
    if (fresh.length === 0) this.#attempts.delete(key);
    else if (fresh.length !== times.length) this.#attempts.set(key, fresh);
    return fresh;
  }
}
