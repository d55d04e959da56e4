import { afterEach, describe, expect, it } from 'vitest';
import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { MIGRATIONS } from '../src/migrations/registry';
import { isForeignKeyViolation } from '../src/platform/db/database';
import { migrateToLatest } from '../src/platform/db/migrator';
import { createTestDatabase, testDialect, type TestDatabase } from './support/test-db';

describe(`migrations (${testDialect()})`, () => {
  let testDb: TestDatabase | undefined;
  afterEach(async () => {
    await testDb?.cleanup();
    testDb = undefined;
  });

  it('apply every migration on an empty database, then report nothing pending', async () => {
    testDb = await createTestDatabase({ migrate: false });
    const first = await migrateToLatest(testDb.database);
    expect(first.applied).toEqual(Object.keys(MIGRATIONS));
    const second = await migrateToLatest(testDb.database);
    expect(second.applied).toEqual([]);

    const tables = await testDb.database.db.introspection.getTables();
    const names = tables.map((t) => t.name);
    for (const table of [
      'users',
      'sessions',
      'refresh_tokens',
      'api_keys',
      'audit_log',
      'audit_chain_head',
      'business',
    ]) {
      expect(names).toContain(table);
    }
  });

  it('roll every migration back down and up again', async () => {
    testDb = await createTestDatabase({ fresh: true });
    const migrator = new Migrator({
      db: testDb.database.db,
      provider: { getMigrations: async () => MIGRATIONS },
    });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    const tables = await testDb.database.db.introspection.getTables();
    expect(tables.map((t) => t.name)).not.toContain('users');
    const up = await migrateToLatest(testDb.database);
    expect(up.applied).toEqual(Object.keys(MIGRATIONS));
  });

  it('enforce foreign keys', async () => {
    testDb = await createTestDatabase();
    const now = new Date().toISOString();
    await expect(
      testDb.database.db
        .insertInto('sessions')
        .values({
          id: 'orphan',
          user_id: 999,
          created_at: now,
          last_used_at: now,
          expires_at: now,
          revoked_at: null,
          revoked_reason: null,
          ip: null,
          user_agent: null,
        })
        .execute(),
    ).rejects.toThrow();
  });

  it('enforce users.partner_party_id → parties(id): a missing party is refused, a linked party cannot go', async () => {
    testDb = await createTestDatabase();
    const { db } = testDb.database;
    const now = new Date().toISOString();
    const party = await db
      .insertInto('parties')
      .values({
        name: 'Linked Partner',
        kind: 'individual',
        is_client: false,
        is_supplier: false,
        is_partner: true,
        emails: '[]',
        phones: '[]',
        tags: '[]',
        gst_registration_type: 'unregistered',
        search_text: 'linked partner',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = (partnerPartyId: number | null, email: string) => ({
      name: 'Partner Login',
      email,
      password_hash: 'x',
      role: 'partner' as const,
      is_active: true,
      totp_secret: null,
      totp_enabled: false,
      partner_party_id: partnerPartyId,
      password_changed_at: now,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    });
    const missing = await db
      .insertInto('users')
      .values(user(999_999, 'missing@example.com'))
      .execute()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isForeignKeyViolation(missing)).toBe(true);
    expect(await db.selectFrom('users').select('id').where('email', '=', 'missing@example.com').execute()).toEqual([]);
    const unlinked = await db
      .insertInto('users')
      .values(user(null, 'unlinked@example.com'))
      .returning('id')
      .executeTakeFirstOrThrow();
    const relink = await db
      .updateTable('users')
      .set({ partner_party_id: 999_999 })
      .where('id', '=', unlinked.id)
      .execute()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isForeignKeyViolation(relink)).toBe(true);
    await db.insertInto('users').values(user(party.id, 'linked@example.com')).execute();
    const removal = await db
      .deleteFrom('parties')
      .where('id', '=', party.id)
      .execute()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isForeignKeyViolation(removal)).toBe(true);
    expect(await db.selectFrom('parties').select('id').where('id', '=', party.id).execute()).toHaveLength(1);
  });

  it('stop at a login linked to a missing party instead of adding partner_party_id’s foreign key over it', async () => {
    testDb = await createTestDatabase({ migrate: false });
    const { db } = testDb.database;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
    const before = await migrator.migrateTo('202612071000-challan-eway-bills');
    expect(before.error).toBeUndefined();
    const now = new Date().toISOString();
    const orphan = await db
      .insertInto('users')
      .values({
        name: 'Orphan',
        email: 'orphan@example.com',
        password_hash: 'x',
        role: 'partner',
        is_active: true,
        totp_secret: null,
        totp_enabled: false,
        partner_party_id: 424_242,
        password_changed_at: now,
        last_login_at: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await expect(migrateToLatest(testDb.database)).rejects.toThrow(`user ${orphan.id} → party 424242`);
    await db.updateTable('users').set({ partner_party_id: null }).where('id', '=', orphan.id).execute();
    const after = await migrateToLatest(testDb.database);
    expect(after.applied).toContain('202612080100-users-partner-party-fk');
  });

  it('refuse updates and deletes of audit entries at the database level', async () => {
    testDb = await createTestDatabase();
    const { db } = testDb.database;
    await db
      .insertInto('audit_log')
      .values({
        seq: 1,
        at: new Date().toISOString(),
        actor_type: 'system',
        actor_id: null,
        actor_name: null,
        action: 'x',
        entity: 'y',
        entity_id: null,
        changes: null,
        request_id: null,
        ip: null,
        prev_hash: '0',
        hash: '1',
      })
      .execute();
    await expect(sql`update audit_log set action = 'z'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
  });
});
