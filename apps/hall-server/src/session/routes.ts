import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LoginSchema, type Session } from '@yichuang/hall-client/protocol.js';
import { HallHttpError, parseOr400 } from '../http/errors.js';
import { hallRoute, sessionOf, type HallContext } from '../http/context.js';
import type { SessionRecord } from '../storage/storage.js';
import { hashPassword, verifyPassword } from './passwords.js';
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

/** `POST /api/v1/session` (log in), `GET` (who am I), `DELETE` (log out). */
export function sessionRoutes(app: FastifyInstance, context: HallContext): void {
  const { storage } = context;
  /** Verified when the user does not exist, so that a wrong user name takes as long as a wrong password. */
  let decoy: Promise<string> | undefined;

  hallRoute(app, 'login', async (request, reply) => {
    const login = parseOr400(LoginSchema, request.body);
    const hall = await storage.hall();
    if (!hall) throw new HallHttpError('unauthenticated', 'badPassword');
    const now = context.now();
    const base = {
      hall: hall.code,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + context.sessionHours * HOUR_MS).toISOString(),
    };
    let record: SessionRecord;
    if ('deviceToken' in login) {
      const device = await storage.findDevice(hashToken(login.deviceToken));
      if (!device) throw new HallHttpError('unauthenticated', 'badDevice');
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
