import {
  HALL_MESSAGES,
  fillMessage,
  type HallLocale,
  type HallText,
  type MessageValue,
} from '@yichuang/hall-client/protocol.js';

export type { MessageValue } from '@yichuang/hall-client/protocol.js';

/**
 * Every message the hall server answers with, in zh-CN and en-US: the protocol's own ({@link HALL_MESSAGES},
 * shared with every other hall, so a clerk reads the same sentence whichever hall answers) and the server's
 * (HTTP-level problems, files to serve, shutting down). Values are filled into `{name}` placeholders, never
 * concatenated into a sentence.
 */
export const MESSAGES = {
  ...HALL_MESSAGES,
  invalidJson: { zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  emptyJson: {
    zh: '请求声明为 JSON，但内容为空',
    en: 'The request says it carries JSON but its body is empty',
  },
  badRequest: { zh: '请求格式有误', en: 'The request is malformed' },
  routeNotFound: { zh: '没有这个接口：{method} {path}', en: 'No such route: {method} {path}' },
  unsupportedMediaType: {
    zh: '不支持的内容类型“{type}”，请使用 application/json',
    en: 'Unsupported content type "{type}": send application/json',
  },
  fileMissing: {
    zh: '文件 {file} 尚未生成：请先在仓库根目录运行构建（pnpm build）',
    en: 'File {file} is not built yet: run the build (pnpm build) in the repository root',
  },
  requestTimeout: { zh: '请求未在规定时间内传完，请重试', en: 'The request did not arrive in time; try again' },
  unavailable: { zh: '服务器正在关闭，请稍后重试', en: 'The server is shutting down; try again shortly' },
} as const satisfies Record<string, HallText>;

/** Key of {@link MESSAGES}. */
export type MessageKey = keyof typeof MESSAGES;

/** The two languages the hall answers in. */
export type Language = HallLocale;

/**
 * The answer's language from an `Accept-Language` header: English when the most preferred language the header
 * names among Chinese and English is English; Chinese otherwise (and by default).
 */
export function pickLanguage(header: string | undefined): Language {
  if (!header) return 'zh-CN';
  let best: { language: Language; q: number } | undefined;
  for (const part of header.split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (primary !== 'zh' && primary !== 'en') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { language: primary === 'en' ? 'en-US' : 'zh-CN', q };
  }
  return best?.language ?? 'zh-CN';
}

/** A message in a language, with its `{name}` placeholders filled. */
export function message(key: MessageKey, language: Language, values: Record<string, MessageValue> = {}): string {
  return fillMessage(MESSAGES[key], language, values);
}
