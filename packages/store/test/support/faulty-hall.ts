import * as v from 'valibot';
import { NEVER, type Observable } from 'rxjs';
import type { Case, Catalog, HolidaySchedule, Ticket } from '@yichuang/core';
import {
  HallError,
  MutationSchema,
  hallMessage,
  type AccountSetting,
  type CaseRead,
  type CaseReadPurpose,
  type CatalogSnapshot,
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
  type FollowUpList,
  type HallClient,
  type HallEvent,
  type HallHealth,
  type HallLocale,
  type HallSettings,
  type HallStatistics,
  type QueueReport,
  type Licence,
  type Mutation,
  type MutationBase,
  type MutationResult,
  type QueueCategory,
  type QueueSnapshot,
  type RecoveryPublicKey,
  type Session,
  type SettingsAuditEntry,
  type WindowSetting,
} from '@yichuang/hall-client';

/**
 * What goes wrong with one request.
 * - `network`: no answer, nothing applied (the request never reached the hall).
 * - `drop-reply`: the hall applies the batch, then the answer is lost.
 * - `unavailable`: 503, nothing applied.
 * - `unauthenticated`: 401.
 * - `bad-request`: 400 for the whole request if any mutation in it is poison; otherwise served normally. (Uploads:
 *   400 whatever the file, as a web application firewall in front of the hall answers.)
 * - `hang`: never answers (until the caller's signal aborts); nothing applied.
 * - `apply-then-hang`: the hall applies the batch, then never answers (until the caller's signal aborts).
 * - `route-missing`: something in front of the hall (a proxy, a wrong base path) answers 404 to the whole request,
 *   whatever it holds; nothing applied (nor stored, for uploads).
 * - `type-error`: `fetch` itself fails (a TypeError, as browsers report a refused connection).
 * - `partial`: applies the batch but leaves the last result out of the answer.
 * - `too-large`: (uploads) 413, refused for good.
 * - `hash-mismatch`: (uploads) 422, as if the bytes that arrived did not hash to the name; nothing stored.
 */
export type Fault =
  | 'none'
  | 'network'
  | 'drop-reply'
  | 'unavailable'
  | 'unauthenticated'
  | 'bad-request'
  | 'hang'
  | 'apply-then-hang'
  | 'route-missing'
  | 'type-error'
  | 'partial'
  | 'too-large'
  | 'hash-mismatch';

const network = () => new HallError('Failed to fetch', 'network', 0);

/** What a method the store's tests never call answers. */
const unused = (method: string): Promise<never> =>
  Promise.reject(new HallError(`FaultyHall.${method} is not used by the store's tests`, 'internal', 501));

type Acknowledged = Extract<MutationResult, { status: 'applied' | 'duplicate' }>;
type Rejected = Extract<MutationResult, { status: 'rejected' }>;

