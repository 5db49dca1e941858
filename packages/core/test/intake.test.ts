import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  HOLIDAY_SCHEDULES,
  RECEIPT_KINDS,
  WorkingDayCalendar,
  promisedCompletionDate,
  intakeDecisions,
  missingMaterials,
  mergeItemMaterials,
  needsAnswer,
  receiptChoices,
  transition,
  type CaseItemFacts,
  type CaseMaterial,
  type ReceiptKind,
} from '@yichuang/core';
import { by, draft, insurance, licence } from './support/intake-case.js';

describe('receiptChoices', () => {
  const choices = (items: readonly CaseItemFacts[], id: string) =>
    receiptChoices(mergeItemMaterials(items).find((m) => m.material.id === id)!);

  it('offers what the catalog allows: paper only for paper, e-licence where one exists, missing always', () => {
    expect(choices([insurance], 'id-card')).to.deep.equal(['paper', 'e-licence', 'missing']);
    expect(choices([insurance], 'photo')).to.deep.equal(['paper', 'scan', 'attachment', 'tolerated', 'missing']);
    expect(choices([insurance], 'income-proof')).to.deep.equal(['scan', 'attachment', 'missing']);
    expect(choices([insurance], 'address-proof')).to.deep.equal(['paper', 'commitment', 'missing']);
  });

  it('never offers tolerance on a material a high-risk item of the bundle needs', () => {
    expect(choices([insurance, licence], 'photo')).to.not.include('tolerated');
  });

  it('offers only receipt kinds the case schema knows, each once', () => {
    for (const item of [insurance, licence])
      for (const m of mergeItemMaterials([item])) {
        const offered = receiptChoices(m);
        expect(new Set(offered).size).to.equal(offered.length);
        for (const kind of offered) expect(RECEIPT_KINDS).to.have.property(kind);
      }
  });
});

describe('intakeDecisions', () => {
  const all = { 'id-card': 'paper', photo: 'scan', 'address-proof': 'paper' } as const;

  it('opens acceptance when everything required is in, and then nothing is left to notify', () => {
    const open = intakeDecisions(draft(all), [insurance], by);
    expect(open.accept).to.equal(null);
    expect(open['accept-with-tolerance']?.code).to.equal('no-tolerated-material');
    // Nothing to notify, whatever reason is given: not a decision waiting for an answer.
    expect(open['notify-incomplete']?.code).to.equal('nothing-to-notify');
    expect(needsAnswer(open['notify-incomplete'])).to.equal(false);
    expect(intakeDecisions(draft(all), [insurance], { ...by, reason: '材料不全' })['notify-incomplete']?.code).to.equal(
      'nothing-to-notify',
    );
    // A refusal waits for its answers: its ground first, then its reason.
    expect(open.refuse?.code).to.equal('ground-required');
    expect(needsAnswer(open.refuse)).to.equal(true);
    const grounded = intakeDecisions(draft(all), [insurance], { ...by, ground: 'not-competent' });
    expect(grounded.refuse?.code).to.equal('reason-required');
    expect(needsAnswer(grounded.refuse)).to.equal(true);
    expect(needsAnswer(open['accept-with-tolerance'])).to.equal(false);
  });

  it('opens tolerance when only tolerable materials are missing, once a deadline is given', () => {
    const tolerated = draft({ ...all, photo: 'tolerated' });
    const open = intakeDecisions(tolerated, [insurance], by);
    expect(open.accept?.code).to.equal('accept-incomplete');
    expect(open['accept-with-tolerance']?.code).to.equal('supplement-due-required');
    const withDeadline = intakeDecisions(tolerated, [insurance], { ...by, supplementDue: '2025-03-10' });
    expect(withDeadline['accept-with-tolerance']).to.equal(null);
  });

  it('refuses tolerance when a key material is missing, and opens the one-time notice instead', () => {
    const open = intakeDecisions(draft({ ...all, 'id-card': 'missing', photo: 'tolerated' }), [insurance], {
      ...by,
      reason: '缺身份证',
      supplementDue: '2025-03-10',
    });
    expect(open['accept-with-tolerance']?.code).to.equal('tolerance-incomplete');
    expect(open['accept-with-tolerance']?.localized()).to.contain('身份证');
    expect(open['notify-incomplete']).to.equal(null);
  });

  it('agrees with the state machine: a decision said open is taken, one said refused is refused', () => {
    const kinds = Object.keys(RECEIPT_KINDS) as ReceiptKind[];
    const ids = mergeItemMaterials([insurance, licence]).map((m) => m.material.id);
    fc.assert(
      fc.property(
        fc.tuple(...ids.map(() => fc.option(fc.constantFrom(...kinds), { nil: undefined }))),
        fc.boolean(),
        fc.option(fc.constantFrom('材料不全', ''), { nil: undefined }),
        (receipts, bundle, reason) => {
          const items = bundle ? [insurance, licence] : [insurance];
          const given = Object.fromEntries(ids.map((id, i) => [id, receipts[i]]).filter(([, r]) => r !== undefined));
          const c = draft(given as Record<string, ReceiptKind>, items);
          const input = { ...by, ...(reason === undefined ? {} : { reason }), supplementDue: '2025-03-10' };
          const open = intakeDecisions(c, items, input);
          for (const [decision, to] of [
            ['accept', 'accepted'],
            ['accept-with-tolerance', 'accepted-with-tolerance'],
            ['notify-incomplete', 'notified-incomplete'],
            ['refuse', 'refused'],
          ] as const) {
            let taken = true;
            try {
              transition(c, { ...input, to, items });
            } catch {
              taken = false;
            }
            expect(taken, decision).to.equal(open[decision] === null);
          }
        },
      ),
    );
  });
});

