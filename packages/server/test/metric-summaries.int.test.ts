import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSummaries, rebuildSummaries } from '../src/contexts/analytics/metric-summaries/summaries';
import { seedBusiness } from './report-seed';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

/**
 * The summary tables are kept by triggers as the services write; after the report seed (orders created, moved,
 * closed and failed, receipts, expenses, settlements approved, invoices issued, paid and credited) every bucket must
 * equal a recomputation from the raw rows, and the check must notice a bucket that does not.
 */
describe(`metric summaries (${testDialect()})`, () => {
  let t: TestApp;
  const db = () => t.testDb.database.db;
  const dialect = () => t.testDb.database.dialect;
  const rows = async (query: string) => (await sql.raw<Record<string, unknown>>(query).execute(db())).rows;

  beforeAll(async () => {
    t = await createTestApp();
    await seedBusiness(t);
  }, 60_000);
  afterAll(async () => t.close());

  it('after every write of the seed, each summary equals a full recomputation', async () => {
    // The seed really reached the summaries (a check of empty tables against empty sources proves nothing).
    const closed = await rows('select sum(closed) as n, sum(business_share) as share from metric_closed_days');
    expect(Number(closed[0]?.n)).toBeGreaterThan(3);
    expect(Number(closed[0]?.share)).toBeGreaterThan(0);
    const invoices = await rows('select sum(documents) as n from metric_invoice_days');
    expect(Number(invoices[0]?.n)).toBeGreaterThan(2);
    const parties = await rows(`select count(*) as n from metric_party_periods where grain = 'fy' and amount <> 0`);
    expect(Number(parties[0]?.n)).toBeGreaterThan(0);
    expect(await checkSummaries(db(), dialect())).toEqual([]);
  });

  it('the check reports a bucket that drifted, from both sides, and a rebuild repairs it', async () => {
    const [row] = await rows('select day, booked from metric_closed_days where closed > 0 order by day limit 1');
    await sql`update metric_closed_days set booked = booked + 1 where day = ${String(row?.day)}`.execute(db());
    const mismatches = await checkSummaries(db(), dialect());
    expect(mismatches.map((m) => [m.table, m.side, m.row.day, m.row.booked])).toEqual([
      ['metric_closed_days', 'kept', String(row?.day), String(Number(row?.booked) + 1)],
      ['metric_closed_days', 'recomputed', String(row?.day), String(Number(row?.booked))],
    ]);
    await rebuildSummaries(db(), dialect());
    expect(await checkSummaries(db(), dialect())).toEqual([]);
  });

  it('a later receipt, a failed order and a cancelled invoice move the summaries with them', async () => {
    const before = await rows('select sum(amount) as n from metric_receipt_days');
    const [order] = await rows('select min(id) as id from orders');
    const orderId = Number(order?.id);
    // Direct SQL writes: the triggers are the database's, not the services', so any writer keeps them.
    // Collected follows payments received (issue 14); a payment made to a supplier does not count.
    const [client] = await rows(`select client_id from orders where id = ${orderId}`);
    for (const direction of ['received', 'made']) {
      await sql`insert into payments (direction, party_id, date, amount_paise, tds_paise, mode, allocated_paise,
          created_at, updated_at)
        values (${direction}, ${Number(client?.client_id)}, '2026-11-20', 12345, 100, 'cash', 0,
          '2026-11-20T05:00:00.000Z', '2026-11-20T05:00:00.000Z')`.execute(db());
    }
    const after = await rows('select sum(amount) as n from metric_receipt_days');
    expect(Number(after[0]?.n) - Number(before[0]?.n)).toBe(12345);
    await sql`update invoices set status = 'cancelled' where id = (select min(id) from invoices where status = 'issued')`.execute(
      db(),
    );
    expect(await checkSummaries(db(), dialect())).toEqual([]);
  });

  it('changing the business time zone rebuilds the day buckets in the new zone', async () => {
    const dayOf = async () =>
      (await rows(`select day from metric_closed_days where closed > 0 order by day`)).map((r) => String(r.day));
    const ist = await dayOf();
    // O5 closed at 00:30 IST on 2 October: 1 October in Dubai.
    expect(ist).toContain('2026-10-02');
    const token = (await t.login()).token;
    const res = await t.call({
      method: 'PATCH',
      url: '/api/v1/settings/business',
      token,
      body: { timezone: 'Asia/Dubai' },
    });
    expect(res.statusCode).toBe(200);
    const dubai = await dayOf();
    expect(dubai).not.toContain('2026-10-02');
    expect(dubai).toContain('2026-10-01');
    expect(await checkSummaries(db(), dialect())).toEqual([]);
    await t.call({ method: 'PATCH', url: '/api/v1/settings/business', token, body: { timezone: 'Asia/Kolkata' } });
    expect(await dayOf()).toEqual(ist);
  });
});
