import { sql } from 'kysely';
import { columnTypes, isPostgres, type MigrationDb } from '../platform/db/columns';

/**
 * A party's opening balance (issue 14): what stood between the business and the party when its books started in
 * BizDash, posted to the book against opening balance equity. A change marks the party for posting, like every
 * other money document (202612051000-create-ledger).
 */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .alterTable('parties')
    .addColumn('opening_balance_paise', t.bigint, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('parties').addColumn('opening_balance_on', t.date).execute();
  if (isPostgres(db)) {
    await sql`
      create function ledger_mark_parties() returns trigger language plpgsql as $$
      begin
        insert into ledger_pending (source_type, source_id) values ('opening', new.id) on conflict do nothing;
        return new;
      end $$`.execute(db);
    await sql`
      create trigger ledger_mark_parties_insert after insert on parties
      for each row when (new.opening_balance_paise <> 0) execute function ledger_mark_parties()`.execute(db);
    await sql`
      create trigger ledger_mark_parties_update after update of opening_balance_paise, opening_balance_on on parties
      for each row execute function ledger_mark_parties()`.execute(db);
  } else {
    await sql`
      create trigger ledger_mark_parties_insert after insert on parties when new.opening_balance_paise <> 0
      begin insert or ignore into ledger_pending (source_type, source_id) values ('opening', new.id); end`.execute(db);
    await sql`
      create trigger ledger_mark_parties_update after update of opening_balance_paise, opening_balance_on on parties
      begin insert or ignore into ledger_pending (source_type, source_id) values ('opening', new.id); end`.execute(db);
  }
}

export async function down(db: MigrationDb): Promise<void> {
  await sql`drop trigger ledger_mark_parties_insert${isPostgres(db) ? sql` on parties` : sql``}`.execute(db);
  await sql`drop trigger ledger_mark_parties_update${isPostgres(db) ? sql` on parties` : sql``}`.execute(db);
  if (isPostgres(db)) await sql`drop function ledger_mark_parties()`.execute(db);
  await db.schema.alterTable('parties').dropColumn('opening_balance_on').execute();
  await db.schema.alterTable('parties').dropColumn('opening_balance_paise').execute();
}
