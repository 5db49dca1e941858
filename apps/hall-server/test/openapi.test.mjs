// The OpenAPI document of the hall protocol (GET /api/v1/openapi.json): generated from ROUTES and the valibot schemas,
// complete (every route, every body, every answer), valid JSON, and with examples that the hall accepts as they stand:
// each mutation example passes MutationSchema and the document's own JSON Schema, and the demo hall applies them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as v from 'valibot';
import { startHall } from '../test-support/hall.mjs';

const { openApiDocument, protocol } = await import('../dist/index.js');
const { ROUTES, MUTATION_KINDS, MutationSchema, SyncRequestSchema } = protocol;
const demoCatalog = JSON.parse(
  await readFile(new URL('../../../packages/demo-catalog/generated/catalog.json', import.meta.url), 'utf8'),
);

const document = openApiDocument('0.0.0-test');
const schemas = document.components.schemas;
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
);
const operationOf = (name) => operations.find((o) => o.operation.operationId === name)?.operation;
const refName = (schema) => schema?.$ref?.replace('#/components/schemas/', '');
const jsonBody = (operation) => operation.requestBody?.content?.['application/json'];

// ── A JSON Schema (2020-12) check of the keywords the document uses ─────────────────────────────────────────────
// Assertion keywords it does not know make it throw, so a keyword the converter starts to emit is never ignored.

const ANNOTATIONS = new Set([
  'description',
  'title',
  'examples',
  'example',
  'default',
  'discriminator',
  'contentMediaType',
  'contentEncoding',
  '$comment',
  'deprecated',
  'readOnly',
  'writeOnly',
]);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;
const realDate = (text) => {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1;
};
const typeOf = (value) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;
const isType = (value, type) =>
  type === 'integer'
    ? Number.isInteger(value)
    : type === 'number'
      ? typeof value === 'number' && Number.isFinite(value)
      : typeOf(value) === type;

/** The problems of `value` against `schema` (empty: valid). */
function validate(schema, value, path = '$', problems = []) {
  if (schema === true) return problems;
  if (schema === false) return [...problems, `${path}: no value allowed`];
  const fail = (text) => problems.push(`${path}: ${text}`);
  for (const [key, keyword] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    switch (key) {
      case '$ref': {
        const target = schemas[refName(schema)];
        if (!target) throw new Error(`${path}: unresolved ${keyword}`);
        validate(target, value, path, problems);
        break;
      }
      case 'type':
        if (![keyword].flat().some((type) => isType(value, type))) fail(`not of type ${keyword}`);
        break;
      case 'enum':
        if (!keyword.some((option) => option === value)) fail(`not one of ${keyword.join(', ')}`);
        break;
      case 'const':
        if (value !== keyword) fail(`not ${JSON.stringify(keyword)}`);
        break;
      case 'properties':
        if (typeOf(value) === 'object') {
          for (const [name, sub] of Object.entries(keyword)) {
            if (Object.hasOwn(value, name)) validate(sub, value[name], `${path}.${name}`, problems);
          }
        }
        break;
      case 'required':
        if (typeOf(value) === 'object')
          for (const name of keyword) if (!Object.hasOwn(value, name)) fail(`${name} missing`);
        break;
      case 'additionalProperties':
        if (typeOf(value) === 'object') {
          for (const [name, item] of Object.entries(value)) {
            if (!Object.hasOwn(schema.properties ?? {}, name)) validate(keyword, item, `${path}.${name}`, problems);
          }
        }
        break;
      case 'propertyNames':
        if (typeOf(value) === 'object')
          for (const name of Object.keys(value)) validate(keyword, name, `${path}[key]`, problems);
        break;
      case 'items':
        if (Array.isArray(value)) {
          value
            .slice(schema.prefixItems?.length ?? 0)
            .forEach((item, i) => validate(keyword, item, `${path}[${i}]`, problems));
        }
        break;
      case 'prefixItems':
        if (Array.isArray(value))
          keyword.forEach((sub, i) => i < value.length && validate(sub, value[i], `${path}[${i}]`, problems));
        break;
      case 'minItems':
        if (Array.isArray(value) && value.length < keyword) fail(`fewer than ${keyword} items`);
        break;
      case 'maxItems':
        if (Array.isArray(value) && value.length > keyword) fail(`more than ${keyword} items`);
        break;
      case 'minLength':
        if (typeof value === 'string' && [...value].length < keyword) fail(`shorter than ${keyword}`);
        break;
      case 'maxLength':
        if (typeof value === 'string' && [...value].length > keyword) fail(`longer than ${keyword}`);
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(keyword, 'u').test(value)) fail(`does not match ${keyword}`);
        break;
      case 'format':
        if (typeof value === 'string' && keyword === 'date' && !realDate(value)) fail('not a date');
        if (
          typeof value === 'string' &&
          keyword === 'date-time' &&
          !(ISO_DATE_TIME.test(value) && realDate(value.slice(0, 10)))
        ) {
          fail('not a date-time');
        }
        break;
      case 'minimum':
        if (typeof value === 'number' && value < keyword) fail(`below ${keyword}`);
        break;
      case 'maximum':
        if (typeof value === 'number' && value > keyword) fail(`above ${keyword}`);
        break;
      case 'exclusiveMinimum':
        if (typeof value === 'number' && value <= keyword) fail(`not above ${keyword}`);
        break;
      case 'exclusiveMaximum':
        if (typeof value === 'number' && value >= keyword) fail(`not below ${keyword}`);
        break;
      case 'multipleOf':
        if (typeof value === 'number' && !Number.isInteger(value / keyword)) fail(`not a multiple of ${keyword}`);
        break;
      case 'anyOf':
        if (!keyword.some((sub) => validate(sub, value, path).length === 0)) fail('matches none of anyOf');
        break;
      case 'oneOf': {
        const matching = keyword.filter((sub) => validate(sub, value, path).length === 0).length;
        if (matching !== 1) fail(`matches ${matching} of oneOf`);
        break;
      }
      case 'allOf':
        for (const sub of keyword) validate(sub, value, path, problems);
        break;
      case 'not':
        if (validate(keyword, value, path).length === 0) fail('matches what it must not');
        break;
      default:
        throw new Error(`${path}: the JSON Schema check does not know the keyword ${key}`);
    }
  }
  return problems;
}

