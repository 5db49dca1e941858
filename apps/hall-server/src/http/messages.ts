/**
 * Every message the hall server answers with, in zh-CN and en-US. Values are filled into `{name}` placeholders,
 * never concatenated into a sentence.
 */
export const MESSAGES = {
  invalid: { zh: '请求内容不符合要求，请检查后重试', en: 'The request is not valid; check it and try again' },
  invalidJson: { zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  emptyJson: {
    zh: '请求声明为 JSON，但内容为空',
    en: 'The request says it carries JSON but its body is empty',
  },
  badRequest: { zh: '请求格式有误', en: 'The request is malformed' },
  unauthenticated: {
    zh: '请先登录：缺少登录令牌，或令牌无效、已过期',
    en: 'Log in first: the token is missing, invalid or expired',
  },
  badPassword: { zh: '用户名或密码不正确', en: 'Wrong user name or password' },
  badDevice: { zh: '设备令牌无效，请重新登记设备', en: 'Unknown device token: enrol the device again' },
  rateLimited: {
    zh: '登录失败次数过多，请 {minutes} 分钟后再试',
    en: 'Too many failed logins: try again in {minutes} minute(s)',
  },
  forbidden: {
    zh: '当前身份（{role}）无权进行此操作',
    en: 'Your role ({role}) may not do this',
  },
  forbiddenWindow: {
    zh: '只能为本人所在的 {window} 号窗口叫号',
    en: 'You may only call tickets for your own window {window}',
  },
  unknownWindow: { zh: '大厅没有 {window} 号窗口', en: 'The hall has no window {window}' },
  unknownCategory: { zh: '大厅没有 {category} 类排队业务', en: 'The hall issues no tickets of category {category}' },
  queueFull: {
    zh: '{category} 类今日号码已发完，请明天再来',
    en: 'Category {category} has issued all its tickets today',
  },
  routeNotFound: { zh: '没有这个接口：{method} {path}', en: 'No such route: {method} {path}' },
  caseNotFound: { zh: '大厅没有这个办件', en: 'The hall holds no such case' },
  attachmentNotFound: { zh: '大厅没有这个附件', en: 'The hall holds no such attachment' },
  catalogNotFound: { zh: '大厅尚未发布事项目录', en: 'The hall has not published a catalog yet' },
  tooLarge: { zh: '请求内容过大，上限为 {limit}', en: 'The request is too large; the limit is {limit}' },
  unsupportedMediaType: {
    zh: '不支持的内容类型“{type}”，请使用 application/json',
    en: 'Unsupported content type "{type}": send application/json',
  },
  hashMismatch: {
    zh: '附件内容的 SHA-256 与名称不符（实为 {actual}），未保存',
    en: 'The attachment does not hash to its name (it hashes to {actual}); nothing was stored',
  },
  badHash: {
    zh: '附件名称应为 64 位十六进制的 SHA-256',
    en: 'An attachment is named by its SHA-256: 64 hexadecimal characters',
  },
  fileMissing: {
    zh: '文件 {file} 尚未生成：请先在仓库根目录运行构建（pnpm build）',
    en: 'File {file} is not built yet: run the build (pnpm build) in the repository root',
  },
  internal: { zh: '服务器内部错误，请稍后重试', en: 'Internal server error; try again later' },
  unavailable: { zh: '服务器正在关闭，请稍后重试', en: 'The server is shutting down; try again shortly' },
  // Why a mutation was refused (the detail after the protocol's code).
  rejectedInvalid: { zh: '数据不符合要求：{issues}', en: 'The data is not valid: {issues}' },
  rejectedMissing: {
    zh: '大厅尚未收到 {count} 个附件，请先上传再重试',
    en: 'The hall does not hold {count} attachment(s) yet: upload them, then retry',
  },
  rejectedStale: {
    zh: '大厅已有该办件更新的版本（{storedUpdatedAt}），此次保存未生效',
    en: 'The hall holds a newer version of this case ({storedUpdatedAt}); this save was not applied',
  },
  rejectedNumberTaken: {
    zh: '办件编号 {number} 已被另一办件使用',
    en: 'Case number {number} belongs to another case',
  },
  rejectedRatingExists: { zh: '该评价已经记录过', en: 'This rating is already recorded' },
  rejectedOtherHall: {
    zh: '只能保存本大厅（{hall}）的办件',
    en: 'You may only save cases of your own hall ({hall})',
  },
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
  rejectedKind: {
    zh: '当前身份（{role}）不能提交此类数据（{kind}）',
    en: 'Your role ({role}) may not send {kind}',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

/** Key of {@link MESSAGES}. */
export type MessageKey = keyof typeof MESSAGES;

/** The two languages the hall answers in. */
export type Language = 'zh' | 'en';

/**
 * The answer's language from an `Accept-Language` header: English when the most preferred language the header
 * names among Chinese and English is English; Chinese otherwise (and by default).
 */
export function pickLanguage(header: string | undefined): Language {
  if (!header) return 'zh';
  let best: { language: Language; q: number } | undefined;
  for (const part of header.split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (primary !== 'zh' && primary !== 'en') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { language: primary, q };
  }
  return best?.language ?? 'zh';
}

/** A value filled into a message: as it is, or in the message's language. */
export type MessageValue = string | number | { readonly zh: string; readonly en: string };

/** A message in a language, with its `{name}` placeholders filled. */
export function message(key: MessageKey, language: Language, values: Record<string, MessageValue> = {}): string {
  return MESSAGES[key][language].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? value[language] : String(value);
  });
}
