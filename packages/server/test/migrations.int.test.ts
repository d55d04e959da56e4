import { afterEach, describe, expect, it } from 'vitest';
import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { MIGRATIONS } from '../src/migrations/registry';
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
