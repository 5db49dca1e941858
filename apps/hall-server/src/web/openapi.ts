/**
 * The OpenAPI 3.1 document of the hall protocol, generated: the routes, their methods and roles from `ROUTES`, every
 * request and answer body converted from the valibot schemas the hall validates with (`@valibot/to-json-schema`), so
 * that the document cannot drift from the hall. What JSON Schema cannot say (a check digit, a rule across fields) is
 * written into the schema's `description` and listed in its `x-checks`.
 * @module
 */
import { createHash } from 'node:crypto';
import {
  toJsonSchemaDefs,
  type ConversionConfig,
  type JsonSchema,
  type OverrideActionContext,
  type OverrideSchemaContext,
} from '@valibot/to-json-schema';
import * as v from 'valibot';
import {
  mergeItemForms,
  prefillForm,
  AddressSchema,
  AgencySchema,
  AppointmentRefSchema,
  BookingSchema,
  ApplicantSchema,
  AuditEntrySchema,
  BundleSchema,
  CASE_STATUSES,
  CaseItemSchema,
  CaseMaterialSchema,
  CaseNumberSchema,
  CaseSchema,
  CaseHandoverSchema,
  CaseResultSchema,
  CatalogSchema,
  FeeSchema,
  HallCodeSchema,
  HolidayScheduleSchema,
  IdDocumentTypeSchema,
  IdNumberSchema,
  IdentitySchema,
  MaterialRequirementSchema,
  OrganisationApplicantSchema,
  PersonApplicantSchema,
  PersonNameSchema,
  PhoneSchema,
  ProxySchema,
  RatingSchema,
  ServiceItemSchema,
  SpecialProcedureSchema,
  TRANSITION_ACTIONS,
  TicketSchema,
  TimeLimitSchema,
  UlidSchema,
  UsccConfirmationSchema,
  WindowCodeSchema,
  allowedTransitions,
  chinaDay,
  codeSchema,
  createUlidGenerator,
  formatCaseNumber,
  isoDateSchema,
  isoTimestampSchema,
  type Case,
  type Rating,
  type AssistVisit,
  type RemotePackage,
  type ServiceItem,
} from '@yichuang/core';
import { DEMO_HALL, demoCatalog } from '@yichuang/demo-catalog';
import {
  API_PREFIX,
  AccountSettingSchema,
  AccountSummarySchema,
  AnyTicketSchema,
  AttachmentStoredSchema,
  CASE_READ_PURPOSES,
  CalendarSchema,
  CallNextSchema,
  QueueCommandSchema,
  QueueCommandAnswerSchema,
  AppointmentImportSchema,
  AppointmentImportResultSchema,
  QueueWindowSchema,
  CaseReadPurposeSchema,
  CaseReadSchema,
  CaseReadsSchema,
  CatalogSnapshotSchema,
  CategoriesSettingSchema,
  ChangePasswordSchema,
  ClaimCaseSchema,
  DeviceEnrolSchema,
  DeviceLoginSchema,
  DeviceSummarySchema,
  ERROR_STATUS,
  EVENT_AUDIENCE,
  EnrolledDeviceSchema,
  FOLLOW_UP_ACTIONS,
  FOLLOW_UP_FILTERS,
  FollowUpActSchema,
  COMMITMENT_FILTERS,
  RecordResultSchema,
  ResultRecordedSchema,
  ReadyResultListSchema,
  MAX_READY_RESULTS_LISTED,
  CommitmentListSchema,
  HallCommitmentSchema,
  MAX_COMMITMENTS_LISTED,
  FollowUpEntrySchema,
  FollowUpListSchema,
  FollowUpSchema,
  FollowUpSettingSchema,
  MAX_FOLLOW_UP_RANGE_DAYS,
  MAX_FOLLOW_UPS_LISTED,
  REVIEW_OUTCOMES,
  ErrorBodySchema,
  HALL_EVENT_TYPES,
  HallEventSchema,
  HallHealthSchema,
  HallSettingsSchema,
  HallStatisticsSchema,
  IssueTicketSchema,
  LicenceLookupSchema,
  LicenceSchema,
  LicencesSchema,
  LoginSchema,
  MAX_SYNC_BATCH,
  MUTATION_KINDS_SPEC,
  MutationBaseSchema,
  MutationResultSchema,
  MutationSchema,
  NewPasswordSchema,
  PUBLIC_ROLES,
  PasswordLoginSchema,
  PublicTicketSchema,
  QueueCategorySchema,
  QueueReportDaySchema,
  QueueReportSchema,
  QueueSchema,
  REJECTION_CODES,
  ROLES,
  ROLE_KEYS,
  ROUTES,
  RecoveryPublicKeySchema,
  EnrolPeerSchema,
  ExchangePackageSchema,
  ExchangeUpdateSchema,
  RemoteDecisionSchema,
  EXCHANGE_HEADERS,
  SessionSchema,
  SettingsAuditEntrySchema,
  SettingsAuditSchema,
  SyncRequestSchema,
  SyncResponseSchema,
  WindowSettingSchema,
  WindowsSettingSchema,
  type ErrorCode,
  type Mutation,
  type RouteName,
} from '@yichuang/hall-client/protocol.js';

/** A JSON value of the document (a Schema Object, an Operation …). */
type Json = Record<string, unknown>;
/** Any valibot schema. */
type Schema = v.GenericSchema;

/** The schema at the head of a pipe (an object schema with its cross-field checks after it), or the schema itself. */
const head = (schema: Schema): Schema =>
  'pipe' in schema && Array.isArray(schema.pipe) && schema.pipe.length > 0 ? (schema.pipe[0] as Schema) : schema;

