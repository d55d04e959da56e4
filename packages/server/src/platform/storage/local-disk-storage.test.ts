import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@bizdash/domain/errors';
import { makeLocalDiskStorage } from './local-disk-storage';
import { isSafeKey, joinKey, safeSlug } from './storage-keys';
import { sniffAllowedType } from './media-types';

function chunks(...parts: (string | Buffer)[]): Readable {
  return Readable.from(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
}

describe('local disk storage', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'bizdash-storage-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('streams aside, hashes, and links under the key only on commit', async () => {
    const storage = makeLocalDiskStorage(root);
    const staged = await storage.stage(chunks('%PDF-1.4 ', 'hello'), { maxBytes: 1000 });
    expect(staged.sizeBytes).toBe(14);
    expect(staged.sha256).toBe(createHash('sha256').update('%PDF-1.4 hello').digest('hex'));
    expect(Buffer.from(staged.head).toString()).toBe('%PDF-1.4 hello');
    expect(await storage.exists('uploads/a/b.pdf')).toBe(false);
    await staged.commit('uploads/a/b.pdf');
    expect(readFileSync(path.join(root, 'uploads/a/b.pdf'), 'utf8')).toBe('%PDF-1.4 hello');
    expect(readdirSync(path.join(root, '.tmp'))).toEqual([]);
    const opened = await storage.open('uploads/a/b.pdf');
    expect(opened.sizeBytes).toBe(14);
    const read: Buffer[] = [];
    for await (const chunk of opened.stream) read.push(chunk as Buffer);
    expect(Buffer.concat(read).toString()).toBe('%PDF-1.4 hello');
  });

  it('never overwrites a stored file', async () => {
    const storage = makeLocalDiskStorage(root);
    await (await storage.stage(chunks('one'), { maxBytes: 10 })).commit('uploads/x.pdf');
    const second = await storage.stage(chunks('two'), { maxBytes: 10 });
    await expect(second.commit('uploads/x.pdf')).rejects.toMatchObject({ code: 'CONFLICT' });
    await second.discard();
    expect(readFileSync(path.join(root, 'uploads/x.pdf'), 'utf8')).toBe('one');
    expect(readdirSync(path.join(root, '.tmp'))).toEqual([]);
  });

  it('refuses more than maxBytes and leaves nothing behind', async () => {
    const storage = makeLocalDiskStorage(root);
    const error = await storage.stage(chunks('12345', '67890', 'x'), { maxBytes: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('PAYLOAD_TOO_LARGE');
    expect(readdirSync(path.join(root, '.tmp'))).toEqual([]);
  });

  it('refuses keys that could leave the root', async () => {
    const storage = makeLocalDiskStorage(root);
    for (const key of ['../x', 'uploads/../../x', '/etc/passwd', 'uploads//x', 'uploads/.hidden', 'a\\b']) {
      await expect(storage.open(key)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });
});

describe('storage keys', () => {
  it('slugs any name into a safe segment, falling back to a stable hash', () => {
    expect(safeSlug('Meera Iyer & Sons')).toBe('meera-iyer-and-sons');
    expect(safeSlug('ORD/2026-27/00042')).toBe('ord-2026-27-00042');
    expect(safeSlug('Crème Brûlée')).toBe('creme-brulee');
    for (const name of ['..', '.', '/', 'पैन कार्ड', '😀😀', '', '../../etc/passwd']) {
      const slug = safeSlug(name, 'doc');
      expect(isSafeKey(slug), `${name} -> ${slug}`).toBe(true);
      expect(slug).not.toContain('..');
    }
    expect(safeSlug('पैन कार्ड', 'doc')).toBe(safeSlug('पैन कार्ड', 'doc'));
    expect(safeSlug('पैन कार्ड', 'doc')).not.toBe(safeSlug('आधार कार्ड', 'doc'));
    expect(safeSlug('x'.repeat(500)).length).toBeLessThanOrEqual(60);
  });

  it('joins only safe segments', () => {
    expect(joinKey('uploads', 'a', 'b-v1.pdf')).toBe('uploads/a/b-v1.pdf');
    expect(() => joinKey('uploads', '..', 'x')).toThrow();
  });
});

describe('type sniffing', () => {
  it('goes by the bytes', async () => {
    expect((await sniffAllowedType(Buffer.from('%PDF-1.7\n%%EOF'))).extension).toBe('pdf');
    await expect(sniffAllowedType(Buffer.from('<html></html>'))).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    await expect(sniffAllowedType(Buffer.from('GIF89a\x01\x00\x01\x00'))).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  });
});
