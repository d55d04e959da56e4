import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportRecords } from '@bizdash/contracts/reports';
import * as M from '@bizdash/domain/metrics/definitions';
import { toMoneyString } from '@bizdash/domain/money';
import { createLoggedInUser, get, post } from './orders-factories';
import { rawRows, seedBusiness, type Seeded } from './report-seed';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

const FY = { from: '2026-04-01', to: '2027-03-31' };
const money = (p: number) => toMoneyString(p);

describe(`reports (${testDialect()})`, () => {
  let t: TestApp;
  let seeded: Seeded;
  let raw: Awaited<ReturnType<typeof rawRows>>;
  const report = (name: string, extra = '') => get<Report>(t, seeded.token, `/api/v1/reports/${name}?${extra}`);

  beforeAll(async () => {
    t = await createTestApp();
    seeded = await seedBusiness(t);
    raw = await rawRows(t);
  }, 60_000);
  afterAll(async () => t.close());

  it('revenue by month: totals equal the definitions, and a month drills down to its orders', async () => {
    const r = await report('revenue');
    expect({ from: r.from, to: r.to }).toEqual(FY);
    expect(r.rows).toHaveLength(12);
    expect(r.totals).toMatchObject({
      booked: money(M.bookedRevenue(raw.orders, FY)),
      collected: money(M.collected(raw.receipts, FY)),
      realized: money(M.realizedRevenue(raw.entries, raw.orders, FY)),
      partnerShare: money(M.partnerShare(raw.entries, raw.orders, FY)),
      ordersClosed: M.ordersClosedIn(raw.orders, FY).length,
    });
    const october = r.rows.find((x) => x.cells.period === '2026-10');
    expect(october?.cells.booked).toBe('21000.00');
    const drill = await get<ReportRecords>(
      t,
      seeded.token,
      `/api/v1/reports/revenue/rows?key=${encodeURIComponent(october!.key!)}`,
    );
    expect(drill.entity).toBe('order');
    expect(drill.total).toBe(2);
    expect(drill.items.map((i) => i.cells.amountDue).sort()).toEqual(['15000.00', '6000.00']);

    const quarters = await report('revenue', 'groupBy=quarter');
    expect(quarters.rows.map((x) => x.cells.period)).toEqual(['2026-27 Q1', '2026-27 Q2', '2026-27 Q3', '2026-27 Q4']);
    expect(quarters.totals.booked).toBe(r.totals.booked);
  });

  it('sales and purchase registers net credit notes in their own month', async () => {
    const sales = await report('sales-register');
    expect(sales.totals.taxable).toBe(money(M.sales(raw.invoices, FY)));
    const nov = sales.rows.find((x) => x.cells.month === '2026-11');
    expect(nov?.cells.taxable).toBe(money(M.sales(raw.invoices, { from: '2026-11-01', to: '2026-11-30' })));
    expect(nov?.cells.taxable).toBe('1000.00');
    const drill = await get<ReportRecords>(
      t,
      seeded.token,
      `/api/v1/reports/sales-register/rows?key=${encodeURIComponent(nov!.key!)}`,
    );
    expect(drill.items.map((i) => i.cells.type).sort()).toEqual(['credit_note', 'sales']);
    const purchases = await report('purchase-register');
    expect(purchases.totals.taxable).toBe(money(M.purchases(raw.invoices, FY)));
  });

  it('tax liability by rate and P&L follow the definitions', async () => {
    const tax = await report('tax-liability');
    const rates = M.taxByRate(raw.invoices, raw.lines, FY);
    expect(tax.rows.map((r) => r.cells.rate)).toEqual(['5%', '18%']);
    expect(tax.totals.outputTax).toBe(money(M.outputTax(raw.invoices, FY)));
    expect(tax.totals.inputTax).toBe(money(M.inputTaxCredit(raw.invoices, FY)));
    expect(tax.totals.net).toBe(money(M.netGstPayable(raw.invoices, FY)));
    expect(tax.rows[1]?.cells.outputTax).toBe(money(rates.find((x) => x.gstRateBp === 1800)!.outputTaxPaise));

    // P&L and the balance sheet read the book; the definition reads the documents: they must agree.
    const pl = await report('profit-and-loss');
    const expected = M.profitAndLoss(raw, FY);
    expect(pl.totals.amount).toBe(money(expected.profitPaise));
    const line = (r: Report, label: string) => r.rows.find((x) => x.cells.line === label)?.cells.amount;
    expect(line(pl, 'I. Revenue from operations')).toBe(money(expected.revenuePaise));
    expect(line(pl, 'III. Total income (I + II)')).toBe(money(expected.revenuePaise + expected.otherIncomePaise));
    expect(line(pl, 'Total expenses (IV)')).toBe(money(expected.purchasesPaise + expected.otherExpensesPaise));
    const account = pl.rows.find((x) => x.key?.startsWith('account:'));
    const drill = await get<ReportRecords>(
      t,
      seeded.token,
      `/api/v1/reports/profit-and-loss/rows?key=${encodeURIComponent(account!.key!)}`,
    );
    expect(drill.entity).toBe('entry');
    expect(drill.total).toBeGreaterThan(0);

    const bs = await report('balance-sheet', 'asOf=2027-03-31');
    expect(line(bs, 'Total equity and liabilities')).toBe(bs.totals.amount);
  });

  it('partner revenue, ageing and turnaround agree with the raw rows', async () => {
    const partners = await report('partner-revenue');
    expect(partners.rows).toHaveLength(1);
    expect(partners.totals.partnerShare).toBe(money(M.partnerShare(raw.entries, raw.orders, FY)));
    const drill = await get<ReportRecords>(
      t,
      seeded.token,
      `/api/v1/reports/partner-revenue/rows?key=${partners.rows[0]!.key}`,
    );
    expect(drill.total).toBe(2);

    const ageing = await report('party-ageing');
    expect(ageing.totals.total).toBe(money(M.outstanding(raw.invoices, 'receivable')));
    // As of 31 October: the October sale (₹11,800) was still wholly due (its payment and credit note came in November).
    const october = await report('party-ageing', 'from=2026-04-01&to=2026-10-31');
    expect(october.note).toContain('as of 31-10-2026');
    expect(october.totals.total).toBe('11800.00');
    const payables = await report('party-ageing', 'direction=payable');
    expect(payables.totals.total).toBe(money(M.outstanding(raw.invoices, 'payable')));

    const turnaround = await report('order-turnaround');
    expect(turnaround.totals).toMatchObject({ completed: 3, failed: 1 });
    const byAssignee = await report('order-turnaround', 'by=assignee');
    expect(byAssignee.rows.reduce((s, r) => s + Number(r.cells.completed), 0)).toBe(3);
  });

  it('exports CSV, XLSX (opens with the same totals) and PDF', async () => {
    const json = await report('revenue');
    const xlsx = await t.call({ method: 'GET', url: '/api/v1/reports/revenue?format=xlsx', token: seeded.token });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('Total');
    expect(last.getCell(3).value).toBe(Number(json.totals.booked));

    const csv = await t.call({ method: 'GET', url: '/api/v1/reports/tax-liability?format=csv', token: seeded.token });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Output tax');

    const pdf = await t.call({ method: 'GET', url: '/api/v1/reports/profit-and-loss?format=pdf', token: seeded.token });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('writes register and revenue months as Apr-2026: text in CSV, month cells in XLSX', async () => {
    const json = await report('sales-register');
    const months = json.rows.map((r) => String(r.cells.month));
    expect(months.length).toBeGreaterThan(0);
    const csv = await t.call({ method: 'GET', url: '/api/v1/reports/sales-register?format=csv', token: seeded.token });
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
      .slice(1);
    const label = (m: string) =>
      `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m.slice(5, 7)) - 1]}-${m.slice(0, 4)}`;
    expect(lines.slice(0, months.length).map((l) => l.split(',')[0])).toEqual(months.map(label));
    expect(csv.body).not.toMatch(/^20\d\d-\d\d,/m);

    const xlsx = await t.call({ method: 'GET', url: '/api/v1/reports/revenue?format=xlsx', token: seeded.token });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const april = book.worksheets[0]!.getRow(2).getCell(1);
    expect(april.value).toBeInstanceOf(Date);
    expect((april.value as Date).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(april.numFmt).toBe('mmm-yyyy');
  });

  it('keeps partner figures from the accountant and reports from staff', async () => {
    const accountant = await createLoggedInUser(t, seeded.token, 'accountant');
    const res = await t.call({ method: 'GET', url: '/api/v1/reports/partner-revenue', token: accountant.token });
    expect(res.statusCode).toBe(403);
    const revenue = await get<Report>(t, accountant.token, '/api/v1/reports/revenue');
    expect(revenue.columns.map((c) => c.key)).not.toContain('partnerShare');
    const staff = await createLoggedInUser(t, seeded.token, 'staff');
    expect((await t.call({ method: 'GET', url: '/api/v1/reports/revenue', token: staff.token })).statusCode).toBe(403);
    const bad = await t.call({
      method: 'GET',
      url: '/api/v1/reports/revenue/rows?key=period:2020-01-01..2020-01-31',
      token: seeded.token,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [{ field: 'key' }] });
  });
  it('ageing on screen lists the largest balances, totals every party, and exports list them all', async () => {
    const walkIn = await post<{ id: number }>(t, seeded.token, '/api/v1/parties', {
      kind: 'individual',
      gstRegistrationType: 'unregistered',
      name: 'Kumar Walk-in',
      roles: ['client'],
      billingAddress: { line1: '3 FC Road', city: 'Pune', stateCode: '27', pin: '411004' },
    });
    const draft = await post<{ id: number }>(t, seeded.token, '/api/v1/invoices', {
      type: 'sales',
      partyId: walkIn.id,
      date: '2026-11-20',
      lines: [{ description: 'Service', hsnSac: '998314', quantity: '1', unit: 'OTH', rate: '100.00', gstRate: '18' }],
    });
    const issued = await t.call({ method: 'POST', url: `/api/v1/invoices/${draft.id}/issue`, token: seeded.token });
    expect(issued.statusCode).toBe(200);
    const raw = await rawRows(t);
    const all = await report('party-ageing');
    expect(all.rows).toHaveLength(2);
    expect(all.moreRows).toBe(0);
    expect(all.totals.total).toBe(money(M.outstanding(raw.invoices, 'receivable')));
    const one = await report('party-ageing', 'top=1');
    expect(one.rows.map((r) => r.cells.party)).toEqual([all.rows[0]?.cells.party]);
    expect(one.rows[0]?.cells.party).not.toBe('Kumar Walk-in');
    expect(one.moreRows).toBe(1);
    // Totals still cover the party left out, bucket by bucket.
    expect(one.totals).toEqual(all.totals);
    expect(one.note).toContain('the 1 largest of 2 parties');
    const csv = await t.call({
      method: 'GET',
      url: '/api/v1/reports/party-ageing?format=csv&top=1',
      token: seeded.token,
    });
    expect(csv.body).toContain('Kumar Walk-in');
  });
});