/** `case.save` → `CaseSave`, `ticket.called` → `TicketCalled`. */
const pascal = (text: string) =>
  text
    .split(/[^0-9A-Za-z]+/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/** The option of a variant whose discriminator (a literal or a picklist) takes `value`. */
const optionOf = (options: readonly Schema[], key: string, value: string): Schema => {
  const found = options.find((option) => {
    const entries = (option as unknown as { entries?: Record<string, { literal?: unknown; options?: unknown[] }> })
      .entries;
    const entry = entries?.[key];
    return entry?.literal === value || (entry?.options?.includes(value) ?? false);
  });
  if (!found) throw new Error(`openapi: no option with ${key} ${value}`);
  return found;
};

// ── Components: every schema the hall validates with or answers, under the name the document gives it ──────────
// A schema object listed here is written once, under `components.schemas`, and referenced (`$ref`) wherever it is
// used. Names are the protocol's type names.

const mutationOptions = MutationSchema.options as unknown as Schema[];
const eventOptions = HallEventSchema.options as unknown as Schema[];

const COMPONENTS: Record<string, Schema> = {
  // Requests
  Login: LoginSchema,
  PasswordLogin: PasswordLoginSchema,
  DeviceLogin: DeviceLoginSchema,
  ChangePassword: ChangePasswordSchema,
  NewPassword: NewPasswordSchema,
  SyncRequest: SyncRequestSchema,
  Mutation: MutationSchema,
  ...Object.fromEntries(
    Object.keys(MUTATION_KINDS_SPEC).map((kind) => [
      `${pascal(kind)}Mutation`,
      optionOf(mutationOptions, 'kind', kind),
    ]),
  ),
  MutationBase: MutationBaseSchema,
  IssueTicket: IssueTicketSchema,
  CallNext: CallNextSchema,
  QueueCommand: QueueCommandSchema,
  AppointmentImport: AppointmentImportSchema,
  LicenceLookup: LicenceLookupSchema,
  ClaimCase: ClaimCaseSchema,
  RecordResult: RecordResultSchema,
  WindowsSetting: WindowsSettingSchema,
  WindowSetting: WindowSettingSchema,
  CategoriesSetting: CategoriesSettingSchema,
  QueueCategory: QueueCategorySchema,
  AccountSetting: AccountSettingSchema,
  DeviceEnrol: DeviceEnrolSchema,
  RecoveryPublicKey: RecoveryPublicKeySchema,
  FollowUpAct: head(FollowUpActSchema),
  FollowUpSetting: FollowUpSettingSchema,
  EnrolPeer: EnrolPeerSchema,
  ExchangePackage: ExchangePackageSchema,
  ExchangeUpdate: ExchangeUpdateSchema,
  RemoteDecision: head(RemoteDecisionSchema),
  // Answers
  Session: SessionSchema,
  SyncResponse: SyncResponseSchema,
  MutationResult: MutationResultSchema,
  MutationApplied: optionOf(MutationResultSchema.options as unknown as Schema[], 'status', 'applied'),
  MutationRejected: optionOf(MutationResultSchema.options as unknown as Schema[], 'status', 'rejected'),
  HallEvent: HallEventSchema,
  ...Object.fromEntries(HALL_EVENT_TYPES.map((type) => [`${pascal(type)}Event`, optionOf(eventOptions, 'type', type)])),
  HallHealth: HallHealthSchema,
  HallStatistics: HallStatisticsSchema,
  CatalogSnapshot: CatalogSnapshotSchema,
  Calendar: CalendarSchema,
  Licences: LicencesSchema,
  Licence: LicenceSchema,
  CaseReads: CaseReadsSchema,
  CaseRead: CaseReadSchema,
  Queue: QueueSchema,
  QueueWindow: QueueWindowSchema,
  QueueCommandAnswer: QueueCommandAnswerSchema,
  AppointmentImportResult: AppointmentImportResultSchema,
  QueueReport: QueueReportSchema,
  HallSettings: HallSettingsSchema,
  AccountSummary: AccountSummarySchema,
  DeviceSummary: DeviceSummarySchema,
  EnrolledDevice: EnrolledDeviceSchema,
  SettingsAudit: SettingsAuditSchema,
  SettingsAuditEntry: SettingsAuditEntrySchema,
  FollowUpList: FollowUpListSchema,
  CommitmentList: CommitmentListSchema,
  ResultRecorded: ResultRecordedSchema,
  ReadyResultList: ReadyResultListSchema,
  CaseResult: CaseResultSchema,
  CaseHandover: CaseHandoverSchema,
  HallCommitment: HallCommitmentSchema,
  FollowUp: FollowUpSchema,
  FollowUpEntry: FollowUpEntrySchema,
  AttachmentStored: AttachmentStoredSchema,
  ErrorBody: ErrorBodySchema,
  // The records of the core
  Case: CaseSchema,
  CaseItem: CaseItemSchema,
  CaseMaterial: CaseMaterialSchema,
  AuditEntry: AuditEntrySchema,
  Applicant: ApplicantSchema,
  PersonApplicant: head(PersonApplicantSchema),
  OrganisationApplicant: head(OrganisationApplicantSchema),
  UsccConfirmation: UsccConfirmationSchema,
  Proxy: ProxySchema,
  Identity: IdentitySchema,
  PersonName: PersonNameSchema,
  IdDocumentType: IdDocumentTypeSchema,
  IdNumber: IdNumberSchema,
  Phone: PhoneSchema,
  Address: AddressSchema,
  Rating: RatingSchema,
  Ticket: TicketSchema,
  PublicTicket: PublicTicketSchema,
  AnyTicket: AnyTicketSchema,
  AppointmentRef: AppointmentRefSchema,
  Booking: BookingSchema,
  Catalog: CatalogSchema,
  ServiceItem: ServiceItemSchema,
  Bundle: BundleSchema,
  MaterialRequirement: MaterialRequirementSchema,
  TimeLimit: TimeLimitSchema,
  Agency: AgencySchema,
  Fee: FeeSchema,
  SpecialProcedure: SpecialProcedureSchema,
  HolidaySchedule: HolidayScheduleSchema,
  CaseNumber: CaseNumberSchema,
  HallCode: HallCodeSchema,
  WindowCode: WindowCodeSchema,
  CaseReadPurpose: CaseReadPurposeSchema,
  // Path parameters
  Ulid: UlidSchema,
  UserName: codeSchema('user'),
  DeviceId: DeviceEnrolSchema.entries.id,
  Sha256: v.pipe(
    v.string(),
    v.regex(/^[0-9a-fA-F]{64}$/),
    v.description('SHA-256 of the file, 64 hexadecimal characters (the hall names it in lower case)'),
  ),
  QueueReportDay: v.union([v.literal('today'), QueueReportDaySchema]),
  CalendarYear: v.pipe(v.number(), v.integer(), v.minValue(1950), v.maxValue(2200)),
};

/**
 * What a schema checks that its JSON Schema cannot say and no message of its own tells (a `v.rawCheck` reports its
 * issues itself; a `v.transform` normalises): said here, added to the schema's description.
 */
const NOTES: Record<string, string> = {
  Phone:
    'A mainland mobile number (11 digits starting with 1) or a landline number with its area code; `+86` / `0086`, ' +
    'spaces, dashes and (landlines) an extension are accepted. The hall stores the digits only, e.g. `13812345678`, ' +
    '`02223456789-8001`.',
  IdNumber:
    'Checked against the `idType` next to it: a resident identity number (and the 18-character ' +
    'residence permits starting 810000, 820000, 830000 and the foreigner’s permanent residence card starting 9) in ' +
    'full per GB 11643 — check character, a birth date that exists and is not in the future; 15-digit numbers are ' +
    'converted to 18 — the other documents by their shape.',
  Identity: 'idNumber is checked against idType (see IdNumber) and stored in its canonical form.',
  Proxy: 'idNumber is checked against idType (see IdNumber) and stored in its canonical form.',
  Applicant:
    'A person (`kind: person`) or an organisation (`kind: organisation`). A person’s idNumber is checked against ' +
    'idType (see IdNumber). An organisation’s uscc must pass the unified social credit code check (GB 32100, with the ' +
    'GB 11714 organisation code inside), or fail only its check characters and carry `usccConfirmed` (an early-pilot ' +
    'code a clerk compared with the licence); `usccConfirmed` on a code that passes is refused.',
  OrganisationApplicant:
    'uscc: 18 characters of a unified social credit code, upper case, no spaces (see Applicant for its check).',
  Catalog: 'Item ids are unique, and every item a bundle lists is an item of the catalog.',
  Rating: 'grade and the dimensions: 1 非常不满意 … 5 非常满意.',
  Mutation:
    '`kind` names the payload: ' +
    Object.entries(MUTATION_KINDS_SPEC)
      .map(
        ([kind, spec]) =>
          `\`${kind}\` a ${pascal(kind.split('.')[0]!)}` +
          (spec.versioned ? ' (versioned: a save of a record the hall holds names its `base`)' : ''),
      )
      .join(', ') +
    '. The client makes the `id` (a ULID) once and sends it again on every retry: the hall applies it at most once.',
  SyncRequest:
    `At most ${MAX_SYNC_BATCH} mutations. Each is validated on its own as a Mutation: one bad mutation is rejected ` +
    'alone (`rejected`/`invalid`), the others are applied.',
};

// ── The conversion ───────────────────────────────────────────────────────────────────────────────────────────────

/** The English of a valibot message (a text, or a function of the issue in the issue's language). */
function englishOf(message: unknown, action: { kind: string; type: string; expects?: unknown; requirement?: unknown }) {
  if (typeof message === 'string') return message;
  if (typeof message !== 'function') return undefined;
  const say = (input: string): string => {
    const issue = {
      kind: action.kind,
      type: action.type,
      input,
      expected: action.expects ?? null,
      received: JSON.stringify(input),
      message: '',
      requirement: action.requirement,
      lang: 'en-US',
    };
    return String((message as (issue: unknown) => unknown)(issue));
  };
  try {
    const [a, b] = [say(''), say('0123456789ABCDEFGHIJ')];
    if (a === b) return a;
    // The message quotes the input: keep the sentences before it.
    let same = 0;
    while (same < a.length && a[same] === b[same]) same++;
    const before = a.slice(0, same);
    const end = Math.max(before.lastIndexOf('; '), before.lastIndexOf('. '));
    return end > 0 ? before.slice(0, end) : undefined;
  } catch {
    return undefined;
  }
}

/** Adds a rule the JSON Schema does not enforce: listed in `x-checks`, written out in the description later. */
function withCheck(jsonSchema: JsonSchema, rule: string): JsonSchema {
  const checks = (jsonSchema as Json)['x-checks'];
  return { ...jsonSchema, 'x-checks': [...(Array.isArray(checks) ? checks : []), rule] } as JsonSchema;
}

/** Checks whose requirement is a JSON Schema format: the core's date and time fields. */
const KNOWN_REQUIREMENTS = new Map<unknown, JsonSchema>([
  [(isoTimestampSchema('at').pipe[1] as { requirement: unknown }).requirement, { format: 'date-time' }],
  [(isoDateSchema('on').pipe[1] as { requirement: unknown }).requirement, { format: 'date' }],
]);
/** Checks with a JSON Schema keyword that says part of what they check: the shape of a case number. */
const KNOWN_ACTIONS = new Map<unknown, JsonSchema>([
  [CaseNumberSchema.pipe[1], { pattern: '^[0-9A-Za-z]{1,16}-\\d{8}-[0-9A-Za-z]{1,16}-\\d{4,}$' }],
]);

/** Stated by the description instead of a keyword: upper- and lower-casing before the checks. */
const TRANSFORMATION_NOTES: Record<string, string> = {
  to_upper_case: 'Upper-cased by the hall before it is checked',
  to_lower_case: 'Lower-cased by the hall before it is checked',
};

/**
 * The actions JSON Schema has no keyword for: a `check` with a known requirement becomes its keyword; any other
 * check, partial check or forwarded check is kept as its message (`x-checks` and the description); casing
 * transformations are noted; `trim`, `transform`, `raw_check` (described by {@link NOTES}) and metadata the converter
 * does not know are left out. Nothing is thrown on.
 */
function describeAction({ valibotAction, jsonSchema, errors }: OverrideActionContext): JsonSchema | undefined {
  const action = valibotAction as unknown as {
    kind: string;
    type: string;
    requirement?: unknown;
    message?: unknown;
    expects?: unknown;
  };
  // A date or time check: its format says it all.
  const format = KNOWN_REQUIREMENTS.get(action.requirement);
  if (format) return { ...jsonSchema, ...format };
  const known = KNOWN_ACTIONS.get(valibotAction);
  if (!errors && !known) return undefined;
  let schema: JsonSchema = { ...jsonSchema, ...known };
  if (action.type === 'regex') {
    // JSON Schema patterns are Unicode-aware (ECMA-262 with the `u` flag): `\p{L}` means what it means here.
    const flags = (action.requirement as RegExp).flags.replace(/[uv]/g, '');
    if (flags) schema = withCheck(schema, `pattern applies with the flags ${flags}`);
    if (errors?.some((error) => error.includes('another regex'))) {
      schema = withCheck(schema, `also matches /${(action.requirement as RegExp).source}/`);
    }
    return schema;
  }
  if (action.kind === 'transformation') {
    const note = TRANSFORMATION_NOTES[action.type];
    return note ? withCheck(schema, note) : schema;
  }
  if (action.kind === 'validation') {
    const message = englishOf(action.message, action);
    if (!message) return schema;
    // A field's own check names the field first (`number: …`); the schema is the field's, so the name goes.
    if (jsonSchema.type === 'object') return withCheck(schema, message);
    const rule = message.replace(/^[\w .-]{1,40}: /, '');
    return withCheck(schema, rule.charAt(0).toUpperCase() + rule.slice(1));
  }
  return schema;
}

/**
 * A variant (`v.variant`) converts to `oneOf`: when every option is a component, the discriminator (OpenAPI's
 * `discriminator`, which JSON Schema validators ignore) names the key and maps its values to them.
 */
function describeSchema({ valibotSchema, jsonSchema }: OverrideSchemaContext): JsonSchema | undefined {
  if (valibotSchema.type !== 'variant') return undefined;
  const variant = valibotSchema as unknown as {
    key: string;
    options: { entries: Record<string, { literal?: unknown; options?: unknown[] }> }[];
  };
  const refs = (jsonSchema.oneOf ?? []).map((option) => (typeof option === 'object' ? option.$ref : undefined));
  if (refs.some((ref) => ref === undefined)) return undefined;
  const mapping: Record<string, string> = {};
  variant.options.forEach((option, i) => {
    const entry = option.entries[variant.key];
    const values = entry?.literal !== undefined ? [entry.literal] : (entry?.options ?? []);
    for (const value of values) mapping[String(value)] = refs[i]!;
  });
  return { ...jsonSchema, discriminator: { propertyName: variant.key, mapping } } as JsonSchema;
}

const CONVERSION: ConversionConfig = {
  // OpenAPI 3.1 schemas are JSON Schema 2020-12.
  target: 'draft-2020-12',
  // Requests and answers share their records (a case is sent and read back): one schema for both, the JSON form.
  typeMode: 'ignore',
  // Every action is handled by `describeAction`; a schema JSON cannot carry at all (a Date, a Map …) is a bug of
  // the protocol, whose bodies are JSON: it throws, and the test of this document fails.
  errorMode: 'throw',
  overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
  overrideAction: describeAction,
  overrideSchema: describeSchema,
};

/** Writes every `x-checks` list into its schema's description too, for the readers that show descriptions only. */
function describeChecks(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(describeChecks);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const node = value as Json;
  for (const item of Object.values(node)) describeChecks(item);
  const checks = node['x-checks'];
  if (!Array.isArray(checks) || checks.length === 0) return;
  const lines = checks.map((check) => `- ${String(check)}`).join('\n');
  const description = typeof node.description === 'string' ? `${node.description}\n\n` : '';
  node.description = `${description}Also checked by the hall:\n${lines}`;
}

/** Every component as JSON Schema, with its notes. */
function componentSchemas(): Record<string, JsonSchema> {
  const schemas = toJsonSchemaDefs(COMPONENTS, CONVERSION) as Record<string, JsonSchema>;
  // The hall validates each mutation of a sync on its own (so that one bad mutation is refused alone): the body is
  // a list of anything as a schema, documented as the list of mutations it must be.
  const sync = schemas.SyncRequest?.properties?.mutations;
  if (typeof sync !== 'object' || !sync.items) throw new Error('openapi: SyncRequest.mutations is not a list');
  sync.items = ref('Mutation');
  for (const [name, note] of Object.entries(NOTES)) {
    const schema = schemas[name];
    if (!schema) throw new Error(`openapi: a note for ${name}, which is no component`);
    schema.description = schema.description ? `${schema.description} ${note}` : note;
  }
  describeChecks(schemas);
  return schemas;
}

// ── Examples: a first `case.save` that the demo hall applies ─────────────────────────────────────────────────────

/** The demo catalog item the examples take in: 社会保障卡申领, or any item for persons with two materials or more. */
function exampleItem(): ServiceItem {
  const forPersons = demoCatalog.items.filter((item) => item.serviceObject.includes('person'));
  const item =
    forPersons.find((candidate) => candidate.id === 'si-card-application') ??
    forPersons.find((candidate) => candidate.materials.length >= 2);
  if (!item) throw new Error('openapi: the demo catalog has no item for persons with two materials');
  return item;
}

/** The mutations of the examples, and what they were made of. */
export interface ExampleMutations {
  /** A new case taken in at a window of the demo hall. */
  created: Mutation;
  /** The same case forwarded later, based on the version the first save made. */
  forwarded: Mutation;
  /** The applicant's rating of the service. */
  rating: Mutation;
  /** The helper desk's visit for the applicant (帮办代办): the person, the help given, the case taken in. */
  visit: Mutation;
  /** A case collected at the window for another region's hall (跨省通办): its forwarding package. */
  forwardedPackage: Mutation;
  /** The clerk who took the case in. */
  clerk: string;
  /** The SHA-256 of the scanned file the case cites. */
  scan: string;
  /** The scanned file itself (a stand-in text), as `PUT /attachments/{sha256}` uploads it. */
  file: string;
}

/** The mutations of the examples: a new case, the same case forwarded (with its base), a rating of it. */
export function exampleMutations(): ExampleMutations {
  // Fixed times and a fixed random source: the document is the same in every process. Ids in the order of time.
  let draw = 0;
  const ids = createUlidGenerator((bytes) => {
    draw += 1;
    bytes.forEach((_, i) => (bytes[i] = (i * 53 + draw * 97 + 11) & 255));
  });
  const createdAt = '2026-03-02T01:15:00.000Z'; // 09:15 China time
  const ratedAt = '2026-03-02T01:32:10.000Z';
  const forwardedAt = '2026-03-02T06:40:00.000Z';
  const item = exampleItem();
  const clerk = DEMO_HALL.accounts.find((account) => account.role === 'clerk' && account.window !== undefined);
  if (!clerk?.window) throw new Error('openapi: the demo hall has no clerk with a window');
  const window = clerk.window;
  const materials = [
    ...item.materials.filter((material) => material.necessity === 'required'),
    ...item.materials.filter((material) => material.necessity === 'optional'),
  ].slice(0, 2);
  const file = `(the scan of ${materials.at(-1)?.id ?? 'a material'})`;
  const scan = createHash('sha256').update(file).digest('hex');

  const caseId = ids(Date.parse(createdAt));
  const createdId = ids(Date.parse(createdAt) + 2_000);
  const ratingId = ids(Date.parse(ratedAt));
  const ratingMutationId = ids(Date.parse(ratedAt) + 2_000);
  const forwardedId = ids(Date.parse(forwardedAt) + 2_000);
  const visitAt = '2026-03-02T01:05:00.000Z';
  const visitId = ids(Date.parse(visitAt));
  const visitMutationId = ids(Date.parse(createdAt) + 4_000);

  const applicant: Case['applicant'] = {
    kind: 'person',
    name: '刘洋',
    idType: 'resident-id',
    idNumber: '120101198506201519',
    phone: '13812345678',
  };
  const created: Case = {
    id: caseId,
    number: formatCaseNumber({ hall: DEMO_HALL.code, date: chinaDay(Date.parse(createdAt)), window, seq: 7 }),
    hall: DEMO_HALL.code,
    window,
    items: [{ itemId: item.id, version: item.version }],
    applicant,
    materials: materials.map((material, i) =>
      i === 0
        ? { materialId: material.id, itemIds: [item.id], receipt: 'paper', copies: 1 }
        : { materialId: material.id, itemIds: [item.id], receipt: 'scan', copies: 0, attachments: [scan] },
    ),
    // The application form: what the window knows of the applicant fills it in.
    form: prefillForm(mergeItemForms([item]), {}, { applicant }),
    status: 'accepted',
    responsibleClerk: clerk.user,
    audit: [
      { at: createdAt, actor: clerk.user, window, action: TRANSITION_ACTIONS.accepted, from: 'draft', to: 'accepted' },
    ],
    createdAt,
    updatedAt: createdAt,
  };
  const forwarded: Case = {
    ...created,
    status: 'forwarded',
    audit: [
      ...created.audit,
      {
        at: forwardedAt,
        actor: clerk.user,
        window,
        action: TRANSITION_ACTIONS.forwarded,
        from: 'accepted',
        to: 'forwarded',
      },
    ],
    updatedAt: forwardedAt,
  };
  const rating: Rating = {
    id: ratingId,
    caseId,
    window,
    clerk: clerk.user,
    grade: 5,
    dimensions: { overall: 5, efficiency: 5, level: 5, attitude: 4 },
    comment: '材料一次讲清，很快办好',
    at: ratedAt,
    channel: 'pad',
  };
  // The applicant is elderly and came to the helper desk first: guided, helped to fill in the form, taken in there.
  const visit: AssistVisit = {
    id: visitId,
    hall: DEMO_HALL.code,
    window,
    helper: clerk.user,
    served: { person: { ...applicant, specialGroups: ['elderly'] }, contact: 'phone', accompanied: true },
    help: [
      { kind: 'guidance', minutes: 5, at: visitAt },
      { kind: 'assisted-filling', minutes: 10, at: createdAt },
    ],
    cases: [caseId],
    status: 'open',
    createdAt: visitAt,
    updatedAt: createdAt,
  };
  // The same applicant, for an item decided in another province: collected here with a scan of each material.
  const packageId = ids(Date.parse(forwardedAt) + 4_000);
  const forwardedPackage: RemotePackage = {
    id: packageId,
    number: formatCaseNumber({ hall: DEMO_HALL.code, date: chinaDay(Date.parse(forwardedAt)), window, seq: 8 }),
    hall: DEMO_HALL.code,
    window,
    clerk: clerk.user,
    target: { hall: 'GDNS01', region: '440305', authority: '深圳市南山区人力资源局' },
    mode: 'collect',
    item: { itemId: item.id, version: item.version },
    applicant,
    materials: item.materials
      .filter((material) => material.necessity === 'required')
      .map((material) => ({ materialId: material.id, files: [scan] })),
    returnWay: 'pickup',
    collectedAt: forwardedAt,
  };
  return {
    created: { id: createdId, kind: 'case.save', payload: created },
    visit: { id: visitMutationId, kind: 'assist.save', payload: visit },
    forwardedPackage: { id: ids(Date.parse(forwardedAt) + 6_000), kind: 'remote.save', payload: forwardedPackage },
    forwarded: { id: forwardedId, kind: 'case.save', payload: forwarded, base: { version: 1 } },
    rating: { id: ratingMutationId, kind: 'rating.save', payload: rating },
    clerk: clerk.user,
    scan,
    file,
  };
}

function syncExamples(examples: ExampleMutations): Json {
  const { created, forwarded, rating, visit, forwardedPackage, clerk, scan } = examples;
  return {
    caseSave: {
      summary: 'case.save: a new case (clerk)',
      description:
        `Clerk ${clerk} takes in an item of the demo catalog at their window: the case number is the hall, the ` +
        'China day of createdAt, the window and a sequence; the materials are those of the item version, each ' +
        'listing the items that need it. A new case has no `base`. The scanned file is uploaded first ' +
        `(\`PUT ${API_PREFIX}/attachments/${scan}\`), else the answer is \`rejected\`/\`missing-attachments\` with the ` +
        'hashes to upload.',
      value: { mutations: [created] },
    },
    caseSaveBased: {
      summary: 'case.save: the same case changed, with its base (clerk)',
      description:
        'Forwarded for decision later that day: the whole case again, its audit trail grown by one entry, and ' +
        '`base: { "version": 1 }`, the version the first save answered. Made offline before that answer came, ' +
        `it would name the first save instead: \`base: { "mutation": "${created.id}" }\`.`,
      value: { mutations: [forwarded] },
    },
    ratingSave: {
      summary: 'rating.save: the applicant rates the service (rating pad)',
      description: 'Sent by the rating pad of the window (or the clerk); credited to the clerk logged in there.',
      value: { mutations: [rating] },
    },
    assistSave: {
      summary: 'assist.save: a visit at the helper desk (clerk)',
      description:
        'A helper (a clerk at their window) registers the person served and logs each help given; the case taken in ' +
        'for them is listed. The hall names the helper itself: a clerk sends only visits of their own. A proxy whose ' +
        'authorisation had lapsed on the day the visit began is refused; the help log and the cases only grow.',
      value: { mutations: [visit] },
    },
    remoteSave: {
      summary: 'remote.save: a case collected here for another region’s hall (clerk)',
      description:
        'Collected at the window for GDNS01 (跨省通办, 异地代收代办): the item and materials of the copy this hall keeps of ' +
        'that hall’s catalog, a scan of each (uploaded first). The hall records it as forwarded and sends the package ' +
        'to the deciding hall, signed, until it answers (see “Between halls” in the protocol reference).',
      value: { mutations: [forwardedPackage] },
    },
    batch: {
      summary: 'Several mutations in one request',
      description: 'Applied in order, each on its own; the answer has one result per mutation, same order.',
      value: { mutations: [created, rating] },
    },
  };
}

// ── Operations ───────────────────────────────────────────────────────────────────────────────────────────────────

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: string | JsonSchema, description: string, extra: Json = {}): Json => ({
  description,
  content: { 'application/json': { schema: typeof schema === 'string' ? ref(schema) : schema, ...extra } },
});
const none = (description: string, extra: Json = {}): Json => ({ description, ...extra });
const error = (description: string): Json => json('ErrorBody', description);
const header = (description: string, schema: JsonSchema = { type: 'string' }): Json => ({ description, schema });

