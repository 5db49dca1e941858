import * as v from 'valibot';
import type { Observable } from 'rxjs';
import { BehaviorSubject, combineLatest, distinctUntilChanged, from, map, switchMap } from 'rxjs';
import {
  AssistVisitSchema,
  RemotePackageSchema,
  AuditEntrySchema,
  HolidayScheduleSchema,
  type HolidaySchedule,
  CaseNumberer,
  CaseSchema,
  RatingSchema,
  TicketSchema,
  bilingual,
  chinaDay,
  formatIssues,
  parseCaseNumber,
  ulid,
  type AssistVisit,
  type RemotePackage,
  type AuditEntry,
  type Case,
  type CaseNumbererState,
  type CaseStatus,
  type Rating,
  type Ticket,
} from '@yichuang/core';
import type { CatalogSnapshot } from '@yichuang/hall-client';
import { StoreDatabase, DEFAULT_DATABASE_NAME } from './db/database.js';
import { isConnectionLost, liveObservable } from './db/connection.js';
import type {
  AttachmentRow,
  AuditRow,
  CasePersonalFields,
  CaseRow,
  DraftRow,
  RatingRow,
  RecordTable,
  AssistVisitRow,
  VisitPersonalFields,
  RemoteCaseRow,
  RemotePersonalFields,
} from './db/rows.js';
import { openBytes, seal, sealBytes, sha256Hex, unseal, type DataKey, type Sealed } from './crypto/cipher.js';
import {
  DEFAULT_KDF_ITERATIONS,
  createKeyring,
  importRecoveryPublicKey,
  openKeyring,
  openKeyringForRecovery,
  recoverKeyring,
  rewrapKeyring,
  type KeyringRow,
  type RecoveryPublicKey,
  type RecoveryWrappingKey,
} from './crypto/keyring.js';
import {
  AttachmentUnreadableError,
  CaseNumberConflictError,
  InvalidRecordError,
  NotFoundError,
  StaleCaseError,
  StoreError,
  StoreLockedError,
} from './errors.js';
import { KnownRecords, Outbox, queueSave, recordTable, recordTables, removeOrder } from './outbox/outbox.js';
import { DraftSession, type DraftOptions } from './drafts/draft-session.js';
import { RECORD_TABLES, STORE_KINDS, kindsOf, outboxRowOf } from './kinds/registry.js';
import {
  DEFAULT_LOCALE,
  STORE_MESSAGES,
  isStoreLocale,
  storeMessage,
  type RecordName,
  type StoreLocale,
  type StoreMessageKey,
} from './messages.js';

/** Options of {@link WorkstationStore.open}. */
export interface StoreOptions {
  /** IndexedDB database name, one per clerk workstation profile; `yichuang` by default. */
  name?: string;
  /**
   * PBKDF2-SHA-256 iterations for a clerk's first unlock on this workstation (stored with their keyring, so later
   * unlocks use the same). 310,000 by default; tests may pass fewer.
   */
  kdfIterations?: number;
  /** Ask the browser to keep the data under storage pressure (`navigator.storage.persist()`); on by default. */
  persist?: boolean;
  /**
   * The clerk's language: of the store's errors (`localized`), of the problem lines of a record that fails its
   * schema ({@link InvalidRecordError.issues}), and the sync engine's by default. `zh-CN` by default.
   */
  locale?: StoreLocale;
}

/** Options of {@link WorkstationStore.unlock}. */
export interface UnlockOptions {
  /**
   * The hall's recovery public key. When the clerk's keyring here is not yet wrapped for it (a new keyring, one made
   * before the hall had a recovery key, or one wrapped for an older, rotated key), the data key is wrapped for it
   * too and stored, so {@link WorkstationStore.recover} can reopen the clerk's data should the secret be lost.
   */
  recoveryKey?: RecoveryPublicKey;
}

/** Options of {@link WorkstationStore.saveCase}. */
export interface SaveCaseOptions {
  /** Lines for the workstation's audit log, written in the same transaction. */
  audit?: readonly AuditEntry[];
  /**
   * The window's {@link CaseNumberer} state after issuing this case's number: saved in the same transaction, so a
   * number is never reused after a crash. Pass it only on the save that used a fresh number.
   */
  numberer?: CaseNumbererState;
  /** The mutation's client id; a new ULID by default. */
  mutationId?: string;
}

/** What {@link WorkstationStore.saveCase} stored. */
export interface SavedCase {
  /** The case as stored (after the schema's normalisation: canonical identity numbers, phones …). */
  case: Case;
  /** Id of the outbox mutation that will send it. */
  mutationId: string;
}

/** What {@link WorkstationStore.saveRating} stored. */
export interface SavedRating {
  rating: Rating;
  mutationId: string;
}

/** What {@link WorkstationStore.saveAssistVisit} stored. */
export interface SavedAssistVisit {
  visit: AssistVisit;
  mutationId: string;
}

/** Which cases {@link WorkstationStore.cases$} lists. */
export interface CaseQuery {
  /** China calendar day of the case number (`yyyyMMdd`), or `today`. */
  day?: string | 'today';
  /** One status or several. */
  status?: CaseStatus | readonly CaseStatus[];
}

/** An attachment's facts, readable while locked. */
export interface AttachmentInfo {
  sha256: string;
  size: number;
  type: string;
  /** The hall holds it. */
  uploaded: boolean;
  createdAt: string;
}

/** An entry of the workstation's audit log, decrypted: the row with its sealed `reason` opened. */
export interface AuditLogEntry extends Omit<AuditRow, 'sealed'> {
  reason?: string;
}

/** What {@link WorkstationStore.purgeSynced} removed and kept, by table (`cases`, `ratings` … and the others). */
export interface PurgeReport {
  removed: { [T in RecordTable]: number } & { attachments: number; audit: number; outbox: number };
  /**
   * Records kept: cases, ratings and outbox entries the hall has not acknowledged (or whose local version it never
   * received), and every draft (unconfirmed work, never synced).
   */
  kept: { [T in RecordTable]: number } & { outbox: number; drafts: number };
}

/**
 * Where a case stands with the hall ({@link WorkstationStore.caseSyncState}):
 * - `synced`: every mutation acknowledged; the hall holds the version stored here.
 * - `pending`: a mutation waits (or is parked for the clerk).
 * - `diverged`: the clerk discarded the case's last mutation, so the version stored here never reached the hall.
 */
export type CaseSyncState = 'synced' | 'pending' | 'diverged';

/** What store instances of one database tell each other (BroadcastChannel `yc-store:<database name>`). */
interface StoreMessage {
  type: 'lock' | 'purge';
}

/** Something that holds personal data in memory and must end when the store locks (an open draft). */
interface KeyHolder {
  /** The store is locking: save what is unsaved with `key` (the key being forgotten) if it may, then end. */
  revoke(key: DataKey | undefined): Promise<void>;
}

