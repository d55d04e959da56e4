import { startOfLocalDay } from '@bizdash/domain/orders/calendar';
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../../platform/db/database';
import type { Span } from './periods';

/**
 * The SQL side of the definitions in @bizdash/domain/metrics/definitions: each query aggregates one source by
 * business-local day over a span (usually the previous period through the current one), so one index range scan
 * serves the KPIs of both periods and the monthly charts. Day buckets are folded into periods and months in JS.
 * The integration test checks every figure against the domain functions over the raw rows. Grouping is by
 * position (group by 1): PostgreSQL does not see two bound copies of the time-zone parameter as one expression.
 */

/** Offset of the zone in minutes (India has no daylight saving: one offset serves every date). */
export function zoneOffsetMinutes(timeZone: string): number {
  const start = startOfLocalDay('2026-01-01', timeZone);
  return Math.round((Date.parse('2026-01-01T00:00:00.000Z') - Date.parse(start)) / 60_000);
}

/** The business-local date (yyyy-mm-dd text) of a timestamp column. */
export function localDaySql(database: Database, column: string, timeZone: string): RawBuilder<string> {
  if (database.dialect === 'postgres') {
    return sql<string>`to_char(${sql.ref(column)} at time zone ${timeZone}, 'YYYY-MM-DD')`;
  }
  return sql<string>`date(${sql.ref(column)}, ${`${zoneOffsetMinutes(timeZone)} minutes`})`;
}

/** A date column as yyyy-mm-dd text (PostgreSQL date columns come back as Date objects otherwise). */
export function dateText(database: Database, column: string): RawBuilder<string> {
  return database.dialect === 'postgres'
    ? sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`
    : sql<string>`${sql.ref(column)}`;
}

/** Days between two timestamp columns, fractional. */
export function daysBetweenSql(database: Database, start: string, end: string): RawBuilder<number> {
  return database.dialect === 'postgres'
    ? sql<number>`extract(epoch from (${sql.ref(end)} - ${sql.ref(start)})) / 86400.0`
    : sql<number>`(julianday(${sql.ref(end)}) - julianday(${sql.ref(start)}))`;
}

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * The day-bucketed figures below read the summary tables (contexts/analytics/metric-summaries), which triggers keep in the
 * same transaction as every write to orders, settlement entries, payments and invoices. A read costs one row per
 * day of the span, whatever the number of orders: the FY dashboard at a million orders and invoices reads about
 * 730 rows per table instead of aggregating 600k orders (docs/benchmarks.md).
 */
const between = (span: Span) => sql`day >= ${span.from} and day <= ${span.to}`;

export interface ClosedDay {
  day: string;
  closed: number;
  booked: number;
  completed: number;
  /** Completed with a due date / on or before it. */
  withDue: number;
  onTime: number;
  /** Σ days from creation (the first `received`) to closing, over completed orders. */
  completionDaysSum: number;
}

/** Orders completed or failed, by local closing day. */
export async function closedByDay(database: Database, span: Span): Promise<ClosedDay[]> {
  const r = await sql<Record<string, unknown>>`
    select day, closed, booked, completed, with_due, on_time, completion_seconds
    from metric_closed_days where ${between(span)} and closed <> 0`.execute(database.db);
  return r.rows.map((x) => ({
    day: String(x.day),
    closed: n(x.closed),
    booked: n(x.booked),
    completed: n(x.completed),
    withDue: n(x.with_due),
    onTime: n(x.on_time),
    completionDaysSum: n(x.completion_seconds) / 86_400,
  }));
}

export interface CreatedDay {
  day: string;
  stage: string;
  created: number;
  unrealized: number;
  pipeline: number;
}

/** Orders created, by local day and current stage: unrealized balance and pipeline (open fees). */
export async function createdByDay(database: Database, span: Span): Promise<CreatedDay[]> {
  const r = await sql<Record<string, unknown>>`
    select day, stage_code, created, unrealized, pipeline
    from metric_created_days where ${between(span)} and created <> 0`.execute(database.db);
  return r.rows.map((x) => ({
    day: String(x.day),
    stage: String(x.stage_code),
    created: n(x.created),
    unrealized: n(x.unrealized),
    pipeline: n(x.pipeline),
  }));
}

/** Collected: payments received from customers (order receipts among them), by payment date, excluding TDS. */
export async function receiptsByDay(database: Database, span: Span): Promise<{ day: string; amount: number }[]> {
  const r = await sql<Record<string, unknown>>`
    select day, amount from metric_receipt_days where ${between(span)}`.execute(database.db);
  return r.rows.map((x) => ({ day: String(x.day), amount: n(x.amount) }));
}

export interface SettlementDay {
  day: string;
  revenue: number;
  expenses: number;
  partnerShare: number;
  businessShare: number;
}

/** Every settlement entry (settlement, adjustments; draft or approved) of orders closed, by the order's closing day. */
export async function settlementsByDay(database: Database, span: Span): Promise<SettlementDay[]> {
  const r = await sql<Record<string, unknown>>`
    select day, revenue, expenses, partner_share, business_share
    from metric_closed_days where ${between(span)}`.execute(database.db);
  return r.rows.map((x) => ({
    day: String(x.day),
    revenue: n(x.revenue),
    expenses: n(x.expenses),
    partnerShare: n(x.partner_share),
    businessShare: n(x.business_share),
  }));
}

export interface InvoiceDay {
  day: string;
  direction: 'receivable' | 'payable';
  /** Signed: credit notes negative. */
  taxable: number;
  tax: number;
  /** Tax of documents whose ITC is not ineligible (payable side). */
  eligibleTax: number;
  /** Taxable value of documents not linked to an order (receivable side: trading sales for the P&L). */
  tradingTaxable: number;
}

/** Issued GST documents by date and direction, net of notes. */
export async function invoicesByDay(database: Database, span: Span): Promise<InvoiceDay[]> {
  const r = await sql<Record<string, unknown>>`
    select day, direction, taxable, tax, eligible_tax, trading_taxable
    from metric_invoice_days where ${between(span)} and documents <> 0`.execute(database.db);
  return r.rows.map((x) => ({
    day: String(x.day),
    direction: x.direction as InvoiceDay['direction'],
    taxable: n(x.taxable),
    tax: n(x.tax),
    eligibleTax: n(x.eligible_tax),
    tradingTaxable: n(x.trading_taxable),
  }));
}

/**
 * SQLite picks indexes without statistics and prefers invoices_status_date_idx (status = ?) to the small partial
 * index of documents with a balance; the hint names it. PostgreSQL plans by statistics and needs none.
 */
export function openBalanceIndex(database: Database): RawBuilder<unknown> {
  return database.dialect === 'sqlite' ? sql`indexed by invoices_open_balance_idx` : sql``;
}

/** Receivables and payables now: balance due of issued documents other than credit notes. */
export async function outstandingNow(database: Database): Promise<{ receivables: number; payables: number }> {
  const r = await sql<Record<string, unknown>>`select direction, balance from metric_outstanding`.execute(database.db);
  const get = (d: string) => n(r.rows.find((x) => x.direction === d)?.balance);
  return { receivables: get('receivable'), payables: get('payable') };
}
