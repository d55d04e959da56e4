import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AppError, isAppError } from '@bizdash/domain/errors';

const HEAD_BYTES = 64 * 1024;

/**
 * Counts, hashes and keeps the head of what passes; fails once more than maxBytes pass. Shared by every storage so
 * the size limit and the hash mean the same thing wherever the bytes end up.
 */
export class Meter extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  /** The error the meter itself raised (too large), kept because a consumer may report a later error instead. */
  failure: AppError | undefined;
  private readonly headChunks: Buffer[] = [];
  private headSize = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      this.failure = tooLarge(this.maxBytes);
      callback(this.failure);
      return;
    }
    this.hash.update(chunk);
    if (this.headSize < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - this.headSize);
      this.headChunks.push(part);
      this.headSize += part.length;
    }
    callback(null, chunk);
  }

  head(): Uint8Array {
    return Buffer.concat(this.headChunks);
  }
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${formatMb(maxBytes)}`, { maxBytes });
}

/**
 * The error a failed staging reports: ours as they are, and the multipart plugin's own size limit (which fails the
 * source stream) as PAYLOAD_TOO_LARGE; anything else unchanged.
 */
export function stagingError(error: unknown, maxBytes: number): unknown {
  if (isAppError(error)) return error;
  if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  return error;
}

function formatMb(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
