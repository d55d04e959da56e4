import { sql } from 'kysely';
import { columnTypes, idType, isPostgres, withIdColumn, type MigrationDb } from '../platform/db/columns';

/**
 * Party statements by email (issue 14): the send log accepts the kind 'statement', and a message may name the
 * document to attach in `attachment` (JSON, for example {"type":"party_statement","partyId":12,"from":…,"to":…}),
 * rendered when the message is sent, as invoice emails render their PDF from `invoice_id`.
 *
 * PostgreSQL swaps the check constraint. SQLite cannot alter a check, so the table is rebuilt with the same columns
 * and indexes (nothing references email_log, so dropping the old table is safe).
 */
const OLD_KINDS = sql`kind in ('invoice', 'overdue_reminder', 'task_due', 'test')`;
const NEW_KINDS = sql`kind in ('invoice', 'overdue_reminder', 'task_due', 'test', 'statement')`;

const COLUMNS = [
  'id',
  'kind',
  'to_address',
  'subject',
  'body',
  'entity',
  'entity_id',
  'invoice_id',
  'status',
  'error',
  'attempts',
  'dedupe_key',
  'message_id',
  'created_by',
  'created_at',
  'sent_at',
];

async function rebuildSqlite(db: MigrationDb, kinds: typeof NEW_KINDS, withAttachment: boolean): Promise<void> {
  const t = columnTypes(db);
  const id = idType(db);
  let table = withIdColumn(db, db.schema.createTable('email_log_new'))
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
    .addColumn('sent_at', t.timestamp);
  if (withAttachment) table = table.addColumn('attachment', t.jsonText);
  await table.execute();
  const columns = sql.join(COLUMNS.map((c) => sql.ref(c)));
  await sql`insert into email_log_new (${columns}) select ${columns} from email_log`.execute(db);
  await db.schema.dropTable('email_log').execute();
  await db.schema.alterTable('email_log_new').renameTo('email_log').execute();
  await db.schema.createIndex('email_log_created_idx').on('email_log').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('email_log_status_idx').on('email_log').columns(['status', 'id']).execute();
}

export async function up(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table email_log drop constraint email_log_kind_check`.execute(db);
    await sql`alter table email_log add constraint email_log_kind_check check (${NEW_KINDS})`.execute(db);
    await db.schema.alterTable('email_log').addColumn('attachment', 'text').execute();
    return;
  }
  await rebuildSqlite(db, NEW_KINDS, true);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.deleteFrom('email_log').where('kind', '=', 'statement').execute();
  if (isPostgres(db)) {
    await db.schema.alterTable('email_log').dropColumn('attachment').execute();
    await sql`alter table email_log drop constraint email_log_kind_check`.execute(db);
    await sql`alter table email_log add constraint email_log_kind_check check (${OLD_KINDS})`.execute(db);
    return;
  }
  await rebuildSqlite(db, OLD_KINDS, false);
}
