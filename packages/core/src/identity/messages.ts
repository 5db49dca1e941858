/**
 * Messages of the identifier checks, in Chinese (default) and English. Each message is a whole sentence with
 * named `{parameters}`; no sentence is assembled from translated fragments. Messages never contain the input.
 */

/** Locales with messages. */
export type IdLocale = 'zh-CN' | 'en-US';

const zhCN = {
  empty: '未填写。',
  'resident-id.length': '居民身份号码应为 18 位（旧证为 15 位），当前为 {actual} 位。',
  'resident-id.charset': '居民身份号码只能由数字组成，仅最后一位可以是 X。',
  'resident-id.check-digit': '居民身份号码校验位不符，号码可能录错，请与证件核对。',
  'resident-id.date-invalid': '号码中的出生日期不存在。',
  'resident-id.date-future': '号码中的出生日期晚于今天。',
  'resident-id.date-too-early': '号码中的出生年份早于 {minYear} 年。',
  'resident-id.unknown-area':
    '地址码不在现行行政区划代码中（{year} 年数据），可能是已撤销或变更的旧代码，请与证件核对。',
  'resident-id.unknown-province':
    '外国人永久居留身份证号码第 2、3 位的受理地省级代码不在现行行政区划代码中（{year} 年数据），请与证件核对。',
  'resident-id.no-check-digit': '15 位旧号码没有校验位，无法发现录入错误，请与证件核对。',
  'holder.birth-date': '号码中的出生日期是 {number}，与证件上的 {stated} 不一致，请与证件核对。',
  'holder.sex-male': '号码表明持证人为男性，与证件上的性别不一致，请与证件核对。',
  'holder.sex-female': '号码表明持证人为女性，与证件上的性别不一致，请与证件核对。',
  'uscc.length': '统一社会信用代码应为 18 位，当前为 {actual} 位。',
  'uscc.charset': '统一社会信用代码只能包含数字和大写字母，且不含 I、O、S、V、Z。',
  'uscc.check-digit': '统一社会信用代码校验位不符，请与证照核对；早期试点的个别代码也有此情况，须由工作人员确认。',
  'uscc.org-code': '统一社会信用代码第 9 至 17 位（组织机构代码）的校验码不符。',
  'uscc.unknown-division': '统一社会信用代码中的行政区划码不在现行代码中（{year} 年数据），请与证照核对。',
  'org-code.length': '组织机构代码应为 8 位本体代码加 1 位校验码，当前为 {actual} 位。',
  'org-code.charset': '组织机构代码本体只能包含数字和大写字母，校验码只能是数字或 X。',
  'org-code.check-digit': '组织机构代码校验码不符，代码可能录错。',
  'phone.charset': '电话号码只能包含数字、空格、连字符和括号，可带 +86 前缀和分机号。',
  'phone.format': '不是有效的手机号码（1 开头的 11 位号码）或带区号的固定电话号码。',
  'division.charset': '行政区划代码只能由数字组成。',
  'division.length': '行政区划代码应为 6 位，当前为 {actual} 位。',
  'division.format': '行政区划代码结构不正确：省级代码不存在，或市级为 00 而县级不为 00。',
  'division.unknown': '行政区划代码不在现行代码中（{year} 年数据），可能已撤销或变更。',
} as const;

/** Message keys. */
export type IdMessageKey = keyof typeof zhCN;

const enUS: Record<IdMessageKey, string> = {
  empty: 'Nothing was entered.',
  'resident-id.length': 'A resident ID number has 18 characters (15 on old cards); this one has {actual}.',
  'resident-id.charset': 'A resident ID number has digits only; just the last character may be X.',
  'resident-id.check-digit':
    'The check character of the resident ID number does not match: it was probably mistyped. Compare it with the card.',
  'resident-id.date-invalid': 'The date of birth in the number does not exist.',
  'resident-id.date-future': 'The date of birth in the number is later than today.',
  'resident-id.date-too-early': 'The year of birth in the number is before {minYear}.',
  'resident-id.unknown-area':
    'The area code is not in the current division list ({year} data); it may be a former code. Compare it with the card.',
  'resident-id.unknown-province':
    'The province of issue (characters 2 and 3) of the foreigner’s permanent residence number is not in the current division list ({year} data). Compare it with the card.',
  'resident-id.no-check-digit':
    'An old 15-digit number has no check character, so typing errors cannot be detected. Compare it with the card.',
  'holder.birth-date':
    'The number gives {number} as the date of birth, not {stated} as on the card: compare it with the card.',
  'holder.sex-male': 'The number is a man’s, which does not agree with the sex on the card: compare it with the card.',
  'holder.sex-female':
    'The number is a woman’s, which does not agree with the sex on the card: compare it with the card.',
  'uscc.length': 'A unified social credit code has 18 characters; this one has {actual}.',
  'uscc.charset': 'A unified social credit code has digits and capital letters only, without I, O, S, V or Z.',
  'uscc.check-digit':
    'The check character of the unified social credit code does not match. Compare it with the licence; a few codes from the early pilots also fail this check and need a clerk to confirm them.',
  'uscc.org-code':
    'The organisation code inside the unified social credit code (characters 9 to 17) has a wrong check character.',
  'uscc.unknown-division':
    'The division code inside the unified social credit code is not in the current list ({year} data). Compare it with the licence.',
  'org-code.length': 'An organisation code has 8 characters and a check character; this one has {actual}.',
  'org-code.charset':
    'An organisation code has digits and capital letters only, and its check character is a digit or X.',
  'org-code.check-digit': 'The check character of the organisation code does not match: it was probably mistyped.',
  'phone.charset':
    'A phone number has digits, spaces, hyphens and brackets only, with an optional +86 prefix and extension.',
  'phone.format':
    'This is neither a mobile number (11 digits starting with 1) nor a landline number with its area code.',
  'division.charset': 'A division code has digits only.',
  'division.length': 'A division code has 6 digits; this one has {actual}.',
  'division.format':
    'The division code is malformed: the province does not exist, or the city part is 00 while the county part is not.',
  'division.unknown':
    'The division code is not in the current list ({year} data); it may have been abolished or changed.',
};

/** The message table, by locale. Replace entries by wrapping {@link formatIdMessage} if a hall needs other wording. */
export const ID_MESSAGES: Readonly<Record<IdLocale, Readonly<Record<IdMessageKey, string>>>> = {
  'zh-CN': zhCN,
  'en-US': enUS,
};

/**
 * The message `key` in `locale` (default `zh-CN`), with `{name}` placeholders filled from `params`.
 * @example formatIdMessage('uscc.length', { actual: 17 }, 'en-US')
 */
export function formatIdMessage(
  key: IdMessageKey,
  params: Readonly<Record<string, string | number>> = {},
  locale: IdLocale = 'zh-CN',
): string {
  const template = (ID_MESSAGES[locale] ?? ID_MESSAGES['zh-CN'])[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
