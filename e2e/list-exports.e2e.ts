import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { startApp, type RunningApp } from './support/app-server';
import { launchBrowser, snap, watchConsole } from './support/browser';
import { logInAsOwner, setUpBusiness, type CallApi } from './support/session';

const OUR_GSTIN = '27AABCT1332L1Z' + gstinCheckChar('27AABCT1332L1Z');

// The Export menu on the orders, invoices and payments lists, and the GSTR-1 Table 8 row.
describe('list exports and GSTR-1 Table 8', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let callApi: CallApi;
  let consoleProblems: string[];
  let clientId: number;

  beforeAll(async () => {
    app = await startApp();
    ({ callApi } = await setUpBusiness(app));
    await callApi('PATCH', '/settings/business', { gstin: OUR_GSTIN });
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
    clientId = client.id;
    for (const title of ['Transfer of 500 shares', 'Transmission of 20 shares'])
      await callApi('POST', '/orders', { title, clientId: client.id, orderTypeId: orderType.id });

    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 860 }, baseURL: app.baseUrl });
    consoleProblems = watchConsole(page);
    await logInAsOwner(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('exports the filtered orders list as CSV from the Export menu', async () => {
    await page.goto('/orders?q=Transmission');
    await page.getByText('Transmission of 20 shares').first().waitFor();
    await snap(page, 'list-exports-orders');
    await page.getByTestId('export-menu').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^orders.*\.csv$/);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv).toContain('Transmission of 20 shares');
    expect(csv).not.toContain('Transfer of 500 shares');
    expect(csv).toContain('15000.00');
  });

  it('exports the invoices list as CSV and the payments list as XLSX, with the rows on screen', async () => {
    const invoice = await callApi<{ id: number }>('POST', '/invoices', {
      type: 'sales',
      partyId: clientId,
      date: '2026-11-20',
      lines: [{ description: 'Share transfer filing', hsnSac: '998311', quantity: '1', rate: '15000', gstRate: '18' }],
    });
    const issued = await callApi<{ number: string }>('POST', `/invoices/${invoice.id}/issue`, {});
    await callApi('POST', '/payments', {
      direction: 'received',
      partyId: clientId,
      date: '2026-11-21',
      mode: 'upi',
      amount: '7080.00',
      reference: 'UPI-REF-4411',
    });

    await page.goto('/invoices');
    await page.getByText(issued.number).first().waitFor();
    await snap(page, 'list-exports-invoices');
    await page.getByTestId('export-menu').click();
    const [invoicesCsv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'CSV' }).click(),
    ]);
    expect(invoicesCsv.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await invoicesCsv.path()) ?? '', 'utf8');
    expect(csv).toContain(issued.number);
    expect(csv).toContain('Meera Iyer');
    expect(csv).toContain('17700.00');

    await page.goto('/payments');
    await page.getByText('UPI-REF-4411').first().waitFor();
    await snap(page, 'list-exports-payments');
    await page.getByTestId('export-menu').click();
    const [paymentsXlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: /Excel|XLSX/ }).click(),
    ]);
    expect(paymentsXlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await paymentsXlsx.path()) ?? '');
    const cells: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
    expect(cells).toContain('UPI-REF-4411');
    expect(cells.join('|')).toContain('Meera Iyer');
    expect(cells.some((c) => c.replace(/,/g, '') === '7080' || c.replace(/,/g, '').startsWith('7080.00'))).toBe(true);
  });

  it('shows the Table 8 (nil, exempt, non-GST) section on the GST page', async () => {
    await page.goto('/gst');
    const row = page.getByTestId('gstr1-nil');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Nil rated, exempt, non-GST (8)');
    await snap(page, 'list-exports-gst');
    expect(consoleProblems).toEqual([]);
  });
});
