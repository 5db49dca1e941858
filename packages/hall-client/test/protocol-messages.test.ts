import { expect } from '@open-wc/testing';
import * as v from 'valibot';
import {
  AccountSettingSchema,
  CallNextSchema,
  CaseReadPurposeSchema,
  CategoriesSettingSchema,
  CategorySettingSchema,
  ChangePasswordSchema,
  ClaimCaseSchema,
  DeviceEnrolSchema,
  DeviceLoginSchema,
  IssueTicketSchema,
  LicenceLookupSchema,
  LoginSchema,
  MutationBaseSchema,
  MutationSchema,
  NewPasswordSchema,
  PasswordLoginSchema,
  RecoveryPublicKeySchema,
  SyncRequestSchema,
  WindowSettingSchema,
  WindowsSettingSchema,
} from '@yichuang/hall-client';

// The hall answers a request's invalid fields in the request's language: every message of the protocol's request
// schemas exists in Chinese (valibot's `lang: 'zh-CN'`) and English (no `lang`, or `en-US`), the English unchanged.

type Lang = 'zh-CN' | 'en-US';

const HAN = /\p{Script=Han}/u;
/** The key a message starts with (`user`, `recovery key`), or `undefined` for a message about no field. */
const keyOf = (message: string): string | undefined => /^([A-Za-z][\w .-]*?): /.exec(message)?.[1];
/** The message without its key. */
const textOf = (message: string): string => {
  const key = keyOf(message);
  return key === undefined ? message : message.slice(key.length + 2);
};
/** English words of three letters or more, outside quoted identifiers (`“case.save”`, `{ "version": n }`). */
const englishWords = (text: string): string[] =>
  text
    .replace(/“[^”]*”/g, '“”')
    .replace(/"[^"]*"/g, '""')
    .match(/[A-Za-z]{3,}/g) ?? [];

function messages(schema: v.GenericSchema, input: unknown, lang?: Lang): string[] {
  const result = v.safeParse(schema, input, lang === undefined ? undefined : { lang });
  return result.success ? [] : result.issues.map((issue) => issue.message);
}

const ULID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const CASE_NUMBER = 'TJHP01-20250301-W03-0007';
const B64 = (length: number) => 'A'.repeat(length);
const category = (code: string, letter: string) => ({ code, letter, name: { zh: '综合', en: 'General' } });
const windowSetting = (code: string) => ({ code, name: `Window ${code}`, categories: ['A'] });

