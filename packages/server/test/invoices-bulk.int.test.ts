import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

// The test clock stands at 2026-11-23 10:00 IST.
const MH_GSTIN = '27AAPFU0939F1Z' + gstinCheckChar('27AAPFU0939F1Z');
const LINE = {
  description: 'Audit fee',
  hsnSac: '998221',
  quantity: '1',
  unit: 'OTH',
  rate: '10000.00',
  gstRate: '18',
};

interface BulkResult {
  results: {
    id: number;
    ok: boolean;
    number: string | null;
    to: string | null;
    problem: { code: string; message: string } | null;
  }[];
  succeeded: number;
  failed: number;
}

describe(`bulk actions on invoices (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;
  let withEmail: number;
  let withoutEmail: number;

  async function call(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, expected = 200) {
    const res = await t.call({ method, url, token, body });
    if (res.statusCode !== expected) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res;
  }

  async function party(name: string, emails: string[]) {
    const res = await call(
      'POST',
      '/api/v1/parties',
      {
        kind: 'company',
        roles: ['client'],
        gstRegistrationType: 'regular',
        name,
        gstin: name === 'With Email' ? MH_GSTIN : null,
        emails,
        billingAddress: { line1: '1 Road', city: 'Pune', stateCode: '27', pin: '411001' },
      },
      201,
    );
    return res.json<{ id: number }>().id;
  }

  async function draft(partyId: number, date: string) {
    const res = await call('POST', '/api/v1/invoices', { type: 'sales', partyId, date, lines: [LINE] }, 201);
    return res.json<{ id: number }>().id;
  }

  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    ({ token } = await t.login());
    withEmail = await party('With Email', ['accounts@with.example']);
    withoutEmail = await party('No Email', []);
  });
  afterEach(async () => t.close());

  it('issues the good drafts in date order and reports the refused ones per row', async () => {
    const late = await draft(withEmail, '2026-11-20');
    const early = await draft(withoutEmail, '2026-11-05');
    const already = await draft(withEmail, '2026-11-01');
    await call('POST', `/api/v1/invoices/${already}/issue`);
    // Locked month: that draft is refused, the others go through.
    const locked = await draft(withEmail, '2026-10-15');
    await call('POST', '/api/v1/period-locks', { period: '2026-10' }, 201);

    const res = await call('POST', '/api/v1/invoices/bulk/issue', { ids: [late, already, locked, early, 999_999] });
    const body = res.json<BulkResult>();
    // Answered in the order asked.
    expect(body.results.map((r) => r.id)).toEqual([late, already, locked, early, 999_999]);
    expect(body).toMatchObject({ succeeded: 2, failed: 3 });
    const byId = new Map(body.results.map((r) => [r.id, r]));
    expect(byId.get(already)?.problem?.code).toBe('INVALID_STATE');
    expect(byId.get(locked)?.problem?.code).toBe('PERIOD_LOCKED');
    expect(byId.get(999_999)?.problem?.code).toBe('NOT_FOUND');
    // Numbers follow dates: the 5 November draft was numbered before the 20 November one.
    const earlyNumber = byId.get(early)?.number ?? '';
    const lateNumber = byId.get(late)?.number ?? '';
    expect(earlyNumber).toMatch(/\d+$/);
    expect(earlyNumber < lateNumber).toBe(true);
    const states = await t.services.database.db.selectFrom('invoices').select(['id', 'status']).execute();
    expect(new Map(states.map((s) => [Number(s.id), s.status]))).toEqual(
      new Map([
        [late, 'issued'],
        [early, 'issued'],
        [already, 'issued'],
        [locked, 'draft'],
      ]),
    );
  });

  it('refuses more than 200 ids and repeated ids', async () => {
    const tooMany = await t.call({
      method: 'POST',
      url: '/api/v1/invoices/bulk/issue',
      token,
      body: { ids: Array.from({ length: 201 }, (_, i) => i + 1) },
    });
    expect(tooMany.statusCode).toBe(400);
    const repeated = await t.call({ method: 'POST', url: '/api/v1/invoices/bulk/pdf', token, body: { ids: [1, 1] } });
    expect(repeated.statusCode).toBe(400);
  });

  it('queues emails for issued documents of parties with an email, and says why the others were not', async () => {
    await call('PUT', '/api/v1/settings/email', {
      host: '127.0.0.1',
      port: 1,
      secure: false,
      from: 'billing@rao.example',
    });
    const good = await draft(withEmail, '2026-11-05');
    const noEmail = await draft(withoutEmail, '2026-11-06');
    const stillDraft = await draft(withEmail, '2026-11-07');
    await call('POST', '/api/v1/invoices/bulk/issue', { ids: [good, noEmail] });

    const body = (
      await call('POST', '/api/v1/invoices/bulk/email', { ids: [good, noEmail, stillDraft] })
    ).json<BulkResult>();
    expect(body).toMatchObject({ succeeded: 1, failed: 2 });
    expect(body.results[0]).toMatchObject({ id: good, ok: true, to: 'accounts@with.example' });
    expect(body.results[1]?.problem?.message).toContain('no email');
    expect(body.results[2]?.problem?.code).toBe('INVALID_STATE');
    const log = await t.services.database.db.selectFrom('email_log').select(['invoice_id', 'to_address']).execute();
    expect(log.map((l) => [Number(l.invoice_id), l.to_address])).toEqual([[good, 'accounts@with.example']]);
  });

  it('zips one PDF per id named by number, and exports only the selected rows', async () => {
    const a = await draft(withEmail, '2026-11-05');
    const b = await draft(withEmail, '2026-11-06');
    const c = await draft(withoutEmail, '2026-11-07');
    const issued = (await call('POST', '/api/v1/invoices/bulk/issue', { ids: [a, b] })).json<BulkResult>();
    const numbers = issued.results.map((r) => r.number ?? '');

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invoices/bulk/pdf',
      headers: { authorization: `Bearer ${token}` },
      payload: { ids: [a, b, c] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/zip');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const names = Object.keys(files).sort();
    const fileName = (n: string) => `${n.replace(/[^A-Za-z0-9-]+/g, '-')}.pdf`;
    expect(names).toEqual([...numbers.map(fileName), `draft-${c}.pdf`].sort());
    for (const name of names) expect(Buffer.from(files[name]!.subarray(0, 5)).toString()).toBe('%PDF-');

    const missing = await t.call({
      method: 'POST',
      url: '/api/v1/invoices/bulk/pdf',
      token,
      body: { ids: [a, 999_999] },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('999999');

    const csv = await call('GET', `/api/v1/invoices/export?format=csv&ids=${a},${c}&sort=date&order=asc`);
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(numbers[0]);
    expect(lines[2]).toContain('Draft');
  });
});
