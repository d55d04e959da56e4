import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/app-server';
import { launchBrowser, snap, watchConsole } from './support/browser';
import { logInAsOwner, setUpBusiness, type CallApi } from './support/session';

const DOC_NAMES = ['PAN Card', 'Share Certificate'];

/** A small valid PDF (header, one empty page, trailer) that the server's type sniffing accepts. */
function tinyPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
      'trailer << /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );
}

function documentRow(page: Page, name: string): Locator {
  return page.locator('[data-testid^="document-"][aria-label]').filter({ has: page.getByText(name, { exact: true }) });
}

describe('public listener: upload link and contact form', () => {
  let app: RunningApp;
  let publicUrl: string;
  let browser: Browser;
  let page: Page;
  let consoleProblems: string[];
  let callApi: CallApi;
  let orderId = 0;
  let link = '';

  beforeAll(async () => {
    app = await startApp({}, { publicListener: true });
    if (!app.publicUrl) throw new Error('no public listener');
    publicUrl = app.publicUrl;
    ({ callApi } = await setUpBusiness(app));
    const docTypes: { id: number }[] = [];
    for (const name of DOC_NAMES) docTypes.push(await callApi<{ id: number }>('POST', '/document-types', { name }));
    const orderType = await callApi<{ id: number }>('POST', '/order-types', {
      name: 'Share Transfer',
      requiredDocumentTypeIds: docTypes.map((d) => d.id),
      turnaroundDays: 10,
    });
    const client = await callApi<{ id: number }>('POST', '/parties', {
      name: 'Meera Iyer',
      roles: ['client'],
      kind: 'individual',
      gstRegistrationType: 'unregistered',
    });
    orderId = (
      await callApi<{ id: number }>('POST', '/orders', {
        title: 'Transfer of 500 shares',
        clientId: client.id,
        orderTypeId: orderType.id,
      })
    ).id;

    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, baseURL: app.baseUrl });
    consoleProblems = watchConsole(page);
    await logInAsOwner(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('1. staff generate an upload link on the order page', async () => {
    await page.goto(`/orders/${orderId}`);
    await page.getByRole('button', { name: 'Upload link' }).click();
    const dialog = page.getByRole('dialog', { name: 'Upload link for the client' });
    await dialog.getByRole('button', { name: 'Create upload link' }).click();
    const field = dialog.getByTestId('created-link');
    await field.waitFor();
    link = await field.inputValue();
    expect(link).toMatch(new RegExp(`^${publicUrl}/public/upload/[A-Za-z0-9_-]{43}$`));
    await expect.poll(() => dialog.getByText('active', { exact: true }).count()).toBe(1);
    await snap(page, 'public-links-1-created');
    await page.keyboard.press('Escape');
  });

  it('2. the client opens it without login, sees only pending names, and uploads', async () => {
    const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
    const client = await context.newPage();
    const problems = watchConsole(client);
    await client.goto(link);
    await client.getByRole('heading', { name: 'Documents for Rao Traders' }).waitFor();
    const items = client.locator('ul.docs li strong');
    expect(await items.allTextContents()).toEqual(DOC_NAMES);
    // Nothing about the client or the order leaks onto the page.
    expect(await client.content()).not.toContain('Meera Iyer');
    await snap(client, 'public-links-2-client-page');

    await client.getByLabel('File for PAN Card').setInputFiles({
      name: 'pan.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf(),
    });
    await client.locator('ul.docs li', { hasText: 'PAN Card' }).getByRole('button', { name: 'Upload' }).click();
    await client.getByText('Thank you: PAN Card received.').waitFor();
    expect(await items.allTextContents()).toEqual(['Share Certificate']);
    await snap(client, 'public-links-3-uploaded');

    // The admin API is not there on the public listener.
    const api = await fetch(`${publicUrl}/api/v1/orders`);
    expect(api.status).toBe(404);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('3. the document shows as received in the admin app, by the client via the link', async () => {
    await page.goto(`/orders/${orderId}`);
    const row = documentRow(page, 'PAN Card');
    await expect.poll(() => row.getByTestId('document-status').textContent()).toBe('Received');
    expect(await documentRow(page, 'Share Certificate').getByTestId('document-status').textContent()).toBe('Pending');
    const history = await callApi<{ items: { kind: string; actor: { name: string } | null }[] }>(
      'GET',
      `/orders/${orderId}/history`,
    );
    const upload = history.items.find((e) => e.kind === 'document.file_uploaded');
    expect(upload?.actor?.name).toBe('Meera Iyer (via upload link)');
    await snap(page, 'public-links-4-admin-received');
  });

  it('4. the public contact form stores a lead that staff see on the Leads page', async () => {
    const context = await browser.newContext();
    const visitor = await context.newPage();
    await visitor.goto(`${publicUrl}/`);
    await visitor.getByRole('heading', { name: 'Contact Rao Traders' }).waitFor();
    await visitor.getByLabel('Name').fill('Kiran Shah');
    await visitor.getByLabel('Email').fill('kiran@example.com');
    await visitor.getByLabel('Message').fill('Please call me about a transmission of shares.');
    await visitor.getByRole('button', { name: 'Send' }).click();
    await visitor.getByText('Thank you. We will get back to you soon.').waitFor();
    await snap(visitor, 'public-links-5-contact-sent');
    await context.close();

    await page.goto('/leads');
    await page.getByRole('heading', { name: 'Leads' }).waitFor();
    await page.getByText('Kiran Shah').waitFor();
    expect(await page.getByText('Please call me about a transmission of shares.').count()).toBe(1);
    await snap(page, 'public-links-6-leads');
  });

  it('5. an invoice view link shows the invoice and serves its PDF without login', async () => {
    const party = await callApi<{ id: number }>('POST', '/parties', {
      name: 'Ravi Kumar',
      roles: ['client'],
      kind: 'individual',
      gstRegistrationType: 'consumer',
      billingAddress: { line1: '9 Park Street', city: 'Mumbai', stateCode: '27', pin: '400001' },
    });
    const draft = await callApi<{ id: number }>('POST', '/invoices', {
      type: 'sales',
      partyId: party.id,
      date: new Date().toISOString().slice(0, 10),
      lines: [
        { description: 'Consulting', hsnSac: '998311', quantity: '1', unit: 'OTH', rate: '1000.00', gstRate: '18' },
      ],
    });
    const issued = await callApi<{ number: string }>('POST', `/invoices/${draft.id}/issue`);

    await page.goto(`/invoices/${draft.id}`);
    await page.getByRole('button', { name: 'View link' }).click();
    const dialog = page.getByRole('dialog', { name: 'View link for the client' });
    await dialog.getByRole('button', { name: 'Create view link' }).click();
    const field = dialog.getByTestId('created-link');
    await field.waitFor();
    const viewLink = await field.inputValue();
    expect(viewLink).toMatch(new RegExp(`^${publicUrl}/public/invoice/[A-Za-z0-9_-]{43}$`));
    await snap(page, 'public-links-7-view-link');

    const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
    const client = await context.newPage();
    await client.goto(viewLink);
    await client.getByRole('heading', { name: `${issued.number} from Rao Traders` }).waitFor();
    expect(await client.getByText('₹1,180.00').count()).toBe(1);
    await snap(client, 'public-links-8-invoice-page');
    const pdf = await fetch(`${viewLink}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    await context.close();
    expect(consoleProblems).toEqual([]);
  });
});
