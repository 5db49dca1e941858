/**
 * Helpers of the rating pad's tests: a real hall inside the browser (`LocalHallClient`) with its window 01 staffed,
 * a pad client whose network can be cut, and a clock the test moves by hand.
 */
import type { Ticket } from '@yichuang/core';
import { HallError, type HallClient } from '@yichuang/hall-client';
import type { LocalHallClient } from '@yichuang/hall/local.js';
import type { PadClock, RatingPadHall } from '@yichuang/evaluation';
import { freshLocalHall, until, type LocalHall } from '../../hall/test/local-hall-support.js';
import { LOGINS } from '../../hall-client/test/support/fixtures.js';

export { until, wait } from '../../hall/test/local-hall-support.js';

/** A pad's hall client with a network switch: while `down`, nothing reaches the hall and events stop. */
export class SwitchableHall implements RatingPadHall {
  down = false;
  syncCalls = 0;
  constructor(readonly inner: HallClient) {}

  get session() {
    return this.inner.session;
  }

  #unreachable(): HallError {
    return new HallError('网络不通', 'network', 0);
  }

  async health(signal?: AbortSignal) {
    if (this.down) throw this.#unreachable();
    return this.inner.health(signal);
  }

  events(afterId?: number) {
    return this.inner.events(afterId);
  }

  async sync(...args: Parameters<HallClient['sync']>) {
    this.syncCalls += 1;
    if (this.down) throw this.#unreachable();
    return this.inner.sync(...args);
  }
}

/** A hall with clerk01 at window 01, a manager, and the rating pad of window 01 logged in behind a switch. */
export async function padHall(pad: 'pad' | 'pad2' = 'pad') {
  const hall: LocalHall = await freshLocalHall();
  const clerk = await hall.as('clerk');
  const manager = await hall.as('manager');
  const padClient: LocalHallClient = hall.client();
  await padClient.login(LOGINS[pad]);
  const client = new SwitchableHall(padClient);
  return {
    hall,
    clerk,
    manager,
    client,
    /** The clerk at window 01 serves a new ticket and finishes it; resolves the finished ticket. */
    async serve(): Promise<Ticket> {
      await clerk.issueTicket({ category: 'A' });
      await clerk.callNext({ window: '01', categories: ['A'] });
      return clerk.queueCommand({ command: 'finish', window: '01' });
    },
    /** The hall's ratings today, as the manager sees them. */
    async ratings() {
      return (await manager.statistics()).ratings;
    },
    dispose: () => hall.dispose(),
  };
}

/** A clock the test moves: timers fire when `advance` passes their time. */
export class ManualClock implements PadClock {
  #now = Date.now();
  #timers = new Map<number, { at: number; callback: () => void }>();
  #ids = 0;

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = ++this.#ids;
    this.#timers.set(id, { at: this.#now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Timers waiting. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time on by `ms`, firing each timer due, in order. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      const due = [...this.#timers.entries()].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at);
      const first = due[0];
      if (!first) break;
      this.#timers.delete(first[0]);
      this.#now = Math.max(this.#now, first[1].at);
      first[1].callback();
    }
    this.#now = end;
  }
}

/** Waits until `check` holds, checking at each turn of the event loop (10 s at most). */
export const eventually = (check: () => boolean) => until(check, 10_000);
