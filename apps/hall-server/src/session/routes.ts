import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LoginSchema, type Session } from '@yichuang/hall-client/protocol.js';
import { HallHttpError, parseOr400 } from '../http/errors.js';
import { hallRoute, sessionOf, type HallContext } from '../http/context.js';
import type { SessionRecord } from '../storage/storage.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { LOGIN_LIMITS, LoginThrottle } from './throttle.js';
import { bearerToken, hashToken, newToken } from './tokens.js';

const HOUR_MS = 60 * 60 * 1000;

/** The protocol's `Session` of a stored session and its token. */
export function sessionBody(record: SessionRecord, token: string): Session {
  return {
    token,
    role: record.role,
    subject: record.subject,
    name: record.name,
    hall: record.hall,
    ...(record.window === undefined ? {} : { window: record.window }),
    expiresAt: record.expiresAt,
  };
}

/** 429 `rate-limited` with `Retry-After` (whole seconds) for a wait of `ms`. */
function rateLimited(ms: number): HallHttpError {
  const seconds = Math.ceil(ms / 1000);
  return new HallHttpError('rate-limited', 'rateLimited', { minutes: Math.ceil(seconds / 60) }, [], {
    'retry-after': String(seconds),
  });
}

/**
 * `POST /api/v1/session` (log in), `GET` (who am I), `DELETE` (log out).
 *
 * Guessing is limited ({@link LOGIN_LIMITS}): after 5 failed logins for one user name, or 20 from one address
 * (passwords and device tokens alike), within 15 minutes, a login answers 429 `rate-limited` with `Retry-After`
 * before any password is hashed, until the oldest of those failures is 15 minutes old. A user's successful login
 * clears that user's count (not the address's).
 */
export function sessionRoutes(app: FastifyInstance, context: HallContext): void {
  const { storage } = context;
  /** Verified when the user does not exist, so that a wrong user name takes as long as a wrong password. */
  let decoy: Promise<string> | undefined;
  const byUser = new LoginThrottle({ limit: LOGIN_LIMITS.perUser, windowMs: LOGIN_LIMITS.windowMs });
  const byAddress = new LoginThrottle({ limit: LOGIN_LIMITS.perAddress, windowMs: LOGIN_LIMITS.windowMs });

  hallRoute(app, 'login', async (request, reply) => {
    const login = parseOr400(LoginSchema, request.body);
    const hall = await storage.hall();
    if (!hall) throw new HallHttpError('unauthenticated', 'badPassword');
    const now = context.now();
    const address = request.ip;
    const userName = 'user' in login ? login.user : undefined;
    const wait = Math.max(byAddress.wait(address, now), userName === undefined ? 0 : byUser.wait(userName, now));
    if (wait > 0) throw rateLimited(wait);
    // Counted as failed from the start (so that guesses sent at once are all counted), taken back on success.
    byAddress.count(address, now);
    if (userName !== undefined) byUser.count(userName, now);
    const base = {
      hall: hall.code,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + context.sessionHours * HOUR_MS).toISOString(),
    };
    let record: SessionRecord;
    if ('deviceToken' in login) {
      const device = await storage.findDevice(hashToken(login.deviceToken));
      if (!device) throw new HallHttpError('unauthenticated', 'badDevice');
      byAddress.forgive(address, now);
      record = {
        ...base,
        tokenHash: '',
        role: device.role,
        subject: device.id,
        name: device.name,
        ...(device.window === undefined ? {} : { window: device.window }),
      };
    } else {
      const user = await storage.findUser(login.user);
      decoy ??= hashPassword('decoy', context.passwordCost);
      const matches = await verifyPassword(login.password, user?.passwordHash ?? (await decoy));
      if (!user || !matches) throw new HallHttpError('unauthenticated', 'badPassword');
      byAddress.forgive(address, now);
      byUser.reset(login.user);
      const window = login.window ?? user.window;
      if (login.window !== undefined && !(await storage.windows()).some((w) => w.code === login.window)) {
        throw new HallHttpError('invalid', 'unknownWindow', { window: login.window }, [
          `window: the hall has no window ${login.window}`,
        ]);
      }
      record = {
        ...base,
        tokenHash: '',
        role: user.role,
        subject: user.user,
        name: user.name,
        ...(window === undefined ? {} : { window }),
      };
    }
    const token = newToken();
    record.tokenHash = hashToken(token);
    await storage.createSession(record);
    void storage.deleteExpiredSessions(base.createdAt).catch(() => {});
    return reply.code(200).send(sessionBody(record, token));
  });

  const tokenOf = (request: FastifyRequest) => bearerToken(request.headers.authorization) ?? '';

  hallRoute(app, 'session', async (request) => sessionBody(sessionOf(request), tokenOf(request)));

  hallRoute(app, 'logout', async (request, reply) => {
    const session = sessionOf(request);
    await storage.deleteSession(session.tokenHash);
    context.hub.endSession(session.tokenHash);
    return reply.code(204).send();
  });
}
