import * as v from 'valibot';
import {
  AddressSchema,
  AppointmentRefSchema,
  ApplicantSchema,
  AuditEntrySchema,
  BundleSchema,
  CaseMaterialSchema,
  CaseNumberSchema,
  CaseSchema,
  CatalogSchema,
  HolidayScheduleSchema,
  IdentitySchema,
  OrganisationApplicantSchema,
  PersonApplicantSchema,
  PhoneSchema,
  ProxySchema,
  RatingSchema,
  ServiceItemSchema,
  TicketSchema,
  UlidSchema,
  UsccConfirmationSchema,
  UsccFormatSchema,
} from '@yichuang/core';
import { bundle, material, serviceItem } from '../../../../test/fixtures/catalog.js';

/**
 * Valid records of every schema of the core, rich enough that each field of each schema is present (optional ones
 * included), and a walk over them that breaks one field at a time in many ways: the inputs that must make every
 * message of the schemas appear.
 */

export const RESIDENT_ID = '11010519491231002X';
/** GB 32100-2015's example: passes every check. */
export const USCC_VALID = '91350100M000100Y43';
/** Fails only its check character, like an early-pilot code. */
export const USCC_WRONG_CHECK = '91350100M000100Y44';

const confirmation = { by: 'clerk-7', at: '2025-03-03T01:30:00Z', reason: '与营业执照原件核对一致（早期试点代码）' };

export const person = {
  kind: 'person',
  name: '张三',
  idType: 'resident-id',
  idNumber: RESIDENT_ID,
  phone: '13800138000',
  address: '天津市和平区示范路 1 号',
  specialGroups: ['elderly', 'disabled'],
};

export const organisation = {
  kind: 'organisation',
  name: '天津示范科技有限公司',
  uscc: USCC_WRONG_CHECK,
  usccConfirmed: confirmation,
  legalRepresentative: { name: '李四', idType: 'resident-id', idNumber: '440524188001010014' },
  phone: '022-23456789',
  address: '天津市河西区示范道 2 号',
};

export const proxy = {
  name: '王五',
  idType: 'passport',
  idNumber: 'E12345678',
  phone: '13900139000',
  relation: '子女',
  authorisation: { kind: 'power-of-attorney', reference: 'WT-2025-001', scope: '代为办理社保业务' },
};

export const validCase = {
  id: '01JNMV7Q8Z3K5W9XG2T4HB6YRD',
  number: 'TJHP01-20250303-W03-0007',
  hall: 'TJHP01',
  window: 'W03',
  items: [
    { itemId: 'item-1', version: 2 },
    { itemId: 'item-2', version: 1 },
  ],
  bundleId: 'newborn',
  applicant: person,
  proxy,
  materials: [
    {
      materialId: 'id-card',
      itemIds: ['item-1', 'item-2'],
      receipt: 'paper',
      copies: 1,
      attachments: ['a'.repeat(64)],
    },
    { materialId: 'photo', itemIds: ['item-2'], receipt: 'tolerated', copies: 0 },
  ],
  status: 'accepted-with-tolerance',
  responsibleClerk: 'clerk-7',
  supplementDue: '2025-03-10',
  promisedDate: '2025-03-20',
  audit: [
    {
      at: '2025-03-03T01:00:00Z',
      actor: 'clerk-7',
      window: 'W03',
      action: 'accept',
      from: 'draft',
      to: 'accepted-with-tolerance',
      reason: '容缺受理',
      materialIds: ['photo'],
    },
  ],
  createdAt: '2025-03-03T01:00:00Z',
  updatedAt: '2025-03-03T02:00:00Z',
};

export const organisationCase = { ...validCase, applicant: organisation, proxy: undefined };

export const validTicket = {
  id: '01JNMV7Q8Z3K5W9XG2T4HB6YRE',
  number: 'A012',
  category: 'comprehensive',
  kind: 'appointment',
  issuedAt: '2025-03-03T01:00:00Z',
  status: 'called',
  window: 'W03',
  calledAt: '2025-03-03T01:10:00Z',
  appointmentRef: 'K7M2-9QXW',
};

export const validRating = {
  id: '01JNMV7Q8Z3K5W9XG2T4HB6YRF',
  caseId: '01JNMV7Q8Z3K5W9XG2T4HB6YRD',
  ticketId: '01JNMV7Q8Z3K5W9XG2T4HB6YRE',
  window: 'W03',
  clerk: 'clerk-7',
  grade: 4,
  dimensions: { overall: 4, efficiency: 5, level: 4, attitude: 5 },
  comment: '办事很快',
  at: '2025-03-03T02:00:00Z',
  channel: 'pad',
};

