import * as v from 'valibot';
import { WindowCodeSchema, codeSchema, objectMessage } from '@yichuang/core';
import type { QueueCategory } from './queue.js';
import { NewPasswordSchema } from './session.js';

const nameSchema = (label: string, max = 64) =>
  v.pipe(
    v.string(`${label}: a string is required`),
    v.trim(),
    v.minLength(1, `${label}: must not be empty`),
    v.maxLength(max, `${label}: at most ${max} characters`),
  );

const unique = <T>(key: (item: T) => string, message: string) =>
  v.check((items: T[]) => new Set(items.map(key)).size === items.length, message);

/** A window of the hall and the queue categories it calls, in the order it prefers them. */
export const WindowSettingSchema = v.object(
  {
    code: WindowCodeSchema,
    name: nameSchema('name'),
    categories: v.pipe(
      v.array(codeSchema('categories', 16), 'categories: a list of category codes'),
      v.maxLength(32, 'categories: at most 32'),
      v.check((codes) => new Set(codes).size === codes.length, 'categories: each category at most once'),
    ),
  },
  objectMessage('window'),
);
export type WindowSetting = v.InferOutput<typeof WindowSettingSchema>;

/** `PUT /api/v1/settings/windows` (manager): the hall's windows, replacing the list. */
export const WindowsSettingSchema = v.object(
  {
    windows: v.pipe(
      v.array(WindowSettingSchema, 'windows: a list'),
      v.minLength(1, 'windows: at least one'),
      v.maxLength(500, 'windows: at most 500'),
      unique((w: WindowSetting) => w.code, 'windows: each window code at most once'),
    ),
  },
  objectMessage('windows'),
);

/** A queue category. */
export const CategorySettingSchema = v.object(
  {
    code: codeSchema('code', 16),
    letter: v.pipe(v.string('letter: a string is required'), v.regex(/^[A-Z]{1,2}$/, 'letter: one or two capital letters')),
    name: v.object({ zh: nameSchema('zh'), en: nameSchema('en') }, objectMessage('name')),
  },
  objectMessage('category'),
);

/** `PUT /api/v1/settings/categories` (manager): the queue categories, replacing the list. */
export const CategoriesSettingSchema = v.object(
  {
    categories: v.pipe(
      v.array(CategorySettingSchema, 'categories: a list'),
      v.minLength(1, 'categories: at least one'),
      v.maxLength(64, 'categories: at most 64'),
      unique((c: QueueCategory) => c.code, 'categories: each code at most once'),
      unique((c: QueueCategory) => c.letter, 'categories: each letter at most once'),
    ),
  },
  objectMessage('categories'),
);

/** `PUT /api/v1/settings/accounts/{user}` (manager): creates a clerk or manager account, or changes one. */
export const AccountSettingSchema = v.object(
  {
    name: nameSchema('name'),
    role: v.picklist(['clerk', 'manager'], 'role: clerk or manager'),
    /** The windows a clerk may staff, the usual one first; none for a manager. */
    windows: v.pipe(
      v.array(WindowCodeSchema, 'windows: a list of window codes'),
      v.maxLength(64, 'windows: at most 64'),
      v.check((codes) => new Set(codes).size === codes.length, 'windows: each window at most once'),
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
    role: v.picklist(['kiosk', 'display', 'rating-pad'], 'role: kiosk, display or rating-pad'),
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
}

/** One line of the settings audit (`GET /api/v1/settings/audit`): who changed what, when. */
export interface SettingsAuditEntry {
  at: string;
  actor: string;
  /** `windows.save`, `categories.save`, `account.save`, `account.password`, `account.disable`, `device.enrol`, … */
  action: string;
  target: string;
}
