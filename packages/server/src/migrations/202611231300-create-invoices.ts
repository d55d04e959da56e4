import { sql } from 'kysely';
import { columnTypes, idType, isPostgres, withIdColumn, type MigrationDb } from '../platform/db/columns';

/** Money columns every document and line carries, in paise: the engine's computed values, so SQL can sum them. */
const AMOUNT_COLUMNS = [
  'gross_paise',
  'discount_paise',
  'taxable_paise',
  'cgst_paise',
  'sgst_paise',
  'igst_paise',
  'cess_ad_valorem_paise',
  'cess_non_ad_valorem_paise',
  'cess_paise',
] as const;

/**
 * GST documents (sales invoices, purchase bills, credit and debit notes) with their computed lines, payments in both
 * directions with their allocations, and period locks.
 */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  const id = idType(db);

  let invoices = withIdColumn(db, db.schema.createTable('invoices'))
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('sales', 'purchase', 'credit_note', 'debit_note')`),
    )
    .addColumn('kind', 'text', (c) =>
      c.check(sql`kind is null or kind in ('tax_invoice', 'bill_of_supply', 'export_invoice')`),
    )
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('receivable', 'payable')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'issued', 'cancelled')`))
    .addColumn('number', 'text')
    // The number_series document type the number came from (null for payable documents: the supplier's number).
    .addColumn('series', 'text')
    .addColumn('sequence', t.bigint)
    .addColumn('financial_year', 'text', (c) => c.notNull())
    .addColumn('date', t.date, (c) => c.notNull())
    .addColumn('due_date', t.date)
    .addColumn('party_id', id, (c) => c.notNull().references('parties.id'))
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('party_gstin', 'text')
    .addColumn('party_state_code', 'text')
    .addColumn('party_snapshot', t.jsonText, (c) => c.notNull())
    .addColumn('business_registration_id', id, (c) => c.references('business_registrations.id'))
    .addColumn('business_gstin', 'text')
    .addColumn('business_state_code', 'text', (c) => c.notNull())
    .addColumn('business_snapshot', t.jsonText, (c) => c.notNull())
    .addColumn('place_of_supply', 'text', (c) => c.notNull())
    .addColumn('supplier_state_code', 'text', (c) => c.notNull())
    .addColumn('supply_kind', 'text', (c) => c.notNull())
    .addColumn('regime', 'text', (c) =>
      c.notNull().check(sql`regime in ('CGST_SGST', 'CGST_UTGST', 'IGST', 'IGST_ZERO_RATED_LUT')`),
    )
    .addColumn('is_inter_state', t.boolean, (c) => c.notNull())
    .addColumn('is_zero_rated', t.boolean, (c) => c.notNull())
    .addColumn('is_igst_on_intra', t.boolean, (c) => c.notNull())
    .addColumn('regime_override_reason', 'text')
    .addColumn('reverse_charge', t.boolean, (c) => c.notNull())
    .addColumn('round_to_rupee', t.boolean, (c) => c.notNull())
    .addColumn('original_invoice_id', id, (c) => c.references('invoices.id'))
    .addColumn('note_reason', 'text')
    .addColumn('supplier_number', 'text')
    .addColumn('supplier_date', t.date)
    .addColumn('itc_eligibility', 'text', (c) =>
      c.check(sql`itc_eligibility is null or itc_eligibility in ('eligible', 'ineligible', 'partial')`),
    )
    .addColumn('itc_reason', 'text')
    .addColumn('export_details', t.jsonText)
    // The order this document bills. TODO(orders FK): a foreign key to orders.id once the orders table settles.
    .addColumn('order_id', id)
    .addColumn('notes', 'text')
    .addColumn('terms', 'text');
  for (const column of AMOUNT_COLUMNS) invoices = invoices.addColumn(column, t.bigint, (c) => c.notNull());
  await invoices
    .addColumn('other_charges_paise', t.bigint, (c) => c.notNull())
    .addColumn('total_tax_paise', t.bigint, (c) => c.notNull())
    .addColumn('round_off_paise', t.bigint, (c) => c.notNull())
    .addColumn('grand_total_paise', t.bigint, (c) => c.notNull())
    // Denormalised settlement state, written only by the service in the transaction that changes its inputs.
    .addColumn('amount_paid_paise', t.bigint, (c) => c.notNull())
    .addColumn('amount_credited_paise', t.bigint, (c) => c.notNull())
    .addColumn('balance_due_paise', t.bigint, (c) => c.notNull())
    .addColumn('payment_status', 'text', (c) =>
      c.check(sql`payment_status is null or payment_status in ('unpaid', 'partial', 'paid')`),
    )
    .addColumn('irn', 'text')
    .addColumn('ack_no', 'text')
    .addColumn('ack_date', 'text')
    .addColumn('signed_qr_code', 'text')
    .addColumn('einvoice_status', 'text')
    .addColumn('issued_at', t.timestamp)
    .addColumn('cancelled_at', t.timestamp)
    .addColumn('cancel_reason', 'text')
    .addColumn('created_by', id)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  // Lists sort by date (default), number, total, balance or due date, always with id as the tie-break; filters by
  // type, direction/status, party, original and order. Sized for a million documents.
  const indexes: [string, string[]][] = [
    ['invoices_date_idx', ['date', 'id']],
    ['invoices_type_date_idx', ['type', 'date', 'id']],
    ['invoices_direction_status_date_idx', ['direction', 'status', 'date', 'id']],
    ['invoices_status_date_idx', ['status', 'date', 'id']],
    ['invoices_party_date_idx', ['party_id', 'date', 'id']],
    ['invoices_number_idx', ['number', 'id']],
    ['invoices_total_idx', ['grand_total_paise', 'id']],
    ['invoices_balance_idx', ['balance_due_paise', 'id']],
    // Overdue and ageing: issued documents of one direction with a balance, by due date.
    ['invoices_due_idx', ['direction', 'status', 'due_date', 'id']],
    ['invoices_original_idx', ['original_invoice_id']],
    ['invoices_order_idx', ['order_id']],
    // GSTR-1 reads issued documents of a month.
    ['invoices_fy_series_idx', ['financial_year', 'series', 'sequence']],
  ];
  for (const [name, columns] of indexes) await db.schema.createIndex(name).on('invoices').columns(columns).execute();
  // A number is never handed out twice within a series and financial year.
  await db.schema
    .createIndex('invoices_series_seq_uq')
    .on('invoices')
    .columns(['series', 'financial_year', 'sequence'])
    .unique()
    .execute();

  // The list's `q` matches a number prefix with LIKE: PostgreSQL needs text_pattern_ops for that outside the C
  // locale, and SQLite's case-insensitive LIKE uses only a NOCASE index.
  if (isPostgres(db)) {
    await sql`create index invoices_number_prefix_idx on invoices (number text_pattern_ops)`.execute(db);
  } else {
    await sql`create index invoices_number_prefix_idx on invoices (number collate nocase)`.execute(db);
  }

  let lines = withIdColumn(db, db.schema.createTable('invoice_lines'))
    .addColumn('invoice_id', id, (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('item_id', id, (c) => c.references('items.id'))
    .addColumn('original_line_id', id, (c) => c.references('invoice_lines.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('hsn_sac', 'text', (c) => c.notNull())
    .addColumn('quantity_milli', t.bigint, (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('rate_paise', t.bigint, (c) => c.notNull())
    .addColumn('discount_type', 'text', (c) =>
      c.check(sql`discount_type is null or discount_type in ('percent', 'amount')`),
    )
    // Basis points for a percentage, paise for an amount.
    .addColumn('discount_value', t.bigint)
    .addColumn('gst_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('cess_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('cess_per_unit_paise', t.bigint, (c) => c.notNull());
  for (const column of AMOUNT_COLUMNS) lines = lines.addColumn(column, t.bigint, (c) => c.notNull());
  await lines.addColumn('total_paise', t.bigint, (c) => c.notNull()).execute();
  await db.schema
    .createIndex('invoice_lines_invoice_idx')
    .on('invoice_lines')
    .columns(['invoice_id', 'position'])
    .execute();
  await db.schema.createIndex('invoice_lines_original_idx').on('invoice_lines').column('original_line_id').execute();
  await db.schema.createIndex('invoice_lines_hsn_idx').on('invoice_lines').column('hsn_sac').execute();

  await withIdColumn(db, db.schema.createTable('payments'))
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('received', 'made')`))
    .addColumn('party_id', id, (c) => c.notNull().references('parties.id'))
    .addColumn('date', t.date, (c) => c.notNull())
    .addColumn('amount_paise', t.bigint, (c) => c.notNull().check(sql`amount_paise > 0`))
    .addColumn('tds_paise', t.bigint, (c) => c.notNull().check(sql`tds_paise >= 0`))
    .addColumn('mode', 'text', (c) =>
      c.notNull().check(sql`mode in ('cash', 'bank_transfer', 'upi', 'cheque', 'card', 'other')`),
    )
    .addColumn('reference', 'text')
    .addColumn('notes', 'text')
    .addColumn('allocated_paise', t.bigint, (c) => c.notNull())
    .addColumn('created_by', id)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payments_date_idx').on('payments').columns(['date', 'id']).execute();
  await db.schema.createIndex('payments_party_date_idx').on('payments').columns(['party_id', 'date', 'id']).execute();
  await db.schema
    .createIndex('payments_direction_date_idx')
    .on('payments')
    .columns(['direction', 'date', 'id'])
    .execute();
  await db.schema.createIndex('payments_reference_idx').on('payments').column('reference').execute();

  await db.schema
    .createTable('payment_allocations')
    .addColumn('payment_id', id, (c) => c.notNull().references('payments.id').onDelete('cascade'))
    .addColumn('invoice_id', id, (c) => c.notNull().references('invoices.id'))
    .addColumn('amount_paise', t.bigint, (c) => c.notNull().check(sql`amount_paise > 0`))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_allocations_pk', ['payment_id', 'invoice_id'])
    .execute();
  await db.schema
    .createIndex('payment_allocations_invoice_idx')
    .on('payment_allocations')
    .column('invoice_id')
    .execute();

  await db.schema
    .createTable('period_locks')
    .addColumn('period', 'text', (c) => c.primaryKey())
    .addColumn('locked_at', t.timestamp, (c) => c.notNull())
    .addColumn('locked_by_id', id)
    .addColumn('locked_by_name', 'text')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of ['period_locks', 'payment_allocations', 'payments', 'invoice_lines', 'invoices']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