export const validItem = serviceItem(
  '1',
  '医疗保险参保登记',
  ['yi', 'liao', 'bao', 'xian', 'can', 'bao', 'deng', 'ji'],
  {
    businessCode: 'B-001',
    subtype: '行政备案',
    entrustedAgency: '示范街道',
    specialProcedures: [{ kind: 'expert-review', name: '专家评审', limit: { value: 10, unit: 'natural-days' } }],
    fee: { charged: true, items: [{ name: '工本费', standard: '10 元', basis: '收费文件', reduction: '低保免收' }] },
    crossProvinceModes: ['online'],
    legalLimit: { value: 20, unit: 'working-days', note: '不含特别程序' },
    materials: [
      material('resident-id-card', '居民身份证', {
        licenceType: 'resident-id-card',
        commitmentReplaces: false,
        paperSize: 'A4',
        issuer: '公安机关',
        acceptanceStandard: '有效期内',
        basis: '条例',
        blankForm: 'blank.pdf',
        sample: 'sample.pdf',
        notes: '原件核验',
      }),
    ],
  },
);

export const validBundle = bundle('newborn', '新生儿出生一件事', ['xin', 'sheng', 'er'], ['1', '2'], {
  promisedLimit: { value: 5, unit: 'working-days' },
});

export const validCatalog = {
  version: 'test-1',
  region: '示范区',
  items: [validItem, { ...validItem, id: '2' }],
  bundles: [validBundle],
};

export const validSchedule = {
  year: 2025,
  published: '国办发明电〔2024〕12号',
  holidays: [{ name: '春节', from: '2025-01-28', to: '2025-02-04' }],
  workdays: ['2025-01-26', '2025-02-08'],
};

/** Values put in place of each field, one at a time (`DELETE`: the key is left out). */
export const DELETE = Symbol('delete');
const BAD_VALUES: readonly unknown[] = [
  DELETE,
  null,
  42,
  -1,
  1.5,
  100_000,
  '',
  '   ',
  'x'.repeat(3000),
  'not valid!',
  'abc',
  'zz-zz',
  '2025-02-30',
  '13800138000',
  true,
  [],
  {},
  ['x'],
  [1],
  [{}],
];

type Path = readonly (string | number)[];

function paths(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...paths(item, [...at, i])));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out.push(...paths(item, [...at, key]));
  }
  return out;
}

/** A copy of `root` with the value at `path` replaced by `value` (or its key left out, for {@link DELETE}). */
export function replaceAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value === DELETE ? undefined : value;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(root)) {
    const copy: unknown[] = [...root];
    copy[key as number] = replaceAt(root[key as number], rest, value);
    return copy;
  }
  const copy = { ...(root as Record<string, unknown>) };
  if (rest.length === 0 && value === DELETE) delete copy[key];
  else copy[key] = replaceAt(copy[key], rest, value);
  return copy;
}

/** Every way of breaking one field of `valid` (or the whole): each bad value in its place, lists emptied or doubled. */
export function* mutants(valid: unknown): Generator<unknown> {
  const root = structuredClone(valid);
  for (const path of paths(root)) {
    for (const bad of BAD_VALUES) yield replaceAt(root, path, bad);
    const node = path.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], root);
    if (Array.isArray(node) && node.length > 0) {
      yield replaceAt(root, path, [...node, node[0]]);
      yield replaceAt(root, path, [...node, 'x', 7]);
    }
    if (typeof node === 'string') {
      yield replaceAt(root, path, node.toLowerCase() + '-');
      yield replaceAt(root, path, `${node}${node}`.slice(0, 17));
      yield replaceAt(root, path, `9${node.slice(1)}`);
    }
  }
}

