import { expect } from '@open-wc/testing';
import * as v from 'valibot';
import {
  CaseSchema,
  IdentitySchema,
  OrganisationApplicantSchema,
  PersonApplicantSchema,
  RatingSchema,
  ServiceItemSchema,
  TicketSchema,
  UsccFormatSchema,
  bilingual,
  formatIssues,
  idNumberFormatMessage,
  schemaLocale,
  type SchemaLocale,
} from '@yichuang/core';
import {
  USCC_WRONG_CHECK,
  invalidInputs,
  organisation,
  person,
  validCase,
  validItem,
  validRating,
  validTicket,
} from './support/invalid-inputs.js';

// Every message of the schemas exists in Chinese and English, chosen by valibot's `lang`: a hall answering in Chinese
// never shows a line that is half English. English (`en-US` or no `lang`) stays exactly what it always was.

const HAN = /\p{Script=Han}/u;
/** The field key a message starts with (`copies`, `agency code`), or `undefined` for a message about no field. */
const keyOf = (message: string): string | undefined => /^([a-z][A-Za-z]*(?: [a-z]+)?): /.exec(message)?.[1];
/** The message without its key. */
const textOf = (message: string): string => {
  const key = keyOf(message);
  return key === undefined ? message : message.slice(key.length + 2);
};
/** Two English words in a row, outside quoted input (`目录中没有编号为“not valid!”的事项` quotes what was typed). */
const hasEnglishSentence = (text: string): boolean =>
  /[A-Za-z]{2,}[\s,;]+[A-Za-z]{2,}/.test(text.replace(/“[^”]*”/g, '“”'));

function messages(schema: v.GenericSchema, input: unknown, lang?: SchemaLocale): string[] {
  const result = v.safeParse(schema, input, lang === undefined ? undefined : { lang });
  return result.success ? [] : result.issues.map((issue) => issue.message);
}

/** Chinese and English messages of the same issues: same count, same keys, Chinese text after the key. */
function expectBilingual(schema: v.GenericSchema, input: unknown): void {
  const en = messages(schema, input);
  const zh = messages(schema, input, 'zh-CN');
  expect(zh.length).to.equal(en.length);
  expect(en.length).to.be.greaterThan(0);
  expect(messages(schema, input, 'en-US')).to.deep.equal(en);
  zh.forEach((message, i) => {
    expect(keyOf(message), message).to.equal(keyOf(en[i]!));
    expect(textOf(message), message).to.match(HAN);
    expect(hasEnglishSentence(textOf(message)), message).to.equal(false);
  });
}

