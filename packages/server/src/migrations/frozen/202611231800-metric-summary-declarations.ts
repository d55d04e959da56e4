/**
 * FROZEN for migration 202611231800-create-metric-summaries (the declarations; the SQL generated from them is in
 * 202611231800-metric-summaries.ts): a copy of contexts/analytics/metric-summaries/summary-sql.ts and
 * of the installer in summaries.ts (with the domain's zone-offset rule that sqliteModifier used) as they stood at
 * commit 0f45016 (issue 19), when migrations stopped importing module code. What this generates is what the
 * migration has always installed on a fresh database; never edit it to follow the module. A change to a summary
 * ships as a new migration carrying its own frozen SQL (as 202612050900-bill-orders-through-invoices does).
 *
 * The module's notes on the design: summary tables for the dashboard and reports, kept by database triggers in the
 * same transaction as every write to their sources (orders, settlement entries, payments, invoices), on both
 * dialects; each summary is declared once and the SQL for both dialects (trigger bodies, rebuild) is generated from
 * that declaration. Business-local days: PostgreSQL converts with the zone name; SQLite adds the zone's fixed offset.
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

// ---- expressions shared by the declarations

export const ZONE = 'metric_zone';
const CLOSED = `('completed', 'failed')`;

export function localDay(column: string, d: SummaryDialect): string {
  return d === 'postgres'
    ? `to_char(${column} at time zone (select time_zone from ${ZONE} where id = 1), 'YYYY-MM-DD')`
    : `date(${column}, (select sqlite_modifier from ${ZONE} where id = 1))`;
}

function dateText(column: string, d: SummaryDialect): string {
  return d === 'postgres' ? `to_char(${column}, 'YYYY-MM-DD')` : column;
}

/** The financial year (its starting calendar year, as text) of a yyyy-mm-dd day expression. */
function fyOf(day: string): string {
  const year = `cast(substr(${day}, 1, 4) as integer)`;
  return `cast(case when cast(substr(${day}, 6, 2) as integer) >= (select fy_start_month from ${ZONE} where id = 1)
    then ${year} else ${year} - 1 end as text)`;
}

/**
 * An order's revenue before GST (domain settlements amountDue): its fees, or its base charges once failed. Booked
 * revenue counts this, as GST is never revenue; what the client owes (GST included) is the stored amount due.
 */
const revenueOf = (r: Row) =>
  `(case when ${r}.stage_code = 'failed' then ${r}.base_charges_paise else ${r}.fees_paise end)`;
/** What the client owes on an order, GST included: the column order-money's recompute keeps (amount_due_paise). */
const amountDue = (r: Row) => `${r}.amount_due_paise`;
const isClosed = (r: Row) => `${r}.stage_code in ${CLOSED} and ${r}.closed_at is not null`;
const isCompleted = (r: Row) => `${r}.stage_code = 'completed'`;
const sign = (r: Row) => `(case when ${r}.type = 'credit_note' then -1 else 1 end)`;

function seconds(start: string, end: string, d: SummaryDialect): string {
  return d === 'postgres'
    ? `cast(round(extract(epoch from (${end} - ${start}))) as bigint)`
    : `cast(round((julianday(${end}) - julianday(${start})) * 86400) as integer)`;
}

const entrySum = (r: Row, column: string) =>
  `(select coalesce(sum(e.${column}), 0) from settlement_entries e where e.order_id = ${r}.id)`;

const v = (name: string, expr: (r: Row, d: SummaryDialect) => string): Column => ({ name, expr });
const k = v;

// ---- the tables

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

const closedDay = (r: Row, d: SummaryDialect) => localDay(`${r}.closed_at`, d);

function partyPeriod(role: 'client' | 'partner', grain: 'month' | 'fy'): Contribution {
  const column = role === 'client' ? 'client_id' : 'partner_id';
  return {
    name: `metric_party_${role}_${grain}`,
    table: 'metric_party_periods',
    source: 'orders',
    watch: ['stage_code', 'closed_at', 'fees_paise', 'base_charges_paise', column],
    keys: [
      k('role', () => `'${role}'`),
      k('grain', () => `'${grain}'`),
      k('period', (r, d) => (grain === 'month' ? `substr(${closedDay(r, d)}, 1, 7)` : fyOf(closedDay(r, d)))),
      k('party_id', (r) => `${r}.${column}`),
    ],
    values: [v('orders', () => '1'), v('amount', (r) => revenueOf(r))],
    where: (r) => `${isClosed(r)} and ${r}.${column} is not null`,
  };
}

const isOpen = (r: Row) => `${r}.status = 'issued' and ${r}.type <> 'credit_note' and ${r}.balance_due_paise > 0`;

function openBalance(name: string, table: string, keys: Column[], watch: string[]): Contribution {
  return {
    name,
    table,
    source: 'invoices',
    watch: ['status', 'type', 'direction', 'balance_due_paise', ...watch],
    keys: [k('direction', (r) => `${r}.direction`), ...keys],
    values: [v('documents', () => '1'), v('balance', (r) => `${r}.balance_due_paise`)],
    where: isOpen,
  };
}

