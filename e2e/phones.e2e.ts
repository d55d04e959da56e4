import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { startApp, type RunningApp } from './support/app-server';
import { ARTIFACTS_DIR, launchBrowser, snap, watchConsole } from './support/browser';
import { logInAsOwner, setUpBusiness, type CallApi } from './support/session';

const PHONE = { width: 390, height: 844 };
const OUR_GSTIN = '27AABCT1332L1Z' + gstinCheckChar('27AABCT1332L1Z');

/** Waits until the routed page has rendered its data: a heading, no loaders or skeletons, then a beat for layout. */
async function settle(page: Page): Promise<void> {
  await page.locator('main h1, main h2, main h3').first().waitFor();
  await page.waitForFunction(
    () => document.querySelectorAll('main .mantine-Skeleton-root, main .mantine-Loader-root').length === 0,
    undefined,
    { timeout: 10_000 },
  );
  await page.waitForTimeout(400);
}

/**
 * How far the page scrolls sideways, and the outermost elements that stick out past the viewport's right edge (their
 * parent fits), so that a failure names the culprit instead of a bare number.
 */
async function overflow(page: Page): Promise<{ scrollWidth: number; offenders: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const describe = (el: Element) => {
      const testId = el.getAttribute('data-testid');
      const cls = Array.from(el.classList).find((c) => c.startsWith('mantine-')) ?? el.classList[0];
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const right = Math.round(el.getBoundingClientRect().right);
      return `${el.tagName.toLowerCase()}${testId ? `[data-testid=${testId}]` : ''}${cls ? `.${cls}` : ''} right=${right} "${text}"`;
    };
    // Fixed layers (the header, toasts) stretch with the page or sit off-screen without widening it, and whatever
    // scrolls or is clipped inside its own box is fine: neither names a culprit. An absolutely positioned element is
    // clipped only by a scroller at or above its containing block (it escapes a static one and widens the page).
    const contained = (el: Element) => {
      const own = getComputedStyle(el).position;
      if (own === 'fixed') return true;
      let absolute = own === 'absolute';
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.position === 'fixed') return true;
        const holdsAbsolute = style.position !== 'static' || style.transform !== 'none';
        if (absolute && !holdsAbsolute) continue;
        if (style.overflowX !== 'visible') return true;
        if (absolute) absolute = style.position === 'absolute';
      }
      return false;
    };
    const sticksOut = (el: Element) => el.getBoundingClientRect().right > width + 1 && !contained(el);
    const offenders: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (el.getBoundingClientRect().width === 0 || !sticksOut(el)) continue;
      // The outermost culprit only: its children stick out because it does.
      if (el.parentElement && sticksOut(el.parentElement)) continue;
      offenders.push(describe(el));
    }
    return { scrollWidth: document.documentElement.scrollWidth, offenders: offenders.slice(0, 8) };
  });
}

/**
 * Issue 18 (phones): no page reachable from the navigation scrolls sideways at 390 px, lists read as cards, and the
 * key actions (record a receipt, move a stage, share an invoice link) are one tap away.
 */
