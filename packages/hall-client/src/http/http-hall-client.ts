import { Observable } from 'rxjs';
import type { Case, Catalog, HolidaySchedule, Ticket } from '@yichuang/core';
import type { HallClient } from '../hall-client.js';
import {
  API_PREFIX,
  ERROR_STATUS,
  HALL_EVENT_TYPES,
  HALL_MESSAGES,
  HallError,
  fillMessage,
  type AccountSetting,
  type CaseRead,
  type CaseReadPurpose,
  type ClaimCase,
  type CommitmentList,
  type CommitmentQuery,
  type RecordResult,
  type ReadyResultList,
  type ReadyResultQuery,
  type ResultRecorded,
  type DeviceEnrol,
  type EnrolledDevice,
  type FollowUp,
  type FollowUpAct,
  type FollowUpList,
  type FollowUpQuery,
  type FollowUpSetting,
  type HallSettings,
  type PublicTicket,
  type RecoveryPublicKey,
  type SettingsAuditEntry,
  type WindowSetting,
  type CallNext,
  type QueueCommand,
  type QueueCommandAnswer,
  type AppointmentImport,
  type AppointmentImportResult,
  type CatalogSnapshot,
  type ErrorBody,
  type ErrorCode,
  type HallEvent,
  type HallHealth,
  type HallStatistics,
  type QueueReport,
  type IssueTicket,
  type Licence,
  type Login,
  type Mutation,
  type MutationResult,
  type QueueCategory,
  type QueueSnapshot,
  type Session,
  type SyncResponse,
  type Peer,
  type RemoteCase,
  type RemoteDecision,
} from '../protocol.js';
import { SseParser, type SseMessage } from './sse-parser.js';

/** How {@link HttpHallClient} reconnects its event stream. */
export interface ReconnectOptions {
  /**
   * First wait after a drop, in milliseconds; doubles on each failed attempt (with ±50 % jitter) up to
   * `maxDelayMs`. Default: what the server asked for with `retry:`, else 1,000.
   */
  delayMs?: number;
  /** Longest wait between attempts; default 30,000. */
  maxDelayMs?: number;
  /**
   * A stream silent this long (no event, no heartbeat) is taken for dead and reopened; default 45,000 (the
   * reference server sends a heartbeat every 15 s). 0 turns the check off.
   */
  idleTimeoutMs?: number;
}

/** How to reach a hall server. */
export interface HttpHallClientOptions {
  /** Where the hall server is, e.g. `https://hall.example.gov.cn`; `''` for the page's own origin. */
  baseUrl: string;
  /** The fetch to use (tests, a district's instrumented fetch); default the global one. */
  fetch?: typeof fetch;
  /** How long a request may wait for its answer, in milliseconds; default 15,000. */
  timeoutMs?: number;
  /** How long an attachment upload may take; default 120,000. */
  uploadTimeoutMs?: number;
  /** `Accept-Language` of the requests: the language of the hall's messages; default `zh-CN`. */
  language?: string;
  /** A session kept from an earlier login (e.g. across a page reload): its token is used as it is. */
  session?: Session;
  /** Event stream reconnection. */
  reconnect?: ReconnectOptions;
  /** Random numbers in [0, 1) for the jitter; default `Math.random`. */
  random?: () => number;
}

/** A request of the client: method, path under `/api/v1`, body and how to treat the answer. */
interface Call {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** A JSON body. */
  json?: unknown;
  /** A raw body (an attachment). */
  blob?: Blob;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
  /** Statuses answered without throwing, besides 2xx. */
  accept?: readonly number[];
  /** A long-lived answer (the event stream): the timeout ends once its headers arrive. */
  stream?: boolean;
}

const EVENT_TYPES: ReadonlySet<string> = new Set(HALL_EVENT_TYPES);

/**
 * The {@link HallClient} of a hall server: REST over `fetch`, events over Server-Sent Events read with `fetch`
 * and a stream reader (the browser's `EventSource` cannot send the `Authorization` header, and a token never goes
 * in a URL).
 *
 * - The session token from {@link login} is kept in memory only (pass `session` to restore one).
 * - Every failure is a {@link HallError}: the server's error body when it sent one; `network` (transient) when no
 *   answer arrived in time or the connection broke; 5xx and 429 are transient.
 * - {@link events} reconnects with exponential backoff and jitter, resuming with `Last-Event-ID`: the last id the
 *   stream set, an event's or one sent alone (the reference hall sends `id: <its last event id>` when a stream
 *   opens, so a stream dropped before its first event still resumes without a gap). It never delivers an event id
 *   at or below the last one, except after a reconnection whose first id is lower: the hall's log restarted lower
 *   (restored from a backup; it clamps `Last-Event-ID` to its own last id), so the stream follows the new ids.
 *   It fails only on 401/403, and on 429 (this session holds as many streams as the hall allows).
 */
