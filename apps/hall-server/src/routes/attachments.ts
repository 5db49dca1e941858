import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { Readable as ReadableStream } from 'node:stream';
import { HttpError } from '../http/errors.js';
import { callerOf, hallRoute, type HallContext } from '../http/context.js';

/**
 * `PUT /attachments/{sha256}` (any content type; the body is the file), `HEAD` and `GET`. The engine decides who may
 * upload and read a file and keeps the quota; the bytes are streamed to disk, kept only if they hash to their name
 * (else 422 `hash-mismatch`) and fit the limit (else 413). Registered in their own scope, where the body is not
 * parsed but streamed.
 */
export function attachmentRoutes(app: FastifyInstance, { engine, files }: HallContext): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    const limit = engine.limits.maxAttachmentBytes;

    hallRoute(scope, 'putAttachment', async (request, reply) => {
      const caller = callerOf(request);
      const declared = Number(request.headers['content-length'] ?? 0);
      const sha256 = await engine.checkUpload(caller, (request.params as { sha256?: string }).sha256, declared);
      const body = (request.body as Readable | undefined) ?? ReadableStream.from([]);
      const outcome = await files.store(body, sha256, limit);
      if (outcome.status === 'too-large') {
        // The rest of the body is not read: close the connection rather than drain it.
        reply.header('connection', 'close');
        await engine.checkUpload(caller, sha256, limit + 1);
      }
      if (outcome.status === 'hash-mismatch')
        throw new HttpError('hash-mismatch', 'hashMismatch', { actual: outcome.actual });
      if (outcome.status !== 'stored') throw new Error('internal: an upload neither stored nor refused');
      let fresh: boolean;
      try {
        fresh = await engine.recordAttachment(caller, sha256, outcome.size);
      } catch (error) {
        // Over the quota: the bytes just written go again (unless another upload of the same file recorded them).
        if (!(await engine.holdsAttachment(sha256))) await files.delete(sha256);
        throw error;
      }
      return reply.code(fresh ? 201 : 200).send({ sha256, size: outcome.size });
    });

    const held = async (request: FastifyRequest) => {
      const record = await engine.attachment(callerOf(request), (request.params as { sha256?: string }).sha256);
      if (!record) throw new HttpError('not-found', 'attachmentNotFound');
      return record;
    };
    const fileHeaders = (sha256: string, size: number) => ({
      'content-type': 'application/octet-stream',
      'content-length': String(size),
      etag: `"${sha256}"`,
      'cache-control': 'private, max-age=31536000, immutable',
      'content-disposition': `attachment; filename="${sha256}"`,
      'content-security-policy': "sandbox; default-src 'none'",
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
