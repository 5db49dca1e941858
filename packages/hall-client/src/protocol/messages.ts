/**
 * What a hall says when it refuses a call, in zh-CN and en-US: one table for every implementation (the reference
 * hall server, the local hall, a district's own), so that a clerk reads the same sentence for the same refusal
 * whichever hall answers. Values are filled into `{name}` placeholders, never concatenated into a sentence.
 * @module
 */

/** The languages a hall answers in: zh-CN (the default) and en-US. */
export type HallLocale = 'zh-CN' | 'en-US';

/** One message in both languages. */
export interface HallText {
  readonly zh: string;
  readonly en: string;
}

/** A value filled into a message: as it is, or in the message's language (a role's name, …). */
export type MessageValue = string | number | HallText;

/** The names of the `{name}` placeholders of a text (of each text of a union). */
export type PlaceholdersOf<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholdersOf<Rest>
  : never;

/** The values a message needs: one for each placeholder of its texts. */
export type MessageParams<T extends HallText> = { readonly [Name in PlaceholdersOf<T['zh'] | T['en']>]: MessageValue };

/** The arguments after the locale: the values when the message has placeholders, none (or `{}`) otherwise. */
export type MessageArgs<T extends HallText> = [PlaceholdersOf<T['zh'] | T['en']>] extends [never]
  ? [params?: Readonly<Record<string, never>>]
  : [params: MessageParams<T>];

/**
 * The refusals of the hall protocol, each written for a clerk: what happened and, where there is something to
 * do, what to do. An implementation adds its own messages (a server's unknown route, a local hall's database
 * failure) by spreading this table into its own; it does not reword these.
 */
export const HALL_MESSAGES = {
  // ---- any route ----
  invalid: { zh: '请求内容不符合要求，请检查后重试', en: 'The request is not valid; check it and try again' },
  unauthenticated: { zh: '请先登录', en: 'Log in first' },
  sessionEnded: { zh: '登录已失效，请重新登录', en: 'Your session has ended: log in again' },
  forbidden: { zh: '当前身份（{role}）无权进行此操作', en: 'Your role ({role}) may not do this' },
  tooLarge: { zh: '请求内容过大，上限为 {limit}', en: 'The request is too large; the limit is {limit}' },
  // ---- session ----
  badPassword: { zh: '用户名或密码不正确', en: 'Wrong user name or password' },
  badDevice: { zh: '设备令牌无效，请重新登记设备', en: 'Unknown device token: enrol the device again' },
  rateLimited: {
    zh: '登录失败次数过多，请 {minutes} 分钟后再试',
    en: 'Too many failed logins: try again in {minutes} minute(s)',
  },
  // ---- queue ----
  forbiddenWindow: {
    zh: '只能为本人所在的 {window} 号窗口叫号',
    en: 'You may only call tickets for your own window {window}',
  },
  unknownWindow: { zh: '大厅没有 {window} 号窗口', en: 'The hall has no window {window}' },
  unknownCategory: { zh: '大厅没有 {category} 类排队业务', en: 'The hall issues no tickets of category {category}' },
  queueFull: {
    zh: '{category} 类今日号码已发完，请明天再来',
    en: 'Category {category} has issued all its tickets today: come again tomorrow',
  },
  // ---- catalog, cases, attachments ----
  catalogNotFound: { zh: '大厅尚未发布事项目录', en: 'The hall has not published a catalog yet' },
  caseNotFound: { zh: '大厅没有这个办件', en: 'The hall holds no such case' },
  attachmentNotFound: { zh: '大厅没有这个附件', en: 'The hall holds no such attachment' },
  badHash: {
    zh: '附件名称应为 64 位十六进制的 SHA-256',
    en: 'An attachment is named by its SHA-256: 64 hexadecimal characters',
  },
  hashMismatch: {
    zh: '附件内容的 SHA-256 与名称不符（实为 {actual}），未保存',
    en: 'The attachment does not hash to its name (it hashes to {actual}); nothing was stored',
  },
  // ---- why a mutation was refused (the `message` of a rejected result) ----
  rejectedInvalid: { zh: '数据不符合要求：{issues}', en: 'The data is not valid: {issues}' },
  rejectedMissing: {
    zh: '大厅尚未收到 {count} 个附件，请先上传再重试',
    en: 'The hall does not hold {count} attachment(s) yet: upload them, then retry',
  },
  rejectedStale: {
    zh: '大厅已有该办件更新的版本（{storedUpdatedAt}），此次保存未生效',
    en: 'The hall holds a newer version of this case ({storedUpdatedAt}); this save was not applied',
  },
  rejectedNumberTaken: { zh: '办件编号 {number} 已被另一办件使用', en: 'Case number {number} belongs to another case' },
  rejectedRatingExists: { zh: '该评价已经记录过', en: 'This rating is already recorded' },
  rejectedOtherHall: { zh: '只能保存本大厅（{hall}）的办件', en: 'You may only save cases of your own hall ({hall})' },
  rejectedOtherWindow: {
    zh: '只能提交本窗口（{window}）的评价',
    en: 'You may only send ratings of your own window ({window})',
  },
  rejectedOtherWindowCase: {
    zh: '只能保存本窗口（{window}）的办件，不能新建或修改其他窗口的办件',
    en: 'You may only save cases of your own window ({window}): not create or change those of another window',
  },
  rejectedNoWindow: {
    zh: '登录时未选择窗口，不能提交办件或评价',
    en: 'This session has no window: log in at a window to send cases or ratings',
  },
  rejectedIdReused: {
    zh: '该变更编号已用于其他内容，此次保存未生效',
    en: 'This mutation id was already used for other content; this one was not applied',
  },
  rejectedKind: { zh: '当前身份（{role}）不能提交此类数据（{kind}）', en: 'Your role ({role}) may not send {kind}' },
} as const satisfies Record<string, HallText>;

/** Key of {@link HALL_MESSAGES}. */
export type HallMessageKey = keyof typeof HALL_MESSAGES;

/**
 * A text in a language with its `{name}` placeholders filled: a value given as {@link HallText} in the same
 * language; a placeholder without a value stays as it is (visible, rather than a sentence with a hole).
 */
export function fillMessage(
  text: HallText,
  locale: HallLocale,
  params: Readonly<Record<string, MessageValue>> = {},
): string {
  const pick = (value: HallText) => (locale === 'en-US' ? value.en : value.zh);
  return pick(text).replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? pick(value) : String(value);
  });
}

/**
 * A protocol message in a language, its placeholders filled from `params` (required, and type-checked, when the
 * message has any): `hallMessage('forbidden', 'zh-CN', { role: ROLES.kiosk })` is
 * `当前身份（自助取号机）无权进行此操作`.
 */
export function hallMessage<K extends HallMessageKey>(
  key: K,
  locale: HallLocale,
  ...[params]: MessageArgs<(typeof HALL_MESSAGES)[K]>
): string {
  return fillMessage(HALL_MESSAGES[key], locale, params);
}

/** A size limit in human units, as messages quote it: `20 MiB`, `512 KiB`, `100 B`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} B`;
}
