import * as v from 'valibot';
import {
  CASE_STATUSES,
  CatalogSchema,
  HolidayScheduleSchema,
  TicketSchema,
  WINDOW_PAUSE_REASONS,
  type HolidaySchedule,
  REMOTE_STATES,
  type RemoteState,
} from '@yichuang/core';
import { CaseReadPurposeSchema, type CaseRead } from './cases.js';
import type { CatalogSnapshot } from './catalog.js';
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from './errors.js';
import type { HallEvent, PublicTicket } from './events.js';
import type { Licence } from './licence.js';
import type { MutationResult, RejectionCode, SyncResponse } from './mutation.js';
import type { QueueCategory, QueueSnapshot, QueueWindow } from './queue.js';
import type { AppointmentImportResult } from './appointments.js';
import type { QueueReport } from './queue-report.js';
import { RecoveryPublicKeySchema, type RecoveryPublicKey } from './recovery.js';
import { ROLE_KEYS } from './roles.js';
import type { Session } from './session.js';
import {
  CategorySettingSchema,
  WindowSettingSchema,
  type AccountSummary,
  type DeviceSummary,
  type EnrolledDevice,
  type HallSettings,
  type SettingsAuditEntry,
} from './settings.js';
import type { HallHealth, HallStatistics } from './stats.js';

/**
 * The hall's answers as valibot schemas: what each route answers and what the event stream carries, for the OpenAPI
 * document of the hall (generated from these and the request schemas) and for a client that wants to check what a
 * hall sent. The shapes are the interfaces of the other protocol modules; a check at the end of this file fails to
 * compile when a schema and its interface part. Nothing here runs at import but valibot's schema constructors: a
 * bundle that uses none of these drops the module.
 * @module
 */

const text = v.string();
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
/** A time the hall writes (`Date#toISOString`). */
const timestamp = v.pipe(v.string(), v.isoTimestamp());
/** A China-time day, `YYYY-MM-DD`. */
const day = v.pipe(v.string(), v.isoDate());
const sha256 = v.pipe(
  v.string(),
  v.regex(/^[0-9a-f]{64}$/),
  v.description('SHA-256, 64 lower-case hexadecimal characters'),
);

// The helpers below are marked free of side effects, so that a bundle keeps only the schemas it uses.

/** The keys of a record, as the tuple `v.picklist` takes. */
/* @__NO_SIDE_EFFECTS__ */
function keysOf<T extends string>(record: Record<T, unknown>) {
  return Object.keys(record) as [T, ...T[]];
}

/** The ticket object of the core, without its cross-field checks (a hall answers tickets that passed them). */
/* @__NO_SIDE_EFFECTS__ */
function publicTicketOf(ticket: typeof TicketSchema) {
  return v.omit(ticket.pipe[0], ['appointmentRef', 'servedBy']);
}

/**
 * What a hall display, a kiosk or a rating pad receives of a ticket: no booking reference, no clerk
 * ({@link PublicTicket}).
 */
export const PublicTicketSchema = publicTicketOf(TicketSchema);

/** A ticket as an answer carries it: whole for clerks and managers, {@link PublicTicketSchema} for public screens. */
export const AnyTicketSchema = v.union([TicketSchema, PublicTicketSchema]);

/** {@link QueueWindow}: a window of the queue, with its pause while it does not call. */
export const QueueWindowSchema = v.object({
  code: text,
  name: text,
  categories: v.array(text),
  paused: v.optional(
    v.object({
      reason: v.picklist(keysOf(WINDOW_PAUSE_REASONS)),
      since: v.pipe(timestamp, v.description('When the window paused, by the hall’s clock')),
      by: v.optional(v.pipe(v.string(), v.description('Who paused it (user name): clerks and managers only'))),
      note: v.optional(v.pipe(v.string(), v.description('The clerk’s note: clerks and managers only'))),
    }),
  ),
});

/** {@link AppointmentImportResult}: what `POST /api/v1/appointments/import` did. */
export const AppointmentImportResultSchema = v.object({
  added: v.pipe(count, v.description('Bookings the hall did not know')),
  updated: v.pipe(count, v.description('Bookings it knew, replaced')),
  checkedIn: v.pipe(count, v.description('Bookings checked in already, left as they were')),
});

