import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { startApp, type RunningApp } from './support/app-server';
import { launchBrowser, snap, watchConsole } from './support/browser';
import { logInAsOwner, setUpBusiness, type CallApi } from './support/session';

const OUR_GSTIN = '27AABCT1332L1Z' + gstinCheckChar('27AABCT1332L1Z');
const CLIENT_GSTIN = '24AAQCA8719H1Z' + gstinCheckChar('24AAQCA8719H1Z');

// The e-way bill from the invoice page: Part B in a dialog, the portal's JSON downloaded, the number recorded.
describe('e-way bill from the invoice page', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let callApi: CallApi;
  let consoleProblems: string[];
  let clientId: number;

  async function issuedInvoice(rate: string): Promise<number> {
    const invoice = await callApi<{ id: number }>('POST', '/invoices', {
      type: 'sales',
      partyId: clientId,
      date: '2026-11-20',
      lines: [{ description: 'Laptop computers', hsnSac: '84713010', quantity: '1', unit: 'NOS', rate, gstRate: '18' }],
    });
    await callApi('POST', `/invoices/${invoice.id}/issue`, {});
    return invoice.id;
  }

  async function openEwayBillDialog(id: number) {
    await page.goto(`/invoices/${id}`);
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: /E-way bill JSON for the portal/ }).click();
    return page.getByRole('dialog', { name: 'E-way bill: Part B' });
  }

  beforeAll(async () => {
    app = await startApp();
    ({ callApi } = await setUpBusiness(app));
    await callApi('PATCH', '/settings/business', {
      gstin: OUR_GSTIN,
      legalName: 'Rao Traders Private Limited',
      address: { line1: '4 Shreeji Chambers, FC Road', city: 'Pune', pin: '411004' },
    });
    clientId = (
      await callApi<{ id: number }>('POST', '/parties', {
        name: 'Gujarat Mills',
        roles: ['client'],
        kind: 'company',
        gstin: CLIENT_GSTIN,
        gstRegistrationType: 'regular',
        billingAddress: { line1: '1 Ring Road', city: 'Surat', stateCode: '24', pin: '395003' },
      })
    ).id;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 860 }, baseURL: app.baseUrl });
    consoleProblems = watchConsole(page);
    await logInAsOwner(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('checks the vehicle number, downloads the JSON and records the e-way bill number', async () => {
    const id = await issuedInvoice('60000.00');
    const dialog = await openEwayBillDialog(id);
    await dialog.getByLabel('Approximate distance (km)').fill('560');
    await dialog.getByLabel('Vehicle number').fill('12-XYZ');
    await dialog.getByText('Use the registration number, such as MH12AB1234').waitFor();
    expect(await dialog.getByRole('button', { name: 'Download JSON' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Vehicle number').fill('MH 12 AB 1234');
    await dialog.getByLabel('Transporter name').fill('Shree Roadways');
    await snap(page, 'ewaybill-part-b');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      dialog.getByRole('button', { name: 'Download JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/ewaybill\.json$/);
    const file = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as {
      version: string;
      billLists: { vehicleNo: string; transDistance: string; totInvValue: number; itemList: unknown[] }[];
    };
    expect(file.version).toBe('1.0.0621');
    expect(file.billLists[0]).toMatchObject({ vehicleNo: 'MH12AB1234', transDistance: '560', totInvValue: 70800 });

    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: /Record e-way bill number/ }).click();
    const record = page.getByRole('dialog', { name: 'Record the e-way bill' });
    await record.getByLabel('E-way bill number').fill('1234 5678 9012');
    await record.getByLabel('Generated on').fill('20-11-2026');
    await record.getByLabel('Valid until').fill('23-11-2026');
    await record.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByTestId('invoice-ewaybill').textContent())
      .toMatch(/1234 5678 9012\s*valid until 23-11-2026/);
    await snap(page, 'ewaybill-recorded');
    expect(consoleProblems).toEqual([]);
  });

  it('offers to generate anyway below the threshold', async () => {
    const id = await issuedInvoice('20000.00');
    const dialog = await openEwayBillDialog(id);
    await dialog.getByLabel('Approximate distance (km)').fill('40');
    await dialog.getByLabel('Vehicle number').fill('MH12AB1234');
    await dialog.getByRole('button', { name: 'Download JSON' }).click();
    await dialog.getByText(/below the e-way bill threshold of ₹50,000\.00/).waitFor();
    await snap(page, 'ewaybill-below-threshold');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      dialog.getByRole('button', { name: 'Generate anyway' }).click(),
    ]);
    const file = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as { billLists: unknown[] };
    expect(file.billLists).toHaveLength(1);
  });
});
