import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startFakeSheets, type FakeSheets } from '../packages/server/test/support/fake-sheets';
import { startApp, type RunningApp } from './support/app-server';
import { launchBrowser, snap, watchConsole } from './support/browser';
import { logInAsOwner, setUpBusiness, type CallApi } from './support/session';

const LINE = {
  description: 'Consulting',
  hsnSac: '998311',
  quantity: '1',
  unit: 'NOS',
  rate: '25000.00',
  gstRate: '18',
};

describe('ledger sync: an issued invoice reaches Google Sheets; email settings', () => {
  let app: RunningApp;
  let fake: FakeSheets;
  let browser: Browser;
  let page: Page;
  let consoleProblems: string[];
  let callApi: CallApi;

  beforeAll(async () => {
    fake = await startFakeSheets();
    app = await startApp();
    ({ callApi } = await setUpBusiness(app));
    await callApi('POST', '/sync/targets', {
      kind: 'google_sheets',
      name: 'Accounts sheet',
      events: ['invoice.issued', 'invoice.cancelled', 'payment.recorded'],
      config: {
        spreadsheetId: fake.spreadsheetId,
        serviceAccountEmail: fake.serviceAccountEmail,
        privateKey: fake.privateKey,
        tokenUrl: fake.tokenUrl,
        apiBaseUrl: fake.url,
      },
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, baseURL: app.baseUrl });
    consoleProblems = watchConsole(page);
    await logInAsOwner(page);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await fake?.close();
  });

  it('issue an invoice; a row appears in the fake Sheets server within 5 seconds', async () => {
    const client = await callApi<{ id: number }>('POST', '/parties', {
      name: 'Meera Iyer',
      roles: ['client'],
      kind: 'individual',
      gstRegistrationType: 'unregistered',
      emails: ['meera@example.com'],
    });
    const today = new Date().toISOString().slice(0, 10);
    const draft = await callApi<{ id: number }>('POST', '/invoices', {
      type: 'sales',
      partyId: client.id,
      date: today,
      lines: [LINE],
    });

    await page.goto(`/invoices/${draft.id}`);
    await page.getByRole('button', { name: 'Issue…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Issue', exact: true }).click();
    await page.getByRole('button', { name: 'Email invoice' }).waitFor();
    const issuedAt = Date.now();

    let rows: string[][] = [];
    while (Date.now() - issuedAt < 5_000) {
      rows = fake.rows('Sales');
      if (rows.length >= 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(Date.now() - issuedAt).toBeLessThan(5_000);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[0]).toBe(`INV-${draft.id}`);
    expect(rows[1]?.[4]).toBe('Meera Iyer');
    expect(rows[1]?.[8]).toBe('29500.00');

    // The "Email invoice" dialog suggests the client's address.
    await page.getByRole('button', { name: 'Email invoice' }).click();
    await expect
      .poll(() => page.getByRole('dialog').getByLabel('To', { exact: true }).inputValue())
      .toBe('meera@example.com');
    await snap(page, 'sheets-invoice-email-dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  });

  it('Settings → Email: saves SMTP settings without ever showing the password, and previews a template', async () => {
    await page.goto('/settings/email');
    await page.getByLabel('Host', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill('2525');
    await page.getByLabel('Username', { exact: true }).fill('mailer');
    await page.getByLabel('SMTP password').fill('super-secret-smtp');
    await page.getByLabel('From', { exact: true }).fill('Rao Traders <billing@example.com>');
    await page.getByRole('button', { name: 'Save SMTP settings' }).click();
    await page.getByText('SMTP settings saved').waitFor();
    await expect.poll(() => page.getByLabel('SMTP password').inputValue()).toBe('');
    await expect
      .poll(() => page.getByLabel('SMTP password').getAttribute('placeholder'))
      .toBe('Stored; type to replace');

    const settings = await callApi<Record<string, unknown>>('GET', '/settings/email');
    expect(settings).toMatchObject({ host: '127.0.0.1', port: 2525, hasPassword: true });
    expect(JSON.stringify(settings)).not.toContain('super-secret-smtp');

    await page.getByLabel('Subject', { exact: true }).fill('Invoice {{invoice_number}} for {{party_name}}');
    await expect
      .poll(() => page.getByTestId('email-preview').innerText())
      .toContain('Invoice INV/2026-27/0001 for Acme Pune');
    await snap(page, 'settings-email');
    expect(consoleProblems).toEqual([]);
  });
});
