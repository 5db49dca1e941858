export type { HallClient } from './hall-client.js';
export * from './protocol.js';
