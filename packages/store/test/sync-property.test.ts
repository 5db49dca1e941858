import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Case } from '@yichuang/core';
import { SyncEngine } from '@yichuang/store';
import { FaultyHall, type Fault } from './support/faulty-hall.js';
import { Stores, makeCase, makeRating, resaved } from './support/fixtures.js';

type Op =
  | { kind: 'new'; attachment: 'none' | 'fresh' | 'believed-uploaded' }
  | { kind: 'resave'; index: number }
  | { kind: 'rating'; index: number }
  | { kind: 'sync' }
  | { kind: 'down' }
  | { kind: 'up' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('new' as const),
      attachment: fc.constantFrom('none', 'fresh', 'believed-uploaded'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('resave' as const), index: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rating' as const), index: fc.nat(20) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'sync' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'down' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'up' as const }) },
);
const faultArb = fc.constantFrom<Fault>(
  'none',
  'none',
  'network',
  'drop-reply',
  'unavailable',
  'hang',
  'apply-then-hang',
);

describe('sync engine: property', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('under any schedule of faults, every mutation is applied exactly once, in order per case, none lost', async function () {
    this.timeout(240_000);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 1, maxLength: 14 }),
        fc.array(faultArb, { maxLength: 10 }),
        fc.array(faultArb, { maxLength: 4 }),
        fc.integer({ min: 1, max: 4 }),
        async (ops, syncFaults, uploadFaults, batchSize) => {
          run += 1;
          const store = await stores.open();
          const hall = new FaultyHall();
          hall.syncFaults.push(...syncFaults);
          hall.uploadFaults.push(...uploadFaults.filter((fault) => fault !== 'hang' && fault !== 'apply-then-hang'));
          const engine = new SyncEngine(store, hall, {
            hints: null,
            batchSize,
            requestTimeoutMs: 25,
            lockName: `yc-sync-property-${run}`,
          });
          const created: string[] = [];
          /** Mutation ids of each subject (a case with its ratings, or a rating alone), in the order saved. */
          const bySubject = new Map<string, string[]>();
          const queue = (subject: string, id: string) => {
            created.push(id);
            bySubject.set(subject, [...(bySubject.get(subject) ?? []), id]);
          };
          const latest = new Map<string, Case>();
          const order: string[] = [];
          for (const op of ops) {
            if (op.kind === 'new') {
              let value = makeCase();
              if (op.attachment !== 'none') {
                const sha = await store.putAttachment(new Blob([`scan ${value.id}`]));
                if (op.attachment === 'believed-uploaded') await store.markAttachmentsUploaded([sha]);
                value = makeCase({
                  id: value.id,
                  number: value.number,
                  materials: [
                    { materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan', copies: 0, attachments: [sha] },
                  ],
                });
              }
              queue(value.id, (await store.saveCase(value)).mutationId);
              latest.set(value.id, value);
              order.push(value.id);
            } else if ((op.kind === 'resave' || op.kind === 'rating') && order.length) {
              const id = order[op.index % order.length]!;
              if (op.kind === 'resave') {
                const next = resaved(latest.get(id)!, latest.get(id)!.status);
                queue(id, (await store.saveCase(next)).mutationId);
                latest.set(id, next);
              } else {
                queue(id, (await store.saveRating(makeRating({ caseId: id }))).mutationId);
              }
            } else if (op.kind === 'sync') {
              await engine.syncNow();
            } else if (op.kind === 'down') {
              hall.reachable = false;
            } else if (op.kind === 'up') {
              hall.reachable = true;
            }
          }
          hall.reachable = true;
          for (let i = 0; i < 40 && (await store.outbox.counts()).pending > 0; i++) await engine.syncNow();

          expect(await store.outbox.counts()).to.deep.equal({ pending: 0, parked: 0 });
          expect([...hall.applied.keys()].sort()).to.deep.equal([...created].sort());
          // Each subject changed on the hall exactly by its mutations, once each, in the order saved: a double (a
          // resend under another id) or a reordering would show here. Resends of the same id are fine.
          expect(hall.log).to.have.length(created.length);
          expect(Object.fromEntries(hall.bySubject)).to.deep.equal(Object.fromEntries(bySubject));
          expect(hall.inOrder(created)).to.equal(true);
          expect(created.every((id) => (hall.attempts.get(id) ?? 0) >= 1)).to.equal(true);
          // A batch applied but not answered (lost reply, or no answer before the timeout) was resent as it was.
          const consumed = syncFaults.slice(0, syncFaults.length - hall.syncFaults.length);
          if (consumed.includes('drop-reply') || consumed.includes('apply-then-hang')) {
            expect([...hall.attempts.values()].some((count) => count >= 2)).to.equal(true);
          }
          for (const [id, value] of latest) {
            expect(await store.isCaseSynced(id)).to.equal(true);
            const caseMutations = hall.bySubject
              .get(id)!
              .filter((mid) => (hall.payloads.get(mid) as { number?: string }).number);
            expect(hall.payloads.get(caseMutations.at(-1)!)).to.deep.equal(await store.getCase(id));
            expect((await store.getCase(id))?.updatedAt).to.equal(value.updatedAt);
          }
          await stores.cleanup();
        },
      ),
      { numRuns: 40 },
    );
  });
});
