/**
 * Results at the window (综合窗口出件), on the hall's side: the deciding department's result recorded on a forwarded
 * case through the core (`recordResult`), sealed and versioned like any save, and the applicant told by SMS where the
 * hall has a gateway — the notice in the case's audit once the gateway took it. A person records it (a clerk of the
 * case's window, or a manager) with their session's vault; the hall server's department adapter records it on its
 * own with the hall's vault.
 * @module
 */
import {
  IllegalTransitionError,
  UlidSchema,
  recordResult as recordOnCase,
  resultNoticeText,
  contactMobile,
  toChinaDate,
  ulid,
  type AuditEntry,
  type Case,
  type CaseItemFacts,
  type CaseResult,
} from '@yichuang/core';
import {
  MAX_READY_RESULTS_LISTED,
  ReadyResultQuerySchema,
  RecordResultSchema,
  type NoticeOutcome,
  type ReadyResult,
  type ReadyResultList,
  type ResultRecorded,
} from '@yichuang/hall-client/protocol.js';
import { caseContext, caseIndexFields, caseOf, mayHandle, sealCase } from '../kinds/case-save.js';
import { get, put, query } from '../storage/port.js';
import { CASES, type CaseRow } from '../storage/tables.js';
import type { Vault } from '../vault/vault.js';
import { fail, isoNow, openingVault, parse, type Caller, type EngineContext } from './context.js';
import { appendEvent } from './events.js';
import { hallInfo } from './sessions.js';

/** Where the hall's messages to applicants go (a hall's SMS gateway); the devices package's adapters fit it. */
export interface ApplicantNotifier {
  send(message: { to: string; text: string }, signal?: AbortSignal): Promise<{ id: string }>;
}

/** Who records a result: the person (or the department) and the window the audit line names. */
interface Recorder {
  actor: string;
  window: string;
  vault: Vault;
  locale: Caller['locale'];
}

/** The catalog entries of a case's items, in the versions it pinned. */
type ItemsOf = (value: Case) => Promise<CaseItemFacts[]>;

/** Writes the next version of a stored case (its personal part sealed anew) with its `case.saved` event. */
async function writeCase(context: EngineContext, vault: Vault, row: CaseRow, next: Case): Promise<CaseRow | undefined> {
  const { commitmentDue: _due, handoverSince: _since, handoverWay: _way, ...kept } = row;
  const written: CaseRow = {
    ...kept,
    status: next.status,
    version: row.version + 1,
    mutation: ulid(Date.parse(next.updatedAt)),
    updatedAt: next.updatedAt,
    ...(await sealCase(vault, next)),
    ...caseIndexFields(next, toChinaDate(new Date(context.now())), row),
  };
  return context.write(function* () {
    const current = yield* get(CASES, row.id);
    // A save landed since the case was read: the result is recorded again on top of it by the caller.
    if (!current || current.version !== row.version) return undefined;
    yield* put(CASES, written);
    yield* appendEvent({
      type: 'case.saved',
      data: {
        caseId: next.id,
        number: next.number,
        window: next.window,
        status: next.status,
        version: written.version,
      },
      at: next.updatedAt,
    });
    return written;
  });
}

/** Sends the applicant the result notice; resolves what came of it (never throws: the result is recorded already). */
async function notify(context: EngineContext, value: Case): Promise<NoticeOutcome> {
  const notifier = context.notifier;
  if (!notifier) return 'no-gateway';
  const phone = contactMobile(value);
  if (!phone) return 'no-phone';
  const hall = await context.read(() => hallInfo());
  try {
    await notifier.send({ to: phone, text: resultNoticeText(value, hall?.name ?? value.hall)['zh-CN'] });
    return 'sent';
  } catch {
    return 'failed';
  }
}

/** Records `result` on the case `caseId` for `recorder`, tells the applicant, and records that they were told. */
async function record(
  context: EngineContext,
  recorder: Recorder,
  row: CaseRow,
  result: CaseResult,
  itemsOf: ItemsOf,
): Promise<ResultRecorded> {
  const { locale, vault } = recorder;
  let current = row;
  for (let attempt = 0; attempt < 3; attempt++) {
    const value = caseOf(current, await vault.open(current.sealed, caseContext(current.id)));
    const at = isoNow(context);
    let next: Case;
    try {
      next = recordOnCase(value, {
        result,
        actor: recorder.actor,
        window: recorder.window,
        at,
        items: await itemsOf(value),
      });
    } catch (error) {
      if (!(error instanceof IllegalTransitionError)) throw error;
      throw fail(locale, 'conflict', 'resultRefused', {
        reason: { zh: error.localized('zh-CN'), en: error.localized('en-US') },
      });
    }
    const written = await writeCase(context, vault, current, next);
    if (!written) {
      const again = await context.read(() => get(CASES, row.id));
      if (!again) break;
      current = again;
      continue;
    }
    const notified = await notify(context, next);
    let version = written.version;
    if (notified === 'sent') {
      const line: AuditEntry = {
        at: isoNow(context),
        actor: recorder.actor,
        window: recorder.window,
        action: 'notify-result',
        reason: '已短信告知申请人领取结果',
      };
      const told = { ...next, audit: [...next.audit, line] };
      const again = await writeCase(context, vault, written, told);
      if (again) version = again.version;
    }
    return { caseId: next.id, number: next.number, status: next.status, version, notified };
  }
  throw fail(locale, 'conflict', 'caseChanged');
}

