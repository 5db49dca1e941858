import * as v from 'valibot';
import { WindowCodeSchema, objectMessage } from '@yichuang/core';
import type { Role } from './roles.js';

/** `POST /api/v1/session` as a person (clerk or manager): user name and password. */
export const PasswordLoginSchema = v.object(
  {
    user: v.pipe(
      v.string('user: a user name string is required'),
      v.trim(),
      v.minLength(1, 'user: must not be empty'),
      v.maxLength(64, 'user: at most 64 characters'),
    ),
    password: v.pipe(
      v.string('password: a string is required'),
      v.minLength(1, 'password: must not be empty'),
      v.maxLength(256, 'password: at most 256 characters'),
    ),
    /** The window the clerk sits at today; defaults to the clerk's usual window. */
    window: v.optional(WindowCodeSchema),
  },
  objectMessage('login'),
);
export type PasswordLogin = v.InferOutput<typeof PasswordLoginSchema>;

/** `POST /api/v1/session` as an enrolled device (kiosk, hall display, rating pad). */
export const DeviceLoginSchema = v.object(
  {
    deviceToken: v.pipe(
      v.string('deviceToken: a string is required'),
      v.minLength(16, 'deviceToken: at least 16 characters'),
      v.maxLength(256, 'deviceToken: at most 256 characters'),
    ),
  },
  objectMessage('login'),
);
export type DeviceLogin = v.InferOutput<typeof DeviceLoginSchema>;

/** The body of `POST /api/v1/session`: `{ user, password }` or `{ deviceToken }`. */
export const LoginSchema = v.union(
  [PasswordLoginSchema, DeviceLoginSchema],
  'login: either { "user", "password" } or { "deviceToken" } is required',
);
export type Login = PasswordLogin | DeviceLogin;

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
  /** When the token stops working (ISO timestamp). */
  expiresAt: string;
}
