import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type * as S3Module from '@aws-sdk/client-s3';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { Upload } from '@aws-sdk/lib-storage';
import { AppError } from '@bizdash/domain/errors';
import type { FileStorage, StagedFile, StoredFile } from './file-storage';
import { isSafeKey } from './storage-keys';
import { Meter, stagingError } from './upload-meter';

export interface S3StorageOptions {
  bucket: string;
  /** An S3-compatible endpoint (MinIO, R2, s3rver); unset: AWS S3 in `region`. */
  endpoint?: string | undefined;
  region: string;
  /** Both or neither; neither lets the SDK find credentials itself (AWS_* variables, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** bucket.host/key (false) or host/bucket/key (true, what most self-hosted servers need). */
  forcePathStyle: boolean;
  /** Prepended to every key ("" or segments ending in "/"), so several firms can share one bucket. */
  prefix: string;
  /** Multipart part size in bytes (at least 5 MiB on AWS); uploads smaller than one part are one PUT. */
  partSize?: number | undefined;
}

/** Staged uploads wait here; ".tmp" is not a valid key segment, so no stored file can ever be named like one. */
const TEMP_FOLDER = '.tmp/';
const MIN_PART_SIZE = 5 * 1024 * 1024;

type S3Sdk = typeof S3Module & { Upload: typeof Upload };

let sdk: Promise<S3Sdk> | null = null;

/**
 * The AWS SDK (about 23 MB resident with lib-storage), loaded when S3 storage is first used rather than at start-up:
 * most servers keep files on disk and never need it (issue 21).
 */
function loadS3Sdk(): Promise<S3Sdk> {
  sdk ??= Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/lib-storage')]).then(
    ([client, storage]) => ({ ...client, Upload: storage.Upload }),
    (error: unknown) => {
      sdk = null;
      throw error;
    },
  );
  return sdk;
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

function isMissing(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(error) === 404;
}

/**
 * Files in an S3-compatible bucket, under the same keys as on disk. An upload streams through the size meter and
 * hash into a temporary object (multipart when larger than one part, so nothing is buffered whole); commit copies it
 * server-side to its key and deletes the temporary object. An oversized or failed upload is aborted and its
 * temporary object deleted, so it leaves nothing behind. Objects left under `.tmp/` by a crashed process are best
 * expired by a bucket lifecycle rule (docs/deployment.md).
 */
export function makeS3Storage(options: S3StorageOptions, givenClient?: S3Client): FileStorage {
  const { bucket, prefix } = options;
  const partSize = Math.max(options.partSize ?? MIN_PART_SIZE, MIN_PART_SIZE);
  let client: Promise<S3Client> | null = givenClient ? Promise.resolve(givenClient) : null;

  /** The SDK and the client, both made on first use. */
  async function s3(): Promise<{ sdk: S3Sdk; client: S3Client }> {
    const made = (client ??= makeS3Client(options));
    try {
      return { sdk: await loadS3Sdk(), client: await made };
    } catch (error) {
      // A failed first load is not kept: the next request tries again instead of failing until a restart.
      if (client === made && !givenClient) client = null;
      throw error;
    }
  }

  function objectKey(key: string): string {
    if (!isSafeKey(key)) throw new AppError('VALIDATION_FAILED', 'Not a valid file key', { key });
    return prefix + key;
  }

  /** CopySource is "bucket/key" with the key URL-encoded (segments are safe already; this is for the prefix). */
  function copySource(objectName: string): string {
    return `${bucket}/${objectName.split('/').map(encodeURIComponent).join('/')}`;
  }

  async function deleteObject(objectName: string): Promise<void> {
    const { sdk, client } = await s3();
    try {
      await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: objectName }));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async function headObject(objectName: string): Promise<boolean> {
    const { sdk, client } = await s3();
    try {
      await client.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: objectName }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async function stage(source: Readable, { maxBytes }: { maxBytes: number }): Promise<StagedFile> {
    const tempName = `${prefix}${TEMP_FOLDER}${randomUUID()}.part`;
    // The SDK first: if it cannot load, the request fails before its body is piped anywhere.
    const { sdk, client } = await s3();
    const meter = new Meter(maxBytes);
    let sourceError: unknown;
    // pipe() does not forward a source error (the multipart plugin's own size limit fails the source this way).
    source.on('error', (error) => {
      sourceError = error;
      meter.destroy(error);
    });
    source.pipe(meter);
    const upload = new sdk.Upload({
      client,
      params: { Bucket: bucket, Key: tempName, Body: meter },
      partSize,
      queueSize: 2,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      source.unpipe(meter);
      meter.destroy();
      // Drain what is left of the source so the request can finish and the client hears the answer.
      source.resume();
      // A multipart upload is aborted by Upload itself; a single PUT may have landed just before the failure.
      await deleteObject(tempName).catch(() => undefined);
      // Upload reports the failure of its clean-up (abort) when that fails too; the cause is what the caller needs.
      throw stagingError(meter.failure ?? sourceError ?? error, maxBytes);
    }
    let settled = false;
    return {
      sizeBytes: meter.size,
      sha256: meter.hash.digest('hex'),
      head: meter.head(),
      async commit(key: string) {
        const target = objectKey(key);
        const conflict = () => new AppError('CONFLICT', 'A file with this name is already stored', { key });
        // IfNoneMatch makes the copy itself refuse an existing key on S3; servers that ignore the condition are
        // still covered by the check before it (keys carry ids and versions, so only a bug could race it).
        if (await headObject(target)) throw conflict();
        try {
          await client.send(
            new sdk.CopyObjectCommand({
              Bucket: bucket,
              Key: target,
              CopySource: copySource(tempName),
              IfNoneMatch: '*',
            }),
          );
        } catch (error) {
          if (statusOf(error) === 412 || statusOf(error) === 409) throw conflict();
          throw error;
        }
        settled = true;
        await deleteObject(tempName);
      },
      async discard() {
        if (settled) return;
        settled = true;
        await deleteObject(tempName);
      },
    };
  }

  async function open(key: string): Promise<StoredFile> {
    const name = objectKey(key);
    const { sdk, client } = await s3();
    try {
      const response = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: name }));
      const body = response.Body;
      if (!(body instanceof Readable)) throw new Error(`S3 GetObject for ${name} returned no stream`);
      return { stream: body, sizeBytes: response.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) throw new AppError('NOT_FOUND', 'The file is missing');
      throw error;
    }
  }

  async function remove(key: string): Promise<void> {
    await deleteObject(objectKey(key));
  }

  async function exists(key: string): Promise<boolean> {
    return headObject(objectKey(key));
  }

  return { stage, open, remove, exists };
}

/** A client for the bucket's endpoint; loads the SDK on first call. */
export async function makeS3Client(options: S3StorageOptions): Promise<S3Client> {
  const { S3Client } = await loadS3Sdk();
  const config: S3ClientConfig = { region: options.region, forcePathStyle: options.forcePathStyle };
  if (options.endpoint) config.endpoint = options.endpoint;
  if (options.credentials) config.credentials = options.credentials;
  return new S3Client(config);
}
