import { sql } from 'kysely';
import { columnTypes, idType, withIdColumn, type MigrationDb } from '../platform/db/columns';

/**
 * Email (issue 8): the one SMTP settings row, editable templates, the send log (one row per message, written when
 * the message is queued so a crash between queueing and sending leaves a visible 'queued' row), and the per-party
 * opt-in for overdue reminders.
 */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  const id = idType(db);

  await db.schema
    .createTable('email_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('secure', t.boolean, (c) => c.notNull())
    .addColumn('username', 'text')
    // AES-GCM under keys.encryption; never returned by the API.
    .addColumn('password_encrypted', 'text')
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('reply_to', 'text')
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('email_templates')
    .addColumn('key', 'text', (c) => c.primaryKey().check(sql`key in ('invoice', 'overdue_reminder', 'task_due')`))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await withIdColumn(db, db.schema.createTable('email_log'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('invoice', 'overdue_reminder', 'task_due', 'test')`),
    )
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('entity', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('invoice_id', id, (c) => c.references('invoices.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'sent', 'failed')`))
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // Makes scheduled reminders idempotent ("overdue:party:12:2026-11-23"): a rerun of the day sends nothing twice.
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('message_id', 'text')
    .addColumn('created_by', id)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('sent_at', t.timestamp)
    .execute();
  await db.schema.createIndex('email_log_created_idx').on('email_log').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('email_log_status_idx').on('email_log').columns(['status', 'id']).execute();

  await db.schema
    .alterTable('parties')
    .addColumn('email_reminders', t.boolean, (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('parties').dropColumn('email_reminders').execute();
  await db.schema.dropTable('email_log').execute();
  await db.schema.dropTable('email_templates').execute();
  await db.schema.dropTable('email_settings').execute();
}
