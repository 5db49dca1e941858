/**
 * What the store and its sync engine say to a clerk, in zh-CN and en-US: the reasons a mutation is parked, the
 * sync engine's errors and the store's own errors. Values are filled into `{name}` placeholders, never concatenated
 * into a sentence (see `fillMessage` of `@yichuang/hall-client`). What the hall says (a rejected mutation's message,
 * a refused request's message) comes from the hall's own table (`HALL_MESSAGES`) in the hall's language, and is
 * quoted as it is where a sentence here names it (`{reason}`).
 *
 * Messages never name personal data: a clerk, a case number, a file's hash, a count, an HTTP status at most.
 * @module
 */
import { fillMessage, type HallLocale, type HallText, type MessageArgs } from '@yichuang/hall-client';

/** The languages the store speaks: zh-CN (the default) and en-US. */
export type StoreLocale = HallLocale;

/** The store's language unless told otherwise. */
export const DEFAULT_LOCALE: StoreLocale = 'zh-CN';

/** The names of records, as messages fill them into `{record}`. */
export const RECORD_NAMES = {
  case: { zh: '办件', en: 'case' },
  rating: { zh: '评价', en: 'rating' },
  visit: { zh: '帮办代办记录', en: 'helper-desk visit' },
  'remote case': { zh: '异地代收件', en: 'cross-province case' },
  ticket: { zh: '排队号', en: 'ticket' },
  attachment: { zh: '附件', en: 'attachment' },
  'audit entry': { zh: '办理记录', en: 'audit entry' },
  'case numbers': { zh: '办件编号状态', en: 'case-number state' },
  calendar: { zh: '节假日安排', en: 'holiday schedule' },
} as const satisfies Record<string, HallText>;

/** A record's name, as {@link InvalidRecordError} takes it. */
export type RecordName = keyof typeof RECORD_NAMES;