/** The keywords whose value is a schema, a list of schemas, or a map of schemas. */
const SCHEMA_KEYWORDS = {
  items: 'one',
  additionalProperties: 'one',
  propertyNames: 'one',
  not: 'one',
  properties: 'map',
};
for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) SCHEMA_KEYWORDS[key] = 'list';

/** Every schema inside `schema` (itself included), with its path. */
function* subschemas(schema, path) {
  if (typeof schema !== 'object' || schema === null) return;
  yield [path, schema];
  for (const [key, kind] of Object.entries(SCHEMA_KEYWORDS)) {
    const value = schema[key];
    if (value === undefined) continue;
    if (kind === 'one') yield* subschemas(value, `${path}.${key}`);
    else if (kind === 'list') for (const [i, item] of value.entries()) yield* subschemas(item, `${path}.${key}[${i}]`);
    else for (const [name, item] of Object.entries(value)) yield* subschemas(item, `${path}.${key}.${name}`);
  }
}

/** Asserts `value` passes the component `name`. */
function assertValid(name, value, label = name) {
  const problems = validate({ $ref: `#/components/schemas/${name}` }, value);
  assert.deepEqual(problems, [], `${label} against the JSON Schema of ${name}`);
}

/** Every object of the document with its path, depth first. */
function* nodes(value, path = '$') {
  yield [path, value];
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) yield* nodes(item, `${path}.${key}`);
  }
}

