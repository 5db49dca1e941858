import { HttpHallClient, type HallClient } from '@yichuang/hall-client';
import { SyncEngine, WorkstationStore } from '@yichuang/store';
import type { Subscription } from 'rxjs';
import type { ShellLocale } from '../i18n/messages.js';
import { WorkstationSession, type SessionStorageLike } from './workstation-session.js';

/** Options of {@link HallConnection.open}. */
export interface HallConnectionOptions {
  /** The hall server's address: `''` or `/` for the page's own origin, else `https://hall.example.gov.cn`. */
  hallUrl: string;
  /** Where the hall's session is kept across reloads (the tab's `sessionStorage`). */
  storage?: SessionStorageLike | undefined;
  /** The workstation database's name; the store's default when not set. */
  storeName?: string | undefined;
  /** See {@link WorkstationSessionOptions.lockAfterMs}. */
  lockAfterMs?: number | undefined;
  /** See {@link WorkstationSessionOptions.hallCode}. */
  hallCode?: string | undefined;
  locale?: ShellLocale | undefined;
}

/**
 * A workstation's link to its hall: the hall client, the store, the person's session and the sync engine that sends
 * the store's outbox to the hall while someone is signed in (started on sign-in, stopped on sign-out, nudged when the
 * browser is online again, after the session logs in at the hall again if it was signed in on this PC only).
 *
 * The workstation and an embedding page's `<yc-clerk-login>` both work through one.
 */
export class HallConnection {
  readonly hall: HallClient;
  readonly store: WorkstationStore;
  readonly session: WorkstationSession;
  readonly sync: SyncEngine;
  readonly #subscription: Subscription;
  readonly #ownsStore: boolean;
  readonly #online = (): void => {
    void this.session.reconnect().then(() => this.sync.syncNow().catch(() => undefined));
  };

  constructor(
    hall: HallClient,
    store: WorkstationStore,
    options: Omit<HallConnectionOptions, 'hallUrl' | 'storeName'> & { ownsStore?: boolean } = {},
  ) {
    this.#ownsStore = options.ownsStore === true;
    this.hall = hall;
    this.store = store;
    this.session = new WorkstationSession({
      hall,
      store,
      storage: options.storage,
      ...(options.lockAfterMs === undefined ? {} : { lockAfterMs: options.lockAfterMs }),
      ...(options.locale ? { locale: options.locale } : {}),
      hallCode: options.hallCode,
    });
    this.sync = new SyncEngine(store, hall);
    this.#subscription = this.session.state$.subscribe((state) => {
      if (state.phase === 'active') this.sync.start();
      else if (state.phase === 'signed-out') void this.sync.stop();
    });
    if (typeof addEventListener === 'function') addEventListener('online', this.#online);
  }

  /** Opens the store and connects to the hall server at `hallUrl` (keeping a session kept in `storage`). */
  static async open(options: HallConnectionOptions): Promise<HallConnection> {
    const baseUrl = options.hallUrl === '/' ? '' : options.hallUrl.replace(/\/+$/, '');
    const hall = new HttpHallClient({ baseUrl, session: WorkstationSession.saved(options.storage) });
    const store = await WorkstationStore.open(options.storeName ? { name: options.storeName } : {});
    return new HallConnection(hall, store, { ...options, ownsStore: true });
  }

  /**
   * Stops syncing and listening. A store the connection opened itself ({@link open}) is closed (this instance forgets
   * its key; other tabs stay as they are); one handed to it stays open for its other users.
   */
  close(): void {
    this.#subscription.unsubscribe();
    if (typeof removeEventListener === 'function') removeEventListener('online', this.#online);
    this.session.dispose();
    void this.sync.stop().finally(() => {
      if (this.#ownsStore) this.store.close();
    });
  }
}
