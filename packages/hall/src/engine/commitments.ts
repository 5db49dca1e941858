/**
 * The hall's tolerance ledger (容缺台账): the open commitments of the cases it holds, read from the clear part of
 * each case (no sealed field is opened), overdue first. A clerk sees those of the windows they may staff and of the
 * cases granted to them (claimed with the applicant at the counter), a manager the whole hall's.
 * @module
 */
import { commitmentLedger, toChinaDate, type Case } from '@yichuang/core';
import {
  CommitmentQuerySchema,
  MAX_COMMITMENTS_LISTED,
  type CommitmentList,
  type HallCommitment,
} from '@yichuang/hall-client/protocol.js';
import { query } from '../storage/port.js';
import { mayHandle } from '../kinds/case-save.js';
import { CASES, type CaseRow } from '../storage/tables.js';
import { parse, type Caller, type EngineContext } from './context.js';

/** The open commitments the caller may see, as {@link CommitmentQuerySchema} asks. */
export async function commitments(context: EngineContext, caller: Caller, input: unknown): Promise<CommitmentList> {
  const asked = parse(CommitmentQuerySchema, input ?? {}, caller.locale);
  const now = context.now();
  const at = new Date(now).toISOString();
  const { session } = caller;
  const shown = await context.read(function* () {
    const rows: CaseRow[] = [];
    for (const row of yield* query(CASES, 'commitmentDue', {})) {
      if (asked.window !== undefined && row.window !== asked.window) continue;
      if (yield* mayHandle(session, row.id, row.window, at)) rows.push(row);
    }
    return rows;
  });
  const versions = new Map(shown.map((row) => [row.id, row.version]));
  const ledger = commitmentLedger(
    shown.map((row) => ({ ...(row.body as Pick<Case, 'items' | 'materials' | 'supplementDue'>), ...row })),
    now,
  )
    .filter((commitment) => asked.status !== 'overdue' || commitment.state === 'overdue')
    .slice(0, MAX_COMMITMENTS_LISTED);
  return {
    today: toChinaDate(new Date(now)),
    commitments: ledger.map((commitment): HallCommitment => ({
      ...commitment,
      version: versions.get(commitment.caseId)!,
    })),
  };
}