/** Inputs the field-by-field walk does not reach: checks across fields and identifier checks. */
function targeted(): [v.GenericSchema, unknown][] {
  const idNumbers = [
    ['resident-id', '110105194912310021'], // wrong check character
    ['resident-id', '110105190002290017'], // 1900-02-29
    ['resident-id', '110105210001010015'], // in the future
    ['resident-id', '11010519491231002'], // 17 characters
    ['resident-id', '11010519491231002Y'],
    ['hk-macau-permit', '810000199001011234'],
    ['hk-macau-permit', 'H1234'],
    ['taiwan-permit', '830000199001011230'],
    ['taiwan-permit', '12'],
    ['foreign-permanent', '931840199001010012'],
    ['foreign-permanent', 'AB1'],
    ['passport', 'E1'],
    ['other', 'A B'],
  ];
  const usccs = ['91350100M000100Y4', '91350100M000100YI3', '91350100M000100Y56', USCC_WRONG_CHECK, ''];
  return [
    ...idNumbers.map(([idType, idNumber]): [v.GenericSchema, unknown] => [
      IdentitySchema,
      { name: '张三', idType, idNumber },
    ]),
    ...idNumbers.map(([idType, idNumber]): [v.GenericSchema, unknown] => [
      PersonApplicantSchema,
      { ...person, idType, idNumber },
    ]),
    ...idNumbers.map(([idType, idNumber]): [v.GenericSchema, unknown] => [ProxySchema, { ...proxy, idType, idNumber }]),
    ...usccs.map((uscc): [v.GenericSchema, unknown] => [UsccFormatSchema, uscc]),
    ...usccs.map((uscc): [v.GenericSchema, unknown] => [
      OrganisationApplicantSchema,
      { ...organisation, uscc, usccConfirmed: undefined },
    ]),
    [ApplicantSchema, { ...organisation, uscc: USCC_VALID }],
    [ApplicantSchema, { ...organisation, kind: 'robot' }],
    [OrganisationApplicantSchema, { ...organisation, kind: 'person' }],
    [PersonApplicantSchema, { ...person, kind: 'organisation' }],
    ...['', '12', '1380013800a', '138 0013 8000 转', '+1 555 0100', '０２２－１２３'].map(
      (phone): [v.GenericSchema, unknown] => [PhoneSchema, phone],
    ),
    [AddressSchema, ' '],
    [CaseSchema, { ...validCase, number: 'TJHP02-20250303-W03-0007' }],
    [CaseSchema, { ...validCase, items: [validCase.items[0], validCase.items[0]] }],
    [CaseSchema, { ...validCase, materials: [validCase.materials[0], validCase.materials[0]] }],
    [CaseSchema, { ...validCase, materials: [{ ...validCase.materials[0], itemIds: ['item-9'] }] }],
    [CaseSchema, { ...validCase, supplementDue: undefined }],
    [CaseSchema, { ...validCase, status: 'decided' }],
    [CaseSchema, { ...validCase, updatedAt: '2025-03-02T00:00:00Z' }],
    [CaseMaterialSchema, { ...validCase.materials[0], itemIds: ['a', 'a'] }],
    [AuditEntrySchema, { ...validCase.audit[0], action: 'Accept' }],
    [CaseNumberSchema, 'TJHP01-20250230-W03-0007'],
    [TicketSchema, { ...validTicket, appointmentRef: undefined }],
    [TicketSchema, { ...validTicket, window: undefined, calledAt: undefined }],
    [TicketSchema, { ...validTicket, calledAt: '2025-03-03T00:00:00Z' }],
    [AppointmentRefSchema, RESIDENT_ID],
    [AppointmentRefSchema, '13800138000'],
    [AppointmentRefSchema, 'ab'],
    [RatingSchema, { ...validRating, grade: 2.5 }],
    [RatingSchema, { ...validRating, grade: 6 }],
    [RatingSchema, { ...validRating, grade: 0 }],
    [ServiceItemSchema, { ...validItem, agency: { ...validItem.agency, code: '11120101MB0000000' } }],
    [ServiceItemSchema, { ...validItem, agency: { ...validItem.agency, code: '11120101MB0000000I' } }],
    [ServiceItemSchema, { ...validItem, agency: { ...validItem.agency, code: '11120101mb0000000k' } }],
    [ServiceItemSchema, { ...validItem, serviceObject: [] }],
    [BundleSchema, { ...validBundle, items: ['1'] }],
    [CatalogSchema, { ...validCatalog, items: [validItem, validItem] }],
    [CatalogSchema, { ...validCatalog, bundles: [{ ...validBundle, items: ['1', '9'] }] }],
    [UsccConfirmationSchema, { ...confirmation, reason: '' }],
    [UlidSchema, 'not-a-ulid'],
    [HolidayScheduleSchema, { ...validSchedule, holidays: [{ name: '春节', from: '2025-02-04', to: '2025-01-28' }] }],
    [HolidayScheduleSchema, { ...validSchedule, holidays: [{ name: '春节', from: '2024-01-28', to: '2025-01-28' }] }],
    [HolidayScheduleSchema, { ...validSchedule, workdays: ['2024-02-03'] }],
    [HolidayScheduleSchema, { ...validSchedule, workdays: ['2025-01-27'] }],
    [HolidayScheduleSchema, { ...validSchedule, workdays: ['2025-02-01'] }],
    [HolidayScheduleSchema, { ...validSchedule, workdays: ['2025-01-26', '2025-01-26'] }],
  ];
}

/** Each schema with the valid records whose fields the walk breaks. */
const WALKED: [v.GenericSchema, unknown][] = [
  [CaseSchema, validCase],
  [CaseSchema, organisationCase],
  [TicketSchema, validTicket],
  [RatingSchema, validRating],
  [CatalogSchema, validCatalog],
  [HolidayScheduleSchema, validSchedule],
];

/** Every invalid input: each field of each record broken in every way, and the targeted ones. */
export function* invalidInputs(): Generator<[v.GenericSchema, unknown]> {
  for (const [schema, valid] of WALKED) for (const input of mutants(valid)) yield [schema, input];
  yield* targeted();
}
