/**
 * Sessions: logging in (people by password at a window they may staff, devices by token), one live session per
 * window, login limits, authenticating each call against the route table, logging out, changing one's password.
 * @module
 */
import { chinaDay, parseCaseNumber, toChinaDate, type CaseNumbererState } from '@yichuang/core';
import {
  ChangePasswordSchema,
  hallIssue,
  LoginSchema,
  ROLES,
  ROUTES,
  type HallLocale,
  type Role,
  type RouteName,
  type Session,
} from '@yichuang/hall-client/protocol.js';
import { first, get, put, query, remove, type TxBody } from '../storage/port.js';
import {
  ACCOUNTS,
  CASES,
  DEVICES,
  LOGIN_FAILURES,
  REMOTE_CASES,
  SESSIONS,
  SETTINGS,
  WINDOWS,
  type SessionRow,
} from '../storage/tables.js';
import { randomToken, type Vault } from '../vault/vault.js';
import { clerksAt } from '../kinds/kind.js';
import { audit, fail, isoNow, parse, type Caller, type EngineContext } from './context.js';

/** The hall's code and name, as seeded. */
export interface HallInfo {
  code: string;
  name: string;
}

/** The hall's code and name, or `undefined` before it is set up. */
export function* hallInfo(): TxBody<HallInfo | undefined> {
  return (yield* get(SETTINGS, 'hall'))?.value as HallInfo | undefined;
}

/** The hall, or 503 `unavailable` before it is set up. */
export async function requireHall(context: EngineContext, locale: HallLocale): Promise<HallInfo> {
  const hall = await context.read(hallInfo);
  if (!hall) throw fail(locale, 'unavailable', 'notSeeded');
  return hall;
}

/**
 * Counts an attempt under each key as failed (taken back on success), or answers how long to wait while a key's
 * recent failures are at its limit (a refused attempt is not counted: it would extend the wait for ever). Rows that
 * have not failed within the window are purged on the way.
 */
export function* countAttempt(
  keys: readonly { key: string; limit: number }[],
  now: number,
  windowMs: number,
): TxBody<number> {
  for (const stale of yield* query(LOGIN_FAILURES, 'last', { before: now - windowMs, limit: 50 })) {
    yield* remove(LOGIN_FAILURES, stale.key);
  }
  const rows = [];
  let wait = 0;
  for (const { key, limit } of keys) {
    const row = yield* get(LOGIN_FAILURES, key);
    const times = (row?.times ?? []).filter((time) => now - time < windowMs);
    const oldest = times[times.length - limit];
    if (oldest !== undefined) wait = Math.max(wait, oldest + windowMs - now, 1);
    rows.push({ key, times, limit });
  }
  if (wait > 0) return wait;
  for (const { key, times, limit } of rows) {
    yield* put(LOGIN_FAILURES, { key, times: [...times, now].slice(-limit), last: now });
  }
  return 0;
}

/** Takes back the attempt counted at `at` under `key` (it succeeded); `reset` forgets every failure of the key. */
export function* forgiveAttempt(key: string, at: number, reset = false): TxBody<void> {
  const row = yield* get(LOGIN_FAILURES, key);
  if (!row) return;
  const index = row.times.lastIndexOf(at);
  const times = reset ? [] : row.times.filter((_, i) => i !== index);
  if (times.length === 0) yield* remove(LOGIN_FAILURES, key);
  else yield* put(LOGIN_FAILURES, { ...row, times });
}

/** 429 `rate-limited` with the wait in minutes. */
export function rateLimited(locale: HallLocale, waitMs: number, key: 'rateLimited' | 'claimLimited' = 'rateLimited') {
  const error = fail(locale, 'rate-limited', key, { minutes: Math.ceil(waitMs / 60_000) });
  return Object.assign(error, { retryAfterSeconds: Math.ceil(waitMs / 1000) });
}

/**
 * The hall's highest case number of a window on the China day of `now`: of its cases, and of the cases it collected
 * for other halls (跨省通办), which take their numbers from the same sequence.
 */