export class HttpHallClient implements HallClient {
  private readonly _base: string;
  private readonly _fetch: typeof fetch;
  private readonly _timeoutMs: number;
  private readonly _uploadTimeoutMs: number;
  private readonly _language: string;
  private readonly _reconnect: Required<Omit<ReconnectOptions, 'delayMs'>> & { delayMs: number | undefined };
  private readonly _random: () => number;
  private _session: Session | undefined;

  constructor(options: HttpHallClientOptions) {
    this._base = options.baseUrl.replace(/\/+$/, '');
    const fetchImpl = options.fetch;
    // Called as a plain function: `window.fetch` throws "Illegal invocation" when called as a method of this client.
    this._fetch = fetchImpl ? (input, init) => fetchImpl(input, init) : (input, init) => globalThis.fetch(input, init);
    this._timeoutMs = options.timeoutMs ?? 15_000;
    this._uploadTimeoutMs = options.uploadTimeoutMs ?? 120_000;
    this._language = options.language ?? 'zh-CN';
    this._session = options.session ? { ...options.session } : undefined;
    this._reconnect = {
      delayMs: options.reconnect?.delayMs,
      maxDelayMs: options.reconnect?.maxDelayMs ?? 30_000,
      idleTimeoutMs: options.reconnect?.idleTimeoutMs ?? 45_000,
    };
    this._random = options.random ?? Math.random;
  }

  get session(): Session | undefined {
    return this._session ? { ...this._session } : undefined;
  }

  async health(signal?: AbortSignal): Promise<HallHealth> {
    return this._json<HallHealth>({ method: 'GET', path: '/health', signal });
  }

  async login(login: Login): Promise<Session> {
    // A client holds one session: logging in again ends the one it held (else its own session would hold the window).
    if (this._session) await this.logout().catch(() => undefined);
    const session = await this._json<Session>({ method: 'POST', path: '/session', json: login });
    if (typeof session?.token !== 'string') throw this._malformed();
    this._session = session;
    return { ...session };
  }

  async logout(): Promise<void> {
    const session = this._session;
    if (!session) return;
    // Forgotten here first: on a shared PC the token must not outlive the logout, whatever the network does.
    this._session = undefined;
    try {
      await this._send({ method: 'DELETE', path: '/session' }, session.token);
    } catch (error) {
      if (!(error instanceof HallError && error.status === 401)) throw error;
    }
  }

  async catalog(knownVersion?: string): Promise<CatalogSnapshot | undefined> {
    const response = await this._send({
      method: 'GET',
      path: '/catalog',
      headers: knownVersion === undefined ? {} : { 'If-None-Match': JSON.stringify(knownVersion) },
      accept: [304],
    });
    if (response.status === 304) return undefined;
    const snapshot = await this._body<CatalogSnapshot>(response);
    return snapshot.version === knownVersion ? undefined : snapshot;
  }

  async changePassword(password: string, newPassword: string): Promise<void> {
    await this._empty({ method: 'POST', path: '/session/password', json: { password, newPassword } });
  }

  async publishCatalog(catalog: Catalog): Promise<void> {
    await this._empty({ method: 'POST', path: '/catalog', json: catalog, timeoutMs: this._uploadTimeoutMs });
  }

  async calendar(): Promise<HolidaySchedule[]> {
    const answer = await this._json<{ schedules: HolidaySchedule[] }>({ method: 'GET', path: '/calendar' });
    if (!Array.isArray(answer?.schedules)) throw this._malformed();
    return answer.schedules;
  }

  async publishCalendar(schedule: HolidaySchedule): Promise<void> {
    const year = encodeURIComponent(String((schedule as { year?: unknown })?.year ?? ''));
    await this._empty({ method: 'PUT', path: `/calendar/${year}`, json: schedule });
  }

