import { expect } from '@open-wc/testing';
import { Subject } from 'rxjs';
import type { HallEvent, Mutation } from '@yichuang/hall-client';
import { RatingPadController, ratingComment, type RatingPadHall } from '@yichuang/evaluation';
import { LOGINS } from '../../hall-client/test/support/fixtures.js';
import { ManualClock, eventually, padHall } from './support.js';

type PadHall = Awaited<ReturnType<typeof padHall>>;

describe('RatingPadController', () => {
  let pad: PadHall;
  let clock: ManualClock;
  let controller: RatingPadController;

  /** A started controller over the pad client, its stream attached and the hall answering. */
  async function started(options: ConstructorParameters<typeof RatingPadController>[1] = {}) {
    controller = new RatingPadController(pad.client, { clock, timeoutMs: 30_000, thanksMs: 5_000, ...options });
    controller.start();
    await eventually(() => controller.state.connection !== 'connecting');
    return controller;
  }

  /** The clerk finishes a ticket and the pad invites its rating. */
  async function invited() {
    const ticket = await pad.serve();
    await eventually(() => controller.state.phase === 'rating' && controller.state.ticket?.id === ticket.id);
    return ticket;
  }

  beforeEach(async () => {
    pad = await padHall();
    clock = new ManualClock();
  });

  afterEach(async () => {
    controller?.stop();
    await pad.dispose();
  });

  describe('the invitation', () => {
    it('waits idle for its window, then invites a rating of the ticket the window finished, nothing chosen', async () => {
      await started();
      expect(controller.state).to.include({ phase: 'idle', connection: 'online', window: '01' });
      const ticket = await invited();
      const { state } = controller;
      expect(state.ticket).to.deep.equal({ id: ticket.id, number: ticket.number });
      expect([state.grade, state.reasons, state.dimensions, state.comment]).to.deep.equal([undefined, [], {}, '']);
    });

    it('also invites when the window calls the next ticket, which finishes the one before', async () => {
      await started();
      const first = await invited();
      controller.skip();
      await pad.clerk.issueTicket({ category: 'A' });
      await pad.clerk.callNext({ window: '01', categories: ['A'] });
      await pad.clerk.issueTicket({ category: 'A' });
      await pad.clerk.callNext({ window: '01', categories: ['A'] });
      await eventually(() => controller.state.phase === 'rating');
      expect(controller.state.ticket?.id).not.to.equal(first.id);
    });

    it('invites a ticket once, and lets a newer ticket replace an untouched invitation', async () => {
      await started();
      controller.invite({ id: 'T1', number: 'A001' });
      controller.invite({ id: 'T2', number: 'A002' });
      expect(controller.state.ticket?.number).to.equal('A002');
      controller.skip();
      controller.invite({ id: 'T2', number: 'A002' });
      expect(controller.state.phase).to.equal('idle');
    });

    it('keeps an invitation being filled in, and invites the newer ticket after it', async () => {
      await started();
      controller.invite({ id: 'T1', number: 'A001' });
      controller.choose(4);
      controller.invite({ id: 'T2', number: 'A002' });
      expect([controller.state.ticket?.number, controller.state.grade]).to.deep.equal(['A001', 4]);
      controller.skip();
      expect([controller.state.phase, controller.state.ticket?.number, controller.state.grade]).to.deep.equal([
        'rating',
        'A002',
        undefined,
      ]);
    });

    it('closes without saving when the applicant skips', async () => {
      await started();
      await invited();
      controller.choose(1);
      controller.skip();
      expect(controller.state).to.include({ phase: 'idle', grade: undefined, ticket: undefined });
      expect((await pad.ratings()).total).to.equal(0);
    });

    it('closes without saving when left untouched, each touch giving the whole time again', async () => {
      await started({ timeoutMs: 10_000 });
      await invited();
      clock.advance(9_000);
      controller.choose(5);
      clock.advance(9_000);
      expect(controller.state.phase).to.equal('rating');
      clock.advance(1_000);
      expect(controller.state.phase).to.equal('idle');
      expect((await pad.ratings()).total).to.equal(0);
    });

    it('ignores choices when nothing is being rated', async () => {
      await started();
      controller.choose(5);
      controller.rate('level', 5);
      controller.toggleReason('slow');
      controller.setComment('x');
      controller.skip();
      controller.touch();
      expect(await controller.submit()).to.equal(undefined);
      expect(controller.state).to.include({ phase: 'idle', grade: undefined, comment: '' });
    });
  });

  describe('submitting', () => {
    it('saves the grade through the hall, credited to the clerk at the window, then thanks and goes idle', async () => {
      await started();
      const saved = new Promise<HallEvent>((resolve) => {
        const subscription = pad.manager.events().subscribe((event) => {
          if (event.type !== 'rating.saved') return;
          subscription.unsubscribe();
          resolve(event);
        });
      });
      const ticket = await invited();
      controller.choose(5);
      const submission = await controller.submit();
      expect(submission).to.deep.equal({ ticket: ticket.number, window: '01', grade: 5, outcome: 'saved' });
      expect(controller.state).to.include({ phase: 'thanks', outcome: 'saved', pending: 0 });
      const event = await saved;
      expect(event.type === 'rating.saved' && event.data).to.include({ window: '01', clerk: 'clerk01', grade: 5 });
      expect(await pad.ratings()).to.deep.equal({ total: 1, byGrade: { 5: 1 } });
      clock.advance(5_000);
      expect(controller.state).to.include({ phase: 'idle', outcome: undefined, grade: undefined });
    });

    it('builds a rating the core accepts: the ticket, the four dimensions with the grade as overall, the channel', async () => {
      await started();
      const sent: Mutation[] = [];
      const sync = pad.client.sync.bind(pad.client);
      pad.client.sync = (mutations, signal) => {
        sent.push(...mutations);
        return sync(mutations, signal);
      };
      const ticket = await invited();
      controller.choose(4);
      controller.rate('efficiency', 5);
      controller.rate('level', 4);
      controller.rate('attitude', 3);
      expect((await controller.submit())?.outcome).to.equal('saved');
      const payload = sent[0]!.payload as Record<string, unknown>;
      expect(payload).to.include({ ticketId: ticket.id, window: '01', grade: 4, channel: 'pad' });
      expect(payload.dimensions).to.deep.equal({ overall: 4, efficiency: 5, level: 4, attitude: 3 });
      expect(payload).not.to.have.property('comment');
      expect(payload).not.to.have.property('caseId');
    });

    it('asks for a grade first, and for all three dimensions or none', async () => {
      await started();
      await invited();
      expect(await controller.submit()).to.equal(undefined);
      expect(controller.state.problem).to.equal('grade');
      controller.choose(3);
      expect(controller.state.problem).to.equal(undefined);
      controller.rate('attitude', 2);
      expect(await controller.submit()).to.equal(undefined);
      expect(controller.state).to.include({ problem: 'dimensions', phase: 'rating' });
      controller.rate('level', 2);
      controller.rate('efficiency', 2);
      expect((await controller.submit())?.outcome).to.equal('saved');
    });

    it('asks a bad grade for a reason, and sends the reasons and the comment for the follow-up', async () => {
      await started();
      const sent: Mutation[] = [];
      const sync = pad.client.sync.bind(pad.client);
      pad.client.sync = (mutations, signal) => {
        sent.push(...mutations);
        return sync(mutations, signal);
      };
      await invited();
      controller.choose(2);
      expect(await controller.submit()).to.equal(undefined);
      expect(controller.state.problem).to.equal('reasons');
      controller.toggleReason('slow');
      controller.toggleReason('visits');
      controller.toggleReason('attitude');
      controller.toggleReason('attitude');
      controller.setComment('  窗口人少，排了很久  ');
      expect(controller.state.reasons).to.deep.equal(['slow', 'visits']);
      expect((await controller.submit())?.outcome).to.equal('saved');
      const sentRating = sent[0]!.payload as { comment?: string; reasons?: string[] };
      // The reasons as codes, in the list's order; the comment is only what the applicant wrote.
      expect(sentRating.reasons).to.deep.equal(['slow', 'visits']);
      expect(sentRating.comment).to.equal('窗口人少，排了很久');
      expect(await pad.ratings()).to.deep.equal({ total: 1, byGrade: { 2: 1 } });
    });

    it('drops the reasons and the comment when the grade turns good again', async () => {
      await started();
      await invited();
      controller.choose(1);
      controller.toggleReason('other');
      controller.setComment('x');
      controller.choose(4);
      expect([controller.state.reasons, controller.state.comment]).to.deep.equal([[], '']);
      controller.toggleReason('slow');
      controller.setComment('y');
      expect([controller.state.reasons, controller.state.comment]).to.deep.equal([[], '']);
    });

    it('sends the comment trimmed and within the bound of the pad', () => {
      expect(ratingComment(' 很好 ')).to.equal('很好');
      expect(ratingComment('x'.repeat(400))).to.have.length(300);
    });

    it('tells when the hall refused the rating, and counts it', async () => {
      await pad.dispose();
      pad = await padHall('pad2'); // window 02: no clerk is logged in there
      await started();
      expect(controller.state.window).to.equal('02');
      controller.invite({ id: '01KJP1SRH0C1PB0NAZM9YK8XJ7', number: 'A009' });
      controller.choose(5);
      expect((await controller.submit())?.outcome).to.equal('refused');
      expect(controller.state).to.include({ phase: 'thanks', outcome: 'refused', refused: 1, pending: 0 });
    });
  });

  describe('when the hall cannot be reached', () => {
    it('says so, keeps the rating, and sends it once the hall answers again', async () => {
      await started({ healthEveryMs: 10_000, retryMinMs: 1_000 });
      await invited();
      pad.client.down = true;
      clock.advance(10_000);
      await eventually(() => controller.state.connection === 'offline');
      controller.choose(3);
      expect((await controller.submit())?.outcome).to.equal('kept');
      expect(controller.state).to.include({ phase: 'thanks', outcome: 'kept', pending: 1 });
      expect(controller.kept).to.have.length(1);
      clock.advance(1_000);
      await eventually(() => pad.client.syncCalls === 2);
      expect(controller.state.pending).to.equal(1);
      pad.client.down = false;
      clock.advance(10_000);
      await eventually(() => controller.state.pending === 0);
      expect(controller.state.connection).to.equal('online');
      expect(await pad.ratings()).to.deep.equal({ total: 1, byGrade: { 3: 1 } });
    });

    it('sends ratings a previous controller kept', async () => {
      await started();
      await invited();
      pad.client.down = true;
      controller.choose(5);
      expect((await controller.submit())?.outcome).to.equal('kept');
      const kept = controller.kept;
      controller.stop();
      pad.client.down = false;
      controller = new RatingPadController(pad.client, { clock, kept });
      expect(controller.state.pending).to.equal(1);
      controller.start();
      await eventually(() => controller.state.pending === 0);
      expect((await pad.ratings()).total).to.equal(1);
    });

    it('sends a rating once, even when the answer to the first attempt was lost', async () => {
      await started();
      await invited();
      const sync = pad.client.sync.bind(pad.client);
      let lose = true;
      pad.client.sync = async (mutations, signal) => {
        const results = await sync(mutations, signal);
        if (lose) {
          lose = false;
          throw new TypeError('Failed to fetch');
        }
        return results;
      };
      controller.choose(4);
      expect((await controller.submit())?.outcome).to.equal('kept');
      await controller.flush();
      expect(controller.state.pending).to.equal(0);
      expect(await pad.ratings()).to.deep.equal({ total: 1, byGrade: { 4: 1 } });
    });
  });

  describe('its session', () => {
    it('says the pad is signed out when its client has no rating-pad session', async () => {
      const client = pad.hall.client();
      controller = new RatingPadController(client, { clock, window: '01' });
      controller.start();
      await eventually(() => controller.state.connection === 'signed-out');
      // The first health check has answered and set the next one.
      await eventually(() => clock.pending === 1);
      await client.login(LOGINS.pad);
      clock.advance(10_000);
      await eventually(() => controller.state.connection === 'online');
    });

    it('says the pad is signed out when the hall ends its session', async () => {
      await started();
      await pad.client.inner.logout();
      await eventually(() => controller.state.connection === 'signed-out');
    });

    it('says so when the pad is set up for another window than its enrolment', async () => {
      await started({ window: '02' });
      expect(controller.state).to.include({ connection: 'other-window', window: '02', sessionWindow: '01' });
    });

    it('takes a refused send as a refused session, and keeps the rating', async () => {
      const events = new Subject<HallEvent>();
      let healthChecks = 0;
      const refusing: RatingPadHall = {
        session: { ...pad.client.session!, token: 'revoked' },
        health: async () => {
          const health = await pad.client.health();
          healthChecks += 1;
          return health;
        },
        events: () => events,
        sync: () => Promise.reject(Object.assign(new Error('已吊销'), { status: 401 })),
      };
      controller = new RatingPadController(refusing, { clock });
      controller.start();
      await eventually(() => controller.state.connection === 'online');
      events.next({
        id: 1,
        type: 'ticket.updated',
        at: new Date().toISOString(),
        data: {
          ticket: {
            id: 'T',
            number: 'A001',
            category: 'A',
            kind: 'normal',
            issuedAt: '',
            status: 'done',
            window: '01',
          },
        },
      });
      events.next({
        id: 2,
        type: 'ticket.updated',
        at: new Date().toISOString(),
        data: {
          ticket: {
            id: 'U',
            number: 'A002',
            category: 'A',
            kind: 'normal',
            issuedAt: '',
            status: 'done',
            window: '02',
          },
        },
      });
      expect(controller.state.ticket?.number).to.equal('A001');
      controller.choose(5);
      expect((await controller.submit())?.outcome).to.equal('kept');
      expect(controller.state.connection).to.equal('signed-out');
      clock.advance(10_000);
      await eventually(() => healthChecks === 2);
      expect(controller.state.connection).to.equal('signed-out');
    });
  });
});
