import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import * as v from 'valibot';
import {
  ApplicantSchema,
  IdentitySchema,
  OrganisationApplicantSchema,
  PersonApplicantSchema,
  PhoneSchema,
  ProxySchema,
  UsccConfirmationSchema,
  UsccFormatSchema,
  checkPhone,
  checkResidentId,
  checkUscc,
} from '@yichuang/core';
import { issues } from '../../../test/fixtures/schema-issues.js';

// The identifier checks of src/identity/ are the judges; these tests make sure the schemas the hall server uses ask
// them, store their canonical form, and explain a refusal on the right field without repeating the identifier.
// Test numbers below were computed from the standards' formulas (ISO 7064 MOD 11-2, GB 32100, GB 11714) by hand.

const RESIDENT = {
  valid: '11010519491231002X',
  wrongCheck: '110105194912310021',
  feb29of1900: '110105190002290017', // right check character, but 1900 was no leap year
  future: '110105210001010015', // born 2100-01-01, right check character
  hkPermit: '810000199001011230',
  hkPermitWrongCheck: '810000199001011234',
  hkPermitFeb29: '810000199002290016',
  taiwanPermit: '830000199001011234',
  foreigner: '931840199001010011', // 9, 31 上海, 840 (USA), 1990-01-01, 001
};
const USCC = {
  valid: '91350100M000100Y43', // GB 32100-2015's example
  wrongCheck: '91350100M000100Y44', // like an early-pilot code: only the check character fails
  wrongOrgCheck: '91350100M000100Y56', // right 18th character, but the organisation code M000100Y-5 fails GB 11714
};

const person = {
  kind: 'person',
  name: '张三',
  idType: 'resident-id',
  idNumber: RESIDENT.valid,
  phone: '13800138000',
};
const representative = { name: '李四', idType: 'resident-id', idNumber: '440524188001010014' };
const organisation = {
  kind: 'organisation',
  name: '天津示范科技有限公司',
  uscc: USCC.valid,
  legalRepresentative: representative,
  phone: '022-23456789',
};
const proxy = {
  name: '王五',
  idType: 'resident-id',
  idNumber: RESIDENT.valid,
  phone: '13900139000',
  relation: '子女',
  authorisation: { kind: 'power-of-attorney', scope: '代为办理社保业务' },
};
const confirmation = {
  by: 'clerk-7',
  at: '2025-03-03T09:30:00+08:00',
  reason: ' 与营业执照原件核对一致（早期试点代码） ',
};

const CHECK_MESSAGE =
  'idNumber: The check character of the resident ID number does not match: it was probably mistyped. Compare it with the card.';
const NO_SUCH_DATE = 'idNumber: The date of birth in the number does not exist.';
const PHONE_MESSAGE =
  'phone: This is neither a mobile number (11 digits starting with 1) nor a landline number with its area code.';

describe('people schemas: a good record parses into canonical identifiers', () => {
  it('a person: id number with separators and a lower-case x, phone with country code and spaces', () => {
    const out = v.parse(ApplicantSchema, { ...person, idNumber: '110105 19491231 002x', phone: '+86 138-0013-8000' });
    expect(out).to.deep.include({ kind: 'person', idNumber: RESIDENT.valid, phone: '13800138000' });
    expect(v.parse(PersonApplicantSchema, { ...person, idNumber: '110105-19491231-002X' }).idNumber).to.equal(
      RESIDENT.valid,
    );
  });

  it('an old 15-digit number is stored as its 18-digit form', () => {
    expect(v.parse(IdentitySchema, { ...representative, idNumber: '110105491231002' }).idNumber).to.equal(
      RESIDENT.valid,
    );
  });

  it('an organisation: credit code with spaces and lower case, landline with extension, legal representative', () => {
    const out = v.parse(OrganisationApplicantSchema, {
      ...organisation,
      uscc: ' 9135 0100 m000 100y 43 ',
      phone: '022-23456789 转 8001',
      legalRepresentative: { ...representative, idNumber: '440524 18800101 0014' },
    });
    expect(out).to.deep.include({ uscc: USCC.valid, phone: '02223456789-8001' });
    expect(out.legalRepresentative.idNumber).to.equal('440524188001010014');
    expect(out.usccConfirmed).to.equal(undefined);
  });

  it('residence permits and the foreigner’s card, checked like resident ids, separators removed', () => {
    const ok: [string, string, string][] = [
      ['hk-macau-permit', RESIDENT.hkPermit, RESIDENT.hkPermit],
      ['hk-macau-permit', '820000 19851231 0029', '820000198512310029'],
      ['taiwan-permit', RESIDENT.taiwanPermit.toLowerCase(), RESIDENT.taiwanPermit],
      ['foreign-permanent', '931840-19900101-0011', RESIDENT.foreigner],
      ['hk-macau-permit', 'h12345678', 'H12345678'], // the travel permit: shape only
      ['foreign-permanent', 'USA110004271001', 'USA110004271001'], // the 2004 card: shape only
    ];
    for (const [idType, idNumber, stored] of ok) {
      const out = v.parse(ProxySchema, { ...proxy, idType, idNumber });
      expect(out.idNumber, `${idType} ${idNumber}`).to.equal(stored);
    }
  });
});

