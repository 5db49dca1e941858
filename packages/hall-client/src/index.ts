export type { HallClient } from './hall-client.js';
export * from './protocol.js';
export { HttpHallClient, errorOf, type HttpHallClientOptions, type ReconnectOptions } from './http/http-hall-client.js';
export { SseParser, type SseHandlers, type SseMessage } from './http/sse-parser.js';
