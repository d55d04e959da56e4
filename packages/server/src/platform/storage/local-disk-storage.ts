import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, isAppError } from '@bizdash/domain/errors';
import type { FileStorage, StagedFile, StoredFile } from './file-storage';
import { isSafeKey } from './storage-keys';

const HEAD_BYTES = 64 * 1024;
const TEMP_DIR = '.tmp';

/** Counts, hashes and keeps the head of what passes; fails once more than maxBytes pass. */
class Meter extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  private readonly headChunks: Buffer[] = [];
  private headSize = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(
        new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${formatMb(this.maxBytes)}`, {
          maxBytes: this.maxBytes,
        }),
      );
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

function formatMb(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

async function removeQuietly(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Files on the local disk under `root` (the data dir). Uploads go to a temp file under the same root (so the final
 * move is a same-filesystem link, atomic), are hashed while streaming, and are linked to their key only after the
 * caller's checks pass. Linking, not renaming, means an existing file is never overwritten.
 */
export function makeLocalDiskStorage(root: string): FileStorage {
  const base = path.resolve(root);

  function resolveKey(key: string): string {
    if (!isSafeKey(key)) throw new AppError('VALIDATION_FAILED', 'Not a valid file key', { key });
    const full = path.resolve(base, ...key.split('/'));
    // Belt and braces: safe segments cannot climb out, but the check costs nothing.
    if (!full.startsWith(base + path.sep)) throw new AppError('VALIDATION_FAILED', 'Not a valid file key', { key });
    return full;
  }

  async function stage(source: Readable, options: { maxBytes: number }): Promise<StagedFile> {
    const tempDir = path.join(base, TEMP_DIR);
    await mkdir(tempDir, { recursive: true });
    const tempFile = path.join(tempDir, `${randomUUID()}.part`);
    const meter = new Meter(options.maxBytes);
    try {
      await pipeline(source, meter, createWriteStream(tempFile, { flags: 'wx' }));
    } catch (error) {
      await removeQuietly(tempFile);
      // Drain what is left of the source so the request can finish and the client hears the answer.
      source.resume();
      if (isAppError(error)) throw error;
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${formatMb(options.maxBytes)}`, {
          maxBytes: options.maxBytes,
        });
      }
      throw error;
    }
    let settled = false;
    return {
      sizeBytes: meter.size,
      sha256: meter.hash.digest('hex'),
      head: meter.head(),
      async commit(key: string) {
        const target = resolveKey(key);
        await mkdir(path.dirname(target), { recursive: true });
        try {
          await link(tempFile, target);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
            throw new AppError('CONFLICT', 'A file with this name is already stored', { key });
          }
          throw error;
        }
        settled = true;
        await removeQuietly(tempFile);
      },
      async discard() {
        if (settled) return;
        settled = true;
        await removeQuietly(tempFile);
      },
    };
  }

  async function open(key: string): Promise<StoredFile> {
    const full = resolveKey(key);
    try {
      const info = await stat(full);
      return { stream: createReadStream(full), sizeBytes: info.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND', 'The file is missing');
      throw error;
    }
  }

  async function remove(key: string): Promise<void> {
    await removeQuietly(resolveKey(key));
  }

  async function exists(key: string): Promise<boolean> {
    try {
      await stat(resolveKey(key));
      return true;
    } catch {
      return false;
    }
  }

  return { stage, open, remove, exists };
}