/** Invalid inputs of every request schema, with the English messages they are answered with (unchanged). */
const CASES: [name: string, schema: v.GenericSchema, input: unknown, english: string[]][] = [
  // session.ts
  ['new password, not a string', NewPasswordSchema, 5, ['password: a string is required']],
  ['new password, too short', NewPasswordSchema, 'short', ['password: at least 10 characters']],
  ['new password, too long', NewPasswordSchema, 'x'.repeat(257), ['password: at most 256 characters']],
  [
    'password login, wrong types',
    PasswordLoginSchema,
    { user: 1, password: 2, takeOver: 'yes' },
    ['user: a user name string is required', 'password: a string is required', 'takeOver: true or false'],
  ],
  [
    'password login, empty',
    PasswordLoginSchema,
    { user: '  ', password: '' },
    ['user: must not be empty', 'password: must not be empty'],
  ],
  [
    'password login, too long',
    PasswordLoginSchema,
    { user: 'u'.repeat(65), password: 'p'.repeat(257) },
    ['user: at most 64 characters', 'password: at most 256 characters'],
  ],
  ['password login, no user', PasswordLoginSchema, { password: 'secret' }, ['user: required']],
  ['password login, not an object', PasswordLoginSchema, 'x', ['login: an object is required']],
  ['device login, not a string', DeviceLoginSchema, { deviceToken: 5 }, ['deviceToken: a string is required']],
  ['device login, too short', DeviceLoginSchema, { deviceToken: 'short' }, ['deviceToken: at least 16 characters']],
  [
    'device login, too long',
    DeviceLoginSchema,
    { deviceToken: 't'.repeat(257) },
    ['deviceToken: at most 256 characters'],
  ],
  ['login, neither kind', LoginSchema, {}, ['login: either { "user", "password" } or { "deviceToken" } is required']],
  ['login, a short device token', LoginSchema, { deviceToken: 'short' }, ['deviceToken: at least 16 characters']],
  [
    'password change',
    ChangePasswordSchema,
    { password: '', newPassword: 'short' },
    ['password: must not be empty', 'password: at least 10 characters'],
  ],
  // mutation.ts
  ['base, neither kind', MutationBaseSchema, {}, ['base: { "version": n } or { "mutation": "<id>" }']],
  ['base, a fraction', MutationBaseSchema, { version: 1.5 }, ['version: a whole number']],
  ['base, zero', MutationBaseSchema, { version: 0 }, ['version: 1 or more']],
  ['base by version, not a number', MutationBaseSchema.options[0], { version: 'x' }, ['version: a number']],
  [
    'mutation, unknown kind',
    MutationSchema,
    { id: ULID, kind: 'case.delete', payload: {} },
    ['kind: one of case.save, rating.save, assist.save, remote.save'],
  ],
  ['sync, not a list', SyncRequestSchema, { mutations: 'x' }, ['mutations: a list is required']],
  ['sync, empty', SyncRequestSchema, { mutations: [] }, ['mutations: at least one']],
  [
    'sync, too many',
    SyncRequestSchema,
    { mutations: Array.from({ length: 501 }, () => ({})) },
    ['mutations: at most 500 in one request'],
  ],
  // queue.ts
  [
    'ticket, unknown kind',
    IssueTicketSchema,
    { category: 'A', kind: 'vip' },
    ['kind: one of normal, priority, appointment'],
  ],
  ['call, not a list', CallNextSchema, { window: 'W03', categories: 'A' }, ['categories: a list of category codes']],
  [
    'call, too many',
    CallNextSchema,
    { window: 'W03', categories: Array.from({ length: 33 }, (_, i) => `C${i}`) },
    ['categories: at most 32'],
  ],
  [
    'call, twice',
    CallNextSchema,
    { window: 'W03', categories: ['A', 'A'] },
    ['categories: each category at most once'],
  ],
  // licence.ts
  [
    'licence, not a string',
    LicenceLookupSchema,
    { holderId: 1 },
    ['holderId: an identity number or credit code string is required'],
  ],
  [
    'licence, not an identifier',
    LicenceLookupSchema,
    { holderId: '12345' },
    ['holderId: a valid resident identity number (18 characters) or unified social credit code'],
  ],
  // cases.ts
  ['purpose', CaseReadPurposeSchema, 'peek', ['purpose: one of review, supplement, hand-over, print, follow-up, sync']],
  [
    'claim, not a string',
    ClaimCaseSchema,
    { number: CASE_NUMBER, idNumber: 1, purpose: 'peek' },
    [
      'idNumber: the applicant’s identity document number is required',
      'purpose: one of review, supplement, hand-over, print, follow-up, sync',
    ],
  ],
  ['claim, too short', ClaimCaseSchema, { number: CASE_NUMBER, idNumber: 'abc' }, ['idNumber: at least 5 characters']],
  [
    'claim, too long',
    ClaimCaseSchema,
    { number: CASE_NUMBER, idNumber: '1'.repeat(41) },
    ['idNumber: at most 40 characters'],
  ],
  // settings.ts
  [
    'window, wrong types',
    WindowSettingSchema,
    { code: 'W03', name: 1, categories: 'A' },
    ['name: a string is required', 'categories: a list of category codes'],
  ],
  [
    'window, empty name, too many categories',
    WindowSettingSchema,
    { code: 'W03', name: ' ', categories: Array.from({ length: 33 }, (_, i) => `C${i}`) },
    ['name: must not be empty', 'categories: at most 32'],
  ],
  [
    'window, long name, a category twice',
    WindowSettingSchema,
    { code: 'W03', name: 'n'.repeat(65), categories: ['A', 'A'] },
    ['name: at most 64 characters', 'categories: each category at most once'],
  ],
  ['windows, not a list', WindowsSettingSchema, { windows: 'x' }, ['windows: a list']],
  ['windows, none', WindowsSettingSchema, { windows: [] }, ['windows: at least one']],
  [
    'windows, too many',
    WindowsSettingSchema,
    { windows: Array.from({ length: 501 }, (_, i) => windowSetting(`W${i}`)) },
    ['windows: at most 500'],
  ],
  [
    'windows, a code twice',
    WindowsSettingSchema,
    { windows: [windowSetting('W01'), windowSetting('W01')] },
    ['windows: each window code at most once'],
  ],
  [
    'category, wrong types',
    CategorySettingSchema,
    { code: 'A', letter: 1, name: { zh: 1, en: '' } },
    ['letter: a string is required', 'zh: a string is required', 'en: must not be empty'],
  ],
  [
    'category, lower-case letter',
    CategorySettingSchema,
    { code: 'A', letter: 'abc', name: { zh: '综合', en: 'General' } },
    ['letter: one or two capital letters'],
  ],
  ['categories, not a list', CategoriesSettingSchema, { categories: 'x' }, ['categories: a list']],
  ['categories, none', CategoriesSettingSchema, { categories: [] }, ['categories: at least one']],
  [
    'categories, too many',
    CategoriesSettingSchema,
    { categories: Array.from({ length: 65 }, (_, i) => category(`C${i}`, 'A')) },
    ['categories: at most 64', 'categories: each letter at most once'],
  ],
  [
    'categories, a code twice',
    CategoriesSettingSchema,
    { categories: [category('A', 'A'), category('A', 'B')] },
    ['categories: each code at most once'],
  ],
  [
    'categories, a letter twice',
    CategoriesSettingSchema,
    { categories: [category('A', 'A'), category('B', 'A')] },
    ['categories: each letter at most once'],
  ],
  [
    'account, wrong role and windows',
    AccountSettingSchema,
    { name: 'Li Na', role: 'boss', windows: 'W01' },
    ['role: clerk or manager', 'windows: a list of window codes'],
  ],
  [
    'account, too many windows',
    AccountSettingSchema,
    { name: 'Li Na', role: 'clerk', windows: Array.from({ length: 65 }, (_, i) => `W${i}`) },
    ['windows: at most 64'],
  ],
  [
    'account, a window twice',
    AccountSettingSchema,
    { name: 'Li Na', role: 'clerk', windows: ['W01', 'W01'], password: 'short' },
    ['windows: each window at most once', 'password: at least 10 characters'],
  ],
  [
    'device, unknown role',
    DeviceEnrolSchema,
    { id: 'pad-1', name: 'Pad', role: 'phone' },
    ['role: kiosk, display or rating-pad'],
  ],
  // recovery.ts
  [
    'recovery key, wrong types',
    RecoveryPublicKeySchema,
    { keyId: 1, publicKey: { kty: 'EC', alg: 'RSA1_5', n: 1, e: 1 } },
    [
      'keyId: a string is required',
      'kty: RSA',
      'alg: RSA-OAEP-256',
      'n: the modulus, base64url',
      'e: the exponent, base64url',
    ],
  ],
  [
    'recovery key, not base64url',
    RecoveryPublicKeySchema,
    { keyId: 'short', publicKey: { kty: 'RSA', n: '!!', e: '!!' } },
    ['keyId: 8 to 64 letters, digits, _ or -', 'n: base64url', 'n: a modulus of 3072 bits or more', 'e: base64url'],
  ],
  [
    'recovery key, modulus too long',
    RecoveryPublicKeySchema,
    { keyId: 'hall-key-1', publicKey: { kty: 'RSA', n: B64(1401), e: 'AQAB' } },
    ['n: a modulus of 8192 bits or less'],
  ],
  [
    'recovery key, not an object',
    RecoveryPublicKeySchema,
    { keyId: 'hall-key-1', publicKey: 'x' },
    ['publicKey: an object is required'],
  ],
];

