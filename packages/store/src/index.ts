/**
 * `@yichuang/store`: the browser's own database for a clerk workstation (Dexie/IndexedDB, personal data encrypted
 * at rest) and the sync engine that sends its outbox to the hall.
 * @module
 */
export {
  WorkstationStore,
  type StoreOptions,
  type UnlockOptions,
  type SaveCaseOptions,
  type SavedCase,
  type SavedRating,
  type SavedAssistVisit,
  type CaseQuery,
  type AttachmentInfo,
  type AuditLogEntry,
  type PurgeReport,
  type DraftEntry,
  type CaseSyncState,
  storeChannelName,
} from './store.js';
export {
  StoreError,
  StoreLockedError,
  WrongSecretError,
  DraftLockedError,
  InvalidRecordError,
  CaseNumberConflictError,
  NotFoundError,
  StaleCaseError,
  AttachmentUnreadableError,
  RecoveryUnavailableError,
  WrongRecoveryKeyError,
  type ErrorText,
  type LockReason,
} from './errors.js';
export {
  STORE_MESSAGES,
  RECORD_NAMES,
  DEFAULT_LOCALE,
  storeMessage,
  isStoreLocale,
  type StoreLocale,
  type StoreMessageKey,
  type RecordName,
} from './messages.js';
export {
  STORE_KINDS,
  RECORD_TABLES,
  storeKind,
  baseOf,
  type StoreKind,
  type Acknowledgement,
} from './kinds/registry.js';
export {
  DraftSession,
  draftLockName,
  type DraftOptions,
  type DraftSaveState,
  type DraftCloseReason,
} from './drafts/draft-session.js';
export { Outbox, type OutboxCounts, type ParkedMutation, type OutboxEntry, type Settlement } from './outbox/outbox.js';
export {
  SyncEngine,
  type SyncEngineOptions,
  type SyncState,
  type SyncStatus,
  type SyncError,
  type SyncReport,
} from './sync/sync-engine.js';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './sync/backoff.js';
export { StoreDatabase, DEFAULT_DATABASE_NAME, SCHEMA_VERSION, SCHEMA_VERSIONS, declareSchema } from './db/database.js';
export { isConnectionLost } from './db/connection.js';
export { attachmentsOf } from './db/references.js';
export type * from './db/rows.js';
export {
  DEFAULT_KDF_ITERATIONS,
  MIN_RECOVERY_MODULUS_BITS,
  generateRecoveryKeyPair,
  recoveryKeyId,
  type RecoveryPublicKey,
  type RecoveryWrap,
} from './crypto/keyring.js';
export { sha256Hex, type Sealed } from './crypto/cipher.js';
