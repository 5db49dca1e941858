import { BehaviorSubject, type Observable } from 'rxjs';
import { seal, unseal, type DataKey } from '../crypto/cipher.js';
import type { DraftRow } from '../db/rows.js';
import { DraftLockedError, StoreLockedError } from '../errors.js';
import { attachmentsOf } from '../db/references.js';
import { storeMessage, type StoreLocale } from '../messages.js';
import type { WorkstationStore } from '../store.js';

/** Options of {@link WorkstationStore.openDraft}. */
export interface DraftOptions<T> {
  /** Data of a new draft (ignored when the draft exists). */
  initial?: T;
  /** The case the draft will become (kept through a purge until that case is synced); `data.id` by default. */
  caseId?: string;
  /** Milliseconds of quiet after the last {@link DraftSession.update} before it is saved; 500 by default. */
  debounceMs?: number;
}

/** Where a draft's autosave stands. */
export type DraftSaveState = 'saved' | 'dirty' | 'saving' | 'error';

/**
 * Why a draft session ended ({@link DraftSession.closeReason}):
 * - `closed`: {@link DraftSession.close}; `discarded`: {@link DraftSession.discard};
 * - `locked`: the store was locked (logout, here or in another tab); what was unsaved was saved first;
 * - `other-clerk`: another clerk unlocked the store while the draft was open; the changes not yet saved were not
 *   saved (they would have been sealed with the other clerk's key).
 */
export type DraftCloseReason = 'closed' | 'discarded' | 'locked' | 'other-clerk';

/** The name of the Web Lock held while a draft is open. */
export const draftLockName = (id: string): string => `yc-draft:${id}`;

/**
 * A draft open for editing in this tab. Changes are saved (encrypted) after a quiet moment, on `pagehide`, on
 * {@link flush} and on {@link close}; another tab cannot open the same draft meanwhile (Web Lock
 * `yc-draft:<id>`, {@link DraftLockedError}).
 *
 * A session belongs to the clerk whose key was unlocked when it opened: it never saves under another clerk's key
 * (if another clerk unlocks the store, the next save is refused and the session closes, {@link closeReason}
 * `other-clerk`), and it closes when the store locks.
 */
