import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/app-server';
import { launchBrowser, snap, watchConsole } from './support/browser';
import { logInAsOwner, setUpBusiness } from './support/session';

const BUILT_WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../packages/web/dist');

interface WebManifest {
  name: string;
  short_name: string;
  display: string;
  start_url: string;
  scope: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Every URL held in any Cache Storage cache of the page's origin. */
function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) urls.push(request.url);
    }
    return urls;
  });
}

describe('installable app: manifest, service worker, offline shell, update prompt', () => {
  let app: RunningApp;
  let webDir: string;
  let browser: Browser;
  let page: Page;
  let consoleProblems: string[];

  beforeAll(async () => {
    // A copy of the build, so the update test can publish a "new release" without touching packages/web/dist.
    webDir = mkdtempSync(path.join(tmpdir(), 'bizdash-e2e-web-'));
    cpSync(BUILT_WEB_DIR, webDir, { recursive: true });
    app = await startApp({ BIZDASH_WEB_DIR: webDir });
    await setUpBusiness(app);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 800 }, baseURL: app.baseUrl });
    consoleProblems = watchConsole(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  it('1. links a web manifest with the app name, colours, standalone display and PNG icons', async () => {
    await logInAsOwner(page);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');

    const res = await fetch(`${app.baseUrl}/manifest.webmanifest`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await res.json()) as WebManifest;
    expect(manifest).toMatchObject({
      name: 'BizDash',
      short_name: 'BizDash',
      display: 'standalone',
      start_url: '/',
      scope: '/',
      // Mantine indigo.6: the theme's primary colour, as in index.html's theme-color.
      theme_color: '#4c6ef5',
      background_color: '#ffffff',
    });
    const themeMeta = await page.locator('meta[name="theme-color"]').getAttribute('content');
    expect(themeMeta).toBe(manifest.theme_color);

    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`).sort()).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);
    for (const icon of manifest.icons) {
      const iconRes = await fetch(new URL(icon.src, app.baseUrl));
      expect(iconRes.status, icon.src).toBe(200);
      expect(iconRes.headers.get('content-type'), icon.src).toBe('image/png');
      const { width, height } = pngSize(Buffer.from(await iconRes.arrayBuffer()));
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
    }
  });

  it('2. serves sw.js as JavaScript that is revalidated on every load, under a CSP that allows it', async () => {
    const sw = await fetch(`${app.baseUrl}/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('content-type')).toMatch(/^(application|text)\/javascript/);
    expect(sw.headers.get('cache-control')).toBe('no-cache');

    const html = await fetch(`${app.baseUrl}/`);
    const csp = html.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("manifest-src 'self'");
    expect(html.headers.get('cache-control')).toBe('no-cache');

    // Hashed bundles stay cacheable for good: the worker's no-cache must not have spread to them.
    const assetPath = /src="(\/assets\/[^"]+\.js)"/.exec(await html.text())?.[1];
    expect(assetPath).toBeDefined();
    const asset = await fetch(`${app.baseUrl}${assetPath}`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('3. registers /sw.js for the whole app and takes control after a reload', async () => {
    const registration = await page.evaluate(async () => {
      const ready = await navigator.serviceWorker.ready;
      return { scope: ready.scope, script: ready.active?.scriptURL };
    });
    expect(registration).toEqual({ scope: `${app.baseUrl}/`, script: `${app.baseUrl}/sw.js` });

    // A first visit is not claimed (registerType 'prompt' never takes over a page behind the user's back).
    await page.reload();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const controller = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    expect(controller).toBe(`${app.baseUrl}/sw.js`);
  });

  it('4. precaches the app shell but never caches or serves API data from the worker', async () => {
    const swSource = readFileSync(path.join(webDir, 'sw.js'), 'utf8');
    const precached = [...swSource.matchAll(/url:"([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(precached).toContain('index.html');
    expect(precached).toContain('manifest.webmanifest');
    expect(precached.some((u) => /^assets\/.+\.js$/.test(u))).toBe(true);
    expect(precached.some((u) => /^assets\/.+\.css$/.test(u))).toBe(true);
    // API URLs (/api/...), not built chunks that happen to be named after an api.ts module.
    expect(precached.filter((u) => /^\/?api\//.test(u))).toEqual([]);

    const apiResponses: { url: string; fromServiceWorker: boolean }[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/'))
        apiResponses.push({ url: response.url(), fromServiceWorker: response.fromServiceWorker() });
    });
    const statuses = await page.evaluate(async () => {
      const out: number[] = [];
      for (const url of ['/api/health', '/api/v1/setup', '/api/health', '/api/v1/setup'])
        out.push((await fetch(url)).status);
      return out;
    });
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(apiResponses.filter((r) => r.url.includes('/api/health') || r.url.includes('/api/v1/setup'))).toHaveLength(
      4,
    );
    expect(apiResponses.filter((r) => r.fromServiceWorker)).toEqual([]);

    const urls = await cachedUrls(page);
    // The caches were really read: the shell is in them.
    expect(urls.some((u) => new URL(u).pathname === '/index.html')).toBe(true);
    expect(urls.filter((u) => new URL(u).pathname.startsWith('/api'))).toEqual([]);

    // A navigation to an API address reaches the server, not the index.html fallback.
    const apiNav = await page.goto('/api/health');
    expect(apiNav?.fromServiceWorker()).toBe(false);
    expect(apiNav?.headers()['content-type']).toMatch(/^application\/json/);
    await page.goBack();
  });

  it('5. opens the app shell offline from the precache; API calls then fail instead of answering stale', async () => {
    await page.goto('/orders');
    await page.context().setOffline(true);
    try {
      const shell = await page.goto('/parties');
      expect(shell?.fromServiceWorker()).toBe(true);
      expect(await page.title()).toBe('BizDash');
      const apiOffline = await page.evaluate(() =>
        fetch('/api/health').then(
          (r) => `status ${r.status}`,
          () => 'network error',
        ),
      );
      expect(apiOffline).toBe('network error');
    } finally {
      await page.context().setOffline(false);
    }
  });

  it('6. offers "A new version is ready" when a new worker waits, and Reload switches to it', async () => {
    // The refresh cookie restores the session; the worker answered this navigation from the precache.
    await page.goto('/');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const before = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
    expect(before).toBe(`${app.baseUrl}/sw.js`);

    // "Release" a new version: any byte change to sw.js makes the browser install it as a new worker.
    appendFileSync(path.join(webDir, 'sw.js'), `\n// release ${Date.now()}\n`);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });

    const notice = page.getByRole('alert').filter({ hasText: 'A new version is ready' });
    await notice.waitFor();
    await snap(page, 'pwa-update-ready');
    expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(
      true,
    );

    const reloaded = page.waitForEvent('load');
    await notice.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const after = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return { waiting: Boolean(registration?.waiting), controlled: Boolean(navigator.serviceWorker.controller) };
    });
    expect(after).toEqual({ waiting: false, controlled: true });
    expect(await page.getByText('A new version is ready').count()).toBe(0);
    expect(consoleProblems).toEqual([]);
  });
});
