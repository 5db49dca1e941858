/**
 * The hall protocol as data: request schemas (valibot, shared by the browser and the hall), response and event
 * types, roles and routes. No DOM, no fetch: the hall engine imports this entry.
 * @module
 */
export * from './protocol/roles.js';
export * from './protocol/session.js';
export * from './protocol/mutation.js';
export * from './protocol/events.js';
export * from './protocol/queue.js';
export * from './protocol/appointments.js';
export * from './protocol/queue-report.js';
export * from './protocol/licence.js';
export * from './protocol/stats.js';
export * from './protocol/catalog.js';
export * from './protocol/cases.js';
export * from './protocol/settings.js';
export * from './protocol/followups.js';
export * from './protocol/commitments.js';
export * from './protocol/recovery.js';
export * from './protocol/exchange.js';
export * from './protocol/errors.js';
export * from './protocol/responses.js';
export * from './protocol/routes.js';
export * from './protocol/canonical.js';
export * from './protocol/messages.js';