describe('schema messages in Chinese and English', () => {
  it('a case: English unchanged, Chinese after each key', () => {
    const input = {
      ...validCase,
      hall: 'TJ-HP',
      items: [],
      materials: [{ ...validCase.materials[0], copies: 1.5 }],
      status: 'lost',
      createdAt: 'yesterday',
    };
    expect(messages(CaseSchema, input)).to.deep.equal([
      "hall: 1 to 16 letters or digits, without '-'",
      'items: a case takes in at least one item',
      'copies: a whole number',
      'status: one of draft, accepted, accepted-with-tolerance, notified-incomplete, refused, supplemented, overdue, forwarded, decided, result-ready, delivered, discarded, withdrawn',
      'createdAt: an ISO 8601 timestamp with a zone, e.g. 2025-03-01T08:30:00Z',
    ]);
    expect(messages(CaseSchema, input, 'zh-CN')).to.deep.equal([
      'hall: 应为 1 到 16 位字母或数字，不能含“-”',
      'items: 一个办件至少要受理一个事项',
      'copies: 份数应为整数',
      'status: 应为以下之一：draft、accepted、accepted-with-tolerance、notified-incomplete、refused、supplemented、overdue、forwarded、decided、result-ready、delivered、discarded、withdrawn',
      'createdAt: 应为带时区的 ISO 8601 时间，例如 2025-03-01T08:30:00Z',
    ]);
    expectBilingual(CaseSchema, input);
  });

  it('a case’s checks across fields', () => {
    const input = { ...validCase, supplementDue: undefined, updatedAt: '2025-03-02T00:00:00Z' };
    expect(messages(CaseSchema, input)).to.deep.equal([
      'supplementDue: required while tolerated materials are awaited',
      'updatedAt: must not be before createdAt',
    ]);
    expect(messages(CaseSchema, input, 'zh-CN')).to.deep.equal([
      'supplementDue: 有容缺材料待补齐时，必须填写补齐期限',
      'updatedAt: 更新时间不能早于创建时间（createdAt）',
    ]);
  });

  it('an applicant: the identifier checks answer in the language of the parse', () => {
    const input = { ...person, name: ' ', idNumber: '110105194912310021', phone: '12345' };
    expect(messages(PersonApplicantSchema, input)).to.deep.equal([
      'name: must not be empty',
      "name: letters only, with spaces or · . - ' between words",
      'phone: This is neither a mobile number (11 digits starting with 1) nor a landline number with its area code.',
      'idNumber: The check character of the resident ID number does not match: it was probably mistyped. Compare it with the card.',
    ]);
    expect(messages(PersonApplicantSchema, input, 'zh-CN')).to.deep.equal([
      'name: 不能为空',
      "name: 只能由文字组成，词与词之间可用空格或 · . - ' 分隔",
      'phone: 不是有效的手机号码（1 开头的 11 位号码）或带区号的固定电话号码。',
      'idNumber: 居民身份号码校验位不符，号码可能录错，请与证件核对。',
    ]);
    expectBilingual(PersonApplicantSchema, input);
  });

  it('an organisation’s credit code that fails its check, without a clerk’s confirmation', () => {
    const input = { ...organisation, uscc: USCC_WRONG_CHECK, usccConfirmed: undefined };
    expect(messages(OrganisationApplicantSchema, input)).to.deep.equal([
      'uscc: The check character of the unified social credit code does not match. Compare it with the licence; a few codes from the early pilots also fail this check and need a clerk to confirm them. If the licence shows exactly this code, record the clerk’s confirmation in usccConfirmed.',
    ]);
    expect(messages(OrganisationApplicantSchema, input, 'zh-CN')).to.deep.equal([
      'uscc: 统一社会信用代码校验位不符，请与证照核对；早期试点的个别代码也有此情况，须由工作人员确认。如营业执照上的代码确实如此，请在 usccConfirmed 中记录工作人员的确认。',
    ]);
    expect(messages(UsccFormatSchema, USCC_WRONG_CHECK, 'zh-CN')).to.deep.equal([
      'uscc: 统一社会信用代码校验位不符，请与证照核对；早期试点的个别代码也有此情况，须由工作人员确认。',
    ]);
  });

  it('identity numbers of every document type', () => {
    const cases: [string, string, string, string][] = [
      [
        'resident-id',
        '110105210001010015',
        'idNumber: The date of birth in the number is later than today.',
        'idNumber: 号码中的出生日期晚于今天。',
      ],
      [
        'passport',
        'E1',
        'idNumber: a passport number is 5 to 20 letters and digits, without spaces',
        'idNumber: 护照号码应为 5 到 20 位字母和数字，不含空格',
      ],
      [
        'hk-macau-permit',
        '810000199001011234',
        'idNumber: The check character of the resident ID number does not match: it was probably mistyped. Compare it with the card.',
        'idNumber: 居民身份号码校验位不符，号码可能录错，请与证件核对。',
      ],
    ];
    for (const [idType, idNumber, en, zh] of cases) {
      const input = { name: '张三', idType, idNumber };
      expect(messages(IdentitySchema, input)).to.deep.equal([en]);
      expect(messages(IdentitySchema, input, 'zh-CN')).to.deep.equal([zh]);
    }
    expect(idNumberFormatMessage('passport')).to.equal(
      'idNumber: a passport number is 5 to 20 letters and digits, without spaces',
    );
    expect(idNumberFormatMessage('passport', 'zh-CN')).to.equal(
      'idNumber: 护照号码应为 5 到 20 位字母和数字，不含空格',
    );
  });

  it('a ticket', () => {
    const input = { ...validTicket, number: 'a12', appointmentRef: '13800138000' };
    expect(messages(TicketSchema, input)).to.deep.equal([
      'number: one or two capital letters then 3 or 4 digits, e.g. A012',
      'appointmentRef: the booking reference, two groups of four letters or digits such as K7M2-9QXW (no 0, 1, I or O)',
    ]);
    expect(messages(TicketSchema, input, 'zh-CN')).to.deep.equal([
      'number: 排队号应为 1 到 2 个大写字母加 3 到 4 位数字，例如 A012',
      'appointmentRef: 预约号应为“K7M2-9QXW”这样的两组各 4 位字母或数字（不含 0、1、I、O）',
    ]);
    expectBilingual(TicketSchema, { ...validTicket, window: undefined, calledAt: undefined });
  });

  it('a rating', () => {
    const input = { ...validRating, grade: 7, channel: 'fax', comment: 'x'.repeat(501) };
    expect(messages(RatingSchema, input)).to.deep.equal([
      'grade: a grade from 1 to 5',
      'comment: at most 500 characters',
      'channel: one of pad, kiosk, sms, online',
    ]);
    expect(messages(RatingSchema, input, 'zh-CN')).to.deep.equal([
      'grade: 评分应为 1 到 5',
      'comment: 不能超过 500 个字符',
      'channel: 应为以下之一：pad、kiosk、sms、online',
    ]);
  });

  it('a catalog item', () => {
    const input = {
      ...validItem,
      type: 'X',
      agency: { ...validItem.agency, code: '11120101mb0000000k' },
      materials: [{ ...validItem.materials[0], copies: -1, tolerable: 'no' }],
      fee: { charged: false },
    };
    expect(messages(ServiceItemSchema, input)).to.deep.equal([
      'type: a two-digit item type code',
      'agency code: A unified social credit code is written in capital letters without spaces.',
      'items: required',
      'tolerable: true or false',
      'copies: 0 or more',
    ]);
    expect(messages(ServiceItemSchema, input, 'zh-CN')).to.deep.equal([
      'type: 应为两位数字的事项类型代码',
      'agency code: 统一社会信用代码应使用大写字母，且不含空格。',
      'items: 必须填写',
      'tolerable: 应为 true（是）或 false（否）',
      'copies: 份数不能小于 0',
    ]);
  });

  it('a value that is not an object names what was expected', () => {
    expect(messages(CaseSchema, 42)).to.deep.equal(['case: an object is required']);
    expect(messages(CaseSchema, 42, 'zh-CN')).to.deep.equal(['case: 应为对象']);
  });
});