describe('people schemas: each kind of bad identifier is refused, on its field', () => {
  const refused: [string, v.GenericSchema, Record<string, unknown>, Record<string, string[]>][] = [
    [
      'resident id, wrong check character',
      ApplicantSchema,
      { ...person, idNumber: RESIDENT.wrongCheck },
      { idNumber: [CHECK_MESSAGE] },
    ],
    [
      'resident id, 29 February 1900',
      ApplicantSchema,
      { ...person, idNumber: RESIDENT.feb29of1900 },
      { idNumber: [NO_SUCH_DATE] },
    ],
    [
      'resident id, born in the future',
      ApplicantSchema,
      { ...person, idNumber: RESIDENT.future },
      { idNumber: ['idNumber: The date of birth in the number is later than today.'] },
    ],
    [
      'resident id, wrong length',
      ApplicantSchema,
      { ...person, idNumber: RESIDENT.valid.slice(0, 17) },
      { idNumber: ['idNumber: A resident ID number has 18 characters (15 on old cards); this one has 17.'] },
    ],
    [
      'Hong Kong residence permit, wrong check character',
      ApplicantSchema,
      { ...person, idType: 'hk-macau-permit', idNumber: RESIDENT.hkPermitWrongCheck },
      { idNumber: [CHECK_MESSAGE] },
    ],
    [
      'Hong Kong residence permit, no such date',
      ProxySchema,
      { ...proxy, idType: 'hk-macau-permit', idNumber: RESIDENT.hkPermitFeb29 },
      { idNumber: [NO_SUCH_DATE] },
    ],
    [
      'Taiwan residence permit, wrong check character',
      ProxySchema,
      { ...proxy, idType: 'taiwan-permit', idNumber: '830000199001011235' },
      { idNumber: [CHECK_MESSAGE] },
    ],
    [
      'foreigner’s permanent residence card, wrong check character',
      ApplicantSchema,
      { ...person, idType: 'foreign-permanent', idNumber: '931840199001010012' },
      { idNumber: [CHECK_MESSAGE] },
    ],
    [
      'legal representative, wrong check character',
      ApplicantSchema,
      { ...organisation, legalRepresentative: { ...representative, idNumber: '440524188001010015' } },
      { 'legalRepresentative.idNumber': [CHECK_MESSAGE] },
    ],
    [
      'proxy, wrong check character',
      ProxySchema,
      { ...proxy, idNumber: RESIDENT.wrongCheck },
      { idNumber: [CHECK_MESSAGE] },
    ],
    [
      'identity, no such date',
      IdentitySchema,
      { ...representative, idNumber: RESIDENT.feb29of1900 },
      { idNumber: [NO_SUCH_DATE] },
    ],
    [
      'phone, landline without area code',
      ApplicantSchema,
      { ...person, phone: '23456789' },
      { phone: [PHONE_MESSAGE] },
    ],
    ['phone, no 12x mobile numbers', ProxySchema, { ...proxy, phone: '12812345678' }, { phone: [PHONE_MESSAGE] }],
    [
      'phone, letters',
      OrganisationApplicantSchema,
      { ...organisation, phone: '022-2345678a' },
      {
        phone: [
          'phone: A phone number has digits, spaces, hyphens and brackets only, with an optional +86 prefix and extension.',
        ],
      },
    ],
    [
      'credit code, wrong check character, no confirmation',
      ApplicantSchema,
      { ...organisation, uscc: USCC.wrongCheck },
      {
        uscc: [
          'uscc: The check character of the unified social credit code does not match. Compare it with the licence; a few codes from the early pilots also fail this check and need a clerk to confirm them. If the licence shows exactly this code, record the clerk’s confirmation in usccConfirmed.',
        ],
      },
    ],
    [
      'credit code, embedded organisation code fails, no confirmation',
      OrganisationApplicantSchema,
      { ...organisation, uscc: USCC.wrongOrgCheck },
      {
        uscc: [
          'uscc: The organisation code inside the unified social credit code (characters 9 to 17) has a wrong check character. If the licence shows exactly this code, record the clerk’s confirmation in usccConfirmed.',
        ],
      },
    ],
    [
      'credit code, letter O',
      ApplicantSchema,
      { ...organisation, uscc: '91350100MO00100Y43' },
      { uscc: ['uscc: A unified social credit code has digits and capital letters only, without I, O, S, V or Z.'] },
    ],
  ];

  for (const [what, schema, input, expected] of refused) {
    it(what, () => {
      const found = issues(schema, input);
      expect(found).to.deep.equal(expected);
      const identifiers = Object.values(input).filter((x): x is string => typeof x === 'string' && /\d{6}/.test(x));
      for (const message of Object.values(found).flat()) {
        for (const id of identifiers) expect(message).not.to.contain(id);
      }
    });
  }
});

