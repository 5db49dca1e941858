import * as v from 'valibot';
import { toChinaDate } from '../calendar/date.js';
import { BEFORE_ACCEPTANCE, openCommitment } from './commitment.js';
import { CaseMaterialSchema, type AuditEntry, type Case, type CaseMaterial, type ReceiptKind } from './case.js';
import { schemaIssues } from './messages.js';
import { TRANSITION_ACTIONS, isTerminalStatus, type CaseStatus } from './status.js';
import {
  IllegalTransitionError,
  checkActorWindowTime,
  materialFacts,
  names,
  nextUpdatedAt,
  pinnedItems,
  toleratedIds,
  type CaseItemFacts,
  type Fail,
} from './transition.js';

/** How a supplied material may have been received: really in hand, not tolerated, missing or promised. */
export type SupplementReceipt = Extract<ReceiptKind, 'paper' | 'attachment' | 'scan' | 'e-licence'>;

const SUPPLEMENT_RECEIPTS: ReadonlySet<string> = new Set<SupplementReceipt>([
  'paper',
  'attachment',
  'scan',
  'e-licence',
]);

/** One tolerated material as it was finally supplied. */
export interface SuppliedMaterial {
  materialId: string;
  receipt: SupplementReceipt;
  /** Paper copies received (0 for electronic ones). */
  copies: number;
  /** SHA-256 (hex) of each stored file. */
  attachments?: readonly string[];
}

/** A supplement of tolerated (容缺) materials, received at a window. */
export interface SupplementInput {
  /** The materials supplied now: each must be tolerated on the case; the others stay as they are. */
  materials: readonly SuppliedMaterial[];
  /** Clerk id of who receives them. */
  actor: string;
  /** Window code where they are received. */
  window: string;
  /** When, as an ISO 8601 timestamp with a zone. */
  at: string;
  /** The catalog entries of the case's items (pinned versions); only used to name materials in messages. */
  items?: readonly CaseItemFacts[];
}

/**
 * Where a case stands with its tolerated (容缺) materials, independent of its status:
 * - `none`: no supplement is expected (never tolerated, not accepted yet, or the case was closed without one);
 * - `pending`: tolerated materials are awaited and the deadline (`supplementDue`) is still ahead (or unset);
 * - `due-today`: awaited, and today (China time) is the last day;
 * - `overdue`: awaited, and the deadline's day is over — even when the case is already `forwarded`;
 * - `supplied`: the case was accepted with tolerance and everything tolerated has been supplied.
 */
export type SupplementState = 'none' | 'pending' | 'due-today' | 'overdue' | 'supplied';

/** Statuses from which a supplement is taken in and the case becomes `supplemented` once nothing is awaited. */
const AWAITING: ReadonlySet<CaseStatus> = new Set(['accepted-with-tolerance', 'overdue']);

type Plan = { error: IllegalTransitionError } | { error: null; next: Case };

