import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { makeS3Client, type S3StorageOptions } from '../../src/platform/storage/s3-storage';

export interface TestS3 {
  /** Options for makeS3Storage pointing at this server (fresh prefix per call, so tests share one server). */
  options(prefix?: string): S3StorageOptions;
  client: S3Client;
  /** Every object key under `prefix` in the bucket. */
  keys(prefix: string): Promise<string[]>;
  stop(): Promise<void>;
}

const BUCKET = 'bizdash-test';

/** A local S3-compatible server (s3rver, pure JS) on 127.0.0.1 with one bucket, its objects in a temp dir. */
export async function startTestS3(): Promise<TestS3> {
  const directory = mkdtempSync(path.join(tmpdir(), 'bizdash-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await server.run();
  const options = (prefix = ''): S3StorageOptions => ({
    bucket: BUCKET,
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    // s3rver's fixed key pair.
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    forcePathStyle: true,
    prefix,
  });
  const client = await makeS3Client(options());
  return {
    options,
    client,
    async keys(prefix) {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
      return (listed.Contents ?? []).map((o) => o.Key ?? '').sort();
    },
    async stop() {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
