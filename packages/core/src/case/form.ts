import * as v from 'valibot';
import { isIsoDate } from '../calendar/date.js';
import type { FormField, ServiceItem } from '../catalog/item.js';
import { checkPhone } from '../identity/phone.js';
import { checkResidentId } from '../identity/resident-id.js';
import { checkUscc } from '../identity/uscc.js';
import { bilingual, schemaLocale } from '../i18n/schema-message.js';
import type { IdCheckOptions, IdCheckResult } from '../identity/result.js';
import type { Applicant, ApplicantProxy } from '../people/applicant.js';
import type { CaseMaterial } from './case.js';
import { codeSchema } from './fields.js';
import type { CaseLocale } from './messages.js';

/**
 * The application form (申请表) of a case: generated from its items' form descriptions (`ServiceItem.form`), asked
 * once for a bundle, pre-filled from what the window already knows, and checked here — by the window as the clerk
 * types and by the state machine before a case is accepted.
 */

/** An answer on the form: text (dates as `YYYY-MM-DD`), a number, or yes/no. */
export type FormValue = string | number | boolean;
/** The answers of a case's form, by field key. */
export type FormValues = Readonly<Record<string, FormValue>>;

/** Most answers a case's form keeps, and most characters in one. */
export const MAX_FORM_VALUES = 200;
export const MAX_FORM_TEXT = 2000;

/** The answers as a case keeps them: keys are field keys, values bounded (a client sends nothing unbounded). */
export const FormValuesSchema = v.pipe(
  v.record(
    codeSchema('form'),
    v.union(
      [
        v.pipe(
          v.string(),
          v.maxLength(
            MAX_FORM_TEXT,
            bilingual(`form: at most ${MAX_FORM_TEXT} characters`, `form: 不能超过 ${MAX_FORM_TEXT} 个字符`),
          ),
        ),
        v.pipe(v.number(), v.finite()),
        v.boolean(),
      ],
      bilingual('form: each answer a text, a number or true/false', 'form: 每项应为文字、数字或是/否'),
    ),
    bilingual('form: an object of field → answer', 'form: 应为“字段 → 填写内容”的对象'),
  ),
  v.check(
    (values) => Object.keys(values).length <= MAX_FORM_VALUES,
    bilingual(`form: at most ${MAX_FORM_VALUES} answers`, `form: 最多 ${MAX_FORM_VALUES} 项`),
  ),
);

/** A field asked once for several items (a bundle's one form). */
export interface MergedFormField {
  /** The field as the first item that has it describes it. */
  field: FormField;
  /** Every item whose form has it, in order. */
  itemIds: string[];
  /** Required if any item requires it. */
  required: boolean;
}

/** What {@link mergeItemForms} needs of an item. */
export type FormItem = Pick<ServiceItem, 'id'> & Partial<Pick<ServiceItem, 'form'>>;

/** The one form of several items: each field key once, in order of first appearance. */
export function mergeItemForms(items: readonly FormItem[]): MergedFormField[] {
  const byKey = new Map<string, MergedFormField>();
  for (const item of items) {
    for (const field of item.form ?? []) {
      const known = byKey.get(field.key);
      if (known) {
        if (!known.itemIds.includes(item.id)) known.itemIds.push(item.id);
        known.required ||= field.required;
      } else {
        byKey.set(field.key, { field, itemIds: [item.id], required: field.required });
      }
    }
  }
  return [...byKey.values()];
}

/** What a refusal says should a check ever refuse without saying why. */
const NOT_VALID = bilingual('not valid', '格式不正确');

/** What a field's answer must be, once given (absence is judged by {@link checkForm}). */
function answerSchema(field: FormField): v.GenericSchema<unknown, FormValue> {
  /** An identifier judged by its core check (messages in the parse's language), kept in its canonical form. */
  const identifier = (check: (input: string, options?: IdCheckOptions) => IdCheckResult) =>
    v.pipe(
      v.string(bilingual('a text is required', '应填写文字')),
      v.rawCheck<string>(({ dataset, config, addIssue }) => {
        if (!dataset.typed) return;
        const result = check(dataset.value, { locale: schemaLocale(config.lang) });
        if (!result.valid) addIssue({ message: (issue) => result.error ?? NOT_VALID(issue) });
      }),
      v.transform((s) => check(s).normalized ?? s),
    );
  switch (field.kind) {
    case 'text':
    case 'multiline': {
      const max = Math.min(field.max ?? (field.kind === 'text' ? 200 : MAX_FORM_TEXT), MAX_FORM_TEXT);
      return v.pipe(
        v.string(bilingual('a text is required', '应填写文字')),
        v.trim(),
        v.minLength(1, bilingual('must not be empty', '不能为空')),
        v.maxLength(max, bilingual(`at most ${max} characters`, `不能超过 ${max} 个字符`)),
      );
    }
    case 'number': {
      const { min, max, unit = '' } = field;
      return v.pipe(
        v.number(bilingual('a number is required', '应填写数字')),
        v.finite(bilingual('a number is required', '应填写数字')),
        v.check((n) => min === undefined || n >= min, bilingual(`at least ${min}${unit}`, `不能小于 ${min}${unit}`)),
        v.check((n) => max === undefined || n <= max, bilingual(`at most ${max}${unit}`, `不能大于 ${max}${unit}`)),
      );
    }
    case 'date':
      return v.pipe(
        v.string(bilingual('a date is required', '应填写日期')),
        v.check(isIsoDate, bilingual('a real date written YYYY-MM-DD', '应为实际存在的日期，格式为 YYYY-MM-DD')),
      );
    case 'choice': {
      const options = field.options ?? [];
      return v.picklist(options, bilingual(`one of ${options.join(', ')}`, `应为以下之一：${options.join('、')}`));
    }
    case 'yes-no':
      return v.boolean(bilingual('yes or no', '应选择“是”或“否”'));
    case 'phone':
      return identifier(checkPhone);
    case 'resident-id':
      return identifier(checkResidentId);
    case 'credit-code':
      return identifier(checkUscc);
  }
}

