import { deflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

// The business logo on invoice PDFs: drafts print the current logo, issued documents the one they were issued
// with, for ever (issue 6: an issued invoice's PDF never changes).
const OUR_GSTIN = '27AABCT1332L1Z' + gstinCheckChar('27AABCT1332L1Z');
const LINE = { description: 'Service', hsnSac: '998314', quantity: '1', unit: 'OTH', rate: '1000.00', gstRate: '18' };

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** A 96×64 RGB PNG: a coloured block with a white diagonal band, so the picture is visible in a rendered page. */
function logoPng([r, g, b]: [number, number, number]): Buffer {
  const width = 96;
  const height = 64;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const band = Math.abs(x - y * 1.5) < 10;
      raw.set(band ? [255, 255, 255] : [r, g, b], row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The streams of the PDF's image XObjects (pdfkit writes them uncompressed-dict, stream, endstream). */
function imageStreams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  const re = /<<[^]*?\/Subtype \/Image[^]*?>>\s*stream\r?\n([^]*?)\r?\nendstream/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? '');
  return out;
}

describe(`invoice logo (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;
  let clientId: number;

  async function setLogo(png: Buffer) {
    const res = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/business/logo',
      token,
      body: png,
      headers: { 'content-type': 'image/png' },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  async function draft(): Promise<number> {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: { type: 'sales', partyId: clientId, date: '2026-11-10', lines: [LINE] },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number }>().id;
  }
  async function pdf(id: number): Promise<Buffer> {
    const res = await t.call({ method: 'GET', url: `/api/v1/invoices/${id}/pdf`, token });
    expect(res.statusCode).toBe(200);
    return res.rawPayload;
  }

  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    ({ token } = await t.login());
    const settings = await t.call({
      method: 'PATCH',
      url: '/api/v1/settings/business',
      token,
      body: { gstin: OUR_GSTIN, address: { line1: '4 Shreeji Chambers, FC Road', city: 'Pune', pin: '411004' } },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const party = await t.call({
      method: 'POST',
      url: '/api/v1/parties',
      token,
      body: { name: 'Ravi Kumar', roles: ['client'], kind: 'individual', gstRegistrationType: 'consumer' },
    });
    clientId = party.json<{ id: number }>().id;
  });
  afterEach(async () => t.close());

  it('prints the logo; an issued PDF keeps its logo after the logo is replaced or removed', async () => {
    const noLogo = await pdf(await draft());
    expect(imageStreams(noLogo)).toHaveLength(0);

    await setLogo(logoPng([20, 90, 200]));
    const id = await draft();
    const draftPdf = await pdf(id);
    expect(draftPdf.toString('latin1')).toContain('/Subtype /Image');
    const blue = imageStreams(draftPdf);
    expect(blue).toHaveLength(1);

    const issue = await t.call({ method: 'POST', url: `/api/v1/invoices/${id}/issue`, token });
    expect(issue.statusCode, issue.body).toBe(200);
    const issued = await pdf(id);
    expect(imageStreams(issued)).toEqual(blue);

    await setLogo(logoPng([200, 40, 40]));
    // The issued document: the same bytes, image and all.
    const afterReplace = await pdf(id);
    expect(imageStreams(afterReplace)).toEqual(blue);
    expect(afterReplace.equals(issued)).toBe(true);
    // A draft prints the current logo.
    const red = imageStreams(await pdf(await draft()));
    expect(red).toHaveLength(1);
    expect(red).not.toEqual(blue);

    const removed = await t.call({ method: 'DELETE', url: '/api/v1/settings/business/logo', token });
    expect(removed.statusCode, removed.body).toBeLessThan(300);
    expect((await pdf(id)).equals(issued)).toBe(true);
    expect(imageStreams(await pdf(await draft()))).toHaveLength(0);
  });

  it('stores one logo version for many documents issued with it', async () => {
    await setLogo(logoPng([20, 90, 200]));
    for (let i = 0; i < 3; i++) {
      const id = await draft();
      expect((await t.call({ method: 'POST', url: `/api/v1/invoices/${id}/issue`, token })).statusCode).toBe(200);
    }
    const versions = await t.services.database.db.selectFrom('logo_versions').select('sha256').execute();
    expect(versions).toHaveLength(1);
  });
});