/** A case as this hall holds it: its version, the mutation that made it, the case. */
export interface HeldCase {
  version: number;
  mutation: string;
  payload: Case;
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * An in-memory hall that applies each mutation id at most once (answering a repeat with its original result, as
 * `duplicate`), versions cases as the hall does (a save applies only if its base names the case's current version,
 * or the mutation that made it; a new case has no base; each applied save makes the next version, answered in its
 * result), refuses a case whose attachments it does not hold, and breaks on purpose: scheduled faults per request,
 * an unreachable switch, poison mutations. Its refusals are the protocol's messages, in `locale`.
 */
export class FaultyHall implements HallClient {
  /** Original result of every applied mutation id. */
  readonly applied = new Map<string, Acknowledged>();
  /** The cases the hall holds, by id. */
  readonly cases = new Map<string, HeldCase>();
  /** The base each mutation id arrived with the first time (`undefined`: none). */
  readonly bases = new Map<string, MutationBase | undefined>();
  /** Every result it answered, in order (resends included). */
  readonly results: MutationResult[] = [];
  /** Cases read through `getCase`, with the purpose given. */
  readonly reads: { id: string; purpose: CaseReadPurpose | undefined }[] = [];
  /** The language of its refusals. */
  locale: HallLocale = 'zh-CN';
  /**
   * How many times each id reached the hall's apply step: the first time and every resend, whether it then applied
   * or answered `duplicate`. A lost reply resent once counts 2.
   */
  readonly attempts = new Map<string, number>();
  /** Ids in the order they changed the hall's state (an id twice here would be a double apply). */
  readonly log: string[] = [];
  /** Payloads by id, as applied. */
  readonly payloads = new Map<string, unknown>();
  /** Ids of each subject in applied order (a case's mutations, or a rating): what a double apply would change. */
  readonly bySubject = new Map<string, string[]>();
  /** Files the hall holds. */
  readonly attachments = new Map<string, Blob>();
  /** Faults for the coming `sync` requests, first used first. */
  readonly syncFaults: Fault[] = [];
  /** Faults for the coming `putAttachment` requests. */
  readonly uploadFaults: Fault[] = [];
  /** Whether the hall is reachable at all (`health`, `sync`, uploads). */
  reachable = true;
  /** A rejection message for mutations the hall refuses for good. */
  poison: (mutation: Mutation) => string | undefined = () => undefined;
  /** Sizes of the batches received. */
  readonly batches: number[] = [];
  readonly calls = { sync: 0, health: 0, put: 0 };
  session: Session | undefined = undefined;
  #eventId = 0;

  async health(): Promise<HallHealth> {
    this.calls.health += 1;
    if (!this.reachable) throw network();
    return { status: 'ok', version: 'test', hall: 'TJHP01', catalogVersion: '1', time: new Date().toISOString() };
  }

  async sync(mutations: readonly Mutation[], signal?: AbortSignal): Promise<MutationResult[]> {
    this.calls.sync += 1;
    if (!this.reachable) throw network();
    const fault = this.syncFaults.shift() ?? 'none';
    if (fault === 'network') throw network();
    if (fault === 'unavailable') throw new HallError('Hall restarting', 'unavailable', 503);
    if (fault === 'unauthenticated') throw new HallError('Sign in again', 'unauthenticated', 401);
    if (fault === 'type-error') throw new TypeError('Failed to fetch');
    if (fault === 'route-missing') throw new HallError('Not Found', 'not-found', 404);
    const hang = (): Promise<never> =>
      new Promise((_, reject) => signal?.addEventListener('abort', () => reject(network())));
    if (fault === 'hang') return hang();
    if (fault === 'bad-request' && mutations.some((mutation) => this.poison(mutation) !== undefined)) {
      throw new HallError('mutations: one is not valid', 'invalid', 400);
    }
    this.batches.push(mutations.length);
    // Apply in order, as the hall does (sync is not interrupted by the caller's signal once received).
    const results = mutations.map((mutation) => this.#apply(mutation));
    this.results.push(...results);
    if (fault === 'drop-reply') throw network();
    if (fault === 'apply-then-hang') return hang();
    if (fault === 'partial') return results.slice(0, -1);
    return results;
  }

  #apply(mutation: Mutation): MutationResult {
    this.attempts.set(mutation.id, (this.attempts.get(mutation.id) ?? 0) + 1);
    if (!this.bases.has(mutation.id)) this.bases.set(mutation.id, mutation.base);
    const original = this.applied.get(mutation.id);
    if (original) return { ...original, status: 'duplicate' };
    const parsed = v.safeParse(MutationSchema, mutation);
    if (!parsed.success) {
      return { id: mutation.id, status: 'rejected', code: 'invalid', message: parsed.issues[0]!.message };
    }
    const poison = this.poison(mutation);
    if (poison !== undefined) {
      return { id: mutation.id, status: 'rejected', code: 'invalid', message: poison, issues: [poison] };
    }
    let version: number | undefined;
    if (mutation.kind === 'case.save') {
      // The hall's base check (packages/hall/src/kinds/case-save.ts), then its attachments.
      const stale = this.#stale(mutation.id, mutation.payload.id, mutation.base);
      if (stale) return stale;
      const missing = mutation.payload.materials
        .flatMap((material) => material.attachments ?? [])
        .filter((sha) => !this.attachments.has(sha));
      if (missing.length) {
        return {
          id: mutation.id,
          status: 'rejected',
          code: 'missing-attachments',
          reason: 'missing-attachments',
          message: hallMessage('rejectedMissing', this.locale, { count: missing.length }),
          missing,
        };
      }
      version = (this.cases.get(mutation.payload.id)?.version ?? 0) + 1;
      this.cases.set(mutation.payload.id, {
        version,
        mutation: mutation.id,
        payload: structuredClone(mutation.payload),
      });
    }
    const subject =
      mutation.kind === 'rating.save' ? (mutation.payload.caseId ?? mutation.payload.id) : mutation.payload.id;
    const result: Acknowledged = {
      id: mutation.id,
      status: 'applied',
      appliedAt: new Date().toISOString(),
      eventId: ++this.#eventId,
      ...(version === undefined ? {} : { version }),
    };
    this.applied.set(mutation.id, result);
    this.log.push(mutation.id);
    this.payloads.set(mutation.id, mutation.payload);
    const list = this.bySubject.get(subject) ?? [];
    list.push(mutation.id);
    this.bySubject.set(subject, list);
    return result;
  }

