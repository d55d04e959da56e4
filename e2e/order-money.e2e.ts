import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/app-server';
import { launchBrowser, snap, watchConsole } from './support/browser';
import { logInAsOwner, setUpBusiness, type CallApi } from './support/session';

const PARTNER = { name: 'Nikhil Deshpande Associates', email: 'nikhil@example.com', password: 'partner horse battery' };
const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/screenshots');

/**
 * Screenshots for the README and the guide: written to docs/screenshots only when UPDATE_SCREENSHOTS=1, so that a
 * test run never changes tracked files.
 */
async function shoot(target: Page | Locator, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path: file, fullPage: true });
  else await target.screenshot({ path: file });
}

async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

describe('order money: expenses, settlement, approval, receipts, payout, partner statement', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let consoleProblems: string[];
  let callApi: CallApi;
  let partnerId = 0;
  let order = { id: 0, number: '' };

  beforeAll(async () => {
    app = await startApp();
    ({ callApi } = await setUpBusiness(app, { name: 'Rao Share Services', stateCode: '27' }));
    const partner = await callApi<{ id: number }>('POST', '/parties', {
      name: PARTNER.name,
      roles: ['partner'],
      kind: 'company',
      gstRegistrationType: 'unregistered',
      revenueShare: '40',
    });
    partnerId = partner.id;
    const client = await callApi<{ id: number }>('POST', '/parties', {
      name: 'Meera Iyer',
      roles: ['client'],
      kind: 'individual',
      gstRegistrationType: 'unregistered',
    });
    const orderType = await callApi<{ id: number }>('POST', '/order-types', {
      name: 'Share Transfer',
      requiredDocumentTypeIds: [],
      defaultFee: '10000',
      baseCharge: '2500',
      turnaroundDays: 10,
    });
    order = await callApi<{ id: number; number: string }>('POST', '/orders', {
      title: 'Transfer of 500 Tata Steel shares',
      clientId: client.id,
      orderTypeId: orderType.id,
      partnerId,
      fees: '10000',
    });
    // A second closed order of the same partner, left waiting for approval, so the lists have more than one row.
    const other = await callApi<{ id: number }>('POST', '/orders', {
      title: 'Transmission of 1,200 Infosys shares',
      clientId: client.id,
      orderTypeId: orderType.id,
      partnerId,
      fees: '125000',
    });
    for (const to of ['in_progress', 'completed']) await callApi('POST', `/orders/${other.id}/transitions`, { to });

    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, baseURL: app.baseUrl });
    consoleProblems = watchConsole(page);
    await logInAsOwner(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const card = () => page.getByTestId('money-card');
  const settlement = () => page.getByTestId('settlement-card');

  async function addExpense(amount: string, category: string) {
    await card().getByRole('button', { name: 'Add expense' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add expense' });
    await dialog.getByLabel('Amount', { exact: true }).fill(amount);
    await dialog.getByLabel('Category', { exact: true }).click();
    await page.getByRole('option', { name: category }).click();
    await dialog.getByRole('button', { name: 'Add expense' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('1. an order with fees 10,000.00, expenses 1,000.00 and 500.00, partner at 40%; completed', async () => {
    // The order form takes the partner's default share.
    await page.goto('/orders/new');
    await page.getByLabel('Partner', { exact: true }).fill('Nikhil');
    await page.getByRole('option', { name: PARTNER.name }).click();
    await expect.poll(() => page.getByLabel("Partner's share", { exact: true }).inputValue()).toBe('40');

    await page.goto(`/orders/${order.id}`);
    // What the client will be billed: the fees plus 18% GST (the settlement stays on the fees).
    await expect.poll(() => textOf(page.getByTestId('amount-due'))).toBe('₹11,800.00');
    await expect.poll(() => textOf(settlement().getByTestId('settlement-status'))).toBe('Projected');
    expect(await textOf(settlement().getByTestId('settlement-share-percent'))).toBe('40%');

    await addExpense('1000', 'Stamp duty');
    await addExpense('500', 'Courier');
    await expect.poll(() => card().getByTestId('expense-row').count()).toBe(2);
    await expect.poll(() => textOf(page.getByTestId('expenses-total'))).toBe('₹1,500.00');
    // While open, the settlement is a projection.
    await expect.poll(() => textOf(settlement().getByTestId('settlement-partner-share'))).toBe('₹3,400.00');

    await page.getByTestId('stage-actions').getByRole('button', { name: 'In progress' }).click();
    await expect.poll(() => page.getByTestId('stage-badge').first().textContent()).toBe('In progress');
    await page.getByTestId('stage-actions').getByRole('button', { name: 'Completed' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Move to Completed' }).click();
    await page.getByTestId('closed-notice').waitFor();
  });

  it('2. the draft settlement: partner 3,400.00, business 5,100.00', async () => {
    await expect.poll(() => textOf(settlement().getByTestId('settlement-status'))).toBe('Awaiting approval');
    expect(await textOf(settlement().getByTestId('settlement-revenue'))).toBe('₹10,000.00');
    expect(await textOf(settlement().getByTestId('settlement-net'))).toBe('₹8,500.00');
    expect(await textOf(settlement().getByTestId('settlement-partner-share'))).toBe('₹3,400.00');
    expect(await textOf(settlement().getByTestId('settlement-business-share'))).toBe('₹5,100.00');
  });

  it('3. an expense of 500.00 on the closed order updates the draft to 3,200.00 / 4,800.00', async () => {
    await addExpense('500', 'Notary');
    await expect.poll(() => textOf(settlement().getByTestId('settlement-partner-share'))).toBe('₹3,200.00');
    expect(await textOf(settlement().getByTestId('settlement-business-share'))).toBe('₹4,800.00');
    expect(await textOf(settlement().getByTestId('settlement-status'))).toBe('Awaiting approval');
  });

  it('4. approves it on the Settlements page, then records receipts until paid', async () => {
    await page.goto('/settlements');
    const row = page.getByTestId('settlement-row').filter({ hasText: order.number });
    await row.waitFor();
    expect(await page.getByTestId('settlement-row').count()).toBe(2);
    expect(await row.textContent()).toContain('₹3,200.00');
    expect(await row.textContent()).toContain('₹4,800.00');
    await shoot(page, 'settlements');
    await row.getByRole('button', { name: /^Approve/ }).click();
    await expect.poll(() => page.getByTestId('settlement-row').count()).toBe(1);

    await page.goto(`/orders/${order.id}`);
    await expect.poll(() => textOf(settlement().getByTestId('settlement-status'))).toBe('Approved');
    expect(await settlement().getByTestId('approve-settlement').count()).toBe(0);
    await expect.poll(() => textOf(page.getByTestId('payment-status'))).toBe('Unpaid');

    // Part of the bill first, then the rest (the form suggests the balance due: ₹10,000 fees + 18% GST).
    await card().getByRole('button', { name: 'Record receipt' }).click();
    let dialog = page.getByRole('dialog', { name: 'Record receipt' });
    expect(await dialog.getByLabel('Amount').inputValue()).toBe('11800.00');
    await dialog.getByLabel('Amount').fill('4000');
    await dialog.getByLabel('Reference').fill('UTR 4410021');
    await dialog.getByRole('button', { name: 'Record receipt' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => textOf(page.getByTestId('payment-status'))).toBe('Partly paid');
    expect(await textOf(page.getByTestId('balance-due'))).toBe('₹7,800.00');

    await card().getByRole('button', { name: 'Record receipt' }).click();
    dialog = page.getByRole('dialog', { name: 'Record receipt' });
    expect(await dialog.getByLabel('Amount').inputValue()).toBe('7800.00');
    // The bank's advice goes up with the receipt (PUT of the raw file, with progress).
    await dialog.locator('input[type="file"]').setInputFiles({
      name: 'bank-advice.png',
      mimeType: 'image/png',
      buffer: Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
    });
    await dialog.getByRole('button', { name: 'Record receipt' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card().getByRole('button', { name: 'Download bank-advice.png' }).waitFor();
    await expect.poll(() => textOf(page.getByTestId('payment-status'))).toBe('Paid');
    expect(await textOf(page.getByTestId('amount-received'))).toBe('₹11,800.00');
    expect(await textOf(page.getByTestId('balance-due'))).toBe('₹0.00');
    await shoot(card().locator('..'), 'order-money');
  });

  it('5. records a payout of 3,200.00 to the partner', async () => {
    await page.goto('/settlements/partners');
    const row = page.getByTestId('balance-row').filter({ hasText: PARTNER.name });
    await row.waitFor();
    expect(await textOf(row.getByTestId('balance-owed'))).toBe('₹3,200.00');
    await row.getByRole('button', { name: 'Pay' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record payout' });
    expect(await dialog.getByLabel('Amount').inputValue()).toBe('3200.00');
    await dialog.getByLabel('Reference').fill('NEFT N2611230001');
    await dialog.getByRole('button', { name: 'Record payout' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => textOf(row.getByTestId('balance-owed'))).toBe('₹0.00');

    await row.getByRole('link', { name: PARTNER.name }).click();
    await page.getByTestId('statement').waitFor();
    await expect.poll(() => page.getByTestId('statement-line').count()).toBe(2);
    expect(await textOf(page.getByTestId('statement-closing'))).toBe('₹0.00');
    // The same statement as PDF and XLSX, fetched with the session's token and saved by the browser.
    for (const [format, magic] of [
      ['PDF', '%PDF'],
      ['Excel (XLSX)', 'PK'],
    ] as const) {
      await page.getByTestId('statement-download').click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('menuitem', { name: format }).click(),
      ]);
      const file = await download.path();
      expect(readFileSync(file).subarray(0, magic.length).toString('latin1')).toBe(magic);
    }
    await page.reload(); // without the payout's notification over the table
    await page.getByTestId('statement-line').nth(1).waitFor();
    await shoot(page, 'partner-statement');
  });

  it('6. the partner logs in: the portal shows only their work and the statement balance 0.00', async () => {
    await callApi('POST', '/users', {
      name: PARTNER.name,
      email: PARTNER.email,
      role: 'partner',
      password: PARTNER.password,
      partnerPartyId: partnerId,
    });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: app.baseUrl });
    const portal = await context.newPage();
    const problems = watchConsole(portal);
    await portal.goto('/login');
    await portal.getByLabel('Email', { exact: true }).fill(PARTNER.email);
    await portal.getByLabel('Password', { exact: true }).fill(PARTNER.password);
    await portal.getByRole('button', { name: 'Log in' }).click();
    await portal.waitForURL(/\/portal/);
    await portal.getByRole('heading', { name: PARTNER.name }).waitFor();
    await expect.poll(() => textOf(portal.getByTestId('portal-balance'))).toBe('₹0.00');
    // The other order's draft share (40% of 1,25,000.00) waits for approval.
    expect(await textOf(portal.getByTestId('portal-pending'))).toBe('₹50,000.00');
    await expect.poll(() => portal.getByTestId('portal-order-row').count()).toBe(2);
    // The partner's navigation holds the portal only.
    const nav = await portal.getByRole('navigation').first().textContent();
    expect(nav).toContain('Partner portal');
    expect(nav).not.toContain('Orders');
    await shoot(portal, 'partner-portal');

    await portal.getByRole('tab', { name: 'Statement' }).click();
    await portal.getByTestId('statement').waitFor();
    await expect.poll(() => textOf(portal.getByTestId('statement-closing'))).toBe('₹0.00');
    expect(await textOf(portal.getByTestId('statement-credit'))).toBe('₹3,200.00');
    expect(await textOf(portal.getByTestId('statement-debit'))).toBe('₹3,200.00');
    await snap(portal, 'portal-statement');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('7. a share change after approval is an adjustment to approve, not a rewrite', async () => {
    await page.goto(`/orders/${order.id}`);
    await settlement().getByRole('button', { name: 'Edit share' }).click();
    const dialog = page.getByRole('dialog', { name: "Partner's share on this order" });
    await dialog.getByLabel('Share', { exact: true }).fill('45');
    await dialog.getByRole('button', { name: 'Save share' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // 45% of 8,000.00 is 3,600.00: the difference waits for approval; the approved 3,200.00 stays.
    const pending = settlement().getByTestId('pending-adjustment');
    await pending.waitFor();
    expect(await pending.textContent()).toContain('₹400.00');
    expect(await pending.textContent()).toContain('-₹400.00');
    expect(await textOf(settlement().getByTestId('settlement-partner-share'))).toBe('₹3,600.00');
    expect(await textOf(settlement().getByTestId('settlement-status'))).toBe('Awaiting approval');
    await page.reload(); // without the notification over the card
    await pending.waitFor();
    await shoot(page.getByTestId('money-card').locator('..'), 'order-money-adjustment');

    await settlement().getByRole('button', { name: 'Approve adjustment' }).click();
    await expect.poll(() => textOf(settlement().getByTestId('settlement-status'))).toBe('Approved');
    await expect.poll(() => settlement().getByTestId('settlement-entries').locator('tbody tr').count()).toBe(2);
    await page.goto('/settlements/partners');
    const row = page.getByTestId('balance-row').filter({ hasText: PARTNER.name });
    await expect.poll(() => textOf(row.getByTestId('balance-owed'))).toBe('₹400.00');
    expect(consoleProblems).toEqual([]);
  });
});
