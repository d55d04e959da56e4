import { sql, type CreateTableBuilder } from 'kysely';
import { columnTypes, idType, withIdColumn, type MigrationDb } from '../platform/db/columns';

/**
 * Quotations, proforma invoices and delivery challans (issue 20). Their own tables, not rows of `invoices`: they
 * are not supplies, so nothing that reads invoices (GSTR-1, the ledger posting, receivables) may ever see them.
 * Tax and total columns repeat the invoice names so one mapping reads both.
 *
 * Public view links get their own table rather than a new kind in public_links: that table's kind CHECK cannot be
 * changed on SQLite without rebuilding a table other modules write to, and these links also carry an answer
 * (accept/decline) that upload and invoice links do not.
 */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  const id = idType(db);
  // Widened: the money columns are added in a loop, which the builder's column-name type cannot follow.
  let docs: CreateTableBuilder<string, string> = withIdColumn(db, db.schema.createTable('sales_documents'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('quotation', 'proforma', 'delivery_challan')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'sent', 'accepted', 'declined', 'expired', 'converted', 'cancelled')`),
    )
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('sequence', t.bigint, (c) => c.notNull())
    .addColumn('financial_year', 'text', (c) => c.notNull())
    .addColumn('date', t.date, (c) => c.notNull())
    .addColumn('valid_until', t.date)
    .addColumn('party_id', id, (c) => c.notNull().references('parties.id'))
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('party_gstin', 'text')
    .addColumn('party_state_code', 'text')
    .addColumn('party_snapshot', t.jsonText, (c) => c.notNull())
    .addColumn('business_registration_id', id)
    .addColumn('business_gstin', 'text')
    .addColumn('business_state_code', 'text', (c) => c.notNull())
    .addColumn('business_snapshot', t.jsonText, (c) => c.notNull())
    .addColumn('place_of_supply', 'text', (c) => c.notNull())
    .addColumn('supplier_state_code', 'text', (c) => c.notNull())
    .addColumn('supply_kind', 'text', (c) => c.notNull())
    .addColumn('regime', 'text', (c) => c.notNull())
    .addColumn('is_inter_state', t.boolean, (c) => c.notNull())
    .addColumn('is_zero_rated', t.boolean, (c) => c.notNull())
    .addColumn('is_igst_on_intra', t.boolean, (c) => c.notNull())
    .addColumn('regime_override_reason', 'text')
    .addColumn('reverse_charge', t.boolean, (c) => c.notNull())
    .addColumn('round_to_rupee', t.boolean, (c) => c.notNull())
    .addColumn('order_type_id', id, (c) => c.references('order_types.id'))
    .addColumn('partner_id', id, (c) => c.references('parties.id'))
    .addColumn('challan_reason', 'text')
    .addColumn('transport', 'text')
    .addColumn('notes', 'text')
    .addColumn('terms', 'text');
  for (const name of [
    'gross_paise',
    'discount_paise',
    'taxable_paise',
    'cgst_paise',
    'sgst_paise',
    'igst_paise',
    'cess_ad_valorem_paise',
    'cess_non_ad_valorem_paise',
    'cess_paise',
    'other_charges_paise',
    'total_tax_paise',
    'round_off_paise',
    'grand_total_paise',
  ])
    docs = docs.addColumn(name, t.bigint, (c) => c.notNull().defaultTo(0));
  await docs
    .addColumn('converted_invoice_id', id, (c) => c.references('invoices.id'))
    .addColumn('converted_order_id', id, (c) => c.references('orders.id'))
    .addColumn('sent_at', t.timestamp)
    .addColumn('responded_at', t.timestamp)
    .addColumn('response_note', 'text')
    .addColumn('created_by', id)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  // The lists: one kind, newest first, optionally one status or one party.
  await db.schema
    .createIndex('sales_documents_kind_date')
    .on('sales_documents')
    .columns(['kind', 'date', 'id'])
    .execute();
  await db.schema
    .createIndex('sales_documents_kind_status')
    .on('sales_documents')
    .columns(['kind', 'status', 'date'])
    .execute();
  await db.schema.createIndex('sales_documents_party').on('sales_documents').columns(['party_id', 'date']).execute();
  await db.schema.createIndex('sales_documents_number').on('sales_documents').columns(['number']).execute();

  let lines: CreateTableBuilder<string, string> = withIdColumn(db, db.schema.createTable('sales_document_lines'))
    .addColumn('document_id', id, (c) => c.notNull().references('sales_documents.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('item_id', id, (c) => c.references('items.id'))
    .addColumn('original_line_id', id)
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('hsn_sac', 'text', (c) => c.notNull())
    .addColumn('quantity_milli', t.bigint, (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('rate_paise', t.bigint, (c) => c.notNull())
    .addColumn('discount_type', 'text')
    .addColumn('discount_value', t.bigint)
    .addColumn('gst_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('cess_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('cess_per_unit_paise', t.bigint, (c) => c.notNull())
    .addColumn('taxability', 'text', (c) => c.notNull());
  for (const name of [
    'gross_paise',
    'discount_paise',
    'taxable_paise',
    'cgst_paise',
    'sgst_paise',
    'igst_paise',
    'cess_ad_valorem_paise',
    'cess_non_ad_valorem_paise',
    'cess_paise',
    'total_paise',
    'converted_quantity_milli',
  ])
    lines = lines.addColumn(name, t.bigint, (c) => c.notNull().defaultTo(0));
  await lines.execute();
  await db.schema
    .createIndex('sales_document_lines_doc')
    .on('sales_document_lines')
    .columns(['document_id', 'position'])
    .execute();

  await withIdColumn(db, db.schema.createTable('sales_document_conversions'))
    .addColumn('document_id', id, (c) => c.notNull().references('sales_documents.id'))
    .addColumn('invoice_id', id, (c) => c.notNull().references('invoices.id'))
    .addColumn('quantities', t.jsonText, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sales_document_conversions_doc')
    .on('sales_document_conversions')
    .columns(['document_id'])
    .execute();
  await db.schema
    .createIndex('sales_document_conversions_invoice')
    .on('sales_document_conversions')
    .columns(['invoice_id'])
    .execute();

  await db.schema
    .createTable('sales_document_advances')
    .addColumn('document_id', id, (c) => c.notNull().references('sales_documents.id'))
    .addColumn('payment_id', id, (c) => c.notNull().references('payments.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('sales_document_advances_pk', ['document_id', 'payment_id'])
    .execute();

  await withIdColumn(db, db.schema.createTable('sales_document_links'))
    .addColumn('document_id', id, (c) => c.notNull().references('sales_documents.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('revoked_at', t.timestamp)
    .addColumn('created_by', id)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_used_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('sales_document_links_doc')
    .on('sales_document_links')
    .columns(['document_id', 'created_at'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('sales_document_links').execute();
  await db.schema.dropTable('sales_document_advances').execute();
  await db.schema.dropTable('sales_document_conversions').execute();
  await db.schema.dropTable('sales_document_lines').execute();
  await db.schema.dropTable('sales_documents').execute();
}