function plan(current: Case, input: SupplementInput): Plan {
  const from = current.status;
  const fail: Fail = (code, params = {}) => new IllegalTransitionError(code, from, from, params);
  const refuse = (error: IllegalTransitionError): Plan => ({ error });

  const who = checkActorWindowTime(input, fail);
  if (who) return refuse(who);
  if (BEFORE_ACCEPTANCE.has(from) || isTerminalStatus(from)) return refuse(fail('supplement-not-open'));

  let facts: ReturnType<typeof materialFacts> | undefined;
  if (input.items !== undefined) {
    const resolved = pinnedItems(current, input.items, fail);
    if (resolved instanceof IllegalTransitionError) return refuse(resolved);
    facts = materialFacts(resolved);
  }

  const supplied: readonly SuppliedMaterial[] = Array.isArray(input.materials) ? input.materials : [];
  if (supplied.length === 0) return refuse(fail('supplement-empty'));
  const ids = supplied.map((m) => (m as Partial<SuppliedMaterial> | null)?.materialId);
  if (new Set(ids).size !== ids.length) {
    return refuse(
      fail('invalid-materials', {
        value: { 'zh-CN': 'materialId: 每项材料只能出现一次', 'en-US': 'materialId: each material at most once' },
      }),
    );
  }
  const tolerated = new Set(toleratedIds(current.materials));
  const notTolerated = ids.filter((id) => typeof id !== 'string' || !tolerated.has(id)).map(String);
  if (notTolerated.length > 0)
    return refuse(fail('supplement-not-tolerated', { materials: names(notTolerated, facts) }));
  const notReceived = supplied.filter((m) => !SUPPLEMENT_RECEIPTS.has(m.receipt)).map((m) => m.materialId);
  if (notReceived.length > 0) return refuse(fail('supplement-not-received', { materials: names(notReceived, facts) }));

  const byId = new Map(supplied.map((m) => [m.materialId, m]));
  const merged: unknown[] = current.materials.map((m) => {
    const s = byId.get(m.materialId);
    if (!s) return m;
    // The material keeps the items that need it; its receipt, copies and files are the ones supplied now.
    return {
      materialId: m.materialId,
      itemIds: m.itemIds,
      receipt: s.receipt,
      copies: s.copies,
      ...(s.attachments !== undefined ? { attachments: s.attachments } : {}),
    };
  });
  const parsed = schemaIssues(v.array(CaseMaterialSchema), merged);
  if (parsed.issues) return refuse(fail('invalid-materials', { value: parsed.issues }));
  const materials = parsed.output as CaseMaterial[];

  const status: CaseStatus = AWAITING.has(from) && toleratedIds(materials).length === 0 ? 'supplemented' : from;
  const entry: AuditEntry = {
    at: input.at,
    actor: input.actor,
    window: input.window,
    action: TRANSITION_ACTIONS.supplemented,
    ...(status !== from ? { from, to: status } : {}),
    materialIds: supplied.map((m) => m.materialId),
  };
  return {
    error: null,
    next: {
      ...current,
      status,
      materials,
      updatedAt: nextUpdatedAt(current, input.at),
      audit: [...current.audit, entry],
    },
  };
}

/** Checks a supplement without recording it: the error {@link recordSupplement} would throw, or `null`. */
export function checkSupplement(current: Case, input: SupplementInput): IllegalTransitionError | null {
  return plan(current, input).error;
}

/**
 * Records the supplement of tolerated (容缺) materials, in any status after acceptance that is not terminal — also
 * once the case has been forwarded to the back office, where it went at once. Returns a new case (the given one
 * is not changed) where:
 * - each supplied material, which must be `tolerated` on the case, takes the given receipt, copies and attachments;
 * - exactly one audit entry is appended, action `supplement`, naming the supplied materials in `materialIds`
 *   (with `from` and `to` when the status changes);
 * - `accepted-with-tolerance` and `overdue` become `supplemented` once nothing tolerated is left (a partial
 *   supplement keeps the status); any other status, `forwarded` in particular, stays as it is;
 * - `supplementDue` stays on record, `updatedAt` moves as with {@link transition}.
 *
 * Only then can the case be `decided` (see {@link checkTransition}).
 *
 * @throws IllegalTransitionError with code `supplement-not-open` (draft, notified of missing materials, or
 *   terminal), `supplement-empty`, `supplement-not-tolerated`, `supplement-not-received`, `invalid-materials`,
 *   `items-mismatch` or one of the actor/window/time codes.
 */
export function recordSupplement(current: Case, input: SupplementInput): Case {
  const result = plan(current, input);
  if (result.error) throw result.error;
  return result.next;
}

/**
 * Where the case stands with its tolerated materials at `now` (see {@link SupplementState}); a pure query, for the
 * tolerance ledger (容缺台账). The deadline's whole day (China time) belongs to the applicant: `due-today` on
 * `supplementDue`, `overdue` from the next day on. A forwarded case keeps its status but shows `overdue` here once
 * its deadline has passed.
 *
 * @param now the current instant (a `Date` or epoch milliseconds).
 * @throws RangeError when `now` is not a valid instant.
 */
export function supplementState(current: Case, now: Date | number): SupplementState {
  const commitment = openCommitment(current, toChinaDate(now instanceof Date ? now : new Date(now)));
  if (commitment) return commitment.state;
  if (toleratedIds(current.materials).length > 0) return 'none';
  const wasTolerated =
    AWAITING.has(current.status) ||
    current.status === 'supplemented' ||
    current.audit.some((entry) => entry.to === 'accepted-with-tolerance');
  return wasTolerated ? 'supplied' : 'none';
}
