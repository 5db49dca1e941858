import {
  ERROR_STATUS,
  EVENT_AUDIENCE,
  MAX_SYNC_BATCH,
  REJECTION_CODES,
  ROLE_KEYS,
  ROUTES,
  type RouteName,
} from '@yichuang/hall-client/protocol.js';
import { CASE_STATUSES, RATING_CHANNELS, TICKET_KINDS, TICKET_STATUSES } from '@yichuang/core';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const error = (description: string) => json(ref('ErrorBody'), description);
const string = (description: string, extra: Schema = {}): Schema => ({ type: 'string', description, ...extra });
const ulid = (description: string): Schema => string(description, { pattern: '^[0-7][0-9A-HJKMNP-TV-Z]{25}$' });
const timestamp = (description: string): Schema => string(description, { format: 'date-time' });
const code = (description: string): Schema => string(description, { pattern: '^[0-9A-Za-z._-]{1,64}$' });
const windowCode: Schema = string('Window code: 1 to 16 letters or digits', { pattern: '^[0-9A-Za-z]{1,16}$' });
const sha256: Schema = string('SHA-256 of the file, 64 hexadecimal characters', { pattern: '^[0-9a-fA-F]{64}$' });

/** The shapes of requests and answers; the full validation rules are the core's valibot schemas. */
const SCHEMAS: Record<string, Schema> = {
  ErrorBody: {
    type: 'object',
    required: ['error', 'message'],
    properties: {
      error: { type: 'string', enum: Object.keys(ERROR_STATUS) },
      message: string('Readable by a clerk, in the language of Accept-Language (zh-CN by default, en-US)'),
      issues: { type: 'array', items: { type: 'string' }, description: 'For `invalid`: one line per problem' },
    },
  },
  Login: {
    oneOf: [
      {
        type: 'object',
        required: ['user', 'password'],
        additionalProperties: false,
        properties: {
          user: string('User name', { minLength: 1, maxLength: 64 }),
          password: string('Password', { minLength: 1, maxLength: 256 }),
          window: { ...windowCode, description: 'The window the clerk sits at today (default: the usual one)' },
        },
      },
      {
        type: 'object',
        required: ['deviceToken'],
        properties: { deviceToken: string('Device token', { minLength: 16, maxLength: 256 }) },
      },
    ],
  },
  Session: {
    type: 'object',
    required: ['token', 'role', 'subject', 'name', 'hall', 'expiresAt'],
    properties: {
      token: string('Bearer token: send it as `Authorization: Bearer <token>`'),
      role: { type: 'string', enum: ROLE_KEYS },
      subject: string('Clerk or manager user name, or device id'),
      name: string('Display name'),
      hall: string('Hall code'),
      window: windowCode,
      expiresAt: timestamp('When the token stops working'),
    },
  },
  CatalogSnapshot: {
    type: 'object',
    required: ['version', 'catalog', 'holidays'],
    properties: {
      version: string('Catalog version (also the ETag)'),
      catalog: { type: 'object', description: 'A `Catalog` of @yichuang/core (CatalogSchema): items and bundles' },
      holidays: {
        type: 'array',
        items: { type: 'object', description: 'A `HolidaySchedule` of @yichuang/core, one per year' },
      },
    },
  },
  Case: {
    type: 'object',
    description:
      'A case (办件) as @yichuang/core `CaseSchema` validates it: id (ULID), number (hall-yyyyMMdd-window-seq), hall, ' +
      'window, items, applicant, proxy, materials (with `attachments`: SHA-256 hashes of uploaded files), status, ' +
      'responsibleClerk, supplementDue, promisedDate, audit, createdAt, updatedAt.',
    required: ['id', 'number', 'hall', 'window', 'items', 'applicant', 'materials', 'status', 'updatedAt'],
    properties: {
      id: ulid('Case id'),
      number: string('Case number', { pattern: '^[0-9A-Za-z]{1,16}-\\d{8}-[0-9A-Za-z]{1,16}-\\d{4,}$' }),
      hall: string('Hall code'),
      window: windowCode,
      status: { type: 'string', enum: CASE_STATUSES },
      createdAt: timestamp('When the case was created'),
      updatedAt: timestamp('When the window last changed it: a save older than the stored one is a conflict'),
    },
  },
  Rating: {
    type: 'object',
    description: 'A rating (好差评) as @yichuang/core `RatingSchema` validates it',
    required: ['id', 'window', 'clerk', 'grade', 'at', 'channel'],
    properties: {
      id: ulid('Rating id'),
      caseId: ulid('The case rated'),
      ticketId: ulid('The ticket served'),
      window: windowCode,
      clerk: code('Clerk who served'),
      grade: { type: 'integer', minimum: 1, maximum: 5 },
      comment: string('Free text', { maxLength: 500 }),
      at: timestamp('When it was given'),
      channel: { type: 'string', enum: RATING_CHANNELS },
    },
  },
  Mutation: {
    type: 'object',
    required: ['id', 'kind', 'payload'],
    properties: {
      id: ulid('Client-generated id: the hall applies each id at most once'),
      kind: { type: 'string', enum: ['case.save', 'rating.save'] },
      payload: { oneOf: [ref('Case'), ref('Rating')], description: '`Case` for case.save, `Rating` for rating.save' },
    },
  },
  SyncRequest: {
    type: 'object',
    required: ['mutations'],
    properties: {
      mutations: {
        type: 'array',
        minItems: 1,
        maxItems: MAX_SYNC_BATCH,
        items: { description: 'Each validated on its own as a `Mutation`' },
      },
    },
  },
  MutationResult: {
    type: 'object',
    required: ['id', 'status'],
    properties: {
      id: string('The mutation id'),
      status: { type: 'string', enum: ['applied', 'duplicate', 'rejected'] },
      appliedAt: timestamp('applied / duplicate: when the hall applied it (the original time for a duplicate)'),
      eventId: { type: 'integer', description: 'applied / duplicate: the id of the event it appended' },
      code: { type: 'string', enum: Object.keys(REJECTION_CODES), description: 'rejected: why' },
      message: string('rejected: readable reason'),
      missing: { type: 'array', items: sha256, description: 'missing-attachments: the hashes to upload first' },
      issues: { type: 'array', items: { type: 'string' }, description: 'invalid: one line per problem' },
    },
  },
  SyncResponse: {
    type: 'object',
    required: ['results'],
    properties: { results: { type: 'array', items: ref('MutationResult') } },
  },
  Ticket: {
    type: 'object',
    description: 'A queue ticket as @yichuang/core `TicketSchema` validates it',
    required: ['id', 'number', 'category', 'kind', 'issuedAt', 'status'],
    properties: {
      id: ulid('Ticket id'),
      number: string('As printed and called, e.g. A001', { pattern: '^[A-Z]{1,2}\\d{3,4}$' }),
      category: code('Queue category'),
      kind: { type: 'string', enum: Object.keys(TICKET_KINDS) },
      issuedAt: timestamp('When it was issued'),
      status: { type: 'string', enum: Object.keys(TICKET_STATUSES) },
      window: windowCode,
      calledAt: timestamp('When a window called it'),
      appointmentRef: string(
        'The booking code of the appointment checked in (4–32 of A–Z, 0–9, -; never an identity or phone number)',
        { maxLength: 32 },
      ),
    },
  },
  IssueTicket: {
    type: 'object',
    required: ['category'],
    properties: {
      category: code('Queue category code'),
      kind: { type: 'string', enum: Object.keys(TICKET_KINDS), default: 'normal' },
      appointmentRef: string(
        'Booking code, required for kind appointment (4–32 of A–Z, 0–9, -; never an identity or phone number)',
        { maxLength: 32 },
      ),
    },
  },
  CallNext: {
    type: 'object',
    required: ['window'],
    properties: {
      window: windowCode,
      categories: {
        type: 'array',
        items: code('Category code'),
        description: 'Categories this window calls, preferred first (default: the window’s configured ones)',
      },
    },
  },
  Queue: {
    type: 'object',
    required: ['categories', 'tickets'],
    properties: {
      categories: {
        type: 'array',
        items: {
          type: 'object',
          required: ['code', 'letter', 'name'],
          properties: {
            code: string('Category code'),
            letter: string('Letter of its ticket numbers'),
            name: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } },
          },
        },
      },
      tickets: { type: 'array', items: ref('Ticket'), description: 'Today’s waiting and called tickets' },
    },
  },
  LicenceLookup: {
    type: 'object',
    required: ['holderId'],
    properties: { holderId: string('Resident identity number (18) or unified social credit code (18)') },
  },
  Licence: {
    type: 'object',
    required: ['type', 'title', 'number', 'holderId', 'holderName', 'issuer', 'issuedOn', 'sha256'],
    properties: {
      type: string('id-card, household-register, business-licence, marriage-certificate, birth-certificate …'),
      title: string('Name of the licence, e.g. 居民身份证'),
      number: string('Licence number'),
      holderId: string('Identity number or credit code of the holder'),
      holderName: string('Name of the holder'),
      issuer: string('Issuing authority'),
      issuedOn: string('Day of issue', { format: 'date' }),
      validUntil: string('Last valid day (absent: does not expire)', { format: 'date' }),
      sha256: string('SHA-256 of the canonical JSON of the other fields (keys sorted, no white space)'),
    },
  },
  HallStatistics: {
    type: 'object',
    required: ['day', 'cases', 'tickets', 'ratings'],
    properties: {
      day: string('China-time day (YYYY-MM-DD)', { format: 'date' }),
      cases: { type: 'object', description: '{ total, byStatus }: cases created that day' },
      tickets: { type: 'object', description: '{ issued, waiting, called }' },
      ratings: { type: 'object', description: '{ total, byGrade }' },
    },
  },
  HallHealth: {
    type: 'object',
    required: ['status', 'version', 'hall', 'catalogVersion', 'time'],
    properties: {
      status: { type: 'string', enum: ['ok'] },
      version: string('Server version'),
      hall: string('Hall code'),
      catalogVersion: string('Current catalog version'),
      time: timestamp('Server time'),
    },
  },
  HallEvent: {
    type: 'object',
    required: ['id', 'type', 'at', 'data'],
    properties: {
      id: { type: 'integer', description: 'Growing event id (the SSE id)' },
      type: {
        type: 'string',
        enum: ['case.saved', 'rating.saved', 'ticket.issued', 'ticket.called', 'catalog.published'],
      },
      at: timestamp('When the hall recorded it'),
      data: { type: 'object', description: 'Per type; never personal data' },
    },
  },
};