interface Operation {
  summary: string;
  description?: string;
  /** Parameters besides the path's, whose schemas come from {@link PATH_PARAMETERS}. */
  parameters?: Json[];
  /** The JSON body: the component it is, and examples. */
  body?: { schema: string; examples?: Json; example?: unknown; description?: string };
  /** A body that is not JSON. */
  rawBody?: Json;
  responses: Record<number, Json>;
  /** Specification extensions (`x-…`) of the operation. */
  extensions?: Json;
}

/** The schema and description of each path parameter. */
const PATH_PARAMETERS: Record<string, { schema: string; description: string }> = {
  year: { schema: 'CalendarYear', description: 'The year of the schedule in the body' },
  sha256: { schema: 'Sha256', description: 'SHA-256 of the file' },
  id: { schema: 'Ulid', description: 'Case id' },
  hall: { schema: 'HallCode', description: 'Code of an enrolled hall' },
  user: { schema: 'UserName', description: 'User name of the account' },
  day: { schema: 'QueueReportDay', description: '`today` (the hall’s), or a China-time date YYYY-MM-DD' },
};
/** Path parameters named alike on different routes. */
const PARAMETER_OF: Partial<Record<RouteName, Record<string, { schema: string; description: string }>>> = {
  revokeDevice: { id: { schema: 'DeviceId', description: 'Device id' } },
  actOnFollowUp: { id: { schema: 'Ulid', description: 'Id of the rating followed up' } },
};

