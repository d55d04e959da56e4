import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SettlementPage } from '@bizdash/contracts/order-money';
import { startApp, type RunningApp } from './support/app-server';
import { launchBrowser, snap, watchConsole } from './support/browser';
import { OWNER, logInAsOwner, setUpBusiness, type CallApi } from './support/session';

type OrderRef = { id: number; number: string };

/**
 * Issue 18: a manager ticks the settlements they have checked and approves them in one go. Three closed orders with a
 * partner wait for approval; a fourth order without a partner (a ₹0 partner share) never waits in the queue.
 */
describe('settlements: approve selected', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let consoleProblems: string[];
  let callApi: CallApi;
  let withPartner: OrderRef[] = [];
  let alone: OrderRef = { id: 0, number: '' };

  const entriesOf = async (status?: 'draft' | 'approved') =>
    (await callApi<SettlementPage>('GET', `/settlements?pageSize=100${status ? `&status=${status}` : ''}`)).items;

  beforeAll(async () => {
    app = await startApp();
    ({ callApi } = await setUpBusiness(app, { name: 'Rao Share Services', stateCode: '27' }));
    const partner = await callApi<{ id: number }>('POST', '/parties', {
      name: 'Nikhil Deshpande Associates',
      roles: ['partner'],
      kind: 'company',
      gstRegistrationType: 'unregistered',
      revenueShare: '40',
    });
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
    const closedOrder = async (title: string, fees: string, partnerId?: number) => {
      const order = await callApi<OrderRef>('POST', '/orders', {
        title,
        clientId: client.id,
        orderTypeId: orderType.id,
        fees,
        ...(partnerId === undefined ? {} : { partnerId }),
      });
      for (const to of ['in_progress', 'completed']) await callApi('POST', `/orders/${order.id}/transitions`, { to });
      return order;
    };
    // Completing an order with a partner leaves its settlement waiting for approval.
    withPartner = [
      await closedOrder('Transfer of 500 Tata Steel shares', '10000', partner.id),
      await closedOrder('Transmission of 1,200 Infosys shares', '20000', partner.id),
      await closedOrder('Demat of 300 Wipro shares', '30000', partner.id),
    ];
    alone = await closedOrder('Duplicate certificate for 100 ITC shares', '8000');

    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, baseURL: app.baseUrl });
    consoleProblems = watchConsole(page);
    await logInAsOwner(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const rows = () => page.getByTestId('settlement-row');
  const rowOf = (order: OrderRef) => rows().filter({ hasText: order.number });

  it('queues the three settlements with a partner and not the ₹0 "No partner" one', async () => {
    // The order without a partner has its draft entry (the business keeps the whole net), but nothing to approve.
    const all = await entriesOf();
    expect(all.find((e) => e.orderId === alone.id)).toMatchObject({ partner: null, partnerShare: '0.00' });
    const queued = await entriesOf('draft');
    expect(queued.map((e) => e.orderId).sort((a, b) => a - b)).toEqual(withPartner.map((o) => o.id));

    await page.goto('/settlements');
    await rowOf(withPartner[0]!).waitFor();
    await expect.poll(() => rows().count()).toBe(3);
    expect(await rowOf(alone).count()).toBe(0);
    expect(await page.getByTestId('settlements-table').getByText('No partner').count()).toBe(0);
    expect(await page.getByTestId('settlements-table').textContent()).not.toContain(alone.number);
  });

  it('approves the two selected rows and leaves the third waiting', async () => {
    const [first, second, third] = withPartner as [OrderRef, OrderRef, OrderRef];
    const button = page.getByTestId('settlements-approve-selected');
    expect(await button.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: `Select settlement of ${first.number}` }).check();
    await page.getByRole('checkbox', { name: `Select settlement of ${third.number}` }).check();
    await expect.poll(async () => ((await button.textContent()) ?? '').trim()).toBe('Approve selected (2)');
    await snap(page, 'settlements-approve-selected');

    await button.click();
    // A confirmation step, when the page asks for one, names the count and is accepted.
    const confirm = page.getByRole('dialog');
    const approved = page.getByText('2 entries approved');
    await Promise.race([confirm.waitFor(), approved.waitFor()]);
    if (await confirm.isVisible()) {
      await confirm.getByRole('button', { name: /^Approve/ }).click();
      await confirm.waitFor({ state: 'hidden' });
    }
    await approved.waitFor();

    // The approved rows leave the queue; the unselected one stays, unticked.
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rowOf(second).count()).toBe(1);
    expect(await rowOf(second).getByRole('checkbox').isChecked()).toBe(false);
    expect(((await button.textContent()) ?? '').trim()).toBe('Approve selected');

    const byOrder = new Map((await entriesOf()).map((e) => [e.orderId, e]));
    expect(byOrder.get(first.id)).toMatchObject({ status: 'approved', approvedBy: { name: OWNER.name } });
    expect(byOrder.get(third.id)).toMatchObject({ status: 'approved', approvedBy: { name: OWNER.name } });
    expect(byOrder.get(second.id)).toMatchObject({ status: 'draft', approvedAt: null });
    expect((await entriesOf('draft')).map((e) => e.orderId)).toEqual([second.id]);

    // The Approved view lists exactly the two.
    // The segmented control's radio is hidden under its label: a person clicks the label.
    await page.getByRole('radiogroup', { name: 'Status' }).getByText('Approved', { exact: true }).click();
    await page.waitForURL(/status=approved/);
    await expect.poll(() => rows().count()).toBe(2);
    expect(await rowOf(first).count()).toBe(1);
    expect(await rowOf(third).count()).toBe(1);
  });

  it('logs no console errors', () => {
    expect(consoleProblems).toEqual([]);
  });
});
