import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { HttpHallClient, type HallEvent } from '@yichuang/hall-client';
import { collect, hallContract, hallErrorOf } from './contract/hall-contract.js';
import { LOGINS, makeCase, saveCase } from '../../hall-client/test/support/fixtures.js';

const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** What the hall-server test plugin answers to `hall-start`. */
interface StartedHall {
  id: string;
  url: string;
  directUrl: string;
}

/** A fresh reference hall server process (demo seed), reached through the test proxy. */
async function freshServerHall() {
  const hall = await executeServerCommand<StartedHall, { seed: 'demo' }>('hall-start', { seed: 'demo' });
  return {
    client: () => new HttpHallClient({ baseUrl: hall.url, reconnect: { delayMs: 100 } }),
    async dispose() {
      await executeServerCommand('hall-dispose', { id: hall.id });
    },
  };
}

hallContract('HttpHallClient against the reference hall server', freshServerHall);

describe('HttpHallClient against a real hall server that fails', function () {
  this.timeout(60_000);
  let hall: StartedHall;
  beforeEach(async () => {
    hall = await executeServerCommand<StartedHall, { seed: 'demo' }>('hall-start', { seed: 'demo' });
  });
  afterEach(async () => {
    await executeServerCommand('hall-dispose', { id: hall.id });
  });

  const clientOf = (baseUrl: string) => new HttpHallClient({ baseUrl, reconnect: { delayMs: 50, maxDelayMs: 400 } });
  const ticketIds = (events: readonly HallEvent[]) =>
    events.flatMap((e) => (e.type === 'ticket.issued' ? [e.data.ticket.id] : []));

  it('resumes its event stream after the network is cut and restored, missing nothing and repeating nothing', async () => {
    const watcher = clientOf(hall.url);
    await watcher.login(LOGINS.display);
    // The kiosk reaches the server directly, so the hall goes on while the watcher's network is cut.
    const kiosk = clientOf(hall.directUrl);
    await kiosk.login(LOGINS.kiosk);
    const issued: string[] = [(await kiosk.issueTicket({ category: 'A' })).id];
    const watch = collect(watcher.events(0), (events) => ticketIds(events).length >= 5, 30_000);
    await until(() => ticketIds(watch.events).length === 1);

    await executeServerCommand('proxy-cut', { id: hall.id });
    for (let i = 0; i < 3; i++) issued.push((await kiosk.issueTicket({ category: 'A' })).id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ticketIds(watch.events)).to.have.length(1);
    await executeServerCommand('proxy-restore', { id: hall.id });
    issued.push((await kiosk.issueTicket({ category: 'A' })).id);

    const events = await watch.until;
    watch.stop();
    expect(ticketIds(events)).to.deep.equal(issued);
    const ids = events.map((e) => e.id);
    expect(ids).to.deep.equal([...new Set(ids)].sort((a, b) => a - b));
  });

  it('resumes its event stream after the server is killed and restarted on the same data', async () => {
    const watcher = clientOf(hall.url);
    await watcher.login(LOGINS.clerk2);
    const kiosk = clientOf(hall.url);
    await kiosk.login(LOGINS.kiosk);
    const watch = collect(watcher.events(0), (events) => ticketIds(events).length >= 4, 30_000);
    const issued = [(await kiosk.issueTicket({ category: 'B' })).id, (await kiosk.issueTicket({ category: 'B' })).id];
    await until(() => ticketIds(watch.events).length === 2);

    await executeServerCommand('hall-kill', { id: hall.id });
    const down = await hallErrorOf(kiosk.health());
    expect([down.code, down.transient]).to.deep.equal(['network', true]);
    await executeServerCommand('hall-restart', { id: hall.id });
    // Sessions live in the hall's database: the same tokens work after the restart.
    issued.push((await kiosk.issueTicket({ category: 'B' })).id, (await kiosk.issueTicket({ category: 'B' })).id);

    const events = await watch.until;
    watch.stop();
    expect(ticketIds(events)).to.deep.equal(issued);
    expect(
      events.filter((e) => e.type === 'ticket.issued').map((e) => e.type === 'ticket.issued' && e.data.ticket.number),
    ).to.deep.equal(['B001', 'B002', 'B003', 'B004']);
  });

  it('answers a sync whose reply was lost as a duplicate on retry, and stores the case once', async () => {
    const clerk = clientOf(hall.url);
    await clerk.login(LOGINS.clerk);
    const mutation = saveCase(makeCase());
    await executeServerCommand('proxy-drop-replies', { id: hall.id, path: '/api/v1/sync', count: 1 });
    const lost = await hallErrorOf(clerk.sync([mutation]));
    expect([lost.code, lost.transient]).to.deep.equal(['network', true]);
    const [retry] = await clerk.sync([mutation]);
    expect(retry?.status).to.equal('duplicate');
    expect(await executeServerCommand('hall-count', { id: hall.id, table: 'cases' })).to.deep.equal({ count: 1 });
    expect(await executeServerCommand('hall-count', { id: hall.id, table: 'mutations' })).to.deep.equal({ count: 1 });
    const log = await executeServerCommand<
      { method: string; path: string; outcome: number | string }[],
      { id: string }
    >('proxy-log', { id: hall.id });
    expect(log.filter((r) => r.path === '/api/v1/sync' && r.method === 'POST').map((r) => r.outcome)).to.deep.equal([
      'dropped',
      200,
    ]);
  });

  it('gets a graceful stop as a transient error, and works again after the restart', async () => {
    const clerk = clientOf(hall.url);
    await clerk.login(LOGINS.clerk);
    await executeServerCommand('hall-stop', { id: hall.id });
    const error = await hallErrorOf(clerk.queue());
    expect(error.transient).to.equal(true);
    await executeServerCommand('hall-restart', { id: hall.id });
    expect((await clerk.queue()).categories.length).to.be.greaterThan(0);
  });
});
