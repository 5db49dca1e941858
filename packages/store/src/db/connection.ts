import { liveQuery } from 'dexie';
import { Observable } from 'rxjs';

/**
 * Whether an error means the IndexedDB connection went away under us (closed by the browser, by another tab's
 * upgrade, or by code holding the Dexie instance), so reopening and trying once more can succeed.
 */
export function isConnectionLost(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'DatabaseClosedError') return true;
  const inner = (error as { inner?: { name?: unknown } } | null)?.inner?.name;
  return name === 'InvalidStateError' || inner === 'InvalidStateError' || name === 'UnknownError';
}

/**
 * A Dexie live query as an RxJS Observable. `querier` must call Dexie only (no WebCrypto, no timers): it runs
 * again whenever a table it read changes, in this tab or another. While the connection is closed the query waits
 * (Dexie resumes it once the database is open again; the store reopens it, see {@link WorkstationStore}).
 */
export function liveObservable<T>(querier: () => Promise<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    const inner = liveQuery(querier).subscribe({
      next: (value) => subscriber.next(value),
      error: (error: unknown) => subscriber.error(error),
    });
    return () => inner.unsubscribe();
  });
}
