import type { ReportRow } from '@bizdash/contracts/reports';
import type { Database } from '../../../platform/db/database';
import { closedByDay, receiptsByDay, settlementsByDay } from './metrics.repo';
import { buckets } from './periods';
import { col, money, periodKey, type Built, type Filters } from './report-common';

/** Revenue by month or quarter: orders closed, booked, collected, realized (and the partners' share). */
export async function revenueReport(database: Database, f: Filters): Promise<Built> {
  const [closed, receipts, settlements] = await Promise.all([
    closedByDay(database, f.span),
    receiptsByDay(database, f.span),
    settlementsByDay(database, f.span),
  ]);
  const columns = [
    col('period', 'Period', 'text'),
    col('ordersClosed', 'Orders closed', 'count'),
    col('booked', 'Booked'),
    col('collected', 'Collected'),
    col('realized', 'Realized'),
    ...(f.seePartners ? [col('partnerShare', 'Partner share')] : []),
  ];
  const rows = buckets(f.period, f.query.groupBy).map((b) => {
    const sum = <R extends { day: string }>(rows: readonly R[], key: keyof R) =>
      rows.filter((r) => r.day >= b.period.from && r.day <= b.period.to).reduce((s, r) => s + Number(r[key]), 0);
    const cells: ReportRow['cells'] = {
      period: b.label,
      ordersClosed: sum(closed, 'closed'),
      booked: money(sum(closed, 'booked')),
      collected: money(sum(receipts, 'amount')),
      realized: money(sum(settlements, 'businessShare')),
    };
    if (f.seePartners) cells.partnerShare = money(sum(settlements, 'partnerShare'));
    return { key: periodKey(b.period), cells };
  });
  return { columns, rows, note: `Settlement basis: ${f.basis}` };
}
