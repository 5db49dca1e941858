/** Assertions shared by the hall-client tests and the hall's contract suite. */
import { expect } from '@open-wc/testing';
import { HallError, type HallEvent } from '@yichuang/hall-client';
import type { Observable, Subscription } from 'rxjs';

/** Resolves with the HallError a promise rejects with; fails the test if it resolves or rejects otherwise. */
export async function hallErrorOf(promise: Promise<unknown>): Promise<HallError> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(HallError);
    return error as HallError;
  }
  throw new Error('expected a HallError, but the call succeeded');
}

/** Collects what an event stream delivers until `done` says enough (or times out with what it has). */
export function collect(
  stream: Observable<HallEvent>,
  done: (events: readonly HallEvent[]) => boolean,
  timeoutMs = 10_000,
): { events: HallEvent[]; until: Promise<HallEvent[]>; stop(): void } {
  const events: HallEvent[] = [];
  let subscription: Subscription | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const until = new Promise<HallEvent[]>((resolve, reject) => {
    timer = setTimeout(() => {
      subscription?.unsubscribe();
      reject(new Error(`events: gave up after ${timeoutMs} ms with ${JSON.stringify(events.map((e) => e.type))}`));
    }, timeoutMs);
    subscription = stream.subscribe({
      next: (event) => {
        events.push(event);
        if (done(events)) {
          clearTimeout(timer);
          resolve(events);
        }
      },
      error: (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    });
  });
  // A test that only watches `events` need not await `until`: its failure is then not an unhandled rejection.
  until.catch(() => undefined);
  return {
    events,
    until,
    stop: () => {
      clearTimeout(timer);
      subscription?.unsubscribe();
    },
  };
}
