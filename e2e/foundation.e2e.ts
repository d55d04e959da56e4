import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/app-server';
import { launchBrowser, snap, watchConsole } from './support/browser';

const OWNER = { name: 'Asha Rao', email: 'asha@example.com', password: 'correct horse battery' };
const STAFF = { name: 'Bala Krishnan', email: 'bala@example.com', password: 'staff password 123' };

async function logIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log out', exact: true }).click();
  await page.waitForURL('**/login');
}

describe('foundation: setup, users, roles, audit', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let consoleProblems: string[];

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 800 }, baseURL: app.baseUrl });
    consoleProblems = watchConsole(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('1. first-run setup creates the business and the owner and signs in', async () => {
    await page.goto('/');
    await page.waitForURL('**/setup');
    await snap(page, 'setup');
    await page.getByLabel('Name', { exact: true }).fill(OWNER.name);
    await page.getByLabel('Email', { exact: true }).fill(OWNER.email);
    await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await page.getByLabel('Confirm password', { exact: true }).fill(OWNER.password);
    await page.getByLabel('Business name', { exact: true }).fill('Rao Traders');
    await page.getByLabel('State', { exact: true }).click();
    await page.getByRole('option', { name: '27 · Maharashtra' }).click();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await expect(page.getByTestId('business-name').textContent()).resolves.toContain('Rao Traders');

    const status = await (await fetch(`${app.baseUrl}/api/v1/setup`)).json();
    expect(status).toEqual({ needsSetup: false, businessName: 'Rao Traders' });
  });

  it('2. the owner creates a staff user, then logs out', async () => {
    await page.getByRole('link', { name: 'Users' }).click();
    await page.waitForURL('**/users**');
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill(STAFF.name);
    await dialog.getByLabel('Email', { exact: true }).fill(STAFF.email);
    await dialog.getByLabel('Role', { exact: true }).click();
    await page.getByRole('option', { name: /^Staff/ }).click();
    await dialog.getByLabel('Temporary password', { exact: true }).fill(STAFF.password);
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const table = page.getByTestId('users-table');
    await table.getByText(STAFF.email).waitFor();
    expect(await table.textContent()).toContain(STAFF.name);
    await snap(page, 'users');
    await logOut(page);

    // A signed-out visit logs no failed request: the page-load session check answers 200 without a session.
    const fresh = await browser.newPage({ viewport: { width: 1366, height: 800 }, baseURL: app.baseUrl });
    const errors: string[] = [];
    fresh.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    fresh.on('response', (res) => {
      if (res.status() >= 400) errors.push(`${res.status()} ${res.url()}`);
    });
    await fresh.goto('/');
    await fresh.waitForURL('**/login**');
    await fresh.getByRole('button', { name: /log in|sign in/i }).waitFor();
    expect(errors).toEqual([]);
    await fresh.close();
  });

  it('3. staff are not offered the users page, and its API answers 403', async () => {
    await logIn(page, STAFF.email, STAFF.password);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Orders' }).count()).toBe(1);

    // Typing the address does not help either.
    await page.goto('/users');
    await page.getByTestId('forbidden').waitFor();

    const login = await fetch(`${app.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: STAFF.email, password: STAFF.password }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const users = await fetch(`${app.baseUrl}/api/v1/users`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(users.status).toBe(403);
    expect(((await users.json()) as { code: string }).code).toBe('FORBIDDEN');
    await logOut(page);
  });

  it('4. the owner sees these events in order in the audit log', async () => {
    await logIn(page, OWNER.email, OWNER.password);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL('**/audit**');
    const table = page.getByTestId('audit-table');
    await table.locator('[data-testid^="audit-row-"]').first().waitFor();
    await snap(page, 'audit');

    const rows = await table.locator('[data-testid^="audit-row-"]').evaluateAll((els) =>
      els.map((el) => ({
        seq: Number(el.getAttribute('data-testid')?.replace('audit-row-', '')),
        // The action code rides on the row; the cell shows its plain words (issue 18).
        action: el.getAttribute('data-action') ?? '',
        text: el.textContent ?? '',
      })),
    );
    // Newest first on screen; read oldest first.
    const events = rows.reverse();
    const actions = events.map((r) => r.action);
    expect(actions).toEqual([
      'business.created',
      'user.created', // the owner
      'auth.login', // signed in after setup
      'user.created', // the staff user
      'auth.logout',
      'auth.login', // staff, in the browser
      'auth.login', // staff, through the API
      'auth.logout',
      'auth.login', // the owner again
    ]);
    expect(events[3]?.text).toContain(OWNER.name);
    expect(events[5]?.text).toContain(STAFF.name);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(consoleProblems).toEqual([]);
  });
});
