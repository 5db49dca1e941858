import { BehaviorSubject, type Observable } from 'rxjs';
import type { Locale } from '@yichuang/ui';
import {
  checkForm,
  isBlankAnswer,
  mergeItemForms,
  type FormItem,
  type FormValue,
  type FormValues,
  type MergedFormField,
} from '@yichuang/core';

/** What `<yc-item-form>` shows. */
export interface ItemFormState {
  /** The one form of the items: each field once, in order. */
  fields: readonly MergedFormField[];
  /** The answers: a number once the text reads as one, a yes-no as `true`/`false`, the rest as text. */
  answers: FormValues;
  /** What each text field shows: as typed (`1.` stays `1.` while its answer is 1). */
  texts: Readonly<Record<string, string>>;
  /** The fields the clerk typed themselves (pre-filling leaves them alone). */
  edited: readonly string[];
  /** The fields the clerk has left (their problems show from then on). */
  touched: readonly string[];
  /** What is wrong with each field now, in the clerk's language: shown for the fields touched. */
  problems: Readonly<Record<string, string>>;
  /** How many fields must still be filled in or corrected before the case can be accepted. */
  remaining: number;
}

const EMPTY: ItemFormState = {
  fields: [],
  answers: {},
  texts: {},
  edited: [],
  touched: [],
  problems: {},
  remaining: 0,
};

/**
 * The application form (申请表) of the items taken in, without a DOM: the items' forms merged (a bundle asks a shared
 * field once), the answers as typed, and what the core's {@link checkForm} finds wrong with them; the case is accepted
 * only when it finds nothing.
 */
export class ItemFormController {
  readonly #state = new BehaviorSubject<ItemFormState>(EMPTY);
  #locale: Locale = 'zh-CN';

  get state$(): Observable<ItemFormState> {
    return this.#state.asObservable();
  }

  get state(): ItemFormState {
    return this.#state.value;
  }

  /** The clerk's language, for the problems. */
  configure(locale: Locale): void {
    if (locale === this.#locale) return;
    this.#locale = locale;
    this.#next({});
  }

  /**
   * Shows the form of `items` with `answers` (a resumed draft, the pre-filled values, the host's echo of what was
   * typed) and the fields `edited` by hand. A field whose text already reads as its answer keeps its text, so the
   * echo of an answer being typed changes nothing on screen; the fields left keep their problems shown.
   */
  load(items: readonly FormItem[], answers: FormValues = {}, edited: readonly string[] = []): void {
    const fields = mergeItemForms(items);
    const keys = new Set(fields.map(({ field }) => field.key));
    const texts: Record<string, string> = {};
    for (const { field } of fields) {
      const answer = answers[field.key];
      if (answer === undefined || typeof answer === 'boolean') continue;
      const typed = this.state.texts[field.key];
      texts[field.key] = typed !== undefined && asAnswer(field.kind, typed) === answer ? typed : String(answer);
    }
    const touched = this.state.touched.filter((key) => keys.has(key));
    this.#next({ fields, answers, texts, edited, touched });
  }

  /**
   * The clerk's answer to a field, as typed: a yes-no as `true`/`false`, a number as a number once it reads as one,
   * everything else as text; an empty answer removes the field's answer.
   */
  set(key: string, input: string | boolean): void {
    const merged = this.state.fields.find(({ field }) => field.key === key);
    if (!merged) return;
    const answers: Record<string, FormValue> = { ...this.state.answers };
    const texts: Record<string, string> = { ...this.state.texts };
    const value = typeof input === 'boolean' ? input : asAnswer(merged.field.kind, input);
    if (typeof input === 'string') texts[key] = input;
    if (isBlankAnswer(value)) delete answers[key];
    else answers[key] = value;
    const edited = this.state.edited.includes(key) ? this.state.edited : [...this.state.edited, key];
    this.#next({ answers, texts, edited });
  }

  /** The clerk left a field: its problem shows from now on. */
  touch(key: string): void {
    if (this.state.touched.includes(key)) return;
    this.#next({ touched: [...this.state.touched, key] });
  }

  /** Shows every field's problem (the clerk asked to go on). */
  touchAll(): void {
    this.#next({ touched: this.state.fields.map(({ field }) => field.key) });
  }

  #next(patch: Partial<ItemFormState>): void {
    const next = { ...this.state, ...patch };
    const { problems } = checkForm(next.fields, next.answers, this.#locale);
    const shown = Object.fromEntries(Object.entries(problems).filter(([key]) => next.touched.includes(key)));
    this.#state.next({ ...next, problems: shown, remaining: Object.keys(problems).length });
  }
}

/** A typed answer as the field's kind reads it: a number when it is one, text otherwise (the check then says why). */
function asAnswer(kind: MergedFormField['field']['kind'], input: string): FormValue {
  if (kind !== 'number') return input;
  const text = input.trim().replace(/[,，]/g, '');
  return text !== '' && Number.isFinite(Number(text)) ? Number(text) : input;
}