describe('the hall protocol’s request schemas in Chinese and English', () => {
  it('answer in English without a lang, or with en-US, exactly as before', () => {
    for (const [name, schema, input, english] of CASES) {
      expect(messages(schema, input), name).to.deep.equal(english);
      expect(messages(schema, input, 'en-US'), name).to.deep.equal(english);
    }
  });

  it('answer in Chinese with zh-CN: the same keys, Chinese after each key, no English words but identifiers', () => {
    for (const [name, schema, input, english] of CASES) {
      const zh = messages(schema, input, 'zh-CN');
      expect(zh.length, name).to.equal(english.length);
      zh.forEach((message, i) => {
        expect(keyOf(message), `${name}: ${message}`).to.equal(keyOf(english[i]!));
        expect(textOf(message), `${name}: ${message}`).to.match(HAN);
        expect(englishWords(textOf(message)), `${name}: ${message}`).to.deep.equal([]);
        expect(message, name).to.not.equal(english[i]);
      });
    }
  });

  it('write a few messages as a clerk reads them', () => {
    expect(messages(PasswordLoginSchema, { user: 1, password: 'secret' }, 'zh-CN')).to.deep.equal([
      'user: 应填写用户名',
    ]);
    expect(messages(SyncRequestSchema, { mutations: Array.from({ length: 501 }, () => ({})) }, 'zh-CN')).to.deep.equal([
      'mutations: 一次请求最多 500 项变更',
    ]);
    expect(messages(MutationSchema, { id: ULID, kind: 'case.delete', payload: {} }, 'zh-CN')).to.deep.equal([
      'kind: 应为以下之一：“case.save”、“rating.save”、“assist.save”、“remote.save”',
    ]);
    expect(messages(CaseReadPurposeSchema, 'peek', 'zh-CN')).to.deep.equal([
      'purpose: 应为以下之一：“review”、“supplement”、“hand-over”、“print”、“follow-up”、“sync”',
    ]);
    expect(messages(LoginSchema, {}, 'zh-CN')).to.deep.equal([
      'login: 应填写用户名和密码 { "user", "password" }，或设备令牌 { "deviceToken" }',
    ]);
  });
});
