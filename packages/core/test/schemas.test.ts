import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import * as v from 'valibot';
import {
  ApplicantSchema,
  authorisationLapsed,
  AuditEntrySchema,
  CaseSchema,
  ProxySchema,
  RATING_GRADES,
  RATING_REASONS,
  RatingSchema,
  TicketSchema,
  checkResidentId,
  needsFollowUp,
  type Case,
  type Rating,
  type Ticket,
} from '@yichuang/core';
import { issues } from '../../../test/fixtures/schema-issues.js';

const person = {
  kind: 'person',
  name: ' 张三 ',
  idType: 'resident-id',
  idNumber: '11010519491231002x',
  phone: '138 0013 8000',
  specialGroups: ['elderly'],
};
const organisation = {
  kind: 'organisation',
  name: '天津示范科技有限公司',
  uscc: '91350100m000100y43',
  legalRepresentative: { name: '李四', idType: 'resident-id', idNumber: '440524188001010014' },
  phone: '022-12345678',
};
const proxy = {
  name: '王五',
  idType: 'passport',
  idNumber: 'E12345678',
  phone: '13900139000',
  relation: '子女',
  authorisation: { kind: 'power-of-attorney', reference: 'WT-2025-001', scope: '代为办理社保业务' },
};

const validCase: Case = {
  id: '01JNMV7Q8Z3K5W9XG2T4HB6YRD',
  number: 'TJHP01-20250303-W03-0007',
  hall: 'TJHP01',
  window: 'W03',
  items: [{ itemId: 'item-1', version: 2 }],
  applicant: { kind: 'person', name: '张三', idType: 'resident-id', idNumber: '11010519491231002X' },
  materials: [{ materialId: 'id-card', itemIds: ['item-1'], receipt: 'paper', copies: 1 }],
  status: 'draft',
  responsibleClerk: 'clerk-7',
  audit: [{ at: '2025-03-03T01:00:00Z', actor: 'clerk-7', window: 'W03', action: 'create', to: 'draft' }],
  createdAt: '2025-03-03T01:00:00Z',
  updatedAt: '2025-03-03T01:00:00Z',
};

const validTicket: Ticket = {
  id: '01JNMV7Q8Z3K5W9XG2T4HB6YRE',
  number: 'A012',
  category: 'comprehensive',
  kind: 'normal',
  issuedAt: '2025-03-03T01:00:00Z',
  status: 'waiting',
};

const validRating: Rating = {
  id: '01JNMV7Q8Z3K5W9XG2T4HB6YRF',
  caseId: '01JNMV7Q8Z3K5W9XG2T4HB6YRD',
  window: 'W03',
  clerk: 'clerk-7',
  grade: 4,
  at: '2025-03-03T02:00:00Z',
  channel: 'pad',
};

