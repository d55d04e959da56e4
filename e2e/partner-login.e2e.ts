import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/app-server';
import { launchBrowser, snap, watchConsole } from './support/browser';
import { logInAsOwner, setUpBusiness, type CallApi } from './support/session';

/** The message Mantine shows under an input: the element its aria-describedby names that holds the error. */
async function errorUnder(page: Page, input: Locator): Promise<string> {
  await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

/** Issue 18: a partner login needs its partner party; server field errors show next to their fields. */
describe('partner logins and server field errors', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let callApi: CallApi;
  let consoleProblems: string[];
  let partnerId: number;

  beforeAll(async () => {
    app = await startApp();
    ({ callApi } = await setUpBusiness(app));
    const partner = await callApi<{ id: number }>('POST', '/parties', {
      name: 'Kiran Associates',
      roles: ['partner'],
      kind: 'company',
      gstRegistrationType: 'unregistered',
      emails: ['kiran@example.com'],
    });
    partnerId = partner.id;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 860 }, baseURL: app.baseUrl });
    consoleProblems = watchConsole(page);
    await logInAsOwner(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the server’s "partner required" next to the Partner field, then creates the login with one', async () => {
    await page.goto('/users');
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('Kiran Rao');
    await dialog.getByLabel('Email', { exact: true }).fill('kiran.rao@example.com');
    await dialog.getByLabel('Role', { exact: true }).click();
    await page.getByRole('option', { name: /^Partner/ }).click();
    await dialog.getByLabel('Temporary password', { exact: true }).fill('a long temporary secret');
    await dialog.getByRole('button', { name: 'Create user' }).click();

    // The form sends no party; the server's 400 (partnerPartyId) lands under the Partner field.
    const partnerField = dialog.getByLabel('Partner', { exact: true });
    expect(await errorUnder(page, partnerField)).toContain('Is required for a partner login');
    await snap(page, 'new-user-partner-required');

    await partnerField.fill('Kiran');
    await page.getByRole('option', { name: 'Kiran Associates' }).click();
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const users = await callApi<{ items: { email: string; role: string; partnerPartyId: number | null }[] }>(
      'GET',
      '/users?q=kiran.rao',
    );
    expect(users.items).toEqual([
      expect.objectContaining({ email: 'kiran.rao@example.com', role: 'partner', partnerPartyId: partnerId }),
    ]);
  });

  it('invites a partner to the portal from its page: the form opens with the role, the party and its email', async () => {
    await page.goto(`/parties/${partnerId}`);
    await page.getByTestId('party-invite').click();
    await page.waitForURL('**/users');
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('Role', { exact: true }).inputValue()).resolves.toBe('Partner');
    await expect.poll(() => dialog.getByLabel('Partner', { exact: true }).inputValue()).toBe('Kiran Associates');
    await expect(dialog.getByLabel('Email', { exact: true }).inputValue()).resolves.toBe('kiran@example.com');
    await dialog.getByLabel('Temporary password', { exact: true }).fill('another long secret');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const users = await callApi<{ items: { email: string; partnerPartyId: number | null }[] }>(
      'GET',
      '/users?q=kiran%40example.com',
    );
    expect(users.items.map((u) => [u.email, u.partnerPartyId])).toEqual([['kiran@example.com', partnerId]]);
  });

  it('shows a server field error next to the field on a master form too (duplicate order type name)', async () => {
    await callApi('POST', '/order-types', { name: 'Share transfer' });
    await page.goto('/settings/order-types');
    await page.getByTestId('new-order-types').click();
    const dialog = page.getByRole('dialog');
    const name = dialog.getByLabel('Name', { exact: true });
    await name.fill('Share transfer');
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect(await errorUnder(page, name)).toContain('already has');
    expect(consoleProblems).toEqual([]);
  });
});
