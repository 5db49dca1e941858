import * as v from 'valibot';
import { CASE_STATUS_LABELS, isCaseStatus } from './status.js';

/** Locales the case messages are written in. */
export type CaseLocale = 'zh-CN' | 'en-US';

/** Why a transition was refused; each code has one whole-sentence message per locale. */
export type TransitionErrorCode =
  | 'unknown-status'
  | 'not-allowed'
  | 'terminal'
  | 'invalid-time'
  | 'invalid-actor'
  | 'invalid-window'
  | 'invalid-materials'
  | 'reason-required'
  | 'reason-too-long'
  | 'accept-incomplete'
  | 'tolerance-incomplete'
  | 'supplement-incomplete'
  | 'no-tolerated-material'
  | 'not-tolerable'
  | 'commitment-not-allowed'
  | 'unknown-material'
  | 'supplement-due-required'
  | 'invalid-supplement-due'
  | 'supplement-due-past'
  | 'invalid-promised-date'
  | 'not-yet-overdue'
  | 'overdue-handled'
  | 'items-required'
  | 'items-mismatch'
  | 'not-immediate'
  | 'supplement-outstanding'
  | 'supplement-not-open'
  | 'supplement-empty'
  | 'supplement-not-tolerated'
  | 'supplement-not-received'
  | 'nothing-to-notify'
  | 'signature-not-asked'
  | 'signature-repeated'
  | 'invalid-signature'
  | 'authorisation-lapsed'
  | 'invalid-result'
  | 'handover-identity'
  | 'handover-authorisation-lapsed'
  | 'handover-not-posted'
  | 'invalid-handover'
  | 'invalid-delivery'
  | 'post-not-allowed'
  | 'form-incomplete'
  | 'ground-required'
  | 'unknown-ground';

/**
 * Message templates. Each is a whole sentence with named `{params}`: statuses are filled in with their label in
 * the same locale, lists are joined the locale's way; nothing is glued together from translated fragments.
 */
