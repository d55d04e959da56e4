import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { nextRunDate } from '@bizdash/domain/recurrence';
import { startApp, type RunningApp } from './support/app-server';
import { launchBrowser, snap, watchConsole } from './support/browser';
import { logInAsOwner, setUpBusiness, type CallApi } from './support/session';

const CLIENT_GSTIN = '27AAPFU0939F1Z' + gstinCheckChar('27AAPFU0939F1Z');
/** Today in the business time zone. */
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date());
/** The first day of next month: a start in the future, so no run happens while the test looks. */
const NEXT_MONTH = (() => {
  const [y, m] = TODAY.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
})();
const dmy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

describe('recurring invoices and bulk actions on the invoices list', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let consoleProblems: string[];
  let callApi: CallApi;

  beforeAll(async () => {
    app = await startApp();
    ({ callApi } = await setUpBusiness(app));
    await callApi('POST', '/parties', {
      name: 'Acme Shares',
      kind: 'company',
      roles: ['client'],
      gstin: CLIENT_GSTIN,
      gstRegistrationType: 'regular',
      emails: ['accounts@acme.example'],
      billingAddress: { line1: '12 MG Road', city: 'Pune', stateCode: '27', pin: '411001' },
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

  it('sets up a monthly retainer on the 31st in the UI and shows its next run (the month end)', async () => {
    await page.getByRole('link', { name: 'Recurring invoices' }).first().click();
    await page.getByRole('heading', { name: 'Recurring invoices' }).waitFor();
    await page.getByText('No recurring invoices yet').waitFor();
    await page.getByRole('link', { name: 'New profile' }).click();

    await page.getByLabel('Profile name').fill('Monthly retainer');
    await page.getByRole('combobox', { name: /^Party/ }).fill('Acme');
    await page.getByRole('option', { name: /Acme Shares/ }).click();
    await page.getByLabel('Day of month').fill('31');
    const start = page.getByLabel('Start');
    await start.fill(dmy(NEXT_MONTH));
    await start.press('Tab');
    await page.getByText('After', { exact: true }).click();
    await page.getByLabel('Number of runs').fill('12');
    await page.getByLabel('Email each invoice').check({ force: true });
    await page.getByLabel('Line 1 description').fill('Retainer: share registry services');
    await page.getByLabel('Line 1 HSN/SAC').fill('998221');
    await page.getByLabel('Line 1 rate').fill('25000');
    await snap(page, 'recurring-form');
    await page.getByRole('button', { name: 'Save profile' }).click();

    await page.waitForURL(/\/recurring\/\d+$/);
    const expected = nextRunDate(
      { frequency: 'monthly', dayOfMonth: 31, startDate: NEXT_MONTH, endDate: null, maxRuns: 12 },
      null,
    );
    expect(expected).not.toBeNull();
    await expect
      .poll(async () => (await page.getByTestId('detail-next-run').textContent())?.trim())
      .toBe(dmy(expected!));
    await page.getByText('No runs yet.').waitFor();
    await page.getByText('Issue and email to accounts@acme.example').waitFor();
    await snap(page, 'recurring-detail');

    await page.getByRole('link', { name: 'Recurring invoices' }).first().click();
    const row = page.locator('[data-testid^="recurring-row-"]').first();
    await row.waitFor();
    expect(await row.getByTestId('next-run').textContent()).toBe(dmy(expected!));
    expect(await row.textContent()).toContain("Monthly on the 31st (or the month's last day)");
    expect(await row.textContent()).toContain('0 of 12');
    await snap(page, 'recurring-list');
  });

  it('selects drafts on the invoices list and issues them together, each reported on its row', async () => {
    const party = await callApi<{ items: { id: number }[] }>('GET', '/parties?q=Acme');
    const partyId = party.items[0]!.id;
    const line = {
      description: 'Filing fee',
      hsnSac: '998221',
      quantity: '1',
      unit: 'OTH',
      rate: '1500',
      gstRate: '18',
    };
    for (let i = 0; i < 3; i++)
      await callApi('POST', '/invoices', { type: 'sales', partyId, date: TODAY, lines: [line] });

    await page.goto('/invoices');
    await page.locator('[data-testid^="invoice-row-"]').nth(2).waitFor();
    await page.getByLabel('Select this page').check({ force: true });
    await page.getByTestId('bulk-bar').waitFor();
    expect(await page.getByTestId('bulk-bar').textContent()).toContain('3 documents selected');
    await snap(page, 'invoices-bulk-selected');
    await page.getByRole('button', { name: /Issue 3 drafts/ }).click();
    const results = page.getByTestId('bulk-results');
    await results.waitFor();
    await expect.poll(async () => await results.getByText('Done').count()).toBe(3);
    await snap(page, 'invoices-bulk-issued');
    await page.keyboard.press('Escape');
    const issued = await callApi<{ total: number }>('GET', '/invoices?status=issued');
    expect(issued.total).toBe(3);
    expect(consoleProblems).toEqual([]);
  });
});
