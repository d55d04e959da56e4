import { sql } from 'kysely';
import { columnTypes, idType, isPostgres, withIdColumn, type MigrationDb } from '../platform/db/columns';

/**
 * Authentication hardening (issue 16).
 * - Refresh grace window: a rotated refresh token remembers its successor, so a second refresh racing the first with
 *   the same cookie gets the same new token instead of tripping reuse detection. `successor_hash` names the successor
 *   row; `successor_token` is that token encrypted with keys.encryption (tokens are otherwise stored only hashed),
 *   dropped once the successor is rotated in turn.
 * - Lockout notices: the email send log accepts the kind 'security_alert'. PostgreSQL swaps the check constraint;
 *   SQLite cannot alter a check, so email_log is rebuilt with the same columns and indexes (nothing references it).
 */
const OLD_KINDS = sql`kind in ('invoice', 'overdue_reminder', 'task_due', 'test', 'statement')`;
const NEW_KINDS = sql`kind in ('invoice', 'overdue_reminder', 'task_due', 'test', 'statement', 'security_alert')`;

const EMAIL_LOG_COLUMNS = [
  'id',
  'kind',
  'to_address',
  'subject',
  'body',
  'entity',
  'entity_id',
  'invoice_id',
  'attachment',
  'status',
  'error',
  'attempts',
  'dedupe_key',
  'message_id',
  'created_by',
  'created_at',
  'sent_at',
];

async function rebuildSqliteEmailLog(db: MigrationDb, kinds: typeof NEW_KINDS): Promise<void> {
  const t = columnTypes(db);
  const id = idType(db);
  await withIdColumn(db, db.schema.createTable('email_log_new'))
    .addColumn('kind', 'text', (c) => c.notNull().check(kinds))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('entity', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('invoice_id', id, (c) => c.references('invoices.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'sent', 'failed')`))
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('message_id', 'text')
    .addColumn('created_by', id)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('sent_at', t.timestamp)
    .addColumn('attachment', t.jsonText)
    .execute();
  const columns = sql.join(EMAIL_LOG_COLUMNS.map((c) => sql.ref(c)));
  await sql`insert into email_log_new (${columns}) select ${columns} from email_log`.execute(db);
  await db.schema.dropTable('email_log').execute();
  await db.schema.alterTable('email_log_new').renameTo('email_log').execute();
  await db.schema.createIndex('email_log_created_idx').on('email_log').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('email_log_status_idx').on('email_log').columns(['status', 'id']).execute();
}

async function setEmailKinds(db: MigrationDb, kinds: typeof NEW_KINDS): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table email_log drop constraint email_log_kind_check`.execute(db);
    await sql`alter table email_log add constraint email_log_kind_check check (${kinds})`.execute(db);
    return;
  }
  await rebuildSqliteEmailLog(db, kinds);
}

export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('refresh_tokens').addColumn('successor_hash', 'text').execute();
  await db.schema.alterTable('refresh_tokens').addColumn('successor_token', 'text').execute();
  await setEmailKinds(db, NEW_KINDS);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.deleteFrom('email_log').where('kind', '=', 'security_alert').execute();
  await setEmailKinds(db, OLD_KINDS);
  await db.schema.alterTable('refresh_tokens').dropColumn('successor_token').execute();
  await db.schema.alterTable('refresh_tokens').dropColumn('successor_hash').execute();
}
