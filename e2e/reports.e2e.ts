import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Dashboard } from '@bizdash/contracts/dashboard';
import type { Report } from '@bizdash/contracts/reports';
import { startApp, type RunningApp } from './support/app-server';
import { launchBrowser, snap, watchConsole } from './support/browser';
import { logInAsOwner, setUpBusiness, type CallApi } from './support/session';

/** Two orders completed today (₹15,000 and ₹6,000) and a partial receipt: the figures the screens must show. */
describe('dashboard and reports', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let consoleProblems: string[];
  let callApi: CallApi;
  const orderNumbers: string[] = [];

  beforeAll(async () => {
    app = await startApp();
    ({ callApi } = await setUpBusiness(app));
    const orderType = await callApi<{ id: number }>('POST', '/order-types', {
      name: 'Share Transfer',
      requiredDocumentTypeIds: [],
      defaultFee: '15000',
      baseCharge: '2500',
      turnaroundDays: 10,
    });
    const client = await callApi<{ id: number }>('POST', '/parties', {
      name: 'Meera Iyer',
      roles: ['client'],
      kind: 'individual',
      gstRegistrationType: 'unregistered',
    });
    for (const fees of ['15000', '6000']) {
      const order = await callApi<{ id: number; number: string }>('POST', '/orders', {
        title: `Transfer worth ${fees}`,
        clientId: client.id,
        orderTypeId: orderType.id,
        fees,
      });
      orderNumbers.push(order.number);
      await callApi('POST', `/orders/${order.id}/transitions`, { to: 'in_progress' });
      await callApi('POST', `/orders/${order.id}/transitions`, { to: 'completed' });
      if (fees === '15000') {
        const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date());
        await callApi('POST', `/orders/${order.id}/receipts`, { date: today, amount: '5000', mode: 'upi' });
      }
    }
    browser = await launchBrowser();
    page = await browser.newPage({
      viewport: { width: 1440, height: 1000 },
      baseURL: app.baseUrl,
      acceptDownloads: true,
    });
    consoleProblems = watchConsole(page);
    await logInAsOwner(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('the dashboard shows the seeded figures for this month', async () => {
    const api = await callApi<Dashboard>('GET', '/dashboard');
    expect(api.kpis.find((k) => k.key === 'bookedRevenue')?.value).toBe('21000.00');
    await page.goto('/dashboard');
    const booked = page.getByTestId('kpi-bookedRevenue').getByTestId('kpi-value');
    await expect.poll(() => booked.textContent()).toBe('₹21,000.00');
    expect(await page.getByTestId('kpi-collected').getByTestId('kpi-value').textContent()).toBe('₹5,000.00');
    expect(await page.getByTestId('kpi-ordersClosed').getByTestId('kpi-value').textContent()).toBe('2');
    await snap(page, 'reports-dashboard');
  });

  it('a report exports to XLSX that opens with the same totals', async () => {
    const json = await callApi<Report>('GET', '/reports/revenue');
    await page.goto('/reports');
    await page.getByTestId('report-revenue').click();
    // The index's cards have headings too ("Revenue", "Partner revenue"): wait for the report's own page.
    await page.waitForURL('**/reports/revenue');
    const totals = page.getByTestId('report-totals');
    await expect.poll(() => totals.textContent()).toContain('₹21,000.00');
    await snap(page, 'reports-revenue');

    await page.getByTestId('export-menu').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'XLSX' }).click(),
    ]);
    const file = await download.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = sheet.getRow(1).values as unknown[];
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('Total');
    const bookedColumn = header.indexOf('Booked');
    const collectedColumn = header.indexOf('Collected');
    expect(last.getCell(bookedColumn).value).toBe(Number(json.totals.booked));
    expect(last.getCell(collectedColumn).value).toBe(Number(json.totals.collected));
    expect(Number(json.totals.booked)).toBe(21000);
  });

  it('a drill-down lists the orders behind a figure', async () => {
    const month = new Intl.DateTimeFormat('en-IN', { timeZone: 'Asia/Kolkata', month: 'long', year: 'numeric' }).format(
      new Date(),
    );
    await page.getByTestId('report-table').getByRole('row').filter({ hasText: month }).click();
    const drill = page.getByTestId('drill-down');
    await drill.waitFor();
    for (const number of orderNumbers) await drill.getByRole('link', { name: number }).waitFor();
    expect(await drill.textContent()).toContain('₹15,000.00');
    await snap(page, 'reports-drill-down');
    expect(consoleProblems).toEqual([]);
  });
});
