import { columnTypes, isPostgres, type MigrationDb } from '../platform/db/columns';

/**
 * Every logo an issued document was printed with, keyed by its SHA-256. business_logo keeps only the current
 * picture; an issued invoice's PDF must never change (the copy the customer holds), so the logo it was issued
 * with is copied here at issue and never deleted, whatever happens to the settings logo afterwards.
 */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  const blob = isPostgres(db) ? 'bytea' : 'blob';
  await db.schema
    .createTable('logo_versions')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', blob, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('logo_versions').execute();
}
