import { sql } from 'kysely';
import { columnTypes, withIdColumn, type MigrationDb } from '../platform/db/columns';

/**
 * Scheduled backups (issue 17): the one settings row (daily time in the business time zone, how many scheduled
 * backups to keep) and one row per backup the app made, so Settings can show the last one and retention knows which
 * folders the schedule wrote (backups made by hand with `bizdash backup` are never deleted by it).
 */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('backup_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('is_enabled', t.boolean, (c) => c.notNull())
    .addColumn('daily_at', 'text', (c) => c.notNull())
    .addColumn('keep_count', 'integer', (c) => c.notNull().check(sql`keep_count between 1 and 365`))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await withIdColumn(db, db.schema.createTable('backup_runs'))
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('schedule', 'manual')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('done', 'failed')`))
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('finished_at', t.timestamp, (c) => c.notNull())
    .addColumn('folder', 'text')
    .addColumn('size_bytes', t.bigint)
    .addColumn('error', 'text')
    // Set when retention removed the folder; the row stays as the history of what ran.
    .addColumn('deleted_at', t.timestamp)
    .execute();
  await db.schema.createIndex('backup_runs_started_at').on('backup_runs').column('started_at').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('backup_runs').ifExists().execute();
  await db.schema.dropTable('backup_settings').ifExists().execute();
}