export class DraftSession<T extends object = Record<string, unknown>> {
  readonly id: string;
  readonly #store: WorkstationStore;
  readonly #debounceMs: number;
  readonly #release: () => void;
  readonly #unhold: () => void;
  readonly #keyId: string;
  readonly #state$ = new BehaviorSubject<DraftSaveState>('saved');
  #data: T;
  #caseId: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #saving: Promise<void> = Promise.resolve();
  #version = 0;
  #savedVersion = 0;
  #closed = false;
  #ended = false;
  #closeReason: DraftCloseReason | undefined;
  readonly #onPageHide = (): void => {
    void this.flush().catch(() => undefined);
  };

  private constructor(
    store: WorkstationStore,
    id: string,
    data: T,
    caseId: string | undefined,
    debounceMs: number,
    release: () => void,
    keyId: string,
  ) {
    this.#store = store;
    this.id = id;
    this.#data = data;
    this.#caseId = caseId;
    this.#debounceMs = debounceMs;
    this.#release = release;
    this.#keyId = keyId;
    this.#unhold = store.hold(this);
    globalThis.addEventListener?.('pagehide', this.#onPageHide);
  }

  /** @internal use {@link WorkstationStore.openDraft}. */
  static async open<T extends object>(
    store: WorkstationStore,
    id: string,
    options: DraftOptions<T>,
  ): Promise<DraftSession<T>> {
    const key = store.requireKey();
    const release = await acquire(draftLockName(id), store.locale);
    let session: DraftSession<T> | undefined;
    try {
      const row = await store.run(() => store.db.drafts.get(id));
      let data: T;
      if (row) data = await unseal<T>(store.keyFor(row.sealed), 'drafts', id, row.sealed);
      else data = structuredClone(options.initial ?? ({} as T));
      // Locked (or another clerk) while it opened: do not start a session the lock would have ended.
      if (store.requireKey().keyId !== key.keyId) throw new StoreLockedError('other-clerk', store.locale);
      const caseId = row?.caseId ?? options.caseId ?? caseIdOf(data);
      session = new DraftSession<T>(store, id, data, caseId, options.debounceMs ?? 500, release, key.keyId);
      if (!row) {
        session.#version = 1;
        await session.flush();
      }
      return session;
    } catch (error) {
      if (session) session.#end('closed');
      else release();
      throw error;
    }
  }

  /** The draft's current data (including changes not yet saved). */
  get data(): T {
    return this.#data;
  }

  /** `saved`, `dirty` (changes waiting for the debounce), `saving` or `error` (the last save failed), live. */
  get saveState$(): Observable<DraftSaveState> {
    return this.#state$;
  }

  /** Whether the session is closed. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Why the session ended; `undefined` while it is open. */
  get closeReason(): DraftCloseReason | undefined {
    return this.#closeReason;
  }

  /**
   * Merges `patch` into the data (top-level fields) and schedules a save.
   *
   * @throws Error if the session is closed.
   */
  update(patch: Partial<T>): void {
    this.#assertOpen();
    this.#data = { ...this.#data, ...patch };
    this.#caseId ??= caseIdOf(this.#data);
    this.#version += 1;
    this.#state$.next('dirty');
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush().catch(() => undefined), this.#debounceMs);
  }

  /**
   * Saves now what is not saved yet; resolves once it is committed.
   *
   * @throws StoreLockedError if the store is locked (the changes stay in memory), or `other-clerk` if another
   *   clerk unlocked it since the session opened (nothing is saved and the session closes).
   */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const next = this.#saving.catch(() => undefined).then(() => this.#save());
    this.#saving = next;
    return next;
  }

  /** Saves and ends the session, releasing the draft to other tabs. */
  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.flush();
    } finally {
      this.#end('closed');
    }
  }

  /** Deletes the draft (e.g. its case was saved) and ends the session. */
  async discard(): Promise<void> {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    try {
      await this.#saving.catch(() => undefined);
      await this.#store.deleteDraft(this.id);
    } finally {
      this.#end('discarded');
    }
  }

  /**
   * The store is locking: saves what is unsaved with `key` (the key being forgotten, if it is the session's own),
   * then ends the session (`locked`).
   *
   * @internal called by the store.
   */
  async revoke(key: DataKey | undefined): Promise<void> {
    if (this.#closed) return;
    this.#closed = true; // no update() from now on
    this.#closeReason = 'locked';
    clearTimeout(this.#timer);
    try {
      await this.#saving.catch(() => undefined);
      if (key?.keyId === this.#keyId) await this.#save(key);
    } catch {
      // The state says `error`; the data stays readable in memory through `data`.
    } finally {
      this.#end('locked');
    }
  }

  async #save(lockingKey?: DataKey): Promise<void> {
    const version = this.#version;
    if (version === this.#savedVersion) return;
    const key = lockingKey ?? this.#store.requireKey();
    if (key.keyId !== this.#keyId) {
      // Another clerk's key: never reseal this clerk's draft with it.
      this.#state$.next('error');
      this.#end('other-clerk');
      throw new StoreLockedError('other-clerk', this.#store.locale, {
        message: `Draft ${this.id} was opened by a clerk who is no longer signed in here: it was closed without saving its last changes.`,
        localized: storeMessage('draftOfOtherClerk', this.#store.locale),
      });
    }
    this.#state$.next('saving');
    try {
      const sealed = await seal(key, 'drafts', this.id, this.#data);
      const row: DraftRow = {
        id: this.id,
        updatedAt: new Date().toISOString(),
        attachments: attachmentsOf(this.#data),
        sealed,
      };
      if (this.#caseId !== undefined) row.caseId = this.#caseId;
      await this.#store.run(() => this.#store.db.drafts.put(row));
      this.#savedVersion = version;
      this.#state$.next(this.#version === version ? 'saved' : 'dirty');
    } catch (error) {
      this.#state$.next('error');
      throw error;
    }
  }

  #end(reason: DraftCloseReason): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#closed = true;
    this.#closeReason ??= reason;
    clearTimeout(this.#timer);
    globalThis.removeEventListener?.('pagehide', this.#onPageHide);
    this.#unhold();
    this.#state$.complete();
    this.#release();
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error(`Draft ${this.id} is closed.`);
  }
}

function caseIdOf(data: unknown): string | undefined {
  const id = (data as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Takes the Web Lock `name` if no one holds it, and keeps it until the returned function is called.
 *
 * @throws DraftLockedError if it is held (in another tab, or by another store instance of this origin).
 */
async function acquire(name: string, locale: StoreLocale): Promise<() => void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return () => undefined; // No Web Locks (not a secure context): nothing to coordinate with.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const granted = await new Promise<boolean>((resolve, reject) => {
    locks
      .request(name, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        return lock ? held : undefined;
      })
      .catch(reject);
  });
  if (!granted) throw new DraftLockedError(name.slice('yc-draft:'.length), locale);
  return release;
}
