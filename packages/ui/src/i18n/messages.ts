/**
 * UI text. zh-CN is the default. Every message is a whole sentence with named `{params}`, never glued
 * from pieces; a message that depends on a number gives its plural forms (`one`, `other`, …) and names the
 * parameter that selects them.
 */
export type Message = string | { plural: string; one?: string; other: string };

export const MESSAGES = {
  'zh-CN': {
    'picker.label': '搜索事项或一件事',
    'picker.placeholder': '输入事项名称、拼音或首字母，如 ylbx',
    'picker.hint': '输入事项名称、全拼或首字母查找；上下键选择，回车确认，Esc 关闭。',
    'picker.loading': '正在载入事项目录…',
    'picker.error.network':
      '无法从本页面取得事项目录（{url}）：可能是网络中断，也可能是大厅服务器不允许本页面（{origin}）访问。请检查网络后重试；仍不行请联系大厅管理员。',
    'picker.error.http': '大厅服务器未能提供事项目录（HTTP {status}）。请稍后重试；仍不行请联系大厅管理员。',
    'picker.error.http.404': '大厅服务器上没有这个事项目录地址（{url}，HTTP 404）。请联系大厅管理员核对目录地址。',
    'picker.error.http.denied': '大厅服务器不允许本工作站读取事项目录（HTTP {status}）。请重新登录，或联系大厅管理员。',
    'picker.error.http.server': '大厅服务器暂时出错（HTTP {status}），事项目录未能载入。请稍后重试。',
    'picker.error.notJson': '取到的文件不是事项目录（{url}）。请联系大厅管理员核对目录地址。',
    'picker.error.format.catalog': '事项目录有误，暂不能使用：目录的“{field}”不符合要求。请联系大厅管理员修正目录。',
    'picker.error.format.item':
      '事项目录有误，暂不能使用：第 {position} 个事项“{label}”的“{field}”不符合要求。请联系大厅管理员修正目录。',
    'picker.error.format.bundle':
      '事项目录有误，暂不能使用：第 {position} 个一件事“{label}”的“{field}”不符合要求。请联系大厅管理员修正目录。',
    'picker.error.other': '事项目录无法载入（{detail}）。',
    'picker.error.detail': '技术信息：{detail}',
    'picker.retry': '重新载入事项目录',
    'picker.chosen': '已选择：{name}',
    'picker.chosenBundle': '已选择一件事：{name}（含 {count} 个事项）',
    'picker.via.result': '办理结果',
    'picker.via.alias': '又称',
    'picker.via.life-event': '适用情形',
    'picker.via.description': '简介',
    'picker.noCatalog': '尚未配置事项目录。',
    'picker.emptyCatalog': '事项目录中没有事项。',
    'picker.noResult': '没有找到与“{query}”相关的事项。请检查输入，或改用首字母（如“医疗保险”输入 ylbx）。',
    'picker.count': '找到 {total} 项。',
    'picker.countLimited': '找到 {total} 项，显示前 {shown} 项。请输入更多文字缩小范围。',
    'picker.bundles': '一件事',
    'picker.items': '事项',
    'picker.bundleBadge': '一件事',
    'picker.bundleItems': '含 {count} 个事项',
    'picker.immediate': '即办件',
    'limit.working-days': '承诺 {value} 个工作日',
    'limit.natural-days': '承诺 {value} 个自然日',
    'limit.hours': '承诺 {value} 小时',
  },
  'en-US': {
    'picker.label': 'Search service items or bundles',
    'picker.placeholder': 'Name, pinyin or initials, e.g. ylbx',
    'picker.hint': 'Type a name, its pinyin or initials; arrow keys to choose, Enter to confirm, Esc to close.',
    'picker.loading': 'Loading the service catalog…',
    'picker.error.network':
      'The service catalog could not be fetched from this page ({url}): the network may be down, or the hall may not allow this page ({origin}). Check the network and retry; if it persists, call the hall administrator.',
    'picker.error.http':
      'The hall could not provide the service catalog (HTTP {status}). Retry later; if it persists, call the hall administrator.',
    'picker.error.http.404':
      'The hall has no service catalog at this address ({url}, HTTP 404). Ask the hall administrator to check the address.',
    'picker.error.http.denied':
      'The hall does not let this workstation read the service catalog (HTTP {status}). Sign in again, or call the hall administrator.',
    'picker.error.http.server':
      'The hall had a temporary fault (HTTP {status}) and the service catalog did not load. Retry in a moment.',
    'picker.error.notJson':
      'The file fetched is not a service catalog ({url}). Ask the hall administrator to check the address.',
    'picker.error.format.catalog':
      'The service catalog has an error and cannot be used: its “{field}” is not valid. Ask the hall administrator to correct it.',
    'picker.error.format.item':
      'The service catalog has an error and cannot be used: the “{field}” of item {position}, “{label}”, is not valid. Ask the hall administrator to correct it.',
    'picker.error.format.bundle':
      'The service catalog has an error and cannot be used: the “{field}” of bundle {position}, “{label}”, is not valid. Ask the hall administrator to correct it.',
    'picker.error.other': 'The service catalog could not be loaded ({detail}).',
    'picker.error.detail': 'Details: {detail}',
    'picker.retry': 'Load the catalog again',
    'picker.chosen': 'Chosen: {name}',
    'picker.chosenBundle': {
      plural: 'count',
      one: 'Chosen bundle: {name} (1 item)',
      other: 'Chosen bundle: {name} ({count} items)',
    },
    'picker.via.result': 'Result',
    'picker.via.alias': 'Also called',
    'picker.via.life-event': 'For',
    'picker.via.description': 'About',
    'picker.noCatalog': 'No service catalog is configured.',
    'picker.emptyCatalog': 'The service catalog has no items.',
    'picker.noResult': 'Nothing matches “{query}”. Check the spelling or try the initials (ylbx for 医疗保险).',
    'picker.count': { plural: 'total', one: '1 found.', other: '{total} found.' },
    'picker.countLimited': '{total} found, showing the first {shown}. Type more to narrow them down.',
    'picker.bundles': 'Bundles',
    'picker.items': 'Service items',
    'picker.bundleBadge': 'Bundle',
    'picker.bundleItems': { plural: 'count', one: '1 item', other: '{count} items' },
    'picker.immediate': 'Immediate',
    'limit.working-days': {
      plural: 'value',
      one: 'Promised in 1 working day',
      other: 'Promised in {value} working days',
    },
    'limit.natural-days': { plural: 'value', one: 'Promised in 1 day', other: 'Promised in {value} days' },
    'limit.hours': { plural: 'value', one: 'Promised in 1 hour', other: 'Promised in {value} hours' },
  },
} as const satisfies Record<string, Record<string, Message>>;

