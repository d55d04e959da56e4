import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { startFakeGstinProvider, type FakeGstinProvider } from '../packages/server/test/support/fake-gstin-provider';
import { startApp, type RunningApp } from './support/app-server';
import { launchBrowser, snap, watchConsole } from './support/browser';
import { logInAsOwner, setUpBusiness, type CallApi } from './support/session';

const CLIENT_GSTIN = '27AAPFU0939F1Z' + gstinCheckChar('27AAPFU0939F1Z');

const FIRST = ['Aarav', 'Vivaan', 'Aditya', 'Ishaan', 'Diya', 'Ananya', 'Meera', 'Kavya', 'Rohan', 'Saanvi'];
const LAST = ['Sharma', 'Iyer', 'Reddy', 'Patel', 'Nair', 'Gupta', 'Menon', 'Joshi', 'Rao', 'Bose'];
const CITIES: [string, string, string][] = [
  ['Pune', 'Maharashtra', '411001'],
  ['Chennai', 'Tamil Nadu', '600001'],
  ['Bengaluru', 'Karnataka', '560001'],
  ['Kolkata', 'West Bengal', '700001'],
  ['Ahmedabad', 'Gujarat', '380001'],
];

/** 1,000 distinct parties as people keep them in a spreadsheet: Indian grouping in amounts, state names. */
function partiesCsv(): string {
  const rows = ['Party Name,Phone,Email,Address,City,State,Pincode,Credit limit,Tags'];
  for (let i = 0; i < 1000; i++) {
    const name = `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]} Traders ${String(i).padStart(4, '0')}`;
    const [city, state, pin] = CITIES[i % CITIES.length] ?? CITIES[0]!;
    const phone = `98${String(10_000_000 + i).padStart(8, '0')}`;
    rows.push(
      `${name},${phone},party${i}@example.com,${i + 1} Station Road,${city},${state},${pin},"1,25,000.00",imported`,
    );
  }
  return rows.join('\n');
}