describe('ApplicantSchema', () => {
  it('accepts a person, trimming the name and normalising the id number and phone', () => {
    const out = v.parse(ApplicantSchema, person);
    expect(out).to.deep.include({ kind: 'person', name: '张三', idNumber: '11010519491231002X', phone: '13800138000' });
  });

  it('accepts an organisation, upper-casing its credit code and normalising the phone', () => {
    const out = v.parse(ApplicantSchema, organisation);
    expect(out.kind).to.equal('organisation');
    if (out.kind === 'organisation') {
      expect(out.uscc).to.equal('91350100M000100Y43');
      expect(out.phone).to.equal('02212345678');
    }
  });

  it('accepts names with the middle dot of minority and foreign names', () => {
    for (const name of ['买买提·艾力', "Anna-Lena O'Neil", 'José María']) {
      expect(v.safeParse(ApplicantSchema, { ...person, name }).success, name).to.equal(true);
    }
  });

  it('explains the id number format of the chosen document type, on the idNumber field', () => {
    expect(issues(ApplicantSchema, { ...person, idNumber: '1101051949123100' })).to.deep.equal({
      idNumber: ['idNumber: A resident ID number has 18 characters (15 on old cards); this one has 16.'],
    });
    expect(issues(ApplicantSchema, { ...person, idType: 'passport', idNumber: 'E 1234 5678' })).to.deep.equal({
      idNumber: ['idNumber: a passport number is 5 to 20 letters and digits, without spaces'],
    });
    expect(
      issues(ApplicantSchema, { ...person, idType: 'hk-macau-permit', idNumber: 'X12345678' }).idNumber,
    ).to.deep.equal([
      'idNumber: a Hong Kong / Macao permit number is H or M then 8 or 10 digits, or an 18-character residence permit number starting 810000 or 820000',
    ]);
  });

  it('accepts each document type in its own shapes', () => {
    const ok: [string, string][] = [
      ['hk-macau-permit', 'H12345678'],
      ['hk-macau-permit', '810000199001011230'],
      ['taiwan-permit', '12345678'],
      ['taiwan-permit', '830000199001011234'],
      ['foreign-permanent', 'USA110004271001'],
      ['foreign-permanent', '931840199001010011'],
      ['passport', 'e12345678'],
      ['other', 'JG-2025/01'],
    ];
    for (const [idType, idNumber] of ok) {
      expect(issues(ApplicantSchema, { ...person, idType, idNumber }), `${idType} ${idNumber}`).to.deep.equal({});
    }
  });

  it('reports every problem at once, each on its field', () => {
    expect(
      issues(ApplicantSchema, {
        ...person,
        name: '张三3',
        idNumber: 'abc',
        phone: '12345',
        specialGroups: ['elderly', 'elderly'],
      }),
    ).to.deep.equal({
      name: ["name: letters only, with spaces or · . - ' between words"],
      phone: [
        'phone: This is neither a mobile number (11 digits starting with 1) nor a landline number with its area code.',
      ],
      specialGroups: ['specialGroups: each group at most once'],
      idNumber: ['idNumber: A resident ID number has 18 characters (15 on old cards); this one has 3.'],
    });
  });

  it('names the kinds when kind is wrong and the missing field when one is left out', () => {
    expect(issues(ApplicantSchema, { ...person, kind: 'robot' })).to.deep.equal({
      kind: ["kind: 'person' or 'organisation'"],
    });
    const { name: _name, ...noName } = person;
    expect(issues(ApplicantSchema, noName)).to.deep.equal({ name: ['name: required'] });
  });

  it('checks the legal representative of an organisation and the credit code charset', () => {
    expect(
      issues(ApplicantSchema, {
        ...organisation,
        uscc: '91350100I000100Y43',
        legalRepresentative: { ...organisation.legalRepresentative, idNumber: '4405241880010100' },
      }),
    ).to.deep.equal({
      uscc: ['uscc: A unified social credit code has digits and capital letters only, without I, O, S, V or Z.'],
      'legalRepresentative.idNumber': [
        'idNumber: A resident ID number has 18 characters (15 on old cards); this one has 16.',
      ],
    });
  });
});

describe('ProxySchema', () => {
  it('accepts a proxy with an authorisation', () => {
    expect(v.parse(ProxySchema, proxy).authorisation.kind).to.equal('power-of-attorney');
  });

  it('requires a phone and a known authorisation kind', () => {
    const { phone: _phone, ...noPhone } = proxy;
    expect(issues(ProxySchema, { ...noPhone, authorisation: { kind: 'friend' } })).to.deep.equal({
      phone: ['phone: required'],
      'authorisation.kind': ['authorisation kind: one of power-of-attorney, guardian, statutory, helper-desk'],
    });
  });

  it('asks a power of attorney what it empowers, and a real date for its term; a guardian needs no scope', () => {
    const { scope: _scope, ...noScope } = proxy.authorisation;
    expect(issues(ProxySchema, { ...proxy, authorisation: { ...noScope, validUntil: '2026-02-30' } })).to.deep.equal({
      'authorisation.validUntil': ['validUntil: a real calendar date written YYYY-MM-DD, e.g. 2025-03-01'],
      'authorisation.scope': ['scope: a power of attorney must say what it empowers the proxy to do'],
    });
    const zh = v.safeParse(ProxySchema, { ...proxy, authorisation: noScope }, { lang: 'zh-CN' });
    expect(zh.issues?.map((i) => i.message)).to.deep.equal(['scope: 授权委托书应写明委托事项']);
    expect(issues(ProxySchema, { ...proxy, relation: '母亲', authorisation: { kind: 'guardian' } })).to.deep.equal({});
  });

  it('tells a lapsed authorisation from one that holds through its last day or has no term', () => {
    const until = (validUntil?: string) => ({
      authorisation: { kind: 'power-of-attorney' as const, ...(validUntil ? { validUntil } : {}) },
    });
    expect(authorisationLapsed(until('2026-12-05'), '2026-12-06')).to.equal(true);
    expect(authorisationLapsed(until('2026-12-06'), '2026-12-06')).to.equal(false);
    expect(authorisationLapsed(until(), '2026-12-06')).to.equal(false);
  });
});

