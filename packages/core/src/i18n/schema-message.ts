import * as v from 'valibot';

/**
 * Messages of the valibot schemas, in the language of the parse: `v.safeParse(schema, input, { lang: 'zh-CN' })`
 * gives Chinese messages, `lang: 'en-US'` or no `lang` English ones. A message about a field starts, in both languages,
 * with the field's key and `: ` (`copies: 份数应为整数`, `copies: a whole number`): the key is an identifier, not prose,
 * and {@link formatIssues} replaces it with the field's full path.
 */

/** Languages the schemas' messages are written in. */
export type SchemaLocale = 'zh-CN' | 'en-US';

/** The language of a valibot `lang` (`issue.lang`, `config.lang`): Chinese for `zh-CN` (any `zh` tag), else English. */
export function schemaLocale(lang: string | undefined): SchemaLocale {
  return lang !== undefined && /^zh(?:-|$)/i.test(lang) ? 'zh-CN' : 'en-US';
}

/** A message in one language: a text, or a function of the issue (for messages that quote the input). */
export type SchemaText<TIssue extends v.BaseIssue<unknown> = v.BaseIssue<unknown>> =
  string | ((issue: TIssue) => string);

/**
 * A valibot message in English and Chinese, chosen by the issue's `lang` (see {@link schemaLocale}).
 *
 * @example v.integer(bilingual('copies: a whole number', 'copies: 份数应为整数'))
 */
/* @__NO_SIDE_EFFECTS__ */
export function bilingual<TIssue extends v.BaseIssue<unknown> = v.BaseIssue<unknown>>(
  en: SchemaText<TIssue>,
  zh: SchemaText<TIssue>,
): (issue: TIssue) => string {
  return (issue) => {
    const text = schemaLocale(issue.lang) === 'zh-CN' ? zh : en;
    return typeof text === 'function' ? text(issue) : text;
  };
}

/** Options of {@link formatIssues}. */
export interface FormatIssuesOptions {
  /** Put before every path, e.g. `payload` for the body of a mutation (`payload.applicant.idNumber: …`). */
  prefix?: string;
  /** At most this many lines (default 50). */
  max?: number;
}

/**
 * The lines the halls and the workstation show for valibot issues: one per issue, `path: message`, the path being
 * `v.getDotPath(issue)` after `options.prefix`. The schemas' messages start with the field's own key (`copies: …`),
 * which the full path replaces (`payload.materials.0.copies: 份数应为整数`). An issue without a path keeps its message
 * as it is (or, with a prefix, gets the prefix as its path). Repeated lines are left out; at most `options.max` lines.
 */
export function formatIssues(issues: readonly v.BaseIssue<unknown>[], options: FormatIssuesOptions = {}): string[] {
  const { prefix = '', max = 50 } = options;
  const lines = new Set<string>();
  for (const issue of issues) {
    if (lines.size >= max) break;
    lines.add(issueLine(issue, prefix));
  }
  return [...lines];
}

function issueLine(issue: v.BaseIssue<unknown>, prefix: string): string {
  const path = [prefix, v.getDotPath(issue) ?? ''].filter(Boolean).join('.');
  if (!path) return issue.message;
  const last = issue.path?.at(-1)?.key;
  const label = typeof last === 'string' || typeof last === 'number' ? `${String(last)}: ` : undefined;
  const message = label && issue.message.startsWith(label) ? issue.message.slice(label.length) : issue.message;
  return `${path}: ${message}`;
}
