import type { Page } from 'playwright-core';
import type { RunningApp } from './app-server';

export const OWNER = { name: 'Asha Rao', email: 'asha@example.com', password: 'correct horse battery' };

export type CallApi = <T>(method: string, url: string, body?: unknown) => Promise<T>;

/**
 * First-run setup through the API (business in Maharashtra) and the owner's token, for tests whose subject is not
 * setup itself. `callApi` takes paths under /api/v1 ("/parties").
 */
export async function setUpBusiness(
  app: RunningApp,
  business: { name: string; stateCode: string } = { name: 'Rao Traders', stateCode: '27' },
): Promise<{ token: string; callApi: CallApi }> {
  const post = (url: string, body: unknown) =>
    fetch(`${app.baseUrl}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const setup = await post('/api/v1/setup', { owner: OWNER, business });
  if (setup.status !== 201) throw new Error(`setup: ${setup.status} ${await setup.text()}`);
  const login = await post('/api/v1/auth/login', { email: OWNER.email, password: OWNER.password });
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  const callApi: CallApi = async <T>(method: string, url: string, body?: unknown) => {
    const res = await fetch(`${app.baseUrl}/api/v1${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return { token, callApi };
}

/** Signs in through the login page and waits for the dashboard. */
export async function logInAsOwner(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
}