/**
 * `POST /cases/{id}/result`: a clerk of the case's window (or one it was granted to) or a manager records the
 * deciding department's result; the trail line names them and their window (a manager's: the case's).
 */
export async function recordResult(
  context: EngineContext,
  caller: Caller,
  id: unknown,
  body: unknown,
  itemsOf: ItemsOf,
): Promise<ResultRecorded> {
  const { locale, session } = caller;
  const caseId = parse(UlidSchema, id, locale, 'id');
  const { result } = parse(RecordResultSchema, body, locale);
  const vault = openingVault(caller);
  const at = isoNow(context);
  const row = await context.read(function* () {
    const row = yield* get(CASES, caseId);
    return row && (yield* mayHandle(session, row.id, row.window, at)) ? row : undefined;
  });
  if (!row) throw fail(locale, 'not-found', 'caseNotFound');
  const window = session.window ?? row.window;
  return record(context, { actor: session.subject, window, vault, locale }, row, result as CaseResult, itemsOf);
}

/**
 * The deciding department's result arriving through the hall server's adapter: recorded with the hall's vault, the
 * trail line naming the department (`department`: its code) at the case's window.
 *
 * @throws HallError `not-found` for a number the hall does not hold; `conflict` when the case is not forwarded.
 */
export async function recordDepartmentResult(
  context: EngineContext,
  caseId: string,
  department: string,
  result: CaseResult,
  itemsOf: ItemsOf,
): Promise<ResultRecorded> {
  const vault = context.secrets.hallVault();
  if (!vault?.canOpen) throw fail('zh-CN', 'forbidden', 'forbidden', { role: department });
  const row = await context.read(() => get(CASES, caseId));
  if (!row) throw fail('zh-CN', 'not-found', 'caseNotFound');
  return record(context, { actor: department, window: row.window, vault, locale: 'zh-CN' }, row, result, itemsOf);
}

/** A forwarded case awaiting its result, as the department adapter sees it: no personal field. */
export interface AwaitingResult {
  caseId: string;
  number: string;
  itemIds: string[];
  /** When the hall last saved it (forwarded, or changed since). */
  updatedAt: string;
}

/** How far back the department adapter looks for forwarded cases (their China day of intake). */
const AWAITING_DAYS = 90;

/** The forwarded cases taken in within the last {@link AWAITING_DAYS} days, last saved at or before `before`. */
export async function awaitingResults(context: EngineContext, before: string): Promise<AwaitingResult[]> {
  const from = new Date(context.now() - AWAITING_DAYS * 86_400_000).toISOString().slice(0, 10);
  const rows = await context.read(() => query(CASES, 'day', { after: from }));
  return rows
    .filter((row) => row.status === 'forwarded' && row.updatedAt <= before)
    .map((row) => ({
      caseId: row.id,
      number: row.number,
      itemIds: ((row.body as Partial<Case>).items ?? []).map((item) => item.itemId),
      updatedAt: row.updatedAt,
    }));
}

/**
 * `GET /results`: the results ready to hand over the caller may see (see `mayHandle`), the longest waiting first, read
 * from the clear part of each case.
 */
export async function readyResults(context: EngineContext, caller: Caller, input: unknown): Promise<ReadyResultList> {
  const asked = parse(ReadyResultQuerySchema, input ?? {}, caller.locale);
  const now = context.now();
  const at = new Date(now).toISOString();
  const { session } = caller;
  const rows = await context.read(function* () {
    const shown: CaseRow[] = [];
    for (const row of yield* query(CASES, 'handoverSince', {})) {
      if (asked.window !== undefined && row.window !== asked.window) continue;
      if (yield* mayHandle(session, row.id, row.window, at)) shown.push(row);
      if (shown.length >= MAX_READY_RESULTS_LISTED) break;
    }
    return shown;
  });
  const results = rows.flatMap((row): ReadyResult[] => {
    const body = row.body as Partial<Case>;
    if (!body.result || row.handoverSince === undefined) return [];
    const { outcome, name, department, documentNumber } = body.result;
    return [
      {
        caseId: row.id,
        number: row.number,
        window: row.window,
        itemIds: (body.items ?? []).map((item) => item.itemId),
        result: { outcome, name, department, ...(documentNumber === undefined ? {} : { documentNumber }) },
        way: row.handoverWay ?? 'window',
        since: row.handoverSince,
        version: row.version,
      },
    ];
  });
  return { today: toChinaDate(new Date(now)), results };
}