describe('every message of every schema has its Chinese', () => {
  // Each field of a valid case, ticket, rating, catalog and holiday schedule broken in every way, plus the checks
  // across fields and the identifier checks: a message left in English only fails here.
  const inputs = [...invalidInputs()];
  const chunk = Math.ceil(inputs.length / 8);
  for (let part = 0; part < 8; part++) {
    it(`invalid inputs, part ${part + 1} of 8`, () => {
      let checked = 0;
      for (const [schema, input] of inputs.slice(part * chunk, (part + 1) * chunk)) {
        const en = v.safeParse(schema, input);
        const enUS = v.safeParse(schema, input, { lang: 'en-US' });
        const zh = v.safeParse(schema, input, { lang: 'zh-CN' });
        expect(zh.success).to.equal(en.success);
        if (en.success || zh.success || enUS.success) continue;
        expect(enUS.issues.map((issue) => issue.message)).to.deep.equal(en.issues.map((issue) => issue.message));
        expect(zh.issues.map((issue) => v.getDotPath(issue))).to.deep.equal(
          en.issues.map((issue) => v.getDotPath(issue)),
        );
        zh.issues.forEach((issue, i) => {
          const english = en.issues[i]!.message;
          expect(issue.message, english).to.match(HAN);
          expect(keyOf(issue.message), `${issue.message} / ${english}`).to.equal(keyOf(english));
          expect(hasEnglishSentence(textOf(issue.message)), issue.message).to.equal(false);
          checked++;
        });
      }
      expect(checked).to.be.greaterThan(0);
    });
  }

  it('Chinese for any zh tag, English for anything else', () => {
    expect(['zh-CN', 'zh', 'zh-Hans', 'ZH-cn'].map(schemaLocale)).to.deep.equal(Array(4).fill('zh-CN'));
    expect(['en-US', 'en', 'fr', 'zhx', undefined].map(schemaLocale)).to.deep.equal(Array(5).fill('en-US'));
    const message = bilingual<v.StringIssue>((issue) => `name: ${issue.received} is no text`, 'name: 应为文字');
    expect(v.safeParse(v.string(message), 1).issues?.[0]?.message).to.equal('name: 1 is no text');
    expect(v.safeParse(v.string(message), 1, { lang: 'zh' }).issues?.[0]?.message).to.equal('name: 应为文字');
  });
});

