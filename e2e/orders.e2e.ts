import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/app-server';
import { launchBrowser, snap, watchConsole } from './support/browser';

const OWNER = { name: 'Asha Rao', email: 'asha@example.com', password: 'correct horse battery' };
const CLIENT = 'Meera Iyer';
const DOC_NAMES = ['PAN Card', 'Share Certificate', 'Transfer Deed (SH-4)'];
const REJECTION = 'Signature does not match the specimen';

/**
 * A tiny but valid one-page PDF, built here so the test carries no fixture file. The xref offsets are computed, so
 * strict readers (and the server's type sniffing) accept it.
 */
function tinyPdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${`BT /F1 18 Tf 20 70 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 18 Tf 20 70 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

interface Api {
  post<T>(path: string, body: unknown): Promise<T>;
  get<T>(path: string): Promise<T>;
}

async function apiAs(baseUrl: string, email: string, password: string): Promise<Api> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return { post: (path, body) => call('POST', path, body), get: (path) => call('GET', path) };
}

function documentRow(page: Page, name: string): Locator {
  return page.locator('[data-testid^="document-"][aria-label]').filter({ has: page.getByText(name, { exact: true }) });
}

describe('orders: create, documents, lifecycle, timeline, board', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let consoleProblems: string[];
  let api: Api;
  let orderId = 0;
  let orderNumber = '';
  let otherOrder: { id: number; number: string };
  let overdueOrderId = 0;

  beforeAll(async () => {
    app = await startApp();
    const setup = await fetch(`${app.baseUrl}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ owner: OWNER, business: { name: 'Rao Share Services', stateCode: '27' } }),
    });
    expect(setup.status).toBe(201);
    api = await apiAs(app.baseUrl, OWNER.email, OWNER.password);
    const docTypes: { id: number }[] = [];
    for (const name of DOC_NAMES) docTypes.push(await api.post<{ id: number }>('/document-types', { name }));
    const orderType = await api.post<{ id: number }>('/order-types', {
      name: 'Share Transfer',
      requiredDocumentTypeIds: docTypes.map((d) => d.id),
      defaultFee: '15000',
      baseCharge: '2500',
      turnaroundDays: 10,
    });
    const client = await api.post<{ id: number }>('/parties', {
      name: CLIENT,
      roles: ['client'],
      kind: 'individual',
      gstRegistrationType: 'unregistered',
    });
    // A second order for the board (created through the API: step 1 covers the form).
    otherOrder = await api.post<{ id: number; number: string }>('/orders', {
      title: 'Demat of 200 shares',
      clientId: client.id,
      orderTypeId: orderType.id,
    });
    // An overdue, urgent order assigned to the owner, for the list's highlighting.
    const me = await api.get<{ id: number }>('/me');
    const overdue = await api.post<{ id: number }>('/orders', {
      title: 'Transmission of 1,200 Infosys shares',
      clientId: client.id,
      orderTypeId: orderType.id,
      priority: 'urgent',
      assigneeId: me.id,
      tags: ['transmission'],
      dueDate: new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10),
    });
    overdueOrderId = overdue.id;

    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, baseURL: app.baseUrl });
    consoleProblems = watchConsole(page);
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(OWNER.email);
    await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('1. creates an order in the form; its required documents are listed', async () => {
    await page.goto('/orders/new');
    await page.getByLabel('Title', { exact: true }).fill('Transfer of 500 Tata Steel shares');
    await page.getByLabel('Client', { exact: true }).fill('Meera');
    await page.getByRole('option', { name: CLIENT }).click();
    await page.getByLabel('Order type', { exact: true }).click();
    await page.getByRole('option', { name: 'Share Transfer' }).click();
    // The type's defaults fill the form.
    expect(await page.getByLabel('Fees', { exact: true }).inputValue()).toBe('15000.00');
    await page.getByLabel('Share count', { exact: true }).fill('500');
    await page.getByLabel('Price per share', { exact: true }).fill('142.50');
    expect(await page.getByTestId('order-value').textContent()).toBe('₹71,250.00');
    await page.getByRole('button', { name: 'Create order' }).click();
    await page.waitForURL(/\/orders\/\d+$/);
    orderId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('documents-panel').waitFor();
    const rows = page.locator('[data-testid^="document-"][aria-label]');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')))).toEqual(DOC_NAMES);
    for (const name of DOC_NAMES)
      expect(await documentRow(page, name).getByTestId('document-status').textContent()).toBe('Pending');
    const heading = await page.getByRole('heading', { level: 2 }).textContent();
    orderNumber = heading?.split(' · ')[0] ?? '';
    expect(orderNumber).toMatch(/^ORD\//);
  });

  it('2. uploads a PDF (received), then marks it submitted', async () => {
    const row = documentRow(page, 'PAN Card');
    await row.locator('input[type="file"]').setInputFiles({
      name: 'pan-card.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf('PAN card v1'),
    });
    await expect.poll(() => row.getByTestId('document-status').textContent()).toBe('Received');
    expect(await row.getByTestId('current-file').textContent()).toBe('pan-card.pdf');
    // The preview is fetched with the bearer token and shown from a blob URL.
    await row.getByRole('button', { name: 'Preview PAN Card' }).click();
    const frame = page.getByTestId('file-preview-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    await page.keyboard.press('Escape');
    await frame.waitFor({ state: 'detached' });

    await row.getByRole('button', { name: 'Mark submitted' }).click();
    await expect.poll(() => row.getByTestId('document-status').textContent()).toBe('Submitted');
  });

  it('3. rejects it with a reason, takes version 2 and accepts it', async () => {
    const row = documentRow(page, 'PAN Card');
    await row.getByRole('button', { name: 'Reject…' }).click();
    const dialog = page.getByRole('dialog');
    // The reason is required.
    await dialog.getByRole('button', { name: 'Reject document' }).click();
    await dialog.getByText('Say why it was rejected').waitFor();
    await dialog.getByLabel('Reason', { exact: true }).fill(REJECTION);
    await dialog.getByRole('button', { name: 'Reject document' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getByTestId('document-status').textContent()).toBe('Rejected');
    expect(await row.getByTestId('rejection-reason').textContent()).toContain(REJECTION);

    await row.locator('input[type="file"]').setInputFiles({
      name: 'pan-card-signed.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf('PAN card v2'),
    });
    await expect.poll(() => row.getByTestId('current-file').textContent()).toBe('pan-card-signed.pdf');
    expect(await row.getByTestId('document-status').textContent()).toBe('Received');
    expect(await row.textContent()).toContain('v2');
    await row.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => row.getByTestId('document-status').textContent()).toBe('Accepted');

    // Both versions and the whole status history are kept.
    await row.getByRole('button', { name: 'Show history of PAN Card' }).click();
    const history = page.getByTestId(/^document-history-/);
    await history.getByTestId('file-version').nth(1).waitFor();
    expect(await history.getByTestId('file-version').count()).toBe(2);
    expect(await history.textContent()).toContain(REJECTION);
    expect(await page.getByTestId('stage-actions').getByTestId('completeness').textContent()).toContain('1/3 accepted');
    await snap(page, 'order-detail');
  });

  it('4. moves the order through in progress to completed', async () => {
    const actions = page.getByTestId('stage-actions');
    await actions.getByRole('button', { name: 'In progress' }).click();
    await expect.poll(() => page.getByTestId('stage-badge').first().textContent()).toBe('In progress');
    await expect
      .poll(async () => (await page.getByTestId('stage-actions').textContent())?.startsWith('In progress since'))
      .toBe(true);
    await page.getByTestId('stage-actions').getByRole('button', { name: 'Completed' }).click();
    const dialog = page.getByRole('dialog');
    // Two of the three required documents are not accepted: the confirmation names them.
    const missing = dialog.getByTestId('missing-documents');
    await missing.waitFor();
    expect(await missing.textContent()).toContain('2 required documents are not accepted yet');
    expect(await missing.textContent()).not.toContain('PAN Card');
    await dialog.getByLabel('Note (optional)', { exact: true }).fill('Registrar confirmed the transfer');
    await dialog.getByRole('button', { name: 'Move to Completed' }).click();
    await expect.poll(() => page.getByTestId('stage-badge').first().textContent()).toBe('Completed');
    await page.getByTestId('closed-notice').waitFor();
    // Closed orders are read-only: no upload or status buttons remain.
    expect(
      await documentRow(page, 'PAN Card')
        .getByRole('button', { name: /Upload/ })
        .count(),
    ).toBe(0);
  });

  it('5. the timeline shows every event, in order, with its actor', async () => {
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const entries = page.getByTestId('timeline-entry');
    await entries.first().waitFor();
    const shown = await entries.evaluateAll((els) =>
      els.map((el) => ({
        kind: el.getAttribute('data-kind') ?? '',
        summary: el.querySelector('[data-testid="timeline-summary"]')?.textContent ?? '',
        actor: el.querySelector('[data-testid="timeline-actor"]')?.textContent ?? '',
      })),
    );
    const stored = await api.get<{ items: { kind: string; summary: string }[]; total: number }>(
      `/orders/${orderId}/history?order=asc&pageSize=200`,
    );
    // The page shows exactly what the server recorded, oldest first.
    expect(shown.map((e) => e.summary)).toEqual(stored.items.map((e) => e.summary));
    expect(shown).toHaveLength(stored.total);
    expect(new Set(shown.map((e) => e.actor))).toEqual(new Set([OWNER.name]));

    // The user's steps, in the order they were taken (an upload also brings the document back to received).
    const steps = shown.filter((e) => e.kind !== 'document.required').map((e) => e.summary);
    expect(steps[0]).toBe(`Order ${orderNumber} created`);
    const expected = [
      /^PAN Card: version 1 uploaded \(pan-card\.pdf\)$/,
      /^PAN Card: received → submitted$/,
      new RegExp(`^PAN Card: submitted → rejected \\(${REJECTION}\\)$`),
      /^PAN Card: version 2 uploaded \(pan-card-signed\.pdf\)$/,
      /^PAN Card: received → accepted$/,
      /^Stage changed from Received to In progress$/,
      /^Stage changed from In progress to Completed: Registrar confirmed the transfer$/,
    ];
    let at = 1;
    for (const pattern of expected) {
      const found = steps.findIndex((s, i) => i >= at && pattern.test(s));
      expect(found, `${pattern} after step ${at} in ${JSON.stringify(steps)}`).toBeGreaterThanOrEqual(at);
      at = found + 1;
    }
    await snap(page, 'order-timeline');
  });

  it('6. a drag on the board to a disallowed stage is refused with a message', async () => {
    await page.goto('/orders');
    await page.getByTestId(`order-row-${orderId}`).waitFor();
    expect(await page.getByTestId(`order-row-${orderId}`).textContent()).toContain('1/3 accepted');
    const overdueRow = page.getByTestId(`order-row-${overdueOrderId}`);
    expect(await overdueRow.getAttribute('data-overdue')).toBe('true');
    expect(await overdueRow.textContent()).toContain('Overdue');
    expect(await page.getByTestId(`order-row-${otherOrder.id}`).getAttribute('data-overdue')).toBeNull();
    await snap(page, 'orders-list');

    await page.getByTestId('orders-view').locator('label', { hasText: 'Board' }).click();
    await page.waitForURL(/view=board/);
    const card = page.getByTestId(`board-card-${otherOrder.id}`);
    await card.waitFor();
    expect(await page.getByTestId('board-column-received').getByTestId(`board-card-${otherOrder.id}`).count()).toBe(1);
    await snap(page, 'orders-board');

    // Received orders cannot jump to "Documents received" (the lifecycle goes through documents pending first).
    const target = page.getByTestId('board-column-documents_received');
    await dragOnto(page, card, page.getByTestId('board-column-received'), target);
    await page.mouse.up();

    const notice = page.getByText(`Can't move ${otherOrder.number} to Documents received`);
    await notice.waitFor();
    const message = await page.getByText(/^From Received it can move to:/).textContent();
    expect(message).toBe('From Received it can move to: Confirmed, In progress, Documents pending, Failed.');
    // The card snapped back: still in Received, and the server agrees.
    expect(await page.getByTestId('board-column-received').getByTestId(`board-card-${otherOrder.id}`).count()).toBe(1);
    const stored = await api.get<{ stage: { code: string } }>(`/orders/${otherOrder.id}`);
    expect(stored.stage.code).toBe('received');
    // Let the card's return animation and the notice settle before the picture.
    await page.waitForTimeout(700);
    await snap(page, 'orders-board-refused');
    expect(consoleProblems).toEqual([]);
  });
});