describe('credit codes that fail their check: the clerk’s confirmation (usccConfirmed)', () => {
  it('accepts a failing code with a confirmation, keeping both, the code in canonical form', () => {
    for (const uscc of [USCC.wrongCheck, USCC.wrongOrgCheck.toLowerCase()]) {
      const out = v.parse(ApplicantSchema, { ...organisation, uscc, usccConfirmed: confirmation });
      if (out.kind !== 'organisation') throw new Error('expected an organisation');
      expect(out.uscc).to.equal(uscc.toUpperCase());
      expect(out.usccConfirmed).to.deep.equal({ ...confirmation, reason: confirmation.reason.trim() });
    }
    expect(
      issues(OrganisationApplicantSchema, { ...organisation, uscc: USCC.wrongCheck, usccConfirmed: confirmation }),
    ).to.deep.equal({});
  });

  it('refuses a confirmation without who, when or why, each on its field', () => {
    expect(
      issues(ApplicantSchema, {
        ...organisation,
        uscc: USCC.wrongCheck,
        usccConfirmed: { by: 'clerk 7', at: '2025-03-03 09:30', reason: ' ' },
      }),
    ).to.deep.equal({
      'usccConfirmed.by': ['by: letters, digits, . _ - only'],
      'usccConfirmed.at': ['at: an ISO 8601 timestamp with a zone, e.g. 2025-03-01T08:30:00Z'],
      'usccConfirmed.reason': ['reason: must not be empty'],
    });
    expect(
      issues(ApplicantSchema, { ...organisation, uscc: USCC.wrongCheck, usccConfirmed: { by: 'clerk-7' } }),
    ).to.deep.equal({
      'usccConfirmed.at': ['at: required'],
      'usccConfirmed.reason': ['reason: required'],
    });
    expect(issues(UsccConfirmationSchema, true)).to.deep.equal({ '': ['usccConfirmed: an object is required'] });
  });

  it('refuses a confirmation on a code that passes its check', () => {
    expect(issues(ApplicantSchema, { ...organisation, usccConfirmed: confirmation })).to.deep.equal({
      usccConfirmed: ['usccConfirmed: only for a credit code that fails its check; this one passes, so leave it out'],
    });
  });

  it('a confirmation does not rescue a code of the wrong length or characters', () => {
    expect(
      issues(ApplicantSchema, { ...organisation, uscc: USCC.valid.slice(0, 17), usccConfirmed: confirmation }),
    ).to.deep.equal({ uscc: ['uscc: A unified social credit code has 18 characters; this one has 17.'] });
  });

  it('UsccFormatSchema on its own runs the full check (no confirmation to be had) and stores the canonical form', () => {
    expect(v.parse(UsccFormatSchema, '9135 0100 m000 100y 43')).to.equal(USCC.valid);
    expect(issues(UsccFormatSchema, USCC.wrongCheck)).to.deep.equal({
      '': [
        'uscc: The check character of the unified social credit code does not match. Compare it with the licence; a few codes from the early pilots also fail this check and need a clerk to confirm them.',
      ],
    });
    expect(v.safeParse(UsccFormatSchema, USCC.wrongOrgCheck).success).to.equal(false);
    expect(issues(UsccFormatSchema, 18)).to.deep.equal({
      '': ['uscc: a unified social credit code string is required'],
    });
  });
});

