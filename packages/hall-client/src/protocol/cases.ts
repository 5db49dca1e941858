import * as v from 'valibot';
import {
  CaseNumberSchema,
  CaseResultSchema,
  WindowCodeSchema,
  bilingual,
  objectMessage,
  type CaseResult,
} from '@yichuang/core';
import type { Role } from './roles.js';

/**
 * Why a person reads a case's personal data: each read is logged with its purpose (`GET /api/v1/cases/{id}` takes
 * it as `?purpose=`; `review` by default).
 */
export const CASE_READ_PURPOSES = {
  review: { zh: '查看办件', en: 'Review the case' },
  supplement: { zh: '补齐材料', en: 'Record a supplement' },
  'hand-over': { zh: '交接办件', en: 'Hand the case over' },
  print: { zh: '打印文书', en: 'Print a notice' },
  'follow-up': { zh: '回访核实', en: 'Follow up a rating' },
  sync: { zh: '工作站同步', en: 'Workstation sync' },
} as const;
/** Key of {@link CASE_READ_PURPOSES}. */
export type CaseReadPurpose = keyof typeof CASE_READ_PURPOSES;
const PURPOSE_KEYS = Object.keys(CASE_READ_PURPOSES) as [CaseReadPurpose, ...CaseReadPurpose[]];

/** Schema of a read's purpose. */
export const CaseReadPurposeSchema = v.picklist(
  PURPOSE_KEYS,
  bilingual(
    `purpose: one of ${PURPOSE_KEYS.join(', ')}`,
    `purpose: 应为以下之一：${PURPOSE_KEYS.map((purpose) => `“${purpose}”`).join('、')}`,
  ),
);

/**
 * `POST /api/v1/cases/claim`: the applicant at the counter hands the clerk the case's number and their identity
 * document; the clerk is granted the case (read and save it) although it belongs to another window — for a
 * supplement or a hand-over at any comprehensive window. A wrong pair is refused without saying which half was
 * wrong, and repeated failures are limited.
 */
export const ClaimCaseSchema = v.object(
  {
    number: CaseNumberSchema,
    idNumber: v.pipe(
      v.string(
        bilingual('idNumber: the applicant’s identity document number is required', 'idNumber: 应填写申请人的证件号码'),
      ),
      v.trim(),
      v.toUpperCase(),
      v.minLength(5, bilingual('idNumber: at least 5 characters', 'idNumber: 证件号码至少应有 5 个字符')),
      v.maxLength(40, bilingual('idNumber: at most 40 characters', 'idNumber: 证件号码不能超过 40 个字符')),
    ),
    purpose: v.optional(CaseReadPurposeSchema, 'hand-over'),
  },
  objectMessage('claim'),
);
export type ClaimCase = v.InferInput<typeof ClaimCaseSchema>;

/** One logged read of a case's personal data (`GET /api/v1/cases/{id}/reads`, managers). */
export interface CaseRead {
  at: string;
  /** Who read it: user name or device id. */
  subject: string;
  role: Role;
  /** The window they sat at. */
  window?: string;
  purpose: CaseReadPurpose;
}

/**
 * `POST /api/v1/cases/{id}/result`: the deciding department's result of a forwarded case, as the hall receives it (a
 * clerk of the case's window or a manager enters it; the hall server's department adapter records it on its own).
 */
export const RecordResultSchema = v.object({ result: CaseResultSchema }, objectMessage('result'));
export type RecordResult = v.InferInput<typeof RecordResultSchema>;

/** Whether the applicant was told of a result: sent, no mobile number in the case, no gateway, or the gateway failed. */
export const NOTICE_OUTCOMES = ['sent', 'no-phone', 'no-gateway', 'failed'] as const;
export type NoticeOutcome = (typeof NOTICE_OUTCOMES)[number];

/** The answer of `POST /api/v1/cases/{id}/result`: the case's new status and version, and whether its applicant was told. */
export interface ResultRecorded {
  caseId: string;
  number: string;
  status: string;
  version: number;
  notified: NoticeOutcome;
}

/** {@link ResultRecorded}, as a hall answers it. */
export const ResultRecordedSchema = v.object({
  caseId: v.string(),
  number: v.string(),
  status: v.string(),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  notified: v.picklist(NOTICE_OUTCOMES),
});

/** The query of `GET /api/v1/results`: the results ready to hand over of one window, or all the caller may see. */
export const ReadyResultQuerySchema = v.object({ window: v.optional(WindowCodeSchema) }, objectMessage('query'));
export type ReadyResultQuery = v.InferInput<typeof ReadyResultQuerySchema>;

/** The most results `GET /api/v1/results` answers. */
export const MAX_READY_RESULTS_LISTED = 500;

/**
 * A result ready to hand over (待出件), as the hall lists it: the case, its result (not personal), how it goes to the
 * applicant, since when it waits, and the hall's version of the case, which the hand-over saves on. No name, number,
 * phone or address.
 */
export interface ReadyResult {
  caseId: string;
  number: string;
  window: string;
  itemIds: string[];
  result: Pick<CaseResult, 'outcome' | 'name' | 'department'> & { documentNumber?: string };
  way: 'window' | 'post';
  since: string;
  version: number;
}

/** `GET /api/v1/results`: the hall's today and the results ready to hand over, the longest waiting first. */
export interface ReadyResultList {
  today: string;
  results: ReadyResult[];
}

/** {@link ReadyResultList}, as a hall answers it. */
export const ReadyResultListSchema = v.object({
  today: v.pipe(v.string(), v.isoDate()),
  results: v.array(
    v.object({
      caseId: v.string(),
      number: v.string(),
      window: v.string(),
      itemIds: v.array(v.string()),
      result: v.object({
        outcome: v.picklist(['granted', 'denied']),
        name: v.string(),
        department: v.string(),
        documentNumber: v.optional(v.string()),
      }),
      way: v.picklist(['window', 'post']),
      since: v.pipe(v.string(), v.isoTimestamp()),
      version: v.pipe(v.number(), v.integer(), v.minValue(1)),
    }),
  ),
});