/**
 * Drags `card` (in column `source`) onto column `target` with the mouse and holds it there. Each step waits for the
 * board to say so (columns carry data-over while the held card is over them), and a drag that did not take (a busy
 * machine, the board scrolling sideways near its edge) is cancelled with Escape and tried again.
 */
async function dragOnto(page: Page, card: Locator, source: Locator, target: Locator): Promise<void> {
  const isOver = async (column: Locator, timeoutMs: number, follow: boolean) => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (follow) {
        const box = await column.boundingBox();
        if (box) await page.mouse.move(box.x + Math.min(40, box.width / 2), box.y + 60, { steps: 3 });
      }
      if ((await column.getAttribute('data-over')) === 'true') return true;
      await page.waitForTimeout(150);
    }
    return false;
  };
  for (let attempt = 1; ; attempt++) {
    const from = await card.boundingBox();
    if (!from) throw new Error('the card is not on the board');
    await page.mouse.move(from.x + from.width / 2, from.y + 20);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 10, from.y + 30, { steps: 3 });
    // Picked up: the held card is over its own column.
    if ((await isOver(source, 3000, false)) && (await isOver(target, 8000, true))) return;
    // Cancel, and let go away from the card so the release is no click on it.
    await page.keyboard.press('Escape');
    await page.mouse.move(5, 5);
    await page.mouse.up();
    if (attempt === 3) {
      await snap(page, 'orders-board-drag-failed');
      throw new Error(`the card could not be dragged onto ${await target.getAttribute('data-testid')}`);
    }
    await page.waitForTimeout(500);
  }
}
