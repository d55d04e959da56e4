import { sql } from 'kysely';
import { columnTypes, idType, isPostgres, withIdColumn, type MigrationDb } from '../platform/db/columns';

/**
 * Orders and everything hanging off them: numbering, status history, the timeline (order_events), required
 * documents with their status history and file versions, tasks, comments (revisions, mentions, attachments),
 * notifications and the business's stage settings.
 */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  const id = idType(db);

  await withIdColumn(db, db.schema.createTable('orders'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('financial_year', 'text', (c) => c.notNull())
    .addColumn('number_seq', t.bigint, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('client_id', id, (c) => c.notNull().references('parties.id'))
    .addColumn('partner_id', id, (c) => c.references('parties.id'))
    .addColumn('order_type_id', id, (c) => c.notNull().references('order_types.id'))
    .addColumn('company_id', id, (c) => c.references('companies.id'))
    .addColumn('share_count', t.bigint, (c) => c.check(sql`share_count >= 0`))
    .addColumn('share_price_paise', t.bigint, (c) => c.check(sql`share_price_paise >= 0`))
    .addColumn('fees_paise', t.bigint, (c) => c.notNull().check(sql`fees_paise >= 0`))
    .addColumn('base_charges_paise', t.bigint, (c) => c.notNull().check(sql`base_charges_paise >= 0`))
    .addColumn('assignee_id', id, (c) => c.references('users.id'))
    .addColumn('priority', 'integer', (c) => c.notNull().check(sql`priority between 1 and 4`))
    .addColumn('tags', t.jsonText, (c) => c.notNull())
    .addColumn('due_date', t.date)
    .addColumn('stage_code', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`stage_code in ('received', 'confirmed', 'in_progress', 'documents_pending', 'documents_received', 'documents_submitted', 'documents_approved', 'documents_rejected', 'completed', 'failed')`,
        ),
    )
    .addColumn('stage_changed_at', t.timestamp, (c) => c.notNull())
    .addColumn('closed_at', t.timestamp)
    .addColumn('docs_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('docs_received', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('docs_submitted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('docs_accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('docs_rejected', 'integer', (c) => c.notNull().defaultTo(0))
    // received = required, kept with the counts so the complete/incomplete filter is an index lookup.
    .addColumn('docs_complete', t.boolean, (c) => c.notNull().defaultTo(sql`true`))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_by', id, (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('orders_fy_seq_uq', ['financial_year', 'number_seq'])
    .execute();

  // Sorts, each with id as the tie-break (the list's ORDER BY <column>, id).
  await db.schema.createIndex('orders_created_idx').on('orders').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('orders_due_idx').on('orders').columns(['due_date', 'id']).execute();
  await db.schema.createIndex('orders_priority_idx').on('orders').columns(['priority', 'id']).execute();
  // One composite index per common filter with the default sort column, so "filter + newest first + LIMIT" and the
  // filtered count are index range scans. Stage also pairs with the due date (overdue lists, the board by due date).
  for (const column of ['stage_code', 'client_id', 'partner_id', 'order_type_id', 'company_id', 'assignee_id']) {
    await db.schema
      .createIndex(`orders_${column}_created_idx`)
      .on('orders')
      .columns([column, 'created_at', 'id'])
      .execute();
  }
  await db.schema
    .createIndex('orders_docs_complete_created_idx')
    .on('orders')
    .columns(['docs_complete', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('orders_stage_due_idx').on('orders').columns(['stage_code', 'due_date', 'id']).execute();
  await db.schema
    .createIndex('orders_assignee_due_idx')
    .on('orders')
    .columns(['assignee_id', 'due_date', 'id'])
    .execute();
  if (isPostgres(db)) {
    // pg_trgm was created by the parties migration.
    await sql`create index orders_search_trgm_idx on orders using gin (search_text gin_trgm_ops)`.execute(db);
  } else {
    // rowid = orders.id; written in the same transaction as the order. LIKE '%abc%' uses the trigram index.
    await sql`create virtual table orders_fts using fts5(search_text, tokenize = 'trigram')`.execute(db);
  }

  await db.schema
    .createTable('order_number_counters')
    .addColumn('financial_year', 'text', (c) => c.primaryKey())
    .addColumn('last_seq', t.bigint, (c) => c.notNull())
    .execute();

  await withIdColumn(db, db.schema.createTable('order_status_history'))
    .addColumn('order_id', id, (c) => c.notNull().references('orders.id'))
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('actor_id', id, (c) => c.references('users.id'))
    .addColumn('actor_name', 'text')
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('order_status_history_order_idx')
    .on('order_status_history')
    .columns(['order_id', 'at', 'id'])
    .execute();
  // Reports (average completion time) read by target stage and time.
  await db.schema
    .createIndex('order_status_history_to_idx')
    .on('order_status_history')
    .columns(['to_stage', 'at'])
    .execute();

  await withIdColumn(db, db.schema.createTable('order_events'))
    .addColumn('order_id', id, (c) => c.notNull().references('orders.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', id)
    .addColumn('actor_name', 'text')
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('payload', t.jsonText, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('order_events_order_idx').on('order_events').columns(['order_id', 'at', 'id']).execute();

  await withIdColumn(db, db.schema.createTable('order_documents'))
    .addColumn('order_id', id, (c) => c.notNull().references('orders.id'))
    .addColumn('document_type_id', id, (c) => c.notNull().references('document_types.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'received', 'submitted', 'rejected', 'accepted')`),
    )
    .addColumn('status_changed_at', t.timestamp, (c) => c.notNull())
    .addColumn('rejection_reason', 'text')
    // No foreign key: order_files references this table, and SQLite cannot add the constraint afterwards.
    .addColumn('current_file_id', id)
    .addColumn('received_at', t.timestamp)
    .addColumn('submitted_at', t.timestamp)
    .addColumn('accepted_at', t.timestamp)
    .addColumn('removed_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('order_documents_type_uq', ['order_id', 'document_type_id'])
    .execute();
  await db.schema
    .createIndex('order_documents_doc_type_idx')
    .on('order_documents')
    .columns(['document_type_id'])
    .execute();

  await withIdColumn(db, db.schema.createTable('document_status_history'))
    .addColumn('order_document_id', id, (c) => c.notNull().references('order_documents.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor_id', id, (c) => c.references('users.id'))
    .addColumn('actor_name', 'text')
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('document_status_history_doc_idx')
    .on('document_status_history')
    .columns(['order_document_id', 'at', 'id'])
    .execute();

  await withIdColumn(db, db.schema.createTable('order_files'))
    .addColumn('order_id', id, (c) => c.notNull().references('orders.id'))
    .addColumn('order_document_id', id, (c) => c.notNull().references('order_documents.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('extension', 'text', (c) => c.notNull())
    .addColumn('size_bytes', t.bigint, (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', id, (c) => c.references('users.id'))
    .addColumn('uploaded_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('order_files_version_uq', ['order_document_id', 'version'])
    .execute();
  await db.schema.createIndex('order_files_sha_idx').on('order_files').columns(['sha256']).execute();

  await withIdColumn(db, db.schema.createTable('tasks'))
    .addColumn('order_id', id, (c) => c.references('orders.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('assignee_id', id, (c) => c.references('users.id'))
    .addColumn('due_date', t.date)
    .addColumn('priority', 'integer', (c) => c.notNull().check(sql`priority between 1 and 4`))
    .addColumn('completed_at', t.timestamp)
    .addColumn('completed_by', id, (c) => c.references('users.id'))
    .addColumn('created_by', id, (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  // "My open tasks by due date", an order's tasks, and everyone's overdue tasks.
  await db.schema
    .createIndex('tasks_assignee_due_idx')
    .on('tasks')
    .columns(['assignee_id', 'due_date', 'id'])
    .execute();
  await db.schema.createIndex('tasks_order_due_idx').on('tasks').columns(['order_id', 'due_date', 'id']).execute();
  await db.schema.createIndex('tasks_due_idx').on('tasks').columns(['due_date', 'id']).execute();
  await db.schema.createIndex('tasks_created_idx').on('tasks').columns(['created_at', 'id']).execute();

  await withIdColumn(db, db.schema.createTable('comments'))
    .addColumn('order_id', id, (c) => c.notNull().references('orders.id'))
    .addColumn('author_id', id, (c) => c.references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('edited_at', t.timestamp)
    .addColumn('deleted_at', t.timestamp)
    .addColumn('deleted_by', id, (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comments_order_idx').on('comments').columns(['order_id', 'created_at', 'id']).execute();

  await withIdColumn(db, db.schema.createTable('comment_revisions'))
    .addColumn('comment_id', id, (c) => c.notNull().references('comments.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('replaced_by', id, (c) => c.references('users.id'))
    .addColumn('replaced_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comment_revisions_comment_idx')
    .on('comment_revisions')
    .columns(['comment_id', 'id'])
    .execute();

  await db.schema
    .createTable('comment_mentions')
    .addColumn('comment_id', id, (c) => c.notNull().references('comments.id'))
    .addColumn('user_id', id, (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('comment_mentions_pk', ['comment_id', 'user_id'])
    .execute();

  await withIdColumn(db, db.schema.createTable('comment_attachments'))
    .addColumn('comment_id', id, (c) => c.notNull().references('comments.id'))
    .addColumn('order_id', id, (c) => c.notNull().references('orders.id'))
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('extension', 'text', (c) => c.notNull())
    .addColumn('size_bytes', t.bigint, (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', id, (c) => c.references('users.id'))
    .addColumn('uploaded_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comment_attachments_comment_idx')
    .on('comment_attachments')
    .columns(['comment_id', 'id'])
    .execute();

  await withIdColumn(db, db.schema.createTable('notifications'))
    .addColumn('user_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('order_id', id, (c) => c.references('orders.id'))
    .addColumn('task_id', id)
    .addColumn('comment_id', id)
    .addColumn('actor_id', id)
    .addColumn('actor_name', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('read_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'id']).execute();
  await db.schema
    .createIndex('notifications_user_unread_idx')
    .on('notifications')
    .columns(['user_id', 'read_at', 'id'])
    .execute();

  await db.schema
    .createTable('order_stage_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('labels', t.jsonText, (c) => c.notNull())
    .addColumn('disabled_transitions', t.jsonText, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of [
    'order_stage_settings',
    'notifications',
    'comment_attachments',
    'comment_mentions',
    'comment_revisions',
    'comments',
    'tasks',
    'order_files',
    'document_status_history',
    'order_documents',
    'order_events',
    'order_status_history',
    'order_number_counters',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  if (!isPostgres(db)) await sql`drop table if exists orders_fts`.execute(db);
  await db.schema.dropTable('orders').ifExists().execute();
}
