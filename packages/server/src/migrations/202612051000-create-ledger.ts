import { sql } from 'kysely';
import { columnTypes, idType, isPostgres, nowDefault, withIdColumn, type MigrationDb } from '../platform/db/columns';

/**
 * The one money book (issue 14): chart of accounts, append-only journal, the per-document pointer to the entry that
 * stands for it, and daily totals per account.
 *
 * Triggers on every money table note the document in `ledger_pending` in the writing transaction; the transaction
 * helper posts those documents before it commits (contexts/ledger/accounts/posting.service.ts), so no write path can
 * leave the book behind. Existing documents go to `ledger_backlog`, which start-up works off through the same
 * posting code: this migration stays plain SQL and never imports the posting rules it would freeze.
 */

/** Money tables and how a row names its document. */
const SOURCES: { table: string; type: string; id: string }[] = [
  { table: 'invoices', type: 'invoice', id: 'id' },
  { table: 'payments', type: 'payment', id: 'id' },
  { table: 'payment_allocations', type: 'payment', id: 'payment_id' },
  { table: 'order_expenses', type: 'expense', id: 'id' },
  { table: 'settlement_entries', type: 'settlement', id: 'id' },
  { table: 'payouts', type: 'payout', id: 'id' },
];

export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  const id = idType(db);
  const pg = isPostgres(db);

  await withIdColumn(db, db.schema.createTable('ledger_accounts'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('asset', 'liability', 'equity', 'income', 'expense')`),
    )
    .addColumn('statement_group', 'text', (c) => c.notNull())
    .addColumn('system_key', 'text', (c) => c.unique())
    .addColumn('party_ledger', t.boolean, (c) => c.notNull().defaultTo(false))
    .addColumn('is_active', t.boolean, (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(nowDefault(db)))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull().defaultTo(nowDefault(db)))
    .execute();

  await withIdColumn(db, db.schema.createTable('journal_entries'))
    .addColumn('date', t.date, (c) => c.notNull())
    .addColumn('voucher_type', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`voucher_type in ('sales', 'purchase', 'credit_note', 'debit_note', 'receipt', 'payment', 'journal')`,
        ),
    )
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', id, (c) => c.notNull())
    .addColumn('party_id', id, (c) => c.references('parties.id'))
    .addColumn('reference', 'text')
    .addColumn('narration', 'text', (c) => c.notNull())
    .addColumn('reverses_id', id, (c) => c.references('journal_entries.id').unique())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('journal_entries_source_idx')
    .on('journal_entries')
    .columns(['source_type', 'source_id', 'id'])
    .execute();
  await db.schema.createIndex('journal_entries_date_idx').on('journal_entries').columns(['date', 'id']).execute();

  await withIdColumn(db, db.schema.createTable('journal_lines'))
    .addColumn('entry_id', id, (c) => c.notNull().references('journal_entries.id'))
    .addColumn('account_id', id, (c) => c.notNull().references('ledger_accounts.id'))
    .addColumn('party_id', id, (c) => c.references('parties.id'))
    .addColumn('date', t.date, (c) => c.notNull())
    .addColumn('debit_paise', t.bigint, (c) => c.notNull().check(sql`debit_paise >= 0`))
    .addColumn('credit_paise', t.bigint, (c) => c.notNull().check(sql`credit_paise >= 0`))
    .execute();
  await db.schema.createIndex('journal_lines_entry_idx').on('journal_lines').columns(['entry_id']).execute();
  await db.schema
    .createIndex('journal_lines_account_date_idx')
    .on('journal_lines')
    .columns(['account_id', 'date', 'entry_id'])
    .execute();
  await db.schema
    .createIndex('journal_lines_party_date_idx')
    .on('journal_lines')
    .columns(['party_id', 'date', 'entry_id'])
    .execute();

  await db.schema
    .createTable('ledger_sources')
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', id, (c) => c.notNull())
    .addColumn('entry_id', id, (c) => c.references('journal_entries.id'))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_sources_pk', ['source_type', 'source_id'])
    .execute();
  for (const table of ['ledger_pending', 'ledger_backlog']) {
    await db.schema
      .createTable(table)
      .addColumn('source_type', 'text', (c) => c.notNull())
      .addColumn('source_id', id, (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['source_type', 'source_id'])
      .execute();
  }
  await db.schema
    .createTable('ledger_daily')
    .addColumn('account_id', id, (c) => c.notNull().references('ledger_accounts.id'))
    .addColumn('date', t.date, (c) => c.notNull())
    .addColumn('debit_paise', t.bigint, (c) => c.notNull())
    .addColumn('credit_paise', t.bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_daily_pk', ['account_id', 'date'])
    .execute();

  // The journal is append-only, like the audit log: a correction is a new entry, never an edit.
  for (const table of ['journal_entries', 'journal_lines']) {
    if (pg) {
      await sql
        .raw(
          `create function ${table}_append_only() returns trigger language plpgsql as $$
          begin raise exception '${table} is append-only'; end $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${table}_no_change before update or delete on ${table}
          for each row execute function ${table}_append_only()`,
        )
        .execute(db);
    } else {
      for (const op of ['update', 'delete']) {
        await sql
          .raw(
            `create trigger ${table}_no_${op} before ${op} on ${table}
            begin select raise(abort, '${table} is append-only'); end`,
          )
          .execute(db);
      }
    }
  }

  // Every write to a money table marks its document for posting in the same transaction.
  for (const source of SOURCES) {
    const name = `ledger_mark_${source.table}`;
    if (pg) {
      await sql
        .raw(
          `create function ${name}() returns trigger language plpgsql as $$
          begin
            if tg_op = 'DELETE' then
              insert into ledger_pending (source_type, source_id) values ('${source.type}', old.${source.id})
                on conflict do nothing;
              return old;
            end if;
            insert into ledger_pending (source_type, source_id) values ('${source.type}', new.${source.id})
              on conflict do nothing;
            return new;
          end $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${name} after insert or update or delete on ${source.table}
          for each row execute function ${name}()`,
        )
        .execute(db);
    } else {
      for (const [op, row] of [
        ['insert', 'new'],
        ['update', 'new'],
        ['delete', 'old'],
      ] as const) {
        await sql
          .raw(
            `create trigger ${name}_${op} after ${op} on ${source.table}
            begin insert or ignore into ledger_pending (source_type, source_id)
              values ('${source.type}', ${row}.${source.id}); end`,
          )
          .execute(db);
      }
    }
  }

  // What exists already is posted at start-up from the backlog.
  await sql`insert into ledger_backlog (source_type, source_id)
    select 'invoice', id from invoices where status <> 'draft'`.execute(db);
  await sql`insert into ledger_backlog (source_type, source_id) select 'payment', id from payments`.execute(db);
  await sql`insert into ledger_backlog (source_type, source_id) select 'expense', id from order_expenses`.execute(db);
  await sql`insert into ledger_backlog (source_type, source_id)
    select 'settlement', id from settlement_entries where status = 'approved'`.execute(db);
  await sql`insert into ledger_backlog (source_type, source_id) select 'payout', id from payouts`.execute(db);
}

export async function down(db: MigrationDb): Promise<void> {
  const pg = isPostgres(db);
  for (const source of SOURCES) {
    const name = `ledger_mark_${source.table}`;
    if (pg) {
      await sql.raw(`drop trigger ${name} on ${source.table}`).execute(db);
      await sql.raw(`drop function ${name}()`).execute(db);
    } else {
      for (const op of ['insert', 'update', 'delete']) await sql.raw(`drop trigger ${name}_${op}`).execute(db);
    }
  }
  for (const table of [
    'ledger_daily',
    'ledger_backlog',
    'ledger_pending',
    'ledger_sources',
    'journal_lines',
    'journal_entries',
    'ledger_accounts',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  if (pg) {
    await sql`drop function journal_entries_append_only()`.execute(db);
    await sql`drop function journal_lines_append_only()`.execute(db);
  }
}
