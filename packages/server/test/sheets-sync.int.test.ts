import { existsSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';
import { startFakeSheets, type FakeSheets } from './support/fake-sheets';

const LINE = { description: 'Widget', hsnSac: '84713010', quantity: '10', unit: 'NOS', rate: '1250.00', gstRate: '18' };
const HEADER = ['Key', 'Number', 'Type', 'Date', 'Party', 'GSTIN', 'Taxable', 'Tax', 'Total', 'Balance due', 'Status'];

describe(`ledger sync to Google Sheets and XLSX (${testDialect()})`, () => {
  let t: TestApp;
  let fake: FakeSheets;
  let token: string;
  let clientId: number;

  async function call(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, status = 200) {
    const res = await t.call({ method, url, token, body });
    if (res.statusCode !== status) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<Record<string, unknown>>();
  }

  async function createSheetsTarget(): Promise<number> {
    const target = await call(
      'POST',
      '/api/v1/sync/targets',
      {
        kind: 'google_sheets',
        name: 'Ledger sheet',
        events: ['invoice.issued', 'invoice.cancelled', 'payment.recorded'],
        config: {
          spreadsheetId: fake.spreadsheetId,
          serviceAccountEmail: fake.serviceAccountEmail,
          privateKey: fake.privateKey,
          tokenUrl: fake.tokenUrl,
          apiBaseUrl: fake.url,
        },
      },
      201,
    );
    return Number(target.id);
  }

  async function issueInvoice(date = '2026-11-10'): Promise<{ id: number; number: string }> {
    const draft = await call(
      'POST',
      '/api/v1/invoices',
      { type: 'sales', partyId: clientId, date, lines: [LINE] },
      201,
    );
    const issued = await call('POST', `/api/v1/invoices/${String(draft.id)}/issue`);
    return { id: Number(issued.id), number: String(issued.number) };
  }

  /** Runs the worker's due jobs, moving the test clock past each debounce window, until nothing is left to run. */
  async function runJobs(stepMs = 1500) {
    for (let round = 0; round < 20; round++) {
      t.clock.advance(stepMs);
      if ((await t.services.jobs.queue.drain()) === 0) return;
    }
  }

  async function recordOf(targetId: number, invoiceId: number) {
    return t.services.database.db
      .selectFrom('sync_records')
      .select(['state', 'row_ref', 'last_error'])
      .where('target_id', '=', targetId)
      .where('entity', '=', 'invoice')
      .where('entity_id', '=', String(invoiceId))
      .executeTakeFirstOrThrow();
  }

  beforeEach(async () => {
    fake = await startFakeSheets();
    t = await createTestApp();
    await t.setup();
    ({ token } = await t.login());
    const party = await call(
      'POST',
      '/api/v1/parties',
      {
        kind: 'company',
        roles: ['client'],
        gstRegistrationType: 'unregistered',
        name: 'Acme Pune',
        paymentTermsDays: 15,
      },
      201,
    );
    clientId = Number(party.id);
  });
  afterEach(async () => {
    await t.close();
    await fake.close();
  });

  it('creates the ledger sheets and writes a burst of issued invoices in one batched append', async () => {
    await createSheetsTarget();
    const issued = [];
    for (let i = 0; i < 12; i++) issued.push(await issueInvoice());
    await runJobs();

    expect(fake.sheetTitles()).toEqual(
      expect.arrayContaining(['Sales', 'Purchases', 'Payments', 'Orders', 'Settlements']),
    );
    const rows = fake.rows('Sales');
    expect(rows[0]).toEqual(HEADER);
    expect(rows).toHaveLength(13);
    // One row per invoice, none twice, each with its number and total.
    expect(
      rows
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(issued.map((i) => i.number).sort());
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(12);
    expect(rows[1]?.[8]).toBe('14750.00');
    // Twelve events, one token, one append: batching, not one request per event.
    expect(fake.requests.filter((r) => r.kind === 'append')).toHaveLength(1);
    expect(fake.tokenRequests).toBe(1);
  });

  it('backs off on a 429 with Retry-After and completes on the retry', async () => {
    const targetId = await createSheetsTarget();
    const invoice = await issueInvoice();
    fake.failNext(1, 429, 30);
    await runJobs();

    expect(fake.rows('Sales')).toHaveLength(0);
    const waiting = await t.services.database.db
      .selectFrom('jobs')
      .select(['state', 'last_error', 'run_at'])
      .where('type', '=', 'sheets.flush')
      .where('state', '=', 'queued')
      .executeTakeFirstOrThrow();
    expect(waiting.last_error).toMatch(/429/);
    // Not before Retry-After.
    expect(new Date(waiting.run_at).getTime() - t.clock.now().getTime()).toBeGreaterThan(20_000);
    expect((await recordOf(targetId, invoice.id)).state).toBe('pending');

    t.clock.advance(31_000);
    await runJobs();
    expect(fake.requests.map((r) => r.status)).toContain(429);
    expect(
      fake
        .rows('Sales')
        .slice(1)
        .map((r) => r[1]),
    ).toEqual([invoice.number]);
    expect(await recordOf(targetId, invoice.id)).toMatchObject({ state: 'synced', row_ref: 'Sales!A2' });
  });

  it('updates the same row when a record changes and marks a cancellation, never appending twice', async () => {
    const targetId = await createSheetsTarget();
    const first = await issueInvoice();
    const second = await issueInvoice();
    await runJobs();
    const rowOfSecond = (await recordOf(targetId, second.id)).row_ref;
    expect(rowOfSecond).toBe('Sales!A3');

    await call('POST', `/api/v1/invoices/${second.id}/cancel`, { reason: 'Raised in error' });
    await runJobs();
    const rows = fake.rows('Sales');
    expect(rows).toHaveLength(3);
    expect(rows[2]?.[1]).toBe(second.number);
    expect(rows[2]?.[10]).toBe('CANCELLED');
    expect(rows[1]?.[10]).toBe('issued');
    expect(await recordOf(targetId, second.id)).toMatchObject({ state: 'cancelled', row_ref: 'Sales!A3' });
    expect(fake.requests.filter((r) => r.kind === 'batchUpdate').length).toBeGreaterThanOrEqual(2);

    // A crash after the append but before the row was remembered: the flush finds the key in column A instead.
    await t.services.database.db
      .updateTable('sync_records')
      .set({ row_ref: null, state: 'pending' })
      .where('target_id', '=', targetId)
      .where('entity_id', '=', String(first.id))
      .execute();
    await t.services.database.transaction((tx) =>
      t.services.jobs.queue.enqueue(tx, { type: 'sheets.flush', payload: { targetId } }),
    );
    await runJobs();
    expect(fake.rows('Sales')).toHaveLength(3);
    expect(await recordOf(targetId, first.id)).toMatchObject({ state: 'synced', row_ref: 'Sales!A2' });
  });

  it('keeps an XLSX ledger workbook in the data directory current', async () => {
    const target = await call(
      'POST',
      '/api/v1/sync/targets',
      {
        kind: 'xlsx',
        name: 'Workbook',
        events: ['invoice.issued', 'invoice.cancelled'],
        config: { fileName: 'ledger.xlsx' },
      },
      201,
    );
    const a = await issueInvoice();
    const b = await issueInvoice();
    await call('POST', `/api/v1/invoices/${b.id}/cancel`, { reason: 'Duplicate' });
    await runJobs();

    const file = path.join(t.testDb.location.dataDir, 'ledger.xlsx');
    expect(existsSync(file)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sales = wb.getWorksheet('Sales');
    expect(sales?.getRow(1).getCell(1).value).toBe('Key');
    expect(sales?.rowCount).toBe(3);
    expect(sales?.getRow(2).getCell(2).value).toBe(a.number);
    expect(sales?.getRow(2).getCell(9).value).toBe(14750);
    expect(sales?.getRow(3).getCell(11).value).toBe('CANCELLED');
    // The invoice date is a date cell shown dd-mm-yyyy, not text, so the workbook sorts and filters by it.
    const date = sales?.getRow(2).getCell(4);
    expect(sales?.getRow(1).getCell(4).value).toBe('Date');
    expect(date?.type).toBe(ExcelJS.ValueType.Date);
    expect(date?.numFmt).toBe('dd-mm-yyyy');
    expect(date?.value).toEqual(new Date('2026-11-10T00:00:00Z'));
    const states = await t.services.database.db
      .selectFrom('sync_records')
      .select(['entity_id', 'state', 'row_ref'])
      .where('target_id', '=', Number(target.id))
      .orderBy('id')
      .execute();
    expect(states).toEqual([
      { entity_id: String(a.id), state: 'synced', row_ref: 'Sales!A2' },
      { entity_id: String(b.id), state: 'cancelled', row_ref: 'Sales!A3' },
    ]);
  });
});
