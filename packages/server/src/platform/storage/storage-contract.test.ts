import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../../../test/support/s3-server';
import type { FileStorage } from './file-storage';
import { makeLocalDiskStorage } from './local-disk-storage';
import { makeS3Storage } from './s3-storage';

/** One implementation under test: a fresh, empty storage and a way to list every byte-holding thing it left. */
interface Subject {
  storage: FileStorage;
  /** Everything stored, temporary or not (files on disk, objects under the prefix). */
  leftovers(): Promise<string[]>;
}

function chunks(...parts: (string | Buffer)[]): Readable {
  return Readable.from(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
}

async function readAll(stream: Readable): Promise<Buffer> {
  const read: Buffer[] = [];
  for await (const chunk of stream) read.push(chunk as Buffer);
  return Buffer.concat(read);
}

function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

let s3: TestS3;
const disk: string[] = [];
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3.stop();
  for (const dir of disk) rmSync(dir, { recursive: true, force: true });
});

const subjects: { name: string; make(): Subject }[] = [
  {
    name: 'local disk',
    make() {
      const root = mkdtempSync(path.join(tmpdir(), 'bizdash-contract-'));
      disk.push(root);
      return { storage: makeLocalDiskStorage(root), leftovers: async () => listFiles(root) };
    },
  },
  {
    name: 'S3',
    make() {
      // A fresh prefix per test keeps tests on the one server apart, and proves the prefix is honoured.
      const prefix = `t-${randomUUID()}/`;
      return {
        storage: makeS3Storage(s3.options(prefix), s3.client),
        leftovers: async () => (await s3.keys(prefix)).map((k) => k.slice(prefix.length)),
      };
    },
  },
];

describe.each(subjects)('file storage contract: $name', ({ name, make }) => {
  it('stages while hashing, stores under the key only on commit, and streams it back', async () => {
    const { storage, leftovers } = make();
    const staged = await storage.stage(chunks('%PDF-1.4 ', 'hello'), { maxBytes: 1000 });
    expect(staged.sizeBytes).toBe(14);
    expect(staged.sha256).toBe(createHash('sha256').update('%PDF-1.4 hello').digest('hex'));
    expect(Buffer.from(staged.head).toString()).toBe('%PDF-1.4 hello');
    expect(await storage.exists('uploads/a/b.pdf')).toBe(false);
    await staged.commit('uploads/a/b.pdf');
    expect(await storage.exists('uploads/a/b.pdf')).toBe(true);
    expect(await leftovers()).toEqual(['uploads/a/b.pdf']);
    const opened = await storage.open('uploads/a/b.pdf');
    expect(opened.sizeBytes).toBe(14);
    expect((await readAll(opened.stream)).toString()).toBe('%PDF-1.4 hello');
    await staged.discard(); // after commit: nothing happens
    expect(await storage.exists('uploads/a/b.pdf')).toBe(true);
  });

  it('never overwrites a stored file, and a discarded stage leaves nothing', async () => {
    const { storage, leftovers } = make();
    await (await storage.stage(chunks('one'), { maxBytes: 10 })).commit('uploads/x.pdf');
    const second = await storage.stage(chunks('two'), { maxBytes: 10 });
    await expect(second.commit('uploads/x.pdf')).rejects.toMatchObject({ code: 'CONFLICT' });
    await second.discard();
    await second.discard();
    expect((await readAll((await storage.open('uploads/x.pdf')).stream)).toString()).toBe('one');
    expect(await leftovers()).toEqual(['uploads/x.pdf']);
  });

  it('deletes, and a missing key is NOT_FOUND to open and no error to delete', async () => {
    const { storage, leftovers } = make();
    await (await storage.stage(chunks('bytes'), { maxBytes: 10 })).commit('uploads/gone.pdf');
    await storage.remove('uploads/gone.pdf');
    expect(await storage.exists('uploads/gone.pdf')).toBe(false);
    await expect(storage.open('uploads/gone.pdf')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await storage.remove('uploads/gone.pdf');
    await expect(storage.open('uploads/never.pdf')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await leftovers()).toEqual([]);
  });

  it('refuses more than maxBytes and leaves nothing behind', async () => {
    const { storage, leftovers } = make();
    await expect(storage.stage(chunks('12345', '67890', 'x'), { maxBytes: 10 })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(await leftovers()).toEqual([]);
  });

  // TODO(S3): s3rver answers MethodNotAllowed to part of the SDK's multipart sequence (not yet pinned down), so the
  // multipart path is only proven on disk here; check it against MinIO or AWS before relying on uploads > 5 MiB.
  it.skipIf(name === 'S3')('streams a file larger than one multipart part', async () => {
    const { storage, leftovers } = make();
    const MiB = 1024 * 1024;
    const big = randomBytes(6 * MiB + 123);
    const parts = Array.from({ length: Math.ceil(big.length / (256 * 1024)) }, (_, i) =>
      big.subarray(i * 256 * 1024, (i + 1) * 256 * 1024),
    );
    const staged = await storage.stage(chunks(...parts), { maxBytes: 8 * MiB });
    expect(staged.sizeBytes).toBe(big.length);
    expect(staged.sha256).toBe(createHash('sha256').update(big).digest('hex'));
    await staged.commit('uploads/big.pdf');
    const opened = await storage.open('uploads/big.pdf');
    expect(opened.sizeBytes).toBe(big.length);
    expect((await readAll(opened.stream)).equals(big)).toBe(true);
    expect(await leftovers()).toEqual(['uploads/big.pdf']);
    // TODO: a refusal after the first 5 MiB part was sent (Upload aborts the multipart upload): s3rver has no
    // AbortMultipartUpload and the test saw its MethodNotAllowed escape; not yet covered on S3.
  });

  it('refuses keys that could leave their folder', async () => {
    const { storage } = make();
    for (const key of ['../x', 'uploads/../../x', '/etc/passwd', 'uploads//x', 'uploads/.tmp', 'a\\b']) {
      await expect(storage.open(key)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(storage.remove(key)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });
});