function* caseNumbersOf(hall: string, window: string, now: number): TxBody<CaseNumbererState> {
  const day = chinaDay(now);
  const date = toChinaDate(new Date(now));
  let seq = 0;
  const numbers = [
    ...(yield* query(CASES, 'window', { equals: [window, date] })).map((row) => row.number),
    ...(yield* query(REMOTE_CASES, 'day', { equals: ['out', date] })).map((row) => row.number),
  ];
  for (const number of numbers) {
    const parts = parseCaseNumber(number);
    if (parts.date === day && parts.window === window) seq = Math.max(seq, parts.seq);
  }
  return { hall, window, day, seq };
}

/** The protocol's session of a stored one. */
export function sessionBody(row: SessionRow, token: string, caseNumbers?: CaseNumbererState): Session {
  return {
    token,
    role: row.role,
    subject: row.subject,
    name: row.name,
    hall: row.hall,
    ...(row.window === undefined ? {} : { window: row.window }),
    ...(row.role === 'clerk' ? { windows: [...row.windows] } : {}),
    ...(caseNumbers ? { caseNumbers } : {}),
    expiresAt: row.expiresAt,
  };
}

/** Where a login comes from. */
export interface LoginContext {
  /** The network address of the caller, when the transport knows it (login limits per address). */
  address?: string;
  locale: HallLocale;
}

/**
 * Logs in. People: password, at a window their account may staff (the first by default); a window taken by a live
 * session is refused unless `takeOver`, which ends that session. Devices: their token.
 *
 * @returns the session and its caller (with the vault the login opened).
 */
export async function login(
  context: EngineContext,
  body: unknown,
  { address, locale }: LoginContext,
): Promise<{ session: Session; caller: Caller }> {
  const request = parse(LoginSchema, body, locale);
  const hall = await requireHall(context, locale);
  const now = context.now();
  const { limits } = context;
  const userName = 'user' in request ? request.user : undefined;
  const keys = [
    ...(address === undefined ? [] : [{ key: `address:${address}`, limit: limits.loginFailuresPerAddress }]),
    ...(userName === undefined ? [] : [{ key: `user:${userName}`, limit: limits.loginFailuresPerUser }]),
  ];
  const wait = keys.length ? await context.write(() => countAttempt(keys, now, limits.failureWindowMs)) : 0;
  if (wait > 0) throw rateLimited(locale, wait);

  let who: Omit<SessionRow, 'tokenHash' | 'hall' | 'createdAt' | 'expiresAt'>;
  let vault: Vault | undefined;
  if ('deviceToken' in request) {
    const verifier = await context.secrets.deviceVerifier(request.deviceToken);
    const device = await context.read(() => first(DEVICES, 'verifier', { equals: [verifier] }));
    if (!device || device.revokedAt !== undefined) throw fail(locale, 'unauthenticated', 'badDevice');
    vault = context.secrets.deviceVault();
    who = {
      role: device.role,
      subject: device.id,
      name: device.name,
      ...(device.window === undefined ? {} : { window: device.window }),
      windows: device.window === undefined ? [] : [device.window],
    };
  } else {
    const account = await context.read(() => get(ACCOUNTS, request.user));
    const opened = await context.secrets.verify(request.password, account?.credential);
    if (!account || opened === false || account.disabledAt !== undefined) {
      throw fail(locale, 'unauthenticated', 'badPassword');
    }
    vault = opened;
    let window: string | undefined;
    if (account.role === 'clerk') {
      window = request.window ?? account.windows[0];
      if (window === undefined || !account.windows.includes(window)) {
        if (window !== undefined && !(await context.read(() => get(WINDOWS, window!)))) {
          throw fail(locale, 'invalid', 'unknownWindow', { window }, [
            hallIssue('noWindow', locale, { field: 'window', window }),
          ]);
        }
        throw fail(locale, 'forbidden', 'windowNotAllowed', {
          user: account.user,
          window: window ?? '—',
          windows: account.windows.join('、') || '—',
        });
      }
    }
    who = {
      role: account.role,
      subject: account.user,
      name: account.name,
      ...(window === undefined ? {} : { window }),
      windows: account.role === 'clerk' ? [...account.windows] : [],
    };
  }

  const token = randomToken();
  const row: SessionRow = {
    ...who,
    tokenHash: await context.sha256(token),
    hall: hall.code,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + limits.sessionMs).toISOString(),
  };
  const takeOver = 'takeOver' in request && request.takeOver === true;
  // The credentials were right: the attempt is forgiven whatever comes next (a staffed window is no failed login).
  if (keys.length) {
    await context.write(function* () {
      for (const key of keys) yield* forgiveAttempt(key.key, now, key.key.startsWith('user:'));
    });
  }
  const { ended, caseNumbers } = await context.write(function* () {
    const ended: string[] = [];
    const nowIso = new Date(now).toISOString();
    for (const expired of yield* query(SESSIONS, 'expiry', { before: nowIso, limit: 100 })) {
      yield* remove(SESSIONS, expired.tokenHash);
    }
    if (row.role === 'clerk' && row.window !== undefined) {
      const holders = yield* clerksAt(row.window, nowIso);
      if (holders.length > 0 && !takeOver) throw fail(locale, 'conflict', 'windowTaken', { window: row.window });
      for (const holder of holders) {
        yield* remove(SESSIONS, holder.tokenHash);
        ended.push(holder.tokenHash);
      }
    }
    yield* put(SESSIONS, row);
    const caseNumbers =
      row.role === 'clerk' && row.window !== undefined ? yield* caseNumbersOf(hall.code, row.window, now) : undefined;
    return { ended, caseNumbers };
  });
  if (ended.length) context.sessionsEnded(ended);
  return {
    session: sessionBody(row, token, caseNumbers),
    caller: { session: row, tokenHash: row.tokenHash, vault, locale },
  };
}