const statusLines = CASE_STATUSES.map((status) => {
  const next = allowedTransitions(status);
  return `\`${status}\` → ${next.length > 0 ? next.map((s) => `\`${s}\``).join(', ') : '(final)'}`;
}).join('; ');

const audienceTable = [
  '| role | receives |',
  '| --- | --- |',
  ...ROLE_KEYS.map((role) => `| ${role} | ${EVENT_AUDIENCE[role].map((type) => `\`${type}\``).join(', ')} |`),
].join('\n');

const attachmentHeaders = {
  'Content-Length': header('Its size in bytes', { type: 'integer' }),
  ETag: header('The quoted SHA-256'),
};

/** What each route takes and answers, besides the errors of every route (added by {@link operationOf}). */
const operations = (examples: ExampleMutations): Record<RouteName, Operation> => ({
  health: { summary: 'Is the hall up?', responses: { 200: json('HallHealth', 'The hall is serving') } },
  openapi: {
    summary: 'This document',
    description: 'Generated from the schemas the hall validates with: it cannot drift from the hall.',
    responses: { 200: json({ type: 'object' }, 'OpenAPI 3.1, JSON') },
  },
  login: {
    summary: 'Log in: a clerk or manager with a password, a device with its token',
    description:
      'A window has one live session: logging in at a staffed window is refused (409 `conflict`) unless `takeOver` ' +
      'is true, which ends the other session.',
    body: {
      schema: 'Login',
      examples: {
        clerk: { summary: 'A clerk at their usual window', value: { user: 'clerk01', password: 'yichuang-demo' } },
        device: { summary: 'An enrolled device', value: { deviceToken: 'demo-kiosk-token-0001' } },
      },
    },
    responses: {
      200: json('Session', 'Logged in: send the token as `Authorization: Bearer <token>` from then on'),
      401: error('unauthenticated: wrong user name or password, or an unknown or revoked device token'),
      409: error('conflict: the window is staffed by another session (log in with `takeOver: true` to take it over)'),
      429: error(
        'rate-limited: too many failed logins for this user name or from this address; Retry-After says in how many ' +
          'seconds to try again',
      ),
    },
  },
  session: { summary: 'The session of the token', responses: { 200: json('Session', 'The session') } },
  logout: {
    summary: 'Log out: the token stops working, its event streams end',
    responses: { 204: none('Logged out') },
  },
  changePassword: {
    summary: 'Change one’s own password',
    body: { schema: 'ChangePassword' },
    responses: {
      204: none('Changed'),
      400: error('invalid: the body is not valid, or the current password is wrong'),
    },
  },
  catalog: {
    summary: 'The current catalog and the holiday calendar',
    description:
      'The ETag names the catalog version and the calendar revision: send it back in If-None-Match (or the quoted ' +
      'catalog version the window holds) to get 304 when nothing changed. Sent gzipped to a client that accepts it.',
    parameters: [
      { name: 'If-None-Match', in: 'header', schema: { type: 'string' }, description: 'The ETag the client holds' },
      { name: 'Accept-Encoding', in: 'header', schema: { type: 'string' }, description: '`gzip` for a gzipped body' },
    ],
    responses: {
      200: {
        ...json('CatalogSnapshot', 'The catalog'),
        headers: {
          ETag: header('Names the catalog version and the calendar revision'),
          'Content-Encoding': header('`gzip` when the client accepts it'),
        },
      },
      304: none('The client holds this version', { headers: { ETag: header('The current ETag') } }),
      404: error('not-found: no catalog published yet'),
    },
  },
  publishCatalog: {
    summary: 'Publish a catalog version',
    description: 'An item version once published never changes: publishing it again with other content is a conflict.',
    body: { schema: 'Catalog' },
    responses: {
      204: none('Published: windows receive `catalog.published`'),
      409: error('conflict: this catalog version exists, or an item version changed'),
    },
  },
  calendar: {
    summary: 'The holiday schedules the hall knows, one per year',
    responses: { 200: json('Calendar', 'The schedules') },
  },
  publishCalendar: {
    summary: 'Load (or correct) the holiday schedule of a year',
    body: { schema: 'HolidaySchedule' },
    responses: {
      204: none('Loaded: windows receive `calendar.published`'),
      400: error('invalid: the schedule is not valid, or its year is not the year of the path'),
    },
  },
  sync: {
    summary: 'Apply mutations, each at most once',
    description: [
      'Each mutation is applied on its own, in order; the results come in the same order. A mutation `id` is applied ' +
        'at most once: sent again with the same content (the SHA-256 of the canonical JSON of kind, payload and base) ' +
        'it answers `duplicate` with the original `appliedAt`; with other content, `rejected`/`conflict`. One bad ' +
        'mutation never stops the others.',
      '',
      '`case.save` (clerk, manager) — the hall checks, besides the Case schema: `hall` is this hall; createdAt, ' +
        'updatedAt and the audit times are not ahead of the hall’s clock; a new case’s number is of the China day of ' +
        'its createdAt and not taken, its responsibleClerk is the clerk saving it (a manager names an active clerk); ' +
        'a clerk saves cases of the windows they may staff (or a case granted by `POST /cases/claim`); window, number ' +
        'and responsibleClerk of a stored case never change; the audit trail only grows, each new entry by the caller; ' +
        'every item is an item version of a published catalog and every material one of those item versions; every ' +
        'attachment was uploaded (else `missing-attachments` lists the hashes to upload). A stored case changes only ' +
        'with a `base` naming its current version (or the mutation that made it), else `conflict`/`stale`. The ' +
        `status moves along: ${statusLines}.`,
      '',
      '`rating.save` (rating pad, clerk) — a rating of the window of the pad (credited to the clerk logged in ' +
        'there) or, from a clerk, of themselves; its case, if named, is of the same window. Its `reasons` are codes ' +
        '(stored in the clear), its comment is sealed. A rating of grade 2 or 1 opens its follow-up in the same ' +
        'transaction (`followup.updated` after `rating.saved`; see `GET /followups`).',
      '',
      'Rejection codes: ' +
        Object.entries(REJECTION_CODES)
          .map(([code, text]) => `\`${code}\` ${text.en}`)
          .join('; ') +
        '. Only `missing-attachments` is worth sending again (after the uploads).',
    ].join('\n'),
    body: { schema: 'SyncRequest', examples: syncExamples(examples) },
    responses: { 200: json('SyncResponse', 'One result per mutation, same order') },
  },
  putAttachment: {
    summary: 'Upload a file under its SHA-256',
    description: 'The body is the file, of any content type. The hall keeps it only if it hashes to its name.',
    rawBody: {
      required: true,
      description: 'The file',
      content: {
        '*/*': {
          schema: { type: 'string', contentMediaType: 'application/octet-stream' },
          examples: {
            scan: {
              summary: 'The scan the case.save example cites',
              description: `A stand-in for the scanned file: its SHA-256 is ${examples.scan}, the name to PUT it under.`,
              value: examples.file,
            },
          },
        },
      },
    },
    responses: {
      201: json('AttachmentStored', 'Stored'),
      200: json('AttachmentStored', 'Already held'),
      413: error('too-large: larger than the hall’s largest attachment, or over its quota'),
      422: error('hash-mismatch: the body does not hash to the name; nothing kept'),
    },
  },
  headAttachment: {
    summary: 'Whether the hall holds a file',
    responses: {
      200: none('Held', { headers: attachmentHeaders }),
      404: none('Not held (no body: a HEAD answer)'),
    },
  },
  getAttachment: {
    summary: 'Download a file',
    responses: {
      200: {
        description: 'The bytes',
        headers: attachmentHeaders,
        content: {
          'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
        },
      },
      404: error('not-found: not held, or not a file of a case the caller may read'),
    },
  },
  getCase: {
    summary: 'A case as the hall holds it; the read is logged with its purpose',
    parameters: [
      {
        name: 'purpose',
        in: 'query',
        required: false,
        schema: { ...ref('CaseReadPurpose'), default: 'review' },
        description:
          'Why the case is read: ' +
          Object.entries(CASE_READ_PURPOSES)
            .map(([key, text]) => `\`${key}\` ${text.en}`)
            .join(', '),
      },
    ],
    responses: { 200: json('Case', 'The case'), 404: error('not-found: unknown, or a case the caller may not read') },
  },
  caseReads: {
    summary: 'Who read a case’s personal data, when and why',
    responses: { 200: json('CaseReads', 'The logged reads') },
  },
  claimCase: {
    summary: 'Be granted a case of another window, on the applicant’s number and identity document',
    description: 'For a supplement or a hand-over at any window. Repeated failures are limited.',
    body: { schema: 'ClaimCase' },
    responses: {
      200: json('Case', 'The case, now granted to the clerk for a while'),
      404: error('not-found: no case with this number and identity document (which half was wrong is not told)'),
      429: error('rate-limited: too many failed claims'),
    },
  },
  recordResult: {
    summary: 'Record the deciding department’s result of a forwarded case (综合窗口出件)',
    description:
      'A clerk of the case’s window (or one it was granted to) or a manager records the result the deciding ' +
      'department sent back: the case becomes `decided`, then `result-ready`, two trail lines naming the person and ' +
      'the window (a manager’s: the case’s), by the hall’s clock. Refused (409) for a case that is not forwarded or ' +
      'still awaits a tolerated material. The applicant is then told by SMS where the hall has a gateway ' +
      '(`notified`), and a `notify-result` line is added once the gateway took it.',
    body: {
      schema: 'RecordResult',
      example: {
        result: {
          outcome: 'granted',
          name: '公共租赁住房保障资格确认',
          documentNumber: '和住保〔2026〕123号',
          department: '和平区住房和建设委员会',
          decidedAt: '2026-12-07T02:00:00.000Z',
        },
      },
    },
    responses: {
      200: json('ResultRecorded', 'The case’s new status and version, and whether the applicant was told'),
      404: error('not-found: unknown, or a case the caller may not read'),
      409: error('conflict: the case is not forwarded, or still awaits a tolerated material'),
    },
  },
  readyResults: {
    summary: 'The results ready to hand over (待出件)',
    description:
      'Cases whose result the hall recorded and that wait to be handed over at a window or posted, the longest ' +
      `waiting first, at most ${MAX_READY_RESULTS_LISTED}; a clerk sees those of the windows they may staff and of ` +
      'the cases granted to them (`POST /cases/claim`), a manager the whole hall’s. No personal field. `version` is ' +
      'the hall’s version of the case, which the hand-over saves on.',
    parameters: [
      {
        name: 'window',
        in: 'query',
        required: false,
        schema: { type: 'string' },
        description: 'Only the results of the cases this window took in',
      },
    ],
    responses: { 200: json('ReadyResultList', 'The hall’s today and the results ready to hand over') },
  },
  commitments: {
    summary: 'The open tolerance commitments (容缺承诺) of the hall',
    description:
      'Cases accepted with tolerance whose tolerated materials are still awaited, overdue first (the longest overdue ' +
      'first), then by due day, at most ' +
      `${MAX_COMMITMENTS_LISTED}; a clerk sees those of the windows they may staff and of the cases granted to them ` +
      '(`POST /cases/claim`), a manager the whole hall’s. ' +
      'Read from the clear part of each case: no name, identity number or phone. `version` is the hall’s version of ' +
      'the case, which a supplement taken in at another window (after `POST /cases/claim`) saves on.',
    parameters: [
      {
        name: 'status',
        in: 'query',
        required: false,
        schema: { type: 'string', enum: [...COMMITMENT_FILTERS], default: 'open' },
        description: '`open` (every open commitment) or `overdue` (past the deadline’s day, China time)',
      },
      {
        name: 'window',
        in: 'query',
        required: false,
        schema: { type: 'string' },
        description: 'Only the commitments of the cases this window took in',
      },
    ],
    responses: { 200: json('CommitmentList', 'The hall’s today and the commitments') },
  },
  issueTicket: {
    summary: 'Issue a queue ticket (numbered per category per day: A001, A002 …)',
    body: {
      schema: 'IssueTicket',
      examples: {
        walkIn: { summary: 'A walk-in ticket', value: { category: 'A' } },
        appointment: {
          summary: 'An appointment check-in',
          value: { category: 'A', kind: 'appointment', appointmentRef: 'K7M2-9QXW' },
        },
      },
    },
    responses: {
      201: json('AnyTicket', 'The ticket: a Ticket for a clerk, a PublicTicket (no booking reference) for a kiosk'),
      409: error('conflict: the category issued all its numbers today'),
    },
  },
  callNext: {
    summary: 'Call the next ticket to a window (priority tickets first)',
    body: { schema: 'CallNext', example: { window: '01' } },
    responses: {
      200: json('Ticket', 'The ticket called'),
      204: none('No one is waiting'),
      403: error('forbidden: a clerk calls only to the window of their session'),
    },
  },
  queueCommand: {
    summary:
      'Act on a ticket of the window (call out of turn, recall, no-show, transfer, hold, resume, finish) or on the ' +
      'window (pause with a reason, reopen)',
    body: { schema: 'QueueCommand', example: { command: 'no-show', window: '01', requeueBehind: 3 } },
    responses: {
      200: json('QueueCommandAnswer', 'The ticket acted on; for pause and reopen, the window (a QueueWindow)'),
      403: error('forbidden: a clerk acts only at the window of their session'),
      404: error('not-found: no such ticket today'),
      409: error(
        'conflict: the window has no current ticket, or the ticket is not waiting (held) for it; the window is ' +
          'paused (it calls no one), serves a ticket (pause refused), or is not paused (reopen refused)',
      ),
    },
  },
  queue: { summary: 'Today’s queue', responses: { 200: json('Queue', 'Categories and tickets') } },
  importAppointments: {
    summary: 'Import bookings of the district’s booking system (code, category, slot; no personal data)',
    description:
      'At most 500 bookings per request, each code once; a booking already known is replaced unless it has been ' +
      'checked in. Applicants then check in by their code: POST /queue/tickets with kind "appointment".',
    body: {
      schema: 'AppointmentImport',
      example: {
        bookings: [
          {
            code: 'K7M2-9QXW',
            category: 'A',
            slotStart: '2026-12-04T01:30:00.000Z',
            slotEnd: '2026-12-04T02:00:00.000Z',
          },
        ],
      },
    },
    responses: {
      200: json('AppointmentImportResult', 'What the import added, replaced and left (checked in already)'),
      400: error('invalid: a malformed booking, a field besides code, category, slotStart and slotEnd, a code twice'),
    },
  },
  queueReport: {
    summary: 'A queue day in figures: windows, waits, service times, no-shows, ratings (the board, the daily report)',
    responses: {
      200: json('QueueReport', 'The day’s figures; today’s are live'),
      400: error('invalid: not a date, or a day to come'),
    },
  },
  licences: {
    summary: 'Look up e-licences by identity number or credit code',
    description: 'A POST, so that the number never enters a URL or an access log.',
    body: { schema: 'LicenceLookup', example: { holderId: '120101198506201519' } },
    responses: { 200: json('Licences', 'The licences found (none: an empty list)') },
  },
  stats: { summary: 'Today’s figures', responses: { 200: json('HallStatistics', 'Today, China time') } },
  events: {
    summary: 'The event stream (Server-Sent Events)',
    description: [
      'A `text/event-stream`: each message has `id:` (the event id, growing), `event:` (the event type) and ' +
        '`data:` (the HallEvent as JSON), then an empty line; a comment line (`: heartbeat`) now and then keeps ' +
        'proxies from closing it. The stream opens with `retry:` and the id it starts after.',
      '',
      'Send `Last-Event-ID: n` (as EventSource does on reconnecting) to receive every event after n first (0: all ' +
        'the hall keeps), then the live ones; without it the stream starts with the next event. Events carry no ' +
        'personal data: a view that needs a case reads it through `GET /cases/{id}`.',
      '',
      `Event types: ${HALL_EVENT_TYPES.map((type) => `\`${type}\``).join(', ')}. Who receives which:`,
      '',
      audienceTable,
      '',
      'A clerk receives the case and rating events of the windows they may staff only, a rating pad the tickets ' +
        `called to its own window only; the public screens (${PUBLIC_ROLES.join(', ')}) receive tickets without ` +
        'their booking reference (PublicTicket).',
    ].join('\n'),
    parameters: [
      {
        name: 'Last-Event-ID',
        in: 'header',
        required: false,
        schema: { type: 'integer', minimum: 0 },
        description: 'The id of the last event received',
      },
    ],
    responses: {
      200: {
        description: 'The stream, until the session ends',
        content: {
          'text/event-stream': {
            schema: {
              type: 'string',
              description: 'Server-Sent Events; each `data:` is a HallEvent (see `x-data-schema`)',
            },
            'x-data-schema': ref('HallEvent'),
            example:
              'retry: 2000\nid: 41\n\n' +
              'id: 42\nevent: ticket.called\ndata: {"id":42,"type":"ticket.called","at":"2026-03-02T01:20:05.000Z",' +
              '"data":{"ticket":{"id":"01KJNMZ4P0AQ7V3S9B1D5F8H2K","number":"A007","category":"A","kind":"normal",' +
              '"issuedAt":"2026-03-02T01:02:41.000Z","status":"called","window":"01","calledAt":"2026-03-02T01:20:05.000Z"}}}\n\n' +
              ': heartbeat\n\n',
          },
        },
      },
      429: error('rate-limited: too many streams open for this session, or on the hall'),
    },
    extensions: { 'x-event-audience': EVENT_AUDIENCE },
  },
  settings: {
    summary: 'The hall’s settings',
    responses: { 200: json('HallSettings', 'Windows, categories, accounts, devices') },
  },
  saveWindows: {
    summary: 'Replace the hall’s windows',
    body: { schema: 'WindowsSetting' },
    responses: { 204: none('Saved') },
  },
  saveCategories: {
    summary: 'Replace the queue categories',
    body: { schema: 'CategoriesSetting' },
    responses: { 204: none('Saved'), 409: error('conflict: a window still calls a dropped category') },
  },
  saveAccount: {
    summary: 'Create a clerk or manager account, or change one',
    body: { schema: 'AccountSetting' },
    responses: {
      204: none('Saved'),
      400: error('invalid: the body is not valid, a window unknown, or a new account without a password'),
      409: error('conflict: the last manager would be lost'),
    },
  },
  disableAccount: {
    summary: 'Disable an account (its sessions end)',
    responses: {
      204: none('Disabled'),
      404: error('not-found: no such account'),
      409: error('conflict: the last manager would be lost'),
    },
  },
  enrolDevice: {
    summary: 'Enrol a device; its token is shown this once',
    body: { schema: 'DeviceEnrol', example: { id: 'kiosk-02', name: '二楼自助取号机', role: 'kiosk' } },
    responses: {
      201: json('EnrolledDevice', 'Enrolled'),
      409: error('conflict: a device with this id exists'),
    },
  },
  revokeDevice: {
    summary: 'Revoke a device (its sessions end)',
    responses: { 204: none('Revoked'), 404: error('not-found: no such device') },
  },
  settingsAudit: {
    summary: 'Who changed the settings, what and when',
    responses: { 200: json('SettingsAudit', 'The audit, newest first, at most 500 lines') },
  },
  followUps: {
    summary: 'The follow-ups (差评整改) of bad ratings',
    description:
      'A rating of grade 2 or 1 opens a follow-up in the transaction that stores it, due the hall’s follow-up days ' +
      '(`PUT /settings/followups`, 5 by default) in working days after the China day of the rating, by the hall’s ' +
      'working-day calendar. Listed the due soonest first, at most ' +
      `${MAX_FOLLOW_UPS_LISTED}; a clerk sees those of the windows they may staff. Notes come opened.`,
    parameters: [
      {
        name: 'status',
        in: 'query',
        required: false,
        schema: { type: 'string', enum: [...FOLLOW_UP_FILTERS], default: 'open' },
        description: '`open`, `overdue` (open past the due day) or `all`',
      },
      {
        name: 'from',
        in: 'query',
        required: false,
        schema: { type: 'string', format: 'date' },
        description: 'First China day of the ratings (default: 30 days before `to`)',
      },
      {
        name: 'to',
        in: 'query',
        required: false,
        schema: { type: 'string', format: 'date' },
        description: `Last China day of the ratings (default: the hall’s today); at most ${MAX_FOLLOW_UP_RANGE_DAYS} days after \`from\``,
      },
    ],
    responses: { 200: json('FollowUpList', 'The hall’s today and the follow-ups') },
  },
  actOnFollowUp: {
    summary: 'Record an action on a follow-up',
    description:
      'Actions: ' +
      Object.entries(FOLLOW_UP_ACTIONS)
        .map(([key, name]) => `\`${key}\` ${name.en} (${name.zh})`)
        .join(', ') +
      '. `feedback` closes the follow-up; a `review` names its outcome (' +
      Object.entries(REVIEW_OUTCOMES)
        .map(([key, name]) => `\`${key}\` ${name.en}`)
        .join(', ') +
      '), and `withdrawn` closes it too. The note is sealed at rest; who acted and when, the hall writes. Staff ' +
      'receive `followup.updated`.',
    body: { schema: 'FollowUpAct', example: { action: 'callback', note: '已电话回访，说明了材料要求' } },
    responses: {
      200: json('FollowUp', 'The follow-up with the action'),
      404: error('not-found: no follow-up of this rating'),
      409: error('conflict: the follow-up is closed'),
    },
  },
  saveFollowUpSettings: {
    summary: 'Set the working days a new follow-up is given',
    body: { schema: 'FollowUpSetting', example: { days: 5 } },
    responses: { 204: none('Saved: follow-ups opened from now on are due this many working days after the rating') },
  },
  recoveryKey: {
    summary: 'The public half of the hall’s recovery key',
    description: 'Workstations wrap each clerk’s data key for it too, so that the manager can recover sealed cases.',
    responses: { 200: json('RecoveryPublicKey', 'The key'), 404: error('not-found: no recovery key set yet') },
  },
  setRecoveryKey: {
    summary: 'Set the public half of the hall’s recovery key',
    body: { schema: 'RecoveryPublicKey' },
    responses: { 204: none('Set: workstations wrap their keys for it from then on') },
  },
  exchangeIdentity: {
    summary: 'This hall’s code, name and public key (跨省通办)',
    description:
      'What another hall’s manager enrols this hall with (`POST /peers` there). The key (ECDSA P-256) is made on first ' +
      'use; its private half is sealed in the hall’s settings.',
    responses: { 200: json({ type: 'object' }, '`{ hall, name, publicKey }` (publicKey: an EC P-256 JWK)') },
  },
  exchangePackage: {
    summary: 'Between halls: a forwarding package (signed by the sending hall)',
    description:
      `Headers \`${EXCHANGE_HEADERS.hall}\`, \`${EXCHANGE_HEADERS.time}\` and \`${EXCHANGE_HEADERS.signature}\`: an ECDSA ` +
      'P-256 signature (base64url) of the sending hall, the receiving hall, the time, the method and path and the ' +
      'SHA-256 of the body, by the key this hall enrolled for the sender. The files are the scans (base64) the ' +
      'materials cite. The package is checked against this hall’s catalog, numbered and kept; the same package again ' +
      'answers the same number (`duplicate`).',
    body: { schema: 'ExchangePackage' },
    responses: {
      200: json({ type: 'object' }, '`{ status: "received" | "duplicate", remoteNumber }`'),
      401: error(
        'unauthenticated: not signed, an unknown hall, a wrong signature, or a time off by more than 5 minutes',
      ),
      409: error('conflict: another package was received under this id'),
    },
  },
  exchangeUpdate: {
    summary: 'Between halls: a case forwarded from here moved on there (signed)',
    body: { schema: 'ExchangeUpdate' },
    responses: {
      200: json({ type: 'object' }, '`{ status: "applied" | "duplicate" }`'),
      401: error('unauthenticated: not signed by an enrolled hall'),
      404: error('not-found: no such case was forwarded to the sending hall'),
      409: error('conflict: the case cannot make that move from its state here'),
    },
  },
  exchangeCatalog: {
    summary: 'Between halls: this hall’s catalog, for another to keep a copy (signed)',
    responses: { 200: json('CatalogSnapshot', 'The current catalog'), 401: error('unauthenticated: not signed') },
  },
  peers: {
    summary: 'The halls this one exchanges cases with',
    responses: { 200: json({ type: 'array' }, 'Each hall: code, name, address, region, the catalog version kept') },
  },
  enrolPeer: {
    summary: 'Enrol another hall (跨省通办): its address, region and public key',
    body: { schema: 'EnrolPeer' },
    responses: { 200: json({ type: 'object' }, 'The hall enrolled; its catalog is fetched at once when it answers') },
  },
  peerCatalog: {
    summary: 'The copy kept of an enrolled hall’s catalog',
    responses: { 200: json({ type: 'object' }, 'The catalog'), 404: error('not-found: none kept yet') },
  },
  remoteCases: {
    summary: 'Cases forwarded between halls: collected here (`direction=out`) or received here (`direction=in`)',
    parameters: [{ name: 'direction', in: 'query', schema: { type: 'string', enum: ['out', 'in'] } }],
    responses: { 200: json({ type: 'array' }, 'Newest first, each with its state, history and whether it is overdue') },
  },
  decideRemote: {
    summary: 'The deciding hall’s clerk accepts, refuses, decides or returns a received case',
    body: { schema: 'RemoteDecision' },
    responses: {
      200: json({ type: 'object' }, 'The case; the collecting hall is told (retried until it answers)'),
      404: error('not-found: no such case was received here'),
      409: error('conflict: the case cannot make that move from its state'),
    },
  },
});