export const TRANSITION_MESSAGES: Readonly<Record<CaseLocale, Readonly<Record<TransitionErrorCode, string>>>> = {
  'zh-CN': {
    'unknown-status': '没有“{to}”这个案件状态。',
    'not-allowed': '案件不能从“{from}”变为“{to}”，只能变为：{allowed}。',
    terminal: '案件已是“{from}”，不能再变更状态。',
    'invalid-time': '操作时间“{value}”不是带时区的 ISO 8601 时间，例如 2025-03-01T08:30:00Z。',
    'invalid-actor': '操作人编号“{value}”无效：只能包含字母、数字和 . _ -。',
    'invalid-window': '窗口编号“{value}”无效：只能包含 1 到 16 个字母或数字。',
    'invalid-materials': '材料记录不正确：{value}',
    'reason-required': '将案件变为“{to}”必须填写理由。',
    'ground-required': '不予受理须选择依据：法定情形，或所办事项未满足的受理条件。',
    'unknown-ground': '“{value}”不是所办事项的不予受理依据。',
    'reason-too-long': '理由不能超过 500 个字符。',
    'accept-incomplete': '以下必要材料尚未收齐：{materials}。请收齐后受理，或改为容缺受理、一次性告知补正。',
    'tolerance-incomplete': '以下必要材料既未收取也未容缺：{materials}。请收取、容缺，或一次性告知补正。',
    'supplement-incomplete': '以下材料仍未补齐：{materials}。',
    'no-tolerated-material': '容缺受理至少要有一项容缺材料；材料都已收齐的，请直接受理。',
    'not-tolerable': '以下材料不允许容缺（关键材料或高风险事项）：{materials}。',
    'commitment-not-allowed': '以下材料不能以告知承诺代替：{materials}。',
    'unknown-material': '以下材料不在所办事项的材料清单上，不能收取：{materials}。',
    'supplement-due-required': '容缺受理必须确定补齐材料的期限。',
    'invalid-supplement-due': '补齐期限“{value}”不是有效日期，应写作 YYYY-MM-DD。',
    'supplement-due-past': '补齐期限 {value} 早于今天（{today}）。',
    'invalid-promised-date': '承诺办结日期“{value}”不是有效日期，应写作 YYYY-MM-DD。',
    'not-yet-overdue': '补齐期限 {value} 尚未届满，不能标记为逾期。',
    'overdue-handled': '本案逾期未补齐已于 {value} 处理，不再重复处理。',
    'items-required': '需要本案所办事项的目录信息才能判断能否“{to}”。',
    'items-mismatch': '缺少以下事项在本案锁定版本下的目录信息：{items}。',
    'not-immediate': '以下事项不是即办件，不能在受理后直接办结：{items}。',
    'supplement-outstanding': '以下容缺材料尚未补齐：{materials}。补齐之前，案件不能变为“{to}”。',
    'supplement-not-open': '案件为“{from}”，不能登记补齐材料。',
    'supplement-empty': '请至少登记一项已补齐的材料。',
    'supplement-not-tolerated': '以下材料不是本案的容缺材料，无需补齐：{materials}。',
    'supplement-not-received': '补齐的材料必须实际收取（纸质、电子附件、扫描件或电子证照）：{materials}。',
    'nothing-to-notify': '必要材料都已收取或容缺，没有需要一次性告知补正的材料；请受理或容缺受理。',
    'signature-not-asked': '案件为“{from}”，“{value}”不需要申请人签字。',
    'signature-repeated': '“{value}”已经签字，不能重复签字。',
    'invalid-signature': '签字记录不正确：{value}',
    'invalid-delivery': '结果送达信息不正确：{value}',
    'post-not-allowed': '以下事项的办结结果不能邮寄，请选择窗口领取：{items}。',
    'form-incomplete': '申请表还没有填好：{value}。',
    'authorisation-lapsed':
      '代理人的授权已于 {value} 到期（今天是 {today}），不能受理。请代理人提供有效的授权，或由申请人本人办理；可以一次性告知或不予受理。',
    'invalid-result': '办结结果不正确：{value}',
    'handover-identity': '领取人出示的证件与本办件的申请人或代理人不符，不能交付结果。',
    'handover-authorisation-lapsed':
      '代理人的授权已于 {value} 到期（今天是 {today}），不能代为领取。请申请人本人领取，或提供有效的授权。',
    'handover-not-posted': '本办件受理时选择的是窗口领取，不能登记邮寄；请在窗口交付。',
    'invalid-handover': '结果交付记录不正确：{value}',
  },
  'en-US': {
    'unknown-status': 'There is no case status “{to}”.',
    'not-allowed': 'A case cannot go from “{from}” to “{to}”; it can only go to: {allowed}.',
    terminal: 'The case is already “{from}” and its status cannot change any more.',
    'invalid-time': 'The time “{value}” is not an ISO 8601 timestamp with a zone, such as 2025-03-01T08:30:00Z.',
    'invalid-actor': 'The clerk id “{value}” is invalid: use letters, digits and . _ - only.',
    'invalid-window': 'The window code “{value}” is invalid: use 1 to 16 letters or digits.',
    'invalid-materials': 'The material records are invalid: {value}',
    'reason-required': 'A reason is required to make the case “{to}”.',
    'ground-required': 'A refusal needs its ground: a statutory one, or a condition of the items not met.',
    'unknown-ground': '“{value}” is not a ground to refuse these items on.',
    'reason-too-long': 'The reason must be at most 500 characters.',
    'accept-incomplete':
      'These required materials have not all been received: {materials}. Receive them first, accept with tolerance, or notify the applicant once of everything missing.',
    'tolerance-incomplete':
      'These required materials are neither received nor tolerated: {materials}. Receive or tolerate them, or notify the applicant once of everything missing.',
    'supplement-incomplete': 'These materials have still not been supplied: {materials}.',
    'no-tolerated-material':
      'Accepting with tolerance needs at least one tolerated material; if everything is here, accept the case.',
    'not-tolerable': 'These materials may not be tolerated (key materials or a high-risk item): {materials}.',
    'commitment-not-allowed': 'These materials cannot be replaced by a commitment: {materials}.',
    'unknown-material': 'These materials are not on the items’ lists and may not be asked for: {materials}.',
    'supplement-due-required': 'Accepting with tolerance needs a deadline for supplying the tolerated materials.',
    'invalid-supplement-due': 'The supplement deadline “{value}” is not a real date written YYYY-MM-DD.',
    'supplement-due-past': 'The supplement deadline {value} is before today ({today}).',
    'invalid-promised-date': 'The promised completion date “{value}” is not a real date written YYYY-MM-DD.',
    'not-yet-overdue': 'The supplement deadline {value} has not passed yet; the case cannot be marked overdue.',
    'overdue-handled': 'The overdue supplement of this case was handled on {value} already.',
    'items-required': 'The catalog entries of the case’s items are needed to tell whether it can be “{to}”.',
    'items-mismatch': 'The catalog entries of these items, in the versions the case pinned, are missing: {items}.',
    'not-immediate': 'These items are not immediate (即办件) and cannot be decided straight after acceptance: {items}.',
    'supplement-outstanding':
      'These tolerated materials have not been supplied yet: {materials}. The case cannot be “{to}” until they are.',
    'supplement-not-open': 'A supplement cannot be recorded while the case is “{from}”.',
    'supplement-empty': 'Name at least one material that has been supplied.',
    'supplement-not-tolerated':
      'These materials are not tolerated on this case, so there is nothing to supplement: {materials}.',
    'supplement-not-received':
      'A supplied material must actually be received (on paper, as an electronic attachment, a scan or an e-licence): {materials}.',
    'nothing-to-notify':
      'Every required material is received or tolerated, so there is nothing to notify the applicant of; accept the case, with tolerance if need be.',
    'signature-not-asked': 'While the case is “{from}”, the “{value}” needs no signature from the applicant.',
    'signature-repeated': 'The “{value}” is signed already; it cannot be signed twice.',
    'invalid-signature': 'The signature record is invalid: {value}',
    'invalid-delivery': 'The delivery of the result is invalid: {value}',
    'post-not-allowed': 'The results of these items cannot be posted; choose collection at a window: {items}.',
    'form-incomplete': 'The application form is not complete: {value}.',
    'authorisation-lapsed':
      'The proxy’s authorisation ran out on {value} (today is {today}), so the case cannot be accepted. Ask for a valid authorisation or for the applicant in person; the applicant can still be notified once or refused.',
    'invalid-result': 'The result is invalid: {value}',
    'handover-identity':
      'The document presented is not that of the case’s applicant or proxy: the result cannot be handed over.',
    'handover-authorisation-lapsed':
      'The proxy’s authorisation ran out on {value} (today is {today}): they cannot collect the result. The applicant may collect it in person, or bring a valid authorisation.',
    'handover-not-posted':
      'The case chose collection at a window on acceptance: it cannot be posted. Hand it over at the window.',
    'invalid-handover': 'The hand-over record is invalid: {value}',
  },
};

