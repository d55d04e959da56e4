import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGE_CODES } from '@bizdash/domain/orders/lifecycle';
import { validateGstin } from '@bizdash/domain/gstin/validate-gstin';
import { runCli } from '../src/cli';
import { OWNER, TEST_SECRET, createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

// Loading a year of work through the services takes a few thousand transactions.
const SLOW = 240_000;

describe(`demo firm (${testDialect()})`, () => {
  let t: TestApp;
  let loaded: { statusCode: number; json: () => { user: { role: string }; summary: Record<string, number | string> } };

  beforeAll(async () => {
    t = await createTestApp();
    loaded = await t.call({ method: 'POST', url: '/api/v1/setup/demo', body: { owner: OWNER } });
  }, SLOW);
  afterAll(async () => t.close());

  it('sets up the business and its owner, and reports what it loaded', async () => {
    expect(loaded.statusCode).toBe(201);
    const body = loaded.json();
    expect(body.user).toMatchObject({ role: 'owner' });
    expect(body.summary).toMatchObject({ businessName: 'Deshmukh Share Services', users: 5, parties: 58, orders: 90 });

    const business = await t.services.database.db.selectFrom('business').selectAll().executeTakeFirstOrThrow();
    expect(business.state_code).toBe('27');
    expect(validateGstin(business.gstin ?? '').valid).toBe(true);
    expect(business.gstin?.startsWith('27')).toBe(true);
  });

  it('has parties of every role, orders in every stage with history, documents, tasks and comments', async () => {
    const db = t.services.database.db;
    const count = async (column: 'is_client' | 'is_partner' | 'is_supplier') =>
      Number(
        (
          await db
            .selectFrom('parties')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where(column, '=', true)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect([await count('is_client'), await count('is_partner'), await count('is_supplier')]).toEqual([40, 8, 10]);

    const stages = await db.selectFrom('orders').select('stage_code').distinct().execute();
    expect(stages.map((s) => s.stage_code).sort()).toEqual([...STAGE_CODES].sort());

    const history = await db
      .selectFrom('order_status_history')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(history.n)).toBeGreaterThan(90 * 2);
    // Each order's counts match its documents (the service kept them; nothing was written behind its back).
    const mismatched = await db
      .selectFrom('orders')
      .select('orders.id')
      .where('orders.docs_received', '<>', (eb) =>
        eb
          .selectFrom('order_documents')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('order_documents.order_id', '=', 'orders.id')
          .where('order_documents.status', 'in', ['received', 'submitted', 'accepted']),
      )
      .execute();
    expect(mismatched).toEqual([]);
    for (const table of ['tasks', 'comments', 'order_documents', 'document_status_history'] as const) {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(row.n), table).toBeGreaterThan(0);
    }
  });

  it('has issued invoices (some paid in full, some in part), purchase bills and payments', async () => {
    const db = t.services.database.db;
    const byStatus = await db
      .selectFrom('invoices')
      .select(['type', 'payment_status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'issued')
      .groupBy(['type', 'payment_status'])
      .execute();
    const count = (type: string, status: string) =>
      Number(byStatus.find((r) => r.type === type && r.payment_status === status)?.n ?? 0);
    expect(count('sales', 'paid')).toBeGreaterThan(0);
    expect(count('sales', 'partial')).toBeGreaterThan(0);
    expect(count('purchase', 'paid')).toBe(6);
    const payments = await db
      .selectFrom('payments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(payments.n)).toBe(Number(loaded.json().summary.payments));
  });

  it('numbers its invoices in date order, one unbroken series per registration and year', async () => {
    const rows = await t.services.database.db
      .selectFrom('invoices')
      .select(['business_gstin', 'series', 'financial_year', 'sequence', 'number', 'date'])
      .where('sequence', 'is not', null)
      .orderBy('business_gstin')
      .orderBy('series')
      .orderBy('financial_year')
      .orderBy('sequence')
      .execute();
    expect(rows.length).toBeGreaterThan(40);
    const backwards: string[] = [];
    const holes: string[] = [];
    rows.forEach((row, i) => {
      const prev = rows[i - 1];
      const same =
        prev &&
        prev.business_gstin === row.business_gstin &&
        prev.series === row.series &&
        prev.financial_year === row.financial_year;
      if (!same) {
        if (Number(row.sequence) !== 1) holes.push(`${row.number} starts its series`);
        return;
      }
      if (String(row.date) < String(prev.date))
        backwards.push(`${prev.number} ${prev.date} > ${row.number} ${row.date}`);
      if (Number(row.sequence) !== Number(prev.sequence) + 1) holes.push(`${prev.number} -> ${row.number}`);
    });
    expect(backwards).toEqual([]);
    expect(holes).toEqual([]);
  });

  it('keeps a valid audit chain that records the loading', async () => {
    const result = await t.services.audit.verify();
    expect(result.ok).toBe(true);
    const orders = await t.services.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'order.created')
      .executeTakeFirstOrThrow();
    expect(Number(orders.n)).toBe(90);
  });

  it('lets the owner log in and see the orders', async () => {
    const { token } = await t.login(OWNER.email, OWNER.password);
    const list = await t.call({ method: 'GET', url: '/api/v1/orders?pageSize=5', token });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(90);
  });

  it('refuses a second load once the business exists', async () => {
    const again = await t.call({
      method: 'POST',
      url: '/api/v1/setup/demo',
      body: { owner: { ...OWNER, email: 'someone@example.com' } },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SETUP_ALREADY_DONE');
  });

  it('passes `bizdash audit verify`, and `bizdash demo` refuses the set-up database', async () => {
    const { location } = t.testDb;
    const cli = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(
        args,
        { out: (l) => out.push(l), err: (l) => err.push(l) },
        { BIZDASH_DATA_DIR: location.dataDir, DATABASE_URL: location.url, BIZDASH_SECRET: TEST_SECRET },
      );
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const verified = await cli(['audit', 'verify']);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^audit chain OK \(\d+ entries\)$/);
    const again = await cli(['demo']);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already has a business');
  });
});
