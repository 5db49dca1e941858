/**
 * Follow-ups of bad ratings (差评整改): opened by the hall in the transaction that stores a rating of grade 2 or 1,
 * due a number of working days (a hall setting) after the rating's China day by the hall's working-day calendar;
 * managers record call-backs (回访), rectifications (整改), feedback (反馈, which closes it) and reviews (申诉复核).
 * Who acted and when come from the session and the hall's clock; the notes are sealed.
 * @module
 */
import {
  DEFAULT_FOLLOW_UP_DAYS,
  WorkingDayCalendar,
  followUpDue,
  isFollowUpOverdue,
  toChinaDate,
  type RatingReason,
} from '@yichuang/core';
import {
  FollowUpActSchema,
  FollowUpIdSchema,
  FollowUpQuerySchema,
  FollowUpSettingSchema,
  MAX_FOLLOW_UPS_LISTED,
  type FollowUp,
  type FollowUpList,
} from '@yichuang/hall-client/protocol.js';
import { get, put, query, type TxBody } from '../storage/port.js';
import { FOLLOWUPS, SETTINGS, type FollowUpRow } from '../storage/tables.js';
import type { Vault } from '../vault/vault.js';
import { schedules } from './catalog.js';
import { audit, fail, isoNow, openingVault, parse, type Caller, type EngineContext } from './context.js';
import { appendEvent } from './events.js';

/** The setting holding how many working days a follow-up is given. */
const DAYS_SETTING = 'followup.days';
/** Days a list covers when the query names no `from`: the 31 days up to `to`. */
const DEFAULT_RANGE_DAYS = 31;
/** Times an action is prepared again when another manager's action landed first. */
const RETRIES = 3;

/** The sealing context of a follow-up's notes. */
export const followUpContext = (ratingId: string): string => `followup:${ratingId}`;

/** Working days a follow-up is given: the hall's setting, or {@link DEFAULT_FOLLOW_UP_DAYS}. */
export function* followUpDays(): TxBody<number> {
  return ((yield* get(SETTINGS, DAYS_SETTING))?.value as number | undefined) ?? DEFAULT_FOLLOW_UP_DAYS;
}

/** What a follow-up is opened with: the rating as the hall stores it. */
export interface RatedForFollowUp {
  readonly id: string;
  readonly window: string;
  readonly clerk: string;
  readonly grade: number;
  readonly reasons?: readonly RatingReason[];
  /** China day of the rating. */
  readonly day: string;
}

/**
 * Opens the follow-up of a bad rating inside the write transaction that stores it: due the hall's follow-up days
 * after the rating's day by the hall's calendar. Resolves the event that tells staff.
 */
export function* openFollowUp(rating: RatedForFollowUp, at: string): TxBody<FollowUpRow> {
  const calendar = new WorkingDayCalendar(yield* schedules());
  const row: FollowUpRow = {
    ratingId: rating.id,
    window: rating.window,
    clerk: rating.clerk,
    grade: rating.grade,
    reasons: [...(rating.reasons ?? [])],
    day: rating.day,
    openedAt: at,
    due: followUpDue(calendar, rating.day, yield* followUpDays()),
    status: 'open',
    actions: [],
  };
  yield* put(FOLLOWUPS, row);
  return row;
}

/** The event that tells staff a follow-up was opened or changed. */
export function followUpEvent(row: FollowUpRow) {
  return {
    type: 'followup.updated' as const,
    data: { ratingId: row.ratingId, window: row.window, status: row.status, due: row.due },
  };
}

/** A follow-up as the protocol answers it, its notes opened. */
function followUpOf(row: FollowUpRow, notes: readonly string[], today: string): FollowUp {
  return {
    ratingId: row.ratingId,
    window: row.window,
    clerk: row.clerk,
    grade: row.grade,
    reasons: [...row.reasons],
    day: row.day,
    openedAt: row.openedAt,
    due: row.due,
    status: row.status,
    overdue: isFollowUpOverdue(row, today),
    ...(row.closedAt === undefined ? {} : { closedAt: row.closedAt }),
    ...(row.withdrawn ? { withdrawn: true } : {}),
    actions: row.actions.map((entry, index) => ({ ...entry, note: notes[index] ?? '' })),
  };
}