interface Operation {
  summary: string;
  description?: string;
  parameters?: Schema[];
  requestBody?: Schema;
  responses: Record<string, Schema>;
}

const shaPath = { name: 'sha256', in: 'path', required: true, schema: sha256 };

/** What each route takes and answers, besides the errors every route may give. */
const OPERATIONS: Record<RouteName, Operation> = {
  health: { summary: 'Is the hall up?', responses: { 200: json(ref('HallHealth'), 'The hall is serving') } },
  openapi: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1 JSON' } } },
  login: {
    summary: 'Log in (clerk or manager with a password, device with its token)',
    requestBody: { required: true, content: { 'application/json': { schema: ref('Login') } } },
    responses: {
      200: json(ref('Session'), 'Logged in'),
      401: error('Wrong user name or password, or unknown device token'),
      429: error(
        'rate-limited: 5 failed logins for this user name, or 20 from this address, within 15 minutes; ' +
          'Retry-After says in how many seconds to try again',
      ),
    },
  },
  session: { summary: 'The current session', responses: { 200: json(ref('Session'), 'The session of the token') } },
  logout: {
    summary: 'Log out: the token stops working, its event streams end',
    responses: { 204: { description: 'Done' } },
  },
  catalog: {
    summary: 'The current catalog and holiday calendar',
    description: 'ETag is the quoted version; send If-None-Match to get 304 when nothing changed.',
    parameters: [{ name: 'If-None-Match', in: 'header', schema: { type: 'string' } }],
    responses: {
      200: json(ref('CatalogSnapshot'), 'The catalog'),
      304: { description: 'The client holds this version' },
      404: error('No catalog published yet'),
    },
  },
  sync: {
    summary: 'Apply mutations, each at most once',
    description:
      'Each mutation is applied on its own transaction; results come in request order. A repeated id with the ' +
      'same content (SHA-256 of the canonical JSON of kind and payload) answers `duplicate` with the original ' +
      '`appliedAt`; with other content, `rejected`/`conflict`. A clerk may create and change only cases (and ' +
      'send only ratings) of the window of the session (`rejected`/`forbidden`). One bad mutation never stops ' +
      'the others.',
    requestBody: { required: true, content: { 'application/json': { schema: ref('SyncRequest') } } },
    responses: { 200: json(ref('SyncResponse'), 'One result per mutation, same order') },
  },
  putAttachment: {
    summary: 'Upload a file under its SHA-256',
    parameters: [shaPath],
    requestBody: { required: true, content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
    responses: {
      201: json({ type: 'object', properties: { sha256, size: { type: 'integer' } } }, 'Stored'),
      200: json({ type: 'object', properties: { sha256, size: { type: 'integer' } } }, 'Already held'),
      413: error('Larger than MAX_ATTACHMENT_BYTES'),
      422: error('The body does not hash to the name (hash-mismatch); nothing kept'),
    },
  },
  headAttachment: {
    summary: 'Whether the hall holds a file',
    parameters: [shaPath],
    responses: { 200: { description: 'Held (Content-Length: its size)' }, 404: { description: 'Not held' } },
  },
  getAttachment: {
    summary: 'Download a file',
    parameters: [shaPath],
    responses: {
      200: {
        description: 'The bytes',
        content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
      },
      404: error('Not held'),
    },
  },
  getCase: {
    summary: 'A case as the hall holds it',
    parameters: [{ name: 'id', in: 'path', required: true, schema: ulid('Case id') }],
    responses: { 200: json(ref('Case'), 'The case'), 404: error('Unknown case') },
  },
  issueTicket: {
    summary: 'Issue a queue ticket (numbered per category per day: A001, A002 …)',
    requestBody: { required: true, content: { 'application/json': { schema: ref('IssueTicket') } } },
    responses: { 201: json(ref('Ticket'), 'The ticket'), 409: error('The category issued 9999 tickets today') },
  },
  callNext: {
    summary: 'Call the next ticket to a window (priority tickets first)',
    requestBody: { required: true, content: { 'application/json': { schema: ref('CallNext') } } },
    responses: {
      200: json(ref('Ticket'), 'The ticket called'),
      204: { description: 'No one is waiting' },
      403: error('A clerk calls only for their own window'),
    },
  },
  queue: { summary: 'Today’s queue', responses: { 200: json(ref('Queue'), 'Categories and tickets') } },
  licences: {
    summary: 'Look up e-licences by identity number or credit code (a POST: the number never enters a URL)',
    requestBody: { required: true, content: { 'application/json': { schema: ref('LicenceLookup') } } },
    responses: {
      200: json({ type: 'object', properties: { licences: { type: 'array', items: ref('Licence') } } }, 'Found'),
    },
  },
  stats: { summary: 'Today’s figures', responses: { 200: json(ref('HallStatistics'), 'Today, China time') } },
  events: {
    summary: 'The event stream (Server-Sent Events)',
    description:
      'Each message: `id:` event id, `event:` type, `data:` the HallEvent JSON. `Last-Event-ID: n` replays every ' +
      'event after n (0: all) before going live. A comment line every 15 s. Roles receive: ' +
      Object.entries(EVENT_AUDIENCE)
        .map(([role, types]) => `${role}: ${types.join(', ')}`)
        .join('; '),
    parameters: [{ name: 'Last-Event-ID', in: 'header', schema: { type: 'integer', minimum: 0 } }],
    responses: {
      200: { description: 'The stream', content: { 'text/event-stream': { schema: ref('HallEvent') } } },
    },
  },
};

/** The OpenAPI 3.1 document of the hall protocol, generated from `ROUTES` and the descriptions above. */
export function openApiDocument(version: string): Schema {
  const paths: Record<string, Record<string, Schema>> = {};
  for (const [name, route] of Object.entries(ROUTES) as [RouteName, (typeof ROUTES)[RouteName]][]) {
    const operation = OPERATIONS[name];
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const isPublic = route.roles === 'public';
    const responses: Record<string, Schema> = {
      ...operation.responses,
      400: error('invalid: the request is malformed (issues list each problem)'),
      ...(isPublic
        ? {}
        : {
            401: error('unauthenticated: no token, or an unknown or expired one'),
            403: operation.responses[403] ?? error('forbidden: the role may not call this route'),
          }),
      500: error('internal'),
    };
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      operationId: name,
      summary: operation.summary,
      ...(operation.description ? { description: operation.description } : {}),
      'x-roles': route.roles,
      security: isPublic ? [] : [{ bearer: [] }],
      ...(operation.parameters ? { parameters: operation.parameters } : {}),
      ...(operation.requestBody ? { requestBody: operation.requestBody } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Yichuang hall protocol',
      version,
      description:
        'The REST + Server-Sent Events protocol between Yichuang windows and a hall server. Roles: ' +
        `${ROLE_KEYS.join(', ')}. Errors answer an ErrorBody; error codes and statuses: ` +
        Object.entries(ERROR_STATUS)
          .map(([key, status]) => `${key} ${status}`)
          .join(', ') +
        '. See docs/hall-protocol.md.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The token of POST /api/v1/session' } },
      schemas: SCHEMAS,
    },
    paths,
  };
}
