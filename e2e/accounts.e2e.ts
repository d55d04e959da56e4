import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TrialBalance } from '@bizdash/contracts/accounts';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { formatMoney, parseMoney } from '@bizdash/domain/money';
import { startApp, type RunningApp } from './support/app-server';
import { launchBrowser, snap, watchConsole } from './support/browser';
import { logInAsOwner, setUpBusiness, type CallApi } from './support/session';

const OUR_GSTIN = '27AABCT1332L1Z' + gstinCheckChar('27AABCT1332L1Z');

/**
 * The accounts area over a book with one issued invoice (₹10,000 + 18% GST, intra-state) and a ₹5,000 bank
 * receipt against it: the trial balance agrees, a ledger line opens its invoice, the invoice shows its journal,
 * P&L is one click away, and the Tally download is XML.
 */
describe('accounts', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let consoleProblems: string[];
  let callApi: CallApi;
  let invoice: { id: number; number: string };
  let paymentId: number;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date());

  beforeAll(async () => {
    app = await startApp();
    ({ callApi } = await setUpBusiness(app));
    await callApi('PATCH', '/settings/business', {
      gstin: OUR_GSTIN,
      address: { line1: '4 FC Road', city: 'Pune', pin: '411004' },
      signatoryName: 'Asha Rao',
    });
    const client = await callApi<{ id: number }>('POST', '/parties', {
      name: 'Meera Iyer',
      roles: ['client'],
      kind: 'individual',
      gstRegistrationType: 'unregistered',
      billingAddress: { line1: '9 Law College Road', city: 'Pune', stateCode: '27', pin: '411004' },
    });
    const draft = await callApi<{ id: number }>('POST', '/invoices', {
      type: 'sales',
      partyId: client.id,
      date: today,
      lines: [{ description: 'Share transfer service', hsnSac: '998399', quantity: '1', rate: '10000', gstRate: '18' }],
    });
    invoice = await callApi<{ id: number; number: string }>('POST', `/invoices/${draft.id}/issue`);
    paymentId = (
      await callApi<{ id: number }>('POST', '/payments', {
        direction: 'received',
        partyId: client.id,
        date: today,
        amount: '5000',
        mode: 'bank_transfer',
        reference: 'UTR-E2E-1',
        allocations: [{ invoiceId: invoice.id, amount: '5000' }],
      })
    ).id;

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

  it('the trial balance agrees, with the invoice and the receipt in it', async () => {
    const tb = await callApi<TrialBalance>('GET', '/accounts/trial-balance');
    expect(tb.totalDebit).toBe(tb.totalCredit);
    // Debtors: 11,800 invoiced less 5,000 received; the bank holds the 5,000.
    expect(tb.accounts.find((a) => a.code === '1300')?.debit).toBe('6800.00');
    expect(tb.accounts.find((a) => a.code === '1200')?.debit).toBe('5000.00');

    await page.getByRole('link', { name: 'Accounts', exact: true }).click();
    await page.getByRole('heading', { name: 'Accounts', exact: true }).waitFor();
    await page.getByTestId('account-1300').waitFor();
    await snap(page, 'accounts-chart');

    await page.getByTestId('accounts-tab-trial-balance').click();
    await page.waitForURL('**/accounts/trial-balance**');
    const totalDebit = page.getByTestId('tb-total-debit');
    await expect.poll(() => totalDebit.textContent()).toBe(formatMoney(parseMoney(tb.totalDebit)));
    expect(await page.getByTestId('tb-total-credit').textContent()).toBe(await totalDebit.textContent());
    expect(await page.getByTestId('tb-agreement').textContent()).toBe('Debits equal credits');
    expect(await page.getByTestId('tb-row-1300').textContent()).toContain('₹6,800.00');
    await snap(page, 'accounts-trial-balance');
  });

  it('a ledger line opens the invoice that posted it, and the invoice lists its journal entry', async () => {
    await page.getByTestId('tb-row-1300').getByRole('link', { name: 'Sundry Debtors' }).click();
    await page.waitForURL('**/accounts/ledger/1300?**');
    const line = page.getByTestId('ledger-line').filter({ hasText: invoice.number });
    await line.waitFor();
    expect(await line.textContent()).toContain('₹11,800.00');
    expect(await page.getByTestId('ledger-closing').textContent()).toBe('₹6,800.00 Dr');
    await snap(page, 'accounts-ledger');

    await line.getByTestId('source-link').click();
    await page.waitForURL(`**/invoices/${invoice.id}`);
    await page.getByTestId('invoice-journal-tab').click();
    const entry = page.getByTestId('journal-entry');
    await entry.waitFor();
    expect(await entry.textContent()).toContain('Sundry Debtors');
    expect(await entry.textContent()).toContain('₹11,800.00');
    await snap(page, 'accounts-invoice-journal');

    await entry.getByTestId('entry-link').click();
    await page.waitForURL('**/accounts/entries/*');
    await page.getByTestId('entry-lines').waitFor();
    // The entry balances: its total row shows the same amount on both sides.
    const totals = await page.getByTestId('entry-lines').locator('tfoot').textContent();
    expect(totals).toBe('Total₹11,800.00₹11,800.00');
  });

  it('the bank book shows the receipt and opens the payment', async () => {
    await page.getByTestId('accounts-tab-1200').click();
    await page.getByRole('heading', { name: 'Bank book' }).waitFor();
    const line = page.getByTestId('ledger-line').filter({ hasText: 'UTR-E2E-1' });
    await line.waitFor();
    expect(await line.textContent()).toContain('₹5,000.00');
    await line.getByTestId('source-link').click();
    await page.waitForURL(`**/payments?payment=${paymentId}`);
  });

  it('profit and loss opens from the accounts area', async () => {
    await page.goto('/accounts');
    await page.getByTestId('accounts-tab-profit-and-loss').click();
    await page.waitForURL('**/reports/profit-and-loss');
    const table = page.getByTestId('report-table');
    await expect.poll(() => table.textContent()).toContain('₹10,000.00');
    await snap(page, 'accounts-profit-and-loss');
  });

  it('downloads the period for Tally as XML', async () => {
    await page.goto('/accounts/trial-balance');
    await page.getByTestId('tb-totals').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      page.getByTestId('tally-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xml$/);
    const xml = await readFile(await download.path(), 'utf8');
    expect(xml).toContain('<ENVELOPE>');
    expect(xml).toContain(invoice.number);
    expect(consoleProblems).toEqual([]);
  });
});
