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
    'picker.error.http': '事项目录无法载入：服务器返回 {status}。',
    'picker.error.format': '事项目录无法载入：目录格式不正确（位置 {path}）。',
    'picker.error.network': '事项目录无法载入：网络不可用。',
    'picker.error.other': '事项目录无法载入（{detail}）。',
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
    'picker.error.http': 'The service catalog could not be loaded: the server answered {status}.',
    'picker.error.format': 'The service catalog could not be loaded: it is malformed at {path} ({detail}).',
    'picker.error.network': 'The service catalog could not be loaded: the network is unavailable.',
    'picker.error.other': 'The service catalog could not be loaded ({detail}).',
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

export const LOCALES = Object.keys(MESSAGES) as Locale[];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Picks a supported locale for a BCP 47 tag (`en`, `en-GB` → en-US; anything else → zh-CN). */
export function resolveLocale(tag: string | null | undefined): Locale {
  if (!tag) return DEFAULT_LOCALE;
  if ((LOCALES as string[]).includes(tag)) return tag as Locale;
  return tag.toLowerCase().startsWith('en') ? 'en-US' : DEFAULT_LOCALE;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** The message `key` in `locale`, its plural form chosen by its count, `{name}` placeholders filled. */
export function msg(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const message: Message = MESSAGES[locale][key] ?? MESSAGES[DEFAULT_LOCALE][key];
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
}
