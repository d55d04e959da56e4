import { columnTypes, isPostgres, type MigrationDb } from '../platform/db/columns';

/**
 * Staged imports (the parsed rows of an uploaded CSV/XLSX wait here between preview and commit, so a 10,000-row
 * file is uploaded once) and the business logo (kept in the database so a backup of the database is complete).
 */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  const blob = isPostgres(db) ? 'bytea' : 'blob';

  await db.schema
    .createTable('import_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('headers', t.jsonText, (c) => c.notNull())
    .addColumn('rows', t.jsonText, (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('options', t.jsonText)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', t.bigint)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('committed_at', t.timestamp)
    .addColumn('committed_count', 'integer')
    .execute();
  await db.schema.createIndex('import_batches_created_at').on('import_batches').column('created_at').execute();

  await db.schema
    .createTable('business_logo')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', blob, (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('business_logo').execute();
  await db.schema.dropTable('import_batches').execute();
}
