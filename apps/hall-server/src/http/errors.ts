import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ERROR_STATUS,
  HallError,
  formatBytes,
  type ErrorBody,
  type ErrorCode,
} from '@yichuang/hall-client/protocol.js';
import { message, pickLanguage, type Language, type MessageKey, type MessageValue } from './messages.js';

/** The most issue lines one error answer carries. */
const MAX_ISSUES = 50;

/** Sent with every 401, as RFC 6750 asks. */
const CHALLENGE = 'Bearer realm="yichuang-hall"';

/**
 * An error answer of the transport itself (HTTP-level: a body that is not JSON, an unknown route, a file not built):
 * an {@link ErrorCode} (its status from `ERROR_STATUS`) and a message key of the server's table. Every hall refusal
 * comes from the engine as a `HallError`.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: MessageKey,
    readonly values: Record<string, MessageValue> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${messageKey}`);
  }
}

/** The language a request asked for. */
export function languageOf(request: FastifyRequest): Language {
  return pickLanguage(request.headers['accept-language']);
}

/** Sends an {@link ErrorBody}. */
export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  text: string,
  issues: readonly string[] = [],
): FastifyReply {
  const body: ErrorBody = { error: code, message: text };
  if (issues.length > 0) body.issues = issues.slice(0, MAX_ISSUES);
  if (code === 'unauthenticated') reply.header('www-authenticate', CHALLENGE);
  return reply.code(ERROR_STATUS[code]).type('application/json; charset=utf-8').send(body);
}

/** Sends the server's own error of `key`. */
function sendOwn(
  reply: FastifyReply,
  language: Language,
  code: ErrorCode,
  key: MessageKey,
  values: Record<string, MessageValue> = {},
) {
  return sendError(reply, code, message(key, language, values));
}

/**
 * Installs the error and not-found handlers: every error — the engine's refusals (`HallError`), the transport's
 * (`HttpError`) and Fastify's (bad JSON, wrong content type, body too large, unknown route, closing) — answers an
 * {@link ErrorBody}. 5xx errors are logged (message and stack, never the request's body or headers).
 */
export function installErrorHandlers(app: FastifyInstance, limits: { bodyLimit: number }): void {
  app.setErrorHandler((error: FastifyError | HallError | HttpError, request, reply) => {
    const language = languageOf(request);
    if (error instanceof HallError && error.code !== 'network' && error.code !== 'aborted') {
      const retry = (error as HallError & { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retry !== undefined) reply.header('retry-after', String(retry));
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendError(reply, error.code, error.message, error.issues);
    }
    if (error instanceof HttpError) {
      reply.headers(error.headers);
      return sendOwn(reply, language, error.code, error.messageKey, error.values);
    }
    const fastify = error as FastifyError;
    const status = fastify.statusCode ?? 500;
    switch (fastify.code) {
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendOwn(reply, language, 'invalid', 'emptyJson');
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendOwn(reply, language, 'invalid', 'invalidJson');
    }
    if (error instanceof SyntaxError) return sendOwn(reply, language, 'invalid', 'invalidJson');
    if (status === 413) {
      return sendOwn(reply, language, 'too-large', 'tooLarge', {
        limit: formatBytes(request.routeOptions.bodyLimit ?? limits.bodyLimit),
      });
    }
    if (status === 415) {
      return sendOwn(reply, language, 'unsupported-media-type', 'unsupportedMediaType', {
        type: String(request.headers['content-type'] ?? '').slice(0, 100),
      });
    }
    if (status === 408) return sendOwn(reply, language, 'invalid', 'requestTimeout');
    if (status === 503) return sendOwn(reply, language, 'unavailable', 'unavailable');
    if (status >= 400 && status < 500) return sendOwn(reply, language, 'invalid', 'badRequest');
    request.log.error({ err: error }, 'request failed');
    return sendOwn(reply, language, 'internal', 'internal');
  });

  app.setNotFoundHandler((request, reply) =>
    sendOwn(reply, languageOf(request), 'not-found', 'routeNotFound', {
      method: request.method,
      path: routePathForMessage(request.url),
    }),
  );
}

/** The path of a URL without its query, shortened, for an error message. */
function routePathForMessage(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.length > 120 ? `${path.slice(0, 120)}…` : path;
}
