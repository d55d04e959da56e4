/**
 * Summary tables for the dashboard and reports, kept by database triggers in the same transaction as every write
 * to their sources (orders, settlement entries, payments, invoices), on both dialects.
 *
 * Why triggers rather than ± deltas in each service: the figures come from half a dozen modules, the bench
 * generator and bulk imports; a trigger cannot be forgotten by a new write path, and it runs inside whatever
 * transaction the write runs in. Each summary is declared once below (its key and value expressions over a source
 * row) and the SQL for both dialects is generated from that one declaration: the trigger bodies (take the old
 * row's contribution off, add the new row's), the rebuild from scratch, and the recompute-and-compare check.
 *
 * Business-local days: PostgreSQL converts with the zone name; SQLite has no zone database and adds the zone's
 * fixed offset (India has no daylight saving), the same rule as reports/metrics.repo.ts. The zone, offset and
 * financial-year start live in `metric_zone`; changing them in settings rebuilds every summary (summaries.ts).
 *
 * This is the module's DB layer, split by what it holds: this file declares the tables and the shape of a
 * contribution, summary-contributions.repo.ts what each source row adds to its table, summary-ddl.repo.ts the SQL
 * generated from both (tables, triggers, rebuild, check), and summaries.repo.ts runs that SQL.
 */

export type SummaryDialect = 'sqlite' | 'postgres';

/** A source row reference in generated SQL: NEW/OLD inside a trigger, a table alias in a rebuild. */
export type Row = string;

export interface Column {
  name: string;
  expr: (r: Row, d: SummaryDialect) => string;
}

export interface SummaryTable {
  name: string;
  keys: { name: string; type: 'text' | 'bigint' }[];
  values: string[];
  /** Extra indexes beyond the primary key (column lists). */
  indexes?: { name: string; columns: string }[];
}

export interface Contribution {
  /** Unique name, used for the trigger and function names. */
  name: string;
  table: string;
  source: string;
  /** Columns of the source whose update can change the contribution. */
  watch: string[];
  keys: Column[];
  /** Values this contribution adds; the table's other values get 0. */
  values: Column[];
  where: (r: Row, d: SummaryDialect) => string;
  /**
   * False when another contribution's rebuild already covers these rows (settlement entries are summed by the
   * orders contribution, which must move them when an order closes or reopens).
   */
  rebuild?: boolean;
}

/** The table holding the business zone, its SQLite offset and the financial-year start. */
export const ZONE = 'metric_zone';

export const SUMMARY_TABLES: SummaryTable[] = [
  {
    // Orders completed or failed, by local closing day, with their settlement entries (any status).
    name: 'metric_closed_days',
    keys: [{ name: 'day', type: 'text' }],
    values: [
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
  {
    // Orders by local creation day and current stage: counts, unrealized balance, pipeline.
    name: 'metric_created_days',
    keys: [
      { name: 'day', type: 'text' },
      { name: 'stage_code', type: 'text' },
    ],
    values: ['created', 'unrealized', 'pipeline'],
  },
  {
    name: 'metric_receipt_days',
    keys: [{ name: 'day', type: 'text' }],
    values: ['amount'],
  },
  {
    // Issued GST documents by date and direction, credit notes negative.
    name: 'metric_invoice_days',
    keys: [
      { name: 'day', type: 'text' },
      { name: 'direction', type: 'text' },
    ],
    values: ['documents', 'taxable', 'tax', 'eligible_tax', 'trading_taxable'],
  },
  {
    // Balance due of issued documents other than credit notes, now.
    name: 'metric_outstanding',
    keys: [{ name: 'direction', type: 'text' }],
    values: ['documents', 'balance'],
  },
  {
    // Open documents (balance due, not credit notes) per party now: the largest balances first, for ageing.
    name: 'metric_open_parties',
    keys: [
      { name: 'direction', type: 'text' },
      { name: 'party_id', type: 'bigint' },
    ],
    values: ['documents', 'balance'],
    indexes: [{ name: 'metric_open_parties_top_idx', columns: 'direction, balance desc, party_id' }],
  },
  {
    // Open documents by due date (the document date when there is none, marked basis = 'date'): ageing totals in
    // every bucket, and the count of overdue invoices (basis 'due' only, as the invoices list counts them).
    name: 'metric_open_due_days',
    keys: [
      { name: 'direction', type: 'text' },
      { name: 'day', type: 'text' },
      { name: 'basis', type: 'text' },
    ],
    values: ['documents', 'balance'],
  },
  {
    // Booked revenue of closed orders per client and per partner, by month (yyyy-mm) and financial year (yyyy).
    name: 'metric_party_periods',
    keys: [
      { name: 'role', type: 'text' },
      { name: 'grain', type: 'text' },
      { name: 'period', type: 'text' },
      { name: 'party_id', type: 'bigint' },
    ],
    values: ['orders', 'amount'],
    indexes: [{ name: 'metric_party_periods_top_idx', columns: 'role, grain, period, amount desc, party_id' }],
  },
];
