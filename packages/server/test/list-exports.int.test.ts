import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { createLoggedInUser, createOrder, createOrderWorld, post, type OrderWorld } from './orders-factories';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

// Orders, invoices and payments exports: the list's filters and sort, whole (all pages), money only with money.read.
const MH_GSTIN = '27AAPFU0939F1Z' + gstinCheckChar('27AAPFU0939F1Z');
const LINE = { description: 'Service', hsnSac: '998314', quantity: '1', unit: 'OTH', rate: '1000.00', gstRate: '18' };

function csvRows(body: string): string[][] {
  return parse(body.replace(/^\uFEFF/, '')) as string[][];
}

/** The CSV as objects keyed by heading. */
function csvRecords(body: string): Record<string, string>[] {
  const [head = [], ...rows] = csvRows(body);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

describe(`list exports (${testDialect()})`, () => {
  let t: TestApp;
  let world: OrderWorld;
  let token: string;

  beforeEach(async () => {
    t = await createTestApp();
    world = await createOrderWorld(t);
    token = world.owner.token;
  });
  afterEach(async () => t.close());

  async function exportOf(url: string, as = token) {
    const res = await t.call({ method: 'GET', url, token: as });
    if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
    return res;
  }

  it('exports the filtered, sorted orders; staff get no money columns', async () => {
    await createOrder(t, world, { title: 'Transfer of 500 shares', fees: '12345.50' });
    await createOrder(t, world, { title: 'Transmission of 20 shares' });
    await createOrder(t, world, { title: 'Transfer of 100 shares' });

    const csv = await exportOf('/api/v1/orders/export?format=csv&q=Transfer&sort=number&order=asc');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="orders-2026-11-23\.csv"/);
    const rows = csvRecords(csv.body);
    expect(rows.map((r) => r.Title)).toEqual(['Transfer of 500 shares', 'Transfer of 100 shares']);
    expect(rows[0]).toMatchObject({ Client: 'Meera Iyer', 'Order type': 'Share Transfer', Fees: '12345.50' });
    expect(rows[1]?.Fees).toBe('15000.00');
    // dd-mm-yyyy, the business's day.
    expect(rows[0]?.Created).toBe('23-11-2026');
    expect(rows[0]?.['Due date']).toMatch(/^\d{2}-\d{2}-\d{4}$/);

    const staff = await createLoggedInUser(t, token, 'staff');
    const staffCsv = await exportOf('/api/v1/orders/export?format=csv&q=Transfer', staff.token);
    const [head = [], ...staffRows] = csvRows(staffCsv.body);
    expect(staffRows).toHaveLength(2);
    expect(head).toContain('Title');
    for (const money of ['Fees', 'Base charges', 'Amount due', 'Received', 'Balance due', 'Order value'])
      expect(head).not.toContain(money);
    expect(staffCsv.body).not.toContain('12345.50');
    expect(staffCsv.body).not.toContain('15000');

    const xlsx = await exportOf('/api/v1/orders/export?format=xlsx&q=Transmission');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.rowCount).toBe(2);
    const headings = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(sheet?.getRow(2).getCell(headings.indexOf('Title') + 1).value).toBe('Transmission of 20 shares');
    // Money is a number in XLSX.
    expect(sheet?.getRow(2).getCell(headings.indexOf('Fees') + 1).value).toBe(15000);
  });

  it("writes dates as dd-mm-yyyy in the business's zone: text in CSV, date cells in XLSX", async () => {
    // 21:49 UTC on 5 Dec is 03:19 on 6 Dec in India: the order was created on 06-12-2026 for the business.
    const order = await createOrder(t, world, { title: 'Late night transfer', dueDate: '2026-12-20' });
    // Set in the table: moving the clock 12 days on would end the test's login session.
    await t.services.database.db
      .updateTable('orders')
      .set({ created_at: '2026-12-05T21:49:00.000Z' })
      .where('id', '=', order.id)
      .execute();
    const [row] = csvRecords((await exportOf('/api/v1/orders/export?format=csv&q=Late')).body);
    expect(row?.Title).toBe('Late night transfer');
    expect(row?.Created).toBe('06-12-2026');
    expect(row?.['Due date']).toBe('20-12-2026');

    const xlsx = await exportOf('/api/v1/orders/export?format=xlsx&q=Late');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const headings = (sheet?.getRow(1).values as unknown[]).slice(1);
    const created = sheet?.getRow(2).getCell(headings.indexOf('Created') + 1);
    expect(created?.value).toBeInstanceOf(Date);
    expect((created?.value as Date).toISOString()).toBe('2026-12-06T00:00:00.000Z');
    expect(created?.numFmt).toBe('dd-mm-yyyy');
    const due = sheet?.getRow(2).getCell(headings.indexOf('Due date') + 1);
    expect((due?.value as Date).toISOString()).toBe('2026-12-20T00:00:00.000Z');
    expect(due?.numFmt).toBe('dd-mm-yyyy');
  });

  it('exports invoices and payments with their filters; staff may not export them', async () => {
    const client = await post<{ id: number }>(t, token, '/api/v1/parties', {
      name: 'Acme Pune',
      roles: ['client'],
      kind: 'company',
      gstRegistrationType: 'regular',
      gstin: MH_GSTIN,
      billingAddress: { line1: '12 MG Road', city: 'Pune', stateCode: '27', pin: '411001' },
    });
    const issued = await post<{ id: number }>(t, token, '/api/v1/invoices', {
      type: 'sales',
      partyId: client.id,
      date: '2026-11-01',
      lines: [LINE],
    });
    await post(t, token, `/api/v1/invoices/${issued.id}/issue`, undefined, 200);
    await post(t, token, '/api/v1/invoices', {
      type: 'sales',
      partyId: client.id,
      date: '2026-11-05',
      lines: [{ ...LINE, rate: '2000.00' }],
    });

    const all = csvRecords((await exportOf('/api/v1/invoices/export?format=csv&sort=date&order=asc')).body);
    expect(all.map((r) => r.Date)).toEqual(['01-11-2026', '05-11-2026']);
    const issuedOnly = await exportOf('/api/v1/invoices/export?format=csv&status=issued');
    const rows = csvRecords(issuedOnly.body);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      Status: 'issued',
      Date: '01-11-2026',
      Party: 'Acme Pune',
      'Taxable value': '1000.00',
      Tax: '180.00',
      Total: '1180.00',
      'Balance due': '1180.00',
    });
    expect(rows[0]?.Number).toMatch(/\S/);

    await post(t, token, '/api/v1/payments', {
      direction: 'received',
      partyId: client.id,
      date: '2026-11-20',
      mode: 'upi',
      amount: '500.00',
      reference: 'UPI-1',
      allocations: [{ invoiceId: issued.id, amount: '500.00' }],
    });
    await post(t, token, '/api/v1/payments', {
      direction: 'received',
      partyId: client.id,
      date: '2026-11-21',
      mode: 'cash',
      amount: '75.25',
    });
    const payments = csvRecords((await exportOf('/api/v1/payments/export?format=csv&mode=upi')).body);
    expect(payments).toEqual([
      expect.objectContaining({
        Date: '20-11-2026',
        Party: 'Acme Pune',
        Mode: 'upi',
        Reference: 'UPI-1',
        Amount: '500.00',
        Allocated: '500.00',
        Unallocated: '0.00',
      }),
    ]);
    const sorted = csvRecords((await exportOf('/api/v1/payments/export?format=csv&sort=amount&order=asc')).body);
    expect(sorted.map((r) => r.Amount)).toEqual(['75.25', '500.00']);

    const staff = await createLoggedInUser(t, token, 'staff');
    for (const url of ['/api/v1/invoices/export?format=csv', '/api/v1/payments/export?format=csv'])
      expect((await t.call({ method: 'GET', url, token: staff.token })).statusCode).toBe(403);
  });
});
