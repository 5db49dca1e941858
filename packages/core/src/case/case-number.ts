import * as v from 'valibot';
import { chinaDateParts, dayNumberOf } from '../calendar/date.js';
import { bilingual } from '../i18n/schema-message.js';

/**
 * Case numbers (办件编号) `{hall}-{yyyyMMdd}-{window}-{seq}`, e.g. `TJHP01-20250301-W03-0007`. Each window numbers
 * its own cases, so windows working offline never collide; the day is the China (UTC+8) calendar day.
 */

const CODE_REGEX = /^[0-9A-Za-z]{1,16}$/;
/** Last millisecond of 9999-12-31 in China time: four-digit years only. */
const LAST_INSTANT = Date.UTC(9999, 11, 31, 16) - 1;
const NUMBER_REGEX = /^([0-9A-Za-z]{1,16})-(\d{8})-([0-9A-Za-z]{1,16})-(\d{4,})$/;

/** The parts of a case number. */
export interface CaseNumberParts {
  hall: string;
  /** China calendar day, `yyyyMMdd`. */
  date: string;
  window: string;
  /** 1, 2, …; printed with at least four digits. */
  seq: number;
}

/** What a {@link CaseNumberer} must have persisted to continue without collision: the last number it issued. */
export interface CaseNumbererState {
  hall: string;
  window: string;
  /** China calendar day of the last number, `yyyyMMdd`. */
  day: string;
  /** Sequence of the last number issued that day. */
  seq: number;
}

/** Why a case number, code or numberer state was rejected. */
export type CaseNumberErrorCode =
  | 'invalid-hall'
  | 'invalid-window'
  | 'invalid-time'
  | 'invalid-state'
  | 'state-mismatch'
  | 'malformed'
  | 'invalid-date'
  | 'invalid-seq';

