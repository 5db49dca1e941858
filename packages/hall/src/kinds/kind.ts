import type { CaseItemFacts } from '@yichuang/core';
import type {
  HallEvent,
  HallMessageKey,
  MessageValue,
  Mutation,
  MutationKind,
  RejectionCode,
  Role,
} from '@yichuang/hall-client/protocol.js';
import type { Caller } from '../caller.js';
import { query, type TxBody } from '../storage/port.js';
import { SESSIONS, type SessionRow } from '../storage/tables.js';

/** Why the hall refuses a mutation: the protocol's code, a precise reason, the clerk's message and its values. */
export interface Refusal {
  readonly refused: true;
  readonly code: RejectionCode;
  readonly reason: string;
  readonly key: HallMessageKey;
  readonly params?: Readonly<Record<string, MessageValue>>;
  /** For `missing-attachments`: the hashes the hall lacks. */
  readonly missing?: readonly string[];
}

/** A refusal. */
export function refuse(
  code: RejectionCode,
  reason: string,
  key: HallMessageKey,
  params?: Readonly<Record<string, MessageValue>>,
  missing?: readonly string[],
): Refusal {
  return { refused: true, code, reason, key, ...(params ? { params } : {}), ...(missing ? { missing } : {}) };
}

/** Whether a value is a {@link Refusal}. */
export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && (value as Refusal).refused === true;
}

/** What a kind changed: the event it emits and, for a versioned record, the version it made. */
export interface Change {
  readonly event: Omit<HallEvent, 'id' | 'at'>;
  /** Events that follow it in the log (a follow-up the change opened, …). */
  readonly also?: readonly Omit<HallEvent, 'id' | 'at'>[];
  readonly version?: number;
}

/** The record changed between `prepare` and the transaction: the engine prepares the mutation again. */
export const RETRY = Symbol('retry');

/** A mutation checked and sealed, ready to apply inside a transaction. */
export interface Prepared {
  /**
   * Inside the write transaction: re-checks what another write may have changed since `prepare` (returns
   * {@link RETRY} if the record it read moved on), then writes. Yields storage operations only.
   */
  apply(): TxBody<Change | Refusal | typeof RETRY>;
}

/** What the engine lends a kind while it prepares a mutation. */
export interface KindServices {
  /** The hall's code. */
  readonly hall: string;
  /** The hall's time of this mutation (ISO), and in epoch milliseconds. */
  readonly at: string;
  readonly nowMs: number;
  /** Refuses a time a client states that is more than the allowed skew ahead of the hall's clock. */
  clock(field: string, value: string): Refusal | undefined;
  /** Runs a read transaction. */
  read<T>(body: () => TxBody<T>): Promise<T>;
  /** What a case taken in under an item version is checked against; `undefined` if no published catalog has it. */
  itemFacts(itemId: string, version: number): Promise<CaseItemFacts | undefined>;
}

/** A kind of mutation: who may send it, how it is checked against the hall's data and applied. */
export interface MutationKindDefinition<K extends MutationKind> {
  readonly kind: K;
  /** The roles that may send it (the sync route's roles narrowed). */
  readonly roles: readonly Role[];
  /**
   * Checks the mutation against the hall's data and the caller's rights, and seals what it stores, before any
   * transaction opens (WebCrypto and reads happen here).
   */
  prepare(
    mutation: Extract<Mutation, { kind: K }>,
    caller: Caller,
    services: KindServices,
  ): Promise<Prepared | Refusal>;
}

/** Whether a save names the stored version of a versioned record as its base (or the mutation that made it). */
export function basedOn(base: Mutation['base'], stored: { version: number; mutation: string }): boolean {
  return (
    base !== undefined && ('version' in base ? base.version === stored.version : base.mutation === stored.mutation)
  );
}

/** Who watches the event stream: what decides which events a session receives. */
export type Viewer = Pick<SessionRow, 'role' | 'subject' | 'window' | 'windows'>;

/** Whether a viewer hears of a record of `window` (a case or rating saved): managers, and clerks of the window. */
export function hearsOfWindow(window: string, viewer: Viewer): boolean {
  return viewer.role === 'manager' || (viewer.role === 'clerk' && viewer.windows.includes(window));
}

/** The live sessions of clerks at `window` at the time `nowIso` (one, unless a take-over is under way). */
export function* clerksAt(window: string, nowIso: string): TxBody<SessionRow[]> {
  return (yield* query(SESSIONS, 'window', { equals: [window] })).filter(
    (s) => s.role === 'clerk' && s.expiresAt > nowIso,
  );
}