/**
 * The caller of a route: a live session whose role the route table allows. 401 without a token or for one the hall
 * does not know (any more); 403 for a role the route does not allow.
 */
export async function authenticate(
  context: EngineContext,
  token: string | undefined,
  route: RouteName,
  locale: HallLocale,
  vaultOf: (row: SessionRow) => Vault | undefined,
): Promise<Caller> {
  if (token === undefined || token === '') throw fail(locale, 'unauthenticated', 'unauthenticated');
  const tokenHash = await context.sha256(token.slice(0, 512));
  const row = await context.read(() => get(SESSIONS, tokenHash));
  if (!row || Date.parse(row.expiresAt) <= context.now()) throw fail(locale, 'unauthenticated', 'sessionEnded');
  const roles: 'public' | readonly Role[] = ROUTES[route].roles;
  if (roles !== 'public' && !roles.includes(row.role))
    throw fail(locale, 'forbidden', 'forbidden', { role: ROLES[row.role] });
  return { session: row, tokenHash, vault: vaultOf(row), locale };
}

/** Ends a session. */
export async function logout(context: EngineContext, caller: Caller): Promise<void> {
  await context.write(() => remove(SESSIONS, caller.tokenHash));
  context.sessionsEnded([caller.tokenHash]);
}

/** A person changes their own password (the current one first). */
export async function changePassword(context: EngineContext, caller: Caller, body: unknown): Promise<void> {
  const { locale } = caller;
  const request = parse(ChangePasswordSchema, body, locale);
  const account = await context.read(() => get(ACCOUNTS, caller.session.subject));
  if (!account) throw fail(locale, 'unauthenticated', 'sessionEnded');
  const opened = await context.secrets.verify(request.password, account.credential);
  if (opened === false)
    throw fail(locale, 'invalid', 'currentPasswordWrong', {}, [hallIssue('currentPassword', locale)]);
  const credential = await context.secrets.credential(request.newPassword, opened);
  const at = isoNow(context);
  await context.write(function* () {
    const current = yield* get(ACCOUNTS, account.user);
    if (!current) return;
    yield* put(ACCOUNTS, { ...current, credential, updatedAt: at });
    yield* audit(account.user, at, 'account.password.change', account.user);
  });
}
