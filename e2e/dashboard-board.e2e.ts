import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { startApp, type RunningApp } from './support/app-server';
import { launchBrowser, snap, watchConsole } from './support/browser';
import { logInAsOwner, setUpBusiness, type CallApi } from './support/session';

const OUR_GSTIN = '27AABCT1332L1Z' + gstinCheckChar('27AABCT1332L1Z');
const STAFF = { name: 'Ravi Staff', email: 'ravi@example.com', password: 'staff password 123' };

/** Screenshots at desktop and phone widths, letting the layout (navbar slide, chart resize) settle after each. */
async function snapBoth(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(600);
    await snap(page, `${name}-${width}`);
    // Nothing pushes the page sideways (the board scrolls inside itself).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.waitForTimeout(300);
}

/**
 * Issue 18: the dashboard (empty state, KPI groups, legends, stage labels), the board (30-day closed window, collapsed
 * columns remembered per user, a viewport-high board) and the History panel hidden from staff.
 */
describe('dashboard, board and history polish', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let callApi: CallApi;
  let consoleProblems: string[];
  let clientId = 0;
  const closedOrders: { id: number; number: string }[] = [];
  let openOrderId = 0;

  beforeAll(async () => {
    app = await startApp();
    ({ callApi } = await setUpBusiness(app));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, baseURL: app.baseUrl });
    consoleProblems = watchConsole(page);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('1. an empty firm gets a getting-started panel instead of ₹0 axes and bare tables', async () => {
    await logInAsOwner(page);
    const empty = page.getByTestId('dashboard-empty');
    await empty.waitFor();
    expect(await empty.getByRole('link', { name: 'Create your first order' }).count()).toBe(1);
    expect(await empty.getByRole('link', { name: 'Raise your first invoice' }).count()).toBe(1);
    expect(await page.getByTestId('kpi-headline').count()).toBe(0);
    expect(await page.locator('.recharts-wrapper').count()).toBe(0);
    await snapBoth(page, 'issue18-dashboard-empty');
  });

  it('2. groups the KPIs with three headline figures, labels stages and gives charts a legend', async () => {
    // A firm with history: orders through several stages, and GST invoices.
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
    clientId = client.id;
    const docType = await callApi<{ id: number }>('POST', '/document-types', { name: 'PAN Card' });
    const orderType = await callApi<{ id: number }>('POST', '/order-types', {
      name: 'Share Transfer',
      requiredDocumentTypeIds: [docType.id],
      defaultFee: '15000',
      turnaroundDays: 10,
    });
    const newOrder = (title: string) =>
      callApi<{ id: number; number: string }>('POST', '/orders', { title, clientId, orderTypeId: orderType.id });
    const move = async (id: number, stages: string[]) => {
      for (const to of stages) await callApi('POST', `/orders/${id}/transitions`, { to, note: 'Moved' });
    };
    for (let i = 0; i < 4; i++) {
      const order = await newOrder(`Closed transfer ${i}`);
      await move(order.id, ['confirmed', 'in_progress', i === 3 ? 'failed' : 'completed']);
      closedOrders.push(order);
    }
    openOrderId = (await newOrder('Transfer in progress')).id;
    await move(openOrderId, ['confirmed', 'in_progress']);
    await newOrder('Fresh enquiry');
    const draft = await callApi<{ id: number }>('POST', '/invoices', {
      type: 'sales',
      partyId: clientId,
      date: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date()),
      lines: [
        { description: 'Share transfer service', hsnSac: '998399', quantity: '1', rate: '150000', gstRate: '18' },
      ],
    });
    await callApi('POST', `/invoices/${draft.id}/issue`);

    await page.goto('/');
    await page.getByTestId('kpi-headline').waitFor();
    const headline = await page
      .getByTestId('kpi-headline')
      .locator('[data-testid^="kpi-"]')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-testid')).filter((id) => id !== 'kpi-value'));
    expect(headline).toEqual(['kpi-bookedRevenue', 'kpi-collected', 'kpi-receivables']);
    for (const group of ['service', 'trading', 'cash']) {
      expect(await page.getByTestId(`kpi-group-${group}`).count()).toBe(1);
    }
    expect(await page.getByTestId('kpi-group-trading').getByTestId('kpi-sales').count()).toBe(1);
    // A headline KPI is not repeated in its group.
    expect(await page.getByTestId('kpi-bookedRevenue').count()).toBe(1);

    // Every chart with more than one series has a legend naming them.
    const gstSection = page.locator('.mantine-Paper-root').filter({ hasText: 'GST payable by month' });
    const gstLegend = gstSection.locator('.recharts-legend-wrapper');
    await gstLegend.waitFor();
    for (const name of ['Output tax', 'Input tax credit', 'Net payable']) {
      expect(await gstLegend.getByText(name).count()).toBeGreaterThan(0);
    }
    // One unit per axis: never "₹90,000" beside "₹1.8 L".
    const yTicks = gstSection.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value');
    await yTicks.first().waitFor();
    const ticks = await yTicks.allTextContents();
    expect(ticks.length).toBeGreaterThan(1);
    const units = new Set(ticks.map((t) => t.replace(/[-₹\d.,\s]/g, '')));
    expect(units.size).toBe(1);

    // Orders by stage reads the business's labels, not codes.
    const stages = page.locator('.mantine-Paper-root').filter({ hasText: 'Orders by stage' });
    const xTicks = stages.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');
    await xTicks.first().waitFor();
    const stageTicks = await xTicks.allTextContents();
    expect(stageTicks.length).toBeGreaterThan(1);
    for (const tick of stageTicks) expect(tick).not.toMatch(/_|^in progress$|^received$/);
    expect(stageTicks).toContain('Received');
    expect(consoleProblems).toEqual([]);
    await snapBoth(page, 'issue18-dashboard');
  });

  it('3. the board shows closed orders of the last 30 days, with a link to all of them', async () => {
    // Two of the closed orders were closed long ago (the server clock is real, so age them in the database).
    const db = new SQLite(path.join(app.dataDir, 'bizdash.db'));
    try {
      const longAgo = new Date(Date.now() - 90 * 24 * 3600_000).toISOString();
      const age = db.prepare('update orders set closed_at = ? where id = ?');
      age.run(longAgo, closedOrders[0]!.id);
      age.run(longAgo, closedOrders[3]!.id);
    } finally {
      db.close();
    }
    await page.goto('/orders?view=board');
    const completed = page.getByTestId('board-column-completed');
    await completed.waitFor();
    await page.getByTestId(`board-card-${closedOrders[1]!.id}`).waitFor();
    expect(await completed.getByTestId(`board-card-${closedOrders[0]!.id}`).count()).toBe(0);
    expect(await completed.locator('[data-testid^="board-card-"]').count()).toBe(2);
    const failed = page.getByTestId('board-column-failed');
    expect(await failed.getByText('None in the last 30 days').count()).toBe(1);

    // The board ends at the bottom of the viewport: its horizontal scrollbar is on screen without scrolling.
    const box = await page.getByTestId('orders-board').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(900);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(900 + 40);
    await snap(page, 'issue18-board-1440');

    await completed.getByRole('button', { name: /show all \(3\)/ }).click();
    await page.getByTestId(`board-card-${closedOrders[0]!.id}`).waitFor();
    expect(page.url()).toContain('allClosed=1');
    expect(await completed.locator('[data-testid^="board-card-"]').count()).toBe(3);
    await completed.getByRole('button', { name: 'last 30 days only' }).click();
    await page.getByTestId(`board-card-${closedOrders[0]!.id}`).waitFor({ state: 'detached' });
  });

  it('4. columns collapse, and stay collapsed for this user after a reload', async () => {
    const completed = page.getByTestId('board-column-completed');
    await completed.getByRole('button', { name: /Collapse/ }).click();
    await page.locator('[data-testid="board-column-completed"][data-collapsed="true"]').waitFor();
    expect(await completed.locator('[data-testid^="board-card-"]').count()).toBe(0);
    await page.reload();
    await page.locator('[data-testid="board-column-completed"][data-collapsed="true"]').waitFor();
    expect(await page.locator('[data-collapsed="true"]').count()).toBe(1);
    await snapBoth(page, 'issue18-board-collapsed');
    await page
      .getByTestId('board-column-completed')
      .getByRole('button', { name: /Expand/ })
      .click();
    await page.getByTestId(`board-card-${closedOrders[1]!.id}`).waitFor();
    expect(await page.locator('[data-collapsed="true"]').count()).toBe(0);
  });

  it('5. the History panel reads as the app does for the owner, and is absent for staff', async () => {
    await page.goto(`/parties/${clientId}`);
    const history = page.getByTestId('party-history');
    await history.getByTestId('history-panel').waitFor();
    const text = (await history.textContent()) ?? '';
    expect(text).toContain('Roles: Client');
    expect(text).not.toMatch(/\["|"\w+":|Id: \d/);
    await snapBoth(page, 'issue18-party-history');

    await callApi('POST', '/users', { ...STAFF, role: 'staff' });
    const staffPage = await browser.newPage({ viewport: { width: 1440, height: 900 }, baseURL: app.baseUrl });
    const staffProblems = watchConsole(staffPage);
    const auditCalls: string[] = [];
    staffPage.on('request', (r) => {
      if (r.url().includes('/api/v1/audit')) auditCalls.push(r.url());
    });
    await staffPage.goto('/login');
    await staffPage.getByLabel('Email', { exact: true }).fill(STAFF.email);
    await staffPage.getByLabel('Password', { exact: true }).fill(STAFF.password);
    await staffPage.getByRole('button', { name: 'Log in' }).click();
    await staffPage.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await staffPage.goto(`/parties/${clientId}`);
    await staffPage.getByTestId('party-documents').waitFor();
    expect(await staffPage.getByTestId('party-history').count()).toBe(0);
    expect(await staffPage.getByText('History', { exact: true }).count()).toBe(0);
    expect(await staffPage.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    expect(auditCalls).toEqual([]);
    expect(staffProblems).toEqual([]);
    await staffPage.close();
  });

  it('6. the audit log names records by document number and filters by plain words', async () => {
    const order = closedOrders[1]!;
    await page.goto(`/audit?q=${encodeURIComponent(order.number)}`);
    const table = page.getByTestId('audit-table');
    await table.getByText(`${order.number} · Meera Iyer`).first().waitFor();
    const rows = table.locator('[data-testid^="audit-row-"]');
    expect(await rows.count()).toBeGreaterThan(0);
    for (const row of await rows.all()) expect(await row.textContent()).toContain(order.number);
    expect(await table.getByText('Created order').count()).toBe(1);
    // No codes like order.created in the table.
    expect(await table.getByText('order.created').count()).toBe(0);
    await snapBoth(page, 'issue18-audit');
    expect(consoleProblems).toEqual([]);
  });
});
