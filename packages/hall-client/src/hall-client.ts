import type { Observable } from 'rxjs';
import type { Case, Catalog, HolidaySchedule, Ticket } from '@yichuang/core';
import type {
  AccountSetting,
  CallNext,
  QueueCommand,
  QueueCommandAnswer,
  AppointmentImport,
  AppointmentImportResult,
  CaseRead,
  CaseReadPurpose,
  CatalogSnapshot,
  ClaimCase,
  CommitmentList,
  CommitmentQuery,
  RecordResult,
  ReadyResultList,
  ReadyResultQuery,
  ResultRecorded,
  DeviceEnrol,
  EnrolledDevice,
  FollowUp,
  FollowUpAct,
  FollowUpList,
  FollowUpQuery,
  FollowUpSetting,
  HallEvent,
  HallHealth,
  HallSettings,
  HallStatistics,
  QueueReport,
  IssueTicket,
  Licence,
  Login,
  Mutation,
  MutationResult,
  PublicTicket,
  QueueCategory,
  QueueSnapshot,
  RecoveryPublicKey,
  Session,
  SettingsAuditEntry,
  WindowSetting,
  Peer,
  RemoteCase,
  RemoteDecision,
} from './protocol.js';

/**
 * The hall, as the components see it. Yichuang ships two implementations, {@link HttpHallClient} (a hall server
 * over REST + Server-Sent Events) and `LocalHallClient` of `@yichuang/hall/local.js` (the whole hall inside one
 * browser); a district implements this interface for its own backend and runs the same contract suite against it.
 *
 * Every method rejects with a {@link HallError}: `transient` errors (no network, server restarting) may be
 * retried, the others (401, 403, invalid input) will fail the same way again.
 */
export interface HallClient {
  /** Is the hall reachable? Needs no session. */
  health(signal?: AbortSignal): Promise<HallHealth>;

  /**
   * Logs in a clerk or manager (`{ user, password, window?, takeOver? }`) or a device (`{ deviceToken }`) and keeps
   * the session. A clerk logs in at a window the account may staff; a window has one live session at a time.
   */
  login(login: Login): Promise<Session>;
  /** Ends the session on the hall and forgets it here. */
  logout(): Promise<void>;
  /** The current session, or `undefined` before login and after logout. */
  readonly session: Session | undefined;
  /** Changes the logged-in person's own password. */
  changePassword(password: string, newPassword: string): Promise<void>;

  /**
   * The hall's catalog. With `knownVersion` equal to the hall's version, resolves `undefined` (nothing new to
   * download).
   */
  catalog(knownVersion?: string): Promise<CatalogSnapshot | undefined>;
  /** Publishes a new catalog version (managers); cases keep the item versions they were taken in under. */
  publishCatalog(catalog: Catalog): Promise<void>;
  /** The holiday schedules the hall knows, one per year. */
  calendar(): Promise<HolidaySchedule[]>;
  /** Loads (or corrects) the holiday schedule of a year (managers). */
  publishCalendar(schedule: HolidaySchedule): Promise<void>;

  /** Issues a queue ticket (kiosk, or a clerk on someone's behalf). */
  issueTicket(request: IssueTicket): Promise<Ticket | PublicTicket>;
  /** Calls the next waiting ticket to the window; `undefined` when no one is waiting. */
  callNext(request: CallNext): Promise<Ticket | undefined>;
  /**
   * A clerk's command on the tickets of their window: call a ticket out of turn, recall, no-show (optionally
   * re-queued behind some people), transfer, hold, resume, finish — answering the ticket it acted on; or on the
   * window itself: pause (with a reason), reopen — answering the window.
   */
  queueCommand<C extends QueueCommand>(command: C): Promise<QueueCommandAnswer<C>>;
  /**
   * Today's queue in one consistent picture: categories, windows, waiting, called and held tickets (public screens:
   * without booking references), the wait per category, and the event id to resume the stream after.
   */
  queue(): Promise<QueueSnapshot>;
  /**
   * Imports bookings of the district's booking system (managers): code, category and slot, at most
   * `MAX_BOOKINGS_PER_IMPORT`, each code once. Applicants then check in by their code (`issueTicket` with
   * `kind: 'appointment'`).
   */
  importAppointments(request: AppointmentImport): Promise<AppointmentImportResult>;