  /** The refusal of a case save whose base is neither the case's version nor the mutation that made it. */
  #stale(id: string, caseId: string, base: MutationBase | undefined): Rejected | undefined {
    const current = this.cases.get(caseId);
    if (!current) {
      if (base === undefined) return undefined;
      return {
        id,
        status: 'rejected',
        code: 'conflict',
        reason: 'stale',
        message: hallMessage('rejectedBaseUnknown', this.locale),
      };
    }
    const based =
      base !== undefined && ('version' in base ? base.version === current.version : base.mutation === current.mutation);
    if (based) return undefined;
    return {
      id,
      status: 'rejected',
      code: 'conflict',
      reason: 'stale',
      message: hallMessage('rejectedStale', this.locale, { version: current.version }),
    };
  }

  /** Another window saves the case on the hall (it then holds the next version, made by another mutation). */
  saveElsewhere(value: Case, mutation: string): HeldCase {
    const held = { version: (this.cases.get(value.id)?.version ?? 0) + 1, mutation, payload: structuredClone(value) };
    this.cases.set(value.id, held);
    return held;
  }

  async putAttachment(sha256: string, file: Blob): Promise<void> {
    this.calls.put += 1;
    if (!this.reachable) throw network();
    const fault = this.uploadFaults.shift() ?? 'none';
    if (fault === 'network') throw network();
    if (fault === 'unavailable') throw new HallError('Hall restarting', 'unavailable', 503);
    if (fault === 'unauthenticated') throw new HallError('Sign in again', 'unauthenticated', 401);
    if (fault === 'too-large') throw new HallError('The file is too large', 'too-large', 413);
    if (fault === 'route-missing') throw new HallError('Not Found', 'not-found', 404);
    if (fault === 'bad-request') throw new HallError('Request blocked', 'invalid', 400);
    if (fault === 'hash-mismatch') throw new HallError('Bytes do not hash to the name', 'hash-mismatch', 422);
    if ((await sha256Hex(file)) !== sha256) throw new HallError('Bytes do not hash to the name', 'hash-mismatch', 422);
    this.attachments.set(sha256, file);
    if (fault === 'drop-reply') throw network();
  }

  async hasAttachment(sha256: string): Promise<boolean> {
    return this.attachments.has(sha256);
  }

  async getAttachment(sha256: string): Promise<Blob | undefined> {
    return this.attachments.get(sha256);
  }

  /**
   * Whether every subject's mutations were applied in the order they were queued, each once: `queued` lists ids in
   * the order the workstation saved them (not id order: a clock stepped back can make a later id sort first).
   */
  inOrder(queued: readonly string[]): boolean {
    const rank = new Map(queued.map((id, i) => [id, i]));
    return [...this.bySubject.values()].every(
      (ids) =>
        new Set(ids).size === ids.length &&
        ids.every((id, i) => rank.has(id) && (i === 0 || rank.get(ids[i - 1]!)! < rank.get(id)!)),
    );
  }

