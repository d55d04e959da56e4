import { sql } from 'kysely';
import { columnTypes, idType, withIdColumn, type MigrationDb } from '../platform/db/columns';

/**
 * The durable job queue, its daily schedules, the domain-event outbox, sync targets with their per-record sync
 * state, and the webhook delivery log (issue 8).
 */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  const id = idType(db);

  await withIdColumn(db, db.schema.createTable('jobs'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', t.jsonText, (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('queued', 'running', 'failed', 'dead', 'done')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().check(sql`max_attempts >= 1`))
    .addColumn('run_at', t.timestamp, (c) => c.notNull())
    // While claimed: who holds it and until when; past locked_until a crashed worker's job is claimed again.
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', t.timestamp)
    // The caller's idempotency key, kept for the record; pending_key holds it only while the job waits for its
    // first run, so the unique index makes a second enqueue a no-op exactly while the first is pending.
    .addColumn('idempotency_key', 'text')
    .addColumn('pending_key', 'text', (c) => c.unique())
    .addColumn('last_error', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('finished_at', t.timestamp)
    .execute();
  // The claim query: runnable jobs by time; the Jobs page: per state, newest first.
  await db.schema.createIndex('jobs_state_run_at_idx').on('jobs').columns(['state', 'run_at', 'id']).execute();
  await db.schema.createIndex('jobs_state_updated_idx').on('jobs').columns(['state', 'updated_at', 'id']).execute();

  await db.schema
    .createTable('job_schedules')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_run_date', t.date)
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await withIdColumn(db, db.schema.createTable('events'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('payload', t.jsonText, (c) => c.notNull())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_entity_idx').on('events').columns(['entity', 'entity_id', 'id']).execute();

  await withIdColumn(db, db.schema.createTable('sync_targets'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('webhook', 'google_sheets', 'xlsx')`))
    .addColumn('name', 'text', (c) => c.notNull())
    // JSON; secret fields encrypted with the database key, never sent back.
    .addColumn('config', t.jsonText, (c) => c.notNull())
    .addColumn('events', t.jsonText, (c) => c.notNull())
    .addColumn('is_active', t.boolean, (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await withIdColumn(db, db.schema.createTable('sync_records'))
    .addColumn('target_id', id, (c) => c.notNull().references('sync_targets.id').onDelete('cascade'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'synced', 'failed', 'cancelled')`))
    .addColumn('row_ref', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('last_event_id', id)
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('sync_records_target_entity_uq', ['target_id', 'entity', 'entity_id'])
    .execute();
  await db.schema
    .createIndex('sync_records_target_state_idx')
    .on('sync_records')
    .columns(['target_id', 'state', 'updated_at', 'id'])
    .execute();
  await db.schema
    .createIndex('sync_records_target_updated_idx')
    .on('sync_records')
    .columns(['target_id', 'updated_at', 'id'])
    .execute();

  await withIdColumn(db, db.schema.createTable('webhook_deliveries'))
    .addColumn('target_id', id, (c) => c.notNull().references('sync_targets.id').onDelete('cascade'))
    .addColumn('event_id', id, (c) => c.notNull().references('events.id'))
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('ok', t.boolean, (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('replay', t.boolean, (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_target_idx')
    .on('webhook_deliveries')
    .columns(['target_id', 'id'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_event_idx')
    .on('webhook_deliveries')
    .columns(['target_id', 'event_id'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of ['webhook_deliveries', 'sync_records', 'sync_targets', 'events', 'job_schedules', 'jobs']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
