import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

const gstin = (body: string) => body + gstinCheckChar(body);
const GOOD_GSTIN = gstin('27AAPFU0939F1Z');

interface Preview {
  id: string;
  rowCount: number;
  headers: string[];
  suggestedMapping: Record<string, number | null>;
}
interface Validation {
  validCount: number;
  errorRowCount: number;
  errors: { row: number; field: string; column: string | null; value: string | null; message: string }[];
}

describe(`imports and exports (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;

  async function upload(path: string, body: Buffer | string, contentType = 'text/csv', fileName = 'parties.csv') {
    return t.call({
      method: 'POST',
      url: `${path}?fileName=${encodeURIComponent(fileName)}`,
      token,
      body: typeof body === 'string' ? Buffer.from(body) : body,
      headers: { 'content-type': contentType },
    });
  }
  async function count(table: 'parties' | 'items'): Promise<number> {
    const row = await t.services.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    token = (await t.login()).token;
  });
  afterEach(async () => t.close());

  const CSV = [
    'Party Name,GSTIN,Phone,E-mail,Address,City,State,Pincode,Credit limit,Role',
    `Sharma Traders,${GOOD_GSTIN},98765 43210,accounts@sharma.example,12 MG Road,Pune,Maharashtra,411001,"₹1,50,000.00",client`,
    'Verma & Sons,,+91 91234 56789,,4 Park Street,Kolkata,19,700016,,client; supplier',
    'Meera Iyer,,,,,,,,,partner',
  ].join('\n');

  it('stages a CSV, suggests a mapping from the headings, and imports every row in one go', async () => {
    const staged = await upload('/api/v1/parties/imports', CSV);
    expect(staged.statusCode).toBe(201);
    const preview = staged.json<Preview>();
    expect(preview.rowCount).toBe(3);
    expect(preview.suggestedMapping).toMatchObject({
      name: 0,
      gstin: 1,
      phones: 2,
      emails: 3,
      addressLine1: 4,
      city: 5,
      state: 6,
      pin: 7,
      creditLimit: 8,
      roles: 9,
      legalName: null,
    });
    expect(await count('parties')).toBe(0);

    const options = { mapping: preview.suggestedMapping, defaultRole: 'client' };
    const checked = await t.call({
      method: 'POST',
      url: `/api/v1/parties/imports/${preview.id}/validate`,
      token,
      body: options,
    });
    expect(checked.statusCode).toBe(200);
    expect(checked.json<Validation>()).toMatchObject({ validCount: 3, errorRowCount: 0, errors: [] });

    const committed = await t.call({
      method: 'POST',
      url: `/api/v1/parties/imports/${preview.id}/commit`,
      token,
      body: options,
    });
    expect(committed.statusCode).toBe(200);
    expect(committed.json()).toMatchObject({ status: 'committed', committedCount: 3 });

    const list = await t.call({ method: 'GET', url: '/api/v1/parties?sort=name', token });
    const items = list.json<{ items: Record<string, unknown>[] }>().items;
    expect(items.map((p) => p.name)).toEqual(['Meera Iyer', 'Sharma Traders', 'Verma & Sons']);
    expect(items[1]).toMatchObject({
      gstin: GOOD_GSTIN,
      phones: ['+919876543210'],
      creditLimit: '150000.00',
      billingAddress: { stateCode: '27', pin: '411001' },
      gstRegistrationType: 'regular',
    });
    expect(items[2]).toMatchObject({ roles: ['client', 'supplier'], gstRegistrationType: 'unregistered' });
    expect(items[0]).toMatchObject({ roles: ['partner'], billingAddress: null });

    // Found by the search index written in the same transaction.
    const found = await t.call({ method: 'GET', url: '/api/v1/parties?q=verma', token });
    expect(found.json<{ total: number }>().total).toBe(1);

    // Each party has its own audit entry, plus one for the import.
    const actions = await t.services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['party.created', 'import.committed'])
      .execute();
    expect(actions.filter((a) => a.action === 'party.created')).toHaveLength(3);
    expect(actions.filter((a) => a.action === 'import.committed')).toHaveLength(1);

    const again = await t.call({
      method: 'POST',
      url: `/api/v1/parties/imports/${preview.id}/commit`,
      token,
      body: options,
    });
    expect(again.statusCode).toBe(409);
    expect(await count('parties')).toBe(3);
  });

  it('rejects a file with one bad row, says which row and column, and commits nothing', async () => {
    const bad = CSV + `\nBroken Co,27AAPFU0939F1ZX,98200 12345,,1 Road,Pune,27,411001,,client`;
    const preview = (await upload('/api/v1/parties/imports', bad)).json<Preview>();
    const options = { mapping: preview.suggestedMapping };
    const checked = (
      await t.call({ method: 'POST', url: `/api/v1/parties/imports/${preview.id}/validate`, token, body: options })
    ).json<Validation>();
    expect(checked.validCount).toBe(3);
    expect(checked.errorRowCount).toBe(1);
    expect(checked.errors.map((e) => [e.row, e.field, e.column])).toEqual([[5, 'gstin', 'GSTIN']]);
    const gstinError = checked.errors.find((e) => e.field === 'gstin');
    expect(gstinError?.value).toBe('27AAPFU0939F1ZX');

    const errorsCsv = await t.call({ method: 'GET', url: `/api/v1/parties/imports/${preview.id}/errors.csv`, token });
    expect(errorsCsv.statusCode).toBe(200);
    expect(errorsCsv.headers['content-type']).toContain('text/csv');
    expect(errorsCsv.body).toContain('Row,Column,Field,Value,Error');
    expect(errorsCsv.body).toContain('5,GSTIN,gstin,27AAPFU0939F1ZX');

    const committed = await t.call({
      method: 'POST',
      url: `/api/v1/parties/imports/${preview.id}/commit`,
      token,
      body: options,
    });
    expect(committed.statusCode).toBe(400);
    expect(committed.json()).toMatchObject({ code: 'IMPORT_INVALID' });
    expect(await count('parties')).toBe(0);
  });

  it('needs the required fields mapped, and refuses files that are not tables', async () => {
    const preview = (await upload('/api/v1/parties/imports', CSV)).json<Preview>();
    const unmapped = await t.call({
      method: 'POST',
      url: `/api/v1/parties/imports/${preview.id}/validate`,
      token,
      body: { mapping: { ...preview.suggestedMapping, name: null } },
    });
    expect(unmapped.statusCode).toBe(400);
    expect(unmapped.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      detail: expect.stringContaining('mapping.name'),
    });

    const binary = await upload('/api/v1/parties/imports', Buffer.from([0, 1, 2, 3, 0, 0]), 'application/octet-stream');
    expect(binary.statusCode).toBe(415);
    const empty = await upload('/api/v1/parties/imports', 'Name,GSTIN\n');
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'IMPORT_INVALID' });
  });

  it('imports items from an XLSX workbook and refuses a name that already exists', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Items');
    sheet.addRow(['Item name', 'HSN/SAC', 'GST %', 'Unit', 'Sale price']);
    sheet.addRow(['Steel rod 12mm', '7214', '18%', 'kgs', 62.5]);
    sheet.addRow(['Share transfer service', '998399', '18', '', '']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

    const preview = (await upload('/api/v1/items/imports', bytes, xlsx, 'items.xlsx')).json<Preview>();
    expect(preview.headers).toEqual(['Item name', 'HSN/SAC', 'GST %', 'Unit', 'Sale price']);
    const options = { mapping: preview.suggestedMapping };
    const committed = await t.call({
      method: 'POST',
      url: `/api/v1/items/imports/${preview.id}/commit`,
      token,
      body: options,
    });
    expect(committed.statusCode).toBe(200);
    const items = (await t.call({ method: 'GET', url: '/api/v1/items?sort=name', token })).json<{
      items: Record<string, unknown>[];
    }>().items;
    expect(items).toEqual([
      expect.objectContaining({ name: 'Share transfer service', kind: 'services', hsnSac: '998399', unit: 'NOS' }),
      expect.objectContaining({
        name: 'Steel rod 12mm',
        kind: 'goods',
        unit: 'KGS',
        gstRate: '18',
        salePrice: '62.50',
      }),
    ]);

    const second = (await upload('/api/v1/items/imports', bytes, xlsx, 'items.xlsx')).json<Preview>();
    const checked = (
      await t.call({ method: 'POST', url: `/api/v1/items/imports/${second.id}/validate`, token, body: options })
    ).json<Validation>();
    expect(checked.errorRowCount).toBe(2);
    expect(checked.errors[0]).toMatchObject({
      row: 2,
      field: 'name',
      message: expect.stringContaining('already exists'),
    });
    expect(await count('items')).toBe(2);
  });

  it('lets only those who may create a record import it', async () => {
    await t.createUser(token, {
      name: 'Accountant',
      email: 'acc@example.com',
      role: 'accountant',
      password: 'a long password 1',
    });
    const accountant = await t.login('acc@example.com', 'a long password 1');
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/items/imports',
      token: accountant.token,
      body: Buffer.from('Name,HSN\nX,1234'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('exports a filtered list as CSV that imports back, and as XLSX', async () => {
    const preview = (await upload('/api/v1/parties/imports', CSV)).json<Preview>();
    await t.call({
      method: 'POST',
      url: `/api/v1/parties/imports/${preview.id}/commit`,
      token,
      body: { mapping: preview.suggestedMapping },
    });
    const csv = await t.call({ method: 'GET', url: '/api/v1/parties/export?format=csv&role=client&sort=name', token });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="clients-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(3); // heading + the two clients; the partner is filtered out
    expect(lines[0]).toMatch(/^Name,Legal name,Kind,Roles,Email,Phone,GSTIN/);
    expect(lines[1]).toContain('Sharma Traders');
    expect(lines[2]).toContain('Verma & Sons');

    // The export's headings are the import's labels, so it maps itself.
    const reimport = (await upload('/api/v1/parties/imports', csv.body)).json<Preview>();
    expect(reimport.suggestedMapping).toMatchObject({ name: 0, legalName: 1, roles: 3, gstin: 6, creditLimit: 15 });
    const checked = (
      await t.call({
        method: 'POST',
        url: `/api/v1/parties/imports/${reimport.id}/validate`,
        token,
        body: { mapping: reimport.suggestedMapping },
      })
    ).json<Validation>();
    expect(checked).toMatchObject({ validCount: 2, errorRowCount: 0 });

    const xlsx = await t.call({ method: 'GET', url: '/api/v1/items/export?format=xlsx', token });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.getRow(1).getCell(1).value).toBe('Name');
    expect(workbook.worksheets[0]?.rowCount).toBe(1);
  });

  it('stores a PNG logo, serves it, and refuses a file that is not a picture', async () => {
    // The smallest valid PNG: 1x1 transparent pixel.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const put = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/business/logo',
      token,
      body: png,
      headers: { 'content-type': 'image/png' },
    });
    expect(put.statusCode).toBe(200);
    const logoUrl = put.json<{ logoUrl: string }>().logoUrl;
    expect(logoUrl).toMatch(/^\/api\/v1\/settings\/business\/logo\?v=[0-9a-f]{16}$/);
    const get = await t.call({ method: 'GET', url: logoUrl, token });
    expect(get.statusCode).toBe(200);
    expect(get.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(get.rawPayload, png)).toBe(0);

    const fake = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/business/logo',
      token,
      body: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
      headers: { 'content-type': 'image/png' },
    });
    expect(fake.statusCode).toBe(415);
    const still = await t.call({ method: 'GET', url: '/api/v1/settings/business', token });
    expect(still.json<{ logoUrl: string }>().logoUrl).toBe(logoUrl);

    const removed = await t.call({ method: 'DELETE', url: '/api/v1/settings/business/logo', token });
    expect(removed.json<{ logoUrl: string | null }>().logoUrl).toBeNull();
    expect((await t.call({ method: 'GET', url: '/api/v1/settings/business/logo', token })).statusCode).toBe(404);
  });
});
