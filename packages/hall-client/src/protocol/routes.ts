import { HALL_EVENT_TYPES, type HallEventType } from './events.js';
import type { Role } from './roles.js';

/** Path prefix of every hall route. */
export const API_PREFIX = '/api/v1';

const PEOPLE = ['clerk', 'manager'] as const;
const EVERYONE = ['clerk', 'manager', 'kiosk', 'display', 'rating-pad'] as const;

/**
 * Every route of the hall protocol and the roles allowed to call it (`public`: no token needed). The hall engine
 * enforces this table for every transport; the role tests and the protocol reference are generated from it.
 */
export const ROUTES = {
  health: { method: 'GET', path: '/api/v1/health', roles: 'public' },
  /** This table and the request and answer shapes as an OpenAPI 3.1 document. */
  openapi: { method: 'GET', path: '/api/v1/openapi.json', roles: 'public' },
  login: { method: 'POST', path: '/api/v1/session', roles: 'public' },
  session: { method: 'GET', path: '/api/v1/session', roles: EVERYONE },
  logout: { method: 'DELETE', path: '/api/v1/session', roles: EVERYONE },
  changePassword: { method: 'POST', path: '/api/v1/session/password', roles: PEOPLE },
  catalog: { method: 'GET', path: '/api/v1/catalog', roles: ['clerk', 'manager', 'kiosk', 'display'] },
  publishCatalog: { method: 'POST', path: '/api/v1/catalog', roles: ['manager'] },
  calendar: { method: 'GET', path: '/api/v1/calendar', roles: PEOPLE },
  publishCalendar: { method: 'PUT', path: '/api/v1/calendar/:year', roles: ['manager'] },
  sync: { method: 'POST', path: '/api/v1/sync', roles: ['clerk', 'manager', 'rating-pad'] },
  putAttachment: { method: 'PUT', path: '/api/v1/attachments/:sha256', roles: ['clerk'] },
  headAttachment: { method: 'HEAD', path: '/api/v1/attachments/:sha256', roles: PEOPLE },
  getAttachment: { method: 'GET', path: '/api/v1/attachments/:sha256', roles: PEOPLE },
  getCase: { method: 'GET', path: '/api/v1/cases/:id', roles: PEOPLE },
  caseReads: { method: 'GET', path: '/api/v1/cases/:id/reads', roles: ['manager'] },
  claimCase: { method: 'POST', path: '/api/v1/cases/claim', roles: ['clerk'] },
  recordResult: { method: 'POST', path: '/api/v1/cases/:id/result', roles: PEOPLE },
  readyResults: { method: 'GET', path: '/api/v1/results', roles: PEOPLE },
  commitments: { method: 'GET', path: '/api/v1/commitments', roles: PEOPLE },
  issueTicket: { method: 'POST', path: '/api/v1/queue/tickets', roles: ['kiosk', 'clerk'] },
  callNext: { method: 'POST', path: '/api/v1/queue/call', roles: ['clerk'] },
  queueCommand: { method: 'POST', path: '/api/v1/queue/commands', roles: ['clerk'] },
  queue: { method: 'GET', path: '/api/v1/queue', roles: ['clerk', 'manager', 'display', 'kiosk'] },
  importAppointments: { method: 'POST', path: '/api/v1/appointments/import', roles: ['manager'] },
  queueReport: { method: 'GET', path: '/api/v1/queue/report/:day', roles: ['manager'] },
  licences: { method: 'POST', path: '/api/v1/licences/lookup', roles: ['clerk'] },
  stats: { method: 'GET', path: '/api/v1/stats', roles: ['manager'] },
  events: { method: 'GET', path: '/api/v1/events', roles: EVERYONE },
  settings: { method: 'GET', path: '/api/v1/settings', roles: ['manager'] },
  saveWindows: { method: 'PUT', path: '/api/v1/settings/windows', roles: ['manager'] },
  saveCategories: { method: 'PUT', path: '/api/v1/settings/categories', roles: ['manager'] },
  saveAccount: { method: 'PUT', path: '/api/v1/settings/accounts/:user', roles: ['manager'] },
  disableAccount: { method: 'DELETE', path: '/api/v1/settings/accounts/:user', roles: ['manager'] },
  enrolDevice: { method: 'POST', path: '/api/v1/settings/devices', roles: ['manager'] },
  revokeDevice: { method: 'DELETE', path: '/api/v1/settings/devices/:id', roles: ['manager'] },
  settingsAudit: { method: 'GET', path: '/api/v1/settings/audit', roles: ['manager'] },
  followUps: { method: 'GET', path: '/api/v1/followups', roles: PEOPLE },
  actOnFollowUp: { method: 'POST', path: '/api/v1/followups/:id/actions', roles: ['manager'] },
  saveFollowUpSettings: { method: 'PUT', path: '/api/v1/settings/followups', roles: ['manager'] },
  recoveryKey: { method: 'GET', path: '/api/v1/recovery-key', roles: PEOPLE },
  /** This hall's code, name and public key, for another hall's manager to enrol it. */
  exchangeIdentity: { method: 'GET', path: '/api/v1/exchange/identity', roles: 'public' },
  /** Between halls, signed by the sending hall (no session): a forwarding package, a change of state, the catalog. */
  exchangePackage: { method: 'POST', path: '/api/v1/exchange/packages', roles: 'public' },
  exchangeUpdate: { method: 'POST', path: '/api/v1/exchange/updates', roles: 'public' },
  exchangeCatalog: { method: 'GET', path: '/api/v1/exchange/catalog', roles: 'public' },
  peers: { method: 'GET', path: '/api/v1/peers', roles: PEOPLE },
  enrolPeer: { method: 'POST', path: '/api/v1/peers', roles: ['manager'] },
  peerCatalog: { method: 'GET', path: '/api/v1/peers/:hall/catalog', roles: PEOPLE },
  remoteCases: { method: 'GET', path: '/api/v1/remote', roles: PEOPLE },
  decideRemote: { method: 'POST', path: '/api/v1/remote/:id/state', roles: PEOPLE },
  setRecoveryKey: { method: 'PUT', path: '/api/v1/recovery-key', roles: ['manager'] },
} as const satisfies Record<string, { method: string; path: string; roles: 'public' | readonly Role[] }>;
export type RouteName = keyof typeof ROUTES;

/**
 * Which event types each role may receive on `GET /api/v1/events`. The hall narrows it further per session: a clerk
 * receives the case and rating events of the windows they may staff only, a rating pad the tickets called to its own
 * window only, and the public screens (display, kiosk, rating pad) tickets without booking references.
 */
export const EVENT_AUDIENCE: Record<Role, readonly HallEventType[]> = {
  clerk: HALL_EVENT_TYPES,
  manager: HALL_EVENT_TYPES,
  display: ['ticket.issued', 'ticket.called', 'ticket.updated', 'window.updated'],
  kiosk: ['ticket.issued', 'ticket.called', 'ticket.updated', 'window.updated', 'catalog.published'],
  'rating-pad': ['ticket.called', 'ticket.updated'],
};

/** The roles that show things in public (a hall display, a kiosk, a rating pad): they never receive personal data. */
export const PUBLIC_ROLES: readonly Role[] = ['display', 'kiosk', 'rating-pad'];