describe('parties and masters: GSTIN fill, partner share, order type, import and Ctrl+K', () => {
  let provider: FakeGstinProvider;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let callApi: CallApi;
  let consoleProblems: string[];

  beforeAll(async () => {
    provider = await startFakeGstinProvider();
    app = await startApp({ GSTIN_LOOKUP_URL: provider.url, GSTIN_LOOKUP_KEY: 'e2e-key' });
    ({ callApi } = await setUpBusiness(app));

    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 860 }, baseURL: app.baseUrl });
    consoleProblems = watchConsole(page);
    await logInAsOwner(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await provider?.close();
  });

  it('1. creates a client by typing a GSTIN; the registry fills the form', async () => {
    await page.goto('/parties/new?role=client');
    await page.getByLabel('GSTIN', { exact: true }).fill(CLIENT_GSTIN.toLowerCase());
    const name = page.getByLabel('Name', { exact: true });
    // The fake registry answers with "Trade <PAN letters>" and a Pune address.
    await expect.poll(() => name.inputValue(), { timeout: 10_000 }).toBe('Trade AAPFU');
    await expect(page.getByLabel('Legal name', { exact: true }).inputValue()).resolves.toBe(
      'Legal AAPFU Private Limited',
    );
    await expect(page.getByLabel('PAN', { exact: true }).inputValue()).resolves.toBe('AAPFU0939F');
    expect(provider.requests).toContain(CLIENT_GSTIN);
    expect(provider.keys).toContain('e2e-key');
    await snap(page, 'party-form-gstin-filled');
    await page.getByTestId('party-save').click();
    await page.waitForURL(/\/parties\/\d+$/);
    await page.getByText(CLIENT_GSTIN).first().waitFor();

    const list = await callApi<{ items: { name: string; gstin: string; roles: string[]; billingAddress: unknown }[] }>(
      'GET',
      '/parties?role=client',
    );
    expect(list.items).toEqual([
      expect.objectContaining({
        name: 'Trade AAPFU',
        gstin: CLIENT_GSTIN,
        roles: ['client'],
        billingAddress: expect.objectContaining({ stateCode: '27', city: 'Pune', pin: '411001' }),
      }),
    ]);
  });

  it('2. creates a partner with a 40% revenue share', async () => {
    await page.goto('/parties/new?role=partner');
    await page.getByLabel('Name', { exact: true }).fill('Nikhil Deshpande Associates');
    await page.getByLabel('Revenue share (%)', { exact: true }).fill('40');
    await page.getByTestId('party-save').click();
    await page.waitForURL(/\/parties\/\d+$/);
    const partners = await callApi<{ items: { name: string; revenueShare: string; roles: string[] }[] }>(
      'GET',
      '/parties?role=partner',
    );
    expect(partners.items).toEqual([
      expect.objectContaining({ name: 'Nikhil Deshpande Associates', revenueShare: '40.00', roles: ['partner'] }),
    ]);
  });

  it('2b. creates a client abroad: Country select, free-form address lines and postal code', async () => {
    await page.goto('/parties/new?role=client');
    await page.getByLabel('Name', { exact: true }).fill('Harbour Trading FZE');
    // India is the default: the Indian address fields show until another country is chosen.
    await expect(page.getByLabel('Country', { exact: true }).inputValue()).resolves.toBe('India');
    await page.getByLabel('Billing state', { exact: true }).waitFor();
    await page.getByLabel('Country', { exact: true }).fill('United Arab');
    await page.getByRole('option', { name: 'United Arab Emirates', exact: true }).click();
    await page.getByLabel('Address lines', { exact: true }).fill('Warehouse 12, Jebel Ali Free Zone\nDubai');
    await page.getByLabel('Postal code', { exact: true }).fill('17000');
    expect(await page.getByLabel('Billing state', { exact: true }).count()).toBe(0);
    await page.getByTestId('party-save').click();
    await page.waitForURL(/\/parties\/\d+$/);
    await page.getByText('United Arab Emirates').first().waitFor();

    const list = await callApi<{ items: Record<string, unknown>[] }>('GET', '/parties?role=client&q=Harbour');
    expect(list.items).toEqual([
      expect.objectContaining({
        name: 'Harbour Trading FZE',
        countryCode: 'AE',
        gstRegistrationType: 'overseas',
        billingAddress: null,
        foreignAddress: { lines: ['Warehouse 12, Jebel Ali Free Zone', 'Dubai'], postalCode: '17000' },
      }),
    ]);
  });

  it('3. creates an order type with three required documents, in order', async () => {
    for (const name of ['PAN card', 'Share certificate', 'Transfer deed (SH-4)']) {
      await callApi('POST', '/document-types', { name });
    }
    await page.goto('/settings/order-types');
    await page.getByTestId('new-order-types').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('Share transfer');
    for (const doc of ['PAN card', 'Share certificate', 'Transfer deed (SH-4)']) {
      await dialog.getByTestId('add-required-document').click();
      await page.getByRole('option', { name: doc, exact: true }).click();
    }
    await expect(dialog.getByTestId('required-document-2').textContent()).resolves.toContain('Transfer deed');
    await snap(page, 'order-type-form');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const types = await callApi<{ items: { name: string; requiredDocuments: { name: string; position: number }[] }[] }>(
      'GET',
      '/order-types',
    );
    const created = types.items.find((t) => t.name === 'Share transfer');
    expect([...(created?.requiredDocuments ?? [])].sort((a, b) => a.position - b.position).map((d) => d.name)).toEqual([
      'PAN card',
      'Share certificate',
      'Transfer deed (SH-4)',
    ]);
  });

  it('4. imports 1,000 parties from a CSV and finds one with Ctrl+K', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bizdash-e2e-import-'));
    const file = path.join(dir, 'parties.csv');
    writeFileSync(file, partiesCsv());

    await page.goto('/parties');
    await page.getByRole('link', { name: 'Import' }).click();
    await page.waitForURL('**/parties/import');
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByTestId('import-mapping').waitFor();
    await expect(page.getByText('parties.csv').first().isVisible()).resolves.toBe(true);
    await page.getByTestId('import-check').click();
    await expect(page.getByTestId('import-summary').textContent()).resolves.toContain('All 1,000 rows are ready');
    await snap(page, 'import-checked');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    await snap(page, 'import-done');

    const all = await callApi<{ total: number }>('GET', '/parties?pageSize=1');
    // 1,000 imported plus the three parties the tests above created.
    expect(all.total).toBe(1003);

    await page.getByRole('link', { name: 'Open parties' }).click();
    await page.waitForURL('**/parties');
    await page.keyboard.press('Control+K');
    const search = page.getByLabel('Search', { exact: true });
    await search.waitFor();
    // Part of a name with a typo ("Tradrs"): the trigram index still finds it.
    await search.fill('Kavya Gupta Tradrs 0557');
    const hit = page.getByRole('button', { name: /Kavya Gupta Traders 0557/ });
    await hit.waitFor({ timeout: 10_000 });
    await snap(page, 'spotlight-search');
    await hit.click();
    await page.waitForURL(/\/parties\/\d+$/);
    await page.getByText('party557@example.com').first().waitFor();
    await snap(page, 'imported-party');
  });

  it('left no errors in the browser console', () => {
    expect(consoleProblems).toEqual([]);
  });
});