/** What `POST /api/v1/queue/commands` answers: the ticket acted on, or the window for `pause` and `reopen`. */
export const QueueCommandAnswerSchema = v.union([TicketSchema, QueueWindowSchema]);

/** The hall's case numbering state of a clerk's window today (`CaseNumbererState` of the core). */
export const CaseNumbererStateSchema = v.object({
  hall: text,
  window: text,
  day: v.pipe(v.string(), v.regex(/^\d{8}$/), v.description('China calendar day, yyyyMMdd')),
  seq: v.pipe(count, v.description('Sequence of the last number issued that day (0: none yet)')),
});

/** {@link Session}: the answer of `POST /api/v1/session` and `GET /api/v1/session`. */
export const SessionSchema = v.object({
  token: v.pipe(v.string(), v.description('Send it as `Authorization: Bearer <token>` from then on')),
  role: v.picklist(ROLE_KEYS),
  subject: v.pipe(v.string(), v.description('Clerk or manager user name, or the device id')),
  name: v.pipe(v.string(), v.description('Display name of the clerk or the device')),
  hall: text,
  window: v.optional(v.pipe(v.string(), v.description('The window a clerk sits at, or a rating pad belongs to'))),
  windows: v.optional(
    v.pipe(
      v.array(text),
      v.description('The windows whose cases a clerk reads and saves (those the account may staff)'),
    ),
  ),
  caseNumbers: v.optional(
    v.pipe(
      CaseNumbererStateSchema,
      v.description('The hall’s highest case number of the clerk’s window today: a workstation continues after it'),
    ),
  ),
  expiresAt: timestamp,
});

const AppliedResultSchema = v.object({
  id: text,
  status: v.picklist(['applied', 'duplicate']),
  appliedAt: v.pipe(timestamp, v.description('When the hall applied it (for a duplicate: the first time)')),
  eventId: v.optional(v.pipe(count, v.description('The id of the event it appended'))),
  version: v.optional(v.pipe(count, v.description('For a versioned record: the version this mutation made'))),
});

const RejectedResultSchema = v.object({
  id: text,
  status: v.literal('rejected'),
  // Listed here rather than read from REJECTION_CODES, so that this module does not pull in the mutation schemas; the
  // check at the end of the file fails if the list and RejectionCode part.
  code: v.picklist(['invalid', 'missing-attachments', 'conflict', 'forbidden'] satisfies RejectionCode[]),
  reason: v.optional(
    v.pipe(
      v.string(),
      v.description('The precise reason, for programs: stale, number-taken, id-reused, other-window, unknown-item, …'),
    ),
  ),
  message: v.pipe(v.string(), v.description('For the clerk, in the language of the request')),
  missing: v.optional(
    v.pipe(v.array(sha256), v.description('For missing-attachments: the files to upload first (PUT /attachments)')),
  ),
  issues: v.optional(v.pipe(v.array(text), v.description('For invalid: one line per problem, path first'))),
});

/** {@link MutationResult}: the hall's answer for one mutation. */
export const MutationResultSchema = v.variant('status', [AppliedResultSchema, RejectedResultSchema]);

/** {@link SyncResponse}: the answer of `POST /api/v1/sync`, one result per mutation in the order sent. */
export const SyncResponseSchema = v.object({ results: v.array(MutationResultSchema) });

/** One event type of {@link HallEventSchema}. */
/* @__NO_SIDE_EFFECTS__ */
function eventOf<const T extends string, D extends v.ObjectEntries>(type: T, data: D) {
  return v.object({
    id: v.pipe(count, v.description('Growing event id: the SSE `id`, what `Last-Event-ID` resumes after')),
    type: v.literal(type),
    at: timestamp,
    data: v.object(data),
  });
}

