export type { HallClient } from './hall-client.js';
export * from './protocol.js';
export { LocalHallClient, LOCAL_HALL_VERSION, type LocalHallClientOptions } from './local/local-hall-client.js';
export type { LocalHallSeed } from './local/seed.js';
export { HttpHallClient, errorOf, type HttpHallClientOptions, type ReconnectOptions } from './http/http-hall-client.js';
export { SseParser, type SseHandlers, type SseMessage } from './http/sse-parser.js';