  async issueTicket(request: IssueTicket): Promise<Ticket | PublicTicket> {
    return this._json<Ticket | PublicTicket>({ method: 'POST', path: '/queue/tickets', json: request });
  }

  async callNext(request: CallNext): Promise<Ticket | undefined> {
    const response = await this._send({ method: 'POST', path: '/queue/call', json: request });
    return response.status === 204 ? undefined : this._body<Ticket>(response);
  }

  async queueCommand<C extends QueueCommand>(command: C): Promise<QueueCommandAnswer<C>> {
    return this._json<QueueCommandAnswer<C>>({ method: 'POST', path: '/queue/commands', json: command });
  }

  async importAppointments(request: AppointmentImport): Promise<AppointmentImportResult> {
    return this._json<AppointmentImportResult>({ method: 'POST', path: '/appointments/import', json: request });
  }

  async queue(): Promise<QueueSnapshot> {
    return this._json({ method: 'GET', path: '/queue' });
  }

  async sync(mutations: readonly Mutation[], signal?: AbortSignal): Promise<MutationResult[]> {
    const answer = await this._json<SyncResponse>({ method: 'POST', path: '/sync', json: { mutations }, signal });
    if (!Array.isArray(answer?.results) || answer.results.length !== mutations.length) throw this._malformed();
    return answer.results;
  }

  async getCase(id: string, purpose?: CaseReadPurpose): Promise<Case | undefined> {
    const query = purpose === undefined ? '' : `?purpose=${encodeURIComponent(purpose)}`;
    const response = await this._send({
      method: 'GET',
      path: `/cases/${encodeURIComponent(id)}${query}`,
      accept: [404],
    });
    return response.status === 404 ? undefined : this._body<Case>(response);
  }

  async claimCase(claim: ClaimCase): Promise<Case> {
    return this._json<Case>({ method: 'POST', path: '/cases/claim', json: claim });
  }

  async recordResult(id: string, body: RecordResult): Promise<ResultRecorded> {
    return this._json<ResultRecorded>({ method: 'POST', path: `/cases/${encodeURIComponent(id)}/result`, json: body });
  }

  async readyResults(query: ReadyResultQuery = {}): Promise<ReadyResultList> {
    const search = query.window === undefined ? '' : `?${new URLSearchParams({ window: query.window }).toString()}`;
    const answer = await this._json<ReadyResultList>({ method: 'GET', path: `/results${search}` });
    if (!Array.isArray(answer?.results)) throw this._malformed();
    return answer;
  }

  async commitments(query: CommitmentQuery = {}): Promise<CommitmentList> {
    const params = new URLSearchParams();
    for (const name of ['status', 'window'] as const) {
      const value = query[name];
      if (value !== undefined) params.set(name, value);
    }
    const search = params.size === 0 ? '' : `?${params.toString()}`;
    const answer = await this._json<CommitmentList>({ method: 'GET', path: `/commitments${search}` });
    if (!Array.isArray(answer?.commitments)) throw this._malformed();
    return answer;
  }

  async caseReads(id: string): Promise<CaseRead[]> {
    const answer = await this._json<{ reads: CaseRead[] }>({
      method: 'GET',
      path: `/cases/${encodeURIComponent(id)}/reads`,
    });
    if (!Array.isArray(answer?.reads)) throw this._malformed();
    return answer.reads;
  }

  async putAttachment(sha256: string, file: Blob, signal?: AbortSignal): Promise<void> {
    const response = await this._send({
      method: 'PUT',
      path: `/attachments/${encodeURIComponent(sha256)}`,
      blob: file,
      headers: { 'Content-Type': 'application/octet-stream' },
      signal,
      timeoutMs: this._uploadTimeoutMs,
    });
    await response.body?.cancel().catch(() => undefined);
  }

  async hasAttachment(sha256: string): Promise<boolean> {
    const response = await this._send({
      method: 'HEAD',
      path: `/attachments/${encodeURIComponent(sha256)}`,
      accept: [404],
    });
    return response.status !== 404;
  }

  async getAttachment(sha256: string): Promise<Blob | undefined> {
    const response = await this._send({
      method: 'GET',
      path: `/attachments/${encodeURIComponent(sha256)}`,
      accept: [404],
      timeoutMs: this._uploadTimeoutMs,
    });
    if (response.status === 404) return undefined;
    try {
      return await response.blob();
    } catch {
      throw this._network();
    }
  }

