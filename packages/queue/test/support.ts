/**
 * Halls for the queue elements' tests: a hall inside this browser (LocalHallClient, several "tabs" on one database)
 * and a real hall server process behind the test proxy, reached by HttpHallClient.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { HttpHallClient, type HallClient } from '@yichuang/hall-client';
import { LOGINS, type Who } from '../../hall-client/test/support/fixtures.js';
import { freshLocalHall } from '../../hall/test/local-hall-support.js';

export { freshLocalHall, until, wait } from '../../hall/test/local-hall-support.js';

/** What the hall-server test plugin answers to `hall-start`. */
interface StartedHall {
  id: string;
  url: string;
  directUrl: string;
}

/** A hall the test can log into as anyone of the demo hall. */
export interface TestHall {
  /** A client logged in as `who`; `direct` bypasses the test proxy (still reachable when the proxy is cut). */
  as(who: Who, options?: { direct?: boolean }): Promise<HallClient>;
  /** Cuts the proxy (every open stream dies, new connections are refused) — server halls only. */
  cut?(): Promise<void>;
  restore?(): Promise<void>;
  dispose(): Promise<void>;
}

/** A fresh reference hall server (demo seed) behind the test proxy. */
export async function serverHall(): Promise<TestHall> {
  const hall = await executeServerCommand<StartedHall, { seed: 'demo' }>('hall-start', { seed: 'demo' });
  const clients: HttpHallClient[] = [];
  return {
    async as(who, options = {}) {
      const client = new HttpHallClient({
        baseUrl: options.direct ? hall.directUrl : hall.url,
        reconnect: { delayMs: 100 },
      });
      const login = LOGINS[who];
      await client.login('user' in login ? { ...login, takeOver: true } : login);
      clients.push(client);
      return client;
    },
    async cut() {
      await executeServerCommand('proxy-cut', { id: hall.id });
    },
    async restore() {
      await executeServerCommand('proxy-restore', { id: hall.id });
    },
    async dispose() {
      await executeServerCommand('hall-dispose', { id: hall.id });
    },
  };
}

/** A fresh hall inside this browser (demo seed); each login is a separate tab. */
export async function localHall(): Promise<TestHall> {
  const hall = await freshLocalHall();
  return { as: (who) => hall.as(who), dispose: () => hall.dispose() };
}

/** Both halls the queue runs on, for `for (const [name, make] of HALLS)`. */
export const HALLS: readonly (readonly [string, () => Promise<TestHall>])[] = [
  ['the hall inside this browser (LocalHallClient)', localHall],
  ['the reference hall server (HttpHallClient)', serverHall],
];

/**
 * `describe(title on <hall>)` once per hall of {@link HALLS}, each test on a fresh hall: `body` gets a handle on the
 * hall of the running test.
 */
export function describeOnEveryHall(title: string, body: (hall: Pick<TestHall, 'as'>) => void): void {
  for (const [name, make] of HALLS) {
    describe(`${title} on ${name}`, function () {
      this.timeout(60_000);
      let current: TestHall | undefined;
      beforeEach(async () => {
        current = await make();
      });
      afterEach(async () => {
        await current?.dispose();
      });
      body({ as: (who, options) => current!.as(who, options) });
    });
  }
}

/** The text a shadow root shows, spaces collapsed. */
export function textOf(element: Element): string {
  return (element.shadowRoot?.textContent ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
}