/** A draft as listed by {@link WorkstationStore.drafts$}. */
export interface DraftEntry<T = Record<string, unknown>> {
  id: string;
  caseId?: string;
  updatedAt: string;
  data: T;
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The store's own problem lines (no placeholders). */
type OwnIssueKey = Extract<StoreMessageKey, 'numbererOtherWindow' | 'fileRequired' | 'caseNumbersMalformed'>;

/**
 * `input` parsed with `schema`, problems in the clerk's language (valibot `lang`, lines by the core's
 * `formatIssues`).
 *
 * @throws InvalidRecordError with the lines in `locale` (and in English, parsed once more, for its message).
 */
/** A case's personal fields, sealed for `cases`/`id`. */
function sealCase(key: DataKey, value: Case): Promise<Sealed> {
  const { applicant, proxy, delivery, form, audit } = value;
  return seal(key, 'cases', value.id, { applicant, proxy, delivery, form, audit } satisfies CasePersonalFields);
}

/** A case's row but for its sync state and attachments: everything but its personal fields in clear, those `sealed`. */
function caseRowOf(value: Case, sealed: Sealed): Omit<CaseRow, 'synced' | 'attachments'> {
  const { applicant: _a, proxy: _p, delivery: _d, form: _f, audit: _t, ...body } = value;
  return {
    id: value.id,
    number: value.number,
    hall: value.hall,
    window: value.window,
    status: value.status,
    day: parseCaseNumber(value.number).date,
    createdAt: value.createdAt,
    updatedAt: value.updatedAt,
    body,
    sealed,
  };
}

function parseRecord<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  record: RecordName,
  locale: StoreLocale,
): v.InferOutput<S> {
  const parsed = v.safeParse(schema, input, { lang: locale });
  if (parsed.success) return parsed.output;
  const issues = formatIssues(parsed.issues);
  const english =
    locale === 'en-US' ? issues : formatIssues(v.safeParse(schema, input, { lang: 'en-US' }).issues ?? []);
  throw new InvalidRecordError(record, issues, locale, english);
}

/**
 * The store's own error thrown inside a transaction, as it was thrown: Dexie wraps one whose name is also the name of
 * one of its errors (`NotFoundError`) in that error, keeping ours as `inner`.
 */
function ownError(error: unknown): unknown {
  const inner = (error as { inner?: unknown } | null)?.inner;
  return inner instanceof StoreError ? inner : error;
}

/** An {@link InvalidRecordError} of one problem line of the store's own. */
function invalidLine(record: RecordName, key: OwnIssueKey, locale: StoreLocale): InvalidRecordError {
  const text = STORE_MESSAGES[key];
  return new InvalidRecordError(record, [locale === 'en-US' ? text.en : text.zh], locale, [text.en]);
}

/**
 * The browser's own database for one clerk workstation profile: cases, ratings, drafts, attachments, the outbox of
 * mutations for the hall, the catalog, tickets seen and sync bookkeeping, in IndexedDB (Dexie).
 *
 * - Personal fields (a case's applicant, proxy and audit trail; a rating's comment; drafts; outbox payloads) and
 *   attachment bytes are sealed with AES-GCM under the clerk's data key; {@link unlock} opens the key with the
 *   clerk's login secret, {@link lock} forgets it. While locked, reading personal data throws
 *   {@link StoreLockedError}; counts, outbox states and attachment facts stay readable.
 * - A case and its outbox mutation (plus audit lines and the case-number state) commit in one transaction.
 * - Lists are live RxJS observables (Dexie `liveQuery`), updated on every change, in this tab or another.
 * - If the browser closes the IndexedDB connection, an operation reopens it and tries once more.
 *
 * ```ts
 * const store = await WorkstationStore.open();
 * await store.unlock('clerk01', password);
 * const { mutationId } = await store.saveCase(acceptedCase, { numberer: numberer.state });
 * store.cases$({ day: 'today' }).subscribe(render);
 * ```
 */
export class WorkstationStore {
  /** The Dexie database (sealed rows). Prefer the store's methods. */
  readonly db: StoreDatabase;
  /** The database name. */
  readonly name: string;
  /** The outbox of mutations for the hall (read by the {@link SyncEngine}). */
  readonly outbox: Outbox;
  /**
   * What this instance last wrote or read of cases (their hall version, pending save and `updatedAt`): a save
   * writes on that guess in the same breath as the read that checks it.
   *
   * @internal for the outbox.
   */
  readonly known = new KnownRecords();
  /** What `navigator.storage.persist()` answered on open (`undefined` if not asked or not available). */
  persisted: boolean | undefined;
  /** PBKDF2 iterations for new keyrings. */
  readonly kdfIterations: number;
  /** The clerk's language (see {@link StoreOptions.locale}). */
  readonly locale: StoreLocale;

  readonly #key$ = new BehaviorSubject<DataKey | undefined>(undefined);
  readonly #channel: BroadcastChannel | undefined;
  readonly #holders = new Set<KeyHolder>();
  #closedByOwner = false;
  #deleted = false;
  #reopening: Promise<void> | undefined;

