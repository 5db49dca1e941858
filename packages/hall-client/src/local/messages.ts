import {
  ERROR_STATUS,
  HALL_MESSAGES,
  HallError,
  fillMessage,
  type ErrorCode,
  type HallLocale,
  type HallText,
  type MessageArgs,
} from '../protocol.js';

/**
 * What the local hall says when it refuses a call, in both languages: the protocol's messages
 * ({@link HALL_MESSAGES}, the very sentences the hall server answers with) and the local hall's own.
 */
const MESSAGES = {
  ...HALL_MESSAGES,
  notSeeded: { zh: '本机大厅尚未初始化', en: 'The local hall has not been set up yet' },
  noRatingKey: {
    zh: '本机大厅升级后尚未设置评价密钥，请窗口人员或管理人员先登录一次',
    en: 'The upgraded local hall has no rating key yet: a clerk or manager must log in once',
  },
  aborted: { zh: '操作已取消', en: 'The call was cancelled' },
  internal: { zh: '本机大厅数据库出错', en: 'The local hall’s database failed' },
} as const satisfies Record<string, HallText>;

/** Key of the local hall's messages. */
export type MessageKey = keyof typeof MESSAGES;

/** The values a local hall's message needs (none, or one per placeholder). */
export type LocalMessageArgs<K extends MessageKey> = MessageArgs<(typeof MESSAGES)[K]>;

/** The message in a language, its placeholders filled. */
export function message<K extends MessageKey>(key: K, locale: HallLocale, ...[params]: LocalMessageArgs<K>): string {
  return fillMessage(MESSAGES[key], locale, params);
}

/** A {@link HallError} with `message` and the status the hall server would answer for `code`. */
export function hallError(code: ErrorCode | 'aborted', message: string, issues: readonly string[] = []): HallError {
  const status = code === 'aborted' ? 0 : ERROR_STATUS[code];
  return new HallError(message, code, status, issues);
}
