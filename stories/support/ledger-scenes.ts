// The tolerance ledger stories' hall: four cases accepted with tolerance at the demo hall, a small hall in memory that
// lists their commitments as the real one does (through the core), and checks a claim on the applicant's document.
import { NEVER } from 'rxjs';
import { commitmentLedger, type Case, type ServiceItem } from '@yichuang/core';
import { HallError, type CommitmentQuery, type Session } from '@yichuang/hall-client';
import type { WorkstationStore } from '@yichuang/store';
import type { LedgerHall } from '@yichuang/tolerance';
import demoCatalog from '../../packages/demo-catalog/generated/catalog.js';
import { STORY_APPLICANT, STORY_NOW, filledForm } from './intake-scenes.js';

const itemOf = (id: string): ServiceItem => demoCatalog.items.find((item) => item.id === id)!;

/** A case of `item` accepted with tolerance at `window` on 30 November 2026, its first tolerable material awaited. */
function tolerated(seq: number, itemId: string, due: string, window = '03'): Case {
  const item = itemOf(itemId);
  const tolerable = item.materials.find((m) => m.tolerable)!;
  const at = '2026-11-30T02:00:00.000Z';
  const clerk = `clerk${window}`;
  return {
    id: `01KQ0000000000000000000${String(seq).padStart(3, '0')}`,
    number: `TJHP01-20261130-${window}-${String(seq).padStart(4, '0')}`,
    hall: 'TJHP01',
    window,
    items: [{ itemId: item.id, version: item.version }],
    applicant: { ...STORY_APPLICANT, phone: '13812345678' },
    materials: item.materials
      .filter((m) => m.necessity === 'required')
      .map((m) =>
        m.id === tolerable.id
          ? { materialId: m.id, itemIds: [item.id], receipt: 'tolerated' as const, copies: 0 }
          : { materialId: m.id, itemIds: [item.id], receipt: 'paper' as const, copies: 1 },
      ),
    form: filledForm([item]),
    status: 'accepted-with-tolerance',
    supplementDue: due,
    responsibleClerk: clerk,
    audit: [
      { at, actor: clerk, window, action: 'accept-with-tolerance', from: 'draft', to: 'accepted-with-tolerance' },
    ],
    createdAt: at,
    updatedAt: at,
  };
}

/** The hall's cases: overdue (revoked when overdue), due today, due later (voided when overdue), and one of window 01. */
export function storyCases(): Case[] {
  return [
    tolerated(1, 'hs-rental-subsidy', '2026-12-07'),
    tolerated(2, 'hs-public-rental', '2026-12-03'),
    tolerated(3, 'hf-employer-registration', '2026-12-11'),
    tolerated(4, 'hs-rental-subsidy', '2026-12-09', '01'),
  ];
}

/**
 * A hall in memory with a clerk of window 03 (or a manager) logged in: the commitments the person may see, through
 * the core as the real hall lists them, with what this PC saved since; a case read or claimed on the applicant's
 * document. `down`: every call fails as a lost connection does.
 */
export function storyHall(role: 'clerk' | 'manager', store: WorkstationStore, down = false): LedgerHall {
  const held = storyCases();
  const granted = new Set<string>();
  const session: Session = {
    token: 'story',
    role,
    subject: role === 'manager' ? 'manager01' : 'clerk03',
    name: role === 'manager' ? '陈主任' : '赵敏',
    hall: 'TJHP01',
    ...(role === 'clerk' ? { window: '03', windows: ['03'] } : {}),
    expiresAt: '2099-01-01T00:00:00.000Z',
  };
  const offline = () => new HallError('网络不通', 'network', 0);
  const visible = (c: Case) => role === 'manager' || c.window === '03' || granted.has(c.id);
  /** The hall's copy, or what this PC saved of it since. */
  const latest = async (c: Case) => (await store.getCase(c.id)) ?? c;
  return {
    session,
    events: () => NEVER,
    async commitments(query: CommitmentQuery = {}) {
      if (down) throw offline();
      const cases = await Promise.all(held.filter(visible).map(latest));
      const ledger = commitmentLedger(cases, STORY_NOW).filter(
        (c) => query.status !== 'overdue' || c.state === 'overdue',
      );
      return { today: '2026-12-07', commitments: ledger.map((c) => ({ ...c, version: 1 })) };
    },
    async getCase(id: string) {
      if (down) throw offline();
      const found = held.find((c) => c.id === id && visible(c));
      return found && latest(found);
    },
    async claimCase(claim) {
      if (down) throw offline();
      const found = held.find((c) => c.number === claim.number);
      const holder = found?.applicant.kind === 'person' ? found.applicant.idNumber : undefined;
      if (!found || holder !== claim.idNumber.trim().toUpperCase()) {
        throw new HallError('办件编号与证件号码不匹配，或大厅没有这个办件', 'not-found', 404);
      }
      granted.add(found.id);
      return latest(found);
    },
  };
}
