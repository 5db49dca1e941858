/**
 * What the fault tests share: a real hall server behind the test plugin's fault-injecting proxy, a workstation
 * store, a sync engine with short backoffs, and the check that every confirmed case is on the hall exactly once.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { firstValueFrom, filter, timeout } from 'rxjs';
import { ulid, type Case } from '@yichuang/core';
import { HttpHallClient } from '@yichuang/hall-client';
import { SyncEngine, WorkstationStore, type SyncStatus } from '@yichuang/store';
import { LOGINS, makeCase } from '../../packages/hall-client/test/support/fixtures.js';

export { makeCase };

/** A hall server started by the test plugin: `url` is its proxy. */
export interface TestHall {
  id: string;
  url: string;
  directUrl: string;
}

/** Sends a command to the test plugin (see test/support/hall-server-plugin.mjs). */
export function hallCommand<T = { ok: true }>(command: string, payload: Record<string, unknown>): Promise<T> {
  return executeServerCommand(command, payload) as Promise<T>;
}

/** Starts a demo hall server behind its proxy. */
export function startHall(): Promise<TestHall> {
  return hallCommand<TestHall>('hall-start', { seed: 'demo' });
}

/**
 * clerk01 at window 01. A window has one live session: a login that finds the window staffed (by the same clerk's
 * earlier page, which a reload left logged in) takes it over, ending the other session.
 */
export const CLERK_AT_WINDOW = { ...LOGINS.clerk, window: '01', takeOver: true };

/** A clerk's workstation: an unlocked store of its own and a clerk session at window 01 on the hall. */
export async function workstation(hall: TestHall, name = `fault-${ulid()}`) {
  const client = new HttpHallClient({ baseUrl: hall.url, timeoutMs: 5000 });
  await client.login(CLERK_AT_WINDOW);
  const store = await WorkstationStore.open({ name, kdfIterations: 1000, persist: false });
  await store.unlock(LOGINS.clerk.user, LOGINS.clerk.password);
  const engine = new SyncEngine(store, client, {
    backoff: { baseMs: 50, capMs: 400 },
    requestTimeoutMs: 5000,
    probeTimeoutMs: 1000,
    hints: null,
    lockName: `yc-sync-engine:${name}`,
  });
  return { client, store, engine, name };
}

/** Confirms `count` fresh cases at the window (each saved with its outbox entry); resolves with their ids. */
export async function confirmCases(
  store: WorkstationStore,
  count: number,
  patch: Partial<Case> = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const saved = await store.saveCase(makeCase(patch));
    ids.push(saved.case.id);
  }
  return ids;
}

/** Resolves with the first status that satisfies `predicate`, or rejects after `ms`. */
export function statusWhen(
  engine: SyncEngine,
  predicate: (status: SyncStatus) => boolean,
  ms = 30_000,
): Promise<SyncStatus> {
  return firstValueFrom(engine.status$.pipe(filter(predicate), timeout(ms)));
}

/** Rows of a table of the hall's SQLite database. */
export async function rows(hall: TestHall, table: string): Promise<number> {
  return (await hallCommand<{ count: number }>('hall-count', { id: hall.id, table })).count;
}

/**
 * The invariant after every fault: each confirmed case is on the hall exactly once (as a case, applied by exactly
 * one mutation), and still in the workstation's store, with nothing left pending. `extra`: cases (and the mutations
 * that applied them) the hall holds besides `ids`, one number for both or each its own.
 */
export async function expectExactlyOnce(
  hall: TestHall,
  store: WorkstationStore,
  ids: readonly string[],
  extra: number | { cases: number; mutations: number } = 0,
) {
  const more = typeof extra === 'number' ? { cases: extra, mutations: extra } : extra;
  const manager = new HttpHallClient({ baseUrl: hall.directUrl });
  await manager.login(LOGINS.manager);
  for (const id of ids) {
    const onHall = await manager.getCase(id);
    expect(onHall?.id, `case ${id} on the hall`).to.equal(id);
    expect(await store.getCase(id), `case ${id} kept locally`).to.not.equal(undefined);
    expect(await store.isCaseSynced(id), `case ${id} marked synced`).to.equal(true);
  }
  expect(await rows(hall, 'cases'), 'cases on the hall').to.equal(ids.length + more.cases);
  expect(await rows(hall, 'mutations'), 'mutations applied on the hall').to.equal(ids.length + more.mutations);
  const counts = await store.outbox.counts();
  expect(counts.pending, 'mutations still pending').to.equal(0);
  await manager.logout();
}

/** Disposes of everything a test made. */
export async function cleanUp(
  hall: TestHall | undefined,
  ...stations: ({ store: WorkstationStore; engine: SyncEngine } | undefined)[]
) {
  for (const station of stations) {
    if (!station) continue;
    await station.engine.stop();
    await station.store.deleteDatabase();
  }
  if (hall) await hallCommand('hall-dispose', { id: hall.id });
}