describe('phones at 390 px', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let callApi: CallApi;
  let consoleProblems: string[];
  const ids = { order: 0, orderNumber: '', invoice: 0, invoiceNumber: '', party: 0 };

  beforeAll(async () => {
    app = await startApp();
    ({ callApi } = await setUpBusiness(app));
    await callApi('PATCH', '/settings/business', {
      gstin: OUR_GSTIN,
      address: { line1: '4 FC Road', city: 'Pune', pin: '411004' },
      signatoryName: 'Asha Rao',
    });
    // Long names on purpose: they are what pushes a phone layout sideways.
    const client = await callApi<{ id: number }>('POST', '/parties', {
      name: 'Meenakshi Venkataraghavan Investments Private Limited',
      roles: ['client'],
      kind: 'company',
      gstRegistrationType: 'unregistered',
      emails: ['accounts.department@meenakshi-venkataraghavan.example.com'],
      phones: ['+919876543210'],
      billingAddress: { line1: '9 Law College Road, Erandwane', city: 'Pune', stateCode: '27', pin: '411004' },
    });
    ids.party = client.id;
    const partner = await callApi<{ id: number }>('POST', '/parties', {
      name: 'Nikhil Deshpande Associates',
      roles: ['partner'],
      kind: 'company',
      gstRegistrationType: 'unregistered',
      revenueShare: '40',
    });
    const orderType = await callApi<{ id: number }>('POST', '/order-types', {
      name: 'Transmission of Shares',
      requiredDocumentTypeIds: [],
      defaultFee: '125000',
      baseCharge: '2500',
      turnaroundDays: 10,
    });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date());
    for (const title of ['Transmission of 1,200 Infosys shares after death of holder', 'Transfer of 50 shares']) {
      const order = await callApi<{ id: number; number: string }>('POST', '/orders', {
        title,
        clientId: client.id,
        orderTypeId: orderType.id,
        partnerId: partner.id,
        fees: '125000',
      });
      if (!ids.order) ids.order = order.id;
      if (!ids.orderNumber) ids.orderNumber = order.number;
    }
    await callApi('POST', `/orders/${ids.order}/transitions`, { to: 'in_progress' });
    await callApi('POST', `/orders/${ids.order}/receipts`, {
      date: today,
      amount: '50000',
      mode: 'upi',
      reference: 'UPI-4411-2290-8812',
    });
    await callApi('POST', `/orders/${ids.order}/expenses`, {
      date: today,
      amount: '1500',
      category: 'stamp_duty',
    });
    const draft = await callApi<{ id: number }>('POST', '/invoices', {
      type: 'sales',
      partyId: client.id,
      date: today,
      lines: [
        {
          description: 'Transmission of shares: documentation and filing',
          hsnSac: '998399',
          quantity: '1',
          rate: '150000',
          gstRate: '18',
        },
      ],
    });
    const issued = await callApi<{ number: string }>('POST', `/invoices/${draft.id}/issue`, {});
    ids.invoice = draft.id;
    ids.invoiceNumber = issued.number;
    await callApi('POST', '/payments', {
      direction: 'received',
      partyId: client.id,
      date: today,
      mode: 'bank_transfer',
      amount: '17700.00',
      reference: 'NEFT-HDFC-000123456789',
    });

    browser = await launchBrowser();
    page = await browser.newPage({ viewport: PHONE, baseURL: app.baseUrl, isMobile: true, hasTouch: true });
    consoleProblems = watchConsole(page);
    await logInAsOwner(page);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('1. no page in the navigation, nor an order, invoice or party page, scrolls sideways', async () => {
    // The navigation is a drawer behind the burger on phones; its links are the pages to walk.
    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.waitFor();
    const hrefs = await nav.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    expect(hrefs).toContain('/orders');
    expect(hrefs).toContain('/invoices');
    await page.getByRole('button', { name: 'Toggle navigation' }).click();

    // Then each area's own sub-pages (tabs, sections, report pages, its "new" form) that its page links to; record
    // pages (an id in the path) are covered by the three named here.
    const pages = [...hrefs, `/orders/${ids.order}`, `/invoices/${ids.invoice}`, `/parties/${ids.party}`];
    const failures: Record<string, string[]> = {};
    for (let i = 0; i < pages.length; i++) {
      const href = pages[i]!;
      await page.goto(href);
      await settle(page);
      await snap(page, `phones-${href.slice(1).replaceAll('/', '-').replaceAll('?', '_')}-390`);
      const { scrollWidth, offenders } = await overflow(page);
      if (scrollWidth > PHONE.width) failures[href] = [`scrollWidth=${scrollWidth}`, ...offenders];
      if (!hrefs.includes(href)) continue;
      const subPages = await page
        .locator(`main a[href^="${href}/"]`)
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
      for (const sub of subPages) if (!/\d/.test(sub) && !pages.includes(sub)) pages.push(sub);
    }
    expect(pages.length).toBeGreaterThan(hrefs.length + 10);
    expect(failures).toEqual({});
    expect(consoleProblems).toEqual([]);
  }, 400_000);

  it('2. the orders list is a list of cards with client, stage and a one-tap "Move stage"', async () => {
    await page.goto('/orders');
    const card = page.getByTestId(`order-card-${ids.order}`);
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain(ids.orderNumber);
    expect(await card.textContent()).toContain('Meenakshi Venkataraghavan');
    expect(await card.getByTestId('stage-badge').textContent()).toMatch(/in progress/i);
    // The desktop table is not rendered on a phone.
    expect(await page.locator('main table').count()).toBe(0);
    await snap(page, 'phones-orders-cards-390');

    await card.getByRole('button', { name: 'Move stage' }).click();
    await page.getByRole('menuitem', { name: /Completed/ }).click();
    // Closing an order is confirmed, as on its page.
    const dialog = page.getByRole('dialog', { name: /Move to Completed/ });
    await dialog.getByRole('button', { name: 'Move to Completed' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => card.getByTestId('stage-badge').textContent()).toMatch(/completed/i);
  });

  it('3. an order page offers "Record receipt" without scrolling sideways', async () => {
    await page.goto(`/orders/${ids.order}`);
    await settle(page);
    const record = page.getByTestId('money-card').getByRole('button', { name: /Record receipt/ });
    await record.waitFor();
    const box = (await record.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    // The cards' tables stay inside their card (they scroll there instead).
    for (const testId of ['money-card', 'settlement-card', 'order-billing']) {
      const cardBox = (await page.getByTestId(testId).boundingBox())!;
      expect(cardBox.x + cardBox.width, testId).toBeLessThanOrEqual(PHONE.width);
      await page.getByTestId(testId).screenshot({ path: path.join(ARTIFACTS_DIR, `phones-order-${testId}-390.png`) });
    }
  });

  it('4. an invoice page offers its share link in one tap', async () => {
    await page.goto(`/invoices/${ids.invoice}`);
    await settle(page);
    // The invoice's public link ("View link") is a button in the header, not behind "More".
    const share = page.getByRole('button', { name: 'View link' });
    await share.waitFor();
    const box = (await share.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  });

  it('5. the invoices, parties and payments lists read as cards, and a tap opens the record', async () => {
    await page.goto('/invoices');
    const invoice = page.getByTestId(`invoice-card-${ids.invoice}`);
    await invoice.waitFor();
    expect(await invoice.textContent()).toContain(ids.invoiceNumber);
    expect(await invoice.textContent()).toContain('₹1,77,000.00');
    expect(await page.locator('main table').count()).toBe(0);
    // The type tabs scroll inside their own strip; the last one is reachable there.
    const tabs = page.getByTestId('invoice-type-tabs');
    expect(await tabs.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await tabs.getByText('Debit notes').click();
    await expect.poll(() => page.url()).toContain('type=debit_note');
    await page.goto('/invoices');
    await page.getByTestId(`invoice-card-${ids.invoice}`).getByText('Meenakshi').click();
    await page.waitForURL(`**/invoices/${ids.invoice}`);

    await page.goto('/parties');
    const party = page.getByTestId(`party-card-${ids.party}`);
    await party.waitFor();
    expect(await party.getByRole('link', { name: /98765/ }).getAttribute('href')).toBe('tel:+919876543210');
    expect(await page.locator('main table').count()).toBe(0);
    await snap(page, 'phones-parties-cards-390');

    await page.goto('/payments');
    const payment = page.locator('[data-testid^="payment-card-"]').filter({ hasText: 'NEFT-HDFC' });
    await payment.waitFor();
    expect(await payment.textContent()).toContain('₹17,700.00');
    expect(await page.locator('main table').count()).toBe(0);
    await snap(page, 'phones-payments-cards-390');
  });

  it('6. master data in settings reads as cards: the first column as title, the others as label and value', async () => {
    // Settings sections are one picker on a phone, not a screen-long list above every section.
    await page.goto('/settings/business');
    await page.getByRole('heading', { name: 'Business' }).first().waitFor();
    expect(await page.getByTestId('settings-nav').isVisible()).toBe(false);
    await page.getByTestId('settings-section-picker').click();
    await page.getByRole('option', { name: 'Order types' }).click();
    await page.waitForURL('**/settings/order-types');
    const card = page.locator('[data-testid^="order-types-card-"]').filter({ hasText: 'Transmission of Shares' });
    await card.waitFor();
    expect(await page.locator('main table').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await snap(page, 'phones-settings-order-types-390');
    // A tap opens the record's form, as a row click does on the desktop.
    await card.getByText('Transmission of Shares').click();
    await page.getByRole('dialog', { name: 'Edit order type' }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('7. an empty list that scrolls in its card says so where it can be read', async () => {
    await page.goto('/settlements/payouts');
    const message = page.getByText('No payouts here yet.');
    await message.waitFor();
    const box = (await message.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  });

  it('8. the desktop keeps its tables', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    for (const href of [
      '/orders',
      '/invoices',
      '/parties',
      '/payments',
      '/settings/order-types',
      `/orders/${ids.order}`,
      `/invoices/${ids.invoice}`,
    ]) {
      await page.goto(href);
      await settle(page);
      await snap(page, `phones-${href.slice(1).replaceAll('/', '-')}-1440`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
      if (!/\d$/.test(href)) expect(await page.locator('main table').count()).toBeGreaterThan(0);
    }
    await page.setViewportSize(PHONE);
  });
});
