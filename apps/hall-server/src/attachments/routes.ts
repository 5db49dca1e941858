import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { Readable as ReadableStream } from 'node:stream';
import { formatBytes } from '@yichuang/hall-client/protocol.js';
import { HallHttpError } from '../http/errors.js';
import { hallRoute, type HallContext } from '../http/context.js';
import { SHA256_HEX } from './files.js';

/** The attachment's name from the route, lower-cased; 400 unless it is a SHA-256 in hex. */
function shaParam(request: FastifyRequest): string {
  const raw = (request.params as { sha256?: string }).sha256 ?? '';
  const sha256 = raw.toLowerCase();
  if (!SHA256_HEX.test(sha256)) {
    throw new HallHttpError('invalid', 'badHash', {}, ['sha256: 64 hexadecimal characters (the SHA-256 of the file)']);
  }
  return sha256;
}

/**
 * `PUT /api/v1/attachments/{sha256}` (any content type; the body is the file), `HEAD` and `GET`. A file is kept
 * only if it hashes to its name (else 422 `hash-mismatch`) and fits `MAX_ATTACHMENT_BYTES` (else 413).
 * Registered in their own scope, where the body is not parsed but streamed to disk.
 */
export function attachmentRoutes(app: FastifyInstance, context: HallContext): void {
  const { storage, files } = context;
  const limit = context.maxAttachmentBytes;
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    hallRoute(scope, 'putAttachment', async (request, reply) => {
      const sha256 = shaParam(request);
      const tooLarge = () =>
        new HallHttpError('too-large', 'tooLarge', { limit: formatBytes(limit) }, [], { connection: 'close' });
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > limit) throw tooLarge();
      const body = (request.body as Readable | undefined) ?? ReadableStream.from([]);
      const outcome = await files.store(body, sha256, limit);
      if (outcome.status === 'too-large') throw tooLarge();
      if (outcome.status === 'hash-mismatch') {
        throw new HallHttpError('hash-mismatch', 'hashMismatch', { actual: outcome.actual });
      }
      const fresh = await storage.recordAttachment({
        sha256,
        size: outcome.size,
        storedAt: new Date(context.now()).toISOString(),
      });
      return reply.code(fresh ? 201 : 200).send({ sha256, size: outcome.size });
    });

    const held = async (request: FastifyRequest) => {
      const sha256 = shaParam(request);
      const record = await storage.getAttachment(sha256);
      if (!record) throw new HallHttpError('not-found', 'attachmentNotFound');
      return record;
    };
    const fileHeaders = (sha256: string, size: number) => ({
      'content-type': 'application/octet-stream',
      'content-length': String(size),
      etag: `"${sha256}"`,
      'cache-control': 'private, max-age=31536000, immutable',
      'content-disposition': `attachment; filename="${sha256}"`,
      'content-security-policy': "sandbox; default-src 'none'",
      'x-content-type-options': 'nosniff',
    });

    hallRoute(scope, 'headAttachment', async (request, reply) => {
      const record = await held(request);
      return reply.headers(fileHeaders(record.sha256, record.size)).code(200).send();
    });

    hallRoute(scope, 'getAttachment', async (request, reply) => {
      const record = await held(request);
      return reply.headers(fileHeaders(record.sha256, record.size)).send(files.open(record.sha256));
    });
  });
}
