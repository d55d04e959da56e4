import { sql } from 'kysely';
import type { MigrationDb } from '../platform/db/columns';

/**
 * Covering indexes for the dashboard and the reports (docs/metrics.md): each aggregate reads one index range for
 * the period and never touches the table rows. Plain SQL over these stays within the targets on a financial year
 * of generated data (see docs/benchmarks.md), so no summary tables are kept.
 */
const INDEXES: [name: string, table: string, columns: string[]][] = [
  // Orders closed in a period: booked revenue, on-time, completion days, top clients/partners, turnaround groups.
  // stage_code first: the queries say stage_code in ('completed', 'failed') and a closed_at range, and without
  // statistics SQLite prefers any index whose first column is compared for equality (orders_stage_due_idx).
  [
    'orders_closed_report_idx',
    'orders',
    [
      'stage_code',
      'closed_at',
      'fees_paise',
      'base_charges_paise',
      'created_at',
      'due_date',
      'client_id',
      'partner_id',
      'order_type_id',
      'assignee_id',
    ],
  ],
  // Orders created in a period: unrealized revenue, pipeline, orders by stage.
  [
    'orders_created_report_idx',
    'orders',
    ['created_at', 'stage_code', 'fees_paise', 'base_charges_paise', 'amount_received_paise'],
  ],
  // Collected in a period.
  ['order_receipts_date_amount_idx', 'order_receipts', ['date', 'amount_paise']],
  // Settlement totals of the orders closed in a period (looked up per order).
  [
    'settlement_entries_order_report_idx',
    'settlement_entries',
    ['order_id', 'partner_id', 'revenue_paise', 'expenses_paise', 'partner_share_paise', 'business_share_paise'],
  ],
  // Sales, purchases, GST by day and the registers.
  [
    'invoices_report_idx',
    'invoices',
    [
      'status',
      'date',
      'direction',
      'type',
      'itc_eligibility',
      'order_id',
      'taxable_paise',
      'total_tax_paise',
      'cgst_paise',
      'sgst_paise',
      'igst_paise',
      'cess_paise',
      'grand_total_paise',
    ],
  ],
  // Tax liability by rate: the lines of the period's documents, without visiting the line rows.
  [
    'invoice_lines_rate_report_idx',
    'invoice_lines',
    ['invoice_id', 'gst_rate_bp', 'taxable_paise', 'cgst_paise', 'sgst_paise', 'igst_paise', 'cess_paise'],
  ],
];

export async function up(db: MigrationDb): Promise<void> {
  for (const [name, table, columns] of INDEXES) await db.schema.createIndex(name).on(table).columns(columns).execute();
  // Receivables, payables and overdue invoices: only documents with something still due, a small set.
  await sql`create index invoices_open_balance_idx on invoices (direction, due_date, type, balance_due_paise, id)
    where status = 'issued' and balance_due_paise > 0`.execute(db);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('invoices_open_balance_idx').execute();
  for (const [name] of [...INDEXES].reverse()) await db.schema.dropIndex(name).execute();
}