describe('CaseSchema', () => {
  it('accepts a well-formed case', () => {
    expect(issues(CaseSchema, validCase)).to.deep.equal({});
  });

  it('rejects a case number from another hall or window', () => {
    expect(issues(CaseSchema, { ...validCase, window: 'W04' })).to.deep.equal({
      number: ['number: the hall and window in the case number must be the case’s hall and window'],
    });
  });

  it('rejects materials for items the case does not take in, and duplicates', () => {
    const extra = { materialId: 'id-card', itemIds: ['item-9'], receipt: 'paper', copies: 1 };
    expect(issues(CaseSchema, { ...validCase, materials: [...validCase.materials, extra] })).to.deep.equal({
      materials: [
        'materials: each material at most once (merge the items that need it into itemIds)',
        'materials: every itemIds entry must be one of the case’s items',
      ],
    });
  });

  it('requires a supplement deadline while tolerated materials are awaited', () => {
    expect(issues(CaseSchema, { ...validCase, status: 'accepted-with-tolerance' })).to.deep.equal({
      supplementDue: ['supplementDue: required while tolerated materials are awaited'],
    });
  });

  it('refuses a decided case that still awaits a tolerated material', () => {
    const tolerated = validCase.materials.map((material) => ({ ...material, receipt: 'tolerated' }));
    for (const status of ['decided', 'result-ready', 'delivered']) {
      expect(issues(CaseSchema, { ...validCase, status, materials: tolerated }), status).to.deep.equal({
        materials: ['materials: a decided case has no tolerated material still awaited'],
      });
    }
    expect(
      issues(CaseSchema, { ...validCase, status: 'forwarded', materials: tolerated, supplementDue: '2025-03-10' }),
    ).to.deep.equal({});
  });

  it('explains ids, receipts, hashes, statuses and dates', () => {
    const bad = {
      ...validCase,
      id: '01jnmv7q8z3k5w9xg2t4hb6yrd'.replace('j', 'i'),
      status: 'approved',
      supplementDue: '2025-02-30',
      materials: [{ materialId: 'id-card', itemIds: ['item-1'], receipt: 'fax', copies: 1, attachments: ['abc'] }],
    };
    expect(issues(CaseSchema, bad)).to.deep.equal({
      id: ['id: a ULID (26 characters of 0-9 and A-Z without I, L, O, U; upper case)'],
      'materials.0.receipt': ['receipt: one of paper, attachment, scan, e-licence, tolerated, commitment, missing'],
      'materials.0.attachments.0': ['attachments: each a SHA-256 hash, 64 hexadecimal characters'],
      status: [
        'status: one of draft, accepted, accepted-with-tolerance, notified-incomplete, refused, supplemented, overdue, forwarded, decided, result-ready, delivered, discarded, withdrawn',
      ],
      supplementDue: ['supplementDue: a real calendar date written YYYY-MM-DD, e.g. 2025-03-01'],
    });
  });

  it('rejects an audit entry at an impossible time', () => {
    expect(issues(AuditEntrySchema, { ...validCase.audit[0], at: '2025-02-29T08:00:00Z' })).to.deep.equal({
      at: ['at: an ISO 8601 timestamp with a zone, e.g. 2025-03-01T08:30:00Z'],
    });
    expect(issues(AuditEntrySchema, { ...validCase.audit[0], at: '2025-03-01T08:00:00' }).at).to.have.length(1);
  });
});

describe('TicketSchema', () => {
  it('accepts a waiting ticket and a called one', () => {
    expect(issues(TicketSchema, validTicket)).to.deep.equal({});
    const called = { ...validTicket, status: 'called', window: 'W03', calledAt: '2025-03-03T01:05:00Z' };
    expect(issues(TicketSchema, called)).to.deep.equal({});
  });

  it('explains the number format, an appointment without reference and a call without window', () => {
    expect(
      issues(TicketSchema, { ...validTicket, number: 'a12', kind: 'appointment', status: 'serving' }),
    ).to.deep.equal({
      number: ['number: one or two capital letters then 3 or 4 digits, e.g. A012'],
      appointmentRef: ['appointmentRef: an appointment ticket names its appointment'],
      window: ['window: a called, served, done or no-show ticket names the window that called it'],
      calledAt: ['calledAt: a called, served, done or no-show ticket has the time it was called'],
    });
  });

  it('rejects a call before the ticket was issued', () => {
    const early = { ...validTicket, status: 'called', window: 'W03', calledAt: '2025-03-03T00:59:59Z' };
    expect(issues(TicketSchema, early)).to.deep.equal({ calledAt: ['calledAt: must not be before issuedAt'] });
  });
});