export type Locale = keyof typeof MESSAGES;
export type MessageKey = keyof (typeof MESSAGES)['zh-CN'];

// Listed, not taken from MESSAGES: a bundle that only resolves locales keeps no message table.
export const LOCALES: Locale[] = ['zh-CN', 'en-US'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Picks a supported locale for a BCP 47 tag (`en`, `en-GB` → en-US; anything else → zh-CN). */
export function resolveLocale(tag: string | null | undefined): Locale {
  if (!tag) return DEFAULT_LOCALE;
  if ((LOCALES as string[]).includes(tag)) return tag as Locale;
  return tag.toLowerCase().startsWith('en') ? 'en-US' : DEFAULT_LOCALE;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** A table of messages per locale, zh-CN complete; what every element package keeps its text in. */
export type MessageTable<K extends string> = { 'zh-CN': Record<K, Message> } & Partial<
  Record<Locale, Partial<Record<K, Message>>>
>;

/**
 * The lookup for a package's own message table: `(locale, key, params)` → the sentence in `locale` (zh-CN where the
 * locale lacks it), its plural form chosen by its count, `{name}` placeholders filled.
 */
export function messagesOf<K extends string>(
  table: MessageTable<K>,
): (locale: Locale, key: K, params?: Record<string, string | number>) => string {
  return (locale, key, params = {}) => {
    const message: Message = table[locale]?.[key] ?? table['zh-CN'][key];
    let template: string;
    if (typeof message === 'string') {
      template = message;
    } else {
      let rules = pluralRules.get(locale);
      if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
      const form = rules.select(Number(params[message.plural]));
      template = (form === 'one' ? message.one : undefined) ?? message.other;
    }
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

/** The message `key` of `@yichuang/ui` in `locale`, its plural form chosen by its count, `{name}` placeholders filled. */
export const msg: (locale: Locale, key: MessageKey, params?: Record<string, string | number>) => string =
  /* @__PURE__ */ messagesOf<MessageKey>(MESSAGES);

/** Names of a catalog's fields, for a clerk reading what is wrong with one; a field not listed keeps its key. */
export const CATALOG_FIELD_LABELS: Record<Locale, Readonly<Record<string, string>>> = {
  'zh-CN': {
    version: '版本号',
    region: '区划代码',
    items: '事项列表',
    bundles: '一件事列表',
    synonyms: '同义词表',
    id: '编号',
    name: '名称',
    aliases: '常用说法',
    lifeEvents: '适用情形',
    description: '简介',
    basicCode: '基本编码',
    implementationCode: '实施编码',
    domain: '领域',
    type: '事项类型',
    agency: '实施主体',
    serviceObject: '服务对象',
    legalLimit: '法定办结时限',
    promisedLimit: '承诺办结时限',
    caseKind: '办件类型',
    result: '办理结果',
    materials: '申请材料',
    fee: '收费',
    pinyin: '拼音',
    wordPinyin: '拼音',
  },
  'en-US': {},
};

/** The label of a catalog field path (`materials.2.copies` → 申请材料), in `locale`. */
export function catalogFieldLabel(locale: Locale, path: string): string {
  const key = path.split('.')[0] ?? '';
  return CATALOG_FIELD_LABELS[locale][key] ?? (path || '(root)');
}

/** A name given in both languages (a status, a kind, a category), in `locale`'s. */
export function localName(name: { readonly zh: string; readonly en: string }, locale: Locale): string {
  return locale === 'en-US' ? name.en : name.zh;
}
