/**
 * Reading cases: a clerk reads the cases of their windows (managers all), or a case the applicant at the counter
 * granted them with its number and their identity number. Every read of personal data by a person is logged:
 * who, when, which case, why.
 * @module
 */
import { UlidSchema, ulid, type Case } from '@yichuang/core';
import {
  CaseReadPurposeSchema,
  ClaimCaseSchema,
  type CaseRead,
  type CaseReadPurpose,
} from '@yichuang/hall-client/protocol.js';
import { caseContext, caseOf, mayHandle } from '../kinds/case-save.js';
import { add, first, get, put, query } from '../storage/port.js';
import { CASES, CASE_GRANTS, CASE_READS, type CaseRow } from '../storage/tables.js';
import { fail, isoNow, openingVault, parse, type Caller, type EngineContext } from './context.js';
import { countAttempt, forgiveAttempt, rateLimited } from './sessions.js';

/** The identity document numbers of a case's applicant side: the applicant's, a legal representative's, a proxy's. */
function documentNumbers(value: Case): string[] {
  const applicant = value.applicant as {
    idNumber?: string;
    uscc?: string;
    legalRepresentative?: { idNumber?: string };
  };
  return [applicant.idNumber, applicant.uscc, applicant.legalRepresentative?.idNumber, value.proxy?.idNumber].filter(
    (n): n is string => typeof n === 'string' && n.length > 0,
  );
}

/** Opens a stored case with the caller's vault (people only). */
async function open(caller: Caller, row: CaseRow): Promise<Case> {
  const personal = await openingVault(caller).open<Parameters<typeof caseOf>[1]>(row.sealed, caseContext(row.id));
  return caseOf(row, personal);
}

function readRow(caller: Caller, caseId: string, at: string, purpose: CaseReadPurpose) {
  return {
    id: ulid(Date.parse(at)),
    caseId,
    subject: caller.session.subject,
    role: caller.session.role,
    ...(caller.session.window === undefined ? {} : { window: caller.session.window }),
    at,
    purpose,
  };
}

/**
 * A case, if the caller may read it (`undefined` otherwise, as for a case the hall does not hold: whether a case of
 * another window exists is not told). The read is logged with its purpose.
 */
export async function getCase(
  context: EngineContext,
  caller: Caller,
  id: unknown,
  purpose: unknown,
): Promise<Case | undefined> {
  const caseId = parse(UlidSchema, id, caller.locale, 'id');
  const why = parse(CaseReadPurposeSchema, purpose ?? 'review', caller.locale);
  const at = isoNow(context);
  const row = await context.read(function* () {
    const row = yield* get(CASES, caseId);
    return row && (yield* mayHandle(caller.session, row.id, row.window, at)) ? row : undefined;
  });
  if (!row) return undefined;
  const value = await open(caller, row);
  await context.write(() => add(CASE_READS, readRow(caller, row.id, at, why)));
  return value;
}

/**
 * Grants the caller (a clerk) a case of any window, on the applicant's word: the case's number and the applicant's
 * (or their proxy's) identity document number. A wrong pair answers 404 without saying which half was wrong;
 * repeated failures answer 429 for a while.
 */
export async function claimCase(context: EngineContext, caller: Caller, body: unknown): Promise<Case> {
  const { locale } = caller;
  const claim = parse(ClaimCaseSchema, body, locale);
  const now = context.now();
  const key = `claim:${caller.session.subject}`;
  const wait = await context.write(() =>
    countAttempt([{ key, limit: context.limits.claimFailuresPerClerk }], now, context.limits.failureWindowMs),
  );
  if (wait > 0) throw rateLimited(locale, wait, 'claimLimited');
  const row = await context.read(() => first(CASES, 'number', { equals: [claim.number] }));
  const value = row && (await open(caller, row));
  const presented = claim.idNumber.replace(/\s+/g, '');
  const matches = value !== undefined && documentNumbers(value).some((n) => n.toUpperCase() === presented);
  if (!row || !value || !matches) throw fail(locale, 'not-found', 'claimRefused');
  const at = new Date(now).toISOString();
  await context.write(function* () {
    yield* forgiveAttempt(key, now);
    yield* put(CASE_GRANTS, {
      key: `${row.id}|${caller.session.subject}`,
      caseId: row.id,
      subject: caller.session.subject,
      at,
      expiresAt: new Date(now + context.limits.grantMs).toISOString(),
    });
    yield* add(CASE_READS, readRow(caller, row.id, at, claim.purpose));
  });
  return value;
}

/** Who read a case's personal data, oldest first (managers). */
export async function caseReads(context: EngineContext, caller: Caller, id: unknown): Promise<CaseRead[]> {
  const caseId = parse(UlidSchema, id, caller.locale, 'id');
  const rows = await context.read(() => query(CASE_READS, 'caseId', { equals: [caseId] }));
  return rows.map(({ at, subject, role, window, purpose }) => ({
    at,
    subject,
    role,
    ...(window === undefined ? {} : { window }),
    purpose: purpose as CaseReadPurpose,
  }));
}
