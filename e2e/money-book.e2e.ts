import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { startApp, type RunningApp } from './support/app-server';
import { launchBrowser, snap, watchConsole } from './support/browser';
import { logInAsOwner, setUpBusiness, type CallApi } from './support/session';

const OUR_GSTIN = '27AABCT1332L1Z' + gstinCheckChar('27AABCT1332L1Z');

async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

/**
 * Issue 14's main path in the browser: an order is invoiced from its page, the client's payment is recorded on the
 * order, and both the order and the invoice say "Paid"; the P&L and the trial balance read the same rupees once,
 * and the period downloads for Tally.
 */
describe('one money book: order → invoice → payment → P&L, trial balance, Tally', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let consoleProblems: string[];
  let callApi: CallApi;
  let order = { id: 0, number: '' };
  let invoiceId = 0;

  beforeAll(async () => {
    app = await startApp();
    ({ callApi } = await setUpBusiness(app, { name: 'Rao Share Services', stateCode: '27' }));
    await callApi('PATCH', '/settings/business', {
      gstin: OUR_GSTIN,
      address: { line1: '4 FC Road', city: 'Pune', pin: '411004' },
    });
    const client = await callApi<{ id: number }>('POST', '/parties', {
      name: 'Meera Iyer',
      roles: ['client'],
      kind: 'individual',
      gstRegistrationType: 'unregistered',
      billingAddress: { line1: '9 Law College Road', city: 'Pune', stateCode: '27', pin: '411004' },
    });
    const orderType = await callApi<{ id: number }>('POST', '/order-types', {
      name: 'Share Transfer',
      requiredDocumentTypeIds: [],
      defaultFee: '10000',
      baseCharge: '2500',
      turnaroundDays: 10,
      sacCode: '998311',
      gstRate: '18',
    });
    order = await callApi<{ id: number; number: string }>('POST', '/orders', {
      title: 'Transfer of 500 Tata Steel shares',
      clientId: client.id,
      orderTypeId: orderType.id,
      fees: '10000',
    });
    for (const to of ['in_progress', 'completed']) await callApi('POST', `/orders/${order.id}/transitions`, { to });

    browser = await launchBrowser();
    page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
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

  it('invoices the order from its page: ₹10,000 + 18% GST, issued and linked', async () => {
    await page.goto(`/orders/${order.id}`);
    await page.getByTestId('invoice-order').click();
    await page.waitForURL(/\/invoices\/\d+\/edit/);
    invoiceId = Number(/\/invoices\/(\d+)\/edit/.exec(page.url())![1]);
    await page.getByRole('button', { name: 'Issue…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Issue', exact: true }).click();
    await page.waitForURL(new RegExp(`/invoices/${invoiceId}$`));
    await expect.poll(() => textOf(page.getByTestId('payment-status'))).toBe('Unpaid');
    const invoice = await callApi<{ orderId: number; totals: { grandTotal: string } }>('GET', `/invoices/${invoiceId}`);
    expect(invoice).toMatchObject({ orderId: order.id, totals: { grandTotal: '11800.00' } });
  });

  it('records the client’s ₹11,800 on the order: the order and its invoice are both paid', async () => {
    await page.goto(`/orders/${order.id}`);
    const card = page.getByTestId('money-card');
    await card.getByRole('button', { name: 'Record receipt' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record receipt' });
    // The form suggests what the client owes: the invoice's total.
    expect(await dialog.getByLabel('Amount').inputValue()).toBe('11800.00');
    await dialog.getByLabel('Reference').fill('UTR 5520093');
    await dialog.getByRole('button', { name: 'Record receipt' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => textOf(card.getByTestId('payment-status'))).toBe('Paid');
    // The order's billing card shows its invoice paid by the same rupees.
    await expect.poll(() => textOf(page.getByTestId('order-billing').getByTestId('payment-status'))).toBe('Paid');
    await snap(page, 'money-book-order-paid');

    await page.goto(`/invoices/${invoiceId}`);
    await expect.poll(() => textOf(page.getByTestId('payment-status'))).toBe('Paid');
  });

  it('the P&L counts the fees once as revenue, and the trial balance agrees', async () => {
    await page.goto('/reports/profit-and-loss');
    const revenue = page.getByRole('row').filter({ hasText: 'I. Revenue from operations' });
    await expect.poll(() => textOf(revenue)).toContain('10,000.00');
    await snap(page, 'money-book-profit-and-loss');

    await page.goto('/accounts/trial-balance');
    await page.getByTestId('tb-totals').waitFor();
    const debit = await textOf(page.getByTestId('tb-total-debit'));
    expect(debit).toMatch(/[1-9]/);
    expect(await textOf(page.getByTestId('tb-total-credit'))).toBe(debit);
    // Sales – Services holds the fees alone, never the GST.
    expect(await textOf(page.getByTestId('tb-row-4100'))).toContain('10,000.00');
    await snap(page, 'money-book-trial-balance');
  });

  it('downloads the period for Tally as Import Data XML', async () => {
    await page.goto('/accounts/trial-balance');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tally-export').click()]);
    const xml = await readFile((await download.path())!, 'utf8');
    expect(xml).toContain('<ENVELOPE>');
    expect(xml).toContain('VCHTYPE="Sales"');
    expect(xml).toContain('Meera Iyer');
    expect(consoleProblems).toEqual([]);
  });

  it('lists show every badge and number whole at 1366 px (nothing clipped)', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    for (const url of ['/orders', '/invoices', '/payments', '/parties', '/accounts/trial-balance']) {
      await page.goto(url);
      await page.locator('table tbody tr').first().waitFor();
      const clipped = await page.evaluate(() =>
        Array.from(
          document.querySelectorAll<HTMLElement>('.mantine-Badge-root, .mantine-Badge-label, td.num-cell, td .num'),
        )
          .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
          .map((el) => el.textContent ?? ''),
      );
      expect(clipped, url).toEqual([]);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
