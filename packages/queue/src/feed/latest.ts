import { Observable, Subscription } from 'rxjs';

/**
 * The latest value of every source, projected into one value each time any of them emits, once all have: what
 * `combineLatest(…).pipe(map(…))` does for the controllers' state streams, without the generic input conversion and
 * operator machinery those pull into every standalone bundle. An error of any source ends the stream with it.
 * @example latestOf([feed.state$, busy$], ([feed, busy]) => ({ ...feed, busy }))
 */
export function latestOf<T extends unknown[], R>(
  sources: { [K in keyof T]: Observable<T[K]> },
  project: (values: T) => R,
): Observable<R> {
  return new Observable<R>((subscriber) => {
    const values = new Array(sources.length) as T;
    const seen = new Set<number>();
    const subscription = new Subscription();
    sources.forEach((source, index) => {
      subscription.add(
        source.subscribe({
          next: (value) => {
            values[index] = value;
            seen.add(index);
            if (seen.size === sources.length) subscriber.next(project([...values] as T));
          },
          error: (error: unknown) => subscriber.error(error),
        }),
      );
    });
    return subscription;
  });
}