// ── The document ─────────────────────────────────────────────────────────────────────────────────────────────────

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 JSON: no undefined, no function, no NaN, the same after a round trip through JSON', () => {
    assert.equal(document.openapi, '3.1.0');
    assert.equal(document.info.version, '0.0.0-test');
    for (const [path, value] of nodes(document)) {
      assert.ok(value !== undefined, `${path} is undefined`);
      assert.ok(!['function', 'symbol', 'bigint'].includes(typeof value), `${path} is a ${typeof value}`);
      if (typeof value === 'number') assert.ok(Number.isFinite(value), `${path} is ${value}`);
      if (typeof value === 'object' && value !== null) {
        assert.ok(
          Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype,
          `${path} is a class instance`,
        );
      }
    }
    assert.deepEqual(JSON.parse(JSON.stringify(document)), document);
  });

  it('is built once per process', () => {
    assert.equal(openApiDocument('0.0.0-test'), document);
  });

  it('has every route of ROUTES, with its method, its {param} path, its roles and its security', () => {
    assert.equal(operations.length, Object.keys(ROUTES).length);
    for (const [name, route] of Object.entries(ROUTES)) {
      const found = operations.find((o) => o.operation.operationId === name);
      assert.ok(found, `${name} is missing`);
      assert.equal(found.method, route.method.toLowerCase(), name);
      assert.equal(found.path, route.path.replace(/:(\w+)/g, '{$1}'), name);
      assert.deepEqual(found.operation['x-roles'], route.roles, name);
      const isPublic = route.roles === 'public';
      assert.deepEqual(found.operation.security, isPublic ? [] : [{ bearer: [] }], name);
      for (const role of isPublic ? ['public'] : route.roles)
        assert.match(found.operation.description, new RegExp(`\\b${role}\\b`));
      const declared = (found.operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      assert.deepEqual(
        declared,
        [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]),
        `${name}: path parameters`,
      );
    }
  });

  it('resolves every $ref', () => {
    for (const [path, value] of nodes(document)) {
      if (typeof value?.$ref === 'string') assert.ok(schemas[refName(value)], `${path}: ${value.$ref}`);
      if (path.endsWith('.mapping'))
        for (const target of Object.values(value)) assert.ok(schemas[refName({ $ref: target })]);
    }
  });

  it('converted every schema: no empty schema, only the keywords the check here knows', () => {
    const known = new Set([
      '$ref',
      'type',
      'enum',
      'const',
      'properties',
      'required',
      'additionalProperties',
      'propertyNames',
      'items',
      'prefixItems',
      'minItems',
      'maxItems',
      'minLength',
      'maxLength',
      'pattern',
      'format',
      'minimum',
      'maximum',
      'exclusiveMinimum',
      'exclusiveMaximum',
      'multipleOf',
      'anyOf',
      'oneOf',
      'allOf',
      'not',
    ]);
    for (const [name, component] of Object.entries(schemas)) {
      for (const [path, schema] of subschemas(component, name)) {
        const keywords = Object.keys(schema).filter((key) => !ANNOTATIONS.has(key) && !key.startsWith('x-'));
        assert.ok(keywords.length > 0, `${path} is an empty schema: ${JSON.stringify(schema)}`);
        for (const key of keywords) assert.ok(known.has(key), `${path}: ${key}`);
      }
    }
  });

  it('documents the request body of every route that takes one, as the component converted from its schema', () => {
    const bodies = {
      login: 'Login',
      changePassword: 'ChangePassword',
      publishCatalog: 'Catalog',
      publishCalendar: 'HolidaySchedule',
      sync: 'SyncRequest',
      claimCase: 'ClaimCase',
      recordResult: 'RecordResult',
      issueTicket: 'IssueTicket',
      callNext: 'CallNext',
      queueCommand: 'QueueCommand',
      importAppointments: 'AppointmentImport',
      licences: 'LicenceLookup',
      saveWindows: 'WindowsSetting',
      saveCategories: 'CategoriesSetting',
      saveAccount: 'AccountSetting',
      enrolDevice: 'DeviceEnrol',
      setRecoveryKey: 'RecoveryPublicKey',
      actOnFollowUp: 'FollowUpAct',
      saveFollowUpSettings: 'FollowUpSetting',
      enrolPeer: 'EnrolPeer',
      exchangePackage: 'ExchangePackage',
      exchangeUpdate: 'ExchangeUpdate',
      decideRemote: 'RemoteDecision',
    };
    const withoutBody = ['logout', 'headAttachment', 'disableAccount', 'revokeDevice'];
    for (const [name, route] of Object.entries(ROUTES)) {
      const operation = operationOf(name);
      if (route.method === 'GET') {
        assert.equal(operation.requestBody, undefined, `${name} takes no body`);
      } else if (name === 'putAttachment') {
        assert.ok(operation.requestBody.content['*/*'], 'putAttachment takes the file, any content type');
      } else if (withoutBody.includes(name)) {
        assert.ok(['DELETE', 'HEAD'].includes(route.method), name);
        assert.equal(operation.requestBody, undefined, `${name} takes no body`);
      } else {
        assert.ok(bodies[name], `${name}: a ${route.method} route this test does not know: list its body`);
        assert.equal(operation.requestBody?.required, true, name);
        assert.equal(refName(jsonBody(operation)?.schema), bodies[name], name);
        const component = schemas[bodies[name]];
        assert.ok(component.type ?? component.anyOf ?? component.oneOf, `${bodies[name]} is converted`);
      }
    }
    // Generated, not written: each object component has exactly the keys, and the required ones, of its schema.
    const sources = {
      ChangePassword: protocol.ChangePasswordSchema,
      PasswordLogin: protocol.PasswordLoginSchema,
      DeviceLogin: protocol.DeviceLoginSchema,
      ClaimCase: protocol.ClaimCaseSchema,
      IssueTicket: protocol.IssueTicketSchema,
      AppointmentImport: protocol.AppointmentImportSchema,
      CallNext: protocol.CallNextSchema,
      LicenceLookup: protocol.LicenceLookupSchema,
      WindowsSetting: protocol.WindowsSettingSchema,
      CategoriesSetting: protocol.CategoriesSettingSchema,
      AccountSetting: protocol.AccountSettingSchema,
      DeviceEnrol: protocol.DeviceEnrolSchema,
      RecoveryPublicKey: protocol.RecoveryPublicKeySchema,
      SyncRequest: protocol.SyncRequestSchema,
      Session: protocol.SessionSchema,
      ErrorBody: protocol.ErrorBodySchema,
      HallSettings: protocol.HallSettingsSchema,
    };
    for (const [name, schema] of Object.entries(sources)) {
      const entries = schema.entries;
      assert.deepEqual(Object.keys(schemas[name].properties), Object.keys(entries), `${name}: keys`);
      const required = Object.entries(entries)
        .filter(([, entry]) => !['optional', 'exact_optional', 'nullish'].includes(entry.type))
        .map(([key]) => key);
      assert.deepEqual(schemas[name].required, required, `${name}: required keys`);
    }
  });

  it('documents the answers of every route, and the errors as ErrorBody with their statuses', () => {
    const answers = {
      health: { 200: 'HallHealth' },
      openapi: { 200: true },
      login: { 200: 'Session' },
      session: { 200: 'Session' },
      logout: { 204: false },
      changePassword: { 204: false },
      catalog: { 200: 'CatalogSnapshot', 304: false },
      publishCatalog: { 204: false },
      calendar: { 200: 'Calendar' },
      publishCalendar: { 204: false },
      sync: { 200: 'SyncResponse' },
      putAttachment: { 200: 'AttachmentStored', 201: 'AttachmentStored' },
      headAttachment: { 200: false, 404: false },
      getAttachment: { 200: 'application/octet-stream' },
      getCase: { 200: 'Case', 404: 'ErrorBody' },
      caseReads: { 200: 'CaseReads' },
      claimCase: { 200: 'Case' },
      commitments: { 200: 'CommitmentList' },
      recordResult: { 200: 'ResultRecorded', 404: 'ErrorBody', 409: 'ErrorBody' },
      readyResults: { 200: 'ReadyResultList' },
      issueTicket: { 201: 'AnyTicket' },
      callNext: { 200: 'Ticket', 204: false },
      queueCommand: { 200: 'QueueCommandAnswer', 404: 'ErrorBody', 409: 'ErrorBody' },
      queue: { 200: 'Queue' },
      queueReport: { 200: 'QueueReport', 400: 'ErrorBody' },
      importAppointments: { 200: 'AppointmentImportResult' },
      licences: { 200: 'Licences' },
      stats: { 200: 'HallStatistics' },
      events: { 200: 'text/event-stream' },
      settings: { 200: 'HallSettings' },
      saveWindows: { 204: false },
      saveCategories: { 204: false },
      saveAccount: { 204: false },
      disableAccount: { 204: false },
      enrolDevice: { 201: 'EnrolledDevice' },
      revokeDevice: { 204: false },
      settingsAudit: { 200: 'SettingsAudit' },
      recoveryKey: { 200: 'RecoveryPublicKey', 404: 'ErrorBody' },
      setRecoveryKey: { 204: false },
      followUps: { 200: 'FollowUpList' },
      actOnFollowUp: { 200: 'FollowUp', 404: 'ErrorBody', 409: 'ErrorBody' },
      saveFollowUpSettings: { 204: false },
      exchangeIdentity: { 200: true },
      exchangePackage: { 200: true, 401: 'ErrorBody', 409: 'ErrorBody' },
      exchangeUpdate: { 200: true, 401: 'ErrorBody', 404: 'ErrorBody', 409: 'ErrorBody' },
      exchangeCatalog: { 200: 'CatalogSnapshot', 401: 'ErrorBody' },
      peers: { 200: true },
      enrolPeer: { 200: true },
      peerCatalog: { 200: true, 404: 'ErrorBody' },
      remoteCases: { 200: true },
      decideRemote: { 200: true, 404: 'ErrorBody', 409: 'ErrorBody' },
    };
    assert.deepEqual(Object.keys(answers).sort(), Object.keys(ROUTES).sort());
    const errorStatus = protocol.ERROR_STATUS;
    for (const [name, expected] of Object.entries(answers)) {
      const { responses } = operationOf(name);
      for (const [status, body] of Object.entries(expected)) {
        const answer = responses[status];
        assert.ok(answer?.description, `${name} ${status}`);
        if (body === false) assert.equal(answer.content, undefined, `${name} ${status} has no body`);
        else if (typeof body === 'string' && body.includes('/'))
          assert.ok(answer.content[body], `${name} ${status}: ${body}`);
        else if (typeof body === 'string')
          assert.equal(refName(answer.content['application/json'].schema), body, `${name} ${status}`);
      }
      for (const [status, answer] of Object.entries(responses)) {
        if (Number(status) < 400 || name === 'headAttachment') continue;
        assert.equal(refName(answer.content?.['application/json']?.schema), 'ErrorBody', `${name} ${status}`);
        const codes = Object.entries(errorStatus)
          .filter(([, s]) => s === Number(status))
          .map(([code]) => code);
        assert.ok(
          codes.some((code) => answer.description.startsWith(code)),
          `${name} ${status}: ${answer.description}`,
        );
      }
      if (ROUTES[name].roles !== 'public') {
        for (const status of [401, 403]) assert.ok(responses[status], `${name}: ${status}`);
      }
      if (operationOf(name).parameters?.length || operationOf(name).requestBody)
        assert.ok(responses[400], `${name}: 400`);
    }
    assert.deepEqual(schemas.ErrorBody.properties.error.enum, Object.keys(errorStatus));
  });

  it('describes the event stream: its format, Last-Event-ID, the event types and who receives them', () => {
    const events = operationOf('events');
    assert.match(events.description, /text\/event-stream/);
    assert.match(events.description, /`id:`.*`event:`.*`data:`/s);
    assert.ok(events.parameters.some((p) => p.in === 'header' && p.name === 'Last-Event-ID'));
    assert.deepEqual(events['x-event-audience'], protocol.EVENT_AUDIENCE);
    for (const [role, types] of Object.entries(protocol.EVENT_AUDIENCE)) {
      assert.ok(events.description.includes(`| ${role} | ${types.map((t) => `\`${t}\``).join(', ')} |`), role);
    }
    const stream = events.responses[200].content['text/event-stream'];
    assert.equal(refName(stream['x-data-schema']), 'HallEvent');
    const types = schemas.HallEvent.oneOf.map((option) => schemas[refName(option)].properties.type.const);
    assert.deepEqual(types, [...protocol.HALL_EVENT_TYPES]);
    for (const block of stream.example.split('\n\n').filter((text) => text.includes('data: '))) {
      const event = JSON.parse(
        block
          .split('\n')
          .find((line) => line.startsWith('data: '))
          .slice(6),
      );
      assertValid('HallEvent', event, 'the stream example');
      assert.ok(v.is(protocol.HallEventSchema, event));
    }
  });

  it('says in the schemas what JSON Schema cannot: the cross-field checks, as descriptions and x-checks', () => {
    const rules = schemas.Case['x-checks'];
    assert.ok(
      rules.some((rule) => rule.startsWith('supplementDue:')),
      rules.join('\n'),
    );
    assert.ok(
      rules.some((rule) => rule.startsWith('materials: each material at most once')),
      rules.join('\n'),
    );
    for (const rule of rules) assert.ok(schemas.Case.description.includes(rule));
    assert.match(schemas.Phone.description, /landline/);
    assert.match(schemas.Applicant.description, /usccConfirmed/);
    assert.equal(schemas.Case.properties.createdAt.format, 'date-time');
    assert.equal(schemas.Case.properties.supplementDue.format, 'date');
    assert.deepEqual(schemas.Mutation.discriminator.propertyName, 'kind');
  });
});

// ── The examples ─────────────────────────────────────────────────────────────────────────────────────────────────

const syncBody = jsonBody(operationOf('sync'));
const syncExamples = Object.entries(syncBody.examples);
const exampleMutations = syncExamples.flatMap(([name, example]) => example.value.mutations.map((m) => [name, m]));

describe('the examples of the document', () => {
  it('show every mutation kind, and a case saved anew and again with its base', () => {
    for (const kind of MUTATION_KINDS)
      assert.ok(
        exampleMutations.some(([, m]) => m.kind === kind),
        kind,
      );
    const cases = exampleMutations.filter(([, m]) => m.kind === 'case.save').map(([, m]) => m);
    assert.ok(cases.some((m) => m.base === undefined));
    assert.ok(cases.some((m) => m.base !== undefined && cases.some((c) => c.payload.id === m.payload.id && c !== m)));
  });

  it('each mutation passes MutationSchema and the JSON Schema of Mutation; each body SyncRequest', () => {
    for (const [name, mutation] of exampleMutations) {
      const parsed = v.safeParse(MutationSchema, mutation);
      assert.ok(parsed.success, `${name}: ${JSON.stringify(parsed.issues?.map((i) => [v.getDotPath(i), i.message]))}`);
      assert.deepEqual(parsed.output, mutation, `${name}: already in the form the hall stores`);
      assertValid('Mutation', mutation, name);
    }
    for (const [name, example] of syncExamples) {
      assert.ok(v.is(SyncRequestSchema, example.value), name);
      assertValid('SyncRequest', example.value, name);
    }
  });

  it('takes in items and materials of the demo catalog, and the scan it cites is the example of PUT /attachments', () => {
    const upload = operationOf('putAttachment').requestBody.content['*/*'].examples.scan.value;
    const cases = exampleMutations.filter(([, m]) => m.kind === 'case.save').map(([, m]) => m.payload);
    for (const value of cases) {
      for (const { itemId, version } of value.items) {
        const item = demoCatalog.items.find((candidate) => candidate.id === itemId && candidate.version === version);
        assert.ok(item, `${itemId} v${version} is an item of the demo catalog`);
        for (const material of value.materials.filter((m) => m.itemIds.includes(itemId))) {
          assert.ok(
            item.materials.some((m) => m.id === material.materialId),
            material.materialId,
          );
        }
      }
      for (const hash of value.materials.flatMap((m) => m.attachments ?? [])) {
        assert.equal(hash, createHash('sha256').update(upload).digest('hex'));
      }
    }
  });

  it('are caught by the JSON Schema when broken (the check is not vacuous)', () => {
    const [, mutation] = exampleMutations.find(([, m]) => m.kind === 'case.save');
    const broken = [
      { ...mutation, kind: 'case.delete' },
      { ...mutation, payload: { ...mutation.payload, items: [] } },
      { ...mutation, payload: { ...mutation.payload, status: 'lost' } },
      { ...mutation, payload: { ...mutation.payload, createdAt: '2026-02-30T00:00:00Z' } },
      { ...mutation, payload: { ...mutation.payload, applicant: { ...mutation.payload.applicant, kind: 'robot' } } },
      { ...mutation, base: { version: 0 } },
      { id: mutation.id, kind: mutation.kind },
    ];
    for (const value of broken) {
      assert.notDeepEqual(validate(schemas.Mutation, value), [], JSON.stringify(value).slice(0, 120));
      assert.equal(v.is(MutationSchema, value), false);
    }
  });

  it('of other requests pass their schemas too', () => {
    const checked = [];
    for (const { operation } of operations) {
      const body = jsonBody(operation);
      if (!body || operation.operationId === 'sync') continue;
      const name = refName(body.schema);
      const values = [
        ...(body.example !== undefined ? [body.example] : []),
        ...Object.values(body.examples ?? {}).map((e) => e.value),
      ];
      for (const value of values) {
        assertValid(name, value, `${operation.operationId} example`);
        const source = protocol[`${name}Schema`];
        assert.ok(source, `${name}Schema`);
        assert.ok(v.is(source, value), `${operation.operationId} example passes ${name}Schema`);
        checked.push(operation.operationId);
      }
    }
    assert.ok(checked.includes('login') && checked.includes('issueTicket'), checked.join());
  });
});

describe('the examples, sent to the demo hall', () => {
  let hall;
  before(async () => (hall = await startHall()));
  after(() => hall?.dispose());

  it('are applied as they stand, and the hall answers as the document says', async () => {
    const login = await hall.call('POST', '/api/v1/session', {
      body: jsonBody(operationOf('login')).examples.clerk.value,
    });
    assert.equal(login.status, 200, login.text);
    assertValid('Session', login.body, 'the login answer');
    const clerk = login.body.token;

    const [, created] = exampleMutations.find(([name]) => name === 'caseSave');
    const scan = created.payload.materials.flatMap((m) => m.attachments ?? [])[0];
    const missing = await hall.call('POST', '/api/v1/sync', { token: clerk, body: syncBody.examples.caseSave.value });
    assert.equal(missing.status, 200);
    assertValid('SyncResponse', missing.body, 'the sync answer');
    assert.equal(missing.body.results[0].code, 'missing-attachments');
    assert.deepEqual(missing.body.results[0].missing, [scan]);

    const file = operationOf('putAttachment').requestBody.content['*/*'].examples.scan.value;
    const upload = await hall.call('PUT', `/api/v1/attachments/${scan}`, {
      token: clerk,
      raw: file,
      headers: { 'content-type': 'image/jpeg' },
    });
    assert.equal(upload.status, 201, upload.text);
    assertValid('AttachmentStored', upload.body, 'the upload answer');

    const results = {};
    for (const [name, token] of [
      ['caseSave', clerk],
      ['caseSaveBased', clerk],
      ['ratingSave', await hall.login('pad')],
      ['batch', clerk],
    ]) {
      const answer = await hall.call('POST', '/api/v1/sync', { token, body: syncBody.examples[name].value });
      assert.equal(answer.status, 200, `${name}: ${answer.text}`);
      assertValid('SyncResponse', answer.body, `the answer to ${name}`);
      results[name] = answer.body.results;
    }
    assert.deepEqual(
      results.caseSave.map((r) => [r.status, r.version]),
      [['applied', 1]],
      JSON.stringify(results.caseSave),
    );
    assert.deepEqual(
      results.caseSaveBased.map((r) => [r.status, r.version]),
      [['applied', 2]],
      JSON.stringify(results.caseSaveBased),
    );
    assert.deepEqual(
      results.ratingSave.map((r) => r.status),
      ['applied'],
      JSON.stringify(results.ratingSave),
    );
    assert.deepEqual(
      results.batch.map((r) => r.status),
      ['duplicate', 'duplicate'],
      JSON.stringify(results.batch),
    );

    const stored = await hall.call('GET', `/api/v1/cases/${created.payload.id}`, { token: clerk });
    assert.equal(stored.status, 200);
    assertValid('Case', stored.body, 'the case read back');
    assert.equal(stored.body.status, 'forwarded');
  });

  it('answers the other reads in the shapes the document gives', async () => {
    const manager = await hall.login('manager');
    const clerk = await hall.login('clerk2');
    const kiosk = await hall.login('kiosk');
    const ticket = await hall.call('POST', '/api/v1/queue/tickets', { token: kiosk, body: { category: 'A' } });
    assert.equal(ticket.status, 201, ticket.text);
    assertValid('AnyTicket', ticket.body, 'a kiosk ticket');
    assertValid('PublicTicket', ticket.body, 'a kiosk ticket');
    for (const [path, token, name] of [
      ['/api/v1/health', undefined, 'HallHealth'],
      ['/api/v1/session', manager, 'Session'],
      ['/api/v1/catalog', manager, 'CatalogSnapshot'],
      ['/api/v1/calendar', manager, 'Calendar'],
      ['/api/v1/queue', clerk, 'Queue'],
      ['/api/v1/queue', kiosk, 'Queue'],
      ['/api/v1/stats', manager, 'HallStatistics'],
      ['/api/v1/queue/report/today', manager, 'QueueReport'],
      ['/api/v1/queue/report/2999-01-01', manager, 'ErrorBody'],
      ['/api/v1/settings', manager, 'HallSettings'],
      ['/api/v1/settings/audit', manager, 'SettingsAudit'],
      ['/api/v1/nothing-here', manager, 'ErrorBody'],
      ['/api/v1/stats', clerk, 'ErrorBody'],
    ]) {
      const answer = await hall.call('GET', path, { token });
      assert.ok(answer.body !== undefined, `${path}: ${answer.status} ${answer.text.slice(0, 200)}`);
      assertValid(name, answer.body, `GET ${path} (${answer.status})`);
      const source = protocol[`${name}Schema`];
      assert.ok(v.is(source, answer.body), `GET ${path} passes ${name}Schema`);
    }
  });
});