  /** The unlocked clerk, `undefined` while locked. */
  readonly user$: Observable<string | undefined> = this.#key$.pipe(
    map((key) => key?.user),
    distinctUntilChanged(),
  );

  /** Use {@link WorkstationStore.open}; the constructor does not open the database. */
  constructor(options: StoreOptions = {}) {
    this.name = options.name ?? DEFAULT_DATABASE_NAME;
    this.kdfIterations = options.kdfIterations ?? DEFAULT_KDF_ITERATIONS;
    if (!Number.isInteger(this.kdfIterations) || this.kdfIterations < 1) {
      throw new RangeError('kdfIterations: a whole number from 1');
    }
    this.locale = options.locale ?? DEFAULT_LOCALE;
    if (!isStoreLocale(this.locale)) throw new RangeError('locale: zh-CN or en-US');
    this.db = new StoreDatabase(this.name);
    this.outbox = new Outbox(this);
    // Closed under us (browser, another tab's upgrade, code holding the Dexie instance): reopen soon, so live
    // queries keep following changes. Not after our own close, nor when another tab deletes the database.
    this.db.on('versionchange', (event: IDBVersionChangeEvent) => {
      if (event.newVersion === null) this.#deleted = true;
    });
    this.db.on('close', () => {
      setTimeout(() => {
        if (!this.#closedByOwner && !this.#deleted && !this.db.isOpen()) void this.reopen().catch(() => undefined);
      }, 0);
    });
    // A lock or purge in another tab (or another instance in this page) locks this one too: on a shared PC, logout
    // in one tab must not leave the data key in the others.
    if (typeof BroadcastChannel === 'function') {
      this.#channel = new BroadcastChannel(storeChannelName(this.name));
      this.#channel.onmessage = (event: MessageEvent<Partial<StoreMessage> | null>) => {
        const type = event.data?.type;
        if (type === 'lock' || type === 'purge') this.#forget(true);
      };
    }
  }

  /**
   * Opens (creating or upgrading) the workstation database and asks the browser to persist it.
   *
   * @throws Dexie's error if IndexedDB is unavailable or the upgrade fails (the database is left as it was).
   */
  static async open(options: StoreOptions = {}): Promise<WorkstationStore> {
    const store = new WorkstationStore(options);
    await store.db.open();
    if (options.persist !== false) store.persisted = await requestPersistence();
    return store;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Keys

  /** The unlocked clerk, `undefined` while locked. */
  get user(): string | undefined {
    return this.#key$.value?.user;
  }

  /** Whether personal data can be read and written now. */
  get locked(): boolean {
    return this.#key$.value === undefined;
  }

  /**
   * Unlocks the store for `user` with their login secret. On the clerk's first unlock on this workstation a random
   * data key is made and stored wrapped by a key derived from the secret (PBKDF2-SHA-256, {@link kdfIterations}).
   * Unlocking as another clerk replaces the current key.
   *
   * With `options.recoveryKey`, the data key is also wrapped for the hall's recovery public key and stored in the
   * clerk's keyring, unless it already is wrapped for that key (see {@link recover}). The key is checked before
   * anything else is done.
   *
   * @throws WrongSecretError if the secret is wrong; nothing changes and the store stays as it was.
   * @throws TypeError if `options.recoveryKey` is not an RSA-OAEP-256 public JWK whose `keyId` is its RFC 7638
   *   thumbprint (see `recoveryKeyId`), or RangeError if its modulus is under 3072 bits; nothing changes.
   */
  async unlock(user: string, secret: string, options: UnlockOptions = {}): Promise<void> {
    if (typeof user !== 'string' || user.length === 0) throw new TypeError('unlock: user is required');
    if (typeof secret !== 'string' || secret.length === 0) throw new TypeError('unlock: secret is required');
    const recovery = options.recoveryKey === undefined ? undefined : await importRecoveryPublicKey(options.recoveryKey);
    const row = await this.run(() => this.db.keyring.get(user));
    if (row) {
      this.#key$.next(await this.#openKeyring(row, secret, recovery));
      return;
    }
    const made = await createKeyring(user, secret, this.kdfIterations, ulid(), recovery);
    try {
      await this.run(() => this.db.keyring.add(made.row));
      this.#key$.next(made.dataKey);
    } catch (error) {
      // Another tab made the clerk's key at the same moment: use that one.
      if ((error as { name?: string }).name !== 'ConstraintError') throw error;
      const theirs = await this.run(() => this.db.keyring.get(user));
      if (!theirs) throw error;
      this.#key$.next(await this.#openKeyring(theirs, secret, recovery));
    }
  }

  /** Opens a stored keyring with the secret, first wrapping it for `recovery` if it is not yet. */
  async #openKeyring(row: KeyringRow, secret: string, recovery: RecoveryWrappingKey | undefined): Promise<DataKey> {
    if (!recovery || row.recovery?.keyId === recovery.keyId) return openKeyring(row, secret, this.locale);
    const opened = await openKeyringForRecovery(row, secret, recovery, this.locale);
    await this.#updateKeyring(row, { recovery: opened.recovery });
    return opened.dataKey;
  }

  /**
   * Writes `change` into the keyring row of `row.user` (and `audit`, if given) in one transaction, over the row as
   * stored now: what another tab wrote meanwhile to the other fields (the recovery wrap at its unlock, the secret's
   * wrap at a change of secret) is kept. The data key of a clerk never changes, so both writes wrap the same key.
   */
  async #updateKeyring(
    row: KeyringRow,
    change: Partial<Pick<KeyringRow, 'salt' | 'iterations' | 'wrapped' | 'recovery'>>,
    audit?: AuditRow,
  ): Promise<void> {
    const db = this.db;
    await this.run(() =>
      db.transaction('rw', [db.keyring, db.audit], async () => {
        const current = (await db.keyring.get(row.user)) ?? row;
        await db.keyring.put({ ...current, ...change });
        if (audit) await db.audit.add(audit);
      }),
    );
  }

  /**
   * Forgets the data key: personal data cannot be read until the next {@link unlock}. Open drafts save what they
   * had not saved yet (sealed with the key being forgotten) and close. Every other instance of this database (other
   * tabs) locks too: the lock is broadcast on the BroadcastChannel `yc-store:<database name>`.
   */
  lock(): void {
    this.#forget(true);
    this.#broadcast('lock');
  }

  /** Locks this instance only; `save`: open drafts save their unsaved changes first. */
  #forget(save: boolean): void {
    const key = this.#key$.value;
    for (const holder of [...this.#holders]) void holder.revoke(save ? key : undefined);
    this.#holders.clear();
    if (key !== undefined) this.#key$.next(undefined);
  }

  #broadcast(type: StoreMessage['type']): void {
    try {
      this.#channel?.postMessage({ type } satisfies StoreMessage);
    } catch {
      // The channel is closed (the store was closed): nothing to tell.
    }
  }

  /**
   * Registers something that holds personal data in memory (an open draft): {@link lock} ends it.
   *
   * @returns a function that unregisters it.
   * @internal for draft sessions.
   */
  hold(holder: KeyHolder): () => void {
    this.#holders.add(holder);
    return () => this.#holders.delete(holder);
  }

  /**
   * Wraps the clerk's data key with a new secret (after a password change). Records stay as they are, and so does
   * the keyring's recovery wrap (see {@link recover}).
   *
   * @throws WrongSecretError if `oldSecret` is wrong.
   */
  async changeSecret(user: string, oldSecret: string, newSecret: string): Promise<void> {
    if (typeof newSecret !== 'string' || newSecret.length === 0)
      throw new TypeError('changeSecret: new secret required');
    const row = await this.run(() => this.db.keyring.get(user));
    if (!row) {
      throw new StoreLockedError('locked', this.locale, {
        message: `No key for ${user} on this workstation: unlock first.`,
        localized: storeMessage('noKeyring', this.locale, { user }),
      });
    }
    const { salt, iterations, wrapped } = await rewrapKeyring(
      row,
      oldSecret,
      newSecret,
      this.kdfIterations,
      this.locale,
    );
    await this.#updateKeyring(row, { salt, iterations, wrapped });
  }

  /**
   * Recovers a clerk's data on this workstation when their secret is lost (forgotten, or reset by the hall
   * manager): opens the clerk's data key with the hall recovery private key it was wrapped for at an
   * {@link unlock} with `recoveryKey`, wraps it for `newSecret` (new salt, {@link kdfIterations}; the recovery wrap
   * is kept) and leaves the store unlocked as `user`, so every case, draft and outbox mutation sealed under the old
   * secret reads again. The old secret no longer unlocks. Writes a `recover-keyring` line (actor `user`) to the
   * audit log, in the same transaction as the keyring.
   *
   * @param recoveryPrivateKey the hall's RSA-OAEP-256 private key: a JWK, or a private `CryptoKey` with the
   *   `unwrapKey` usage.
   * @throws NotFoundError if `user` has no keyring on this workstation.
   * @throws RecoveryUnavailableError if the keyring is not wrapped for a recovery key.
   * @throws WrongRecoveryKeyError if the private key is not the one the keyring is wrapped for.
   * @throws TypeError if `recoveryPrivateKey` is not an RSA-OAEP-256 private key or `newSecret` is empty.
   * In every error case nothing changes: the keyring stays as it was and the store stays locked or unlocked as it was.
   */
  async recover(user: string, recoveryPrivateKey: CryptoKey | JsonWebKey, newSecret: string): Promise<void> {
    if (typeof user !== 'string' || user.length === 0) throw new TypeError('recover: user is required');
    if (typeof newSecret !== 'string' || newSecret.length === 0) throw new TypeError('recover: new secret required');
    const row = await this.run(() => this.db.keyring.get(user));
    if (!row) {
      throw new NotFoundError({
        message: `No keyring for ${user} on this workstation: there is nothing to recover.`,
        localized: storeMessage('noKeyringToRecover', this.locale, { user }),
      });
    }
    const recovered = await recoverKeyring(row, recoveryPrivateKey, newSecret, this.kdfIterations, this.locale);
    const { salt, iterations, wrapped } = recovered.row;
    const id = ulid();
    const audit: AuditRow = {
      id,
      at: new Date().toISOString(),
      actor: user,
      action: 'recover-keyring',
      sealed: await seal(recovered.dataKey, 'audit', id, {
        reason: `Keyring recovered with hall recovery key ${recovered.recoveryKeyId}; new secret set.`,
      }),
    };
    await this.#updateKeyring(row, { salt, iterations, wrapped }, audit);
    this.#key$.next(recovered.dataKey);
  }

  /**
   * The unlocked data key.
   *
   * @throws StoreLockedError while locked.
   * @internal for the outbox, drafts and sync engine.
   */
  requireKey(): DataKey {
    const key = this.#key$.value;
    if (!key) throw new StoreLockedError('locked', this.locale);
    return key;
  }

  /**
   * The key that sealed `sealed`.
   *
   * @throws StoreLockedError while locked, or if another clerk's key sealed it.
   * @internal
   */
  keyFor(sealed: Sealed): DataKey {
    const key = this.requireKey();
    if (sealed.key !== key.keyId) throw new StoreLockedError('other-clerk', this.locale);
    return key;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Connection

  /**
   * Closes the database and locks this instance (open drafts close without saving: flush them first). Other tabs
   * are not locked. Operations afterwards fail with Dexie's `DatabaseClosedError`.
   */
  close(): void {
    this.#closedByOwner = true;
    this.#forget(false);
    this.#channel?.close();
    this.db.close();
  }

  /** Deletes the whole database of this profile (all clerks' data, synced or not); other tabs lock. */
  async deleteDatabase(): Promise<void> {
    this.#closedByOwner = true;
    this.#forget(false);
    this.#broadcast('lock');
    this.#channel?.close();
    await this.db.delete();
  }

  /**
   * Runs `op`; if the IndexedDB connection was lost (closed by the browser or behind the store's back), reopens
   * and runs it once more. `op` must start its own Dexie work (a transaction is retried whole). A store error `op`
   * throws comes out as it was thrown, never wrapped in Dexie's error of the same name.
   *
   * @internal
   */
  async run<T>(op: () => PromiseLike<T>): Promise<T> {
    const attempt = async () => {
      try {
        return await op();
      } catch (error) {
        throw ownError(error);
      }
    };
    try {
      return await attempt();
    } catch (error) {
      if (this.#closedByOwner || !isConnectionLost(error)) throw error;
      await this.reopen();
      return await attempt();
    }
  }

  /** @internal reopens the connection (once, however many operations ask). */
  reopen(): Promise<void> {
    this.#reopening ??= (async () => {
      try {
        if (this.db.isOpen()) this.db.close({ disableAutoOpen: false });
        await this.db.open();
      } finally {
        this.#reopening = undefined;
      }
    })();
    return this.#reopening;
  }

  /** @internal a Dexie live query as an Observable (it waits while the connection is being reopened). */
  live<T>(querier: () => Promise<T>): Observable<T> {
    return liveObservable(querier);
  }

  /** @internal the live query `querier`, then `decrypt` with the key of the moment (re-run on lock/unlock). */
  liveDecrypted<R, T>(querier: () => Promise<R>, decrypt: (rows: R, key: DataKey) => Promise<T>): Observable<T> {
    return combineLatest([this.live(querier), this.#key$]).pipe(
      switchMap(([rows, key]) => {
        if (!key) throw new StoreLockedError('locked', this.locale);
        return from(decrypt(rows, key));
      }),
    );
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Cases

  /**
   * Saves a case and queues its `case.save` mutation, in one transaction (with the audit lines and case-number
   * state when given). The input is validated with the core's `CaseSchema` first (problems in the store's locale)
   * and encrypted before the transaction opens.
   *
   * The mutation's base is computed in the transaction, from the case as stored (read in the same breath as the
   * stale check): the case's last save not yet acknowledged (`{ mutation }`), else the hall version last
   * acknowledged (`{ version }`), else none (a case new to the hall). This save becomes the case's pending one. The
   * writes go with that read, on what this instance last wrote or read of the case (a case it does not know is taken
   * for new): one round trip to IndexedDB. When the read finds otherwise (another tab saved the case meanwhile), the
   * case and its mutation are written again from what it found before the transaction commits.
   *
   * @throws InvalidRecordError if the case (or an audit line) fails its schema; nothing is stored.
   * @throws StoreLockedError while locked; nothing is stored.
   * @throws CaseNumberConflictError if `options.numberer` is not ahead of the stored state; nothing is stored.
   * @throws StaleCaseError if the stored version of the case is newer (`updatedAt`) than this one (another tab saved
   *   it meanwhile); nothing is stored.
   */
  async saveCase(input: Case | unknown, options: SaveCaseOptions = {}): Promise<SavedCase> {
    const locale = this.locale;
    const value = parseRecord(CaseSchema, input, 'case', locale);
    const audit = options.audit?.length ? parseAudit(options.audit, locale) : [];
    const numberer = options.numberer;
    if (numberer && (numberer.hall !== value.hall || numberer.window !== value.window)) {
      throw invalidLine('case', 'numbererOtherWindow', locale);
    }
    const key = this.requireKey();
    const mutationId = options.mutationId ?? ulid();
    const now = new Date().toISOString();
    const [caseSealed, payloadSealed, auditRows] = await Promise.all([
      sealCase(key, value),
      seal(key, 'outbox', mutationId, value),
      audit.length ? this.#auditRows(key, audit, value.id) : Promise.resolve([]),
    ]);
    const mutation = outboxRowOf('case.save', {
      id: mutationId,
      payload: value,
      sealed: payloadSealed,
      createdAt: now,
    });
    const row: CaseRow = { ...caseRowOf(value, caseSealed), synced: 0, attachments: mutation.attachments };
    const db = this.db;
    const tables = [
      recordTable(db, STORE_KINDS['case.save'].table),
      db.outbox,
      db.outboxOrder,
      ...(auditRows.length ? [db.audit] : []),
      ...(numberer ? [db.caseNumbers] : []),
    ];
    // The stored case as this instance last wrote or read it: the writes go with the read on that guess (a case not
    // known here is guessed new, as most saved are). A save known to be stale waits for the read that refuses it.
    const known = this.known.get('cases', value.id);
    const expected =
      known?.updatedAt !== undefined && Date.parse(known.updatedAt) > Date.parse(value.updatedAt)
        ? undefined
        : { stored: known };
    let stored: CaseRow | undefined;
    await this.run(() =>
      db.transaction('rw', tables, () => {
        // Every request at once: the read of the stored case (the stale check; its hall version and pending save,
        // the base of this save) first, then the writes, on the guess above. IndexedDB answers a transaction's
        // requests in the order they were made, so each read sees the row as it was before this save's write; a
        // failed check (thrown here) aborts the transaction, taking back the writes already made, and a guess the
        // read belies is written over from what it found before the transaction commits (see queueSave).
        const requests: Promise<unknown>[] = queueSave(db, mutation, row, {
          expected,
          check: (found) => {
            stored = found;
            if (found && Date.parse(found.updatedAt) > Date.parse(value.updatedAt)) {
              throw new StaleCaseError(value.id, found.updatedAt, value.updatedAt, locale);
            }
          },
        });
        if (auditRows.length) requests.push(db.audit.bulkAdd(auditRows));
        if (numberer) {
          const key = numbererKey(numberer.hall, numberer.window);
          requests.push(
            db.caseNumbers.get(key).then((stored) => {
              if (stored && !isAhead(numberer, stored.state)) {
                throw new CaseNumberConflictError(numberer.hall, numberer.window, locale);
              }
            }),
            db.caseNumbers.put({ key, state: { ...numberer } }),
          );
        }
        return Promise.all(requests);
      }),
    );
    this.known.note('cases', value.id, {
      pending: mutationId,
      updatedAt: value.updatedAt,
      ...(stored?.version === undefined ? {} : { version: stored.version }),
    });
    return { case: value, mutationId };
  }

  /**
   * Keeps a case this window read from the hall — one of another window, claimed with the applicant at the counter
   * for a supplement or a hand-over — as the hall's `version` of it, sealed like the window's own cases and synced,
   * so that the next {@link saveCase} of it names that version as its base. No mutation is queued. A case held here
   * with a save still pending, or at the same or a newer version, is left as it is.
   *
   * @returns whether the case was stored.
   * @throws InvalidRecordError if the case fails its schema; RangeError if `version` is not a version (1 or more).
   * @throws StoreLockedError while locked.
   */
  async adoptCase(input: Case | unknown, version: number): Promise<boolean> {
    const value = parseRecord(CaseSchema, input, 'case', this.locale);
    if (!Number.isSafeInteger(version) || version < 1) throw new RangeError(`adoptCase: version ${version}`);
    const key = this.requireKey();
    const row: CaseRow = {
      ...caseRowOf(value, await sealCase(key, value)),
      synced: 1,
      version,
      attachments: STORE_KINDS['case.save'].attachments(value),
    };
    const db = this.db;
    const adopted = await this.run(() =>
      db.transaction('rw', db.cases, async () => {
        const stored = await db.cases.get(value.id);
        if (stored && (stored.synced === 0 || (stored.version ?? 0) >= version)) return false;
        await db.cases.put(row);
        return true;
      }),
    );
    if (adopted) this.known.noteRow('cases', row);
    return adopted;
  }

  /**
   * A case, decrypted; `undefined` if this workstation does not hold it.
   *
   * @throws StoreLockedError while locked or if another clerk saved it.
   */
  async getCase(id: string): Promise<Case | undefined> {
    this.requireKey();
    const row = await this.run(() => this.db.cases.get(id));
    if (row) this.known.noteRow('cases', row);
    return row && this.#openCase(row, this.keyFor(row.sealed));
  }

  /**
   * The hall's version of the case as this workstation last heard it (from the acknowledgement of its latest save
   * the hall acknowledged), readable while locked; `undefined` for a case the hall has not acknowledged yet, or one
   * this workstation does not hold.
   */
  async caseVersion(id: string): Promise<number | undefined> {
    return (await this.run(() => this.db.cases.get(id)))?.version;
  }

  /** Whether every mutation of the case has been acknowledged by the hall (readable while locked). */
  async isCaseSynced(id: string): Promise<boolean | undefined> {
    const row = await this.run(() => this.db.cases.get(id));
    return row === undefined ? undefined : row.synced === 1;
  }

  /** Where the case stands with the hall (readable while locked); `undefined` if this workstation does not hold it. */
  async caseSyncState(id: string): Promise<CaseSyncState | undefined> {
    const row = await this.run(() => this.db.cases.get(id));
    if (!row) return undefined;
    return row.synced === 1 ? 'synced' : row.diverged === 1 ? 'diverged' : 'pending';
  }

  /**
   * Cases as a live list, oldest first, decrypted; re-emits on every change. Cases another clerk saved on this
   * workstation are left out. Errors with {@link StoreLockedError} while (or as soon as) the store is locked.
   */
  cases$(query: CaseQuery = {}): Observable<Case[]> {
    const day = query.day === 'today' ? chinaDay(Date.now()) : query.day;
    const statuses = query.status === undefined ? undefined : ([] as CaseStatus[]).concat(query.status);
    const db = this.db;
    return this.liveDecrypted(
      async () => {
        let rows: CaseRow[];
        if (day !== undefined && statuses) {
          rows = await db.cases
            .where('[status+day]')
            .anyOf(statuses.map((status) => [status, day]))
            .toArray();
        } else if (day !== undefined) {
          rows = await db.cases.where('day').equals(day).toArray();
        } else if (statuses) {
          rows = await db.cases.where('status').anyOf(statuses).toArray();
        } else {
          rows = await db.cases.toArray();
        }
        return rows.sort(byId);
      },
      (rows, key) => {
        for (const row of rows) this.known.noteRow('cases', row);
        return Promise.all(rows.filter((row) => row.sealed.key === key.keyId).map((row) => this.#openCase(row, key)));
      },
    );
  }

  /** Today's cases (the China calendar day when subscribing), optionally of some statuses. See {@link cases$}. */
  todayCases$(status?: CaseStatus | readonly CaseStatus[]): Observable<Case[]> {
    return this.cases$({ day: 'today', ...(status === undefined ? {} : { status }) });
  }

  async #openCase(row: CaseRow, key: DataKey): Promise<Case> {
    const personal = await unseal<CasePersonalFields>(key, 'cases', row.id, row.sealed);
    return { ...row.body, ...personal } as Case;
  }

  /** The case-number state saved for a window, if any. */
  async caseNumbererState(hall: string, window: string): Promise<CaseNumbererState | undefined> {
    return (await this.run(() => this.db.caseNumbers.get(numbererKey(hall, window))))?.state;
  }

  /** A {@link CaseNumberer} for the window, continuing from the saved state. */
  async caseNumberer(hall: string, window: string): Promise<CaseNumberer> {
    return new CaseNumberer({ hall, window, state: await this.caseNumbererState(hall, window) });
  }

  /**
   * Adopts the hall's case numbering of a window (`Session.caseNumbers`: the hall's highest case number of the
   * clerk's window today, given at login) when it is ahead of the state stored for that hall and window (or none is
   * stored): the next {@link caseNumberer} then continues after it, so this workstation never issues a number the
   * hall holds (two PCs at one window, a reinstalled PC). A stored state that is ahead (numbers issued here and not
   * yet sent) stays: the stored state never moves back. One transaction, so a save numbering at the same time
   * either sees the hall's state (and is refused if behind it, see {@link CaseNumberConflictError}) or comes first.
   *
   * @returns whether the stored state changed.
   * @throws InvalidRecordError if `state` is not a case-number state (hall and window codes, a `yyyyMMdd` day, a
   *   whole `seq` from 0); nothing changes.
   */
  async adoptCaseNumbers(state: CaseNumbererState): Promise<boolean> {
    let checked: CaseNumbererState | undefined;
    try {
      checked = new CaseNumberer({ hall: state.hall, window: state.window, state }).state;
    } catch {
      checked = undefined;
    }
    if (!checked) throw invalidLine('case numbers', 'caseNumbersMalformed', this.locale);
    const adopted = checked;
    const key = numbererKey(adopted.hall, adopted.window);
    const db = this.db;
    return this.run(() =>
      db.transaction('rw', db.caseNumbers, async () => {
        const stored = await db.caseNumbers.get(key);
        if (stored && !isAhead(adopted, stored.state)) return false;
        await db.caseNumbers.put({ key, state: adopted });
        return true;
      }),
    );
  }

  async #auditRows(key: DataKey, entries: readonly AuditEntry[], caseId: string | undefined): Promise<AuditRow[]> {
    return Promise.all(
      entries.map(async (entry) => {
        const id = ulid();
        const row: AuditRow = { id, at: entry.at, actor: entry.actor, window: entry.window, action: entry.action };
        if (caseId !== undefined) row.caseId = caseId;
        if (entry.from !== undefined) row.from = entry.from;
        if (entry.to !== undefined) row.to = entry.to;
        if (entry.materialIds !== undefined) row.materialIds = entry.materialIds;
        if (entry.reason !== undefined) row.sealed = await seal(key, 'audit', id, { reason: entry.reason });
        return row;
      }),
    );
  }

  /**
   * Appends lines to the workstation's audit log (outside any case save).
   *
   * @throws InvalidRecordError if a line fails `AuditEntrySchema`.
   * @throws StoreLockedError while locked.
   */
  async appendAudit(entries: readonly AuditEntry[], caseId?: string): Promise<void> {
    const parsed = parseAudit(entries, this.locale);
    const rows = await this.#auditRows(this.requireKey(), parsed, caseId);
    await this.run(() => this.db.audit.bulkAdd(rows));
  }

  /**
   * The audit log, oldest first, of one case or of the whole workstation; reasons decrypted.
   *
   * @throws StoreLockedError while locked.
   */
  async auditLog(caseId?: string): Promise<AuditLogEntry[]> {
    this.requireKey();
    const rows = await this.run(() =>
      caseId === undefined ? this.db.audit.toArray() : this.db.audit.where('caseId').equals(caseId).toArray(),
    );
    return Promise.all(
      rows.sort(byId).map(async ({ sealed, ...rest }) => {
        if (!sealed) return rest;
        const { reason } = await unseal<{ reason: string }>(this.keyFor(sealed), 'audit', rest.id, sealed);
        return { ...rest, reason };
      }),
    );
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Ratings

  /**
   * Saves a rating and queues its `rating.save` mutation in one transaction; the comment is encrypted. A rating of
   * a case is sent after the case's earlier mutations.
   *
   * @throws InvalidRecordError if it fails `RatingSchema`; nothing is stored.
   * @throws StoreLockedError while locked.
   */
  async saveRating(input: Rating | unknown, options: { mutationId?: string } = {}): Promise<SavedRating> {
    const rating = parseRecord(RatingSchema, input, 'rating', this.locale);
    const key = this.requireKey();
    const mutationId = options.mutationId ?? ulid();
    const { comment, ...body } = rating;
    const [commentSealed, payloadSealed] = await Promise.all([
      comment === undefined ? Promise.resolve(undefined) : seal(key, 'ratings', rating.id, { comment }),
      seal(key, 'outbox', mutationId, rating),
    ]);
    const row: RatingRow = { id: rating.id, at: rating.at, synced: 0, body };
    if (rating.caseId !== undefined) row.caseId = rating.caseId;
    if (commentSealed) row.sealed = commentSealed;
    const mutation = outboxRowOf('rating.save', {
      id: mutationId,
      payload: rating,
      sealed: payloadSealed,
      createdAt: new Date().toISOString(),
    });
    const db = this.db;
    await this.run(() =>
      db.transaction('rw', [recordTable(db, STORE_KINDS['rating.save'].table), db.outbox, db.outboxOrder], () =>
        Promise.all(queueSave(db, mutation, row)),
      ),
    );
    return { rating, mutationId };
  }

  /**
   * A rating, comment decrypted.
   *
   * @throws StoreLockedError while locked (only when it has a comment).
   */
  async getRating(id: string): Promise<Rating | undefined> {
    const row = await this.run(() => this.db.ratings.get(id));
    if (!row) return undefined;
    if (!row.sealed) return { ...row.body } as Rating;
    const { comment } = await unseal<{ comment: string }>(this.keyFor(row.sealed), 'ratings', id, row.sealed);
    return { ...row.body, comment } as Rating;
  }

  /** Whether the hall acknowledged the rating. */
  async isRatingSynced(id: string): Promise<boolean | undefined> {
    const row = await this.run(() => this.db.ratings.get(id));
    return row === undefined ? undefined : row.synced === 1;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Helper-desk visits

  /**
   * Saves a visit of the helper desk (帮办代办) and queues its `assist.save` mutation in one transaction; the person,
   * the proxy and the help log are encrypted. Each save of a visit is based on the one before (sent in order).
   *
   * @throws InvalidRecordError if it fails `AssistVisitSchema`; nothing is stored.
   * @throws StoreLockedError while locked.
   */
  async saveAssistVisit(
    input: AssistVisit | unknown,
    options: { mutationId?: string } = {},
  ): Promise<SavedAssistVisit> {
    const visit = parseRecord(AssistVisitSchema, input, 'visit', this.locale);
    const key = this.requireKey();
    const mutationId = options.mutationId ?? ulid();
    const { served, proxy, help, ...body } = visit;
    const personal: VisitPersonalFields = { served, ...(proxy === undefined ? {} : { proxy }), help };
    const [sealed, payloadSealed] = await Promise.all([
      seal(key, 'assistVisits', visit.id, personal),
      seal(key, 'outbox', mutationId, visit),
    ]);
    const mutation = outboxRowOf('assist.save', {
      id: mutationId,
      payload: visit,
      sealed: payloadSealed,
      createdAt: new Date().toISOString(),
    });
    const row: AssistVisitRow = {
      id: visit.id,
      window: visit.window,
      helper: visit.helper,
      status: visit.status,
      updatedAt: visit.updatedAt,
      synced: 0,
      attachments: mutation.attachments,
      body,
      sealed,
    };
    const db = this.db;
    await this.run(() =>
      db.transaction('rw', [recordTable(db, STORE_KINDS['assist.save'].table), db.outbox, db.outboxOrder], () =>
        Promise.all(queueSave(db, mutation, row)),
      ),
    );
    return { visit, mutationId };
  }

  /**
   * A visit of the helper desk, decrypted; `undefined` if this workstation does not hold it.
   *
   * @throws StoreLockedError while locked.
   */
  async getAssistVisit(id: string): Promise<AssistVisit | undefined> {
    this.requireKey();
    const row = await this.run(() => this.db.assistVisits.get(id));
    return row && this.#openVisit(row, this.keyFor(row.sealed));
  }

  /**
   * A helper's visits as a live list, newest first, decrypted (optionally of one status); re-emits on every change.
   * Visits another clerk saved on this workstation are left out. Errors with {@link StoreLockedError} while locked.
   */
  assistVisits$(helper: string, status?: AssistVisit['status']): Observable<AssistVisit[]> {
    const db = this.db;
    return this.liveDecrypted(
      async () => {
        const rows = await (status === undefined
          ? db.assistVisits.where('[helper+status]').between([helper, ''], [helper, '\uffff']).toArray()
          : db.assistVisits.where('[helper+status]').equals([helper, status]).toArray());
        return rows.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      },
      (rows, key) =>
        Promise.all(rows.filter((row) => row.sealed.key === key.keyId).map((row) => this.#openVisit(row, key))),
    );
  }

  async #openVisit(row: AssistVisitRow, key: DataKey): Promise<AssistVisit> {
    const personal = await unseal<VisitPersonalFields>(key, 'assistVisits', row.id, row.sealed);
    return { ...row.body, ...personal } as AssistVisit;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Cases collected for another region's hall (跨省通办)

  /**
   * Saves a package collected at this window for another region's hall and queues its `remote.save` mutation in one
   * transaction; the applicant, the proxy and the address are encrypted.
   *
   * @throws InvalidRecordError if it fails `RemotePackageSchema`; nothing is stored.
   * @throws StoreLockedError while locked.
   */
  async saveRemotePackage(
    input: RemotePackage | unknown,
    options: { mutationId?: string; numberer?: CaseNumbererState } = {},
  ): Promise<{ package: RemotePackage; mutationId: string }> {
    const pkg = parseRecord(RemotePackageSchema, input, 'remote case', this.locale);
    const key = this.requireKey();
    const mutationId = options.mutationId ?? ulid();
    const { applicant, proxy, address, ...body } = pkg;
    const personal: RemotePersonalFields = {
      applicant,
      ...(proxy === undefined ? {} : { proxy }),
      ...(address === undefined ? {} : { address }),
    };
    const [sealed, payloadSealed] = await Promise.all([
      seal(key, 'remoteCases', pkg.id, personal),
      seal(key, 'outbox', mutationId, pkg),
    ]);
    const mutation = outboxRowOf('remote.save', {
      id: mutationId,
      payload: pkg,
      sealed: payloadSealed,
      createdAt: new Date().toISOString(),
    });
    const row: RemoteCaseRow = {
      id: pkg.id,
      number: pkg.number,
      window: pkg.window,
      target: pkg.target.hall,
      collectedAt: pkg.collectedAt,
      synced: 0,
      attachments: mutation.attachments,
      body,
      sealed,
    };
    const db = this.db;
    const numberer = options.numberer;
    const tables = [recordTable(db, STORE_KINDS['remote.save'].table), db.outbox, db.outboxOrder];
    await this.run(() =>
      db.transaction('rw', numberer ? [...tables, db.caseNumbers] : tables, () => {
        const requests: Promise<unknown>[] = queueSave(db, mutation, row);
        // The package's number is the window's next case number: its state is kept with it, as a case's is.
        if (numberer) {
          const key = numbererKey(numberer.hall, numberer.window);
          requests.push(
            db.caseNumbers.get(key).then((stored) => {
              if (stored && !isAhead(numberer, stored.state)) {
                throw new CaseNumberConflictError(numberer.hall, numberer.window, this.locale);
              }
            }),
            db.caseNumbers.put({ key, state: { ...numberer } }),
          );
        }
        return Promise.all(requests);
      }),
    );
    return { package: pkg, mutationId };
  }

  /**
   * The packages collected at this workstation, newest first, decrypted, with whether the hall has each; re-emits on
   * every change. Errors with {@link StoreLockedError} while locked.
   */
  remotePackages$(): Observable<{ package: RemotePackage; synced: boolean }[]> {
    const db = this.db;
    return this.liveDecrypted(
      async () => await db.remoteCases.orderBy('collectedAt').reverse().toArray(),
      (rows, key) =>
        Promise.all(
          rows
            .filter((row) => row.sealed.key === key.keyId)
            .map(async (row) => ({
              package: {
                ...row.body,
                ...(await unseal<RemotePersonalFields>(key, 'remoteCases', row.id, row.sealed)),
              } as RemotePackage,
              synced: row.synced === 1,
            })),
        ),
    );
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Attachments

  /**
   * Stores a file, encrypted, under the SHA-256 of its bytes (computed before any transaction); a file already held
   * is not stored twice, unless the copy held cannot be read back (damaged or lost): then this one replaces it.
   *
   * @returns the SHA-256 (lower-case hex) that names it.
   * @throws StoreLockedError while locked.
   */
  async putAttachment(file: Blob): Promise<string> {
    if (!(file instanceof Blob)) throw invalidLine('attachment', 'fileRequired', this.locale);
    const key = this.requireKey();
    const bytes = await file.arrayBuffer();
    const sha256 = await sha256Hex(bytes);
    const existing = await this.run(() => this.db.attachments.get(sha256));
    if (existing && existing.key === key.keyId && (await readable(existing, key))) return sha256;
    const sealed = await sealBytes(key, 'attachments', sha256, bytes);
    const row: AttachmentRow = {
      sha256,
      size: bytes.byteLength,
      type: file.type,
      uploaded: existing?.uploaded ?? 0,
      createdAt: existing?.createdAt ?? new Date().toISOString(),
      key: sealed.key,
      iv: sealed.iv,
      data: new Blob([sealed.data]),
    };
    await this.run(() => this.db.attachments.put(row));
    return sha256;
  }

  /**
   * A stored file, decrypted, or `undefined` if this workstation does not hold it.
   *
   * @throws StoreLockedError while locked, or if another clerk's key sealed it.
   * @throws AttachmentUnreadableError if its bytes cannot be read back (damaged, or the Blob's file was lost).
   */
  async getAttachment(sha256: string): Promise<Blob | undefined> {
    this.requireKey();
    const row = await this.run(() => this.db.attachments.get(sha256.toLowerCase()));
    if (!row) return undefined;
    const key = this.keyFor({ key: row.key, iv: row.iv, data: new ArrayBuffer(0) });
    return new Blob([await readAttachment(row, key, this.locale)], { type: row.type });
  }

  /** An attachment's size, type and upload state (no key needed). */
  async attachmentInfo(sha256: string): Promise<AttachmentInfo | undefined> {
    const row = await this.run(() => this.db.attachments.get(sha256.toLowerCase()));
    return (
      row && {
        sha256: row.sha256,
        size: row.size,
        type: row.type,
        uploaded: row.uploaded === 1,
        createdAt: row.createdAt,
      }
    );
  }

  /** Records that the hall holds these attachments. */
  async markAttachmentsUploaded(hashes: readonly string[]): Promise<void> {
    if (!hashes.length) return;
    await this.run(() =>
      this.db.attachments
        .where('sha256')
        .anyOf(hashes.map((sha) => sha.toLowerCase()))
        .modify({ uploaded: 1 }),
    );
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Drafts

  /**
   * Opens a draft for editing in this tab: autosaved (debounced), flushed on `pagehide`, and locked against other
   * tabs with a Web Lock (`yc-draft:<id>`) until {@link DraftSession.close}.
   *
   * @param id the draft id; a new ULID when omitted (a new draft).
   * @throws DraftLockedError if another tab (or store instance) of this origin has it open.
   * @throws StoreLockedError while locked.
   */
  openDraft<T extends object = Record<string, unknown>>(
    id?: string,
    options: DraftOptions<T> = {},
  ): Promise<DraftSession<T>> {
    return DraftSession.open<T>(this, id ?? ulid(), options);
  }

  /**
   * A draft's data, decrypted.
   *
   * @throws StoreLockedError while locked.
   */
  async getDraft<T = Record<string, unknown>>(id: string): Promise<DraftEntry<T> | undefined> {
    this.requireKey();
    const row = await this.run(() => this.db.drafts.get(id));
    return row && this.#openDraft<T>(row, this.keyFor(row.sealed));
  }

  /** Drafts (of the unlocked clerk) as a live list, most recently edited first. */
  drafts$<T = Record<string, unknown>>(): Observable<DraftEntry<T>[]> {
    return this.liveDecrypted(
      () => this.db.drafts.orderBy('updatedAt').reverse().toArray(),
      (rows, key) =>
        Promise.all(rows.filter((row) => row.sealed.key === key.keyId).map((row) => this.#openDraft<T>(row, key))),
    );
  }

  /** Deletes a draft (e.g. once its case is saved). */
  async deleteDraft(id: string): Promise<void> {
    await this.run(() => this.db.drafts.delete(id));
  }

  async #openDraft<T>(row: DraftRow, key: DataKey): Promise<DraftEntry<T>> {
    const data = await unseal<T>(key, 'drafts', row.id, row.sealed);
    return { id: row.id, ...(row.caseId === undefined ? {} : { caseId: row.caseId }), updatedAt: row.updatedAt, data };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Catalog, tickets, sync state

  /** Stores a catalog version downloaded from the hall. */
  async saveCatalog(snapshot: CatalogSnapshot): Promise<void> {
    await this.run(() =>
      this.db.catalog.put({ version: snapshot.version, savedAt: new Date().toISOString(), snapshot }),
    );
  }

  /** A stored catalog version, or the last one saved when `version` is omitted. */
  async catalog(version?: string): Promise<CatalogSnapshot | undefined> {
    const row = await this.run(() =>
      version === undefined ? this.db.catalog.orderBy('savedAt').last() : this.db.catalog.get(version),
    );
    return row?.snapshot;
  }

  /**
   * Keeps the holiday schedules the hall serves (`HallClient.calendar()`, fetched again on `calendar.published`), for
   * due dates while offline. Each is validated with the core's schema; a year kept before is replaced, years not given
   * are kept.
   *
   * @throws InvalidRecordError if one fails `HolidayScheduleSchema`; none is stored.
   */
  async saveCalendar(schedules: readonly HolidaySchedule[]): Promise<void> {
    const parsed = schedules.map((schedule) => parseRecord(HolidayScheduleSchema, schedule, 'calendar', this.locale));
    await this.run(() =>
      this.db.transaction('rw', this.db.syncState, async () => {
        const kept = ((await this.db.syncState.get(CALENDAR_KEY))?.value as HolidaySchedule[] | undefined) ?? [];
        const byYear = new Map(kept.map((schedule) => [schedule.year, schedule]));
        for (const schedule of parsed) byYear.set(schedule.year, schedule);
        await this.db.syncState.put({ key: CALENDAR_KEY, value: [...byYear.values()].sort((a, b) => a.year - b.year) });
      }),
    );
  }

  /**
   * The holiday schedules kept for due dates: those saved with {@link saveCalendar}, with the years of the last
   * catalog snapshot that they lack; by year.
   */
  async calendar(): Promise<HolidaySchedule[]> {
    const [kept, snapshot] = await Promise.all([this.getSyncState<HolidaySchedule[]>(CALENDAR_KEY), this.catalog()]);
    const byYear = new Map((snapshot?.holidays ?? []).map((schedule) => [schedule.year, schedule]));
    for (const schedule of kept ?? []) byYear.set(schedule.year, schedule);
    return [...byYear.values()].sort((a, b) => a.year - b.year);
  }

  /**
   * Records tickets as seen (from the queue or the event stream).
   *
   * @throws InvalidRecordError if one fails `TicketSchema`; none is stored.
   */
  async saveTickets(tickets: readonly Ticket[]): Promise<void> {
    const rows: Ticket[] = tickets.map((ticket) => parseRecord(TicketSchema, ticket, 'ticket', this.locale));
    await this.run(() => this.db.tickets.bulkPut(rows));
  }

  /** Tickets seen, live, in the order they were issued. */
  tickets$(status?: Ticket['status']): Observable<Ticket[]> {
    return this.live(() =>
      status === undefined
        ? this.db.tickets.orderBy('issuedAt').toArray()
        : this.db.tickets
            .where('status')
            .equals(status)
            .toArray()
            .then((rows) => rows.sort((a, b) => (a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : 0))),
    );
  }

  /** A sync bookkeeping value (`lastSuccessAt`, `lastEventId`, …). */
  async getSyncState<T = unknown>(key: string): Promise<T | undefined> {
    return (await this.run(() => this.db.syncState.get(key)))?.value as T | undefined;
  }

  /** Sets a sync bookkeeping value. */
  async setSyncState(key: string, value: unknown): Promise<void> {
    await this.run(() => this.db.syncState.put({ key, value }));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Logout

  /**
   * For logout on a shared device: removes every case whose mutations the hall has all acknowledged (and whose
   * version here is the hall's), with its audit lines and acknowledged outbox entries; ratings the hall
   * acknowledged; uploaded attachments no remaining case, draft or pending mutation references. Then locks the
   * store, and every other tab of it. Whatever the hall does not hold stays, encrypted: cases and ratings not
   * acknowledged (or diverged, see {@link caseSyncState}), attachments never uploaded, and every draft
   * (unconfirmed work). One transaction: all or nothing.
   */
  async purgeSynced(): Promise<PurgeReport> {
    const db = this.db;
    const tables = [db.outbox, db.outboxOrder, db.audit, db.drafts, db.attachments, ...recordTables(db)];
    try {
      return await this.run(() =>
        db.transaction('rw', tables, async () => {
          const outbox = await db.outbox.toArray();
          const unacknowledged = outbox.filter((row) => row.state !== 'acknowledged');
          // A record stays while a mutation of it waits, or one of its subject (a case, while its rating waits).
          const open = new Set(unacknowledged.flatMap((row) => [row.record, row.subject]));
          const keptDrafts = await db.drafts.toArray();
          const stillUsed = new Set<string>([
            ...keptDrafts.flatMap((row) => row.attachments),
            ...unacknowledged.flatMap((row) => row.attachments),
          ]);
          const removed = {} as { [T in RecordTable]: number };
          const gone = new Set<string>();
          const auditOf: string[] = [];
          const purged = new Map<RecordTable, string[]>();
          for (const name of RECORD_TABLES) {
            const table = recordTable(db, name);
            const [synced, unsynced] = await Promise.all([
              table.where('synced').equals(1).toArray(),
              table.where('synced').equals(0).toArray(),
            ]);
            const ids: string[] = [];
            for (const row of synced) {
              if (open.has(row.id)) unsynced.push(row);
              else ids.push(row.id);
            }
            for (const row of unsynced) for (const sha of row.attachments ?? []) stillUsed.add(sha);
            for (const id of ids) gone.add(id);
            if (kindsOf(name).some((kind) => kind.auditUnderRecord)) auditOf.push(...ids);
            purged.set(name, ids);
            removed[name] = ids.length;
          }
          const outboxIds = outbox
            .filter((row) => row.state === 'acknowledged' && gone.has(row.record))
            .map((row) => row.id);
          const auditIds = auditOf.length ? await db.audit.where('caseId').anyOf(auditOf).primaryKeys() : [];
          // Only what the hall holds: a file never uploaded stays, whatever references it.
          const attachmentIds = (await db.attachments.where('uploaded').equals(1).primaryKeys()).filter(
            (sha) => !stillUsed.has(sha),
          );

          for (const [name, ids] of purged) await recordTable(db, name).bulkDelete(ids);
          await db.outbox.bulkDelete(outboxIds);
          await removeOrder(db, outboxIds);
          await db.audit.bulkDelete(auditIds);
          await db.attachments.bulkDelete(attachmentIds);
          const kept = {} as { [T in RecordTable]: number };
          for (const name of RECORD_TABLES) kept[name] = await recordTable(db, name).count();
          return {
            removed: {
              ...removed,
              attachments: attachmentIds.length,
              audit: auditIds.length,
              outbox: outboxIds.length,
            },
            kept: { ...kept, outbox: outbox.length - outboxIds.length, drafts: keptDrafts.length },
          } satisfies PurgeReport;
        }),
      );
    } finally {
      this.known.clear();
      this.#forget(true);
      this.#broadcast('purge');
    }
  }
}

/** The sync-state key of the holiday schedules kept for offline due dates. */
const CALENDAR_KEY = 'calendar';

/** The BroadcastChannel on which the instances of database `name` (in every tab) tell each other to lock. */
export function storeChannelName(name: string): string {
  return `yc-store:${name}`;
}

/**
 * The clear bytes of a stored attachment.
 *
 * @throws AttachmentUnreadableError if the Blob cannot be read (its file was lost) or the ciphertext does not open.
 */
async function readAttachment(row: AttachmentRow, key: DataKey, locale: StoreLocale): Promise<ArrayBuffer> {
  try {
    const data = await row.data.arrayBuffer();
    return await openBytes(key, 'attachments', row.sha256, { key: row.key, iv: row.iv, data });
  } catch (error) {
    throw new AttachmentUnreadableError(row.sha256, { cause: error, locale });
  }
}

/** Whether a stored attachment can be read back with `key`. */
async function readable(row: AttachmentRow, key: DataKey): Promise<boolean> {
  try {
    await readAttachment(row, key, DEFAULT_LOCALE);
    return true;
  } catch {
    return false;
  }
}

function numbererKey(hall: string, window: string): string {
  return `${hall}/${window}`;
}

/** Whether state `next` comes after `stored` (a later day, or the same day with a higher sequence). */
function isAhead(next: CaseNumbererState, stored: CaseNumbererState): boolean {
  return next.day > stored.day || (next.day === stored.day && next.seq > stored.seq);
}

const AuditEntriesSchema = v.array(
  AuditEntrySchema,
  bilingual(STORE_MESSAGES.auditList.en, STORE_MESSAGES.auditList.zh),
);

function parseAudit(entries: readonly AuditEntry[], locale: StoreLocale): AuditEntry[] {
  return parseRecord(AuditEntriesSchema, entries, 'audit entry', locale);
}

async function requestPersistence(): Promise<boolean | undefined> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage || typeof storage.persist !== 'function') return undefined;
  try {
    return await storage.persist();
  } catch {
    return undefined;
  }
}
