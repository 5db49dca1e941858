/**
 * The hall's settings, managed by a manager through the hall and audited: windows and the categories each calls,
 * queue categories, accounts and the windows each may staff, device enrolment and revocation, password resets, the
 * recovery key. A real hall starts from an empty seed plus these.
 * @module
 */
import { codeSchema } from '@yichuang/core';
import {
  AccountSettingSchema,
  CategoriesSettingSchema,
  DeviceEnrolSchema,
  RecoveryPublicKeySchema,
  WindowsSettingSchema,
  hallIssue,
  type AccountSummary,
  type DeviceSummary,
  type EnrolledDevice,
  type HallSettings,
  type RecoveryPublicKey,
  type SettingsAuditEntry,
} from '@yichuang/hall-client/protocol.js';
import { PRIMARY_KEY, get, put, query, remove, type TxBody } from '../storage/port.js';
import {
  ACCOUNTS,
  CATEGORIES,
  DEVICES,
  HALL_AUDIT,
  SESSIONS,
  SETTINGS,
  WINDOWS,
  type AccountRow,
  type DeviceRow,
} from '../storage/tables.js';
import { randomToken } from '../vault/vault.js';
import { audit, fail, isoNow, parse, type Caller, type EngineContext } from './context.js';
import { followUpDays } from './followups.js';
import { categories } from './queue.js';
import { hallInfo } from './sessions.js';

const UserNameSchema = codeSchema('user');

function summaryOfAccount(row: AccountRow): AccountSummary {
  return {
    user: row.user,
    name: row.name,
    role: row.role,
    windows: [...row.windows],
    disabled: row.disabledAt !== undefined,
  };
}

function summaryOfDevice(row: DeviceRow): DeviceSummary {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    ...(row.window === undefined ? {} : { window: row.window }),
    enrolledAt: row.enrolledAt,
    revoked: row.revokedAt !== undefined,
  };
}

/** Ends the sessions of a subject (inside a write transaction); resolves their token hashes. */
function* endSessionsOf(subject: string): TxBody<string[]> {
  const ended: string[] = [];
  for (const session of yield* query(SESSIONS, 'subject', { equals: [subject] })) {
    yield* remove(SESSIONS, session.tokenHash);
    ended.push(session.tokenHash);
  }
  return ended;
}

/** The hall's settings (managers). */
export async function settings(context: EngineContext): Promise<HallSettings> {
  return context.read(function* () {
    const hall = (yield* hallInfo())!;
    return {
      hall: { code: hall.code, name: hall.name },
      windows: (yield* query(WINDOWS, 'position')).map(({ code, name, categories }) => ({ code, name, categories })),
      categories: yield* categories(),
      accounts: (yield* query(ACCOUNTS, PRIMARY_KEY)).map(summaryOfAccount),
      devices: (yield* query(DEVICES, PRIMARY_KEY)).map(summaryOfDevice),
      followUpDays: yield* followUpDays(),
    };
  });
}

/** Replaces the windows (managers): each calls categories the hall issues. */
export async function saveWindows(context: EngineContext, caller: Caller, body: unknown): Promise<void> {
  const { windows } = parse(WindowsSettingSchema, body, caller.locale);
  const at = isoNow(context);
  await context.write(function* () {
    for (const window of windows) {
      for (const code of window.categories) {
        if (!(yield* get(CATEGORIES, code))) {
          throw fail(caller.locale, 'invalid', 'unknownCategory', { category: code }, [
            hallIssue('noCategory', caller.locale, { field: `windows.${window.code}.categories`, category: code }),
          ]);
        }
      }
    }
    const keep = new Set(windows.map((w) => w.code));
    for (const old of yield* query(WINDOWS, PRIMARY_KEY)) if (!keep.has(old.code)) yield* remove(WINDOWS, old.code);
    for (const [position, window] of windows.entries()) {
      // A window keeps its pause: the clerk reopens it, not a change of settings.
      const paused = (yield* get(WINDOWS, window.code))?.paused;
      yield* put(WINDOWS, { ...window, position, ...(paused ? { paused } : {}) });
    }
    yield* audit(caller.session.subject, at, 'windows.save', windows.map((w) => w.code).join(','));
  });
}