  async lookupLicences(holderId: string): Promise<Licence[]> {
    const answer = await this._json<{ licences: Licence[] }>({
      method: 'POST',
      path: '/licences/lookup',
      json: { holderId },
    });
    if (!Array.isArray(answer?.licences)) throw this._malformed();
    return answer.licences;
  }

  async statistics(): Promise<HallStatistics> {
    return this._json<HallStatistics>({ method: 'GET', path: '/stats' });
  }

  async queueReport(day = 'today'): Promise<QueueReport> {
    return this._json<QueueReport>({ method: 'GET', path: `/queue/report/${encodeURIComponent(day)}` });
  }

  async settings(): Promise<HallSettings> {
    return this._json<HallSettings>({ method: 'GET', path: '/settings' });
  }

  async saveWindows(windows: readonly WindowSetting[]): Promise<void> {
    await this._empty({ method: 'PUT', path: '/settings/windows', json: { windows } });
  }

  async saveCategories(categories: readonly QueueCategory[]): Promise<void> {
    await this._empty({ method: 'PUT', path: '/settings/categories', json: { categories } });
  }

  async saveAccount(user: string, account: AccountSetting): Promise<void> {
    await this._empty({ method: 'PUT', path: `/settings/accounts/${encodeURIComponent(user)}`, json: account });
  }

  async disableAccount(user: string): Promise<void> {
    await this._empty({ method: 'DELETE', path: `/settings/accounts/${encodeURIComponent(user)}` });
  }

  async enrolDevice(device: DeviceEnrol): Promise<EnrolledDevice> {
    return this._json<EnrolledDevice>({ method: 'POST', path: '/settings/devices', json: device });
  }

  async revokeDevice(id: string): Promise<void> {
    await this._empty({ method: 'DELETE', path: `/settings/devices/${encodeURIComponent(id)}` });
  }

  async settingsAudit(): Promise<SettingsAuditEntry[]> {
    const answer = await this._json<{ entries: SettingsAuditEntry[] }>({ method: 'GET', path: '/settings/audit' });
    if (!Array.isArray(answer?.entries)) throw this._malformed();
    return answer.entries;
  }

  async recoveryKey(): Promise<RecoveryPublicKey | undefined> {
    const response = await this._send({ method: 'GET', path: '/recovery-key', accept: [404] });
    return response.status === 404 ? undefined : this._body<RecoveryPublicKey>(response);
  }

  async setRecoveryKey(key: RecoveryPublicKey): Promise<void> {
    await this._empty({ method: 'PUT', path: '/recovery-key', json: key });
  }

  async peers(): Promise<Peer[]> {
    const answer = await this._json<Peer[]>({ method: 'GET', path: '/peers' });
    if (!Array.isArray(answer)) throw this._malformed();
    return answer;
  }

  async peerCatalog(hall: string): Promise<Catalog> {
    const answer = await this._json<Catalog>({ method: 'GET', path: `/peers/${encodeURIComponent(hall)}/catalog` });
    if (!Array.isArray(answer?.items)) throw this._malformed();
    return answer;
  }

  async remoteCases(direction: 'out' | 'in' = 'out'): Promise<RemoteCase[]> {
    const answer = await this._json<RemoteCase[]>({ method: 'GET', path: `/remote?direction=${direction}` });
    if (!Array.isArray(answer)) throw this._malformed();
    return answer;
  }

  async decideRemote(id: string, decision: RemoteDecision): Promise<RemoteCase> {
    return this._json<RemoteCase>({
      method: 'POST',
      path: `/remote/${encodeURIComponent(id)}/state`,
      json: decision,
    });
  }

  async followUps(query: FollowUpQuery = {}): Promise<FollowUpList> {
    const params = new URLSearchParams();
    for (const name of ['status', 'from', 'to'] as const) {
      const value = query[name];
      if (value !== undefined) params.set(name, value);
    }
    const search = params.size === 0 ? '' : `?${params.toString()}`;
    const answer = await this._json<FollowUpList>({ method: 'GET', path: `/followups${search}` });
    if (!Array.isArray(answer?.followUps)) throw this._malformed();
    return answer;
  }

  async actOnFollowUp(ratingId: string, act: FollowUpAct): Promise<FollowUp> {
    return this._json<FollowUp>({
      method: 'POST',
      path: `/followups/${encodeURIComponent(ratingId)}/actions`,
      json: act,
    });
  }

