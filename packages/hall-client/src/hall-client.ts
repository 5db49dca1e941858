import type { Observable } from 'rxjs';
import type { Case, Ticket } from '@yichuang/core';
import type {
  CallNext,
  CatalogSnapshot,
  HallEvent,
  HallHealth,
  HallStatistics,
  IssueTicket,
  Licence,
  Login,
  Mutation,
  MutationResult,
  QueueCategory,
  Session,
} from './protocol.js';

/**
 * The hall, as the components see it. Yichuang ships two implementations, {@link HttpHallClient} (a hall server
 * over REST + Server-Sent Events) and {@link LocalHallClient} (the whole hall inside one browser); a district
 * implements this interface for its own backend and runs the same contract suite against it.
 *
 * Every method rejects with a {@link HallError}: `transient` errors (no network, server restarting) may be
 * retried, the others (401, 403, invalid input) will fail the same way again.
 */
export interface HallClient {
  /** Is the hall reachable? Needs no session. */
  health(signal?: AbortSignal): Promise<HallHealth>;

  /** Logs in a clerk or manager (`{ user, password }`) or a device (`{ deviceToken }`) and keeps the session. */
  login(login: Login): Promise<Session>;
  /** Ends the session on the hall and forgets it here. */
  logout(): Promise<void>;
  /** The current session, or `undefined` before login and after logout. */
  readonly session: Session | undefined;

  /**
   * The hall's catalog. With `knownVersion` equal to the hall's version, resolves `undefined` (nothing new to
   * download).
   */
  catalog(knownVersion?: string): Promise<CatalogSnapshot | undefined>;

  /** Issues a queue ticket (kiosk, or a clerk on someone's behalf). */
  issueTicket(request: IssueTicket): Promise<Ticket>;
  /** Calls the next waiting ticket to the window; `undefined` when no one is waiting. */
  callNext(request: CallNext): Promise<Ticket | undefined>;
  /** Waiting and called tickets, and the categories the hall issues. */
  queue(): Promise<{ categories: QueueCategory[]; tickets: Ticket[] }>;

  /**
   * Sends mutations; resolves one result per mutation, in order. A mutation id already applied answers
   * `duplicate` with its original result: retrying a batch whose answer was lost is safe.
   */
  sync(mutations: readonly Mutation[], signal?: AbortSignal): Promise<MutationResult[]>;
  /** A case as the hall holds it (`undefined` if it does not). */
  getCase(id: string): Promise<Case | undefined>;

  /** Stores a file under its SHA-256; the hall refuses bytes that do not hash to `sha256`. */
  putAttachment(sha256: string, file: Blob, signal?: AbortSignal): Promise<void>;
  /** Whether the hall holds the file. */
  hasAttachment(sha256: string): Promise<boolean>;
  /** The file, or `undefined` if the hall does not hold it. */
  getAttachment(sha256: string): Promise<Blob | undefined>;

  /** E-licences issued to a holder (resident identity number or unified social credit code). */
  lookupLicences(holderId: string): Promise<Licence[]>;

  /** The hall's figures for today (managers). */
  statistics(): Promise<HallStatistics>;

  /**
   * The hall's event stream. Subscribing opens it; it reconnects by itself after a drop, resuming after the last
   * event it delivered (or after `afterId`), so no event is missed or delivered twice. Errors only on 401/403.
   */
  events(afterId?: number): Observable<HallEvent>;
}
