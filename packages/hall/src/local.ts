/**
 * The hall inside one browser: `LocalHallClient` (the `HallClient` of a village station's single PC, of Storybook
 * and of demos) over the hall engine on IndexedDB.
 * @module
 */
export { LocalHallClient, LOCAL_HALL_VERSION, type LocalHallClientOptions } from './local/local-hall-client.js';
export { LocalSecrets } from './local/secrets.js';
export { LocalFiles } from './local/files.js';
export { IndexedDbStorage } from './storage/indexeddb.js';