  async saveFollowUpSettings(setting: FollowUpSetting): Promise<void> {
    await this._empty({ method: 'PUT', path: '/settings/followups', json: setting });
  }

  events(afterId?: number): Observable<HallEvent> {
    return new Observable<HallEvent>((subscriber) => {
      /** Where the stream stands: the last event id it set (an event's, or one sent alone), or the one to resume after. */
      let last = afterId;
      /** The current connection has set an id. */
      let positioned = false;
      let stopped = false;
      let attempt = 0;
      let serverDelay: number | undefined;
      let controller: AbortController | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;

      /**
       * The stream set event id `id`; answers whether an event of that id is new. The first id of a connection below
       * `last` means the hall's log now ends lower (restored from a backup): follow it rather than drop every event
       * until its ids pass the old ones.
       */
      const advance = (id: number): boolean => {
        const first = !positioned;
        positioned = true;
        if (last !== undefined && id <= last && !(first && id < last)) return false;
        last = id;
        return true;
      };

      const deliver = (message: SseMessage) => {
        const event = parseEvent(message);
        if (!event) {
          // Not a hall event this client knows, but still a place in the hall's log.
          const id = eventIdOf(message.lastEventId);
          if (id !== undefined) advance(id);
          return;
        }
        if (!advance(event.id)) return;
        attempt = 0;
        subscriber.next(event);
      };

      const reconnectLater = () => {
        if (stopped) return;
        const base = this._reconnect.delayMs ?? serverDelay ?? 1000;
        const ceiling = Math.min(this._reconnect.maxDelayMs, base * 2 ** Math.min(attempt, 16));
        attempt += 1;
        timer = setTimeout(() => void connect(), ceiling * (0.5 + this._random() * 0.5));
      };

      const connect = async (): Promise<void> => {
        if (stopped) return;
        controller = new AbortController();
        const abort = controller;
        const headers: Record<string, string> = { Accept: 'text/event-stream' };
        if (last !== undefined) headers['Last-Event-ID'] = String(last);
        positioned = false;
        let response: Response;
        try {
          response = await this._send({
            method: 'GET',
            path: '/events',
            headers,
            signal: abort.signal,
            stream: true,
          });
        } catch (error) {
          if (stopped) return;
          // 401/403: no session (any more); 429: this session holds as many streams as the hall allows (a tab too
          // many) — retrying would only hold another slot hostage.
          if (error instanceof HallError && (error.status === 401 || error.status === 403 || error.status === 429)) {
            stopped = true;
            subscriber.error(error);
            return;
          }
          reconnectLater();
          return;
        }
        const type = response.headers.get('content-type') ?? '';
        if (!response.body || !type.toLowerCase().startsWith('text/event-stream')) {
          await response.body?.cancel().catch(() => undefined);
          reconnectLater();
          return;
        }
        const reader = response.body.getReader();
        const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
        const parser = new SseParser({
          event: deliver,
          retry: (ms) => {
            serverDelay = ms;
          },
          // `id: n` alone: where the stream stands (sent by the hall when it opens), so a drop before the first event
          // still resumes from there.
          id: (value) => {
            const id = eventIdOf(value);
            if (id !== undefined) advance(id);
          },
        });
        const idleMs = this._reconnect.idleTimeoutMs;
        let idle: ReturnType<typeof setTimeout> | undefined;
        const awake = () => {
          if (idleMs <= 0) return;
          clearTimeout(idle);
          idle = setTimeout(() => abort.abort(), idleMs);
        };
        awake();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done || stopped) break;
            // Something arrived: the hall is there, so the next drop starts the backoff afresh.
            attempt = 0;
            awake();
            parser.push(decoder.decode(value, { stream: true }));
          }
        } catch {
          // The connection broke (or was aborted): reconnect below.
        } finally {
          clearTimeout(idle);
          parser.end();
          reader.releaseLock();
        }
        reconnectLater();
      };

