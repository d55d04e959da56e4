import type { Readable } from 'node:stream';

/** Bytes received and held aside until the database write that names them succeeds. */
export interface StagedFile {
  sizeBytes: number;
  /** Hex SHA-256, computed while streaming. */
  sha256: string;
  /** The first bytes (up to 64 KiB), for sniffing the type. */
  head: Uint8Array;
  /** Moves the bytes to `key`. Never overwrites: an existing key fails with CONFLICT. */
  commit(key: string): Promise<void>;
  /** Drops the staged bytes; safe to call more than once and after commit (then it does nothing). */
  discard(): Promise<void>;
}

export interface StoredFile {
  stream: Readable;
  sizeBytes: number;
}

/**
 * Where uploaded files live. Keys are relative, slash-separated paths made of safe segments (see storage-keys.ts).
 * The local disk implementation keeps them under the data dir; an S3 implementation can keep the same keys.
 */
export interface FileStorage {
  /**
   * Streams `source` aside without buffering it whole, hashing as it goes. Throws PAYLOAD_TOO_LARGE (leaving nothing
   * behind) once more than `maxBytes` arrive.
   */
  stage(source: Readable, options: { maxBytes: number }): Promise<StagedFile>;
  /** Opens a stored file; NOT_FOUND when it is missing. */
  open(key: string): Promise<StoredFile>;
  /** Deletes a stored file; a missing one is not an error. */
  remove(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}