async function notesOf(row: FollowUpRow, vault: Vault | undefined): Promise<string[]> {
  if (row.sealed === undefined || !vault?.canOpen) return [];
  return (await vault.open<{ notes: string[] }>(row.sealed, followUpContext(row.ratingId))).notes;
}

/** `day` moved by `days` (China calendar days). */
function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The follow-ups of the ratings of a range of days (managers; clerks those of the windows they may staff), the due
 * soonest first, at most {@link MAX_FOLLOW_UPS_LISTED}.
 */
export async function followUps(context: EngineContext, caller: Caller, input: unknown): Promise<FollowUpList> {
  const asked = parse(FollowUpQuerySchema, input ?? {}, caller.locale);
  const today = toChinaDate(new Date(context.now()));
  const to = asked.to ?? today;
  const from = asked.from ?? shiftDay(to, 1 - DEFAULT_RANGE_DAYS);
  const status = asked.status ?? 'open';
  const { session } = caller;
  const rows = await context.read(() =>
    query(FOLLOWUPS, 'day', { after: shiftDay(from, -1), before: shiftDay(to, 1) }),
  );
  const shown = rows
    .filter((row) => session.role === 'manager' || session.windows.includes(row.window))
    .filter((row) =>
      status === 'all' ? true : status === 'open' ? row.status === 'open' : isFollowUpOverdue(row, today),
    )
    .sort((a, b) => a.due.localeCompare(b.due) || a.openedAt.localeCompare(b.openedAt))
    .slice(0, MAX_FOLLOW_UPS_LISTED);
  const list: FollowUp[] = [];
  for (const row of shown) list.push(followUpOf(row, await notesOf(row, caller.vault), today));
  return { today, followUps: list };
}

/**
 * Records an action on an open follow-up (managers): its note sealed, who and when from the session and the hall's
 * clock. Feedback, or a review that withdraws the rating, closes it. Answers the follow-up.
 */
export async function actOnFollowUp(
  context: EngineContext,
  caller: Caller,
  id: unknown,
  body: unknown,
): Promise<FollowUp> {
  const { locale } = caller;
  const ratingId = parse(FollowUpIdSchema, id, locale, 'id');
  const act = parse(FollowUpActSchema, body, locale);
  const vault = openingVault(caller);
  for (let attempt = 0; ; attempt++) {
    const row = await context.read(() => get(FOLLOWUPS, ratingId));
    if (!row) throw fail(locale, 'not-found', 'unknownFollowUp', { id: ratingId });
    if (row.status === 'closed') throw fail(locale, 'conflict', 'followUpClosed', { id: ratingId });
    const notes = [...(await notesOf(row, vault)), act.note];
    const at = isoNow(context);
    const withdrawn = act.action === 'review' && act.outcome === 'withdrawn';
    const closes = act.action === 'feedback' || withdrawn;
    const next: FollowUpRow = {
      ...row,
      actions: [
        ...row.actions,
        { action: act.action, ...(act.outcome ? { outcome: act.outcome } : {}), by: caller.session.subject, at },
      ],
      sealed: await vault.seal({ notes }, followUpContext(ratingId)),
      ...(closes ? { status: 'closed' as const, closedAt: at } : {}),
      ...(withdrawn ? { withdrawn: true } : {}),
    };
    const written = await context.write(function* () {
      const current = yield* get(FOLLOWUPS, ratingId);
      // Another action landed since the row was read: prepare this one again on top of it.
      if (!current || current.sealed !== row.sealed || current.status !== row.status) return false;
      yield* put(FOLLOWUPS, next);
      yield* appendEvent({ ...followUpEvent(next), at });
      return true;
    });
    if (written) return followUpOf(next, notes, toChinaDate(new Date(context.now())));
    if (attempt >= RETRIES) throw fail(locale, 'conflict', 'followUpChanged', { id: ratingId });
  }
}

/** Sets how many working days a new follow-up is given (managers), audited; open ones keep their due day. */
export async function saveFollowUpSettings(context: EngineContext, caller: Caller, body: unknown): Promise<void> {
  const { days } = parse(FollowUpSettingSchema, body, caller.locale);
  const at = isoNow(context);
  await context.write(function* () {
    yield* put(SETTINGS, { key: DAYS_SETTING, value: days });
    yield* audit(caller.session.subject, at, 'followups.save', String(days));
  });
}