/** Every sentence of the store a clerk may see. */
export const STORE_MESSAGES = {
  // ---- why a mutation is parked (ParkedMutation.message) ----
  attachmentUnreadable: {
    zh: '本机保存的附件已损坏或丢失，无法读取。请重新添加该附件后重试，或放弃这项变更',
    en: 'A file attached to this change cannot be read on this workstation (damaged or lost). Attach the file again, then retry; or discard this change',
  },
  undecryptable: {
    zh: '待发送的数据在本机已损坏，无法解密，请放弃这项变更后重新办理',
    en: 'The queued data could not be decrypted on this workstation (it was damaged): discard this change and do it again',
  },
  requestRefused: {
    zh: '大厅拒收了发送这项变更的请求（HTTP {status}）：{reason}',
    en: 'The hall refused the request that sent this change (HTTP {status}): {reason}',
  },
  attachmentRefused: {
    zh: '大厅拒收了这项变更所附的文件（HTTP {status}）：{reason}',
    en: 'The hall refused a file attached to this change (HTTP {status}): {reason}',
  },
  attachmentsAbsent: {
    zh: '大厅要求的 {count} 个附件不在本机上，请重新添加后重试，或放弃这项变更',
    en: '{count} attachment(s) the hall asks for are not on this workstation: attach them again, then retry; or discard this change',
  },
  unknownKind: {
    zh: '本机的工作站程序不认识这类变更（{kind}），无法发送，请更新工作站程序',
    en: 'This workstation does not know changes of kind {kind} and cannot send them: update the workstation',
  },
  // ---- the sync engine's errors (SyncStatus.error.message) ----
  locked: {
    zh: '工作站已锁定：请登录后再发送待同步的数据',
    en: 'The workstation is locked: sign in to send what is waiting',
  },
  syncRouteRefused: {
    zh: '大厅拒收了同步请求（HTTP {status}）：{reason}',
    en: 'The hall refused the sync request (HTTP {status}): {reason}',
  },
  uploadRouteRefused: {
    zh: '大厅拒收了附件上传（HTTP {status}）：{reason}',
    en: 'The hall refused an attachment upload (HTTP {status}): {reason}',
  },
  syncFailed: {
    zh: '同步时出现意外错误，稍后将自动重试',
    en: 'Sync failed unexpectedly; it will try again',
  },
  // ---- the store's errors (`localized` of each error) ----
  storeLocked: {
    zh: '工作站已锁定：请登录后再查看或保存个人信息',
    en: 'The workstation is locked: sign in to read or save personal data',
  },
  otherClerk: {
    zh: '这条记录由本机另一位工作人员保存，须由其本人登录后才能查看',
    en: 'This record was saved by another clerk on this workstation: that clerk must sign in to read it',
  },
  draftOfOtherClerk: {
    zh: '打开这份草稿的工作人员已退出，草稿已关闭，最后的修改未保存',
    en: 'The clerk who opened this draft is no longer signed in: it was closed without saving its last changes',
  },
  noKeyring: {
    zh: '本机没有 {user} 的密钥，请先登录',
    en: 'This workstation holds no key of {user}: sign in first',
  },
  wrongSecret: {
    zh: '{user} 的密码不正确，本机数据未作任何更改',
    en: 'The password given for {user} does not open this workstation’s data; nothing was changed',
  },
  draftLocked: {
    zh: '这份草稿正在另一个页面中编辑，请先在那里关闭',
    en: 'This draft is open in another tab: close it there first',
  },
  invalidRecord: {
    zh: '{record}不符合要求，未保存：{issues}',
    en: 'The {record} is not valid and was not saved: {issues}',
  },
  caseNumberConflict: {
    zh: '{window} 号窗口已发出这个办件编号（另一个页面抢先编号）：请重新编号后再保存',
    en: 'This case number was already issued at window {window} (another tab numbered first): number the case again and save',
  },
  staleCase: {
    zh: '办件未保存：本机已有更新的版本（在另一个页面保存）。请重新打开办件后再次修改',
    en: 'The case was not saved: this workstation holds a newer version, saved in another tab. Reload the case and make the change again',
  },
  attachmentDamaged: {
    zh: '本机保存的附件已损坏或丢失，无法读取，请重新添加该附件',
    en: 'A stored file cannot be read on this workstation (damaged or lost): attach it again',
  },
  noParkedMutation: {
    zh: '没有这项被退回的变更（可能已被重试或放弃）',
    en: 'There is no such parked change (it may have been retried or discarded already)',
  },
  noPayload: {
    zh: '这项变更大厅已经收到，待发送的数据已删除',
    en: 'The hall has this change already; its queued data is gone',
  },
  noKeyringToRecover: {
    zh: '本机没有 {user} 的数据，无需恢复',
    en: 'This workstation holds no data of {user}: there is nothing to recover',
  },
  recoveryUnavailable: {
    zh: '{user} 在本机的数据未用大厅恢复密钥加封（设置恢复密钥后该工作人员未在本机登录过），无法恢复；本机数据未作任何更改',
    en: 'The data of {user} on this workstation is not wrapped for a hall recovery key (the clerk has not signed in here since it was set up), so it cannot be recovered; nothing was changed',
  },
  wrongRecoveryKey: {
    zh: '所给的恢复私钥打不开 {user} 在本机的数据，须用大厅恢复密钥 {keyId} 的私钥；本机数据未作任何更改',
    en: 'The recovery private key given does not open the data of {user} on this workstation: it needs the private key of hall recovery key {keyId}; nothing was changed',
  },
  // ---- issue lines the store adds to a record's own (InvalidRecordError.issues) ----
  numbererOtherWindow: {
    zh: 'numberer: 编号状态属于其他大厅或窗口，与办件不符',
    en: 'numberer: the state belongs to another hall or window than the case',
  },
  fileRequired: { zh: 'file: 须为文件（Blob 或 File）', en: 'file: a Blob or File is required' },
  caseNumbersMalformed: {
    zh: 'caseNumbers: 编号状态格式不正确（日期应为 yyyyMMdd，序号为非负整数）',
    en: 'caseNumbers: the state is malformed (day yyyyMMdd, seq a whole number from 0)',
  },
  auditList: { zh: 'audit: 应为办理记录列表', en: 'audit: a list of audit entries' },
} as const satisfies Record<string, HallText>;

/** Key of {@link STORE_MESSAGES}. */
export type StoreMessageKey = keyof typeof STORE_MESSAGES;

/**
 * A store message in a language, its placeholders filled from `params` (required, and type-checked, when the
 * message has any).
 */
export function storeMessage<K extends StoreMessageKey>(
  key: K,
  locale: StoreLocale,
  ...[params]: MessageArgs<(typeof STORE_MESSAGES)[K]>
): string {
  return fillMessage(STORE_MESSAGES[key], locale, params);
}

/** Problem lines as one value for a `{issues}` placeholder: `；` between Chinese lines, `; ` between English ones. */
export function issueList(issues: readonly string[], locale: StoreLocale): string {
  return issues.join(locale === 'en-US' ? '; ' : '；');
}

/** Whether a value is a language the store speaks. */
export function isStoreLocale(value: unknown): value is StoreLocale {
  return value === 'zh-CN' || value === 'en-US';
}