/** {@link HallEvent}: one event of `GET /api/v1/events`, told apart by `type`. */
export const HallEventSchema = v.variant('type', [
  eventOf('case.saved', {
    caseId: text,
    number: text,
    window: text,
    status: v.picklist(CASE_STATUSES),
    version: count,
  }),
  eventOf('rating.saved', { ratingId: text, window: text, clerk: text, grade: count }),
  eventOf('assist.saved', {
    visitId: text,
    window: text,
    helper: text,
    status: v.picklist(['open', 'closed']),
    version: count,
  }),
  eventOf('remote.updated', {
    caseId: text,
    number: text,
    direction: v.picklist(['out', 'in']),
    window: text,
    state: v.picklist(Object.keys(REMOTE_STATES) as [RemoteState, ...RemoteState[]]),
  }),
  eventOf('followup.updated', { ratingId: text, window: text, status: v.picklist(['open', 'closed']), due: day }),
  eventOf('ticket.issued', { ticket: AnyTicketSchema }),
  eventOf('ticket.called', { ticket: AnyTicketSchema }),
  eventOf('ticket.updated', { ticket: AnyTicketSchema }),
  eventOf('window.updated', { window: QueueWindowSchema }),
  eventOf('catalog.published', { version: text }),
  eventOf('calendar.published', { year: count }),
]);

/** {@link HallHealth}: `GET /api/v1/health`. */
export const HallHealthSchema = v.object({
  status: v.literal('ok'),
  version: v.pipe(v.string(), v.description('Server software version')),
  hall: text,
  catalogVersion: text,
  time: timestamp,
});

const tally = v.record(v.string(), count);

/** {@link HallStatistics}: `GET /api/v1/stats`, the hall today. */
export const HallStatisticsSchema = v.object({
  day,
  cases: v.object({ total: count, byStatus: tally }),
  tickets: v.object({ issued: count, waiting: count, called: count }),
  ratings: v.object({ total: count, byGrade: tally }),
});

/** {@link CatalogSnapshot}: `GET /api/v1/catalog`. */
export const CatalogSnapshotSchema = v.object({
  version: v.pipe(v.string(), v.description('Catalog version (the ETag names it)')),
  catalog: CatalogSchema,
  holidays: v.pipe(v.array(HolidayScheduleSchema), v.description('One holiday notice per year the hall knows')),
});

/** `GET /api/v1/calendar`: the holiday schedules the hall knows. */
export const CalendarSchema = v.object({ schedules: v.array(HolidayScheduleSchema) });

/** {@link Licence}: one e-licence of `POST /api/v1/licences/lookup`. */
export const LicenceSchema = v.object({
  type: v.pipe(
    v.string(),
    v.description('As the catalog materials name it (licenceType): resident-id-card, household-register …'),
  ),
  title: v.pipe(v.string(), v.description('Name of the licence in Chinese, e.g. 居民身份证')),
  number: text,
  holderId: text,
  holderName: text,
  issuer: text,
  issuedOn: day,
  validUntil: v.optional(v.pipe(day, v.description('Last valid day; absent when it does not expire'))),
  sha256: v.pipe(
    sha256,
    v.description('SHA-256 of the canonical JSON of the other fields (keys sorted, no white space)'),
  ),
});

/** The answer of `POST /api/v1/licences/lookup`. */
export const LicencesSchema = v.object({ licences: v.array(LicenceSchema) });

/** {@link CaseRead}: one logged read of a case's personal data. */
export const CaseReadSchema = v.object({
  at: timestamp,
  subject: v.pipe(v.string(), v.description('Who read it: user name or device id')),
  role: v.picklist(ROLE_KEYS),
  window: v.optional(text),
  purpose: CaseReadPurposeSchema,
});

/** The answer of `GET /api/v1/cases/{id}/reads`. */
export const CaseReadsSchema = v.object({ reads: v.array(CaseReadSchema) });

/** {@link QueueCategory}: a queue category, as the settings save it and the queue lists it. */
export const QueueCategorySchema = CategorySettingSchema;

/** {@link QueueSnapshot}: `GET /api/v1/queue`, today's queue and where the event log stood. */
export const QueueSchema = v.object({
  categories: v.array(QueueCategorySchema),
  windows: v.array(QueueWindowSchema),
  tickets: v.pipe(
    v.array(AnyTicketSchema),
    v.description('Today’s waiting, called and held tickets (public screens: without booking references)'),
  ),
  waits: v.array(
    v.object({
      category: text,
      waiting: v.pipe(v.number(), v.integer()),
      estimatedWaitMs: v.optional(
        v.pipe(
          v.number(),
          v.description('What a new ticket may expect to wait (median recent service × people ÷ windows)'),
        ),
      ),
      msPerPerson: v.optional(
        v.pipe(
          v.number(),
          v.description('What each person waiting adds to the wait (median recent service ÷ windows)'),
        ),
      ),
    }),
  ),
  lastEventId: v.pipe(
    v.number(),
    v.integer(),
    v.description('The last event of the log when the picture was taken: resume the stream after it'),
  ),
});

