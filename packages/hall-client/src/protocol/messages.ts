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
  // ---- a client's own (no answer came) ----
  aborted: { zh: '操作已取消', en: 'The call was cancelled' },
  unreachable: { zh: '无法连接大厅服务器', en: 'The hall server could not be reached' },
  noAnswerInTime: { zh: '大厅在 {ms} 毫秒内没有应答', en: 'No answer from the hall within {ms} ms' },
  malformed: {
    zh: '大厅服务器的应答无法识别',
    en: 'The hall server answered something this client does not understand',
  },
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
  noCurrentTicket: {
    zh: '{window} 号窗口当前没有已叫号的排队号',
    en: 'Window {window} has no ticket called now',
  },
  ticketNotWaiting: {
    zh: '排队号 {number} 不在本窗口的等候队列中',
    en: 'Ticket {number} is not waiting for this window',
  },
  ticketNotHeld: { zh: '排队号 {number} 没有挂起在本窗口', en: 'Ticket {number} is not on hold at this window' },
  ticketNotFound: { zh: '今天没有这个排队号', en: 'No such ticket today' },
  windowPaused: {
    zh: '{window} 号窗口已暂停服务（{reason}），请先恢复服务再叫号',
    en: 'Window {window} is paused ({reason}): reopen it before calling',
  },
  windowServing: {
    zh: '{window} 号窗口正在办理 {number} 号，请先办结或挂起再暂停服务',
    en: 'Window {window} is serving {number}: finish or hold it before pausing',
  },
  appointmentNotFound: {
    zh: '没有预约号为 {code} 的预约，请核对预约号，或按普通号取号',
    en: 'No booking has the code {code}: check the code, or take a normal ticket',
  },
  appointmentOtherDay: {
    zh: '预约号 {code} 预约的是 {day}，不是今天',
    en: 'Booking {code} is for {day}, not today',
  },
  appointmentCheckedIn: {
    zh: '预约号 {code} 已取号（{number}），不能重复取号',
    en: 'Booking {code} has been checked in already (ticket {number})',
  },
  windowNotPaused: { zh: '{window} 号窗口没有暂停服务', en: 'Window {window} is not paused' },
  windowAlreadyPaused: {
    zh: '{window} 号窗口已在暂停服务（{reason}）',
    en: 'Window {window} is already paused ({reason})',
  },
  // ---- catalog, cases, attachments ----
  catalogNotFound: { zh: '大厅尚未发布事项目录', en: 'The hall has not published a catalog yet' },
  caseNotFound: { zh: '大厅没有这个办件', en: 'The hall holds no such case' },
  peerCatalogNotFound: {
    zh: '本大厅还没有该地区大厅的事项目录副本（尚未登记或尚未取得）',
    en: 'This hall keeps no copy of that hall’s catalog yet (not enrolled, or not fetched yet)',
  },
  remoteCaseNotFound: { zh: '本大厅没有这个收到的异地件', en: 'This hall received no such case from another hall' },
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
  rejectedTooDeep: {
    zh: '数据嵌套超过 {limit} 层，未处理',
    en: 'The data is nested more than {limit} levels deep; it was not processed',
  },
  rejectedTooBig: {
    zh: '数据过大，未处理：{issue}',
    en: 'The data is too large; it was not processed: {issue}',
  },
  rejectedMissing: {
    zh: '大厅尚未收到 {count} 个附件，请先上传再重试',
    en: 'The hall does not hold {count} attachment(s) yet: upload them, then retry',
  },
  rejectedStale: {
    zh: '该办件在大厅已是第 {version} 版，此次保存所依据的版本已过时，未生效；请刷新办件后重新办理',
    en: 'The hall holds version {version} of this case; this save was based on an older one and was not applied. Reload the case and do it again',
  },
  rejectedBaseUnknown: {
    zh: '大厅没有该办件，此次保存所依据的版本从未送达大厅，未生效',
    en: 'The hall holds no such case: the version this save was based on never reached it; it was not applied',
  },
  rejectedNumberTaken: { zh: '办件编号 {number} 已被另一办件使用', en: 'Case number {number} belongs to another case' },
  rejectedNumberDay: {
    zh: '办件编号 {number} 中的日期与办件的创建日期（{day}）不符',
    en: 'The date in case number {number} is not the day the case was created ({day})',
  },
  rejectedRenumbered: {
    zh: '办件编号不能更改（大厅记录为 {number}）',
    en: 'A case keeps its number (the hall holds {number})',
  },
  rejectedMovedWindow: {
    zh: '办件不能通过保存转到其他窗口（大厅记录为 {window} 号窗口）',
    en: 'A case cannot be moved to another window by saving it (the hall holds it at window {window})',
  },
  rejectedClock: {
    zh: '{field} 的时间（{value}）比大厅时间快 5 分钟以上，请校准本机时钟后重试',
    en: 'The time of {field} ({value}) is more than 5 minutes ahead of the hall’s clock: set this computer’s clock right and retry',
  },
  rejectedResponsible: {
    zh: '首问负责人应为本人（{subject}），已受理办件的首问负责人不能更改',
    en: 'The responsible clerk must be you ({subject}), and a case keeps its responsible clerk',
  },
  rejectedUnknownClerk: { zh: '大厅没有工作人员 {clerk}', en: 'The hall has no clerk {clerk}' },
  rejectedAuditActor: {
    zh: '办理记录中新增的操作人只能是本人（{subject}）',
    en: 'New lines of the case’s trail can only be yours ({subject})',
  },
  rejectedAuditRewritten: {
    zh: '办件已有的办理记录不能修改或删除，只能追加',
    en: 'The lines already in a case’s trail cannot be changed or removed, only added to',
  },
  rejectedStatus: {
    zh: '办件不能从“{from}”变为“{to}”',
    en: 'A case cannot go from “{from}” to “{to}”',
  },
  rejectedUnknownItem: {
    zh: '事项 {item}（第 {version} 版）不在大厅发布的事项目录中',
    en: 'Item {item} (version {version}) is not in a catalog the hall published',
  },
  rejectedUnknownMaterial: {
    zh: '材料 {material} 不在事项 {item} 的材料清单上',
    en: 'Material {material} is not on the list of item {item}',
  },
  rejectedFormIncomplete: {
    zh: '申请表还没有填好，不能受理：{problems}',
    en: 'The application form is not complete, so the case cannot be accepted: {problems}',
  },
  rejectedRefusalGround: {
    zh: '不予受理须依据法定情形或所办事项的受理条件（所给依据：{ground}）',
    en: 'A refusal must rest on a statutory ground or a condition of its items (the ground given: {ground})',
  },
  resultRefused: {
    zh: '不能登记办结结果：{reason}',
    en: 'The result cannot be recorded: {reason}',
  },
  caseChanged: {
    zh: '办件同时被其他人修改，请刷新后重试',
    en: 'The case was changed by someone else meanwhile; reload it and try again',
  },
  rejectedResultForged: {
    zh: '办结结果只能由大厅登记审批部门送回的结果（即办件在窗口办结时除外）',
    en: 'A result is recorded by the hall as the deciding department sent it back (except an immediate item decided at the window)',
  },
  rejectedAuditWindow: {
    zh: '办理记录中新增的窗口只能是您可以值守的窗口（{windows}）',
    en: 'New lines of the case’s trail can only name a window you may staff ({windows})',
  },
  rejectedNotOverdue: {
    zh: '补齐期限 {due} 尚未届满（大厅今天是 {today}），不能按逾期处理',
    en: 'The supplement deadline {due} has not passed (the hall’s today is {today}); the case cannot be handled as overdue',
  },
  rejectedOverdueRule: {
    zh: '逾期未补齐应按事项规定“{rule}”处理',
    en: 'An overdue supplement is handled as its items say: “{rule}”',
  },
  rejectedNotPostal: {
    zh: '事项 {item} 的办结结果不能邮寄',
    en: 'The result of item {item} cannot be sent by post',
  },
  rejectedUnknownLicence: {
    zh: '材料 {material} 引用的电子证照（{type} {number}）不是电子证照库为申请人出具的那一份',
    en: 'The e-licence material {material} cites ({type} {number}) is not one the issuer holds for the applicant',
  },
  rejectedRatingExists: { zh: '该评价已经记录过', en: 'This rating is already recorded' },
  rejectedUnknownPeer: {
    zh: '本大厅没有登记 {hall} 大厅，不能向其转办；请大厅管理人员先登记对方大厅',
    en: 'Hall {hall} is not enrolled here: nothing can be forwarded to it until a manager enrols it',
  },
  rejectedPeerItem: {
    zh: '{hall} 大厅的事项目录中没有该事项（{item}）；请刷新对方目录后重新选择',
    en: 'The catalog of hall {hall} has no such item ({item}): refresh its catalog and choose again',
  },
  rejectedPackageMaterials: {
    zh: '材料与对方大厅该事项的材料清单不符',
    en: 'The materials do not match the item’s list at the deciding hall',
  },
  rejectedRemoteExists: {
    zh: '这个异地代收件已经记录过了',
    en: 'This cross-province case is recorded already',
  },
  rejectedRemoteClerk: {
    zh: '异地代收件只能记在本人（{subject}）名下',
    en: 'A cross-province case you send can only name you ({subject}) as the clerk',
  },
  rejectedVisitHelper: {
    zh: '帮办代办记录只能由本人（{subject}）登记为帮办员',
    en: 'A helper-desk visit you send can only name you ({subject}) as its helper',
  },
  rejectedVisitClosed: {
    zh: '这次帮办代办已经办结，不能再修改',
    en: 'This helper-desk visit is closed and cannot be changed',
  },
  rejectedVisitShrinks: {
    zh: '帮办代办记录只能追加：已登记的服务记录和办件不能删除',
    en: 'A helper-desk visit only grows: the help and cases it logged cannot be removed',
  },
  rejectedVisitProxy: {
    zh: '{problem}',
    en: '{problem}',
  },
  rejectedRatingClerk: {
    zh: '评价只能记在本人（{subject}）名下',
    en: 'A rating you send can only be credited to you ({subject})',
  },
  rejectedNoClerkAtWindow: {
    zh: '{window} 号窗口当前没有工作人员登录，评价暂时无法记入',
    en: 'No clerk is logged in at window {window}: the rating cannot be credited yet',
  },
  rejectedRatingCase: {
    zh: '评价所指的办件不在大厅，或不是 {window} 号窗口的办件',
    en: 'The rated case is not held by the hall, or not a case of window {window}',
  },
  rejectedOtherHall: { zh: '只能保存本大厅（{hall}）的办件', en: 'You may only save cases of your own hall ({hall})' },
  rejectedOtherWindow: {
    zh: '只能提交本窗口（{window}）的评价',
    en: 'You may only send ratings of your own window ({window})',
  },
  rejectedOtherWindowCase: {
    zh: '只能保存本人可办理窗口（{windows}）的办件，不能新建或修改其他窗口的办件',
    en: 'You may only save cases of your windows ({windows}): not create or change those of another window',
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
  // ---- sessions and windows ----
  notSeeded: { zh: '大厅尚未初始化', en: 'The hall has not been set up yet' },
  internal: { zh: '大厅内部错误，请稍后重试', en: 'The hall failed inside; try again later' },
  windowNotAllowed: {
    zh: '账号 {user} 不能在 {window} 号窗口登录，可登录的窗口：{windows}',
    en: 'Account {user} may not staff window {window}; it may staff: {windows}',
  },
  windowTaken: {
    zh: '{window} 号窗口已有人员登录；如需接替，请选择接替登录（对方将被退出）',
    en: 'Someone is logged in at window {window}: take the window over to log in (they will be logged out)',
  },
  tooManyStreams: {
    zh: '打开的事件流过多（上限 {limit}），请关闭不用的页面',
    en: 'Too many event streams are open (the limit is {limit}): close the pages you do not use',
  },
  currentPasswordWrong: { zh: '当前密码不正确', en: 'The current password is wrong' },
  // ---- cases ----
  claimRefused: {
    zh: '办件编号与证件号码不匹配，或大厅没有这个办件',
    en: 'The case number and the identity number do not match, or the hall holds no such case',
  },
  claimLimited: {
    zh: '认领办件失败次数过多，请 {minutes} 分钟后再试',
    en: 'Too many failed claims: try again in {minutes} minute(s)',
  },
  // ---- catalog and calendar ----
  catalogExists: { zh: '事项目录第 {version} 版已经发布过', en: 'Catalog version {version} is already published' },
  catalogItemChanged: {
    zh: '事项 {item} 第 {version} 版已发布且内容不同：修改已发布的事项须提高其版本号',
    en: 'Item {item} version {version} was published with other content: a changed item needs a new version',
  },
  calendarYear: {
    zh: '节假日安排的年份（{year}）与请求地址中的年份（{path}）不符',
    en: 'The schedule is for {year}, the address names {path}',
  },
  // ---- settings ----
  passwordRequired: { zh: '新建账号须设置密码', en: 'A new account needs a password' },
  unknownAccount: { zh: '大厅没有账号 {user}', en: 'The hall has no account {user}' },
  unknownDevice: { zh: '大厅没有设备 {id}', en: 'The hall has no device {id}' },
  deviceExists: { zh: '设备 {id} 已经登记过', en: 'Device {id} is already enrolled' },
  padNeedsWindow: {
    zh: '评价器须指定所在窗口，其他设备不指定窗口',
    en: 'A rating pad names its window; other devices name none',
  },
  categoryInUse: {
    zh: '类别 {category} 仍由 {window} 号窗口叫号，不能删除',
    en: 'Category {category} is still called by window {window}: it cannot be removed',
  },
  clerkNeedsWindow: {
    zh: '窗口人员至少要能在一个窗口办理；管理人员不指定窗口',
    en: 'A clerk staffs at least one window; a manager none',
  },
  lastManager: {
    zh: '不能停用或降级最后一个管理人员账号',
    en: 'The last manager account cannot be disabled or given another role',
  },
  // ---- follow-ups ----
  unknownFollowUp: { zh: '没有评价 {id} 的整改记录', en: 'There is no follow-up of rating {id}' },
  followUpClosed: {
    zh: '评价 {id} 的整改已办结，不能再记录',
    en: 'The follow-up of rating {id} is closed: nothing more can be recorded on it',
  },
  followUpChanged: {
    zh: '评价 {id} 的整改记录刚被他人更新，请刷新后重试',
    en: 'Someone else just recorded an action on the follow-up of rating {id}: reload it and try again',
  },
  recoveryKeyMissing: { zh: '大厅尚未设置恢复密钥', en: 'The hall has no recovery key yet' },
  // ---- attachments ----
  attachmentQuota: {
    zh: '大厅附件存储已达上限（{limit}），请联系管理人员',
    en: 'The hall’s attachment storage is full (the limit is {limit}): tell the hall manager',
  },
} as const satisfies Record<string, HallText>;

