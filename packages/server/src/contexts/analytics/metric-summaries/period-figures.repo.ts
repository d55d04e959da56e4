import type { Period } from '@bizdash/domain/metrics/definitions';
import { sql } from 'kysely';
import type { Database } from '../../../platform/db/database';
import type { PeriodRow } from './period-figures';

/** Summary tables the dashboard reads, and the columns it may sum or group by (identifiers are never user input). */
const TABLES = {
  metric_closed_days: {
    keys: [],
    sums: [
      'closed',
      'booked',
      'completed',
      'with_due',
      'on_time',
      'completion_seconds',
      'revenue',
      'expenses',
      'partner_share',
      'business_share',
    ],
  },
  metric_created_days: { keys: ['stage_code'], sums: ['created', 'unrealized', 'pipeline'] },
  metric_receipt_days: { keys: [], sums: ['amount'] },
  metric_invoice_days: { keys: ['direction'], sums: ['taxable', 'tax', 'eligible_tax', 'trading_taxable'] },
} as const;

export type PeriodTable = keyof typeof TABLES;

/**
 * A period and the one before it, summed out of one day-bucketed summary table in a single query: the rows come
 * back grouped by (current or previous, month, keys), so a financial year with its comparison is at most 24 rows
 * per key whatever the number of orders or days. The dashboard used to read ~730 day rows per table (two reads of
 * metric_closed_days) and fold them per KPI in JS; its cost grew with the span and the number of KPIs.
 *
 * The previous period always ends the day before the current one starts (previousPeriod), so one day range covers
 * both and `day >= current.from` tells them apart. Grouping is by position: PostgreSQL does not see two bound copies
 * of a parameter as one expression.
 */
export async function periodSums(
  database: Database,
  table: PeriodTable,
  current: Period,
  previous: Period,
): Promise<PeriodRow[]> {
  const { keys, sums } = TABLES[table] as { keys: readonly string[]; sums: readonly string[] };
  const keyList = keys.map((k) => `, ${k}`).join('');
  const sumList = sums.map((c) => `, sum(${c}) as ${c}`).join('');
  const groupBy = ['1', '2', ...keys.map((_, i) => String(i + 3))].join(', ');
  const r = await sql<Record<string, unknown>>`
    select case when day >= ${current.from} then 1 else 0 end as cur, substr(day, 1, 7) as month${sql.raw(keyList)}${sql.raw(sumList)}
    from ${sql.raw(table)} where day >= ${previous.from} and day <= ${current.to}
    group by ${sql.raw(groupBy)}`.execute(database.db);
  return r.rows.map((row) => ({
    current: Number(row.cur) === 1,
    month: String(row.month),
    keys: Object.fromEntries(keys.map((k) => [k, String(row[k])])),
    sums: Object.fromEntries(sums.map((c) => [c, row[c] === null || row[c] === undefined ? 0 : Number(row[c])])),
  }));
}
