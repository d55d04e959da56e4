/**
 * Screenshots of every page of the built app, as the owner of the demo firm sees them, at 1440 and 390 px, in light
 * and dark: `npm run build && npx tsx e2e/screenshots.ts [--out DIR] [--only light|dark] [--widths 1440,390] [--readme]`.
 *
 * Not a test: it is how we look at what we build (issue 18). It loads the demo firm into a throwaway data dir,
 * starts the built server, logs in, then walks the app: every link in the navigation and in each page's main area,
 * keeping one page per route shape (the first order stands for every order). Each page is written as
 * `<route>--<width>-<scheme>.png`; a summary lists pages that logged console errors or scroll sideways.
 * `--readme` also refreshes the README's screenshots in docs/screenshots.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_OWNER } from '../packages/server/src/contexts/system/demo/demo.service';
import { ARTIFACTS_DIR, launchBrowser } from './support/browser';
import { freePort } from './support/app-server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'packages/server/dist/cli.js');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}
const outDir = path.resolve(arg('--out') ?? path.join(ARTIFACTS_DIR, 'screens'));
const schemes = (arg('--only') ? [arg('--only')] : ['light', 'dark']) as ('light' | 'dark')[];
const widths = (arg('--widths') ?? '1440,390').split(',').map(Number);
const MAX_PAGES = Number(arg('--max') ?? 120);
/** With --readme, these pages are also written to docs/screenshots (the first screenful), for the README. */
const readme = process.argv.includes('--readme');
const README_SHOTS: { route: string; width: number; scheme: 'light' | 'dark'; file: string }[] = [
  { route: '/dashboard', width: 1440, scheme: 'light', file: 'dashboard.png' },
  { route: '/orders', width: 1440, scheme: 'light', file: 'orders-list.png' },
  { route: '/orders/:id', width: 1440, scheme: 'light', file: 'order-detail.png' },
  { route: '/invoices/:id', width: 1440, scheme: 'light', file: 'invoice.png' },
  { route: '/invoices/new', width: 1440, scheme: 'light', file: 'invoice-editor.png' },
  { route: '/payments', width: 1440, scheme: 'dark', file: 'payments-dark.png' },
  { route: '/accounts/trial-balance', width: 1440, scheme: 'light', file: 'accounts-trial-balance.png' },
  { route: '/settlements', width: 1440, scheme: 'light', file: 'settlements.png' },
  { route: '/orders', width: 390, scheme: 'light', file: 'orders-phone.png' },
  { route: '/orders/:id', width: 390, scheme: 'dark', file: 'order-phone-dark.png' },
];

/** One page per route shape: ids and numbers become `:id`, so a walk does not visit every order. */
function shape(pathname: string): string {
  return pathname.replace(/\/\d+(?=\/|$)/g, '/:id');
}
function fileName(pathname: string): string {
  return (
    shape(pathname)
      .replace(/^\//, '')
      .replace(/[/:]+/g, '-')
      .replace(/[^a-z0-9-]/gi, '') || 'home'
  );
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
  await page
    .waitForFunction(
      () => document.querySelectorAll('main .mantine-Skeleton-root, main .mantine-Loader-root').length === 0,
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
  await page.waitForTimeout(300);
}

async function linksOn(page: Page, origin: string): Promise<string[]> {
  const hrefs = await page.$$eval('nav a[href], main a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
  const found: string[] = [];
  for (const href of hrefs) {
    const url = new URL(href);
    if (url.origin !== origin || url.pathname.startsWith('/api') || /\.(pdf|csv|xlsx|json|zip)$/.test(url.pathname))
      continue;
    if (['/login', '/logout', '/setup'].includes(url.pathname)) continue;
    found.push(url.pathname + url.search);
  }
  return found;
}

async function logIn(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(DEMO_OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_OWNER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bizdash-screens-'));
  const env = { ...process.env, BIZDASH_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  console.log('loading the demo firm...');
  const demo = spawnSync(process.execPath, [cli, 'demo'], { env, encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`bizdash demo failed:\n${demo.stdout}${demo.stderr}`);

  const port = await freePort();
  const server = spawn(process.execPath, [cli, 'start'], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (
      await fetch(`${origin}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 300) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }

  const browser = await launchBrowser();
  mkdirSync(outDir, { recursive: true });
  const problems: string[] = [];
  try {
    // Each context logs in for itself: refresh tokens rotate, and a saved cookie used twice is a replay that ends
    // the session.
    const first = await browser.newContext({ baseURL: origin, viewport: { width: 1440, height: 900 } });
    const login = await first.newPage();
    await logIn(login);

    // Walk the app once at 1440 px to find its pages.
    const queue = ['/dashboard'];
    const seen = new Set<string>();
    const pages: string[] = [];
    while (queue.length > 0 && pages.length < MAX_PAGES) {
      const next = queue.shift()!;
      const key = shape(next.split('?')[0]!);
      if (seen.has(key)) continue;
      seen.add(key);
      await login.goto(next);
      await settle(login);
      if (new URL(login.url()).pathname === '/login') continue;
      pages.push(next);
      for (const link of await linksOn(login, origin)) if (!seen.has(shape(link.split('?')[0]!))) queue.push(link);
    }
    await first.close();
    console.log(`${pages.length} pages; ${pages.length * widths.length * schemes.length} screenshots to ${outDir}`);

    for (const scheme of schemes) {
      for (const width of widths) {
        const context: BrowserContext = await browser.newContext({
          baseURL: origin,
          viewport: { width, height: width < 600 ? 844 : 900 },
          colorScheme: scheme,
        });
        await context.addInitScript((s) => localStorage.setItem('bizdash-color-scheme', s), scheme);
        const page = await context.newPage();
        await logIn(page);
        const errors: string[] = [];
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        page.on('pageerror', (e) => errors.push(e.message));
        for (const target of pages) {
          errors.length = 0;
          await page.goto(target);
          await settle(page);
          if (new URL(page.url()).pathname === '/login') throw new Error(`${target}: the session was lost`);
          const file = `${fileName(target.split('?')[0]!)}--${width}-${scheme}.png`;
          await page.screenshot({ path: path.join(outDir, file), fullPage: true });
          const shot = README_SHOTS.find(
            (r) => r.route === shape(target.split('?')[0]!) && r.width === width && r.scheme === scheme,
          );
          if (readme && shot) await page.screenshot({ path: path.join(root, 'docs/screenshots', shot.file) });
          const sideways = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          if (sideways > 1) problems.push(`${file}: scrolls ${sideways} px sideways`);
          for (const e of errors) problems.push(`${file}: console: ${e.slice(0, 160)}`);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
  writeFileSync(path.join(outDir, 'problems.txt'), problems.join('\n') + '\n');
  console.log(problems.length ? `problems:\n${problems.join('\n')}` : 'no console errors, nothing scrolls sideways');
}

await main();