/** Key of {@link HALL_MESSAGES}. */
export type HallMessageKey = keyof typeof HALL_MESSAGES;

/**
 * The issue lines a hall adds to an `invalid` refusal for what its schemas cannot know (the hall's own data, its
 * bounds), in both languages, each starting with the field's name as the schemas' lines do.
 */
export const HALL_ISSUES = {
  dayAhead: { zh: 'day: {day} 尚未到来，今天是 {today}', en: 'day: {day} has not come yet; today is {today}' },
  noWindow: { zh: '{field}: 大厅没有 {window} 号窗口', en: '{field}: the hall has no window {window}' },
  noCategory: {
    zh: '{field}: 大厅没有 {category} 类排队业务',
    en: '{field}: the hall issues no tickets of category {category}',
  },
  appointmentNeeded: {
    zh: 'appointmentRef: 预约取号须填写预约号',
    en: 'appointmentRef: an appointment ticket names its appointment',
  },
  currentPassword: { zh: 'password: 当前密码不正确', en: 'password: the current password is wrong' },
  passwordRequired: { zh: 'password: 新建账号须设置密码', en: 'password: required for a new account' },
  clerkWindows: {
    zh: 'windows: 窗口人员至少要能在一个窗口办理，管理人员不指定窗口',
    en: 'windows: a clerk staffs at least one window; a manager none',
  },
  padWindow: {
    zh: 'window: 评价器须指定所在窗口，其他设备不指定窗口',
    en: 'window: a rating pad names its window; other devices none',
  },
  calendarYear: { zh: 'year: 该节假日安排属于 {year} 年', en: 'year: the schedule is for {year}' },
  tooDeep: { zh: 'payload: 嵌套超过 {limit} 层', en: 'payload: nested more than {limit} levels' },
  tooManyValues: { zh: 'payload: 超过 {limit} 个值', en: 'payload: more than {limit} values' },
  stringTooLong: { zh: 'payload: 有文字长于 {limit} 个字符', en: 'payload: a text longer than {limit} characters' },
  tooManyChars: { zh: 'payload: 总字数超过 {limit}', en: 'payload: more than {limit} characters in all' },
  badHash: {
    zh: 'sha256: 应为 64 位十六进制字符（文件的 SHA-256）',
    en: 'sha256: 64 hexadecimal characters (the SHA-256 of the file)',
  },
  fileRequired: { zh: 'body: 应提供文件（Blob）', en: 'body: a file (Blob) is required' },
  seedCode: { zh: 'code: 本大厅为 {hall}，不是 {code}', en: 'code: this hall is {hall}, not {code}' },
  lastEventId: {
    zh: 'Last-Event-ID: 应为收到的最后一个事件的编号（整数）',
    en: 'Last-Event-ID: the id of the last event received, a whole number',
  },
} as const satisfies Record<string, HallText>;

/** Key of {@link HALL_ISSUES}. */
export type HallIssueKey = keyof typeof HALL_ISSUES;

/** An issue line of {@link HALL_ISSUES} in a language, its placeholders filled. */
export function hallIssue(
  key: HallIssueKey,
  locale: HallLocale,
  params: Readonly<Record<string, MessageValue>> = {},
): string {
  return fillMessage(HALL_ISSUES[key], locale, params);
}

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
