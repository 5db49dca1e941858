import { ERROR_STATUS, HallError, type ErrorCode } from '../protocol.js';

/** Languages the local hall answers in. */
export type HallLocale = 'zh-CN' | 'en-US';

/** What the local hall says when it refuses a call, in both languages. */
const MESSAGES = {
  'not-seeded': { zh: '本机大厅尚未初始化', en: 'The local hall has not been set up yet' },
  'login-required': { zh: '请先登录', en: 'Log in first' },
  'session-ended': { zh: '登录已失效，请重新登录', en: 'The session has ended: log in again' },
  'bad-password': { zh: '用户名或密码错误', en: 'Wrong user name or password' },
  'bad-device': { zh: '设备令牌无效', en: 'Unknown device token' },
  'rate-limited': {
    zh: '登录失败次数过多，请 {minutes} 分钟后再试',
    en: 'Too many failed logins: try again in {minutes} minute(s)',
  },
  forbidden: { zh: '当前账号无权进行此操作', en: 'This account may not do this' },
  'other-window': { zh: '只能为本人所在窗口叫号', en: 'A clerk calls to the window they sit at' },
  invalid: { zh: '请求数据不符合要求', en: 'The request is not valid' },
  'unknown-window': { zh: '本大厅没有这个窗口', en: 'This hall has no such window' },
  'unknown-category': { zh: '本大厅没有这个取号类别', en: 'This hall issues no such ticket category' },
  'bad-hash': { zh: '附件校验值格式不正确', en: 'Not a SHA-256 hash' },
  'hash-mismatch': { zh: '附件内容与校验值不符', en: 'The file does not hash to the given SHA-256' },
  'too-large': { zh: '附件过大', en: 'The file is too large' },
  'queue-full': { zh: '该类别今日号码已发完', en: 'This category has issued all of today’s numbers' },
  'no-rating-key': {
    zh: '本机大厅升级后尚未设置评价密钥，请窗口人员或管理人员先登录一次',
    en: 'The upgraded local hall has no rating key yet: a clerk or manager must log in once',
  },
  aborted: { zh: '操作已取消', en: 'The call was cancelled' },
  internal: { zh: '本机大厅数据库出错', en: 'The local hall’s database failed' },
} as const;
/** Key of the local hall's messages. */
export type MessageKey = keyof typeof MESSAGES;

/** The message in a language. */
export function message(key: MessageKey, locale: HallLocale): string {
  return locale === 'en-US' ? MESSAGES[key].en : MESSAGES[key].zh;
}

/** A {@link HallError} with the status the hall server would answer for `code`. */
export function hallError(
  code: ErrorCode | 'aborted',
  key: MessageKey,
  locale: HallLocale,
  issues: readonly string[] = [],
): HallError {
  const status = code === 'aborted' ? 0 : ERROR_STATUS[code];
  return new HallError(message(key, locale), code, status, issues);
}
