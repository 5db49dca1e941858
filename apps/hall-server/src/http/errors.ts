import * as v from 'valibot';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_STATUS, formatBytes, type ErrorBody, type ErrorCode } from '@yichuang/hall-client/protocol.js';
import { message, pickLanguage, type Language, type MessageKey, type MessageValue } from './messages.js';

/** The most issue lines one error answer carries. */
const MAX_ISSUES = 50;

/**
 * An error answer the server gives on purpose: an {@link ErrorCode} (its HTTP status from `ERROR_STATUS`), a
 * message key answered in the request's language, and for `invalid` the problem of each field.
 */
export class HallHttpError extends Error {
  override readonly name = 'HallHttpError';
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: MessageKey,
    readonly values: Record<string, MessageValue> = {},
    readonly issues: readonly string[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${messageKey}`);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** The language a request asked for. */
export function languageOf(request: FastifyRequest): Language {
  return pickLanguage(request.headers['accept-language']);
}

/**
 * One line per valibot issue, each starting with the field's path (`payload.materials.0.receipt: one of …`).
 * The schemas' messages already start with the field's own name; it is replaced by the full path.
 */
export function issueLines(issues: readonly v.BaseIssue<unknown>[], prefix = ''): string[] {
  return issues.slice(0, MAX_ISSUES).map((issue) => {
    const dotPath = v.getDotPath(issue);
    const path = [prefix, dotPath].filter(Boolean).join('.');
    if (!path) return issue.message;
    const last = issue.path?.at(-1)?.key;
    const label = typeof last === 'string' || typeof last === 'number' ? `${String(last)}: ` : undefined;
    if (label && issue.message.startsWith(label)) return `${path}: ${issue.message.slice(label.length)}`;
    return `${path}: ${issue.message}`;
  });
}

/**
 * Parses `input` with `schema`, or throws {@link HallHttpError} `invalid` listing every problem.
 */
export function parseOr400<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  throw new HallHttpError('invalid', 'invalid', {}, issueLines(result.issues));
}

/** Sends an {@link ErrorBody}. */
export function sendError(
  reply: FastifyReply,
  language: Language,
  code: ErrorCode,
  key: MessageKey,
  values: Record<string, MessageValue> = {},
  issues: readonly string[] = [],
): FastifyReply {
  const body: ErrorBody = { error: code, message: message(key, language, values) };
  if (issues.length > 0) body.issues = [...issues];
  return reply.code(ERROR_STATUS[code]).type('application/json; charset=utf-8').send(body);
}

/**
 * Installs the error and not-found handlers: every error, the server's own and Fastify's (bad JSON, wrong
 * content type, body too large, unknown route, closing), answers an {@link ErrorBody}. 5xx errors are logged
 * (message and stack, never the request's body or headers).
 */
export function installErrorHandlers(app: FastifyInstance, limits: { bodyLimit: number }): void {
  app.setErrorHandler((error: FastifyError | HallHttpError, request, reply) => {
    const language = languageOf(request);
    if (error instanceof HallHttpError) {
      reply.headers(error.headers);
      return sendError(reply, language, error.code, error.messageKey, error.values, error.issues);
    }
    const status = error.statusCode ?? 500;
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(reply, language, 'unsupported-media-type', 'unsupportedMediaType', {
          type: String(request.headers['content-type'] ?? '').slice(0, 100),
        });
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(reply, language, 'too-large', 'tooLarge', {
          limit: formatBytes(request.routeOptions.bodyLimit ?? limits.bodyLimit),
        });
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendError(reply, language, 'invalid', 'emptyJson');
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendError(reply, language, 'invalid', 'invalidJson');
    }
    if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
      return sendError(reply, language, 'invalid', error instanceof SyntaxError ? 'invalidJson' : 'badRequest');
    }
    if (status === 413)
      return sendError(reply, language, 'too-large', 'tooLarge', { limit: formatBytes(limits.bodyLimit) });
    if (status === 415) {
      return sendError(reply, language, 'unsupported-media-type', 'unsupportedMediaType', {
        type: String(request.headers['content-type'] ?? '').slice(0, 100),
      });
    }
    if (status === 503) return sendError(reply, language, 'unavailable', 'unavailable');
    if (status >= 400 && status < 500) return sendError(reply, language, 'invalid', 'badRequest');
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, language, 'internal', 'internal');
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, languageOf(request), 'not-found', 'routeNotFound', {
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
