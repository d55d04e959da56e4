import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { PassThrough } from 'node:stream';
import { AppError } from '@bizdash/domain/errors';
import type { FileDownload, IncomingFile } from './order-documents.service';

/**
 * HTTP glue for uploads and downloads, kept out of the services: reading multipart parts as streams and writing
 * Content-Disposition. The services see plain streams and names.
 */

function assertMultipart(request: FastifyRequest) {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data in a field named "file"');
  }
}

/** Turns @fastify/multipart's own errors into AppErrors, so they answer as problem+json with our codes. */
export function mapMultipartError(error: unknown): unknown {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'The file is too large');
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError('LIMIT_EXCEEDED', 'Too many files or fields in one request');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
    case 'FST_PROTO_VIOLATION':
    case 'FST_MULTIPART_PREMATURE_CLOSE':
      return new AppError('VALIDATION_FAILED', 'The upload was malformed or cut short', { field: 'file' });
    default:
      return error;
  }
}

function toIncoming(part: MultipartFile): IncomingFile {
  return { stream: part.file, filename: part.filename };
}

/**
 * The one file of a request. The parser's own size limit sits one byte above ours, so our stream meter is what
 * refuses an oversized file (and cleans up) while the parser still protects against a runaway body.
 *
 * A second file is an error, not something to drop in silence (issue 16): the stream handed to the service only
 * ends once the rest of the request has been read, and fails with a 400 if another file followed, so the service,
 * which stores nothing until its stream ends cleanly, keeps nothing.
 */
export async function readSingleFile(request: FastifyRequest, maxBytes: number): Promise<IncomingFile> {
  assertMultipart(request);
  const parts = request.parts({ limits: { fileSize: maxBytes + 1, files: 1, fields: 10, parts: 20 } });
  const iterator = parts[Symbol.asyncIterator]();
  let part: MultipartFile | undefined;
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      if (next.value.type === 'file') {
        part = next.value;
        break;
      }
    }
  } catch (error) {
    throw mapMultipartError(error);
  }
  if (!part) throw new AppError('VALIDATION_FAILED', 'file: no file in the request', { field: 'file' });
  const out = new PassThrough();
  // The service's pipeline listens for errors while it reads; once it has stopped (a refused type, its own size
  // meter), a late parser error must not become an uncaught exception.
  out.on('error', () => {});
  part.file.on('error', (error) => out.destroy(mapMultipartError(error) as Error));
  part.file.on('end', () => {
    void (async () => {
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done) break;
          if (next.value.type === 'file') next.value.file.resume();
        }
        out.end();
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        out.destroy(
          code === 'FST_FILES_LIMIT'
            ? new AppError('VALIDATION_FAILED', 'file: send one file per request', { field: 'file' })
            : (mapMultipartError(error) as Error),
        );
      }
    })();
  });
  part.file.pipe(out, { end: false });
  return { stream: out, filename: part.filename };
}

/** Every file of a request, one at a time (each must be read before the next arrives). */
export async function* readFiles(
  request: FastifyRequest,
  maxBytes: number,
  maxFiles: number,
): AsyncGenerator<IncomingFile> {
  assertMultipart(request);
  const parts = request.files({
    limits: { fileSize: maxBytes + 1, files: maxFiles, fields: 10, parts: maxFiles + 10 },
  });
  try {
    for await (const part of parts) yield toIncoming(part);
  } catch (error) {
    throw mapMultipartError(error);
  }
}

/** RFC 6266/5987: an ASCII fallback name plus the UTF-8 original. */
function contentDisposition(kind: 'inline' | 'attachment', fileName: string, fallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback.replace(/["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}

/** Sends a stored file; inline only when asked and only for PDF and images. */
export function sendDownload(reply: FastifyReply, file: FileDownload, wantsInline: boolean) {
  const inline = wantsInline && file.isInline;
  reply
    .header('content-type', file.mediaType)
    .header('content-length', String(file.sizeBytes))
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.fileName, file.storedName))
    .header('x-content-type-options', 'nosniff');
  return reply.send(file.stream);
}

export function isInlineRequested(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}