/** The errors any route may answer, merged under the route's own. */
function operationOf(name: RouteName, operation: Operation): Json {
  const route = ROUTES[name];
  const isPublic = route.roles === 'public';
  const roles = isPublic ? 'public (no token)' : route.roles.map((role) => `${role} (${ROLES[role].en})`).join(', ');
  const pathNames = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
  const parameters = [
    ...pathNames.map((param) => {
      const spec = PARAMETER_OF[name]?.[param] ?? PATH_PARAMETERS[param];
      if (!spec) throw new Error(`openapi: no schema for the path parameter ${param} of ${name}`);
      return { name: param, in: 'path', required: true, schema: ref(spec.schema), description: spec.description };
    }),
    ...(operation.parameters ?? []),
  ];
  const takesInput = parameters.length > 0 || operation.body !== undefined || operation.rawBody !== undefined;
  const responses: Record<string, Json> = {};
  const add = (status: number, answer: Json) => (responses[String(status)] ??= answer);
  for (const [status, answer] of Object.entries(operation.responses)) responses[status] = answer;
  if (takesInput) add(ERROR_STATUS.invalid, error('invalid: the request is not valid; `issues` lists each problem'));
  if (!isPublic) {
    add(ERROR_STATUS.unauthenticated, error('unauthenticated: no token, or an unknown, revoked or expired one'));
    add(ERROR_STATUS.forbidden, error(`forbidden: the role may not call this route (roles: ${roles})`));
  }
  if (operation.body) {
    add(ERROR_STATUS['too-large'], error('too-large: the body is larger than the hall accepts'));
    add(ERROR_STATUS['unsupported-media-type'], error('unsupported-media-type: the body is not `application/json`'));
  }
  add(ERROR_STATUS.internal, error('internal: the hall failed; try again later'));
  add(ERROR_STATUS.unavailable, error('unavailable: the hall is starting, stopping or not set up yet'));

  const { summary, description, body, rawBody, extensions } = operation;
  const tag = route.path
    .slice(API_PREFIX.length + 1)
    .split('/')[0]!
    .replace(/\.json$/, '');
  return {
    operationId: name,
    summary,
    description: [description, `Roles: ${roles}.`].filter(Boolean).join('\n\n'),
    tags: [tag],
    'x-roles': route.roles,
    security: isPublic ? [] : [{ bearer: [] }],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body
      ? {
          requestBody: {
            required: true,
            ...(body.description ? { description: body.description } : {}),
            content: {
              'application/json': {
                schema: ref(body.schema),
                ...(body.examples ? { examples: body.examples } : {}),
                ...(body.example !== undefined ? { example: body.example } : {}),
              },
            },
          },
        }
      : {}),
    ...(rawBody ? { requestBody: rawBody } : {}),
    responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))),
    ...(extensions ?? {}),
  };
}

