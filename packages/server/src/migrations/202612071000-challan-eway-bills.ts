import { columnTypes, type MigrationDb } from '../platform/db/columns';

/**
 * E-way bills for delivery challans (issue 20): like an invoice (migration 202612070600), a challan carries the
 * e-way bill the portal generated for it (number, date, validity) and the Part B it was generated with.
 */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('sales_documents').addColumn('ewb_number', 'text').execute();
  await db.schema.alterTable('sales_documents').addColumn('ewb_date', t.date).execute();
  await db.schema.alterTable('sales_documents').addColumn('ewb_valid_until', t.date).execute();
  await db.schema.alterTable('sales_documents').addColumn('ewb_part_b', t.jsonText).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('sales_documents').dropColumn('ewb_part_b').execute();
  await db.schema.alterTable('sales_documents').dropColumn('ewb_valid_until').execute();
  await db.schema.alterTable('sales_documents').dropColumn('ewb_date').execute();
  await db.schema.alterTable('sales_documents').dropColumn('ewb_number').execute();
}
