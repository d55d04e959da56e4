import type { Period } from '@bizdash/domain/metrics/definitions';
import { sql } from 'kysely';
import type { Database } from '../../platform/db/database';

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
export interface PeriodRow {
  current: boolean;
  month: string;
  keys: Record<string, string>;
  sums: Record<string, number>;
}

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

/** Σ of `column` over the rows of one side (current or previous), optionally of one key value. */
export function total(
  rows: readonly PeriodRow[],
  current: boolean,
  column: string,
  key?: { name: string; value: string },
): number {
  let out = 0;
  for (const row of rows) {
    if (row.current !== current) continue;
    if (key && row.keys[key.name] !== key.value) continue;
    out += row.sums[column] ?? 0;
  }
  return out;
}

/** Σ of `column` per month of the current period, optionally of one key value. */
export function byMonth(
  rows: readonly PeriodRow[],
  column: string,
  key?: { name: string; value: string },
): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of rows) {
    if (!row.current) continue;
    if (key && row.keys[key.name] !== key.value) continue;
    out.set(row.month, (out.get(row.month) ?? 0) + (row.sums[column] ?? 0));
  }
  return out;
}
