export type { RandomSource, UlidGenerator } from './ulid.js';
export { UlidSchema, createUlidGenerator, isUlid, ulid, ulidSchema, ulidTime } from './ulid.js';
