import { sql } from 'kysely';
import { columnTypes, idType, withIdColumn, type MigrationDb } from '../platform/db/columns';

/**
 * The public surface: leads from the contact form, and expiring links (document upload, invoice view) whose
 * tokens are stored only as SHA-256 hashes, so a copy of the database opens no link.
 */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  const id = idType(db);

  await withIdColumn(db, db.schema.createTable('leads'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('leads_created_at').on('leads').columns(['created_at', 'id']).execute();

  await withIdColumn(db, db.schema.createTable('public_links'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('upload', 'invoice_view')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('order_id', id, (c) => c.references('orders.id'))
    .addColumn('invoice_id', id, (c) => c.references('invoices.id'))
    // Upload links: the documents that were pending when the link was made (JSON array of order_documents ids).
    .addColumn('document_ids', t.jsonText)
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('revoked_at', t.timestamp)
    .addColumn('created_by', id)
    .addColumn('created_by_name', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_used_at', t.timestamp)
    .addColumn('use_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('public_links_order').on('public_links').columns(['order_id', 'created_at']).execute();
  await db.schema
    .createIndex('public_links_invoice')
    .on('public_links')
    .columns(['invoice_id', 'created_at'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('public_links').execute();
  await db.schema.dropTable('leads').execute();
}
