import * as v from 'valibot';
import { WindowCodeSchema, bilingual, objectMessage, type CaseNumbererState } from '@yichuang/core';
import type { Role } from './roles.js';

const passwordSchema = (label: string) =>
  v.pipe(
    v.string(bilingual(`${label}: a string is required`, `${label}: 应填写密码`)),
    v.minLength(1, bilingual(`${label}: must not be empty`, `${label}: 密码不能为空`)),
    v.maxLength(256, bilingual(`${label}: at most 256 characters`, `${label}: 密码不能超过 256 个字符`)),
  );

/** Shortest password the hall accepts when one is set (account creation, reset, change). */
export const MIN_PASSWORD_LENGTH = 10;

/** A password being set: 10 to 256 characters. */
export const NewPasswordSchema = v.pipe(
  v.string(bilingual('password: a string is required', 'password: 应填写密码')),
  v.minLength(
    MIN_PASSWORD_LENGTH,
    bilingual(
      `password: at least ${MIN_PASSWORD_LENGTH} characters`,
      `password: 密码至少应有 ${MIN_PASSWORD_LENGTH} 个字符`,
    ),
  ),
  v.maxLength(256, bilingual('password: at most 256 characters', 'password: 密码不能超过 256 个字符')),
);

/** `POST /api/v1/session` as a person (clerk or manager): user name and password. */
export const PasswordLoginSchema = v.object(
  {
    user: v.pipe(
      v.string(bilingual('user: a user name string is required', 'user: 应填写用户名')),
      v.trim(),
      v.minLength(1, bilingual('user: must not be empty', 'user: 用户名不能为空')),
      v.maxLength(64, bilingual('user: at most 64 characters', 'user: 用户名不能超过 64 个字符')),
    ),
    password: passwordSchema('password'),
    /** The window the clerk sits at today, one the account may staff; defaults to the account's first window. */
    window: v.optional(WindowCodeSchema),
    /**
     * A window has one live session. Another login at a staffed window is refused (409 `conflict`) unless it
     * takes the window over: the other session then ends.
     */
    takeOver: v.optional(v.boolean(bilingual('takeOver: true or false', 'takeOver: 应为“true”或“false”'))),
  },
  objectMessage('login'),
);
export type PasswordLogin = v.InferOutput<typeof PasswordLoginSchema>;

/** `POST /api/v1/session` as an enrolled device (kiosk, hall display, rating pad). */
export const DeviceLoginSchema = v.object(
  {
    deviceToken: v.pipe(
      v.string(bilingual('deviceToken: a string is required', 'deviceToken: 应填写设备令牌')),
      v.minLength(16, bilingual('deviceToken: at least 16 characters', 'deviceToken: 设备令牌至少应有 16 个字符')),
      v.maxLength(256, bilingual('deviceToken: at most 256 characters', 'deviceToken: 设备令牌不能超过 256 个字符')),
    ),
  },
  objectMessage('login'),
);
export type DeviceLogin = v.InferOutput<typeof DeviceLoginSchema>;

/** The body of `POST /api/v1/session`: `{ user, password }` or `{ deviceToken }`. */
export const LoginSchema = v.union(
  [PasswordLoginSchema, DeviceLoginSchema],
  bilingual(
    'login: either { "user", "password" } or { "deviceToken" } is required',
    'login: 应填写用户名和密码 { "user", "password" }，或设备令牌 { "deviceToken" }',
  ),
);
export type Login = v.InferInput<typeof PasswordLoginSchema> | DeviceLogin;

/** `POST /api/v1/session/password`: a person changes their own password. */
export const ChangePasswordSchema = v.object(
  { password: passwordSchema('password'), newPassword: v.pipe(NewPasswordSchema) },
  objectMessage('password change'),
);
export type ChangePassword = v.InferOutput<typeof ChangePasswordSchema>;

/** What the hall answers a login with. The token goes in `Authorization: Bearer <token>` from then on. */
export interface Session {
  token: string;
  role: Role;
  /** Clerk or manager id, or the device id. */
  subject: string;
  /** Display name of the clerk or the device. */
  name: string;
  hall: string;
  /** The window a clerk sits at, or the window a rating pad belongs to; absent otherwise. */
  window?: string;
  /** The windows whose cases a clerk reads and saves (those the account may staff). */
  windows?: string[];
  /**
   * The hall's highest case number of the clerk's window today: a workstation continues after it (two PCs on one
   * window, a reinstalled PC), never reusing a number the hall holds.
   */
  caseNumbers?: CaseNumbererState;
  /** When the token stops working (ISO timestamp). */
  expiresAt: string;
}