const ms = v.pipe(v.number(), v.minValue(0));
const share = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

/** {@link QueueFigures} of the core: what a queue day, or a category of it, amounts to. */
const QueueFiguresEntries = {
  issued: count,
  waiting: count,
  served: count,
  noShows: count,
  noShowRate: v.optional(share),
  averageWaitMs: v.optional(ms),
  averageServiceMs: v.optional(ms),
  longestWaitingMs: v.optional(ms),
};

/** {@link QueueReport}: `GET /api/v1/queue/report/:day`. */
export const QueueReportSchema = v.object({
  day,
  at: timestamp,
  categories: v.array(QueueCategorySchema),
  windows: v.array(
    v.object({
      code: text,
      name: text,
      state: v.picklist(['serving', 'paused', 'idle', 'closed']),
      serving: v.optional(v.pipe(text, v.description('The number of the ticket it serves'))),
      paused: QueueWindowSchema.entries.paused,
      served: count,
      averageServiceMs: v.optional(ms),
      ratings: count,
      averageGrade: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(5))),
    }),
  ),
  totals: v.object(QueueFiguresEntries),
  byCategory: v.array(v.object({ category: text, ...QueueFiguresEntries })),
  waiting: v.pipe(
    v.array(v.object({ time: v.pipe(text, v.regex(/^\d{2}:\d{2}$/)), waiting: count })),
    v.description('How many waited, every half hour (China time)'),
  ),
  serviceTimes: v.array(v.object({ fromMinutes: count, toMinutes: v.optional(count), count })),
  ratings: v.object({ total: count, byGrade: tally, satisfiedShare: v.optional(share) }),
});

/** {@link AccountSummary}: an account as the settings list it, never its password. */
export const AccountSummarySchema = v.object({
  user: text,
  name: text,
  role: v.picklist(['clerk', 'manager']),
  windows: v.array(text),
  disabled: v.boolean(),
});

/** {@link DeviceSummary}: a device as the settings list it, never its token. */
export const DeviceSummarySchema = v.object({
  id: text,
  name: text,
  role: v.picklist(['kiosk', 'display', 'rating-pad']),
  window: v.optional(text),
  enrolledAt: timestamp,
  revoked: v.boolean(),
});

/** {@link EnrolledDevice}: the answer of `POST /api/v1/settings/devices`; the token is shown this once. */
export const EnrolledDeviceSchema = v.object({
  device: DeviceSummarySchema,
  deviceToken: v.pipe(v.string(), v.description('The device logs in with it; the hall never shows it again')),
});

/** {@link HallSettings}: `GET /api/v1/settings`. */
export const HallSettingsSchema = v.object({
  hall: v.object({ code: text, name: text }),
  windows: v.array(WindowSettingSchema),
  categories: v.array(QueueCategorySchema),
  accounts: v.array(AccountSummarySchema),
  devices: v.array(DeviceSummarySchema),
  followUpDays: v.pipe(count, v.description('Working days a bad rating’s follow-up is given')),
});

/** {@link SettingsAuditEntry}: one line of the settings audit. */
export const SettingsAuditEntrySchema = v.object({
  at: timestamp,
  actor: text,
  action: v.pipe(
    v.string(),
    v.description('windows.save, categories.save, account.save, account.password, account.disable, device.enrol, …'),
  ),
  target: text,
});

/** The answer of `GET /api/v1/settings/audit`. */
export const SettingsAuditSchema = v.object({ entries: v.array(SettingsAuditEntrySchema) });

/** The answer of `PUT /api/v1/attachments/{sha256}`: the file as the hall holds it. */
export const AttachmentStoredSchema = v.object({ sha256, size: v.pipe(count, v.description('Bytes')) });

/** {@link RecoveryPublicKey}: `GET /api/v1/recovery-key`, the key as the manager set it. */
export const RecoveryKeyAnswerSchema = RecoveryPublicKeySchema;

