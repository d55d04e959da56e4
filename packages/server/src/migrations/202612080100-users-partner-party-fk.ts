import { sql } from 'kysely';
import { isPostgres, type MigrationDb } from '../platform/db/columns';

/**
 * `users.partner_party_id` references `parties(id)`. The foundation migration made the column before parties
 * existed and left the constraint to "a later issue"; this is it (issue 19).
 *
 * Existing references are checked first, and the migration fails, naming the logins, if any points at a missing
 * party. The users service has always refused an unknown party (and the app never deletes a party), so only a
 * hand-edited database can hold one; clearing it silently would hide that edit and cut the partner off their portal
 * without a word, while a failed migration says what to fix (`update users set partner_party_id = … where id = …`)
 * and is retried on the next start.
 *
 * PostgreSQL: a foreign key, ON DELETE RESTRICT (a party a login is linked to cannot be deleted; the login is
 * unlinked or changed first), named as PostgreSQL would name it: users_partner_party_id_fkey.
 *
 * SQLite cannot add a foreign key to an existing table; the documented way is to rebuild it (foreign_keys off, copy
 * into a new table, drop, rename). That is not done to `users`: some twenty columns of other tables reference
 * users(id), Kysely runs SQLite migrations outside a transaction (its SQLite adapter has no transactional DDL), so a
 * crash part-way would leave the logins table half-rebuilt, and switching foreign_keys off affects the connection the
 * app shares. Triggers enforce the same rule instead, with the message of a foreign-key failure (isForeignKeyViolation
 * in platform/db/database.ts recognises it): inserting or re-linking a login to a missing party is refused, and so
 * are deleting a linked party or changing its id. A later migration that rebuilds `users` or `parties` on SQLite
 * must create these triggers again (dropping a table drops its triggers).
 *
 * The users service checks the party itself first (it must exist and be a partner) and answers 400
 * VALIDATION_FAILED on partnerPartyId, so the API never reaches the constraint; it is the database's backstop.
 */
const SQLITE_TRIGGERS = [
  'users_partner_party_fk_insert',
  'users_partner_party_fk_update',
  'parties_partner_login_fk_delete',
  'parties_partner_login_fk_update',
];

const FK_FAILED = "select raise(abort, 'FOREIGN KEY constraint failed: users.partner_party_id references parties(id)')";

export async function up(db: MigrationDb): Promise<void> {
  const orphans = await sql<{ id: number | string; partner_party_id: number | string }>`
    select u.id, u.partner_party_id from users u
    where u.partner_party_id is not null and not exists (select 1 from parties p where p.id = u.partner_party_id)
    order by u.id`.execute(db);
  if (orphans.rows.length > 0) {
    const list = orphans.rows.map((r) => `user ${r.id} → party ${r.partner_party_id}`).join(', ');
    throw new Error(
      `users.partner_party_id points at parties that do not exist (${list}): link these logins to an existing ` +
        'partner party, or set partner_party_id to null, then start again',
    );
  }

  if (isPostgres(db)) {
    await sql`alter table users add constraint users_partner_party_id_fkey
      foreign key (partner_party_id) references parties (id) on delete restrict`.execute(db);
    return;
  }
  await sql`create trigger users_partner_party_fk_insert before insert on users
    for each row when new.partner_party_id is not null
      and not exists (select 1 from parties where id = new.partner_party_id)
    begin ${sql.raw(FK_FAILED)}; end`.execute(db);
  await sql`create trigger users_partner_party_fk_update before update of partner_party_id on users
    for each row when new.partner_party_id is not null
      and not exists (select 1 from parties where id = new.partner_party_id)
    begin ${sql.raw(FK_FAILED)}; end`.execute(db);
  await sql`create trigger parties_partner_login_fk_delete before delete on parties
    for each row when exists (select 1 from users where partner_party_id = old.id)
    begin ${sql.raw(FK_FAILED)}; end`.execute(db);
  await sql`create trigger parties_partner_login_fk_update before update of id on parties
    for each row when new.id is not old.id and exists (select 1 from users where partner_party_id = old.id)
    begin ${sql.raw(FK_FAILED)}; end`.execute(db);
}

export async function down(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table users drop constraint users_partner_party_id_fkey`.execute(db);
    return;
  }
  for (const name of SQLITE_TRIGGERS) await sql.raw(`drop trigger ${name}`).execute(db);
}