function buildDocument(version: string): Json {
  const described = operations(exampleMutations());
  const paths: Record<string, Record<string, Json>> = {};
  for (const name of Object.keys(ROUTES) as RouteName[]) {
    const route = ROUTES[name];
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[route.method.toLowerCase()] = operationOf(name, described[name]);
  }
  const errors = (Object.entries(ERROR_STATUS) as [ErrorCode, number][])
    .map(([code, status]) => `\`${code}\` ${status}`)
    .join(', ');
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Yichuang hall protocol',
      version,
      description:
        'The REST + Server-Sent Events protocol between Yichuang windows and a hall. Log in with ' +
        `\`POST ${ROUTES.login.path}\` and send the token as \`Authorization: Bearer <token>\`. Roles: ` +
        ROLE_KEYS.map((role) => `${role} (${ROLES[role].en})`).join(', ') +
        '. Every route lists the roles that may call it (`x-roles`). Every error answers an ErrorBody in the ' +
        `language of Accept-Language (zh-CN by default, en-US); its codes and statuses: ${errors}. Schemas are ` +
        'generated from the valibot schemas the hall validates with; what JSON Schema cannot say is in their ' +
        'descriptions and `x-checks`. See docs/hall-protocol.md.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    tags: [
      ...new Set(Object.values(paths).flatMap((ops) => Object.values(ops).map((op) => (op.tags as string[])[0]!))),
    ].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: `The token of POST ${ROUTES.login.path}` },
      },
      schemas: componentSchemas(),
    },
  };
}

let built: { version: string; document: Json } | undefined;

/**
 * The OpenAPI 3.1 document of the hall protocol: every route of `ROUTES`, its bodies and answers as generated JSON
 * Schema. Built once per process (per version) and shared: do not change it.
 */
export function openApiDocument(version: string): Json {
  if (built?.version !== version) built = { version, document: buildDocument(version) };
  return built.document;
}