/** Parameters of a transition message; `from`, `to` and `allowed` hold statuses. */
export interface TransitionMessageParams {
  from?: string;
  to?: string;
  allowed?: readonly string[];
  materials?: readonly string[];
  items?: readonly string[];
  /** A value, or a text in each locale (a schema's messages). */
  value?: string | Readonly<Record<CaseLocale, string>>;
  today?: string;
}

function statusLabel(status: string, locale: CaseLocale): string {
  return isCaseStatus(status) ? CASE_STATUS_LABELS[status][locale === 'zh-CN' ? 'zh' : 'en'] : status;
}

function list(values: readonly string[], locale: CaseLocale): string {
  if (values.length === 0) return locale === 'zh-CN' ? '（无）' : '(none)';
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(values);
}

/** The message for `code` in `locale`, with its parameters filled in. */
export function formatTransitionMessage(
  code: TransitionErrorCode,
  params: TransitionMessageParams,
  locale: CaseLocale = 'zh-CN',
): string {
  const template = TRANSITION_MESSAGES[locale][code];
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    switch (key) {
      case 'from':
      case 'to':
        return params[key] === undefined ? whole : statusLabel(params[key], locale);
      case 'allowed':
        return list(
          (params.allowed ?? []).map((s) => statusLabel(s, locale)),
          locale,
        );
      case 'materials':
      case 'items':
        return list(params[key] ?? [], locale);
      case 'value': {
        const value = params.value;
        return value === undefined ? whole : typeof value === 'string' ? value : value[locale];
      }
      case 'today':
        return params.today ?? whole;
      default:
        return whole;
    }
  });
}

/**
 * What `schema` says is wrong with `input`, in each locale (its messages joined), or `undefined` when it passes: for
 * a refusal that quotes the schema, so a Chinese message carries no English fragment.
 */
export function schemaIssues(
  schema: v.GenericSchema,
  input: unknown,
): { output: unknown; issues?: undefined } | { output?: undefined; issues: Readonly<Record<CaseLocale, string>> } {
  const zh = v.safeParse(schema, input, { lang: 'zh-CN' });
  if (zh.success) return { output: zh.output };
  const en = v.safeParse(schema, input, { lang: 'en-US' });
  // Each locale's own list punctuation: 甲；乙 and A; B (a message's closing full stop gives way to the separator).
  const join = (issues: readonly v.BaseIssue<unknown>[], zhCN: boolean) =>
    issues.map((i) => (zhCN ? i.message.replace(/。$/, '') : i.message)).join(zhCN ? '；' : '; ');
  return {
    issues: { 'zh-CN': join(zh.issues, true), 'en-US': en.success ? join(zh.issues, false) : join(en.issues, false) },
  };
}