      void connect();
      return () => {
        stopped = true;
        clearTimeout(timer);
        controller?.abort();
      };
    });
  }

  // ---- internals ----

  /** Sends a request whose answer has no body to read. */
  private async _empty(call: Call): Promise<void> {
    const response = await this._send(call);
    await response.body?.cancel().catch(() => undefined);
  }

  /** A client-side message in the client's language. */
  private _say(
    key: 'aborted' | 'unreachable' | 'noAnswerInTime' | 'malformed',
    params: Record<string, number> = {},
  ): string {
    return fillMessage(HALL_MESSAGES[key], this._language.toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN', params);
  }

  /** Sends a request and answers its JSON body. */
  private async _json<T>(call: Call): Promise<T> {
    return this._body<T>(await this._send(call));
  }

  /** Reads a JSON body; a body cut off or garbled counts as no answer (transient). */
  private async _body<T>(response: Response): Promise<T> {
    try {
      return (await response.json()) as T;
    } catch {
      throw this._network();
    }
  }

  /**
   * Sends a request with the session's token, within the timeout and the caller's signal; resolves a 2xx answer or
   * one of `call.accept`, rejects with a {@link HallError} otherwise.
   */
  private async _send(call: Call, token = this._session?.token): Promise<Response> {
    const timeoutMs = call.timeoutMs ?? this._timeoutMs;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new DOMException('No answer in time', 'TimeoutError')), timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout.signal]) : timeout.signal;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': this._language,
      ...call.headers,
    };
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    let body: BodyInit | undefined;
    if (call.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(call.json);
    } else if (call.blob !== undefined) {
      body = call.blob;
    }
    let response: Response;
    try {
      response = await this._fetch(`${this._base}${API_PREFIX}${call.path}`, {
        method: call.method,
        headers,
        ...(body === undefined ? {} : { body }),
        signal,
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch {
      clearTimeout(timer);
      if (call.signal?.aborted) throw new HallError(this._say('aborted'), 'aborted', 0);
      if (timeout.signal.aborted) throw new HallError(this._say('noAnswerInTime', { ms: timeoutMs }), 'network', 0);
      throw this._network();
    }
    // A stream runs as long as it runs: the timeout covers only the wait for its headers.
    if (call.stream) clearTimeout(timer);
    if (response.ok || call.accept?.includes(response.status)) return response;
    clearTimeout(timer);
    throw await errorOf(response);
  }

  private _network(): HallError {
    return new HallError(this._say('unreachable'), 'network', 0);
  }

  private _malformed(): HallError {
    return new HallError(this._say('malformed'), 'internal', 502);
  }
}

/** The {@link HallError} of an error answer: the server's {@link ErrorBody} if it sent one, else its status. */
export async function errorOf(response: Response): Promise<HallError> {
  let body: Partial<ErrorBody> | undefined;
  if (response.status !== 304 && (response.headers.get('content-type') ?? '').includes('json')) {
    body = (await response.json().catch(() => undefined)) as Partial<ErrorBody> | undefined;
  } else {
    await response.body?.cancel().catch(() => undefined);
  }
  const code =
    typeof body?.error === 'string' && body.error in ERROR_STATUS ? body.error : codeOfStatus(response.status);
  const message =
    typeof body?.message === 'string' && body.message !== ''
      ? body.message
      : `The hall answered HTTP ${response.status}`;
  const issues = Array.isArray(body?.issues) ? body.issues.filter((line) => typeof line === 'string') : [];
  return new HallError(message, code, response.status, issues);
}

/** The error code an HTTP status stands for when the answer has no error body. */
function codeOfStatus(status: number): ErrorCode {
  const known = (Object.keys(ERROR_STATUS) as ErrorCode[]).find((code) => ERROR_STATUS[code] === status);
  if (known) return known;
  if (status === 502 || status === 504) return 'unavailable';
  return status >= 500 ? 'internal' : 'invalid';
}

/** An SSE last event id as a hall event id (a whole number), or `undefined`. */
function eventIdOf(value: string): number | undefined {
  if (!/^\d+$/.test(value)) return undefined;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : undefined;
}

/** A hall event of an SSE message: its JSON data with the message's id, or `undefined` if it is not one. */
function parseEvent(message: SseMessage): HallEvent | undefined {
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const event = data as Partial<HallEvent>;
  const id = /^\d+$/.test(message.lastEventId) ? Number(message.lastEventId) : event.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return undefined;
  const type = typeof event.type === 'string' ? event.type : message.type;
  if (!EVENT_TYPES.has(type) || typeof event.data !== 'object' || event.data === null) return undefined;
  return { ...event, id, type } as HallEvent;
}