  /**
   * Sends mutations; resolves one result per mutation, in order. A mutation id already applied answers
   * `duplicate` with its original result: retrying a batch whose answer was lost is safe.
   */
  sync(mutations: readonly Mutation[], signal?: AbortSignal): Promise<MutationResult[]>;
  /**
   * A case as the hall holds it (`undefined` if it does not, or if this person may not read it). Every read is
   * logged with its purpose (`review` by default).
   */
  getCase(id: string, purpose?: CaseReadPurpose): Promise<Case | undefined>;
  /**
   * Grants this clerk a case of another window, on the applicant's word: its number and the applicant's identity
   * document number. Resolves the case.
   */
  claimCase(claim: ClaimCase): Promise<Case>;
  /** Who read a case's personal data, when and why (managers). */
  caseReads(id: string): Promise<CaseRead[]>;
  /**
   * Records the deciding department's result of a forwarded case (a clerk of its window, or a manager): the case
   * becomes ready to hand over, and the applicant is told by SMS where the hall has a gateway.
   */
  recordResult(id: string, body: RecordResult): Promise<ResultRecorded>;
  /**
   * The results ready to hand over (待出件) the caller may see (a clerk those of the windows they may staff and of the
   * cases granted by {@link claimCase}, a manager the whole hall's), the longest waiting first; no personal field.
   */
  readyResults(query?: ReadyResultQuery): Promise<ReadyResultList>;
  /**
   * The open tolerance commitments (容缺承诺) the caller may see (a clerk those of the windows they may staff and of
   * the cases granted by {@link claimCase}, a manager the whole hall's), overdue first, then by due day; no personal
   * field.
   */
  commitments(query?: CommitmentQuery): Promise<CommitmentList>;

  /** Stores a file under its SHA-256; the hall refuses bytes that do not hash to `sha256`. */
  putAttachment(sha256: string, file: Blob, signal?: AbortSignal): Promise<void>;
  /** Whether the hall holds the file (and this person may read it). */
  hasAttachment(sha256: string): Promise<boolean>;
  /** The file, or `undefined` if the hall does not hold it (or this person may not read it). */
  getAttachment(sha256: string): Promise<Blob | undefined>;

  /** E-licences issued to a holder (resident identity number or unified social credit code). */
  lookupLicences(holderId: string): Promise<Licence[]>;

  /** The hall's figures for today (managers). */
  statistics(): Promise<HallStatistics>;

  /**
   * A queue day in figures (managers): windows serving, paused, idle or closed, the totals and each category's
   * (waiting, served, no-shows, mean wait and service time), the waiting line through the day, the spread of service
   * times and the ratings. `day` is YYYY-MM-DD in China time, or `today` (the hall's, the default); a day to come is
   * refused.
   */
  queueReport(day?: string): Promise<QueueReport>;

  /** The hall's settings: windows, categories, accounts, devices (managers). */
  settings(): Promise<HallSettings>;
  /** Replaces the windows and the categories each calls (managers). */
  saveWindows(windows: readonly WindowSetting[]): Promise<void>;
  /** Replaces the queue categories (managers). */
  saveCategories(categories: readonly QueueCategory[]): Promise<void>;
  /** Creates or changes an account; a password given is set (a reset) (managers). */
  saveAccount(user: string, account: AccountSetting): Promise<void>;
  /** Disables an account: it logs in no more, its sessions end (managers). */
  disableAccount(user: string): Promise<void>;
  /** Enrols a device; resolves its token, which the hall never shows again (managers). */
  enrolDevice(device: DeviceEnrol): Promise<EnrolledDevice>;
  /** Revokes a device: its token logs in no more, its sessions end (managers). */
  revokeDevice(id: string): Promise<void>;
  /** Who changed which setting, latest first (managers). */
  settingsAudit(): Promise<SettingsAuditEntry[]>;
  /** The hall's recovery public key, which workstations wrap each clerk's data key for; `undefined` if none. */
  recoveryKey(): Promise<RecoveryPublicKey | undefined>;
  /** Sets the hall's recovery public key (managers keep the private half offline). */
  setRecoveryKey(key: RecoveryPublicKey): Promise<void>;

  /** The halls this one exchanges cross-province cases with (跨省通办), with the catalog version kept of each. */
  peers(): Promise<Peer[]>;
  /** The copy this hall keeps of an enrolled hall's catalog: what the cross-province desk collects by. */
  peerCatalog(hall: string): Promise<Catalog>;
  /** Cases forwarded between halls: collected at the clerk's windows (`out`, default) or received here (`in`). */
  remoteCases(direction?: 'out' | 'in'): Promise<RemoteCase[]>;
  /** The deciding hall's clerk accepts, refuses, decides or returns a case received here. */
  decideRemote(id: string, decision: RemoteDecision): Promise<RemoteCase>;

  /**
   * The follow-ups (差评整改) of the bad ratings of a range of days: `open` (default), `overdue` or `all`, the due
   * soonest first (managers; a clerk those of the windows they may staff).
   */
  followUps(query?: FollowUpQuery): Promise<FollowUpList>;
  /**
   * Records a call-back, rectification, feedback (closes it) or review (`withdrawn` closes it) on a follow-up, with
   * its note (managers). Who and when, the hall writes. Resolves the follow-up.
   */
  actOnFollowUp(ratingId: string, act: FollowUpAct): Promise<FollowUp>;
  /** Sets how many working days a new follow-up is given (managers). */
  saveFollowUpSettings(setting: FollowUpSetting): Promise<void>;

  /**
   * The hall's event stream. Subscribing opens it; it reconnects by itself after a drop, resuming after the last
   * event it delivered (or after `afterId`), so no event is missed or delivered twice. Errors only on 401/403.
   */
  events(afterId?: number): Observable<HallEvent>;
}
