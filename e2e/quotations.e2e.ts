import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/app-server';
import { launchBrowser, snap, watchConsole } from './support/browser';
import { logInAsOwner, setUpBusiness, type CallApi } from './support/session';

/** Quote -> the client accepts on the public page -> a draft invoice with the quotation's lines (issue 20). */
describe('quotations: quote, accept on the public page, invoice', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let consoleProblems: string[];
  let callApi: CallApi;
  let quotationPath = '';
  let link = '';

  beforeAll(async () => {
    app = await startApp({}, { publicListener: true });
    ({ callApi } = await setUpBusiness(app));
    await callApi('POST', '/parties', {
      name: 'Acme Pune',
      kind: 'company',
      roles: ['client'],
      gstRegistrationType: 'unregistered',
      billingAddress: { line1: '1 MG Road', city: 'Pune', stateCode: '27', pin: '411001' },
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, baseURL: app.baseUrl });
    consoleProblems = watchConsole(page);
    await logInAsOwner(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('1. staff write a quotation with the invoice line grid', async () => {
    await page.goto('/quotations');
    await page.getByRole('heading', { name: 'Quotations' }).waitFor();
    await page.getByRole('link', { name: 'New quotation' }).click();
    await page.getByTestId('sales-document-editor').waitFor();
    await page.getByRole('combobox', { name: /^Client/ }).fill('Acme');
    await page.getByRole('option', { name: /Acme Pune/ }).click();
    await page.getByLabel('Line 1 description', { exact: true }).fill('Annual compliance retainer');
    await page.getByLabel('Line 1 HSN/SAC', { exact: true }).fill('998231');
    await page.getByLabel('Line 1 quantity', { exact: true }).fill('1');
    await page.getByLabel('Line 1 rate', { exact: true }).fill('24000');
    await page.getByLabel('Line 1 GST %', { exact: true }).fill('18');
    await expect.poll(() => page.getByTestId('totals-panel').textContent()).toContain('28,320.00');
    await snap(page, 'quotations-1-editor');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('sales-document-page').waitFor();
    quotationPath = new URL(page.url()).pathname;
    expect(quotationPath).toMatch(/^\/quotations\/\d+$/);
    expect(await page.getByTestId('document-status').textContent()).toBe('Draft');
    expect(await page.getByTestId('document-totals').textContent()).toContain('28,320.00');
  });

  it('2. a link is sent and the client accepts on the public page', async () => {
    await page.getByRole('button', { name: 'Send link' }).click();
    const field = page.getByTestId('public-link');
    await field.waitFor();
    link = await field.inputValue();
    expect(link).toMatch(/\/public\/quotation\/[A-Za-z0-9_-]{43}$/);
    await expect.poll(() => page.getByTestId('document-status').textContent()).toBe('Sent');
    await snap(page, 'quotations-2-link');

    const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
    const client = await context.newPage();
    const problems = watchConsole(client);
    await client.goto(link);
    await client.getByRole('heading', { name: /Quotation QT\/.* from Rao Traders/ }).waitFor();
    expect(await client.content()).toContain('₹28,320.00');
    await snap(client, 'quotations-3-public');
    await client.getByLabel('Note (optional)').fill('Please start in April');
    await client.getByRole('button', { name: 'Accept quotation' }).click();
    await client.getByText('You accepted this quotation.').waitFor();
    expect(await client.getByRole('button', { name: 'Accept quotation' }).count()).toBe(0);
    await snap(client, 'quotations-4-accepted');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('3. staff see the acceptance and convert it into a draft invoice with the same figures', async () => {
    await page.goto(quotationPath);
    await expect.poll(() => page.getByTestId('document-status').textContent()).toBe('Accepted');
    expect(await page.getByTestId('sales-document-page').textContent()).toContain('Please start in April');
    await page.getByRole('button', { name: 'Convert' }).click();
    await page.getByRole('menuitem', { name: 'Into a sales invoice' }).click();
    await page.waitForURL(/\/invoices\/\d+$/);
    await page.getByText('Annual compliance retainer').first().waitFor();
    await page.getByText('28,320.00').first().waitFor();
    await snap(page, 'quotations-5-invoice');

    await page.goto('/quotations');
    await page.getByTestId('status-filter').click();
    await page.getByRole('option', { name: 'Converted' }).click();
    await expect.poll(() => page.getByTestId('sales-documents-table').locator('tbody tr').count()).toBe(1);
    await snap(page, 'quotations-6-list');
    expect(consoleProblems).toEqual([]);
  });

  it('4. a delivery challan is invoiced in part through the conversion dialog', async () => {
    const parties = await callApi<{ items: { id: number }[] }>('GET', '/parties?q=Acme');
    const challan = await callApi<{ id: number; number: string }>('POST', '/sales-documents', {
      kind: 'delivery_challan',
      partyId: parties.items[0]!.id,
      date: '2026-11-20',
      challanReason: 'supply_on_approval',
      lines: [
        { description: 'Steel rod 12mm', hsnSac: '72142090', quantity: '10', unit: 'NOS', rate: '1250', gstRate: '18' },
      ],
    });
    await page.goto(`/challans/${challan.id}`);
    await page.getByTestId('sales-document-page').waitFor();
    await page.getByRole('button', { name: 'Convert' }).click();
    await page.getByRole('menuitem', { name: 'Into a sales invoice' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invoice goods from this challan' });
    await dialog.getByLabel('Quantity of Steel rod 12mm').fill('4');
    await snap(page, 'quotations-7-challan-convert');
    await dialog.getByRole('button', { name: 'Make draft invoice' }).click();
    await page.waitForURL(/\/invoices\/\d+$/);
    // The draft invoice bills the 4 taken: ₹5,000.00 taxable.
    await page.getByText('5,000.00').first().waitFor();
    await page.goto(`/challans/${challan.id}`);
    await expect.poll(() => page.getByTestId('document-lines').textContent()).toContain('4');
    const after = await callApi<{ lines: { remainingQuantity: string }[] }>('GET', `/sales-documents/${challan.id}`);
    expect(after.lines[0]!.remainingQuantity).toBe('6');
    await snap(page, 'quotations-8-challan-after');
    expect(consoleProblems).toEqual([]);
  });
});
