import { columnTypes, type MigrationDb } from '../platform/db/columns';

/**
 * Parties outside India (issue 15): their country (ISO 3166-1 alpha-2, IN for every existing party) and their
 * address as free-form lines with a postal code (JSON text), which the Indian address with its state code and PIN
 * cannot hold.
 */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .alterTable('parties')
    .addColumn('country_code', 'text', (c) => c.notNull().defaultTo('IN'))
    .execute();
  await db.schema.alterTable('parties').addColumn('foreign_address', t.jsonText).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('parties').dropColumn('foreign_address').execute();
  await db.schema.alterTable('parties').dropColumn('country_code').execute();
}