/** Replaces the queue categories (managers); a category a window still calls is kept. */
export async function saveCategories(context: EngineContext, caller: Caller, body: unknown): Promise<void> {
  const { categories: list } = parse(CategoriesSettingSchema, body, caller.locale);
  const at = isoNow(context);
  await context.write(function* () {
    const keep = new Set(list.map((c) => c.code));
    for (const window of yield* query(WINDOWS, PRIMARY_KEY)) {
      const dropped = window.categories.find((code) => !keep.has(code));
      if (dropped) throw fail(caller.locale, 'conflict', 'categoryInUse', { category: dropped, window: window.code });
    }
    for (const old of yield* query(CATEGORIES, PRIMARY_KEY))
      if (!keep.has(old.code)) yield* remove(CATEGORIES, old.code);
    for (const [position, category] of list.entries()) yield* put(CATEGORIES, { ...category, position });
    yield* audit(caller.session.subject, at, 'categories.save', list.map((c) => c.code).join(','));
  });
}

/** Whether removing `user` as a manager (disabling, or another role) leaves the hall without one. */
function* isLastManager(user: string): TxBody<boolean> {
  const managers = (yield* query(ACCOUNTS, PRIMARY_KEY)).filter(
    (a) => a.role === 'manager' && a.disabledAt === undefined,
  );
  return managers.length === 1 && managers[0]!.user === user;
}

/**
 * Creates or changes an account (managers). A password given is set (a reset); a new account needs one. A clerk
 * staffs at least one window of the hall; a manager none. Changing the role, the windows or the password ends the
 * account's sessions; a disabled account saved again is enabled.
 */
export async function saveAccount(context: EngineContext, caller: Caller, user: unknown, body: unknown): Promise<void> {
  const { locale } = caller;
  const name = parse(UserNameSchema, user, locale, 'user');
  const account = parse(AccountSettingSchema, body, locale);
  if ((account.role === 'clerk') !== account.windows.length > 0) {
    throw fail(locale, 'invalid', 'clerkNeedsWindow', {}, [hallIssue('clerkWindows', locale)]);
  }
  const existing = await context.read(() => get(ACCOUNTS, name));
  if (!existing && account.password === undefined) {
    throw fail(locale, 'invalid', 'passwordRequired', {}, [hallIssue('passwordRequired', locale)]);
  }
  const credential =
    account.password === undefined
      ? existing!.credential
      : await context.secrets.credential(account.password, caller.vault!);
  const at = isoNow(context);
  const ended = await context.write(function* () {
    for (const window of account.windows) {
      if (!(yield* get(WINDOWS, window))) {
        throw fail(locale, 'invalid', 'unknownWindow', { window }, [
          hallIssue('noWindow', locale, { field: 'windows', window }),
        ]);
      }
    }
    const current = yield* get(ACCOUNTS, name);
    if (current?.role === 'manager' && account.role !== 'manager' && (yield* isLastManager(name))) {
      throw fail(locale, 'conflict', 'lastManager');
    }
    yield* put(ACCOUNTS, {
      user: name,
      name: account.name,
      role: account.role,
      windows: [...account.windows],
      credential,
      createdAt: current?.createdAt ?? at,
      updatedAt: at,
    });
    const changed =
      current !== undefined &&
      (current.role !== account.role ||
        current.windows.join() !== account.windows.join() ||
        account.password !== undefined);
    yield* audit(
      caller.session.subject,
      at,
      !current ? 'account.create' : account.password !== undefined ? 'account.password.reset' : 'account.update',
      name,
    );
    return changed ? yield* endSessionsOf(name) : [];
  });
  if (ended.length) context.sessionsEnded(ended);
}