/** Thrown for a malformed case number, hall or window code, time or persisted state. */
export class CaseNumberError extends Error {
  override readonly name = 'CaseNumberError';
  constructor(
    readonly code: CaseNumberErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Hall code: 1 to 16 letters or digits (no `-`, which separates the parts of a case number). */
export const HallCodeSchema = v.pipe(
  v.string(bilingual('hall: a hall code string is required', 'hall: 应填写大厅编码')),
  v.regex(
    CODE_REGEX,
    bilingual("hall: 1 to 16 letters or digits, without '-'", 'hall: 应为 1 到 16 位字母或数字，不能含“-”'),
  ),
);

/** Window code: 1 to 16 letters or digits (no `-`, which separates the parts of a case number). */
export const WindowCodeSchema = v.pipe(
  v.string(bilingual('window: a window code string is required', 'window: 应填写窗口编码')),
  v.regex(
    CODE_REGEX,
    bilingual("window: 1 to 16 letters or digits, without '-'", 'window: 应为 1 到 16 位字母或数字，不能含“-”'),
  ),
);

/** Whether `code` may be a hall or window code. */
export function isHallOrWindowCode(code: unknown): code is string {
  return typeof code === 'string' && CODE_REGEX.test(code);
}

/** The China (UTC+8) calendar day of a UTC instant, as `yyyyMMdd`; independent of the machine's time zone. */
export function chinaDay(epochMs: number): string {
  const { year, month, day } = chinaDateParts(epochMs);
  return `${String(year).padStart(4, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

function isDay(text: string): boolean {
  return (
    /^\d{8}$/.test(text) &&
    dayNumberOf(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8))) !== undefined
  );
}

function checkCode(kind: 'hall' | 'window', code: unknown): string {
  if (!isHallOrWindowCode(code)) {
    throw new CaseNumberError(
      kind === 'hall' ? 'invalid-hall' : 'invalid-window',
      `${kind} code "${String(code)}" is invalid: use 1 to 16 letters or digits, without '-'`,
    );
  }
  return code;
}

/**
 * Writes a case number from its parts.
 *
 * @throws CaseNumberError if a part is invalid.
 */
export function formatCaseNumber(parts: CaseNumberParts): string {
  checkCode('hall', parts.hall);
  checkCode('window', parts.window);
  if (!isDay(parts.date)) {
    throw new CaseNumberError('invalid-date', `case number date "${parts.date}" is not a real day written yyyyMMdd`);
  }
  if (!Number.isSafeInteger(parts.seq) || parts.seq < 1) {
    throw new CaseNumberError('invalid-seq', `case number sequence ${parts.seq} must be a whole number from 1`);
  }
  return `${parts.hall}-${parts.date}-${parts.window}-${String(parts.seq).padStart(4, '0')}`;
}

/**
 * Reads a case number back into its parts.
 *
 * @throws CaseNumberError with a message saying what is wrong.
 */
export function parseCaseNumber(text: string): CaseNumberParts {
  const m = NUMBER_REGEX.exec(typeof text === 'string' ? text : '');
  if (!m) {
    throw new CaseNumberError(
      'malformed',
      `"${String(text)}" is not a case number: expected hall-yyyyMMdd-window-sequence, e.g. TJHP01-20250301-W03-0007`,
    );
  }
  const [, hall = '', date = '', window = '', seqText = ''] = m;
  if (!isDay(date)) throw new CaseNumberError('invalid-date', `case number "${text}": ${date} is not a real day`);
  const seq = Number(seqText);
  if (seq < 1 || !Number.isSafeInteger(seq) || (seqText.length > 4 && seqText.startsWith('0'))) {
    throw new CaseNumberError(
      'invalid-seq',
      `case number "${text}": the sequence must be 0001 or more, four digits or as many as needed without leading zeros`,
    );
  }
  return { hall, date, window, seq };
}

/** Whether `text` is a well-formed case number. */
export function isCaseNumber(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  try {
    parseCaseNumber(text);
    return true;
  } catch {
    return false;
  }
}

/** Valibot schema of a case number. */
export const CaseNumberSchema = v.pipe(
  v.string(bilingual('number: a case number string is required', 'number: 应填写办件编号')),
  v.check(
    (text: string) => isCaseNumber(text),
    bilingual(
      'number: a case number hall-yyyyMMdd-window-sequence, e.g. TJHP01-20250301-W03-0007',
      'number: 办件编号应为“大厅-日期(yyyyMMdd)-窗口-序号”，例如 TJHP01-20250301-W03-0007',
    ),
  ),
);

/**
 * Issues case numbers for one window, offline. The caller persists {@link CaseNumberer.state} together with the
 * case that used the number (one transaction), and passes it back on the next start.
 *
 * - The sequence restarts at 0001 each China calendar day (UTC+8, from the UTC instant).
 * - If the clock reads an earlier day than the last number's (the clock was set back), numbering continues on
 *   the last number's day, so a number is never issued twice; it corrects itself when the clock catches up.
 * - Beyond 9999 the sequence simply grows a digit.
 */
export class CaseNumberer {
  readonly hall: string;
  readonly window: string;
  #day: string | undefined;
  #seq = 0;

  /**
   * @param init.state the state persisted after the last number, if any.
   * @throws CaseNumberError if a code is invalid or the state is malformed or belongs to another hall or window.
   */
  constructor(init: { hall: string; window: string; state?: CaseNumbererState | null | undefined }) {
    this.hall = checkCode('hall', init.hall);
    this.window = checkCode('window', init.window);
    const state = init.state;
    if (state) {
      if (typeof state.day !== 'string' || !isDay(state.day) || !Number.isSafeInteger(state.seq) || state.seq < 0) {
        throw new CaseNumberError(
          'invalid-state',
          'case numberer state is malformed: day must be yyyyMMdd and seq a whole number from 0',
        );
      }
      if (state.hall !== this.hall || state.window !== this.window) {
        throw new CaseNumberError(
          'state-mismatch',
          `case numberer state belongs to ${state.hall}/${state.window}, not ${this.hall}/${this.window}`,
        );
      }
      this.#day = state.day;
      this.#seq = state.seq;
    }
  }

  /** The state to persist, or `undefined` before the first number when none was restored. */
  get state(): CaseNumbererState | undefined {
    return this.#day === undefined
      ? undefined
      : { hall: this.hall, window: this.window, day: this.#day, seq: this.#seq };
  }

  /**
   * The next case number.
   *
   * @param now the current instant (epoch milliseconds or a Date); `Date.now()` when omitted.
   * @throws CaseNumberError if `now` is not a valid time.
   */
  next(now: number | Date = Date.now()): string {
    const ms = typeof now === 'number' ? now : now.getTime();
    if (!Number.isFinite(ms) || ms < 0 || ms > LAST_INSTANT) {
      throw new CaseNumberError(
        'invalid-time',
        `case number time ${String(now)} is not a valid instant from 1970 to 9999`,
      );
    }
    const today = chinaDay(ms);
    if (this.#day === undefined || today > this.#day) {
      this.#day = today;
      this.#seq = 1;
    } else {
      this.#seq += 1;
    }
    return formatCaseNumber({ hall: this.hall, date: this.#day, window: this.window, seq: this.#seq });
  }
}
