import type { Role } from './roles.js';

/** Path prefix of every hall route. */
export const API_PREFIX = '/api/v1';

/**
 * Every route of the hall protocol and the roles allowed to call it (`public`: no token needed). The hall
 * server enforces this table; the role tests and the protocol reference page are generated from it.
 */
export const ROUTES = {
  health: { method: 'GET', path: '/api/v1/health', roles: 'public' },
  /** This table and the request and answer shapes as an OpenAPI 3.1 document. */
  openapi: { method: 'GET', path: '/api/v1/openapi.json', roles: 'public' },
  login: { method: 'POST', path: '/api/v1/session', roles: 'public' },
  session: { method: 'GET', path: '/api/v1/session', roles: ['clerk', 'manager', 'kiosk', 'display', 'rating-pad'] },
  logout: { method: 'DELETE', path: '/api/v1/session', roles: ['clerk', 'manager', 'kiosk', 'display', 'rating-pad'] },
  catalog: { method: 'GET', path: '/api/v1/catalog', roles: ['clerk', 'manager', 'kiosk', 'display'] },
  sync: { method: 'POST', path: '/api/v1/sync', roles: ['clerk', 'manager', 'rating-pad'] },
  putAttachment: { method: 'PUT', path: '/api/v1/attachments/:sha256', roles: ['clerk'] },
  headAttachment: { method: 'HEAD', path: '/api/v1/attachments/:sha256', roles: ['clerk', 'manager'] },
  getAttachment: { method: 'GET', path: '/api/v1/attachments/:sha256', roles: ['clerk', 'manager'] },
  getCase: { method: 'GET', path: '/api/v1/cases/:id', roles: ['clerk', 'manager'] },
  issueTicket: { method: 'POST', path: '/api/v1/queue/tickets', roles: ['kiosk', 'clerk'] },
  callNext: { method: 'POST', path: '/api/v1/queue/call', roles: ['clerk'] },
  queue: { method: 'GET', path: '/api/v1/queue', roles: ['clerk', 'manager', 'display', 'kiosk'] },
  licences: { method: 'POST', path: '/api/v1/licences/lookup', roles: ['clerk'] },
  stats: { method: 'GET', path: '/api/v1/stats', roles: ['manager'] },
  events: { method: 'GET', path: '/api/v1/events', roles: ['clerk', 'manager', 'display', 'kiosk', 'rating-pad'] },
} as const satisfies Record<string, { method: string; path: string; roles: 'public' | readonly Role[] }>;
export type RouteName = keyof typeof ROUTES;

/** Which event types each role receives on `GET /api/v1/events`. */
export const EVENT_AUDIENCE: Record<Role, readonly string[]> = {
  clerk: ['case.saved', 'rating.saved', 'ticket.issued', 'ticket.called', 'catalog.published'],
  manager: ['case.saved', 'rating.saved', 'ticket.issued', 'ticket.called', 'catalog.published'],
  display: ['ticket.issued', 'ticket.called'],
  kiosk: ['ticket.issued', 'catalog.published'],
  'rating-pad': ['ticket.called'],
};