/** Disables an account (managers): it logs in no more and its sessions end. The last manager stays. */
export async function disableAccount(context: EngineContext, caller: Caller, user: unknown): Promise<void> {
  const name = parse(UserNameSchema, user, caller.locale, 'user');
  const at = isoNow(context);
  const ended = await context.write(function* () {
    const current = yield* get(ACCOUNTS, name);
    if (!current) throw fail(caller.locale, 'not-found', 'unknownAccount', { user: name });
    if (current.role === 'manager' && (yield* isLastManager(name)))
      throw fail(caller.locale, 'conflict', 'lastManager');
    if (current.disabledAt === undefined) yield* put(ACCOUNTS, { ...current, disabledAt: at, updatedAt: at });
    yield* audit(caller.session.subject, at, 'account.disable', name);
    return yield* endSessionsOf(name);
  });
  if (ended.length) context.sessionsEnded(ended);
}

/** Enrols a device (managers) and answers its token, which the hall keeps only as a verifier. */
export async function enrolDevice(context: EngineContext, caller: Caller, body: unknown): Promise<EnrolledDevice> {
  const { locale } = caller;
  const device = parse(DeviceEnrolSchema, body, locale);
  if ((device.role === 'rating-pad') !== (device.window !== undefined)) {
    throw fail(locale, 'invalid', 'padNeedsWindow', {}, [hallIssue('padWindow', locale)]);
  }
  const deviceToken = randomToken(32);
  const verifier = await context.secrets.deviceVerifier(deviceToken);
  const at = isoNow(context);
  const row: DeviceRow = {
    id: device.id,
    name: device.name,
    role: device.role,
    ...(device.window === undefined ? {} : { window: device.window }),
    verifier,
    enrolledAt: at,
  };
  await context.write(function* () {
    if (yield* get(DEVICES, device.id)) throw fail(locale, 'conflict', 'deviceExists', { id: device.id });
    if (device.window !== undefined && !(yield* get(WINDOWS, device.window))) {
      throw fail(locale, 'invalid', 'unknownWindow', { window: device.window }, [
        hallIssue('noWindow', locale, { field: 'window', window: device.window }),
      ]);
    }
    yield* put(DEVICES, row);
    yield* audit(caller.session.subject, at, 'device.enrol', device.id);
  });
  return { device: summaryOfDevice(row), deviceToken };
}

/** Revokes a device (managers): its token logs in no more and its sessions end. */
export async function revokeDevice(context: EngineContext, caller: Caller, id: unknown): Promise<void> {
  const deviceId = parse(codeSchema('id'), id, caller.locale, 'id');
  const at = isoNow(context);
  const ended = await context.write(function* () {
    const current = yield* get(DEVICES, deviceId);
    if (!current) throw fail(caller.locale, 'not-found', 'unknownDevice', { id: deviceId });
    if (current.revokedAt === undefined) yield* put(DEVICES, { ...current, revokedAt: at });
    yield* audit(caller.session.subject, at, 'device.revoke', deviceId);
    return yield* endSessionsOf(deviceId);
  });
  if (ended.length) context.sessionsEnded(ended);
}

/** The settings audit, latest first, at most `limit` lines (managers). */
export async function settingsAudit(context: EngineContext, limit = 500): Promise<SettingsAuditEntry[]> {
  const rows = await context.read(() => query(HALL_AUDIT, PRIMARY_KEY, { reverse: true, limit }));
  return rows.map(({ at, actor, action, target }) => ({ at, actor, action, target }));
}

/** The hall's recovery public key, if a manager set one. */
export async function recoveryKey(context: EngineContext): Promise<RecoveryPublicKey | undefined> {
  return (await context.read(() => get(SETTINGS, 'recovery.key')))?.value as RecoveryPublicKey | undefined;
}

/** Sets the hall's recovery public key (managers). */
export async function setRecoveryKey(context: EngineContext, caller: Caller, body: unknown): Promise<void> {
  const key = parse(RecoveryPublicKeySchema, body, caller.locale);
  const at = isoNow(context);
  await context.write(function* () {
    yield* put(SETTINGS, { key: 'recovery.key', value: key });
    yield* audit(caller.session.subject, at, 'recovery-key.set', key.keyId);
  });
}
