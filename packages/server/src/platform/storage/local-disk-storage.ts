import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@bizdash/domain/errors';
import type { FileStorage, StagedFile, StoredFile } from './file-storage';
import { isSafeKey } from './storage-keys';
import { Meter, stagingError } from './upload-meter';

const TEMP_DIR = '.tmp';

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
      throw stagingError(error, options.maxBytes);
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
