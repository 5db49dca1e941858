import * as v from 'valibot';
import { bilingual } from '../i18n/schema-message.js';

/** Crockford's base-32 alphabet (no I, L, O, U), as ULIDs use it. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;
/** Largest time a ULID can hold: 2^48 − 1 milliseconds. */
const MAX_TIME = 2 ** 48 - 1;
const ULID_REGEX = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/** Produces a ULID for a given (or the current) time; see {@link createUlidGenerator}. */
export type UlidGenerator = (now?: number) => string;

/** Fills `bytes` with random values; defaults to `globalThis.crypto.getRandomValues`. */
export type RandomSource = (bytes: Uint8Array) => void;

function encodeTime(time: number): string {
  if (!Number.isInteger(time) || time < 0 || time > MAX_TIME) {
    throw new RangeError(`ulid: time must be an integer number of milliseconds from 0 to ${MAX_TIME}, got ${time}`);
  }
  let out = '';
  let rest = time;
  for (let i = 0; i < TIME_CHARS; i++) {
    out = ALPHABET.charAt(rest % 32) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function defaultRandom(bytes: Uint8Array): void {
  const crypto = globalThis.crypto;
  if (!crypto || typeof crypto.getRandomValues !== 'function') {
    throw new Error('ulid: globalThis.crypto.getRandomValues is not available in this environment');
  }
  crypto.getRandomValues(bytes);
}

/**
 * Creates a monotonic ULID generator. Within one generator, every id is strictly greater than the one before:
 * when `now` is the same millisecond as the previous id (or earlier, e.g. the clock stepped back), the previous
 * time is kept and the 80-bit random part is incremented by one, as the ULID spec's monotonic mode does.
 *
 * @param random where random bytes come from (tests may pass a deterministic source).
 * @throws RangeError if more than 2^80 ids are asked for within one millisecond (practically never).
 */
export function createUlidGenerator(random: RandomSource = defaultRandom): UlidGenerator {
  let lastTime = -1;
  /** Base-32 digits (0..31) of the last random part, most significant first. */
  let lastRandom: number[] = [];
  return (now = Date.now()) => {
    const timeText = encodeTime(now);
    if (now <= lastTime) {
      let i = RANDOM_CHARS - 1;
      while (i >= 0 && lastRandom[i] === 31) {
        lastRandom[i] = 0;
        i--;
      }
      if (i < 0) throw new RangeError('ulid: random part overflowed within one millisecond');
      lastRandom[i] = (lastRandom[i] ?? 0) + 1;
      return encodeTime(lastTime) + lastRandom.map((d) => ALPHABET.charAt(d)).join('');
    }
    const bytes = new Uint8Array(RANDOM_CHARS);
    random(bytes);
    // 256 is a multiple of 32, so masking keeps every digit uniform.
    lastRandom = Array.from(bytes, (b) => b & 31);
    lastTime = now;
    return timeText + lastRandom.map((d) => ALPHABET.charAt(d)).join('');
  };
}

let shared: UlidGenerator | undefined;

/**
 * A new ULID (26 characters, Crockford base 32, upper case): 48 bits of milliseconds then 80 random bits, so ids
 * sort by creation time and never collide across offline windows. Monotonic within this page or process: ids from
 * one millisecond still sort in the order they were made.
 *
 * @param now milliseconds since the epoch; `Date.now()` when omitted.
 */
export function ulid(now?: number): string {
  shared ??= createUlidGenerator();
  return shared(now);
}

/** Whether `value` is a canonical ULID: 26 upper-case Crockford base-32 characters, the first at most `7`. */
export function isUlid(value: unknown): value is string {
  return typeof value === 'string' && ULID_REGEX.test(value);
}

/**
 * The time (milliseconds since the epoch) encoded in a ULID.
 *
 * @throws TypeError if `id` is not a ULID.
 */
export function ulidTime(id: string): number {
  if (!isUlid(id)) throw new TypeError(`ulid: "${id}" is not a ULID`);
  let time = 0;
  for (let i = 0; i < TIME_CHARS; i++) time = time * 32 + ALPHABET.indexOf(id.charAt(i));
  return time;
}

/**
 * Valibot schema of a ULID whose messages name the field, e.g. `ulidSchema('caseId')`.
 *
 * @param label the field name the messages start with.
 */
/* @__NO_SIDE_EFFECTS__ */
export function ulidSchema(label: string) {
  return v.pipe(
    v.string(bilingual(`${label}: a ULID string is required`, `${label}: 应填写 ULID 编号`)),
    v.regex(
      ULID_REGEX,
      bilingual(
        `${label}: a ULID (26 characters of 0-9 and A-Z without I, L, O, U; upper case)`,
        `${label}: 应为 ULID 编号（26 位，由数字 0-9 和大写字母 A-Z 组成，不含 I、L、O、U）`,
      ),
    ),
  );
}

/** Valibot schema of a ULID id, for requests. */
export const UlidSchema = ulidSchema('id');