/** Whether an answer counts as not given: absent, or text with nothing but spaces. */
export function isBlankAnswer(value: FormValue | undefined): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** What {@link checkForm} finds. */
export interface FormCheck {
  /** The answers given and valid, in their canonical form (trimmed text, a phone number as digits …). */
  values: Record<string, FormValue>;
  /** What is wrong, by field key: a required field not filled in, an answer that is not valid, or a key no item asks. */
  problems: Record<string, string>;
}

/**
 * Checks a form's answers against its fields, in the clerk's language: a required field must be answered, every
 * answer given must be valid for its kind (identifiers by the core's own checks), and no answer may be for a field
 * none of the items asks (the window asks for nothing beyond the items' forms).
 */
export function checkForm(
  fields: readonly MergedFormField[],
  answers: FormValues,
  locale: CaseLocale = 'zh-CN',
): FormCheck {
  const values: Record<string, FormValue> = {};
  const problems: Record<string, string> = {};
  const keys = new Set(fields.map((f) => f.field.key));
  for (const key of Object.keys(answers)) {
    if (!keys.has(key)) {
      problems[key] = locale === 'zh-CN' ? '不是所办事项申请表上的内容' : 'not on the form of the items taken in';
    }
  }
  for (const { field, required } of fields) {
    const answer = Object.hasOwn(answers, field.key) ? answers[field.key] : undefined;
    if (isBlankAnswer(answer)) {
      if (required) problems[field.key] = locale === 'zh-CN' ? '必须填写' : 'required';
      continue;
    }
    const parsed = v.safeParse(answerSchema(field), answer, { lang: locale });
    if (parsed.success) values[field.key] = parsed.output;
    else problems[field.key] = parsed.issues[0].message;
  }
  return { values, problems };
}

/**
 * The problems of a form as one line per locale, each field by its label (`联系电话：不是有效的电话号码；…`), for a
 * refusal of the state machine; `undefined` when there is none.
 */
export function formProblemsText(
  fields: readonly MergedFormField[],
  answers: FormValues,
): Readonly<Record<CaseLocale, string>> | undefined {
  const labels = new Map(fields.map((f) => [f.field.key, f.field.label]));
  const line = (locale: CaseLocale) => {
    const problems = Object.entries(checkForm(fields, answers, locale).problems);
    if (problems.length === 0) return undefined;
    const [colon, join] = locale === 'zh-CN' ? ['：', '；'] : [': ', '; '];
    return problems
      .map(([key, problem]) => `${labels.get(key) ?? key}${colon}${problem.replace(/[。.]$/, '')}`)
      .join(join);
  };
  const zh = line('zh-CN');
  return zh === undefined ? undefined : { 'zh-CN': zh, 'en-US': line('en-US')! };
}

/** What a form is pre-filled from: the applicant, the proxy, and the e-licences the case's materials cite. */
export interface PrefillSources {
  applicant?: Applicant | undefined;
  proxy?: ApplicantProxy | undefined;
  materials?: readonly CaseMaterial[];
}

/** The answer a prefill source (`FormField.prefill`) gives, or `undefined` when the window does not know it. */
export function prefillAnswer(
  source: string,
  { applicant, proxy, materials = [] }: PrefillSources,
): string | undefined {
  const [scope, name, part] = source.split('.');
  if (scope === 'applicant' && applicant) {
    switch (name) {
      case 'name':
        return applicant.name;
      case 'idNumber':
        return applicant.kind === 'person' ? applicant.idNumber : applicant.uscc;
      case 'phone':
        return applicant.phone;
      case 'address':
        return applicant.address;
      case 'legalRepresentative':
        return applicant.kind === 'organisation' ? applicant.legalRepresentative.name : undefined;
      default:
        return undefined;
    }
  }
  if (scope === 'proxy' && proxy) {
    if (name === 'name') return proxy.name;
    if (name === 'idNumber') return proxy.idNumber;
    if (name === 'phone') return proxy.phone;
    return undefined;
  }
  if (scope === 'licence') {
    const licence = materials.find((m) => m.licence?.type === name)?.licence;
    if (part === 'number') return licence?.number;
    if (part === 'issuer') return licence?.issuer;
  }
  return undefined;
}

/**
 * The form pre-filled (表单预填): each field with a prefill source the window knows gets its answer, unless the clerk
 * typed that field themselves (`edited`); every other answer stays as it is.
 */
export function prefillForm(
  fields: readonly MergedFormField[],
  answers: FormValues,
  sources: PrefillSources,
  edited: readonly string[] = [],
): FormValues {
  const next: Record<string, FormValue> = { ...answers };
  for (const { field } of fields) {
    if (field.prefill === undefined || edited.includes(field.key)) continue;
    const answer = prefillAnswer(field.prefill, sources);
    if (answer !== undefined) next[field.key] = answer;
  }
  return next;
}
