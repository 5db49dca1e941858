/**
 * Yichuang's reference hall server: the hall engine (`@yichuang/hall`) over SQLite, served over REST + Server-Sent
 * Events.
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
export { SqliteStorage, type SqliteStorageOptions } from './storage/sqlite-storage.js';
export { NodeSecrets } from './secrets/node-secrets.js';
export { NodeVault } from './secrets/node-vault.js';
export { loadKeys, parseKeys, newKeyLine, KeyError, type HallKey } from './secrets/key-file.js';
export { hashPassword, verifyPassword, DEFAULT_PASSWORD_COST } from './secrets/passwords.js';
export { EventHub, sseMessage } from './events/hub.js';
export { openApiDocument } from './web/openapi.js';
export {
  HallEngine,
  KeyVault,
  keysFromSecrets,
  demoHallSeed,
  benchHallSeed,
  issueLicence,
  HALL_SCHEMA,
} from '@yichuang/hall';
export { canonicalJson } from '@yichuang/hall-client/protocol.js';
/** The demo hall `HALL_SEED=demo` seeds (accounts, devices, windows, e-licences): public, fictional data. */
export { DEMO_HALL } from '@yichuang/demo-catalog';
/** The hall protocol this server implements (routes, roles, schemas), for tools and tests. */
export * as protocol from '@yichuang/hall-client/protocol.js';
