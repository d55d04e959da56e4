import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/app-server';
import { launchBrowser, snap, watchConsole } from './support/browser';
import { logInAsOwner, setUpBusiness, type CallApi } from './support/session';

const LINE = {
  description: 'Consulting',
  hsnSac: '998311',
  quantity: '2',
  unit: 'NOS',
  rate: '5000.00',
  gstRate: '18',
};

/** A webhook endpoint on 127.0.0.1 that answers 500 while `failing`, and remembers every request. */
async function startReceiver() {
  const requests: { status: number; event: string; body: string }[] = [];
  let failing = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = failing ? 500 : 200;
      requests.push({ status, event: String(req.headers['x-bizdash-event']), body: Buffer.concat(chunks).toString() });
      res.statusCode = status;
      res.end(failing ? 'temporarily down' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bizdash-hook`,
    requests,
    setFailing: (value: boolean) => {
      failing = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('jobs and webhooks: a target from Settings, a failed delivery retried from the Jobs page', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let consoleProblems: string[];
  let callApi: CallApi;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let partyId = 0;

  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startApp();
    ({ callApi } = await setUpBusiness(app));
    partyId = (
      await callApi<{ id: number }>('POST', '/parties', {
        name: 'Kiran Enterprises',
        roles: ['client'],
        kind: 'company',
        gstRegistrationType: 'unregistered',
        billingAddress: { line1: '12 MG Road', city: 'Pune', stateCode: '27', pin: '411001' },
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
    await receiver?.close();
  });

  it('admin adds a webhook target in Settings → Sync and webhooks', async () => {
    await page.goto('/settings/sync');
    await page.getByRole('heading', { name: 'Sync and webhooks' }).waitFor();
    await page.getByRole('button', { name: 'Add target' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Accounts webhook');
    await dialog.getByLabel('Endpoint URL').fill(receiver.url);
    await dialog.getByRole('button', { name: 'Generate' }).click();
    expect(await dialog.getByLabel('Invoice issued').isChecked()).toBe(true);
    await snap(page, 'jobs-01-add-webhook');
    await dialog.getByRole('button', { name: 'Add target' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByTestId('sync-targets').getByRole('row', { name: /Accounts webhook/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(receiver.url);
    await snap(page, 'jobs-02-targets');
  });

  it('an issued invoice reaches the endpoint; a failed delivery shows in the sync log and the Jobs page', async () => {
    receiver.setFailing(true);
    const draft = await callApi<{ id: number }>('POST', '/invoices', {
      type: 'sales',
      partyId,
      date: new Date().toISOString().slice(0, 10),
      lines: [LINE],
    });
    await callApi('POST', `/invoices/${draft.id}/issue`);
    // The in-process worker picks the job up within its poll interval.
    await until(() => receiver.requests.some((r) => r.event === 'invoice.issued'), 10_000, 'the first delivery');
    expect(receiver.requests.at(-1)!.status).toBe(500);

    await page.getByTestId('sync-targets').getByRole('button', { name: 'Sync log' }).click();
    await page.getByRole('heading', { name: 'Sync log: Accounts webhook' }).waitFor();
    const record = page.getByTestId('sync-records').getByRole('row', { name: new RegExp(`invoice ${draft.id}`, 'i') });
    await record.getByText('failed', { exact: true }).waitFor({ timeout: 10_000 });
    expect(await record.textContent()).toContain('HTTP 500');
    await snap(page, 'jobs-03-sync-log-failed');

    await page.goto('/jobs?state=failed');
    await page.getByRole('heading', { name: 'Background jobs' }).waitFor();
    const jobRow = page.getByTestId('jobs-table').getByRole('row', { name: /sync\.deliver/ });
    await jobRow.waitFor();
    expect(await jobRow.textContent()).toContain('HTTP 500');
    await snap(page, 'jobs-04-failed-tab');

    // The endpoint is back; the admin retries at once rather than waiting for the backoff.
    const retry = jobRow.getByRole('button', { name: 'Retry' });
    await retry.waitFor();
    receiver.setFailing(false);
    await retry.click();
    await until(
      () => receiver.requests.some((r) => r.status === 200 && r.event === 'invoice.issued'),
      10_000,
      'the retried delivery',
    );
    expect(receiver.requests.filter((r) => r.event === 'invoice.issued' && r.status === 200)).toHaveLength(1);
    expect(JSON.parse(receiver.requests.at(-1)!.body)).toMatchObject({
      type: 'invoice.issued',
      entityId: String(draft.id),
    });

    await page.getByRole('tab', { name: /Done/ }).click();
    await page
      .getByTestId('jobs-table')
      .getByRole('row', { name: /sync\.deliver/ })
      .waitFor({ timeout: 10_000 });
    await snap(page, 'jobs-05-done-tab');

    await page.goto('/settings/sync');
    await page.getByTestId('sync-targets').getByRole('button', { name: 'Sync log' }).click();
    await page
      .getByTestId('sync-records')
      .getByRole('row', { name: new RegExp(`invoice ${draft.id}`, 'i') })
      .getByText('synced', { exact: true })
      .waitFor({ timeout: 10_000 });
    await page.getByRole('tab', { name: 'Deliveries' }).click();
    const deliveries = page.getByTestId('webhook-deliveries').getByRole('row');
    await deliveries.nth(2).waitFor();
    expect(await deliveries.nth(1).textContent()).toContain('200');
    expect(await deliveries.nth(2).textContent()).toContain('500');
    await snap(page, 'jobs-06-deliveries');

    // Replay sends the same event once more.
    const before = receiver.requests.length;
    await deliveries.nth(1).getByRole('button', { name: 'Replay' }).click();
    await until(() => receiver.requests.length > before, 10_000, 'the replay');
    expect(receiver.requests.at(-1)!.body).toBe(receiver.requests.at(-2)!.body);
    expect(consoleProblems).toEqual([]);
  });
});
