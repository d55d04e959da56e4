import { columnTypes, type MigrationDb } from '../platform/db/columns';

/**
 * The Letter of Undertaking (issue 15): exports and supplies to SEZ units without payment of IGST are made under a
 * LUT furnished in form GST RFD-11 for one financial year (Rule 96A). Its reference number (the ARN) and date are
 * printed on such invoices, so they live with the business settings that every invoice prints.
 */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('business').addColumn('lut_number', 'text').execute();
  await db.schema.alterTable('business').addColumn('lut_date', t.date).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('business').dropColumn('lut_date').execute();
  await db.schema.alterTable('business').dropColumn('lut_number').execute();
}
