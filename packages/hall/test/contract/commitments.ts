// The tolerance ledger (容缺台账) on a hall: the open commitments listed from the clear part of each case, a
// supplement taken in at any window on the version listed, and overdue handling the hall checks against its own clock
// and the items' rule. Runs against both clients (the hall server over HTTP, and the hall inside one browser).
import { expect } from '@open-wc/testing';
import { handleOverdue, recordSupplement, ulid, type Case, type CaseItemFacts, type ServiceItem } from '@yichuang/core';
import { demoCatalog } from '@yichuang/demo-catalog';
import type { HallClient, MutationResult } from '@yichuang/hall-client';
import { chinaDayIn, makeCase, saveCase, toleratedCase } from '../../../hall-client/test/support/fixtures.js';
import { hallErrorOf } from '../../../hall-client/test/support/assertions.js';
import { applied, type HallUse } from './hall-contract.js';

const rejected = (result: MutationResult | undefined) => {
  expect(result?.status, JSON.stringify(result)).to.equal('rejected');
  return result as MutationResult & { status: 'rejected' };
};

const itemOf = (id: string): ServiceItem => demoCatalog.items.find((item) => item.id === id)!;
/** 公共租赁住房: revoked when the proof of employment does not follow. */
const REVOKING = itemOf('hs-public-rental');
/** 住房租赁补贴: no rule of its own, so the manager decides (escalate). */
const ESCALATING = itemOf('hs-rental-subsidy');

/** Saves a new case as `clerk` and answers it. */
async function saved(clerk: HallClient, value: Case): Promise<Case> {
  applied((await clerk.sync([saveCase(value)]))[0]);
  return value;
}

const by = (value: Case) => ({ actor: value.responsibleClerk, window: value.window, at: new Date().toISOString() });