describe('formatIssues', () => {
  const issuesOf = (schema: v.GenericSchema, input: unknown, lang?: SchemaLocale) => {
    const result = v.safeParse(schema, input, lang === undefined ? undefined : { lang });
    if (result.success) throw new Error('expected issues');
    return result.issues;
  };
  const brokenCase = {
    ...validCase,
    materials: [{ ...validCase.materials[0], copies: 1.5 }, 'paper'],
    applicant: { ...person, idNumber: '110105194912310021' },
  };

  it('replaces the key a message starts with by the full path, in either language', () => {
    expect(formatIssues(issuesOf(CaseSchema, brokenCase, 'zh-CN'))).to.deep.equal([
      'applicant.idNumber: 居民身份号码校验位不符，号码可能录错，请与证件核对。',
      'materials.0.copies: 份数应为整数',
      'materials.1: material: 应为对象',
    ]);
    expect(formatIssues(issuesOf(CaseSchema, brokenCase))).to.deep.equal([
      'applicant.idNumber: The check character of the resident ID number does not match: it was probably mistyped. Compare it with the card.',
      'materials.0.copies: a whole number',
      'materials.1: material: an object is required',
    ]);
  });

  it('puts the prefix before every path', () => {
    expect(formatIssues(issuesOf(CaseSchema, brokenCase, 'zh-CN'), { prefix: 'payload' })).to.deep.equal([
      'payload.applicant.idNumber: 居民身份号码校验位不符，号码可能录错，请与证件核对。',
      'payload.materials.0.copies: 份数应为整数',
      'payload.materials.1: material: 应为对象',
    ]);
  });

  it('keeps the message of an issue without a path (with a prefix, the prefix is its path)', () => {
    expect(formatIssues(issuesOf(CaseSchema, null, 'zh-CN'))).to.deep.equal(['case: 应为对象']);
    expect(formatIssues(issuesOf(CaseSchema, null), { prefix: 'payload' })).to.deep.equal([
      'payload: case: an object is required',
    ]);
    expect(
      formatIssues(
        issuesOf(
          v.pipe(
            v.string(),
            v.check(() => false, 'no good'),
          ),
          'x',
        ),
      ),
    ).to.deep.equal(['no good']);
  });

  it('leaves out repeated lines and stops at max (50 by default)', () => {
    const issues = issuesOf(CaseSchema, brokenCase);
    expect(formatIssues([...issues, ...issues])).to.deep.equal(formatIssues(issues));
    expect(formatIssues([...issues, ...issues], { max: 2 })).to.deep.equal(formatIssues(issues).slice(0, 2));
    expect(formatIssues(issues, { max: 0 })).to.deep.equal([]);
    const many = issuesOf(
      v.array(v.number('n: a number')),
      Array.from({ length: 80 }, (_, i) => `n${i}`),
    );
    const lines = formatIssues(many);
    expect(lines).to.have.length(50);
    expect(lines[0]).to.equal('0: n: a number');
    expect(lines[49]).to.equal('49: n: a number');
  });
});
