import { sql } from 'kysely';
import { columnTypes, idType, isPostgres, withIdColumn, type MigrationDb } from '../platform/db/columns';

/** Parties (clients, suppliers, partners), their contact index, trigram search and the GSTIN lookup cache. */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  const id = idType(db);

  await withIdColumn(db, db.schema.createTable('parties'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('legal_name', 'text')
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('individual', 'company', 'firm', 'trust', 'other')`),
    )
    .addColumn('is_client', t.boolean, (c) => c.notNull())
    .addColumn('is_supplier', t.boolean, (c) => c.notNull())
    .addColumn('is_partner', t.boolean, (c) => c.notNull())
    .addColumn('emails', t.jsonText, (c) => c.notNull())
    .addColumn('phones', t.jsonText, (c) => c.notNull())
    .addColumn('tags', t.jsonText, (c) => c.notNull())
    .addColumn('billing_address', t.jsonText)
    .addColumn('shipping_address', t.jsonText)
    .addColumn('gstin', 'text')
    .addColumn('pan', 'text')
    .addColumn('gst_registration_type', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`gst_registration_type in ('regular', 'composition', 'unregistered', 'consumer', 'sez', 'overseas', 'uin')`,
        ),
    )
    .addColumn('payment_terms_days', 'integer')
    .addColumn('credit_limit_paise', t.bigint)
    .addColumn('notes', 'text')
    .addColumn('revenue_share_bp', 'integer', (c) =>
      c.check(sql`revenue_share_bp is null or (revenue_share_bp between 0 and 10000)`),
    )
    .addColumn('payout', t.jsonText)
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('archived_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  // Lists filter by role and archived state and sort by name/created, with id as the tie-break.
  for (const role of ['client', 'supplier', 'partner']) {
    await db.schema
      .createIndex(`parties_${role}_name_idx`)
      .on('parties')
      .columns([`is_${role}`, 'archived_at', 'name', 'id'])
      .execute();
  }
  await db.schema.createIndex('parties_name_idx').on('parties').columns(['archived_at', 'name', 'id']).execute();
  await db.schema.createIndex('parties_created_idx').on('parties').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('parties_updated_idx').on('parties').columns(['updated_at', 'id']).execute();
  await db.schema.createIndex('parties_gstin_idx').on('parties').column('gstin').execute();

  await db.schema
    .createTable('party_contacts')
    .addColumn('party_id', id, (c) => c.notNull().references('parties.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('email', 'phone')`))
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('party_contacts_pk', ['party_id', 'kind', 'value'])
    .execute();
  await db.schema.createIndex('party_contacts_value_idx').on('party_contacts').columns(['kind', 'value']).execute();

  // Trigram search; see platform/db/trigram-search.ts for how each dialect queries it.
  if (isPostgres(db)) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index parties_search_trgm_idx on parties using gin (search_text gin_trgm_ops)`.execute(db);
  } else {
    // rowid = parties.id; the repo keeps it in step inside the same transaction as each write.
    await sql`create virtual table parties_fts using fts5(search_text, tokenize = 'trigram')`.execute(db);
  }

  await db.schema
    .createTable('gstin_lookup_cache')
    .addColumn('gstin', 'text', (c) => c.primaryKey())
    .addColumn('details', t.jsonText, (c) => c.notNull())
    .addColumn('fetched_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('gstin_lookup_cache').execute();
  if (!isPostgres(db)) await sql`drop table parties_fts`.execute(db);
  await db.schema.dropTable('party_contacts').execute();
  await db.schema.dropTable('parties').execute();
}