export function commitmentContract(useHall: () => HallUse): void {
  describe('the tolerance ledger (容缺台账)', () => {
    const hall = useHall();

    it('lists the open commitments a person may see, overdue first, with no personal field', async () => {
      const clerk = await hall.as('clerk');
      const clerk2 = await hall.as('clerk2');
      const later = await saved(clerk, toleratedCase(ESCALATING, chinaDayIn(3)));
      const overdue = await saved(clerk, toleratedCase(REVOKING, chinaDayIn(-2)));
      const other = await saved(clerk2, toleratedCase(ESCALATING, chinaDayIn(0), '02'));
      await saved(clerk, makeCase());

      const mine = await clerk.commitments();
      expect(mine.today).to.equal(chinaDayIn(0));
      const listed = mine.commitments.filter((c) => [later.id, overdue.id, other.id].includes(c.caseId));
      expect(listed.map((c) => [c.caseId, c.state, c.daysLeft, c.version])).to.deep.equal([
        [overdue.id, 'overdue', -2, 1],
        [later.id, 'pending', 3, 1],
      ]);
      expect(listed[0]).to.deep.include({
        number: overdue.number,
        window: '01',
        itemIds: [REVOKING.id],
        materialIds: [REVOKING.materials.find((m) => m.tolerable)!.id],
      });
      expect(JSON.stringify(mine)).not.to.contain('刘洋');
      expect(JSON.stringify(mine)).not.to.contain('120101198506201519');

      const manager = await hall.as('manager');
      const all = (await manager.commitments()).commitments.map((c) => c.caseId);
      expect(all).to.include.members([later.id, overdue.id, other.id]);
      expect(all.indexOf(overdue.id)).to.be.below(all.indexOf(other.id));
      expect(all.indexOf(other.id)).to.be.below(all.indexOf(later.id));
      const onlyOverdue = (await manager.commitments({ status: 'overdue' })).commitments;
      expect(onlyOverdue.every((c) => c.state === 'overdue')).to.equal(true);
      expect(onlyOverdue.map((c) => c.caseId)).to.include(overdue.id);
      const window2 = (await manager.commitments({ window: '02' })).commitments.map((c) => c.caseId);
      expect(window2).to.include(other.id).and.not.to.include(later.id);

      const junk = await hallErrorOf(manager.commitments({ status: 'everything' as never }));
      expect([junk.status, junk.code]).to.deep.equal([400, 'invalid']);
      expect(junk.issues.join(' ')).to.contain('overdue');
    });

    it('takes a supplement in at another window on the listed version, and the commitment leaves the ledger', async () => {
      const clerk = await hall.as('clerk');
      const value = await saved(clerk, toleratedCase(ESCALATING, chinaDayIn(1)));
      const clerk2 = await hall.as('clerk2');
      const granted = await clerk2.claimCase({
        number: value.number,
        idNumber: (value.applicant as { idNumber: string }).idNumber,
        purpose: 'supplement',
      });
      // The grant puts the case in clerk02's ledger, with the version to save on.
      const version = (await clerk2.commitments()).commitments.find((c) => c.caseId === value.id)!.version;
      const awaited = granted.materials.find((m) => m.receipt === 'tolerated')!;
      const supplied = recordSupplement(granted, {
        materials: [{ materialId: awaited.materialId, receipt: 'paper', copies: 1 }],
        actor: 'clerk02',
        window: '02',
        at: new Date().toISOString(),
      });
      applied((await clerk2.sync([saveCase(supplied, ulid(), { version })]))[0]);
      expect((await clerk.commitments()).commitments.map((c) => c.caseId)).not.to.include(value.id);
      const stored = await clerk.getCase(value.id);
      expect(stored?.status).to.equal('supplemented');
      expect(stored?.window).to.equal('01');
      expect(stored?.audit.at(-1)).to.deep.include({ actor: 'clerk02', window: '02', action: 'supplement' });
    });

    it('revokes an overdue case in one save as its item says: marked overdue, then refused, both audited', async () => {
      const clerk = await hall.as('clerk');
      const value = await saved(clerk, toleratedCase(REVOKING, chinaDayIn(-1)));
      const { case: revoked, applied: rule } = handleOverdue(value, { ...by(value), items: [REVOKING] });
      expect(rule).to.equal('revoke');
      applied((await clerk.sync([saveCase(revoked, ulid(), { version: 1 })]))[0]);
      const stored = await clerk.getCase(value.id);
      expect(stored?.status).to.equal('refused');
      expect(stored?.audit.slice(-2).map((e) => e.to)).to.deep.equal(['overdue', 'refused']);
      expect((await clerk.commitments()).commitments.map((c) => c.caseId)).not.to.include(value.id);
    });
  });

  describe('trusting nothing a client claims: overdue commitments', () => {
    const hall = useHall();

    it('refuses to mark a case overdue before its deadline’s day is over, by the hall’s clock', async () => {
      const clerk = await hall.as('clerk');
      const value = await saved(clerk, toleratedCase(ESCALATING, chinaDayIn(0)));
      // A window whose clock runs days ahead thinks the deadline has passed.
      const early: Case = {
        ...value,
        status: 'overdue',
        audit: [...value.audit, { ...by(value), action: 'mark-overdue', from: value.status, to: 'overdue' }],
      };
      const refusal = rejected((await clerk.sync([saveCase(early, ulid(), { version: 1 })]))[0]);
      expect([refusal.code, refusal.reason]).to.deep.equal(['conflict', 'not-overdue']);
      expect(refusal.message).to.contain(chinaDayIn(0));
      expect((await clerk.getCase(value.id))?.status).to.equal('accepted-with-tolerance');
    });

    it('refuses to revoke or void an overdue case its items would have escalated', async () => {
      const clerk = await hall.as('clerk');
      const value = await saved(clerk, toleratedCase(ESCALATING, chinaDayIn(-1)));
      const items: CaseItemFacts[] = [{ ...ESCALATING, overdueRule: 'revoke' }];
      const { case: forged } = handleOverdue(value, { ...by(value), items });
      const refusal = rejected((await clerk.sync([saveCase(forged, ulid(), { version: 1 })]))[0]);
      expect([refusal.code, refusal.reason]).to.deep.equal(['invalid', 'overdue-rule']);
      expect(refusal.message).to.contain('上报大厅负责人');
      // As the items say, it is escalated: marked overdue, the manager's line in its trail.
      const { case: escalated } = handleOverdue(value, { ...by(value), items: [ESCALATING] });
      applied((await clerk.sync([saveCase(escalated, ulid(), { version: 1 })]))[0]);
      expect((await clerk.getCase(value.id))?.status).to.equal('overdue');
    });

    it('walks every step a save’s new trail lines record: a step the state machine does not allow is refused', async () => {
      const clerk = await hall.as('clerk');
      const value = await saved(clerk, toleratedCase(REVOKING, chinaDayIn(-1)));
      const at = new Date().toISOString();
      const skipping: Case = {
        ...value,
        status: 'refused',
        audit: [
          ...value.audit,
          { ...by(value), at, action: 'forward', from: 'accepted-with-tolerance', to: 'forwarded' },
          { ...by(value), at, action: 'refuse', from: 'forwarded', to: 'refused', reason: '逾期' },
        ],
      };
      const refusal = rejected((await clerk.sync([saveCase(skipping, ulid(), { version: 1 })]))[0]);
      expect([refusal.code, refusal.reason]).to.deep.equal(['conflict', 'status']);
      expect(refusal.message).to.contain('已转审批');
    });

    it('refuses a clerk’s trail line at a window they may not staff', async () => {
      const clerk = await hall.as('clerk');
      const value = await saved(clerk, makeCase());
      const elsewhere: Case = {
        ...value,
        status: 'forwarded',
        audit: [...value.audit, { ...by(value), window: '05', action: 'forward', from: 'accepted', to: 'forwarded' }],
      };
      const refusal = rejected((await clerk.sync([saveCase(elsewhere, ulid(), { version: 1 })]))[0]);
      expect([refusal.code, refusal.reason]).to.deep.equal(['forbidden', 'audit-window']);
      expect(refusal.message).to.contain('01');
    });
  });
}
