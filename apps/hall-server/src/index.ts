/**
 * Yichuang's reference hall server: the hall protocol over REST + Server-Sent Events, on SQLite by default.
 *
 * ```js
 * import { createHallServer } from '@yichuang/hall-server';
 * const hall = await createHallServer({ dataDir: './data', seed: 'demo', port: 8080 });
 * // … hall.url; later: await hall.close();
 * ```
 * @module
 */
export {
  createHallServer,
  DEFAULTS,
  HALL_SERVER_VERSION,
  PACKAGE_DIR,
  type HallServer,
  type HallServerOptions,
} from './server.js';
export { optionsFromEnv, ConfigError } from './config.js';
export { SqliteHallStorage, type SqliteHallStorageOptions } from './storage/sqlite.js';
export {
  StorageError,
  type AppliedMutation,
  type ApplyOptions,
  type ApplyOutcome,
  type AttachmentRecord,
  type CallRequest,
  type CatalogRecord,
  type DeviceRecord,
  type HallInfo,
  type HallStorage,
  type RejectionReason,
  type SeedData,
  type SessionRecord,
  type TicketRequest,
  type UserRecord,
  type WindowRecord,
} from './storage/storage.js';
export { hashPassword, verifyPassword, DEFAULT_PASSWORD_COST } from './session/passwords.js';
export { hashToken } from './session/tokens.js';
export { issueLicence } from './licences/canonical.js';
export { canonicalJson } from '@yichuang/hall-client/protocol.js';
export { EventHub, sseMessage, type SubscribeRequest } from './events/hub.js';
export { openApiDocument } from './web/openapi.js';
export { demoSeed } from './seed/demo.js';
/** The demo hall `HALL_SEED=demo` seeds (accounts, devices, windows, e-licences): public, fictional data. */
export { DEMO_HALL } from '@yichuang/demo-catalog';
/** The hall protocol this server implements (routes, roles, schemas), for tools and tests. */
export * as protocol from '@yichuang/hall-client/protocol.js';
