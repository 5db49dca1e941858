/**
 * `@yichuang/hall`: the hall, written once. The engine runs in Node and in the browser over a storage port; the
 * hall server and the hall inside one browser (`@yichuang/hall/local.js`) are transports over it.
 * @module
 */
export { HallEngine, type HallEngineOptions } from './engine/engine.js';
export type { Caller, FileStore } from './engine/context.js';
export type { HallSecrets } from './engine/secrets.js';
export type { ApplicantNotifier, AwaitingResult } from './engine/results.js';
export { DEFAULT_LIMITS, measure, type HallLimits, type SizeProblem } from './engine/limits.js';
export type { HallSeed } from './engine/seed.js';
export type { HallInfo, LoginContext } from './engine/sessions.js';
export { issueLicence } from './engine/licences.js';
export { publicTicket } from './engine/events.js';
export { demoHallSeed } from './seed/demo.js';
export { benchHallSeed } from './seed/bench.js';
export { MUTATION_REGISTRY } from './kinds/registry.js';
export type { MutationKindDefinition, Prepared, Refusal, Change, KindServices, Viewer } from './kinds/kind.js';
export * from './storage/port.js';
export { HALL_SCHEMA, STORAGE_VERSION } from './storage/tables.js';
export type * from './storage/tables.js';
export {
  KeyVault,
  SealOnlyVault,
  SealError,
  keysFromSecrets,
  generateRatingKey,
  importRatingKey,
  sha256Hex,
  randomToken,
  randomBytes,
  toBase64Url,
  fromBase64Url,
  constantTimeEqual,
  toHex,
  KEY_LABELS,
  IV_BYTES,
  frameSealedBytes,
  unframeSealedBytes,
  sealedKeyId,
  type Vault,
  type VaultKeys,
} from './vault/vault.js';
