import type { Database } from '../../../platform/db/database';
import { assertPartners, col, money, n, type Built, type Filters } from './report-common';
import { partnerRevenueRows } from './reports.repo';

/** Per partner: settlements of orders closed in the period, and the payouts made in it (payouts.read only). */
export async function partnerRevenueReport(database: Database, f: Filters): Promise<Built> {
  assertPartners(f);
  const r = await partnerRevenueRows(database, f.period, f.span);
  const columns = [
    col('partner', 'Partner', 'text'),
    col('orders', 'Orders', 'count'),
    col('revenue', 'Revenue'),
    col('expenses', 'Expenses'),
    col('net', 'Net'),
    col('partnerShare', 'Partner share'),
    col('businessShare', 'Business share'),
    col('payouts', 'Payouts in period'),
  ];
  const rows = r.map((x) => ({
    key: `partner:${n(x.id)}`,
    cells: {
      partner: String(x.name),
      orders: n(x.orders),
      revenue: money(n(x.revenue)),
      expenses: money(n(x.expenses)),
      net: money(n(x.revenue) - n(x.expenses)),
      partnerShare: money(n(x.partner_share)),
      businessShare: money(n(x.business_share)),
      payouts: money(n(x.payouts)),
    },
  }));
  return { columns, rows, note: `Settlements of orders closed in the period; basis: ${f.basis}` };
}