  async login(): Promise<Session> {
    throw new Error('not used by these tests');
  }
  async logout(): Promise<void> {}
  async catalog(): Promise<CatalogSnapshot | undefined> {
    return undefined;
  }
  async issueTicket(): Promise<Ticket> {
    throw new Error('not used by these tests');
  }
  async callNext(): Promise<Ticket | undefined> {
    return undefined;
  }
  async queueCommand(): Promise<never> {
    throw new Error('not used by these tests');
  }
  async importAppointments(): Promise<never> {
    throw new Error('not used by these tests');
  }
  async queue(): Promise<QueueSnapshot> {
    return { categories: [], windows: [], tickets: [], waits: [], lastEventId: 0 };
  }
  async getCase(id: string, purpose?: CaseReadPurpose): Promise<Case | undefined> {
    this.reads.push({ id, purpose });
    const held = this.cases.get(id);
    return held && structuredClone(held.payload);
  }
  claimCase(_claim: ClaimCase): Promise<Case> {
    return unused('claimCase');
  }
  recordResult(_id: string, _body: RecordResult): Promise<ResultRecorded> {
    return unused('recordResult');
  }
  readyResults(_query?: ReadyResultQuery): Promise<ReadyResultList> {
    return unused('readyResults');
  }
  commitments(_query?: CommitmentQuery): Promise<CommitmentList> {
    return unused('commitments');
  }
  caseReads(_id: string): Promise<CaseRead[]> {
    return unused('caseReads');
  }
  changePassword(_password: string, _newPassword: string): Promise<void> {
    return unused('changePassword');
  }
  publishCatalog(_catalog: Catalog): Promise<void> {
    return unused('publishCatalog');
  }
  calendar(): Promise<HolidaySchedule[]> {
    return unused('calendar');
  }
  publishCalendar(_schedule: HolidaySchedule): Promise<void> {
    return unused('publishCalendar');
  }
  settings(): Promise<HallSettings> {
    return unused('settings');
  }
  saveWindows(_windows: readonly WindowSetting[]): Promise<void> {
    return unused('saveWindows');
  }
  saveCategories(_categories: readonly QueueCategory[]): Promise<void> {
    return unused('saveCategories');
  }
  saveAccount(_user: string, _account: AccountSetting): Promise<void> {
    return unused('saveAccount');
  }
  disableAccount(_user: string): Promise<void> {
    return unused('disableAccount');
  }
  enrolDevice(_device: DeviceEnrol): Promise<EnrolledDevice> {
    return unused('enrolDevice');
  }
  revokeDevice(_id: string): Promise<void> {
    return unused('revokeDevice');
  }
  settingsAudit(): Promise<SettingsAuditEntry[]> {
    return unused('settingsAudit');
  }
  recoveryKey(): Promise<RecoveryPublicKey | undefined> {
    return unused('recoveryKey');
  }
  followUps(): Promise<FollowUpList> {
    return unused('followUps');
  }
  actOnFollowUp(): Promise<FollowUp> {
    return unused('actOnFollowUp');
  }
  saveFollowUpSettings(): Promise<void> {
    return unused('saveFollowUpSettings');
  }
  setRecoveryKey(_key: RecoveryPublicKey): Promise<void> {
    return unused('setRecoveryKey');
  }
  peers(): Promise<never> {
    return unused('peers');
  }
  peerCatalog(_hall: string): Promise<never> {
    return unused('peerCatalog');
  }
  remoteCases(_direction?: 'out' | 'in'): Promise<never> {
    return unused('remoteCases');
  }
  decideRemote(_id: string, _decision: unknown): Promise<never> {
    return unused('decideRemote');
  }
  async lookupLicences(): Promise<Licence[]> {
    return [];
  }
  async statistics(): Promise<HallStatistics> {
    throw new Error('not used by these tests');
  }
  async queueReport(): Promise<QueueReport> {
    throw new Error('not used by these tests');
  }
  events(): Observable<HallEvent> {
    return NEVER;
  }
}