export const CONTRIBUTIONS: Contribution[] = [
  {
    name: 'metric_closed_orders',
    table: 'metric_closed_days',
    source: 'orders',
    watch: ['stage_code', 'closed_at', 'created_at', 'fees_paise', 'base_charges_paise', 'due_date'],
    keys: [k('day', closedDay)],
    values: [
      v('closed', () => '1'),
      v('booked', (r) => revenueOf(r)),
      v('completed', (r) => `(case when ${isCompleted(r)} then 1 else 0 end)`),
      v('with_due', (r) => `(case when ${isCompleted(r)} and ${r}.due_date is not null then 1 else 0 end)`),
      v(
        'on_time',
        (r, d) =>
          `(case when ${isCompleted(r)} and ${r}.due_date is not null and ${closedDay(r, d)} <= ${dateText(`${r}.due_date`, d)} then 1 else 0 end)`,
      ),
      v(
        'completion_seconds',
        (r, d) => `(case when ${isCompleted(r)} then ${seconds(`${r}.created_at`, `${r}.closed_at`, d)} else 0 end)`,
      ),
      v('revenue', (r) => entrySum(r, 'revenue_paise')),
      v('expenses', (r) => entrySum(r, 'expenses_paise')),
      v('partner_share', (r) => entrySum(r, 'partner_share_paise')),
      v('business_share', (r) => entrySum(r, 'business_share_paise')),
    ],
    where: isClosed,
  },
  {
    name: 'metric_closed_entries',
    table: 'metric_closed_days',
    source: 'settlement_entries',
    watch: ['order_id', 'revenue_paise', 'expenses_paise', 'partner_share_paise', 'business_share_paise'],
    keys: [k('day', (r, d) => localDay(`(select o.closed_at from orders o where o.id = ${r}.order_id)`, d))],
    values: [
      v('revenue', (r) => `${r}.revenue_paise`),
      v('expenses', (r) => `${r}.expenses_paise`),
      v('partner_share', (r) => `${r}.partner_share_paise`),
      v('business_share', (r) => `${r}.business_share_paise`),
    ],
    where: (r) =>
      `exists (select 1 from orders o where o.id = ${r}.order_id and o.stage_code in ${CLOSED} and o.closed_at is not null)`,
    rebuild: false,
  },
  {
    name: 'metric_created_orders',
    table: 'metric_created_days',
    source: 'orders',
    watch: ['created_at', 'stage_code', 'fees_paise', 'amount_due_paise', 'amount_received_paise'],
    keys: [k('day', (r, d) => localDay(`${r}.created_at`, d)), k('stage_code', (r) => `${r}.stage_code`)],
    values: [
      v('created', () => '1'),
      v(
        'unrealized',
        (r) =>
          `(case when ${amountDue(r)} > ${r}.amount_received_paise then ${amountDue(r)} - ${r}.amount_received_paise else 0 end)`,
      ),
      v('pipeline', (r) => `(case when ${r}.stage_code in ${CLOSED} then 0 else ${r}.fees_paise end)`),
    ],
    where: () => '1 = 1',
  },
  {
    // Collected: every payment received from a customer (order receipts are payments too), by payment date,
    // excluding TDS (deducted, not received). Installed by migration 202612050900, which freezes this SQL.
    name: 'metric_payments_received',
    table: 'metric_receipt_days',
    source: 'payments',
    watch: ['direction', 'date', 'amount_paise'],
    keys: [k('day', (r, d) => dateText(`${r}.date`, d))],
    values: [v('amount', (r) => `${r}.amount_paise`)],
    where: (r) => `${r}.direction = 'received'`,
  },
  {
    name: 'metric_invoices',
    table: 'metric_invoice_days',
    source: 'invoices',
    watch: ['status', 'date', 'direction', 'type', 'taxable_paise', 'total_tax_paise', 'itc_eligibility', 'order_id'],
    keys: [k('day', (r, d) => dateText(`${r}.date`, d)), k('direction', (r) => `${r}.direction`)],
    values: [
      v('documents', () => '1'),
      v('taxable', (r) => `${sign(r)} * ${r}.taxable_paise`),
      v('tax', (r) => `${sign(r)} * ${r}.total_tax_paise`),
      v(
        'eligible_tax',
        (r) => `(case when ${r}.itc_eligibility = 'ineligible' then 0 else ${sign(r)} * ${r}.total_tax_paise end)`,
      ),
      v('trading_taxable', (r) => `(case when ${r}.order_id is null then ${sign(r)} * ${r}.taxable_paise else 0 end)`),
    ],
    where: (r) => `${r}.status = 'issued'`,
  },
  {
    name: 'metric_outstanding_docs',
    table: 'metric_outstanding',
    source: 'invoices',
    watch: ['status', 'type', 'direction', 'balance_due_paise'],
    keys: [k('direction', (r) => `${r}.direction`)],
    values: [v('documents', () => '1'), v('balance', (r) => `${r}.balance_due_paise`)],
    where: isOpen,
  },
  openBalance('metric_open_by_party', 'metric_open_parties', [k('party_id', (r) => `${r}.party_id`)], ['party_id']),
  openBalance(
    'metric_open_by_due_day',
    'metric_open_due_days',
    [
      k('day', (r, d) => `coalesce(${dateText(`${r}.due_date`, d)}, ${dateText(`${r}.date`, d)})`),
      k('basis', (r) => `(case when ${r}.due_date is null then 'date' else 'due' end)`),
    ],
    ['due_date', 'date'],
  ),
  partyPeriod('client', 'month'),
  partyPeriod('client', 'fy'),
  partyPeriod('partner', 'month'),
  partyPeriod('partner', 'fy'),
];