describe('PhoneSchema and checkPhone: one validator', () => {
  const phoneLike = fc.oneof(
    fc.string({ unit: fc.constantFrom(...'0123456789 -()+#x转'), maxLength: 24 }),
    fc
      .tuple(fc.constantFrom('', '+86 ', '0086', '+86-'), fc.stringMatching(/^1[3-9]\d{9}$/))
      .map(([prefix, mobile]) => prefix + mobile),
    fc
      .tuple(
        fc.constantFrom('010', '022', '0755', '0891'),
        fc.stringMatching(/^[0-9]{6,9}$/),
        fc.constantFrom('', '-801', ' 转 12'),
      )
      .map(([area, local, ext]) => `${area}-${local}${ext}`),
  );

  it('property: accepts exactly what checkPhone accepts, outputs its normalized form, refuses with its reason', () => {
    fc.assert(
      fc.property(phoneLike, (input) => {
        const check = checkPhone(input, { locale: 'en-US' });
        const result = v.safeParse(PhoneSchema, input);
        if (check.valid) return result.success && result.output === check.normalized;
        return !result.success && result.issues.length === 1 && result.issues[0].message === `phone: ${check.error}`;
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what is not a string with a message of its own', () => {
    expect(issues(PhoneSchema, 13800138000)).to.deep.equal({ '': ['phone: a phone number string is required'] });
    expect(issues(PhoneSchema, '')).to.deep.equal({ '': ['phone: Nothing was entered.'] });
  });
});

describe('people schemas: identifiers never appear in messages (property)', () => {
  const idNumbers = fc.oneof(
    fc.stringMatching(/^\d{17}[\dX]$/),
    fc.stringMatching(/^(81|82|83)0000\d{11}[\dX]$/),
    fc.stringMatching(/^9\d{16}[\dX]$/),
    fc.stringMatching(/^\d{5,20}$/),
  );
  const idTypes = fc.constantFrom('resident-id', 'hk-macau-permit', 'taiwan-permit', 'foreign-permanent');
  const credit = fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{16,19}$/);

  /** Runs of five or more digits in a message, other than the permit prefixes the format messages name. */
  const digitRuns = (message: string) =>
    (message.match(/\d{5,}/g) ?? []).filter((run) => !['810000', '820000', '830000'].includes(run));

  it('no message of a refused record carries a run of five or more digits (bar the permit prefixes it explains)', () => {
    fc.assert(
      fc.property(idTypes, idNumbers, credit, fc.stringMatching(/^\d{5,14}$/), (idType, idNumber, uscc, phone) => {
        for (const result of [
          v.safeParse(ApplicantSchema, { ...person, idType, idNumber, phone }),
          v.safeParse(ApplicantSchema, {
            ...organisation,
            uscc,
            legalRepresentative: { ...representative, idType, idNumber },
          }),
        ]) {
          if (!result.success && result.issues.some((i) => digitRuns(i.message).length > 0)) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('property: the organisation schema agrees with checkUscc, a confirmation turning only check failures into passes', () => {
    fc.assert(
      fc.property(credit, fc.boolean(), (uscc, confirmed) => {
        const check = checkUscc(uscc);
        const input = confirmed ? { ...organisation, uscc, usccConfirmed: confirmation } : { ...organisation, uscc };
        const result = v.safeParse(OrganisationApplicantSchema, input);
        const checkFailureOnly = check.reason === 'check-digit' || check.reason === 'org-code';
        const expected = confirmed ? checkFailureOnly : check.valid;
        return result.success === expected && (!result.success || result.output.uscc === check.normalized);
      }),
      { numRuns: 300 },
    );
  });

  it('property: residence permits and the foreigner’s card agree with checkResidentId', () => {
    const forms = fc.oneof(
      fc.tuple(fc.constant('hk-macau-permit'), fc.stringMatching(/^8[12]0000(19|20)\d{9}[\dX]$/)),
      fc.tuple(fc.constant('taiwan-permit'), fc.stringMatching(/^830000(19|20)\d{9}[\dX]$/)),
      fc.tuple(fc.constant('foreign-permanent'), fc.stringMatching(/^9\d{5}(19|20)\d{9}[\dX]$/)),
    );
    fc.assert(
      fc.property(forms, ([idType, idNumber]) => {
        const check = checkResidentId(idNumber);
        const result = v.safeParse(ProxySchema, { ...proxy, idType, idNumber });
        return result.success === check.valid && (!result.success || result.output.idNumber === check.normalized);
      }),
      { numRuns: 300 },
    );
  });
});
