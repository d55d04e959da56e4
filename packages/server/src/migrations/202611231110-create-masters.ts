import { sql } from 'kysely';
import { columnTypes, idType, withIdColumn, type MigrationDb } from '../platform/db/columns';

/** Columns the business record gains; SQLite adds one column per ALTER TABLE statement. */
const BUSINESS_TEXT_COLUMNS = [
  'legal_name',
  'trade_name',
  'pan',
  'address_line1',
  'address_line2',
  'city',
  'pin',
  'bank_account_name',
  'bank_account_number',
  'bank_ifsc',
  'bank_name',
  'bank_branch',
  'upi_id',
  'invoice_terms',
  'signatory_name',
  // TODO(logo upload): a later slice stores the uploaded file under the data dir and keeps its key here.
  'logo_key',
] as const;

/** Masters of the service business (registrars, companies, document and order types), the items catalogue,
 * the business's settings, extra GST registrations and invoice number series. */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  const id = idType(db);

  await withIdColumn(db, db.schema.createTable('registrars'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('address', 'text')
    .addColumn('website', 'text')
    .addColumn('archived_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('registrars_name_uq').on('registrars').column('name').unique().execute();
  // Lists show live records by name: archived_at IS NULL, ORDER BY name, id.
  await db.schema
    .createIndex('registrars_live_name_idx')
    .on('registrars')
    .columns(['archived_at', 'name', 'id'])
    .execute();
  await db.schema.createIndex('registrars_created_idx').on('registrars').columns(['created_at', 'id']).execute();

  await withIdColumn(db, db.schema.createTable('companies'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('cin', 'text')
    .addColumn('isin', 'text')
    .addColumn('registrar_id', id, (c) => c.notNull().references('registrars.id'))
    .addColumn('archived_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('companies_name_uq').on('companies').column('name').unique().execute();
  await db.schema
    .createIndex('companies_live_name_idx')
    .on('companies')
    .columns(['archived_at', 'name', 'id'])
    .execute();
  // NULLs never collide in a unique index on either dialect, so companies without a CIN or ISIN are fine.
  await db.schema.createIndex('companies_cin_uq').on('companies').column('cin').unique().execute();
  await db.schema.createIndex('companies_isin_uq').on('companies').column('isin').unique().execute();
  await db.schema.createIndex('companies_registrar_idx').on('companies').columns(['registrar_id', 'id']).execute();
  await db.schema.createIndex('companies_created_idx').on('companies').columns(['created_at', 'id']).execute();

  await withIdColumn(db, db.schema.createTable('document_types'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('archived_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_types_name_uq').on('document_types').column('name').unique().execute();
  await db.schema
    .createIndex('document_types_live_name_idx')
    .on('document_types')
    .columns(['archived_at', 'name', 'id'])
    .execute();
  await db.schema
    .createIndex('document_types_created_idx')
    .on('document_types')
    .columns(['created_at', 'id'])
    .execute();

  await withIdColumn(db, db.schema.createTable('order_types'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('default_fee_paise', t.bigint, (c) => c.notNull().check(sql`default_fee_paise >= 0`))
    .addColumn('base_charge_paise', t.bigint, (c) => c.notNull().check(sql`base_charge_paise >= 0`))
    .addColumn('sac_code', 'text')
    .addColumn('gst_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('turnaround_days', 'integer')
    .addColumn('archived_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('order_types_name_uq').on('order_types').column('name').unique().execute();
  await db.schema
    .createIndex('order_types_live_name_idx')
    .on('order_types')
    .columns(['archived_at', 'name', 'id'])
    .execute();
  await db.schema.createIndex('order_types_created_idx').on('order_types').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('order_type_documents')
    .addColumn('order_type_id', id, (c) => c.notNull().references('order_types.id').onDelete('cascade'))
    .addColumn('document_type_id', id, (c) => c.notNull().references('document_types.id').onDelete('restrict'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_type_documents_pk', ['order_type_id', 'document_type_id'])
    .execute();
  await db.schema
    .createIndex('order_type_documents_position_uq')
    .on('order_type_documents')
    .columns(['order_type_id', 'position'])
    .unique()
    .execute();
  // The "is this document type in use" check reads by document type.
  await db.schema
    .createIndex('order_type_documents_doc_idx')
    .on('order_type_documents')
    .columns(['document_type_id', 'order_type_id'])
    .execute();

  await withIdColumn(db, db.schema.createTable('items'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('goods', 'services')`))
    .addColumn('hsn_sac', 'text', (c) => c.notNull())
    .addColumn('uqc', 'text', (c) => c.notNull())
    .addColumn('gst_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('cess_rate_bp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cess_per_unit_paise', t.bigint, (c) => c.notNull().defaultTo(0))
    .addColumn('sale_price_paise', t.bigint)
    .addColumn('purchase_price_paise', t.bigint)
    .addColumn('is_active', t.boolean, (c) => c.notNull())
    .addColumn('archived_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('items_name_uq').on('items').column('name').unique().execute();
  await db.schema.createIndex('items_live_name_idx').on('items').columns(['archived_at', 'name', 'id']).execute();
  await db.schema.createIndex('items_kind_name_idx').on('items').columns(['kind', 'name', 'id']).execute();
  await db.schema.createIndex('items_created_idx').on('items').columns(['created_at', 'id']).execute();

  for (const column of BUSINESS_TEXT_COLUMNS) {
    await db.schema.alterTable('business').addColumn(column, 'text').execute();
  }
  await db.schema
    .alterTable('business')
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('Asia/Kolkata'))
    .execute();
  await db.schema
    .alterTable('business')
    .addColumn('fy_start_month', 'integer', (c) => c.notNull().defaultTo(4))
    .execute();

  // Further GSTINs of the same PAN (other states); the primary registration stays on the business row.
  await withIdColumn(db, db.schema.createTable('business_registrations'))
    .addColumn('gstin', 'text', (c) => c.notNull().unique())
    .addColumn('state_code', 'text', (c) => c.notNull())
    .addColumn('trade_name', 'text')
    .addColumn('address', 'text')
    .addColumn('is_primary', t.boolean, (c) => c.notNull())
    .addColumn('archived_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await withIdColumn(db, db.schema.createTable('number_series'))
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('financial_year', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('next_sequence', t.bigint, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('number_series_doc_fy_uq', ['document_type', 'financial_year'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of [
    'number_series',
    'business_registrations',
    'items',
    'order_type_documents',
    'order_types',
    'document_types',
    'companies',
    'registrars',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  for (const column of [...BUSINESS_TEXT_COLUMNS, 'timezone', 'fy_start_month']) {
    await db.schema.alterTable('business').dropColumn(column).execute();
  }
}
