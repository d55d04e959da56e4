import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '@bizdash/contracts/reports';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { generateData } from '../../../bench/generator/generate-data';
import { createDatabase } from '../src/platform/db/database';
import { fixedClock } from '../src/platform/clock';
import { deriveKeys } from '../src/platform/security/secrets';
import { makeServices } from '../src/services';
import { createTestApp, TEST_SECRET, type TestApp } from './support/test-app';
import { adminPostgresUrl, testDialect } from './support/test-db';
import { createOrder, createOrderWorld, get, type OrderWorld } from './orders-factories';
import { addReceipt, closeAs } from './order-money-support';
import pg from 'pg';
import { randomBytes } from 'node:crypto';

/**
 * Issue 14's walk through the one book: an order is billed through its invoice, paid on the order, and every
 * figure (dashboard Collected, P&L, GSTR-3B, trial balance, ledger check) reads the same rupees once.
 */

const OUR_GSTIN = '27AAPFU0939F1Z' + gstinCheckChar('27AAPFU0939F1Z');

interface OrderJson {
  paymentStatus: string;
  amountDue: string;
  invoiceIds: number[];
}

describe(`one money book, order to returns (${testDialect()})`, () => {
  let t: TestApp;
  let w: OrderWorld;
  let token: string;

  beforeEach(async () => {
    t = await createTestApp();
    w = await createOrderWorld(t);
    token = w.owner.token;
    const settings = await t.call({
      method: 'PATCH',
      url: '/api/v1/settings/business',
      token,
      body: { gstin: OUR_GSTIN, address: { line1: '4 FC Road', city: 'Pune', pin: '411004' } },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const patched = await t.call({
      method: 'PATCH',
      url: `/api/v1/order-types/${w.orderType.id}`,
      token,
      body: { sacCode: '998311', gstRate: '18' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
  });
  afterEach(async () => t.close());

  it('fees ₹10,000 at 18%: invoiced ₹11,800, paid on the order, counted once everywhere', async () => {
    // 1–2. An order with fees ₹10,000; complete it and invoice its fees.
    const order = await createOrder(t, w, { fees: '10000', baseCharges: '2000' });
    await closeAs(t, token, order.id, 'completed');
    const draft = await t.call({ method: 'POST', url: `/api/v1/orders/${order.id}/invoice`, token });
    expect(draft.statusCode, draft.body).toBe(201);
    const invoiceId = draft.json<{ id: number }>().id;
    const issued = await t.call({ method: 'POST', url: `/api/v1/invoices/${invoiceId}/issue`, token });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({ orderId: order.id, totals: { grandTotal: '11800.00' } });
    expect((await get<OrderJson>(t, token, `/api/v1/orders/${order.id}`)).invoiceIds).toEqual([invoiceId]);
    // One bill per order: a second "Invoice fees" is refused, naming the invoice.
    const again = await t.call({ method: 'POST', url: `/api/v1/orders/${order.id}/invoice`, token });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CONFLICT', details: { invoiceId } });

    // 3. A receipt of ₹11,800 on the order: the order and the invoice are both paid.
    await addReceipt(t, token, order.id, '11800.00', { date: '2026-11-23' });
    expect(await get<OrderJson>(t, token, `/api/v1/orders/${order.id}`)).toMatchObject({ paymentStatus: 'paid' });
    expect(await get(t, token, `/api/v1/invoices/${invoiceId}`)).toMatchObject({
      paymentStatus: 'paid',
      balanceDue: '0.00',
    });

    // 4. Dashboard Collected for the month.
    const dashboard = await get<{ kpis: { key: string; value: string | null }[] }>(
      t,
      token,
      '/api/v1/dashboard?from=2026-11-01&to=2026-11-30',
    );
    expect(dashboard.kpis.find((k) => k.key === 'collected')?.value).toBe('11800.00');

    // 5. P&L: service revenue ₹10,000, once.
    const pl = await get<Report>(t, token, '/api/v1/reports/profit-and-loss?from=2026-11-01&to=2026-11-30');
    const services = pl.rows.find((r) => r.key === 'account:4100');
    expect(services?.cells.amount).toBe('10000.00');
    expect(pl.rows.find((r) => r.cells.line === 'I. Revenue from operations')?.cells.amount).toBe('10000.00');

    // 6. GSTR-3B 3.1(a): output tax ₹1,800 on ₹10,000.
    const ret = await get<{
      sup_details: { osup_det: { txval: number; iamt: number; camt: number; samt: number; csamt: number } };
    }>(t, token, '/api/v1/returns/gstr3b?period=2026-11');
    const a = ret.sup_details.osup_det;
    expect(a.txval).toBe(10000);
    expect(a.iamt + a.camt + a.samt + a.csamt).toBe(1800);

    // 7. The trial balance balances, and it holds the bank receipt and no receivable.
    const tb = await get<{
      accounts: { code: string; debit: string; credit: string }[];
      totalDebit: string;
      totalCredit: string;
    }>(t, token, '/api/v1/accounts/trial-balance?from=2026-04-01&to=2027-03-31');
    expect(tb.totalDebit).toBe(tb.totalCredit);
    expect(tb.accounts.find((x) => x.code === '1300')?.debit ?? '0.00').toBe('0.00');

    // 8. `ledger check` finds nothing.
    expect(await t.services.ledgerCheck.check()).toMatchObject({ ok: true, problems: [] });
  });
});

describe(`the ledger over a generated firm (${testDialect()})`, () => {
  it('a database filled by the generator is posted from the backlog and passes ledger check', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bizdash-gen-'));
    let url: string | undefined;
    let dbName: string | undefined;
    if (testDialect() === 'postgres') {
      dbName = `bizdash_gen_${randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminPostgresUrl() });
      await admin.connect();
      await admin.query(`create database ${dbName}`);
      await admin.end();
      const u = new URL(adminPostgresUrl());
      u.pathname = `/${dbName}`;
      url = u.toString();
    }
    const sqliteFile = path.join(dir, 'gen.db');
    try {
      await generateData({
        sqliteFile,
        databaseUrl: url,
        parties: 60,
        orders: 400,
        invoices: 300,
        seed: 7,
        today: '2026-11-23',
        years: 1,
      });
      const database = createDatabase({ url, sqliteFile, poolSize: 3 });
      try {
        const services = makeServices({
          database,
          clock: fixedClock(new Date('2026-11-23T06:30:00.000Z')),
          keys: deriveKeys(TEST_SECRET),
        });
        const waiting = await services.posting.backlog();
        expect(waiting.backlog + waiting.pending).toBeGreaterThan(0);
        const posted = await services.posting.workBacklog({ batchSize: 97 });
        expect(posted.posted).toBeGreaterThan(300);
        const check = await services.ledgerCheck.check();
        expect(check.problems).toEqual([]);
        const tb = await services.accounts.trialBalance({ from: '2025-04-01', to: '2027-03-31' });
        expect(tb.totalDebit).toBe(tb.totalCredit);
      } finally {
        await database.destroy();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      if (dbName) {
        const admin = new pg.Client({ connectionString: adminPostgresUrl() });
        await admin.connect();
        await admin.query(`drop database if exists ${dbName} with (force)`);
        await admin.end();
      }
    }
  }, 120_000);
});
