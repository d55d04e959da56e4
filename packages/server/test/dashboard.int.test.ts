import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '@bizdash/contracts/dashboard';
import * as M from '@bizdash/domain/metrics/definitions';
import { toMoneyString } from '@bizdash/domain/money';
import { createLoggedInUser, createOrder, get } from './orders-factories';
import { rawRows, seedBusiness, type Seeded } from './report-seed';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

/**
 * A small business across September–November 2026: orders closed and failed in different months with partial
 * receipts, expenses and settlements; sales, purchases and a credit note crossing a month. Every dashboard KPI is
 * compared with the domain definitions computed in plain code from the raw rows.
 */
const money = (p: number) => toMoneyString(p);
const NOV = { from: '2026-11-01', to: '2026-11-30' };
const OCT = { from: '2026-10-01', to: '2026-10-31' };

describe(`dashboard (${testDialect()})`, () => {
  let t: TestApp;
  let seeded: Seeded;
  let raw: Awaited<ReturnType<typeof rawRows>>;

  beforeAll(async () => {
    t = await createTestApp();
    seeded = await seedBusiness(t);
    raw = await rawRows(t);
  }, 60_000);
  afterAll(async () => t.close());

  it('the seed is what the test means: partial receipts, a failed order, settlements, a credit note in November', () => {
    expect(raw.orders.filter((o) => o.stage === 'failed')).toHaveLength(1);
    // Four order receipts (each a payment) and the buyer's payment of 9 November.
    expect(raw.receipts).toHaveLength(5);
    expect(raw.receipts.filter((r) => r.orderId !== null)).toHaveLength(4);
    expect(raw.entries.length).toBeGreaterThanOrEqual(4);
    expect(raw.invoices.filter((i) => i.type === 'credit_note' && i.date.startsWith('2026-11'))).toHaveLength(1);
    // O5 closed at 00:30 IST on 2 October: 1 October in UTC, 2 October locally.
    expect(raw.orders.some((o) => o.closedOn === '2026-10-02')).toBe(true);
  });

  it('every KPI, this period and the previous one, equals the domain definition over the raw rows', async () => {
    const d = await get<Dashboard>(t, seeded.token, '/api/v1/dashboard?from=2026-11-01&to=2026-11-30');
    expect(d.period).toEqual(NOV);
    expect(d.previousPeriod).toEqual(OCT);
    const { orders, receipts, entries, history, invoices } = raw;
    const expected = (p: M.Period): Record<string, string | null> => {
      const onTime = M.onTimeRate(orders, p).bp;
      const aov = M.averageOrderValue(orders, p);
      const avgDays = M.averageCompletionDays(orders, history, p);
      return {
        ordersClosed: String(M.ordersClosedIn(orders, p).length),
        ordersCreated: String(orders.filter((o) => M.inPeriod(o.createdOn, p)).length),
        averageCompletionDays: avgDays === null ? null : avgDays.toFixed(2),
        onTimeRate: onTime === null ? null : (onTime / 100).toFixed(2),
        bookedRevenue: money(M.bookedRevenue(orders, p)),
        collected: money(M.collected(receipts, p)),
        realizedRevenue: money(M.realizedRevenue(entries, orders, p)),
        partnerShare: money(M.partnerShare(entries, orders, p)),
        unrealizedRevenue: money(M.unrealizedRevenue(orders, p)),
        pipeline: money(M.pipeline(orders, p)),
        averageOrderValue: aov === null ? null : money(aov),
        sales: money(M.sales(invoices, p)),
        purchases: money(M.purchases(invoices, p)),
        outputTax: money(M.outputTax(invoices, p)),
        inputTaxCredit: money(M.inputTaxCredit(invoices, p)),
        netGstPayable: money(M.netGstPayable(invoices, p)),
      };
    };
    const now = expected(NOV);
    const before = expected(OCT);
    for (const kpi of d.kpis) {
      if (kpi.key === 'receivables' || kpi.key === 'payables') continue;
      expect({ key: kpi.key, value: kpi.value, previous: kpi.previous }).toEqual({
        key: kpi.key,
        value: now[kpi.key],
        previous: before[kpi.key],
      });
    }
    const kpi = (key: string) => d.kpis.find((k) => k.key === key);
    expect(kpi('receivables')?.value).toBe(money(M.outstanding(invoices, 'receivable')));
    expect(kpi('payables')?.value).toBe(money(M.outstanding(invoices, 'payable')));
    expect(d.kpis).toHaveLength(18);

    // Hand-checked anchors, so a wrong definition cannot pass by agreeing with itself: November booked = O2 failed
    // at base charges 2,500.50 + O4 4,000; October booked = O1 15,000 + O5 6,000; collected in November: receipts
    // 3,000 + 4,000 and the buyer's payment of 5,000 (Collected is every payment received, issue 14).
    expect(kpi('bookedRevenue')).toMatchObject({ value: '6500.50', previous: '21000.00' });
    expect(kpi('collected')).toMatchObject({ value: '12000.00', previous: '6000.00' });
    // Sales net of the November credit note (2 × 1,000): 3,000 − 2,000; October 10,000.
    expect(kpi('sales')).toMatchObject({ value: '1000.00', previous: '10000.00' });
    // O4 was late, O5 (due 5 Oct, completed 2 Oct local) and O1 on time.
    expect(kpi('onTimeRate')).toMatchObject({ value: '0.00', previous: '100.00' });
  });

  it('charts and lists follow the same figures', async () => {
    const d = await get<Dashboard>(t, seeded.token, '/api/v1/dashboard?from=2026-09-01&to=2026-11-30');
    expect(d.charts.monthly).toEqual(
      ['2026-09', '2026-10', '2026-11'].map((month) => {
        const p = { from: `${month}-01`, to: `${month}-${month === '2026-09' || month === '2026-11' ? '30' : '31'}` };
        return { month, booked: money(M.bookedRevenue(raw.orders, p)), collected: money(M.collected(raw.receipts, p)) };
      }),
    );
    const gstNov = d.charts.gstByMonth?.find((g) => g.month === '2026-11');
    expect(gstNov?.netPayable).toBe(money(M.netGstPayable(raw.invoices, NOV)));
    expect(d.charts.ordersByStage.reduce((s, x) => s + x.count, 0)).toBe(5);
    // Stages come with the business's labels, never bare codes.
    for (const s of d.charts.ordersByStage) expect(s.label).toMatch(/^[A-Z][^_]*$/);
    expect(d.charts.topClients?.[0]).toMatchObject({ id: seeded.world.client.id, orders: 4 });
    expect(d.charts.topPartners?.[0]).toMatchObject({ id: seeded.world.partner.id, amount: '17500.50' });
    expect(d.overdueOrders).toMatchObject({ total: 1, items: [{ dueDate: '2026-11-15' }] });
    expect(d.overdueInvoices?.total).toBe(1);
    expect(d.activity.length).toBeGreaterThan(0);
    expect(d.pendingApprovals).not.toBeNull();
  });

  it('top clients and partners agree for a financial year, a quarter and a custom range (each read differently)', async () => {
    const links = await t.services.database.db.selectFrom('orders').select(['id', 'client_id', 'partner_id']).execute();
    const expectedTop = (p: M.Period, role: 'client_id' | 'partner_id') => {
      const byParty = new Map<number, { amount: number; orders: number }>();
      for (const o of M.ordersClosedIn(raw.orders, p)) {
        const party = links.find((l) => Number(l.id) === o.id)?.[role];
        if (party === null || party === undefined) continue;
        const acc = byParty.get(Number(party)) ?? { amount: 0, orders: 0 };
        acc.amount += M.orderAmountDue(o);
        acc.orders += 1;
        byParty.set(Number(party), acc);
      }
      return [...byParty.entries()]
        .sort((a, b) => b[1].amount - a[1].amount || a[0] - b[0])
        .slice(0, 5)
        .map(([id, x]) => ({ id, amount: money(x.amount), orders: x.orders }));
    };
    const periods = [
      { from: '2026-04-01', to: '2027-03-31' },
      { from: '2026-10-01', to: '2026-12-31' },
      { from: '2026-09-15', to: '2026-11-20' },
    ];
    for (const p of periods) {
      const d = await get<Dashboard>(t, seeded.token, `/api/v1/dashboard?from=${p.from}&to=${p.to}`);
      const strip = (xs: { id: number; amount: string; orders: number }[] | null) =>
        (xs ?? []).map(({ id, amount, orders }) => ({ id, amount, orders }));
      expect(strip(d.charts.topClients)).toEqual(expectedTop(p, 'client_id'));
      expect(strip(d.charts.topPartners)).toEqual(expectedTop(p, 'partner_id'));
      expect(d.charts.topClients?.length).toBeGreaterThan(0);
    }
  });

  it('staff see no money, the accountant no partner figures', async () => {
    const staff = await createLoggedInUser(t, seeded.token, 'staff');
    const s = await get<Dashboard>(t, staff.token, '/api/v1/dashboard?from=2026-11-01&to=2026-11-30');
    expect(s.kpis.map((k) => k.key)).toEqual(['ordersClosed', 'ordersCreated', 'averageCompletionDays', 'onTimeRate']);
    expect(s.charts).toMatchObject({ monthly: null, gstByMonth: null, topClients: null, topPartners: null });
    expect(s.overdueInvoices).toBeNull();
    expect(s.pendingApprovals).toBeNull();
    expect(JSON.stringify(s)).not.toContain('6500.50');

    const accountant = await createLoggedInUser(t, seeded.token, 'accountant');
    const a = await get<Dashboard>(t, accountant.token, '/api/v1/dashboard?from=2026-11-01&to=2026-11-30');
    expect(a.kpis.map((k) => k.key)).toContain('bookedRevenue');
    expect(a.kpis.map((k) => k.key)).not.toContain('partnerShare');
    expect(a.charts.topPartners).toBeNull();
  });

  it('refuses a bad period naming the field', async () => {
    const res = await t.call({
      method: 'GET',
      url: '/api/v1/dashboard?from=2026-11-30&to=2026-11-01',
      token: seeded.token,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'from' }] });
    const lone = await t.call({ method: 'GET', url: '/api/v1/dashboard?to=2026-11-01', token: seeded.token });
    expect(lone.statusCode).toBe(400);
  });

  // Runs last: it adds an order. The period's figures are cached (SQLite) until a write; this write must show.
  it('a write is seen by the next dashboard: its cached period figures are invalidated', async () => {
    const url = '/api/v1/dashboard?from=2026-11-01&to=2026-11-30';
    const kpi = (d: Dashboard, key: string) => d.kpis.find((k) => k.key === key)?.value;
    const before = await get<Dashboard>(t, seeded.token, url);
    // Asked twice without a write in between: the same figures (the second served from the cache on SQLite).
    expect(await get<Dashboard>(t, seeded.token, url)).toEqual(before);
    const { token } = await t.login();
    await createOrder(t, seeded.world, { fees: '1000.00' }, token);
    const after = await get<Dashboard>(t, token, url);
    expect(Number(kpi(after, 'ordersCreated'))).toBe(Number(kpi(before, 'ordersCreated')) + 1);
    const staged = (d: Dashboard) => d.charts.ordersByStage.reduce((s, x) => s + x.count, 0);
    expect(staged(after)).toBe(staged(before) + 1);
    expect(kpi(after, 'pipeline')).not.toBe(kpi(before, 'pipeline'));
  });
});
