import { columnTypes, type MigrationDb } from '../platform/db/columns';

/**
 * E-way bills (issue 20): the threshold above which a consignment needs one is a business setting (Rule 138 says
 * ₹50,000, but states notify their own limits for movements within the state), and an invoice carries the e-way
 * bill the portal generated for it (number, date, validity) and the Part B details it was generated with.
 */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .alterTable('business')
    .addColumn('ewb_threshold_paise', t.bigint, (c) => c.notNull().defaultTo(5_000_000))
    .execute();
  await db.schema.alterTable('invoices').addColumn('ewb_number', 'text').execute();
  await db.schema.alterTable('invoices').addColumn('ewb_date', t.date).execute();
  await db.schema.alterTable('invoices').addColumn('ewb_valid_until', t.date).execute();
  // The Part B last used to generate the JSON, so the dialog opens with it (JSON text: mode, distance, vehicle …).
  await db.schema.alterTable('invoices').addColumn('ewb_part_b', t.jsonText).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('invoices').dropColumn('ewb_part_b').execute();
  await db.schema.alterTable('invoices').dropColumn('ewb_valid_until').execute();
  await db.schema.alterTable('invoices').dropColumn('ewb_date').execute();
  await db.schema.alterTable('invoices').dropColumn('ewb_number').execute();
  await db.schema.alterTable('business').dropColumn('ewb_threshold_paise').execute();
}
