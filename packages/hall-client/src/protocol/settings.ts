import * as v from 'valibot';
import { WindowCodeSchema, bilingual, codeSchema, objectMessage } from '@yichuang/core';
import { ROLES } from './roles.js';
import { CategoryCodesSchema, type QueueCategory } from './queue.js';
import { NewPasswordSchema } from './session.js';

const nameSchema = (label: string, max = 64) =>
  v.pipe(
    v.string(bilingual(`${label}: a string is required`, `${label}: 应填写名称`)),
    v.trim(),
    v.minLength(1, bilingual(`${label}: must not be empty`, `${label}: 名称不能为空`)),
    v.maxLength(max, bilingual(`${label}: at most ${max} characters`, `${label}: 名称不能超过 ${max} 个字符`)),
  );

const unique = <T>(key: (item: T) => string, message: (issue: v.CheckIssue<T[]>) => string) =>
  v.check((items: T[]) => new Set(items.map(key)).size === items.length, message);

/** A window of the hall and the queue categories it calls, in the order it prefers them. */
export const WindowSettingSchema = v.object(
  {
    code: WindowCodeSchema,
    name: nameSchema('name'),
    categories: CategoryCodesSchema,
  },
  objectMessage('window'),
);
export type WindowSetting = v.InferOutput<typeof WindowSettingSchema>;

/** `PUT /api/v1/settings/windows` (manager): the hall's windows, replacing the list. */
export const WindowsSettingSchema = v.object(
  {
    windows: v.pipe(
      v.array(WindowSettingSchema, bilingual('windows: a list', 'windows: 应为窗口列表')),
      v.minLength(1, bilingual('windows: at least one', 'windows: 至少应有一个窗口')),
      v.maxLength(500, bilingual('windows: at most 500', 'windows: 最多 500 个窗口')),
      unique(
        (w: WindowSetting) => w.code,
        bilingual('windows: each window code at most once', 'windows: 每个窗口编码只能出现一次'),
      ),
    ),
  },
  objectMessage('windows'),
);

/** A queue category. */
export const CategorySettingSchema = v.object(
  {
    code: codeSchema('code', 16),
    letter: v.pipe(
      v.string(bilingual('letter: a string is required', 'letter: 应填写叫号字母')),
      v.regex(/^[A-Z]{1,2}$/, bilingual('letter: one or two capital letters', 'letter: 应为 1 到 2 个大写字母')),
    ),
    name: v.object({ zh: nameSchema('zh'), en: nameSchema('en') }, objectMessage('name')),
  },
  objectMessage('category'),
);

/** `PUT /api/v1/settings/categories` (manager): the queue categories, replacing the list. */
export const CategoriesSettingSchema = v.object(
  {
    categories: v.pipe(
      v.array(CategorySettingSchema, bilingual('categories: a list', 'categories: 应为排队类别列表')),
      v.minLength(1, bilingual('categories: at least one', 'categories: 至少应有一个类别')),
      v.maxLength(64, bilingual('categories: at most 64', 'categories: 最多 64 个类别')),
      unique(
        (c: QueueCategory) => c.code,
        bilingual('categories: each code at most once', 'categories: 每个类别编码只能出现一次'),
      ),
      unique(
        (c: QueueCategory) => c.letter,
        bilingual('categories: each letter at most once', 'categories: 每个叫号字母只能用于一个类别'),
      ),
    ),
  },
  objectMessage('categories'),
);

/** `PUT /api/v1/settings/accounts/{user}` (manager): creates a clerk or manager account, or changes one. */
export const AccountSettingSchema = v.object(
  {
    name: nameSchema('name'),
    role: v.picklist(
      ['clerk', 'manager'],
      bilingual('role: clerk or manager', `role: 应为“clerk”（${ROLES.clerk.zh}）或“manager”（${ROLES.manager.zh}）`),
    ),
    /** The windows a clerk may staff, the usual one first; none for a manager. */
    windows: v.pipe(
      v.array(WindowCodeSchema, bilingual('windows: a list of window codes', 'windows: 应为窗口编码列表')),
      v.maxLength(64, bilingual('windows: at most 64', 'windows: 最多 64 个窗口')),
      v.check(
        (codes) => new Set(codes).size === codes.length,
        bilingual('windows: each window at most once', 'windows: 每个窗口只能出现一次'),
      ),
    ),
    /** Required for a new account; a new password for an existing one (a reset). */
    password: v.optional(NewPasswordSchema),
  },
  objectMessage('account'),
);
export type AccountSetting = v.InferInput<typeof AccountSettingSchema>;

/** An account as the settings list it: never its password. */
export interface AccountSummary {
  user: string;
  name: string;
  role: 'clerk' | 'manager';
  windows: string[];
  disabled: boolean;
}

/** `POST /api/v1/settings/devices` (manager): enrols a device; the answer carries its token, shown once. */
export const DeviceEnrolSchema = v.object(
  {
    id: codeSchema('id'),
    name: nameSchema('name'),
    role: v.picklist(
      ['kiosk', 'display', 'rating-pad'],
      bilingual(
        'role: kiosk, display or rating-pad',
        `role: 应为“kiosk”（${ROLES.kiosk.zh}）、“display”（${ROLES.display.zh}）或“rating-pad”（${ROLES['rating-pad'].zh}）`,
      ),
    ),
    /** The window a rating pad sits at (required for one, refused for the others). */
    window: v.optional(WindowCodeSchema),
  },
  objectMessage('device'),
);
export type DeviceEnrol = v.InferInput<typeof DeviceEnrolSchema>;

/** A device as the settings list it: never its token. */
export interface DeviceSummary {
  id: string;
  name: string;
  role: 'kiosk' | 'display' | 'rating-pad';
  window?: string;
  enrolledAt: string;
  revoked: boolean;
}

/** What `POST /api/v1/settings/devices` answers: the device and its token, which the hall never shows again. */
export interface EnrolledDevice {
  device: DeviceSummary;
  deviceToken: string;
}

/** `GET /api/v1/settings` (manager): the hall's settings. */
export interface HallSettings {
  hall: { code: string; name: string };
  windows: WindowSetting[];
  categories: QueueCategory[];
  accounts: AccountSummary[];
  devices: DeviceSummary[];
  /** Working days a bad rating's follow-up (差评整改) is given (`PUT /api/v1/settings/followups`). */
  followUpDays: number;
}

/** One line of the settings audit (`GET /api/v1/settings/audit`): who changed what, when. */
export interface SettingsAuditEntry {
  at: string;
  actor: string;
  /** `windows.save`, `categories.save`, `account.save`, `account.password`, `account.disable`, `device.enrol`, … */
  action: string;
  target: string;
}