describe('RatingSchema', () => {
  it('labels the five grades from 非常满意 to 非常不满意', () => {
    expect([5, 4, 3, 2, 1].map((g) => RATING_GRADES[g as 1 | 2 | 3 | 4 | 5].zh)).to.deep.equal([
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
    ]);
    expect(RATING_GRADES[1].en).to.equal('Very dissatisfied');
  });

  it('accepts a rating with window dimensions', () => {
    const rated = { ...validRating, dimensions: { overall: 4, efficiency: 5, level: 4, attitude: 5 } };
    expect(issues(RatingSchema, rated)).to.deep.equal({});
  });

  it('takes the reasons of a bad rating as codes, each once, and explains the others', () => {
    expect(issues(RatingSchema, { ...validRating, grade: 2, reasons: ['wait', 'attitude'] })).to.deep.equal({});
    expect(RATING_REASONS.wait.zh).to.equal('排队等待时间长');
    expect(issues(RatingSchema, { ...validRating, reasons: ['wait', 'rude'] })).to.have.keys(['reasons.1']);
    expect(issues(RatingSchema, { ...validRating, reasons: ['wait', 'wait'] })).to.deep.equal({
      reasons: ['reasons: each reason at most once'],
    });
    expect(issues(RatingSchema, { ...validRating, reasons: 'wait' })).to.deep.equal({
      reasons: ['reasons: a list of reason codes'],
    });
  });

  it('explains grades out of range and unknown channels', () => {
    expect(
      issues(RatingSchema, {
        ...validRating,
        grade: 6,
        channel: 'fax',
        dimensions: { overall: 2.5, efficiency: 0, level: 3 },
      }),
    ).to.deep.equal({
      grade: ['grade: a grade from 1 to 5'],
      'dimensions.overall': ['overall: a whole grade from 1 to 5'],
      'dimensions.efficiency': ['efficiency: a grade from 1 to 5'],
      'dimensions.attitude': ['attitude: required'],
      channel: ['channel: one of pad, kiosk, sms, online'],
    });
  });

  it('opens a follow-up for 不满意 and 非常不满意 only', () => {
    expect([1, 2, 3, 4, 5].map((grade) => needsFollowUp({ grade: grade as Rating['grade'] }))).to.deep.equal([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('schemas on arbitrary input (property)', () => {
  const schemas: [string, v.GenericSchema, Record<string, unknown>][] = [
    ['applicant', ApplicantSchema, person],
    ['organisation', ApplicantSchema, organisation],
    [
      'confirmed organisation',
      ApplicantSchema,
      {
        ...organisation,
        uscc: '91350100M000100Y44',
        usccConfirmed: { by: 'clerk-7', at: '2025-03-03T01:00:00Z', reason: '与营业执照原件核对一致' },
      },
    ],
    ['proxy', ProxySchema, proxy],
    ['case', CaseSchema, validCase as unknown as Record<string, unknown>],
    ['ticket', TicketSchema, validTicket as unknown as Record<string, unknown>],
    ['rating', RatingSchema, validRating as unknown as Record<string, unknown>],
  ];
  /** A message of our own: starts with the field it is about, never valibot's generic "Invalid type: …". */
  const ownMessage = /^[a-zA-Z]+(?: [a-zA-Z]+)?: \S/;

  it('never throws, and every issue has a message of our own, for any value', () => {
    for (const [name, schema] of schemas) {
      fc.assert(
        fc.property(fc.anything(), (input) => {
          const result = v.safeParse(schema, input);
          return (
            result.success || result.issues.every((i) => ownMessage.test(i.message) && !/^Invalid /.test(i.message))
          );
        }),
        { numRuns: 200 },
      );
      expect(name).to.be.a('string');
    }
  });

  it('a valid record with one field replaced by junk fails with messages of our own', () => {
    for (const [name, schema, valid] of schemas) {
      const keys = Object.keys(valid);
      fc.assert(
        fc.property(
          fc.constantFrom(...keys),
          fc.oneof(fc.integer(), fc.constant(null), fc.string(), fc.boolean(), fc.object(), fc.array(fc.integer())),
          (key, junk) => {
            const result = v.safeParse(schema, { ...valid, [key]: junk });
            if (result.success) return true; // the junk happened to be valid (e.g. a string name)
            // The issue may be on another field when the junk is well-formed but inconsistent (a hall not in the number).
            return result.issues.every((i) => ownMessage.test(i.message));
          },
        ),
        { numRuns: 300 },
      );
      expect(name).to.be.a('string');
    }
  });

  it('resident ID numbers: the schema accepts exactly what checkResidentId accepts, and stores its canonical form', () => {
    const candidates = fc.oneof(
      fc.stringMatching(/^\d{17}[\dxX]$/),
      fc.stringMatching(/^\d{15}$/),
      fc.stringMatching(/^\d{1,30}$/),
      fc.stringMatching(/^\d{6}[ -]\d{8}[ -]\d{3}[\dxX]$/),
    );
    fc.assert(
      fc.property(candidates, (idNumber) => {
        const check = checkResidentId(idNumber, { locale: 'en-US' });
        const result = v.safeParse(ApplicantSchema, { ...person, idNumber });
        if (check.valid)
          return result.success && result.output.kind === 'person' && result.output.idNumber === check.normalized;
        return (
          !result.success &&
          issues(ApplicantSchema, { ...person, idNumber }).idNumber?.[0] === `idNumber: ${check.error}`
        );
      }),
      { numRuns: 300 },
    );
  });
});
