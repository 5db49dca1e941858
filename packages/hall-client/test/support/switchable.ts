import { HallError, type HallClient } from '@yichuang/hall-client';

/** A hall client whose network the test cuts: while `down`, every call fails as a lost connection does. */
export type SwitchableHall = HallClient & { down: boolean };

/**
 * Wraps `inner` so that a test can cut the network: while `down` is true, every method but `session` and `events`
 * rejects with a transient `network` error (what `HttpHallClient` throws when the hall cannot be reached).
 */
export function switchable(inner: HallClient): SwitchableHall {
  let down = false;
  return new Proxy(inner, {
    get(target, key) {
      if (key === 'down') return down;
      if (key === 'session') return target.session;
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (key === 'events') return value.bind(target);
      return (...args: unknown[]) =>
        down
          ? Promise.reject(new HallError('网络不通', 'network', 0))
          : (value as (...a: unknown[]) => unknown).apply(target, args);
    },
    set(target, key, value) {
      if (key === 'down') {
        down = value === true;
        return true;
      }
      return Reflect.set(target, key, value);
    },
  }) as SwitchableHall;
}