/** {@link ErrorBody}: the body of every error answer (4xx, 5xx). */
export const ErrorBodySchema = v.object({
  error: v.picklist(keysOf<ErrorCode>(ERROR_STATUS)),
  message: v.pipe(
    v.string(),
    v.description('Readable by a clerk, in the language of Accept-Language (zh-CN by default)'),
  ),
  issues: v.optional(
    v.pipe(v.array(text), v.description('For invalid: one line per problem, each starting with its field')),
  ),
});

// ── The schemas and the interfaces must not part ────────────────────────────────────────────────────────────────
// Compared after both are normalised (readonly dropped, intersections and aliases flattened): two shapes are the
// same when each member has the same name, optionality and (so normalised) type.

/** A type as plain structure: what the equality below compares. */
type Plain<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T
  : T extends readonly (infer U)[]
    ? Plain<U>[]
    : { -readonly [K in keyof T]: Plain<T[K]> };
/** `true` when `A` and `B` are the same type (not merely assignable to each other). */
type Same<A, B> = (<X>() => X extends Plain<A> ? 1 : 2) extends <X>() => X extends Plain<B> ? 1 : 2 ? true : false;
/** Fails to compile unless given `true`. */
type Assert<T extends true> = T;

export type ResponseSchemasMatchInterfaces = [
  Assert<Same<v.InferOutput<typeof SessionSchema>, Session>>,
  Assert<Same<v.InferOutput<typeof MutationResultSchema>, MutationResult>>,
  Assert<Same<v.InferOutput<typeof SyncResponseSchema>, SyncResponse>>,
  Assert<Same<v.InferOutput<typeof HallEventSchema>, HallEvent>>,
  Assert<Same<v.InferOutput<typeof PublicTicketSchema>, PublicTicket>>,
  Assert<Same<v.InferOutput<typeof HallHealthSchema>, HallHealth>>,
  Assert<Same<v.InferOutput<typeof HallStatisticsSchema>, HallStatistics>>,
  Assert<Same<v.InferOutput<typeof CatalogSnapshotSchema>, CatalogSnapshot>>,
  Assert<Same<v.InferOutput<typeof CalendarSchema>, { schedules: HolidaySchedule[] }>>,
  Assert<Same<v.InferOutput<typeof LicenceSchema>, Licence>>,
  Assert<Same<v.InferOutput<typeof LicencesSchema>, { licences: Licence[] }>>,
  Assert<Same<v.InferOutput<typeof CaseReadsSchema>, { reads: CaseRead[] }>>,
  Assert<Same<v.InferOutput<typeof QueueSchema>, QueueSnapshot>>,
  Assert<Same<v.InferOutput<typeof QueueReportSchema>, QueueReport>>,
  Assert<Same<v.InferOutput<typeof SettingsAuditSchema>, { entries: SettingsAuditEntry[] }>>,
  Assert<Same<v.InferOutput<typeof AttachmentStoredSchema>, { sha256: string; size: number }>>,
  Assert<Same<v.InferOutput<typeof CaseReadSchema>, CaseRead>>,
  Assert<Same<v.InferOutput<typeof QueueCategorySchema>, QueueCategory>>,
  Assert<Same<v.InferOutput<typeof QueueWindowSchema>, QueueWindow>>,
  Assert<Same<v.InferOutput<typeof AppointmentImportResultSchema>, AppointmentImportResult>>,
  Assert<Same<v.InferOutput<typeof AccountSummarySchema>, AccountSummary>>,
  Assert<Same<v.InferOutput<typeof DeviceSummarySchema>, DeviceSummary>>,
  Assert<Same<v.InferOutput<typeof EnrolledDeviceSchema>, EnrolledDevice>>,
  Assert<Same<v.InferOutput<typeof HallSettingsSchema>, HallSettings>>,
  Assert<Same<v.InferOutput<typeof SettingsAuditEntrySchema>, SettingsAuditEntry>>,
  Assert<Same<v.InferOutput<typeof ErrorBodySchema>, ErrorBody>>,
  // `RecoveryPublicKey` types its key as any JSON Web Key; what the hall answers is the RSA key it accepted.
  Assert<v.InferOutput<typeof RecoveryKeyAnswerSchema> extends RecoveryPublicKey ? true : false>,
];