describe('missingMaterials', () => {
  it('lists every required material not in hand, and a defective one with its note, in catalog order', () => {
    const c = draft({ 'id-card': 'paper', photo: 'tolerated', 'address-proof': 'commitment' });
    const materials: CaseMaterial[] = [
      ...c.materials.map((m) => (m.materialId === 'id-card' ? { ...m, note: '复印件不清晰' } : m)),
    ];
    const lines = missingMaterials(materials, [insurance]);
    expect(lines.map((l) => l.name)).to.deep.equal(['身份证', '照片']);
    expect(lines[0]).to.include({ note: '复印件不清晰', acceptanceStandard: '原件', receipt: 'paper' });
    expect(lines[1]).to.deep.include({ receipt: 'tolerated', items: ['城乡居民医保参保登记'] });
  });

  it('lets a window notify of a defective material even when everything is received', () => {
    const complete = draft({ 'id-card': 'paper', photo: 'scan', 'address-proof': 'paper' });
    const defective = { ...complete, materials: complete.materials.map((m) => ({ ...m, note: '复印件不清晰' })) };
    expect(intakeDecisions(complete, [insurance], by)['notify-incomplete']?.code).to.equal('nothing-to-notify');
    expect(intakeDecisions(defective, [insurance], by)['notify-incomplete']?.code).to.equal('reason-required');
    expect(missingMaterials(defective.materials, [insurance])).to.have.length(3);
  });

  it('asks once for a material two items need, with the most copies either asks for', () => {
    const lines = missingMaterials([], [insurance, licence]);
    const photo = lines.filter((l) => l.materialId === 'photo');
    expect(photo).to.have.length(1);
    expect(photo[0]).to.deep.include({ copies: 2, items: ['城乡居民医保参保登记', '危险化学品经营许可'] });
    expect(lines.map((l) => l.materialId)).to.not.include('income-proof');
  });
});

describe('promisedCompletionDate', () => {
  const calendar = new WorkingDayCalendar(HOLIDAY_SCHEDULES);
  const limit = (value: number, unit: 'working-days' | 'natural-days' | 'hours') => ({ value, unit });
  /** 10:00 China time on Wednesday 30 September 2026, the day before 国庆 (1–7 October off, 10 October worked). */
  const beforeNationalDay = '2026-09-30T02:00:00.000Z';

  it('counts working days past the holiday, and takes the latest item of a bundle', () => {
    const promised = { caseKind: 'promised', promisedLimit: limit(3, 'working-days') } as const;
    // 8 October (Thu), 9 October (Fri), 10 October (the make-up Saturday).
    expect(promisedCompletionDate([promised], beforeNationalDay, calendar)).to.equal('2026-10-10');
    const immediate = { caseKind: 'immediate', promisedLimit: limit(0, 'working-days') } as const;
    expect(promisedCompletionDate([immediate], beforeNationalDay, calendar)).to.equal('2026-09-30');
    expect(promisedCompletionDate([immediate, promised], beforeNationalDay, calendar)).to.equal('2026-10-10');
  });

  it('ends natural days on a working day, and hours on the day they run out', () => {
    const natural = { caseKind: 'promised', promisedLimit: limit(3, 'natural-days') } as const;
    expect(promisedCompletionDate([natural], beforeNationalDay, calendar)).to.equal('2026-10-08');
    const hours = { caseKind: 'promised', promisedLimit: limit(16, 'hours') } as const;
    expect(promisedCompletionDate([hours], beforeNationalDay, calendar)).to.equal('2026-10-01');
  });
});
